"""Reading Markdown's inline markup by offset, for the view to draw it quietly."""

from __future__ import annotations

import pytest

from corpus.inline_markup import Markup, markup_spans

M, LINK, EM, STRONG = Markup.MARKER, Markup.LINK, Markup.EMPHASIS, Markup.STRONG


def spans(text: str) -> list[tuple[str, Markup]]:
    return [(text[s:e], kind) for s, e, kind in sorted(markup_spans(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "see [the *survey*](https://a.org/x_y_z) now",
            [("[", M), ("the *survey*", LINK), ("*", M), ("survey", EM), ("*", M),
             ("](https://a.org/x_y_z)", M)],
        ),
        ("`a*b*c` and **bold**", [("`", M), ("`", M), ("**", M), ("bold", STRONG), ("**", M)]),
        ("***both***", [("***", M), ("both", EM), ("both", STRONG), ("***", M)]),
        ("![logo](logo.png)", [("![", M), ("](logo.png)", M)]),
        ("[text][ref] and [^2]", [("[", M), ("text", LINK), ("][ref]", M), ("[^2]", M)]),
        ("<https://a.org>", [("<", M), ("https://a.org", LINK), (">", M)]),
        ("snake_case_name and 2 * 3 * 4 and \\*not\\* [sic]", []),
        ("_one_ and __two__", [("_", M), ("one", EM), ("_", M), ("__", M), ("two", STRONG),
                               ("__", M)]),
    ],
)  # fmt: skip
def test_markup_is_found_where_it_is_written(text: str, expected: list[object]) -> None:
    assert spans(text) == expected


def test_offsets_are_the_document_s() -> None:
    text = "# Title\n\nA *word* here.\n"
    start = text.index("A *")
    assert [(s, e, k) for s, e, k in sorted(markup_spans(text, start, len(text) - 1))] == [
        (start + 2, start + 3, M),
        (start + 3, start + 7, EM),
        (start + 7, start + 8, M),
    ]


def test_an_unclosed_marker_is_text_and_is_looked_for_nearby_only() -> None:
    """Every unclosed "*" was looked for to the end of its paragraph: a paragraph of 30,000
    took 46 seconds to draw."""
    assert markup_spans("*a " * 30_000) == []
