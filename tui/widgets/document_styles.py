"""How a document view looks: its component classes and their CSS.

Kept apart from :mod:`tui.widgets.document_view`, which draws and scrolls. With NO_COLOR,
Textual draws backgrounds in grey or not at all, so there the cursor is reversed (as in
Textual's own lists and trees) in every pane, and a search match or a selection, which lie
inside the cursor's sentence, are bold and underlined rather than reversed too. Bold alone
would not show the cursor on a heading, nor underline on an unsourced claim.
"""

from __future__ import annotations

COMPONENT_CLASSES = {
    "document-view--heading",
    "document-view--list-marker",
    "document-view--code",
    "document-view--cursor",
    "document-view--match",
    "document-view--passage",
    "document-view--term",
    "document-view--note",
    "document-view--selection",
    "document-view--placeholder",
    "document-view--gutter",
}
"""The parts of a document view that CSS can style."""

DOCUMENT_VIEW_CSS = """
DocumentView {
    background: $surface;
    color: $foreground;
    padding: 0 1;
    scrollbar-size-vertical: 1;
    overflow-x: hidden;
}
DocumentView > .document-view--heading { color: $accent; text-style: bold; }
DocumentView > .document-view--list-marker { color: $secondary; }
DocumentView > .document-view--code { color: $text-muted; background: $boost; }
DocumentView > .document-view--cursor { background: $primary 35%; }
DocumentView:focus > .document-view--cursor {
    background: $primary 60%;
    text-style: bold;
}
DocumentView > .document-view--match { background: $warning 50%; text-style: reverse; }
DocumentView > .document-view--passage { background: $success 30%; }
DocumentView > .document-view--term { text-style: bold underline; }
DocumentView > .document-view--note { background: $secondary 35%; }
DocumentView > .document-view--selection { text-style: reverse; }
DocumentView > .document-view--placeholder { color: $text-muted; text-style: italic; }
DocumentView > .document-view--gutter { color: $text-muted; text-style: bold; }
DocumentView:nocolor > .document-view--cursor { text-style: reverse; }
DocumentView:nocolor:focus > .document-view--cursor { text-style: bold reverse; }
DocumentView:nocolor > .document-view--match { text-style: bold underline; }
DocumentView:nocolor > .document-view--selection { text-style: bold underline; }
"""
