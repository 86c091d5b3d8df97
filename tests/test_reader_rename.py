"""A document renamed with ``git mv`` while the reader is open: one rename, not a deletion and a
new document, and the reader's own notes go with it (others' notes are never rewritten here).

A real repository and a real ``git mv``; the reader learns of it as in ``test_reader_reload.py``.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from git_helpers import git, git_defaults_only_fixture  # noqa: F401 - a fixture
from pilot_helpers import wait_for
from test_reader_reload import (
    ADDED_ON_TOP,
    CURSOR_ON,
    LONG,
    NOTED,
    SIZE,
    cursor_text,
    down_to,
    focus_back,
    notice,
    started,
)
from test_reader_reload import workspace as noted_workspace

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from tui.app import make_app
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

RENAMED = "kratom-and-mood.txt"


def committed_workspace(make_workspace: Callable[..., Path]) -> Path:
    """Ann's note and Bob's on LONG, committed in a repository of their own."""
    root = noted_workspace(make_workspace)
    text = (root / LONG).read_text(encoding="utf-8")
    start = text.index(CURSOR_ON)
    target = Target.from_span(LONG, text, start, start + len(CURSOR_ON))
    AnnotationStore(root, "Bob").add(Annotation.create("Bob", target, "Which study is 30?"))
    git(root, "init", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-m", "Two documents, two notes")
    return root


async def test_a_git_mv_is_one_rename_and_your_notes_move_with_the_document(
    make_workspace: Callable[..., Path],
) -> None:
    root = committed_workspace(make_workspace)
    bobs = {p: p.read_bytes() for p in (root / "annotations" / "bob").rglob("*.json")}
    assert bobs, "the test wants Bob's notes file"
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        await wait_for(pilot, lambda: app.sharing.status is not None, timeout=20)
        pane = app.panes[0]
        view = pane.view
        await down_to(pilot, pane, CURSOR_ON)
        row = view.cursor_row()

        git(root, "mv", LONG, RENAMED)
        focus_back(app)
        await wait_for(pilot, lambda: pane.doc_id == RENAMED)

        assert cursor_text(pane) == CURSOR_ON and view.cursor_row() == row, "same place"
        assert notice(pane) == "", "not shown as deleted"
        assert app.workspace.document_ids == [RENAMED, "other.txt"]
        bar = app.query_one(StatusBar)
        assert bar.news.startswith(f"{LONG} was renamed to {RENAMED}")
        assert "new" not in bar.news and "deleted" not in bar.news
        renamed = [n.message for n in app._notifications if n.title == "Document renamed"]
        assert renamed == [
            f"{LONG} was renamed to {RENAMED} on disk; it is shown under its new name. Your "
            f"note on it moves with it. 1 note by another author stays on {LONG}, without a "
            "place: only its author can move it (u says how)."
        ]

        def ann() -> object:
            placed = [p for p in app.notes.placed if p.annotation.author == "Ann"]
            return placed and placed[0].annotation.target.doc == RENAMED and not placed[0].orphaned

        await wait_for(pilot, ann)
        assert any(n.title == "Notes moved with their document" for n in app._notifications)
        stored = AnnotationStore(root, "Ann").all()
        assert sorted((a.author, a.target.doc) for a in stored) == [("Ann", RENAMED), ("Bob", LONG)]
        assert view.note_spans, "Ann's note is marked in the pane"

        # Bob's note is Bob's to move: his file is untouched; the status names the new id.
        bob = next(p for p in app.notes.placed if p.annotation.author == "Bob")
        assert bob.orphaned and bob.annotation.target.doc == LONG
        assert {p: p.read_bytes() for p in bobs} == bobs
        await wait_for(pilot, lambda: "1 note could not be placed" in bar.news)

        def orphans() -> dict[str, str | None]:
            status = app.sharing.status
            return {} if status is None or status.orphans is None else status.orphans.gone

        await wait_for(pilot, lambda: orphans() == {LONG: RENAMED}, timeout=20)
        assert not [n for n in app._notifications if n.title == "Orphaned notes"], "said once"


async def test_a_file_renamed_and_edited_in_one_pull_is_a_rename_and_your_notes_follow(
    make_workspace: Callable[..., Path],
) -> None:
    root = committed_workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        view = pane.view
        await down_to(pilot, pane, CURSOR_ON)
        row = view.cursor_row()

        git(root, "mv", LONG, RENAMED)
        path = root / RENAMED
        edited = ADDED_ON_TOP + path.read_text(encoding="utf-8").replace("study 12 ", "trial 12 ")
        path.write_text(edited, encoding="utf-8")
        focus_back(app)
        await wait_for(pilot, lambda: pane.doc_id == RENAMED)

        assert view.document is not None and view.document.text == edited
        assert cursor_text(pane) == CURSOR_ON and view.cursor_row() == row, "same place"
        assert notice(pane) == "", "not shown as deleted"
        bar = app.query_one(StatusBar)
        assert bar.news.startswith(f"{LONG} was renamed to {RENAMED} and edited")

        def ann() -> object:
            placed = [p for p in app.notes.placed if p.annotation.author == "Ann"]
            return placed and placed[0].annotation.target.doc == RENAMED and not placed[0].orphaned

        await wait_for(pilot, ann)
        placed = next(p for p in app.notes.placed if p.annotation.author == "Ann")
        assert edited[placed.start : placed.end] == NOTED, "placed on the edited text"
        stored = AnnotationStore(root, "Ann").all()
        assert ("Ann", RENAMED) in [(a.author, a.target.doc) for a in stored]


async def test_notes_not_moved_with_their_document_are_named_as_the_reader_names_notes(
    make_workspace: Callable[..., Path],
) -> None:
    """A note the store refuses to move (its new file cannot be read) is named by whose it is,
    its words and its document, as elsewhere in the reader: its id is shown nowhere there."""
    from annotations.store import author_slug, doc_key
    from corpus.text import one_line

    root = committed_workspace(make_workspace)
    (note,) = [a for a in AnnotationStore(root, "Ann").all() if a.author == "Ann"]
    blocked = root / "annotations" / author_slug("Ann") / f"{doc_key(RENAMED)}.json"
    blocked.write_text('{"annotations": {', encoding="utf-8")  # half a file: never written
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        git(root, "mv", LONG, RENAMED)
        focus_back(app)
        await wait_for(pilot, lambda: app.panes[0].doc_id == RENAMED)

        def told() -> list[str]:
            return [n.message for n in app._notifications if n.title == "Notes not moved"]

        await wait_for(pilot, told)
        (message,) = told()
        assert f"Ann's note on \u201c{one_line(NOTED, 60)}\u201d in {LONG}" in message
        assert note.id not in message
    assert blocked.read_text(encoding="utf-8") == '{"annotations": {'
