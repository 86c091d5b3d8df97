"""What the reader's keys do: the ``action_*`` methods of :data:`tui.keys.READER_KEYS`.

Textual finds an action by name on the app's class and its bases, so the app mixes these in
(:class:`ReaderActions`) rather than listing them itself. Each one is thin: it hands the work
to the module that owns it (the panes, the dialogs, the notes, the parallel passages).
:meth:`ReaderActions.check_action` is here too, as it decides when those keys act. A key added
or changed touches :mod:`tui.keys` and this module; :mod:`tui.app` builds the reader and
answers its widgets' messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from tui import dialogs, side_panels
from tui import panes as pane_actions
from tui.commands import Palette
from tui.keys import NOTE_ACTIONS, PANE_ACTIONS
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.app import SynopticApp


class ReaderActions:
    """The reader app's key actions, each routed to the part of the reader that owns it."""

    @property
    def _reader(self) -> SynopticApp:
        """This object, as the app it is mixed into."""
        return cast("SynopticApp", self)

    # -- claims (panels redrawn in tui.side_panels) ---------------------------------------------

    async def action_toggle_claims_panel(self) -> None:
        """Show or hide the list of the focused document's claims."""
        await side_panels.toggle_claims_panel(self._reader)

    def action_why(self) -> None:
        """Explain the verdict on the sentence under the cursor, cue by cue."""
        dialogs.open_why(self._reader)

    def action_pick_kinds(self) -> None:
        """Choose which kinds of claim are highlighted."""
        dialogs.open_kind_picker(self._reader)

    # -- notes (work in tui.notes, actions in tui.note_actions) --------------------------------

    def action_command_palette(self) -> None:
        """Textual's palette, with a footer of its own (:class:`tui.commands.Palette`)."""
        Palette.open(self._reader)

    def action_sharing_status(self) -> None:
        """New notes by others since the last visit, and the annotations' state in git."""
        from tui.screens.sharing import open_sharing_status

        open_sharing_status(self._reader)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter and Escape belong to link picking only while a passage is being picked over
        the panes (a dialog opened meanwhile, a search or "Quit?", keeps its own Enter and
        Escape); the reader's keys act on the panes only while the panes are on screen.

        The synopsis and the notes list are full screens, not dialogs, so Textual would let
        the app's keys through them: ``m`` or ``+`` there changed panes no one could see. A
        dialog stops the app's keys itself; over the panes, their footer stays as it was.
        """
        app = self._reader
        if action == "pick":
            return app.picking is not None and app.screen is app.screen_stack[0]
        if action in PANE_ACTIONS:
            full = next(screen for screen in reversed(app.screen_stack) if not screen.is_modal)
            return full is app.screen_stack[0]
        return True

    def action_pick(self, take: bool) -> None:
        """Take the focused pane's passage as the note's evidence (or go back without)."""
        from tui import note_actions  # the editor's widgets load on first use

        note_actions.finish_picking(self._reader, take)

    def action_note(self, what: str) -> None:
        """Act on notes: ``what`` names a function of :mod:`tui.note_actions` (see
        :data:`tui.keys.NOTE_ACTIONS`: add, edit, reply, delete, resolve, mark a claim, list)."""
        from tui import note_actions  # the editor's widgets load on first use

        if what in NOTE_ACTIONS:
            getattr(note_actions, what)(self._reader)

    async def action_toggle_notes_panel(self) -> None:
        """Show or hide the notes on the passage under the cursor."""
        await side_panels.toggle_notes_panel(self._reader)

    # -- parallel passages (state and work in tui.parallel) -----------------------------------

    def action_match(self) -> None:
        """Scroll every other pane to its best match for the sentence under the cursor."""
        self._reader.parallel.match_key()

    def action_cycle_match(self, step: int) -> None:
        """Show the next-best (or previous) match in the focused pane."""
        self._reader.parallel.cycle_key(step)

    def action_toggle_follow(self) -> None:
        """While on, moving the cursor keeps the other panes on their matching passages."""
        self._reader.query_one(StatusBar).follow = self._reader.parallel.toggle_follow()

    def action_synopsis(self) -> None:
        """Show the table of claims across documents (built in a worker)."""
        self._reader.parallel.synopsis_key()

    def action_synopsis_row(self, step: int) -> None:
        """Lay out the synopsis row after (1) or before (-1) the one it was left on."""
        self._reader.parallel.step_key(step)

    async def action_toggle_matches_panel(self) -> None:
        """Show or hide the list of the current sentence's matches with their scores."""
        await side_panels.toggle_matches_panel(self._reader)

    # -- documents, panes and dialogs -----------------------------------------------------------

    def action_open_number(self, number: int) -> None:
        """Show the n-th document (in id order) in the focused pane."""
        pane_actions.open_number(self._reader, number)

    def action_cycle_document(self, step: int) -> None:
        """Show the next or previous document in the focused pane."""
        pane_actions.cycle_document(self._reader, step)

    async def action_add_pane(self) -> None:
        """Open another pane, showing the first document no pane shows yet."""
        await pane_actions.add_pane(self._reader)

    async def action_remove_pane(self) -> None:
        """Close the focused pane (the last one stays)."""
        await pane_actions.remove_pane(self._reader)

    def action_export_notes(self) -> None:
        """Export the notes as a Markdown report or W3C JSON-LD (asks format, file, filters)."""
        dialogs.open_export(self._reader)

    async def action_quit(self) -> None:
        """Quit; a note being written is dropped only after a yes (see :mod:`tui.quitting`)."""
        from tui.quitting import quit_unless_writing

        quit_unless_writing(self._reader)

    def action_copy_passage(self, cite: bool = False) -> None:
        """Copy the selection (or the cursor's sentence), with ``cite`` as a quote with its
        source (see :mod:`tui.copying`); the keys are the panes' (``DocumentView.BINDINGS``)."""
        from tui.copying import copy_passage

        copy_passage(self._reader, cite=cite)

    def action_help(self) -> None:
        """Show the key reference."""
        dialogs.open_help(self._reader)

    def action_search(self, all_documents: bool | None = None) -> None:
        """Search the focused document or all documents (by default as the last search did)
        and jump to the chosen hit."""
        dialogs.open_search(self._reader, all_documents)

    def action_outline(self) -> None:
        """Jump to a heading of the focused document."""
        dialogs.open_outline(self._reader)

    def action_documents(self) -> None:
        """Choose the focused pane's document from the list."""
        dialogs.open_documents(self._reader)
