"""The annotation store: TinyDB files in the workspace, one per author and document.

Layout: ``WORKSPACE/annotations/<author-slug>/<doc-key>.json``. Sharding by author means a
person only ever writes their own folder, so git merges of two people's notes never touch the
same file; sharding by document keeps each file small, so adding a note to a workspace holding
10,000 of them rewrites a few hundred kilobytes rather than megabytes.

TinyDB is neither safe across processes nor careful with its file (its issues #91 and #341), so
every write here takes a lock file next to the shard, re-reads the shard if anyone changed it
since we last looked, applies the one change and replaces the file atomically. A file that
cannot be read (cut short, left with git conflict markers, edited into the wrong shape) is
reported with its line and never written: the store refuses to touch it rather than replace
someone's notes with an empty table.

Files are written as ``json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)`` so git
diffs stay readable. Python's indenting encoder is the slow pure-Python one; the storage keeps
each record's indented text and assembles the file from those pieces, byte for byte what
``json.dumps`` would give (the tests hold it to that).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import re
import string
import threading
import time
import unicodedata
from dataclasses import dataclass, replace
from json.encoder import encode_basestring
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from tinydb.storages import MemoryStorage, Storage
from tinydb.table import Document, Table

from annotations.author import check_author
from annotations.errors import (
    AnnotationError,
    AnnotationFileError,
    AnnotationFormatError,
    NotYourAnnotation,
    ReadOnlyFile,
    StoreBusy,
    UnknownAnnotation,
)
from annotations.model import Annotation, next_modified
from corpus.files import atomic_write_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from contextlib import AbstractContextManager

ANNOTATIONS_FOLDER = "annotations"
"""The same name as :data:`corpus.workspace.ANNOTATIONS_FOLDER`; not imported from there
because that module pulls in document loading, which the store does not need."""
TABLE = "annotations"
SHARD_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"
GITIGNORE = "*.lock\n.*.tmp\n"
LOCK_TIMEOUT_S = 10.0

Tables = dict[str, Any]
"""What a TinyDB storage reads and writes: ``{table name: {document id: record}}``."""


# --- names on disk -------------------------------------------------------------------------------

_SAFE_NAME_CHARS = frozenset(string.ascii_letters + string.digits + "._-")
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
_MAX_KEY_CHARS = 120


def author_slug(author: str) -> str:
    """The folder name for an author: lowercase ASCII letters, digits and single hyphens.

    Accents are dropped ("José" -> "jose"). A name with no letter or digit left in ASCII (one
    written only in, say, Chinese) gets ``author-`` and a short hash of the name, so two such
    people do not share a folder and edit each other's notes; a name with nothing at all
    becomes "anonymous".
    """
    decomposed = unicodedata.normalize("NFKD", author)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if slug:
        return slug
    if any(c.isalnum() for c in author):
        return "author-" + hashlib.sha256(author.strip().encode("utf-8")).hexdigest()[:8]
    return "anonymous"


def doc_key(doc_id: str) -> str:
    """A safe, deterministic file name stem for a document id.

    ``/`` becomes ``__``; any character other than ASCII letters, digits, ``.``, ``_`` and ``-``
    becomes ``%XX`` per UTF-8 byte; a leading dot (a hidden file) and Windows device names are
    escaped; very long ids are cut and finished with a hash. Two ids could in principle share a
    key ("a/b" and "a__b"); that is harmless because every record carries its real document id.
    """
    pieces: list[str] = []
    for char in doc_id:
        if char == "/":
            pieces.append("__")
        elif char in _SAFE_NAME_CHARS:
            pieces.append(char)
        else:
            pieces.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    key = "".join(pieces) or "%00"
    if key.startswith("."):
        key = "%2E" + key[1:]
    if key.split(".", 1)[0].lower() in _WINDOWS_RESERVED:
        key = f"%{ord(key[0]):02X}" + key[1:]
    if len(key) > _MAX_KEY_CHARS:
        digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        key = key[: _MAX_KEY_CHARS - 17].rstrip("%") + "-" + digest
    return key


def is_shard_name(name: str) -> bool:
    """Shard files are ``*.json``; lock files, temporary files and hidden files are not."""
    return name.endswith(SHARD_SUFFIX) and not name.startswith(".")


# --- the file format -----------------------------------------------------------------------------


def _pretty(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(indent=2, sort_keys=True, ensure_ascii=False)`` writes it when
    it starts on a line indented by ``indent``; only faster, because strings and numbers go
    through the C encoder."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    inner = indent + "  "
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = ",\n".join(inner + _pretty(item, inner) for item in value)
        return f"[\n{items}\n{indent}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            text = json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)
            return text.replace("\n", "\n" + indent)
        members = ",\n".join(
            f"{inner}{encode_basestring(key)}: {_pretty(item, inner)}"
            for key, item in sorted(value.items(), key=itemgetter(0))
        )
        return f"{{\n{members}\n{indent}}}"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


RECORD_INDENT = "    "
"""Records sit two levels deep: ``{"annotations": {"<id>": {...}}}``."""


def record_row(key: str, record: Any) -> str:
    """One record's lines as they appear in the file: ``    "<id>": {...}``, no comma."""
    text = _pretty(record, RECORD_INDENT)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only its \\u escape can be stored as UTF-8
        text = json.dumps(record, sort_keys=True, indent=2).replace("\n", "\n" + RECORD_INDENT)
    return f"{RECORD_INDENT}{encode_basestring(key)}: {text}"


def dumps_tables(data: Tables, row: Callable[[str, Any], str] = record_row) -> str:
    """The file text for ``data``: ``json.dumps(data, sort_keys=True, indent=2,
    ensure_ascii=False) + "\\n"``, with each record of the annotations table rendered by
    ``row`` (which the storage answers from its cache)."""
    if not data:
        return "{}\n"
    # One join at the end: the file is megabytes, and every intermediate string copies it.
    pieces: list[str] = ["{\n"]
    try:
        for name, table in sorted(data.items(), key=itemgetter(0)):
            if len(pieces) > 1:
                pieces.append(",\n")
            pieces.append(f"  {encode_basestring(name)}: ")
            if name == TABLE and isinstance(table, dict) and table:
                pieces.append("{\n")
                for index, key in enumerate(sorted(table)):
                    if index:
                        pieces.append(",\n")
                    pieces.append(row(key, table[key]))
                pieces.append("\n  }")
            else:
                pieces.append(_pretty(table, "  "))
    except TypeError:  # keys that are not all strings: let json say what it makes of them
        return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    pieces.append("\n}\n")
    return "".join(pieces)


_CONFLICT_MARKER = re.compile(r"^(?:<{7}|={7}|>{7})(?:[ \t]|$)", re.MULTILINE)


def _line_of(text: str | None, needle: str) -> int | None:
    if text is None:
        return None
    at = text.find(needle)
    return None if at < 0 else text.count("\n", 0, at) + 1


class _RecordProblem(Exception):
    """A record that is not a valid annotation; turned into a file or format error by the caller."""

    def __init__(self, key: str | None, message: str, table: str | None = None) -> None:
        super().__init__(message)
        self.key = key
        """The record's id, or None when the problem is the shape of the file or a table."""
        self.message = message
        self.table = table
        """The table whose shape is wrong, if that is the problem."""


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

    def refresh(self, *, thorough: bool = False) -> None:
        """Bring the in-memory copy up to date with the medium.

        ``thorough`` is used under the shard's lock before a write: it must not miss any
        change by another process, even one a cheap check could overlook.

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

    def __init__(self, path: Path, *, writable: bool) -> None:
        super().__init__(path, writable=writable)
        self._signature: tuple[int, ...] | None = None
        """The file's stat when ``_data`` was taken from it (device, inode, size, times)."""
        self._raw: bytes | None = None
        """The file's bytes as last read or written, to prove under the lock nothing changed."""
        self._failure: tuple[tuple[int, ...], AnnotationFileError] | None = None
        self._stale: dict[int, _Entry] = {}
        """Entries from before the file was last re-read: their lines are reused by content."""

    def refresh(self, *, thorough: bool = False) -> None:
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

    def _parse(self, raw: bytes) -> tuple[Tables, dict[int, _Entry]]:
        path = self.path
        if not raw:
            raise AnnotationFileError(path, None, "the file is empty (0 bytes)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            byte = raw[exc.start]
            raise AnnotationFileError(
                path, line, f"is not valid UTF-8 (byte 0x{byte:02X} at offset {exc.start})"
            ) from None
        text = text.removeprefix("\ufeff")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            marker = _CONFLICT_MARKER.search(text)
            if marker is not None:
                line = text.count("\n", 0, marker.start()) + 1
                raise AnnotationFileError(
                    path,
                    line,
                    f"has a git conflict marker ({marker.group().strip()}); "
                    "resolve the merge conflict in this file",
                ) from None
            raise AnnotationFileError(
                path, exc.lineno, f"is not valid JSON ({exc.msg}); it may have been cut short"
            ) from None
        try:
            entries = self._check(data)
        except _RecordProblem as problem:
            if problem.key is None:
                shape_line = (
                    _line_of(text, json.dumps(problem.table, ensure_ascii=False) + ":")
                    if problem.table is not None
                    else 1
                )
                raise AnnotationFileError(path, shape_line, problem.message) from None
            needle = json.dumps(problem.key, ensure_ascii=False)
            record_line = _line_of(text, needle + ":") or _line_of(text, needle)
            raise AnnotationFileError(
                path, record_line, f"annotation {problem.key}: {problem.message}"
            ) from None
        return data, entries

    def _save(self, data: Tables, entries: dict[int, _Entry]) -> None:
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
            raise AnnotationError(
                f"Could not save annotations to {self.path} ({exc.strerror or exc}); "
                "the file is unchanged."
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

    def refresh(self, *, thorough: bool = False) -> None:
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


# --- where shards live ---------------------------------------------------------------------------


class ShardBackend(Protocol):
    """Where shards are kept and how a writer gets exclusive use of one."""

    def storage(self, path: Path, *, writable: bool) -> ShardStorage:
        """The storage for the shard at ``path`` (which may not exist yet)."""
        ...

    def shard_paths(self, folder: Path) -> tuple[list[Path], list[AnnotationFileError]]:
        """Every shard under the annotations ``folder``, all authors, sorted; and the folders
        that could not be listed."""
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
    """Shards as JSON files, locked with ``<shard>.lock`` files across processes."""

    def storage(self, path: Path, *, writable: bool) -> ShardStorage:
        return JSONShardStorage(path, writable=writable)

    def shard_paths(self, folder: Path) -> tuple[list[Path], list[AnnotationFileError]]:
        paths: list[Path] = []
        problems: list[AnnotationFileError] = []
        try:
            authors = sorted(
                e.path for e in os.scandir(folder) if e.is_dir() and not e.name.startswith(".")
            )
        except FileNotFoundError:
            return [], []
        except OSError as exc:
            return [], [AnnotationFileError(folder, None, f"cannot be listed ({exc.strerror})")]
        for author in authors:
            try:
                paths.extend(
                    Path(e.path)
                    for e in os.scandir(author)
                    if is_shard_name(e.name) and e.is_file()
                )
            except OSError as exc:
                problems.append(
                    AnnotationFileError(Path(author), None, f"cannot be listed ({exc.strerror})")
                )
        return sorted(paths), problems

    @contextlib.contextmanager
    def locked(self, path: Path, timeout: float) -> Iterator[None]:
        from filelock import FileLock, Timeout  # 30 ms to import: only when writing

        lock_path = path.with_name(path.name + LOCK_SUFFIX)
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
            raise AnnotationError(
                f"Cannot lock {lock_path} ({exc.strerror or exc}); nothing was saved."
            ) from exc
        try:
            _sweep_temporary_files(path)
            yield
        finally:
            lock.release()

    def prepare(self, folder: Path, author_folder: Path) -> None:
        """Create the folders, and ``annotations/.gitignore`` for lock and temporary files
        unless one exists (the user may have edited it)."""
        author_folder.mkdir(parents=True, exist_ok=True)
        gitignore = folder / ".gitignore"
        with (
            contextlib.suppress(FileExistsError),
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

    def shard_paths(self, folder: Path) -> tuple[list[Path], list[AnnotationFileError]]:
        paths = [
            p for p, m in self.memories.items() if p.is_relative_to(folder) and m.read() is not None
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


# --- the store -----------------------------------------------------------------------------------


def _reading_order(annotation: Annotation) -> tuple[str, int, int, str, str]:
    target = annotation.target
    return (target.doc, target.start, target.end, annotation.created, annotation.id)


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
    :meth:`AnnotationStore.writable` for one document)."""

    def for_document(self, doc_id: str) -> list[Annotation]:
        """The live annotations on one document."""
        return [a for a in self.annotations if a.target.doc == doc_id]


class AnnotationStore:
    """One author's view of a workspace's annotations: reads everyone's, writes only theirs.

    Ownership is by folder: the author may change annotations in ``annotations/<their slug>/``
    and nothing else. Others' annotations can be read and replied to (a reply is the replier's
    own annotation with ``reply_to`` set).
    """

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
        self._backend: ShardBackend = backend if backend is not None else FileShards()
        self._storages: dict[Path, ShardStorage] = {}
        self._tables: dict[Path, AnnotationTable] = {}
        self._problems: dict[Path, AnnotationFileError] = {}
        self._prepared = False
        self._loaded: tuple[object, LoadResult] | None = None
        """The last :meth:`load` result and the file versions it was made from."""
        self._mutex = threading.RLock()

    # -- reading

    def shard_path(self, doc_id: str, author: str | None = None) -> Path:
        """The file holding ``author``'s (by default our) annotations on ``doc_id``."""
        slug = self.slug if author is None else author_slug(author)
        return self.folder / slug / (doc_key(doc_id) + SHARD_SUFFIX)

    def load(self) -> LoadResult:
        """Read every author's annotations; files that changed since the last call are re-read,
        the others served from memory."""
        with self._mutex:
            storages = self._refresh()
            key = (
                tuple((s.path, s.version) for s in storages),
                tuple(sorted((str(p), id(e)) for p, e in self._problems.items())),
            )
            if self._loaded is not None and self._loaded[0] == key:
                return self._loaded[1]
            merged: dict[str, Annotation] = {}
            for storage in storages:
                for annotation_id, annotation in storage.annotations().items():
                    seen = merged.get(annotation_id)
                    # The same id in two files (a copied file, an odd merge): the newer wins.
                    if seen is None or seen.modified < annotation.modified:
                        merged[annotation_id] = annotation
            live = sorted((a for a in merged.values() if not a.deleted), key=_reading_order)
            dead = sorted((a for a in merged.values() if a.deleted), key=_reading_order)
            problems = tuple(self._problems[p] for p in sorted(self._problems))
            result = LoadResult(
                annotations=tuple(live),
                tombstones=tuple(dead),
                problems=problems,
                read_only=frozenset(self._problems),
                writable=not any(p.is_relative_to(self.author_folder) for p in self._problems),
            )
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
            return sorted(result.annotations + result.tombstones, key=_reading_order)
        return list(result.annotations)

    def tags(self) -> list[str]:
        """Every tag on a live annotation, sorted without regard to case (for completion)."""
        found = {tag for annotation in self.load().annotations for tag in annotation.tags}
        return sorted(found, key=lambda tag: (tag.casefold(), tag))

    def writable(self, doc_id: str) -> bool:
        """Whether our notes on ``doc_id`` can be saved (False while their file is unreadable)."""
        with self._mutex:
            try:
                self._storage(self.shard_path(doc_id)).refresh()
            except AnnotationFileError:
                return False
            return True

    def is_own(self, annotation: Annotation) -> bool:
        """Whether this store's author may edit or delete ``annotation``."""
        with self._mutex:
            found = self._find(annotation.id)
        if found is not None:
            return found[0].parent == self.author_folder
        return author_slug(annotation.author) == self.slug

    # -- writing

    def add(self, annotation: Annotation) -> Annotation:
        """Save a new annotation of ours.

        Raises:
            NotYourAnnotation: it is written in someone else's name.
            AnnotationError: an annotation with its id exists already.
            ReadOnlyFile: our file for that document cannot be read, so is not written.
            StoreBusy: another process held the file's lock too long.
        """
        if author_slug(annotation.author) != self.slug:
            raise NotYourAnnotation(
                f"This annotation is by {annotation.author}; you are annotating as {self.author}."
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
        this version that the stored record has are kept. The annotation stays on its document.

        Raises:
            UnknownAnnotation: there is no such annotation, or it has been deleted.
            NotYourAnnotation: it is someone else's.
            ReadOnlyFile, StoreBusy: as for :meth:`add`.
        """
        if annotation.deleted:
            raise AnnotationError("Use delete() to delete an annotation.")
        path, stored = self._own(annotation.id, "edit")
        if stored.target.doc != annotation.target.doc:
            raise AnnotationError(
                f"An annotation cannot move from {stored.target.doc} to {annotation.target.doc}; "
                "make a new one on the other document."
            )

        def apply(table: AnnotationTable, current: dict[str, Annotation]) -> Annotation:
            now = current.get(annotation.id)
            if now is None or now.deleted:
                raise UnknownAnnotation(f"Annotation {annotation.id} has been deleted.")
            superseded = now.superseded + tuple(
                s for s in annotation.superseded if s not in now.superseded
            )
            new = replace(
                annotation,
                author=now.author,
                created=now.created,
                modified=next_modified(now.modified),
                superseded=superseded,
                extra={**now.extra, **annotation.extra},
            )
            table.put(new)
            return new

        return self._change(stored.target.doc, apply, expected=path)

    def delete(self, annotation_id: str) -> Annotation:
        """Turn one of our annotations into a tombstone; returns the tombstone.

        Deleting a tombstone again changes nothing.

        Raises:
            UnknownAnnotation, NotYourAnnotation, ReadOnlyFile, StoreBusy: as for :meth:`update`.
        """
        path, stored = self._own(annotation_id, "delete", allow_deleted=True)

        def apply(table: AnnotationTable, current: dict[str, Annotation]) -> Annotation:
            now = current.get(annotation_id)
            if now is None:
                raise UnknownAnnotation(f"There is no annotation {annotation_id}.")
            if now.deleted:
                return now
            tombstone = now.tombstone()
            table.put(tombstone)
            return tombstone

        return self._change(stored.target.doc, apply, expected=path)

    # -- internals

    def _storage(self, path: Path) -> ShardStorage:
        storage = self._storages.get(path)
        if storage is None:
            writable = path.parent == self.author_folder
            storage = self._backend.storage(path, writable=writable)
            self._storages[path] = storage
            self._tables[path] = AnnotationTable(storage, TABLE)
        return storage

    def _refresh(self) -> list[ShardStorage]:
        """The readable shards, in path order, after re-reading those that changed; files and
        folders that cannot be read are noted in ``_problems``."""
        paths, folder_problems = self._backend.shard_paths(self.folder)
        present = set(paths)
        for gone in [p for p in self._storages if p not in present]:
            del self._storages[gone], self._tables[gone]  # removed: forget its notes
        self._problems = {problem.path: problem for problem in folder_problems}
        readable: list[ShardStorage] = []
        for path in paths:
            storage = self._storage(path)
            try:
                storage.refresh()
            except AnnotationFileError as exc:
                self._problems[path] = exc
                continue
            readable.append(storage)
        return readable

    def _find(self, annotation_id: str) -> tuple[Path, Annotation] | None:
        """Where the annotation is and its newest version; a lookup per file, no index."""
        best: tuple[Path, Annotation] | None = None
        for storage in self._refresh():
            annotation = storage.annotations().get(annotation_id)
            if annotation is not None and (best is None or best[1].modified < annotation.modified):
                best = (storage.path, annotation)
        return best

    def _own(
        self, annotation_id: str, verb: str, *, allow_deleted: bool = False
    ) -> tuple[Path, Annotation]:
        with self._mutex:
            found = self._find(annotation_id)
        if found is None:
            raise UnknownAnnotation(f"There is no annotation {annotation_id}.")
        path, stored = found
        if path.parent != self.author_folder:
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
    ) -> Annotation:
        """Run ``apply`` on our shard for ``doc_id`` under its lock, on fresh data."""
        path = self.shard_path(doc_id)
        if expected is not None and expected != path:
            raise AnnotationError(f"Annotation file {expected} is not where {doc_id} belongs.")
        with self._mutex:
            if not self._prepared:
                self._backend.prepare(self.folder, self.author_folder)
                self._prepared = True
            with self._backend.locked(path, self.lock_timeout):
                storage = self._storage(path)
                try:
                    storage.refresh(thorough=True)
                except AnnotationFileError as exc:
                    self._problems[path] = exc
                    raise ReadOnlyFile(
                        f"Your notes on {doc_id} are kept in a file that cannot be read "
                        f"({exc}); nothing was saved. Fix or move that file first."
                    ) from exc
                return apply(self._tables[path], storage.annotations())
