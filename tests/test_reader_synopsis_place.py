"""``s`` reopens the claim synopsis as it was left: the filter, the order, the page of documents
and the cursor on the same claim at the same place, whether the table closed on a row laid out
in the panes (Enter) or with Esc or ``q``, and after the documents changed on disk meanwhile.

A fact-checker going through the table row by row (a row laid out, its passages read, ``s``,
the next row) lost their place every time: the new table had no filter and its cursor was on
the first row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_synopsis import open_synopsis
from test_reader_synopsis_reload import (
    ADDED_ON_TOP,
    SIZE,
    cursor_group,
    cursor_place,
    passage_texts,
    place_in_table,
    told,
)
from textual.widgets import Input

from tui.app import SynopticApp, make_app
from tui.screens.synopsis import SynopsisScreen
from tui.screens.synopsis_rows import WINDOW
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot


async def reopen(pilot: Pilot[None], app: SynopticApp, close: str) -> SynopsisScreen:
    """Close the table with ``close`` (Enter lays the cursor's row out), then press ``s``."""
    await pilot.press(close)
    await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
    return await open_synopsis(pilot)


def table(app: SynopticApp) -> SynopsisTable:
    return app.screen.query_one(SynopsisTable)


async def test_a_filtered_row_laid_out_then_s_comes_back_to_that_row_filtered(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_synopsis(pilot)
        await pilot.press("slash", *"alleviate", "enter")
        await wait_for(pilot, lambda: table(app).row_count < len(screen.rows))
        await pilot.press("down")
        rows, key = list(table(app).row_keys), cursor_group(app).id
        assert table(app).cursor_row == 1

        screen = await reopen(pilot, app, "enter")
        assert screen.needle == "alleviate"
        assert screen.query_one(Input).value == "alleviate", "the filter is shown in its field"
        assert table(app).row_keys == rows
        assert cursor_group(app).id == key
        assert screen.query_one(SynopsisTable).has_focus, "the keys move the cursor at once"
        await pilot.press("down")  # on to the next row, as one going through them does
        assert table(app).cursor_row == min(2, len(rows) - 1)


@pytest.mark.parametrize("close", ["enter", "escape", "q"])
async def test_the_order_and_the_cursor_s_place_on_screen_come_back_however_it_closed(
    sample_workspace: Path, close: str
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        was = await place_in_table(pilot, app)  # shared only, by agreement, scrolled down
        place = cursor_place(app)

        screen = await reopen(pilot, app, close)
        assert screen.shared_only and screen.order == "agreement"
        assert cursor_group(app).id == was.id
        assert cursor_place(app) == place, "at the same place on the screen"
        assert not told(app), "nothing changed: nothing to say"


@pytest.mark.parametrize("while_open", [False, True], ids=["closed", "open"])
async def test_a_document_changed_on_disk_the_reopened_table_finds_the_claim_by_its_passages(
    sample_workspace: Path, while_open: bool
) -> None:
    """Changed while the table was closed, the rows are grouped again when ``s`` asks; while it
    was open, they were renewed in it (keeping the place): either way the next table opens on
    the same claim, whose offsets (and id) are of the new text."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        was = await place_in_table(pilot, app)
        place = cursor_place(app)
        claim = passage_texts(app, was)
        edited = next(iter(was.passages))
        if not while_open:
            await pilot.press("escape")
        path = sample_workspace / edited
        path.write_text(ADDED_ON_TOP + path.read_text(encoding="utf-8"), encoding="utf-8")
        await wait_for(pilot, lambda: app.workspace.loaded(edited).text.startswith(ADDED_ON_TOP))
        if while_open:
            updated = f"{edited} changed on disk; synopsis updated"
            await wait_for(pilot, lambda: any(updated in m for m in told(app)), timeout=30)
            await pilot.press("escape")
        else:  # s waits for the index of the new text
            await wait_for(pilot, lambda: app.parallel.running is None, timeout=30)

        screen = await open_synopsis(pilot)
        assert screen.shared_only and screen.order == "agreement"
        assert passage_texts(app, cursor_group(app)) == claim, "the cursor on the claim"
        assert cursor_place(app) == place, "at the same place on the screen"


@pytest.mark.parametrize("deleting", ["all", "one"])
async def test_a_row_whose_passages_were_deleted_meanwhile_says_what_became_of_it(
    sample_workspace: Path, deleting: str
) -> None:
    """All its passages gone, the row is gone: the cursor stays at the row in its place. One
    gone, the claim is followed to where the rest of its passages are, and the notice says
    what became of each."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        was = await place_in_table(pilot, app)
        row = table(app).cursor_row
        await pilot.press("escape")
        deleted = passage_texts(app, was)
        if deleting == "one":
            deleted = dict([next(iter(deleted.items()))])
        for doc_id, text in deleted.items():
            path = sample_workspace / doc_id
            whole = path.read_text(encoding="utf-8")
            assert whole.count(text) == 1
            path.write_text(whole.replace(text, ""), encoding="utf-8")
        await wait_for(
            pilot,
            lambda: all(text not in app.workspace.loaded(d).text for d, text in deleted.items()),
        )
        await wait_for(pilot, lambda: app.parallel.running is None, timeout=30)

        screen = await open_synopsis(pilot)
        assert screen.shared_only and screen.order == "agreement", "the rest of the place kept"
        said = [m for m in told(app) if "The row you were on" in m]
        if deleting == "one":  # this row of three parts: one passage gone, one in a row of its own
            (edited,) = deleted
            assert len(said) == 1
            assert said[0].startswith(
                f"The row you were on changed: its passage in {edited} was edited or deleted"
            ), said
        else:
            assert said == [
                "The row you were on is gone (its passages were edited or deleted): the "
                "cursor is on the row now in its place."
            ]
            assert table(app).cursor_row == min(row, table(app).row_count - 1), "nearest row"


async def test_the_page_of_documents_comes_back(
    make_workspace: Callable[..., Path],
) -> None:
    files = {
        f"d{n:02}.txt": f"Article {n}. Kratom eases pain for many users, the survey says. "
        f"Reader {n} wrote about the weather in town {n}.\n"
        for n in range(WINDOW + 2)
    }
    app = make_app(make_workspace(files))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_synopsis(pilot)
        await pilot.press("right_square_bracket")
        assert screen.first == WINDOW

        screen = await reopen(pilot, app, "escape")
        assert screen.first == WINDOW
        assert f"documents {WINDOW + 1}" in str(screen.query_one("#summary").render())
