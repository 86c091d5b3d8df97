"""What a newcomer runs into first: a folder with no documents in it, keys pressed before the
notes are read, and what help says about the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader import screen_text, widget_text
from test_reader_notes import FIRST_DOC, list_rows, seed, sentence_target
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from tui.app import SynopticApp, make_app
from tui.commands import PALETTE_ACTIONS
from tui.keys import READER_KEYS
from tui.screens.help import HelpScreen
from tui.screens.notes_list import NotesListScreen

if TYPE_CHECKING:
    from pathlib import Path


def messages(app: SynopticApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def help_text(app: SynopticApp) -> str:
    """Help's words as drawn, its lines joined, as a reader scrolling through it sees them."""
    assert isinstance(app.screen, HelpScreen)
    return " ".join(" ".join(widget_text(static).split()) for static in app.screen.query(Static))


async def test_a_workspace_without_documents_still_lists_its_notes(sample_workspace: Path) -> None:
    """A student who moved the articles away (or pointed the reader at a folder of PDFs) was
    told "Notes are still being read." by every note key, for ever: nothing was read when there
    was no document. The notes on the removed files are still there to list and re-attach."""
    note = seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 2), "Check")
    for path in sample_workspace.glob("*.txt"):
        path.unlink()
    app = make_app(sample_workspace, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.notes.ready)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        assert list_rows(app) == [note.id]
        assert "Notes are still being read." not in messages(app)


async def test_a_note_key_says_once_why_notes_are_off(sample_workspace: Path) -> None:
    """With the notes unreadable (here: a config file that cannot be parsed), e, r, x and K said
    why, then went on to say "None of your notes is here", which reads as if the note were
    gone."""
    config = sample_workspace / ".synoptic" / "config.toml"
    config.parent.mkdir()
    config.write_text("author = \n", encoding="utf-8")
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.notes.unavailable is not None)
        for key in ("e", "r", "x", "K"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            said = messages(app)
            assert len(said) == 1 and said[0].startswith("Notes are off"), (key, said)


async def test_help_says_what_the_colours_and_marks_mean_and_what_each_key_does(
    sample_workspace: Path,
) -> None:
    """Help listed "m  Match", "s  Synopsis", "K  Resolve kept versions": the footer's word
    again. A student could not learn from it what the colours, italics and * were, nor which
    key finds where the other articles say the same thing."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = help_text(app)
        for meaning in (
            "the letter in its margin say what kind of claim it makes",
            "Hedged claims",
            "underlined",
            "a * in the margin marks a passage with a note",
            "press m; the other panes scroll to where their documents say the same thing",
            "E exports the notes as a report",
            # each key with what it does, not only its footer word
            "Match: scroll the other panes to where they say what this sentence says",
            "Claim synopsis: every claim in a table",
            "Export the notes as a Markdown report",
            "when two copies of your note were changed at once",
        ):
            assert meaning in text, meaning


async def test_help_from_the_notes_list_says_what_its_anchor_words_mean(
    sample_workspace: Path,
) -> None:
    """The list's Anchor column says anchored, moved, fuzzy or orphaned, and its heading
    speaks of re-attaching "an orphan": words nothing on screen explained."""
    app = make_app(sample_workspace, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.notes.ready, timeout=20)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = help_text(app)
        assert "orphaned (its passage was not found" in text
        assert "moved (its quote found elsewhere" in text


@pytest.mark.parametrize(
    ("typed", "found"),
    [("report", "Export notes"), ("colours", "Help"), ("all claims", "Claim synopsis")],
)
async def test_the_palette_finds_an_action_by_what_it_does(
    sample_workspace: Path, typed: str, found: str
) -> None:
    """Ctrl+P matched names only: "report" found nothing (the entry is "Export notes"), nor did
    "colours" or "all claims", the words of a student's task."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *typed)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count > 0)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(prompt.startswith(found) for prompt in prompts), prompts


def test_the_palette_offers_every_action_of_the_reader_s_keys() -> None:
    """Edit, reply, delete, resolve and mark claim had keys but no palette entry, so someone
    who forgot the key could not find them where every other action is."""
    offered = {action for _name, _help, action in PALETTE_ACTIONS}
    for binding in READER_KEYS:
        assert isinstance(binding, Binding)
        if binding.action.startswith(("pick(", "open_number(")) or binding.action == "quit":
            continue  # picking has its own footer; documents are offered by name; Textual quits
        assert binding.action in offered, binding.description


async def test_the_title_and_help_say_where_the_copy_of_the_sample_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The title bar is the place that says where the sample's copy (and so one's notes) is;
    at 80 columns it ended "your copy in /home/student/.local/share/syn…"."""
    home = tmp_path / "home" / "a-student-with-a-long-name"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(home / ".local" / "share" / "synoptic"))
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = screen_text(app).splitlines()[0]
        assert "~/.local/share/synoptic/sample" in title, title
        assert "\N{HORIZONTAL ELLIPSIS}" not in title, title
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        said = help_text(app)
        assert "your own copy of the sample workspace, in ~/.local/share/synoptic/sample" in said
        assert "your notes are kept in its annotations folder" in said
