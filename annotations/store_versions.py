"""Which version of a note counts: among copies of one id in several files, and when an edit is
saved over the stored version.

The same id can be in several files (a note moved to another document leaves its older copy
behind; a copied file, an odd merge), and an edit can be saved over a version someone changed
meanwhile. Both questions are about versions, not about files or locks, so they live here,
apart from :class:`annotations.store.AnnotationStore`, which asks them: :func:`authority` and
:func:`collect` decide what :meth:`~annotations.store.AnnotationStore.load` shows, and
:func:`next_version` what :meth:`~annotations.store.AnnotationStore.update` writes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annotations.errors import AnnotationFormatError
from annotations.merge import merge_copies
from annotations.model import Annotation
from annotations.note_versions import Record, canonical, note_version, rank, supersede
from annotations.store_format import SHARD_SUFFIX, author_slug, doc_key
from annotations.times import instant, next_modified

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import datetime
    from pathlib import Path

    from annotations.errors import AnnotationFileError
    from annotations.store_shards import ShardStorage


def authority(path: Path, annotation: Annotation) -> tuple[bool, datetime]:
    """How far a copy of a note is to be believed when its id is in several files: first a
    copy in its own author's folder (another folder cannot rewrite someone's note, by a
    copied file or on purpose), then the newer (a copied file, an odd merge)."""
    return (path.parent.name == author_slug(annotation.author), instant(annotation.modified))


def reading_order(annotation: Annotation) -> tuple[str, int, int, datetime, str]:
    target = annotation.target
    return (target.doc, target.start, target.end, instant(annotation.created), annotation.id)


def next_version(edited: Annotation, now: Annotation) -> Annotation:
    """``edited`` as it is saved over ``now``, the stored version (see
    :meth:`annotations.store.AnnotationStore.update`)."""
    superseded = now.superseded + tuple(s for s in edited.superseded if s not in now.superseded)
    if edited.based_on is not None and edited.based_on != now.modified:
        displaced = {
            k: v for k, v in now.to_record().items() if k not in ("superseded", "resolved")
        }
        if displaced not in superseded:
            superseded += (displaced,)
    moving = edited.target.doc != now.target.doc
    return replace(
        edited,
        author=now.author,
        created=now.created,
        modified=next_modified(now.modified),
        superseded=superseded,
        resolved=now.resolved + edited.resolved,  # marked here or meanwhile: both stand
        # A move remembers the version it leaves behind, so that a change another clone makes
        # to that copy before hearing of the move can still be combined with it (see
        # :func:`choose`); an edit keeps what the note already knows.
        moved_from=note_version(now.to_record()) if moving else now.moved_from,
        # Brought back since the copy edited was read: still brought back, or the deletion it
        # undid would win again in the next merge.
        restored=edited.restored or now.restored,
        extra={**now.extra, **edited.extra},
        based_on=None,
    )


Copy = tuple["Path", Annotation]
"""One copy of a note: the file holding it, and its version there."""


def choose(copies: Sequence[Copy]) -> Copy:
    """The version of one note that its copies in several files show, and the file it belongs
    in (where an edit is saved).

    A note moved to another document leaves its older copy behind, and a clone that has not
    seen the move yet may still change that copy (edit it, tag it, delete it, move it
    elsewhere). Merging files one by one, git cannot join the two; here the copies in the
    author's own folder are joined, field by field, against the version each move left behind
    (:attr:`Annotation.moved_from`): the note stays moved and keeps the other clone's edit. Two
    changes to the same field are a conflict: the newer stands and the older copy is kept in
    ``superseded``, as the merge driver does. Copies from before moves were recorded have no
    common version to join against: the newer stands (a deletion first, as in a merge) and
    the others are kept in ``superseded`` (see :func:`_after_unrecorded_moves`). Copies outside
    the author's folder are taken by :func:`authority` alone.
    """
    best = max(copies, key=lambda found: authority(*found))
    own = [found for found in copies if authority(*found)[0]]
    if len(own) < 2:
        return best
    try:
        if all(annotation.moved_from is None for _, annotation in own):
            return _after_unrecorded_moves(own)
        return _CopiesOfOneNote(own).combined()
    except AnnotationFormatError:  # pragma: no cover - each copy was checked when read
        return best


def _left_behind(copy: Record, shown: Record) -> bool:
    """Whether ``copy`` says just what ``shown`` says, only elsewhere or earlier: the copy a
    move left in its old file, untouched since (nothing in it to keep)."""
    ignored = ("target", "modified")
    said = {k: v for k, v in note_version(copy).items() if k not in ignored}
    return canonical(said) == canonical(
        {k: v for k, v in note_version(shown).items() if k not in ignored}
    )


def _keep_beside(shown: Record, copy: Record) -> Record:
    """``shown`` with ``copy`` (a copy of the same note that cannot be joined to it field by
    field) kept in ``superseded``, unless it is only the copy a move left behind; both
    histories are joined either way."""
    return supersede(shown, copy, keep_loser=not _left_behind(copy, shown))


def _after_unrecorded_moves(own: Sequence[Copy]) -> Copy:
    """The note from copies in its author's folder none of which records a move: written by a
    Synoptic from before :attr:`Annotation.moved_from` (or a file copied by hand).

    Which copy is the moved one, and whether the other was changed since, cannot be known, so
    nothing is joined: the copy a merge would pick stands (a deletion, else the newest) and
    every other copy that says something else is kept in ``superseded`` and so reported, rather
    than dropped unseen; the copy a move left behind untouched says nothing else.

    That copy is then known to be where the note was moved from, so the view records it in
    ``moved_from``, as a move does now: an edit saved from the view keeps it, and the edited
    note is joined against it as any recorded move is, rather than looking like a conflict
    with its own old copy.
    """
    ordered = sorted(own, key=lambda found: rank(found[1].to_record()), reverse=True)
    path, first = ordered[0]
    shown = first.to_record()
    view = shown
    for _, other in ordered[1:]:
        record = other.to_record()
        view = _keep_beside(view, record)
        moved = record["target"]["doc"] != shown["target"]["doc"]
        if moved and view.get("moved_from") is None and _left_behind(record, shown):
            view["moved_from"] = note_version(record)  # the newest such copy: ordered
    return path, Annotation.from_record(view)


class _CopiesOfOneNote:
    """The copies of one note in its author's folder, by file, and how they join up."""

    def __init__(self, own: Sequence[Copy]) -> None:
        self.folder = own[0][0].parent
        self.annotations = dict(own)
        self.records: dict[Path, Record] = {path: a.to_record() for path, a in own}

    def combined(self) -> Copy:
        taken = {self._source(path) for path in self.records} - {None}
        heads = sorted(
            (path for path in self.records if path not in taken),
            key=lambda path: rank(self.records[path]),
            reverse=True,
        )
        if not heads:  # moves that point at each other: no way to tell which came last
            heads = [max(self.annotations.items(), key=lambda found: authority(*found))[0]]
        view = self._resolved(heads[0], frozenset())
        for head in heads[1:]:
            other = self._resolved(head, frozenset())
            bases = [r["moved_from"] for r in (view, other) if isinstance(r["moved_from"], dict)]
            if len(bases) == 2:  # two moves of one version: their common ancestor is known
                base = min(bases, key=lambda b: (rank(b)[1], canonical(b)))
                view = merge_copies(base, view, other)
            else:  # a copy from before moves were recorded: nothing to join it against
                view = _keep_beside(view, other)
        annotation = Annotation.from_record(view)
        path = self._file_of(annotation.target.doc)
        return (path if path in self.records else heads[0]), annotation

    def _file_of(self, doc_id: str) -> Path:
        return self.folder / (doc_key(doc_id) + SHARD_SUFFIX)

    def _source(self, path: Path) -> Path | None:
        """The file the copy at ``path`` was moved from, if that file still holds a copy it
        takes in: not one that came back there by a later move (then this is the copy left
        behind)."""
        base = self.records[path].get("moved_from")
        if not isinstance(base, dict):
            return None
        target = base.get("target")
        doc = target.get("doc") if isinstance(target, dict) else None
        if not isinstance(doc, str):
            return None
        source = self._file_of(doc)
        if source == path or source not in self.records:
            return None
        back = self.records[source].get("moved_from")
        if isinstance(back, dict) and rank(back)[1] > rank(base)[1]:
            return None
        return source

    def _resolved(self, path: Path, seen: frozenset[Path]) -> Record:
        """The copy at ``path`` with what was changed in the copy it was moved from since."""
        record = self.records[path]
        source = self._source(path)
        if source is None or source in seen:
            return record
        before = self._resolved(source, seen | {path})
        base = record["moved_from"]
        if canonical(note_version(before)) == canonical(note_version(base)):
            return supersede(record, before, keep_loser=False)  # left as it was moved
        joined = merge_copies(base, record, before)
        # What this copy has now taken in: an edit saved from this view starts from here, so
        # the same change is not taken in (or found in conflict) a second time.
        joined["moved_from"] = note_version(before)
        return joined


@dataclass(frozen=True)
class LoadResult:
    """Everything in a workspace's annotations folder, and what could not be read."""

    annotations: tuple[Annotation, ...]
    """Live annotations of every author, in reading order (document, position, time)."""
    tombstones: tuple[Annotation, ...]
    """Deleted annotations, kept for merging and for replies whose parent is gone."""
    problems: tuple[AnnotationFileError, ...]
    """Files that could not be read; their notes are missing from ``annotations``."""
    read_only: frozenset[Path]
    """Files that will not be written until fixed (every file in ``problems``)."""
    writable: bool
    """False when one of the store author's own files cannot be read: some of their notes are
    missing and the documents they belong to cannot take new ones (see
    :meth:`annotations.store.AnnotationStore.writable` for one document)."""

    def for_document(self, doc_id: str) -> list[Annotation]:
        """The live annotations on one document."""
        return [a for a in self.annotations if a.target.doc == doc_id]


def collect(
    storages: Iterable[ShardStorage],
    problems: Mapping[Path, AnnotationFileError],
    author_folder: Path,
) -> LoadResult:
    """One version of each note in the readable ``storages`` (the most believable copy), and
    the files that could not be read; ``author_folder`` is the reading author's own."""
    copies: dict[str, list[Copy]] = {}
    for storage in storages:
        for annotation_id, annotation in storage.annotations().items():
            copies.setdefault(annotation_id, []).append((storage.path, annotation))
    found = [found[0][1] if len(found) == 1 else choose(found)[1] for found in copies.values()]
    live = sorted((a for a in found if not a.deleted), key=reading_order)
    dead = sorted((a for a in found if a.deleted), key=reading_order)
    return LoadResult(
        annotations=tuple(live),
        tombstones=tuple(dead),
        problems=tuple(problems[p] for p in sorted(problems)),
        read_only=frozenset(problems),
        writable=not any(p.is_relative_to(author_folder) for p in problems),
    )
