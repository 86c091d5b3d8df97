"""The claims side panel (``c``) and the legend line of kinds with their counts."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from corpus.claims import Certainty
from corpus.text import inert, one_line
from tui.claim_marks import ADVICE, ADVICE_LETTER
from tui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from corpus.model import Document
    from tui.claim_marks import ClaimMarks


class ClaimLegend(Static):
    """One line: each kind's letter, name and count in the current document, in its colour.

    Hidden kinds are shown struck through, so the legend also says what is switched off.
    """

    DEFAULT_CSS = """
    ClaimLegend { height: 1; padding: 0 1; background: $panel; }
    """

    def show_marks(self, marks: ClaimMarks | None) -> None:
        """Redraw for ``marks`` (None: claims not known yet for this document)."""
        if marks is None:
            self.update(Text("Claims: finding\N{HORIZONTAL ELLIPSIS}", style="dim"))
            return
        counts = marks.counts()
        legend = Text(no_wrap=True, overflow="ellipsis")
        for kind in marks.kinds:
            style = marks.style(kind)
            if kind in marks.hidden:
                style = Style(dim=True, strike=True)
            legend.append(f"{marks.letters[kind]} {kind} {counts.get(kind, 0)}", style=style)
            legend.append("  ")
        hidden = ADVICE in marks.hidden
        advice = Style(dim=True, strike=hidden)
        legend.append(f"{ADVICE_LETTER} {ADVICE} {counts.get(ADVICE, 0)}", style=advice)
        legend.append("   italic: hedged  ", style="italic dim")
        legend.append("underline: unsourced", style="underline dim")
        self.update(legend)


class ClaimsPanel(SidePanel):
    """The claims of the focused pane's document; choosing one moves the cursor there."""

    DEFAULT_CSS = """
    ClaimsPanel {
        dock: right;
        width: 52;
        display: none;
        border-left: vkey $panel-lighten-1;
        background: $surface;
    }
    ClaimsPanel.-shown { display: block; }
    ClaimsPanel > Label { padding: 0 1; color: $text-muted; width: 100%; }
    ClaimsPanel > OptionList { height: 1fr; border: none; }
    """

    class ClaimChosen(Message):
        """The user picked a claim: jump to sentence ``sentence`` of ``doc_id``."""

        def __init__(self, doc_id: str, sentence: int) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.sentence = sentence

    def __init__(self) -> None:
        super().__init__()
        self.doc_id: str | None = None
        self.sentences: list[int] = []

    def compose(self) -> ComposeResult:
        yield Label("Claims")
        yield OptionList()

    def show_claims(
        self, document: Document | None, marks: ClaimMarks | None, cursor: int = 0
    ) -> None:
        """List the visible claims of ``document``, the one at or after ``cursor`` highlighted."""
        options = self.query_one(OptionList)
        options.clear_options()
        self.sentences = []
        self.doc_id = document.id if document else None
        label = self.query_one(Label)
        if document is None or marks is None:
            label.update("Claims: waiting for the document\N{HORIZONTAL ELLIPSIS}")
            return
        for index in marks.claim_sentences():
            found = marks.assessments[index]
            assert found.kind is not None
            line = Text(f"{marks.letters[found.kind]} ", style=marks.style(found.kind))
            style = Style(italic=found.certainty is Certainty.HEDGED, underline=found.unsourced)
            line.append(inert(one_line(document.sentence_text(index), 200)), style=style)
            options.add_option(Option(line))
            self.sentences.append(index)
        label.update(f"Claims in {inert(document.id)}: {len(self.sentences)}  (Enter jumps)")
        if self.sentences:
            after = bisect.bisect_left(self.sentences, cursor)
            options.highlighted = min(after, len(self.sentences) - 1)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.doc_id is not None:
            self.post_message(self.ClaimChosen(self.doc_id, self.sentences[event.option_index]))
