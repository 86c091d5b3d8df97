"""``?``: what Synoptic is for and every key, generated from the bindings so it cannot drift."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import ComposeResult

INTRO = (
    "Synoptic shows several documents side by side so you can compare what they claim. "
    "Each pane has its own document and sentence cursor; the focused pane's title is "
    "highlighted. Mouse: click a sentence to select it, scroll with the wheel."
)


def _keys(binding: Binding) -> str:
    names = {
        "right_curly_bracket": "}",
        "left_curly_bracket": "{",
        "question_mark": "?",
        "slash": "/",
        "plus": "+",
        "minus": "-",
        "equals_sign": "=",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
    }
    return " / ".join(names.get(key.strip(), key.strip()) for key in binding.key.split(","))


def bindings_table(title: str, bindings: Iterable[BindingType]) -> Table:
    """A two-column table of keys and what they do."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    seen: set[str] = set()
    for binding in bindings:
        if (
            not isinstance(binding, Binding)
            or not binding.description
            or binding.description in seen
        ):
            continue
        seen.add(binding.description)
        table.add_row(Text(_keys(binding)), Text(binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    """Key reference; Escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    HelpScreen Static { margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close help"),
    ]

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Synoptic \N{EM DASH} help", style="bold"))
            yield Static(Text(INTRO))
            for title, bindings in self.sections:
                yield Static(bindings_table(title, bindings))
            yield Static(
                Text(
                    "Ctrl+P opens the command palette: every action, every document, the themes.",
                    style="italic",
                )
            )
