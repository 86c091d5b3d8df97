"""Pane commands of the reader: which document each pane shows, and how many panes there are.

The bodies of the app's pane actions (and of ``open_document``, which they all come to), kept
apart so that the app module stays about layout and messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import arrivals, side_panels
from tui.widgets.document_pane import DocumentPane

if TYPE_CHECKING:
    from collections.abc import Sequence

    from corpus.synopsis import ClaimGroup
    from tui.app import SynopticApp

MAX_PANES = 6
ROW_PANE_CELLS = 24
"""Fewest columns a pane gets when a synopsis row is laid out: at 80 columns five panes of 16
broke words in the middle ("complement ed"), so a row shows as many passages as fit."""
GROUP_ROW = 2
"""Visible row where a synopsis row's passages are put, level across the panes."""
READABLE_PANE_CELLS = 30
"""Fewest columns a pane opened at start gets: some 25 columns of text, five or so words a
line. At 40 columns two panes had 15 each, two or three words a line, which no one reads."""


def panes_that_fit(width: int, pane_width: int) -> int:
    """How many panes the reader opens in ``width`` columns when the user did not say.

    Two side by side are the point of the reader, so two open from 60 columns on, and one
    more for each further ``pane_width``; below that one pane, which ``+`` can still split.
    """
    return max(1, min(max(2, width // pane_width), width // READABLE_PANE_CELLS, MAX_PANES))


def show_first_documents(app: SynopticApp) -> None:
    """Put the first documents in id order in the panes, and focus the first pane.

    Small documents are read right here, so that the first frame already shows their text
    instead of a loading line; the rest come from the loader.
    """
    ids = app.workspace.document_ids
    panes = app.panes
    arrivals.folders_unlisted(app)
    arrivals.files_not_read(app, app.workspace.not_read)
    if not ids and app.workspace.unlisted:  # documents there may be, but none can be reached
        panes[0].set_title(None)
        panes[0].view.show_placeholder(
            "No document to show: the folders of this workspace that may hold some cannot be "
            "read (the notifications say which)."
        )
    elif not ids:
        panes[0].set_title(None)
        panes[0].view.show_placeholder(
            "This workspace has no documents: add .txt or .md files to it."
        )
        app.tell(f"No .txt or .md documents in {app.workspace.root}.", "Empty workspace")
    for pane, doc_id in zip(panes, ids, strict=False):
        app.loader.load_now_if_small(doc_id)
        app.open_document(doc_id, pane)
    panes[0].view.focus()
    app._active_pane = panes[0]


def show_document(
    app: SynopticApp, doc_id: str, pane: DocumentPane, *, offset: int | None = None
) -> None:
    """Show ``doc_id`` in ``pane``, asking the loader for it first if it is not read yet.

    The loader is told which documents are on screen, so that their claims come first.
    """
    document = app.workspace.loaded(doc_id)
    if doc_id in app.failures:
        pane.show_failure(doc_id, app.failures[doc_id].reason)
    elif document is None:
        app.loader.want(doc_id)
        pane.show(doc_id, None)
    else:
        pane.show(doc_id, document)
        arrivals.say_if_conflicted(pane, document)
        pane.view.set_marks(app.claims.marks_for(doc_id))
        pane.view.set_note_spans(app.notes.spans_for(doc_id))
        if offset is not None:
            pane.view.go_to_offset(offset)
    app.loader.on_screen = frozenset(p.doc_id for p in app.panes if p.doc_id)
    if pane is app.active_pane:
        side_panels.show_position(app, pane.view)
        side_panels.refresh_claims(app)


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


async def show_group(
    app: SynopticApp, group: ClaimGroup, first: Sequence[str] = (), row: str = "synopsis row"
) -> None:
    """Lay a synopsis row out side by side: one of its passages per pane, level.

    A claim made by more documents than there can be panes (at most :data:`MAX_PANES`, and
    no more than fit at :data:`ROW_PANE_CELLS` each, though panes the user opened stay) shows
    those in ``first`` (the table's columns on screen) before the others, and says how many
    are left out. Each pane's
    title names the row as the table showed it (``row``, "synopsis row 3 of 40"): the group's
    id, a hash, is seen nowhere else.
    """
    if app.parallel.follow:
        # Follow mode would re-match the first pane's new sentence and undo the row.
        app.action_toggle_follow()
        app.notify("Follow mode is off, so the panes keep this row; f turns it on again.")
    order = [doc_id for doc_id in first if doc_id in group.passages]
    order += [doc_id for doc_id in group.passages if doc_id not in order]
    fit = app.query_one("#panes").size.width // ROW_PANE_CELLS
    room = min(MAX_PANES, max(len(app.panes), fit, 1))
    wanted = [(doc_id, group.passages[doc_id]) for doc_id in order[:room]]
    while len(app.panes) < len(wanted):
        await app.query_one("#panes").mount(DocumentPane(len(app.panes) + 1))
    for pane, (doc_id, passage) in zip(app.panes, wanted, strict=False):
        app.open_document(doc_id, pane)
        pane.view.show_passage(passage.start, passage.end, [], row=GROUP_ROW)
        pane.set_match_label(row, short=row.removeprefix("synopsis ").partition(" of ")[0])
    for pane in app.panes[len(wanted) :]:  # left from a wider row: it would still name that row
        pane.view.clear_passage()
        pane.set_match_label("")
    app._active_pane = app.panes[0]
    app.panes[0].view.focus()
    if group.size > len(wanted):
        app.notify(
            f"{group.size} documents make this claim; the panes show {len(wanted)} of them, "
            f"as many as fit at this width (at most {MAX_PANES}). The synopsis lists them all.",
            title="Claim",
        )
