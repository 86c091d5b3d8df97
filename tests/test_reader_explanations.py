"""What the reader's numbers and verdicts mean, said in words on screen (Pilot, at a laptop's
80x24 and a split pane's 60x20): a student reading "0.31" or "claim score 1.3" is not told
where the source code is but what the number says."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from textual.geometry import Region
from textual.widgets import OptionList, Static

from corpus.match_terms import load_vocabulary
from tui.app import SynopticApp, make_app
from tui.screens.claims import WhyScreen
from tui.screens.help import HelpScreen
from tui.widgets.matches_panel import MatchesPanel

if TYPE_CHECKING:
    from pathlib import Path

    from textual.widget import Widget


def drawn(widget: Widget) -> str:
    """What ``widget`` draws, as plain text, its lines joined by spaces."""
    width, height = widget.size
    lines = widget.render_lines(Region(0, 0, width, height))
    return " ".join(" ".join(strip.text.split()) for strip in lines)


def dialog_text(app: SynopticApp) -> str:
    return " ".join(drawn(static) for static in app.screen.query(Static))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_help_says_what_a_match_score_and_the_synopsis_agreement_mean(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = dialog_text(app)
        for words in ("Scores:", "from 0 to 1", "Agree is", "not truth"):
            assert words in text, words
        # under which score there is no good match: the very number the matcher uses
        threshold = load_vocabulary().no_match_below
        assert f"below {threshold:.2f} a document has no good match" in text


async def test_the_matches_panel_says_what_its_numbers_mean_on_hover(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("m")
        await wait_for(pilot, lambda: app.parallel.result is not None, timeout=30)
        await pilot.press("M")
        panel = app.query_one(MatchesPanel)
        await wait_for(pilot, lambda: bool(panel.matches))
        options = panel.query_one(OptionList)
        await pilot.hover(options, offset=(3, 1))  # over the first match's score
        tip = str(options.tooltip)
        assert "from 0 to 1" in tip and "1.00 is the same text" in tip


async def test_why_explains_in_words_how_a_verdict_is_reached(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.claims_finished_at is not None, timeout=30)
        await pilot.press("j", "j", "w")
        await wait_for(pilot, lambda: isinstance(app.screen, WhyScreen))
        await pilot.pause()
        text = dialog_text(app)
        assert "signal words" in text and "claim score" in text
        assert "corpus/rules" not in text, "a source file path tells a student nothing"
        assert not re.search(r"\d+\N{EN DASH}\d+", text), "no character offsets"
