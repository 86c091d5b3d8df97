"""Sentence segmentation within blocks.

sentencex does the hard part (abbreviations such as "U.S.", "Dr.", "e.g.", "et al.",
decimals, initials) with a compiled rule engine fast enough for a million words in well under a
second. We segment each prose block separately, so a sentence never runs across a heading or a
list item, and soft line breaks inside a paragraph are read as spaces.

Its list of abbreviations misses some that research writing is full of ("approx. 5 mg/kg",
"Figs. 2 and 3", "incl. nausea") and cannot be added to, so a sentence it cut after one of
them is joined again to what follows (see :func:`_continues`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus.inline_markup import as_read
from corpus.model import Block, BlockKind, Sentence

if TYPE_CHECKING:
    from collections.abc import Sequence

LANGUAGE = "en"

_WHOLE_BLOCK = (BlockKind.HEADING,)
_QUOTE_MARKERS = re.compile(r"(?:>[ \t]*)+")
_SPACE_ENDS_SENTENCE = re.compile(r"(?<=[\u0e01-\u0eff])[ \t]+(?=[\u0e01-\u0eff])")
"""A space between two Thai (or Lao) letters: these scripts write no space between words and
no full stop, and a space is where a sentence (or a clause) ends. sentencex knows no Thai,
so a Thai paragraph was one "sentence" for the cursor, claims and matching."""
_UNSPACED_SCRIPT = re.compile(r"[\u0e01-\u0eff]")
"""A letter :data:`_SPACE_ENDS_SENTENCE` needs on both sides of a space."""

_NEVER_LAST = frozenset(
    "approx appr ca cf viz vs incl excl resp esp fig figs eq eqs ref refs sect chap vol vols "  # noqa: SIM905
    "suppl pp".split()
)
"""Abbreviations that stand before what they qualify or point to ("approx. 5 mg", "cf. Smith",
"Suppl. Table 2") and so never end a sentence, whatever follows them."""
_OFTEN_LAST = frozenset("max min est avg yr yrs mo mos wk wks hr hrs".split())  # noqa: SIM905
"""Abbreviations that may end a sentence ("aged 18-65 yrs. They were") but do not when a
lowercase word or a number follows ("34 yrs. in this group", "the max. dose")."""
_LAST_WORD = re.compile(r"(?<![^\W_])([^\W\d_]+)\.$")
"""The word before a sentence's final full stop, alone (not the end of "U.S" or "e.g")."""
_LONGEST = max(len(word) for word in _NEVER_LAST | _OFTEN_LAST)
_NOTE_MARK = re.compile(r"<sup>[^<>\n]{1,20}</sup>[ \t]*", re.IGNORECASE)
"""A footnote number written in HTML right after a full stop (``pain.<sup>1</sup> Doctors``):
the sentence before it points to the note, the next one does not start with it."""
_LEADING_HTML = re.compile(r"(?:<br\s*/?>|<!--.{0,20000}?-->)[ \t]*", re.IGNORECASE | re.DOTALL)
"""A line break or a comment between two sentences: the sentence after it starts after it."""
_BLOCK_CLOSE = re.compile(r"</(?:p|div|summary|h[1-6]|li|dt|dd|td|th|tr|blockquote)\s*>", re.I)


def _continues(chunk: str, previous: tuple[int, int], start: int) -> bool:
    """Whether the sentence at ``start`` goes on the one at ``previous``: sentencex cut it after
    an abbreviation of :data:`_NEVER_LAST`, or of :data:`_OFTEN_LAST` before a lowercase word
    or a number (in a user's text "approx. 5 mg/kg" was two sentences, "approx." and "5 mg/kg",
    each a claim of its own and matched alone)."""
    # Only the end is looked at (the longest abbreviation is short): a paragraph of 20,000
    # characters is not searched again for each of its sentences.
    found = _LAST_WORD.search(chunk, max(previous[0], previous[1] - _LONGEST - 1), previous[1])
    if found is None:
        return False
    word = found.group(1).lower()
    if word in _NEVER_LAST:
        return True
    following = chunk[start : start + 1]
    return word in _OFTEN_LAST and (following.islower() or following.isdigit())


def _after_quote_markers(raw: str, start: int) -> int:
    """Where a sentence starting a line of a block quote begins: after its ``>`` markers, and
    after the empty quoted lines (``>`` alone) before it.

    In Markdown a quote's block starts after its first markers; in plain text (an e-mail's
    ``> `` lines) the block starts at them, so the first line is treated like the others.
    """
    while True:
        if not raw.startswith(">", start):
            return start
        # Looked for only at a ">": from every sentence of a paragraph written on one line,
        # the search went back to the paragraph's start.
        line_start = raw.rfind("\n", 0, start) + 1
        if raw[line_start:start].strip():
            return start
        marker = _QUOTE_MARKERS.match(raw, start)
        if marker is None:  # pragma: no cover - the pattern matches any ">"
            return start
        start = marker.end()
        if not raw.startswith("\n", start):
            return start
        start += 1  # an empty quoted line: the sentence starts on a later one


def split_sentences(text: str, blocks: Sequence[Block]) -> list[Sentence]:
    """Sentences of every prose block, in document order; code blocks have none."""
    from sentencex import get_sentence_boundaries

    sentences: list[Sentence] = []
    # Most texts have no Thai or Lao letter: their sentences need not be searched for one.
    unspaced = _UNSPACED_SCRIPT.search(text) is not None
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.CODE:
            continue
        if block.kind in _WHOLE_BLOCK:
            sentences.append(Sentence(block.start, block.end, index))
            continue
        raw = text[block.start : block.end]
        chunk = raw.replace("\n", " ")
        spans: list[tuple[int, int]] = []
        for boundary in get_sentence_boundaries(LANGUAGE, chunk):
            start = int(boundary["start_index"])
            end = int(boundary["end_index"])
            while start < end and chunk[start].isspace():
                start += 1
            start = _after_quote_markers(raw, start)
            while start < end and chunk[start].isspace():
                start += 1
            if spans and spans[-1][1] == start and (note := _NOTE_MARK.match(chunk, start)):
                spans[-1] = (spans[-1][0], start + len(note.group().rstrip()))
                start = note.end()
            while (leading := _LEADING_HTML.match(chunk, start, end)) is not None:
                start = leading.end()
            while end > start and chunk[end - 1].isspace():
                end -= 1
            if end <= start:
                continue
            if spans and _continues(chunk, spans[-1], start):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        for start, end in spans:
            if not unspaced and "<" not in chunk[start:end]:
                sentences.append(Sentence(block.start + start, block.start + end, index))
                continue
            for piece_start, piece_end in _html_pieces(chunk, start, end):
                sentences.append(
                    Sentence(block.start + piece_start, block.start + piece_end, index)
                )
    return sentences


def _html_pieces(chunk: str, start: int, end: int) -> list[tuple[int, int]]:
    """``chunk[start:end]`` cut after the HTML tags that close a block of a page (``</p>``,
    ``</summary>``), as a browser breaks the line there, and without the pieces that are all
    tags: a ``</details>`` after a sentence was a sentence of its own, with nothing to read.
    """
    if "<" not in chunk[start:end]:
        return _thai_pieces(chunk, start, end)
    pieces = []
    for close in _BLOCK_CLOSE.finditer(chunk, start, end):
        pieces += _thai_pieces(chunk, start, close.end())
        start = close.end()
        while start < end and chunk[start].isspace():
            start += 1
    pieces += _thai_pieces(chunk, start, end)
    return [(a, b) for a, b in pieces if any(char.isalnum() for char in as_read(chunk[a:b]))]


def _thai_pieces(chunk: str, start: int, end: int) -> list[tuple[int, int]]:
    """``chunk[start:end]`` cut at the spaces that end Thai sentences (none in most text)."""
    if end <= start:
        return []
    pieces = []
    for space in _SPACE_ENDS_SENTENCE.finditer(chunk, start, end):
        pieces.append((start, space.start()))
        start = space.end()
    pieces.append((start, end))
    return pieces
