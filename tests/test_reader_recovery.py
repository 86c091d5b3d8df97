"""A note being written survives the reader: kept on disk while it is written, offered back
(reopen, discard after a yes, or later) when the workspace is opened again, and gone once
saved or deliberately thrown away.

A reader that ends without a save or a discard (``app.exit()`` here, as a crash, a closed
terminal or a signal would end it) leaves its draft behind; the real signals are tested on
the real command in ``test_draft_signals.py``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_drafts import click_button, link_a_passage
from test_reader_notes import FIRST_DOC, editor, on_disk, seed, sentence_target, started, type_text
from textual.widgets import Button, Input, TextArea

from annotations.drafts import drafts_folder, recover_drafts
from annotations.store import AnnotationStore
from tui.app import SynopticApp, make_app
from tui.screens.drafts import TITLE, DraftOffer
from tui.screens.note_editor import ConfirmScreen, NoteEditor

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (120, 40)


def drafts(root: Path) -> list[dict[str, object]]:
    """The drafts on disk for ``root``, as JSON."""
    folder = drafts_folder(root)
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def kept_text(root: Path) -> list[object]:
    return [draft["draft"]["note"] for draft in drafts(root)]  # type: ignore[index]


async def write_and_walk_away(
    root: Path, text: str, *, keys: str = "a", pick: bool = False
) -> None:
    """Begin a note (``keys``), type ``text`` and a tag, and end the reader without saving."""
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press(keys)
        await type_text(pilot, text)
        await pilot.press("tab")
        await type_text(pilot, "mood")
        await pilot.press("shift+tab")
        if pick:
            await link_a_passage(pilot, app, "enter")
            await click_button(pilot, app, "pick")  # and left waiting for a passage
            assert app.picking is not None
        # written within a second or so while the user types, without saving
        await wait_for(pilot, lambda: any(text in str(t) for t in kept_text(root)), timeout=5)
        app.exit()


def offer(app: SynopticApp) -> DraftOffer:
    screen = app.screen
    assert isinstance(screen, DraftOffer), f"no draft offered: {screen!r}"
    return screen


async def offered(pilot: Pilot[None]) -> SynopticApp:
    app = await started(pilot)
    await wait_for(pilot, lambda: isinstance(app.screen, DraftOffer))
    return app


async def test_a_note_left_unsaved_is_offered_and_reopens_as_it_was(
    sample_workspace: Path,
) -> None:
    await write_and_walk_away(sample_workspace, "Unsaved thoughts", pick=True)
    assert on_disk(sample_workspace) == []

    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        assert offer(app).query_one(TextArea).text == "Unsaved thoughts"
        await pilot.press("enter")  # "Reopen in the editor" has the focus
        note_editor = editor(app)
        assert note_editor.query_one(TextArea).text == "Unsaved thoughts"
        assert note_editor.query_one("#tags", Input).value == "mood"
        assert len(note_editor.links) == 1  # the passage linked before the reader ended
        await type_text(pilot, " now finished")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(on_disk(sample_workspace)) == 1)
        await wait_for(pilot, lambda: drafts(sample_workspace) == [])
    (note,) = on_disk(sample_workspace)
    assert note.note == "Unsaved thoughts now finished"
    assert note.tags == ("mood",)
    assert len(note.links) == 1
    assert note.target.doc == FIRST_DOC


async def test_discarding_a_recovered_draft_asks_first(sample_workspace: Path) -> None:
    await write_and_walk_away(sample_workspace, "Maybe keep")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        await pilot.click("#discard")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # back to the choice, nothing lost
        await pilot.pause()
        offer(app)
        assert kept_text(sample_workspace) == ["Maybe keep"]
        await pilot.click("#discard")
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, DraftOffer | ConfirmScreen)
    assert drafts(sample_workspace) == []
    assert on_disk(sample_workspace) == []


async def test_later_keeps_the_draft_for_the_next_visit(sample_workspace: Path) -> None:
    await write_and_walk_away(sample_workspace, "Not now")
    for _ in range(2):
        app = make_app(sample_workspace, panes=2, author="Ann")
        async with app.run_test(size=SIZE) as pilot:
            await offered(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, DraftOffer)
        assert kept_text(sample_workspace) == ["Not now"]


async def test_a_draft_is_removed_when_saved_or_discarded(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        for end in ("save", "cancel", "quit"):
            await pilot.press("a")
            await type_text(pilot, f"to {end}")
            await wait_for(
                pilot, lambda typed=[f"to {end}"]: kept_text(sample_workspace) == typed, timeout=5
            )
            if end == "save":
                await pilot.press("ctrl+s")
            elif end == "cancel":
                await pilot.press("escape", "y")
            else:
                await pilot.press("ctrl+q", "y")
            await wait_for(pilot, lambda: drafts(sample_workspace) == [])
    assert [a.note for a in on_disk(sample_workspace)] == ["to save"]


async def test_a_draft_being_written_is_not_offered_to_a_second_reader(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "mine, still being written")
        await wait_for(pilot, lambda: len(drafts(sample_workspace)) == 1, timeout=5)
        # what a second reader opening this workspace now would find: nothing to take over
        assert recover_drafts(sample_workspace) == ([], [])


async def test_a_draft_whose_note_was_deleted_is_still_offered_with_its_text(
    sample_workspace: Path,
) -> None:
    mine = seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "Old")
    await write_and_walk_away(sample_workspace, " and the new half", keys="e")
    AnnotationStore(sample_workspace, "Ann").delete(mine.id)

    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        screen = offer(app)
        assert screen.query_one(TextArea).text == "Old and the new half"
        assert not screen.query("#reopen")
        assert "deleted" in str(screen.query_one(".error").render())
        await pilot.press("escape")
    assert kept_text(sample_workspace) == ["Old and the new half"]


async def test_an_edit_reopened_keeps_a_version_saved_meanwhile(sample_workspace: Path) -> None:
    mine = seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "Old")
    await write_and_walk_away(sample_workspace, " plus mine", keys="e")
    store = AnnotationStore(sample_workspace, "Ann")
    store.update(store.get(mine.id).edited(note="Changed elsewhere"))

    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        await pilot.press("enter")
        assert editor(app).query_one(TextArea).text == "Old plus mine"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: drafts(sample_workspace) == [])
    (note,) = on_disk(sample_workspace)
    assert note.note == "Old plus mine"
    assert [v.get("note") for v in note.superseded] == ["Changed elsewhere"]


async def test_a_damaged_draft_is_reported_and_left_untouched(sample_workspace: Path) -> None:
    folder = drafts_folder(sample_workspace)
    folder.mkdir(parents=True)
    damaged = folder / "0123456789abcdef.json"
    damaged.write_bytes(b'{"format": 1, "draft": {"note": "half a no')
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await wait_for(
            pilot, lambda: any("cannot be read" in str(n.message) for n in app._notifications)
        )
        assert not isinstance(app.screen, DraftOffer)
    assert damaged.read_bytes() == b'{"format": 1, "draft": {"note": "half a no'


async def test_the_offer_waits_for_a_note_being_written(sample_workspace: Path) -> None:
    """A note begun before the offer arrives is not interrupted: the offer follows it."""
    await write_and_walk_away(sample_workspace, "Earlier")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        if isinstance(app.screen, DraftOffer):  # the offer was quicker than the key
            return
        await pilot.press("a")
        await pilot.pause(0.3)
        assert isinstance(app.screen, NoteEditor | DraftOffer)
        if isinstance(app.screen, NoteEditor):
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, DraftOffer))
        assert TITLE in str(offer(app).query_one("Label").render())
        assert offer(app).query_one("#reopen", Button)
