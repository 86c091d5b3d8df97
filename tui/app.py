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
from tui import arrivals, dialogs, heap, side_panels
from tui import panes as pane_actions
from tui.claim_marks import ClaimsState
from tui.commands import Palette, ReaderCommands
from tui.drafts import ReaderDrafts
from tui.keys import NOTE_ACTIONS, PANE_ACTIONS, READER_KEYS
from tui.loader import WorkspaceLoader
from tui.notes import ReaderNotes
from tui.panes import MAX_PANES
from tui.parallel import ParallelReading
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
    from tui.screens.export import ExportChoice
    from tui.screens.note_editor import PickPassage

PANE_WIDTH = 80
"""Cells a pane should have at least before another one is opened automatically."""
NARROW_SCREEN = 80
"""Columns below which a side panel leaves the panes too little room to share."""
SHORT_SCREEN = 24
"""Lines below which a dialog has no room to spare for margins."""


class SynopticApp(arrivals.Arrivals, App[None]):
    """Reads one workspace with documents side by side."""

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

    async def action_toggle_claims_panel(self) -> None:
        """Show or hide the list of the focused document's claims."""
        await side_panels.toggle_claims_panel(self)

    def action_why(self) -> None:
        """Explain the verdict on the sentence under the cursor, cue by cue."""
        dialogs.open_why(self)

    def action_pick_kinds(self) -> None:
        """Choose which kinds of claim are highlighted."""
        dialogs.open_kind_picker(self)

    # -- status -------------------------------------------------------------------------------

    @on(DocumentView.CursorMoved)
    def _cursor_moved(self, message: DocumentView.CursorMoved) -> None:
        if self._active_pane is None or message.view is self.active_pane.view:
            side_panels.show_position(self, message.view)
            self.parallel.cursor_moved(message.view)

    # -- notes (work in tui.notes, actions in tui.note_actions) --------------------------------

    def action_command_palette(self) -> None:
        """Textual's palette, with a footer of its own (:class:`tui.commands.Palette`)."""
        Palette.open(self)

    def action_sharing_status(self) -> None:
        """New notes by others since the last visit, and the annotations' state in git."""
        from tui.screens.sharing import open_sharing_status

        open_sharing_status(self)

    @on(NotesPanel.LinkChosen)
    def _link_chosen(self, message: NotesPanel.LinkChosen) -> None:
        from tui import note_places  # loaded on first use, off the start-up path

        note_places.open_link(self, message.link)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter and Escape belong to link picking only while a passage is being picked over
        the panes (a dialog opened meanwhile, a search or "Quit?", keeps its own Enter and
        Escape); the reader's keys act on the panes only while the panes are on screen.

        The synopsis and the notes list are full screens, not dialogs, so Textual would let
        the app's keys through them: ``m`` or ``+`` there changed panes no one could see. A
        dialog stops the app's keys itself; over the panes, their footer stays as it was.
        """
        if action == "pick":
            return self.picking is not None and self.screen is self.screen_stack[0]
        if action in PANE_ACTIONS:
            full = next(screen for screen in reversed(self.screen_stack) if not screen.is_modal)
            return full is self.screen_stack[0]
        return True

    def action_pick(self, take: bool) -> None:
        """Take the focused pane's passage as the note's evidence (or go back without)."""
        from tui import note_actions  # the editor's widgets load on first use

        note_actions.finish_picking(self, take)

    def action_note(self, what: str) -> None:
        """Act on notes: ``what`` names a function of :mod:`tui.note_actions` (see
        :data:`tui.keys.NOTE_ACTIONS`: add, edit, reply, delete, resolve, mark a claim, list)."""
        from tui import note_actions  # the editor's widgets load on first use

        if what in NOTE_ACTIONS:
            getattr(note_actions, what)(self)

    async def action_toggle_notes_panel(self) -> None:
        """Show or hide the notes on the passage under the cursor."""
        await side_panels.toggle_notes_panel(self)

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

    def action_match(self) -> None:
        """Scroll every other pane to its best match for the sentence under the cursor."""
        self.parallel.match_key()

    def action_cycle_match(self, step: int) -> None:
        """Show the next-best (or previous) match in the focused pane."""
        self.parallel.cycle_key(step)

    def action_toggle_follow(self) -> None:
        """While on, moving the cursor keeps the other panes on their matching passages."""
        self.query_one(StatusBar).follow = self.parallel.toggle_follow()

    def action_synopsis(self) -> None:
        """Show the table of claims across documents (built in a worker)."""
        self.parallel.synopsis_key()

    async def action_toggle_matches_panel(self) -> None:
        """Show or hide the list of the current sentence's matches with their scores."""
        await side_panels.toggle_matches_panel(self)

    # -- actions ------------------------------------------------------------------------------

    def action_open_number(self, number: int) -> None:
        """Show the n-th document (in id order) in the focused pane."""
        pane_actions.open_number(self, number)

    def action_cycle_document(self, step: int) -> None:
        """Show the next or previous document in the focused pane."""
        pane_actions.cycle_document(self, step)

    async def action_add_pane(self) -> None:
        """Open another pane, showing the first document no pane shows yet."""
        await pane_actions.add_pane(self)

    async def action_remove_pane(self) -> None:
        """Close the focused pane (the last one stays)."""
        await pane_actions.remove_pane(self)

    def action_export_notes(self) -> None:
        """Export the notes as a Markdown report or W3C JSON-LD (asks format, file, filters)."""
        dialogs.open_export(self)

    async def action_quit(self) -> None:
        """Quit; a note being written is dropped only after a yes (see :mod:`tui.quitting`)."""
        from tui.quitting import quit_unless_writing

        quit_unless_writing(self)

    def action_help(self) -> None:
        """Show the key reference."""
        dialogs.open_help(self)

    def action_search(self, all_documents: bool = False) -> None:
        """Search the focused document (or all documents) and jump to the chosen hit."""
        dialogs.open_search(self, all_documents)

    def action_outline(self) -> None:
        """Jump to a heading of the focused document."""
        dialogs.open_outline(self)

    def action_documents(self) -> None:
        """Choose the focused pane's document from the list."""
        dialogs.open_documents(self)


def make_app(
    workspace: Path | None, *, panes: int | None = None, author: str | None = None
) -> SynopticApp:
    """The reader on ``workspace``, or on the user's copy of the sample when None.

    Raises:
        WorkspaceError: the folder does not exist or cannot be read.
    """
    heap.freeze_start_up()  # before the app exists: see tui.heap
    return SynopticApp(Workspace.open(workspace), panes=panes, author=author)
