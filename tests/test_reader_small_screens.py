"""The reader in a small terminal (60x20, 40x15): a status line that gives up detail rather
than cutting words, a one-line claim legend, as many panes as can be read, the matches panel
ready for Enter, and the layout after a resize under two screens (Pilot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_notes import choose_by_keys, editor, type_text
from textual.widgets import Button, OptionList, Select

from annotations.links import Relation
from tui.app import SynopticApp, make_app
from tui.widgets.claims_panel import ClaimLegend
from tui.widgets.matches_panel import MatchesPanel
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


async def ready(pilot: Pilot[None]) -> SynopticApp:
    """The app, once its passages are indexed (claims found, matching possible)."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    return app


def drawn(bar: StatusBar) -> str:
    """The status line as it is on screen, without its padding."""
    return bar.render_lines(bar.region.reset_offset)[0].text.strip()


def assert_whole_words(shown: str, full: str, doc_id: str) -> None:
    """Every word of ``shown`` is a word of ``full``, the count of a sentence ("3/54"), or
    ``doc_id`` shortened in its middle; an ellipsis may only follow a whole word."""
    words = set(full.split())
    for word in shown.split():
        if word in words or word == ELLIPSIS:
            continue
        if word.endswith(ELLIPSIS) and word[:-1] in words:
            continue
        head, cut, tail = word.partition(ELLIPSIS)
        if cut and head and tail:  # the id, both of its ends kept
            assert doc_id.startswith(head) and doc_id.endswith(tail), (word, shown)
            assert len(head) >= 5, f"too little of the id's start is left: {shown!r}"
            continue
        assert f"sentence {word}" in full, f"{word!r} is cut from a word: {shown!r}"


@pytest.mark.parametrize(
    ("size", "panel", "expected"),
    [
        ((60, 20), "c", "000_c4…2b5b3139.txt  ·  1/54"),
        ((40, 15), None, "000_c4c750e82b5b3139.txt  ·  1/54"),
        ((40, 15), "c", "000_c…5b3139.txt"),
    ],
)
async def test_the_status_line_gives_up_detail_before_it_cuts_a_word(
    sample_workspace: Path, size: tuple[int, int], panel: str | None, expected: str
) -> None:
    """At 60 columns with a panel open it read "000_c…5b3139.txt · senten…": the sentence
    loses its label before the id is shortened, and nothing is cut inside a word."""
    app = make_app(sample_workspace)
    async with app.run_test(size=size) as pilot:
        app = await ready(pilot)
        if panel:
            await pilot.press(panel)
            await pilot.pause()
        bar = app.query_one(StatusBar)
        doc_id = app.active_pane.doc_id
        assert doc_id is not None
        shown = drawn(bar)
        assert_whole_words(shown, bar.position, doc_id)
        assert shown == expected.replace("·", "\N{MIDDLE DOT}")


async def test_the_linking_hint_keeps_whole_words_in_a_narrow_terminal(
    sample_workspace: Path,
) -> None:
    """Cut at the edge it read "Esc g…"; at 40 columns it is said in fewer words."""
    app = make_app(sample_workspace, author="Ann")
    async with app.run_test(size=(40, 15)) as pilot:
        app = await ready(pilot)
        await pilot.press("a")
        await type_text(pilot, "Same")
        pick = editor(app).query_one("#pick", Button)
        relation = editor(app).query_one("#relation", Select)
        while app.focused is not pick:
            await pilot.press("tab")
            if app.focused is relation:  # none is chosen for the user
                await choose_by_keys(pilot, relation, Relation.SUPPORTS)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.picking is not None)
        app.clear_notifications()
        await pilot.pause()
        assert drawn(app.query_one(StatusBar)) == "LINKING Enter takes it, Esc goes back"
        await pilot.press("escape")  # the short "Esc goes back" does what it says
        editor(app)


def legend_lines(app: SynopticApp) -> list[str]:
    legend = app.query_one(ClaimLegend)
    region = legend.region.reset_offset
    return [strip.text.strip() for strip in legend.render_lines(region)]


async def test_the_legend_keeps_to_one_line_on_a_short_screen(sample_workspace: Path) -> None:
    """At 40x15 the legend took three of the fifteen lines (and still cut kinds off): on a
    short screen it is one line of letters and counts, the names in its tooltip."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(40, 15)) as pilot:
        app = await ready(pilot)
        await pilot.pause()
        counts = app.claims.marks_for(app.active_pane.doc_id)
        assert counts is not None
        letters = [
            f"{counts.letters[kind]} {counts.counts().get(kind, 0)}" for kind in counts.kinds
        ]
        (line,) = legend_lines(app)
        assert line.startswith("  ".join(letters)), line
        assert ELLIPSIS not in line
        tooltip = str(app.query_one(ClaimLegend).tooltip)
        assert all(f"{counts.letters[kind]} {kind} " in tooltip for kind in counts.kinds)
        assert app.active_pane.view.size.height >= 10, "the text has the lines back"

        await pilot.resize_terminal(80, 30)  # tall again: the names come back
        await wait_for(pilot, lambda: "efficacy" in " ".join(legend_lines(app)))
        await pilot.resize_terminal(80, 20)  # short, as wide: one line again
        await wait_for(pilot, lambda: len(legend_lines(app)) == 1)
        assert "efficacy" not in legend_lines(app)[0]


@pytest.mark.parametrize(
    ("size", "asked", "panes"),
    [((40, 15), None, 1), ((59, 20), None, 1), ((60, 20), None, 2), ((40, 15), 2, 2)],
)
async def test_a_narrow_terminal_opens_as_many_panes_as_can_be_read(
    sample_workspace: Path, size: tuple[int, int], asked: int | None, panes: int
) -> None:
    """At 40 columns two panes had fifteen columns of text each, two or three words a line;
    ``--panes`` is still obeyed."""
    app = make_app(sample_workspace, panes=asked)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.panes[0].view.document is not None)
        assert len(app.panes) == panes
        if asked is None:
            assert all(pane.view.text_width >= 24 for pane in app.panes)
        await pilot.press("plus")  # one more can still be asked for
        await wait_for(pilot, lambda: len(app.panes) == panes + 1)


def shown(app: SynopticApp, start: int, end: int) -> bool:
    """Whether a pane shows the passage from ``start`` to ``end``."""
    return any(pane.view.passage == (start, end) for pane in app.panes)


async def test_the_matches_panel_opens_on_the_best_match(sample_workspace: Path) -> None:
    """No match was highlighted, so Enter did nothing until Down; the mouse still picks any."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        app = await ready(pilot)
        await pilot.press("m")
        await wait_for(pilot, lambda: app.parallel.result is not None, timeout=30)
        await pilot.press("M")
        panel = app.query_one(MatchesPanel)
        await wait_for(pilot, lambda: bool(panel.matches))
        options = panel.query_one(OptionList)
        assert options.highlighted == 0
        await pilot.press("enter")
        best = panel.matches[0].passage
        await wait_for(pilot, lambda: shown(app, best.start, best.end))
        assert any(p.doc_id == best.doc_id and p.region.width for p in app.panes), "on screen"

        row = options.gutter.top + options._index_to_line[1] - int(options.scroll_y)
        await pilot.click(options, offset=(3, row))  # the mouse picks any
        second = panel.matches[1].passage
        await wait_for(pilot, lambda: shown(app, second.start, second.end))


async def test_resized_under_two_screens_the_reader_comes_back_laid_out_for_the_new_size(
    sample_workspace: Path,
) -> None:
    """Textual sets the -narrow and -short classes on the screens a resize reaches; the
    reader under the synopsis and help is not one of them, yet when it is shown again its
    layout is refreshed at the new size, which sets them (a guard, should Textual change)."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        app = await ready(pilot)
        reader = app.screen
        await pilot.press("c")
        await pilot.press("s")
        await wait_for(pilot, lambda: len(app.screen_stack) == 2, timeout=30)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: len(app.screen_stack) == 3)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        while len(app.screen_stack) > 1:
            await pilot.press("escape")
            await pilot.pause()
        await wait_for(pilot, lambda: reader.has_class("-narrow", "-short"))
        await wait_for(pilot, lambda: [p.region.width > 0 for p in app.panes] == [True, False])
        assert len(legend_lines(app)) == 1


def lost_letters(app: SynopticApp) -> list[tuple[str, str]]:
    """The screen lines of every pane whose text is not all drawn: (what the line holds, what
    the pane shows of it)."""
    lost = []
    for pane in app.panes:
        view = pane.view
        layout = view._layout
        assert layout is not None, pane
        for y in range(view.scrollable_content_region.height):
            line = y + round(view.scroll_y)
            if line >= len(layout) or layout.blocks[line] < 0:
                continue
            held = layout.display[layout.starts[line] : layout.ends[line]]
            drawn_line = view.render_line(y).text
            if held not in drawn_line:
                lost.append((held, drawn_line))
    return lost


async def test_panes_narrower_than_ten_columns_of_text_draw_every_letter(
    sample_workspace: Path,
) -> None:
    """Four panes (a synopsis row laid out at 160 columns, the terminal then made 60 wide)
    left nine columns of text each, and the text was wrapped at ten: the last letter of a
    full line was cut off, "has" drawn as "ha" and "for" as "fo", a misquotation nobody
    could see."""
    app = make_app(sample_workspace, panes=4)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: all(p.view._layout is not None for p in app.panes))
        await pilot.pause()
        assert min(pane.view.text_width for pane in app.panes) < 10  # what this is about
        assert lost_letters(app) == []


@pytest.mark.parametrize("size", [(60, 20), (40, 15)])
async def test_news_of_a_copy_shows_on_a_narrow_line_before_the_position(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    """At 60 columns the status line gave the news up whole to keep "000_c4…39.txt · 1/54",
    so `y` seemed to copy nothing: the news outranks the position while it lasts, and news
    too long for the line is cut between words."""
    app = make_app(sample_workspace)
    async with app.run_test(size=size) as pilot:
        app = await ready(pilot)
        bar = app.query_one(StatusBar)
        await pilot.press("y")
        await wait_for(pilot, lambda: bar.news.startswith("Sent "))
        await pilot.pause()
        shown = drawn(bar)
        assert shown.startswith("Sent "), shown
        assert_whole_words(shown, bar.news, "")
        await wait_for(pilot, lambda: not bar.news, timeout=30)  # faded: the position is back
        await pilot.pause()
        assert drawn(bar).startswith("000_c4"), drawn(bar)
