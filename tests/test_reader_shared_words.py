"""The words a sentence shares with its match stand out in the focused cursor on an unsourced
claim, at every colour depth and with NO_COLOR.

The cursor there is bold, the claim underlined for want of a source, and a shared word is bold
and underlined (and reversed, as the cursor is, on 16 colours and with NO_COLOR): the shared
words looked like the rest of the sentence. This is the sentence follow mode always matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich.color import ColorSystem
from test_reader_sixteen_colours import line_filters, looks

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.filter import LineFilter

    from tui.widgets.document_view import DocumentView

CLAIM = "Studies show that kratom relieves depression and anxiety in adults."
"""An efficacy claim that appeals to studies without naming one: unsourced."""
OTHER = "Kratom relieves depression in adults, according to a 2020 survey of 2,798 users."

TERMINALS = {
    "truecolor": ("xterm-256color", "truecolor", None, False),
    "256 colours": ("xterm-256color", None, ColorSystem.EIGHT_BIT, False),
    "16 colours": ("xterm", None, ColorSystem.STANDARD, False),
    "NO_COLOR": ("xterm-256color", "truecolor", None, True),
    "NO_COLOR, 16 colours": ("xterm", None, ColorSystem.STANDARD, True),
}
"""TERM, COLORTERM, the colour system the cells are rounded to, NO_COLOR."""


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord"])
async def test_shared_words_stand_out_in_the_cursor_on_an_unsourced_claim(
    make_workspace: Callable[[dict[str, str]], Path],
    monkeypatch: pytest.MonkeyPatch,
    terminal: str,
    theme: str,
) -> None:
    term, colorterm, system, no_color = TERMINALS[terminal]
    monkeypatch.setenv("TERM", term)
    if colorterm is None:
        monkeypatch.delenv("COLORTERM", raising=False)
    else:
        monkeypatch.setenv("COLORTERM", colorterm)
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    root = make_workspace({"a.txt": f"{CLAIM}\n", "b.txt": f"{OTHER}\n"})
    app = make_app(root, panes=2)
    async with app.run_test(size=(120, 30)) as pilot:
        assert isinstance(app, SynopticApp)
        app.theme = theme
        view = app.panes[0].view
        await wait_for(pilot, lambda: view.marks is not None and app.parallel.index is not None)
        assert view.marks is not None
        claim = view.marks.shown(0)
        assert claim is not None and claim.unsourced, "the sentence is an unsourced claim"
        await pilot.press("m")
        await wait_for(pilot, lambda: app.parallel.result is not None and bool(view.terms))
        assert view.has_focus and not view.cursor_hidden
        filters = line_filters(app)
        shared = set()
        for start, end in view.terms:
            shared |= set(text_cells(view, (start, end), system, filters))
        assert view.document is not None
        text = view.document.text
        plain = set()
        offset = 0
        for word in CLAIM.split():
            start = text.index(word, offset)
            offset = start + len(word)
            if not any(s < offset and start < e for s, e in view.terms):
                plain |= set(text_cells(view, (start, offset), system, filters))
        assert shared and plain
        assert shared.isdisjoint(plain), f"shared {shared} look like the rest {plain}"
        # in the same two colours as the words around them, so they read as well as those do
        around = {frozenset(cell[:2]) for cell in plain}
        assert all(frozenset(cell[:2]) in around for cell in shared), (shared, plain)


def text_cells(
    view: DocumentView,
    span: tuple[int, int],
    system: ColorSystem | None,
    filters: list[LineFilter],
) -> list[tuple[object, ...]]:
    """How the text of ``span`` looks on the terminal (colours, bold, underline, italic), its
    margin left out."""
    found = looks(view, span, system, filters)
    return [cell for cell in found if isinstance(cell, tuple) and cell[0] != "margin"]
