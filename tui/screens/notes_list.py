"""``l``: every note of the workspace, filtered by the words in it, author, tag, verdict,
document, anchor and whether it is new (by someone else, since the last visit), in reading order
or by time (newest or oldest first).

Orphans (notes whose passage could not be found) are listed with their quote like any other
note; ``R`` re-attaches the highlighted one to the passage selected in the focused pane.

Replies are shown as ``synoptic notes`` shows them: in reading order, each right under the note
it answers, indented; a reply listed without that note (filtered out, deleted, or in an order by
time) says whose note it answers.

A workspace may hold hundreds of notes: the rows that fill the screen are put in at once, the
rest a few dozen at a time (:mod:`tui.screens.notes_table`), so that typing in a filter never
waits for the whole list.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Select, Static

from annotations.anchoring import AnchorState
from annotations.labels import Verdict
from annotations.report_threads import listed_threads
from tui.screens.notes_choice import NoteFilters, chosen_notes, searchable
from tui.screens.notes_rows import (
    CELL_PADDING,
    LABELS,
    NoteCells,
    arrangement,
    column_widths,
    doc_cells,
    in_order,
)
from tui.screens.notes_table import BATCH, NotesTable
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.app import ComposeResult

    from annotations.model import Annotation
    from annotations.placement import Placed
    from tui.screens.notes_rows import Arrangement

__all__ = ["BATCH", "NotesListScreen"]
ORDERS: tuple[tuple[str, str], ...] = (
    ("by document", "document"),
    ("newest first", "newest"),
    ("oldest first", "oldest"),
)
"""The list's orders (shown, value): the store's reading order (document, then place in it),
or by the time a note was written or last edited, the time its row shows."""


class FilterBox(Input):
    """A filter's text box. ``↓`` leaves it for the list as Enter does: a box of one line has
    nothing below it to go to, and the list is where a reader looks next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "submit", "To the list", show=False),
    ]


class NotesListScreen(Screen["tuple[str, str] | None"]):
    """Returns ("jump", id) or ("reattach", id), or None when closed."""

    HELP_TITLE: ClassVar[str] = "All notes"
    """Help (``?``) lists this screen's keys first, under this title (as for the synopsis)."""
    HELP_ABOUT: ClassVar[str] = (
        "Anchor says where a note is in its document now that it may have been edited: "
        "anchored (where it was written), moved (its quote found elsewhere, its surroundings "
        "agreeing), fuzzy (a slightly changed quote in the same surroundings) or orphaned (its "
        "passage was not found; it keeps its quote: select the right passage in a pane and "
        "press R here). \N{DOWNWARDS ARROW} \N{UPWARDS ARROW}, PgDn PgUp and Home End move "
        "through the notes; Enter goes to the note in the focused pane; Tab moves between the "
        "filters and the list. In a filter's box, Enter or \N{DOWNWARDS ARROW} goes to the "
        "first note found, and Esc clears the box and goes back to the list. In a narrow "
        "terminal the columns that would push the note's text off the screen come after it, "
        "and the line under the list shows them for the highlighted note."
    )
    """What the Anchor column's words mean, in help: they are the tool's, not the reader's; and
    the list's own keys, which help's table of this screen's keys cannot list."""

    DEFAULT_CSS = """
    NotesListScreen > Label {
        padding: 0 1;
        background: $panel;
        width: 100%;
        /* one line, cut with an ellipsis: a Label does not honour a Text's own no_wrap */
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    NotesListScreen Horizontal { height: auto; }
    NotesListScreen Horizontal Input { width: 1fr; }
    NotesListScreen #words { width: 2fr; }
    NotesListScreen Horizontal Select { width: 20fr; max-width: 28; }
    /* at 80 columns, 22 + 18 + 20 + 20: each box as wide as its longest value
       ("needs evidence", "any anchor", "new and seen", "newest first") */
    NotesListScreen #verdict { width: 22fr; }
    NotesListScreen #anchor { width: 18fr; }
    /* one line: a value that does not fit is cut with an ellipsis, never wrapped to two */
    NotesListScreen SelectCurrent Static#label { text-wrap: nowrap; text-overflow: ellipsis; }
    NotesListScreen DataTable { height: 1fr; }
    NotesListScreen #details {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Close",
            tooltip="Close the list, back to the panes (from a filter: clear it, back to the list)",
        ),
        # as on the synopsis: q leaves the full screen, it does not end the session from it
        Binding("q", "dismiss(None)", "Close", show=False),
        Binding(
            "slash",
            "find",
            "Find words",
            tooltip="Find notes by their words (in the note, its quote or its tags)",
        ),
        Binding(
            "R",
            "reattach",
            "Re-attach here",
            tooltip="Re-attach the highlighted note to the passage selected in the focused pane",
        ),
    ]

    def __init__(
        self,
        placed: list[Placed],
        *,
        anchor: AnchorState | None = None,
        new: frozenset[str] = frozenset(),
        new_only: bool = False,
        deleted: Mapping[str, Annotation] | None = None,
    ) -> None:
        super().__init__()
        self.placed = placed
        self.by_id = {p.annotation.id: p for p in placed}
        """Every note, listed or not: a reply whose note is filtered out still names its author."""
        self.deleted = dict(deleted or {})
        """Tombstones by id: what a reply to a deleted note answered."""
        self._haystacks: dict[str, str] = {}
        """Each note's words as the words filter compares them, made once, not per key typed."""
        self.cells = NoteCells(self.by_id, self.deleted, new)
        """Each note's row, made once: a filter only chooses among them."""
        self.columns: Arrangement = ()
        """The table's columns, in its order: see :func:`arrangement`."""
        self._widths: dict[int, dict[str, int]] = {}
        """What each column that may come before the note takes, by the cells ids are
        shown in: measured once, not at each step of a terminal being resized."""
        self._listed: list[tuple[str, int]] | None = None
        """The rows listed (each note's id and reply depth): a key that leaves them as they
        are (most letters typed past the first few) redraws nothing."""
        self._filtered: tuple[object, ...] | None = None
        """The filters and order the rows were last chosen with: the same again (each filter
        says it changed once as the screen is mounted) chooses nothing again."""
        self.initial_anchor = anchor
        self.new = new
        """Notes by others that are new or edited since the last visit (marked in the list)."""
        self.new_only = new_only

    def compose(self) -> ComposeResult:
        about = (
            "Notes of the workspace: Enter jumps to the passage; R re-attaches an orphan "
            "to the passage selected in the focused pane."
        )
        header = Label(Text(about))
        header.tooltip = about  # cut at 80 columns; the footer also names R
        yield header
        # two rows: in one, at 80 columns, each text field was four cells wide, too narrow to
        # show a word typed in it
        with Horizontal():
            yield FilterBox(placeholder="words in the notes (/)", id="words")
            yield FilterBox(placeholder="author", id="author")
            yield FilterBox(placeholder="tag", id="tag")
            yield FilterBox(placeholder="document", id="doc")
        with Horizontal():
            yield Select([(v.label, v.value) for v in Verdict], prompt="any verdict", id="verdict")
            yield Select(
                [(s.value, s.value) for s in AnchorState],
                prompt="any anchor",
                id="anchor",
                value=self.initial_anchor.value if self.initial_anchor else Select.NULL,
            )
            yield Select(
                [("new to you", "new")],
                prompt="new and seen",
                id="seen",
                value="new" if self.new_only else Select.NULL,
            )
            yield Select(ORDERS, allow_blank=False, value="document", id="order")
        yield NotesTable()
        yield Static(id="details")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refill()
        self.query_one(NotesTable).focus()

    def _layout(self) -> tuple[int, Arrangement]:
        """The cells an id is shown in and the table's columns, for the terminal's width and
        the order: the note's text is to be on screen (:mod:`tui.screens.notes_rows`)."""
        width = self.app.size.width
        cells = doc_cells(width)
        widths = self._widths.get(cells)
        if widths is None:
            widths = self._widths[cells] = column_widths(self.placed, cells)
        by_time = self.query_one("#order", Select).value in ("newest", "oldest")
        return cells, arrangement(width, widths, by_time=by_time)

    def _arrange(self) -> None:
        """Lay the table's columns out as :meth:`_layout` says, if they change: the table
        is emptied, its rows to be listed again."""
        cells, columns = self._layout()
        if (cells, columns) == (self.cells.doc_cells, self.columns):
            return
        self.cells.set_doc_cells(cells)
        self.columns = columns
        note = columns.index("note")
        # the columns before the note as wide as their widest value (measured, not estimated):
        # they do not move as the filters change, and the note starts where it is drawn
        widths = {key: self._widths[cells][key] - CELL_PADDING for key in columns[:note]}
        self.query_one(NotesTable).set_columns([(LABELS[key], key) for key in columns], widths)
        self._listed = None

    def _filters(self) -> tuple[object, ...]:
        """What the filters and the order say now."""
        return (
            *(
                self.query_one(f"#{name}", Input).value
                for name in ("words", "author", "tag", "doc")
            ),
            *(self.query_one(f"#{name}", Select).value for name in ("verdict", "anchor", "seen")),
            self.query_one("#order", Select).value,
        )

    def selected(self) -> list[Placed]:
        """The notes that pass every filter, in the order chosen."""
        verdict = self.query_one("#verdict", Select).value
        anchor = self.query_one("#anchor", Select).value
        filters = NoteFilters(
            words=tuple(searchable(self.query_one("#words", Input).value).split()),
            author=self.query_one("#author", Input).value.strip().lower(),
            tag=self.query_one("#tag", Input).value.strip().lower(),
            doc=self.query_one("#doc", Input).value.strip().lower(),
            verdict=verdict if isinstance(verdict, str) else None,
            anchor=anchor if isinstance(anchor, str) else None,
            new_only=self.query_one("#seen", Select).value == "new",
            order=str(self.query_one("#order", Select).value),
        )
        return chosen_notes(self.placed, filters, self.new, self._haystacks)

    @on(Input.Changed)
    @on(Select.Changed)
    def refill(self) -> None:
        """Show the notes that pass the filters, in the chosen order; the highlighted note
        stays highlighted if it is still listed (a new order must not lose one's place).

        In reading order each reply comes under the note it answers, as ``synoptic notes``
        lists it; ordered by time, each note is where its time puts it, a reply saying whose
        note it answers. Rows down to the highlighted note and a screenful past it are added
        now, the rest by the table between turns of the event loop.
        """
        filters = self._filters()
        if filters == self._filtered:
            return
        self._filtered = filters
        table = self.query_one(NotesTable)
        highlighted = self._highlighted()
        self._arrange()
        found = self.selected()
        if self.query_one("#order", Select).value == "document":
            listed = listed_threads(found)
        else:
            listed = [(placed, 0) for placed in found]
        shown = [(placed.annotation.id, depth) for placed, depth in listed]
        if shown == self._listed:
            return
        self._listed = shown
        if not shown:
            self.query_one("#details", Static).update(
                "No note passes these filters." if self.placed else ""
            )
        rows = [
            (placed.annotation.id, partial(self._row_for, placed, depth))
            for placed, depth in listed
        ]
        keys = [key for key, _ in rows]
        at = keys.index(highlighted) if highlighted in keys else 0
        now = max(BATCH, at + self.app.size.height)
        table.show_rows(rows, now)
        if highlighted is not None and highlighted in table.rows:
            table.move_cursor(row=table.get_row_index(highlighted))
        self._show_details()

    def _row_for(self, placed: Placed, depth: int) -> tuple[str | Text, ...]:
        return in_order(self.cells.row(placed, depth), self.columns)

    @on(DataTable.RowHighlighted)
    def _show_details(self) -> None:
        """Say what the highlighted note's row holds after its note, in the line under it."""
        key = self._highlighted()
        placed = self.by_id.get(key) if key is not None else None
        if placed is not None:
            self.query_one("#details", Static).update(self.cells.details(placed, self.columns))

    def on_resize(self) -> None:
        """Lay the columns out again for the new width, and the rows, if they change."""
        if self._layout() != (self.cells.doc_cells, self.columns):
            self._filtered = None
            self.refill()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        """A click on Time orders by it (again: the other way), on Document by document, as a
        click on a synopsis column sorts by it."""
        order = self.query_one("#order", Select)
        if event.column_key.value == "time":
            order.value = "newest" if order.value != "newest" else "oldest"
        elif event.column_key.value == "document":
            order.value = "document"

    def action_find(self) -> None:
        """Go to the words filter, as ``/`` does in the reader and the synopsis."""
        self.query_one("#words", Input).focus()

    def action_back(self) -> None:
        """From a text filter: clear it and go back to the list, as Esc does in the synopsis's
        filter (the highlighted note stays highlighted); from a choice: back to the list; from
        the list: close it. Esc had closed the whole list from a filter, losing one's place."""
        focused = self.focused
        if isinstance(focused, Input):
            focused.value = ""
            self.query_one(NotesTable).focus()
        elif isinstance(focused, Select):
            self.query_one(NotesTable).focus()
        else:
            self.dismiss(None)

    @on(Input.Submitted)
    def _to_first_note(self) -> None:
        """Enter (or ``↓``) in a filter: to the list, on the first note it shows. Without
        this the filters kept the keyboard, and the list was eight Tabs away."""
        table = self.query_one(NotesTable)
        table.focus()
        if table.row_count:
            table.move_cursor(row=0)

    def _highlighted(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key

    @on(DataTable.RowSelected)
    def _row(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss(("jump", event.row_key.value))

    def action_reattach(self) -> None:
        """Re-attach the highlighted note to the focused pane's selection."""
        key = self._highlighted()
        if key is not None:
            self.dismiss(("reattach", key))
