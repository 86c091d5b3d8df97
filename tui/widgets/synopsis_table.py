"""The synopsis table: rows of fixed height, drawn only where they are on screen.

Textual's DataTable measures every cell of every row it holds, on the event loop, whenever
rows are added: on a synopsis of 3,000 claims a fill, a sort or a filter froze the screen for
half a second or more, however few rows were visible. Every row of the synopsis is the same
height and every column's width is known before a row is drawn, so nothing here needs to be
measured: the table holds the rows' keys in their order, asks for a row's cells only when
the row comes on screen (Textual's Line API, as :class:`~tui.widgets.document_view.DocumentView`
draws a document), and a fill costs what putting a list in place costs.

On a narrow screen the columns are fitted to it, whole (:mod:`tui.widgets.column_fit`); on any
screen too narrow for every column the head stays put and the columns after it come whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.cells import shorten_middle
from tui.widgets.column_fit import PADDING, ColumnFit

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rich.console import Console
    from textual import events

HEADER = 1
"""Lines of the header row, which stays put while the rows scroll under it."""
ROW_CACHE = 256
"""Rows kept drawn: a few screens' worth, so scrolling back costs nothing."""
WORD_REACH = 15
"""How far back a clipped cell's last line looks for a space to end at, before its ellipsis."""


def clipped(cell: Text, width: int, height: int, console: Console) -> Text:
    """``cell`` as it fits ``height`` lines ``width`` cells wide: unchanged when it does, else
    its first lines with the last ending in an ellipsis. A cell cut at its last line without
    one read as a whole passage that stopped mid-sentence."""
    lines = cell.wrap(console, width)
    if len(lines) <= height:
        return cell
    last = lines[height - 1]
    last.rstrip()
    if last.cell_len + 1 > width:  # no room left for the ellipsis: end at a word if one is near
        space = last.plain.rfind(" ")
        if space > 0 and last.cell_len - space <= WORD_REACH:
            last = last[:space]
        else:
            last.truncate(width - 1)
        last.rstrip()
    last.append("\N{HORIZONTAL ELLIPSIS}")
    return Text("\n").join([*lines[: height - 1], last])


@dataclass(frozen=True, slots=True)
class TableColumn:
    """A column: the key its header click reports, its label and its text's width."""

    key: str
    label: Text
    width: int
    """The width it is given on a wide screen; a narrow one fits it (:class:`ColumnFit`)."""

    @property
    def render_width(self) -> int:
        """Cells the column takes on a wide screen, its padding included."""
        return self.width + 2 * PADDING


class SynopsisTable(ScrollView, can_focus=True):
    """Rows of ``row_height`` lines under a fixed header; a row's cells are asked for (from
    ``cells``) only when it is drawn or read."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "synopsis-table--header",
        "synopsis-table--cursor",
        "synopsis-table--even-row",
        "synopsis-table--odd-row",
    }
    # The look of a DataTable with zebra stripes and a row cursor, which this table replaced.
    DEFAULT_CSS = """
    SynopsisTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .synopsis-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .synopsis-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .synopsis-table--even-row { background: $surface-darken-1 40%; }
        & > .synopsis-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .synopsis-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .synopsis-table--even-row { background: $surface-lighten-1 50%; }
        & > .synopsis-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Show the row", show=False),
        Binding("up", "move(-1)", "Row up", show=False),
        Binding("down", "move(1)", "Row down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First row", show=False),
        Binding("end", "move_to(-1)", "Last row", show=False),
        Binding("left", "column(-1)", "Column left", show=False),
        Binding("right", "column(1)", "Column right", show=False),
    ]

    class RowSelected(Message):
        """Enter, or a click on the cursor's row: the row ``key``, ``row`` from the top."""

        def __init__(self, table: SynopsisTable, key: str, row: int) -> None:
            super().__init__()
            self.table = table
            self.key = key
            self.row = row

    class HeaderSelected(Message):
        """A click on the header of the column ``key``."""

        def __init__(self, table: SynopsisTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(self, row_height: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row_height = row_height
        self.columns: list[TableColumn] = []
        self.row_keys: list[str] = []
        """The rows shown, top to bottom."""
        self.cursor_row = 0
        self.head = 0
        """How many columns come first and are kept on screen when the rest do not all fit
        (the synopsis's Docs, Kind and Agree)."""
        self.fit = ColumnFit()
        """The columns' widths on the screen now, and which stay put."""
        self._cells: Callable[[str, int], Sequence[Text]] = lambda key, width: ()
        self._drawn: dict[tuple[int, bool], list[Strip]] = {}
        """Each drawn row's lines at the full width of the columns, by row and cursor."""

    # -- contents ------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.row_keys)

    def set_columns(self, columns: list[TableColumn], *, head: int = 0) -> None:
        """Show ``columns``, the first ``head`` of them kept on screen when not all fit."""
        self.columns = columns
        self.head = head
        self.scroll_to(x=0, animate=False, immediate=True)
        self._changed()

    def set_rows(
        self,
        keys: list[str],
        cells: Callable[[str, int], Sequence[Text]],
        *,
        cursor: str | None,
        fallback: int = 0,
    ) -> None:
        """Show the rows ``keys``, with the cursor on the row ``cursor`` if it is among them
        (else on the row ``fallback``, the first unless told); ``cells`` gives a row's cells
        by its key when it is drawn, for the width the columns after the head have then
        (:attr:`body_width`)."""
        self.row_keys = keys
        self._cells = cells
        row = keys.index(cursor) if cursor is not None and cursor in keys else fallback
        self._changed()
        self.move_cursor(row)

    def cells_at(self, row: int) -> Sequence[Text]:
        """The cells of the row ``row`` from the top."""
        return self._cells(self.row_keys[row], self.body_width)

    @property
    def body_width(self) -> int:
        """The text width of the columns after the head now (each as wide as the others)."""
        return self.widths[self.head] if self.head < len(self.widths) else 0

    def _changed(self) -> None:
        self._drawn.clear()
        self._fit()
        self.refresh()

    def on_resize(self) -> None:
        self._changed()
        self._show_cursor_cells()

    # -- fitting the columns to the screen -----------------------------------------------------

    def _fit(self) -> None:
        room = self.scrollable_content_region.width
        own = [column.width for column in self.columns]
        self.fit = ColumnFit.fitted(own, self.head, room)
        self.virtual_size = Size(self.fit.total, HEADER + len(self.row_keys) * self.row_height)

    @property
    def widths(self) -> tuple[int, ...]:
        """Each column's text width now: its own, or fitted to a narrow screen."""
        return self.fit.widths

    @property
    def whole(self) -> bool:
        """Only whole columns are drawn and scrolling moves by columns (when not all fit)."""
        return self.fit.whole

    def action_column(self, step: int) -> None:
        """When not every column fits the arrow keys move by whole columns
        (:meth:`ColumnFit.scroll_by_column`); when all fit there is nowhere to go."""
        if not self.whole:
            if step > 0:
                self.scroll_right()
            else:
                self.scroll_left()
            return
        room = self.scrollable_content_region.width
        x = self.fit.scroll_by_column(round(self.scroll_x), step, room)
        if x is not None:
            self.scroll_to(x=x, animate=False, immediate=True)

    # -- the cursor ----------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (kept within the rows) and bring it into view."""
        self.cursor_row = min(max(row, 0), max(self.row_count - 1, 0))
        self._drawn = {key: lines for key, lines in self._drawn.items() if not key[1]}
        self.refresh()
        if not self.row_count:
            return
        top = self.cursor_row * self.row_height
        visible = max(self.scrollable_content_region.height - HEADER, self.row_height)
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + self.row_height > self.scroll_y + visible:
            self.scroll_to(y=top + self.row_height - visible, animate=False, immediate=True)
        self._show_cursor_cells()

    def _show_cursor_cells(self) -> None:
        """When none of the cursor row's cells with text is among the columns on screen,
        scroll to its first: with dozens of documents a few columns fit, and a row that looks
        empty (the claim's documents lie further right) tells a reader nothing."""
        cells = self.cells_at(self.cursor_row) if self.row_count else ()
        filled = [n for n in range(self.head, len(cells)) if cells[n].cell_len]
        room = self.scrollable_content_region.width
        x = self.fit.bring_in(filled, round(self.scroll_x), room)
        if x is not None:
            self.scroll_to(x=x, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_move_to(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else self.row_count - 1)

    def action_page(self, step: int) -> None:
        rows = max((self.scrollable_content_region.height - HEADER) // self.row_height, 1)
        self.move_cursor(self.cursor_row + step * rows)

    def action_select(self) -> None:
        if self.row_count:
            key = self.row_keys[self.cursor_row]
            self.post_message(self.RowSelected(self, key, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        """A header click reports its column; a click on a row puts the cursor there, and a
        click on the cursor's row chooses it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < HEADER:
            for column, start, width in self._on_screen():
                if start <= offset.x < start + width:
                    self.post_message(self.HeaderSelected(self, column.key))
                    return
            return
        row = (offset.y - HEADER + round(self.scroll_y)) // self.row_height
        if row >= self.row_count:
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(row)

    def _on_focus(self, event: events.Focus) -> None:
        self._drawn.clear()  # the cursor's colour is another when the table has the focus
        super()._on_focus(event)

    def _on_blur(self, event: events.Blur) -> None:
        self._drawn.clear()
        super()._on_blur(event)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    def _on_screen(self) -> list[tuple[TableColumn, int, int]]:
        """The columns drawn, each with where it starts on screen and its width there."""
        room = self.scrollable_content_region.width
        shown = self.fit.on_screen(round(self.scroll_x), room)
        return [(self.columns[index], start, width) for index, start, width in shown]

    # -- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y < HEADER:
            strip = self._header(base)
        else:
            line = y - HEADER + round(self.scroll_y)
            row, within = divmod(line, self.row_height)
            if row >= self.row_count:
                return Strip.blank(width, base)
            strip = self._row(row, base)[within]
        if not self.whole:
            x = round(self.scroll_x)
            return strip.crop_extend(x, x + width, base)
        # the pinned head, then the whole columns from the first one scrolled to
        fit = self.fit
        pinned = fit.pinned_width
        first = fit.first(round(self.scroll_x))
        start = fit.starts[first]
        last = fit.end(first, width) - 1
        end = min(fit.starts[last] + fit.span(last), start + width - pinned)
        shown = Strip.join([strip.crop(0, pinned), strip.crop(start, end)])
        left = width - shown.cell_length
        more = len(self.columns) - last - 1
        hint = f"  \N{RIGHTWARDS ARROW} {more} more"
        if y < HEADER and more and left >= len(hint):
            # the room no column fits in says that the right arrow brings more
            shown = Strip.join([shown, Strip([Segment(hint, base + Style(dim=True))])])
        return shown.extend_cell_length(width, base)

    def _header(self, base: Style) -> Strip:
        style = base + self.get_component_rich_style("synopsis-table--header")
        segments = []
        for column, width in zip(self.columns, self.widths, strict=True):
            label = column.label.copy()
            if label.cell_len > width:  # a document's id ends with its name: keep both ends
                label = Text(shorten_middle(label.plain, width), style=label.style)
            label.truncate(width, overflow="ellipsis", pad=True)
            pad = " " * PADDING
            segments += [Segment(pad, style), *label.render(self.app.console), Segment(pad)]
        return Strip(Segment.apply_style(segments, style))

    def _row(self, row: int, base: Style) -> list[Strip]:
        cursor = row == self.cursor_row
        drawn = self._drawn.get((row, cursor))
        if drawn is not None:
            return drawn
        stripe = "synopsis-table--odd-row" if row % 2 else "synopsis-table--even-row"
        style = base + self.get_component_rich_style(stripe)
        if cursor:
            style += self.get_component_rich_style("synopsis-table--cursor")
        console = self.app.console
        lines: list[list[Segment]] = [[] for _ in range(self.row_height)]
        cells = self._cells(self.row_keys[row], self.body_width)
        for width, cell in zip(self.widths, cells, strict=False):
            options = console.options.update_dimensions(width + 2 * PADDING, self.row_height)
            shown = clipped(cell, width, self.row_height, console)
            rendered = console.render_lines(
                Padding(shown, (0, PADDING)), options, style=style, pad=True
            )
            for line, segments in zip(lines, rendered, strict=False):
                line.extend(segments)
        drawn = [Strip(line) for line in lines]
        if len(self._drawn) >= ROW_CACHE:
            self._drawn.pop(next(iter(self._drawn)))
        self._drawn[row, cursor] = drawn
        return drawn
