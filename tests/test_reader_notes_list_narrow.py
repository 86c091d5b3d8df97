"""The notes list at 60 and 80 columns: what each note says is on screen.

A fact-checker in a narrow terminal saw the time, document, anchor and author of each note,
and had to scroll sideways to read the note itself: the Note column began past the edge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    SECOND_DOC,
    choose,
    list_rows,
    screen_text,
    seed,
    sentence_target,
    started,
)
from test_reader_notes_list import row_text
from textual.widgets import Select, Static

from annotations.labels import Verdict
from tui.app import make_app
from tui.screens.notes_list import NotesListScreen
from tui.screens.notes_rows import KEYS, NOTE_MIN, SCROLLBAR, arrangement
from tui.screens.notes_table import NotesTable

if TYPE_CHECKING:
    from pathlib import Path

    from tui.app import SynopticApp

NOTES = (
    ("Bea", FIRST_DOC, 1, "Withdrawal risk not mentioned here", ("pharmacology",), "misleading"),
    ("Ann", FIRST_DOC, 4, "Legal status claim is vague", ("legal",), "needs-evidence"),
    ("Carl", SECOND_DOC, 2, "Which agencies? Same claim as in 001", (), None),
)


def details(app: SynopticApp) -> str:
    """The line under the table, as drawn."""
    line = app.screen.query_one("#details", Static)
    return screen_text(app).splitlines()[line.region.y]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (160, 45)])
async def test_each_note_s_text_is_on_screen_and_the_rest_is_said_under_the_list(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    ws = sample_workspace
    notes = [
        seed(
            ws,
            author,
            sentence_target(ws, doc, index),
            text,
            tags=tags,
            verdict=Verdict(verdict) if verdict else None,
        )
        for author, doc, index, text, tags, verdict in NOTES
    ]
    app = make_app(ws, panes=2, author="Ann")
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        await pilot.pause()
        assert list_rows(app) == [note.id for note in notes]
        header = row_text(app, 0)
        assert " Note " in header and " Document " in header, header
        for row, note in enumerate(notes, start=1):
            # at least its first words, whole, however narrow the terminal
            assert note.note[:24] in row_text(app, row), (row, row_text(app, row))
        # what the row holds past the screen's edge is said for the highlighted note, under
        # the list: the author and the tags when their columns come after the note, the quote
        # (the last column) as far as the line goes
        table = app.screen.query_one(NotesTable)
        quote = "Quote: \N{LEFT DOUBLE QUOTATION MARK}"
        if size[0] <= 80:
            assert "Tags: #pharmacology" in details(app)
            assert "Author: Bea" in details(app) or " Author " in row_text(app, 0)
        else:
            assert "Tags: #pharmacology" in details(app)
            assert quote + notes[0].target.quote[:10] in details(app)
        await pilot.press("down")
        assert table.cursor_row == 1
        assert "Tags: #legal" in details(app)
        if size[0] > 80:
            assert "needs evidence" in row_text(app, 2)  # the verdict before the note
            assert quote + notes[1].target.quote[:10] in details(app)

        # ordered by time, the time comes before the note: the rows are placed by it
        await choose(pilot, app.screen.query_one("#order", Select), "newest")
        await pilot.pause()
        header = row_text(app, 0)
        assert header.index(" Time ") < header.index(" Note "), header
        assert list_rows(app)[0] == notes[-1].id
        assert notes[-1].note[:24] in row_text(app, 1)


async def test_the_columns_follow_the_terminal_s_width(sample_workspace: Path) -> None:
    """Widened, the columns left out before the note come back before it; narrowed, they go
    after it again."""
    ws = sample_workspace
    seed(ws, "Bea", sentence_target(ws, FIRST_DOC, 1), "Withdrawal risk not mentioned here")
    app = make_app(ws, panes=2, author="Ann")
    async with app.run_test(size=(60, 20)) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        header = row_text(app, 0)
        assert " Time " not in header and " Note " in header, header
        await pilot.resize_terminal(140, 30)
        await wait_for(pilot, lambda: " Time " in row_text(app, 0))
        header = row_text(app, 0)
        assert header.index(" Time ") < header.index(" Note "), header
        assert "Withdrawal risk not mentioned here" in row_text(app, 1)
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, lambda: " Time " not in row_text(app, 0))
        assert "Withdrawal risk not ment" in row_text(app, 1)


WIDTHS = {"new": 5, "time": 18, "document": 16, "anchor": 10, "author": 8, "verdict": 16}
"""The sample's columns: ids shortened to 14 cells, short names, "needs evidence"."""


@pytest.mark.parametrize(
    ("width", "by_time", "before"),
    [
        (60, False, ("new", "document", "author")),
        (80, False, ("new", "document", "author", "verdict")),
        (80, True, ("new", "time", "document", "author")),
        (120, False, ("new", "time", "document", "anchor", "author", "verdict")),
        (40, False, ("new",)),
    ],
)
def test_the_columns_before_the_note_leave_it_room(
    width: int, by_time: bool, before: tuple[str, ...]
) -> None:
    columns = arrangement(width, WIDTHS, by_time=by_time)
    assert columns[: columns.index("note")] == before
    # nothing is dropped: what does not fit before the note comes after it, tags and quote last
    assert sorted(columns) == sorted(KEYS)
    assert columns[-2:] == ("tags", "quote")
    shown = sum(WIDTHS[key] for key in before)
    assert width - SCROLLBAR - shown >= NOTE_MIN or before == ("new",)
