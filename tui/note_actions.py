"""The bodies of the reader's note actions: add, edit, reply, delete, resolve.

Kept apart from :mod:`tui.app` like :mod:`tui.panes`; where a note or a link leads is in
:mod:`tui.note_places`, linking a passage to a note being written in :mod:`tui.note_picking`,
marking a sentence as a claim or not in :mod:`tui.claim_marking`.
Every write goes through :class:`tui.notes.ReaderNotes`, which runs it in a worker; a refusal
(someone else's note, an unreadable file) comes back as a notification and changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from annotations.drafts import DraftKind, DraftRecord, NoteDraft
from annotations.errors import AnnotationError, DeletedParent, UnknownAnnotation
from annotations.model import Annotation
from annotations.target import Target
from corpus.text import one_line

# Note actions (tui.keys.NOTE_ACTIONS, reached by name here) that live with what they are about:
# a claim mark overrides detection, the notes list leads to where notes are
from tui.claim_marking import mark_claim as mark_claim
from tui.note_choice import current_note, named_note, own_note_here
from tui.note_choice import delete as delete
from tui.note_choice import resolve as resolve
from tui.note_choice import undo_delete as undo_delete

# The app ends link picking (Enter, Escape) through this module, as it starts every note action
from tui.note_picking import finish_picking as finish_picking
from tui.note_picking import start_picking
from tui.note_places import current_spelling, notes_ready, selected_passage
from tui.note_places import open_notes_list as open_notes_list
from tui.screens.note_editor import NoteEditor, PickPassage

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.drafts import Recovered
    from annotations.links import Relation
    from annotations.store import AnnotationStore
    from tui.app import SynopticApp
    from tui.drafts import DraftSession

KEPT = " It is kept as a draft, offered again when you next open this workspace."
"""Said after a refusal that quotes what was written, when its draft is on disk."""


def _begin(
    app: SynopticApp,
    record: DraftRecord,
    done: Callable[[NoteDraft, DraftSession], None],
    recovered: Recovered | None = None,
) -> None:
    """Start writing the note ``record`` describes: kept on disk from now on (see
    :mod:`tui.drafts`) until ``done`` has it saved or the user discards it."""
    if app.picking is not None or app.drafts.active is not None:
        # A second note begun meanwhile would take the place of the first one's draft.
        app.notify(
            "Finish linking the passage first: Enter takes it, Esc goes back to your note."
            if app.picking is not None
            else "Finish the note you are writing first.",
            severity="warning",
        )
        if recovered is not None:
            recovered.file.release()
        return
    app.drafts.begin(record, None if recovered is None else recovered.file)
    _edit(app, record.heading, record.target.quote, record.draft, done, record.original)


def _edit(
    app: SynopticApp,
    heading: str,
    quote: str,
    draft: NoteDraft,
    done: Callable[[NoteDraft, DraftSession], None],
    original: NoteDraft,
    relation: Relation | None = None,
) -> None:
    """Open the editor; a saved draft goes to ``done``, "link a passage" goes via pick mode.

    ``original`` is the note before editing began, kept across trips to pick a passage so that
    Cancel still asks before dropping what was typed before the trip; ``relation`` the one
    chosen for the passage linked on the last trip, offered again for the next link.
    """

    def answer(result: NoteDraft | PickPassage | None) -> None:
        if isinstance(result, PickPassage):
            app.drafts.keep_now()  # the draft waits in memory: on disk too, before the trip
            start_picking(
                app,
                result,
                lambda d: _edit(
                    app,
                    _heading(app, heading),
                    quote,
                    d,
                    done,
                    _original(app, original),
                    result.relation,
                ),
            )
        elif result is None:
            app.drafts.discard()  # Cancel (after a yes when anything was typed)
        else:
            session = app.drafts.finish()
            if session is not None:
                done(result, session)

    editor = NoteEditor(
        heading, quote, draft, app.notes.tags, original, relation, marked=_marked(app)
    )
    app.push_screen(editor, answer)


def _marked(app: SynopticApp) -> bool:
    """Whether the note being edited carries a claim mark (see :class:`NoteEditor`)."""
    session = app.drafts.active
    if session is None or session.record.kind is not DraftKind.EDIT:
        return False
    placed = app.notes.by_id.get(session.record.note_id or "")
    return placed is not None and placed.annotation.claim is not None


def _heading(app: SynopticApp, heading: str) -> str:
    """The editor's title now: its document may have been renamed on disk during the trip."""
    session = app.drafts.active
    return heading if session is None else session.record.heading


def _original(app: SynopticApp, original: NoteDraft) -> NoteDraft:
    """What Cancel compares with now: a document its links point into may have been renamed
    on disk during the trip, which is no change of the user's."""
    session = app.drafts.active
    return original if session is None else session.record.original


def _stored_or_kept(
    session: DraftSession,
    draft: NoteDraft,
    write: Callable[[], Annotation],
    refused: type[AnnotationError],
    why: str,
) -> Annotation:
    """``write`` the note, its draft on disk until it is stored. A ``refused`` write (the note
    or the one it answers was deleted meanwhile) is reported as ``why`` says it, with what the
    user wrote, and the draft stays, so that the text is lost with neither. The store's own
    words name the note by its id, which the reader shows nowhere."""
    kept = session.keep(draft)
    try:
        saved = write()
    except refused as exc:
        also = KEPT if kept else ""
        raise type(exc)(f"{why} What you wrote: {draft.note}{also}") from exc
    session.discard()
    return saved


def _add(
    app: SynopticApp,
    target: Target,
    draft: NoteDraft,
    session: DraftSession,
    reply_to: str | None = None,
) -> None:
    """Save ``draft`` as a new note of the user's on ``target`` (a reply when ``reply_to``);
    its draft goes once the note is stored, and stays if the note is refused."""
    note = Annotation.create(
        app.notes.author,
        target,
        draft.note,
        tags=draft.tags,
        verdict=draft.verdict,
        links=draft.links,
        reply_to=reply_to,
    )

    placed = None if reply_to is None else app.notes.by_id.get(reply_to)
    parent = placed.annotation if placed else app.notes.deleted.get(reply_to or "")
    answered = "The note you answered" if parent is None else named_note(parent)
    why = (
        f"{answered} was deleted meanwhile (in another window or by a pull): a reply to it "
        "is not saved."
    )

    def change(store: AnnotationStore) -> Annotation:
        # DeletedParent: the note replied to was deleted in another window or by a pull
        return _stored_or_kept(session, draft, lambda: store.add(note), DeletedParent, why)

    app.notes.save(change, "Saving a reply" if reply_to else "Saving a note")


def annotate(app: SynopticApp) -> None:
    """A new note on the selection (or the cursor's sentence)."""
    found = selected_passage(app) if notes_ready(app) else None
    if found is None:
        return
    view, doc_id, (start, end) = found
    assert view.document is not None
    target = Target.from_span(doc_id, view.document.text, start, end)

    def save(draft: NoteDraft, session: DraftSession) -> None:
        # the session's target, not the one begun with: the document may have been renamed
        _add(app, session.record.target, draft, session)
        view.set_selection(None)

    heading = f"New note on {doc_id}"
    _begin(app, _record(app, DraftKind.NEW, target, heading), save)


def _record(
    app: SynopticApp,
    kind: DraftKind,
    target: Target,
    heading: str,
    original: NoteDraft | None = None,
    note: Annotation | None = None,
) -> DraftRecord:
    """What a note being written is, for its draft on disk."""
    return DraftRecord(
        kind,
        app.notes.author,
        target,
        heading,
        draft=original or NoteDraft(),
        original=original or NoteDraft(),
        note_id=None if note is None else note.id,
        based_on=None if note is None or kind is not DraftKind.EDIT else note.modified,
        workspace=str(app.workspace.root),
    )


def edit(app: SynopticApp) -> None:
    """Change one of your notes at the cursor."""
    placed = own_note_here(app, "edit")
    if placed is None:
        return
    annotation = placed.annotation
    draft = NoteDraft(annotation.note, annotation.tags, annotation.verdict, annotation.links)
    record = _record(app, DraftKind.EDIT, annotation.target, "Edit your note", draft, annotation)
    _begin(app, record, lambda new, session: _save_edit(app, annotation, new, session))


def _save_edit(
    app: SynopticApp, annotation: Annotation, new: NoteDraft, session: DraftSession
) -> None:
    """Save ``new`` over ``annotation`` (the version editing began from); its draft goes once
    the note is stored."""
    doc = session.record.target.doc
    renamed = app.disk_watch.renamed
    cites = any(link.target is not None and link.target.doc in renamed for link in annotation.links)
    if doc != annotation.target.doc or cites:  # its document, or one it cites, was renamed
        if app.notes.when_saved(lambda: _save_edit(app, annotation, new, session)):
            return  # the note is being moved with its document: edit the moved note
        annotation = _moved_with_its_document(app, annotation, doc)
    changes = {
        "note": new.note,
        "tags": new.tags,
        "verdict": new.verdict,
        "links": new.links,
        "target": current_spelling(app, annotation),
    }
    if not annotation.changed_by(**changes):
        # A save stamps a new time, which would beat a real edit made on another clone; what
        # is stored (changed elsewhere meanwhile or not) stands, as the user changed nothing.
        session.discard()
        app.notify("Nothing changed: the note was not saved again.")
        return
    changed = annotation.edited(**changes)

    why = (
        f"Your note on \u201c{one_line(annotation.target.quote, 60)}\u201d was deleted meanwhile "
        "(in another window or by a pull): the edit is not saved."
    )

    def change(store: AnnotationStore) -> Annotation:
        # UnknownAnnotation: deleted in another window or by a pull while the user edited it
        saved = _stored_or_kept(session, new, lambda: store.update(changed), UnknownAnnotation, why)
        if len(saved.superseded) > len(changed.superseded):  # edited elsewhere meanwhile
            app.call_from_thread(
                app.tell,
                "This note was changed elsewhere (another window or a script) while you "
                "edited it. Your text is saved; the other version is kept in the note's "
                "history (superseded).",
                "Note saved over another edit",
            )
        return saved

    app.notes.save(change, "Saving a note")


def _moved_with_its_document(app: SynopticApp, annotation: Annotation, doc: str) -> Annotation:
    """The version an edit begun on ``annotation`` is saved over, now that its document is
    ``doc``: the note as the rename moved it, when it moved exactly the version editing began
    from (so the move is not taken for someone else's change, kept as superseded); else
    ``annotation`` moved to ``doc`` with the edit, whatever changed meanwhile being kept."""
    from tui.renames import follow

    placed = app.notes.by_id.get(annotation.id)
    moved = None if placed is None else placed.annotation
    if (
        moved is not None
        and moved.target.doc == doc
        and moved.moved_from is not None
        and moved.moved_from.get("modified") == annotation.modified
    ):
        return moved
    # Only its links into a renamed document were rewritten (see tui.renames.move_notes):
    # no one else's change either.
    relinked = follow(annotation, app.disk_watch.renamed)
    if moved is not None and _says(moved) == _says(relinked):
        return moved
    return replace(annotation, target=replace(annotation.target, doc=doc))


def _says(annotation: Annotation) -> tuple[object, ...]:
    """What a note says and where, as an edit or a rename changes it."""
    a = annotation
    return (a.note, a.tags, a.verdict, a.links, a.target.doc, a.target.quote, a.deleted)


def reply(app: SynopticApp) -> None:
    """Answer the note at the cursor (anyone's): a note of yours on the same passage."""
    if not notes_ready(app):
        return
    placed = current_note(app)
    if placed is None:
        app.notify("There is no note here to reply to.", severity="warning")
        return
    parent = placed.annotation
    document = app.workspace.loaded(parent.target.doc)
    target = parent.target
    if document is not None and placed.start is not None and placed.end is not None:
        target = Target.from_span(target.doc, document.text, placed.start, placed.end)

    def save(draft: NoteDraft, session: DraftSession) -> None:
        _add(app, session.record.target, draft, session, reply_to=parent.id)

    record = _record(app, DraftKind.REPLY, target, f"Reply to {parent.writer}", note=parent)
    _begin(app, record, save)


def reopen(app: SynopticApp, found: Recovered) -> None:
    """Put a draft left unsaved by an earlier reader back in the editor, as it was; saved, it
    becomes what it was going to be (a new note, the edit, the reply)."""
    record = found.record
    if record.kind is DraftKind.EDIT and record.note_id is not None:
        current = app.notes.by_id[record.note_id].annotation
        # saved over a version changed since editing began, that version is kept, not lost
        began = replace(current, based_on=record.based_on or current.modified)
        done: Callable[[NoteDraft, DraftSession], None] = lambda new, session: _save_edit(  # noqa: E731
            app, began, new, session
        )
    else:
        reply_to = record.note_id if record.kind is DraftKind.REPLY else None
        done = lambda new, session: _add(app, session.record.target, new, session, reply_to)  # noqa: E731
    _begin(app, record, done, found)
