"""Pilot tests of re-wrapping: a width a document was wrapped to before costs nothing again."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_DIR
from pilot_helpers import wait_for

from tui.app import make_app
from tui.layout import QUICK_WRAP
from tui.widgets import document_wrapping
from tui.widgets.layout_cache import wrapped

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from corpus.model import Document
    from tui.layout import DocumentLayout
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
    while len(text) <= QUICK_WRAP:
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


async def test_a_document_slow_to_measure_is_wrapped_off_the_event_loop(
    make_workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under 400,000 characters every document was wrapped on the loop: 350,000 characters of
    Chinese, measured a grapheme at a time, froze the screen for 250-400 ms. It is wrapped in
    a thread now, and shows up with the cursor where the keys pressed meanwhile put it."""
    chinese = "研究表明，这种植物可能影响情绪。它的效果仍有争议。" * 8 + "\n\n"
    root = make_workspace({"a.txt": "Kratom may lift mood.\n", "b.txt": chinese * 300})
    on_the_loop: list[str] = []

    def watched(document: Document, width: int) -> DocumentLayout:
        if threading.current_thread() is threading.main_thread():
            on_the_loop.append(document.id)
        return wrapped(document, width)

    monkeypatch.setattr(document_wrapping, "wrapped", watched)
    app = make_app(root, panes=1)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.panes[0].view
        await wait_for(pilot, lambda: view.document is not None and wrapped_now(view), timeout=30)
        await pilot.press("right_square_bracket", "j", "j")
        await wait_for(pilot, lambda: view.document is not None and view.document.id == "b.txt")
        await wait_for(pilot, lambda: wrapped_now(view), timeout=30)
        await wait_for(pilot, lambda: view.cursor_row() is not None)
        assert on_the_loop == ["a.txt"], "the long document was wrapped in a thread"
        assert view.cursor == 2, "the keys pressed while it was wrapped moved the cursor"
        assert view.cursor_row() == 0 and view.scroll_y == 0
