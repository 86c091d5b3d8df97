"""Colours worked out from the user's theme so that they stay readable and distinct.

The kinds' colours (one per kind of claim) and the footer's keys are not taken from the theme
as they are: a theme may give two of its colours the same hue, or a colour too faint on its own
page, and a terminal of 16 or 256 colours may round two kinds to one colour. Everything that
measures contrast, moves a hue round the wheel or fits colours to the terminal is here, apart
from :mod:`tui.claim_marks`, which says which letter and which colour each claim gets: the
rules of readability change for other reasons (a theme, a terminal, WCAG) than the marks do.

How much of a theme colour the cursor, a matched passage and a note lay over the page is here
too: the kinds' colours are made to read on those very tints, and
:mod:`tui.widgets.document_styles` draws them (and fits them to the terminal) with what is
here, so the import runs one way only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich._palettes import STANDARD_PALETTE
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color, ColorParseError

if TYPE_CHECKING:
    from collections.abc import Sequence

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

THEME_HUES = ("success", "accent", "error", "warning", "primary", "secondary")
"""Theme colours the kinds start from, in kind order (efficacy green, safety red ...)."""
FALLBACK = "#888888"
MIN_HUE_GAP = 1 / 8
"""Hues closer than this (45 degrees) are too alike to tell two kinds apart."""
TEXT_CONTRAST = 4.5
"""WCAG's minimum contrast for body text: a kind's colour on the page and in the legend."""
TINT_CONTRAST = 3.0
"""The minimum on the cursor and the other tints, which last only while they are there (the
focused cursor is bold too); asking 4.5 there as well bleaches every kind to a pastel."""
ANSI_KIND_COLORS = ("green", "magenta", "red", "blue", "cyan", "yellow")
"""Kinds' colours under an ANSI theme, whose colours the terminal's own palette decides:
distinct base colours, yellow last as it is often faint on a light terminal."""


def contrast(one: Color, other: Color) -> float:
    """WCAG contrast ratio of two opaque colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: Color) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def reading_backgrounds(variables: dict[str, str]) -> list[tuple[Color, float]]:
    """What a kind's colour is read on, from a theme's CSS variables, with the contrast each
    needs: the page ($surface) and the legend ($panel) as text, the cursor and the tints of
    a matched passage and a note (as :mod:`tui.widgets.document_styles` lays them) less."""
    surface = Color.parse(variables["surface"])
    page: list[tuple[Color, float]] = [
        (surface, TEXT_CONTRAST),
        (Color.parse(variables["panel"]), TEXT_CONTRAST),
    ]
    tints = ((CURSOR_TINT, "primary"), (PASSAGE_TINT, "success"), (NOTE_TINT, "secondary"))
    return page + [
        (surface.blend(Color.parse(variables[name]), amount), TINT_CONTRAST)
        for amount, name in tints
    ]


def _nearest_gap(color: Color, others: list[Color]) -> float:
    """Hue distance (0 to 0.5 of the wheel) from ``color`` to the nearest of ``others``."""
    hue = color.hsl.h
    return min((min(abs(hue - o.hsl.h), 1 - abs(hue - o.hsl.h)) for o in others), default=0.5)


def _too_close(color: Color, others: list[Color]) -> bool:
    return _nearest_gap(color, others) < MIN_HUE_GAP


def _readable(
    hue: float, saturation: float, lightness: float, backgrounds: Sequence[tuple[Color, float]]
) -> Color:
    """The colour of this hue nearest ``lightness`` that has the contrast each background
    needs: lighter on a dark page, darker on a light one (the one with the best worst
    contrast if none has)."""
    dark_page = _luminance(backgrounds[0][0]) < 0.18
    steps = (
        range(round(lightness * 100), 101) if dark_page else range(round(lightness * 100), -1, -1)
    )
    best: tuple[float, Color] | None = None
    for step in steps:
        color = Color.from_hsl(hue, saturation, step / 100)
        worst = min(contrast(color, back) / needed for back, needed in backgrounds)
        if worst >= 1:
            return color
        if best is None or worst > best[0]:
            best = (worst, color)
    assert best is not None
    return best[1]


def kind_palette(
    theme: dict[str, str | None], backgrounds: Sequence[tuple[Color, float]], count: int
) -> list[Color]:
    """``count`` distinct, readable text colours derived from a theme's own colours.

    Themes often share a hue between two of their colours (Textual's default has the same
    orange for accent and warning), so a colour too close to one already taken is rotated
    round the colour wheel; every colour then gets the lightness that reads on each of
    ``backgrounds`` (see :func:`reading_backgrounds`), the first of which is the page. Kinds
    beyond the six theme colours continue round the wheel.
    """
    chosen: list[Color] = []
    for index in range(count):
        name = THEME_HUES[index % len(THEME_HUES)]
        color = Color.parse(theme.get(name) or FALLBACK)
        hue, saturation, lightness = color.hsl
        saturation = max(saturation, 0.55)
        lightness = min(max(lightness, 0.35), 0.7)
        candidates = [
            _readable((hue + step / 24) % 1, saturation, lightness, backgrounds)
            for step in range(24)
        ]
        # The theme's own hue if it is distinct enough, else the nearest rotation that is,
        # else the rotation farthest from every colour already taken.
        candidate = next(
            (c for c in candidates if not _too_close(c, chosen)),
            max(candidates, key=lambda c: _nearest_gap(c, chosen)),
        )
        chosen.append(candidate)
    return chosen


def ansi_kind_palette(theme: dict[str, str | None], count: int) -> list[Color]:
    """Kinds' colours under an ANSI theme: its own colours where they differ, then the rest
    of :data:`ANSI_KIND_COLORS`, all left to the terminal's palette (which alone knows
    whether its page is light or dark)."""
    names: list[str] = []
    for hue in THEME_HUES:
        name = (theme.get(hue) or "").removeprefix("ansi_").removeprefix("bright_")
        if name in ANSI_KIND_COLORS and name not in names:
            names.append(name)
    names += [name for name in ANSI_KIND_COLORS if name not in names]
    return [Color.parse(f"ansi_{names[index % len(names)]}") for index in range(count)]


ANSI_FAMILIES = (1, 2, 3, 4, 5, 6)
"""Red, green, yellow, blue, magenta, cyan: the 16 colours' hues. Each is there twice (normal
and bright, 8 apart), too alike for two kinds; black, white and the greys are no kind's."""


def _rounded(color: Color, system: ColorSystem) -> RichColor:
    return color.rich_color.downgrade(system)


def _rgb(color: RichColor) -> Color:
    triplet = color.get_truecolor()
    return Color(triplet.red, triplet.green, triplet.blue)


STANDARD_RGB = [Color(*STANDARD_PALETTE[number]) for number in range(16)]
"""The 16 ANSI colours as the RGB Rich rounds back to those very numbers (its VGA palette: a
terminal's own may differ, but it keeps the 16 apart): what contrast is measured on there."""


def _standard(number: int) -> Color:
    """ANSI colour ``number`` as the RGB Rich rounds back to that very number."""
    return STANDARD_RGB[number]


def fit_to_terminal(colors: Sequence[Color], page: Color, system: str | None) -> list[Color]:
    """The kinds' colours as a terminal of 16 or 256 colours can tell them apart.

    Rich rounds each colour to the terminal's palette: with 16 colours, Textual's default
    theme drew two kinds in the same bright red and nord all six in the same white. There each
    kind gets a hue of its own (the nearest one free), in the shade that reads on the page;
    with 256 colours a kind that rounds to another's colour or the page's moves to the nearest
    free one. Colours are then given as the palette's own, so rounding keeps them.
    """
    reduced = FEW_COLOURS.get(system or "")
    if reduced is None:
        return list(colors)
    if reduced is ColorSystem.STANDARD:
        return _sixteen_colours(colors, page)
    taken = {_rounded(page, reduced).number}
    fitted = []
    for color in colors:
        hue, saturation, lightness = color.hsl
        steps = [color] + [
            Color.from_hsl(hue, saturation, min(max(lightness + sign * step / 50, 0), 1))
            for step in range(1, 20)
            for sign in (1, -1)
        ]
        choice = next((c for c in steps if _rounded(c, reduced).number not in taken), color)
        rounded = _rounded(choice, reduced)
        taken.add(rounded.number)
        fitted.append(_rgb(rounded))
    return fitted


def _sixteen_colours(colors: Sequence[Color], page: Color) -> list[Color]:
    """One of the six ANSI hues per kind, nearest its own; bright on a dark page, normal on a
    light one (where bright yellow or cyan all but vanish in most terminals' palettes)."""
    shade = 8 if _luminance(page) < 0.18 else 0
    free = list(ANSI_FAMILIES)
    fitted = []
    for color in colors:
        family = (_rounded(color, ColorSystem.STANDARD).number or 0) % 8
        if family not in free:
            pool = free or list(ANSI_FAMILIES)  # more kinds than hues: their letters differ

            def distance(number: int, hue: float = color.hsl.h) -> float:
                gap = abs(_standard(number + 8).hsl.h - hue)
                return min(gap, 1 - gap)

            family = min(pool, key=distance)
        if family in free:
            free.remove(family)
        fitted.append(_standard(family + shade))
    return fitted


FOOTER_KEY = "reader-footer-key"
"""CSS variable: the theme's footer key colour, made readable (see :func:`chrome_variables`)."""


def chrome_variables(variables: dict[str, str]) -> dict[str, str]:
    """Colours for the app's frame derived from a theme's CSS variables.

    The footer's keys are drawn in the theme's accent, which on textual-light's grey footer
    was 2.9:1 and on catppuccin-latte's 1.9:1 while the words beside them were 10:1 and 5:1.
    The key keeps its hue but gets the lightness that reads as well as the footer's own
    words do, up to WCAG's 4.5 (a theme whose words are faint too made that choice itself).
    """
    key = variables.get("footer-key-foreground", "")
    try:
        colour = Color.parse(key)
        words = Color.parse(variables["footer-description-foreground"])
        back = Color.parse(variables["panel"])
        for name in ("footer-background", "footer-key-background"):
            back = back + Color.parse(variables[name])
    except (ColorParseError, KeyError):  # "auto", a missing variable: left to the theme
        return {FOOTER_KEY: key}
    if colour.ansi is not None or back.ansi is not None:
        return {FOOTER_KEY: key}
    colour, words = back + colour, back + words
    needed = min(TEXT_CONTRAST, contrast(words, back))
    if contrast(colour, back) >= needed:
        return {FOOTER_KEY: key}
    hue, saturation, lightness = colour.hsl
    return {FOOTER_KEY: _readable(hue, saturation, lightness, [(back, needed)]).hex}
