"""The claim synopsis in a narrow terminal (Pilot, 40 to 80 columns): whole document columns,
reached with the arrow keys, never a column cut mid-word at the screen's edge."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for

from tui.app import SynopticApp, make_app
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot


def table_lines(app: SynopticApp, table: SynopsisTable) -> list[str]:
    """The table's lines as drawn on screen: the header first."""
    region = table.content_region
    strips = app.screen._compositor.render_strips()
    return [strips[y].text[region.x : region.right] for y in range(region.y, region.bottom)]


async def open_synopsis(pilot: Pilot[None]) -> tuple[SynopsisScreen, SynopsisTable]:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
    screen = app.screen
    assert isinstance(screen, SynopsisScreen)
    await pilot.pause(0.1)
    return screen, screen.query_one(SynopsisTable)


def check_columns(screen: SynopsisScreen, lines: list[str]) -> set[int]:
    """The numbers of the document columns drawn; each is whole: its header has both ends of
    the id, and its first row's first line ends between two words of the passage."""
    header, first = lines[0], lines[1]
    row = screen.query_one(SynopsisTable).cells_at(0)
    shown = set()
    for number, doc_id in enumerate(screen.shown_documents, start=1):
        x = header.find(f"{number} {doc_id[:2]}")
        if x < 0:
            continue
        shown.add(number)
        label = header[x:].split("  ")[0].strip()
        start, _, end = label.partition("\N{HORIZONTAL ELLIPSIS}")
        assert f"{number} {doc_id}".startswith(start) and doc_id.endswith(end), (label, header)
        assert doc_id.endswith(".txt") and label.endswith(".txt"), (label, header)
        words = first[x:].split("  ")[0].strip()
        passage = row[2 + number].plain
        assert passage.startswith(words), (words, passage)
        assert passage[len(words) : len(words) + 1] in ("", " "), (
            f"cut mid-word: {words!r} of {passage!r}"
        )
    return shown


@pytest.mark.parametrize("size", [(40, 15), (60, 20), (80, 24)])
async def test_a_narrow_synopsis_shows_whole_columns_and_the_arrows_reach_every_one(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    """At 80 columns the second document's column was cut mid-word at the screen's edge, at
    60 the first was; at 40 a passage showed ten letters a line."""
    app = make_app(sample_workspace)
    async with app.run_test(size=size) as pilot:
        screen, table = await open_synopsis(pilot)
        assert len(screen.shown_documents) == 5
        seen: set[int] = set()
        lines = table_lines(app, table)
        for _ in range(12):
            seen |= check_columns(screen, lines)
            if table.body_width:
                assert table.body_width >= 24, table.body_width
            await pilot.press("right")
            await pilot.pause()
            if (after := table_lines(app, table)) == lines:
                break
            lines = after
        assert seen == {1, 2, 3, 4, 5}, seen
        for _ in range(12):
            await pilot.press("left")
        await pilot.pause()
        lines = table_lines(app, table)
        assert lines[0].split()[:3] == ["Docs", "Kind", "Agree"], lines[0]
        check_columns(screen, lines)


async def test_a_click_on_a_narrow_synopsis_header_orders_by_that_document(
    sample_workspace: Path,
) -> None:
    """The header a click hits is the one drawn there, however far the columns scrolled."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        screen, table = await open_synopsis(pilot)
        await pilot.press("right", "right")
        await pilot.pause()
        header = table_lines(app, table)[0]
        third = screen.shown_documents[2]
        x = header.index(f"3 {third[:2]}")
        await pilot.click(table, offset=(x + 1, 0))
        await wait_for(pilot, lambda: screen.order == f"doc:{third}")


async def test_widening_the_terminal_gives_the_synopsis_its_wide_columns_back(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        _, table = await open_synopsis(pilot)
        assert table.whole
        await pilot.resize_terminal(160, 40)
        await wait_for(pilot, lambda: table.body_width == 34)
        header = table_lines(app, table)[0]
        assert "1 000_c4c750e82b5b3139.txt" in header and "3 002_168a9ddd2ba1cce5.txt" in header
        assert header.split()[:3] == ["Docs", "Kind", "Agree"]
