"""Splitting a document into blocks: headings, list items, paragraphs, code.

Markdown files are parsed with markdown-it-py (CommonMark), so what a Markdown author wrote is
what we see. Plain-text files have no grammar, so we read the two conventions that matter:
web articles saved one paragraph per line with short unpunctuated heading lines and ``- ``
lists (the sample workspace), and hard-wrapped text with blank lines between paragraphs
(licences, READMEs, e-mails).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from corpus.model import Block, BlockKind
from corpus.preambles import email_header

if TYPE_CHECKING:
    from collections.abc import Iterator

ONE_LINE_PARAGRAPH = 100
"""A line longer than this is a paragraph of its own: nobody hard-wraps that wide."""

HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 20
_TERMINAL_PUNCTUATION = tuple(
    ".!?;,:\N{HORIZONTAL ELLIPSIS}"
    # CJK full stop, full-width ! ? ; , : . and the half-width full stop
    "\u3002\uff01\uff1f\uff1b\uff0c\uff1a\uff0e\uff61"
    # Devanagari (Hindi) danda and double danda; Arabic ? . , ;; Urdu full stop; Armenian,
    # Ethiopic, Myanmar and Khmer full stops; the Greek question mark
    "\u0964\u0965\u061f\u06d4\u060c\u061b\u0589\u1362\u104b\u17d4\u037e"
)
"""What a sentence ends with, in the scripts whose full stop is not ``.``: a Chinese line
ending in ``。`` is a paragraph, not a heading."""
_CLOSERS = "\"'\u2019\u201d\u00bb\u203a)]}\u300d\u300f\u3011\u3009\u300b\uff09\uff3d"
"""Quotes and brackets that may close a sentence after its full stop (``“It works.”``,
``「はい。」``): the punctuation before them is what ends it."""
_UNSPACED_LETTER = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46"
    "\u0e81-\u0eb0\u0eb2\u0eb3\u0ec0-\u0ec6\u1000-\u102a\u1780-\u17b3]"
)
"""A letter of a script written without spaces between words (Chinese, Japanese, Thai, Lao,
Myanmar, Khmer); their vowel signs and tone marks are left out, as they belong to a letter."""
_LETTERS_PER_UNSPACED_WORD = 2
"""About how many such letters make a word, for the heading test's word count: a Chinese word
is one to three characters, a Thai word a few letters more (less its marks)."""
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+\u2022]|(?P<number>\d{1,3})[.)])[ \t]+(?=\S)")
QUOTE_MARKERS = re.compile(r"[ \t]*(?:>[ \t]*)+")
"""The ``>`` markers (nested ones too) that start a quoted line of an e-mail or Markdown."""
_ATTRIBUTION = re.compile(r"\bwrote:\s*$")
"""The line that says whose words a quote is ("On Tue, 3 Mar 2020, Bob wrote:"): a block of
its own, not the first words of the quote's first sentence."""
SIGNATURE_LINES = ("-- ", "--")
"""The line that opens an e-mail's signature ("-- ", as RFC 3676 has it; many programs drop
the space)."""


def offset_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) pairs without the newline."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def is_heading_line(line: str) -> bool:
    """A short line without closing punctuation reads as a heading in plain-text articles."""
    stripped = line.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS:
        return False
    ending = stripped.rstrip(_CLOSERS) or stripped
    if ending.endswith(_TERMINAL_PUNCTUATION) or not any(map(str.isalpha, stripped)):
        return False
    return _word_count(stripped) <= HEADING_MAX_WORDS


def _word_count(line: str) -> int:
    """Words in ``line``, counting a run of unspaced script as the words it about holds.

    Split at spaces, a Chinese or Thai paragraph is one or two "words", so every one-line
    paragraph without a full stop (and Thai has none) read as a heading: no sentences, no
    claims, and a paragraph shown in bold.
    """
    if line.isascii():  # most lines: no unspaced script to look for
        return len(line.split())
    unspaced = len(_UNSPACED_LETTER.findall(line))
    return len(line.split()) + unspaced // _LETTERS_PER_UNSPACED_WORD


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved in past blanks: a block's span covers its words, so the cursor
    and a note's quote never start on the blank line before it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quote_depth(line: str) -> tuple[int, bool]:
    """How many ``>`` quote ``line`` (0: it is no quoted line), and whether it holds more than
    its markers."""
    if ">" not in line:  # most lines, and the expression costs more than the look
        return 0, True
    markers = QUOTE_MARKERS.match(line)
    if markers is None:
        return 0, True
    return markers.group().count(">"), bool(line[markers.end() :].strip())


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text document (see the module docstring for the conventions).

    E-mails saved as text get their own conventions: the header is one code block (shown as
    written, no sentences), a run of ``>`` quoted lines is a block of its own (as a Markdown
    block quote is: its sentences are not joined to the reply around it, and a quote within
    the quote, ``> >``, is another), the line saying who wrote the quote is one too, and the
    signature after a ``-- `` line is a code block, not the last sentence's end.
    """
    header = email_header(text)
    blocks: list[Block] = [] if header is None else [Block(BlockKind.CODE, 0, header.end)]
    # Looked for once: most texts quote nobody, and each line was searched for both.
    has_quotes = ">" in text
    has_attribution = "wrote:" in text
    headings: dict[str, bool] = {}  # is_heading_line of a line; each is asked up to 3 times

    def is_heading(line: str) -> bool:
        known = headings.get(line)
        if known is None:
            known = headings[line] = is_heading_line(line)
        return known

    current: list[tuple[int, str]] = []  # lines of the block being gathered
    current_is_item = in_table = False
    current_depth = 0  # of the quote being gathered (0: not a quote)
    in_signature = False
    table_rows = _tab_table_rows(text)

    def flush() -> None:
        nonlocal current, current_is_item, in_table
        if not current:
            return
        first_offset, first_line = current[0]
        last_offset, last_line = current[-1]
        start, end = first_offset, last_offset + len(last_line)
        number = None
        if in_signature or in_table:
            kind, level = BlockKind.CODE, 0
        elif current_depth:
            marker = QUOTE_MARKERS.match(first_line)
            assert marker is not None
            start += marker.end()
            kind, level = BlockKind.PARAGRAPH, 0
        elif current_is_item:
            marker = _LIST_MARKER.match(first_line)
            assert marker is not None
            start += marker.end()
            if marker["number"] is not None:
                number = int(marker["number"])
            indent = len(first_line) - len(first_line.lstrip())
            kind, level = BlockKind.LIST_ITEM, indent // 2
        elif len(current) == 1 and is_heading(first_line):
            kind, level = BlockKind.HEADING, 2
        else:
            kind, level = BlockKind.PARAGRAPH, 0
        start, end = strip_span(text, start, end)
        if end > start:
            blocks.append(Block(kind, start, end, level, number))
        current, current_is_item, in_table = [], False, False

    previous = ""
    skip_to = -1 if header is None else header.end
    next_offset = 0
    for line in text.split("\n"):
        offset = next_offset
        next_offset += len(line) + 1
        if offset <= skip_to:
            continue
        if not line.strip():
            flush()
            in_signature = False
            previous = ""
            continue
        if line in SIGNATURE_LINES:
            flush()
            in_signature = True
        if in_signature:
            current.append((offset, line))
            continue
        if (offset in table_rows) != in_table:  # a table's rows are a block of their own
            flush()
            in_table = offset in table_rows
        if in_table:
            current.append((offset, line))
            continue
        # A quoted line starts with ">" or blanks (the line is not blank here).
        quotable = has_quotes and line[0] in " \t>"
        depth, says_something = _quote_depth(line) if quotable else (0, True)
        if not says_something:
            flush()  # an empty quoted line: a paragraph break within the quote
            continue
        is_item = _LIST_MARKER.match(line) is not None and not depth
        # A quoted line is read after its markers: "> randomised trial" goes on in lower case,
        # and "> It was a" is no heading with "> " before it either.
        markers = QUOTE_MARKERS.match(line) if depth else None
        said = line if markers is None else line[markers.end() :]
        if (
            current
            and (
                depth != current_depth
                or (has_attribution and _ATTRIBUTION.search(previous) is not None)
                or is_item
                or len(previous) > ONE_LINE_PARAGRAPH
                or (current_is_item and not line[:1].isspace())
                or (
                    len(current) == 1
                    and not current_is_item
                    and is_heading(previous)
                    and (
                        len(said) > ONE_LINE_PARAGRAPH
                        # a hard-wrapped sentence goes on in lower case; a second heading does not
                        or (is_heading(said) and not said.lstrip()[:1].islower())
                    )
                )
            )
        ):
            flush()
        if not current:
            current_is_item = is_item
            current_depth = depth
        current.append((offset, line))
        previous = said
    flush()
    return _numbered_alike(blocks)


def _tab_table_rows(text: str) -> set[int]:
    """Offsets of the lines that are rows of a table pasted from a spreadsheet: two lines or
    more in a row with as many tabs between their cells (a tab before the first word is an
    indent). Read as paragraphs, each row was a heading ("Alice 2 g less pain"); as a Markdown
    table is, the rows are drawn one a line and read as no sentence."""
    if "\t" not in text:
        return set()
    rows: set[int] = set()
    run: list[int] = []
    tabs = 0
    for offset, line in (*offset_lines(text), (len(text) + 1, "")):
        count = line.count("\t") if "\t" in line.lstrip() else 0
        if count and count == tabs:
            run.append(offset)
            continue
        if len(run) >= 2:
            rows.update(run)
        run, tabs = ([offset], count) if count else ([], 0)
    return rows


def _numbered_alike(blocks: list[Block]) -> list[Block]:
    """Plain-text numbered items with the digits of the widest number among their neighbours.

    Plain text has no list grammar: a run of numbered items one after another at one level,
    nested items between them aside, is taken for one list.
    """
    if all(block.number is None for block in blocks):
        return blocks  # nothing to widen, as in most texts
    result = list(blocks)
    run: dict[int, list[int]] = {}  # level -> indices of the numbered items of its open run

    def close(level: int) -> None:
        indices = run.pop(level, [])
        digits = max((len(str(result[i].number)) for i in indices), default=0)
        for i in indices:
            result[i] = replace(result[i], number_digits=digits)

    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.LIST_ITEM:
            for level in list(run):
                close(level)
            continue
        for level in [level for level in run if level > block.level]:
            close(level)
        if block.number is None:
            close(block.level)
        else:
            run.setdefault(block.level, []).append(index)
    for level in list(run):
        close(level)
    return result


def split_blocks(text: str, *, markdown: bool) -> list[Block]:
    """Blocks of ``text``, read as Markdown or as plain text."""
    if not markdown:
        return text_blocks(text)
    from corpus.markdown_blocks import markdown_blocks  # it reads this module's helpers

    return markdown_blocks(text)
