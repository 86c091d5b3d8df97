"""``u``: the sharing status in full, and the notes by others that are new since the last visit.

The status bar only has room for "2 new notes by Bea · 1 unmerged file"; this screen says which
notes, which files, and what to do about them. Enter on a new note jumps to it; ``l`` opens the
notes list narrowed to the new ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from corpus.text import inert, inert_line, one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

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
            yield Static(
                Text("\n".join(inert(line) for line in status.details())), id="sharing-details"
            )
            news = status.news
            notes = [*news.added, *news.edited]
            if notes:
                yield Static(Text("New and edited notes (Enter jumps to one):", style="italic"))
                options = []
                for note in notes:
                    label = Text(no_wrap=True, overflow="ellipsis")
                    label.append("new    " if note in news.added else "edited ", style="bold")
                    where = f"{one_line(note.author, 20)} on {one_line(note.target.doc, 24)}"
                    label.append(inert(where))
                    label.append(" \N{EM DASH} ")
                    label.append(inert_line(note.note or note.target.quote, 70), "italic")
                    options.append(Option(label, id=note.id))
                yield OptionList(*options)
        yield Footer()

    def on_mount(self) -> None:
        for found in self.query(OptionList):
            found.focus()

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(("jump", event.option.id))

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
