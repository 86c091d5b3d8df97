"""A Markdown document in the reader: its numbered lists and its inline markup as drawn.

Nothing of the file is hidden or changed: the numbers stand where the markers were left out of
the blocks, and markup is only drawn quietly (dim markers, underlined link text, italic and
bold emphasis), styles that show with NO_COLOR and on a 16-colour terminal as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich.style import Style

from tui.app import SynopticApp, make_app
from tui.widgets.document_view import GUTTER

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.widgets.document_view import DocumentView

SIZE = (100, 40)
STEPS = "# Steps\n\n3. Third step.\n4. Fourth step.\n\nAll ten:\n\n" + "".join(
    f"{n}. Item number {n} of the list.\n" for n in range(1, 11)
)
LINKS = (
    "# Reading\n\n"
    "The author *once* visited a market, [a 2021 visit](https://example.org/s), and "
    "**two shops** that sold `capsules`[^1].\n\n"
    "```\ncode *stays* [as](written)\n```\n\n"
    "| Effect | Dose |\n|--------|------|\n| *mood* | 2 g  |\n\n"
    "Rich [bold]markup[/bold] stays as written.\n\n"
    "[^1]: A footnote.\n"
)
QUIET = ("dim", "underline", "italic", "bold")


def rows(view: DocumentView) -> list[str]:
    """The view's visible rows as drawn, margin included."""
    return ["".join(s.text for s in view.render_line(y)) for y in range(view.size.height)]


def cues(view: DocumentView, y: int) -> list[tuple[str, tuple[str, ...]]]:
    """Row ``y``'s text pieces with the text styles (not colours) they are drawn in."""
    found = []
    for segment in view.render_line(y):
        style = segment.style or Style()
        on = tuple(name for name in QUIET if getattr(style, name))
        if segment.text.strip():
            found.append((segment.text, on))
    return found


async def opened(pilot: Pilot[None], doc_id: str) -> DocumentView:
    """The first pane's view showing ``doc_id``, wrapped."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    view = app.panes[0].view
    await wait_for(pilot, lambda: view._layout is not None, timeout=30)
    view.show_document(app.workspace.load(doc_id))
    await wait_for(pilot, lambda: view._layout is not None)
    return view


async def test_numbered_lists_are_drawn_with_their_numbers_and_clicks_land_on_the_text(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"steps.md": STEPS})
    app = make_app(root, panes=1)
    async with app.run_test(size=SIZE) as pilot:
        view = await opened(pilot, "steps.md")
        shown = [row[GUTTER:].rstrip() for row in rows(view)]
        assert "3. Third step." in shown and "4. Fourth step." in shown
        assert " 9. Item number 9 of the list." in shown
        assert "10. Item number 10 of the list." in shown
        assert not any("\N{BULLET}" in row for row in shown)
        # a click on the first letter of the tenth item's text, after its four-cell number
        y = shown.index("10. Item number 10 of the list.")
        assert view.offset_at(GUTTER + 4, y) == STEPS.index("Item number 10")
        assert view.offset_at(GUTTER + 3, shown.index("3. Third step.")) == STEPS.index("Third")
        left, top = view.content_region.x - view.region.x, view.content_region.y - view.region.y
        await pilot.click(view, offset=(left + GUTTER + 4, top + y))
        document = view.document
        assert document is not None
        assert document.sentence_text(view.cursor) == "Item number 10 of the list."


@pytest.mark.parametrize("terminal", ["truecolor", "no-color", "sixteen-colours"])
async def test_inline_markup_is_drawn_quietly_and_nothing_is_hidden(
    terminal: str, make_workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    if terminal == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    elif terminal == "sixteen-colours":
        monkeypatch.setenv("TERM", "xterm")
        monkeypatch.delenv("COLORTERM")
    root = make_workspace({"links.md": LINKS, "links.txt": LINKS})
    app = make_app(root, panes=1)
    async with app.run_test(size=SIZE) as pilot:
        view = await opened(pilot, "links.md")
        await wait_for(pilot, lambda: app.claims_finished_at is not None, timeout=30)
        view.cursor = 0  # on the heading, away from the paragraph
        await pilot.pause()
        shown = rows(view)
        y = next(i for i, row in enumerate(shown) if "The author" in row)
        # every character of the file is on screen as written
        paragraph = LINKS.split("\n\n")[1]
        assert "".join(row[GUTTER:].rstrip() + " " for row in shown[y : y + 2]).strip() == (
            paragraph
        )
        drawn = [piece for row in (y, y + 1) for piece in cues(view, row)]
        assert ("*", ("dim",)) in drawn
        assert ("once", ("italic",)) in drawn
        assert ("a 2021 visit", ("underline",)) in drawn
        assert ("](https://example.org/s)", ("dim",)) in drawn
        assert ("**", ("dim",)) in drawn
        assert " ".join(text for text, on in drawn if on == ("bold",)) == "two shops"
        assert ("`", ("dim",)) in drawn and ("capsules", ()) in drawn
        assert ("[^1]", ("dim",)) in drawn

        # code and Rich markup are drawn as written, with no markup cue
        for text in ("code *stays*", "Rich [bold]markup[/bold]"):
            row = next(i for i, r in enumerate(shown) if text in r)
            assert [on for _, on in cues(view, row) if on] == [], text
        # a table's cells are drawn as written too, their markup quietly, as a paragraph's
        row = next(i for i, r in enumerate(shown) if "| *mood* | 2 g  |" in r)
        assert [piece for piece in cues(view, row) if piece[1]] == [
            ("*", ("dim",)),
            ("mood", ("italic",)),
            ("*", ("dim",)),
        ]

        # plain text has no inline markup: its asterisks are the author's own
        view = await opened(pilot, "links.txt")
        view.cursor = 0
        await pilot.pause()
        shown = rows(view)
        y = next(i for i, row in enumerate(shown) if "The author" in row)
        assert [on for _, on in cues(view, y) if on] == []


async def test_a_table_that_fits_is_drawn_row_for_row_as_written(
    make_workspace: Callable[..., Path],
) -> None:
    table = (
        "| Study | Participants | Outcome |\n"
        "|-------|-------------:|---------|\n"
        "| Smith et al. 2020 | 120 | mood improved in most |\n"
        "| Lee 2019 | 45 | no change |\n"
    )
    root = make_workspace({"table.md": "# Table\n\n" + table})
    app = make_app(root, panes=2)
    async with app.run_test(size=(160, 40)) as pilot:
        view = await opened(pilot, "table.md")
        shown = [row[GUTTER:].rstrip() for row in rows(view)]
        first = shown.index(table.splitlines()[0])
        assert shown[first : first + 4] == table.splitlines()
