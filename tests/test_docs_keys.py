"""The keys the README's tables and help (`?`) name against the keys really bound.

The bindings are collected from the running reader (the app, the screen and the focused
widget, as Textual resolves a key press), not from the source, so a key added, removed or moved
to another widget is checked wherever it lives.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from readme_text import key_name, key_tables
from rich.table import Table
from textual.widgets import Static

from tui.app import SynopticApp, make_app
from tui.commands import PALETTE_ACTIONS, SYNOPSIS_ACTIONS
from tui.keys import READER_KEYS
from tui.screens.help import HelpScreen
from tui.screens.notes_list import NotesListScreen
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.document_view import DocumentView

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

TEXTUAL_KEYS = {
    ("left", "scroll_left"): "a pane's text is wrapped to its width: nothing to scroll to",
    ("right", "scroll_right"): "as left",
    (
        "left",
        "cursor_left",
    ): "the notes list's columns fit the screen; a row has no cells to move in",
    ("right", "cursor_right"): "as left",
    ("ctrl+pageup", "page_left"): "Textual's sideways paging, as left",
    ("ctrl+pagedown", "page_right"): "as ctrl+pageup",
    ("ctrl+home", "scroll_top"): "the notes list's DataTable: what Home does, which is documented",
    ("ctrl+end", "scroll_bottom"): "as ctrl+home, for End",
    ("ctrl+c", "screen.copy_text"): "Textual's copy of its own text selection, on the full "
    "screens and dialogs; over the panes Ctrl+C is the reader's copy, which the README documents",
    ("super+c", "screen.copy_text"): "as ctrl+c (a terminal keeps Cmd+C for its own copy)",
}
"""Keys Textual binds on its own widgets and screens that the README leaves out, with what they
do there (a key we bind ourselves, as the synopsis's arrows, is not excused), and why."""

EVERY_SCREEN = {"tab", "shift+tab", "question_mark", "f1", "ctrl+p", "ctrl+q"}
"""Keys that act on every screen, documented once in the reader's table."""

PROSE_NAMES = {
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "ctrl+p": "Ctrl+P",
    "ctrl+q": "Ctrl+Q",
    "enter": "Enter",
    "down": "\N{DOWNWARDS ARROW}",
    "up": "\N{UPWARDS ARROW}",
    "left": "\N{LEFTWARDS ARROW}",
    "right": "\N{RIGHTWARDS ARROW}",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
}
"""Keys help may name in its words rather than in a table, by how it names them."""


def bound_keys(app: SynopticApp) -> set[str]:
    """Every key bound where a press goes: the focused widget and its ancestors, the screen and
    the app, including keys that are bound but off just now (linking's Enter, the synopsis's
    paging), which the README documents as well; without Textual's own, excused above."""
    focused = app.focused.ancestors_with_self if app.focused else []
    nodes = [app.screen, *(node for node in focused if node is not app)]
    if app.screen is app.screen_stack[0]:
        nodes.insert(0, app)  # on a full screen the reader's keys are off: only active ones count
    actions = {
        key: bindings[0].action
        for node in nodes  # the focused widget last, as it wins
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    actions |= {key: active.binding.action for key, active in app.screen.active_bindings.items()}
    return {key for key, action in actions.items() if (key, action) not in TEXTUAL_KEYS}


def readme_keys(title: str) -> set[str]:
    return {key for keys, _ in key_tables()[title] for key in keys}


def help_keys(app: SynopticApp) -> tuple[set[str], str]:
    """The keys help's tables list (by Textual's names), and all of its words. Opened from a
    full screen, only that screen's: its table of keys and what help says about it, since the
    reader's tables under them (Reading: down, Enter...) are about the hidden panes."""
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    keys: set[str] = set()
    words = []
    tables = [static.content for static in screen.query(Static)]
    for content in tables:
        if isinstance(content, Table):
            for cell in content.columns[0]._cells:
                for key in str(cell).split(" / "):
                    first, dash, last = key.partition("\N{EN DASH}")  # 1–9: nine keys
                    numbers = range(int(first), int(last) + 1) if dash else ()
                    keys |= {str(number) for number in numbers} or {key_name(key)}
            if screen.screen_keys_first:
                return keys, screen.about or ""
        else:
            words.append(str(content))
    return keys, " ".join(words)


async def open_help(pilot: Pilot[None]) -> tuple[set[str], str]:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await pilot.press("question_mark")
    await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
    found = help_keys(app)
    await pilot.press("escape")
    await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))
    return found


def undocumented_in_help(bound: set[str], listed: set[str], words: str) -> set[str]:
    """Bound keys help names nowhere: neither in a table nor, for a named key, in its words."""
    return {
        key
        for key in bound - listed
        if key not in PROSE_NAMES or not re.search(rf"(?<!\w){re.escape(PROSE_NAMES[key])}", words)
    }


async def test_the_readers_keys_are_the_readme_table_and_help(sample_workspace: Path) -> None:
    """`=` adds a pane as `+` does, and Enter and Esc take a passage being linked or go back
    to the note: bound, in help, but not in the README's table. Help did not say Ctrl+Q."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.focused, DocumentView))
        bound = bound_keys(app)
        documented = readme_keys("Key")
        assert bound - documented == set(), "bound, not in the README's Keys table"
        assert documented - bound_keys(app) == set(), "in the README's Keys table, not bound"
        listed, words = await open_help(pilot)
        assert undocumented_in_help(bound, listed, words) == set()


async def test_the_synopsis_keys_are_the_readme_table_and_help(sample_workspace: Path) -> None:
    """Help from the synopsis listed its screen's keys but not its table's (Enter, the arrows,
    Home and End), and left out q, a second "Close" after Esc."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
        await wait_for(pilot, lambda: app.focused is not None)
        bound = bound_keys(app) - EVERY_SCREEN
        assert bound - readme_keys("Claim synopsis") == set()
        assert readme_keys("Claim synopsis") - bound == set()
        listed, words = await open_help(pilot)
        assert undocumented_in_help(bound, listed, words) == set()


async def test_the_notes_list_keys_are_the_readme_table_and_help(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.notes.ready)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        await wait_for(pilot, lambda: app.focused is not None)
        bound = bound_keys(app) - EVERY_SCREEN
        assert bound - readme_keys("Notes list") == set()
        assert readme_keys("Notes list") - bound == set()
        listed, words = await open_help(pilot)
        assert undocumented_in_help(bound, listed, words) == set()


def test_the_palette_names_the_keys_of_its_actions() -> None:
    """The palette's "(x)" after an entry is the key that runs the same action: "Export notes"
    had none, though `E` exports."""
    reader = {
        key: binding.action
        for binding in (*READER_KEYS, *DocumentView.BINDINGS)
        for key in binding.key.split(",")
        if hasattr(binding, "action")
    }
    synopsis = {
        key: binding.action
        for binding in SynopsisScreen.BINDINGS
        for key in getattr(binding, "key", "").split(",")
        if hasattr(binding, "action")
    }
    wrong = []
    for entries, keys in ((PALETTE_ACTIONS, reader), (SYNOPSIS_ACTIONS, synopsis)):
        for name, help_text, action in entries:
            hint = re.search(r"\(([^()]*|[()])\)$", help_text)  # "(()" names the key "("
            if action == "search(True)":
                continue  # no key of its own: Ctrl+T in the search dialog, as its entry says
            if hint is None:
                wrong.append(f"{name}: no key")
                continue
            typed = [part for part in hint.group(1).split(", ") if " " not in part]
            want = action.removeprefix("focused.")
            for part in typed:
                bound = keys.get(key_name(part))
                if bound != want and {bound, want} != {"back", "dismiss(None)"}:
                    wrong.append(f"{name}: {part} runs {bound}, not {want}")
    assert wrong == []
