"""What the claim synopsis shows: its rows, their cells, the document columns and the summary.

The screen's keys and actions (:mod:`tui.screens.synopsis`) only change the filter, the order or
the page, then ask :meth:`SynopsisRows._fill` to show the result; this module decides which rows
that is and draws them. Kept apart because drawing is where the synopsis's speed is won or lost,
and that is the reason for everything here:

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
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Label

from corpus.synopsis import RowChoice, excerpt, group_words
from corpus.text import inert, one_line
from tui.widgets.synopsis_table import SynopsisTable, TableColumn

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from textual.screen import Screen

    from corpus.synopsis import ClaimGroup
    from corpus.workspace import Workspace

    _Screen = Screen["ClaimGroup | None"]
    """For the type checker the mixin is the screen it is mixed into."""
else:
    _Screen = object

CELL_WIDTH = 34
"""A document column's text width on a wide screen; a narrow one fits it to its width."""
CELL_LINES = 3
WINDOW = 24
"""Document columns in the table at once; more than fit a wide terminal, so paging is only for
workspaces of dozens of documents or more."""
_EMPTY = Text("", end="")


@dataclass(frozen=True, slots=True)
class SynopsisRow:
    """A group, its first three cells, and the text the filter searches."""

    group: ClaimGroup
    head: tuple[Text, ...]
    """Docs, Kind and Agree; the passages' cells are drawn for the documents shown."""
    words: str
    """Every passage of the row in full, case-folded: what ``/`` looks for."""


def make_row(group: ClaimGroup, texts: Mapping[str, str]) -> SynopsisRow:
    """``group``'s row, its passages read in ``texts`` (the texts it was grouped from)."""
    head = (  # Text, not str: a str cell would be parsed as markup
        Text(str(group.size), end=""),
        Text(inert(group.kind or ""), end=""),
        Text(f"{group.shown_agreement:.2f}" if group.size > 1 else "", end=""),
    )
    return SynopsisRow(group, head, group_words(group, texts))


def loaded_texts(workspace: Workspace) -> dict[str, str]:
    """The texts of the documents shown now, by id: what the groups' offsets are read in."""
    return {
        doc_id: document.text
        for doc_id in workspace.document_ids
        if (document := workspace.loaded(doc_id)) is not None
    }


class SynopsisRows(_Screen):
    """The rows that pass the filters, in the chosen order, and their cells as they are drawn."""

    if TYPE_CHECKING:  # set up by SynopsisScreen, whose keys change the filters and order
        document_ids: list[str]
        texts: dict[str, str]
        rows: list[SynopsisRow]
        _rows_by_key: dict[str, SynopsisRow]
        first: int
        _cells: dict[tuple[str, str], Text]
        _lit: dict[tuple[str, str], Text]
        _lit_needle: str
        order: str
        descending: bool
        shared_only: bool
        needle: str
        updating: str | None
        cannot: str | None

    @property
    def shown_documents(self) -> list[str]:
        """The documents that have a column now."""
        return self.document_ids[self.first : self.first + WINDOW]

    _cell_width = CELL_WIDTH
    """The column width the cells made so far are for: a narrow screen fits the columns to its
    width, and a cell then holds as much of its passage as that width's lines hold."""

    def _passage_cells(self, group: ClaimGroup, needle: str, width: int) -> list[Text]:
        """A cell per document shown: its passage, from where the filter's words show, lit up."""
        if width != self._cell_width:
            self._cells.clear()
            self._lit.clear()
            self._cell_width = width
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
            line, hits = excerpt(text[passage.start : passage.end], needle, width * CELL_LINES)
            cell = Text(inert(line))
            for start, end in hits:
                cell.stylize(hit or "", start, end)
            made[group.id, doc_id] = cell
            cells.append(cell)
        return cells

    def row_cells(self, key: str, width: int) -> Sequence[Text]:
        """The cells of the row of group ``key``, for the documents shown and the filter, the
        passages' for columns ``width`` cells wide."""
        row = self._rows_by_key[key]
        return (*row.head, *self._passage_cells(row.group, self._lit_needle, width))

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
            # whole: the table shortens it in its middle to the column's width
            label = Text(f"{number} {inert(' '.join(doc_id.split()))}")
            columns.append(TableColumn(f"doc:{doc_id}", label, CELL_WIDTH))
        return columns

    @property
    def row_choice(self) -> RowChoice:
        """The filter and order the keys have chosen, as the steps ``)`` and ``(`` take them."""
        return RowChoice(self.needle, self.shared_only, self.order, self.descending)

    def shown_rows(self) -> list[SynopsisRow]:
        """The rows that pass the filters, in the chosen order."""
        return self.row_choice.shown(self.rows)

    def _fill(self, *, columns: bool = False, cursor: str | None = None, fallback: int = 0) -> None:
        """Redraw the rows (and with ``columns``, the documents' columns), keeping the cursor
        on the same claim when it is still shown (or on the claim ``cursor``; when that is
        not shown, on the row ``fallback``)."""
        table = self.query_one(SynopsisTable)
        current = cursor or (table.row_keys[table.cursor_row] if table.row_count else None)
        shown = self.shown_rows()
        # The cells light up the words of the filter that chose the rows, not of what is being
        # typed meanwhile; a filter's words may lie past what a cell shows: the cells then
        # start before them.
        needle = self.needle if self.needle.split() else ""
        if needle != self._lit_needle:
            self._lit.clear()
            self._lit_needle = needle
        if columns:
            table.set_columns(self._columns(), head=3)
        keys = [row.group.id for row in shown]
        table.set_rows(keys, self.row_cells, cursor=current, fallback=fallback)
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
        if self.cannot is not None:  # first: the rows are of old texts, and Enter refused
            text = (
                f"{self.updating}, and the passage index could not be rebuilt: Esc, then s "
                f"to try again. {text}"
            )
        elif self.updating is not None:
            text = f"{self.updating}: updating the synopsis\N{HORIZONTAL ELLIPSIS} {text}"
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
