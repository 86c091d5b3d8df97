"""How a table's columns lie across a screen too narrow for them: whole columns, never one cut.

A terminal too narrow for the synopsis's head columns and two document columns (80 columns:
one and a half) cut a document's column mid-word at its edge, and at 60 the first did not fit
at all. There the columns are fitted to the screen instead (:meth:`ColumnFit.fitted`): the head
stays put beside one document column as wide as the rest of the screen or, narrower still,
every column scrolls and a document's takes the whole width; only whole columns are drawn, and
the arrow keys and the wheel move by whole columns. A wide screen keeps the columns at their
own widths, as they were designed; when they do not all fit it too keeps the head put and
moves by whole columns (a workspace of hundreds of documents shows 24 columns a page).

This is geometry alone (cells and column numbers, no Textual), so the table that draws the
columns asks it where they are and keeps only the drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

PADDING = 1
"""Cells of space each side of a cell's text, as a DataTable has."""
NARROWEST = 20
"""Cells of text a document column needs beside the head to be read a few words a line;
with less room, the head scrolls away and the column takes the screen's width."""


@dataclass(frozen=True, slots=True)
class ColumnFit:
    """The columns' widths on one screen, and which of them stay put."""

    widths: tuple[int, ...] = ()
    """Each column's text width: its own, or fitted to a narrow screen."""
    pinned: int = 0
    """The head columns that stay put while the others scroll (when not all of them fit)."""
    whole: bool = False
    """Only whole columns are drawn and scrolling moves by columns (when not all fit)."""
    starts: tuple[int, ...] = ()
    """Where each column starts on a row's full line."""
    total: int = 0
    """The width to scroll over: every column's, and on a narrow screen room enough to bring
    the last column to the left edge."""

    @classmethod
    def fitted(cls, own: Sequence[int], head: int, room: int) -> ColumnFit:
        """Columns of text widths ``own`` on ``room`` cells: unchanged when the room holds
        the first ``head`` and two columns after them (or all of them), else (:attr:`whole`)
        the head and one column filling the rest, or, with under :data:`NARROWEST` cells
        beside the head, a column a screen. Whenever they do not all fit, the head stays put
        and the columns after it are drawn whole (:attr:`whole`)."""
        widths, pinned, whole = tuple(own), 0, False
        head_width = sum(width + 2 * PADDING for width in own[:head])
        body = [width + 2 * PADDING for width in own[head:]]
        overflows = head_width + sum(body) > room
        too_narrow = overflows and room - head_width < 2 * max(body, default=0)
        if room > 0 and body and too_narrow:
            whole = True
            if room - head_width >= NARROWEST + 2 * PADDING:
                pinned = head
                width = room - head_width - 2 * PADDING
            else:
                width = max(room - 2 * PADDING, 1)
            widths = tuple(own[:head]) + (width,) * len(body)
        elif room > 0 and body and overflows:
            # Wide, but not wide enough for every document (four of 24 at 160 columns): the
            # columns keep their widths, the head stays put and the arrows move by columns.
            # Scrolled a cell a key, a column took 36 presses and the head, which says which
            # claim a row is, went first.
            whole, pinned = True, head
        starts = []
        total = 0
        for width in widths:
            starts.append(total)
            total += width + 2 * PADDING
        fit = cls(widths, pinned, whole, tuple(starts))
        if whole:  # room to scroll the last column to the left edge
            total = max(total, starts[-1] - fit.pinned_width + room)
        return cls(widths, pinned, whole, tuple(starts), total)

    @property
    def pinned_width(self) -> int:
        """Cells the pinned head takes."""
        return sum(width + 2 * PADDING for width in self.widths[: self.pinned])

    def span(self, column: int) -> int:
        """Cells the column ``column`` takes, its padding included."""
        return self.widths[column] + 2 * PADDING

    def first(self, scroll_x: int) -> int:
        """The first column drawn after the pinned ones when scrolled to ``scroll_x``: the one
        scrolled to, or the one it lies in."""
        x = scroll_x + self.pinned_width
        first = self.pinned
        for column in range(self.pinned, len(self.starts)):
            if self.starts[column] <= x:
                first = column
        return first

    def end(self, first: int, room: int) -> int:
        """One past the last column drawn whole on ``room`` cells when the scrolled ones start
        at ``first``; a column wider than the screen is drawn as far as it goes."""
        room -= self.pinned_width
        end, used = first, 0
        while end < len(self.widths) and used + self.span(end) <= room:
            used += self.span(end)
            end += 1
        return max(end, min(first + 1, len(self.widths)))

    def scroll_by_column(self, scroll_x: int, step: int, room: int) -> int | None:
        """Where to scroll to move a column: right, the next column comes in whole at the
        right, as few leave at the left as make room; left, the column before comes in at
        the left, with as many before it as fit. None when there is no column that way."""
        first = self.first(scroll_x)
        if step > 0:
            target = self.end(first, room)
            if target >= len(self.widths):
                return None
            right = self.starts[target] + self.span(target)
            first += 1
            while first < target and right - self.starts[first] > room - self.pinned_width:
                first += 1
        else:
            if first <= self.pinned:
                return None
            first -= 1
            end = self.end(first, room)
            while first > self.pinned and self.end(first - 1, room) >= end:
                first -= 1
        return self.starts[first] - self.pinned_width

    def bring_in(self, columns: Sequence[int], scroll_x: int, room: int) -> int | None:
        """Where to scroll so that the first of ``columns`` is drawn, at the left after the
        pinned ones; None when one of them is drawn already, or none is given, or scrolling
        is not by whole columns."""
        if not self.whole or not columns:
            return None
        first = self.first(scroll_x)
        if any(first <= column < self.end(first, room) for column in columns):
            return None
        return self.starts[columns[0]] - self.pinned_width

    def on_screen(self, scroll_x: int, room: int) -> list[tuple[int, int, int]]:
        """The columns drawn, each as its number, where it starts on screen and its width."""
        if self.whole:
            pinned = range(self.pinned)
            first = self.first(scroll_x)
            scrolled = range(first, self.end(first, room))
            x = -self.starts[first] + self.pinned_width
        else:
            pinned = range(0)
            scrolled = range(len(self.widths))
            x = -scroll_x
        shown = [(index, self.starts[index], self.span(index)) for index in pinned]
        shown += [(index, self.starts[index] + x, self.span(index)) for index in scrolled]
        return shown
