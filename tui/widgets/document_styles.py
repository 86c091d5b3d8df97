"""How a document view looks: its component classes and their CSS.

Kept apart from :mod:`tui.widgets.document_view`, which draws and scrolls. With NO_COLOR,
Textual draws backgrounds in grey or not at all, so there the cursor is reversed (as in
Textual's own lists and trees) in every pane, and a search match or a selection, which lie
inside the cursor's sentence, are bold and underlined rather than reversed too. Bold alone
would not show the cursor on a heading, nor underline on an unsourced claim. The passage
matched in another pane gets a bar in the margin instead (see
:data:`tui.widgets.line_painter.PASSAGE_MARK`), and an annotated line a star there.

The cursor, a matched passage and a note are tints, light enough that a claim's colour stays
readable on them: :func:`tui.claim_marks.reading_backgrounds` makes the kinds' colours
contrast with these very tints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.color import ColorSystem
from rich.style import Style

if TYPE_CHECKING:
    from textual.widget import Widget

CURSOR_TINT = 0.3
"""How much of the theme's primary colour the focused pane's cursor lays over the page."""
BLURRED_CURSOR_TINT = 0.15
"""The same in a pane without focus: still there, quieter than the focused one."""
PASSAGE_TINT = 0.3
"""How much of the theme's success colour marks the passage matched in the other pane."""
NOTE_TINT = 0.3
"""How much of the theme's secondary colour marks an annotated span."""

FEW_COLOURS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT}
"""Terminals whose palette Rich rounds every colour to (as Textual's console names them)."""

COMPONENT_CLASSES = {
    "document-view--heading",
    "document-view--list-marker",
    "document-view--code",
    "document-view--cursor",
    "document-view--match",
    "document-view--passage",
    "document-view--passage-mark",
    "document-view--term",
    "document-view--note",
    "document-view--selection",
    "document-view--placeholder",
    "document-view--gutter",
}
"""The parts of a document view that CSS can style."""

DOCUMENT_VIEW_CSS = f"""
DocumentView {{
    background: $surface;
    color: $foreground;
    padding: 0 1;
    scrollbar-size-vertical: 1;
    overflow-x: hidden;
}}
DocumentView > .document-view--heading {{ color: $text-primary; text-style: bold; }}
DocumentView > .document-view--list-marker {{ color: $text-primary; }}
DocumentView > .document-view--code {{ color: $text-muted; background: $boost; }}
DocumentView > .document-view--cursor {{ background: $primary {BLURRED_CURSOR_TINT:.0%}; }}
DocumentView:focus > .document-view--cursor {{
    background: $primary {CURSOR_TINT:.0%};
    text-style: bold;
}}
DocumentView > .document-view--match {{ background: $warning 50%; text-style: reverse; }}
DocumentView > .document-view--passage {{ background: $success {PASSAGE_TINT:.0%}; }}
DocumentView > .document-view--passage-mark {{ color: $success; text-style: bold; }}
DocumentView > .document-view--term {{ text-style: bold underline; }}
DocumentView > .document-view--note {{ background: $secondary {NOTE_TINT:.0%}; }}
DocumentView > .document-view--selection {{ text-style: reverse; }}
DocumentView > .document-view--placeholder {{ color: $text-muted; text-style: italic; }}
DocumentView > .document-view--gutter {{ color: $text-muted; text-style: bold; }}
DocumentView:nocolor > .document-view--cursor {{ text-style: reverse; }}
DocumentView:nocolor:focus > .document-view--cursor {{ text-style: bold reverse; }}
DocumentView:nocolor > .document-view--match {{ text-style: bold underline; }}
DocumentView:nocolor > .document-view--selection {{ text-style: bold underline; }}
"""


def overlay_style(view: Widget, name: str) -> Style:
    """Component ``name``'s own style, its translucent background laid over the view's.

    Textual's partial style (the one that leaves the text colour to the claim underneath)
    drops a background's alpha, so "$primary 30%" would be drawn as the full primary colour,
    on which no kind's colour can be read. On a terminal of 16 or 256 colours a light tint
    may round to the page's own colour (the unfocused cursor vanished on solarized-light's
    page, a note on textual-dark's), so there it is deepened until it rounds to another.
    Not cached: Textual keeps a view's partial style across a change of theme, and working
    this out costs some 20 microseconds.
    """
    style = view.get_component_rich_style(name, partial=True)
    tint = view.get_component_styles(name).background
    if 0 < tint.a < 1 and tint.ansi is None:
        page = view.background_colors[1]
        if page.ansi is None and page.a == 1:
            laid = page + tint
            system = FEW_COLOURS.get(view.app.console.color_system or "")
            if system is not None:
                shown = page.rich_color.downgrade(system).number
                alpha = tint.a
                while laid.rich_color.downgrade(system).number == shown and alpha < 1:
                    alpha = min(alpha + 0.1, 1)
                    laid = page + tint.with_alpha(alpha)
            style += Style(bgcolor=laid.rich_color)
    return style
