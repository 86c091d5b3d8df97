"""The reader's keys: one table, so the app, its help screen and the check of which keys act
on the panes read the same list.

The footer shows only what fits at 80 columns, the keys a newcomer needs (help, which lists
every key, search, match, follow, the synopsis, a note, quit); every binding is in help and
every action in the command palette.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import format_key

READER_KEYS: tuple[Binding, ...] = (
    # First, so the footer shows them first while a passage is being picked; at any other
    # time they are off (SynopticApp.check_action) and the footer leaves them out.
    Binding(
        "enter",
        "pick(True)",
        "Take passage",
        priority=True,
        tooltip="Take this passage (when linking one)",
    ),
    Binding(
        "escape",
        "pick(False)",
        "Back to note",
        priority=True,
        tooltip="Back to the note (when linking)",
    ),
    Binding("question_mark,f1", "help", "Help"),
    Binding("slash", "search", "Search"),
    Binding("o", "outline", "Outline", show=False),
    Binding("d", "documents", "Documents", show=False),
    Binding("left_square_bracket", "cycle_document(-1)", "Previous document", show=False),
    Binding("right_square_bracket", "cycle_document(1)", "Next document", show=False),
    Binding("plus,equals_sign", "add_pane", "Add pane", show=False),
    Binding("minus", "remove_pane", "Remove pane", show=False),
    Binding(
        "c",
        "toggle_claims_panel",
        "Claims",
        show=False,
        tooltip="Claims panel: the focused document's claims, one by one",
    ),
    Binding(
        "w",
        "why",
        "Why?",
        show=False,
        tooltip="Why? The words that made this sentence a claim of its kind, or none",
    ),
    Binding(
        "h",
        "pick_kinds",
        "Kinds",
        show=False,
        tooltip="Kinds: choose which kinds of claim are marked",
    ),
    Binding(
        "m",
        "match",
        "Match",
        tooltip="Match: scroll the other panes to where they say what this sentence says",
    ),
    Binding(
        "M",
        "toggle_matches_panel",
        "Matches",
        show=False,
        tooltip="Matches panel: every match of the sentence, with the words they share",
    ),
    Binding(
        "f",
        "toggle_follow",
        "Follow",
        tooltip="Follow: the other panes keep to the matches as the cursor moves",
    ),
    Binding(
        "greater_than_sign,full_stop",
        "cycle_match(1)",
        "Next match",
        show=False,
        tooltip="Next match in the focused pane: the next-best passage",
    ),
    Binding("less_than_sign,comma", "cycle_match(-1)", "Prev match", show=False),
    Binding(
        "s",
        "synopsis",
        "Synopsis",
        tooltip="Claim synopsis: every claim in a table, with the documents that make it",
    ),
    Binding(
        "right_parenthesis",
        "synopsis_row(1)",
        "Next synopsis row",
        show=False,
        tooltip="Lay out the synopsis row after the one laid out (its filter and order kept)",
    ),
    Binding("left_parenthesis", "synopsis_row(-1)", "Previous synopsis row", show=False),
    Binding(
        "a",
        "note('annotate')",
        "Note",
        tooltip="Add a note on the selection, or on the cursor's sentence",
    ),
    Binding("e", "note('edit')", "Edit note", show=False, tooltip="Edit your note at the cursor"),
    Binding("r", "note('reply')", "Reply", show=False, tooltip="Reply to the note at the cursor"),
    Binding(
        "x",
        "note('delete')",
        "Delete note",
        show=False,
        tooltip="Delete your note at the cursor (after asking)",
    ),
    Binding(
        "ctrl+z",
        "note('undo_delete')",
        "Undo delete",
        show=False,
        tooltip="Bring back the note you last deleted (x), as it was; again: the one before",
    ),
    Binding(
        "K",
        "note('resolve')",
        "Resolve kept versions",
        show=False,
        tooltip=(
            "Resolve kept versions: when two copies of your note were changed at once "
            "(in a shared workspace), mark the version not shown as seen"
        ),
    ),
    Binding(
        "p",
        "toggle_notes_panel",
        "Notes",
        show=False,
        tooltip=(
            "Notes panel: the notes on the passage under the cursor, the keys in its list "
            "(from a pane while it is open: back to it; from the list: close it)"
        ),
    ),
    Binding(
        "l",
        "note('open_notes_list')",
        "All notes",
        show=False,
        tooltip="All notes: every note of the workspace, with filters",
    ),
    Binding(
        "E",
        "export_notes",
        "Export notes",
        show=False,
        tooltip="Export the notes as a Markdown report (or W3C Web Annotations)",
    ),
    Binding(
        "C",
        "note('mark_claim')",
        "Mark claim",
        show=False,
        tooltip=(
            "Mark the cursor's sentence as a claim; again: as not a claim; a third time: "
            "back to what Synoptic found"
        ),
    ),
    Binding(
        "u",
        "sharing_status",
        "Sharing status",
        show=False,
        tooltip="Sharing status: new notes by others since your last visit (shared through git)",
    ),
    Binding("q", "quit", "Quit"),
    *(Binding(str(n), f"open_number({n})", f"Open document {n}", show=False) for n in range(1, 10)),
)
"""The bindings of :class:`tui.app.SynopticApp`."""

PRINTED_KEYS = {
    "down": "\N{DOWNWARDS ARROW}",
    "up": "\N{UPWARDS ARROW}",
    "left": "\N{LEFTWARDS ARROW}",
    "right": "\N{RIGHTWARDS ARROW}",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "space": "Space",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "escape": "Esc",
    "enter": "Enter",
}
"""Keys that are not one character, by Textual's names, as the README and help print them."""


def printed_key(key: str) -> str:
    """``key`` as printed on a keyboard and in the README: ``ctrl+down`` is ``Ctrl+↓``,
    ``pagedown`` ``PgDn``, ``greater_than_sign`` ``>``; a letter keeps its case (``G``)."""
    *modifiers, name = key.split("+")
    typed = format_key(name)  # a punctuation key's character; other names stay words
    if name in PRINTED_KEYS:
        shown = PRINTED_KEYS[name]
    elif len(typed) == 1 and typed.isprintable():
        shown = typed.upper() if modifiers and typed.isalpha() else typed  # Ctrl+C, as typed
    else:
        shown = name.capitalize()  # f1 is F1
    return "+".join([*(modifier.capitalize() for modifier in modifiers), shown])


NOTE_ACTIONS = frozenset(
    {
        "annotate",
        "edit",
        "reply",
        "delete",
        "undo_delete",
        "resolve",
        "mark_claim",
        "open_notes_list",
    }
)
"""What ``note(...)`` may name: functions of :mod:`tui.note_actions` taking only the app, so a
binding or palette entry cannot reach anything else there."""

PANE_ACTIONS = frozenset(binding.action.partition("(")[0] for binding in READER_KEYS) - {
    "help",
    "quit",
    "pick",
}
"""The reader's own actions, which act on the panes; help and quit work on every screen."""
