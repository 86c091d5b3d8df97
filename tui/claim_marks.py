"""How claims look in the reader: one letter and one theme colour per kind.

Kept apart from the widgets so the document view, the legend, the claims panel and the tests
agree on the same letters and the same order. Colour is never the only cue: every claim also
gets its kind's letter in the gutter, hedged claims are italic and unsourced ones underlined,
so kinds stay distinguishable with NO_COLOR and for colour-blind readers. How each kind's colour
is made readable on the theme and the terminal is :mod:`tui.theme_colours`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.style import Style
from textual.color import Color

if TYPE_CHECKING:
    from textual.theme import Theme

from corpus.claims import Assessment, Certainty, Role
from tui.theme_colours import (
    THEME_HUES,
    ansi_kind_palette,
    fit_to_terminal,
    kind_palette,
    reading_backgrounds,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

ADVICE_LETTER = "a"
ADVICE = Role.ADVICE.value
"""Advice is no claim kind, but the gutter marks it and the legend counts it like one, so it
can be hidden like one (``h``)."""


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
    """One text style per kind, in kind order (see :func:`tui.theme_colours.kind_palette`)."""

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

    def set_theme(
        self, theme: Theme, color_system: str | None = "truecolor", *, no_color: bool = False
    ) -> None:
        """Recompute the kinds' colours for ``theme``: readable on its page and its tints, or,
        for an ANSI theme, the terminal's own colours; on a terminal of fewer colours
        (``color_system`` as Rich names it), still one per kind (see
        :func:`tui.theme_colours.fit_to_terminal`).

        With NO_COLOR (``no_color``) none: the kinds' colours were made to read in colour, and
        Textual's greys of them did not, on 16 colours the page's own dark grey in eight dark
        themes (nord's evidence, solarized-dark's mechanism). There a claim is the page's text,
        its kind the letter in the margin, italic and underline its certainty and its source.
        """
        if no_color:
            self.palette = ()
            return
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
