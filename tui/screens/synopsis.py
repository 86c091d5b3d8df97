"""``s``: the claim synopsis, one row per claim and one column per document.

It is the table a fact-checker would otherwise build by hand: which article makes which claim,
and which says nothing about it. A workspace of a few articles already has a hundred rows, so
the table can be narrowed to rows containing some words (``/``) or to the claims more than one
document makes (``o``), and reordered: by how many documents make a claim (``s``), by how well
its passages agree, by kind, or in one document's reading order (``1``-``9``, or a click on a
column header), which is how one walks through an article checking who else says what it says.
Choosing a row closes the table and lays that claim's passages out side by side in the panes;
``x`` saves the rows shown as CSV, for the spreadsheet many fact-checkers keep anyway.

The screen keeps the state its keys change (the filter, the order, the page of documents) and
its actions; what that state shows is drawn by :mod:`tui.screens.synopsis_rows`, ``x`` is
:mod:`tui.screens.synopsis_csv`, what the table does when documents change on disk while it
is open is :mod:`tui.screens.synopsis_renewal`, and how ``s`` reopens it as it was left is
:mod:`tui.screens.synopsis_place`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Label

from tui.commands import SynopsisCommands
from tui.screens.synopsis_csv import SynopsisCsv
from tui.screens.synopsis_place import SynopsisReopening
from tui.screens.synopsis_renewal import SynopsisRenewal
from tui.screens.synopsis_rows import CELL_LINES, WINDOW, SynopsisRows, loaded_texts, make_row
from tui.widgets.key_footer import KeyFooter
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.text import Text
    from textual.app import ComposeResult
    from textual.command import Provider
    from textual.timer import Timer

    from corpus.synopsis import ClaimGroup
    from corpus.workspace import Workspace

FILTER_PAUSE = 0.2
"""Seconds of quiet typing before the filter redraws: a wide table takes a while to fill."""
DOCUMENT_KEYS = 9
"""Digits 1-9 order the rows by the reading order of that document column."""


class SynopsisScreen(
    SynopsisRows, SynopsisCsv, SynopsisRenewal, SynopsisReopening, Screen["ClaimGroup | None"]
):
    """The claim groups of the workspace; Enter (or a click) shows a row in the panes."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {SynopsisCommands}
    HELP_TITLE: ClassVar[str] = "Claim synopsis"
    """Help (``?``) lists this screen's keys first, under this title."""
    HELP_ABOUT: ClassVar[str] = (
        "Each row is one claim and each document column the passage that makes it (empty: the "
        "document does not). Docs counts the documents that make it. Agree is how alike they "
        "word it, from 0 to 1: the average match score between the row's passages (1.00 only "
        "when the text is identical). It measures wording, not whether the claim is true. "
        "\N{DOWNWARDS ARROW} \N{UPWARDS ARROW}, PgDn PgUp and Home End move through the rows; "
        "Enter lays the row's passages out side by side in the panes; \N{LEFTWARDS ARROW} "
        "\N{RIGHTWARDS ARROW} bring in the previous or next document column when not all of "
        "them fit. Closed (Enter, Esc, q), s in the reader opens it again as you left it: the "
        "filter, the order and the cursor on the same claim; ) and ( there lay out the next "
        "and the previous row without it."
    )
    """What the columns mean, in help: Agree is the tool's number, not the reader's; and the
    table's own keys, which help's table of this screen's keys cannot list."""
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
        self.texts = loaded_texts(workspace)
        self.rows = [make_row(group, self.texts) for group in groups]
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

    def compose(self) -> ComposeResult:
        yield Label(id="summary")
        yield Input(placeholder="/ to filter: the rows whose passages contain all of these words")
        yield SynopsisTable(CELL_LINES)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.take_place()  # as the last table was left: see tui.screens.synopsis_place
        self.query_one(SynopsisTable).focus()

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
        if self.refuse_row():  # documents changed on disk: its offsets are of old texts
            return
        self.chosen_row = (event.row + 1, event.table.row_count)
        self.dismiss(self.groups[event.key])
