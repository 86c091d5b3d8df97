"""Deleting, in the reader, a note that keeps versions from conflicting changes: the question
says they stay, and they do (the tombstone keeps them, reported until resolved)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from pilot_helpers import wait_for
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

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui.app import SynopticApp


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


async def test_ctrl_z_brings_a_deleted_note_back_with_its_kept_versions_for_k(
    sample_workspace: Path,
) -> None:
    """A note deleted by mistake comes back as it was: its id (Bob's reply answers it again),
    tags, link, passage and the version it kept from a conflict, which K then resolves: once
    deleted, nothing in the reader reached that version."""
    from test_reader_notes import notifications

    from annotations.links import Relation, parse_link

    target = sentence_target(sample_workspace, FIRST_DOC, 0)
    link = parse_link("https://example.org/study", Relation.SUPPORTS)
    note = Annotation.create("Ann", target, "Shown text.", tags=("mood",), links=(link,))
    other = dataclasses.replace(note, note="Text from the other clone.").to_record()
    AnnotationStore(sample_workspace, "Ann").add(dataclasses.replace(note, superseded=(other,)))
    reply = Annotation.create("Bob", target, "Which study?", reply_to=note.id)
    AnnotationStore(sample_workspace, "Bob").add(reply)
    (before,) = [a for a in on_disk(sample_workspace) if a.id == note.id]
    second = sentence_target(sample_workspace, FIRST_DOC, 1)
    also = AnnotationStore(sample_workspace, "Ann").add(Annotation.create("Ann", second, "Two."))
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("p", "x", "y")  # the panel highlights the note; deleted after a yes
        await wait_note(pilot, app, lambda placed: note.id not in {p.annotation.id for p in placed})
        assert any("Ctrl+Z brings it back" in message for _, message, _ in notifications(app))
        await pilot.press("p", "j", "x", "y")  # then the note on the next sentence
        await wait_note(pilot, app, lambda placed: also.id not in {p.annotation.id for p in placed})

        await pilot.press("ctrl+z")  # the latest deletion first
        await wait_note(pilot, app, lambda placed: also.id in {p.annotation.id for p in placed})
        await pilot.press("ctrl+z")
        await wait_note(pilot, app, lambda placed: note.id in {p.annotation.id for p in placed})
        back = app.notes.by_id[note.id].annotation
        assert (back.note, back.tags, back.links, back.target) == (
            before.note, before.tags, before.links, before.target
        )  # fmt: skip
        assert app.notes.by_id[reply.id].annotation.reply_to == note.id
        assert [v.text for v in kept_versions(back)] == ["Text from the other clone."]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any("No note deleted here" in message for _, message, _ in notifications(app))

        await pilot.press("k", "p", "K")  # the cursor back on the first sentence, its panel
        await wait_for_resolved(pilot, app, note.id)
    (stored,) = [a for a in on_disk(sample_workspace) if a.id == note.id]
    assert kept_versions(stored) == [] and not stored.deleted


async def wait_for_resolved(pilot: Pilot[None], app: SynopticApp, note_id: str) -> None:
    """Let the app run until the note keeps no version that is not resolved."""

    def resolved() -> bool:
        placed = app.notes.by_id.get(note_id)
        return placed is not None and kept_versions(placed.annotation) == []

    await wait_for(pilot, resolved)
