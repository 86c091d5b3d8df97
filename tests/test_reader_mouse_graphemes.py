"""The mouse on text of wide and joined characters: a drag starts and ends on the character drawn
under the pointer, however many cells the characters before it take (a family emoji is five code
points in two cells, a flag two in two, a CJK character one in two, an accent none)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_mouse import drag

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


FAMILY = "\N{MAN}\u200d\N{WOMAN}\u200d\N{GIRL}"
FLAG = "\U0001f1eb\U0001f1f7"
LINE = f"Family {FAMILY} and flag {FLAG} then 中文 wide cafe\u0301 words end here."
TEXT = f"{LINE} A second sentence follows.\n"


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("and", "flag"),  # after the family emoji
        ("then", "中文"),  # after the flag
        ("wide", "cafe\u0301"),  # after two CJK characters
        ("words", "end"),  # after an accent of its own
    ],
)
async def test_a_drag_after_wide_and_joined_characters_selects_the_words_under_it(
    make_workspace: Callable[..., Path], first: str, last: str
) -> None:
    app = make_app(make_workspace({"joined.txt": TEXT}), panes=1)
    async with app.run_test(size=(100, 20)) as pilot:
        assert isinstance(app, SynopticApp)
        view = app.active_pane.view
        await wait_for(pilot, lambda: view._layout is not None and view.document is not None)
        start, end = TEXT.index(first), TEXT.index(last)
        await drag(pilot, view, start, end)
        assert view.selected_span() == (start, end + len(last))
