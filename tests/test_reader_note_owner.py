"""``e`` and ``x`` act on the note the notes panel highlights, or refuse it when it is someone
else's; they never turn to another note on the same passage instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    SIZE,
    editor,
    notifications,
    on_disk,
    panel,
    seed,
    sentence_target,
    started,
)
from textual.widgets import OptionList, TextArea

from tui.app import SynopticApp, make_app
from tui.screens.note_editor import ConfirmScreen, NoteEditor

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot


async def highlight(pilot: Pilot[None], app: SynopticApp, note: str) -> None:
    """Click the panel's entry for the note whose text is ``note``."""
    options = panel(app).query_one(OptionList)
    for row in range(options.region.height):
        await pilot.click(options, offset=(4, row))
        current = panel(app).current()
        if current is not None and current.note == note:
            return
    raise AssertionError(f"no entry for {note!r} in the panel")


async def test_e_and_x_on_someone_else_s_highlighted_note_refuse_it(
    sample_workspace: Path,
) -> None:
    """With Bob's note highlighted in the panel, `e` opened the editor on Ann's own note on
    the same passage, and `x` asked to delete hers: the user meant Bob's note, and was neither
    told it is not theirs nor shown which note they were changing."""
    target = sentence_target(sample_workspace, FIRST_DOC, 0)
    seed(sample_workspace, "Ann", target, "Ann's own.")
    seed(sample_workspace, "Bob", target, "Bob's.")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("p")
        await highlight(pilot, app, "Bob's.")
        for key, verb in (("e", "edit"), ("x", "delete")):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, (NoteEditor, ConfirmScreen)), key
            title, message, severity = notifications(app)[-1]
            assert (title, severity) == ("Not your note", "warning")
            assert message == (
                f"The highlighted note is Bob's: you can {verb} only your own notes "
                "(r replies to it)."
            )
        # highlighting one's own note, e edits that one
        await highlight(pilot, app, "Ann's own.")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert editor(app).query_one("#note", TextArea).text == "Ann's own."
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))
    assert sorted(a.note for a in on_disk(sample_workspace)) == ["Ann's own.", "Bob's."]
