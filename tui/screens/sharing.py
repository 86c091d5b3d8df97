"""``u``: the sharing status in full, and the notes by others that are new since the last visit.

The status bar only has room for "2 new notes by Bea · 1 unmerged file"; this screen says which
notes, which files, and what to do about them. Enter on a new note jumps to it (on an orphaned
one, says how to put it back); ``l`` opens the notes list narrowed to the new ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from corpus.text import inert, inert_line, one_line
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from annotations.model import Annotation
    from annotations.sharing import SharingStatus
    from tui.app import SynopticApp


class SharingScreen(ModalScreen["tuple[str, str] | None"]):
    """Returns ("jump", note id), ("list", "") or None."""

    DEFAULT_CSS = """
    SharingScreen { align: center middle; }
    SharingScreen > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    SharingScreen #sharing-details { margin-bottom: 1; }
    SharingScreen OptionList { width: 100%; height: auto; max-height: 16; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,u,q", "dismiss(None)", "Close"),
        Binding("l", "list_new", "List new notes"),
    ]

    def __init__(self, status: SharingStatus) -> None:
        super().__init__()
        self.status = status

    def compose(self) -> ComposeResult:
        status = self.status
        with Vertical():
            yield Static(Text(f"Sharing \N{EM DASH} read as {status.author}", style="bold"))
            lines = status.details(in_reader=True)
            yield Static(Text("\n".join(inert(line) for line in lines)), id="sharing-details")
            news = status.news
            notes = [*news.added, *news.edited]
            orphans = status.orphans.notes if status.orphans is not None else ()
            if notes or orphans:
                heading = "New and edited notes" if notes else "Orphaned notes"
                if notes and orphans:
                    heading += ", then orphaned ones"
                yield Static(Text(f"{heading} (Enter on one: where it is):", style="italic"))
                options = [self._option(n, "new" if n in news.added else "edited") for n in notes]
                options += [self._option(n, "orphan") for n in orphans]
                yield OptionList(*options)
        yield KeyFooter()

    @staticmethod
    def _option(note: Annotation, kind: str) -> Option:
        """One note to jump to; ``kind`` (new, edited, orphan) is also in its id, since a new
        note may be an orphan too and an option list takes an id once."""
        label = Text(no_wrap=True, overflow="ellipsis")
        label.append(f"{kind:<7}", style="bold")
        where = f"{one_line(note.author, 20)} on {one_line(note.target.doc, 24)}"
        label.append(inert(where))
        label.append(" \N{EM DASH} ")
        shown = note.target.quote if kind == "orphan" else note.note or note.target.quote
        label.append(inert_line(shown, 70), "italic")
        return Option(label, id=f"{kind}:{note.id}")

    def on_mount(self) -> None:
        for found in self.query(OptionList):
            found.focus()

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(("jump", event.option.id.partition(":")[2]))

    def action_list_new(self) -> None:
        self.dismiss(("list", ""))


def open_sharing_status(app: SynopticApp) -> None:
    """Show the status; it is worked out after the notes are read, so say so until then."""
    status = app.sharing.status
    if status is None:
        app.notify("The sharing status is worked out once the notes are read; a moment\u2026")
        return

    def answer(result: tuple[str, str] | None) -> None:
        from tui import note_places

        if result is None:
            return
        action, note_id = result
        if action == "list":
            note_places.open_notes_list(app, new_only=True)
        else:
            note_places.jump_to_note(app, note_id)

    app.push_screen(SharingScreen(status), answer)
