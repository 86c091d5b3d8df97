"""The notes list's filters give the keyboard back: Enter or ``↓`` go to the list, Esc too.

A fact-checker typed words in the filter, pressed Enter or ``↓`` to reach the notes found, and
nothing happened: the list was eight Tabs away; Esc closed the whole list instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    SECOND_DOC,
    list_rows,
    seed,
    sentence_target,
    started,
    type_text,
)
from textual.widgets import Input, Select

from annotations.labels import Verdict
from tui.app import make_app
from tui.screens.notes_list import NotesListScreen
from tui.screens.notes_table import NotesTable

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.model import Annotation
    from tui.app import SynopticApp


def three_notes(ws: Path) -> tuple[Annotation, Annotation, Annotation]:
    """Two notes about withdrawal around one that is not, in reading order."""
    first = seed(ws, "Ann", sentence_target(ws, FIRST_DOC, 1), "Withdrawal is not mentioned")
    middle = seed(ws, "Bea", sentence_target(ws, FIRST_DOC, 3), "Dose advice is vague")
    last = seed(
        ws,
        "Bea",
        sentence_target(ws, SECOND_DOC, 2),
        "Same withdrawal claim",
        verdict=Verdict.SUPPORTED,
    )
    return first, middle, last


def highlighted(app: SynopticApp) -> str:
    table = app.screen.query_one(NotesTable)
    return list_rows(app)[table.cursor_row]


@pytest.mark.parametrize("key", ["enter", "down"])
async def test_enter_or_down_in_the_words_filter_goes_to_the_first_note_found(
    sample_workspace: Path, key: str
) -> None:
    first, _middle, last = three_notes(sample_workspace)
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        screen = app.screen
        table = screen.query_one(NotesTable)
        await pilot.press("down", "down")
        assert highlighted(app) == last.id
        await pilot.press("slash")
        words = screen.query_one("#words", Input)
        assert app.focused is words
        await type_text(pilot, "withdrawal")
        assert list_rows(app) == [first.id, last.id]
        assert highlighted(app) == last.id  # kept while typing
        await pilot.press(key)
        assert app.focused is table
        assert highlighted(app) == first.id  # the first note found, not the one kept
        assert words.value == "withdrawal"  # what was typed still filters the list
        await pilot.press("enter")  # and Enter there goes to it, as from any row
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesListScreen))
        assert app.active_pane.doc_id == FIRST_DOC
        span = app.active_pane.view.selected_span()
        assert span == (first.target.start, first.target.end)


async def test_down_in_another_filter_goes_to_the_list_and_letters_still_only_type(
    sample_workspace: Path,
) -> None:
    _first, middle, last = three_notes(sample_workspace)
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        screen = app.screen
        author = screen.query_one("#author", Input)
        await pilot.click(author)
        # the list's own keys (q, R, /, l) and the reader's are letters to type here
        await type_text(pilot, "q R/lj")
        assert author.value == "q R/lj"
        assert app.screen is screen and app.focused is author
        await pilot.press("ctrl+u")
        await type_text(pilot, "bea")
        assert list_rows(app) == [middle.id, last.id]
        await pilot.press("down")
        assert app.focused is screen.query_one(NotesTable)
        assert highlighted(app) == middle.id


async def test_esc_in_a_filter_clears_it_and_goes_back_to_the_list_esc_there_closes(
    sample_workspace: Path,
) -> None:
    first, middle, last = three_notes(sample_workspace)
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        screen = app.screen
        table = screen.query_one(NotesTable)
        await pilot.press("slash")
        await type_text(pilot, "withdrawal")
        await pilot.press("down")  # on the first note found...
        await pilot.press("down")  # ...then the next one
        assert highlighted(app) == last.id
        await pilot.press("slash")
        await type_text(pilot, " same")
        assert list_rows(app) == [last.id]
        await pilot.press("escape")
        # as in the synopsis's filter: cleared, back on the list, the note still highlighted
        assert app.screen is screen
        assert app.focused is table
        assert screen.query_one("#words", Input).value == ""
        assert list_rows(app) == [first.id, middle.id, last.id]
        assert highlighted(app) == last.id

        # a choice (Tab from the last text box) keeps what it shows: Esc only leaves it
        await pilot.click(screen.query_one("#doc", Input))
        await pilot.press("tab")
        verdict = screen.query_one("#verdict", Select)
        assert app.focused is verdict
        await pilot.press("escape")
        assert app.screen is screen and app.focused is table

        await pilot.press("escape")  # from the list, Esc closes it, as before
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesListScreen))
        assert app.is_running
