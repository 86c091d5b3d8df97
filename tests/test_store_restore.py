"""Bringing back a deleted note: the store restores it exactly, with its id, and the deletion
it undid does not delete it again when met in a merge (:mod:`annotations.merge`).

The store's files and the data folder are real (``isolated_data_dir`` keeps the latter apart).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from annotations.deleted_notes import delete_keeping, deleted_notes, restore_deleted
from annotations.errors import AnnotationError
from annotations.links import Relation, parse_link
from annotations.merge import merge_record
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target

if TYPE_CHECKING:
    from pathlib import Path

TEXT = "Kratom is said to lift the mood of those who take it every day."
QUOTE = "lift the mood"


def noted(root: Path) -> tuple[AnnotationStore, Annotation, Annotation]:
    """Ann's note with everything a note can hold, and Bob's reply to it."""
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    start = TEXT.index(QUOTE)
    target = Target.from_span("a.txt", TEXT, start, start + len(QUOTE))
    store = AnnotationStore(root, "Ann")
    note = store.add(
        Annotation.create(
            "Ann",
            target,
            "Which study?",
            tags=("mood",),
            verdict="needs-evidence",
            links=(parse_link("https://example.org/s", Relation.REFUTES),),
        )
    )
    # A version kept from a conflicting change, one resolved: both must come back.
    kept = {**note.to_record(), "note": "Which trial?", "modified": "2020-01-01T00:00:00+00:00"}
    seen = {**note.to_record(), "note": "Seen one", "modified": "2020-01-02T00:00:00+00:00"}
    note = store.update(note.edited(superseded=(kept, seen)))
    note = store.resolve(note.edited(superseded=(seen,)))
    reply = AnnotationStore(root, "Bob").add(
        Annotation.create("Bob", target, "Study 3.", reply_to=note.id)
    )
    return store, store.get(note.id) or note, reply


def said(annotation: Annotation) -> dict[str, object]:
    record = annotation.to_record()
    return {k: v for k, v in record.items() if k not in ("modified", "restored")}


def test_a_deleted_note_comes_back_as_it_was_with_its_id_and_replies(tmp_path: Path) -> None:
    store, note, reply = noted(tmp_path)
    gone = delete_keeping(store, note.id)
    assert gone.deleted and gone.note == ""  # what it said has left the workspace
    assert [k.annotation for k in deleted_notes(tmp_path)[0]] == [note]

    back = restore_deleted(AnnotationStore(tmp_path, "Ann"), note.id)
    assert said(back) == said(note)
    assert back.restored == gone.modified and not back.deleted
    assert deleted_notes(tmp_path) == ([], [])  # back: its kept copy goes
    loaded = AnnotationStore(tmp_path, "Bob").load()
    assert {a.id for a in loaded.annotations} == {note.id, reply.id}
    assert loaded.tombstones == ()
    with pytest.raises(AnnotationError, match="is not deleted"):
        restore_deleted(store, note.id)
    # and it is an ordinary note again: edited, replied to, deleted and restored once more
    edited = store.update(back.edited(note="Which study, exactly?"))
    assert edited.restored == back.restored
    delete_keeping(store, note.id)
    assert restore_deleted(store, note.id).note == "Which study, exactly?"


def test_only_its_author_restores_a_note_and_only_one_deleted_here(tmp_path: Path) -> None:
    store, note, _ = noted(tmp_path)
    store.delete(note.id)  # not kept: as a deletion pulled from another clone would be
    with pytest.raises(AnnotationError, match="not deleted here"):
        restore_deleted(store, note.id)
    (tmp_path / "b").mkdir()
    other, theirs, _ = noted(tmp_path / "b")
    delete_keeping(other, theirs.id)
    with pytest.raises(AnnotationError, match="Ann's"):
        restore_deleted(AnnotationStore(tmp_path / "b", "Bob"), theirs.id)


def test_a_restored_note_wins_over_the_deletion_it_undid_in_a_merge(tmp_path: Path) -> None:
    store, note, _ = noted(tmp_path)
    live = note.to_record()
    tombstone = delete_keeping(store, note.id).to_record()
    back = restore_deleted(store, note.id).to_record()
    later = {**tombstone, "modified": "2999-01-01T00:00:00+00:00"}
    # committed deleted, then restored: whoever merges it, with the deletion as the base
    # or on the other side, keeps it restored (swapped sides give the same)
    for base, ours, theirs in (
        (tombstone, back, tombstone),
        (live, back, tombstone),
        (tombstone, back, None),
    ):
        for pair in ((ours, theirs), (theirs, ours)):
            merged = merge_record(base, *pair)
            assert merged is not None and merged.get("deleted") is False, (base, pair)
            assert merged["note"] == "Which study?"
    # a deletion made after it was brought back still wins, as every deletion does
    merged = merge_record(back, back, later)
    assert merged is not None and merged["deleted"] is True


def test_old_copies_of_notes_still_deleted_are_forgotten_at_the_next_deletion(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Every deletion left its copy in the data folder for ever. A deletion now forgets the
    copies kept over KEPT_DAYS whose note is still deleted; a copy whose note is live again
    (restored on another clone, here by the store directly) stays, however old, as do recent
    ones."""
    import json

    from annotations.deleted_notes import KEPT_DAYS

    store, note, _reply = noted(tmp_path)
    target = note.target
    old, back, recent, last = (
        store.add(Annotation.create("Ann", target, f"Note {n}.")) for n in range(4)
    )
    for annotation in (old, back, recent):
        delete_keeping(store, annotation.id)
    kept, _ = deleted_notes(tmp_path)
    long_ago = "2020-01-01T00:00:00+00:00"  # more than KEPT_DAYS before any run of this test
    assert KEPT_DAYS < 365
    for copy in kept:
        if copy.annotation.id in (old.id, back.id):
            record = json.loads(copy.path.read_text(encoding="utf-8"))
            copy.path.write_text(json.dumps({**record, "deleted": long_ago}), encoding="utf-8")
    live_again = next(c for c in kept if c.annotation.id == back.id)
    store.restore(live_again.annotation)  # as a merge from a clone that restored it brings it

    delete_keeping(store, last.id)

    remaining = {copy.annotation.id for copy in deleted_notes(tmp_path)[0]}
    assert remaining == {back.id, recent.id, last.id}
    with pytest.raises(AnnotationError, match="not deleted here"):
        restore_deleted(store, old.id)
