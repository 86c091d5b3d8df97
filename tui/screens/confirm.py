"""A yes/no question asked before something cannot be undone (discarding a note being
written, deleting a note, quitting with a draft).

No is focused and Escape answers it: a key pressed by habit must never be the yes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from corpus.text import inert_line
from tui.screens.claims import MODAL_CSS
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; only an explicit yes returns True."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="ConfirmScreen")
        + """
    ConfirmScreen Horizontal { height: auto; margin-top: 1; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,escape", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question, style="bold"))
            if self.detail:
                yield Static(Text(inert_line(self.detail, 300)))
            with Horizontal():
                yield Button("Yes (y)", variant="error", id="yes")
                yield Button("No (n)", variant="primary", id="no")
        yield KeyFooter()  # its own keys, not the reader's under it

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
