"""The reader driven with the mouse only, as a fact-checker who rarely touches the keyboard does:
pane titles, the wheel in follow mode, the right and middle buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich.cells import cell_len
from test_reader_notes import choose
from textual import events
from textual.widgets import Button, Select, TextArea

from annotations.links import Relation
from tui.app import SynopticApp, make_app
from tui.screens.note_editor import NoteEditor
from tui.widgets.document_view import GUTTER
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot
    from textual.widget import Widget

    from tui.widgets.document_view import DocumentView

SIZES = [(80, 24), (160, 48)]


async def ready(pilot: Pilot[None]) -> SynopticApp:
    """Wait until the documents are read and the passage index is built."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    return app


def press_and_release(app: SynopticApp, x: int, y: int, button: int) -> None:
    """What a terminal reports for a click of ``button`` at screen cell (x, y): a press and a
    release, from which the app makes the Click (Pilot's click skips that step)."""
    for event_type in (events.MouseDown, events.MouseUp):
        event = event_type(None, x, y, 0, 0, button, False, False, False, screen_x=x, screen_y=y)
        app.post_message(event)


# -- pane titles ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_a_click_on_a_panes_title_focuses_that_pane(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        left, right = app.panes
        assert app.active_pane is left
        await pilot.click(right.query_one(".pane-title"))
        assert app.active_pane is right
        assert right.view.has_focus
        # the keys now act on the pane whose title was clicked
        await pilot.press("j")
        assert right.view.cursor == 1
        assert left.view.cursor == 0


# -- the right and middle buttons -----------------------------------------------------------------


async def drag(pilot: Pilot[None], view: DocumentView, start: int, end: int) -> None:
    """Press the left button over document offset ``start`` and release it over ``end``, the
    cells found as Rich draws the line (every cell before the character, whatever its width)."""

    def cell(offset: int) -> tuple[int, int]:
        assert view._layout is not None
        line = view._layout.line_of_offset(offset)
        drawn_before = cell_len(view._display[view._layout.starts[line] : offset])
        region = view.content_region
        return region.x + GUTTER + drawn_before, region.y + line - round(view.scroll_y)

    (x0, y0), (x1, y1) = cell(start), cell(end)
    for event_type, x, y in (
        (events.MouseDown, x0, y0),
        (events.MouseMove, x1, y1),
        (events.MouseUp, x1, y1),
    ):
        event = event_type(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y)
        pilot.app.post_message(event)
        await pilot.pause()


async def test_the_right_and_middle_buttons_leave_the_selection_and_press_nothing(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        left, right = app.panes
        view = left.view
        assert view.document is not None
        text = view.document.text
        await drag(pilot, view, text.index("alkaloids"), text.index("7-hydroxymitragynine") + 3)
        dragged = view.selection
        assert dragged is not None
        cursor = view.cursor
        # A right click on the text, as one does to copy in many terminals, and a middle click:
        # the span dragged stays selected for the note, the cursor where it was, the pane focused.
        region = view.content_region
        for button, (x, y) in ((3, (10, 14)), (2, (12, 16))):
            press_and_release(app, region.x + x, region.y + y, button)
            await pilot.pause()
            assert view.selection == dragged, button
            assert view.cursor == cursor, button
        press_and_release(app, right.view.content_region.x + 4, right.view.content_region.y + 4, 3)
        await pilot.pause()
        assert app.active_pane is left
        assert right.view.cursor == 0
        # Nor does a right click press the footer's keys: Quit, here.
        footer_keys = app.screen.query("FooterKey")
        quit_key = next(key for key in footer_keys if getattr(key, "key", "") == "q")
        press_and_release(app, quit_key.region.x + 1, quit_key.region.y, 3)
        await pilot.pause()
        assert app.is_running
        # The left button still does all of it.
        press_and_release(app, region.x + 10, region.y + 14, 1)
        await pilot.pause()
        assert view.selection is None
        assert view.cursor != cursor


# -- the wheel in follow mode ---------------------------------------------------------------------


def wheel(app: SynopticApp, view: DocumentView, event_type: type[events.MouseScrollDown]) -> None:
    """A turn of the wheel over ``view``, as the driver posts it: screen coordinates."""
    x, y = view.region.x + 5, view.region.y + 5
    app.post_message(event_type(None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y))


@pytest.mark.parametrize("size", SIZES)
async def test_in_follow_mode_the_wheel_takes_the_cursor_and_the_other_panes_along(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        left, right = app.panes
        view = left.view
        footer_keys = app.screen.query("FooterKey")
        follow = next(key for key in footer_keys if getattr(key, "key", "") == "f")
        await pilot.click(follow)
        assert app.parallel.follow
        await wait_for(pilot, lambda: right.view.passage is not None)
        first_match = right.view.passage
        # Reading on with the wheel only, well past the first sentence.
        for _ in range(size[1] // 2):
            wheel(app, view, events.MouseScrollDown)
        await wait_for(pilot, lambda: view.scroll_y >= size[1] // 2)
        await wait_for(pilot, lambda: right.view.passage != first_match)
        row = view.cursor_row()
        assert row is not None, "the cursor is on screen"
        assert view.cursor > 0
        result = app.parallel.result
        assert result is not None
        assert view.document is not None
        assert result.query.start == view.document.sentences[view.cursor].start
        # the other pane shows the new sentence's match, level with it
        assert right.view.passage is not None
        assert right.view.cursor_row() == row
        # The wheel back up brings the cursor along too.
        cursor = view.cursor
        for _ in range(size[1] // 2):
            wheel(app, view, events.MouseScrollUp)
        await wait_for(pilot, lambda: view.scroll_y == 0)
        await wait_for(pilot, lambda: view.cursor < cursor)
        assert view.cursor_row() is not None


async def test_in_follow_mode_the_wheel_keeps_the_other_panes_level_with_the_sentence(
    sample_workspace: Path,
) -> None:
    """While the wheel scrolled the pane being read and its cursor stayed on screen, the
    other panes stayed put: three turns later the sentence was six rows above its match, on
    screen but no longer beside it. They scroll with it now, the match level with it."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        left, right = app.panes
        view = left.view
        await pilot.press("f")
        await pilot.press(*"j" * 8)
        await wait_for(pilot, lambda: app.parallel.result is not None)
        await wait_for(pilot, lambda: app.parallel.result.query.sentence == view.cursor)  # type: ignore[union-attr]
        await wait_for(pilot, lambda: right.view.cursor_row() == view.cursor_row())
        cursor, passage = view.cursor, right.view.passage
        for _ in range(3):
            row = view.cursor_row()
            wheel(app, view, events.MouseScrollDown)
            await wait_for(pilot, lambda row=row: view.cursor_row() != row)
            await pilot.pause()
            assert view.cursor == cursor, "the cursor is still on screen: no new match"
            assert right.view.passage == passage
            assert right.view.cursor_row() == view.cursor_row(), "level with the sentence"


# -- linking a passage ----------------------------------------------------------------------------


def footer_key(app: SynopticApp, key: str) -> Widget:
    """The footer's clickable key for ``key`` (Textual's FooterKey is not public)."""
    keys = [found for found in app.screen.query("FooterKey") if getattr(found, "key", "") == key]
    assert keys, f"no {key} in the footer"
    return keys[0]


def hint_cell(app: SynopticApp, words: str) -> tuple[int, int]:
    """Where the status line's linking hint says ``words``, in screen cells."""
    bar = app.query_one(StatusBar)
    line = "".join(segment.text for segment in bar.render_line(0))
    assert words in line, line
    return bar.region.x + line.index(words) + 2, bar.region.y


@pytest.mark.parametrize("size", SIZES)
async def test_a_passage_is_linked_and_the_note_returned_to_with_the_mouse(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app.notes.ready)
        right = app.panes[1]
        await pilot.click(footer_key(app, "a"))
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press(*"same")
        relation = editor.query_one("#relation", Select)  # none is chosen for the user
        relation.scroll_visible(animate=False)  # as the wheel would
        await pilot.pause()
        await choose(pilot, relation, Relation.SUPPORTS)
        editor.query_one("#pick", Button).scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#pick")
        assert app.picking is not None
        # The status line says how linking ends, and a click on what it says does it: back to
        # the note without a link...
        await pilot.click(offset=hint_cell(app, "Esc goes back to the note"))
        assert app.picking is None
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.links == []
        editor.query_one("#pick", Button).scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#pick")
        # ...or with the sentence clicked in the other pane.
        await pilot.click(right.view, offset=(GUTTER + 2, 2))
        assert app.active_pane is right
        await pilot.click(offset=hint_cell(app, "Enter takes this passage"))
        assert app.picking is None
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert [link.target.doc for link in editor.links if link.target] == [right.doc_id]
        assert editor.query_one("#note", TextArea).text == "same"
