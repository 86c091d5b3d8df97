"""A pane: a title line naming the document, above its :class:`DocumentView`.

The title line has two parts: the document's name, cut with an ellipsis when the pane is
narrow, and how the pane's passage matches ("match 0.62, 1/5"), which keeps its room. With six
panes side by side a pane is twenty columns wide, and a match label in front of the name left
no room for the name: the reader could see a score but not whose.

Under the title, a document with text but no sentences (Markdown indented throughout, only
code, tables or HTML) says why it has none: its text is shown, yet it has no claims and the
match key finds nothing, and without a word the user would think the reader broken.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from corpus.document import why_no_sentences
from corpus.text import inert, one_line
from tui.cells import shorten_path
from tui.widgets.document_view import DocumentView

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from corpus.model import Document


NARROW = 40
"""Panes narrower than this many columns show the short form of their match label."""
TITLE_DASH = " \N{EM DASH} "
"""Between a document's id and its title in the pane's title line."""
NOTICE_LINES = 4
"""Lines the no-sentences notice may take above the text; the match key's message has it all."""


class DocumentPane(Vertical):
    """One of the side-by-side panes; knows which document it shows, even before it loads."""

    DEFAULT_CSS = """
    DocumentPane {
        width: 1fr;
        height: 1fr;
        border-right: vkey $panel-lighten-1;
    }
    DocumentPane:last-of-type { border-right: none; }
    DocumentPane > .pane-bar {
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    DocumentPane:focus-within > .pane-bar {
        background: $primary-muted;
        color: $text;
        text-style: bold;
    }
    DocumentPane .pane-title {
        width: 1fr;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    DocumentPane .pane-match {
        width: auto;
        max-width: 60%;
        padding: 0 1 0 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        display: none;
    }
    DocumentPane .pane-match.-shown { display: block; }
    DocumentPane > .pane-notice {
        height: auto;
        padding: 0 1;
        background: $warning-muted;
        color: $text;
        display: none;
    }
    DocumentPane > .pane-notice.-shown { display: block; }
    """

    def __init__(self, number: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.number = number
        """1-based position, shown in the title so "pane 2" means something on screen."""
        self.doc_id: str | None = None
        self.match_label = ""
        """What the pane's match is ("match 0.62 · 1/5" or "no good match"); empty if none."""
        self._short_label = ""
        self._title = ""
        self._notice = ""
        """Why the document has no sentences, as the pane says it under the title."""
        self.no_sentences: str | None = None
        """Why the shown document has no sentences ("is empty", ...); None when it has some
        or is not loaded."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-bar"):
            yield Static("", classes="pane-title", markup=False)
            yield Static("", classes="pane-match", markup=False)
        yield Static("", classes="pane-notice", markup=False)
        yield DocumentView()

    @property
    def view(self) -> DocumentView:
        """The document view inside this pane."""
        return self.query_one(DocumentView)

    def set_title(self, doc_id: str | None, title: str = "") -> None:
        """Name the shown document: its id, then its title; both shown literally.

        An id wider than the room left beside the match label keeps its file name whole and
        cuts its folder (:func:`shorten_path`): cut at its end,
        ``licenses/extra/deep/nested/folder/...`` lost the file name, and two panes in one deep
        folder looked alike. The title after it is what
        the ellipsis at the end takes first, and it is left out when not a letter of it fits.
        """
        self._title = title
        narrow = self.size.width < NARROW
        shown = self._short_label if narrow else self.match_label
        number = f"{self.number} "
        label = Text(number, style="bold")
        if doc_id is None:
            label.append("(no document)")
        else:
            name = inert(doc_id)
            room = self._title_room(shown) - cell_len(number)
            # without room for the dash and a letter of the title, the title would only be
            # the ellipsis, and the ellipsis would take the id's last letter
            crowded = room > 0 and cell_len(name) + len(TITLE_DASH) + 1 > room
            if crowded:
                name = shorten_path(name, room)
            label.append(name)
            if title and title != doc_id and not crowded:
                label.append(TITLE_DASH)
                label.append(inert(one_line(title, 120)), style="italic")
        self.query_one(".pane-title", Static).update(label)
        match = self.query_one(".pane-match", Static)
        match.update(Text(f" {shown} ", style="bold reverse"))
        match.set_class(bool(shown), "-shown")

    def _title_room(self, match_label: str) -> int:
        """Cells the title's text has (0 before the pane is laid out): the pane's width less
        the title's padding and what the match label beside it takes (at most 60%)."""
        width = self.size.width
        if width <= 0:
            return 0
        match = min(cell_len(match_label) + 3, width * 6 // 10) if match_label else 0
        return width - 2 - match

    def set_match_label(self, label: str, short: str | None = None) -> None:
        """Say in the title how this pane's passage matches (empty to say nothing); ``short``
        is what a narrow pane shows instead."""
        self.match_label = label
        self._short_label = label if short is None else short
        self.set_title(self.doc_id, self._title)

    def on_click(self) -> None:
        # The title line and the notice cannot take the focus themselves, so a click on them
        # did nothing: the pane whose name the user clicked must become the one keys act on.
        self.view.focus()

    def on_resize(self) -> None:
        self.set_title(self.doc_id, self._title)
        self._fit_notice()

    def _fit_notice(self) -> None:
        """Show the notice in at most :data:`NOTICE_LINES` lines, cut with an ellipsis: in a
        narrow pane the whole reason would push the document's text off the screen."""
        notice = self.query_one(".pane-notice", Static)
        notice.set_class(bool(self._notice), "-shown")
        width = max(self.size.width - 2, 10)  # the notice's padding
        lines = textwrap.wrap(self._notice, width)
        if len(lines) > NOTICE_LINES:
            lines = lines[:NOTICE_LINES]
            lines[-1] = lines[-1][: width - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
        notice.update("\n".join(lines))

    def warn(self, message: str) -> None:
        """Say ``message`` above the text until another document is shown here: the file was
        deleted on disk, or changed and cannot be read, and the text is the last one read."""
        self._notice = message
        self._fit_notice()

    def show(self, doc_id: str, document: Document | None, *, sentence: int = 0) -> None:
        """Show ``doc_id``; with ``document`` None the pane waits for it to load."""
        self.doc_id = doc_id
        self.match_label = self._short_label = ""
        self.set_title(doc_id, document.title if document else "")
        self.no_sentences = None if document is None else why_no_sentences(document)
        # an empty document's placeholder says so already, in place of the text
        shown = self.no_sentences is not None and document is not None and bool(document.blocks)
        self._notice = (
            f"No sentences, so no claims or matches: it {self.no_sentences}." if shown else ""
        )
        self._fit_notice()
        if document is None:
            self.view.show_placeholder(f"Loading {inert(doc_id)}\N{HORIZONTAL ELLIPSIS}")
        elif not document.blocks:
            self.view.show_placeholder("(this document is empty)")
        else:
            self.view.show_document(document, sentence=sentence)

    def show_failure(self, doc_id: str, reason: str) -> None:
        """Explain, in place of the text, why ``doc_id`` cannot be shown."""
        self.doc_id = doc_id
        self.no_sentences = None
        self._notice = ""
        self._fit_notice()
        self.set_title(doc_id)
        self.view.show_placeholder(f"Cannot show this document: it {inert(reason)}.")
