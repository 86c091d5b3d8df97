"""The notes list's rows: each note's cells, which columns come before the note's text at the
terminal's width, and the line under the table that says the rest for the highlighted note.

What a reader of the list looks for is what a note says. At 60 or 80 columns the time, the
document, the anchor, the author and the verdict before it left no room for it: the Note column
began past the screen's edge. So the columns before the note are chosen, by how much they tell,
while the note keeps :data:`NOTE_MIN` cells; those left out come after it (a click on a header
or a sideways scroll still reaches them), and the line under the table shows them, with the tags
and the quote, for the highlighted note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from annotations.anchoring import AnchorState
from annotations.model import MAX_REPLY_DEPTH
from annotations.times import local_time
from corpus.text import inert, inert_line, one_line
from tui.cells import shorten_middle

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping, Sequence

    from annotations.labels import Verdict
    from annotations.model import Annotation
    from annotations.placement import Placed

    Row = tuple[str, Text, Text, str, Text, str, Text, Text, Text]
    """One note's cells, in the order of :data:`COLUMNS`."""
    Arrangement = tuple[str, ...]
    """Column keys (:data:`COLUMNS` in lower case), in the order the table shows them."""

COLUMNS = ("New", "Time", "Document", "Anchor", "Author", "Verdict", "Tags", "Note", "Quote")
"""Every column, in the order of a :data:`Row`'s cells (not the table's: see
:func:`arrangement`)."""
KEYS = tuple(name.lower() for name in COLUMNS)
LABELS = dict(zip(KEYS, COLUMNS, strict=True))
NOTE_MIN = 28
"""Cells of the note's text kept on screen however narrow the terminal: a column before the note
that would leave it fewer goes after it instead."""
BY_DOCUMENT = ("document", "author", "verdict", "time", "anchor")
"""The columns that may come before the note, most telling first, in reading order: whose note
on which document, and what it concluded; the time matters less unless the list is ordered by
it (:data:`BY_TIME`); the anchor's word is mostly "anchored", and the filter finds orphans."""
BY_TIME = ("time", "document", "author", "verdict", "anchor")
"""As :data:`BY_DOCUMENT`, when the list is ordered by time: the time each row is placed by."""
BEFORE = ("new", "time", "document", "anchor", "author", "verdict")
"""The order of the columns before the note, of those chosen: the time early, as the list can
be ordered by it besides the document."""
AFTER = ("time", "document", "anchor", "author", "verdict", "tags", "quote")
"""The order of the columns after the note: the tags and the quote always (a quote is long, and
the last column is the one cut off), after whichever of the others did not fit before it."""
CELL_PADDING = 2
"""A DataTable column's padding, one cell each side."""
SCROLLBAR = 2
"""The table's vertical scroll bar, drawn when the notes outnumber its rows."""
TIME_CELLS = 16
"""A time as :func:`local_time` shows it, to the minute."""
WIDE = 140
"""Screen columns from which a document id is shown up to :data:`DOC_CELLS_WIDE` cells."""
DOC_CELLS_WIDE = 30
DOC_CELLS_NARROW = 14
"""Below :data:`WIDE`, ids are shortened in their middle (the file name's end stays, as in the
status line), leaving more room for the note."""
NOTE_CELLS = 60
"""The note's text is cut here, as in the report's cells; a reply's mark comes on top."""
DETAILS = ("author", "document", "verdict", "tags", "anchor", "time", "quote")
"""The order of the values in the line under the table: who, on what, concluding what; the
quote last, as it is long."""
DETAIL_CELLS = 400
"""A value in the line under the table is cut here: wider than any terminal, and a quote of
pages is not copied into a line that shows a few dozen cells of it."""
ARROW = "\N{RIGHTWARDS ARROW WITH HOOK} "
"""A reply's mark, as in the notes panel."""


def doc_cells(width: int) -> int:
    """Cells a document id is shown in, in a terminal ``width`` columns wide."""
    return DOC_CELLS_WIDE if width >= WIDE else DOC_CELLS_NARROW


def column_widths(placed: Sequence[Placed], doc_cells: int) -> dict[str, int]:
    """The cells each column that may come before the note takes, padding included: its
    widest value among ``placed`` (every note, so that filtering moves no column) or its
    header. Unique values only: a desk's 10,000 notes have a few authors and documents."""
    docs: set[str] = set()
    writers: set[str] = set()
    verdicts: set[Verdict | None] = set()
    states: set[AnchorState] = set()
    for one in placed:  # one pass, an enum's words asked once per kind: 10,000 notes in ~3 ms
        annotation = one.annotation
        docs.add(annotation.target.doc)
        writers.add(annotation.writer)
        verdicts.add(annotation.verdict)
        states.add(one.anchor.state)
    anchors = {state.value for state in states}
    widest = {
        "new": 1,
        "time": TIME_CELLS,
        "document": max((min(cell_len(d), doc_cells) for d in docs), default=0),
        "anchor": max(map(len, anchors), default=0),
        "author": max((cell_len(one_line(w, 20)) for w in writers), default=0),
        "verdict": max((len(v.label) for v in verdicts if v is not None), default=0),
    }
    return {key: max(cells, len(LABELS[key])) + CELL_PADDING for key, cells in widest.items()}


def arrangement(width: int, widths: Mapping[str, int], *, by_time: bool) -> Arrangement:
    """The table's columns for a terminal ``width`` columns wide: the most telling ones
    before the note while it keeps :data:`NOTE_MIN` cells, the rest after it."""
    room = width - SCROLLBAR - widths["new"] - NOTE_MIN
    chosen = {"new"}
    for key in BY_TIME if by_time else BY_DOCUMENT:
        if widths[key] <= room:
            chosen.add(key)
            room -= widths[key]
    before = tuple(key for key in BEFORE if key in chosen)
    after = tuple(key for key in AFTER if key not in chosen)
    return (*before, "note", *after)


def in_order(row: Row, columns: Arrangement) -> tuple[str | Text, ...]:
    """``row``'s cells in the table's order."""
    return tuple(row[KEYS.index(key)] for key in columns)


class NoteCells:
    """Each note's row, made once when first listed: a filter only chooses among them."""

    def __init__(
        self,
        by_id: Mapping[str, Placed],
        deleted: Mapping[str, Annotation],
        new: Collection[str],
    ) -> None:
        self.by_id = by_id
        """Every note, listed or not: a reply whose note is filtered out still names its
        author."""
        self.deleted = deleted
        """Tombstones by id: what a reply to a deleted note answered."""
        self.new = new
        """Notes by others that are new or edited since the last visit (marked in the list)."""
        self.doc_cells = DOC_CELLS_WIDE
        """Cells a document id is shown in: see :data:`WIDE`."""
        self._made: dict[str, tuple[Row, str]] = {}
        """Each note's row (its Note cell without a reply's mark) and its note on one line."""

    def set_doc_cells(self, cells: int) -> bool:
        """Show ids in ``cells`` cells from now on; False if they already are."""
        if cells == self.doc_cells:
            return False
        self.doc_cells = cells
        self._made.clear()
        return True

    def row(self, placed: Placed, depth: int) -> Row:
        """The cells of ``placed``'s row, a reply marked as one ``depth`` levels under the
        note it answers (0: not under it)."""
        annotation = placed.annotation
        made = self._made.get(annotation.id)
        if made is None:
            note = inert_line(annotation.note, NOTE_CELLS)  # as the report's cells
            made = (self._cells_of(placed, note), note)
            self._made[annotation.id] = made
        row, note = made
        mark = self._reply_mark(annotation, depth)
        if not mark:
            return row
        cell = Text(mark, style="dim")
        cell.append(note)
        return (*row[:7], cell, row[8])

    def details(self, placed: Placed, columns: Arrangement) -> Text:
        """The line under the table for the highlighted note: the values its row holds after
        its note, each named (an empty one left out) and whole (a long quote is cut by the
        line's end only), so that none needs a sideways scroll to be read; most telling
        first (:data:`DETAILS`), as at 60 columns the line is cut after three or four."""
        annotation = placed.annotation
        values = {
            "time": local_time(annotation.modified),
            "document": annotation.target.doc,
            "anchor": placed.anchor.state.value,
            "author": annotation.writer,
            "verdict": annotation.verdict.label if annotation.verdict else "",
            "tags": " ".join(f"#{t}" for t in annotation.tags),
            "quote": annotation.target.quote,
        }
        if values["anchor"] == AnchorState.ANCHORED.value:
            del values["anchor"]  # as almost every note is: only the exception is news
        after = columns[columns.index("note") + 1 :]
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for key in (key for key in DETAILS if key in after and values.get(key)):
            value = inert(one_line(values[key], DETAIL_CELLS))
            if key == "quote":
                value = f"\N{LEFT DOUBLE QUOTATION MARK}{value}\N{RIGHT DOUBLE QUOTATION MARK}"
            if line:
                line.append(" \N{MIDDLE DOT} ", style="dim")
            line.append(f"{LABELS[key]}: ", style="dim")
            line.append(value)
        return line

    def _cells_of(self, placed: Placed, note: str) -> Row:
        annotation = placed.annotation
        return (
            "\N{BLACK CIRCLE}" if annotation.id in self.new else "",
            # as the notes panel and `synoptic notes` show it: local, to the minute
            Text(inert(one_line(local_time(annotation.modified), 30))),
            Text(shorten_middle(" ".join(inert(annotation.target.doc).split()), self.doc_cells)),
            placed.anchor.state.value,
            Text(inert(one_line(annotation.writer, 20))),
            annotation.verdict.label if annotation.verdict else "",
            Text(inert(one_line(" ".join(f"#{t}" for t in annotation.tags), 30))),
            Text(note),
            Text(inert(one_line(annotation.target.quote, 50))),
        )

    def _reply_mark(self, annotation: Annotation, depth: int) -> str:
        """What goes before a reply's text: indented under the note it answers, as deep as
        the notes panel and ``synoptic notes`` indent; deeper, or not under that note, whose
        note it answers (a deleted one described as the notes panel and the CLI do)."""
        parent_id = annotation.reply_to
        if parent_id is None:
            return ""
        indent = "  " * (min(depth, MAX_REPLY_DEPTH) - 1) if depth else ""
        if 0 < depth <= MAX_REPLY_DEPTH:
            return indent + ARROW
        parent = self.by_id.get(parent_id)
        if parent is not None:
            answered = one_line(parent.annotation.writer, 20)
        elif parent_id in self.deleted:
            answered = self.deleted[parent_id].as_deleted_parent(30)
        else:  # in a file that cannot be read, say: the reply must not pass for a note
            answered = "a note not listed"
        return f"{indent}{ARROW}reply to {inert(answered)}: "
