"""``/``: search the current document or all documents, with a list of results."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from corpus.search import SearchHit, search_documents
from corpus.text import inert
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.events import Key

    from corpus.model import Document

CONTEXT = 40
"""Characters of context shown on each side of a hit."""


def hit_label(document: Document, hit: SearchHit, *, show_doc: bool) -> Text:
    """One result line: where it is, then the hit in its context, the hit emphasised."""
    text = document.text
    before_start = context_start(text, hit.start)
    after_end = context_end(text, hit.end)
    label = Text(no_wrap=True, overflow="ellipsis")
    if show_doc:
        label.append(inert(document.id), style="bold")
        label.append("  ")
    if hit.sentence is not None:
        label.append(f"s{hit.sentence + 1}  ", style="dim")
    label.append(
        ("\N{HORIZONTAL ELLIPSIS}" if before_start else "") + inert(text[before_start : hit.start])
    )
    label.append(inert(text[hit.start : hit.end]), style="bold reverse")
    label.append(
        inert(text[hit.end : after_end])
        + ("\N{HORIZONTAL ELLIPSIS}" if after_end < len(text) else "")
    )
    return label


def context_start(text: str, hit_start: int) -> int:
    """Where a hit's context starts: the first whole word of the :data:`CONTEXT` characters
    before it. Cut by characters, it began mid-word (``…nin and dopamine``) and read as another
    word; with no space in them (a long address), the line starts at the hit itself."""
    start = max(hit_start - CONTEXT, 0)
    if start == 0 or text[start - 1].isspace():
        return start
    space = next((at for at in range(start, hit_start) if text[at].isspace()), None)
    return hit_start if space is None else space + 1


def context_end(text: str, hit_end: int) -> int:
    """Where a hit's context ends: after the last whole word of the :data:`CONTEXT` characters
    after it (``…pivotal for moo…`` read as another word); with no space in them, at the
    limit, as a long address must be cut somewhere."""
    end = min(hit_end + CONTEXT, len(text))
    if end == len(text) or text[end].isspace():
        return end
    space = next((at for at in range(end - 1, hit_end - 1, -1) if text[at].isspace()), None)
    return end if space is None else space


class SearchScreen(ModalScreen[SearchHit | None]):
    """Type to search; Enter or a click on a result jumps there."""

    DEFAULT_CSS = """
    SearchScreen { align: center middle; }
    SearchScreen > Vertical {
        width: 90%; max-width: 140; height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SearchScreen Horizontal { height: auto; }
    SearchScreen Input { width: 1fr; }
    SearchScreen Checkbox { width: auto; }
    SearchScreen #search-summary { color: $text-muted; height: 1; }
    SearchScreen OptionList { height: 1fr; }
    SearchScreen.-narrow > Vertical { width: 100%; }
    SearchScreen.-narrow Horizontal { layout: vertical; }
    SearchScreen.-narrow Input { width: 100%; }
    SearchScreen.-narrow Checkbox { border: none; height: 1; margin-left: 1; }
    SearchScreen.-short > Vertical { height: 100%; }
    """
    """Below 80 columns the scope's checkbox goes under the search box, on a line of its own
    (focused, its label lights up): beside it, at 40 columns it left the box eight cells
    ("mood" showed as "ood")."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("ctrl+t", "toggle_scope", "Current / all documents"),
    ]

    def __init__(
        self, documents: list[Document], current: str | None, *, all_documents: bool = False
    ) -> None:
        super().__init__()
        self.documents = documents
        """The loaded documents at the time the search opened, in id order."""
        self.current = current
        self.all_documents = all_documents or current is None
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            with Horizontal():
                yield Input(placeholder="Search text\N{HORIZONTAL ELLIPSIS}", id="search-input")
                yield Checkbox("All documents", self.all_documents, id="search-scope")
            yield Label("", id="search-summary")
            yield OptionList(id="search-results")
        yield KeyFooter()  # its own keys, not the reader's under it

    def action_toggle_scope(self) -> None:
        """Switch between searching the current document and every document."""
        checkbox = self.query_one(Checkbox)
        checkbox.value = not checkbox.value

    @on(Checkbox.Changed)
    def scope_changed(self, event: Checkbox.Changed) -> None:
        self.all_documents = event.value
        self.run_search(self.query_one(Input).value)

    @on(Input.Changed)
    def query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted)
    def submit(self) -> None:
        results = self.query_one(OptionList)
        if self.hits:
            self.dismiss(self.hits[results.highlighted or 0])

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])

    def key_down(self, event: Key) -> None:
        """Down from the search box goes to the results, as in any search dialog."""
        if self.query_one(Input).has_focus and self.hits:
            # stopped: else the app then runs Down's binding for what now has the focus,
            # moving past the first result
            event.stop()
            self.query_one(OptionList).focus()

    def _scope(self, all_documents: bool) -> list[Document]:
        if all_documents or self.current is None:
            return self.documents
        return [d for d in self.documents if d.id == self.current]

    @work(thread=True, exclusive=True, group="search", description="Searching")
    def run_search(self, query: str) -> None:
        """Search in a thread: across a large workspace a common word has many hits."""
        show_doc = self.all_documents
        hits, truncated = search_documents(self._scope(show_doc), query)
        by_id = {d.id: d for d in self.documents}
        labels = [hit_label(by_id[h.doc_id], h, show_doc=show_doc) for h in hits]
        self.app.call_from_thread(self._show_results, query, show_doc, hits, labels, truncated)

    def _show_results(
        self,
        query: str,
        all_documents: bool,
        hits: list[SearchHit],
        labels: list[Text],
        truncated: bool,
    ) -> None:
        if query != self.query_one(Input).value or all_documents != self.all_documents:
            return  # a newer search is on its way
        self.hits = hits
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options([Option(label) for label in labels])
        if hits:
            results.highlighted = 0
        scope = "all documents" if self.all_documents else "this document"
        count = f"{len(hits)}{'+' if truncated else ''}"
        summary = (
            f"{count} result{'s' if len(hits) != 1 else ''} in {scope}"
            if query.strip()
            else f"Searching {scope}"
        )
        self.query_one("#search-summary", Label).update(summary)
