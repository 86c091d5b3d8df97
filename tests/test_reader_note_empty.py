"""Save on an empty note (no words, tag, verdict or link) keeps the editor open and says why,
as ``synoptic note add --text ""`` is refused (test_cli_note_empty.py); a tag alone is enough."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    SIZE,
    editor,
    on_disk,
    seed,
    sentence_target,
    started,
    type_text,
    widget_text,
)
from textual.widgets import Input, Label, TextArea

from annotations.labels import ClaimMark
from tui.app import make_app
from tui.screens.note_editor import NoteEditor

if TYPE_CHECKING:
    from pathlib import Path


async def test_an_empty_note_is_not_saved_and_a_tag_alone_is(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await type_text(pilot, "   ")  # only spaces: still nothing said
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert app.screen is note_editor
        problem = widget_text(note_editor.query_one("#problem", Label))
        assert "An empty note says nothing" in problem
        assert on_disk(sample_workspace) == []

        note_editor.query_one("#tags", Input).focus()
        await type_text(pilot, "mood")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))
        await wait_for(pilot, lambda: len(on_disk(sample_workspace)) == 1)
    [saved] = on_disk(sample_workspace)
    assert saved.tags == ("mood",) and saved.note.strip() == ""


async def test_a_claim_marked_note_may_be_emptied_to_its_mark(sample_workspace: Path) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 0)
    mine = seed(sample_workspace, "Ann", target, "Says a lot.", claim=ClaimMark.CLAIM)
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("e")
        editor(app).query_one(TextArea).clear()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))
        await wait_for(pilot, lambda: on_disk(sample_workspace)[0].note == "")
    [saved] = on_disk(sample_workspace)
    assert saved.id == mine.id and saved.claim is ClaimMark.CLAIM
