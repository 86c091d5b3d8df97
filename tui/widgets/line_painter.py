"""Turning one screen line of a document into styled segments.

Separate from the widget so the rules of what a line looks like (gutter letter, kind colour,
hedged italic, unsourced underline, then the cursor and the search match on top) sit in one
place. Text comes from the layout's inert display string, so nothing here can emit markup or a
control sequence.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style

from corpus.claims import Certainty
from corpus.model import BlockKind, quoted_line_markers
from tui.widgets.document_styles import CURSOR, CURSOR_ON, MARKUP_CLASSES

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from corpus.model import Document
    from tui.claim_marks import ClaimMarks
    from tui.layout import DocumentLayout

NOTE_MARK = "*"
"""Gutter mark of an annotated line: notes stay visible without colour."""
PASSAGE_MARK = "\N{BOX DRAWINGS HEAVY VERTICAL}"
"""Gutter mark of a line of the passage matched in another pane. Its tint alone turns grey
with NO_COLOR and may round to the page's own colour on a 16-colour terminal; a bar in the
margin, like a diff's, shows where the passage begins and ends without touching the text,
whose cues belong to the cursor, the claims and the shared words. On a line that also has a
note, the note's mark is drawn reversed instead."""
PASSAGE = "document-view--passage"
SHARED = "document-view--term"
"""A word the sentence shares with its match (or the passage with the sentence)."""

Overlay = tuple[int, int, str]
"""(start, end, component class) drawn over the text: the cursor, a search match."""


class LinePainter:
    """Paints lines of one document with its claims; cheap to make per line."""

    def __init__(
        self,
        document: Document,
        layout: DocumentLayout,
        marks: ClaimMarks | None,
        base: Style,
        component_style: Callable[[str], Style],
        overlay_style: Callable[[str], Style],
        *,
        gutter: int,
        notes: Sequence[tuple[int, int]] = (),
        text_style: Callable[[str], Style] | None = None,
    ) -> None:
        self.document = document
        self.layout = layout
        self.marks = marks
        self.base = base
        self.component_style = component_style
        self.overlay_style = overlay_style
        self.gutter = gutter
        self.notes = notes
        """Annotated spans: their lines get a note mark in the gutter's second column."""
        self.text_style = text_style
        """A component's own text style, without colours (a link's underline), or None to draw
        no inline markup."""

    def paint(self, line: int, overlays: Sequence[Overlay]) -> list[Segment]:
        """Segments of screen line ``line`` (which must be a text line, not a separator)."""
        layout = self.layout
        block = self.document.blocks[layout.blocks[line]]
        start, end = layout.starts[line], layout.ends[line]
        text_style = self.base
        if block.kind is BlockKind.HEADING:
            text_style += self.component_style("document-view--heading")
        elif block.kind is BlockKind.CODE:
            text_style += self.component_style("document-view--code")
        segments = self._gutter(start, end, overlays)
        if block.kind is BlockKind.LIST_ITEM:
            prefix = layout.prefix(layout.blocks[line], first=layout.first[line])
            marker_style = self.base + self.component_style("document-view--list-marker")
            segments.append(Segment(prefix, marker_style))
        ranges = self._claim_ranges(start, end)
        if layout.markdown and (block.kind is not BlockKind.CODE or block.marked_up):
            ranges += self._markup_ranges(layout.blocks[line], block.start, block.end, start, end)
        if block.kind is not BlockKind.CODE and self.text_style is not None:
            ranges += self._quote_marker_ranges(block.start, start, end)
        # Overlays set only what their CSS sets (a background, bold): a claim's colour and its
        # italic or underline stay visible under the cursor.
        # One style per name and line: a sentence with many notes has an overlay for each, and
        # working a tint out takes tens of microseconds (more on 16 colours).
        styles: dict[str, Style] = {}
        ranges += [
            (
                s,
                e,
                styles[name]
                if name in styles
                else styles.setdefault(name, self.overlay_style(name)),
            )
            for s, e, name in _cursor_laid_on_tints(overlays)
            if s < end and start < e
        ]
        segments.extend(self._styled_text(start, end, text_style, ranges, styles.get(SHARED)))
        return segments

    def _sentences_between(self, start: int, end: int) -> range:
        """Indices of the sentences that overlap ``[start, end)``."""
        first = self.document.sentence_at(start)
        if first is None:
            return range(0)
        last = self.document.sentence_at(max(end - 1, start))
        return range(first, (last if last is not None else first) + 1)

    def _gutter(self, start: int, end: int, overlays: Sequence[Overlay]) -> list[Segment]:
        """The kind letter of the claim (or "a" for advice) that starts on this line, then a
        note mark if an annotated span covers part of the line, a passage mark if the passage
        matched in another pane does (see :data:`PASSAGE_MARK`)."""
        style = self.base + self.component_style("document-view--gutter")
        letter = " "
        if self.marks is not None:
            for index in self._sentences_between(start, end):
                if start <= self.document.sentences[index].start < max(end, start + 1):
                    letter = self.marks.letter(index) or " "
                    if letter != " ":
                        break
        end = max(end, start + 1)
        noted = any(s < end and start < e for s, e in self.notes)
        passage = any(name == PASSAGE and s < end and start < e for s, e, name in overlays)
        if not passage:
            return [Segment((letter + (NOTE_MARK if noted else "")).ljust(self.gutter), style)]
        mark_style = style + self.component_style("document-view--passage-mark")
        if noted:
            mark_style += Style(reverse=True)
        return [
            Segment(letter, style),
            Segment(NOTE_MARK if noted else PASSAGE_MARK, mark_style),
            Segment(" " * (self.gutter - 2), style),
        ]

    def _claim_ranges(self, start: int, end: int) -> list[tuple[int, int, Style]]:
        """Kind colour, italic when hedged, underline when unsourced, per claim on the line."""
        if self.marks is None:
            return []
        ranges = []
        for index in self._sentences_between(start, end):
            found = self.marks.shown(index)
            if found is None or found.kind is None:
                continue
            style = self.marks.style(found.kind)
            if found.certainty is Certainty.HEDGED:
                style += Style(italic=True)
            if found.unsourced:
                style += Style(underline=True)
            sentence = self.document.sentences[index]
            ranges.append((sentence.start, sentence.end, style))
        return ranges

    def _markup_ranges(
        self, block: int, block_start: int, block_end: int, start: int, end: int
    ) -> list[tuple[int, int, Style]]:
        """Inline markup on the line ``[start, end)`` of a Markdown block, drawn quietly (see
        :data:`~tui.widgets.document_styles.MARKUP_CLASSES`); after the claims', so a claim
        keeps its colour, and under the cursor's and the other overlays."""
        if self.text_style is None:
            return []
        styles: dict[str, Style] = {}
        ranges = []
        for s, e, kind in self.layout.markup(block, block_start, block_end):
            if s < end and start < e:
                name = MARKUP_CLASSES[kind]
                if name not in styles:
                    styles[name] = self.text_style(name)
                ranges.append((s, e, styles[name]))
        return ranges

    def _quote_marker_ranges(
        self, block_start: int, start: int, end: int
    ) -> list[tuple[int, int, Style]]:
        """The ``>`` of each quoted line after a quote's first, drawn as quietly as a Markdown
        link's brackets: the lines of an e-mail's quote are drawn as one paragraph, and its
        sentences read without them (``It was a > randomised trial`` showed the marker in the
        middle of the sentence). Quieted, not hidden: offsets, the cursor and a selection are
        the file's characters."""
        assert self.text_style is not None
        text = self.document.text
        if ">" not in text[start:end]:
            return []
        style = self.text_style("document-view--markup")
        return [(s, e, style) for s, e in quoted_line_markers(text, max(start, block_start), end)]

    def _styled_text(
        self,
        start: int,
        end: int,
        style: Style,
        ranges: Sequence[tuple[int, int, Style]],
        shared: Style | None = None,
    ) -> list[Segment]:
        """Segments of the display text in ``[start, end)``, each range's style laid on top;
        ``shared``, the shared words' style, is made to stand out where it would not (see
        :func:`_standing_out`)."""
        cuts = {start, end}
        for range_start, range_end, _ in ranges:
            cuts.update(c for c in (range_start, range_end) if start < c < end)
        display = self.layout.display
        segments: list[Segment] = []
        for piece_start, piece_end in itertools.pairwise(sorted(cuts)):
            piece_style = style
            for range_start, range_end, overlay in ranges:
                if range_start <= piece_start and piece_end <= range_end:
                    if overlay is shared:
                        piece_style = _standing_out(piece_style, overlay)
                    else:
                        piece_style += overlay
            if piece_style.color is not None and piece_style.color == piece_style.bgcolor:
                # An ANSI theme's passage or note is its full colour (the terminal's own 16
                # cannot be blended), the very green of an efficacy claim: green on green. There
                # the claim takes the page's text colour, its letter staying in the margin.
                piece_style += Style(color=style.color)
            segments.append(Segment(display[piece_start:piece_end], piece_style))
        return segments


def _cursor_laid_on_tints(overlays: Sequence[Overlay]) -> list[Overlay]:
    """``overlays`` with the cursor drawn again over each passage or note it is on.

    Each tint replaces the one before, so the passage drawn over the cursor left only its
    bold (nothing in a pane without focus), and the cursor drawn over the passage would hide
    the match. Where they meet, the cursor's tint is laid over theirs
    (:data:`tui.widgets.document_styles.CURSOR_ON`): the passage's bar in the margin and its
    colour beneath say it is the match, the deeper shade (or on 16 colours and with NO_COLOR
    the reversed text) where the cursor is.
    """
    cursors = [(s, e) for s, e, name in overlays if name == CURSOR]
    laid: list[Overlay] = []
    for s, e, name in overlays:
        laid.append((s, e, name))
        if name in CURSOR_ON:
            laid += [
                (max(s, c_s), min(e, c_e), CURSOR_ON[name])
                for c_s, c_e in cursors
                if max(s, c_s) < min(e, c_e)
            ]
    return laid


def _standing_out(beneath: Style, shared: Style) -> Style:
    """A shared word's style laid on ``beneath``, and made to differ from it if it would not.

    The focused cursor is bold, an unsourced claim underlined, and a shared word bold and
    underlined (and reversed, as the cursor is, on 16 colours and with NO_COLOR): in the
    cursor on an unsourced claim, the sentence follow mode matches, the shared words looked
    like the rest of it in every colour depth. There they are drawn reversed against the
    sentence instead (reversed in a tinted cursor, not reversed in a reversed one), the
    strongest cue a terminal has, and without the claim's underline, so that they are not
    taken for a selection either (bold and underlined, reversed in colour, not without).
    """
    laid = beneath + shared
    if _look(laid) != _look(beneath):
        return laid
    return beneath + Style(bold=True, underline=False, reverse=not beneath.reverse)


def _look(style: Style) -> tuple[object, ...]:
    """What a terminal shows of ``style``: its colours and its cues."""
    return (
        style.color,
        style.bgcolor,
        bool(style.bold),
        bool(style.underline),
        bool(style.reverse),
        bool(style.italic),
    )
