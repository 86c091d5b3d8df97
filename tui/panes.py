"""Pane commands of the reader: which document each pane shows, and how many panes there are.

The bodies of the app's pane actions, kept apart so that the app module stays about loading
and messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.widgets.document_pane import DocumentPane

if TYPE_CHECKING:
    from corpus.synopsis import ClaimGroup
    from tui.app import SynopticApp

MAX_PANES = 6
GROUP_ROW = 2
"""Visible row where a synopsis row's passages are put, level across the panes."""


def open_number(app: SynopticApp, number: int) -> None:
    """Show the n-th document (in id order) in the focused pane."""
    ids = app.workspace.document_ids
    if 1 <= number <= len(ids):
        app.open_document(ids[number - 1])
    else:
        app.bell()


def cycle_document(app: SynopticApp, step: int) -> None:
    """Show the next or previous document in the focused pane."""
    ids = app.workspace.document_ids
    if not ids:
        return
    current = app.active_pane.doc_id
    index = ids.index(current) if current in ids else -step
    app.open_document(ids[(index + step) % len(ids)])


async def add_pane(app: SynopticApp) -> None:
    """Open another pane, showing the first document no pane shows yet."""
    panes = app.panes
    if len(panes) >= MAX_PANES:
        app.notify(f"Synoptic shows at most {MAX_PANES} panes.", severity="warning")
        return
    pane = DocumentPane(len(panes) + 1)
    await app.query_one("#panes").mount(pane)
    shown = {p.doc_id for p in panes}
    ids = app.workspace.document_ids
    doc_id = next((d for d in ids if d not in shown), ids[0] if ids else None)
    if doc_id is not None:
        app.open_document(doc_id, pane)
    pane.view.focus()


async def remove_pane(app: SynopticApp) -> None:
    """Close the focused pane (the last one stays)."""
    panes = app.panes
    if len(panes) <= 1:
        app.bell()
        return
    pane = app.active_pane
    index = panes.index(pane)
    await pane.remove()
    remaining = app.panes
    for number, other in enumerate(remaining, start=1):
        other.number = number
        document = app.workspace.loaded(other.doc_id) if other.doc_id else None
        other.set_title(other.doc_id, document.title if document else "")
    app._active_pane = remaining[min(index, len(remaining) - 1)]
    app._active_pane.view.focus()


async def show_group(app: SynopticApp, group: ClaimGroup) -> None:
    """Lay a synopsis row out side by side: one of its passages per pane, level."""
    wanted = list(group.passages.items())[:MAX_PANES]
    while len(app.panes) < len(wanted):
        await app.query_one("#panes").mount(DocumentPane(len(app.panes) + 1))
    for pane, (doc_id, passage) in zip(app.panes, wanted, strict=False):
        app.open_document(doc_id, pane)
        pane.view.show_passage(passage.start, passage.end, [], row=GROUP_ROW)
        pane.set_match_label(f"claim {group.id[:6]}")
    app._active_pane = app.panes[0]
    app.panes[0].view.focus()
