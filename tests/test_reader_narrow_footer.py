"""The footer in a narrow terminal (Pilot): every key it shows is whole, its description never
cut mid-word at the screen's edge (``o Shar`` at 40 columns on the synopsis); the ones left out
are the last in priority order, and come back when the terminal is widened."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.app import SynopticApp, make_app
from tui.screens.synopsis import SynopsisScreen

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot


def footer_line(app: SynopticApp) -> str:
    """The footer as drawn: the screen's last line."""
    return app.screen._compositor.render_strips()[-1].text


def check_whole(app: SynopticApp) -> list[str]:
    """The descriptions of the keys shown, left to right; each is drawn whole, left of the
    command palette's key, and reads on the footer's line as the binding says."""
    footer = app.screen.query_one(Footer)
    line = footer_line(app)
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    shown = []
    for key in keys:
        if key in palette:
            continue
        text = f"{key.key_display} {key.description}"
        assert key.region.right - 1 <= right, (text, key.region, right, line)
        assert text in line, (text, line)
        shown.append(key.description)
    return shown


async def open_synopsis(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
    await pilot.pause(0.2)  # the footer recomposes after the focus settles


@pytest.mark.parametrize("width", [40, 50, 60, 80])
async def test_a_narrow_synopsis_footer_shows_whole_keys_in_priority_order(
    sample_workspace: Path, width: int
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(width, 20)) as pilot:
        await open_synopsis(pilot)
        shown = check_whole(app)
        assert shown[:2] == ["Close", "Filter"], shown
        bindings = app.screen.active_bindings.values()
        every = list(dict.fromkeys(b.description for _, b, _, _ in bindings if b.show))
        assert shown == [d for d in every if d in shown], (shown, every)


async def test_the_keys_left_out_come_back_when_the_terminal_widens(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(40, 20)) as pilot:
        await open_synopsis(pilot)
        narrow = check_whole(app)
        assert "Shared only" not in narrow
        assert "Shar" not in footer_line(app).replace("Shared only", "")
        await pilot.resize_terminal(120, 30)
        await wait_for(pilot, lambda: "Shared only" in footer_line(app))
        assert len(check_whole(app)) > len(narrow)
        await pilot.resize_terminal(40, 20)
        await wait_for(pilot, lambda: "Shared only" not in footer_line(app))
        assert check_whole(app) == narrow


@pytest.mark.parametrize("width", [40, 60])
async def test_the_reader_s_narrow_footer_shows_whole_keys(
    sample_workspace: Path, width: int
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(width, 20)) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.pause(0.2)
        assert check_whole(app)[:2] == ["Help", "Search"]
