"""The reader driven with the mouse only, as a fact-checker who rarely touches the keyboard does:
pane titles, the wheel in follow mode, the right and middle buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual import events

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.widgets.document_view import DocumentView

SIZES = [(80, 24), (160, 48)]


async def ready(pilot: Pilot[None]) -> SynopticApp:
    """Wait until the documents are read and the passage index is built."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    return app


def press_and_release(app: SynopticApp, x: int, y: int, button: int) -> None:
    """What a terminal reports for a click of ``button`` at screen cell (x, y): a press and a
    release, from which the app makes the Click (Pilot's click skips that step)."""
    for event_type in (events.MouseDown, events.MouseUp):
        event = event_type(None, x, y, 0, 0, button, False, False, False, screen_x=x, screen_y=y)
        app.post_message(event)


# -- pane titles ----------------------------------------------------------------------------------


async def test_a_click_on_a_panes_title_focuses_that_pane(sample_workspace: Path) -> None:
    for size in SIZES:
        app = make_app(sample_workspace, panes=2)
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            left, right = app.panes
            assert app.active_pane is left
            await pilot.click(right.query_one(".pane-title"))
            assert app.active_pane is right, size
            assert right.view.has_focus, size
            # the keys now act on the pane whose title was clicked
            await pilot.press("j")
            assert right.view.cursor == 1
            assert left.view.cursor == 0
