"""Pilot tests of re-wrapping: a width a document was wrapped to before costs nothing again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import SAMPLE_DIR
from pilot_helpers import wait_for

from tui.app import make_app
from tui.widgets.document_view import BACKGROUND_LAYOUT_CHARS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tui.widgets.document_view import DocumentView


def long_text() -> str:
    """The sample's paragraphs, repeated past the length wrapped in a thread."""
    paragraphs = [
        p.strip()
        for path in sorted(SAMPLE_DIR.glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) > 12
    ]
    text = ""
    while len(text) <= BACKGROUND_LAYOUT_CHARS:
        text += "\n\n".join(paragraphs) + "\n\n"
    return text


def wrapped_now(view: DocumentView) -> bool:
    return view._layout is not None and view._layout.width == view.text_width


async def test_resizing_back_shows_the_earlier_wrap_at_once_with_the_cursor_in_view(
    make_workspace: Callable[..., Path],
) -> None:
    """Made narrower and wide again, a long document is not wrapped a third time (in a thread
    that held the interpreter lock, stalling the screen): the wide wrap is kept."""
    root = make_workspace({"long.txt": long_text()})
    app = make_app(root, panes=1)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.panes[0].view
        await wait_for(pilot, lambda: view.document is not None and wrapped_now(view), timeout=30)
        wide = view._layout
        await pilot.press("G")
        await pilot.resize_terminal(90, 30)
        await wait_for(pilot, lambda: wrapped_now(view) and view._layout is not wide, timeout=30)
        await pilot.resize_terminal(120, 30)
        await wait_for(pilot, lambda: wrapped_now(view), timeout=30)
        assert view._layout is wide, "the wrap at this width was kept, not made again"
        await wait_for(pilot, lambda: view.cursor_row() is not None)
        assert view.document is not None
        assert view.cursor == len(view.document.sentences) - 1
