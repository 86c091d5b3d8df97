"""The footer of every screen: the keys whose descriptions fit whole, never half a word.

Textual's footer lays every key out in a row and the screen's edge cuts the row wherever it
falls: at 40 columns the synopsis's footer read ``o Shar``, a key whose meaning a reader had
to guess. This footer leaves out the keys that do not fit whole, keeping them in the order the
bindings give them, which is their priority (the first binding of a screen is the one a reader
needs first); every key left out is still in help (``?``). A wide footer is Textual's, unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual import events
    from textual.app import ComposeResult
    from textual.widget import Widget


class KeyFooter(Footer):
    """A footer that shows only the keys it has room for, whole."""

    _composed_width = 0
    """The width the keys were last chosen for: a resize to another chooses again."""

    def compose(self) -> ComposeResult:
        if not self._bindings_ready or self._grouped():
            # Textual lays a group's keys out in a container of their own, which the choice
            # below cannot see into; no screen of ours groups its keys.
            yield from super().compose()
            return
        self._composed_width = width = self.size.width
        keys = list(super().compose())
        if width <= 0:  # not laid out yet: the keys are chosen again once it is
            yield from keys
            return
        palette = [key for key in keys if key.has_class("-command-palette")]
        room = width - sum(self._palette_width(key) for key in palette)
        used = 0
        for key in keys:
            if key in palette:
                continue
            cells = self._key_width(key)
            # The last key's trailing space may fall off the edge: its words are whole.
            if used + cells - 1 <= room:
                used += cells
                yield key
        yield from palette

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)

    def _grouped(self) -> bool:
        bindings = self.screen.active_bindings.values()
        return any(binding.group is not None for _, binding, _, _ in bindings if binding.show)

    def _key_width(self, key: Widget) -> int:
        """Cells a key takes in the row: its key, its description and the spaces Textual's
        footer puts around them (a cell before and after the key, one after the description;
        compact, one between them and one after)."""
        if not isinstance(key, FooterKey):
            return 0
        cells = Text(key.key_display).cell_len + Text(key.description).cell_len
        return cells + (2 if self.compact else 3)

    @staticmethod
    def _palette_width(key: Widget) -> int:
        """Cells the command palette's key takes at the right: it is always compact, with a
        border before it and a space after it."""
        if not isinstance(key, FooterKey):
            return 0
        return Text(key.key_display).cell_len + 1 + Text(key.description).cell_len + 2
