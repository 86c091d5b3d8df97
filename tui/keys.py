"""The reader's keys: one table, so the app, its help screen and the check of which keys act
on the panes read the same list.

The footer shows only what fits at 80 columns, the keys a newcomer needs (help, which lists
every key, search, match, follow, the synopsis, a note, quit); every binding is in help and
every action in the command palette.
"""

from __future__ import annotations

from textual.binding import Binding

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
    Binding("c", "toggle_claims_panel", "Claims", show=False),
    Binding("w", "why", "Why?", show=False),
    Binding("h", "pick_kinds", "Kinds", show=False),
    Binding("m", "match", "Match"),
    Binding("M", "toggle_matches_panel", "Matches", show=False),
    Binding("f", "toggle_follow", "Follow"),
    Binding("greater_than_sign,full_stop", "cycle_match(1)", "Next match", show=False),
    Binding("less_than_sign,comma", "cycle_match(-1)", "Prev match", show=False),
    Binding("s", "synopsis", "Synopsis"),
    Binding("a", "note('annotate')", "Note"),
    Binding("e", "note('edit')", "Edit note", show=False),
    Binding("r", "note('reply')", "Reply", show=False),
    Binding("x", "note('delete')", "Delete note", show=False),
    Binding("K", "note('resolve')", "Resolve kept versions", show=False),
    Binding("p", "toggle_notes_panel", "Notes", show=False),
    Binding("l", "note('open_notes_list')", "All notes", show=False),
    Binding("E", "export_notes", "Export notes", show=False),
    Binding("C", "note('mark_claim')", "Mark claim", show=False),
    Binding("u", "sharing_status", "Sharing status", show=False),
    Binding("q", "quit", "Quit"),
    *(Binding(str(n), f"open_number({n})", f"Open document {n}", show=False) for n in range(1, 10)),
)
"""The bindings of :class:`tui.app.SynopticApp`."""

NOTE_ACTIONS = frozenset(
    {"annotate", "edit", "reply", "delete", "resolve", "mark_claim", "open_notes_list"}
)
"""What ``note(...)`` may name: functions of :mod:`tui.note_actions` taking only the app, so a
binding or palette entry cannot reach anything else there."""

PANE_ACTIONS = frozenset(binding.action.partition("(")[0] for binding in READER_KEYS) - {
    "help",
    "quit",
    "pick",
}
"""The reader's own actions, which act on the panes; help and quit work on every screen."""
