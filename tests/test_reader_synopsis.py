"""Pilot tests of the synopsis screen: what its footer shows at 80 columns, what help and the
palette offer for the rest, and what its Agree column says."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from textual.command import CommandPalette
from textual.events import MouseScrollDown
from textual.widgets import OptionList, Static

from tui.app import SynopticApp, make_app
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

ESSENTIAL_KEYS = ("esc Close", "/ Filter", "o Shared only", "s By docs", "x Save CSV", "? Help")


def screen_text(app: SynopticApp) -> str:
    """Everything on the screen, as plain text (modal screens and the palette included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_synopsis(pilot: Pilot[None]) -> SynopsisScreen:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
    assert isinstance(app.screen, SynopsisScreen)
    return app.screen


@pytest.mark.parametrize("width", [80, 120])
async def test_the_synopsis_footer_shows_its_essential_keys_whole(
    sample_workspace: Path, width: int
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(width, 24)) as pilot:
        await open_synopsis(pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in (*ESSENTIAL_KEYS, "^p palette"):
            assert key in footer, (key, footer)


async def test_help_and_the_palette_offer_the_synopsis_keys_the_footer_leaves_out(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_synopsis(pilot)
        await pilot.press("question_mark")  # help puts this screen's keys first
        await pilot.pause()
        text = screen_text(app)
        assert "Claim synopsis" in text
        for left_out in ("Sort by agreement", "Sort by kind", "Sort by documents (again: flip)"):
            assert left_out in text, left_out
        help_text = " ".join(
            " ".join(str(static.render()).split()) for static in app.screen.query(Static)
        )
        assert "Agree is how alike they word it" in help_text  # the column's number, in words
        await pilot.press("escape")
        assert app.screen is screen

        await pilot.press("ctrl+p", *"sort by agreement")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count > 0)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts[0].startswith("Sort by agreement"), prompts
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.order == "agreement")
        assert app.screen is screen

        # the reader's own actions would act on the panes hidden under the table
        await pilot.press("ctrl+p", *"next document")
        await wait_for(pilot, lambda: "Search for commands" not in screen_text(app))
        await pilot.pause(0.3)
        assert "Show the next document in the focused pane" not in screen_text(app)
        await pilot.press("escape")


async def test_the_agree_column_shows_1_only_for_identical_passages(
    make_workspace: Callable[..., Path],
) -> None:
    base = "Studies suggest that mitragynine may relieve chronic pain in adults. "
    other = "Regulators in several countries have banned the sale of kratom.\n"
    root = make_workspace(
        {"a.txt": base + other, "b.txt": base.replace("adults.", "adults!") + other}
    )
    app = make_app(root)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await open_synopsis(pilot)
        table = screen.query_one(SynopsisTable)
        agree = {
            str(table.cells_at(n)[3])[:5]: str(table.cells_at(n)[2]) for n in range(table.row_count)
        }
        assert agree == {"Studi": "0.99", "Regul": "1.00"}, "a changed mark is not the same text"


async def test_the_reader_s_keys_do_nothing_to_the_panes_hidden_under_the_synopsis(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_synopsis(pilot)
        panes = [(pane.doc_id, pane.view.cursor) for pane in app.panes]
        await pilot.press("m", "plus", "f", "j", "d")  # match, add pane, follow, documents
        await pilot.pause(0.3)
        assert app.screen is screen, "no dialog of the reader opened over the table"
        assert [(pane.doc_id, pane.view.cursor) for pane in app.panes] == panes
        assert all(pane.match_label == "" for pane in app.panes)
        assert not app.parallel.follow
        assert "m Match" not in screen_text(app).splitlines()[-1]
        await pilot.press("escape")  # back with the panes: the keys are theirs again
        await pilot.press("plus")
        assert len(app.panes) == len(panes) + 1


async def test_a_synopsis_row_at_80_columns_gets_no_more_panes_than_fit(
    sample_workspace: Path,
) -> None:
    """Five panes of 16 columns broke words in the middle; the others are named as left out."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_synopsis(pilot)
        groups = app.parallel.synopsis
        assert groups is not None and groups[0].size == 5
        await pilot.press("enter")  # the first row: a claim all five articles make
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        assert len(app.panes) == 3
        assert all(pane.size.width >= 24 for pane in app.panes)
        assert [pane.doc_id for pane in app.panes] == list(groups[0].passages)[:3]
        told = [n.message for n in app._notifications]
        assert any("the panes show 3 of them" in message for message in told), told


def drawn_rows(screen: SynopsisScreen) -> set[str]:
    """The groups whose passages' cells have been made, for any filter: made only when drawn."""
    return {group for group, _ in (*screen._cells, *getattr(screen, "_lit", {}))}


async def test_only_the_rows_on_screen_are_drawn_and_the_rest_appear_on_scroll(
    sample_workspace: Path,
) -> None:
    """A fill hands the table its rows' order; their excerpts are made as they come on screen
    (a DataTable made and measured every cell of every row first, freezing the screen)."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_synopsis(pilot)
        await pilot.pause()
        everything = len(screen.rows)
        assert 0 < len(drawn_rows(screen)) < everything // 2, "rows off screen are not drawn"
        table = screen.query_one(SynopsisTable)
        last = table.row_keys[-1]
        assert last not in drawn_rows(screen)
        await pilot.press("end")  # the keyboard: the last row comes on screen, drawn
        await pilot.pause()
        assert last in drawn_rows(screen)
        start = str(table.cells_at(table.row_count - 1)[3])[:20] or "  "
        assert start.strip() in screen_text(app)
        await pilot.press("home")
        assert table.scroll_y == 0
        # the wheel, as the driver posts it: screen coordinates, no widget
        x, y = table.region.x + 10, table.region.y + 10
        app.post_message(
            MouseScrollDown(None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y)
        )
        await wait_for(pilot, lambda: table.scroll_y > 0)


async def test_a_filter_lights_up_only_the_rows_it_draws(sample_workspace: Path) -> None:
    """Typing a filter made the excerpts of every row that passes it before showing any."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_synopsis(pilot)
        table = screen.query_one(SynopsisTable)
        await pilot.press("slash", *"kratom", "enter")
        await wait_for(pilot, lambda: screen._lit_needle == "kratom")
        await pilot.pause()
        passing = table.row_count
        lit = {group for group, _ in screen._lit}
        assert passing > 2 * len(lit) > 0, "only the rows on screen are lit up"
        await pilot.press("end")
        await pilot.pause()
        assert table.row_keys[-1] in {group for group, _ in screen._lit}
