"""Pilot tests of search beyond the phrase typed: the tester typed ``/`` and "relieve
depression" and was told nothing was found, though the articles said "relieving depressive
symptoms"; and of the synopsis filter, where "alleviate" missed "alleviating"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual.widgets import Input, Label, OptionList

from tui.app import SynopticApp, make_app
from tui.screens.search import SearchScreen
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (160, 40)
ARTICLES = {
    "a.txt": "Kratom is sold as a supplement. Users report relieving depressive symptoms "
    "within days. Doctors are unconvinced.",
    "b.txt": "Some say kratom relieves depression. Evidence is thin.",
    "c.txt": "Advocates describe relief from depression. Regulators disagree.",
    "d.txt": "Kratom relieved her depression, she said. Others felt worse.",
    "e.txt": "The leaf is chewed in Southeast Asia. It is not approved anywhere.",
}


async def wait_loaded(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None)
    await pilot.pause()


def summary_of(search: SearchScreen) -> str:
    return str(search.query_one("#search-summary", Label).render())


async def test_the_testers_query_finds_its_words_in_other_forms_and_says_so(
    make_workspace: Callable[..., Path],
) -> None:
    app = make_app(make_workspace(ARTICLES), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        assert app.active_pane.doc_id == "a.txt"
        await pilot.press("slash", *"relieve depression")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_for(pilot, lambda: search.hits)
        assert summary_of(search) == (
            "No exact match for \N{LEFT DOUBLE QUOTATION MARK}relieve depression"
            "\N{RIGHT DOUBLE QUOTATION MARK} in this document; 1 sentence has these words "
            "in other forms"
        )
        option = str(search.query_one(OptionList).get_option_at_index(0).prompt)
        assert option.startswith("\N{ALMOST EQUAL TO}") and "relieving depressive" in option
        hit = search.hits[0]
        await pilot.press("enter")
        assert not isinstance(app.screen, SearchScreen)
        assert view.document is not None
        assert view.cursor == hit.sentence == 1
        assert view.match == (hit.start, hit.end)
        assert view.document.text[hit.start : hit.end] == "relieving depressive"
        assert app.focused is view


async def test_the_phrase_comes_first_and_down_steps_on_to_the_other_forms(
    make_workspace: Callable[..., Path],
) -> None:
    app = make_app(make_workspace(ARTICLES), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"relieves depression", "ctrl+t")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_for(pilot, lambda: search.all_documents and len(search.hits) == 4)
        assert [(hit.doc_id, hit.exact) for hit in search.hits] == [
            ("b.txt", True),
            ("a.txt", False),
            ("c.txt", False),  # "relief from depression": the noun of "relieve"
            ("d.txt", False),
        ]
        assert summary_of(search) == (
            "1 result in all documents, then (\N{ALMOST EQUAL TO}) 3 sentences with these "
            "words in other forms"
        )
        results = search.query_one(OptionList)
        assert results.option_count == 5  # the line that says what follows
        await pilot.press("down")
        assert app.focused is results and results.highlighted == 0
        await pilot.press("down")
        assert results.highlighted == 2  # over the line between them
        await pilot.press("enter")
        assert app.active_pane.doc_id == "a.txt"
        assert app.active_pane.view.cursor == 1


async def test_when_nothing_is_found_the_summary_points_to_m(
    make_workspace: Callable[..., Path],
) -> None:
    app = make_app(make_workspace(ARTICLES), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"relieve anxiety")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_for(pilot, lambda: "No match" in summary_of(search))
        said = summary_of(search)
        assert "nor for other forms of its words" in said
        assert "press m" in said
        search.query_one(Input).value = '"relieve depression"'
        await wait_for(pilot, lambda: "phrase" in summary_of(search))
        assert search.hits == []
        assert "without the quotes" in summary_of(search)


async def test_the_synopsis_filter_passes_other_forms_of_its_words(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
        screen = app.screen
        assert isinstance(screen, SynopsisScreen)
        forms = re.compile(r"\balleviat(?:e|es|ed|ing|ion)\b")
        expected = {row.group.id for row in screen.rows if forms.search(row.words)}
        only_other_forms = {row.group.id for row in screen.rows if forms.search(row.words)} - {
            row.group.id for row in screen.rows if "alleviate" in row.words
        }
        assert only_other_forms, "the sample has rows that say 'alleviating' only"
        await pilot.press("slash", *"alleviate", "enter")
        table = screen.query_one(SynopsisTable)
        await wait_for(pilot, lambda: screen._lit_needle == "alleviate")
        assert set(table.row_keys) == expected
