"""Notes being written, kept on disk until they are saved or discarded (crash recovery).

A note in the reader's editor lives only in memory until it is saved: a closed terminal, a
dropped SSH session, a machine that slept and killed the process, or a crash would take it with
them. So the reader keeps a copy of each draft in the user's data folder, never in the
workspace (which is shared through git): ``DATA/drafts/<workspace key>/<token>.json``, one
file per draft, replaced atomically each time it is written, and removed once the note is
saved or deliberately discarded. Whatever is left there was interrupted, and is offered back
the next time the workspace is opened.

Each draft's writer holds ``<token>.lock`` (an OS file lock, released by the system when the
process ends, however it ends). A draft whose lock can be taken has nobody writing it any
more; the reader that takes the lock holds it for as long as it offers the draft, so two
readers on one workspace never offer, or write, the same draft. A file that cannot be read is
reported and left exactly as it is: it may be the only copy of someone's writing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from annotations.labels import Verdict
from annotations.links import EvidenceLink, follow_rename
from annotations.target import Target
from annotations.times import now_iso
from corpus.files import atomic_write_text
from corpus.locations import data_dir

if TYPE_CHECKING:
    from pathlib import Path

    from filelock import BaseFileLock

DRAFTS_FOLDER = "drafts"
DRAFT_FORMAT = 1
DRAFT_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class NoteDraft:
    """What the user typed, before it becomes (or changes) an annotation."""

    note: str = ""
    tags: tuple[str, ...] = ()
    verdict: Verdict | None = None
    links: tuple[EvidenceLink, ...] = field(default=())

    def renamed(self, old: str, new: str) -> NoteDraft:
        """The draft with its passage links into ``old`` on ``new``: renamed on disk."""
        return replace(self, links=follow_rename(self.links, old, new))


class DraftKind(StrEnum):
    """What the note being written will be once saved."""

    NEW = "new"
    EDIT = "edit"
    REPLY = "reply"


@dataclass(frozen=True)
class DraftRecord:
    """Everything needed to put a note being written back in the editor, as it was."""

    kind: DraftKind
    author: str
    target: Target
    """The passage the note is on (for an edit, the note's passage when editing began)."""
    heading: str
    """The editor's title ("New note on ..."), shown again when the draft is offered."""
    draft: NoteDraft
    original: NoteDraft = NoteDraft()
    """The note before editing began: Cancel compares with it, and an edit saved after a
    recovery still knows what it changed."""
    note_id: str | None = None
    """The note edited, or the note a reply answers."""
    based_on: str | None = None
    """For an edit, the ``modified`` time of the version editing began from, so saving over a
    version changed meanwhile keeps that version instead of overwriting it unseen."""
    workspace: str = ""
    """The workspace's folder, for a person looking at the file (the folder name is a hash)."""
    saved: str = ""
    """When this copy was written (UTC)."""

    def renamed(self, old: str, new: str) -> DraftRecord | None:
        """The draft as it is saved once document ``old`` is called ``new`` (renamed on
        disk): a note on it goes on ``new``, under a heading naming it so, and its passage
        links into it point into ``new`` (on ``old``, they would name a document that is no
        longer there). None when the draft neither is on ``old`` nor links to it."""
        target, heading = self.target, self.heading  # "New note on a.md": the name it has now
        if target.doc == old:
            target = replace(target, doc=new)
            if heading.endswith(f" on {old}"):
                heading = heading.removesuffix(old) + new
        draft, original = self.draft.renamed(old, new), self.original.renamed(old, new)
        if (target, draft, original) == (self.target, self.draft, self.original):
            return None
        return replace(self, target=target, heading=heading, draft=draft, original=original)

    def to_record(self) -> dict[str, Any]:
        def fields(draft: NoteDraft) -> dict[str, Any]:
            return {
                "note": draft.note,
                "tags": list(draft.tags),
                "verdict": None if draft.verdict is None else draft.verdict.value,
                "links": [link.to_record() for link in draft.links],
            }

        return {
            "format": DRAFT_FORMAT,
            "kind": self.kind.value,
            "author": self.author,
            "workspace": self.workspace,
            "saved": self.saved or now_iso(),
            "heading": self.heading,
            "target": self.target.to_record(),
            "note_id": self.note_id,
            "based_on": self.based_on,
            "draft": fields(self.draft),
            "original": fields(self.original),
        }

    @classmethod
    def from_record(cls, raw: object) -> DraftRecord:
        """Read a draft back.

        Raises:
            ValueError: the record is not a draft this version can read; the message names the
                field.
        """
        if not isinstance(raw, dict):
            raise ValueError("it is not a JSON object")
        if raw.get("format") != DRAFT_FORMAT:
            raise ValueError(f"format {raw.get('format')!r} is not one this version can read")
        try:
            kind = DraftKind(str(raw.get("kind")))
        except ValueError:
            raise ValueError(f"kind {raw.get('kind')!r} is not new, edit or reply") from None
        texts = {name: raw.get(name, "") for name in ("author", "workspace", "saved", "heading")}
        for name, value in texts.items():
            if not isinstance(value, str):
                raise ValueError(f"{name} must be a string")
        optional = {name: raw.get(name) for name in ("note_id", "based_on")}
        for name, value in optional.items():
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string or null")
        return cls(
            kind=kind,
            author=texts["author"],
            target=Target.from_record(raw.get("target")),
            heading=texts["heading"],
            draft=_draft_from(raw.get("draft"), "draft"),
            original=_draft_from(raw.get("original", {}), "original"),
            note_id=optional["note_id"],
            based_on=optional["based_on"],
            workspace=texts["workspace"],
            saved=texts["saved"],
        )


def _draft_from(raw: object, name: str) -> NoteDraft:
    if not isinstance(raw, dict):
        raise ValueError(f"{name} must be an object")
    note = raw.get("note", "")
    tags = raw.get("tags", [])
    verdict = raw.get("verdict")
    links = raw.get("links", [])
    if not isinstance(note, str):
        raise ValueError(f"{name}.note must be a string")
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError(f"{name}.tags must be a list of strings")
    if verdict is not None and verdict not in {v.value for v in Verdict}:
        raise ValueError(f"{name}.verdict {verdict!r} is not a verdict")
    if not isinstance(links, list):
        raise ValueError(f"{name}.links must be a list")
    try:
        parsed = tuple(EvidenceLink.from_record(link) for link in links)
    except ValueError as exc:
        raise ValueError(f"{name}.links: {exc}") from None
    return NoteDraft(note, tuple(tags), None if verdict is None else Verdict(verdict), parsed)


def workspace_key(workspace: Path) -> str:
    """The name of ``workspace``'s folder among those of the data folder: a hash of its real
    path (a path itself cannot be a folder's name everywhere)."""
    key = str(workspace.resolve())
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def drafts_folder(workspace: Path) -> Path:
    """Where the drafts of ``workspace`` are kept: the data folder, keyed by the workspace's
    real path (not made here: a reader that never writes a note leaves nothing behind)."""
    return data_dir(create=False) / DRAFTS_FOLDER / workspace_key(workspace)


def _lock(path: Path) -> BaseFileLock:
    from filelock import FileLock  # 30 ms to import: only once a note is being written

    # Not thread-local: a draft is written from worker threads and discarded from the app's.
    return FileLock(path.with_suffix(LOCK_SUFFIX), timeout=0, thread_local=False)


class DraftFile:
    """One draft's file, owned by this process for as long as it holds the draft's lock."""

    def __init__(self, path: Path, lock: BaseFileLock) -> None:
        self.path = path
        self._lock = lock

    @classmethod
    def create(cls, workspace: Path) -> DraftFile:
        """A new draft file (not written yet) for ``workspace``, locked as ours.

        Raises:
            OSError: the data folder cannot be written.
        """
        folder = drafts_folder(workspace)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{secrets.token_hex(8)}{DRAFT_SUFFIX}"
        lock = _lock(path)
        lock.acquire()  # a fresh random name: nobody else holds it
        return cls(path, lock)

    def write(self, record: DraftRecord) -> None:
        """Replace the file with ``record``, all at once (a crash mid-write leaves the old one).

        Raises:
            OSError: the file cannot be written (a full disk, no permission).
        """
        text = json.dumps(record.to_record(), ensure_ascii=False, indent=1) + "\n"
        atomic_write_text(self.path, text)

    def discard(self) -> None:
        """Remove the draft (the note was saved, or the user threw it away) and its lock."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        # Removed while still held, so a reader waiting on it retries on a fresh lock file and
        # finds no draft there (see recover_drafts).
        with contextlib.suppress(OSError):
            self.path.with_suffix(LOCK_SUFFIX).unlink()
        self.release()

    def release(self) -> None:
        """Let go of the draft but keep its file: it is offered again next time."""
        self._lock.release(force=True)


@dataclass(frozen=True)
class Recovered:
    """A draft nobody was writing any more, now held by this process."""

    file: DraftFile
    record: DraftRecord


@dataclass(frozen=True)
class Damaged:
    """A draft file that cannot be read: reported, never changed or removed."""

    path: Path
    reason: str


def recover_drafts(workspace: Path) -> tuple[list[Recovered], list[Damaged]]:
    """The drafts of ``workspace`` left by readers that are gone, oldest first, each now held
    by the caller (who discards or releases it); and the files that cannot be read.

    Drafts another reader is still writing are left alone, as are its own.
    """
    from filelock import Timeout

    folder = drafts_folder(workspace)
    try:
        paths = sorted(folder.glob(f"*{DRAFT_SUFFIX}"))
    except OSError:
        return [], []
    recovered: list[Recovered] = []
    damaged: list[Damaged] = []
    for path in paths:
        lock = _lock(path)
        try:
            lock.acquire()
        except (Timeout, OSError):  # another reader is writing it (or the lock is unusable)
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:  # saved or discarded meanwhile
            with contextlib.suppress(OSError):
                path.with_suffix(LOCK_SUFFIX).unlink()
            lock.release(force=True)
            continue
        except (OSError, UnicodeDecodeError) as exc:
            lock.release(force=True)
            damaged.append(Damaged(path, getattr(exc, "strerror", None) or str(exc)))
            continue
        try:
            record = DraftRecord.from_record(json.loads(text))
        except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
            lock.release(force=True)
            damaged.append(Damaged(path, str(exc) or type(exc).__name__))
            continue
        recovered.append(Recovered(DraftFile(path, lock), record))
    recovered.sort(key=lambda found: found.record.saved)
    return recovered, damaged
