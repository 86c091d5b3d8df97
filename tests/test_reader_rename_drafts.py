"""A note being written while its document is renamed on disk (``git mv``, seen by the watch):
the note follows the document, in the editor, while a passage is being linked, and in the
draft kept on disk for a crash.

A real repository and a real ``git mv``, as in ``test_reader_rename.py``.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from git_helpers import git, git_defaults_only_fixture  # noqa: F401 - a fixture
from pilot_helpers import wait_for
from test_reader_notes import choose
from test_reader_reload import CURSOR_ON, LONG, NOTED, SIZE, down_to, focus_back, started
from test_reader_rename import RENAMED, committed_workspace
from textual.widgets import Select

from annotations.drafts import drafts_folder
from annotations.links import Relation
from annotations.store import AnnotationStore
from tui.app import make_app
from tui.screens.note_editor import NoteEditor

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def drafts_on_disk(root: Path) -> list[dict[str, object]]:
    return [json.loads(p.read_text("utf-8")) for p in drafts_folder(root).glob("*.json")]


@pytest.mark.parametrize("while_", ["in the editor", "linking a passage"])
async def test_a_note_being_written_follows_its_document_renamed_meanwhile(
    make_workspace: Callable[..., Path], while_: str
) -> None:
    root = committed_workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        await down_to(pilot, pane, CURSOR_ON)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Written", "space", *"meanwhile")
        if while_ == "linking a passage":
            await choose(pilot, app.screen.query_one("#relation", Select), Relation.SUPPORTS)
            await app.screen.action_pick()
            await wait_for(pilot, lambda: app.picking is not None)
        await wait_for(pilot, lambda: drafts_on_disk(root) != [])

        git(root, "mv", LONG, RENAMED)
        focus_back(app)
        await wait_for(pilot, lambda: pane.doc_id == RENAMED)

        # A crash now must offer the draft on the document's new name.
        await wait_for(
            pilot, lambda: [d["target"]["doc"] for d in drafts_on_disk(root)] == [RENAMED]
        )
        if while_ == "linking a passage":
            await pilot.press("escape")  # back to the note, without a link
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+s")

        def saved() -> object:
            return [p for p in app.notes.placed if p.annotation.note == "Written meanwhile"]

        await wait_for(pilot, saved)
        (placed,) = saved()
        assert placed.annotation.target.doc == RENAMED
        assert not placed.orphaned, "placed on the renamed document"
        document = app.workspace.loaded(RENAMED)
        assert document is not None and document.text[placed.start : placed.end] == CURSOR_ON
        stored = [a for a in AnnotationStore(root, "Ann").all() if a.note == "Written meanwhile"]
        assert [a.target.doc for a in stored] == [RENAMED]
        await wait_for(pilot, lambda: drafts_on_disk(root) == [])


async def test_a_note_being_edited_is_saved_on_its_renamed_document_as_one_edit(
    make_workspace: Callable[..., Path],
) -> None:
    """The rename moves the note while it is edited: the edit is saved over the moved note,
    not over the version it began from (the move is not someone else's change to keep)."""
    root = committed_workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        await down_to(pilot, pane, NOTED)
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*" Done")

        git(root, "mv", LONG, RENAMED)
        focus_back(app)
        await wait_for(pilot, lambda: pane.doc_id == RENAMED)
        await pilot.press("ctrl+s")

        def saved() -> object:
            return [p for p in app.notes.placed if p.annotation.note == "Check study 40. Done"]

        await wait_for(pilot, saved)
        (placed,) = saved()
        assert placed.annotation.target.doc == RENAMED and not placed.orphaned
        assert placed.annotation.superseded == (), "the move is no conflicting change"
        assert not [n for n in app._notifications if n.title == "Note saved over another edit"]
        (stored,) = [a for a in AnnotationStore(root, "Ann").all() if a.author == "Ann"]
        assert (stored.note, stored.target.doc) == ("Check study 40. Done", RENAMED)


def leave_draft(root: Path, note: str, saved: str) -> None:
    """A new note on CURSOR_ON of LONG, left on disk by a reader that is gone."""
    from annotations.drafts import DraftFile, DraftKind, DraftRecord, NoteDraft
    from annotations.target import Target

    text = (root / LONG).read_text(encoding="utf-8")
    start = text.index(CURSOR_ON)
    target = Target.from_span(LONG, text, start, start + len(CURSOR_ON))
    file = DraftFile.create(root)
    record = DraftRecord(
        DraftKind.NEW, "Ann", target, f"New note on {LONG}", NoteDraft(note), saved=saved
    )
    file.write(record)
    file.release()


async def test_recovered_drafts_follow_their_document_renamed_before_they_are_reopened(
    make_workspace: Callable[..., Path],
) -> None:
    """Drafts left by a reader that died are offered one at a time; a rename seen meanwhile
    moves the one on screen and those still waiting, in memory and on disk, as it moves a
    note being written: reopened on the old name, they would find their document gone."""
    from tui.screens.drafts import DraftOffer

    root = committed_workspace(make_workspace)
    leave_draft(root, "First left", "2026-01-01T00:00:00+00:00")
    leave_draft(root, "Second left", "2026-01-02T00:00:00+00:00")
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, DraftOffer))

        git(root, "mv", LONG, RENAMED)
        focus_back(app)
        await wait_for(pilot, lambda: app.panes[0].doc_id == RENAMED)
        await wait_for(
            pilot, lambda: [d["target"]["doc"] for d in drafts_on_disk(root)] == [RENAMED] * 2
        )
        await wait_for(pilot, lambda: isinstance(app.screen, DraftOffer))
        await pilot.press("enter")  # the first: "Reopen in the editor"
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftOffer))
        await pilot.press("enter")  # then the second, which waited meanwhile
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert app.screen.heading.endswith(f" on {RENAMED}")
        await pilot.press("ctrl+s")

        def saved() -> list[str]:
            return sorted(
                p.annotation.note
                for p in app.notes.placed
                if not p.orphaned
                and p.annotation.target.doc == RENAMED
                and "left" in p.annotation.note
            )

        await wait_for(pilot, lambda: saved() == ["First left", "Second left"])
        await wait_for(pilot, lambda: drafts_on_disk(root) == [])
