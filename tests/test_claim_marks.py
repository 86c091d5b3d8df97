"""The kinds' letters and colours: distinct letters, and distinct readable colours per theme."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from tui.claim_marks import ADVICE_LETTER, ClaimsState, kind_letters
from tui.theme_colours import THEME_HUES, contrast, kind_palette, reading_backgrounds

KINDS = ("efficacy", "mechanism", "safety", "legal", "evidence", "background")


def test_kind_letters_are_distinct_and_taken_from_the_labels() -> None:
    letters = kind_letters(KINDS)
    assert letters == {
        "efficacy": "E",
        "mechanism": "M",
        "safety": "S",
        "legal": "L",
        "evidence": "V",
        "background": "B",
    }
    assert ADVICE_LETTER.upper() not in letters.values()


def test_kind_letters_fall_back_when_a_label_has_no_free_letter() -> None:
    letters = kind_letters(["aaa", "ee", "e"])
    assert len(set(letters.values())) == 3
    assert "A" not in letters.values()  # reserved for advice


def _hue_gap(a: Color, b: Color) -> float:
    distance = abs(a.hsl.h - b.hsl.h)
    return min(distance, 1 - distance) * 360


@pytest.mark.parametrize("name", sorted(n for n, t in BUILTIN_THEMES.items() if not t.ansi))
def test_every_builtin_theme_gives_six_distinct_readable_colours(name: str) -> None:
    theme = BUILTIN_THEMES[name]
    backgrounds = reading_backgrounds({**theme.to_color_system().generate(), **theme.variables})
    colors = kind_palette({hue: getattr(theme, hue) for hue in THEME_HUES}, backgrounds, 6)
    assert len(colors) == 6
    gaps = [_hue_gap(a, b) for i, a in enumerate(colors) for b in colors[i + 1 :]]
    assert min(gaps) >= 40, f"{name}: two kinds are only {min(gaps):.0f} degrees apart"
    for color in colors:
        for back, needed in backgrounds:
            ratio = contrast(color, back)
            assert ratio >= needed, f"{name}: {color.hex} on {back.hex} is only {ratio:.2f}"


@pytest.mark.parametrize("name", ["ansi-dark", "ansi-light"])
def test_an_ansi_theme_leaves_the_kinds_colours_to_the_terminal(name: str) -> None:
    """An ANSI theme is for a terminal whose own palette (light or dark) must decide."""
    state = ClaimsState()
    state.set_kinds(KINDS)
    state.set_theme(BUILTIN_THEMES[name])
    colors = [style.color for style in state.palette]
    assert all(color is not None and color.is_system_defined for color in colors)
    assert len({color.number for color in colors if color is not None}) == len(KINDS)
