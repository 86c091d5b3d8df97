"""A researcher's large folder: deep paths, long Markdown files, hundreds of documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader import screen_text, wait_loaded
from test_reader_narrow_synopsis import open_synopsis, table_lines
from textual.widgets import Static

from tui.app import make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tui.app import SynopticApp

DEEP = "licenses/extra/deep/nested/folder/structure/libgmp10.txt"
PROSE = "Kratom may lift mood in some people, a few small trials suggest. "


async def test_a_deep_document_id_keeps_its_file_name_in_a_narrow_pane_title(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"a.txt": PROSE, DEEP: PROSE * 3})
    app = make_app(root, panes=2)
    async with app.run_test(size=(70, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("2")  # the deep file, in the first pane (35 columns)
        await pilot.pause()
        pane = app.panes[0]
        assert pane.doc_id == DEEP
        assert "libgmp10.txt" in title_shown(app, 0), "the file name is cut off"
        assert title_shown(app, 0).startswith("1 licenses/"), "its folder starts it still"
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("m")  # the match label ("query") takes room beside it
        await wait_for(pilot, lambda: pane.match_label != "")
        assert "libgmp10.txt" in title_shown(app, 0)


def title_shown(app: SynopticApp, pane: int) -> str:
    """The pane's title as drawn on the screen, without its padding."""
    title = app.panes[pane].query_one(".pane-title", Static)
    line = screen_text(app).splitlines()[title.region.y]
    return line[title.region.x : title.region.right].strip()


async def test_the_arrows_move_a_wide_synopsis_by_whole_columns_keeping_its_head(
    sample_workspace: Path,
) -> None:
    """At 160 columns four document columns of 24 fit: the right arrow scrolled one cell, so
    a column took 36 presses, and Docs, Kind and Agree (which claim a row is) went first."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, table = await open_synopsis(pilot)
        first, second = screen.shown_documents[:2]
        header = table_lines(app, table)[0]
        assert header.split()[:3] == ["Docs", "Kind", "Agree"]
        assert f"1 {first}" in header
        await pilot.press("right")
        await pilot.pause()
        header = table_lines(app, table)[0]
        assert header.split()[:3] == ["Docs", "Kind", "Agree"], header
        assert f"1 {first}" not in header and header.split()[3:5] == ["2", second], header
        await pilot.press("left")
        await pilot.pause()
        assert f"1 {first}" in table_lines(app, table)[0]
