"""Small choosers: the document list (``d``) and the outline of headings (``o``)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from corpus.text import inert, one_line
from tui.cells import shorten_middle
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console, ConsoleOptions, RenderResult
    from textual.app import ComposeResult

    from corpus.model import Document

PICKER_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 80%; max-width: 120; height: auto; max-height: 80%;
    border: thick $primary; background: $surface; padding: 0 1;
}}
{name}.-narrow > Vertical {{ width: 100%; }}
{name}.-short > Vertical {{ max-height: 100%; }}
{name} Label {{ color: $text-muted; width: 100%; }}
{name} OptionList {{ height: auto; max-height: 30; }}
"""
"""The frame of a chooser. Its label wraps (at 40 columns it was cut in a word: "number ke"),
and a small screen gives it the whole width and height."""


TITLE_ROOM = 12
"""Fewest cells a title gets beside the id and the length; with less it goes to the lines
below, where it has the list's width."""


@dataclass(frozen=True)
class DocumentEntry:
    """A document as the picker lists it: its number, its id, its title and length.

    One line when the title has some room beside the rest, the title cut with an ellipsis and
    the length at the line's right end, where the eye finds it in every entry: wrapped with the
    rest, a long title pushed "15,753 words" over the line's end, and "words" alone onto the
    next line, at 160 columns. With less room (a narrow screen) the title goes under the id,
    wrapped between words. The id is cut in its middle when it is wider than the list, as the
    status bar and the matches panel cut it: wrapped, ``000_c4c750e82b5b3139.txt`` broke
    after ``.t`` at 40 columns and read as two names. The width is only known when the list
    draws the entry, hence a renderable.
    """

    number: int
    doc_id: str
    title: str
    words: int | None
    current: bool
    problem: str = ""
    """Why the file cannot be read, or how its encoding was guessed: said once in a notice when
    the workspace opens, and here for as long as it holds."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 1)
        number = f"{self.number:>3}  "
        indent = " " * len(number)
        length = f"  {self.words:,} words" if self.words is not None else ""
        label = Text(number, style="dim", no_wrap=True, overflow="ellipsis")
        doc_id = shorten_middle(" ".join(inert(self.doc_id).split()), width - len(number))
        label.append(doc_id, style="bold" if self.current else "")
        below: list[Text] = []
        if label.cell_len + len(length) > width:  # the id whole rather than the length beside it
            below.append(Text(indent + length.strip(), style="dim"))
            length = ""
        title = Text(inert(one_line(self.title, 70)), style="italic")
        beside = width - label.cell_len - len(length) - 2
        if title and beside >= min(TITLE_ROOM, title.cell_len):
            title.truncate(beside, overflow="ellipsis")
            label.append("  ")
            label.append_text(title)
        elif title:
            lines = title.wrap(console, max(width - len(number), 1))
            below[:0] = [Text(indent) + line for line in lines]
        label.pad_right(width - label.cell_len - len(length))
        label.append(length, style="dim")
        yield label
        yield from below
        if self.problem:
            problem = Text(inert(one_line(self.problem, 300)), style="dim")
            for line in problem.wrap(console, max(width - len(number), 1)):
                yield Text(indent) + line


class DocumentPicker(ModalScreen[str | None]):
    """Choose the document for the focused pane; type to filter by id or title."""

    DEFAULT_CSS = PICKER_CSS.format(name="DocumentPicker")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(
        self,
        entries: list[tuple[str, str, int | None]],
        current: str | None,
        problems: Mapping[str, str] | None = None,
    ) -> None:
        """``entries`` are (id, title or status, words or None while loading); ``problems``
        says by id why a file cannot be read, or how it was decoded."""
        super().__init__()
        self.entries = entries
        self.problems = problems or {}
        self.current = current
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Open in this pane (number keys 1\N{EN DASH}9 work in the reader too)")
            yield Input(placeholder="Filter by id or title\N{HORIZONTAL ELLIPSIS}")
            yield OptionList()
        yield KeyFooter()  # its own keys, not the reader's under it

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        needle = query.casefold()
        options = []
        self.shown = []
        for number, (doc_id, title, words) in enumerate(self.entries, start=1):
            if needle and needle not in doc_id.casefold() and needle not in title.casefold():
                continue
            problem = self.problems.get(doc_id, "")
            entry = DocumentEntry(number, doc_id, title, words, doc_id == self.current, problem)
            options.append(Option(entry))
            self.shown.append(doc_id)
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        if self.shown:
            option_list.highlighted = (
                self.shown.index(self.current) if self.current in self.shown else 0
            )

    @on(Input.Changed)
    def filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def submit(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if self.shown:
            self.dismiss(self.shown[highlighted or 0])

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[event.option_index])

    def key_down(self) -> None:
        if self.query_one(Input).has_focus:
            self.query_one(OptionList).focus()


class OutlinePicker(ModalScreen[int | None]):
    """Jump to a heading of the current document; returns the heading's start offset."""

    DEFAULT_CSS = PICKER_CSS.format(name="OutlinePicker")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, document: Document, at: int | None = None) -> None:
        """``at``: the cursor's offset, whose section the outline opens on. From the first
        heading, a long handbook's reader scrolled through 200 headings from the top to
        reach the part next to the one they were in."""
        super().__init__()
        self.document = document
        self.at = at
        self.offsets: list[int] = []

    def compose(self) -> ComposeResult:
        headings = self.document.headings()
        with Vertical():
            yield Label(
                f"Outline of {inert(self.document.id)}"
                if headings
                else "This document has no headings."
            )
            options = []
            for _, block in headings:
                label = Text("  " * max(block.level - 1, 0))
                label.append(inert(one_line(self.document.text[block.start : block.end], 100)))
                options.append(Option(label))
                self.offsets.append(block.start)
            yield OptionList(*options)
        yield KeyFooter()  # its own keys, not the reader's under it

    def on_mount(self) -> None:
        if self.at is None or not self.offsets:
            return
        # the section the cursor is in: the last heading starting at or before it
        here = bisect.bisect_right(self.offsets, self.at) - 1
        self.query_one(OptionList).highlighted = max(here, 0)

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.offsets[event.option_index])
