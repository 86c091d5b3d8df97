"""Opening the notes list (``l``) chooses and arranges its rows once.

Each filter says it changed as the screen is mounted, and each time the whole list was filtered
and its threads arranged again: on a desk's 10,000 notes, twice the half second the event loop
was held. The same filters again choose nothing again; a changed one still does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_notes import FIRST_DOC, list_rows, seed, sentence_target, started

import tui.screens.notes_list as notes_list
from tui.app import make_app
from tui.screens.notes_list import NotesListScreen

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


async def test_the_list_is_arranged_once_on_opening_and_again_when_a_filter_changes(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = sample_workspace
    first = seed(ws, "Ann", sentence_target(ws, FIRST_DOC, 3), "Dose claim")
    reply = seed(ws, "Bob", first.target, "Not so.", reply_to=first.id)
    other = seed(ws, "Bob", sentence_target(ws, FIRST_DOC, 5), "Mood claim")
    arranged: list[int] = []
    threads = notes_list.listed_threads

    def counted(placed):  # type: ignore[no-untyped-def]
        arranged.append(len(placed))
        return threads(placed)

    monkeypatch.setattr(notes_list, "listed_threads", counted)
    app = make_app(ws, author="Ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        await wait_for(pilot, lambda: len(list_rows(app)) == 3)
        await pilot.pause()
        assert list_rows(app) == [first.id, reply.id, other.id]
        assert arranged == [3]
        await pilot.press("slash", "m", "o", "o", "d")
        await wait_for(pilot, lambda: list_rows(app) == [other.id])
        assert len(arranged) == 5 and arranged[-1] == 1  # once per letter typed
