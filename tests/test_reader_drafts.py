"""A note being written is never dropped without a yes: Cancel after linking a passage."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    editor,
    on_disk,
    seed,
    sentence_target,
    started,
    type_text,
)
from textual.widgets import Button, TextArea

from tui.app import SynopticApp, make_app
from tui.screens.note_editor import ConfirmScreen, NoteEditor

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (120, 40)


async def click_button(pilot: Pilot[None], app: SynopticApp, button_id: str) -> None:
    """Click one of the editor's buttons, scrolled into view first as the wheel would."""
    button = editor(app).query_one(f"#{button_id}", Button)
    button.scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click(button)


async def link_a_passage(pilot: Pilot[None], app: SynopticApp, end: str) -> None:
    """Click "Link a passage…", then in the right pane press Enter (takes its sentence) or
    Esc (back to the note without a link)."""
    await click_button(pilot, app, "pick")
    assert app.picking is not None
    await pilot.press("tab", "j", end)
    assert app.picking is None
    editor(app)


def question(app: SynopticApp) -> str:
    screen = app.screen
    assert isinstance(screen, ConfirmScreen), f"nothing asked: {screen!r}"
    return screen.question


# -- Cancel compares with the note as it was before editing began ------------------------------


@pytest.mark.parametrize("cancel", ["escape", "click"])
@pytest.mark.parametrize("picker_end", ["enter", "escape"])
async def test_cancel_after_linking_a_passage_asks_before_discarding(
    sample_workspace: Path, cancel: str, picker_end: str
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "Worth keeping")
        await link_a_passage(pilot, app, picker_end)
        await link_a_passage(pilot, app, picker_end)  # twice round: still asked

        for answer in ("n", "y"):
            if cancel == "escape":
                await pilot.press("escape")
            else:
                await click_button(pilot, app, "cancel")
            assert question(app) == "Discard what you typed?"
            await pilot.press(answer)
            if answer == "n":
                assert editor(app).query_one(TextArea).text == "Worth keeping"
                assert len(editor(app).links) == (2 if picker_end == "enter" else 0)
        assert not isinstance(app.screen, NoteEditor | ConfirmScreen)
        assert on_disk(sample_workspace) == []


async def test_cancel_asks_for_a_link_picked_into_an_existing_note_and_a_reply(
    sample_workspace: Path,
) -> None:
    """Editing a note or replying is writing too: a link picked is asked about, and a round
    trip that changed nothing closes at once, as before."""
    mine = seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "Mine")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("e")
        await link_a_passage(pilot, app, "escape")
        await pilot.press("escape")  # nothing changed: no question
        assert not isinstance(app.screen, NoteEditor | ConfirmScreen)

        await pilot.press("shift+tab", "e")  # linking left the focus on the other pane
        await link_a_passage(pilot, app, "enter")
        await pilot.press("escape")
        assert question(app) == "Discard what you typed?"
        await pilot.press("y")

        await pilot.press("shift+tab", "r")
        await type_text(pilot, "I agree")
        await link_a_passage(pilot, app, "escape")
        await pilot.press("escape")
        assert question(app) == "Discard what you typed?"
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(on_disk(sample_workspace)) == 2)
        (note,) = [a for a in on_disk(sample_workspace) if a.id == mine.id]
        assert note.links == ()
        assert note.note == "Mine"
