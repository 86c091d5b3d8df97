"""Dialogs in a small terminal (40x15, a split tmux pane): every field and button can be
reached with the wheel and a click, and with Tab (Pilot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual import events
from textual.widgets import Button

from tui.app import SynopticApp, make_app
from tui.screens.export import ExportScreen
from tui.screens.note_editor import NoteEditor

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot
    from textual.widget import Widget

SMALL = (40, 15)


async def ready(pilot: Pilot[None]) -> SynopticApp:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
    await wait_for(pilot, lambda: app.notes.ready, timeout=20)
    return app


def in_full_view(app: SynopticApp, widget: Widget) -> bool:
    """Whether all of ``widget`` is on the screen, inside its dialog's frame (not under the
    frame's edge nor past the terminal's), where a click lands on it."""
    frame = app.screen.children[0]  # the dialog's box; its footer comes after
    visible = frame.scrollable_content_region.intersection(app.screen.region)
    region = widget.region
    return region.width > 0 and visible.intersection(region) == region


async def wheel_to(pilot: Pilot[None], app: SynopticApp, widget: Widget) -> None:
    """Turn the wheel (down, or up to a widget above) over the dialog's frame, as the driver
    reports it, until ``widget`` is in full view."""
    frame = app.screen.children[0]
    x, y = frame.region.x + 1, frame.region.y + 1  # the frame's own margin, not a field
    for _ in range(40):
        if in_full_view(app, widget):
            return
        up = widget.region.y < frame.scrollable_content_region.y
        turn = events.MouseScrollUp if up else events.MouseScrollDown
        app.post_message(turn(None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y))
        await pilot.pause()
    raise AssertionError(f"the wheel does not bring {widget} into view")


async def test_the_export_dialog_button_is_reached_by_the_wheel_and_tab_at_40x15(
    sample_workspace: Path,
) -> None:
    """Cut off below the screen, the Export button could be reached by Tab alone."""
    app = make_app(sample_workspace)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        button = app.screen.query_one("#export", Button)
        for field in app.screen.query("Select, Input, Checkbox"):
            await wheel_to(pilot, app, field)
            assert field.region.right <= SMALL[0], field
        await wheel_to(pilot, app, button)
        await pilot.click(button)
        await wait_for(pilot, lambda: app.last_export is not None)
        assert not isinstance(app.screen, ExportScreen)
        # And by the keys: Tab to the button brings it into view.
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        button = app.screen.query_one("#export", Button)
        for _ in range(12):
            if app.focused is button:
                break
            await pilot.press("tab")
        assert app.focused is button
        await wait_for(pilot, lambda: in_full_view(app, button))


async def test_every_field_and_button_of_the_note_editor_is_in_reach_at_40x15(
    sample_workspace: Path,
) -> None:
    """At 40 columns the editor's rows of three ran off its right edge (Cancel and Add link
    could not be seen, let alone clicked); its tags were below the fold."""
    app = make_app(sample_workspace)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"mood")
        editor = app.screen
        tags = editor.query_one("#tags")
        for widget in editor.query("#tags, #verdict, #link-ref, #relation, Button"):
            await wheel_to(pilot, app, widget)
        await wheel_to(pilot, app, tags)
        await pilot.click(tags)
        assert app.focused is tags
        await pilot.press(*"kratom")
        save = editor.query_one("#save", Button)
        await wheel_to(pilot, app, save)
        await pilot.click(save)
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))
        await wait_for(pilot, lambda: len(app.notes.placed) == 1)
        note = app.notes.placed[0].annotation
        assert list(note.tags) == ["kratom"]
