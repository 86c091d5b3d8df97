"""The annotation store: TinyDB files in the workspace, one per author and document.

Layout: ``WORKSPACE/annotations/<author-slug>/<doc-key>.json``. Sharding by author means a
person only ever writes their own folder, so git merges of two people's notes never touch the
same file; sharding by document keeps each file small, so adding a note to a workspace holding
10,000 of them rewrites a few hundred kilobytes rather than megabytes.

TinyDB is neither safe across processes nor careful with its file (its issues #91 and #341), so
every write here takes a lock file next to the shard, re-reads the shard if anyone changed it
since we last looked, applies the one change and replaces the file atomically.

Callers import from here. The parts the store is built on live in their own modules because
each has readers of its own:

* :mod:`annotations.store_format`: the files' names and exact text, which the git merge driver
  and the sharing commands must make and recognise just as the store does
  (:func:`author_slug`, :func:`doc_key`, :func:`dumps_tables`).
* :mod:`annotations.store_shards`: the TinyDB storages that check every record read or written,
  so an unreadable file is reported and never overwritten (:class:`JSONShardStorage`), and the
  table keyed by our ids (:class:`AnnotationTable`).
* :mod:`annotations.store_backends`: where shards live and how a writer gets one to itself,
  files locked across processes (:class:`FileShards`) or memory (:class:`MemoryShards`).
* :mod:`annotations.store_versions`: which copy of a note counts when its id is in several
  files (:class:`LoadResult`), and how an edit is saved over the stored version.
* :mod:`annotations.store_files`: the files one store has open, re-read when they change,
  and a change to one run under its lock on fresh data (:class:`StoreFiles`).
* :mod:`annotations.store_reading`: opening a store and reading from it (loading every
  author's notes, finding one by id, whether one is ours), which this module's writes build
  on (:class:`StoreReading`); this module keeps what changing a note takes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from annotations.conflicts import version_key
from annotations.errors import (
    AnnotationError,
    DeletedParent,
    NotYourAnnotation,
    UnknownAnnotation,
)
from annotations.store_backends import (
    STALE_TEMPORARY_S,
    FileShards,
    MemoryShards,
    ShardBackend,
)
from annotations.store_format import (
    ANNOTATIONS_FOLDER,
    GITIGNORE,
    LOCK_SUFFIX,
    RECORD_INDENT,
    SHARD_SUFFIX,
    TABLE,
    Tables,
    author_slug,
    doc_key,
    dumps_tables,
    is_shard_name,
    record_row,
)
from annotations.store_reading import LOCK_TIMEOUT_S, StoreReading
from annotations.store_shards import (
    AnnotationTable,
    JSONShardStorage,
    MemoryShardStorage,
    ShardStorage,
)
from annotations.store_versions import LoadResult, next_version
from annotations.times import next_modified

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from annotations.model import Annotation

__all__ = [
    "ANNOTATIONS_FOLDER",
    "GITIGNORE",
    "LOCK_SUFFIX",
    "LOCK_TIMEOUT_S",
    "RECORD_INDENT",
    "SHARD_SUFFIX",
    "STALE_TEMPORARY_S",
    "TABLE",
    "AnnotationStore",
    "AnnotationTable",
    "FileShards",
    "JSONShardStorage",
    "LoadResult",
    "MemoryShardStorage",
    "MemoryShards",
    "ShardBackend",
    "ShardStorage",
    "Tables",
    "author_slug",
    "doc_key",
    "dumps_tables",
    "is_shard_name",
    "record_row",
]


class AnnotationStore(StoreReading):
    """One author's view of a workspace's annotations: reads everyone's, writes only theirs.

    Ownership is by folder: the author may change annotations in ``annotations/<their slug>/``
    and nothing else. Others' annotations can be read and replied to (a reply is the replier's
    own annotation with ``reply_to`` set).
    """

    # -- writing

    def add(self, annotation: Annotation) -> Annotation:
        """Save a new annotation of ours.

        Raises:
            NotYourAnnotation: it is written in someone else's name.
            AnnotationError: an annotation with its id exists already.
            DeletedParent: it replies to a deleted annotation.
            ReadOnlyFile: our file for that document cannot be read, so is not written.
            StoreBusy: another process held the file's lock too long.
        """
        if author_slug(annotation.author) != self.slug:
            raise NotYourAnnotation(
                f"This annotation is by {annotation.author}; you are annotating as {self.author}."
            )
        if annotation.reply_to is not None:
            # A reply to a tombstone would be shown nowhere near what it answers (the thread is
            # gone) and would outlive a deletion its author meant to be final.
            with self._mutex:
                found = self._find(annotation.reply_to)
            if found is not None and found[1].deleted:
                parent = found[1]
                raise DeletedParent(
                    f"Annotation {parent.id} by {parent.author} on {parent.target.doc} has been "
                    "deleted; a reply to it is not saved."
                )

        def apply(table: AnnotationTable, current: dict[str, Annotation]) -> Annotation:
            if annotation.id in current:
                raise AnnotationError(f"An annotation with id {annotation.id} exists already.")
            table.add(annotation)
            return annotation

        return self._change(annotation.target.doc, apply)

    def update(self, annotation: Annotation) -> Annotation:
        """Save a new version of one of our annotations; returns it as stored.

        ``modified`` is set to now; ``author`` and ``created`` stay as stored; fields unknown to
        this version that the stored record has are kept. When the stored version is no longer
        the one the edit was made from (:attr:`Annotation.based_on`: someone changed it
        meanwhile), the edit is saved and the version it replaces is kept in ``superseded``, as
        a merge keeps a losing version.

        A new target on another document (re-attached after a document was renamed) moves the
        note, id, replies and history included, to that document's file. The copy in the old
        file stays as it was, since Synoptic never removes records (a merge on another clone
        would only bring it back); it is older, so it loses to the moved one wherever both are
        read, as every copy of one id in several files does.

        Raises:
            UnknownAnnotation: there is no such annotation, or it has been deleted.
            NotYourAnnotation: it is someone else's.
            ReadOnlyFile, StoreBusy: as for :meth:`add` (for either file, when moving).
        """
        if annotation.deleted:
            raise AnnotationError("Use delete() to delete an annotation.")
        path, stored = self._own(annotation.id, "edit")
        moving = stored.target.doc != annotation.target.doc

        def apply(table: AnnotationTable, current: dict[str, Annotation]) -> Annotation:
            now = self._current(annotation.id, path)
            if now is None or now.deleted:
                raise UnknownAnnotation(f"Annotation {annotation.id} has been deleted.")
            new = next_version(annotation, now)
            table.put(new)
            return new

        if moving:
            if path != self.shard_path(stored.target.doc):
                raise AnnotationError(
                    f"Annotation file {path} is not where {stored.target.doc} belongs."
                )
            return self._change(annotation.target.doc, apply, source=(path, stored.target.doc))
        return self._change(stored.target.doc, apply, expected=path)

    def delete(
        self, annotation_id: str, keep: Callable[[Annotation], None] | None = None
    ) -> Annotation:
        """Turn one of our annotations into a tombstone; returns the tombstone.

        What the note said goes from the workspace, but not the versions it keeps from
        conflicts that its author has not resolved: those are what another clone wrote, not
        seen yet, so the tombstone keeps them and they stay reported until resolved, as when
        a merge's deletion wins over an edit. Deleting a tombstone again changes nothing.

        ``keep`` is given the note as it is deleted (under the lock, so no edit made meanwhile
        is missed) before the tombstone is written: what :meth:`restore` brings back. If it
        raises, nothing is deleted.

        Raises:
            UnknownAnnotation, NotYourAnnotation, ReadOnlyFile, StoreBusy: as for :meth:`update`.
        """
        path, stored = self._own(annotation_id, "delete", allow_deleted=True)

        def apply(table: AnnotationTable, current: dict[str, Annotation]) -> Annotation:
            now = self._current(annotation_id, path)
            if now is None:
                raise UnknownAnnotation(f"There is no annotation {annotation_id}.")
            if now.deleted:
                return now
            if keep is not None:
                keep(now)
            settled = set(now.resolved)
            unseen = tuple(r for r in now.superseded if version_key(r) not in settled)
            tombstone = replace(now.tombstone(), superseded=unseen)
            table.put(tombstone)
            return tombstone

        return self._change(stored.target.doc, apply, expected=path)

    def restore(self, deleted: Annotation) -> Annotation:
        """Bring back one of our notes, ``deleted`` being the note as it was when it was
        deleted (given to :meth:`delete`'s ``keep``); returns it as stored.

        It comes back with its id (so its replies answer it again), its text, tags, verdict,
        links, claim mark, kept versions and which of them were resolved, on the passage its
        tombstone holds; versions a merge kept with the tombstone meanwhile are kept too. It
        records the deletion it undoes (:attr:`Annotation.restored`), so that deletion, met
        again in a merge or in another file, does not delete it a second time.

        Raises:
            UnknownAnnotation: there is no such note.
            AnnotationError: it is not deleted (brought back already, say), or ``deleted`` is
                another note.
            NotYourAnnotation, ReadOnlyFile, StoreBusy: as for :meth:`update`.
        """
        path, stored = self._own(deleted.id, "restore", allow_deleted=True)
        if deleted.deleted or deleted.author != stored.author:
            raise AnnotationError(f"That is not how annotation {deleted.id} was before deletion.")

        def apply(table: AnnotationTable, current: dict[str, Annotation]) -> Annotation:
            now = self._current(deleted.id, path)
            if now is None:
                raise UnknownAnnotation(f"There is no annotation {deleted.id}.")
            if not now.deleted:
                raise AnnotationError(f"Annotation {deleted.id} is not deleted: nothing to do.")
            kept = now.superseded + tuple(s for s in deleted.superseded if s not in now.superseded)
            back = replace(
                deleted,
                target=now.target,
                modified=next_modified(now.modified),
                superseded=kept,
                resolved=deleted.resolved + now.resolved,
                moved_from=now.moved_from,
                restored=now.modified,
                extra={**deleted.extra, **now.extra},
                based_on=None,
            )
            table.put(back)
            return back

        return self._change(stored.target.doc, apply, expected=path)

    def resolve(self, seen: Annotation) -> Annotation:
        """Mark the versions ``seen`` keeps from conflicts (the note as it was shown to its
        author) as resolved; returns the note as stored.

        They stay in ``superseded``; only their keys are added to ``resolved``, so nothing is
        lost and a merge joins the marks of two clones. Not an edit: ``modified`` stays, so
        that marking on one clone and editing on another are no conflict. A version kept after
        ``seen`` was read (a pull meanwhile) was not seen, and stays reported. A deleted note
        can be resolved too: its tombstone keeps what the deletion won over.

        Raises:
            UnknownAnnotation, NotYourAnnotation, ReadOnlyFile, StoreBusy: as for :meth:`update`.
        """
        keys = tuple(version_key(record) for record in seen.superseded)
        path, stored = self._own(seen.id, "resolve", allow_deleted=True)

        def apply(table: AnnotationTable, current: dict[str, Annotation]) -> Annotation:
            now = self._current(seen.id, path)
            if now is None:
                raise UnknownAnnotation(f"There is no annotation {seen.id}.")
            marked = replace(now, resolved=now.resolved + keys)
            if marked.resolved != now.resolved:
                table.put(marked)
            return marked

        return self._change(stored.target.doc, apply, expected=path)

    # -- internals

    def _current(self, annotation_id: str, path: Path) -> Annotation | None:
        """The note as it is now (under the lock), all its copies joined, as an edit or a
        deletion must start from; refused if it now belongs in another file than ``path``
        (moved meanwhile, by another process)."""
        found = self._find(annotation_id)
        if found is not None and found[0] != path:
            raise AnnotationError(
                f"Annotation {annotation_id} was moved to {found[1].target.doc} meanwhile; "
                "nothing was saved. Try again."
            )
        return None if found is None else found[1]

    def _own(
        self, annotation_id: str, verb: str, *, allow_deleted: bool = False
    ) -> tuple[Path, Annotation]:
        with self._mutex:
            found = self._find(annotation_id)
        if found is None:
            raise UnknownAnnotation(f"There is no annotation {annotation_id}.")
        path, stored = found
        # The folder alone is not enough: "Zoë" and "zoe", or "J. Smith" and "J Smith", share
        # one, and each must not edit or delete what the other wrote.
        if path.parent != self.author_folder or stored.author != self.author:
            raise NotYourAnnotation(
                f"You cannot {verb} {stored.author}'s annotation; you are annotating as "
                f"{self.author}. Reply to it instead."
            )
        if stored.deleted and not allow_deleted:
            raise UnknownAnnotation(f"Annotation {annotation_id} has been deleted.")
        return path, stored

    def _change(
        self,
        doc_id: str,
        apply: Callable[[AnnotationTable, dict[str, Annotation]], Annotation],
        *,
        expected: Path | None = None,
        source: tuple[Path, str] | None = None,
    ) -> Annotation:
        """Run ``apply`` on our shard for ``doc_id`` under its lock, on fresh data.

        ``source``, another of our shards (and its document) that a note moves from, is locked
        and re-read as well, so that ``apply`` sees its current version.
        """
        path = self.shard_path(doc_id)
        if expected is not None and expected != path:
            raise AnnotationError(f"Annotation file {expected} is not where {doc_id} belongs.")
        with self._mutex:
            shards = dict([source] if source is not None else []) | {path: doc_id}
            return self.files.change(shards, path, apply)
