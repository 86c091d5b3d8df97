"""``x`` in the synopsis while documents change on disk: never a CSV of the old texts.

Real files (a copy of the sample articles), edited while the table is on screen. The passage
index is held while it is built again, so the table stays "being updated" for as long as the
test needs, as it would for a large workspace.
"""

from __future__ import annotations

import csv
import threading
from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_synopsis_reload import ADDED_ON_TOP, SIZE, passage_texts, place_in_table, told

from corpus import passage_cache
from tui.app import make_app
from tui.screens.export import SaveTableScreen
from tui.screens.synopsis import SynopsisScreen

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def held_builds(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """From now on each index build waits until the returned event is set."""
    open_index = passage_cache.open_index
    may_go = threading.Event()

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert may_go.wait(60)
        return open_index(*args, **kwargs)

    monkeypatch.setattr(passage_cache, "open_index", held)
    return may_go


def saved_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8-sig", newline="")))


async def test_x_while_the_synopsis_is_being_updated_is_refused_in_words(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        was = await place_in_table(pilot, app)
        edited = next(iter(was.passages))
        may_go = held_builds(monkeypatch)
        path = sample_workspace / edited
        path.write_text(ADDED_ON_TOP + path.read_text(encoding="utf-8"), encoding="utf-8")
        screen = app.screen
        assert isinstance(screen, SynopsisScreen)
        await wait_for(pilot, lambda: screen.updating is not None)

        await pilot.press("x")
        await pilot.pause(0.2)
        assert app.screen is screen, "no file asked for: the rows quote the old text"
        assert any("x saves the rows again once it is done" in m for m in told(app)), told(app)

        may_go.set()
        updated = f"{edited} changed on disk; synopsis updated"
        await wait_for(pilot, lambda: any(updated in m for m in told(app)), timeout=30)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveTableScreen))


async def test_rows_updated_while_the_file_is_chosen_are_not_saved_as_they_were(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        was = await place_in_table(pilot, app)
        edited = next(iter(was.passages))
        quoted = passage_texts(app, was)[edited]
        screen = app.screen
        assert isinstance(screen, SynopsisScreen)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveTableScreen))

        # The passage is reworded on disk while the user is in the dialog...
        path = sample_workspace / edited
        text = path.read_text(encoding="utf-8")
        assert text.count(quoted) == 1
        reworded = f"{quoted[:-1]} indeed{quoted[-1]}"
        path.write_text(text.replace(quoted, reworded), encoding="utf-8")
        updated = f"{edited} changed on disk; synopsis updated"
        await wait_for(pilot, lambda: any(updated in m for m in told(app)), timeout=30)

        # ...so the rows the dialog was opened with are not written: it asks again.
        out = sample_workspace / "table.csv"
        await pilot.press("ctrl+u", *str(out), "enter")
        await pilot.pause(0.3)
        assert not out.exists()
        assert any("updated while you chose the file" in m for m in told(app)), told(app)
        assert isinstance(app.screen, SaveTableScreen)
        await pilot.press("enter")
        await wait_for(pilot, out.exists)
        rows = saved_rows(out)
        column = 4 + rows[0][4:].index(edited)
        now = " ".join(app.workspace.loaded(edited).text.split())  # as the cells say it
        cells = [row[column] for row in rows[1:] if row[column]]
        assert cells and all(cell in now for cell in cells), "quoted from the text on disk"
        assert not any(" ".join(quoted.split()) in cell for cell in cells)
