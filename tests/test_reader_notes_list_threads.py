"""The notes list (``l``) shows replies as replies, as ``synoptic notes`` does, and stays
responsive with hundreds of notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_notes import FIRST_DOC, SECOND_DOC, list_rows, seed, sentence_target, started
from test_reader_notes_list import row_text, written_at
from textual.widgets import DataTable, Input

from annotations.store import AnnotationStore
from tui.app import SynopticApp, make_app
from tui.screens import notes_list
from tui.screens.notes_list import BATCH, NotesListScreen
from tui.screens.notes_table import NotesTable

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

ARROW = "\N{RIGHTWARDS ARROW WITH HOOK}"


def note_cell(app: SynopticApp, key: str) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_cell(key, "note"))


async def open_list(pilot: Pilot[None], app: SynopticApp) -> NotesListScreen:
    await started(pilot)
    await pilot.press("l")
    await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
    screen = app.screen
    assert isinstance(screen, NotesListScreen)
    return screen


async def type_in(pilot: Pilot[None], screen: NotesListScreen, box: str, text: str) -> None:
    """Click the filter box ``box`` and type ``text``."""
    await pilot.click(screen.query_one(box, Input))
    await pilot.press(*text)


async def test_replies_are_listed_under_the_note_they_answer_or_say_whose_it_is(
    sample_workspace: Path,
) -> None:
    """The list showed a reply as a note of its own, anywhere: nothing said it answered
    another, while `synoptic notes`, the notes panel and the report thread them."""
    ws = sample_workspace
    first = written_at(
        ws, "Bea", sentence_target(ws, FIRST_DOC, 3), "Says so.", "2026-03-01T09:00:00+00:00"
    )
    other = written_at(
        ws, "Cy", sentence_target(ws, SECOND_DOC, 1), "Elsewhere.", "2026-03-01T09:30:00+00:00"
    )
    answer = written_at(
        ws, "Ann", first.target, "It does not.", "2026-03-02T09:00:00+00:00", reply_to=first.id
    )
    again = written_at(
        ws, "Bea", first.target, "It does.", "2026-03-03T09:00:00+00:00", reply_to=answer.id
    )
    gone = written_at(
        ws, "Bea", sentence_target(ws, SECOND_DOC, 3), "Soon gone.", "2026-03-01T10:00:00+00:00"
    )
    orphaned = seed(ws, "Ann", gone.target, "Why?", reply_to=gone.id)
    AnnotationStore(ws, "Bea").delete(gone.id)

    app = make_app(ws, panes=2, author="Ann")
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await open_list(pilot, app)
        # in reading order, each reply right under the note it answers, one level deeper
        assert list_rows(app) == [first.id, answer.id, again.id, other.id, orphaned.id]
        assert note_cell(app, first.id) == "Says so."
        assert note_cell(app, answer.id) == f"{ARROW} It does not."
        assert note_cell(app, again.id) == f"  {ARROW} It does."
        # the note it answered was deleted: described as `synoptic notes` describes it
        quote = gone.target.quote
        deleted = f"{ARROW} reply to a deleted note by Bea, on \u201c"
        assert note_cell(app, orphaned.id).startswith(deleted), note_cell(app, orphaned.id)
        assert note_cell(app, orphaned.id).endswith(": Why?")
        assert deleted + quote[:20] in note_cell(app, orphaned.id)
        assert f"{ARROW} It does not." in row_text(app, 2)

        # the note answered filtered out: the reply says whose note it answers
        await type_in(pilot, screen, "#author", "Ann")
        await wait_for(pilot, lambda: list_rows(app) == [answer.id, orphaned.id])
        assert note_cell(app, answer.id) == f"{ARROW} reply to Bea: It does not."

        # ordered by time, threads cannot be kept together: each reply says whom it answers
        await pilot.press(*["backspace"] * 3)
        await wait_for(pilot, lambda: len(list_rows(app)) == 5)
        time_x = row_text(app, 0).index(" Time ") + 1
        await pilot.click(screen.query_one(DataTable), offset=(time_x, 0))
        newest = [orphaned.id, again.id, answer.id, other.id, first.id]
        await wait_for(pilot, lambda: list_rows(app) == newest)
        assert note_cell(app, again.id) == f"{ARROW} reply to Ann: It does."
        assert note_cell(app, first.id) == "Says so."

        # Enter on a reply still jumps to its passage
        table = screen.query_one(DataTable)
        table.focus()
        await pilot.press("ctrl+home", "down", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesListScreen))
        assert app.active_pane.doc_id == FIRST_DOC


@pytest.mark.parametrize("size", [(80, 24), (140, 50)])
async def test_a_list_of_hundreds_of_notes_is_filled_without_holding_the_keys(
    sample_workspace: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 500 notes, opening the list or typing a letter in a filter held the event loop for
    ~200 ms while every row was added and measured. The screenful the reader sees is added at
    once, the rest between turns of the event loop; every row still arrives, and keys,
    filters and Enter work on them."""
    ws = sample_workspace
    store = AnnotationStore(ws, "Bea")
    targets = [sentence_target(ws, FIRST_DOC, n) for n in range(6)]
    made = [seed(ws, "Bea", targets[n % 6], f"Note {n:03}") for n in range(300)]
    made[-1:] = [store.update(made[-1].edited(note="Note 299 #last"))]

    added_at_once: list[int] = []
    refill = NotesListScreen.refill

    def spied(self: NotesListScreen) -> None:
        refill(self)
        added_at_once.append(self.query_one(DataTable).row_count)

    # the handler the screen registered is the original: the spy sees on_mount's and the
    # filters' calls through the name they look it up by
    monkeypatch.setattr(notes_list.NotesListScreen, "refill", spied)
    app = make_app(ws, author="Ann")
    async with app.run_test(size=size) as pilot:
        screen = await open_list(pilot, app)
        table = screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 300)
        assert added_at_once and max(added_at_once) <= BATCH + size[1], added_at_once
        everyone = {a.id for a in made}
        assert set(list_rows(app)) == everyone
        # End reaches the last note, Enter jumps to it
        await pilot.press("ctrl+end")
        last = list_rows(app)[table.cursor_row]
        assert table.cursor_row == 299
        # a filter typed while rows are still being added lists only what it finds
        await type_in(pilot, screen, "#words", "last")
        await wait_for(pilot, lambda: table.row_count == 1)
        assert [note_cell(app, key) for key in list_rows(app)] == ["Note 299 #last"]
        await pilot.press(*["backspace"] * 4)
        await wait_for(pilot, lambda: table.row_count == 300)
        assert len(set(list_rows(app))) == 300
        table.focus()
        await pilot.press("ctrl+end", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesListScreen))
        assert app.active_pane.doc_id == app.notes.by_id[last].annotation.target.doc


async def test_home_and_end_go_to_the_first_and_last_note(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home and End scrolled the table sideways (the DataTable's own keys), which a reader of a
    list of notes does not expect; they go to the first and the last note, as Ctrl+Home and
    Ctrl+End do, the last one even while the rows past the first screenful are being added."""
    ws = sample_workspace
    targets = [sentence_target(ws, FIRST_DOC, n) for n in range(6)]
    made = [seed(ws, "Bea", targets[n % 6], f"Note {n:03}") for n in range(BATCH * 3)]
    app = make_app(ws, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, app)
        table = screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == len(made))
        await pilot.press("end")
        assert table.cursor_row == len(made) - 1 and table.scroll_x == 0
        assert list_rows(app)[table.cursor_row] == made[-1].id
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_x == 0
        await pilot.press("ctrl+end")
        assert table.cursor_row == len(made) - 1
        await pilot.press("ctrl+home")
        assert table.cursor_row == 0
        await pilot.press("end", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NotesListScreen))
        assert app.active_pane.doc_id == FIRST_DOC

    # End pressed before the rest of the rows arrived (here: never on their own)
    monkeypatch.setattr(NotesTable, "_add_waiting", lambda self: None)
    app = make_app(ws, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, app)
        table = screen.query_one(DataTable)
        assert table.row_count < len(made)
        await pilot.press("end")
        assert table.row_count == len(made) and table.cursor_row == len(made) - 1
        assert list_rows(app)[-1] == made[-1].id
