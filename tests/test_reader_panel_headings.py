"""The side panels' headings are one line: at 80 columns the notes and claims panels' wrapped to
three, pushing their lists down (the matches panel's is tested in test_reader_journey2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_journey2 import on_screen
from test_reader_notes import FIRST_DOC, seed, sentence_target, started
from textual.widgets import Footer, Header, Label

from tui.app import make_app
from tui.widgets.claims_panel import ClaimsPanel
from tui.widgets.matches_panel import MatchesPanel
from tui.widgets.notes_panel import NotesPanel
from tui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from pathlib import Path

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


@pytest.mark.parametrize(
    ("key", "kind", "said", "cut"),
    [
        ("p", NotesPanel, "1 note on sentence 1", False),
        ("c", ClaimsPanel, f"Claims in {FIRST_DOC}: 32  (Enter jumps)", True),
    ],
)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_side_panel_heading_is_one_line_cut_with_an_ellipsis(
    sample_workspace: Path,
    key: str,
    kind: type[SidePanel],
    said: str,
    cut: bool,
    size: tuple[int, int],
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
        if cut:
            assert shown.endswith(ELLIPSIS), "even at 120 columns the panel is narrower"
            assert said.startswith(shown.removesuffix(ELLIPSIS).rstrip())
        else:
            assert shown == said
        list_top = app.query_one(kind).query_one("OptionList").region.y
        assert list_top == heading.region.bottom, "the list starts on the next line"


@pytest.mark.parametrize("size", [(40, 15), (80, 24), (200, 60)])
async def test_the_notes_panel_shows_its_keys_whole_at_any_width(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    """They ended the one-line heading, cut off with an ellipsis: "x delete" was lost even
    at 200 columns, and the footer leaves these keys out."""
    seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "A note.")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        await pilot.press("p")
        panel = app.query_one(NotesPanel)
        await wait_for(pilot, lambda: panel.region.width > 0)
        keys = panel.query_one("#note-keys")
        shown = on_screen(app, keys.region)
        assert ELLIPSIS not in shown
        assert " ".join(shown.split()) == (
            "↑↓ choose · e edit · r reply · x delete · a add · Tab back to the text"
        )
        list_region = panel.query_one("OptionList").region
        assert list_region.bottom <= keys.region.y, "under the list, not over it"


@pytest.mark.parametrize("size", [(40, 15), (80, 24), (200, 60)])
async def test_a_side_panel_lies_between_the_header_and_the_footer(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    """Docked over the screen's whole height, a panel covered the header's right end, and the
    footer covered the panel's last row: a list's last entry was never seen."""
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        header, footer = app.screen.query_one(Header), app.screen.query_one(Footer)
        for key, kind in (("c", ClaimsPanel), ("p", NotesPanel), ("M", MatchesPanel)):
            await pilot.press(key)
            panel = app.query_one(kind)
            await wait_for(pilot, lambda panel=panel: panel.region.width > 0)
            assert panel.region.y == header.region.bottom, key
            assert panel.region.bottom == footer.region.y, key
            await pilot.press(key)  # closed again, for the next one
            await wait_for(pilot, lambda panel=panel: not panel.display)
