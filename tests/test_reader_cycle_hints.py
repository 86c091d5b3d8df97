"""``>`` and ``<`` where they have nothing to step through say why, and where they would."""

from __future__ import annotations

from typing import TYPE_CHECKING

from test_reader_matching import SIZE, match_here, notified, ready

from tui.app import make_app

if TYPE_CHECKING:
    from pathlib import Path


async def test_next_match_in_the_pane_just_matched_says_to_go_to_another_pane(
    sample_workspace: Path,
) -> None:
    """After `m`, the pane with the cursor is the natural place to press `>`: the reader said
    "No matches in this pane: press m on a sentence of another pane", an order to do again,
    elsewhere, what the user had just done, when the matches were one Tab away."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("greater_than_sign")
        assert notified(app)[-1] == (
            "Nothing is matched yet: press m on a sentence, then > and < in another pane."
        )
        await pilot.press("j", "j")
        await match_here(pilot, app)
        query, other = app.panes
        shown = other.view.passage
        await pilot.press("greater_than_sign")
        assert notified(app)[-1] == (
            "This pane holds the sentence being matched: > and < step through its matches in "
            "another pane (Tab to it)."
        )
        assert other.view.passage == shown and query.match_label == "query"
        await pilot.press("tab", "greater_than_sign")  # as told: the next match there
        assert other.view.passage != shown


async def test_next_match_in_a_pane_without_one_names_its_document(make_workspace) -> None:
    root = make_workspace(
        {
            "a.txt": "Kratom leaves contain mitragynine, an alkaloid binding opioid receptors.\n",
            "b.txt": "Whisk the eggs with sugar until pale, then fold in the sifted flour.\n",
        }
    )
    app = make_app(root, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await match_here(pilot, app)
        assert app.panes[1].match_label == "no good match"
        await pilot.press("tab", "greater_than_sign")
        assert notified(app)[-1] == (
            "b.txt has no good match for the sentence being matched (M lists the documents "
            "that do)."
        )
