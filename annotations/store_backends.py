"""Where shards live, and how a writer gets a shard to itself.

TinyDB is not safe across processes: the reader and a ``synoptic`` command, or two windows,
may write the same author's shard at once, and each would overwrite the other's note. A
backend gives the store one lock per shard, across processes for files, under which it
re-reads and writes. The store asks a backend rather than the file system so the same store
logic runs on JSON files (:class:`FileShards`) or, for tests and previews, in memory
(:class:`MemoryShards`) without touching the disk. A writer killed mid-write leaves its
temporary file behind; the next writer of that shard sweeps it up under the lock.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tinydb.storages import MemoryStorage

from annotations.errors import AnnotationError, AnnotationFileError, ReadOnlyFile, StoreBusy
from annotations.store_format import GITIGNORE, LOCK_SUFFIX, is_shard_name
from annotations.store_shards import JSONShardStorage, MemoryShardStorage, ShardStorage
from corpus.files import not_writable_here, outside_reason, outside_target

if TYPE_CHECKING:
    from collections.abc import Iterator
    from contextlib import AbstractContextManager


class ShardBackend(Protocol):
    """Where shards are kept and how a writer gets exclusive use of one."""

    def storage(self, path: Path, *, writable: bool) -> ShardStorage:
        """The storage for the shard at ``path`` (which may not exist yet)."""
        ...

    def shard_paths(
        self, folder: Path, author_folder: Path | None = None
    ) -> tuple[list[Path], list[AnnotationFileError]]:
        """Every shard under the annotations ``folder``, all authors or only those in
        ``author_folder``, sorted; and the folders that could not be listed."""
        ...

    def locked(self, path: Path, timeout: float) -> AbstractContextManager[None]:
        """Hold the shard's write lock (:class:`StoreBusy` after ``timeout`` seconds)."""
        ...

    def prepare(self, folder: Path, author_folder: Path) -> None:
        """Make sure the author's folder exists before the first write."""
        ...


STALE_TEMPORARY_S = 60.0


def _sweep_temporary_files(path: Path) -> None:
    """Remove temporary files left by a writer of ``path`` that was killed mid-write.

    Called with the shard's lock held, so no store is writing one of them now; only files a
    minute old go, in case some other tool writes the file without taking the lock.
    """
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                if now - entry.stat().st_mtime > STALE_TEMPORARY_S:
                    Path(entry.path).unlink()


class FileShards:
    """Shards as JSON files, locked with ``<shard>.lock`` files across processes.

    A notes file, an author's folder or the annotations folder can be a link a collaborator
    committed: one out of the workspace ``root`` is not read unless ``follow_outside`` (the
    user's :data:`corpus.files.OUTSIDE_LINKS_ENV`), and nothing is ever written through one,
    lock files and folders included (see :func:`corpus.files.outside_target`).
    """

    def __init__(self, root: Path | None = None, *, follow_outside: bool = False) -> None:
        self.root = None if root is None else root.resolve()
        """The workspace; None (tests only) trusts every link."""
        self.follow_outside = follow_outside
        self._paths: dict[str, Path] = {}
        """The shards found by the last :meth:`shard_paths`, made into paths once only."""

    def storage(self, path: Path, *, writable: bool) -> ShardStorage:
        guard = None if self.follow_outside else self.root
        return JSONShardStorage(path, writable=writable, root=guard)

    def _outside(self, path: Path) -> Path | None:
        return None if self.root is None else outside_target(path, self.root)

    def _refuse_outside(self, *paths: Path) -> None:
        """Refuse a write that a link would take out of the workspace, whatever the user set.

        Raises:
            ReadOnlyFile: one of ``paths`` leads outside the workspace.
        """
        for path in paths:
            target = self._outside(path)
            if target is not None:
                raise ReadOnlyFile(
                    f"{path} {outside_reason(target, written=True)}; nothing was saved."
                )

    def shard_paths(
        self, folder: Path, author_folder: Path | None = None
    ) -> tuple[list[Path], list[AnnotationFileError]]:
        # Sorted as (folder name, file name) pairs of strings, which within one annotations
        # folder is the order of the paths: comparing thousands of Path objects was a good
        # part of the time taken to look for changes.
        found: list[tuple[str, str, str]] = []
        problems: list[AnnotationFileError] = []
        reading = None if self.follow_outside else self.root
        target = None if reading is None else outside_target(folder, reading)
        if target is not None and folder.exists():
            return [], [AnnotationFileError(folder, None, outside_reason(target))]
        try:
            authors = sorted(
                e.path
                for e in os.scandir(folder)
                if e.is_dir()
                and not e.name.startswith(".")
                and (author_folder is None or e.name == author_folder.name)
            )
        except FileNotFoundError:
            return [], []
        except OSError as exc:
            return [], [AnnotationFileError(folder, None, f"cannot be listed ({exc.strerror})")]
        for author in authors:
            target = None if reading is None else outside_target(Path(author), reading)
            if target is not None:  # not even listed: its file names are someone else's too
                problems.append(AnnotationFileError(Path(author), None, outside_reason(target)))
                continue
            author_name = Path(author).name
            try:
                for entry in os.scandir(author):
                    if not is_shard_name(entry.name):
                        continue
                    if entry.is_file():
                        found.append((author_name, entry.name, entry.path))
                    else:  # named like a notes file, so it was meant to hold notes: say so
                        problems.append(
                            AnnotationFileError(Path(entry.path), None, "is not a file")
                        )
            except OSError as exc:
                problems.append(
                    AnnotationFileError(Path(author), None, f"cannot be listed ({exc.strerror})")
                )
        known = self._paths
        paths = {path: known.get(path) or Path(path) for _, _, path in sorted(found)}
        if author_folder is None:
            self._paths = paths
        else:  # one author's: the others' are as the last full listing found them
            known.update(paths)
        return list(paths.values()), problems

    @contextlib.contextmanager
    def locked(self, path: Path, timeout: float) -> Iterator[None]:
        from filelock import FileLock, Timeout  # 30 ms to import: only when writing

        lock_path = path.with_name(path.name + LOCK_SUFFIX)
        self._refuse_outside(path, lock_path)
        lock = FileLock(lock_path, timeout=timeout)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except Timeout:
            raise StoreBusy(
                f"Another program has been writing {path} for over {timeout:g} seconds; "
                "nothing was saved. Try again in a moment."
            ) from None
        except OSError as exc:
            refused = not_writable_here(exc, lock_path)
            raise AnnotationError(
                f"Cannot lock {lock_path} ({exc.strerror or exc})"
                + (f": {refused}" if refused else "; nothing was saved.")
            ) from exc
        try:
            _sweep_temporary_files(path)
            yield
        finally:
            lock.release()

    def prepare(self, folder: Path, author_folder: Path) -> None:
        """Create the folders, and ``annotations/.gitignore`` for lock and temporary files
        unless one exists (the user may have edited it); a .gitignore that cannot be made is
        only a nuisance in ``git status``, so that is not an error.

        Raises:
            ReadOnlyFile: a link takes the author's folder out of the workspace.
            AnnotationError: the author's folder cannot be made (a file is in its way).
        """
        self._refuse_outside(author_folder)
        try:
            author_folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            # "Move what is in the way" fits a file where the folder should be, not a folder
            # that may not be written at all.
            refused = not_writable_here(exc, author_folder)
            raise AnnotationError(
                f"Cannot make the folder {author_folder} for your notes ({exc.strerror or exc})"
                + (f": {refused}" if refused else "; nothing was saved. Move what is in the way.")
            ) from None
        gitignore = folder / ".gitignore"
        with (
            contextlib.suppress(OSError),
            gitignore.open("x", encoding="utf-8", newline="\n") as out,
        ):
            out.write(GITIGNORE)


class MemoryShards:
    """Shards in memory: the same store logic without touching the disk."""

    def __init__(self) -> None:
        self.memories: dict[Path, MemoryStorage] = {}
        self._locks: dict[Path, threading.Lock] = {}
        self._guard = threading.Lock()

    def storage(self, path: Path, *, writable: bool) -> ShardStorage:
        with self._guard:
            memory = self.memories.get(path)
            if memory is None:
                memory = self.memories[path] = MemoryStorage()  # type: ignore[no-untyped-call]
        return MemoryShardStorage(path, writable=writable, memory=memory)

    def shard_paths(
        self, folder: Path, author_folder: Path | None = None
    ) -> tuple[list[Path], list[AnnotationFileError]]:
        paths = [
            p
            for p, m in self.memories.items()
            if p.is_relative_to(folder)
            and (author_folder is None or p.parent == author_folder)
            and m.read() is not None
        ]
        return sorted(paths), []

    @contextlib.contextmanager
    def locked(self, path: Path, timeout: float) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(path, threading.Lock())
        if not lock.acquire(timeout=timeout):
            raise StoreBusy(f"{path} stayed locked for over {timeout:g} seconds.")
        try:
            yield
        finally:
            lock.release()

    def prepare(self, folder: Path, author_folder: Path) -> None:
        pass
