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
    """Each kind's letter, name and count in the current document, in its colour.

    Hidden kinds are shown struck through, so the legend also says what is switched off. When
    one line is too short (80 columns), the key to the text styles shrinks to its two styled
    words, then the entries wrap onto a second line: a legend cut at the edge hid the kinds a
    reader most needed to know were there.

    On a short screen (the ``-short`` breakpoint, under 24 lines) the legend keeps to one line:
    at 40x15 its three lines left the text eight. It drops the kinds' names there, keeping
    their letters (the ones in the margin) and counts; the names are a hover away, in the
    tooltip, and help (``?``) explains the colours.
    """

    DEFAULT_CSS = """
    ClaimLegend { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    Screen.-short ClaimLegend { max-height: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._marks: ClaimMarks | None = None
        self._none: str | None = None
        """Why the document has no claims to find (it cannot be read), when it has none."""
        self._short = False
        """Whether the legend was last drawn for a short screen (one line)."""

    def show_marks(self, marks: ClaimMarks | None) -> None:
        """Redraw for ``marks`` (None: claims not known yet for this document)."""
        self._marks = marks
        self._none = None
        self._short = self.is_attached and self.screen.has_class("-short")
        self.tooltip = None
        if marks is None:
            self.update(Text("Claims: finding\N{HORIZONTAL ELLIPSIS}", style="dim"))
            return
        counts = marks.counts()
        entries: list[Text] = []
        letters: list[Text] = []
        for kind in marks.kinds:
            style = marks.style(kind)
            if kind in marks.hidden:
                style = Style(dim=True, strike=True)
            entries.append(Text(f"{marks.letters[kind]} {kind} {counts.get(kind, 0)}", style=style))
            letters.append(Text(f"{marks.letters[kind]} {counts.get(kind, 0)}", style=style))
        advice = Style(dim=True, strike=ADVICE in marks.hidden)
        entries.append(Text(f"{ADVICE_LETTER} {ADVICE} {counts.get(ADVICE, 0)}", style=advice))
        letters.append(Text(f"{ADVICE_LETTER} {counts.get(ADVICE, 0)}", style=advice))
        width = self.content_region.width or self.app.size.width - 2
        full = Text.assemble(
            ("italic: hedged", "italic dim"), "  ", ("underline: unsourced", "underline dim")
        )
        short = Text.assemble(("hedged", "italic dim"), " ", ("unsourced", "underline dim"))
        for key in (full, short):
            line = Text("  ").join(entries) + Text("   ") + key
            if line.cell_len <= width:
                self.update(line)
                return
        if not self._short:
            self.update(_wrapped([*entries, short], width))
            return
        self.tooltip = Text("  ").join(entries) + Text("   ") + full
        compact = Text("  ").join(letters) + Text("   ") + short
        if compact.cell_len > width:
            compact = _wrapped(letters, width).split("\n")[0]  # whole entries, one line
            compact.no_wrap = True
            compact.overflow = "ellipsis"
        self.update(compact)

    def show_none(self, why: str) -> None:
        """Say that no claims will come, and ``why``: "finding..." for a document that cannot
        be read would wait forever."""
        self._marks = None
        self._none = why
        self.update(Text(f"Claims: none, {why}", style="dim", no_wrap=True, overflow="ellipsis"))

    def _redraw(self) -> None:
        if self._none is not None:
            self.show_none(self._none)
        else:
            self.show_marks(self._marks)

    def on_resize(self) -> None:
        if self.is_mounted:
            self._redraw()

    def notify_style_update(self) -> None:
        # A screen that became short or tall without changing width leaves the legend's size
        # as it was (one line of a compact legend is one line), so no resize says so.
        super().notify_style_update()
        if (
            self.is_mounted
            and self._none is None
            and self.screen.has_class("-short") != self._short
        ):
            self.call_later(self._redraw)


def _wrapped(entries: list[Text], width: int) -> Text:
    """``entries`` two spaces apart, a new line started wherever the next would not fit."""
    legend = Text(no_wrap=True, overflow="ellipsis")
    used = 0
    for entry in entries:
        if used and used + 2 + entry.cell_len > width:
            legend.append("\n")
            used = 0
        elif used:
            legend.append("  ")
            used += 2
        legend.append_text(entry)
        used += entry.cell_len
    return legend


class ClaimsPanel(SidePanel):
    """The claims of the focused pane's document; choosing one moves the cursor there."""

    DEFAULT_CSS = """
    ClaimsPanel {
        dock: right;
        width: 35%;
        min-width: 28;
        max-width: 52;
        display: none;
        border-left: vkey $panel-lighten-1;
        background: $surface;
    }
    ClaimsPanel.-shown { display: block; }
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
        if document is None or marks is None:
            self.show_heading("Claims: waiting for the document\N{HORIZONTAL ELLIPSIS}")
            return
        for index in marks.claim_sentences():
            found = marks.assessments[index]
            assert found.kind is not None
            line = Text(f"{marks.letters[found.kind]} ", style=marks.style(found.kind))
            style = Style(italic=found.certainty is Certainty.HEDGED, underline=found.unsourced)
            line.append(inert(one_line(document.sentence_text(index), 200)), style=style)
            options.add_option(Option(line))
            self.sentences.append(index)
        if not document.sentences:  # say why, or "0" reads as a detector that found nothing
            self.show_heading(
                f"No claims in {inert(document.id)}: it has no sentences (see the pane)"
            )
            return
        self.show_heading(f"Claims in {inert(document.id)}: {len(self.sentences)}  (Enter jumps)")
        if self.sentences:
            after = bisect.bisect_left(self.sentences, cursor)
            options.highlighted = min(after, len(self.sentences) - 1)

    def show_none(self, doc_id: str, reason: str) -> None:
        """Say why ``doc_id`` has no claims: it ``reason`` ("is empty")."""
        self.query_one(OptionList).clear_options()
        self.sentences = []
        self.doc_id = doc_id
        self.show_heading(f"No claims in {inert(doc_id)}: it {reason}")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.doc_id is not None:
            self.post_message(self.ClaimChosen(self.doc_id, self.sentences[event.option_index]))
