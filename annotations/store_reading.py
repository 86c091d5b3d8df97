"""Opening a store and reading from it: every author's notes, one note by id, whether it is ours.

:class:`~annotations.store.AnnotationStore` is built on :class:`StoreReading` and adds the
writes. Kept apart because the two halves answer to different rules: reading serves whatever
the files hold, from memory until a file changes (:mod:`annotations.store_files`), and reports
a file it cannot read rather than failing (``LoadResult.problems``); writing is where
ownership, locks and the version an edit was made from are checked, and
:mod:`annotations.store` is left to be about that.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from annotations.author import check_author
from annotations.errors import AnnotationFileError
from annotations.store_backends import FileShards
from annotations.store_files import StoreFiles
from annotations.store_format import ANNOTATIONS_FOLDER, SHARD_SUFFIX, author_slug, doc_key
from annotations.store_versions import choose, collect, reading_order
from corpus.files import follow_outside_links

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.model import Annotation
    from annotations.store_backends import ShardBackend
    from annotations.store_versions import Copy, LoadResult

LOCK_TIMEOUT_S = 10.0
"""Seconds a write waits for another writer's lock on a shard before giving up (``StoreBusy``)."""


class StoreReading:
    """Everyone's annotations in a workspace, as one author sees them; the writes are
    :class:`~annotations.store.AnnotationStore`'s."""

    def __init__(
        self,
        workspace_root: Path,
        author: str,
        *,
        backend: ShardBackend | None = None,
        lock_timeout: float = LOCK_TIMEOUT_S,
    ) -> None:
        self.root = workspace_root
        self.folder = workspace_root / ANNOTATIONS_FOLDER
        self.author = check_author(author)
        self.slug = author_slug(self.author)
        self.author_folder = self.folder / self.slug
        self.lock_timeout = lock_timeout
        self.files = StoreFiles(
            self.folder,
            self.author_folder,
            backend
            if backend is not None
            else FileShards(workspace_root, follow_outside=follow_outside_links()),
            lock_timeout,
        )
        """The files as this store last read them (:mod:`annotations.store_files`)."""
        self._loaded: tuple[object, LoadResult] | None = None
        """The last :meth:`load` result and the file versions it was made from."""
        self._mutex = threading.RLock()

    def shard_path(self, doc_id: str, author: str | None = None) -> Path:
        """The file holding ``author``'s (by default our) annotations on ``doc_id``."""
        slug = self.slug if author is None else author_slug(author)
        return self.folder / slug / (doc_key(doc_id) + SHARD_SUFFIX)

    def load(self) -> LoadResult:
        """Read every author's annotations; files that changed since the last call are re-read,
        the others served from memory."""
        with self._mutex:
            storages = self.files.readable()
            problems = self.files.problems
            key = (
                tuple((s.path, s.version) for s in storages),
                tuple(sorted((str(p), id(e)) for p, e in problems.items())),
            )
            if self._loaded is not None and self._loaded[0] == key:
                return self._loaded[1]
            result = collect(storages, problems, self.author_folder)
            self._loaded = (key, result)
            return result

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id, tombstone or not, or None."""
        with self._mutex:
            found = self._find(annotation_id)
        return None if found is None else found[1]

    def all(self, include_deleted: bool = False) -> list[Annotation]:
        """Every author's annotations in reading order; tombstones only when asked for."""
        result = self.load()
        if include_deleted:
            return sorted(result.annotations + result.tombstones, key=reading_order)
        return list(result.annotations)

    def tags(self) -> list[str]:
        """Every tag on a live annotation, sorted without regard to case (for completion)."""
        found = {tag for annotation in self.load().annotations for tag in annotation.tags}
        return sorted(found, key=lambda tag: (tag.casefold(), tag))

    def writable(self, doc_id: str) -> bool:
        """Whether our notes on ``doc_id`` can be saved (False while their file is unreadable)."""
        with self._mutex:
            try:
                self.files.storage(self.shard_path(doc_id)).refresh()
            except AnnotationFileError:
                return False
            return True

    def is_own(self, annotation: Annotation) -> bool:
        """Whether this store's author may edit or delete ``annotation``."""
        with self._mutex:
            found = self._find(annotation.id)
        if found is not None:
            return found[0].parent == self.author_folder and found[1].author == self.author
        return annotation.author == self.author

    def own_ids(self) -> frozenset[str]:
        """The ids of every stored note (tombstones too) that :meth:`is_own` says this author
        may edit or delete, from one look at the files.

        The reader asks for each note it shows; asking :meth:`is_own`, which looks at every
        author's files for the one note, froze the notes panel for seconds on a desk's 2,000
        files. A note is ours when it has a copy in our folder and the version those copies
        show (:func:`choose`) is written in our name, as :meth:`is_own` decides.
        """
        with self._mutex:
            copies: dict[str, list[Copy]] = {}
            for storage in self.files.readable(own=True):
                for annotation_id, annotation in storage.annotations().items():
                    copies.setdefault(annotation_id, []).append((storage.path, annotation))
            return frozenset(
                annotation_id
                for annotation_id, found in copies.items()
                if choose(found)[1].author == self.author
            )

    def _find(self, annotation_id: str) -> tuple[Path, Annotation] | None:
        """Where the annotation belongs and its version as :meth:`load` shows it (its copies
        joined, see :func:`choose`); a lookup per file, no index. Our own folder's copies are
        the ones we may change, whatever other folders say: so they are looked at first, and
        alone when there are some, which spares an edit or a deletion a look at every other
        author's files."""
        ours = self.files.copies(annotation_id, own=True)
        if ours:
            return choose(ours)
        copies = self.files.copies(annotation_id)
        return choose(copies) if copies else None
