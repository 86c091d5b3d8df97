"""Wrapping a document into screen lines, once per width, for the Line-API document view.

A :class:`DocumentLayout` is a few flat lists (one entry per screen line), so a 100,000-line
document costs a few megabytes and the view can draw any line, or find the line of any offset,
in O(log n). Nothing here draws; it only decides where lines break.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size

from corpus.formats import is_markdown_name
from corpus.inline_markup import markup_spans
from corpus.model import Block, BlockKind, Document
from corpus.text import grapheme_end, grapheme_start, inert, joins_previous, word_cuts

if TYPE_CHECKING:
    from collections.abc import Sequence

    from corpus.inline_markup import MarkupSpan

BULLET = "\N{BULLET} "
SEPARATOR = -1
"""Block index of the blank line drawn between two blocks."""


QUICK_WRAP = 200_000
"""How many characters of ordinary text the event loop wraps itself, about 20 ms of work with
the display text; a document costing more is wrapped in a thread (see :func:`wraps_quickly`)."""
MEASURED_COST = 12
"""How many times longer a character takes when its paragraph is measured grapheme by grapheme
(:func:`_wrap_cells`): a 350,000-character Chinese document blocked the loop 250-400 ms, an
English one of the same length 25-50 ms."""
WORD_JOINED = "\N{WORD JOINER}"
"""What the line break (and indentation) of a word cut at a line end is drawn as: nothing, zero
cells wide, so ``depres-`` then ``sion`` reads ``depres-sion``, not ``depres- sion``, while
every character keeps its offset (see :func:`display_text`)."""
_MEASURED = re.compile("[^\x00-\u02ff\u2010-\u2027\u2060]")
"""A character that may have its paragraph measured grapheme by grapheme: anything past Latin,
save the quotes, dashes and ellipsis of ordinary prose, and a word cut's :data:`WORD_JOINED`."""


def wraps_quickly(text: str) -> bool:
    """Whether wrapping ``text`` is quick enough to do on the event loop.

    Length alone was the test: a document under 400,000 characters was wrapped on the loop,
    however slow its script is to measure. One search (under a millisecond for 350,000
    characters) tells the two costs apart; a single emoji counts the whole document as slow,
    which at worst wraps a document in a thread that did not need it.
    """
    slow = len(text) * MEASURED_COST > QUICK_WRAP and _MEASURED.search(text) is not None
    return len(text) * (MEASURED_COST if slow else 1) <= QUICK_WRAP


def list_marker(block: Block) -> str:
    """What stands for a list item's marker: its number (right-aligned to the widest of its
    list, so that the text of items 9 and 10 starts at one column), else a bullet. The
    marker as written is outside the block's span, so this is drawn, never part of the text."""
    if block.number is None:
        return BULLET
    return f"{block.number}.".rjust(block.number_digits + 1) + " "


def list_prefixes(blocks: Sequence[Block]) -> dict[int, str]:
    """What is drawn before each list item's first line (by block index): its marker, indented
    to the column where the text of the item it is nested in starts."""
    prefixes: dict[int, str] = {}
    columns: list[int] = []  # where each open level's text starts
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.LIST_ITEM:
            continue
        level = block.level
        indent = columns[level - 1] if 0 < level <= len(columns) else 2 * level
        prefix = " " * indent + list_marker(block)
        prefixes[index] = prefix
        del columns[level:]
        columns.append(len(prefix))
    return prefixes


@dataclass(slots=True)
class DocumentLayout:
    """Screen lines of a document at one width.

    Line ``i`` shows ``display[starts[i]:ends[i]]`` of block ``blocks[i]`` (or is a blank
    separator when ``blocks[i] == SEPARATOR``); ``first[i]`` says it is its block's first line,
    which carries the list marker.
    """

    width: int
    display: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    first: list[bool] = field(default_factory=list)
    prefixes: dict[int, str] = field(default_factory=dict)
    """What is drawn before a list item's first line, by block index (see :func:`list_prefixes`)."""
    markdown: bool = False
    """The document is Markdown: its inline markup is drawn quietly (see :meth:`markup`)."""
    _markup: dict[int, list[MarkupSpan]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.starts)

    def prefix(self, block: int, *, first: bool = True) -> str:
        """What is drawn before a line of block ``block``: a list item's marker on its first
        line, as many spaces on the others (its text hangs under the first line's)."""
        prefix = self.prefixes.get(block, "")
        return prefix if first else " " * len(prefix)

    def indent(self, block: int) -> int:
        """Cells every line of block ``block`` is indented by."""
        return len(self.prefixes.get(block, ""))

    def markup(self, block: int, start: int, end: int) -> list[MarkupSpan]:
        """The inline markup of block ``block`` (which spans ``start:end``), read the first time
        one of its lines is drawn: emphasis may run over a line break, so the block is read
        whole, and a long document is never read all at once."""
        found = self._markup.get(block)
        if found is None:
            found = self._markup[block] = markup_spans(self.display, start, end)
        return found

    def line_of_offset(self, offset: int) -> int:
        """The screen line showing character ``offset`` (or the nearest line before it)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        while index > 0 and self.blocks[index] == SEPARATOR:
            index -= 1
        return max(index, 0)

    def _add(self, start: int, end: int, block: int, first: bool) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.blocks.append(block)
        self.first.append(first)


def _wrap_ascii(display: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap where every character is one cell wide (the common, fast case)."""
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        limit = pos + width
        if limit >= end:
            spans.append((pos, end))
            break
        space = display.rfind(" ", pos, limit + 1)
        if space <= pos:
            spans.append((pos, limit))  # a word longer than the line: cut it
            pos = limit
        else:
            spans.append((pos, space))
            pos = space + 1
        while pos < end and display[pos] == " ":
            pos += 1
    return spans


def grapheme_cells(display: str, index: int, end: int) -> tuple[int, int]:
    """Where the grapheme starting at ``index`` ends (at ``end`` at the latest), and the cells
    Rich draws it in: a family emoji is two cells, not the six of its members."""
    after = min(grapheme_end(display, index + 1), end)
    if after == index + 1:
        return after, get_character_cell_size(display[index])
    return after, cell_len(display[index:after])


def offset_at_cell(display: str, start: int, end: int, column: int) -> int:
    """The start of the grapheme drawn over cell ``column`` of the line ``display[start:end]``
    (the last grapheme's, right of the text): measured as :func:`wrap` measured the line, so a
    click lands on the character drawn under the mouse, never inside one."""
    index = start
    cells = 0
    while index < end:
        after, size = grapheme_cells(display, index, end)
        if cells + size > column:
            return index
        cells += size
        index = after
    return grapheme_start(display, end - 1) if end > start else start


def _wrap_cells(display: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap that counts terminal cells, a grapheme at a time.

    A CJK character takes two cells, an accent none, an emoji with its variation selector or
    joined into a family what Rich draws it in: each grapheme is measured as Rich will draw
    it, so no line is wider than the pane (Rich crops what is), and a line never ends inside
    one, which drew an ``e`` and its accent, or a flag's two letters, on two lines.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        cells = 0
        index = pos
        last_space = -1
        while index < end:
            after, size = grapheme_cells(display, index, end)
            if cells + size > width:
                break
            if display[index] == " ":
                last_space = index
            cells += size
            index = after
        if index >= end:
            spans.append((pos, end))
            break
        if last_space > pos:
            spans.append((pos, last_space))
            pos = last_space + 1
        else:
            cut = index if index > pos else min(grapheme_end(display, pos + 1), end)
            spans.append((pos, cut))
            pos = cut
        while pos < end and display[pos] == " ":
            pos += 1
    return spans


def _one_cell_each(chunk: str) -> bool:
    """Every character of ``chunk`` takes one cell and is a grapheme of its own, so lines can
    be measured in characters. Comparing the chunk's cell length with its length was not
    enough: a paragraph with as many accents (zero cells) as CJK characters (two) passed."""
    if chunk.isascii():
        return True
    # A word cut's joiner is measured as one cell, not none: a line with one is at most a cell
    # short of the width, never wider, and hard-wrapped books keep the fast wrap.
    return all(
        char == WORD_JOINED
        or (
            get_character_cell_size(char) == 1
            and not joins_previous(f" {char}", 1)
            and not "\U0001f1e6" <= char <= "\U0001f1ff"
        )  # half a flag
        for char in set(chunk)
    )


def wrap(display: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Line spans of ``display[start:end]`` wrapped to ``width`` cells."""
    width = max(width, 1)
    if _one_cell_each(display[start:end]):
        return _wrap_ascii(display, start, end, width)
    return _wrap_cells(display, start, end, width)


def _prose_cuts(document: Document) -> list[tuple[int, int]]:
    """The :func:`~corpus.text.word_cuts` of ``document`` outside its code blocks, whose lines
    are drawn as written, indentation and all."""
    cuts = word_cuts(document.text)
    code = [(b.start, b.end) for b in document.blocks if b.kind is BlockKind.CODE]
    if not cuts or not code:
        return cuts
    starts = [start for start, _ in code]
    kept = []
    for cut in cuts:
        found = bisect.bisect_right(starts, cut[0]) - 1
        if found < 0 or cut[0] >= code[found][1]:
            kept.append(cut)
    return kept


def display_text(document: Document) -> str:
    """The document as drawn: inert, with soft line breaks inside prose read as spaces, and a
    word cut at a line end drawn whole, its hyphen kept (``depres-sion``, as ``well-known``
    is: a compound cut at its own hyphen cannot be told from a word cut to fit the line).

    Same length as ``document.text``, so offsets carry over unchanged.
    """
    text = document.text
    shown = inert(text, keep_newlines=True)
    cuts = _prose_cuts(document)
    if cuts:
        pieces = []
        done = 0
        for start, end in cuts:
            pieces += [shown[done : start + 1], WORD_JOINED * (end - start - 1)]
            done = end
        pieces.append(shown[done:])
        shown = "".join(pieces)
    return shown.replace("\n", " ")


def layout_document(document: Document, width: int, display: str | None = None) -> DocumentLayout:
    """Wrap every block of ``document`` to ``width`` cells, with a blank line between blocks."""
    if display is None:
        display = display_text(document)
    layout = DocumentLayout(
        width=width,
        display=display,
        prefixes=list_prefixes(document.blocks),
        markdown=is_markdown_name(document.id),
    )
    text = document.text
    for index, block in enumerate(document.blocks):
        if index:
            layout._add(block.start, block.start, SEPARATOR, False)
        # The indent is drawn whatever the width, so the text gets what it leaves: a floor
        # here made a nested list item wider than a narrow pane, its ends cut off.
        available = max(width - layout.indent(index), 1)
        if block.kind is BlockKind.CODE:
            # Code keeps its own line breaks; each source line wraps on its own.
            pieces: list[tuple[int, int]] = []
            line_start = block.start
            while line_start <= block.end:
                line_end = text.find("\n", line_start, block.end)
                if line_end < 0:
                    line_end = block.end
                pieces.extend(
                    wrap(display, line_start, line_end, available) or [(line_start, line_end)]
                )
                line_start = line_end + 1
        else:
            pieces = wrap(display, block.start, block.end, available)
        for number, (start, end) in enumerate(pieces):
            layout._add(start, end, index, number == 0)
    return layout
