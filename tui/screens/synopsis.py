"""``s``: the claim synopsis, one row per claim and one column per document.

It is the table a fact-checker would otherwise build by hand: which article makes which claim,
and which says nothing about it. A workspace of a few articles already has a hundred rows, so
the table can be narrowed to rows containing some words (``/``) or to the claims more than one
document makes (``o``), and reordered: by how many documents make a claim (``s``), by how well
its passages agree, by kind, or in one document's reading order (``1``-``9``, or a click on a
column header), which is how one walks through an article checking who else says what it says.
Choosing a row closes the table and lays that claim's passages out side by side in the panes;
``x`` saves the rows shown as CSV, for the spreadsheet many fact-checkers keep anyway.

A workspace of hundreds of documents shows them :data:`WINDOW` columns at a time (``[`` and
``]`` page through the rest): a row is drawn cell by cell when it comes on screen, and seven
hundred cells a row would make every row slow to draw.

The table is a :class:`~tui.widgets.synopsis_table.SynopsisTable`, not a DataTable: a DataTable
measures every cell of every row it is given, on the event loop, so filling, sorting or
filtering 3,000 rows froze the screen for half a second or more. Here a fill hands the table
the rows' keys in order, and a row's cells (the passages' excerpts, lit up for the filter) are
made when it is first drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Label

from corpus.synopsis import (
    CSV_FILE_MARK,
    contains_all,
    excerpt,
    group_words,
    order_key,
    synopsis_csv,
)
from corpus.text import inert, one_line
from tui.commands import SynopsisCommands
from tui.widgets.synopsis_table import SynopsisTable, TableColumn

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual.app import ComposeResult
    from textual.command import Provider
    from textual.timer import Timer

    from corpus.synopsis import ClaimGroup
    from corpus.workspace import Workspace

CELL_WIDTH = 34
CELL_LINES = 3
FILTER_PAUSE = 0.2
"""Seconds of quiet typing before the filter redraws: a wide table takes a while to fill."""
DOCUMENT_KEYS = 9
"""Digits 1-9 order the rows by the reading order of that document column."""
WINDOW = 24
"""Document columns in the table at once; more than fit a wide terminal, so paging is only for
workspaces of dozens of documents or more."""
_EMPTY = Text("", end="")


@dataclass(frozen=True, slots=True)
class _Row:
    """A group, its first three cells, and the text the filter searches."""

    group: ClaimGroup
    head: tuple[Text, ...]
    """Docs, Kind and Agree; the passages' cells are drawn for the documents shown."""
    words: str
    """Every passage of the row in full, case-folded: what ``/`` looks for."""


class SynopsisScreen(Screen["ClaimGroup | None"]):
    """The claim groups of the workspace; Enter (or a click) shows a row in the panes."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {SynopsisCommands}
    HELP_TITLE: ClassVar[str] = "Claim synopsis"
    """Help (``?``) lists this screen's keys first, under this title."""
    HELP_ABOUT: ClassVar[str] = (
        "Each row is one claim and each document column the passage that makes it (empty: the "
        "document does not). Docs counts the documents that make it. Agree is how alike they "
        "word it, from 0 to 1: the average match score between the row's passages (1.00 only "
        "when the text is identical). It measures wording, not whether the claim is true."
    )
    """What the columns mean, in help: Agree is the tool's number, not the reader's."""
    COMPONENT_CLASSES: ClassVar[set[str]] = {"synopsis--hit"}
    DEFAULT_CSS = """
    SynopsisScreen > .synopsis--hit { text-style: bold reverse; }
    SynopsisScreen > Label { padding: 0 1; background: $panel; width: 100%; }
    SynopsisScreen > Input { margin: 0 1; }
    SynopsisScreen > SynopsisTable { height: 1fr; }
    """
    # The footer shows what fits at 80 columns: close, filter, shared only, the main order,
    # the CSV and help (``?``, the app's), which lists every key of this screen; the palette
    # (:class:`~tui.commands.SynopsisCommands`) offers every action. Paging is announced in the
    # summary line when there is more than one page.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Close"),
        Binding("q", "dismiss(None)", "Close", show=False),
        Binding("slash", "filter", "Filter"),
        Binding("o", "shared_only", "Shared only"),
        Binding("s", "order('documents')", "By docs", tooltip="Sort by documents (again: flip)"),
        Binding("a", "order('agreement')", "Sort by agreement", show=False),
        Binding("k", "order('kind')", "Sort by kind", show=False),
        Binding("x", "save_csv", "Save CSV"),
        Binding("left_square_bracket", "page(-1)", "Earlier docs", show=False),
        Binding("right_square_bracket", "page(1)", "More docs", show=False),
        Binding("1", "order_by_document(1)", "Reading order of doc 1\N{EN DASH}9", show=False),
        *(
            Binding(str(n), f"order_by_document({n})", show=False)
            for n in range(2, DOCUMENT_KEYS + 1)
        ),
    ]

    def __init__(self, groups: list[ClaimGroup], workspace: Workspace) -> None:
        super().__init__()
        self.groups = {group.id: group for group in groups}
        self.workspace = workspace
        self.document_ids = list(workspace.document_ids)
        self.texts = {
            doc_id: document.text
            for doc_id in self.document_ids
            if (document := workspace.loaded(doc_id)) is not None
        }
        self.rows = [self._row(group) for group in groups]
        """In the order the groups came in: most widely made claims first."""
        self._rows_by_key = {row.group.id: row for row in self.rows}
        self.first = 0
        """The first document column shown: see :data:`WINDOW`."""
        self._cells: dict[tuple[str, str], Text] = {}
        """Passage cells without a filter, by group and document: drawn once."""
        self._lit: dict[tuple[str, str], Text] = {}
        """Passage cells for the filter of :attr:`_lit_needle`, made as their rows are drawn."""
        self._lit_needle = ""
        """The filter the rows shown were chosen by."""
        self.order = "documents"
        """One of the core's ``ORDERS``, or ``doc:`` and a document id: its reading order."""
        self.descending = True
        """For ``documents``: most documents first."""
        self.shared_only = False
        self.needle = ""
        """The filter; a row is shown when its passages contain every word of it."""
        self._typing: Timer | None = None
        self.chosen_row = (0, 0)
        """The chosen row's number and how many rows were shown, for the panes to name it."""

    def _row(self, group: ClaimGroup) -> _Row:
        head = (  # Text, not str: a str cell would be parsed as markup
            Text(str(group.size), end=""),
            Text(inert(group.kind or ""), end=""),
            Text(f"{group.shown_agreement:.2f}" if group.size > 1 else "", end=""),
        )
        return _Row(group, head, group_words(group, self.texts))

    @property
    def shown_documents(self) -> list[str]:
        """The documents that have a column now."""
        return self.document_ids[self.first : self.first + WINDOW]

    def _passage_cells(self, group: ClaimGroup, needle: str) -> list[Text]:
        """A cell per document shown: its passage, from where the filter's words show, lit up."""
        cells = []
        hit = self.get_component_rich_style("synopsis--hit", partial=True) if needle else None
        for doc_id in self.shown_documents:
            passage = group.passages.get(doc_id)
            text = self.texts.get(doc_id)
            if passage is None or text is None:
                cells.append(_EMPTY)
                continue
            made = self._lit if needle else self._cells
            if (cell := made.get((group.id, doc_id))) is not None:
                cells.append(cell)
                continue
            line, hits = excerpt(text[passage.start : passage.end], needle, CELL_WIDTH * 3)
            cell = Text(inert(line))
            for start, end in hits:
                cell.stylize(hit or "", start, end)
            made[group.id, doc_id] = cell
            cells.append(cell)
        return cells

    def row_cells(self, key: str) -> Sequence[Text]:
        """The cells of the row of group ``key``, for the documents shown and the filter."""
        row = self._rows_by_key[key]
        return (*row.head, *self._passage_cells(row.group, self._lit_needle))

    def compose(self) -> ComposeResult:
        yield Label(id="summary")
        yield Input(placeholder="/ to filter: the rows whose passages contain all of these words")
        yield SynopsisTable(CELL_LINES)
        yield Footer()

    def on_mount(self) -> None:
        self._fill(columns=True)
        self.query_one(SynopsisTable).focus()

    def _columns(self) -> list[TableColumn]:
        """Docs, Kind, Agree, and the documents shown, numbered as the digit keys order them.

        The first three are as wide as their widest cell among all the rows, so the columns
        stay put while a filter hides and shows rows.
        """
        head = [("Docs", "documents"), ("Kind", "kind"), ("Agree", "agreement")]
        columns = [
            TableColumn(
                key,
                Text(label),
                max([cell_len(label), *(row.head[n].cell_len for row in self.rows)]),
            )
            for n, (label, key) in enumerate(head)
        ]
        for number, doc_id in enumerate(self.shown_documents, start=1):
            label = Text(f"{number} {inert(one_line(doc_id, CELL_WIDTH - 3))}")
            columns.append(TableColumn(f"doc:{doc_id}", label, CELL_WIDTH))
        return columns

    # -- what is shown ------------------------------------------------------------------------

    def shown_rows(self) -> list[_Row]:
        """The rows that pass the filters, in the chosen order."""
        rows = [
            row
            for row in self.rows
            if (row.group.size > 1 or not self.shared_only) and contains_all(row.words, self.needle)
        ]

        def sort_key(row: _Row) -> tuple[int, str, float]:
            return order_key(row.group, self.order, fewest_first=not self.descending)

        return sorted(rows, key=sort_key)

    def _fill(self, *, columns: bool = False) -> None:
        """Redraw the rows (and with ``columns``, the documents' columns), keeping the cursor
        on the same claim when it is still shown."""
        table = self.query_one(SynopsisTable)
        current = table.row_keys[table.cursor_row] if table.row_count else None
        shown = self.shown_rows()
        # The cells light up the words of the filter that chose the rows, not of what is being
        # typed meanwhile; a filter's words may lie past what a cell shows: the cells then
        # start before them.
        needle = self.needle if self.needle.split() else ""
        if needle != self._lit_needle:
            self._lit.clear()
            self._lit_needle = needle
        if columns:
            table.set_columns(self._columns())
        table.set_rows([row.group.id for row in shown], self.row_cells, cursor=current)
        self.query_one("#summary", Label).update(self._summary(len(shown)))

    def _summary(self, shown: int) -> Text:
        shared = sum(1 for row in self.rows if row.group.size > 1)
        if self.order == "documents":
            order = "most documents first" if self.descending else "fewest documents first"
        elif self.order == "agreement":
            order = "best agreement first"
        elif self.order == "kind":
            order = "by kind"
        else:
            order = (
                f"in the reading order of {inert(one_line(self.order.removeprefix('doc:'), 40))}"
            )
        text = f"Claim synopsis: {len(self.rows)} claims, {shared} made by more than one document"
        if len(self.document_ids) > WINDOW:  # early: the line is long
            last = self.first + len(self.shown_documents)
            text += (
                f"; documents {self.first + 1}\N{EN DASH}{last} of {len(self.document_ids)} ([ ])"
            )
        if not shown and self.rows:
            text += "; none passes the filter (Esc in it clears it)"
        elif shown != len(self.rows):
            text += f"; showing {shown}"
        text += f"; {order}. Enter shows a row side by side."
        return Text(text, no_wrap=True, overflow="ellipsis")

    # -- actions ------------------------------------------------------------------------------

    def action_order(self, order: str) -> None:
        """Sort the rows; asking for the document count again flips most and fewest first."""
        if order == "documents" and self.order == "documents":
            self.descending = not self.descending
        elif order == "documents":
            self.descending = True
        self.order = order
        self._fill()

    def action_order_by_document(self, number: int) -> None:
        """Rows in the reading order of column ``number``'s document; claims it does not make
        last."""
        if 1 <= number <= len(self.shown_documents):
            self.action_order(f"doc:{self.shown_documents[number - 1]}")

    def action_page(self, step: int) -> None:
        """Show the next (1) or the previous (-1) :data:`WINDOW` documents."""
        first = min(max(self.first + step * WINDOW, 0), max(len(self.document_ids) - 1, 0))
        first -= first % WINDOW
        if first != self.first:
            self.first = first
            self._fill(columns=True)
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Paging is offered only when some documents have no column, and is dimmed at an
        end."""
        if action != "page":
            return True
        if len(self.document_ids) <= WINDOW:
            return False
        if parameters and parameters[0] == -1:
            return self.first > 0 or None
        return self.first + WINDOW < len(self.document_ids) or None

    def action_shared_only(self) -> None:
        """Hide, or show again, the claims that only one document makes."""
        self.shared_only = not self.shared_only
        self._fill()

    def action_save_csv(self, path: Path | None = None) -> None:
        """Ask for a file, then save the rows shown, as shown, as CSV for a spreadsheet."""
        from tui.screens.export import SaveTableScreen

        groups = [row.group for row in self.shown_rows()]

        def chosen(path: str | None) -> None:
            if path:
                self._save_csv(Path(path), groups)

        suggested = path or self.workspace.root / "synoptic-synopsis.csv"
        self.app.push_screen(SaveTableScreen(suggested, len(groups)), chosen)

    @work(thread=True, group="synopsis-csv", description="Saving the synopsis")
    def _save_csv(self, path: Path, groups: list[ClaimGroup], force: bool = False) -> None:
        """Write with the rules of every export: atomically, never over a file of the user's
        unless they choose to after being told (:class:`~tui.screens.export.KeptFileScreen`)."""
        from corpus.errors import SynopticError
        from tui.app import SynopticApp
        from tui.cli_export import check_output, write_output
        from tui.screens.export import kept_by_the_guard

        app = self.app
        assert isinstance(app, SynopticApp)
        table = synopsis_csv(groups, self.texts, self.document_ids)
        try:
            write_output(check_output(path, self.workspace, force=force), CSV_FILE_MARK + table)
        except SynopticError as exc:
            if not force and kept_by_the_guard(path):
                app.call_from_thread(self._offer_ways_on, path, groups, str(exc))
            else:
                app.call_from_thread(app.tell, str(exc), "Not saved", "error")
        else:
            noun = "claim" if len(groups) == 1 else "claims"
            wrote = f"Wrote {len(groups)} {noun} to {path}."
            app.call_from_thread(app.tell, wrote, "Saved", "information")

    def _offer_ways_on(self, path: Path, groups: list[ClaimGroup], why: str) -> None:
        from tui.screens.export import KeptFileScreen, reader_wording

        def chosen(answer: str | None) -> None:
            if answer == "overwrite":
                self._save_csv(path, groups, force=True)
            elif answer == "another":
                self.action_save_csv(path)

        self.app.push_screen(KeptFileScreen(str(path), reader_wording(why)), chosen)

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_back(self) -> None:
        """From the filter: clear it and return to the table. From the table: close."""
        field = self.query_one(Input)
        if field.has_focus:
            field.value = ""
            self.query_one(SynopsisTable).focus()
        else:
            self.dismiss(None)

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        self.needle = event.value
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(FILTER_PAUSE, self._fill)

    @on(Input.Submitted)
    def _filter_submitted(self) -> None:
        self.query_one(SynopsisTable).focus()

    @on(SynopsisTable.HeaderSelected)
    def _header(self, event: SynopsisTable.HeaderSelected) -> None:
        self.action_order(event.key)

    @on(SynopsisTable.RowSelected)
    def _row_selected(self, event: SynopsisTable.RowSelected) -> None:
        self.chosen_row = (event.row + 1, event.table.row_count)
        self.dismiss(self.groups[event.key])
