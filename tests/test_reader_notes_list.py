"""The notes list (``l``): each note's time, ordering by it, and help from the list."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest
from conftest import NEW_YORK, local_time_zone
from pilot_helpers import wait_for
from rich.table import Table
from test_reader_notes import (
    FIRST_DOC,
    SECOND_DOC,
    choose,
    list_rows,
    screen_text,
    sentence_target,
    started,
)
from textual.widgets import DataTable, Select, Static

from annotations.labels import Verdict
from annotations.model import Annotation
from annotations.store import AnnotationStore
from tui.app import SynopticApp, make_app
from tui.screens.help import HelpScreen
from tui.screens.notes_list import NotesListScreen

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from annotations.target import Target

SIZES = [(80, 24), (120, 40)]


def written_at(
    root: Path, author: str, target: Target, note: str, when: str, **fields: object
) -> Annotation:
    """A note saved through the store as if written at ``when`` (and not edited since)."""
    annotation = Annotation.create(author, target, note, **fields)  # type: ignore[arg-type]
    annotation = dataclasses.replace(annotation, created=when, modified=when)
    return AnnotationStore(root, author).add(annotation)


def row_text(app: SynopticApp, row: int) -> str:
    """Row ``row`` of the table (0: the header) as drawn on the screen."""
    table = app.screen.query_one(DataTable)
    return screen_text(app).splitlines()[table.region.y + row]


@pytest.mark.parametrize("size", SIZES)
async def test_the_notes_list_shows_each_note_s_time_and_orders_by_it(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    """The list had no times, so 'what was written since yesterday' meant opening every note;
    the time is shown as the notes panel shows it, and the list can be ordered by it."""
    ws = sample_workspace
    morning = written_at(
        ws, "Ann", sentence_target(ws, FIRST_DOC, 3), "Morning note", "2026-03-01T09:00:00+00:00"
    )
    # later as a string, earlier as a moment: 08:30 UTC
    early = written_at(
        ws, "Bob", sentence_target(ws, FIRST_DOC, 5), "Early note", "2026-03-01T10:30:00+02:00"
    )
    latest = written_at(
        ws, "Ann", sentence_target(ws, SECOND_DOC, 1), "Latest note", "2026-03-02T08:00:00+00:00"
    )
    with local_time_zone(NEW_YORK):
        app = make_app(ws, panes=2, author="Ann")
        async with app.run_test(size=size) as pilot:
            await started(pilot)
            await pilot.press("l")
            await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
            screen = app.screen
            assert isinstance(screen, NotesListScreen)
            reading = [morning.id, early.id, latest.id]
            assert list_rows(app) == reading

            # local time, to the minute, whole on screen with its author and verdict column
            # even at 80 columns (there after the note, short here: the note comes first, see
            # test_reader_notes_list_narrow.py)
            header = row_text(app, 0)
            for column in ("Time", "Document", "Author", "Verdict"):
                assert f" {column} " in header, (column, header)
            assert "2026-03-01 04:00" in row_text(app, 1) and "Ann" in row_text(app, 1)
            assert "2026-03-01 03:30" in row_text(app, 2) and "Bob" in row_text(app, 2)
            assert "2026-03-02 03:00" in row_text(app, 3)
            # every filter and the order are readable, none wrapped to a second line
            for select in screen.query(Select):
                assert select.outer_size.height == 3, select.id

            # the highlighted note stays highlighted in every order: one's place is kept
            table = screen.query_one(DataTable)
            assert list_rows(app)[table.cursor_row] == morning.id
            order = screen.query_one("#order", Select)
            await choose(pilot, order, "newest")
            assert list_rows(app) == [latest.id, morning.id, early.id]
            assert "2026-03-02 03:00" in row_text(app, 1)
            assert list_rows(app)[table.cursor_row] == morning.id
            await choose(pilot, order, "oldest")
            assert list_rows(app) == [early.id, morning.id, latest.id]

            # a click on a header orders by it (again: the other way), as in the synopsis
            time_x = row_text(app, 0).index(" Time ") + 1
            await pilot.click(table, offset=(time_x, 0))
            assert order.value == "newest"
            assert list_rows(app) == [latest.id, morning.id, early.id]
            await pilot.click(table, offset=(time_x, 0))
            assert list_rows(app) == [early.id, morning.id, latest.id]
            doc_x = row_text(app, 0).index(" Document ") + 1
            await pilot.click(table, offset=(doc_x, 0))
            assert list_rows(app) == reading


async def test_a_long_document_id_is_shortened_in_its_middle_below_140_columns(
    make_workspace: Callable[..., Path],
) -> None:
    """At 80 columns a 30-cell id pushed the verdict off the screen; the end (the file name
    and its extension) is what tells documents apart, as in the status line."""
    long_id = "reports-2026-spring-kratom-and-mood-final.txt"
    root = make_workspace({long_id: "Kratom may lift mood. Few trials exist.\n"})
    target = sentence_target(root, long_id, 0)
    written_at(
        root, "Ann", target, "A note.", "2026-03-01T09:00:00+00:00", verdict=Verdict.NEEDS_EVIDENCE
    )
    app = make_app(root, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        row = row_text(app, 1)
        assert "repo\N{HORIZONTAL ELLIPSIS}final.txt" in row, row
        assert "needs evidence" in row, row
        # the longest verdict fits its filter's box next to the order's: not wrapped to two lines
        verdict = app.screen.query_one("#verdict", Select)
        await choose(pilot, verdict, "needs-evidence")
        assert verdict.outer_size.height == 3
        assert "needs evidence" in screen_text(app).splitlines()[verdict.region.y + 1]
        await pilot.resize_terminal(160, 24)
        await wait_for(
            pilot,
            lambda: "reports-2\N{HORIZONTAL ELLIPSIS}m-and-mood-final.txt" in row_text(app, 1),
        )


@pytest.mark.parametrize("size", SIZES)
async def test_help_from_the_notes_list_lists_its_keys_first(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    """Help opened from the list showed only the reader's keys, none of which act there."""
    written_at(
        sample_workspace,
        "Ann",
        sentence_target(sample_workspace, FIRST_DOC, 0),
        "A note.",
        "2026-03-01T09:00:00+00:00",
    )
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        notes_list = app.screen
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.sections[0][0] == "All notes"
        text = screen_text(app)
        assert "All notes" in text
        # before the introduction (about the panes), so that at 80x24 they are not below the fold
        for meant in ("Find notes by their words", "Re-attach the highlighted note"):
            assert meant in text, meant
        shown = [static.content for static in help_screen.query(Static)]
        keys = next(
            i for i, r in enumerate(shown) if isinstance(r, Table) and r.title == "All notes"
        )
        intro = next(i for i, r in enumerate(shown) if "Synoptic shows several" in str(r))
        assert keys < intro
        await pilot.press("escape")
        assert app.screen is notes_list


async def test_q_on_the_notes_list_closes_it_as_on_the_synopsis(sample_workspace: Path) -> None:
    """``q`` quit the whole reader from the list, though it only closes the synopsis."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.notes.ready)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        await pilot.press("q")
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesListScreen))
        assert app.is_running
        assert app.screen is app.screen_stack[0]
