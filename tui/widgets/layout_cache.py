"""Wrapped documents kept for the widths they were last wrapped to, shared by every pane.

Re-wrapping is what a resize or a chosen synopsis row cost: up to six panes each wrapped their
document again, even when it had been wrapped to that very width a moment before (a terminal
made narrower and wider again, a synopsis row showing documents the panes already showed).
A long document's wrap runs in a thread, but a thread holding the interpreter lock stalls the
event loop too. So the layouts are kept, a few per document, up to :data:`LINES` screen lines
in all (a 5 MB document is about 120,000 lines at 70 columns), and a pane asking for a width
it had gets it back at once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from tui.layout import display_text, layout_document

if TYPE_CHECKING:
    from corpus.model import Document
    from tui.layout import DocumentLayout

LINES = 400_000
"""Screen lines kept in all: about 35 MB (a line's offsets take some 85 bytes), room for a
5 MB document at three widths; the least recently used go."""

_layouts: dict[tuple[int, int], tuple[Document, DocumentLayout]] = {}
"""By the document's identity and the width; the document is kept with its layout so that its
identity cannot be taken by another document while the entry lives."""
_displays: dict[int, tuple[Document, str]] = {}
"""The document as drawn (see :func:`~tui.layout.display_text`), the same at every width."""
_lock = threading.Lock()
"""Long documents are wrapped in threads while the loop asks for short ones."""


def cached_layout(document: Document, width: int) -> DocumentLayout | None:
    """The layout of ``document`` at ``width`` if it was made before, else None."""
    with _lock:
        found = _layouts.pop((id(document), width), None)
        if found is None or found[0] is not document:
            return None
        _layouts[id(document), width] = found  # the most recently used go last
        return found[1]


def wrapped(document: Document, width: int) -> DocumentLayout:
    """The layout of ``document`` at ``width``, made now unless it is kept; safe in a thread
    (at worst two threads make the same layout and one is kept)."""
    layout = cached_layout(document, width)
    if layout is not None:
        return layout
    with _lock:
        display = _displays.get(id(document))
    if display is None or display[0] is not document:
        display = (document, display_text(document))
    layout = layout_document(document, width, display[1])
    with _lock:
        _displays[id(document)] = display
        _layouts[id(document), width] = (document, layout)
        _trim()
    return layout


def _trim() -> None:
    """Drop the least recently used layouts past :data:`LINES` (called holding the lock)."""
    kept = sum(len(layout) for _, layout in _layouts.values())
    while kept > LINES and len(_layouts) > 1:
        _, layout = _layouts.pop(next(iter(_layouts)))
        kept -= len(layout)
    alive = {id(document) for document, _ in _layouts.values()}
    for gone in [key for key in _displays if key not in alive]:
        del _displays[gone]
