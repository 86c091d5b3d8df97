"""The scrolling, lazily drawn view of one document with its sentence cursor.

Built on the Line API (as toolong draws multi-gigabyte logs): the document is wrapped into a
:class:`~tui.layout.DocumentLayout` once per width and only the lines on screen are turned into
segments, so a 100,000-line document scrolls as smoothly as a short one (when and where the
wrapping is done is :mod:`tui.widgets.document_wrapping`). Text is drawn as plain segments from
:func:`corpus.text.inert` output: never parsed as markup, never able to send a control sequence
to the terminal.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.layout import SEPARATOR, offset_at_cell, wraps_quickly
from tui.widgets.cursor_moves import CursorMoves
from tui.widgets.document_styles import COMPONENT_CLASSES, DOCUMENT_VIEW_CSS, overlay_style
from tui.widgets.document_wrapping import GUTTER, DocumentWrapping
from tui.widgets.line_painter import LinePainter

if TYPE_CHECKING:
    from rich.style import Style
    from textual import events
    from textual.geometry import Region

    from corpus.model import Document
    from tui.claim_marks import ClaimMarks
    from tui.layout import DocumentLayout


class DocumentView(CursorMoves, DocumentWrapping, ScrollView, can_focus=True):
    """One document, wrapped to the pane's width, with a sentence cursor.

    The cursor's moves and the selection are in :class:`~tui.widgets.cursor_moves.CursorMoves`,
    the wrapping in :class:`~tui.widgets.document_wrapping.DocumentWrapping`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENT_CLASSES
    DEFAULT_CSS = DOCUMENT_VIEW_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "next_sentence", "Next sentence", show=False),
        Binding("up,k", "previous_sentence", "Prev sentence", show=False),
        Binding("right_curly_bracket,ctrl+down", "next_paragraph", "Next paragraph", show=False),
        Binding("left_curly_bracket,ctrl+up", "previous_paragraph", "Prev paragraph", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
        Binding("home,g", "first_sentence", "Top", show=False),
        Binding("end,G", "last_sentence", "Bottom", show=False),
        Binding("shift+right", "extend_selection(1)", "Select a word more", show=False),
        Binding("shift+left", "extend_selection(-1)", "Select a word less", show=False),
        Binding("shift+down", "extend_selection_by_sentence(1)", "Select more", show=False),
        Binding("shift+up", "extend_selection_by_sentence(-1)", "Select less", show=False),
        Binding("escape", "clear_selection", "Clear selection", show=False),
        # the app's: Textual's own Ctrl+C copies only its text selection, which a pane has not
        Binding(
            "ctrl+c,y",
            "app.copy_passage",
            "Copy",
            show=False,
            tooltip="Copy the selection, else the sentence",
        ),
        Binding(
            "Y",
            "app.copy_passage(True)",
            "Copy with citation",
            show=False,
            tooltip="Copy as a quote with its source",
        ),
        Binding("n", "next_claim", "Next claim", show=False),  # the footer is the app's
        Binding("N", "previous_claim", "Prev claim", show=False),
    ]

    cursor: reactive[int] = reactive(-1, always_update=True, repaint=False)
    """Index of the sentence under the cursor in the shown document; -1 when there is none."""

    class CursorMoved(Message):
        """The cursor went to another sentence; the status bar and later the matcher listen."""

        def __init__(self, view: DocumentView, doc_id: str, sentence: int) -> None:
            super().__init__()
            self.view = view
            self.doc_id = doc_id
            self.sentence = sentence

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, DocumentView.CursorMoved) and message.view is self.view

    class MatchRequested(Message):
        """A double click on a sentence: find where the other documents say the same."""

        def __init__(self, view: DocumentView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.document: Document | None = None
        self.placeholder = "No document"
        self.match: tuple[int, int] | None = None
        self.passage: tuple[int, int] | None = None
        """The passage shown as the match of another pane's sentence."""
        self.terms: list[tuple[int, int]] = []
        """Words shared with the matched sentence: why the match was made."""
        self._passage_row: int | None = None
        self.selection: tuple[int, int] | None = None
        """A span chosen with shift+arrows or the mouse; None means the cursor's sentence."""
        self.note_spans: list[tuple[int, int]] = []
        """Where the shown document's annotations are (marked in the text and the gutter)."""
        self._layout: DocumentLayout | None = None
        self._wraps_quickly = True
        """The shown document is wrapped on the event loop, not in a thread."""
        self._display: str = ""
        self._strip_cache: dict[int, Strip] = {}
        self.marks: ClaimMarks | None = None
        """The shown document's claims, once detected; None until then."""
        self.first_painted_at: float | None = None
        """When this view first drew a line of document text (perf_counter)."""
        self._pass_style: Style | None = None

    # -- showing a document -------------------------------------------------------------------

    def show_document(self, document: Document | None, *, sentence: int = 0) -> None:
        """Show ``document`` (or the placeholder when None) with the cursor on ``sentence``."""
        self.document = document
        self.match = None
        self.passage = None
        self.terms = []
        self._passage_row = None
        self._eye_on = None
        self.selection = None
        self.note_spans = []
        self.marks = None
        self._layout = None
        self._wraps_quickly = document is None or wraps_quickly(document.text)
        self._display = ""
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._relayout()
        if document is not None and document.sentences:
            self.cursor = min(max(sentence, 0), len(document.sentences) - 1)
        else:
            self.cursor = -1
        self.refresh()

    def set_marks(self, marks: ClaimMarks | None) -> None:
        """Highlight claims (or stop, with None); the text and the cursor stay where they are."""
        self.marks = marks
        self._invalidate()

    def set_note_spans(self, spans: list[tuple[int, int]]) -> None:
        """Mark the annotated spans of the shown document."""
        self.note_spans = spans
        self._invalidate()

    def show_placeholder(self, message: str) -> None:
        """Show a one-line message instead of a document: loading, failed, empty workspace."""
        self.placeholder = message
        self.show_document(None)

    def go_to_offset(self, offset: int, match_end: int | None = None) -> None:
        """Put the cursor on the sentence at ``offset`` and ``offset`` in the upper third of the
        pane (a jump: search, outline, a note); highlight up to ``match_end`` if given."""
        if self.document is None:
            return
        sentence = self.document.sentence_at(offset)
        self.match = (offset, match_end) if match_end is not None else None
        if sentence is not None:
            self.cursor = sentence
        self.show_at_eye_level(offset)
        self._invalidate()

    def show_passage(
        self, start: int, end: int, terms: list[tuple[int, int]], *, row: int | None = None
    ) -> None:
        """Highlight ``start:end`` as a match, its shared ``terms`` too, and bring it into view.

        With ``row`` (a line of the visible area), the passage's first line is put on that row,
        so that it sits level with the sentence it matches in the pane beside it.
        """
        if self.document is None:
            return
        self.passage = (start, end)
        self.terms = terms
        sentence = self.document.sentence_at(start)
        if sentence is not None and sentence != self.cursor:
            self.cursor = sentence
        if row is not None:
            self._align_passage(start, row)
        self._invalidate()

    def level_passage(self, row: int) -> None:
        """Scroll so that the shown passage's first line is on visible row ``row`` (as far as
        the document allows): the sentence it matches moved to that row in its own pane."""
        if self.passage is not None:
            self._align_passage(self.passage[0], row)

    def show_terms(self, terms: list[tuple[int, int]]) -> None:
        """Mark ``terms`` (of the query sentence) without moving anything."""
        self.terms = terms
        self._invalidate()

    def clear_passage(self) -> None:
        """Forget the shown match and its terms."""
        if self.passage is not None or self.terms:
            self.passage = None
            self.terms = []
            self._invalidate()

    def cursor_row(self, *, anywhere: bool = False) -> int | None:
        """The visible row where the cursor's sentence begins (None when off screen, or with
        ``anywhere`` the row it would have, negative above the top)."""
        lines = self._cursor_lines()
        if lines is None:
            return None
        row = lines[0] - round(self.scroll_y)
        return row if anywhere or 0 <= row < self.scrollable_content_region.height else None

    def _invalidate(self) -> None:
        self._strip_cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme changed: cached strips hold the old colours."""
        super().notify_style_update()
        self._strip_cache.clear()

    # -- the cursor (its moves and the selection are in tui.widgets.cursor_moves) ------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._invalidate()
        if self.document is None or new < 0:
            return
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self, self.document.id, new))

    # -- the mouse ----------------------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """Document offset under the content-relative cell (x, y), or None off the text."""
        if self._layout is None or self.document is None:
            return None
        line = y + round(self.scroll_y)
        if not 0 <= line < len(self._layout) or self._layout.blocks[line] == SEPARATOR:
            return None
        start, end = self._layout.starts[line], self._layout.ends[line]
        column = max(x - GUTTER - self._layout.indent(self._layout.blocks[line]), 0)
        return offset_at_cell(self._display, start, end, column)

    def on_click(self, event: events.Click) -> None:
        if self._end_drag():  # the click that ends a drag: the cursor goes there, the span stays
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = self.offset_at(offset.x, offset.y)
        if position is not None and self.document is not None:
            sentence = self.document.sentence_at(position)
            if sentence is not None:
                self._move(sentence)
                if event.chain == 2:
                    self.post_message(self.MatchRequested(self))

    # -- drawing ------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The first frame is drawn before the Resize event that wraps the text: wrap it now,
        # or the pane says "No document" for a frame while its text is there (a long one is
        # wrapped in a thread, which the Resize would only start again).
        small = self.document is not None and self._wraps_quickly
        if self._layout is None and small and self.size.width:
            self._relayout()
        # rich_style walks the styles of every ancestor: asked twice a line, it was half the
        # time a pane took to draw (its first frame included). It cannot change within a pass.
        self._pass_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = None

    def render_line(self, y: int) -> Strip:
        base = self.rich_style if self._pass_style is None else self._pass_style
        line = y + round(self.scroll_y)
        strip = self._strip_cache.get(line)
        if strip is None:
            strip = self._render_document_line(line, base)
            self._strip_cache[line] = strip
            if len(self._strip_cache) > 1024:
                self._strip_cache.pop(next(iter(self._strip_cache)))
        return strip.crop_extend(0, self.scrollable_content_region.width, base)

    def _markup_style(self, name: str) -> Style:
        """Component ``name``'s own style without its colours: inline markup is drawn in the
        claim's colour, or the text's."""
        return self.get_component_rich_style(name, partial=True).without_color

    def _render_document_line(self, line: int, base: Style) -> Strip:
        if self._layout is None or self.document is None:
            if line == 0:
                style = base + self.get_component_rich_style("document-view--placeholder")
                return Strip([Segment(" " * GUTTER + self.placeholder, style)])
            return Strip.blank(0, base)
        if line >= len(self._layout) or self._layout.blocks[line] == SEPARATOR:
            return Strip.blank(0, base)
        if self.first_painted_at is None:
            self.first_painted_at = time.perf_counter()
        painter = LinePainter(
            self.document,
            self._layout,
            self.marks,
            base,
            self.get_component_rich_style,
            lambda name: overlay_style(self, name),
            gutter=GUTTER,
            notes=self.note_spans,
            text_style=self._markup_style,
        )
        overlays = []
        if self.cursor >= 0 and not self.cursor_hidden:
            sentence = self.document.sentences[self.cursor]
            overlays.append((sentence.start, sentence.end, "document-view--cursor"))
        if self.passage is not None:
            overlays.append((self.passage[0], self.passage[1], "document-view--passage"))
        overlays.extend((start, end, "document-view--note") for start, end in self.note_spans)
        if self.selection is not None:
            overlays.append((*self.selection, "document-view--selection"))
        overlays.extend((start, end, "document-view--term") for start, end in self.terms)
        if self.match is not None:
            overlays.append((self.match[0], self.match[1], "document-view--match"))
        return Strip(painter.paint(line, overlays))
