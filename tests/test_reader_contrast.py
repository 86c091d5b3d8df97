"""Claims stay readable whatever the theme: the WCAG contrast of what the reader draws.

Measured on the segments the document view really draws, so the kinds' colours, the
headings' and list markers' colours and the cursor's tint are all checked as a reader sees
them, after switching themes the way the palette's theme command does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual.color import Color

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from pathlib import Path

    from tui.widgets.document_view import DocumentView

THEMES = ("textual-dark", "textual-light", "solarized-dark", "solarized-light", "nord")
"""The default pair, a pair that shares its primary colour (a tint drawn for the first must
not stay for the second) and a dark theme with a light primary."""


TEXT_CONTRAST = 4.5
"""WCAG's minimum for body text, asked of text on the page."""
TINT_CONTRAST = 3.0
"""Asked of text on the cursor and the other tints, which come and go."""


def contrast(one: Color, other: Color) -> float:
    """WCAG 2 contrast ratio, worked out here rather than trusted to the code under test."""

    def luminance(color: Color) -> float:
        def linear(channel: int) -> float:
            value = channel / 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)

    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def low_contrast(app: SynopticApp, view: DocumentView) -> list[str]:
    """Text drawn with too little contrast: under 4.5 on the page, under 3 on a tint.

    Text in the theme's own foreground is the theme's choice, not ours, and is left out.
    """
    variables = app.theme_variables
    page = Color.parse(variables["surface"])
    foreground = page + Color.parse(variables["foreground"])
    found = []
    for y in range(view.size.height):
        for segment in view.render_line(y):
            style = segment.style
            if not segment.text.strip() or style is None or style.color is None:
                continue
            text, back = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
            if style.reverse:
                text, back = back, text
            if text == foreground:
                continue
            needed = TEXT_CONTRAST if back == page else TINT_CONTRAST
            ratio = contrast(text, back)
            if ratio < needed:
                found.append(f"{segment.text[:20]!r}: {text.hex} on {back.hex} is {ratio:.2f}")
    return found


async def test_claims_headings_and_the_cursor_are_readable_in_dark_and_light_themes(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(160, 44)) as pilot:
        await wait_for(pilot, lambda: app.claims_finished_at is not None)
        await wait_for(pilot, lambda: all(pane.view.marks is not None for pane in app.panes))
        await pilot.press("j")  # the cursor on a claim, the first sentence's too
        view = app.active_pane.view
        assert view.has_focus
        problems: dict[str, list[str]] = {}
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            assert view.marks is not None and view.marks.claim_sentences()
            if found := low_contrast(app, view):
                problems[theme] = found
        assert not problems, problems
