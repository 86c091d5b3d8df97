"""The kinds' letters and colours: distinct letters, and distinct readable colours per theme."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from tui.claim_marks import ADVICE_LETTER, THEME_HUES, kind_letters, kind_palette

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


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_every_builtin_theme_gives_six_distinct_readable_colours(name: str) -> None:
    theme = BUILTIN_THEMES[name]
    background = theme.background or ("#121212" if theme.dark else "#efefef")
    colors = kind_palette({hue: getattr(theme, hue) for hue in THEME_HUES}, background, 6)
    assert len(colors) == 6
    gaps = [_hue_gap(a, b) for i, a in enumerate(colors) for b in colors[i + 1 :]]
    assert min(gaps) >= 40, f"{name}: two kinds are only {min(gaps):.0f} degrees apart"
    back = Color.parse(background)
    for color in colors:
        if back.brightness < 0.5:
            assert color.brightness >= 0.55, f"{name}: {color.hex} is too dark to read"
        else:
            assert color.brightness <= 0.45, f"{name}: {color.hex} is too light to read"
