"""The notes panel (``p``): the notes on the passage under the cursor, with their replies.

Note text is the user's own writing, shown literally: it is made inert and never read as
markup, so ``[bold]`` or an escape sequence in a note is displayed, not obeyed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotations.model import MAX_REPLY_DEPTH
from annotations.times import local_time
from corpus.text import inert, one_line, text_lines
from tui.notes import depth
from tui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.app import ComposeResult

    from annotations.links import EvidenceLink
    from annotations.model import Annotation
    from annotations.placement import Placed
    from tui.app import SynopticApp


def describe_note(
    placed: Placed,
    level: int = 0,
    *,
    own: bool = False,
    parent: Annotation | None = None,
    deleted_parent: Annotation | None = None,
) -> Text:
    """A note as lines of plain text: who and when, verdict and tags, then what they wrote.

    ``parent`` is named when given: the note a reply answers, when the reply is nested deeper
    than the indent shows (:data:`~annotations.model.MAX_REPLY_DEPTH`). ``deleted_parent`` is
    the tombstone of the note a reply answered: without a word, the reply would read as a
    note of its own, answering nothing.
    """
    annotation = placed.annotation
    indent = "  " * level + ("\N{RIGHTWARDS ARROW WITH HOOK} " if level else "")
    text = Text(indent)
    text.append(inert(one_line(annotation.credit, 60)), style="bold")
    # local time, as everywhere the reader shows one (a stored time may have any offset)
    text.append(f" \N{MIDDLE DOT} {inert(local_time(annotation.modified))}", style="dim")
    if own:
        text.append(" (yours)", style="dim")
    if placed.anchor.state.value != "anchored":
        text.append(f" [{placed.anchor.state.value}]", style="italic")
    if annotation.verdict is not None:
        text.append(f"  {annotation.verdict.label}", style="bold reverse")
    for tag in annotation.tags:
        text.append(f"  #{inert(tag)}", style="italic")
    if annotation.claim is not None:
        text.append(f"  {annotation.claim.label}", style="dim")
    if parent is not None:
        answered = f"{one_line(parent.credit, 40)} \N{MIDDLE DOT} {local_time(parent.modified)}"
        text.append(
            "\n"
            + "  " * level
            + "  \N{DOWNWARDS ARROW WITH TIP RIGHTWARDS} reply to "
            + inert(answered),
            style="dim",
        )
    if deleted_parent is not None:
        text.append(
            "\n"
            + "  " * level
            + "  \N{DOWNWARDS ARROW WITH TIP RIGHTWARDS} reply to "
            + inert(deleted_parent.as_deleted_parent(40)),
            style="dim",
        )
    # cut where the report cuts it: NEL and U+2028 are shown as characters, not obeyed
    for line in text_lines(annotation.note):
        text.append("\n" + "  " * level + "  " + inert(line))
    # A version that lost a conflict is kept; said here, or its writer would never know.
    from annotations.conflicts import kept_summary  # off the start-up path

    kept = kept_summary(annotation, 80)
    if kept:
        text.append("\n" + "  " * level + "  \N{WARNING SIGN} " + inert(kept), style="italic")
        if own:  # only its author can settle it (``synoptic note resolve``)
            text.append(" \N{MIDDLE DOT} K marks it as seen", style="dim")
    return text


def describe_link(link: EvidenceLink, level: int) -> Text:
    """One evidence link, as a line that opens it when chosen."""
    where = (
        link.citation
        if link.target is None
        else f"{link.target.doc}: \u201c{link.target.quote}\u201d"
    )
    text = Text("  " * level + f"  \N{NORTH EAST ARROW} {link.relation.value}: ", style="dim")
    text.append(inert(one_line(link.title or where, 100)), style="underline")
    return text


NOTE_KEYS = (
    "\N{UPWARDS ARROW}\N{DOWNWARDS ARROW} choose \N{MIDDLE DOT} e edit \N{MIDDLE DOT} r reply "
    "\N{MIDDLE DOT} x delete \N{MIDDLE DOT} a add \N{MIDDLE DOT} Tab back to the text"
)
"""The keys that act on these notes, on a line of their own under the list: the one-line
heading is narrower than them at any width, and while the keys are in a pane the footer shows
the reader's, not these. Wrapped between words."""


class NoteEntries(OptionList):
    """The panel's list: the arrows move from note to note (and to each note's links), and
    the footer says so, as it says what e, r and x do to the note highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next", tooltip="The next note (or link) on the passage"),
        Binding("up", "cursor_up", "Previous", tooltip="The previous note (or link)"),
        Binding("enter", "select", "Open link", show=False, tooltip="Open the highlighted link"),
    ]


class NotesPanel(SidePanel):
    """Notes on the passage under the cursor; choosing a link opens it."""

    DEFAULT_CSS = """
    NotesPanel {
        dock: right;
        width: 35%;
        min-width: 28;
        max-width: 56;
        display: none;
        border-left: vkey $panel-lighten-1;
        background: $surface;
    }
    NotesPanel.-shown { display: block; }
    NotesPanel > OptionList { height: 1fr; border: none; }
    NotesPanel > #note-keys { color: $text-muted; padding: 0 1; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # The reader's own keys, named here so the footer lists them while the panel has the
        # keys: they act on the note highlighted (tui.note_choice.current_note).
        Binding("e", "app.note('edit')", "Edit", tooltip="Edit the highlighted note (yours)"),
        Binding("r", "app.note('reply')", "Reply", tooltip="Reply to the highlighted note"),
        Binding("x", "app.note('delete')", "Delete", tooltip="Delete the highlighted note (yours)"),
        # Tab went on to the next pane, which changed what the panel listed; the pane being
        # read is where the user was, and the panel stays open, following its cursor.
        Binding(
            "tab,shift+tab",
            "back_to_text",
            "Back to text",
            tooltip="Back to the pane being read; the panel stays open and follows its cursor",
        ),
        Binding("escape", "hide", "Close", tooltip="Close the notes panel"),
    ]

    class LinkChosen(Message):
        """Open this evidence link (a web page, or a passage in a pane)."""

        def __init__(self, link: EvidenceLink) -> None:
            super().__init__()
            self.link = link

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[Annotation, EvidenceLink | None]] = []

    def compose(self) -> ComposeResult:
        yield Label("Notes here")
        yield NoteEntries()
        yield Static(NOTE_KEYS, id="note-keys", markup=False)

    def show_notes(
        self,
        notes: list[Placed],
        by_id: dict[str, Placed],
        own: set[str],
        where: str,
        *,
        deleted: Mapping[str, Annotation] | None = None,
    ) -> None:
        """List ``notes`` (already threaded) with their links; ``deleted``: tombstones by id,
        for the replies whose note was deleted."""
        options = self.query_one(OptionList)
        highlighted = self.current()
        options.clear_options()
        self.entries = []
        noun = "note" if len(notes) == 1 else "notes"
        self.show_heading(f"{len(notes)} {noun} on {where}")
        for placed in notes:
            level = depth(placed, by_id)
            annotation = placed.annotation
            parent = None  # deeper than the indent goes, the reply says which note it answers
            if level > MAX_REPLY_DEPTH and annotation.reply_to is not None:
                parent = by_id[annotation.reply_to].annotation
            level = min(level, MAX_REPLY_DEPTH)
            gone = None
            if annotation.reply_to is not None and annotation.reply_to not in by_id:
                gone = (deleted or {}).get(annotation.reply_to)
            described = describe_note(
                placed, level, own=annotation.id in own, parent=parent, deleted_parent=gone
            )
            options.add_option(Option(described, id=annotation.id))
            self.entries.append((annotation, None))
            for link in annotation.links:
                options.add_option(Option(describe_link(link, level)))
                self.entries.append((annotation, link))
        # The note that was highlighted stays so; else the first is, so that e, r and x act
        # on a note the user can see is chosen, and the arrows start from it.
        kept = (
            next((i for i, (a, _) in enumerate(self.entries) if a.id == highlighted.id), None)
            if highlighted is not None
            else None
        )
        if self.entries:
            options.highlighted = 0 if kept is None else kept

    def take_keys(self) -> None:
        """Give the keys to the list, on the note highlighted."""
        self.query_one(NoteEntries).focus()

    def action_back_to_text(self) -> None:
        """Give the keys back to the pane being read, leaving the panel open."""
        app: SynopticApp = self.app  # type: ignore[assignment]
        app.active_pane.view.focus()

    def current(self) -> Annotation | None:
        """The note the highlight is on (or whose link it is on)."""
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index][0]

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        link = self.entries[event.option_index][1]
        if link is not None:
            self.post_message(self.LinkChosen(link))
