"""Finding a passage a person named by quoting it.

People quote what they see, and what they see is not always what the file holds: a terminal
wraps a sentence across lines, a keyboard types ``'`` where the article printed ``’``, ``"``
for ``“``, ``-`` for ``–``. A quote that only differs from the document in that way names the
same passage, so it is found; anything else (a changed word, a different case) is not, because
a quote is what lets the passage be checked. Exact copies always win, so a quote that occurs
verbatim is never matched somewhere else loosely.

The same goes for Unicode's several spellings of one text: ``é`` typed as one character or as
``e`` and a combining accent (macOS file names and some editors give the second), and
compatibility forms such as the ligature ``ﬁ`` that a PDF copy leaves in "ﬁbrosis". They look
the same on screen, so a quote is compared in NFKC form when nothing else is found.

A word a hard-wrapped text cut at a line end (``depres-`` then ``sion``) is quoted as the word
it is, ``depression``, or as the reader draws it, ``depres-sion``. A sentence an e-mail quotes
over several ``> `` lines is quoted as the reader and ``synoptic claims`` show it, without the
``>`` that starts each of its lines.

The spans returned are the document's own text, so what is stored or printed is what the
document says, not what was typed.
"""

from __future__ import annotations

import re
import unicodedata

from corpus.folding import folded_with_origins
from corpus.text import grapheme_end, grapheme_start, without_word_cuts

_EQUIVALENTS = (
    "'\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4",  # apostrophes and single quotes
    '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb',  # double quotes
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212",  # hyphens, dashes, minus
)
_CLASS_OF = {char: f"[{re.escape(group)}]" for group in _EQUIVALENTS for char in group}
_GAP = r"(?:(?:\s*\n[ \t]*>[ \t>]*)+\s*|\s+)"
"""Between two words of a quote: any whitespace, and with it the ``>`` markers that start a
quoted e-mail line after a line break (never a ``>`` inside a line: "dose > 5 mg" is not
"dose 5 mg")."""
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011](?=[^\W\d_])")
_PLAIN = str.maketrans({char: group[0] for group in _EQUIVALENTS for char in group[1:]})


def plain_typography(text: str) -> str:
    """``text`` with each typographic quote and dash as its keyboard form, one for one.

    For word filters that compare strings rather than search with a pattern; the length is
    kept, so offsets into the result are offsets into ``text``.
    """
    return text.translate(_PLAIN)


def loose_pattern(
    quote: str, *, ignore_case: bool = False, hyphens_optional: bool = False
) -> re.Pattern[str]:
    """``quote`` with any whitespace run (and the quote markers of a line it runs onto) and
    each typographic variant made interchangeable.

    Search uses it too, so typing ``kratom's`` finds ``Kratom’s`` wherever one looks.
    ``hyphens_optional``: a hyphen between two letters may be missing from the text, as it is
    from search's form of a compound cut at its own hyphen at a line end (``well-`` then
    ``known`` is searched as ``wellknown``), so that typing ``well-known`` finds it.
    """
    words = []
    for word in quote.split():
        optional = (
            {found.start() for found in _HYPHEN_IN_WORD.finditer(word)} if hyphens_optional else ()
        )
        words.append(
            "".join(
                _CLASS_OF.get(char, re.escape(char)) + ("?" if at in optional else "")
                for at, char in enumerate(word)
            )
        )
    return re.compile(_GAP.join(words), re.IGNORECASE if ignore_case else 0)


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every span of ``text`` that ``quote`` names, in order; empty when there is none.

    Verbatim copies when there are any (overlapping ones too: "aa" occurs twice in "aaa"),
    otherwise copies that differ only in whitespace and typographic punctuation. A span is
    widened to whole graphemes: ``She waved 👋`` names the document's ``👋🏽``, and ``cafe``
    at the start of a ``café`` spelt with a combining accent takes the accent, so a note never
    holds, or highlights, half a character.
    """
    widened = (
        (grapheme_start(text, start), grapheme_end(text, end))
        for start, end in _find_spans(text, quote)
    )
    return list(dict.fromkeys(widened))  # two copies inside one grapheme are one


def _find_spans(text: str, quote: str) -> list[tuple[int, int]]:
    if not quote.strip():
        return []
    spans = []
    position = text.find(quote)
    while position >= 0:
        spans.append((position, position + len(quote)))
        position = text.find(quote, position + 1)
    if spans:
        return spans
    spans = _search(text, loose_pattern(quote))
    if spans:
        return spans
    spans = _search_uncut(text, quote)
    folded_quote = unicodedata.normalize("NFKC", quote)
    if spans or (folded_quote == quote and text.isascii()):
        return spans
    folded = folded_with_origins(text)
    if folded is None:  # the text is in NFKC form already: only the quote was not
        return _search(text, loose_pattern(folded_quote))
    plain, starts, ends = folded
    return [(starts[a], ends[b - 1]) for a, b in _search(plain, loose_pattern(folded_quote))]


def _search_uncut(text: str, quote: str) -> list[tuple[int, int]]:
    """Where ``quote`` is in ``text`` read with its words cut at line ends whole: as the reader
    draws them (``depres-sion``), or as the words they are (``depression``)."""
    for keep_hyphens in (True, False):
        uncut = without_word_cuts(text, keep_hyphens=keep_hyphens)
        if uncut is None:
            return []
        plain, origins = uncut
        spans = _search(plain, loose_pattern(quote))
        if spans:
            return [(origins[start], origins[end - 1] + 1) for start, end in spans]
    return []


def _search(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    position = 0
    while (found := pattern.search(text, position)) is not None:
        if found.end() > found.start():
            spans.append((found.start(), found.end()))
        position = found.start() + 1
    return spans
