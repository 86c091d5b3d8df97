"""Every dialog and screen shows its own keys in the footer: a dialog showed the reader's under
it (``m Match``, ``a Note``...), keys that do nothing while it is open. Each test reads the
footer line as drawn, a person's view of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    choose_by_keys,
    editor,
    screen_text,
    seed,
    sentence_target,
    started,
)
from textual.widgets import Button, Select

from annotations.links import Relation
from tui.app import make_app

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.app import SynopticApp

READER = "? Help / Search m Match f Follow s Synopsis a Note q Quit ^p palette"
"""The reader's own footer, for comparison."""


def footer(app: SynopticApp) -> str:
    """The bottom line of the screen, spaces collapsed: the footer's key labels."""
    return " ".join(
        screen_text(app).splitlines()[-1].replace("\N{LEFT ONE EIGHTH BLOCK}", "").split()
    )


async def open_screen(pilot: Pilot[None], keys: tuple[str, ...], name: str) -> None:
    """Press ``keys`` in the reader (each in turn, waiting for what it opens) until the
    screen called ``name`` is on top."""
    app = pilot.app
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await wait_for(pilot, lambda: type(app.screen).__name__ == name, timeout=20)
    await pilot.pause(0.1)  # the footer recomposes after the focus settles


SIZES = [(80, 24), (120, 40)]

DIALOGS = [
    # keys, the screen they open, its footer
    (("slash",), "SearchScreen", "esc Close ^t Current / all documents"),
    (("slash", "ctrl+t"), "SearchScreen", "esc Close ^t Current / all documents"),
    (("a",), "NoteEditor", "esc Cancel ^s Save"),
    (("x",), "ConfirmScreen", "n No y Yes"),
    (("E",), "ExportScreen", "esc Cancel"),
    (("question_mark",), "HelpScreen", "esc Close help"),
    (("o",), "OutlinePicker", "esc Close"),
    (("d",), "DocumentPicker", "esc Close"),
    (("w",), "WhyScreen", "esc Close"),
    (("h",), "KindPicker", "esc Close"),
    (("u",), "SharingScreen", "esc Close l List new notes"),
    (("s", "x"), "SaveTableScreen", "esc Cancel"),
    (("s", "x", "enter"), "KeptFileScreen", "esc Cancel"),
    (("ctrl+p",), "Palette", "esc Exit the command palette"),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("keys", "name", "expected"), DIALOGS)
async def test_a_dialog_s_footer_shows_its_own_keys(
    sample_workspace: Path, size: tuple[int, int], keys: tuple[str, ...], name: str, expected: str
) -> None:
    seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "A note.")
    # a file of the user's where x suggests saving the CSV: the dialog that keeps it opens
    beside = sample_workspace.parent / f"{sample_workspace.name}-synopsis.csv"
    beside.write_text("mine\n", encoding="utf-8")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app.claims_finished_at is not None, timeout=20)
        assert footer(app) == READER
        await open_screen(pilot, keys, name)
        assert footer(app) == expected


FULL_SCREENS = [
    (("s",), "SynopsisScreen", "esc Close / Filter o Shared only s By docs x Save CSV ? Help"),
    (("l",), "NotesListScreen", "esc Close / Find words R Re-attach here ? Help"),
]


@pytest.mark.parametrize(("keys", "name", "expected"), FULL_SCREENS)
async def test_a_full_screen_s_footer_shows_its_own_keys(
    sample_workspace: Path, keys: tuple[str, ...], name: str, expected: str
) -> None:
    seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "A note.")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app.claims_finished_at is not None, timeout=20)
        await open_screen(pilot, keys, name)
        assert footer(app) == f"{expected} ^p palette"


@pytest.mark.parametrize("size", SIZES)
async def test_while_a_passage_is_picked_the_footer_says_enter_takes_it_and_esc_goes_back(
    sample_workspace: Path, size: tuple[int, int]
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        await pilot.press("a")
        # the note, tags, verdict, the link's address and relation (chosen: none is chosen
        # for the user), Add link, Save: then "Link a passage..." (at 80x24 it is below the
        # editor's fold, out of the mouse's reach)
        await pilot.press(*["tab"] * 4)
        await choose_by_keys(pilot, editor(app).query_one("#relation", Select), Relation.SUPPORTS)
        await pilot.press(*["tab"] * 3)
        assert app.focused is editor(app).query_one("#pick", Button)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.picking is not None)
        await pilot.pause(0.1)
        shown = footer(app)
        # first, so that at 80 columns they are not what the footer cuts
        assert shown.index("⏎ Take passage") < shown.index("? Help")
        assert shown.index("esc Back to note") < shown.index("? Help")
        await pilot.press("escape")  # back to the note, then out of it
        await open_screen(pilot, (), "NoteEditor")
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "Screen")
        await pilot.pause(0.1)
        assert footer(app) == READER, "once the passage is picked, the keys are the reader's"
