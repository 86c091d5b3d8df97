"""The claim synopsis of dozens of documents (Pilot, 120 x 40): a few document columns fit, and
the table must not open on a row that looks empty because its documents lie further right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for

from tui.app import SynopticApp, make_app
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

DOCUMENTS = 40


def articles() -> dict[str, str]:
    """Forty articles: the last thirty make one claim, the first ten another; each has a line
    of its own."""
    files = {}
    for n in range(DOCUMENTS):
        shared = (
            "Kratom eases chronic pain for many users, the survey says."
            if n >= 10
            else "Kava calms anxiety in most adults, a clinical trial found."
        )
        files[f"d{n:02}.txt"] = f"{shared} Reader {n} wrote about the weather in town {n}.\n"
    return files


async def open_synopsis(pilot: Pilot[None]) -> tuple[SynopsisScreen, SynopsisTable]:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen), timeout=30)
    screen = app.screen
    assert isinstance(screen, SynopsisScreen)
    await pilot.pause(0.1)
    return screen, screen.query_one(SynopsisTable)


def drawn_documents(screen: SynopsisScreen, table: SynopsisTable) -> list[str]:
    """The documents whose columns are on screen now."""
    on_screen = table.fit.on_screen(round(table.scroll_x), table.scrollable_content_region.width)
    return [
        screen.shown_documents[index - table.head]
        for index, _, _ in on_screen
        if index >= table.head
    ]


async def test_a_wide_synopsis_opens_with_the_first_row_s_passages_on_screen(
    make_workspace: Callable[[dict[str, str]], Path],
) -> None:
    """The widest claim is made by documents 11 to 40; two or three columns fit at 120: the
    table opened on documents 1 to 3, and its first row showed nothing but "30"."""
    app = make_app(make_workspace(articles()))
    async with app.run_test(size=(120, 40)) as pilot:
        screen, table = await open_synopsis(pilot)
        first = screen.groups[table.row_keys[0]]
        assert first.size == 30
        drawn = drawn_documents(screen, table)
        assert 0 < len(drawn) < 5, drawn
        assert set(drawn) & set(first.passages), (drawn, sorted(first.passages)[:3])
        assert "Kratom eases chronic pain" in " ".join(c.plain for c in table.cells_at(0))

        # down to the claim of the first ten: their columns come back
        row = next(
            n for n, key in enumerate(table.row_keys) if "d00.txt" in screen.groups[key].passages
        )
        for _ in range(row):
            await pilot.press("down")
        await pilot.pause()
        kava = screen.groups[table.row_keys[table.cursor_row]]
        assert set(drawn_documents(screen, table)) & set(kava.passages)

        # the arrows still move the columns: nothing pulls them back while the row shows text
        before = drawn_documents(screen, table)
        await pilot.press("right")
        await pilot.pause()
        after = drawn_documents(screen, table)
        assert after != before and set(after) & set(kava.passages), (before, after)
