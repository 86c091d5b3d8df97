"""What the side panels (claims, notes, matches) share: Esc closes one, as it does a dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical

if TYPE_CHECKING:
    from tui.app import SynopticApp


class SidePanel(Vertical):
    """A panel beside the panes, shown while it has the ``-shown`` class.

    Each panel is at most 35 % of the screen wide (down to 28 columns): at 80 columns a panel
    of a fixed 52 or 56 left the two panes some ten columns each, a word to a line.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "hide", "Close", show=False)]

    def action_hide(self) -> None:
        """Hide the panel and give the keys back to the reading pane."""
        self.remove_class("-shown")
        app: SynopticApp = self.app  # type: ignore[assignment]
        app.active_pane.view.focus()
