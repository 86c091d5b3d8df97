"""A note being written is never dropped without a yes: Cancel after linking a passage, and
every way of quitting while the editor is open or a passage is being linked (keys and mouse)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_mouse import footer_key
from test_reader_notes import (
    FIRST_DOC,
    SECOND_DOC,
    choose,
    editor,
    on_disk,
    seed,
    sentence_target,
    started,
    type_text,
)
from textual.widgets import Button, OptionList, Select, TextArea

from annotations.links import Relation
from annotations.store import AnnotationStore
from tui.app import SynopticApp, make_app
from tui.quitting import QUESTION
from tui.screens.note_editor import ConfirmScreen, NoteEditor
from tui.screens.search import SearchScreen

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (120, 40)


async def click_button(pilot: Pilot[None], app: SynopticApp, button_id: str) -> None:
    """Click one of the editor's buttons, scrolled into view first as the wheel would; before
    "Link a passage…", the link's relation is chosen (none is chosen for the user)."""
    relation = editor(app).query_one("#relation", Select)
    if button_id == "pick" and relation.value is Select.NULL:
        await choose(pilot, relation, Relation.SUPPORTS)
    button = editor(app).query_one(f"#{button_id}", Button)
    button.scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click(button)


async def link_a_passage(pilot: Pilot[None], app: SynopticApp, end: str) -> None:
    """Click "Link a passage…", then in the right pane press Enter (takes its sentence) or
    Esc (back to the note without a link)."""
    await click_button(pilot, app, "pick")
    assert app.picking is not None
    await pilot.press("tab", "j", end)
    assert app.picking is None
    editor(app)


def question(app: SynopticApp) -> str:
    screen = app.screen
    assert isinstance(screen, ConfirmScreen), f"nothing asked: {screen!r}"
    return screen.question


# -- Cancel compares with the note as it was before editing began ------------------------------


@pytest.mark.parametrize("cancel", ["escape", "click"])
@pytest.mark.parametrize("picker_end", ["enter", "escape"])
async def test_cancel_after_linking_a_passage_asks_before_discarding(
    sample_workspace: Path, cancel: str, picker_end: str
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "Worth keeping")
        await link_a_passage(pilot, app, picker_end)
        await link_a_passage(pilot, app, picker_end)  # twice round: still asked

        for answer in ("n", "y"):
            if cancel == "escape":
                await pilot.press("escape")
            else:
                await click_button(pilot, app, "cancel")
            assert question(app) == "Discard this note?"
            assert app.screen.detail == "What you typed, tagged and linked will be lost."
            await pilot.press(answer)
            if answer == "n":
                assert editor(app).query_one(TextArea).text == "Worth keeping"
                assert len(editor(app).links) == (2 if picker_end == "enter" else 0)
        assert not isinstance(app.screen, NoteEditor | ConfirmScreen)
        assert on_disk(sample_workspace) == []


async def test_cancel_asks_for_a_link_picked_into_an_existing_note_and_a_reply(
    sample_workspace: Path,
) -> None:
    """Editing a note or replying is writing too: a link picked is asked about, and a round
    trip that changed nothing closes at once, as before."""
    mine = seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "Mine")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("e")
        await link_a_passage(pilot, app, "escape")
        await pilot.press("escape")  # nothing changed: no question
        assert not isinstance(app.screen, NoteEditor | ConfirmScreen)

        await pilot.press("shift+tab", "e")  # linking left the focus on the other pane
        await link_a_passage(pilot, app, "enter")
        await pilot.press("escape")
        assert question(app) == "Discard your changes to this note?"
        assert app.screen.detail.startswith("The note stays as it was saved;")
        await pilot.press("y")

        await pilot.press("shift+tab", "r")
        await type_text(pilot, "I agree")
        await link_a_passage(pilot, app, "escape")
        await pilot.press("escape")
        assert question(app) == "Discard this note?"
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(on_disk(sample_workspace)) == 2)
        (note,) = [a for a in on_disk(sample_workspace) if a.id == mine.id]
        assert note.links == ()
        assert note.note == "Mine"


# -- quitting -------------------------------------------------------------------------------------


async def quit_by(pilot: Pilot[None], app: SynopticApp, how: str) -> None:
    if how == "footer":
        await pilot.click(footer_key(app, "q"))
    elif how == "palette":
        await pilot.press("ctrl+p", *"quit")
        options = app.screen.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count > 0)
        prompt = options.get_option_at_index(options.highlighted or 0).prompt
        assert str(prompt).startswith("Quit"), prompt
        await pilot.press("enter")
        await pilot.pause()
    else:
        await pilot.press(how)


@pytest.mark.parametrize("how", ["q", "ctrl+q", "footer", "palette"])
async def test_quitting_while_a_passage_is_linked_asks_first(
    sample_workspace: Path, how: str
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "Half written")
        await click_button(pilot, app, "pick")
        await pilot.press("tab", "j")
        right = app.active_pane

        await quit_by(pilot, app, how)
        assert app.is_running
        assert question(app) == QUESTION
        await pilot.press("escape")  # the question's Esc (No), not linking's
        assert app.is_running
        assert app.picking is not None

        await pilot.press("enter")  # linking goes on: the passage is taken
        note_editor = editor(app)
        assert note_editor.query_one(TextArea).text == "Half written"
        assert [link.target.doc for link in note_editor.links if link.target] == [right.doc_id]

        await click_button(pilot, app, "pick")
        await quit_by(pilot, app, how)
        assert question(app) == QUESTION
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running)
    assert on_disk(sample_workspace) == []


async def test_ctrl_q_in_the_editor_asks_and_ctrl_c_does_not_quit(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "Draft")
        await pilot.press("ctrl+c")  # copies in the text area, as in any editor
        assert app.is_running
        await pilot.press("ctrl+q")
        assert question(app) == QUESTION
        await pilot.press("ctrl+q")  # a second Ctrl+Q is not a yes
        assert question(app) == QUESTION
        await pilot.press("n")
        assert editor(app).query_one(TextArea).text == "Draft"
        assert app.is_running

        await pilot.press("tab")  # off the text area: Ctrl+C only says how to quit
        await pilot.press("ctrl+c")
        assert app.is_running
        editor(app)

        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(app.notes.placed) == 1)
        await pilot.press("ctrl+q")  # saved: nothing to ask
        await wait_for(pilot, lambda: not app.is_running)
    assert [a.note for a in on_disk(sample_workspace)] == ["Draft"]


async def test_an_untouched_editor_quits_at_once(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        editor(app)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)


# -- what else linking must not take over ---------------------------------------------------------


async def test_a_second_note_is_not_begun_while_a_passage_is_linked(sample_workspace: Path) -> None:
    """It would take the place of the first note's draft, which was then lost."""
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "First")
        await click_button(pilot, app, "pick")
        await pilot.press("tab", "j", "a")
        assert not isinstance(app.screen, NoteEditor)
        assert app.picking is not None
        assert any("Finish linking" in n.message for n in app._notifications)
        await pilot.press("enter")
        assert editor(app).query_one(TextArea).text == "First"
        assert [link.target.doc for link in editor(app).links if link.target] == [SECOND_DOC]


async def test_a_dialog_opened_while_linking_keeps_its_enter(sample_workspace: Path) -> None:
    """Searching for the evidence: Enter in the search goes to the hit, and only Enter over
    the panes takes the passage."""
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "Found by search")
        await click_button(pilot, app, "pick")
        await pilot.press("tab", "slash")
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "kratom")
        await wait_for(pilot, lambda: app.screen.query_one(OptionList).option_count > 0)
        await pilot.press("enter")
        assert not isinstance(app.screen, SearchScreen | NoteEditor)
        assert app.picking is not None
        await pilot.press("enter")
        assert editor(app).query_one(TextArea).text == "Found by search"
        assert len(editor(app).links) == 1


async def test_an_edit_of_a_note_deleted_meanwhile_is_refused_with_what_was_written(
    sample_workspace: Path,
) -> None:
    """Deleted in another window (or by a pull) while being edited: the save is refused, and
    the refusal quotes the new text, as it does for a reply to a deleted note."""
    mine = seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "Mine")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("e")
        await type_text(pilot, " and precious words")
        AnnotationStore(sample_workspace, "Ann").delete(mine.id)  # the other window
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(n.title == "Not saved" for n in app._notifications))
        (refusal,) = [n.message for n in app._notifications if n.title == "Not saved"]
        assert "What you wrote: Mine and precious words" in refusal
        assert mine.id not in refusal and refusal.startswith("Your note on \u201c")
