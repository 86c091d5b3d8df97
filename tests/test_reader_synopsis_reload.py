"""The synopsis open while documents change on disk: its rows follow the new texts.

Real files (a copy of the sample articles), edited as an editor or ``git pull`` would edit
them while the table is on screen; the reader learns of it by itself (its timer), rebuilds the
passage index, then the table, keeping the reader's place in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_synopsis import open_synopsis

from tui.app import SynopticApp, make_app
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from corpus.synopsis import ClaimGroup

SIZE = (160, 40)
ADDED_ON_TOP = (
    "An editor's note added on top. It says nothing about the tree or the mood of anyone.\n\n"
)


def told(app: SynopticApp) -> list[str]:
    return [n.message for n in app._notifications]


def passage_texts(app: SynopticApp, group: ClaimGroup) -> dict[str, str]:
    """Each passage of ``group`` as the texts shown now read it."""
    texts = {}
    for doc_id, passage in group.passages.items():
        document = app.workspace.loaded(doc_id)
        assert document is not None
        texts[doc_id] = document.text[passage.start : passage.end]
    return texts


def shown_passages(app: SynopticApp) -> dict[str, str]:
    """What each pane highlights as the chosen row's passage, in the text it shows."""
    shown = {}
    for pane in app.panes:
        view = pane.view
        if view.document is not None and view.passage is not None:
            start, end = view.passage
            shown[view.document.id] = view.document.text[start:end]
    return shown


async def choose_row(pilot: Pilot[None], app: SynopticApp) -> ClaimGroup | None:
    """Enter on the cursor's row: the group laid out in the panes, or None when refused."""
    screen = app.screen
    assert isinstance(screen, SynopsisScreen)
    table = screen.query_one(SynopsisTable)
    group = screen.groups[table.row_keys[table.cursor_row]]
    await pilot.press("enter")
    await pilot.pause(0.2)
    return None if isinstance(app.screen, SynopsisScreen) else group


def cursor_group(app: SynopticApp) -> ClaimGroup:
    screen = app.screen
    assert isinstance(screen, SynopsisScreen)
    table = screen.query_one(SynopsisTable)
    return screen.groups[table.row_keys[table.cursor_row]]


def cursor_place(app: SynopticApp) -> int:
    """The line of the screen the cursor's row starts on."""
    table = app.screen.query_one(SynopsisTable)
    return table.cursor_row * table.row_height - round(table.scroll_y)


async def place_in_table(pilot: Pilot[None], app: SynopticApp) -> ClaimGroup:
    """Open the synopsis, filter it, sort it and move down it, as a reader checking it would."""
    await open_synopsis(pilot)
    await pilot.press("o", "a")  # the claims more than one document makes, best agreement first
    await pilot.press(*["down"] * 12)  # far enough down that the table has scrolled
    table = app.screen.query_one(SynopsisTable)
    assert table.scroll_y > 0
    group = cursor_group(app)
    assert group.size > 1
    return group


async def test_a_document_edited_under_the_synopsis_is_never_shown_at_its_old_places(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        was = await place_in_table(pilot, app)
        place = cursor_place(app)
        edited = next(iter(was.passages))
        claim = passage_texts(app, was)

        path = sample_workspace / edited
        path.write_text(ADDED_ON_TOP + path.read_text(encoding="utf-8"), encoding="utf-8")
        await wait_for(pilot, lambda: app.workspace.loaded(edited).text.startswith(ADDED_ON_TOP))

        # While the index and the rows are made again, Enter is refused in words, or (were
        # that quick enough) shows the right passages: never their old places.
        chosen = await choose_row(pilot, app)
        if chosen is None:
            assert any("is being updated" in message for message in told(app)), told(app)
            updated = f"{edited} changed on disk; synopsis updated"
            await wait_for(pilot, lambda: any(updated in m for m in told(app)), timeout=30)
            screen = app.screen
            assert isinstance(screen, SynopsisScreen)
            assert screen.shared_only and screen.order == "agreement", "filter and order kept"
            assert passage_texts(app, cursor_group(app)) == claim, "the cursor on the claim"
            assert cursor_place(app) == place, "at the same place on the screen"
            chosen = await choose_row(pilot, app)
        assert chosen is not None
        shown = shown_passages(app)
        assert shown, "the row is laid out in the panes"
        for doc_id, text in shown.items():
            assert text == claim[doc_id], f"{doc_id}: the passage of the row, in its new text"


async def test_a_passage_deleted_under_the_synopsis_leaves_its_row_and_says_so(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        was = await place_in_table(pilot, app)
        edited = next(iter(was.passages))
        gone = passage_texts(app, was)[edited]
        path = sample_workspace / edited
        text = path.read_text(encoding="utf-8")
        assert text.count(gone) == 1
        path.write_text(text.replace(gone, ""), encoding="utf-8")

        updated = f"{edited} changed on disk; synopsis updated"
        await wait_for(pilot, lambda: any(updated in m for m in told(app)), timeout=30)
        (message,) = (m for m in told(app) if updated in m)
        assert (
            f"the row you were on changed: its passage in {edited} was edited or deleted" in message
            or "the row you were on is gone" in message
        ), message
        now = cursor_group(app)
        assert edited not in now.passages or passage_texts(app, now)[edited] != gone
