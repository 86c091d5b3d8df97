"""Screenshots of the reader compared with accepted SVG baselines (pytest-textual-snapshot).

Regenerate after an intended visual change with
``pytest tests/test_snapshots.py --snapshot-update`` and review the SVGs in the diff.

The workspace lives in a temporary folder whose path would appear in the header, so every
test renames the sub title once the app is mounted; the loading worker must also have finished,
or the status line would show its progress.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from tui import side_panels
from tui.app import SynopticApp, make_app
from tui.screens.search import SearchScreen

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (160, 40)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for every document, its claims and the passage index, then give the header a
    path-free sub title."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    deadline = time.monotonic() + 20
    while (
        app.loading_finished_at is None
        or app.claims_finished_at is None
        or app.parallel.index is None
        or not app.notes.ready
    ):
        assert time.monotonic() < deadline, "documents, claims and index not ready within 20 s"
        await pilot.pause(0.01)
    app.sub_title = "sample workspace"
    await pilot.pause()


def test_reader_after_moving_the_cursor(snap_compare, sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    assert snap_compare(
        app,
        press=["j", "j", "right_curly_bracket", "tab", "j"],
        terminal_size=SIZE,
        run_before=settle,
    )


def test_help_screen(snap_compare, sample_workspace: Path, monkeypatch) -> None:
    # help says where the workspace is: under HOME, that is ~/ws whatever the temporary folder
    monkeypatch.setenv("HOME", str(sample_workspace.parent))
    app = make_app(sample_workspace)
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=settle)


def test_claims_panel_and_a_hidden_kind(snap_compare, sample_workspace: Path) -> None:
    """Claims highlighted by kind, the legend with one kind switched off, and the panel."""
    app = make_app(sample_workspace)

    async def claims(pilot: Pilot[None]) -> None:
        await settle(pilot)
        assert isinstance(pilot.app, SynopticApp)
        side_panels.set_hidden_kinds(pilot.app, frozenset({"mechanism"}))
        await pilot.press("n", "n", "c")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=claims)


def test_search_across_all_documents(snap_compare, sample_workspace: Path) -> None:
    app = make_app(sample_workspace)

    async def search(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"serotonin", "ctrl+t")
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        deadline = time.monotonic() + 10
        while not (screen.all_documents and len({hit.doc_id for hit in screen.hits}) > 1):
            assert time.monotonic() < deadline, "search did not finish within 10 s"
            await pilot.pause(0.01)

    assert snap_compare(app, terminal_size=SIZE, run_before=search)


def test_matches_of_a_sentence_in_three_panes(snap_compare, sample_workspace: Path) -> None:
    """``m``: the other panes show their best passage level with the query, terms marked."""
    app = make_app(sample_workspace, panes=3)

    async def match(pilot: Pilot[None]) -> None:
        await settle(pilot)
        assert isinstance(pilot.app, SynopticApp)
        for key in ("j", "j", "j", "m"):
            await pilot.press(key)
        deadline = time.monotonic() + 10
        while pilot.app.parallel.result is None:
            assert time.monotonic() < deadline
            await pilot.pause(0.01)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=match)


def test_claim_synopsis_table(snap_compare, sample_workspace: Path) -> None:
    app = make_app(sample_workspace)

    async def synopsis(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("s")
        deadline = time.monotonic() + 10
        while type(pilot.app.screen).__name__ != "SynopsisScreen":
            assert time.monotonic() < deadline
            await pilot.pause(0.01)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=synopsis)
