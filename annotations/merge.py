"""Merging two clones' versions of one annotation file, note by note: the git merge driver.

Git merges text line by line, which for a JSON file of notes means conflict markers as soon as
two people touch neighbouring records. This module merges by annotation id instead, so the
result is always a valid file, nothing anyone wrote is lost and a deletion stays a deletion.

For each id, with ``base`` the common ancestor and ``ours``/``theirs`` the two sides:

1. Added on one or both sides: kept. The same version on both sides: kept.
2. Changed on one side only (the other still has the base version): that side's version. A
   side whose only change is bookkeeping (versions kept in ``superseded`` by an earlier merge
   or a join of copies, ``resolved`` keys, a move's ``moved_from``) has not changed the note:
   the other side's edit is taken and the bookkeeping of both is joined, so the text that
   edit replaced is not kept as if someone had lost it in a conflict.
3. Changed on both sides: the version with the later ``modified`` time wins; equal times are
   decided by comparing the records' canonical JSON, so every clone picks the same one. The
   losing version is not thrown away: it is added, without its own ``superseded`` list, to the
   winner's ``superseded`` list, together with every version either side had already kept there
   (each distinct version once, in order of ``modified``).
4. A tombstone (``deleted: true``) beats an edit, whether the edit is older or newer: a deleted
   note never comes back by accident. An edit made on the other side is kept in the
   tombstone's ``superseded`` list like any other losing version. Two tombstones follow rule 3.
   The one exception is a note its author brought back on purpose (``restored``: the time of
   the deletion it undid): it beats that deletion and earlier ones, never a later one.
5. Missing on one side although the base has it (removed from the file by hand or by another
   program; Synoptic itself never removes a record): the other side's version is kept. Missing
   on both sides: it stays removed, since both agree.

If the base or either side holds a tombstone for an id, the result is a tombstone (rule 4 also
covers a side that brought a deleted note back by hand), unless the result undoes it. The keys
of kept versions marked as resolved (``resolved``) are bookkeeping, not part of a version: the
rules above compare records without them, and the result holds every key either side had (so
marking versions resolved on one clone and editing the note on another is no conflict, and
doing it on both changes nothing).
Unknown fields travel with the record they belong to. Copies of one note in two files (one moved
to another document) are joined by :func:`merge_copies` when the store reads them, since git
merges each file on its own.
Tables other than ``annotations`` (written by another program) are merged whole: one side's
change is taken, and changes on both sides are refused.

What a version of a record is (its canonical text, a tombstone, bookkeeping, how a losing
version is kept, which of two wins) is :mod:`annotations.note_versions`, shared with that join.
The result is written exactly as the store writes files (:func:`annotations.store.dumps_tables`)
and depends only on the three inputs: swapping ``ours`` and ``theirs`` gives the same bytes, so
two clones merging each other's work end with identical files. A version that cannot be read
(not UTF-8, not JSON, git conflict markers, the wrong shape, a record that is not a valid
annotation) stops the merge with :class:`UnmergeableAnnotations`; the driver then leaves git's
conflict for a person rather than write a file that would lose notes. An unreadable base does
not: it is merged as an unknown one (see :func:`merge_files`).
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationError, AnnotationFormatError
from annotations.model import Annotation
from annotations.note_versions import (
    BOOKKEEPING,
    Record,
    canonical,
    is_tombstone,
    newer_first,
    note_version,
    resolved_keys,
    supersede,
    undoes,
    with_resolved,
)
from annotations.store_format import (
    TABLE,
    Tables,
    UnreadableText,
    decode_text,
    dumps_tables,
    line_of,
    parse_json,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


class UnmergeableAnnotations(AnnotationError):
    """The versions cannot be merged without risk of losing notes; git should keep its conflict."""

    def __init__(self, label: str, line: int | None, message: str) -> None:
        where = label if line is None else f"{label}, line {line}"
        super().__init__(f"{where}: {message}")
        self.label = label
        self.line = line
        self.message = message


# --- reading ------------------------------------------------------------------------------------


def parse_version(text: str | bytes, label: str, *, empty_ok: bool = False) -> Tables:
    """One version of an annotation file, checked as strictly as the store reads it.

    Args:
        text: the file's content; bytes must be UTF-8 (a leading byte-order mark is allowed).
        label: names the version in error messages ("their version of annotations/x/y.json").
        empty_ok: an empty text means "no annotations" (git's base when both sides added the
            file); otherwise an empty file is an error, as it is for the store.

    Raises:
        UnmergeableAnnotations: naming ``label`` and, where known, the line.
    """
    try:
        text = decode_text(text)
        if not text.strip():
            if empty_ok:
                return {}
            raise UnmergeableAnnotations(label, None, "is empty")
        data = parse_json(text)
    except UnreadableText as unreadable:
        raise UnmergeableAnnotations(label, unreadable.line, unreadable.problem) from None
    if not isinstance(data, dict):
        raise UnmergeableAnnotations(label, 1, "must hold a JSON object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            where = line_of(text, json.dumps(name, ensure_ascii=False) + ":")
            raise UnmergeableAnnotations(label, where, f"the table {name!r} must be a JSON object")
    for key, record in data.get(TABLE, {}).items():
        problem: str | None = None
        try:
            annotation = Annotation.from_record(record)
        except AnnotationFormatError as exc:
            problem = str(exc)
        else:
            if annotation.id != key:
                problem = f"is stored under {key!r} but its id is {annotation.id!r}"
        if problem is not None:
            where = line_of(text, json.dumps(key, ensure_ascii=False) + ":")
            raise UnmergeableAnnotations(label, where, f"annotation {key}: {problem}")
    return data


# --- merging records ----------------------------------------------------------------------------


def merge_record(base: Record | None, ours: Record | None, theirs: Record | None) -> Record | None:
    """The merged version of one annotation (None: absent from the result); see the module
    docstring for the rules."""
    keys = resolved_keys(base, ours, theirs)
    if keys is None:  # nothing marked resolved anywhere: the records as they are
        return _merge_versions(base, ours, theirs)
    keys = resolved_keys(ours, theirs) or []
    picked = _merge_versions(*(None if r is None else _unresolved(r) for r in (base, ours, theirs)))
    return None if picked is None else with_resolved(picked, keys)


def _unresolved(record: Record) -> Record:
    return {key: value for key, value in record.items() if key != "resolved"}


def _merge_versions(
    base: Record | None, ours: Record | None, theirs: Record | None
) -> Record | None:
    """:func:`merge_record` for records without ``resolved`` keys."""
    picked: Record
    if ours is None or theirs is None:
        present = theirs if ours is None else ours
        if present is None:
            return None  # removed on both sides (or never there)
        picked = present  # removed on one side only: keep the other's version
    else:
        same = canonical(ours) == canonical(theirs)
        if same:
            picked = ours
        elif base is not None and canonical(ours) == canonical(base):
            picked = theirs
        elif base is not None and canonical(theirs) == canonical(base):
            picked = ours
        else:
            picked = _changed_on_both_sides(base, ours, theirs)
    if not is_tombstone(picked):
        tombstones = [r for r in (ours, theirs) if r is not None and is_tombstone(r)]
        if not tombstones and base is not None and is_tombstone(base):
            tombstones = [base]
        # A note brought back after its deletion stands against that deletion (and earlier
        # ones) wherever it is met; not against a later one.
        tombstones = [t for t in tombstones if not undoes(picked, t)]
        if tombstones:
            tombstone = newer_first(*tombstones)[0] if len(tombstones) == 2 else tombstones[0]
            picked = supersede(tombstone, picked)
    return picked


def _changed_on_both_sides(base: Record | None, ours: Record, theirs: Record) -> Record:
    """Two sides that both differ from ``base``: a conflict only if both changed the note itself.

    A side whose only change is bookkeeping (a version kept by an earlier merge or a join of
    copies, a move's ``moved_from`` taken in) did not write anything new: the other side's
    edit stands, and the kept versions of both are joined, so no version of the note anyone
    replaced on purpose is reported as lost.
    """
    said = {canonical(note_version(record)) for record in (ours, theirs)}
    was = None if base is None else canonical(note_version(base))
    if len(said) == 1:  # the same note, with different histories
        winner, loser = newer_first(ours, theirs)
        return _with_moves(supersede(winner, loser, keep_loser=False), base, loser)
    if was in said:  # one side changed the note, the other only its bookkeeping
        edited, kept = (theirs, ours) if canonical(note_version(ours)) == was else (ours, theirs)
        return _with_moves(supersede(edited, kept, keep_loser=False), base, kept)
    winner, loser = newer_first(ours, theirs)
    return supersede(winner, loser)


def _with_moves(picked: Record, base: Record | None, other: Record) -> Record:
    """``picked`` with ``other``'s ``moved_from`` if only ``other`` changed it since ``base``
    (the version a move left behind, which later joins of copies start from)."""
    was = canonical(None if base is None else base.get("moved_from"))
    theirs = canonical(other.get("moved_from"))
    if theirs != was and canonical(picked.get("moved_from")) == was:
        picked["moved_from"] = copy.deepcopy(other.get("moved_from"))
    return picked


def merge_copies(base: Record, ours: Record, theirs: Record) -> Record:
    """Two copies of one note in different files that both descend from ``base`` (one moved to
    another document, the other changed where it was), combined field by field.

    A field changed in one copy only takes that change, so a move and an edit of the text both
    survive. A field changed differently in both is a real conflict: the newer copy's value
    stands and the older copy is kept whole in ``superseded``, as :func:`merge_record` keeps a
    losing version. A tombstone in either copy wins (rule 4), keeping the other copy likewise.
    The winner's bookkeeping (``moved_from``) stays; both histories are joined.
    """
    if canonical(note_version(ours)) == canonical(note_version(theirs)):
        winner, loser = newer_first(ours, theirs)
        return supersede(winner, loser, keep_loser=False)
    winner, loser = newer_first(ours, theirs)
    if undoes(winner, loser):  # the deletion it undid says nothing to keep
        return supersede(winner, loser, keep_loser=False)
    if is_tombstone(winner) or is_tombstone(loser):
        return supersede(winner, loser)
    result = copy.deepcopy(winner)
    conflict = False
    for key in sorted((set(winner) | set(loser) | set(base)) - BOOKKEEPING - _FIXED):
        was = canonical(base[key]) if key in base else None
        won = canonical(winner[key]) if key in winner else None
        lost = canonical(loser[key]) if key in loser else None
        if lost in (won, was):
            continue  # the same change, or the loser left it alone
        if won == was:  # only the loser changed it
            if key in loser:
                result[key] = copy.deepcopy(loser[key])
            else:
                del result[key]
        else:
            conflict = True
    return supersede(result, loser, keep_loser=conflict)


_FIXED = frozenset({"id", "author", "created", "modified"})
"""Fields that say which note and which version, not what it says: never combined."""


def merge_records(
    base: Mapping[str, Record], ours: Mapping[str, Record], theirs: Mapping[str, Record]
) -> dict[str, Record]:
    """Merge three versions of an ``annotations`` table (id -> record), id by id.

    Records nobody changed are returned as they are, not copied. The result's order is by id.
    """
    merged: dict[str, Record] = {}
    for key in sorted(set(base) | set(ours) | set(theirs)):
        record = merge_record(base.get(key), ours.get(key), theirs.get(key))
        if record is not None:
            merged[key] = record
    return merged


def _merge_other_table(name: str, base: Any, ours: Any, theirs: Any) -> Any:
    """Another program's table, taken whole from the side that changed it."""
    if ours is None or theirs is None:
        return theirs if ours is None else ours
    if canonical(ours) == canonical(theirs):
        return ours
    if base is not None and canonical(ours) == canonical(base):
        return theirs
    if base is not None and canonical(theirs) == canonical(base):
        return ours
    raise UnmergeableAnnotations(
        "the file", None, f"the table {name!r} was changed on both sides; merge it by hand"
    )


def merge_tables(base: Tables, ours: Tables, theirs: Tables) -> Tables:
    """Merge three parsed versions of an annotation file (see :func:`parse_version`).

    Raises:
        UnmergeableAnnotations: another program's table was changed on both sides.
    """
    merged: Tables = {}
    for name in sorted(set(base) | set(ours) | set(theirs)):
        if name == TABLE:
            merged[name] = merge_records(
                base.get(name, {}), ours.get(name, {}), theirs.get(name, {})
            )
        else:
            value = _merge_other_table(name, base.get(name), ours.get(name), theirs.get(name))
            if value is not None:
                merged[name] = value
    return merged


def merge_files(
    base_text: str | bytes,
    ours_text: str | bytes,
    theirs_text: str | bytes,
    *,
    labels: tuple[str, str, str] = ("the base version", "our version", "their version"),
    on_unreadable_base: Callable[[UnmergeableAnnotations], None] | None = None,
) -> str:
    """The merged file text, formatted exactly as the store writes it.

    An empty base means the file was added on both sides. A base that cannot be read is
    merged as an unknown one (told to ``on_unreadable_base``): the notes the two sides
    disagree on keep both versions. ``labels`` name the three versions in error messages.

    Raises:
        UnmergeableAnnotations: our or their version cannot be read, or the versions cannot
            be merged without losing something.
    """
    try:
        base = parse_version(base_text, labels[0], empty_ok=True)
    except UnmergeableAnnotations as unreadable:
        # The version both sides started from only tells who changed what. Refusing it would
        # stop every merge from that base on (a file committed cut short, then repaired on
        # two clones), so it is taken as unknown: each note the sides disagree on is then a
        # change on both sides, its other version kept in ``superseded``, and nothing is lost.
        if on_unreadable_base is not None:
            on_unreadable_base(unreadable)
        base = {}
    ours = parse_version(ours_text, labels[1])
    theirs = parse_version(theirs_text, labels[2])
    merged = merge_tables(base, ours, theirs)
    for key, record in merged.get(TABLE, {}).items():
        try:
            Annotation.from_record(record)
        except AnnotationFormatError as exc:  # pragma: no cover - the inputs were checked
            raise UnmergeableAnnotations(
                "the merged file", None, f"annotation {key}: {exc}"
            ) from exc
    return dumps_tables(merged)
