"""Deleting, in the reader, a note that keeps versions from conflicting changes: the question
says they stay, and they do (the tombstone keeps them, reported until resolved)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from test_reader_notes import (
    FIRST_DOC,
    SIZE,
    on_disk,
    screen_text,
    sentence_target,
    started,
    wait_note,
)

from annotations.conflicts import kept_versions
from annotations.model import Annotation
from annotations.store import AnnotationStore
from tui.app import make_app
from tui.screens.note_editor import ConfirmScreen


async def test_deleting_a_note_with_kept_versions_says_they_stay(sample_workspace: Path) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 0)
    note = Annotation.create("Ann", target, "Shown text.")
    other = dataclasses.replace(note, note="Text from the other clone.").to_record()
    AnnotationStore(sample_workspace, "Ann").add(dataclasses.replace(note, superseded=(other,)))
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("p")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert (
            "The version it keeps from a conflicting change is not deleted with it."
            in screen_text(app)
        )
        await pilot.press("y")
        await wait_note(pilot, app, lambda placed: placed == [])
    [gone] = on_disk(sample_workspace, deleted=True)
    assert gone.deleted
    assert [v.text for v in kept_versions(gone)] == ["Text from the other clone."]
