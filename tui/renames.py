"""A document renamed on disk while the reader is open (see :mod:`tui.reloading`).

The same bytes gone from one name and come under another (``git mv``, a file manager), or
nearly the same (renamed and edited in one pull, see :func:`tui.watching._pair_renames`), are
one rename, not a deletion and a new document: the panes that showed it show it under its new
name, at the same place, and the user's own notes on it are moved with it, each saved
atomically by the store, as re-attaching them one by one from the notes list (``R``) would.
The user's own notes that cite a passage of it as evidence (on whatever document) have those
links rewritten to its new name too, in the same save: left on the old name, a link names a
document that is no longer there. Others' notes are never rewritten by this reader: they stay
on the old id, orphaned, and ``u`` (the sharing status, which asks git for the rename) tells
their authors how to move them; their links into it are followed by the rename when opened
(see :func:`tui.note_places.open_link`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.errors import DocumentError

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.placement import Placed
    from annotations.store import AnnotationStore
    from tui.app import SynopticApp


def renamed(app: SynopticApp, old: str, new: str, before: dict[str, Placed]) -> list[Annotation]:
    """``old``'s file is ``new`` now (perhaps edited): its panes show ``new`` at the same place;
    returns the user's own notes on it, to be moved with it (see :func:`move_notes`)."""
    from tui.reloading import show_again

    was = app.workspace.loaded(old)
    app.workspace.forget(old)
    app.failures[old] = DocumentError(old, f"was renamed to {new} on disk")
    app.disk_watch.spoilt.discard(old)
    document = app.workspace.loaded(new)
    for pane in app.panes:
        if pane.doc_id == old and document is not None:
            show_again(pane, document)
    app.drafts.renamed(old, new)  # a note being written on it is saved on it, under ``new``
    # Thread starters only: a reply goes wherever the note it answers goes.
    starters = [
        p.annotation
        for p in before.values()
        if p.annotation.target.doc == old
        and (p.annotation.reply_to is None or p.annotation.reply_to not in app.notes.by_id)
    ]
    own = [a for a in starters if app.notes.is_own(a)]
    others = len(starters) - len(own)
    edited = was is not None and document is not None and was.sha256 != document.sha256
    said = [
        f"{old} was renamed to {new} on disk"
        + (", and edited" if edited else "")
        + "; it is shown under its new name."
    ]
    if len(own) == 1:
        said.append("Your note on it moves with it.")
    elif own:
        said.append(f"Your {len(own)} notes on it move with it.")
    if others == 1:
        said.append(
            f"1 note by another author stays on {old}, without a place: only its author can "
            "move it (u says how)."
        )
    elif others:
        said.append(
            f"{others} notes by others stay on {old}, without a place: only their authors can "
            "move them (u says how)."
        )
    app.tell(" ".join(said), "Document renamed", "information")
    app.disk_watch.renamed[old] = new
    return own


def citing(app: SynopticApp, renamed: dict[str, str]) -> list[Annotation]:
    """The user's own notes (on any document, replies too) whose passage links point into a
    document renamed (old id -> new id)."""
    return [
        placed.annotation
        for placed in app.notes.placed
        if app.notes.is_own(placed.annotation)
        and any(
            link.target is not None and link.target.doc in renamed
            for link in placed.annotation.links
        )
    ]


def follow(annotation: Annotation, renamed: dict[str, str]) -> Annotation:
    """``annotation`` on its document's new id, its passage links into renamed documents on
    theirs (old id -> new id)."""
    from dataclasses import replace

    from annotations.links import follow_rename

    links = annotation.links
    for old, new in renamed.items():
        links = follow_rename(links, old, new)
    doc = renamed.get(annotation.target.doc, annotation.target.doc)
    return annotation.edited(target=replace(annotation.target, doc=doc), links=links)


def _count(number: int) -> str:
    return "1 note" if number == 1 else f"{number} notes"


def move_notes(app: SynopticApp, moving: list[Annotation], renamed: dict[str, str]) -> int:
    """Move the user's notes to their document's new id, and point their links into renamed
    documents at the new ids (see :func:`follow`), each note saved atomically by the store
    (which writes only the user's own files); returns the number of the notes read after."""
    notes = list({annotation.id: annotation for annotation in moving}.values())

    def change(store: AnnotationStore) -> Annotation | None:
        from annotations.errors import AnnotationError
        from tui.note_choice import named_note

        saved: list[Annotation] = []
        refused: list[str] = []
        for annotation in notes:  # one refused (a read-only file) stops no other
            try:
                saved.append(store.update(follow(annotation, renamed)))
            except AnnotationError as error:
                refused.append(f"{named_note(annotation)}: {str(error).rstrip('.')}")
        on_renamed = {a.id for a in notes if a.target.doc in renamed}
        moved = [s for s in saved if s.id in on_renamed]
        relinked = len(saved) - len(moved)
        told = []
        if moved:
            docs = sorted({s.target.doc for s in moved})
            told.append(
                f"{_count(len(moved))} of yours moved to {', '.join(docs)} with their "
                "document, with their ids, replies and history."
            )
        if relinked:
            told.append(
                f"{_count(relinked)} of yours cite{'s' if relinked == 1 else ''} a passage "
                "of a renamed document: the links now name it as it is called now."
            )
        if told:
            app.call_from_thread(
                app.tell, " ".join(told), "Notes moved with their document", "information"
            )
        if refused:
            app.call_from_thread(
                app.tell,
                f"Not changed with their renamed document, so kept as they were: "
                f"{'; '.join(refused)}. Re-attach them from the notes list (l, then R), or "
                "edit their links (e).",
                "Notes not moved",
                "error",
            )
        return saved[-1] if saved else None

    return app.notes.save(change, "Moving your notes with their renamed document")
