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

from annotations.model import Annotation, next_modified
from annotations.store_format import author_slug

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from annotations.errors import AnnotationFileError
    from annotations.store_shards import ShardStorage


def authority(path: Path, annotation: Annotation) -> tuple[bool, str]:
    """How far a copy of a note is to be believed when its id is in several files: first a
    copy in its own author's folder (another folder cannot rewrite someone's note, by a
    copied file or on purpose), then the newer (a copied file, an odd merge)."""
    return (path.parent.name == author_slug(annotation.author), annotation.modified)


def reading_order(annotation: Annotation) -> tuple[str, int, int, str, str]:
    target = annotation.target
    return (target.doc, target.start, target.end, annotation.created, annotation.id)


def next_version(edited: Annotation, now: Annotation) -> Annotation:
    """``edited`` as it is saved over ``now``, the stored version (see
    :meth:`annotations.store.AnnotationStore.update`)."""
    superseded = now.superseded + tuple(s for s in edited.superseded if s not in now.superseded)
    if edited.based_on is not None and edited.based_on != now.modified:
        displaced = {k: v for k, v in now.to_record().items() if k != "superseded"}
        if displaced not in superseded:
            superseded += (displaced,)
    return replace(
        edited,
        author=now.author,
        created=now.created,
        modified=next_modified(now.modified),
        superseded=superseded,
        extra={**now.extra, **edited.extra},
        based_on=None,
    )


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
    merged: dict[str, tuple[tuple[bool, str], Annotation]] = {}
    for storage in storages:
        for annotation_id, annotation in storage.annotations().items():
            seen = merged.get(annotation_id)
            rank = authority(storage.path, annotation)
            if seen is None or seen[0] < rank:
                merged[annotation_id] = (rank, annotation)
    found = [annotation for _, annotation in merged.values()]
    live = sorted((a for a in found if not a.deleted), key=reading_order)
    dead = sorted((a for a in found if a.deleted), key=reading_order)
    return LoadResult(
        annotations=tuple(live),
        tombstones=tuple(dead),
        problems=tuple(problems[p] for p in sorted(problems)),
        read_only=frozenset(problems),
        writable=not any(p.is_relative_to(author_folder) for p in problems),
    )
