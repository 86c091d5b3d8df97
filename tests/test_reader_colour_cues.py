"""What the reader shows without colour, or with few colours: every mark has a cue of its own.

NO_COLOR turns backgrounds grey (or drops them), so a tint alone says nothing there; a
terminal of 16 or 256 colours rounds every colour to its palette, where two kinds or a tint
and the page may become the same colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich.color import ColorSystem
from rich.style import Style
from test_reader_contrast import contrast
from textual.color import Color
from textual.constants import DIM_FACTOR
from textual.widgets._footer import FooterKey
from textual.widgets._header import HeaderTitle

from tui.app import SynopticApp, make_app
from tui.widgets.document_view import GUTTER

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot
    from textual.widget import Widget

    from tui.widgets.document_view import DocumentView

SIZE = (200, 44)


async def matched(pilot: Pilot[None]) -> SynopticApp:
    """The sample in two panes, ``m`` pressed on the fourth sentence of the first."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    await pilot.press("j", "j", "j")
    app.parallel.result = None
    await pilot.press("m")
    await wait_for(pilot, lambda: app.parallel.result is not None)
    await wait_for(pilot, lambda: app.panes[1].view.passage is not None)
    return app


def without_colour(view: DocumentView, y: int) -> list[tuple[str, Style]]:
    """Row ``y`` as NO_COLOR leaves it: its cells' text with only their non-colour styles."""
    cells = []
    for segment in view.render_line(y):
        style = (segment.style or Style()).without_color
        cells.extend((char, style) for char in segment.text)
    return cells


def passage_rows(view: DocumentView) -> list[int]:
    """Visible rows showing part of the view's matched passage."""
    layout = view._layout
    assert layout is not None and view.passage is not None
    start, end = view.passage
    top = round(view.scroll_y)
    return [
        y
        for y in range(view.scrollable_content_region.height)
        if top + y < len(layout) and layout.starts[top + y] < end and start < layout.ends[top + y]
    ]


async def test_no_color_marks_every_line_of_the_matched_passage_in_the_margin(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        app = await matched(pilot)
        view = app.panes[1].view
        rows = passage_rows(view)
        assert rows, "the passage is on screen"
        shown = {y: without_colour(view, y) for y in rows}
        passage = view.passage
        view.passage = None  # the shared words stay marked: only the passage goes
        view._invalidate()
        await pilot.pause()
        for y in rows:
            plain = without_colour(view, y)
            # Only the margin changes: the text keeps the cursor's, the claims' and the shared
            # words' own cues, so the passage's cannot be taken for one of them.
            assert shown[y][GUTTER:] == plain[GUTTER:], f"row {y}: the text changed"
            assert shown[y][:GUTTER] != plain[:GUTTER], f"row {y} of {passage} has no cue"


FEW_COLOUR_TERMINALS = {
    "xterm": ("standard", ColorSystem.STANDARD),
    "xterm-256color": ("256", ColorSystem.EIGHT_BIT),
}
THEMES = ("textual-dark", "textual-light", "nord", "solarized-light", "catppuccin-latte")
"""The default pair, nord (all six kinds the same white in 16 colours) and light themes whose
unfocused cursor rounded to the page's own white."""


def rounded_backgrounds(view: DocumentView, y: int, system: ColorSystem) -> set[int | None]:
    """The palette numbers row ``y``'s backgrounds are drawn in on such a terminal: a reversed
    cell's is its text colour (on 16 colours the cursor is reversed, with no tint)."""
    found = set()
    for segment in view.render_line(y):
        style = segment.style
        back = None if style is None else style.color if style.reverse else style.bgcolor
        if back is not None:
            found.add(back.downgrade(system).number)
    return found


@pytest.mark.parametrize("term", sorted(FEW_COLOUR_TERMINALS))
async def test_kinds_and_the_cursors_stay_apart_on_a_terminal_of_few_colours(
    term: str, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", term)
    monkeypatch.delenv("COLORTERM")
    name, system = FEW_COLOUR_TERMINALS[term]
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        assert app.console.color_system == name
        await wait_for(pilot, lambda: app.claims_finished_at is not None)
        await wait_for(pilot, lambda: all(pane.view.marks is not None for pane in app.panes))
        await pilot.press("j")
        focused, other = app.panes[0].view, app.panes[1].view
        problems = []
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            kinds = [style.color.downgrade(system).number for style in app.claims.palette]
            if len(set(kinds)) < len(kinds):
                problems.append(f"{theme}: kinds drawn in {kinds}")
            page = Color.parse(app.theme_variables["surface"]).rich_color
            blank = page.downgrade(system).number
            for view in (focused, other):
                row = view.cursor_row()
                assert row is not None
                if rounded_backgrounds(view, row, system) == {blank}:
                    problems.append(f"{theme}: the cursor is the page's colour {blank}")
        assert not problems, problems


def drawn(widget: Widget) -> list[tuple[str, Color, Color]]:
    """(text, colour, background) of the visible pieces of a one-line widget."""
    found = []
    for segment in widget.render_line(0):
        style = segment.style
        if segment.text.strip() and style is not None and style.color and style.bgcolor:
            text, back = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
            if style.dim:
                text = back.blend(text, DIM_FACTOR)
            found.append((segment.text.strip(), text, back))
    return found


async def test_the_footers_keys_and_the_headers_place_are_readable_in_light_themes(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 35)) as pilot:
        problems = []
        for theme in ("textual-light", "catppuccin-latte", "rose-pine-dawn", "solarized-light"):
            app.theme = theme
            await pilot.pause()
            for key in app.screen.query(FooterKey):
                (letter, key_colour, back), (_, word_colour, _) = drawn(key)[0], drawn(key)[-1]
                # as readable as the footer's own words, up to 4.5
                needed = min(4.5, contrast(word_colour, back))
                if contrast(key_colour, back) < needed - 0.01:
                    ratio = contrast(key_colour, back)
                    problems.append(f"{theme}: key {letter!r} is {ratio:.2f}, not {needed:.2f}")
            title = app.screen.query_one(HeaderTitle)
            own = Color.parse(app.theme_variables["foreground"])
            for text, colour, back in drawn(title):
                # as readable as the header's own text (the theme's choice), up to 4.5
                needed = min(4.5, contrast(back + own, back))
                if text != "\N{EM DASH}" and contrast(colour, back) < needed - 0.01:
                    ratio = contrast(colour, back)
                    problems.append(f"{theme}: header {text[:20]!r} is {ratio:.2f}")
        assert not problems, problems


def rounded_backgrounds_of(
    view: DocumentView, span: tuple[int, int], system: ColorSystem
) -> set[int | None]:
    """The palette numbers the visible text of ``span`` (document offsets) is drawn on."""
    layout = view._layout
    assert layout is not None
    top = round(view.scroll_y)
    found = set()
    for y in range(view.scrollable_content_region.height):
        line = top + y
        if line >= len(layout) or not (
            layout.starts[line] < span[1] and span[0] < layout.ends[line]
        ):
            continue
        start = layout.starts[line]
        offset = start - GUTTER  # the sample has no list item: no prefix
        for segment in view.render_line(y):
            end = offset + len(segment.text)
            inside = offset >= start and max(offset, span[0]) < min(end, span[1])
            if inside and segment.text.strip() and segment.style and segment.style.bgcolor:
                found.add(segment.style.bgcolor.downgrade(system).number)
            offset = end
    return found


async def test_the_cursor_beside_the_matched_passage_has_a_colour_of_its_own_in_256_colours(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In 256 colours textual-dark's cursor and passage tints both rounded to colour 23: the
    cursor moved off the passage looked like more of it. Checked focused and unfocused, in every
    built-in theme."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM")
    system = ColorSystem.EIGHT_BIT
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        app = await matched(pilot)
        view = app.panes[1].view
        passage = view.passage
        assert passage is not None and app.console.color_system == "256"
        await pilot.press("tab", "j")  # the cursor just below the passage, in its pane
        await wait_for(pilot, lambda: view.has_focus and view.cursor_row() is not None)
        sentence = view.document.sentences[view.cursor] if view.document else None
        assert sentence is not None and sentence.start >= passage[1]
        problems = []
        for focused in (True, False):
            if not focused:
                await pilot.press("tab")
                await wait_for(pilot, lambda: not view.has_focus)
            for theme in sorted(app.available_themes):
                app.theme = theme
                await pilot.pause()
                cursor = rounded_backgrounds_of(view, (sentence.start, sentence.end), system)
                matched_here = rounded_backgrounds_of(view, passage, system)
                assert cursor and matched_here, theme
                if cursor & matched_here:
                    state = "focused" if focused else "unfocused"
                    problems.append(f"{theme}, {state}: cursor {cursor}, passage {matched_here}")
        assert not problems, problems
