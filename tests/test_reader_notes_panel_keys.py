"""The notes panel (``p``) from the keyboard: it opened with nothing highlighted and the keys
left in the pane, so ``e`` / ``x`` / ``r`` acted on the first note on the passage, a reply could
be chosen only with the mouse, and Tab went on to the next pane, which changed what the panel
listed. Each test drives the reader with keys, as a fact-checker without a mouse would."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from readme_text import key_name, key_tables
from rich.table import Table
from test_reader_footers import footer
from test_reader_notes import (
    SECOND_DOC,
    on_disk,
    panel,
    screen_text,
    seed,
    sentence_target,
    started,
)
from textual.widgets import OptionList, Static, TextArea

from tui.app import make_app
from tui.screens.help import HelpScreen
from tui.screens.note_editor import ConfirmScreen, NoteEditor
from tui.widgets.notes_panel import NotesPanel

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.app import SynopticApp


def in_the_panel(app: SynopticApp) -> bool:
    """Whether the keys go to the notes panel's list."""
    return isinstance(app.focused, OptionList) and isinstance(app.focused.parent, NotesPanel)


def highlighted_note(app: SynopticApp) -> str | None:
    current = panel(app).current()
    return None if current is None else current.note


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause(0.05)


async def test_the_notes_panel_chooses_a_note_or_a_reply_by_keys(sample_workspace: Path) -> None:
    target = sentence_target(sample_workspace, SECOND_DOC, 0)
    bobs = seed(sample_workspace, "Bob", target, "Bob's note.")
    seed(sample_workspace, "Ann", target, "Ann's reply.", reply_to=bobs.id)
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("tab")  # reading the second pane
        reading = app.panes[1].view
        assert app.focused is reading

        # p: the panel has the keys, on the first note, and the footer names them.
        await pilot.press("p")
        await settle(pilot)
        assert in_the_panel(app)
        assert highlighted_note(app) == "Bob's note."
        shown = footer(app)
        for words in ("↓ Next", "↑ Previous", "e Edit", "r Reply", "x Delete", "Back to text"):
            assert words in shown, (words, shown)

        # ↓ goes to the reply; x asks about that one (and n keeps it), e edits that one.
        await pilot.press("down")
        assert highlighted_note(app) == "Ann's reply."
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Ann's reply." in screen_text(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert app.screen.query_one("#note", TextArea).text == "Ann's reply."
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))

        # ↑ back to Bob's note: r answers Bob, not the note first on the passage by chance.
        await pilot.press("up")
        assert highlighted_note(app) == "Bob's note."
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert "Reply to Bob" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))

        # Tab gives the keys back to the pane being read; the panel stays on its notes.
        assert in_the_panel(app), "the editor closed, the keys are back in the list"
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is reading
        assert panel(app).shown
        assert [a.note for a, _ in panel(app).entries] == ["Bob's note.", "Ann's reply."]
        # p goes back to the list; p there closes it.
        await pilot.press("p")
        await settle(pilot)
        assert in_the_panel(app) and panel(app).shown
        await pilot.press("p")
        await settle(pilot)
        assert not panel(app).shown and app.focused is reading
    assert sorted(a.note for a in on_disk(sample_workspace)) == ["Ann's reply.", "Bob's note."]


async def test_the_notes_panel_keys_are_in_help_and_the_readme(sample_workspace: Path) -> None:
    """The panel's own keys are where a user looks for keys: the README's table and help."""
    app = make_app(sample_workspace, author="Ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("p")
        await settle(pilot)
        entries = panel(app).query_one(OptionList)
        bound = {
            key
            for node in (entries, panel(app))
            for key, bindings in node._bindings.key_to_bindings.items()
            if node is panel(app) or key in {"down", "up", "enter"}
        } | {"p"}
        readme = {key for keys, _ in key_tables()["Notes panel"] for key in keys}
        assert bound == readme
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        [table] = [
            static.content
            for static in app.screen.query(Static)
            if isinstance(static.content, Table) and str(static.content.title) == "Notes panel"
        ]
        listed = {
            key_name(key) for cell in table.columns[0]._cells for key in str(cell).split(" / ")
        }
        assert bound - {"p"} <= listed, bound - listed
