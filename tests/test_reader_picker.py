"""The document picker (``d``) on a wide screen: one line a document, its length whole at the
line's right end (how it lays out at 40 columns is test_reader_narrow_dialogs)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from test_reader_narrow_dialogs import list_rows, opened, screen_lines
from textual.widgets import OptionList

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

TITLE = (
    "It was downloaded from the upstream project's release page, and the packaging of the "
    "icon theme follows what the maintainers publish"
)
"""A long first line, as a copyright file's is: the title the picker shows."""


@pytest.mark.parametrize("size", [(160, 40), (120, 40)])
async def test_a_long_title_leaves_the_word_count_whole_on_its_line(
    make_workspace: Callable[[dict[str, str]], Path], size: tuple[int, int]
) -> None:
    """At 160 columns a long title pushed "15,753 words" past the line's end, and "words"
    wrapped alone onto the next line, where it read as part of the next entry."""
    body = "Icons are drawn on a grid of sixteen pixels. " * 1_750
    root = make_workspace(
        {
            "adwaita-icon-theme-extras.txt": f"{TITLE}\n\n{body}\n",
            "b.txt": f"{TITLE} again\n\nShort.\n",
            "c.txt": "Short title\n\nA few words here.\n",
        }
    )
    app = make_app(root, panes=1)
    async with app.run_test(size=size) as pilot:
        await opened(pilot, "d", "DocumentPicker")
        rows = [row for row in list_rows(app) if row]
        assert len(rows) == 3, rows  # one line a document
        for number, row in enumerate(rows, start=1):
            assert row.startswith(f"{number}  "), rows
            assert re.search(r"\b\d[\d,]* words$", row), rows
        assert re.search(r"\b15,\d{3} words$", rows[0]), rows
        assert "adwaita-icon-theme-extras.txt  It was downloaded" in rows[0], "the title stays"
        ends = {len(line.rstrip()) for line in drawn_rows(app) if line.strip()}
        assert len(ends) == 1, "the lengths end in one column, where the eye finds them"


def drawn_rows(app: SynopticApp) -> list[str]:
    """The rows of the picker's list as drawn, unstripped."""
    listed = app.screen.query_one(OptionList)
    region = listed.content_region.intersection(listed.parent.content_region)  # type: ignore[union-attr]
    lines = screen_lines(app)
    return [lines[y][region.x : region.right] for y in range(region.y, region.bottom)]
