"""``m`` on a line of links (a table of contents entry): it states nothing, so the reader says
so instead of listing arbitrary "matches" for the words of its anchors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

CONTENTS = (
    "# Kratom and mood\n\n"
    "- [How kratom improves mood and reduces anxiety](#how-kratom-improves-mood)\n"
    "- [Risks of dependence](#risks)\n\n"
    "## How kratom improves mood\n\n"
    "Many users say kratom improves their mood and reduces anxiety within an hour.\n"
)
OTHER = "Users report that kratom improves mood and reduces anxiety, a survey found.\n"


async def test_m_on_a_line_of_links_says_it_is_navigation_and_matches_nothing(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"contents.md": CONTENTS, "survey.txt": OTHER})
    app = make_app(root, panes=2)
    async with app.run_test(size=(120, 30)) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        pane = app.panes[0]
        if pane.doc_id != "contents.md":
            await pilot.press("tab")
            pane = app.panes[1]
        assert pane.doc_id == "contents.md" and app.active_pane is pane
        await pilot.press("g", "j")  # the heading, then the first line of links
        document = pane.view.document
        assert document is not None
        assert document.sentence_text(pane.view.cursor).startswith("[How kratom improves")
        await pilot.press("m")
        said = "This line is only links (navigation, like a table of contents)"
        await wait_for(
            pilot, lambda: any(said in n.message for n in app._notifications), timeout=10
        )
        await pilot.pause(0.3)
        assert app.parallel.result is None  # nothing was matched
        assert all(other.view.passage is None for other in app.panes if other is not pane)

        await pilot.press("G", "m")  # the section's own sentence is matched as ever
        await wait_for(pilot, lambda: app.parallel.result is not None, timeout=10)
        assert any(other.view.passage is not None for other in app.panes if other is not pane)
