"""Saving a note unchanged (``e`` then Save) or re-attaching it to the passage it is on (``R``)
writes nothing: a new ``modified`` time would let that no-op beat a real edit made on another
clone in the merge driver (as ``note edit`` and ``note reattach`` already do, see
test_git_noop_saves.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    SIZE,
    editor,
    focus_by_tab,
    list_rows,
    notes_busy,
    notifications,
    on_disk,
    seed,
    sentence_target,
    shard,
    started,
)
from textual.widgets import DataTable

from annotations.labels import Verdict
from tui.app import make_app
from tui.screens.note_editor import NoteEditor
from tui.screens.notes_list import NotesListScreen

if TYPE_CHECKING:
    from pathlib import Path


async def test_saving_a_note_unchanged_or_reattaching_it_where_it_is_writes_nothing(
    sample_workspace: Path,
) -> None:
    ws = sample_workspace
    mine = seed(
        ws,
        "Ann",
        sentence_target(ws, FIRST_DOC, 0),
        "First thoughts.",
        tags=("mood",),
        verdict=Verdict.SUPPORTED,
    )
    path = shard(ws, "Ann", FIRST_DOC)
    before = path.read_bytes()
    app = make_app(ws, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.active_pane.view.cursor == 0  # on the note's sentence

        await pilot.press("e")
        editor(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))
        await wait_for(pilot, lambda: any("Nothing changed" in m for _, m, _ in notifications(app)))
        await wait_for(pilot, lambda: not notes_busy(app))
        assert path.read_bytes() == before
        assert app.drafts.active is None

        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, NotesListScreen)
        assert list_rows(app) == [mine.id]
        await focus_by_tab(pilot, screen.query_one(DataTable))
        await pilot.press("R")
        await wait_for(
            pilot, lambda: any("already on that passage" in m for _, m, _ in notifications(app))
        )
        await pilot.pause(0.2)
        await wait_for(pilot, lambda: not notes_busy(app))
        assert path.read_bytes() == before

        # A real change is still saved.
        await pilot.press("e")
        await pilot.press("end", "!")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: path.read_bytes() != before)

    (saved,) = on_disk(ws)
    assert saved.note == "First thoughts.!" and saved.modified > mine.modified
