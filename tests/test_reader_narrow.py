"""Pilot tests of the reader in an 80x24 terminal: what a side panel leaves of the panes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for

from tui.app import SynopticApp, make_app
from tui.widgets.claims_panel import ClaimsPanel
from tui.widgets.matches_panel import MatchesPanel
from tui.widgets.notes_panel import NotesPanel

if TYPE_CHECKING:
    from pathlib import Path

READABLE = 20
"""Columns of text a pane needs to read a sentence a few words at a time."""


async def test_a_side_panel_at_80_columns_leaves_the_panes_readable(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        assert len(app.panes) == 2
        for key, panel_type in (("M", MatchesPanel), ("c", ClaimsPanel), ("p", NotesPanel)):
            await pilot.press(key)
            panel = app.query_one(panel_type)
            await wait_for(pilot, lambda panel=panel: panel.size.width > 0)
            for pane in app.panes:
                assert pane.view.text_width >= READABLE, (key, pane.view.text_width)
            assert panel.outer_size.width >= 28, "the panel stays wide enough for its own text"
            await pilot.press(key)  # closed again, for the next one
            if app.focused is not app.active_pane.view:
                await pilot.press("escape")
