"""The side panels' headings are one line: at 80 columns the notes and claims panels' wrapped to
three, pushing their lists down (the matches panel's is tested in test_reader_journey2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_journey2 import on_screen
from test_reader_notes import FIRST_DOC, seed, sentence_target, started
from textual.widgets import Label

from tui.app import make_app
from tui.widgets.claims_panel import ClaimsPanel
from tui.widgets.notes_panel import NotesPanel
from tui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from pathlib import Path

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


@pytest.mark.parametrize(
    ("key", "kind", "said"),
    [
        ("p", NotesPanel, "1 note on sentence 1  a add · e edit · r reply · x delete"),
        ("c", ClaimsPanel, f"Claims in {FIRST_DOC}: 32  (Enter jumps)"),
    ],
)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_side_panel_heading_is_one_line_cut_with_an_ellipsis(
    sample_workspace: Path, key: str, kind: type[SidePanel], said: str, size: tuple[int, int]
) -> None:
    seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "A note.")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app.claims.marks_for(FIRST_DOC) is not None)
        await pilot.press(key)
        await pilot.pause()
        heading = app.query_one(kind).query_one(Label)
        assert heading.region.height == 1
        assert str(heading.tooltip) == said, "the whole heading is a hover away"
        shown = on_screen(app, heading.region).strip()
        assert shown.endswith(ELLIPSIS), "even at 120 columns the panel is narrower than this"
        assert said.startswith(shown.removesuffix(ELLIPSIS).rstrip())
        list_top = app.query_one(kind).query_one("OptionList").region.y
        assert list_top == heading.region.bottom, "the list starts on the next line"
