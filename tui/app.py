"""The Synoptic reader: side-by-side panes over one workspace.

:func:`make_app` is the one factory used by the CLI, the tests and the benchmarks. The app opens
with its panes on the first documents in id order; a thread worker reads and segments every
document, the ones on screen first, and posts each as it is ready, so a workspace of hundreds
of files paints at once and fills in while the user reads.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.events import AppFocus, DescendantFocus, Event, MouseDown, MouseUp
from textual.widgets import Header
from textual.worker import Worker, WorkerState, get_current_worker

from corpus.text import inert, shown_path
from corpus.workspace import Workspace
from tui import arrivals, heap, side_panels
from tui import panes as pane_actions
from tui.claim_marks import ClaimsState
from tui.commands import ReaderCommands
from tui.drafts import ReaderDrafts
from tui.keys import READER_KEYS
from tui.loader import WorkspaceLoader
from tui.notes import ReaderNotes
from tui.panes import MAX_PANES
from tui.parallel import ParallelReading
from tui.reader_actions import ReaderActions
from tui.settings import ReaderSettings, restore_theme
from tui.sharing import ReaderSharing
from tui.theme_colours import chrome_variables
from tui.watching import DocumentWatch
from tui.widgets.claims_panel import ClaimLegend, ClaimsPanel
from tui.widgets.document_pane import DocumentPane
from tui.widgets.document_view import DocumentView
from tui.widgets.key_footer import KeyFooter
from tui.widgets.matches_panel import MatchesPanel
from tui.widgets.notes_panel import NotesPanel
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path, PurePath

    from textual.binding import BindingType
    from textual.notifications import SeverityLevel

    from annotations.drafts import NoteDraft
    from corpus.errors import DocumentError
    from corpus.model import Document
    from tui.copying import Copy
    from tui.screens.export import ExportChoice
    from tui.screens.note_editor import PickPassage

PANE_WIDTH = 80
"""Cells a pane should have at least before another one is opened automatically."""
NARROW_SCREEN = 80
"""Columns below which a side panel leaves the panes too little room to share."""
SHORT_SCREEN = 24
"""Lines below which a dialog has no room to spare for margins."""


class SynopticApp(arrivals.Arrivals, ReaderActions, App[None]):
    """Reads one workspace with documents side by side.

    What its keys do is :class:`~tui.reader_actions.ReaderActions`, what it does as background
    work arrives :class:`~tui.arrivals.Arrivals`; the app itself builds the panes and answers
    its widgets' messages.
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "colours.tcss"]
    TITLE = "Synoptic"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (typed by App, as a list)
        (0, "-narrow"),
        (NARROW_SCREEN, "-wide"),
    ]
    """Below :data:`NARROW_SCREEN` columns the screen has the class ``-narrow``, and a side
    panel keeps one pane beside it (``app.tcss``)."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_SCREEN, "-tall")]  # noqa: RUF012
    """Below :data:`SHORT_SCREEN` lines every screen has the class ``-short``: dialogs drop
    their margins (``tui.screens.claims.MODAL_CSS``)."""

    BINDINGS: ClassVar[list[BindingType]] = list(READER_KEYS)
    """The key table is :data:`tui.keys.READER_KEYS`."""

    def __init__(
        self, workspace: Workspace, *, panes: int | None = None, author: str | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.requested_panes = panes
        """Panes asked for on the command line; None picks by terminal width."""
        self.failures: dict[str, DocumentError] = {}
        self.started_at = time.perf_counter()
        self.loading_finished_at: float | None = None
        self.claims_finished_at: float | None = None
        self.claims = ClaimsState()
        self.loader = WorkspaceLoader(workspace, self.post_message)
        self.parallel = ParallelReading(self)
        self.notes = ReaderNotes(self, author)
        self.sharing = ReaderSharing(self)
        self.drafts = ReaderDrafts(self)
        """The note being written, kept on disk until saved (see :mod:`tui.drafts`)."""
        self.disk_watch = DocumentWatch(self)
        """Notices documents changed on disk, to show them again (see :mod:`tui.watching`)."""
        self._marked_documents: set[str] = set()
        self.picking: tuple[PickPassage, Callable[[NoteDraft], None]] | None = None
        """While the user points at a passage to link: the note's draft and how to go on."""
        self.last_export: ExportChoice | None = None
        """The format, file and filters of the last export asked for, offered again for the
        session."""
        self.search_everywhere = False
        """Whether the last search looked in every document: ``/`` opens on that scope again,
        so a search after one across the workspace is not quietly narrowed to one document."""
        self._active_pane: DocumentPane | None = None
        self.settings = ReaderSettings.load()
        """The user's settings (the theme), kept between runs (see :mod:`tui.settings`)."""

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and the frame's colours made readable from them."""
        variables = super().get_css_variables()
        return {**variables, **chrome_variables(variables)}

    def format_title(self, title: str, sub_title: str) -> Content:
        """The title, then the workspace's place, not dimmed: Textual's dim sub-title was
        2.5:1 on solarized-light's header and 2.7:1 on catppuccin-latte's."""
        if not sub_title:
            return Content(title)
        return Content.assemble(title, (" \N{EM DASH} ", "dim"), sub_title)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        ids = self.workspace.document_ids
        count = self.requested_panes or pane_actions.panes_that_fit(self.size.width, PANE_WIDTH)
        count = max(1, min(count, MAX_PANES, len(ids) or 1))
        yield Header()
        with Horizontal(id="panes"):
            for number in range(1, count + 1):
                yield DocumentPane(number)
        yield ClaimLegend()
        yield StatusBar()
        yield KeyFooter()

    def on_mount(self) -> None:
        root = shown_path(self.workspace.root)
        # short enough that the copy's place fits whole in the title at 80 columns
        self.sub_title = f"sample (your copy): {root}" if self.workspace.is_sample else root
        restore_theme(self)
        self.theme_changed_signal.subscribe(self, lambda _: side_panels.colour_claims(self))
        pane_actions.show_first_documents(self)
        self.drafts.start()
        # Even with no documents: the notes are read once loading finishes, and a workspace
        # whose files were all removed may still hold notes to list, export or re-attach.
        self.load_documents()
        self.call_after_refresh(self.loader.painted.set)

    def tell(
        self, message: str, title: str, severity: SeverityLevel = "warning", timeout: float = 12
    ) -> None:
        """A notification quoting outside text (file names, rules): shown literally and inert.

        Textual reads a notification as markup by default; a pattern such as ``[/]`` in a
        user's rules file would then crash the reader instead of being reported.
        """
        self.notify(inert(message), title=title, severity=severity, timeout=timeout, markup=False)

    def copy_to_clipboard(self, text: str, *, news: Copy | None = None) -> None:
        """Send ``text`` to the terminal (OSC 52), as Textual does, and hand it to the desktop's
        clipboard command (see :mod:`tui.copying`), which many terminals need: every copy
        comes here, Textual's own too (Ctrl+C in the note editor, a filter, a dialog).

        ``news`` is how a copy of the reader's own (``y`` in a pane) is told of in the status
        bar; Textual's copies say nothing unless the command fails.
        """
        super().copy_to_clipboard(text)
        if self.is_running:  # before the app runs there is no worker to hand it over in
            from tui.copying import hand_to_command

            hand_to_command(self, text, news)

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
                side_panels.keep_beside(self, pane)
                side_panels.show_position(self, pane.view)
                side_panels.refresh_claims(self)

    def on_app_focus(self, _event: AppFocus) -> None:
        # back from the editor (or the terminal where `git pull` ran): look at once
        self.disk_watch.look()

    async def on_event(self, event: Event) -> None:
        # Only the left button clicks. Textual makes a click of any button's release, so a
        # right click (a habit, to copy) dropped a dragged selection and moved the cursor, and
        # pressed whatever it was on: a dialog's Yes, the footer's Quit, a synopsis row.
        if isinstance(event, MouseDown | MouseUp) and event.button > 1:
            return
        await super().on_event(event)

    # -- documents ----------------------------------------------------------------------------

    def open_document(
        self, doc_id: str, pane: DocumentPane | None = None, *, offset: int | None = None
    ) -> None:
        """Show ``doc_id`` in ``pane`` (the focused one by default), loading it if needed."""
        pane_actions.show_document(self, doc_id, pane or self.active_pane, offset=offset)

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
        """Read and segment every document, then find claims (see :mod:`tui.loader`)."""
        worker = get_current_worker()
        self.loader.run(lambda: worker.is_cancelled)

    def on_unmount(self) -> None:
        self.drafts.stop()  # a note still being written stays on disk for next time
        heap.release()  # what the background work handed over may be garbage from now on

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place where a crashed worker becomes a message instead of a dead app."""
        if event.state is WorkerState.ERROR:
            self.tell(f"{event.worker.description} failed: {event.worker.error}", "Error", "error")

    # -- claims (panels redrawn in tui.side_panels) ---------------------------------------------

    @on(ClaimsPanel.ClaimChosen)
    def _claim_chosen(self, message: ClaimsPanel.ClaimChosen) -> None:
        view = self.active_pane.view
        if view.document is not None and view.document.id == message.doc_id:
            view.cursor = message.sentence
            view.focus()

    # -- status -------------------------------------------------------------------------------

    @on(DocumentView.CursorMoved)
    def _cursor_moved(self, message: DocumentView.CursorMoved) -> None:
        if self._active_pane is None or message.view is self.active_pane.view:
            side_panels.show_position(self, message.view)
            self.parallel.cursor_moved(message.view)

    # -- notes (work in tui.notes, actions in tui.note_actions) --------------------------------

    @on(NotesPanel.LinkChosen)
    def _link_chosen(self, message: NotesPanel.LinkChosen) -> None:
        from tui import note_places  # loaded on first use, off the start-up path

        note_places.open_link(self, message.link)

    # -- parallel passages (state and work in tui.parallel) -----------------------------------

    @on(DocumentView.MatchRequested)
    def _match_requested(self, message: DocumentView.MatchRequested) -> None:
        if message.view is self.active_pane.view:
            self.parallel.match_key()

    @on(MatchesPanel.MatchChosen)
    def _match_chosen(self, message: MatchesPanel.MatchChosen) -> None:
        self.parallel.show_match(message.match)
        shown_in = (p for p in self.panes if p.doc_id == message.match.passage.doc_id)
        side_panels.keep_beside(self, next(shown_in, self.active_pane))


def make_app(
    workspace: Path | None, *, panes: int | None = None, author: str | None = None
) -> SynopticApp:
    """The reader on ``workspace``, or on the user's copy of the sample when None.

    Raises:
        WorkspaceError: the folder does not exist or cannot be read.
    """
    heap.freeze_start_up()  # before the app exists: see tui.heap
    return SynopticApp(Workspace.open(workspace), panes=panes, author=author)
