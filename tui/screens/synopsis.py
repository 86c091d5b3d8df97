"""``s``: the claim synopsis, one row per claim and one column per document.

It is the table a fact-checker would otherwise build by hand: which article makes which claim,
and which says nothing about it. Choosing a row closes the table and lays that claim's passages
out side by side in the panes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from corpus.text import inert, one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from corpus.synopsis import ClaimGroup
    from corpus.workspace import Workspace

CELL_WIDTH = 34
CELL_LINES = 3


class SynopsisScreen(Screen["ClaimGroup | None"]):
    """The claim groups of the workspace; Enter (or a click) shows a row in the panes."""

    DEFAULT_CSS = """
    SynopsisScreen > Label { padding: 0 1; background: $panel; width: 100%; }
    SynopsisScreen > DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("s", "sort", "Sort by documents"),
    ]

    def __init__(self, groups: list[ClaimGroup], workspace: Workspace) -> None:
        super().__init__()
        self.groups = {group.id: group for group in groups}
        self.workspace = workspace
        self.descending = True
        """Most widely made claims first (the order the groups come in)."""

    def compose(self) -> ComposeResult:
        shared = sum(1 for group in self.groups.values() if group.size > 1)
        yield Label(
            Text(
                f"Claim synopsis: {len(self.groups)} claims, {shared} made by more than one "
                "document. Enter shows a row side by side; s sorts by documents.",
                no_wrap=True,
                overflow="ellipsis",
            )
        )
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Docs", key="docs")
        table.add_column("Kind", key="kind")
        for number, doc_id in enumerate(self.workspace.document_ids, start=1):
            table.add_column(
                Text(f"{number} {inert(one_line(doc_id, CELL_WIDTH - 3))}"),
                key=doc_id,
                width=CELL_WIDTH,
            )
        for group in self.groups.values():
            cells: list[Text | int | str] = [group.size, group.kind or ""]
            for doc_id in self.workspace.document_ids:
                passage = group.passages.get(doc_id)
                document = self.workspace.loaded(doc_id)
                if passage is None or document is None:
                    cells.append("")
                    continue
                text = one_line(document.text[passage.start : passage.end], CELL_WIDTH * 3)
                cells.append(Text(inert(text)))
            table.add_row(*cells, key=group.id, height=CELL_LINES)
        table.focus()

    def action_sort(self) -> None:
        """Flip between most and fewest documents first."""
        self.descending = not self.descending
        self.query_one(DataTable).sort("docs", reverse=self.descending)

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        if event.column_key.value == "docs":
            self.action_sort()

    @on(DataTable.RowSelected)
    def _row(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is not None:
            self.dismiss(self.groups[key])
