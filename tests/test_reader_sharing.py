"""The sharing status in the reader: new notes by others, notes arriving while it is open, git.

Notes by others are written through the store, as a colleague's reader (or a ``git pull``)
would; the record of the previous visit is the one the reader itself keeps.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS
from pilot_helpers import wait_for
from test_reader_notes import seed, sentence_target, started
from textual.widgets import DataTable, OptionList

from annotations.model import Annotation
from annotations.sharing_seen import read_seen, write_seen
from annotations.store import AnnotationStore
from corpus.text import one_line
from tui import sharing as reader_sharing
from tui.app import SynopticApp, make_app
from tui.screens.notes_list import NotesListScreen
from tui.screens.sharing import SharingScreen
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (200, 50)
FIRST_DOC, SECOND_DOC = SAMPLE_IDS[:2]


def mark_all_seen(root: Path, reader: str) -> None:
    """What closing the reader after a visit leaves behind."""
    notes = AnnotationStore(root, reader).load().annotations
    write_seen(root, reader, notes, previous=read_seen(root, reader))


def status_line(app: SynopticApp) -> str:
    return app.query_one(StatusBar).render().plain


def messages(app: SynopticApp) -> list[str]:
    return [n.message for n in app._notifications]


async def checked(pilot: Pilot[None]) -> SynopticApp:
    app = await started(pilot)
    await wait_for(pilot, lambda: app.sharing.status is not None, timeout=20)
    return app


async def test_first_visit_is_quiet_and_the_next_one_shows_what_others_wrote(
    sample_workspace: Path, monkeypatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(sample_workspace.parent))
    old = seed(sample_workspace, "Bea", sentence_target(sample_workspace, FIRST_DOC, 0), "old")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await checked(pilot)
        assert app.sharing.status is not None and app.sharing.status.news.first_visit
        assert "new note" not in status_line(app)
        assert not any("last visit" in m for m in messages(app))
    # The visit was recorded; Bea writes two more notes (and Ann one) before the next visit.
    assert read_seen(sample_workspace, "Ann").versions == {old.id: old.modified}
    fresh = seed(sample_workspace, "Bea", sentence_target(sample_workspace, SECOND_DOC, 3), "new")
    seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 2), "mine")

    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await checked(pilot)
        assert app.sharing.new_ids == {fresh.id}
        assert "1 new note by Bea" in status_line(app)
        await wait_for(pilot, lambda: any("Since your last visit" in m for m in messages(app)))

        await pilot.press("u")
        screen = app.screen
        assert isinstance(screen, SharingScreen)
        options = screen.query_one(OptionList)
        assert options.option_count == 1
        assert "Bea" in str(options.get_option_at_index(0).prompt)
        assert "Git: not a git repository" in str(screen.query_one("#sharing-details").render())
        await pilot.press("enter")  # jump to Bea's new note
        assert not isinstance(app.screen, SharingScreen)
        view = app.active_pane.view
        assert view.document is not None and view.document.id == SECOND_DOC
        await wait_for(pilot, lambda: view.cursor == 3)

        await pilot.press("u", "l")  # the notes list, narrowed to the new ones
        assert isinstance(app.screen, NotesListScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[0] == "\N{BLACK CIRCLE}"
        await pilot.press("escape")

        await pilot.press("l")  # the whole list marks the new note only
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        marks = sorted(str(table.get_row_at(i)[0]) for i in range(3))
        assert marks == ["", "", "\N{BLACK CIRCLE}"]
        await pilot.press("escape")

    # Next time nothing is new.
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await checked(pilot)
        assert app.sharing.new_ids == frozenset()
        assert not app.sharing.status.news.first_visit  # type: ignore[union-attr]
        assert "new note" not in status_line(app)


async def test_notes_arriving_while_open_are_shown_and_announced(
    sample_workspace: Path, monkeypatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(sample_workspace.parent))
    monkeypatch.setattr(reader_sharing, "REFRESH_S", 0.2)
    mark_all_seen(sample_workspace, "Ann")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await checked(pilot)
        view = app.panes[0].view
        assert view.note_spans == []
        target = sentence_target(sample_workspace, FIRST_DOC, 1)
        arrived = seed(sample_workspace, "Bea", target, "pulled meanwhile")
        await wait_for(pilot, lambda: arrived.id in app.sharing.new_ids, timeout=10)
        assert view.note_spans == [(target.start, target.end)]
        assert "1 new note by Bea" in status_line(app)
        await wait_for(pilot, lambda: any("just arrived" in m for m in messages(app)))
        # Bea deletes it again: it is no longer new, and the pane no longer marks it.
        AnnotationStore(sample_workspace, "Bea").delete(arrived.id)
        await wait_for(pilot, lambda: view.note_spans == [], timeout=10)
        assert arrived.id not in app.sharing.new_ids


async def test_a_note_pulled_during_the_first_visit_is_announced_not_swallowed(
    sample_workspace: Path, monkeypatch
) -> None:
    """The first visit counts nothing that was there when it opened as new, but a note that
    arrives while it is open is news: it used to be recorded as seen without a word, so it
    was never announced, then or on any later visit."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(sample_workspace.parent))
    monkeypatch.setattr(reader_sharing, "REFRESH_S", 0.2)
    there = seed(sample_workspace, "Bea", sentence_target(sample_workspace, FIRST_DOC, 0), "old")
    assert read_seen(sample_workspace, "Ann").versions is None  # never opened
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await checked(pilot)
        assert app.sharing.new_ids == frozenset()
        target = sentence_target(sample_workspace, SECOND_DOC, 1)
        arrived = seed(sample_workspace, "Bea", target, "pulled meanwhile")
        await wait_for(pilot, lambda: arrived.id in app.sharing.new_ids, timeout=10)
        assert there.id not in app.sharing.new_ids
        assert "1 new note by Bea" in status_line(app)
        await wait_for(pilot, lambda: any("just arrived" in m for m in messages(app)))
        await pilot.press("u")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        assert "Bea" in str(options.get_option_at_index(0).prompt)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
async def test_git_state_shows_in_the_status_bar(sample_workspace: Path, monkeypatch) -> None:
    config = sample_workspace.parent / "gitconfig"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setattr(reader_sharing, "REFRESH_S", 0.2)
    identity = ["-c", "user.name=T", "-c", "user.email=t@synoptic.invalid"]

    def git(*args: str) -> None:
        subprocess.run(
            ["git", *identity, *args], cwd=sample_workspace, check=True, env=dict(os.environ)
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "articles")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await checked(pilot)
        # In git, but no notes shared through it yet: nothing to warn about.
        assert "\N{CLOCKWISE OPEN CIRCLE ARROW}" not in status_line(app)
        await pilot.press("a")  # a note of Ann's own: uncommitted until she commits it
        await pilot.press("o", "k", "ctrl+s")  # an empty note is not saved
        # The note's file, and the store's annotations/.gitignore made with the first note.
        await wait_for(pilot, lambda: "2 uncommitted files" in status_line(app), timeout=10)
        assert "merge driver" not in status_line(app)
        await pilot.press("u")
        details = str(app.screen.query_one("#sharing-details").render())
        assert "run `synoptic init` before sharing notes through git" in details
        assert "Not committed yet: annotations/.gitignore, annotations/ann/" in details
        await pilot.press("escape")

        # Committed in another terminal: the reader notices on its next look.
        git("add", "annotations")
        git("commit", "-qm", "Ann's note")
        await wait_for(pilot, lambda: "uncommitted" not in status_line(app), timeout=10)
        assert "merge driver not set up" in status_line(app)


@pytest.mark.parametrize("width", [80, 120])
async def test_the_status_bar_keeps_follow_and_the_news_in_a_narrow_terminal(
    sample_workspace: Path, monkeypatch, width: int
) -> None:
    """FOLLOW, where the cursor is and what others wrote stay on the line; the block and word
    counts go first, then the word "sentence", and a long document id is shortened in the
    middle."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(sample_workspace.parent))
    folder = sample_workspace / "investigations" / "kratom-and-mood-claims-2026"
    folder.mkdir(parents=True)
    for doc_id in SAMPLE_IDS:
        (sample_workspace / doc_id).rename(folder / f"article-from-a-wellness-site-{doc_id}")
    long_id = f"investigations/kratom-and-mood-claims-2026/article-from-a-wellness-site-{FIRST_DOC}"
    seed(sample_workspace, "Bea", sentence_target(sample_workspace, long_id, 0), "seen")
    mark_all_seen(sample_workspace, "Ann")
    seed(sample_workspace, "Bea", sentence_target(sample_workspace, long_id, 2), "new")
    app = make_app(sample_workspace, panes=3, author="Ann")
    async with app.run_test(size=(width, 30)) as pilot:
        app = await checked(pilot)
        await wait_for(pilot, lambda: "1 new note by Bea" in status_line(app))
        await pilot.press("f")
        await pilot.pause()
        bar = app.query_one(StatusBar)
        drawn = bar.render_lines(bar.region.reset_offset)[0].text
        assert drawn.lstrip().startswith("FOLLOW ")
        assert re.search(r"  (sentence )?1/\d+  ", drawn), drawn
        assert "1 new note by Bea" in drawn
        assert "investiga" in drawn and f"{FIRST_DOC[-12:]}  " in drawn  # the id's two ends


async def test_the_sharing_status_says_how_to_see_a_kept_version_with_the_reader_s_keys(
    sample_workspace: Path, monkeypatch
) -> None:
    """`u` told the reader's user that `synoptic notes` shows what a version kept from a
    conflict said and `synoptic note resolve ID` marks it as seen, naming the note by a
    32-digit id the reader shows nowhere: commands for a terminal, for what `p` and `K` do
    in the reader itself."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(sample_workspace.parent))
    lost = {"note": "Written on the laptop.", "modified": "2026-03-01T10:00:00.000000+00:00"}
    for author, number in (("Ann", 1), ("Bea", 3)):
        note = Annotation.create(author, sentence_target(sample_workspace, FIRST_DOC, number))
        AnnotationStore(sample_workspace, author).add(dataclasses.replace(note, superseded=(lost,)))
    quote = sentence_target(sample_workspace, FIRST_DOC, 1).quote
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await checked(pilot)
        await pilot.press("u")
        assert isinstance(app.screen, SharingScreen)
        details = " ".join(str(app.screen.query_one("#sharing-details").render()).split())
        assert (
            f"1 note has another version besides the one shown (on {FIRST_DOC}: "
            f"\u201c{one_line(quote, 40)}\u201d); p on its passage shows what it "
            "said, and K there marks it as seen."
        ) in details
        assert (
            "1 note by Bea keeps another version; only the author can resolve it (p on its "
            "passage shows it)."
        ) in details
        assert "synoptic" not in details
