"""Pilot tests of documents that have text but no sentences: the reader says why.

Markdown indented throughout, or only tables and code, is shown in its pane, yet it has no
claims and nothing to match; without a word the user blames the reader, not the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual.widgets import Label

from tui import side_panels
from tui.app import SynopticApp, make_app
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

PROSE = "Kratom may lift mood in some users. Trials of it are few and small.\n"
INDENTED = "    Kratom may lift mood in some users.\n    Trials of it are few and small.\n"
TABLE = "| claim | source |\n|---|---|\n| lifts mood | a survey |\n"


def screen_text(app: SynopticApp) -> str:
    """Everything on the screen, as plain text (notifications included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def messages(app: SynopticApp) -> list[str]:
    """The notifications raised so far (Textual keeps them on the app, shown or not)."""
    return [notification.message for notification in app._notifications]


async def ready(pilot: Pilot[None]) -> SynopticApp:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    return app


async def test_a_pane_says_why_its_document_has_no_sentences_and_m_says_it_too(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"a.txt": PROSE, "b.md": INDENTED, "c.md": TABLE, "d.txt": ""})
    app = make_app(root, panes=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "2")  # the second pane, on the indented Markdown
        pane = app.panes[1]
        assert app.active_pane is pane and pane.doc_id == "b.md"
        shown = screen_text(app)
        assert "No sentences, so no claims or matches" in shown
        assert "indented by a tab or four spaces" in shown
        assert "Kratom may lift mood" in shown, "the text itself stays on screen"
        assert "b.md  \N{MIDDLE DOT}  no sentences" in app.query_one(StatusBar).position

        await pilot.press("m")  # no bell alone: the reason, and what to change
        await wait_for(pilot, lambda: any("b.md has no sentences" in m for m in messages(app)))
        assert "remove the indentation" in messages(app)[-1]

        await pilot.press("c")
        panel = side_panels.claims_panel(app)
        assert panel is not None
        assert "No claims in b.md: it has no sentences" in str(panel.query_one(Label).render())
        await pilot.press("c")

        await pilot.press("3")  # only a table
        assert "HTML or tables" in screen_text(app)
        await pilot.press("4", "m")  # an empty file: its placeholder says so, m tells why
        assert "d.txt has no sentences to match: it is empty." in messages(app)
        assert "No sentences, so no claims" not in screen_text(app)
        await pilot.press("1")  # a document with sentences: no notice, m matches
        assert "No sentences" not in screen_text(app)


async def test_a_pane_without_sentences_is_labelled_so_when_another_pane_matches(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"a.txt": PROSE, "b.md": INDENTED})
    app = make_app(root, panes=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.parallel.result = None
        await pilot.press("m")  # on the first pane's sentence
        await wait_for(pilot, lambda: app.parallel.result is not None)
        assert app.panes[1].match_label == "no sentences", "not 'no good match'"
