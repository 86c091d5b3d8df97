"""Offering back a note left unsaved when a reader closed without saving it.

Shown once the workspace's notes are read, one draft at a time: what it was (a new note, an
edit, a reply; where; when), its text in full, in a box where it can be selected and copied,
and the choice to reopen it in the editor as it was, to discard it (after a yes), or to leave
it for later. A draft that can no longer go back where it was (its document is gone, the note
it changes or answers was deleted, it was written under another name) is offered all the
same: its text is there to copy, and it stays until discarded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from annotations.drafts import DraftKind
from annotations.times import local_time
from corpus.text import inert, inert_line
from tui.screens.claims import MODAL_CSS
from tui.screens.note_editor import ConfirmScreen, link_text
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import ComposeResult

    from annotations.drafts import DraftRecord, Recovered
    from tui.app import SynopticApp

TITLE = "A note you were writing was not saved"


def why_not_reopened(app: SynopticApp, record: DraftRecord) -> str | None:
    """Why ``record`` cannot go back into the editor as it was, or None when it can."""
    if record.author != app.notes.author:
        return (
            f"It was written as {record.author}, and you are reading as {app.notes.author}: "
            f"open the reader with --author {record.author!r} to reopen it."
        )
    if record.target.doc not in app.workspace.document_ids:
        return f"Its document, {record.target.doc}, is no longer in the workspace."
    if record.kind is DraftKind.NEW or record.note_id is None:
        return None
    placed = app.notes.by_id.get(record.note_id)
    if placed is None or placed.annotation.deleted:
        what = "changes" if record.kind is DraftKind.EDIT else "answers"
        return f"The note it {what} has been deleted since."
    return None


class DraftOffer(ModalScreen[str]):
    """One recovered draft: "reopen", "discard" or "later"."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="DraftOffer")
        + """
    DraftOffer TextArea { height: auto; max-height: 12; margin: 1 0; }
    DraftOffer .dim { color: $text-muted; }
    DraftOffer Label.error { color: $warning; }
    DraftOffer Horizontal { height: auto; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss('later')", "Later"),
    ]

    def __init__(self, record: DraftRecord, problem: str | None) -> None:
        super().__init__()
        self.record = record
        self.problem = problem

    def compose(self) -> ComposeResult:
        record = self.record
        when = local_time(record.saved) if record.saved else "an earlier session"
        with Vertical():
            yield Label(Text(TITLE, style="bold"))
            yield Static(
                Text(inert_line(f"{record.heading}, by {record.author}, kept {when}.", 300))
            )
            yield Static(Text(inert_line(record.target.quote, 300), style="italic"), classes="dim")
            yield TextArea(record.draft.note, read_only=True, soft_wrap=True, id="draft-text")
            details = []
            if record.draft.tags:
                details.append("tags: " + ", ".join(record.draft.tags))
            if record.draft.verdict is not None:
                details.append(f"verdict: {record.draft.verdict.value.replace('-', ' ')}")
            if details:
                yield Static(Text(inert_line("; ".join(details), 300)), classes="dim")
            for link in record.draft.links:
                yield Static(link_text(link), classes="dim")
            if self.problem is not None:
                yield Label(
                    Text(inert(self.problem + " Copy the text from the box above.")),
                    classes="error",
                )
            with Horizontal():
                if self.problem is None:
                    yield Button("Reopen in the editor", variant="primary", id="reopen")
                yield Button("Discard\N{HORIZONTAL ELLIPSIS}", variant="error", id="discard")
                yield Button("Later (Esc)", id="later")
        yield KeyFooter()

    def on_mount(self) -> None:
        buttons = self.query(Button)
        (buttons.first() if self.problem is None else self.query_one("#later", Button)).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")


def offer_draft(app: SynopticApp, found: Recovered, done: Callable[[], None]) -> None:
    """Offer ``found``; ``done`` runs once the user has chosen (reopen, discard or later)."""
    from tui import note_actions

    problem = why_not_reopened(app, found.record)

    def chosen(choice: str | None) -> None:
        nonlocal found, problem
        if app.drafts.shown is not None and app.drafts.shown.file is found.file:
            found = app.drafts.shown  # its document renamed meanwhile: as it is now
            problem = why_not_reopened(app, found.record)
        if choice == "reopen" and problem is None:
            note_actions.reopen(app, found)
            done()
        elif choice == "discard":
            app.push_screen(
                ConfirmScreen(
                    "Discard this note draft?",
                    "It is the only copy of what you wrote there; it cannot be brought back.",
                ),
                answered,
            )
        else:
            found.file.release()  # offered again when the workspace is next opened
            app.notify("The draft is kept: it is offered again when you next open this workspace.")
            done()

    def answered(yes: bool | None) -> None:
        if yes:
            found.file.discard()
            app.notify("Draft discarded.")
            done()
        else:  # back to the choice: a no must not leave the draft unanswered
            app.push_screen(DraftOffer(found.record, problem), chosen)

    app.push_screen(DraftOffer(found.record, problem), chosen)
