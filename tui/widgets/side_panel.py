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
    of a fixed 52 or 56 left the two panes some ten columns each, a word to a line. Below 80
    columns even that left the panes a few columns each, so there the panel takes half the
    screen and only one pane stays beside it (``app.tcss``): the screen has the class
    ``-side-panel`` while a panel is shown, and the pane kept has the class ``-kept``.
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

    @property
    def shown(self) -> bool:
        """Whether the panel is on screen."""
        return self.has_class("-shown")

    def show(self, shown: bool) -> None:
        """Show or hide the panel, and tell the screen whether any panel is shown, which a
        narrow screen answers by keeping a single pane beside it."""
        self.set_class(shown, "-shown")
        screen = self.screen
        screen.set_class(any(panel.shown for panel in screen.query(SidePanel)), "-side-panel")

    def action_hide(self) -> None:
        """Hide the panel and give the keys back to the reading pane."""
        self.show(False)
        app: SynopticApp = self.app  # type: ignore[assignment]
        app.active_pane.view.focus()
