"""``l``: every note of the workspace, filtered by the words in it, author, tag, verdict,
document, anchor and whether it is new (by someone else, since the last visit).

Orphans (notes whose passage could not be found) are listed with their quote like any other
note; ``R`` re-attaches the highlighted one to the passage selected in the focused pane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, Select

from annotations.anchoring import AnchorState
from annotations.model import Verdict
from corpus.folding import fold_for_matching
from corpus.quotes import plain_typography
from corpus.text import inert, inert_line, one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from annotations.placement import Placed


def searchable(text: str) -> str:
    """``text`` as the words filter compares it: any case or Unicode spelling, spacing
    collapsed, typographic quotes and dashes as typed (as the reader's search forgives)."""
    return " ".join(plain_typography(fold_for_matching(text)).split())


class NotesListScreen(Screen["tuple[str, str] | None"]):
    """Returns ("jump", id) or ("reattach", id), or None when closed."""

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
    NotesListScreen Horizontal Select { width: 1fr; max-width: 28; }
    NotesListScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("slash", "find", "Find words"),
        Binding("R", "reattach", "Re-attach here"),
    ]

    def __init__(
        self,
        placed: list[Placed],
        *,
        anchor: AnchorState | None = None,
        new: frozenset[str] = frozenset(),
        new_only: bool = False,
    ) -> None:
        super().__init__()
        self.placed = placed
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
            yield Input(placeholder="words in the notes (/)", id="words")
            yield Input(placeholder="author", id="author")
            yield Input(placeholder="tag", id="tag")
            yield Input(placeholder="document", id="doc")
        with Horizontal():
            yield Select([(v.value, v.value) for v in Verdict], prompt="any verdict", id="verdict")
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
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # the note before its quote: what was written is what a reader looks for, and the last
        # column is the one cut off
        for name in ("New", "Document", "Anchor", "Author", "Verdict", "Tags", "Note", "Quote"):
            table.add_column(name, key=name.lower())
        self.refill()
        table.focus()

    def selected(self) -> list[Placed]:
        """The notes that pass every filter."""
        words = searchable(self.query_one("#words", Input).value).split()
        author = self.query_one("#author", Input).value.strip().lower()
        tag = self.query_one("#tag", Input).value.strip().lower()
        doc = self.query_one("#doc", Input).value.strip().lower()
        verdict = self.query_one("#verdict", Select).value
        anchor = self.query_one("#anchor", Select).value
        new_only = self.query_one("#seen", Select).value == "new"
        found = []
        for placed in self.placed:
            annotation = placed.annotation
            if words:
                haystack = searchable(
                    " ".join((annotation.note, annotation.target.quote, *annotation.tags))
                )
                if not all(word in haystack for word in words):
                    continue
            if author and author not in annotation.credit.lower():
                continue
            if tag and not any(tag == t.lower() for t in annotation.tags):
                continue
            if doc and doc not in annotation.target.doc.lower():
                continue
            if isinstance(verdict, str) and (annotation.verdict or "") != verdict:
                continue
            if isinstance(anchor, str) and placed.anchor.state.value != anchor:
                continue
            if new_only and annotation.id not in self.new:
                continue
            found.append(placed)
        return found

    @on(Input.Changed)
    @on(Select.Changed)
    def refill(self) -> None:
        """Show the notes that pass the filters."""
        table = self.query_one(DataTable)
        table.clear()
        for placed in self.selected():
            annotation = placed.annotation
            table.add_row(
                "\N{BLACK CIRCLE}" if annotation.id in self.new else "",
                Text(inert(one_line(annotation.target.doc, 30))),
                placed.anchor.state.value,
                Text(inert(one_line(annotation.writer, 20))),
                annotation.verdict.value if annotation.verdict else "",
                Text(inert(one_line(" ".join(f"#{t}" for t in annotation.tags), 30))),
                Text(inert_line(annotation.note, 60)),  # as the report's cells
                Text(inert(one_line(annotation.target.quote, 50))),
                key=annotation.id,
            )

    def action_find(self) -> None:
        """Go to the words filter, as ``/`` does in the reader and the synopsis."""
        self.query_one("#words", Input).focus()

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
