"""A workspace: a folder of documents plus its ``annotations/`` folder.

Opening a workspace only lists file names, which is fast even for thousands of files; documents
are read and segmented on demand (:meth:`Workspace.load`), so the reader can show the first
one while a worker prepares the rest. A command that needs only their text reads that alone
(:meth:`Workspace.read_text`).
"""

from __future__ import annotations

import bisect
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.document import (
    DocumentText,
    document_from_bytes,
    load_document,
    load_text,
    read_document_bytes,
)
from corpus.errors import DocumentError, WorkspaceError
from corpus.files import (
    FileStamp,
    file_stamp,
    follow_outside_links,
    outside_reason,
    outside_target,
)
from corpus.formats import (
    NotRead,
    is_document_name,
    is_markdown_name,
    is_not_read_name,
    not_read,
)
from corpus.locations import sample_workspace

if TYPE_CHECKING:
    from collections.abc import Iterator

    from corpus.model import Document

ANNOTATIONS_FOLDER = "annotations"
EXPORT_WHAT = "a report Synoptic exported"
"""What a Markdown report exported by Synoptic into the workspace is, to the user."""
EXPORT_ADVICE = "delete its last line (the seal Synoptic ends its reports with)"
"""What to do to have such a report read as a document after all."""
SEAL_REACH = 4096
"""Bytes at the end of a Markdown file looked at for an export's seal (its line is ~150)."""
FOLDER_LEFT_OUT = "its documents are left out"
"""How a folder that could not be listed is said to matter (:meth:`Workspace.unlisted_messages`)."""


@dataclass(frozen=True, slots=True)
class Discovery:
    """What a scan of a workspace folder found."""

    ids: list[str]
    """Ids of the documents, sorted."""
    unlisted: list[tuple[str, str]] = field(default_factory=list)
    """(folder, why) for each folder below the workspace that could not be listed: the
    documents in it are unknown, which the user must hear rather than find them missing."""
    not_read: list[str] = field(default_factory=list)
    """Paths of the files in a document format that is not read (see :mod:`corpus.formats`),
    of the reports Synoptic exported (:func:`is_exported_report`) and of links to folders
    (ending in ``/``), sorted; a name that is not valid UTF-8 has ``\ufffd`` for its bad
    bytes (such a file is only ever named, never opened)."""


def discover_documents(root: Path) -> list[str]:
    """Ids of the documents under ``root``, sorted (see :func:`scan`)."""
    return scan(root).ids


def scan(root: Path) -> Discovery:
    """The documents under ``root`` and the folders that could not be listed.

    Which files are documents is :func:`corpus.formats.is_document_name`'s rule, save the
    reports Synoptic exported (:func:`is_exported_report`), which are files not read. Hidden files
    and folders and the workspace's own ``annotations/`` folder are skipped, for documents and
    files not read alike.
    Links to folders are not followed (a loop would hang the scan): each is a file not read.

    Raises:
        OSError: ``root`` itself cannot be listed. ``os.walk`` would quietly yield nothing,
            and an unreadable workspace would pass for an empty one.
    """
    ids: list[str] = []
    unlisted: list[tuple[str, str]] = []
    others: list[str] = []

    def note_unlisted(error: OSError) -> None:
        where = Path(error.filename or root)
        if where == root:
            raise error
        folder = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
        unlisted.append((folder, error.strerror or str(error)))

    for folder, dirnames, filenames in os.walk(root, onerror=note_unlisted):
        relative = Path(folder).relative_to(root)
        dirnames[:] = [
            d
            for d in dirnames
            if not d.startswith(".") and not (relative == Path() and d == ANNOTATIONS_FOLDER)
        ]
        linked = [(relative / d).as_posix() for d in dirnames]
        # os.path.islink is False for a path too long to look at, where Path.is_symlink raises
        linked = [path for path in linked if os.path.islink(root / path)]  # noqa: PTH114
        others += [os.fsencode(f"{path}/").decode("utf-8", "replace") for path in linked]
        for name in filenames:
            if name.startswith("."):
                continue
            if is_document_name(name):
                if is_markdown_name(name) and is_exported_report(Path(folder) / name):
                    others.append(
                        os.fsencode((relative / name).as_posix()).decode("utf-8", "replace")
                    )
                    continue
                ids.append((relative / name).as_posix())
            elif is_not_read_name(name):
                others.append(os.fsencode((relative / name).as_posix()).decode("utf-8", "replace"))
    ids.sort()
    unlisted.sort()
    others.sort()
    return Discovery(ids, unlisted, others)


_EXPORT_CHECKS: dict[str, tuple[int, int, bool]] = {}
"""Whether each Markdown file looked at was a report, by path, with the size and time of change
it had then: the watch lists the folder every few seconds, and reads only the files that
changed since."""


def is_exported_report(path: Path) -> bool:
    """Whether the file at ``path`` is a Markdown report Synoptic exported: it ends with the
    report's seal (see :mod:`corpus.export_guard`), edited since or not.

    Saved into the workspace, a report was read as a document: titled "Notes on ws", every
    passage it quotes matched as a source saying the same thing. It is the user's reading of
    the sources, not one of them, so it is left out, and the user told once (see
    :func:`files_not_read`). A file that cannot be read is left for reading to report.
    """
    from corpus.export_guard import FileState, seal_state

    try:
        info = path.stat()
        key = str(path)
        known = _EXPORT_CHECKS.get(key)
        if known is not None and known[:2] == (info.st_size, info.st_mtime_ns):
            return known[2]
        with path.open("rb") as file:
            file.seek(max(info.st_size - SEAL_REACH, 0))
            tail = file.read(SEAL_REACH)
    except OSError:
        return False
    report = seal_state(tail) is not FileState.UNKNOWN
    _EXPORT_CHECKS[key] = (info.st_size, info.st_mtime_ns, report)
    return report


def is_text_name(name: str) -> bool:
    """Whether a file name decoded by the OS is real text (undecodable bytes come back as lone
    surrogates, which cannot be written as UTF-8)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def files_not_read(paths: list[str], document_ids: list[str]) -> tuple[NotRead, ...]:
    """What to tell of the files at ``paths`` (:attr:`Discovery.not_read`), in a workspace
    whose documents are ``document_ids`` (the advice names no file that is taken)."""
    taken = {doc_id.lower() for doc_id in document_ids}
    # A document's name among the files not read is a report Synoptic exported (see scan).
    told = (
        NotRead(path, EXPORT_WHAT, EXPORT_ADVICE)
        if is_document_name(path)
        else not_read(path, taken)
        for path in paths
    )
    return tuple(file for file in told if file is not None)


def _stand_ins(names: list[str], taken: set[str]) -> set[str]:
    """Readable, distinct stand-ins for file names that are not valid UTF-8.

    Each bad byte reads as ``\ufffd``, so ``caf\xe9.txt`` and ``caf\xe8.txt`` would both be
    ``caf\ufffd.txt``, as would a file really called that: the later ones get a number before
    the suffix, so every such file is still reported and none hides a readable document.
    """
    chosen: set[str] = set()
    for name in names:
        readable = os.fsencode(name).decode("utf-8", "replace")
        stem, dot, suffix = readable.rpartition(".")  # every document name has a suffix
        candidate, number = readable, 1
        while candidate in taken or candidate in chosen:
            number += 1
            candidate = f"{stem} ({number}){dot}{suffix}"
        chosen.add(candidate)
    return chosen


@dataclass
class Workspace:
    """An opened workspace folder and the ids of its documents."""

    root: Path
    document_ids: list[str]
    is_sample: bool = False
    _cache: dict[str, Document] = field(default_factory=dict, repr=False)
    unlisted: tuple[tuple[str, str], ...] = ()
    """(folder, why) for the folders under the root that could not be listed, so their
    documents are missing: every command says so (see :meth:`unlisted_messages`)."""
    misnamed: frozenset[str] = frozenset()
    """Ids of files whose path is not valid UTF-8, shown with ``\ufffd`` in place of the bad
    bytes: they are listed, so the user hears of them, but cannot be opened (an id is text
    in JSON, notes and links, and these names have no faithful text)."""
    follow_outside_links: bool = False
    """Whether a document that is a link to a file outside the workspace is read (see
    :data:`corpus.files.OUTSIDE_LINKS_ENV`)."""
    not_read: tuple[NotRead, ...] = ()
    """The files in a document format Synoptic does not read (a PDF, a Word file), which the
    user is told of with what to do, rather than left to find them missing."""
    _texts: dict[str, DocumentText] = field(default_factory=dict, repr=False)
    """Texts read by :meth:`read_text` for documents not segmented (not in ``_cache``)."""
    _stamps: dict[str, FileStamp | None] = field(default_factory=dict, repr=False)
    """Each document's file as it was just before it was last read, whether or not the read
    succeeded: what the reader compares with to notice a change on disk."""

    @classmethod
    def open(cls, path: Path | None) -> Workspace:
        """Open ``path``, or the user's copy of the sample workspace when ``path`` is None."""
        is_sample = path is None
        root = sample_workspace() if path is None else path.expanduser()
        if not root.exists():
            raise WorkspaceError(f"There is no folder at {root}.")
        if not root.is_dir():
            raise WorkspaceError(f"{root} is a file; a workspace is a folder of documents.")
        try:
            found = scan(root.resolve())
        except OSError as exc:
            raise WorkspaceError(f"Cannot read the folder {root} ({exc.strerror or exc}).") from exc
        ids = [doc_id for doc_id in found.ids if is_text_name(doc_id)]
        misnamed = _stand_ins(
            [doc_id for doc_id in found.ids if not is_text_name(doc_id)], set(ids)
        )
        return cls(
            root=root.resolve(),
            document_ids=sorted([*ids, *misnamed]),
            is_sample=is_sample,
            unlisted=tuple(found.unlisted),
            misnamed=frozenset(misnamed),
            not_read=files_not_read(found.not_read, found.ids),
            follow_outside_links=follow_outside_links(),
        )

    def files_not_read_now(self, paths: list[str]) -> tuple[NotRead, ...]:
        """Record ``paths`` (a later scan's :attr:`Discovery.not_read`) as the files not read
        now; those not among them before, to be told of (each file is told of once, not at
        every look)."""
        before = {file.path: file for file in self.not_read}
        new = files_not_read([path for path in paths if path not in before], self.document_ids)
        fresh = {file.path: file for file in new}
        self.not_read = tuple(before.get(path) or fresh[path] for path in paths)
        return new

    def unlisted_messages(self) -> list[str]:
        """One sentence per folder that could not be listed, for the user."""
        return [
            f"{folder}/: a folder that cannot be read ({why}); {FOLDER_LEFT_OUT}"
            for folder, why in self.unlisted
        ]

    @property
    def name(self) -> str:
        """How the workspace is called in titles: the folder name, or "sample workspace"."""
        return "sample workspace" if self.is_sample else self.root.name

    def path_of(self, doc_id: str) -> Path:
        """The file behind ``doc_id``."""
        return self.root.joinpath(*doc_id.split("/"))

    def load(self, doc_id: str) -> Document:
        """The document ``doc_id``, read once and then served from memory.

        Raises:
            DocumentError: the file cannot be read or decoded; the file is left untouched.
        """
        if doc_id not in self._cache:
            if doc_id not in self.document_ids:
                raise DocumentError(doc_id, "is not a document of this workspace")
            path = self._path_to_read(doc_id)
            # Taken before the read, so that a save during it shows as a change next time.
            stamp = file_stamp(path)
            try:
                self._cache[doc_id] = load_document(path, doc_id)
            finally:
                self._stamps[doc_id] = stamp
        return self._cache[doc_id]

    def read_text(self, doc_id: str) -> DocumentText:
        """The text of ``doc_id``, read once, without cutting it into blocks and sentences
        unless :meth:`load` has already done so (see :class:`~corpus.document.DocumentText`).

        It is not recorded as a read of the file (:meth:`stamp_of`): only the reader watches
        files for changes, and it reads them with :meth:`load`.

        Raises:
            DocumentError: as :meth:`load`; the file is left untouched.
        """
        document = self._cache.get(doc_id)
        if document is not None:
            return DocumentText.of(document, markdown=is_markdown_name(self.path_of(doc_id).name))
        if doc_id not in self._texts:
            if doc_id not in self.document_ids:
                raise DocumentError(doc_id, "is not a document of this workspace")
            self._texts[doc_id] = load_text(self._path_to_read(doc_id), doc_id)
        return self._texts[doc_id]

    def _path_to_read(self, doc_id: str) -> Path:
        """The file of ``doc_id``, once it is known that it may be read.

        Raises:
            DocumentError: its name is not valid UTF-8, or it is a link out of the workspace.
        """
        if doc_id in self.misnamed:
            raise DocumentError(
                doc_id, "has a file name that is not valid UTF-8; rename the file to open it"
            )
        path = self.path_of(doc_id)
        outside = None if self.follow_outside_links else outside_target(path, self.root)
        if outside is not None:
            # Checked when the file is read, not when the folder is listed, so a link made
            # since is caught too (see corpus.files.outside_target for why).
            raise DocumentError(doc_id, outside_reason(outside))
        return path

    def stamp_of(self, doc_id: str) -> FileStamp | None:
        """The file of ``doc_id`` as it was just before it was last read; None if never read."""
        return self._stamps.get(doc_id)

    def stamp_now(self, doc_id: str) -> FileStamp | None:
        """The file of ``doc_id`` as it is now (None: no file there): compared with
        :meth:`stamp_of`, whether it may have changed since it was read."""
        return file_stamp(self.path_of(doc_id))

    def read_again(self, doc_id: str, known_sha256: str | None) -> Document | None:
        """``doc_id`` as its file is now, or None when its bytes are still those that hash to
        ``known_sha256`` (a file saved unchanged, or only touched, is not segmented again).

        Nothing is kept: a reader swaps the new text in with :meth:`keep` when it is ready to
        show it, and keeps the last good text when this raises. The same rules as
        :meth:`load` apply (links out of the workspace, size, decoding).

        Raises:
            DocumentError: the file cannot be read or decoded; the file is left untouched.
        """
        path = self._path_to_read(doc_id)
        data = read_document_bytes(path, doc_id)
        if known_sha256 is not None and hashlib.sha256(data).hexdigest() == known_sha256:
            return None
        return document_from_bytes(doc_id, data, markdown=is_markdown_name(path.name))

    def keep(self, doc_id: str, stamp: FileStamp | None, document: Document | None = None) -> None:
        """Record a read made by :meth:`read_again`: ``doc_id`` is listed (a file that appeared
        is), its file was as ``stamp`` says, and ``document`` (if given) is served from now on.
        Without ``document`` the text read before, if any, is still served."""
        if doc_id not in self.document_ids:
            bisect.insort(self.document_ids, doc_id)
        self._stamps[doc_id] = stamp
        if document is not None:
            self._cache[doc_id] = document
            self._texts.pop(doc_id, None)

    def forget(self, doc_id: str) -> None:
        """``doc_id``'s file is gone (deleted, or renamed to another id): no longer listed."""
        if doc_id in self.document_ids:
            self.document_ids.remove(doc_id)
        self._cache.pop(doc_id, None)
        self._texts.pop(doc_id, None)
        self._stamps.pop(doc_id, None)

    def loaded(self, doc_id: str) -> Document | None:
        """The document if it has been loaded already; never touches the disk."""
        return self._cache.get(doc_id)

    def load_all(self) -> Iterator[Document | DocumentError]:
        """Load every document in id order, yielding each result as it is ready."""
        for doc_id in self.document_ids:
            try:
                yield self.load(doc_id)
            except DocumentError as exc:
                yield exc
