"""Wrapping the shown document to the pane's width, and scrolling once it is wrapped.

A mixin of :class:`~tui.widgets.document_view.DocumentView`, kept apart so that the view's own
module stays about showing and drawing a document. Wrapping is where the view's speed is won or
lost: a layout already made at this width is taken from :mod:`tui.widgets.layout_cache`, a
short document is wrapped on the event loop, and a long one (or one slow to measure) in a
thread while the pane keeps answering keys. Whenever a layout arrives, the view scrolls to what
it was asked to show before it had one: a matched passage on its row, a jump, or the cursor.
A resize wraps again, at the width the text now has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.geometry import Size
from textual.worker import get_current_worker

from corpus.text import inert
from tui.widgets.layout_cache import cached_layout, wrapped

if TYPE_CHECKING:
    from textual import events
    from textual.scroll_view import ScrollView

    from corpus.model import Document
    from tui.layout import DocumentLayout

    _View = ScrollView
    """For the type checker the mixin is the scrolling widget it is mixed into."""
else:
    _View = object

GUTTER = 2
"""Cells left of the text for the claim letter, reserved so claims arriving never re-wrap."""


class DocumentWrapping(_View):
    """Wraps the shown document at the text's width, in a thread when it is long."""

    if TYPE_CHECKING:  # kept by DocumentView and CursorMoves
        document: Document | None
        placeholder: str
        passage: tuple[int, int] | None
        _layout: DocumentLayout | None
        _wraps_quickly: bool
        _display: str
        _passage_row: int | None
        _eye_on: int | None

        def _invalidate(self) -> None: ...
        def _scroll_to_cursor(self) -> None: ...
        def show_at_eye_level(self, offset: int, *, again: bool = True) -> None: ...

    @property
    def text_width(self) -> int:
        """Cells available to text: the widget minus padding and a vertical scrollbar.

        The scrollbar's cell is reserved even while it is hidden: it appears only once the
        layout is taller than the pane, and wrapping must not depend on its own outcome.
        No wider than what is shown, however narrow: a floor of ten columns wrapped a pane of
        nine (four panes kept at 60 columns) one column wider than it drew, and the last
        letter of each line was cut off ("trees, ha", "remedy fo"), misquoting the document.
        """
        shown = self.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        reserve = self.styles.scrollbar_size_vertical - shown
        return max(self.scrollable_content_region.width - reserve - GUTTER, 1)

    def _relayout(self) -> None:
        document = self.document
        if document is not None and not self.size.width:
            self._layout = None  # not laid out yet: on_resize wraps it at the real width
        elif document is None:
            self._layout = None
            self.virtual_size = Size(self.text_width, 1)
        elif (kept := cached_layout(document, self.text_width)) is not None:
            self._apply_layout(document, kept)  # wrapped to this width before: no work at all
        elif not self._wraps_quickly:
            if self._layout is None:
                self.placeholder = f"Wrapping {inert(document.id)}\N{HORIZONTAL ELLIPSIS}"
            self._layout_in_background(document, self.text_width)
        else:
            self._apply_layout(document, wrapped(document, self.text_width))
        self._invalidate()

    @work(thread=True, exclusive=True, group="layout", description="Wrapping a long document")
    def _layout_in_background(self, document: Document, width: int) -> None:
        """Wrap a long document (or one slow to measure) off the event loop; the pane keeps
        responding meanwhile, and shows the text once it is wrapped."""
        layout = wrapped(document, width)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_layout, document, layout)

    def _apply_layout(self, document: Document, layout: DocumentLayout) -> None:
        if document is not self.document:
            return  # the pane moved on to another document meanwhile
        if layout.width != self.text_width:
            self._relayout()  # resized while wrapping
            return
        self._layout = layout
        self._display = layout.display
        self.virtual_size = Size(layout.width, len(layout))
        self._invalidate()
        self.call_after_refresh(self._scroll_after_layout)

    def _scroll_after_layout(self) -> None:
        """Bring the cursor into view, on the row a match asked for if it came before the layout."""
        if self.passage is not None and self._passage_row is not None:
            self._align_passage(self.passage[0], self._passage_row)
        elif self._eye_on is not None:
            self.show_at_eye_level(self._eye_on)
        else:
            self._scroll_to_cursor()

    def _align_passage(self, start: int, row: int, *, again: bool = True) -> None:
        self._passage_row = row  # kept, so a re-wrap (a new pane's first sizes) aligns again
        if self._layout is None:
            return
        target = max(self._layout.line_of_offset(start) - row, 0)
        self.scroll_to(y=target, animate=False, immediate=True)
        if again and round(self.scroll_y) != min(target, self.max_scroll_y):
            # A pane laid out for the first time cannot scroll until its scroll bars exist,
            # one refresh later: without this, a pane added for a synopsis row stayed at the top.
            def retry() -> None:
                still = self.passage is not None and self.passage[0] == start
                if still and self._passage_row == row:
                    self._align_passage(start, row, again=False)

            self.call_after_refresh(retry)

    def on_resize(self, event: events.Resize) -> None:
        if self.document is not None:
            if self._layout is None or self._layout.width != self.text_width:
                self._relayout()
        else:
            self.virtual_size = Size(self.text_width, 1)
