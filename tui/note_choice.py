"""Which note a key acts on, and the two actions that need nothing but that note: delete and
resolve.

The notes panel's highlighted note wins over the cursor's passage (the user is looking at it);
someone else's highlighted note is refused by name rather than passed over for one of the
user's own on the same words. Apart from :mod:`tui.note_actions`, which opens the editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.conflicts import kept_versions
from corpus.text import one_line
from tui.note_places import notes_ready, selected_passage
from tui.screens.note_editor import ConfirmScreen
from tui.widgets.notes_panel import NotesPanel

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.placement import Placed
    from annotations.store import AnnotationStore
    from tui.app import SynopticApp


def current_note(app: SynopticApp, *, own: bool = False) -> Placed | None:
    """The note the panel highlights, else the first (own, if asked) note at the cursor.

    A highlighted note that is not the user's is not passed over for one of theirs when
    ``own`` is asked: :func:`_own_note_here` refuses it, naming it, rather than editing or
    deleting another note than the one the user is looking at.
    """
    highlighted = highlighted_note(app)
    if highlighted is not None:
        return highlighted if not own or app.notes.is_own(highlighted.annotation) else None
    found = selected_passage(app)
    if found is None:
        return None
    _, doc_id, span = found
    for placed in app.notes.at(doc_id, span):
        if not own or app.notes.is_own(placed.annotation):
            return placed
    return None


def named_note(annotation: Annotation) -> str:
    """A note as the reader shows it: whose, and on which words of which document (its id
    is shown nowhere in the reader)."""
    quote = one_line(annotation.target.quote, 60)
    where = annotation.target.doc
    return f"{one_line(annotation.writer, 40)}'s note on \u201c{quote}\u201d in {where}"


def highlighted_note(app: SynopticApp) -> Placed | None:
    """The note the notes panel highlights, when it is shown and highlights one."""
    panel = app.query(NotesPanel)
    if panel and panel.first().has_class("-shown"):
        chosen = panel.first().current()
        if chosen is not None:
            return app.notes.by_id.get(chosen.id)
    return None


def own_note_here(app: SynopticApp, verb: str) -> Placed | None:
    """The user's own note at the cursor for ``verb`` (edit, delete, resolve), else None once
    they have been told why: notes off or not read yet, or none of theirs here."""
    if not notes_ready(app):
        return None
    highlighted = highlighted_note(app)
    if highlighted is not None and not app.notes.is_own(highlighted.annotation):
        writer = one_line(highlighted.annotation.writer, 40)
        app.tell(  # literally: a name may hold what Textual would read as markup
            f"The highlighted note is {writer}'s: you can {verb} only your own notes "
            "(r replies to it).",
            "Not your note",
            timeout=6,
        )
        return None
    placed = current_note(app, own=True)
    if placed is None:
        app.notify(f"None of your notes is here: you can {verb} only your own.", severity="warning")
    return placed


def delete(app: SynopticApp) -> None:
    """Delete one of your notes at the cursor, after asking."""
    placed = own_note_here(app, "delete")
    if placed is None:
        return
    annotation = placed.annotation

    def answer(yes: bool | None) -> None:
        if yes:
            app.notes.save(lambda store: _delete(app, store, annotation), "Deleting a note")

    kept = len(kept_versions(annotation))  # what the deletion does not take away with it
    also = ""
    if kept == 1:
        also = " The version it keeps from a conflicting change is not deleted with it."
    elif kept:
        also = f" The {kept} versions it keeps from conflicting changes are not deleted with it."
    app.push_screen(
        ConfirmScreen("Delete this note?" + also, annotation.note or annotation.target.quote),
        answer,
    )


def _delete(app: SynopticApp, store: AnnotationStore, annotation: Annotation) -> Annotation:
    """Delete ``annotation`` (in a worker), keeping it to be brought back with Ctrl+Z, and
    say so: a note deleted by mistake must not depend on git to come back."""
    from annotations.deleted_notes import delete_keeping

    gone = delete_keeping(store, annotation.id)
    app.notes.deleted_here.append(annotation.id)
    app.call_from_thread(
        app.notify,
        f"Note deleted: {named_note(annotation)}. Ctrl+Z brings it back.",
        title="Note deleted",
        timeout=10,
    )
    return gone


def undo_delete(app: SynopticApp) -> None:
    """Bring back the note last deleted in this reader (and, again, the one before), as it
    was: with its id, its replies, links, kept versions and passage."""
    if not notes_ready(app):
        return
    if not app.notes.deleted_here:
        app.notify("No note deleted here to bring back (synoptic note restore --list).")
        return
    annotation_id = app.notes.deleted_here.pop()

    def change(store: AnnotationStore) -> Annotation | None:
        from annotations.deleted_notes import restore_deleted

        back = restore_deleted(store, annotation_id)
        app.call_from_thread(
            app.notify, f"Brought back: {named_note(back)}.", title="Note restored"
        )
        return back

    app.notes.save(change, "Bringing back a deleted note")


def resolve(app: SynopticApp) -> None:
    """Mark the versions your note at the cursor keeps from conflicting changes as seen (as
    ``synoptic note resolve`` does): they stay kept, and are no longer reported."""
    placed = own_note_here(app, "resolve")
    if placed is None:
        return
    annotation = placed.annotation
    count = len(kept_versions(annotation))
    if not count:
        app.notify("This note keeps no versions from conflicting changes.")
        return
    app.notes.save(lambda store: store.resolve(annotation), "Resolving kept versions")
    noun = "version" if count == 1 else "versions"
    # Said in the reader's terms: the command and JSON field it named are for scripts
    app.notify(
        f"{count} kept {noun} marked as seen: the notes panel no longer reports "
        f"{'it' if count == 1 else 'them'}. Nothing is deleted; the note's file keeps "
        f"{'it' if count == 1 else 'them'}."
    )
