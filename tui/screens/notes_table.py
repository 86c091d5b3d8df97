"""The table of the notes list (``l``): one row per note, added a screenful at once and the rest
between turns of the event loop, with Home and End going to the first and the last note.

A workspace may hold hundreds of notes, and a table row costs the event loop half a
millisecond to add and measure: typing in a filter must never wait for the whole list. Nor
for making the rows' cells: a row is made as it is added (a desk's 10,000 notes took half a
second to make at once).
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    Made = tuple[str, Callable[[], Sequence[str | Text]]]
    """A row's key (a note id) and what makes its cells."""

BATCH = 50
"""Rows added to the table between two turns of the event loop (about 25 ms of work)."""


class NotesTable(DataTable[str | Text]):
    """Rows keyed by note id; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # a list of notes is read down, not across: the DataTable's Home and End scroll
        # sideways, which a reader pressing them to reach the first or last note does not expect
        Binding("home", "scroll_top", "First note", show=False),
        Binding("end", "scroll_bottom", "Last note", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True)
        self._waiting: deque[Made] = deque()
        """Rows of the list not added yet, in order: :meth:`_add_waiting` adds them."""

    def set_columns(self, columns: Sequence[tuple[str, str]], widths: Mapping[str, int]) -> None:
        """Replace the columns (and the rows) by ``columns`` (label, key), in that order.

        Each starts as wide as ``widths`` says, or as it was measured when it was shown before:
        the table measures its cells only when idle, and a row drawn before then, with every
        column as narrow as its label, stays drawn so (the drawing is cached) until something
        else changes.
        """
        measured = {column.key.value: column.content_width for column in self.columns.values()}
        self.clear(columns=True)
        for label, key in columns:
            self.add_column(label, key=key)
            width = widths.get(key, measured.get(key))
            if width is not None:
                column = self.columns[ColumnKey(key)]
                column.content_width = max(column.content_width, width)

    def show_rows(self, rows: Sequence[Made], now: int) -> None:
        """List ``rows`` (note id, what makes its cells) instead of what is listed: the first
        ``now`` at once, the rest between turns of the event loop."""
        self.clear()
        for key, make in rows[:now]:
            self.add_row(*make(), key=key)
        self._waiting = deque(rows[now:])
        if self._waiting:
            self._add_waiting()

    @work(exclusive=True, group="notes-list-rows", description="Listing notes")
    async def _add_waiting(self) -> None:
        """Add the waiting rows a batch at a time, letting the screen draw and keys be read
        between batches. A newer :meth:`show_rows` replaces the rows waiting, so a batch never
        adds a row of a list that is no longer shown."""
        while self._waiting:
            await asyncio.sleep(0)
            for _ in range(min(BATCH, len(self._waiting))):
                key, make = self._waiting.popleft()
                self.add_row(*make(), key=key)

    def action_scroll_bottom(self) -> None:
        """The last note of the list, even before every row was added: the rest are added now,
        as the reader asked for the end of the list, not of what happens to be in it yet."""
        waiting, self._waiting = self._waiting, deque()
        for key, make in waiting:
            self.add_row(*make(), key=key)
        super().action_scroll_bottom()
