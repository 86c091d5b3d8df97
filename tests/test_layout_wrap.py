"""Wrapping text of any script into screen lines: never wider than the pane as Rich draws it,
never breaking inside a user-perceived character (a grapheme)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from corpus.document import document_from_bytes
from corpus.text import grapheme_end, grapheme_start, joins_previous
from tui.layout import layout_document, offset_at_cell, wrap, wraps_quickly

FAMILY = "\N{MAN}\u200d\N{WOMAN}\u200d\N{GIRL}\u200d\N{BOY}"
TEXTS = {
    "heart-emoji": "\N{HEAVY BLACK HEART}\ufe0f" * 30,
    "hearts-in-words": "I \N{HEAVY BLACK HEART}\ufe0f it " * 20,
    "cjk-and-accents": "中文" * 10 + "e\u0301" * 20 + "xyz",
    "decomposed-accents": "cafe\u0301" * 15,
    "flags": "\U0001f1e9\U0001f1ea\U0001f1ef\U0001f1f5" * 10,
    "family": ("ab" + FAMILY) * 6,
    "skin-tones": "\N{WAVING HAND SIGN}\U0001f3fd" * 12,
    "hindi-conjuncts": "क्रेटम" * 10,
    "thai-marks": "แต่ก็อาจทำให้เกิดการเสพติดได้เช่นกัน" * 3,
}


@pytest.mark.parametrize("width", [8, 9, 10, 11, 17])
@pytest.mark.parametrize("name", TEXTS)
def test_lines_fit_the_width_and_never_split_a_grapheme(name: str, width: int) -> None:
    """A paragraph of CJK characters (two cells) and as many accents (none) was measured as
    one cell a character and drawn twice as wide as the pane (Rich cropped the rest); a heart
    emoji was cut from its variation selector, a flag into its two letters."""
    text = TEXTS[name]
    lines = wrap(text, 0, len(text), width)
    shown = "".join(text[start:end] for start, end in lines)
    assert shown.replace(" ", "") == text.replace(" ", "")  # only spaces at breaks are left out
    for start, end in lines:
        assert cell_len(text[start:end]) <= width, text[start:end]
        assert not joins_previous(text, start), f"line starts inside a grapheme: {text[start:end]}"


@pytest.mark.parametrize(
    ("text", "index", "start", "end"),
    [
        ("cafe\u0301!", 4, 3, 5),
        (f"a{FAMILY}b", 3, 1, 1 + len(FAMILY)),
        ("\U0001f1e9\U0001f1ea\U0001f1ef\U0001f1f5", 1, 0, 2),
        ("\U0001f1e9\U0001f1ea\U0001f1ef\U0001f1f5", 3, 2, 4),
        ("xक्रे", 3, 1, 5),
        ("abc", 1, 1, 1),
    ],
)
def test_grapheme_bounds(text: str, index: int, start: int, end: int) -> None:
    assert grapheme_start(text, index) == start
    assert grapheme_end(text, index) == (end if end > index else index)


@pytest.mark.parametrize("name", TEXTS)
def test_the_cell_under_the_mouse_is_the_grapheme_drawn_there(name: str) -> None:
    # Each grapheme's cells, as Rich draws the line, map back to that grapheme's start.
    text = TEXTS[name]
    for start, end in wrap(text, 0, len(text), 11):
        index = start
        while index < end:
            after = grapheme_end(text, index + 1)
            first = cell_len(text[start:index])
            for column in range(first, first + cell_len(text[index:after])):
                assert offset_at_cell(text, start, end, column) == index, (name, column)
            index = after
        right_of_text = offset_at_cell(text, start, end, cell_len(text[start:end]) + 3)
        assert right_of_text == grapheme_start(text, end - 1)


@pytest.mark.parametrize(
    ("text", "quick"),
    [
        ("Kratom may lift mood, it’s said — or not…\n" * 4_000, True),  # 172,000 characters
        ("Kratom may lift mood, it’s said — or not…\n" * 6_000, False),  # past QUICK_WRAP
        ("研究表明，这种植物可能影响情绪。" * 1_000, True),  # 16,000 characters
        ("研究表明，这种植物可能影响情绪。" * 2_000, False),  # measured a grapheme at a time
        ("Kratom may lift mood. 🙂\n" * 2_000, False),  # one emoji makes it slow to measure
    ],
)
def test_a_document_slow_to_wrap_is_told_apart_from_a_quick_one(text: str, quick: bool) -> None:
    assert wraps_quickly(text) is quick


@pytest.mark.parametrize("width", [6, 9, 12])
def test_a_nested_list_item_never_runs_past_a_narrow_pane(width: int) -> None:
    """A list item's text was given at least eight columns after its indent, so a nested item
    in a pane of twelve drew sixteen cells and lost its ends to the pane's edge."""
    nested = "- top\n  - inner\n    - innermost item with several long words in it\n"
    document = document_from_bytes("list.md", nested.encode(), markdown=True)
    layout = layout_document(document, width)
    for line in range(len(layout)):
        block = layout.blocks[line]
        if block < 0:
            continue
        text = layout.display[layout.starts[line] : layout.ends[line]]
        indent = layout.indent(block)
        assert indent + cell_len(text) <= max(width, indent + 1), (indent, text)
