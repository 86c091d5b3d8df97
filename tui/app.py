"""The Synoptic reader: side-by-side panes over one workspace.

:func:`make_app` is the one factory used by the CLI, the tests and the benchmarks. The app opens
with its panes on the first documents in id order; a thread worker reads and segments every
document, the ones on screen first, and posts each as it is ready, so a workspace of hundreds
of files paints at once and fills in while the user reads.
"""

from __future__ import annotations

import contextlib
import queue
import time
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import DescendantFocus
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState, get_current_worker

from corpus.errors import DocumentError
from corpus.workspace import Workspace
from tui.commands import ReaderCommands
from tui.messages import DocumentFailed, DocumentLoaded, LoadingFinished, LoadingProgress
from tui.widgets.document_pane import DocumentPane
from tui.widgets.document_view import DocumentView
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from pathlib import Path

    from corpus.model import Document
    from corpus.search import SearchHit

PANE_WIDTH = 80
"""Cells a pane should have at least before another one is opened automatically."""
MAX_PANES = 6
QUICK_LOAD_BYTES = 256 * 1024
"""Documents up to this size are loaded on the event loop for the first paint (~ms each)."""
MAX_FAILURE_TOASTS = 3
"""Beyond this many unreadable files, one summary replaces a toast per file."""


class SynopticApp(App[None]):
    """Reads one workspace with documents side by side."""

    CSS_PATH = "app.tcss"
    TITLE = "Synoptic"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("o", "outline", "Outline"),
        Binding("d", "documents", "Documents"),
        Binding("left_square_bracket", "cycle_document(-1)", "Previous document", show=False),
        Binding("right_square_bracket", "cycle_document(1)", "Next document", show=False),
        Binding("plus,equals_sign", "add_pane", "Add pane", show=False),
        Binding("minus", "remove_pane", "Remove pane", show=False),
        Binding("q", "quit", "Quit"),
        *(
            Binding(str(n), f"open_number({n})", f"Open document {n}", show=False)
            for n in range(1, 10)
        ),
    ]

    def __init__(self, workspace: Workspace, *, panes: int | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.requested_panes = panes
        """Panes asked for on the command line; None picks by terminal width."""
        self.failures: dict[str, DocumentError] = {}
        self.started_at = time.perf_counter()
        self.loading_finished_at: float | None = None
        self._wanted: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._active_pane: DocumentPane | None = None

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        ids = self.workspace.document_ids
        count = self.requested_panes or max(2, min(self.size.width // PANE_WIDTH, MAX_PANES))
        count = max(1, min(count, MAX_PANES, len(ids) or 1))
        yield Header()
        with Horizontal(id="panes"):
            for number in range(1, count + 1):
                yield DocumentPane(number)
        yield StatusBar()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self._describe_workspace()
        ids = self.workspace.document_ids
        panes = self.panes
        if not ids:
            panes[0].set_title(None)
            panes[0].view.show_placeholder(
                "This workspace has no documents: add .txt or .md files to it."
            )
            self.notify(f"No .txt or .md documents in {self.workspace.root}.", severity="warning")
        for pane, doc_id in zip(panes, ids, strict=False):
            self._load_now_if_small(doc_id)
            self.open_document(doc_id, pane)
        panes[0].view.focus()
        self._active_pane = panes[0]
        if ids:
            self.load_documents()

    def _load_now_if_small(self, doc_id: str) -> None:
        """Load a pane's first document on the spot when that takes a few milliseconds.

        Saves a round trip through the worker before the first paint. Anything big, and any
        error, is left to the worker, which reports it like every other document.
        """
        try:
            small = self.workspace.path_of(doc_id).stat().st_size <= QUICK_LOAD_BYTES
        except OSError:
            return
        if small:
            with contextlib.suppress(DocumentError):
                self.workspace.load(doc_id)

    def _describe_workspace(self) -> str:
        if self.workspace.is_sample:
            return f"sample workspace \N{EM DASH} your copy in {self.workspace.root}"
        return str(self.workspace.root)

    @property
    def panes(self) -> list[DocumentPane]:
        """The panes, left to right."""
        return list(self.query(DocumentPane))

    @property
    def active_pane(self) -> DocumentPane:
        """The pane that has (or last had) the focus; commands act on it."""
        if self._active_pane is not None and self._active_pane.is_attached:
            return self._active_pane
        return self.panes[0]

    @on(DescendantFocus)
    def _track_focus(self, event: DescendantFocus) -> None:
        for pane in event.widget.ancestors_with_self:
            if isinstance(pane, DocumentPane):
                self._active_pane = pane
                self._update_position(pane.view)

    # -- documents ----------------------------------------------------------------------------

    def open_document(
        self, doc_id: str, pane: DocumentPane | None = None, *, offset: int | None = None
    ) -> None:
        """Show ``doc_id`` in ``pane`` (the focused one by default), loading it if needed."""
        pane = pane or self.active_pane
        document = self.workspace.loaded(doc_id)
        if doc_id in self.failures:
            pane.show_failure(doc_id, self.failures[doc_id].reason)
        elif document is None:
            self._wanted.put(doc_id)
            pane.show(doc_id, None)
        else:
            pane.show(doc_id, document)
            if offset is not None:
                pane.view.go_to_offset(offset)
        if pane is self.active_pane:
            self._update_position(pane.view)

    @property
    def first_document_at(self) -> float | None:
        """When a pane first drew a document's text (perf_counter); the benchmark's "ready"."""
        times = [t for t in (pane.view.first_painted_at for pane in self.panes) if t is not None]
        return min(times, default=None)

    def loaded_documents(self) -> list[Document]:
        """Documents ready so far, in id order."""
        return [d for d in map(self.workspace.loaded, self.workspace.document_ids) if d is not None]

    @work(
        thread=True, exclusive=True, group="loading", description="Reading and segmenting documents"
    )
    def load_documents(self) -> None:
        """Read and segment every document; the ones a pane is waiting for go first."""
        worker = get_current_worker()
        started = time.perf_counter()
        remaining = dict.fromkeys(self.workspace.document_ids)
        total = len(remaining)
        loaded = failed = 0
        last_progress = 0.0
        while remaining and not worker.is_cancelled:
            doc_id = next(iter(remaining))
            while not self._wanted.empty():
                wanted = self._wanted.get_nowait()
                if wanted in remaining:
                    doc_id = wanted
                    break
            del remaining[doc_id]
            try:
                document = self.workspace.load(doc_id)
            except DocumentError as error:
                failed += 1
                self.post_message(DocumentFailed(error))
            else:
                loaded += 1
                self.post_message(DocumentLoaded(document))
            now = time.perf_counter()
            if now - last_progress > 0.05 or not remaining:
                last_progress = now
                self.post_message(LoadingProgress(loaded + failed, total))
        if not worker.is_cancelled:
            self.post_message(LoadingFinished(loaded, failed, time.perf_counter() - started))

    def on_document_loaded(self, message: DocumentLoaded) -> None:
        document = message.document
        for pane in self.panes:
            if pane.doc_id == document.id and pane.view.document is None:
                pane.show(document.id, document)
                if pane is self.active_pane:
                    self._update_position(pane.view)
        for notice in document.notices:
            if notice.message != "is empty":
                self.notify(f"{notice.doc_id} {notice.message}.", title="Encoding", timeout=8)

    def on_document_failed(self, message: DocumentFailed) -> None:
        error = message.error
        self.failures[error.doc_id] = error
        for pane in self.panes:
            if pane.doc_id == error.doc_id:
                pane.show_failure(error.doc_id, error.reason)
        if len(self.failures) <= MAX_FAILURE_TOASTS:
            self.notify(
                f"{error}. The file was left untouched.",
                title="Cannot read a document",
                severity="warning",
                timeout=10,
            )

    def on_loading_progress(self, message: LoadingProgress) -> None:
        status = self.query_one(StatusBar)
        if message.done < message.total:
            status.progress = (
                f"Reading documents {message.done}/{message.total}\N{HORIZONTAL ELLIPSIS}"
            )
        else:
            status.progress = ""

    def on_loading_finished(self, message: LoadingFinished) -> None:
        self.loading_finished_at = time.perf_counter()
        self.query_one(StatusBar).progress = ""
        if message.failed > MAX_FAILURE_TOASTS:
            self.notify(
                f"{message.failed} files could not be read and were left untouched; "
                "`synoptic docs` lists them with the reason.",
                title="Some documents were skipped",
                severity="warning",
                timeout=12,
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place where a crashed worker becomes a message instead of a dead app."""
        if event.state is WorkerState.ERROR:
            self.notify(
                f"{event.worker.description} failed: {event.worker.error}",
                severity="error",
                timeout=15,
            )

    # -- status -------------------------------------------------------------------------------

    @on(DocumentView.CursorMoved)
    def _cursor_moved(self, message: DocumentView.CursorMoved) -> None:
        if self._active_pane is None or message.view is self.active_pane.view:
            self._update_position(message.view)

    def _update_position(self, view: DocumentView) -> None:
        document = view.document
        status = self.query_one(StatusBar)
        if document is None or view.cursor < 0:
            status.position = ""
            return
        sentence = document.sentences[view.cursor]
        status.position = (
            f"{document.id}  \N{MIDDLE DOT}  sentence {view.cursor + 1}/{len(document.sentences)}"
            f"  \N{MIDDLE DOT}  block {sentence.block + 1}/{len(document.blocks)}"
            f"  \N{MIDDLE DOT}  {document.words:,} words"
        )

    # -- actions ------------------------------------------------------------------------------

    def palette_actions(self) -> list[tuple[str, str, str]]:
        """(name, help, action) of every reader action, for the command palette."""
        return [
            ("Search this document", "Find text in the focused pane's document (/)", "search"),
            ("Search all documents", "Find text across the whole workspace", "search(True)"),
            ("Outline", "Jump to a heading of the focused document (o)", "outline"),
            ("Choose document", "Pick the focused pane's document from a list (d)", "documents"),
            (
                "Next document",
                "Show the next document in the focused pane (])",
                "cycle_document(1)",
            ),
            (
                "Previous document",
                "Show the previous document in the focused pane ([)",
                "cycle_document(-1)",
            ),
            ("Add pane", "Open one more pane side by side (+)", "add_pane"),
            ("Remove pane", "Close the focused pane (-)", "remove_pane"),
            (
                "Next sentence",
                "Move the cursor to the next sentence (j, down)",
                "focused.next_sentence",
            ),
            (
                "Previous sentence",
                "Move the cursor to the previous sentence (k, up)",
                "focused.previous_sentence",
            ),
            ("Next paragraph", "Jump to the next paragraph (})", "focused.next_paragraph"),
            (
                "Previous paragraph",
                "Jump to the previous paragraph ({)",
                "focused.previous_paragraph",
            ),
            ("Top of document", "Go to the first sentence (g, Home)", "focused.first_sentence"),
            ("End of document", "Go to the last sentence (G, End)", "focused.last_sentence"),
            ("Help", "Show keys and how Synoptic works (?)", "help"),
        ]

    def action_help(self) -> None:
        """Show the key reference."""
        from tui.screens.help import HelpScreen  # screens load on first use, off the startup path

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(
                HelpScreen(
                    [
                        ("Reading", list(DocumentView.BINDINGS)),
                        ("Panes and documents", list(self.BINDINGS)),
                    ]
                )
            )

    def action_search(self, all_documents: bool = False) -> None:
        """Search the focused document (or all documents) and jump to the chosen hit."""
        from tui.screens.search import SearchScreen

        current = self.active_pane.doc_id

        def jump(hit: SearchHit | None) -> None:
            if hit is None:
                return
            pane = self.active_pane
            if pane.doc_id != hit.doc_id:
                self.open_document(hit.doc_id, pane)
            pane.view.go_to_offset(hit.start, hit.end)
            pane.view.focus()

        self.push_screen(
            SearchScreen(self.loaded_documents(), current, all_documents=all_documents), jump
        )

    def action_outline(self) -> None:
        """Jump to a heading of the focused document."""
        from tui.screens.pickers import OutlinePicker

        view = self.active_pane.view
        if view.document is None:
            self.notify("No document is shown in this pane yet.", severity="warning")
            return

        def jump(offset: int | None) -> None:
            if offset is not None:
                view.go_to_offset(offset)
                view.focus()

        self.push_screen(OutlinePicker(view.document), jump)

    def action_documents(self) -> None:
        """Choose the focused pane's document from the list."""
        from tui.screens.pickers import DocumentPicker

        entries: list[tuple[str, str, int | None]] = []
        for doc_id in self.workspace.document_ids:
            document = self.workspace.loaded(doc_id)
            if document is not None:
                entries.append((doc_id, document.title, document.words))
            else:
                status = (
                    "cannot be read"
                    if doc_id in self.failures
                    else "loading\N{HORIZONTAL ELLIPSIS}"
                )
                entries.append((doc_id, status, None))
        pane = self.active_pane

        def choose(doc_id: str | None) -> None:
            if doc_id is not None:
                self.open_document(doc_id, pane)
                pane.view.focus()

        self.push_screen(DocumentPicker(entries, pane.doc_id), choose)

    def action_open_number(self, number: int) -> None:
        """Show the n-th document (in id order) in the focused pane."""
        ids = self.workspace.document_ids
        if 1 <= number <= len(ids):
            self.open_document(ids[number - 1])
        else:
            self.bell()

    def action_cycle_document(self, step: int) -> None:
        """Show the next or previous document in the focused pane."""
        ids = self.workspace.document_ids
        if not ids:
            return
        current = self.active_pane.doc_id
        index = ids.index(current) if current in ids else -step
        self.open_document(ids[(index + step) % len(ids)])

    async def action_add_pane(self) -> None:
        """Open another pane, showing the first document no pane shows yet."""
        panes = self.panes
        if len(panes) >= MAX_PANES:
            self.notify(f"Synoptic shows at most {MAX_PANES} panes.", severity="warning")
            return
        pane = DocumentPane(len(panes) + 1)
        await self.query_one("#panes").mount(pane)
        shown = {p.doc_id for p in panes}
        ids = self.workspace.document_ids
        doc_id = next((d for d in ids if d not in shown), ids[0] if ids else None)
        if doc_id is not None:
            self.open_document(doc_id, pane)
        pane.view.focus()

    async def action_remove_pane(self) -> None:
        """Close the focused pane (the last one stays)."""
        panes = self.panes
        if len(panes) <= 1:
            self.bell()
            return
        pane = self.active_pane
        index = panes.index(pane)
        await pane.remove()
        remaining = self.panes
        for number, other in enumerate(remaining, start=1):
            other.number = number
            document = self.workspace.loaded(other.doc_id) if other.doc_id else None
            other.set_title(other.doc_id, document.title if document else "")
        self._active_pane = remaining[min(index, len(remaining) - 1)]
        self._active_pane.view.focus()


def make_app(workspace: Path | None, *, panes: int | None = None) -> SynopticApp:
    """The reader on ``workspace``, or on the user's copy of the sample when None.

    Raises:
        WorkspaceError: the folder does not exist or cannot be read.
    """
    return SynopticApp(Workspace.open(workspace), panes=panes)
