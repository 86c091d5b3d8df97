"""The annotation files one store has open: which can be read, and changing one under its lock.

:class:`annotations.store.AnnotationStore` decides what a person may do with a note (whose it
is, which copy counts, what an edit keeps); this module only keeps the files in step with the
disk. Reading re-reads just the shards that changed since they were last read and remembers
those that cannot be read, so they are reported and never written; writing takes the shard's
lock, re-reads it under the lock and hands the caller that fresh table, so a change made by
another process meanwhile is built upon, never overwritten.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING, TypeVar

from annotations.errors import REPAIR, AnnotationFileError, ReadOnlyFile
from annotations.store_format import TABLE
from annotations.store_shards import AnnotationTable, ShardStorage

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from annotations.model import Annotation
    from annotations.store_backends import ShardBackend
    from annotations.store_versions import Copy

T = TypeVar("T")


class StoreFiles:
    """Every author's shards under one annotations folder, as one writer sees them.

    Not thread-safe on its own: the store serialises calls with its own lock.
    """

    def __init__(
        self, folder: Path, author_folder: Path, backend: ShardBackend, lock_timeout: float
    ) -> None:
        self.folder = folder
        self.author_folder = author_folder
        """The only folder written: shards elsewhere are opened read-only."""
        self.backend = backend
        self.lock_timeout = lock_timeout
        self.problems: dict[Path, AnnotationFileError] = {}
        """The shards and folders that could not be read at the last look."""
        self._storages: dict[Path, ShardStorage] = {}
        self._tables: dict[Path, AnnotationTable] = {}
        self._prepared = False

    def storage(self, path: Path) -> ShardStorage:
        """The storage of the shard at ``path``, opened on first use."""
        storage = self._storages.get(path)
        if storage is None:
            writable = path.parent == self.author_folder
            storage = self.backend.storage(path, writable=writable)
            self._storages[path] = storage
            self._tables[path] = AnnotationTable(storage, TABLE)
        return storage

    def readable(self, *, own: bool = False) -> list[ShardStorage]:
        """The readable shards, in path order, after re-reading those that changed; files and
        folders that cannot be read are noted in :attr:`problems`.

        ``own`` looks at the author's own folder only: what a write needs to find the note it
        changes, without a ``stat`` of each of a desk's 2,000 files (twice per edit, a good
        part of its time). The other folders' files are left as last read, neither checked
        nor forgotten; :meth:`readable` without ``own`` brings them up to date.
        """
        author_folder = self.author_folder if own else None
        paths, folder_problems = self.backend.shard_paths(self.folder, author_folder)
        present = set(paths)
        for gone in [p for p in self._storages if p not in present]:
            if not own or gone.parent == self.author_folder:
                del self._storages[gone], self._tables[gone]  # removed: forget its notes
        if own:
            self.problems = {
                path: problem
                for path, problem in self.problems.items()
                if not path.is_relative_to(self.author_folder)
            }
            self.problems.update((problem.path, problem) for problem in folder_problems)
        else:
            self.problems = {problem.path: problem for problem in folder_problems}
        readable: list[ShardStorage] = []
        for path in paths:
            storage = self.storage(path)
            try:
                storage.refresh(listed=True)
            except AnnotationFileError as exc:
                self.problems[path] = exc
                continue
            readable.append(storage)
        return readable

    def copies(self, annotation_id: str, *, own: bool = False) -> list[Copy]:
        """Every copy of one note in the readable shards (``own``: of the author's folder
        only, see :meth:`readable`), with the file holding it; a lookup per file, no index."""
        return [
            (storage.path, annotation)
            for storage in self.readable(own=own)
            if (annotation := storage.annotations().get(annotation_id)) is not None
        ]

    def change(
        self,
        shards: Mapping[Path, str],
        path: Path,
        apply: Callable[[AnnotationTable, dict[str, Annotation]], T],
    ) -> T:
        """Run ``apply`` on the table of our shard ``path`` under the lock of each of
        ``shards`` (path -> the document it holds), each re-read first.

        The locks are taken in path order, so two changes that need the same two shards (two
        moves in opposite directions) cannot wait for each other.

        Raises:
            ReadOnlyFile: one of the shards cannot be read, so is not written.
            StoreBusy: another process held a lock too long.
        """
        if not self._prepared:
            self.backend.prepare(self.folder, self.author_folder)
            self._prepared = True
        with ExitStack() as locks:
            for locked in sorted(shards):
                locks.enter_context(self.backend.locked(locked, self.lock_timeout))
                self._fresh(locked, shards[locked])
            return apply(self._tables[path], self._storages[path].annotations())

    def _fresh(self, path: Path, doc_id: str) -> None:
        """Re-read our shard ``path`` under its lock; an unreadable one refuses the write."""
        try:
            self.storage(path).refresh(thorough=True)
        except AnnotationFileError as exc:
            self.problems[path] = exc
            raise ReadOnlyFile(
                f"Your notes on {doc_id} are kept in a file that cannot be read "
                f"({exc}); nothing was saved. Fix or move that file first ({REPAIR})."
            ) from exc
