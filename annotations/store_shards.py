"""TinyDB storages, one per shard: where the store reads, checks and writes its records.

TinyDB takes whatever its storage hands it and writes whatever it is given; the store cannot
afford either. Every record is checked here on the way in and on the way out, so the store
never writes a file it could not read back. A file that cannot be read (cut short, left with
git conflict markers, edited into the wrong shape) is reported with its line and never written:
the store refuses to touch it rather than replace someone's notes with an empty table.

Checking and rendering every record of a shard again on each change would make saving one
note slow in a big shard, so the storages remember what they learnt about each record object
(its annotation, its lines in the file) and re-read a file only when it has changed.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
from dataclasses import dataclass
from stat import S_ISLNK
from typing import TYPE_CHECKING, Any, NoReturn

from tinydb.storages import MemoryStorage, Storage
from tinydb.table import Document, Table

from annotations.errors import (
    AnnotationError,
    AnnotationFileError,
    AnnotationFormatError,
    ReadOnlyFile,
)
from annotations.model import Annotation
from annotations.store_format import (
    JSON_FILE_ADVICE,
    TABLE,
    Tables,
    UnreadableText,
    _RecordProblem,
    decode_text,
    dumps_tables,
    line_of,
    parse_json,
    record_row,
)
from corpus.files import atomic_write_text, not_writable_here, outside_reason, outside_target

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@dataclass(slots=True)
class _Entry:
    """What is known about one record object: its annotation and, once written, its lines."""

    record: dict[str, Any]
    annotation: Annotation
    row: str | None = None
    """The record's lines in the file (see :func:`record_row`)."""


# --- storages ------------------------------------------------------------------------------------


class ShardStorage(Storage):
    """A TinyDB storage holding one shard, checked and kept in memory.

    Every record is checked with :meth:`Annotation.from_record` when it is read or written, so
    a bad record is found when the file is opened and the store never writes one it could not
    read back. Records are treated as values: TinyDB hands the same record objects back on the
    next write, so a record's annotation (and, for files, its text) is looked up by identity
    instead of being rebuilt for all of the shard's records on every change.
    """

    def __init__(self, path: Path, *, writable: bool) -> None:
        super().__init__()
        self.path = path
        self.writable = writable
        self.version = 0
        """Goes up whenever the data changes, so readers know when to rebuild their views."""
        self._data: Tables | None = None
        self._entries: dict[int, _Entry] = {}
        self._annotations: dict[str, Annotation] | None = None

    def refresh(self, *, thorough: bool = False, listed: bool = False) -> None:
        """Bring the in-memory copy up to date with the medium.

        ``thorough`` is used under the shard's lock before a write: it must not miss any
        change by another process, even one a cheap check could overlook. ``listed`` says the
        shard's folder was just listed by :meth:`ShardBackend.shard_paths`, which refuses a
        folder that a link takes out of the workspace, so only the file itself is left to check.

        Raises:
            AnnotationFileError: the shard cannot be read.
        """

    def read(self) -> Tables | None:
        self.refresh()
        # A shallow copy: TinyDB replaces the table inside the dict it is given before writing.
        return None if self._data is None else dict(self._data)

    def write(self, data: Tables) -> None:
        if not self.writable:
            raise ReadOnlyFile(f"{self.path} belongs to another author; it is never written.")
        try:
            entries = self._check(data)
        except _RecordProblem as problem:
            raise AnnotationFormatError(f"annotation {problem.key}", problem.message) from None
        self._save(data, entries)
        self._set(data, entries)

    def annotations(self) -> dict[str, Annotation]:
        """The shard's annotations by id, as of the last read or write."""
        if self._annotations is None:
            table = (self._data or {}).get(TABLE, {})
            self._annotations = {
                key: self._entries[id(record)].annotation for key, record in table.items()
            }
        return self._annotations

    def _save(self, data: Tables, entries: dict[int, _Entry]) -> None:
        raise NotImplementedError

    def _set(self, data: Tables | None, entries: dict[int, _Entry]) -> None:
        self._data = data
        self._entries = entries
        self._annotations = None
        self.version += 1

    def _check(self, data: object) -> dict[int, _Entry]:
        """Check the shape of ``data`` and every record not already checked.

        Raises:
            _RecordProblem: naming the record (``key``) or, for the shape, no record.
        """
        if not isinstance(data, dict):
            raise _RecordProblem(None, "the file must hold a JSON object of tables")
        entries: dict[int, _Entry] = {}
        for name, table in data.items():
            if not isinstance(table, dict):
                raise _RecordProblem(None, f"the table {name!r} must be a JSON object", name)
            if name != TABLE:
                continue  # another program's table: kept as it is
            for key, record in table.items():
                known = self._entries.get(id(record))
                if known is None or known.record is not record:
                    known = _Entry(record, self._annotation_of(key, record))
                entries[id(record)] = known
        return entries

    @staticmethod
    def _annotation_of(key: str, record: object) -> Annotation:
        try:
            annotation = Annotation.from_record(record)
        except AnnotationFormatError as exc:
            raise _RecordProblem(key, str(exc)) from None
        if annotation.id != key:
            raise _RecordProblem(key, f"is stored under {key!r} but its id is {annotation.id!r}")
        return annotation


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing a shard makes tens of thousands of containers, none of them garbage; the cyclic
    collector would run many times over them for nothing (a third of the time to open 10,000
    annotations)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compact(record: Any) -> str:
    """A record as compact JSON: the C encoder's quick way to recognise the same content in a
    record object read again from the file."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _signature(stat: os.stat_result) -> tuple[int, ...]:
    """What identifies one version of a file without reading it."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


class JSONShardStorage(ShardStorage):
    """A shard in a JSON file, written atomically and re-read only when it has changed."""

    def __init__(self, path: Path, *, writable: bool, root: Path | None = None) -> None:
        super().__init__(path, writable=writable)
        self.root = root
        """The workspace (resolved): a file that a link takes out of it is neither read nor
        written, a collaborator's ``bob.json -> ~/.ssh/id_rsa`` included. None trusts links."""
        self._signature: tuple[int, ...] | None = None
        """The file's stat when ``_data`` was taken from it (device, inode, size, times)."""
        self._raw: bytes | None = None
        """The file's bytes as last read or written, to prove under the lock nothing changed."""
        self._failure: tuple[tuple[int, ...], AnnotationFileError] | None = None
        self._stale: dict[int, _Entry] = {}
        """Entries from before the file was last re-read: their lines are reused by content."""

    def refresh(self, *, thorough: bool = False, listed: bool = False) -> None:
        target = self._outside(listed=listed)
        if target is not None:  # checked on every read: a link made since is caught too
            self._signature = None
            self._raw = None
            self._failure = None
            self._set(None, {})
            raise AnnotationFileError(self.path, None, outside_reason(target))
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            if self._data is not None or self._failure is not None:
                self._signature = None
                self._raw = None
                self._failure = None
                self._set(None, {})
            return
        except OSError as exc:
            raise AnnotationFileError(self.path, None, f"cannot be read ({exc.strerror})") from exc
        signature = _signature(stat)
        if not thorough:
            if self._failure is not None and self._failure[0] == signature:
                raise self._failure[1]
            if signature == self._signature:
                return
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise AnnotationFileError(self.path, None, f"cannot be read ({exc.strerror})") from exc
        if self._failure is None and raw == self._raw and self._data is not None:
            self._signature = signature  # same content: the mtime, say, was touched
            return
        try:
            with _gc_paused():
                data, entries = self._parse(raw)
        except AnnotationFileError as exc:
            self._failure = (signature, exc)
            raise
        self._failure = None
        self._signature = signature
        self._raw = raw
        self._stale.update((k, e) for k, e in self._entries.items() if e.row is not None)
        self._set(data, entries)

    def _outside(self, *, listed: bool) -> Path | None:
        """Where a link takes the file, when out of the workspace; else None.

        Resolving the whole path costs a ``lstat`` per folder above it: the 20 s refresh of a
        desk's 2,000 files spent a third of a second on that alone. A file in a folder just
        listed (and so checked) leads out only if it is itself a link, which one ``lstat``
        says.
        """
        if self.root is None:
            return None
        if listed:
            try:
                if not S_ISLNK(os.lstat(self.path).st_mode):
                    return None
            except OSError:
                return None  # gone or unreadable: the stat that follows says which
        return outside_target(self.path, self.root)

    def _parse(self, raw: bytes) -> tuple[Tables, dict[int, _Entry]]:
        path = self.path
        if not raw:
            raise AnnotationFileError(path, None, "the file is empty (0 bytes)")
        try:
            text = decode_text(raw)
            data = parse_json(text)
        except UnreadableText as unreadable:
            advice = {
                **JSON_FILE_ADVICE,
                "repeat": "give one of them another id or remove it, by hand",
            }.get(unreadable.case)
            said = unreadable.problem + (f"; {advice}" if advice else "")
            raise AnnotationFileError(path, unreadable.line, said) from None
        try:
            entries = self._check(data)
        except _RecordProblem as problem:
            if problem.key is None:
                shape_line = (
                    line_of(text, json.dumps(problem.table, ensure_ascii=False) + ":")
                    if problem.table is not None
                    else 1
                )
                raise AnnotationFileError(path, shape_line, problem.message) from None
            needle = json.dumps(problem.key, ensure_ascii=False)
            record_line = line_of(text, needle + ":") or line_of(text, needle)
            raise AnnotationFileError(
                path, record_line, f"annotation {problem.key}: {problem.message}"
            ) from None
        return data, entries

    def _save(self, data: Tables, entries: dict[int, _Entry]) -> None:
        target = None if self.root is None else outside_target(self.path, self.root)
        if target is not None:
            raise ReadOnlyFile(f"{self.path} {outside_reason(target, written=True)}.")
        stale = self._stale
        by_compact: dict[str, str] | None = None

        def row_of(key: str, record: Any) -> str:
            nonlocal by_compact
            entry = entries.get(id(record))
            if entry is None or entry.record is not record:
                return record_row(key, record)
            if entry.row is None and stale:
                if by_compact is None:
                    by_compact = {_compact(e.record): e.row for e in stale.values() if e.row}
                entry.row = by_compact.get(_compact(record))
            if entry.row is None:
                entry.row = record_row(key, record)
            return entry.row

        text = dumps_tables(data, row_of)
        raw = text.encode("utf-8")
        try:
            atomic_write_text(self.path, text)
        except OSError as exc:
            refused = not_writable_here(exc, self.path)
            raise AnnotationError(
                f"Could not save annotations to {self.path} ({exc.strerror or exc})"
                + (f": {refused}" if refused else "; the file is unchanged.")
            ) from exc
        self._signature = _signature(self.path.stat())
        self._raw = raw
        self._failure = None
        self._stale = {}


class MemoryShardStorage(ShardStorage):
    """A shard held by a TinyDB :class:`MemoryStorage`, for tests and previews."""

    def __init__(self, path: Path, *, writable: bool, memory: MemoryStorage | None = None) -> None:
        super().__init__(path, writable=writable)
        self.memory = memory if memory is not None else MemoryStorage()  # type: ignore[no-untyped-call]

    def refresh(self, *, thorough: bool = False, listed: bool = False) -> None:
        current = self.memory.read()
        if current is self._data:
            return
        try:
            entries = self._check(current) if current is not None else {}
        except _RecordProblem as problem:
            where = "" if problem.key is None else f"annotation {problem.key}: "
            raise AnnotationFileError(self.path, None, where + problem.message) from None
        self._set(current, entries)

    def _save(self, data: Tables, entries: dict[int, _Entry]) -> None:
        self.memory.write(data)


class AnnotationTable(Table):
    """The ``annotations`` table: keyed by our string ids, records replaced whole.

    TinyDB's integer ids would collide as soon as two clones each add a note; ours are uuids.
    ``update``/``upsert`` are refused because they edit records in place, which would break
    the storage's by-identity caches; :meth:`put` replaces a record instead.
    """

    document_id_class = str  # type: ignore[assignment]

    def add(self, annotation: Annotation) -> None:
        """Insert a new record under the annotation's id (TinyDB refuses an existing id)."""
        self.insert(Document(annotation.to_record(), doc_id=annotation.id))  # type: ignore[arg-type]

    def put(self, annotation: Annotation) -> None:
        """Store ``annotation`` under its id, replacing any record there."""
        record = annotation.to_record()

        def updater(table: dict[Any, Any]) -> None:
            table[annotation.id] = record

        self._update_table(updater)

    def update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("annotation records are replaced whole: use AnnotationTable.put")

    def update_multiple(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("annotation records are replaced whole: use AnnotationTable.put")
