"""How claims look in the reader: one letter and one theme colour per kind.

Kept apart from the widgets so the document view, the legend, the claims panel and the tests
agree on the same letters and the same order. Colour is never the only cue: every claim also
gets its kind's letter in the gutter, hedged claims are italic and unsourced ones underlined,
so kinds stay distinguishable with NO_COLOR and for colour-blind readers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich._palettes import STANDARD_PALETTE
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from textual.color import Color, ColorParseError

if TYPE_CHECKING:
    from textual.theme import Theme

from corpus.claims import Assessment, Certainty, Role
from tui.widgets.document_styles import CURSOR_TINT, FEW_COLOURS, NOTE_TINT, PASSAGE_TINT

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

ADVICE_LETTER = "a"
ADVICE = Role.ADVICE.value
"""Advice is no claim kind, but the gutter marks it and the legend counts it like one, so it
can be hidden like one (``h``)."""


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


def _standard(number: int) -> Color:
    """ANSI colour ``number`` as the RGB Rich rounds back to that very number (its VGA
    palette: a terminal's own may differ, but it keeps the 16 apart)."""
    return Color(*STANDARD_PALETTE[number])


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


def kind_letters(labels: Iterable[str]) -> dict[str, str]:
    """A distinct capital letter per kind, taken from its label (efficacy E, evidence V ...)."""
    letters: dict[str, str] = {}
    used = {ADVICE_LETTER.upper()}
    for label in labels:
        choice = next((c.upper() for c in label if c.isalpha() and c.upper() not in used), None)
        if choice is None:
            choice = next(
                chr(code) for code in range(ord("A"), ord("Z") + 1) if chr(code) not in used
            )
        used.add(choice)
        letters[label] = choice
    return letters


@dataclass(slots=True)
class ClaimMarks:
    """The claims of one document, as the reader shows them."""

    kinds: Sequence[str]
    """Kind labels in rule order; a kind's index picks its colour class."""
    assessments: Sequence[Assessment]
    """One per sentence, index-aligned with ``Document.sentences``."""
    hidden: frozenset[str] = frozenset()
    """Kinds the user switched off; their claims are drawn like plain text."""
    letters: dict[str, str] = field(default_factory=dict)
    palette: Sequence[Style] = ()
    """One text style per kind, in kind order (see :func:`kind_palette`)."""

    def __post_init__(self) -> None:
        if not self.letters:
            self.letters = kind_letters(self.kinds)

    def style(self, kind: str) -> Style:
        """The colour ``kind`` is drawn in (plain when there is no palette, e.g. in tests)."""
        if not self.palette:
            return Style()
        return self.palette[self.kind_index(kind) % len(self.palette)]

    def shown(self, sentence: int) -> Assessment | None:
        """The assessment of ``sentence`` if it is a claim of a visible kind."""
        if not 0 <= sentence < len(self.assessments):
            return None
        found = self.assessments[sentence]
        if found.role is Role.CLAIM and found.kind not in self.hidden:
            return found
        return None

    def kind_index(self, kind: str) -> int:
        """Position of ``kind`` in the rules, which picks its colour from the palette."""
        return self.kinds.index(kind) if kind in self.kinds else len(self.kinds)

    def letter(self, sentence: int) -> str:
        """Gutter letter for a sentence: its kind's letter, "a" for advice, "" otherwise."""
        found = self.assessments[sentence] if 0 <= sentence < len(self.assessments) else None
        if found is None:
            return ""
        if found.role is Role.ADVICE:
            return ADVICE_LETTER if ADVICE not in self.hidden else ""
        if found.role is Role.CLAIM and found.kind is not None and found.kind not in self.hidden:
            return self.letters.get(found.kind, "?")
        return ""

    def counts(self) -> Counter[str]:
        """Claims per kind (and "advice"), for the status bar."""
        counted: Counter[str] = Counter()
        for found in self.assessments:
            if found.role is Role.CLAIM and found.kind is not None:
                counted[found.kind] += 1
            elif found.role is Role.ADVICE:
                counted["advice"] += 1
        return counted

    def claim_sentences(self) -> list[int]:
        """Indices of visible claims, for n / N and the claims panel."""
        return [i for i in range(len(self.assessments)) if self.shown(i) is not None]


def describe(found: Assessment) -> str:
    """A short phrase for a claim: "efficacy, hedged, unsourced"."""
    if found.role is not Role.CLAIM:
        return found.role.value
    parts = [found.kind or "claim"]
    if found.certainty is Certainty.HEDGED:
        parts.append("hedged")
    elif found.certainty is Certainty.ASSERTIVE:
        parts.append("assertive")
    if found.unsourced:
        parts.append("unsourced")
    return ", ".join(parts)


@dataclass(slots=True)
class ClaimsState:
    """What the reader knows about claims: per document assessments, the kinds, what is hidden."""

    kinds: tuple[str, ...] = ()
    hidden: frozenset[str] = frozenset()
    by_document: dict[str, Sequence[Assessment]] = field(default_factory=dict)
    letters: dict[str, str] = field(default_factory=dict)
    palette: Sequence[Style] = ()

    def set_kinds(self, kinds: tuple[str, ...]) -> None:
        """Record the rules' kinds (and their letters) once the rules are compiled."""
        self.kinds = kinds
        self.letters = kind_letters(kinds)

    @property
    def choosable(self) -> tuple[str, ...]:
        """What ``h`` lists: the rules' kinds, the workspace's own included, then advice."""
        return self.kinds if ADVICE in self.kinds else (*self.kinds, ADVICE)

    def letter_of(self, kind: str) -> str:
        """The gutter letter of ``kind``, or of advice."""
        return self.letters.get(kind) or (ADVICE_LETTER if kind == ADVICE else "?")

    def marks_for(self, doc_id: str | None) -> ClaimMarks | None:
        """Marks for ``doc_id``, or None while its claims are not known."""
        if doc_id is None or doc_id not in self.by_document:
            return None
        return ClaimMarks(
            self.kinds, self.by_document[doc_id], self.hidden, self.letters, self.palette
        )

    def set_theme(self, theme: Theme, color_system: str | None = "truecolor") -> None:
        """Recompute the kinds' colours for ``theme``: readable on its page and its tints, or,
        for an ANSI theme, the terminal's own colours; on a terminal of fewer colours
        (``color_system`` as Rich names it), still one per kind (see :func:`fit_to_terminal`)."""
        hues = {name: getattr(theme, name, None) for name in THEME_HUES}
        count = max(len(self.kinds), len(THEME_HUES))
        variables = {**theme.to_color_system().generate(), **theme.variables}
        if theme.ansi or Color.parse(variables["surface"]).ansi is not None:
            colors = ansi_kind_palette(hues, count)
        else:
            backgrounds = reading_backgrounds(variables)
            colors = kind_palette(hues, backgrounds, count)
            colors = fit_to_terminal(colors, backgrounds[0][0], color_system)
        self.palette = [Style(color=color.rich_color) for color in colors]
