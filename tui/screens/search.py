"""``/``: search the current document or all documents, with a list of results.

The phrase's hits come first; then, under a line of their own and marked ``≈``, the sentences
that have its words in other forms (:func:`corpus.search.search`), stepped through with the
same keys. The summary says which kind was found, and when nothing was, points to ``m``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from corpus.search import SearchHit, SearchResults, on_one_line, search
from corpus.text import counted, inert, one_line
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.events import Key

    from corpus.model import Document

CONTEXT = 40
"""Characters of context shown on each side of a hit."""
OTHER_FORMS = "\N{ALMOST EQUAL TO}"
"""Marks a result that has the query's words in other forms, not the phrase."""


def _on_one_line(text: str) -> str:
    """A piece of a result line, flattened (:func:`corpus.search.on_one_line`) and inert."""
    return inert(on_one_line(text))


def hit_label(document: Document, hit: SearchHit, *, show_doc: bool) -> Text:
    """One result line: where it is, then the hit in its context, the hit emphasised (for
    other forms of the words, each word, after a ``≈``)."""
    text = document.text
    before_start = context_start(text, hit.start)
    after_end = context_end(text, hit.end)
    label = Text(no_wrap=True, overflow="ellipsis")
    if not hit.exact:
        label.append(f"{OTHER_FORMS} ", style="dim")
    if show_doc:
        label.append(inert(document.id), style="bold")
        label.append("  ")
    if hit.sentence is not None:
        label.append(f"s{hit.sentence + 1}  ", style="dim")
    label.append(
        ("\N{HORIZONTAL ELLIPSIS}" if before_start else "")
        + _on_one_line(text[before_start : hit.start])
    )
    done = hit.start
    for start, end in hit.words or ((hit.start, hit.end),):
        label.append(_on_one_line(text[done:start]))
        label.append(_on_one_line(text[start:end]), style="bold reverse")
        done = end
    label.append(
        _on_one_line(text[done:after_end])
        + ("\N{HORIZONTAL ELLIPSIS}" if after_end < len(text) else "")
    )
    return label


def summary(query: str, scope: str, results: SearchResults, *, documents: int) -> str:
    """What was found, the phrase or other forms of its words, and when nothing, what else to
    try: ``m`` finds a claim said in other words, which no search of the words can."""
    if not query.strip():
        return f"Searching {scope}"
    exact, others = results.exact_found, results.word_forms_found
    said = one_line(query.strip(), 40)
    if not results.quoted:
        said = f"\N{LEFT DOUBLE QUOTATION MARK}{said}\N{RIGHT DOUBLE QUOTATION MARK}"
    found = f"{counted(exact, 'result')} in {scope}{_first(len(results.exact), exact)}"
    sentences = counted(others, "sentence") + _first(len(results.word_forms), others)
    narrow = ". Type more of the phrase to narrow it down" if results.truncated else ""
    if exact and others:
        return f"{found}, then ({OTHER_FORMS}) {sentences} with these words in other forms{narrow}"
    if exact:
        return f"{found}{narrow}"
    if others:
        have = "have" if others != 1 else "has"
        return (
            f"No exact match for {said} in {scope}; {sentences} {have} these words in other "
            f"forms{narrow}"
        )
    if results.quoted:
        text = (
            f"No match for the phrase {said} in {scope} (without the quotes, other forms of "
            "its words count too)"
        )
    elif results.words:
        text = f"No match for {said} in {scope}, nor for other forms of its words"
    else:
        text = f"No match for {said} in {scope}"
    if documents > 1:
        text += (
            ". To find where documents say something in other words: Esc, put the cursor on "
            "a sentence that says it, and press m"
        )
    return text


def _first(listed: int, found: int) -> str:
    """When the list stops short of what was found, how much of it it shows: "500+" did not
    say whether there were 501 or 50,000."""
    return f" (the first {listed} listed)" if listed < found else ""


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
    SearchScreen #search-summary { color: $text-muted; height: auto; max-height: 3; }
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
        """The results listed: the phrase's, then other forms of its words."""

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
        highlighted = results.highlighted
        if self.hits:
            self.dismiss(self._hit_of(highlighted) if highlighted is not None else self.hits[0])

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._hit_of(event.option_index))

    def _hit_of(self, option: int) -> SearchHit:
        """The hit of the result at ``option`` (the line above the other forms is none)."""
        found = self.query_one(OptionList).get_option_at_index(option).id
        return self.hits[int(found or 0)]

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
        results = search(self._scope(show_doc), query)
        by_id = {d.id: d for d in self.documents}
        labels = [hit_label(by_id[h.doc_id], h, show_doc=show_doc) for h in results.hits]
        self.app.call_from_thread(self._show_results, query, show_doc, results, labels)

    def _show_results(
        self, query: str, all_documents: bool, results: SearchResults, labels: list[Text]
    ) -> None:
        if query != self.query_one(Input).value or all_documents != self.all_documents:
            return  # a newer search is on its way
        self.hits = results.hits
        options = [Option(label, id=str(number)) for number, label in enumerate(labels)]
        if results.exact and results.word_forms:
            line = Text(
                f"{OTHER_FORMS} other forms of these words, not the phrase", style="dim italic"
            )
            options.insert(len(results.exact), Option(line, disabled=True))
        listed = self.query_one(OptionList)
        listed.clear_options()
        listed.add_options(options)
        if options:
            listed.highlighted = 0
        scope = "all documents" if self.all_documents else "this document"
        said = summary(query, scope, results, documents=len(self.documents))
        self.query_one("#search-summary", Label).update(Text(said))  # not markup: it quotes
