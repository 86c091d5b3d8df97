"""``)`` and ``(`` lay out the next and the previous synopsis row without opening the table.

A fact-checker going through the synopsis row by row pressed ``s``, ``↓``, Enter for every
row. The step takes the row after the one laid out among the rows the table's filter keeps, in
its order, and ``s`` then opens the table on the row being read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_synopsis import open_synopsis
from test_reader_synopsis_reload import ADDED_ON_TOP, SIZE, cursor_group, told
from textual.command import CommandPalette

from tui.app import SynopticApp, make_app
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from corpus.synopsis import ClaimGroup


def laid_out(app: SynopticApp) -> dict[str, tuple[int, int]]:
    """Each pane's document and the passage it shows as the synopsis row's."""
    return {
        pane.view.document.id: pane.view.passage
        for pane in app.panes
        if pane.view.document is not None and pane.view.passage is not None
    }


def shows(app: SynopticApp, group: ClaimGroup) -> bool:
    """Whether the panes lay ``group`` out: its passages, one a pane, as many as there are
    panes (a pane left from a wider row keeps what it showed)."""
    shown = laid_out(app)
    mine = {d: (p.start, p.end) for d, p in group.passages.items() if d in shown}
    wanted = min(group.size, len(app.panes))
    return len(mine) == wanted and all(shown[d] == place for d, place in mine.items())


def titles(app: SynopticApp) -> set[str]:
    """The rows the panes are titled with. A pane left from a wider row names none, and shows
    no passage: it named the row before, beside panes showing another."""
    for pane in app.panes:
        assert pane.match_label or pane.view.passage is None
    return {pane.match_label for pane in app.panes} - {""}


async def filtered_table(pilot: Pilot[None], app: SynopticApp) -> tuple[SynopsisScreen, list[str]]:
    """The synopsis filtered to "kratom", by agreement: its rows' groups, in order."""
    screen = await open_synopsis(pilot)
    await pilot.press("slash", *"kratom", "enter", "a")
    table = screen.query_one(SynopsisTable)
    await wait_for(pilot, lambda: 3 <= table.row_count < len(screen.rows))
    assert screen.order == "agreement"
    return screen, list(table.row_keys)


async def test_the_next_row_is_the_tables_next_with_its_filter_and_order(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, rows = await filtered_table(pilot, app)
        await pilot.press("home", "down", "enter")  # the second row laid out, as Enter does
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        groups = screen.groups
        assert shows(app, groups[rows[1]])

        await pilot.press("right_parenthesis")
        await wait_for(pilot, lambda: shows(app, groups[rows[2]]))
        assert titles(app) == {f"synopsis row 3 of {len(rows)}"}
        await pilot.press("left_parenthesis", "left_parenthesis")
        await wait_for(pilot, lambda: shows(app, groups[rows[0]]))
        assert titles(app) == {f"synopsis row 1 of {len(rows)}"}

        await pilot.press("left_parenthesis")  # none before the first: the panes stay
        await wait_for(pilot, lambda: "No previous synopsis row" in " ".join(told(app)))
        assert told(app)[-1] == (
            "No previous synopsis row: row 1 is the first that passes the filter."
        )
        assert shows(app, groups[rows[0]])

        # the palette has the step too, for whoever forgot the key
        await pilot.press("ctrl+p", *"next synopsis row")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: shows(app, groups[rows[1]]))

        # s opens the table on the row being read, filtered and ordered as it was
        screen = await open_synopsis(pilot)
        assert (screen.needle, screen.order) == ("kratom", "agreement")
        assert cursor_group(app).id == rows[1]


async def test_after_the_last_row_a_notice_says_there_is_no_next_one(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, rows = await filtered_table(pilot, app)
        await pilot.press("end", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        last = laid_out(app)
        assert shows(app, screen.groups[rows[-1]])
        await pilot.press("right_parenthesis")
        await wait_for(pilot, lambda: "No next synopsis row" in " ".join(told(app)))
        assert told(app)[-1] == (
            f"No next synopsis row: row {len(rows)} is the last that passes the filter."
        )
        assert laid_out(app) == last


async def test_before_the_synopsis_was_ever_opened_the_step_says_how_to_start(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("right_parenthesis")
        await wait_for(pilot, lambda: bool(told(app)))
        assert told(app) == [
            "No synopsis row to go on from yet: s opens the claim synopsis, and Enter there "
            "lays a row out."
        ]
        assert not any(titles(app))


async def test_after_a_document_changed_on_disk_the_step_waits_for_the_rows_of_the_new_text(
    sample_workspace: Path,
) -> None:
    """The groups of the old texts are dropped when a document changes; the step is taken once
    the claims are grouped again, with the new text's offsets."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await open_synopsis(pilot)
        await pilot.press("enter")  # the first row, most widely made claim first
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        edited = app.panes[0].doc_id
        assert edited is not None
        path = sample_workspace / edited
        path.write_text(ADDED_ON_TOP + path.read_text(encoding="utf-8"), encoding="utf-8")
        await wait_for(pilot, lambda: app.workspace.loaded(edited).text.startswith(ADDED_ON_TOP))
        await pilot.press("right_parenthesis")
        await wait_for(pilot, lambda: "synopsis row 2 of" in " ".join(titles(app)), timeout=30)
        shown = laid_out(app)
        if edited in shown:  # its passage is where it is in the new text, below what was added
            assert shown[edited][0] >= len(ADDED_ON_TOP)
        screen = await open_synopsis(pilot)  # of the new texts: the second row is being read
        assert screen.query_one(SynopsisTable).cursor_row == 1
        assert shows(app, cursor_group(app))
