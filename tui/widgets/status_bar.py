"""The status line: where the cursor is, and how far loading has got.

While a passage is being picked for a note's link, it starts by saying how to end that.

It is one line, and a narrow terminal (or a side panel beside it, or a long document id in a
deep folder) cannot show all of it. It gives up detail in order of what matters least, never
cutting a word in the middle: the word and block counts go first, then "sentence 3/54"
becomes "3/54", then the document id is shortened in its middle (its start, which the pane's
title shows too, and its file name stay), then what others wrote, what changed on disk and the
loading progress go, and while a passage is picked the position and then the long wording of
the hint. While there is news (it fades), the position goes before it; news too long for the
line is cut between words, never given up whole. Whatever can be given back afterwards
without cutting the id further is given back.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from corpus.text import inert
from tui.cells import shorten_middle

if TYPE_CHECKING:
    from corpus.model import Document

DOT = "  \N{MIDDLE DOT}  "
ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
TAKE = Style(bold=True, underline=True, meta={"@click": "app.pick(True)"})
"""The hint's "Enter takes this passage": a click on it does as Enter does."""
BACK = Style(bold=True, underline=True, meta={"@click": "app.pick(False)"})
"""The hint's "Esc goes back to the note": a click on it does as Esc does."""
HINTS = (
    ("Enter takes this passage", "Esc goes back to the note"),
    ("Enter takes it", "Esc goes back"),
)
"""The linking hint's two halves, in full and in the words a 40-column line has room for."""
SHORTEST_ID = 16
"""Cells a shortened document id keeps at least: enough to tell documents apart."""


class Position(NamedTuple):
    """Where the cursor is, in pieces that can be dropped one by one."""

    doc_id: str
    sentence: str
    block: str
    words: str
    short_sentence: str
    """The sentence without its label ("3/54"), which the id beside it makes clear."""


@dataclass(frozen=True)
class Detail:
    """What the line shows; each field is given up in turn, the first field first."""

    words: bool = True
    block: bool = True
    sentence_label: bool = True
    whole_id: bool = True
    sharing: bool = True
    position: bool = True
    news: bool = True
    progress: bool = True
    long_hint: bool = True


STEPS = tuple(field.name for field in fields(Detail))
"""The fields of :class:`Detail`, least important first."""


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
    news: reactive[str] = reactive("")
    """What just happened on disk ("a.md changed on disk; reloaded; 2 notes moved"), for a
    while ('' when there is nothing to say)."""
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
        count = f"{cursor + 1}/{len(document.sentences)}"
        self._position = Position(
            inert(document.id),
            f"sentence {count}",
            f"block {sentence.block + 1}/{len(document.blocks)}",
            f"{document.words:,} words",
            count,
        )
        self.position = DOT.join(self._position[:4])

    def render(self) -> Text:
        width = self.content_size.width
        if not width:
            return self._line(Detail(), 0)[0]
        return _cut_between_words(self._fitted(width), width)

    def _fitted(self, width: int) -> Text:
        """The line with as much detail as fits in ``width`` cells (or the least there is)."""
        detail = Detail()
        line, id_cells = self._line(detail, width)
        given_up: list[str] = []
        for step in STEPS:
            if line.cell_len <= width:
                break
            if step == "position" and not (self.picking or self.news):
                # Only the linking hint, and for the moment it lasts the news of what the
                # user just did ("Copied 117 characters from b.md"), are worth more than where
                # the cursor is: a narrow line gave the news up whole, and a copy looked lost.
                continue
            if step == "news" and not self.picking:
                continue  # cut between words at the end rather than given up whole
            detail = replace(detail, **{step: False})
            given_up.append(step)
            line, id_cells = self._line(detail, width)
        # Some of it may fit again now (a hint shortened leaves room for the position): give
        # back the most important first, as long as the id is cut no further.
        for step in reversed(given_up):
            richer = replace(detail, **{step: True})
            candidate, cells = self._line(richer, width)
            if candidate.cell_len <= width and cells >= id_cells:
                detail, line, id_cells = richer, candidate, cells
        return line

    def _pieces(self, detail: Detail, id_cells: int | None) -> list[str]:
        """The position's pieces at ``detail``, the id in ``id_cells`` cells (None: whole)."""
        if self._position is None:
            return [self.position] if self.position and detail.position else []
        if not detail.position:
            return []
        doc_id, sentence, block, words, short = self._position
        if id_cells is not None:
            doc_id = shorten_middle(doc_id, id_cells)
        pieces = [doc_id, sentence if detail.sentence_label else short]
        if detail.block:
            pieces.append(block)
            if detail.words:
                pieces.append(words)
        return pieces

    def _line(self, detail: Detail, width: int) -> tuple[Text, int]:
        """The line at ``detail``, and the cells its document id takes.

        Without ``whole_id`` the id is shortened by as much as the line is too long, to no
        fewer than :data:`SHORTEST_ID` cells.
        """
        line = self._assemble(detail, self._pieces(detail, None))
        whole = cell_len(self._position.doc_id) if self._position else 0
        if detail.whole_id or self._position is None or not width or line.cell_len <= width:
            return line, whole
        cells = max(whole - (line.cell_len - width), min(SHORTEST_ID, whole))
        return self._assemble(detail, self._pieces(detail, cells)), cells

    def _assemble(self, detail: Detail, position: list[str]) -> Text:
        text = Text(no_wrap=True)
        if self.follow:
            text.append("FOLLOW", style="bold reverse")
            text.append(" ")
        text.append(DOT.join(position))
        if self.progress and detail.progress:
            if position:
                text.append(DOT)
            text.append(self.progress, style="bold")
        if self.news and detail.news:
            if text:
                text.append(DOT)
            text.append(inert(self.news), style="bold")
        if self.sharing and detail.sharing:
            if text:
                text.append(DOT)
            text.append(f"\N{CLOCKWISE OPEN CIRCLE ARROW} {inert(self.sharing)}", style="italic")
        if not self.picking:
            return text
        # first, so a narrow line gives up anything else before it
        take, back = HINTS[0 if detail.long_hint else 1]
        hint = Text(no_wrap=True)
        hint.append("LINKING", style="bold reverse")
        hint.append(" ")
        # each half is clicked as its key is pressed: the footer has no room for those keys
        hint.append(take, style=TAKE)
        hint.append(", ", style="bold")
        hint.append(back, style=BACK)
        return hint.append_text(Text(DOT) + text) if text else hint


def _cut_between_words(line: Text, width: int) -> Text:
    """``line`` in ``width`` cells, cut after its last whole word that fits.

    An ellipsis says that words were cut off; none is needed when whole pieces went (the cut
    fell on a separator). Only a single word wider than the line is cut inside, where there is
    no other way.
    """
    if line.cell_len <= width:
        return line
    plain = line.plain
    cut = 0
    used = 0
    for index, character in enumerate(plain):
        if character == " " and used + 1 <= width:
            cut = index
        used += get_character_cell_size(character)
        if used > width:
            break
    kept = plain[:cut].rstrip()
    if not kept:
        line.truncate(width, overflow="ellipsis")
        return line
    dropped_pieces = kept.endswith("\N{MIDDLE DOT}") or plain[cut:].lstrip().startswith(
        "\N{MIDDLE DOT}"
    )
    kept = kept.rstrip(" \N{MIDDLE DOT}")
    shown = line[: len(kept)]
    if not dropped_pieces:
        shown.append(ELLIPSIS)
    return shown
