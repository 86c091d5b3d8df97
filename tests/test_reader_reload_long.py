"""A document long enough to be wrapped in a thread keeps the cursor's row of the screen when
it changes on disk, as a short one does (``test_reader_reload.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_reload import ADDED_ON_TOP, SIZE, cursor_text, down_to, focus_back, started

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from tui.app import make_app
from tui.layout import wraps_quickly

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

LONG = "long.txt"
CURSOR_ON = "Paragraph 30 says that study 30 found a calmer mood in 30 of its users."


def long_text() -> str:
    """3,000 paragraphs: over what the event loop wraps itself."""
    lines = ["Kratom and mood", ""]
    for number in range(1, 3001):
        lines.append(
            f"Paragraph {number} says that study {number} found a calmer mood in {number} of "
            f"its users. The authors of report {number} call for a larger trial."
        )
    return "\n".join(lines) + "\n"


async def test_a_long_document_changed_on_disk_keeps_the_cursor_on_its_row(
    make_workspace: Callable[..., Path],
) -> None:
    text = long_text()
    assert not wraps_quickly(text), "the test wants a document wrapped in a thread"
    root = make_workspace({LONG: text, "other.txt": "Other\n\nKratom is risky, it says.\n"})
    target = Target.from_span(LONG, text, 0, 15)
    AnnotationStore(root, "Ann").add(Annotation.create("Ann", target, "The title."))
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        view = pane.view
        await wait_for(pilot, lambda: view.cursor_row() is not None)
        await down_to(pilot, pane, CURSOR_ON)
        await pilot.press(*"j" * 12, *"k" * 12)  # up from the bottom: the cursor mid-screen
        row = view.cursor_row()
        assert row is not None and 3 < row < SIZE[1] - 10 and view.scroll_y > 0

        (root / LONG).write_text(ADDED_ON_TOP + text, encoding="utf-8")
        focus_back(app)
        await wait_for(
            pilot, lambda: view.document is not None and view.document.text.startswith(ADDED_ON_TOP)
        )
        await wait_for(pilot, lambda: view.cursor_row() is not None)
        await pilot.pause(0.2)
        assert cursor_text(pane) == CURSOR_ON
        assert view.cursor_row() == row, "on the same row of the screen"
