"""Splitting a Markdown document into blocks, from markdown-it-py's tokens (CommonMark), so
that what a Markdown author wrote is what we see; plain text is read by :mod:`corpus.blocks`.
"""

from __future__ import annotations

from dataclasses import replace

from corpus.blocks import offset_lines, strip_span
from corpus.inline_markup import as_read
from corpus.model import Block, BlockKind
from corpus.preambles import front_matter_lines


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown document, from markdown-it-py's token stream and line map.

    Front matter is one code block: shown as it is, never read as sentences.
    """
    from markdown_it import MarkdownIt  # not needed for plain-text workspaces

    parser = MarkdownIt("commonmark").enable("table")
    line_starts = [offset for offset, _ in offset_lines(text)]
    source_lines = text.split("\n")
    blocks: list[Block] = []
    front = front_matter_lines(source_lines)
    if front:
        last = front - 1
        start, end = strip_span(text, 0, line_starts[last] + len(source_lines[last]))
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
        return strip_span(text, start, max(end, start))

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
            start, end = strip_span(
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
