"""Moving through a document: the sentence cursor, and the selection a note will be attached to.

A mixin of :class:`~tui.widgets.document_view.DocumentView`, kept apart so that the view's own
module stays about showing and drawing a document. The keys are declared in the view's
``BINDINGS`` and the actions live here; the view keeps the click, which also asks for matches.
Every move goes through ``_move``, so a move always drops the search match, the selection and
a passage's row, whether it came from a key, a click or a jump to a claim.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from tui import selection
from tui.layout import SEPARATOR
from tui.messages import WheelScrolled

if TYPE_CHECKING:
    from textual import events
    from textual.scroll_view import ScrollView

    from corpus.model import Document
    from tui.claim_marks import ClaimMarks
    from tui.layout import DocumentLayout

    _View = ScrollView
    """For the type checker the mixin is the scrolling widget it is mixed into."""
else:
    _View = object


class CursorMoves(_View):
    """Keys and drags that move the cursor and grow or shrink the selection."""

    if TYPE_CHECKING:  # kept by DocumentView, which draws them
        document: Document | None
        cursor: int
        match: tuple[int, int] | None
        selection: tuple[int, int] | None
        marks: ClaimMarks | None
        _layout: DocumentLayout | None
        _passage_row: int | None

        def offset_at(self, x: int, y: int) -> int | None: ...
        def _invalidate(self) -> None: ...

    _drag_from: int | None = None
    """Where a drag with the left button started, until the button is released."""
    _dragged = False
    """A drag made the selection: the click that ends it must not replace it."""
    _eye_on: int | None = None
    """The offset the last jump showed (:meth:`show_at_eye_level`), until the cursor moves."""
    _eye_row: int | None = None
    """The row of the screen :attr:`_eye_on` was put on by :meth:`put_on_row` before the text
    was laid out (a long document is wrapped in a thread): the layout puts it there."""
    cursor_hidden = False
    """The cursor is not drawn: another pane's match put it here and that match is gone, so its
    shading would pass for the old match. Any move of the cursor, or focus, draws it again."""

    # -- the cursor ---------------------------------------------------------------------------

    def validate_cursor(self, sentence: int) -> int:
        """Textual's hook on every setting of the cursor: one that is set is shown again."""
        self.cursor_hidden = False
        return sentence

    def hide_cursor(self) -> None:
        """Stop drawing the cursor until it moves or the view is focused (see ``cursor_hidden``)."""
        self.cursor_hidden = True
        self._invalidate()

    def on_focus(self, event: events.Focus) -> None:
        if self.cursor_hidden:
            self.cursor_hidden = False
            self._invalidate()

    def _cursor_lines(self) -> tuple[int, int] | None:
        if self._layout is None or self.document is None or self.cursor < 0:
            return None
        sentence = self.document.sentences[self.cursor]
        first = self._layout.line_of_offset(sentence.start)
        last = self._layout.line_of_offset(max(sentence.end - 1, sentence.start))
        return first, last

    def _scroll_to_cursor(self) -> None:
        lines = self._cursor_lines()
        if lines is None:
            return
        first, last = lines
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if first < top:
            self.scroll_to(y=max(first - 1, 0), animate=False)
        elif last >= top + height:
            self.scroll_to(y=max(min(first - 1, last - height + 1), 0), animate=False)

    def show_at_eye_level(self, offset: int, *, again: bool = True) -> None:
        """Scroll the line of ``offset`` into the upper third of the pane, with its sentence's
        start a line below the top when that fits there: where the eye is after a jump (search,
        outline, a note), as a table of contents does. Scrolling only until the sentence shows
        leaves a jump forward on the last line, and a hit late in a long sentence below it."""
        if self._eye_row is not None and offset == self._eye_on:
            self.put_on_row(offset, self._eye_row)  # laid out at last: on the row asked for
            return
        self._eye_on = offset  # kept until the cursor moves: a (re-)wrap puts it there again
        self._eye_row = None
        if self._layout is None:
            return
        line = self._layout.line_of_offset(offset)
        lines = self._cursor_lines()
        first = min(lines[0], line) if lines is not None else line
        target = max(first - 1, line - self.scrollable_content_region.height // 3, 0)
        self.scroll_to(y=target, animate=False, immediate=True)
        if again and round(self.scroll_y) != min(target, self.max_scroll_y):
            # a pane showing its first document gets its scroll bars one refresh later
            cursor = self.cursor

            def retry() -> None:
                if self.cursor == cursor:
                    self.show_at_eye_level(offset, again=False)

            self.call_after_refresh(retry)

    def put_on_row(self, offset: int, row: int, *, again: bool = True) -> None:
        """Scroll so that the line of ``offset`` is the ``row``-th line of the screen (negative:
        above it): a document re-read after it changed on disk stays where the eye was."""
        if self._layout is None:
            # a long text wrapped in a thread: put there once it is laid out, as a jump is
            # (one lookup in the new layout, however long the text)
            self._eye_on, self._eye_row = offset, row
            return
        target = max(self._layout.line_of_offset(offset) - row, 0)
        self.scroll_to(y=target, animate=False, immediate=True)
        if again:
            # the cursor's own scroll, once the new text is laid out, comes one refresh later
            cursor = self.cursor

            def retry() -> None:
                if self.cursor == cursor:
                    self.put_on_row(offset, row, again=False)

            self.call_after_refresh(retry)

    def _move(self, sentence: int) -> None:
        if self.document is None or not self.document.sentences:
            return
        self.match = None
        self.selection = None
        self._passage_row = None
        self._eye_on = self._eye_row = None
        self.cursor = min(max(sentence, 0), len(self.document.sentences) - 1)

    def action_next_sentence(self) -> None:
        """Move the cursor to the next sentence."""
        self._move(self.cursor + 1)

    def action_previous_sentence(self) -> None:
        """Move the cursor to the previous sentence."""
        self._move(self.cursor - 1)

    def action_next_paragraph(self) -> None:
        """Move to the first sentence of the next block."""
        if self.document is None or not self.document.sentences:
            return
        starts = self.document.paragraph_starts
        index = bisect.bisect_right(starts, self.cursor)
        self._move(starts[index] if index < len(starts) else len(self.document.sentences) - 1)

    def action_previous_paragraph(self) -> None:
        """Move to the first sentence of this block, or of the previous one when already there."""
        if self.document is None or not self.document.sentences:
            return
        starts = self.document.paragraph_starts
        index = bisect.bisect_left(starts, self.cursor) - 1
        self._move(starts[max(index, 0)])

    def _move_by_lines(self, delta: int) -> None:
        lines = self._cursor_lines()
        if lines is None or self._layout is None or self.document is None:
            return
        target = min(max(lines[0] + delta, 0), len(self._layout) - 1)
        while 0 < target < len(self._layout) - 1 and self._layout.blocks[target] == SEPARATOR:
            target += 1 if delta > 0 else -1
        self.scroll_to(y=round(self.scroll_y) + delta, animate=False)
        sentence = self.document.sentence_at(self._layout.starts[target])
        if sentence is not None:
            if sentence == self.cursor:
                sentence += 1 if delta > 0 else -1
            self._move(sentence)

    def action_page_down(self) -> None:
        """Scroll a page down, taking the cursor along."""
        self._move_by_lines(max(self.scrollable_content_region.height - 1, 1))

    def action_page_up(self) -> None:
        """Scroll a page up, taking the cursor along."""
        self._move_by_lines(-max(self.scrollable_content_region.height - 1, 1))

    def action_next_claim(self) -> None:
        """Move to the next highlighted claim."""
        claims = self.marks.claim_sentences() if self.marks else []
        index = bisect.bisect_right(claims, self.cursor)
        if index < len(claims):
            self._move(claims[index])
        else:
            self.app.bell()

    def action_previous_claim(self) -> None:
        """Move to the previous highlighted claim."""
        claims = self.marks.claim_sentences() if self.marks else []
        index = bisect.bisect_left(claims, self.cursor) - 1
        if index >= 0:
            self._move(claims[index])
        else:
            self.app.bell()

    def action_first_sentence(self) -> None:
        """Go to the top of the document."""
        self._move(0)

    def action_last_sentence(self) -> None:
        """Go to the end of the document."""
        if self.document is not None:
            self._move(len(self.document.sentences) - 1)

    # -- selecting a span (see tui.selection for the word and sentence steps) ----------------

    def selected_span(self) -> tuple[int, int] | None:
        """What a new note would be attached to: the selection, else the cursor's sentence."""
        if self.selection is not None:
            return self.selection
        if self.document is None or self.cursor < 0:
            return None
        sentence = self.document.sentences[self.cursor]
        return sentence.start, sentence.end

    def set_selection(self, span: tuple[int, int] | None) -> None:
        """Select ``span`` (None: back to the cursor's sentence)."""
        self.selection = span
        self._invalidate()

    def action_extend_selection(self, words: int) -> None:
        """Grow (or shrink) the selection's end by a word."""
        span = self.selected_span()
        if span is not None and self.document is not None:
            self.set_selection(selection.by_word(self.document.text, span, words))

    def action_extend_selection_by_sentence(self, step: int) -> None:
        """Grow (or shrink) the selection by a whole sentence."""
        span = self.selected_span()
        if span is not None and self.document is not None:
            self.set_selection(selection.by_sentence(self.document, span, step))

    def action_clear_selection(self) -> None:
        """Drop the selection: notes go on the cursor's sentence again."""
        if self.selection is None:
            self.app.bell()
        self.set_selection(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and event.button == 1:
            self._drag_from = self.offset_at(offset.x, offset.y)
            if self._drag_from is not None:
                self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None or not event.button:
            return
        offset = event.get_content_offset_capture(self)
        here = self.offset_at(offset.x, offset.y)
        if here is not None and here != self._drag_from and self.document is not None:
            self._dragged = True
            start, end = sorted((self._drag_from, here))
            self.set_selection(selection.whole_words(self.document.text, start, end + 1))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.release_mouse()

    def _end_drag(self) -> bool:
        """After a drag, put the cursor on the selection's first sentence and keep the span.

        Returns:
            Whether a drag had just ended: the click that ends one must not move the cursor.
        """
        if not self._dragged:
            return False
        self._dragged = False
        dragged = self.selection
        if dragged is not None and self.document is not None:
            sentence = self.document.sentence_at(dragged[0])
            if sentence is not None:
                self._move(sentence)
            self.set_selection(dragged)
        return True

    # -- the wheel ----------------------------------------------------------------------------

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        # Textual's own handler scrolls after this one, before the message is read.
        self.post_message(WheelScrolled(self))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.post_message(WheelScrolled(self))

    def keep_cursor_on_screen(self) -> None:
        """Once the wheel has scrolled the first line of the cursor's sentence off the pane,
        put the cursor on the nearest sentence wholly on screen (in follow mode, so that the
        other panes keep up with what is read). A selection stays: a note is about to go on it.
        """
        lines = self._cursor_lines()
        layout, document = self._layout, self.document
        if lines is None or layout is None or document is None or self.selection is not None:
            return
        top = round(self.scroll_y)
        bottom = min(top + self.scrollable_content_region.height, len(layout)) - 1
        if top <= lines[0] <= bottom or bottom < top:
            return
        near = document.sentence_at(layout.starts[top]) or 0
        whole: list[int] = []
        starting: list[int] = []
        for index in range(near, len(document.sentences)):
            sentence = document.sentences[index]
            first = layout.line_of_offset(sentence.start)
            if first > bottom:
                break
            if first >= top:
                starting.append(index)
                if layout.line_of_offset(max(sentence.end - 1, sentence.start)) <= bottom:
                    whole.append(index)
        # A sentence longer than the pane has none wholly on it: one starting there, at least;
        # moving to one starting above would scroll the pane back, against the wheel.
        shown = whole or starting
        if shown:
            self._move(shown[0] if lines[0] < top else shown[-1])
