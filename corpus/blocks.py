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

from corpus.inline_markup import as_read
from corpus.model import Block, BlockKind
from corpus.preambles import email_header, front_matter_lines

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


def _lines(text: str) -> Iterator[tuple[int, str]]:
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
    if ending.endswith(_TERMINAL_PUNCTUATION) or not any(c.isalpha() for c in stripped):
        return False
    return _word_count(stripped) <= HEADING_MAX_WORDS


def _word_count(line: str) -> int:
    """Words in ``line``, counting a run of unspaced script as the words it about holds.

    Split at spaces, a Chinese or Thai paragraph is one or two "words", so every one-line
    paragraph without a full stop (and Thai has none) read as a heading: no sentences, no
    claims, and a paragraph shown in bold.
    """
    unspaced = len(_UNSPACED_LETTER.findall(line))
    return len(line.split()) + unspaced // _LETTERS_PER_UNSPACED_WORD


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quote_depth(line: str) -> tuple[int, bool]:
    """How many ``>`` quote ``line`` (0: it is no quoted line), and whether it holds more than
    its markers."""
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
        elif len(current) == 1 and is_heading_line(first_line):
            kind, level = BlockKind.HEADING, 2
        else:
            kind, level = BlockKind.PARAGRAPH, 0
        start, end = _strip_span(text, start, end)
        if end > start:
            blocks.append(Block(kind, start, end, level, number))
        current, current_is_item, in_table = [], False, False

    previous = ""
    for offset, line in _lines(text):
        if header is not None and offset <= header.end:
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
        depth, says_something = _quote_depth(line)
        if not says_something:
            flush()  # an empty quoted line: a paragraph break within the quote
            continue
        is_item = _LIST_MARKER.match(line) is not None and not depth
        if (
            current
            and (
                depth != current_depth
                or _ATTRIBUTION.search(previous) is not None
                or is_item
                or len(previous) > ONE_LINE_PARAGRAPH
                or (current_is_item and not line[:1].isspace())
                or (
                    len(current) == 1
                    and not current_is_item
                    and is_heading_line(previous)
                    and (
                        len(line) > ONE_LINE_PARAGRAPH
                        # a hard-wrapped sentence goes on in lower case; a second heading does not
                        or (is_heading_line(line) and not line.lstrip()[:1].islower())
                    )
                )
            )
        ):
            flush()
        if not current:
            current_is_item = is_item
            current_depth = depth
        current.append((offset, line))
        previous = line
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
    for offset, line in (*_lines(text), (len(text) + 1, "")):
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


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown document, from markdown-it-py's token stream and line map.

    Front matter is one code block: shown as it is, never read as sentences.
    """
    from markdown_it import MarkdownIt  # not needed for plain-text workspaces

    parser = MarkdownIt("commonmark").enable("table")
    line_starts = [offset for offset, _ in _lines(text)]
    source_lines = text.split("\n")
    blocks: list[Block] = []
    front = front_matter_lines(source_lines)
    if front:
        last = front - 1
        start, end = _strip_span(text, 0, line_starts[last] + len(source_lines[last]))
        blocks.append(Block(BlockKind.CODE, start, end))
    # Blank lines in its place keep the parser's line numbers those of the file.
    tokens = parser.parse("\n" * front + "\n".join(source_lines[front:]))
    list_depth = 0
    item_first_paragraph = False
    item_number: int | None = None
    lists: list[_OpenList] = []
    pending_heading: int | None = None

    def content_span(first: int, last: int, content: str) -> tuple[int, int]:
        """Offsets of inline ``content`` whose source spans lines ``first``..``last``."""
        content_lines = content.split("\n") if content else [""]
        head, tail = content_lines[0], content_lines[-1]
        # rfind: the content runs to the end of its line, and markers before it may look alike
        # ("1. 1"); an empty head gives an empty span, so an empty heading makes no block.
        col = source_lines[first].rfind(head)
        start = line_starts[first] + max(col, 0)
        last_line = source_lines[last]
        end_col = last_line.rfind(tail)
        end = line_starts[last] + (end_col + len(tail) if end_col >= 0 else len(last_line))
        return _strip_span(text, start, max(end, start))

    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            ordered = token.type == "ordered_list_open"
            start_number = token.attrGet("start") if ordered else None
            lists.append(_OpenList(int(start_number or 1) if ordered else None))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            lists.pop().number_items(blocks)
        elif token.type == "list_item_open":
            item_first_paragraph = True
            item_number = lists[-1].next_item() if lists else None
        elif token.type == "heading_open":
            pending_heading = int(token.tag[1:])
        elif token.type == "inline" and token.map is not None:
            parent = tokens[index - 1]
            first, last = token.map[0], token.map[1] - 1
            if pending_heading is not None:
                if parent.markup in ("=", "-"):
                    last = first + token.content.count("\n")  # setext: skip the underline
                start, end = content_span(first, last, token.content)
                if end > start:
                    blocks.append(Block(BlockKind.HEADING, start, end, pending_heading))
                pending_heading = None
                continue
            start, end = content_span(first, last, token.content)
            if end <= start:
                continue
            if list_depth and item_first_paragraph:
                if item_number is not None:
                    lists[-1].items.append(len(blocks))
                blocks.append(Block(BlockKind.LIST_ITEM, start, end, list_depth - 1, item_number))
            else:
                blocks.append(Block(BlockKind.PARAGRAPH, start, end))
            item_first_paragraph = False
        elif token.type in ("fence", "code_block", "html_block", "table_open") and token.map:
            first, last = token.map[0], token.map[1] - 1
            start, end = _strip_span(
                text, line_starts[first], line_starts[last] + len(source_lines[last])
            )
            if end > start:
                blocks.append(_raw_block(token.type, text, start, end))
            if token.type == "table_open":
                pending_heading = None
    return _without_table_cells(blocks)


def _raw_block(kind: str, text: str, start: int, end: int) -> Block:
    """The block of a fence, an indented code block, an HTML block or a table.

    An HTML block is prose when it holds words outside its tags and comments (``<p>``, a
    ``<details>``'s ``<summary>Methods</summary>``): read into sentences like a paragraph, its
    tags dimmed and unread (see :mod:`corpus.inline_markup`). One without (a comment, a
    ``<div>`` of images) is drawn as written, its markup dimmed, never read as sentences.
    """
    if kind == "html_block":
        if any(char.isalnum() for char in as_read(text[start:end])):
            return Block(BlockKind.PARAGRAPH, start, end)
        return Block(BlockKind.CODE, start, end, marked_up=True)
    return Block(BlockKind.CODE, start, end, marked_up=kind == "table_open")


class _OpenList:
    """A Markdown list being read: the number its next item gets (None: a bullet list), and
    where its numbered items are among the blocks, given their width once it closes."""

    def __init__(self, start: int | None) -> None:
        self.next_number = start
        self.items: list[int] = []

    def next_item(self) -> int | None:
        """The number of the item that opens now (CommonMark counts on from the list's start,
        whatever the later items' markers say)."""
        number = self.next_number
        if number is not None:
            self.next_number = number + 1
        return number

    def number_items(self, blocks: list[Block]) -> None:
        """Give this list's numbered items the digits of its widest number."""
        digits = max((len(str(blocks[i].number)) for i in self.items), default=0)
        for i in self.items:
            blocks[i] = replace(blocks[i], number_digits=digits)


def _without_table_cells(blocks: list[Block]) -> list[Block]:
    """Drop blocks nested inside a code/table block (table cells come as inline tokens too)."""
    result: list[Block] = []
    for block in blocks:
        if result and result[-1].kind is BlockKind.CODE and block.start < result[-1].end:
            continue
        result.append(block)
    return result


def split_blocks(text: str, *, markdown: bool) -> list[Block]:
    """Blocks of ``text``, read as Markdown or as plain text."""
    return markdown_blocks(text) if markdown else text_blocks(text)
