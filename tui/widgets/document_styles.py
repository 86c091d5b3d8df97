"""How a document view looks: its component classes and their CSS.

Kept apart from :mod:`tui.widgets.document_view`, which draws and scrolls. With NO_COLOR,
Textual would draw backgrounds in grey (or not at all in an ANSI theme), greys no one made
to read, so there nothing is tinted: the cursor is reversed (as in Textual's own lists and
trees) in every pane, and a search match or a selection, which lie inside the cursor's
sentence, are not reversed: a selection bold and underlined, a search hit underlined only, so
that a hit inside the selection still shows; a word shared with a match is bold, underlined
and reversed, so it is not taken for a selection. Bold alone would not show the cursor on a
heading, nor underline on an unsourced claim. The passage matched in another pane gets a bar
in the margin instead (see :data:`tui.widgets.line_painter.PASSAGE_MARK`), and an annotated
line a star there.

The cursor, a matched passage and a note are tints, light enough that a claim's colour stays
readable on them: :func:`tui.theme_colours.reading_backgrounds` makes the kinds' colours
contrast with these very tints. Where the cursor is on a passage or a note, its tint is laid
over theirs (:data:`CURSOR_ON`), so both show: drawn over them it hid the match, drawn under
them it hid the cursor (bold alone, nothing at all in a pane without focus).

A terminal of 16 colours has too few to keep those tints apart (in most dark themes the
cursor, the passage and the note all rounded to the same grey, catppuccin-mocha's cursor to
the text's own white), so there the cursor, a search hit, a selection and the shared words
take the cues they have with NO_COLOR (:data:`SIXTEEN_COLOUR_CUES`), the cursor has no tint
(reversed, its tint was the text's colour: grey on white), and a passage's, a note's or a
hit's tint is a palette colour apart from the text's on which the text reads as it does on
the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.color import ColorSystem
from rich.style import Style

from corpus.inline_markup import Markup
from tui.theme_colours import (
    BLURRED_CURSOR_TINT,
    CURSOR_TINT,
    FEW_COLOURS,
    NOTE_TINT,
    PASSAGE_TINT,
    STANDARD_RGB,
    contrast,
)

if TYPE_CHECKING:
    from textual.color import Color
    from textual.widget import Widget

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
    "document-view--markup",
    "document-view--link",
    "document-view--emphasis",
    "document-view--strong",
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
DocumentView > .document-view--markup {{ text-style: dim; }}
DocumentView > .document-view--link {{ text-style: underline; }}
DocumentView > .document-view--emphasis {{ text-style: italic; }}
DocumentView > .document-view--strong {{ text-style: bold; }}
DocumentView:nocolor > .document-view--cursor {{ text-style: reverse; }}
DocumentView:nocolor:focus > .document-view--cursor {{ text-style: bold reverse; }}
DocumentView:nocolor > .document-view--match {{ text-style: underline; }}
DocumentView:nocolor > .document-view--selection {{ text-style: bold underline; }}
DocumentView:nocolor > .document-view--term {{ text-style: bold underline reverse; }}
"""


MARKUP_CLASSES = {
    Markup.MARKER: "document-view--markup",
    Markup.LINK: "document-view--link",
    Markup.EMPHASIS: "document-view--emphasis",
    Markup.STRONG: "document-view--strong",
}
"""How a Markdown document's inline markup is drawn: never hidden (the cursor, a selection
and a quote are the file's characters), only quieted. Markers (brackets, a link's
destination, ``*``, backticks) are dim, a link's text underlined, emphasis italic or bold:
styles of the text, not colours, so they show with NO_COLOR and on 16 colours alike and leave
a claim its kind's colour."""

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
    "document-view--match": (Style(bold=False, underline=True, reverse=False),) * 2,
    "document-view--selection": (Style(bold=True, underline=True, reverse=False),) * 2,
    "document-view--term": (Style(bold=True, underline=True, reverse=True),) * 2,
}
"""(without focus, with focus) cues of the cursor, a search hit, a selection and a shared word
on a terminal of 16 colours, in an ANSI theme and with NO_COLOR, where tints cannot be told
apart or are not drawn (see the module's docstring). A search hit and a selection lie inside
the reversed cursor, so they are not reversed; the selection is bold and underlined, the hit
only underlined, so that a hit inside the selection (or beside it in the cursor) still shows
where it is. A word shared with a match is bold and underlined too, so it is also reversed:
in a matched passage, away from the cursor, it looked just like a selection; in the reversed
cursor it stays reversed, where the selection is not. Like a hit, it shows as itself inside
the selection."""


def overlay_style(view: Widget, name: str) -> Style:
    """Component ``name``'s own style, its translucent background laid over the view's.

    Textual's partial style (the one that leaves the text colour to the claim underneath)
    drops a background's alpha, so "$primary 30%" would be drawn as the full primary colour,
    on which no kind's colour can be read. Not cached: Textual keeps a view's partial style
    across a change of theme, and working this out costs some 20 microseconds.

    On 16 colours the cursor is reversed and has no tint of its own: reversed, its tint became
    the text's colour, grey on white in nord (2.3:1); the cursor on a passage or a note
    reverses their tint instead. With NO_COLOR nothing has a tint: Textual turns every colour
    grey, and the greys of the tints were never made to read (atom-one-dark's text on the
    passage was 2.6:1, reversed on the cursor laid over the passage 2.0:1), nor are they any
    cue where colour is not wanted; the text stays on the page, in the page's own contrast.
    """
    own = CURSOR if name in BENEATH else name
    style = view.get_component_rich_style(own, partial=True)
    cues = SIXTEEN_COLOUR_CUES.get(own)
    if view.app.no_color:
        return style.without_color + (cues[view.has_focus] if cues else Style())
    if own == CURSOR and _sixteen_colours(view):
        return style.without_color + SIXTEEN_COLOUR_CUES[CURSOR][view.has_focus]
    laid = _laid_tint(view, name)
    if laid is not None:
        style += Style(bgcolor=laid.rich_color)
    if cues and _sixteen_colours(view):
        style += cues[view.has_focus]
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
    if system is ColorSystem.STANDARD:
        return _sixteen_colour_tint(view, under, tint, taken)
    deeper = [under + tint.with_alpha(min(tint.a + step / 10, 1)) for step in range(11)]
    rounded = [colour.rich_color.downgrade(system).number for colour in deeper]
    for colour, number in zip(deeper, rounded, strict=True):
        if number not in taken:
            return colour
    return laid


def _sixteen_colour_tint(view: Widget, under: Color, tint: Color, taken: set[int | None]) -> Color:
    """The tint as 16 colours can draw it: a palette colour apart from the page, the tints
    beside it and the text's own colours (catppuccin-mocha's cursor was white under white
    text), on which the page's text reads as well as on the page, up to WCAG's 4.5.

    Most tints round to light grey (colour 7) or cyan there, 2.3:1 under white text in nord
    and 1.2:1 under atom-one-dark's grey: the tint deepened until it rounds to a colour that
    reads, else the palette colour nearest it that does, else the one that reads best.
    """
    numbers = _text_colours(view, ColorSystem.STANDARD)
    taken = taken | numbers
    foreground = view.rich_style.color
    text = foreground.downgrade(ColorSystem.STANDARD).number if foreground else None
    page = view.background_colors[1].rich_color.downgrade(ColorSystem.STANDARD).number
    if text is None or page is None:
        needed = 1.0
    else:
        needed = min(4.5, contrast(STANDARD_RGB[text], STANDARD_RGB[page])) - 0.01
    deeper = [under + tint.with_alpha(min(tint.a + step / 10, 1)) for step in range(11)]
    intended = deeper[0]
    palette = sorted(range(16), key=lambda number: _distance(STANDARD_RGB[number], intended))
    choices = [colour.rich_color.downgrade(ColorSystem.STANDARD).number for colour in deeper]
    choices += [number for number in palette if number not in choices]

    def reads(number: int | None) -> float:
        if number is None or text is None:
            return 21.0
        return contrast(STANDARD_RGB[text], STANDARD_RGB[number])

    free = [number for number in choices if number not in taken]
    chosen = next((number for number in free if reads(number) >= needed), None)
    if chosen is None:
        # 16 colours may leave none that reads apart from all the others: then apart from
        # the text and the page, the one that reads best
        apart = [n for n in choices if n not in numbers and n != page] or choices
        chosen = max(apart, key=reads)
    assert chosen is not None
    return STANDARD_RGB[chosen]


def _distance(one: Color, other: Color) -> float:
    return float((one.r - other.r) ** 2 + (one.g - other.g) ** 2 + (one.b - other.b) ** 2)


def _text_colours(view: Widget, system: ColorSystem) -> set[int | None]:
    """The palette numbers text is drawn in on the view: its own colour and the kinds'."""
    colours = [view.rich_style.color]
    marks = getattr(view, "marks", None)
    colours += [style.color for style in getattr(marks, "palette", ())]
    return {colour.downgrade(system).number for colour in colours if colour is not None}
