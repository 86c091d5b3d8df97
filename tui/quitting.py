"""Quitting the reader without losing a note being written.

Every way to quit (``q``, the footer's Quit, ``Ctrl+Q``, the command palette's Quit) runs the
app's ``quit`` action, which comes here. A note in the editor, or waiting in the background
while the user points at a passage to link, is not saved anywhere yet: quitting would drop it
without a word, so the reader asks first, and only an explicit yes quits. With nothing unsaved
it quits at once, as before. Either way the note is then thrown away deliberately, so its
draft on disk goes too (see :mod:`tui.drafts`); only a reader that ends without being asked (a
crash, a closed terminal) leaves one to be offered back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app import SynopticApp

QUESTION = "Quit and discard the note you are writing?"


def writing_unsaved(app: SynopticApp) -> bool:
    """Whether a note is being written (in the editor or while a passage is being linked) with
    typing, tags, a verdict or links that are not saved."""
    from tui.screens.note_editor import NoteEditor

    if app.picking is not None and app.picking[0].unsaved:
        return True
    return any(isinstance(screen, NoteEditor) and screen.unsaved for screen in app.screen_stack)


def quit_unless_writing(app: SynopticApp) -> None:
    """Quit now, or after a yes when a note being written would be lost."""
    from tui.screens.note_editor import ConfirmScreen

    if not writing_unsaved(app):
        app.drafts.discard()
        app.exit()
        return
    if isinstance(app.screen, ConfirmScreen) and app.screen.question == QUESTION:
        return  # already asked: a second Ctrl+Q is not a yes

    def answered(yes: bool | None) -> None:
        if yes:
            app.drafts.discard()
            app.exit()

    detail = "It is not saved yet. No (or Esc) goes back to it; Ctrl+S in the editor saves it."
    app.push_screen(ConfirmScreen(QUESTION, detail), answered)
