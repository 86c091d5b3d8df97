"""The matches side panel (``M``): the best passages of every document for one sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from corpus.text import inert, one_line
from tui.cells import shorten_middle
from tui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from textual.app import ComposeResult

    from corpus.matching import Match, MatchResult
    from corpus.workspace import Workspace

SHOWN = 40
"""Matches listed at most: beyond the first few per document they stop being useful."""
SCORE_TIP = (
    "Each number is how much that passage says what your sentence says, from 0 to 1: the words "
    "they share (rare ones count more) and whether their neighbours are alike. 1.00 is the same "
    "text. Compare the numbers with each other: the best is a first guess to check by eye. It "
    "measures wording, not truth. Enter shows the passage in a pane; ? says more."
)
"""Hovering the list says what its scores mean."""


@dataclass(frozen=True)
class MatchLine:
    """One match as the list shows it: its score and document on the first line, shortened to
    the list's width when it is drawn, and its passage wrapped below.

    The id is cut in its middle, as the status bar cuts it, so that the number at its end and
    the extension stay readable: wrapped, ``002_168a9ddd2ba1cce5.txt`` broke after ``.tx`` in a
    60-column terminal and read as two names. The width is only known when the list draws the
    line (and changes with the terminal), hence a renderable rather than a ready-made Text.
    """

    score: float
    doc_id: str
    text: str

    def __str__(self) -> str:
        """The line as plain text, the whole id uncut: what a search of the list's options (or
        anything else that wants words, not drawing) reads."""
        return f"{self.score:.2f} {self.doc_id}\n{one_line(self.text, 160)}"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The head line, never wrapped, then the passage."""
        score = f"{self.score:.2f} "
        head = Text(score, style="bold", no_wrap=True, overflow="ellipsis")
        room = max(options.max_width - len(score), 1)
        head.append(shorten_middle(" ".join(inert(self.doc_id).split()), room), style="italic")
        yield head
        yield Text(inert(one_line(self.text, 160)))


@dataclass(frozen=True)
class MatchesHeading:
    """What the panel's first lines say: which sentence is matched, and how many documents
    have no good match for it; on one line when it fits, else wrapped between words.

    Cut to one line like the other panels' headings, it lost what matters at the panel's
    narrowest (28 columns, with four panes or below 80 columns): "Matches of sentence 12 of"
    and an ellipsis, neither the document nor the documents without a match. Wrapped by the
    terminal, the id broke in its middle. So, when the whole does not fit, the sentence and
    the document take the first line(s), the id whole on a line of its own if need be (cut in
    its middle only when wider than the panel, as the list cuts it), and the count the next.
    The width is only known when the label draws it, hence a renderable.
    """

    sentence: int
    """1-based, as the status bar numbers it."""
    doc_id: str
    unmatched: int

    def __str__(self) -> str:
        """The heading in one line: what the tooltip says and a search reads."""
        said = f"Matches of sentence {self.sentence} of {inert(self.doc_id)}"
        if self.unmatched:
            noun = "document" if self.unmatched == 1 else "documents"
            said += f"; no good match in {self.unmatched} {noun}"
        return said

    def lines(self, width: int) -> list[str]:
        """The heading in lines of at most ``width`` cells, never broken inside a word."""
        whole = str(self)
        if cell_len(whole) <= width:
            return [whole]
        doc_id = shorten_middle(" ".join(inert(self.doc_id).split()), width)
        lines = _wrapped(["Matches", "of", "sentence", str(self.sentence), "of", doc_id], width)
        if self.unmatched:
            noun = "document" if self.unmatched == 1 else "documents"
            lines += _wrapped(f"{self.unmatched} {noun}: no good match".split(), width)
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(max(options.max_width, 1)):
            yield Text(line, no_wrap=True, overflow="ellipsis")


def _wrapped(words: list[str], width: int) -> list[str]:
    """``words`` in lines of at most ``width`` cells, broken only between words (a word wider
    than a line has one to itself)."""
    lines: list[str] = []
    for word in words:
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


class MatchesPanel(SidePanel):
    """Every candidate passage with its score, best first; choosing one shows it in a pane."""

    DEFAULT_CSS = """
    MatchesPanel {
        dock: right;
        width: 35%;
        min-width: 28;
        max-width: 56;
        display: none;
        border-left: vkey $panel-lighten-1;
        background: $surface;
    }
    MatchesPanel.-shown { display: block; }
    MatchesPanel > OptionList { height: 1fr; border: none; }
    MatchesPanel > Label { height: auto; }
    """

    class MatchChosen(Message):
        """The user picked a match: show it in a pane."""

        def __init__(self, match: Match) -> None:
            super().__init__()
            self.match = match

    def __init__(self) -> None:
        super().__init__()
        self.matches: list[Match] = []

    def compose(self) -> ComposeResult:
        yield Label("Matches: press m on a sentence")
        options = OptionList()
        options.tooltip = SCORE_TIP
        yield options

    def show_result(self, result: MatchResult | None, workspace: Workspace) -> None:
        """List ``result``'s matches (and the documents with no good match) with their text."""
        options = self.query_one(OptionList)
        options.clear_options()
        if result is None:
            self.matches = []
            self.show_heading("Matches: press m on a sentence")
            return
        self.matches = result.matches[:SHOWN]
        for match in self.matches:
            passage = match.passage
            document = workspace.loaded(passage.doc_id)
            text = document.text[passage.start : passage.end] if document else ""
            options.add_option(Option(MatchLine(match.shown_score, passage.doc_id, text)))
        if self.matches:
            # the best match, so that Enter shows it at once (the claims panel likewise
            # starts on a claim): with none highlighted Enter did nothing until Down
            options.highlighted = 0
        query = result.query
        home = workspace.loaded(query.doc_id)  # the index numbers no heading: ask the document
        sentence = home.sentence_at(query.start) if home is not None else None
        number = (query.sentence if sentence is None else sentence) + 1
        heading = MatchesHeading(number, query.doc_id, len(result.unmatched))
        label = self.query_one(Label)
        label.update(heading)
        label.tooltip = Text(str(heading))  # literal: a file called [b]x.txt is not markup

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.MatchChosen(self.matches[event.option_index]))
