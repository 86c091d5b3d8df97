"""The cursor on the passage matched in another pane shows as both, in every theme and on
every terminal: truecolor, 256 and 16 colours, and NO_COLOR.

Read from the segments the document view draws, each colour rounded as the terminal would
round it. On 16 colours every mark of the reader must be told apart from every other, by its
colour or by a cue without colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich.color import ColorSystem
from rich.style import Style
from test_reader_colour_cues import SIZE, matched

from tui.app import make_app
from tui.widgets.document_view import GUTTER
from tui.widgets.line_painter import NOTE_MARK, PASSAGE_MARK

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.widgets.document_view import DocumentView

Look = tuple[object, ...]
"""How a cell looks on the terminal: colour numbers as rounded there, and its text style."""

TERMINALS = {
    "truecolor": ("xterm-256color", "truecolor", None),
    "256": ("xterm-256color", "", ColorSystem.EIGHT_BIT),
    "16": ("xterm", "", ColorSystem.STANDARD),
    "NO_COLOR": ("xterm-256color", "truecolor", None),
}


def look(style: Style | None, system: ColorSystem | None, *, no_color: bool) -> Look:
    style = style or Style()
    flags = (style.bold, style.reverse, style.underline, style.italic)
    if no_color:
        return tuple(bool(flag) for flag in flags)
    colours = []
    for colour in (style.color, style.bgcolor):
        if colour is not None and system is not None:
            colour = colour.downgrade(system)
        colours.append(None if colour is None else (colour.number, colour.triplet))
    return (*colours, *(bool(flag) for flag in flags))


def cells(
    view: DocumentView, span: tuple[int, int], system: ColorSystem | None, *, no_color: bool
) -> tuple[list[Look], set[str]]:
    """The looks of the visible cells of ``span`` (document offsets; the sample has no list
    item, so no prefix) and the marks in the margin's second column of their lines."""
    layout = view._layout
    assert layout is not None
    top = round(view.scroll_y)
    looks, margins = [], set()
    for y in range(view.scrollable_content_region.height):
        line = top + y
        if line >= len(layout) or not (
            layout.starts[line] < span[1] and span[0] < layout.ends[line]
        ):
            continue
        text = "".join(segment.text for segment in view.render_line(y))
        margins.add(text[1:GUTTER].strip())
        offset = layout.starts[line] - GUTTER
        for segment in view.render_line(y):
            for char in segment.text:
                if span[0] <= offset < span[1] and offset >= layout.starts[line] and char.strip():
                    looks.append(look(segment.style, system, no_color=no_color))
                offset += 1
    return looks, margins


async def redraw(pilot: Pilot[None], view: DocumentView) -> None:
    view._invalidate()
    await pilot.pause()


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
async def test_the_cursor_on_the_matched_passage_shows_as_both(
    terminal: str, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The passage drawn over the cursor left it bold in a focused pane and invisible in the
    other; drawn under it, the match would be hidden. Checked in every built-in theme."""
    term, colorterm, system = TERMINALS[terminal]
    monkeypatch.setenv("TERM", term)
    monkeypatch.setenv("COLORTERM", colorterm)
    no_color = terminal == "NO_COLOR"
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        app = await matched(pilot)
        view = app.panes[1].view
        assert view.passage is not None and view.document is not None
        sentence = view.document.sentences[view.cursor]
        both = (max(sentence.start, view.passage[0]), min(sentence.end, view.passage[1]))
        assert both[0] < both[1], "m puts the other pane's cursor on its passage"
        problems = []
        for focused in (False, True):
            if focused:
                await pilot.press("tab")
                await wait_for(pilot, lambda: view.has_focus)
            for theme in sorted(app.available_themes):
                app.theme = theme
                await pilot.pause()
                drawn, margins = cells(view, both, system, no_color=no_color)
                passage = view.passage
                view.cursor_hidden = True
                await redraw(pilot, view)
                passage_alone, _ = cells(view, both, system, no_color=no_color)
                view.cursor_hidden, view.passage = False, None
                await redraw(pilot, view)
                cursor_alone, _ = cells(view, both, system, no_color=no_color)
                view.passage = passage
                await redraw(pilot, view)
                state = f"{theme}, {'focused' if focused else 'unfocused'}"
                if drawn == passage_alone:
                    problems.append(f"{state}: the cursor does not show on the passage")
                if margins != {PASSAGE_MARK} and margins != {NOTE_MARK}:
                    problems.append(f"{state}: the passage's margin shows {margins}")
                # Where tints blend, the passage's colour shows beneath the cursor's too; on
                # 16 colours and in an ANSI theme the cursor is reversed, the margin's bar
                # saying it is on the match.
                blended = system is not ColorSystem.STANDARD and not theme.startswith("ansi")
                if blended and not no_color and drawn == cursor_alone:
                    problems.append(f"{state}: the passage's colour is gone under the cursor")
        assert not problems, "\n".join(problems)
