"""The reader in a narrow terminal: what a side panel leaves of the panes (Pilot, 80x24), and
the status bar's shortened document ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich.cells import cell_len
from textual.widgets import OptionList

from tui.app import SynopticApp, make_app
from tui.cells import shorten_middle
from tui.widgets.claims_panel import ClaimsPanel
from tui.widgets.matches_panel import MatchesPanel
from tui.widgets.notes_panel import NotesPanel
from tui.widgets.side_panel import SidePanel

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


async def test_opening_a_side_panel_replaces_the_one_open_at_80_columns(
    sample_workspace: Path,
) -> None:
    """Docked on the same edge, the panels were drawn one over another: the claims list under
    the notes still had the keys, and the user could not see what Enter would jump to."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        kinds = {"c": ClaimsPanel, "M": MatchesPanel, "p": NotesPanel}
        for key in ("c", "M", "p", "c"):
            await pilot.press(key)
            await pilot.pause()
            shown = [w for w in app.query(SidePanel) if w.has_class("-shown")]
            assert [type(w) for w in shown] == [kinds[key]], key
            panel = shown[0]
            await wait_for(pilot, lambda panel=panel: panel.size.width > 0)
            assert panel.region.right == 80 and panel.region.x >= 52, panel.region
            for pane in app.panes:
                assert pane.view.text_width >= READABLE, (key, pane.view.text_width)
                assert pane.region.right <= panel.region.x, "no pane under the panel"
            focused = app.focused
            assert focused is not None
            hidden = [w for w in app.query(SidePanel) if w is not panel]
            assert not any(w in focused.ancestors for w in hidden), (key, focused)
        # The key of the panel shown closes it: no panel, the panes have the room back.
        await pilot.press("c")
        await pilot.pause()
        assert not any(w.has_class("-shown") for w in app.query(SidePanel))
        assert app.focused is app.active_pane.view


@pytest.mark.parametrize(
    "doc_id",
    [
        "reports/2024/annual-review-of-kratom-studies.md",
        "文書/" + "報告" * 12 + ".md",  # two cells a character
        "\N{GRINNING FACE}" * 30 + ".txt",
        "mixed/文a🙂b" * 6 + ".md",
    ],
)
@pytest.mark.parametrize("cells", [1, 2, 3, 4, 5, 10, 16, 17, 30])
def test_a_shortened_id_fits_its_cells_and_keeps_both_ends(doc_id: str, cells: int) -> None:
    """Cut by characters, an id of CJK characters or emoji took up to twice its cells and
    pushed the rest of the status line off the screen."""
    short = shorten_middle(doc_id, cells)
    assert cell_len(short) <= cells
    assert cell_len(short) >= cells - 1, "at most the half of a wide character is unused"
    if cells >= 8:  # room for a wide character on each side
        head, tail = short.split("\N{HORIZONTAL ELLIPSIS}")
        assert head and doc_id.startswith(head)
        assert tail and doc_id.endswith(tail)
        assert cell_len(tail) >= cell_len(head), "the file name's end matters most"


def test_an_id_that_fits_is_not_shortened() -> None:
    assert shorten_middle("文書.md", 7) == "文書.md"


def _on_screen(app: SynopticApp) -> list[int]:
    """Numbers of the panes drawn (a hidden pane has no room on screen)."""
    return [pane.number for pane in app.panes if pane.display and pane.region.width > 0]


@pytest.mark.parametrize("size", [(60, 20), (40, 15)])
@pytest.mark.parametrize("key", ["c", "p", "M"])
async def test_a_side_panel_on_a_narrow_screen_keeps_one_readable_pane(
    sample_workspace: Path, size: tuple[int, int], key: str
) -> None:
    """At 60 columns a panel beside two panes left each a few columns, a word a line; now the
    pane being read stays beside the panel, and the other comes back, cursor and all, when
    the panel closes. (At 40 columns two panes open only when asked for.)"""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=size) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("tab")  # the second pane is read
        await wait_for(pilot, lambda: app.active_pane is app.panes[1])
        for _ in range(4):
            await pilot.press("j")
        other = app.panes[0].view
        before = (app.panes[1].view.cursor, other.cursor, other.scroll_y)
        await pilot.press(key)
        panel = next(w for w in app.query(SidePanel) if w.has_class("-shown"))
        await wait_for(pilot, lambda: panel.size.width > 0 and _on_screen(app) == [2])
        view = app.panes[1].view
        assert view.text_width >= size[0] // 2 - 6, view.text_width
        assert app.panes[1].region.right <= panel.region.x, "the pane is beside the panel"
        assert panel.content_region.width >= size[0] // 2 - 4
        if app.focused is not view:
            await pilot.press("escape")
        else:
            await pilot.press(key)
        await wait_for(pilot, lambda: _on_screen(app) == [1, 2])
        assert (view.cursor, other.cursor, other.scroll_y) == before
        assert app.focused is view


async def test_widening_the_terminal_brings_the_panes_back_beside_the_panel(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("c")
        await wait_for(pilot, lambda: _on_screen(app) == [1])
        await pilot.resize_terminal(120, 30)
        await wait_for(pilot, lambda: _on_screen(app) == [1, 2])
        panel = app.query_one(ClaimsPanel)
        assert all(pane.region.right <= panel.region.x for pane in app.panes)
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, lambda: _on_screen(app) == [1])


async def test_a_match_chosen_on_a_narrow_screen_is_shown_beside_the_panel(
    sample_workspace: Path,
) -> None:
    """Shown in the pane hidden behind the panel, a chosen match changed nothing the user
    could see."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("m")
        await wait_for(pilot, lambda: app.parallel.result is not None, timeout=30)
        await pilot.press("M")
        panel = app.query_one(MatchesPanel)
        await wait_for(pilot, lambda: bool(panel.matches))
        await pilot.press("enter")  # the first match, highlighted as the panel opens
        chosen = panel.matches[0].passage.doc_id
        await wait_for(pilot, lambda: _on_screen(app) == [2])
        assert app.panes[1].doc_id == chosen
        await pilot.press("escape")
        await wait_for(pilot, lambda: _on_screen(app) == [1, 2])
        assert app.focused is app.panes[0].view, "the keys go back to the pane matched from"


def _panel_rows(app: SynopticApp, panel: SidePanel) -> list[str]:
    """The text of the rows of the panel's list as drawn on screen."""
    region = panel.query_one(OptionList).content_region
    strips = app.screen._compositor.render_strips()
    return [strips[y].text[region.x : region.right].strip() for y in range(region.y, region.bottom)]


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_matches_panel_shortens_ids_instead_of_wrapping_them(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    """Wrapped, ``002_168a9ddd2ba1cce5.txt`` broke after ``.tx`` and read as two names; cut in
    its middle, as the status bar cuts it, it keeps both ends on the score's line, and a wider
    terminal shows it whole again."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=size) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        for _ in range(3):
            await pilot.press("j")
        await pilot.press("m")
        await wait_for(pilot, lambda: app.parallel.result is not None, timeout=30)
        await pilot.press("M")
        panel = app.query_one(MatchesPanel)
        await wait_for(pilot, lambda: bool(panel.matches) and panel.size.width > 0)
        rows = _panel_rows(app, panel)
        heads = [row for row in rows if row[:4].replace(".", "").isdigit()]
        assert heads, rows
        for head in heads:
            shown = head.partition(" ")[2]
            assert shown.endswith(".txt"), (head, rows)
            start, _, end = shown.partition("\N{HORIZONTAL ELLIPSIS}")
            assert any(m.passage.doc_id.startswith(start) for m in panel.matches), head
            assert any(m.passage.doc_id.endswith(end) for m in panel.matches), head
        assert not any(row in ("t", "txt", "xt") for row in rows), rows
        await pilot.resize_terminal(200, 40)
        await wait_for(pilot, lambda: panel.size.width > 40)
        await pilot.pause()
        best = panel.matches[0]
        assert f"{best.shown_score:.2f} {best.passage.doc_id}" in _panel_rows(app, panel)
