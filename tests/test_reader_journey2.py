"""What a tester walking through the reader found: the note editor's cursor and links, the export
key, picking a passage, the matches heading, the synopsis pane title, the notes list header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from test_reader_notes import (
    FIRST_DOC,
    editor,
    on_disk,
    seed,
    sentence_target,
    started,
    type_text,
    wait_note,
)
from textual.widgets import TextArea

from tui.app import make_app

if TYPE_CHECKING:
    from pathlib import Path

SIZE = (120, 40)


async def test_e_puts_the_cursor_after_the_note_so_typing_adds_to_it(
    sample_workspace: Path,
) -> None:
    mine = seed(
        sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "Says so.\nTwice."
    )
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("e")
        area = editor(app).query_one("#note", TextArea)
        assert area.cursor_location == area.document.end
        await type_text(pilot, " Edited.")
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: placed[0].annotation.note != "Says so.\nTwice.")
    (edited,) = on_disk(sample_workspace)
    assert edited.id == mine.id
    assert edited.note == "Says so.\nTwice. Edited."
