"""On a terminal of 16 colours every mark of the reader stands apart from every other.

The cursor, the passage matched in another pane, a search hit, the selection and an annotated
span, alone and laid over one another, on plain text and on a claim of each kind and
certainty: each combination must look different from every other, as the terminal draws it
(each colour rounded to the 16-colour palette, reversed text as the colours it swaps), or carry
a cue without colour (bold, underline, italic, the margin's bar or star). Read from the
segments the document view really draws, in every built-in theme, focused and not.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich._palettes import STANDARD_PALETTE
from rich.color import ColorSystem
from rich.style import Style
from test_reader_colour_cues import SIZE
from test_reader_contrast import contrast
from textual.color import Color

from tui.app import make_app
from tui.widgets.document_view import GUTTER

if TYPE_CHECKING:
    from pathlib import Path

    from corpus.model import Document
    from tui.widgets.document_view import DocumentView

SYSTEM = ColorSystem.STANDARD

Cell = tuple[object, ...]
"""How one cell looks on the terminal: its colours as drawn, bold, underline, italic."""

MARKS = ("cursor", "passage", "note", "selection", "hit")
"""What may lie on a word; a search hit is always in the cursor's sentence (any move drops it)."""


def drawn(style: Style | None) -> Cell:
    """A cell as the terminal shows it: the palette numbers of its text and background
    (swapped when reversed, which is what reversing draws), then its non-colour cues."""
    style = style or Style()
    fore, back = (
        ("default", slot)
        if colour is None or colour.is_default
        else colour.downgrade(SYSTEM).number
        for slot, colour in (("text", style.color), ("page", style.bgcolor))
    )
    if style.reverse:
        fore, back = back, fore
    return fore, back, bool(style.bold), bool(style.underline), bool(style.italic)


def looks(view: DocumentView, span: tuple[int, int]) -> tuple[object, ...]:
    """The cells of the visible, non-blank text of ``span`` (document offsets; the sample has
    no list item, so no prefix) and the margin mark of each of their lines."""
    layout = view._layout
    assert layout is not None
    top = round(view.scroll_y)
    found: list[object] = []
    for y in range(view.scrollable_content_region.height):
        line = top + y
        if line >= len(layout) or not (
            layout.starts[line] < span[1] and span[0] < layout.ends[line]
        ):
            continue
        offset = layout.starts[line] - GUTTER
        column = 0
        for segment in view.render_line(y):
            for char in segment.text:
                if column == 1:
                    found.append(("margin", char, drawn(segment.style)))
                inside = span[0] <= offset < span[1] and offset >= layout.starts[line]
                if inside and char.strip():
                    found.append(drawn(segment.style))
                offset += 1
                column += 1
    return tuple(found)


def word_in(document: Document, sentence: int) -> tuple[int, int]:
    """A word in the middle of ``sentence``: where a hit or a selection is laid."""
    found = document.sentences[sentence]
    text = document.text
    middle = (found.start + found.end) // 2
    start = text.rfind(" ", found.start, middle) + 1 or found.start
    end = text.find(" ", middle, found.end)
    return start, end if end != -1 else found.end


def combinations() -> list[frozenset[str]]:
    """Every set of marks that can lie on a word together."""
    every = [
        frozenset(chosen)
        for count in range(len(MARKS) + 1)
        for chosen in itertools.combinations(MARKS, count)
    ]
    return [marks for marks in every if "hit" not in marks or "cursor" in marks]


def show(view: DocumentView, sentence: int, marks: frozenset[str]) -> None:
    """Lay ``marks`` on ``sentence`` (the hit and the selection on its middle word)."""
    assert view.document is not None
    span = view.document.sentences[sentence]
    whole = (span.start, span.end)
    word = word_in(view.document, sentence)
    # the selection from the sentence's start to the word after the hit: the hit inside it
    after = view.document.text.find(" ", word[1] + 1, span.end)
    chosen = (span.start, after if after != -1 else span.end)
    view.cursor = sentence
    view.cursor_hidden = "cursor" not in marks
    view.passage = whole if "passage" in marks else None
    view.note_spans = [whole] if "note" in marks else []
    view.selection = chosen if "selection" in marks else None
    view.match = word if "hit" in marks else None
    view._invalidate()


def sentences_of_each_look(view: DocumentView) -> dict[str, int]:
    """A plain sentence and one claim of each kind and certainty among the visible ones."""
    assert view.document is not None and view.marks is not None and view._layout is not None
    found: dict[str, int] = {}
    for index, sentence in enumerate(view.document.sentences):
        if view._layout.line_of_offset(sentence.end) >= view.scrollable_content_region.height:
            break
        claim = view.marks.shown(index)
        if claim is None:
            found.setdefault("plain", index)
        else:
            certainty = claim.certainty.value if claim.certainty else "-"
            unsourced = ", unsourced" if claim.unsourced else ""
            found.setdefault(f"{claim.kind}, {certainty}{unsourced}", index)
    return found


def unreadable(cells: tuple[object, ...], needed: float) -> list[str]:
    """Cells whose text has less contrast with its background than ``needed`` on the palette
    Rich rounds to (an ANSI theme's default colours are the terminal's: not measured), or none
    at all, in any theme."""
    found = []
    for cell in cells:
        fore, back = cell[:2]
        if fore == back:
            found.append(f"text and background both {fore}")
        elif isinstance(fore, int) and isinstance(back, int):
            ratio = contrast(Color(*STANDARD_PALETTE[fore]), Color(*STANDARD_PALETTE[back]))
            if ratio < needed - 0.01:
                found.append(f"{fore} on {back} is {ratio:.2f}, plain text {needed:.2f}")
    return found


async def test_every_mark_and_every_kind_stands_apart_on_sixteen_colours(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each mark alone and laid over others, on a plain sentence and on claims, in every
    built-in theme: in nord a search hit inside the selection looked like more of the selection
    (both bold and underlined on the same grey), and tints rounded to light grey under white
    text (2.3:1) or to cyan under grey (1.2:1 in atom-one-dark)."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM")
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        assert app.console.color_system == "standard"
        await wait_for(pilot, lambda: app.claims_finished_at is not None)
        await wait_for(pilot, lambda: all(pane.view.marks is not None for pane in app.panes))
        view = app.panes[0].view
        assert view.document is not None
        problems: list[str] = []
        for focused in (True, False):
            if not focused:
                await pilot.press("tab")
                await wait_for(pilot, lambda: not view.has_focus)
            for theme in sorted(app.available_themes):
                app.theme = theme
                await pilot.pause()
                state = f"{theme}, {'focused' if focused else 'unfocused'}"
                unmarked: dict[str, set[object]] = {}
                for name, sentence in sentences_of_each_look(view).items():
                    found = view.document.sentences[sentence]
                    seen: dict[tuple[object, ...], frozenset[str]] = {}
                    needed = 1.0
                    for marks in combinations():
                        show(view, sentence, marks)
                        drawn_here = looks(view, (found.start, found.end))
                        text = [cell for cell in drawn_here if cell[0] != "margin"]
                        if not marks:
                            unmarked[name] = set(text)
                            fore, back = text[0][:2]
                            if name == "plain" and isinstance(fore, int) and isinstance(back, int):
                                page = Color(*STANDARD_PALETTE[back])
                                needed = min(4.5, contrast(Color(*STANDARD_PALETTE[fore]), page))
                        if drawn_here in seen:
                            problems.append(
                                f"{state}, {name}: {sorted(seen[drawn_here])} looks like "
                                f"{sorted(marks)}"
                            )
                        seen.setdefault(drawn_here, marks)
                        for problem in set(unreadable(tuple(text), needed)):
                            problems.append(f"{state}, {name}, {sorted(marks)}: {problem}")
                for one, other in itertools.combinations(sorted(unmarked), 2):
                    if unmarked[one] == unmarked[other]:
                        problems.append(f"{state}: a {one} sentence looks like a {other} one")
        assert not problems, "\n".join(problems)


async def test_a_search_hit_inside_the_selection_shows_without_colour(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NO_COLOR (as on 16 colours) a hit and a selection were both bold and underlined,
    so a hit inside the selection could not be found: now the hit is underlined only."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.active_pane.view.document is not None)
        view = app.active_pane.view
        await pilot.press("slash", *"pivotal for mood", "enter")
        await wait_for(pilot, lambda: view.match is not None and view.has_focus)
        await pilot.press("shift+right")  # the cursor's sentence and a word more, the hit inside
        assert view.match is not None and view.selection is not None
        hit, chosen = view.match, view.selection
        assert chosen[0] < hit[0] and hit[1] < chosen[1]

        def cues(span: tuple[int, int]) -> set[object]:
            return {cell[2:] for cell in looks(view, span) if cell[0] != "margin"}

        around = cues((chosen[0], hit[0])) | cues((hit[1], chosen[1]))
        assert cues(hit).isdisjoint(around), (cues(hit), around)
