"""``/`` opens the search on the scope the last search had: a journalist who switched to all
documents (Ctrl+T) for one word and pressed ``/`` for the next was shown "1 result in this
document" for a word two articles use, the scope quietly narrowed back to one document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual.widgets import Checkbox, Label

from tui.app import SynopticApp, make_app
from tui.screens.search import SearchScreen

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot


async def search_for(pilot: Pilot[None], app: SynopticApp, words: str) -> SearchScreen:
    await pilot.press("slash", *words)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await wait_for(pilot, lambda: said(screen) and not said(screen).startswith("Searching"))
    return screen


def said(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-summary", Label).render())


async def test_slash_keeps_the_scope_of_the_last_search(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app, SynopticApp) and app.active_pane.doc_id)
        first = await search_for(pilot, app, "depression")
        assert not first.query_one(Checkbox).value, "the first search is of this document"
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: "in all documents" in said(first))
        await pilot.press("escape")

        second = await search_for(pilot, app, "withdrawal")
        assert second.query_one(Checkbox).value
        await wait_for(pilot, lambda: said(second) == "2 results in all documents")
        await pilot.press("enter")  # a hit taken keeps the scope too
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen))

        third = await search_for(pilot, app, "kratom")
        assert third.query_one(Checkbox).value
        await pilot.press("ctrl+t")  # back to one document, and so it stays
        await pilot.press("escape")
        fourth = await search_for(pilot, app, "kratom")
        assert not fourth.query_one(Checkbox).value
        assert "in this document" in said(fourth)
