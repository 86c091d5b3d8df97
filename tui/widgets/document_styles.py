"""How a document view looks: its component classes and their CSS.

Kept apart from :mod:`tui.widgets.document_view`, which draws and scrolls. With NO_COLOR,
Textual draws backgrounds in grey or not at all, so there the cursor is reversed (as in
Textual's own lists and trees) in every pane, and a search match or a selection, which lie
inside the cursor's sentence, are bold and underlined rather than reversed too. Bold alone
would not show the cursor on a heading, nor underline on an unsourced claim. The passage
matched in another pane gets a bar in the margin instead (see
:data:`tui.widgets.line_painter.PASSAGE_MARK`), and an annotated line a star there.

The cursor, a matched passage and a note are tints, light enough that a claim's colour stays
readable on them: :func:`tui.theme_colours.reading_backgrounds` makes the kinds' colours
contrast with these very tints. Where the cursor is on a passage or a note, its tint is laid
over theirs (:data:`CURSOR_ON`), so both show: drawn over them it hid the match, drawn under
them it hid the cursor (bold alone, nothing at all in a pane without focus).

A terminal of 16 colours has too few to keep those tints apart (in most dark themes the
cursor, the passage and the note all rounded to the same grey, catppuccin-mocha's cursor to
the text's own white), so there the cursor, a search hit and a selection take the cues they
have with NO_COLOR (:data:`SIXTEEN_COLOUR_CUES`), and a tint avoids the text's colours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.color import ColorSystem
from rich.style import Style

if TYPE_CHECKING:
    from textual.color import Color
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


CURSOR = "document-view--cursor"
CURSOR_ON = {
    "document-view--passage": "document-view--cursor-on-passage",
    "document-view--note": "document-view--cursor-on-note",
}
"""Tints the cursor is laid over, and the name of the cursor drawn on each: no CSS class, the
cursor's own style with its tint laid over the other's instead of over the page."""
BENEATH = {cursor_on: beneath for beneath, cursor_on in CURSOR_ON.items()}

NEIGHBOURS = {
    CURSOR: ("document-view--passage", "document-view--note"),
    "document-view--note": ("document-view--passage",),
    **{cursor_on: (CURSOR, beneath) for cursor_on, beneath in BENEATH.items()},
}
"""Tints drawn next to or over others, which must round to a colour of their own as well as
differ from the page: on a 256-colour terminal textual-dark's cursor and matched passage both
rounded to colour 23, so a cursor beside the passage looked like part of it and the user lost
track of which sentence was which. The cursor on a passage or a note must differ from the
cursor and from what it is on."""

SIXTEEN_COLOUR_CUES = {
    CURSOR: (Style(reverse=True), Style(bold=True, reverse=True)),
    "document-view--match": (Style(bold=True, underline=True, reverse=False),) * 2,
    "document-view--selection": (Style(bold=True, underline=True, reverse=False),) * 2,
}
"""(without focus, with focus) cues of the cursor, a search hit and a selection on a terminal
of 16 colours or in an ANSI theme: NO_COLOR's, as their tints cannot be told apart there
(see the module's docstring). A search hit and a selection lie inside the reversed cursor,
so they are not reversed but bold and underlined."""


def overlay_style(view: Widget, name: str) -> Style:
    """Component ``name``'s own style, its translucent background laid over the view's.

    Textual's partial style (the one that leaves the text colour to the claim underneath)
    drops a background's alpha, so "$primary 30%" would be drawn as the full primary colour,
    on which no kind's colour can be read. Not cached: Textual keeps a view's partial style
    across a change of theme, and working this out costs some 20 microseconds.
    """
    own = CURSOR if name in BENEATH else name
    style = view.get_component_rich_style(own, partial=True)
    laid = _laid_tint(view, name)
    if laid is not None:
        style += Style(bgcolor=laid.rich_color)
    if own in SIXTEEN_COLOUR_CUES and _sixteen_colours(view):
        style += SIXTEEN_COLOUR_CUES[own][view.has_focus]
    return style


def _sixteen_colours(view: Widget) -> bool:
    """Whether the view is drawn in 16 colours: on such a terminal, or in an ANSI theme (the
    terminal's own 16, which cannot be blended, so a tint laid over another is no tint)."""
    return view.app.console.color_system == "standard" or view.background_colors[1].ansi is not None


def _laid_tint(view: Widget, name: str) -> Color | None:
    """Component ``name``'s translucent background laid over the page, or None when it has
    none (or the page is the terminal's own colour, which cannot be blended).

    On a terminal of 16 or 256 colours a light tint may round to the page's own colour (the
    unfocused cursor vanished on solarized-light's page, a note on textual-dark's), or to the
    colour of a tint beside it (:data:`NEIGHBOURS`), so there it is deepened until it rounds
    to another.
    """
    tint = view.get_component_styles(CURSOR if name in BENEATH else name).background
    if not 0 < tint.a < 1 or tint.ansi is not None:
        return None
    page = view.background_colors[1]
    if page.ansi is not None or page.a != 1:
        return None
    under = page
    if name in BENEATH:
        under = _laid_tint(view, BENEATH[name]) or page
    laid = under + tint
    system = FEW_COLOURS.get(view.app.console.color_system or "")
    if system is None:
        return laid
    shown = page.rich_color.downgrade(system).number
    taken = {shown}
    for neighbour in NEIGHBOURS.get(name, ()):
        if (other := _laid_tint(view, neighbour)) is not None:
            taken.add(other.rich_color.downgrade(system).number)
    text = {shown}
    if system is ColorSystem.STANDARD:
        # so few colours that a tint may round to the text's own (white on white)
        text |= _text_colours(view, system)
        taken |= text
    deeper = [under + tint.with_alpha(min(tint.a + step / 10, 1)) for step in range(11)]
    rounded = [colour.rich_color.downgrade(system).number for colour in deeper]
    # 16 colours may leave no colour apart from all the others: then apart from the text
    for avoided in (taken, text):
        for colour, number in zip(deeper, rounded, strict=True):
            if number not in avoided:
                return colour
    return laid


def _text_colours(view: Widget, system: ColorSystem) -> set[int | None]:
    """The palette numbers text is drawn in on the view: its own colour and the kinds'."""
    colours = [view.rich_style.color]
    marks = getattr(view, "marks", None)
    colours += [style.color for style in getattr(marks, "palette", ())]
    return {colour.downgrade(system).number for colour in colours if colour is not None}
