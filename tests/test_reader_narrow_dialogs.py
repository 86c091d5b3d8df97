"""Dialogs and footers in a 40-column terminal (Pilot): whole words and whole document ids,
never a word cut at the edge of a box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual.widgets import Input, OptionList

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

SMALL = (40, 15)
LONG_ID = "an-annual-review-of-kratom-studies-and-their-methods.txt"


def screen_lines(app: SynopticApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def list_rows(app: SynopticApp) -> list[str]:
    """The text of the rows of the dialog's list as drawn on screen."""
    listed = app.screen.query_one(OptionList)
    region = listed.content_region.intersection(listed.parent.content_region)  # type: ignore[union-attr]
    lines = screen_lines(app)
    return [lines[y][region.x : region.right].strip() for y in range(region.y, region.bottom)]


async def opened(pilot: Pilot[None], key: str, name: str) -> None:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=30)
    await pilot.press(key)
    await wait_for(pilot, lambda: type(app.screen).__name__ == name)
    await pilot.pause(0.1)


async def test_the_document_picker_keeps_ids_whole_at_40_columns(sample_workspace: Path) -> None:
    """``000_c4c750e82b5b3139.txt`` wrapped after ``.t``, and ``xt`` began the next line; the
    label was cut at "number ke". A wider id than the list is cut in its middle instead."""
    (sample_workspace / LONG_ID).write_text("Kratom studies differ in method.\n", "utf-8")
    app = make_app(sample_workspace, panes=1)
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, "d", "DocumentPicker")
        text = "\n".join(screen_lines(app))
        assert "number keys" in text and "reader too" in text, text
        rows = list_rows(app)
        assert rows[0].split() == ["1", "000_c4c750e82b5b3139.txt"], rows
        assert not any(row.startswith(("t ", "xt ", "txt ")) for row in rows), rows
        await pilot.press(*"annual")
        await pilot.pause(0.2)
        rows = list_rows(app)
        number, shown = rows[0].split()
        assert number == "6", rows
        start, _, end = shown.partition("\N{HORIZONTAL ELLIPSIS}")
        assert end and LONG_ID.startswith(start) and LONG_ID.endswith(end), rows
        assert end.endswith("methods.txt"), rows
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.active_pane.doc_id == LONG_ID)


async def test_the_search_box_has_room_for_the_query_at_40_columns(
    sample_workspace: Path,
) -> None:
    """Beside the scope's checkbox the box was eight cells wide: "mood" showed as "ood"."""
    app = make_app(sample_workspace, panes=1)
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, "slash", "SearchScreen")
        query = "mood regulation"
        await pilot.press(*query)
        box = app.screen.query_one(Input)
        await wait_for(pilot, lambda: "results in" in "\n".join(screen_lines(app)))
        region = box.content_region
        assert region.width >= 30, region
        assert screen_lines(app)[region.y][region.x : region.right].strip() == query
        assert any("All documents" in line for line in screen_lines(app))
        rows = list_rows(app)
        assert any("mood" in row for row in rows), rows
        await pilot.press("ctrl+t")  # the scope still changes, from the keyboard
        await wait_for(pilot, lambda: any("in all documents" in line for line in screen_lines(app)))
