"""What the side panels (claims, notes, matches) share: Esc closes one, as it does a dialog, and
a heading of one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label

if TYPE_CHECKING:
    from tui.app import SynopticApp


class SidePanel(Vertical):
    """A panel beside the panes, shown while it has the ``-shown`` class.

    Each panel is at most 35 % of the screen wide (down to 28 columns): at 80 columns a panel
    of a fixed 52 or 56 left the two panes some ten columns each, a word to a line.
    """

    DEFAULT_CSS = """
    SidePanel > Label {
        padding: 0 1;
        color: $text-muted;
        width: 100%;
        /* one line, cut with an ellipsis: a Text's own no_wrap is not honoured by a Label, and
           a heading wrapped to three lines at 80 columns pushed the list down */
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "hide", "Close", show=False)]

    def show_heading(self, heading: str) -> None:
        """Put ``heading`` on the panel's first line; the panel is narrow, so the whole of it
        is also a hover away, in the tooltip. It names documents, so it is never read as
        markup: a file called ``[b]x.txt`` is shown as it is called."""
        literal = Text(heading)
        label = self.query_one(Label)
        label.update(literal)
        label.tooltip = literal

    def action_hide(self) -> None:
        """Hide the panel and give the keys back to the reading pane."""
        self.remove_class("-shown")
        app: SynopticApp = self.app  # type: ignore[assignment]
        app.active_pane.view.focus()
