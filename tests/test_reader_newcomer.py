"""What a newcomer runs into first: a folder with no documents in it, keys pressed before the
notes are read, and what help says about the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_notes import FIRST_DOC, list_rows, seed, sentence_target

from tui.app import SynopticApp, make_app
from tui.screens.notes_list import NotesListScreen

if TYPE_CHECKING:
    from pathlib import Path


def messages(app: SynopticApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_a_workspace_without_documents_still_lists_its_notes(sample_workspace: Path) -> None:
    """A student who moved the articles away (or pointed the reader at a folder of PDFs) was
    told "Notes are still being read." by every note key, for ever: nothing was read when there
    was no document. The notes on the removed files are still there to list and re-attach."""
    note = seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 2), "Check")
    for path in sample_workspace.glob("*.txt"):
        path.unlink()
    app = make_app(sample_workspace, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.notes.ready)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        assert list_rows(app) == [note.id]
        assert "Notes are still being read." not in messages(app)


async def test_a_note_key_says_once_why_notes_are_off(sample_workspace: Path) -> None:
    """With the notes unreadable (here: a config file that cannot be parsed), e, r, x and K said
    why, then went on to say "None of your notes is here", which reads as if the note were
    gone."""
    config = sample_workspace / ".synoptic" / "config.toml"
    config.parent.mkdir()
    config.write_text("author = \n", encoding="utf-8")
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.notes.unavailable is not None)
        for key in ("e", "r", "x", "K"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            said = messages(app)
            assert len(said) == 1 and said[0].startswith("Notes are off"), (key, said)
