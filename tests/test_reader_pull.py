"""A ``git pull`` while the reader is open: new wording and new notes land at once.

The files are changed as git changes them (the document rewritten, a colleague's annotation
file written beside it); the reader learns of it by itself, as in ``test_reader_reload.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_reload import (
    CURSOR_ON,
    LONG,
    OTHER,
    SIZE,
    cursor_text,
    down_to,
    notice,
    started,
    workspace,
)

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from corpus.document import has_conflict_markers
from tui.app import make_app
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

REWORDED = CURSOR_ON.replace("found a calmer mood", "reported a brighter mood")


async def test_notes_read_before_the_reload_are_not_placed_on_the_old_text(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        await down_to(pilot, pane, CURSOR_ON)
        await wait_for(pilot, lambda: app.sharing.status is not None, timeout=20)
        lost_any: list[str] = []

        # The pull: Bob reworded the sentence and noted the new wording.
        new_text = (root / LONG).read_text(encoding="utf-8").replace(CURSOR_ON, REWORDED)
        (root / LONG).write_text(new_text, encoding="utf-8")
        start = new_text.index(REWORDED)
        target = Target.from_span(LONG, new_text, start, start + len(REWORDED))
        AnnotationStore(root, "Bob").add(Annotation.create("Bob", target, "Reworded, why?"))
        # The notes' own timer fires before the look at the documents does.
        app.notes.refresh()

        def bob() -> object:
            placed = [p for p in app.notes.placed if p.annotation.author == "Bob"]
            if placed and placed[0].orphaned:
                lost_any.append("shown lost")
            return placed and not placed[0].orphaned

        await wait_for(pilot, bob, timeout=20)
        bar = app.query_one(StatusBar)
        await wait_for(pilot, lambda: "changed on disk" in bar.news)
        await wait_for(pilot, lambda: "1 new note by Bob" in bar.sharing, timeout=20)
        assert not lost_any, "Bob's note was never shown lost against the old wording"
        assert cursor_text(pane) == REWORDED
        placed = next(p for p in app.notes.placed if p.annotation.author == "Bob")
        assert (placed.start, placed.end) == (start, start + len(REWORDED))
        # Ann's note, below the edit, moved with its text; Bob's is new, not moved or lost.
        assert bar.news == f"{LONG} changed on disk; reloaded; 1 note moved"
        titles = [n.title for n in app._notifications]
        assert "Orphaned notes" not in titles, "no note lost its passage"
        assert "orphaned" not in bar.sharing


@pytest.mark.parametrize(
    ("text", "conflicted"),
    [
        ("A\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> origin/main\nB\n", True),
        ("<<<<<<<\nours\n>>>>>>>\n", True),
        ("Title\n=======\n\nA Markdown heading's underline is no conflict.\n", False),
        ("An arrow <<<<<<< in the middle of a line, >>>>>>> and another.\n", False),
        (">>>>>>> closes nothing\n<<<<<<< opens nothing after it\n", False),
    ],
)
def test_conflict_markers_are_told_from_text(text: str, conflicted: bool) -> None:
    assert has_conflict_markers(text) is conflicted


async def test_a_pull_stopped_on_a_conflict_says_so_until_it_is_resolved(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        await down_to(pilot, pane, CURSOR_ON)
        resolved = (root / LONG).read_text(encoding="utf-8").replace(CURSOR_ON, REWORDED)
        # What git writes when both sides changed the line.
        conflict = f"<<<<<<< HEAD\n{CURSOR_ON}\n=======\n{REWORDED}\n>>>>>>> origin/main\n"
        (root / LONG).write_text(resolved.replace(REWORDED + " ", conflict, 1), encoding="utf-8")
        await wait_for(pilot, lambda: "<<<<<<<" in pane.view.document.text)  # type: ignore[union-attr]
        assert "merge-conflict markers" in notice(pane)
        bar = app.query_one(StatusBar)
        assert f"{LONG} has git merge-conflict markers" in bar.news
        assert any(n.title == "Merge conflict" and LONG in n.message for n in app._notifications)
        await pilot.press("right_square_bracket", "left_square_bracket")  # away and back
        assert pane.doc_id == LONG and "merge-conflict markers" in notice(pane)

        (root / LONG).write_text(resolved, encoding="utf-8")  # git checkout --theirs
        await wait_for(pilot, lambda: pane.view.document.text == resolved)  # type: ignore[union-attr]
        assert notice(pane) == ""
        assert "conflict" not in bar.news


async def test_a_pull_of_many_documents_is_one_message_and_one_rebuild(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        builds: list[object] = []
        build = app.parallel.build_index

        def counted() -> None:
            builds.append(None)
            build()

        app.parallel.build_index = counted  # type: ignore[method-assign]
        for number in range(12):
            (root / f"new_{number:02}.txt").write_text(
                f"Report {number}\n\nStudy {number} found kratom changed the mood of its users.\n",
                encoding="utf-8",
            )
        (root / OTHER).write_text("Other findings\n\nNow it cites one study.\n", encoding="utf-8")
        bar = app.query_one(StatusBar)
        await wait_for(pilot, lambda: "new" in bar.news)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=20)
        assert (
            bar.news
            == f"{OTHER} changed on disk; reloaded; 12 documents are new (d lists the documents)"
        )
        assert len(builds) == 1
