"""The status line: where the cursor is, and how far loading has got."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from corpus.text import inert

if TYPE_CHECKING:
    from corpus.model import Document


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

    def show_position(self, document: Document | None, cursor: int) -> None:
        """Say where ``cursor`` (a sentence index) is in ``document``."""
        if document is None or cursor < 0:
            self.position = ""
            return
        sentence = document.sentences[cursor]
        dot = "  \N{MIDDLE DOT}  "
        self.position = (
            f"{inert(document.id)}{dot}sentence {cursor + 1}/{len(document.sentences)}"
            f"{dot}block {sentence.block + 1}/{len(document.blocks)}{dot}{document.words:,} words"
        )

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.follow:
            text.append("FOLLOW", style="bold reverse")
            text.append(" ")
        text.append(self.position)
        if self.progress:
            if self.position:
                text.append("  \N{MIDDLE DOT}  ")
            text.append(self.progress, style="bold")
        if self.sharing:
            text.append("  \N{MIDDLE DOT}  ")
            text.append(f"\N{CLOCKWISE OPEN CIRCLE ARROW} {inert(self.sharing)}", style="italic")
        return text
