"""Where notes lead: the passage a note is put on, the list of every note, a note's own
passage (from that list or the sharing screen), re-attaching an orphaned note, and following
an evidence link; and whether the notes can be acted on at all.

Apart from :mod:`tui.note_actions`, which writes notes: these only move the panes, except
re-attaching, which saves through :class:`tui.notes.ReaderNotes` as every write does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.target import Target

if TYPE_CHECKING:
    from annotations.links import EvidenceLink
    from annotations.model import Annotation
    from annotations.placement import Placed
    from annotations.store import AnnotationStore
    from tui.app import SynopticApp
    from tui.widgets.document_view import DocumentView


def notes_ready(app: SynopticApp) -> bool:
    """Whether the notes can be acted on; when not, the user is told why (off, or not read
    yet) rather than being told that no note is there."""
    if not app.notes.ready:
        if app.notes.unavailable is not None:
            app.tell(f"Notes are off: {app.notes.unavailable}", "Notes cannot be read", "error")
        else:
            app.notify("Notes are still being read.", severity="warning")
        return False
    return True


def current_spelling(app: SynopticApp, annotation: Annotation) -> Target:
    """The note's target in its document's current Unicode spelling, saved with the edit
    (see :func:`annotations.placement.respelt`)."""
    from annotations.placement import respelt

    target = annotation.target
    placed = app.notes.by_id.get(annotation.id)
    document = app.workspace.loaded(target.doc)
    if placed is None or document is None or placed.annotation.target != target:
        return target
    return respelt(target, placed.anchor, document.text)


def selected_passage(app: SynopticApp) -> tuple[DocumentView, str, tuple[int, int]] | None:
    """The focused pane's selection (or sentence under the cursor): what a note, a link or a
    re-attached note goes on. A pane with no document rings the bell instead."""
    view = app.active_pane.view
    span = view.selected_span()
    if view.document is None or span is None:
        app.bell()
        return None
    return view, view.document.id, span


def jump_to_note(app: SynopticApp, annotation_id: str) -> None:
    """Show the passage of a note in the focused pane (or say why it cannot be shown)."""
    placed = app.notes.by_id.get(annotation_id)
    if placed is None:
        app.tell("That note is gone: it was deleted meanwhile.", "Note not found")
    elif placed.start is None:
        doc = placed.annotation.target.doc
        where = (
            f"a pane showing {doc}"
            if doc in app.workspace.document_ids
            else f"any pane ({doc} is not in the workspace any more: renamed?)"
        )
        app.tell(
            f"This note's passage was not found. Select where it belongs in {where}, open the "
            "list (l) and press R.",
            "Orphaned note",
        )
    else:
        app.open_document(placed.annotation.target.doc, offset=placed.start)


def reattach(app: SynopticApp, placed: Placed) -> None:
    """Attach one of your notes to the passage selected in the focused pane.

    The passage may be in another document than the note's (after its file was renamed, say):
    the note moves there with its id, replies and history, and the reader says so.
    """
    annotation = placed.annotation
    found = selected_passage(app)
    if found is None:
        return
    view, doc_id, (start, end) = found
    if view.document is None:
        app.tell("Select the passage in a pane first.", "Not re-attached")
        return
    if not app.notes.is_own(annotation):
        app.notify("You can re-attach only your own notes.", severity="warning")
        return
    old_doc = annotation.target.doc
    target = Target.from_span(doc_id, view.document.text, start, end)
    if not annotation.changed_by(target=target):
        # A save stamps a new time, which would beat a real edit made on another clone.
        app.notify("Nothing changed: the note is already on that passage.")
        return
    moved = annotation.edited(target=target)

    def change(store: AnnotationStore) -> Annotation:
        saved = store.update(moved)
        if doc_id != old_doc:
            app.call_from_thread(
                app.tell,
                f"The note moved from {old_doc} to {doc_id}, with its id, replies and history.",
                "Note re-attached to another document",
                "information",
            )
        return saved

    app.notes.save(change, "Re-attaching a note")


def open_link(app: SynopticApp, link: EvidenceLink) -> None:
    """A web link opens in the browser; a passage link in a pane beside this one."""
    if link.target is None:
        app.open_url(link.href)
        return
    target = link.target
    doc = renamed_to(app, target.doc)
    others = [p for p in app.panes if p is not app.active_pane] or app.panes
    pane = next((p for p in others if p.doc_id == doc), others[-1])
    if doc not in app.workspace.document_ids:
        app.tell(f"{target.doc} is not in this workspace any more.", "Link not followed")
        return
    app.open_document(doc, pane)
    document = app.workspace.loaded(doc)
    if document is not None:
        from annotations.anchoring import anchor

        found = anchor(target, document.text)
        if found.start is not None and found.end is not None:
            pane.view.show_passage(found.start, found.end, [], row=2)
            return
    app.notify("The linked passage is no longer in its document.", severity="warning")


def renamed_to(app: SynopticApp, doc: str) -> str:
    """``doc``, or the id it has now when it was renamed on disk while the reader was open
    (a link in another author's note still names it as it was called)."""
    seen = {doc}
    while doc not in app.workspace.document_ids and doc in app.disk_watch.renamed:
        doc = app.disk_watch.renamed[doc]
        if doc in seen:  # a -> b, then b -> a: the chain ends where it began
            break
        seen.add(doc)
    return doc


def open_notes_list(app: SynopticApp, *, new_only: bool = False) -> None:
    """Every note of the workspace; jump to one, or re-attach an orphan here.

    ``new_only`` starts with the list narrowed to notes by others since the last visit.
    """
    from tui.screens.notes_list import NotesListScreen

    if not notes_ready(app):
        return

    def answer(result: tuple[str, str] | None) -> None:
        if result is None:
            return
        action, annotation_id = result
        if action == "reattach":
            placed = app.notes.by_id.get(annotation_id)
            if placed is not None:
                reattach(app, placed)
        else:
            jump_to_note(app, annotation_id)

    screen = NotesListScreen(
        app.notes.placed, new=app.sharing.new_ids, new_only=new_only, deleted=app.notes.deleted
    )
    app.push_screen(screen, answer)
