"""Small text helpers shared by the core and the reader.

:func:`inert` is why document text is safe to draw: it maps every control character, terminal
escape introducer, bidirectional override and Unicode line or paragraph separator to a visible
placeholder *one character for one character*, so offsets computed on the real text still index
the displayed text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

LINE_BREAK = re.compile(r"\r\n|[\r\n]")
"""Where a line of user text ends: only at a newline. ``str.splitlines`` also ends lines at NEL,
U+2028, U+2029 and the ASCII form feed and separators, which :func:`inert` shows as characters:
a note must be cut into the same lines by the reader as by the report."""

PLACEHOLDER_FORMAT = "\N{APL FUNCTIONAL SYMBOL QUAD QUESTION}"
"""An invisible character that could act on the terminal or on the text around it."""
PLACEHOLDER_C1 = PLACEHOLDER_FORMAT
"""The C1 controls (U+0080..U+009F, NEL and CSI among them) have no pictures of their own.
Not the replacement character: that one means bytes that could not be decoded."""


def _build_inert_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        # U+2400..U+241F are the Control Pictures: ␀ ␁ ... ␛ (ESC) ... ␟.
        table[code] = chr(0x2400 + code)
    table[0x09] = " "  # a tab is whitespace to a reader; keep it one cell wide
    table[0x7F] = "\N{SYMBOL FOR DELETE}"
    for code in range(0x80, 0xA0):
        table[code] = PLACEHOLDER_C1
    # Invisible characters that can reorder or hide text (the "Trojan Source" family), and the
    # Unicode line and paragraph separators, which some programs obey as line breaks and others
    # draw as nothing (Rich counts them zero cells wide; a terminal may not).
    for code in (
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x200E,
        0x200F,
        0x061C,
        0x2028,
        0x2029,
    ):
        table[code] = PLACEHOLDER_FORMAT
    # A lone surrogate (a file's "\ud800" escape, or a command-line byte that was not UTF-8)
    # cannot be written to a UTF-8 terminal at all: printing it raised instead of showing it.
    # It stands for undecodable bytes, which is what the replacement character says.
    for code in range(0xD800, 0xE000):
        table[code] = "\N{REPLACEMENT CHARACTER}"
    return table


_INERT_TABLE = _build_inert_table()
_NEWLINE_KEPT = dict(_INERT_TABLE)
del _NEWLINE_KEPT[0x0A]


INERT_CHUNK = 1 << 14
"""Characters translated in one call: about a millisecond of work (see :func:`inert`)."""


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """Text that is safe to send to a terminal, the same length as ``text``.

    Rich markup needs no treatment here: the reader never parses document text as markup.
    A long text is translated a piece at a time: ``str.translate`` holds the interpreter lock
    until it returns, so a worker translating a 5 MB document in one call froze the reader's
    screen for 400 ms. Between pieces, the event loop gets its turn.
    """
    table = _NEWLINE_KEPT if keep_newlines else _INERT_TABLE
    if len(text) <= INERT_CHUNK:
        return text.translate(table)
    return "".join(
        text[start : start + INERT_CHUNK].translate(table)
        for start in range(0, len(text), INERT_CHUNK)
    )


@functools.cache
def _json_escapes() -> dict[int, str]:
    """What :func:`inert` would change that ``json.dumps`` leaves raw (it escapes only U+0000 to
    U+001F): DEL, the C1 controls (U+009B is a CSI to some terminals), the bidirectional
    overrides and the line and paragraph separators, each as its ``\\uXXXX`` escape; and the lone
    surrogates an imported file's ``\\ud800`` gives, which cannot be written as UTF-8 at all.

    Made on first use: its two thousand escapes took most of this module's import time, which
    the reader paid at start-up for a table only ``--json`` output reads.
    """
    return {
        code: f"\\u{code:04x}"
        for code in (*_INERT_TABLE, *range(0xD800, 0xE000))
        if code >= 0x7F or code in (0x2028, 0x2029)
    }


@functools.cache
def _json_escaped() -> re.Pattern[str]:
    """Any one character of :func:`_json_escapes`, as a character class of ranges.

    Finding them with a regular expression takes about 20 ms on the 8 MB that ``synoptic notes
    --json`` prints for 10,000 notes; ``str.translate`` with the table took 300 ms, as it looks
    every character of the output up in a dict, and the output rarely holds any of them.
    """
    codes = sorted(_json_escapes())
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return re.compile(
        "[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in ranges) + "]"
    )


def json_text(value: object) -> str:
    """``value`` as indented JSON that is safe to print on a terminal and decodes to exactly
    ``value``.

    ``--json`` output is read by programs but often lands on a terminal first; Unicode text
    stays readable (no ``ensure_ascii``), and only the invisible characters that could act on
    the terminal are escaped. JSON allows any character in a string to be escaped, and such
    characters can only occur inside strings, so the data is unchanged.
    """
    import json

    return json_invisibles_escaped(json.dumps(value, ensure_ascii=False, indent=2))


def json_invisibles_escaped(printed: str) -> str:
    """JSON text ``printed`` with the characters of :func:`_json_escapes` written as their
    escapes: the same data to any JSON reader, as they can only occur inside strings."""
    escapes = _json_escapes()
    return _json_escaped().sub(lambda found: escapes[ord(found.group())], printed)


def text_lines(text: str) -> list[str]:
    """``text`` cut at its newlines (see :data:`LINE_BREAK`); a final newline ends a line."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if len(lines) > 1 and not lines[-1] else lines


def inert_line(text: str, limit: int = 80) -> str:
    """User text on one line, as the report's table cells show it: newlines become spaces,
    everything else invisible a placeholder (which :func:`one_line` would take for a space)."""
    return one_line(inert(LINE_BREAK.sub(" ", text)), limit)


WORD_CUT_REACH = 15
"""How far before the limit :func:`one_line` looks for a space to cut at: a longer word than
this is cut in its middle, or the line would lose most of its room."""


def one_line(text: str, limit: int = 80, *, words: bool = True) -> str:
    """Collapse whitespace and shorten to ``limit`` characters, for titles and result lists.

    A shortened line ends between two words when a space is near the limit (an outline's
    heading read ``Depre…``, a word a reader had to guess), else it is cut where the limit
    falls. ``words=False`` always cuts at the limit: text stored or printed as JSON keeps the
    form it has always had.
    """
    collapsed = " ".join(text.split())
    if len(collapsed) <= limit:
        return collapsed
    cut = collapsed[: limit - 1]
    if words and collapsed[limit - 1] != " ":
        space = cut.rfind(" ")
        if space > 0 and len(cut) - space <= WORD_CUT_REACH:
            cut = cut[:space]
    return cut.rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def shown_path(path: Path) -> str:
    """``path`` as a person reads it: under the home folder, as ``~/...``.

    The sample's copy lives in the user's data folder; written out in full
    (``/home/student/.local/share/synoptic/sample``) it was cut off in an 80-column title bar,
    which is the one place that says where the copy is.
    """
    try:
        inside = path.relative_to(Path.home())
    except (ValueError, RuntimeError):  # RuntimeError: no home folder can be found
        return str(path)
    return "~" if inside == Path() else str(Path("~") / inside)


ZERO_WIDTH_JOINER = "\u200d"
_MARK_CATEGORIES = frozenset({"Mn", "Mc", "Me"})
_CONJUNCT_SCRIPTS = (0x0900, 0x0DFF)
"""Devanagari to Malayalam: a virama between two consonants makes one conjunct (``क्र``)."""


def _is_regional_indicator(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def joins_previous(text: str, index: int) -> bool:
    """Whether ``text[index]`` belongs to the same user-perceived character (grapheme) as the
    character before it: a combining accent, a vowel sign, an emoji's skin tone or variation
    selector, what a zero-width joiner joins, the second letter of a flag, an Indic conjunct.

    A line break, a cursor or a highlight that fell between the two split one character in
    two: ``e`` and an accent drawn alone, half a flag, a family emoji cut into its members.
    This is a close reading of Unicode's extended grapheme clusters (UAX #29) for the cases
    documents hold, without a dependency for it.
    """
    if index <= 0 or index >= len(text):
        return False
    char = text[index]
    if unicodedata.category(char) in _MARK_CATEGORIES:
        return True
    code = ord(char)
    if (
        char == ZERO_WIDTH_JOINER
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (text or emoji style)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (the flags of Scotland, Wales)
        or 0xE0100 <= code <= 0xE01EF  # more variation selectors
    ):
        return True
    previous = text[index - 1]
    if previous == ZERO_WIDTH_JOINER:
        return True
    if _is_regional_indicator(char):
        before = index - 1
        while before >= 0 and _is_regional_indicator(text[before]):
            before -= 1
        return (index - before - 1) % 2 == 1  # the second of a pair
    low, high = _CONJUNCT_SCRIPTS
    return (
        unicodedata.combining(previous) == 9  # a virama
        and low <= code <= high
        and low <= ord(previous) <= high
        and unicodedata.category(char) == "Lo"
    )


def grapheme_start(text: str, index: int) -> int:
    """The start of the grapheme that ``text[index]`` is part of (``index`` at a boundary)."""
    while 0 < index < len(text) and joins_previous(text, index):
        index -= 1
    return index


def grapheme_end(text: str, index: int) -> int:
    """The first grapheme boundary at or after ``index``."""
    while index < len(text) and joins_previous(text, index):
        index += 1
    return index


def word_cuts(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word cut at a line end in ``text`` (``depres-`` then ``sion``
    in a hard-wrapped book): the hyphen, the line break and the next line's indentation.

    Search's rule (:data:`corpus.search_form._LINE_END_HYPHEN`), so that a word search finds
    is also drawn, matched and quoted as one word; a hyphen before a digit is no cut.
    """
    if "-\n" not in text:
        return []
    from corpus.search_form import _LINE_END_HYPHEN  # the one rule; it imports this module

    return [
        cut.span()
        for cut in _LINE_END_HYPHEN.finditer(text)
        if cut.start() and text[cut.start() - 1].isalpha()
    ]


def without_word_cuts(text: str, *, keep_hyphens: bool = False) -> tuple[str, list[int]] | None:
    """``text`` with each of its :func:`word_cuts` taken out (``keep_hyphens``: only its line
    break and indentation), and the offset in ``text`` of each character kept; None when it
    has no cut."""
    cuts = word_cuts(text)
    if not cuts:
        return None
    pieces: list[str] = []
    origins: list[int] = []
    done = 0
    for start, end in cuts:
        kept_end = start + 1 if keep_hyphens else start
        pieces.append(text[done:kept_end])
        origins.extend(range(done, kept_end))
        done = end
    pieces.append(text[done:])
    origins.extend(range(done, len(text)))
    return "".join(pieces), origins


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` with ``noun`` in the form it takes: "1 time", "27 times" (``plural`` when it is
    not the noun with an s: "1 reply", "2 replies"). A message read by a person never says
    "time(s)", and two messages about one count never word it two ways."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
