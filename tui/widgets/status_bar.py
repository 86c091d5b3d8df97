"""The status line: where the cursor is, and how far loading has got.

While a passage is being picked for a note's link, it starts by saying how to end that.

It is one line, and a narrow terminal (or a long document id in a deep folder) cannot show
all of it. What matters most stays: follow mode, the document and the sentence, loading
progress and what others wrote; the block and word counts are dropped first, then the
document id is shortened in its middle (its folder's start and its file name stay).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from corpus.text import inert
from tui.cells import shorten_middle

if TYPE_CHECKING:
    from corpus.model import Document

DOT = "  \N{MIDDLE DOT}  "
TAKE = Style(bold=True, underline=True, meta={"@click": "app.pick(True)"})
"""The hint's "Enter takes this passage": a click on it does as Enter does."""
BACK = Style(bold=True, underline=True, meta={"@click": "app.pick(False)"})
"""The hint's "Esc goes back to the note": a click on it does as Esc does."""
SHORTEST_ID = 16
"""Cells a shortened document id keeps at least: enough to tell documents apart."""


class Position(NamedTuple):
    """Where the cursor is, in pieces that can be dropped one by one."""

    doc_id: str
    sentence: str
    block: str
    words: str


class StatusBar(Static):
    """One line above the footer; plain text, so document ids are never read as markup."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    position: reactive[str] = reactive("")
    """Where the cursor of the focused pane is, e.g. "001.txt · sentence 4/47"."""
    progress: reactive[str] = reactive("")
    """Loading progress while the worker runs; empty when every document is ready."""
    follow: reactive[bool] = reactive(False)
    """Whether follow mode (panes kept on matching passages) is on."""
    sharing: reactive[str] = reactive("")
    """New notes by others, unmerged or unshared files ('' when there is nothing to say)."""
    picking: reactive[bool] = reactive(False)
    """Whether the user is pointing at a passage to link from the note editor: the keys that
    end it are said here for as long as it lasts (a notification fades)."""

    def __init__(self) -> None:
        super().__init__()
        self._position: Position | None = None

    def show_position(self, document: Document | None, cursor: int) -> None:
        """Say where ``cursor`` (a sentence index) is in ``document``."""
        if document is None or cursor < 0:
            self._position = None
            self.position = f"{inert(document.id)}{DOT}no sentences" if document else ""
            return
        sentence = document.sentences[cursor]
        self._position = Position(
            inert(document.id),
            f"sentence {cursor + 1}/{len(document.sentences)}",
            f"block {sentence.block + 1}/{len(document.blocks)}",
            f"{document.words:,} words",
        )
        self.position = DOT.join(self._position)

    def _line(self, position: list[str]) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.follow:
            text.append("FOLLOW", style="bold reverse")
            text.append(" ")
        text.append(DOT.join(position))
        if self.progress:
            if position:
                text.append(DOT)
            text.append(self.progress, style="bold")
        if self.sharing:
            text.append(DOT)
            text.append(f"\N{CLOCKWISE OPEN CIRCLE ARROW} {inert(self.sharing)}", style="italic")
        if not self.picking:
            return text
        # first, so a narrow line cuts anything else before it
        hint = Text(no_wrap=True, overflow="ellipsis")
        hint.append("LINKING", style="bold reverse")
        hint.append(" ")
        # each half is clicked as its key is pressed: the footer has no room for those keys
        hint.append("Enter takes this passage", style=TAKE)
        hint.append(", ", style="bold")
        hint.append("Esc goes back to the note", style=BACK)
        return hint.append_text(Text(DOT) + text) if text else hint

    def render(self) -> Text:
        line = self._fitted(self.content_size.width)
        # cut here: the Static wraps a Text despite its no_wrap, and the rest of a line that
        # wrapped is below the one row this bar has
        line.truncate(self.content_size.width or line.cell_len, overflow="ellipsis")
        return line

    def _fitted(self, width: int) -> Text:
        if self._position is None:
            return self._line([self.position] if self.position else [])
        pieces = list(self._position)
        line = self._line(pieces)
        while width and line.cell_len > width and len(pieces) > 2:  # words, then block
            pieces.pop()
            line = self._line(pieces)
        if width and line.cell_len > width:
            over = line.cell_len - width
            pieces[0] = shorten_middle(pieces[0], max(cell_len(pieces[0]) - over, SHORTEST_ID))
            line = self._line(pieces)
        return line
