"""Notes by others since the last visit: the record of what a reader has already shown.

*What did my colleagues write since I last opened this?* Timestamps cannot answer it: a note
written last week and pulled this morning is new to me, though its ``modified`` time is older
than my last visit, and clocks differ between machines. So each reader keeps, per workspace
and author, the versions of the other authors' notes it has already shown (id and modified
time, in the user's state folder, never in the workspace). Whatever is not in that record is
new; the first visit only sets the record.

The record is our own state, not the user's writing: an unreadable one is replaced (and the
visit counts as a first one), and it is written atomically so concurrent readers each leave a
whole record.

Kept apart from git's side (:mod:`annotations.sharing_git`) and from the status that joins
the two (:mod:`annotations.sharing`): this part is about our notes and a file of our own, never
runs git, and its callers (the reader's :mod:`tui.sharing`, ``synoptic status --mark-seen``)
read and write the record themselves, at moments the status does not decide.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotations.store import author_slug
from corpus.files import atomic_write_text
from corpus.locations import data_dir

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from annotations.model import Annotation

SEEN_FOLDER = "seen"
SEEN_FORMAT = 1


@dataclass(frozen=True)
class Seen:
    """The other authors' note versions a reader has shown for one workspace."""

    path: Path
    versions: dict[str, str] | None
    """Note id -> modified time; None when this workspace was never opened (or the record was
    unreadable), so nothing counts as new."""


def seen_path(workspace: Path, author: str) -> Path:
    """Where the record for ``author`` reading ``workspace`` lives (one small JSON file)."""
    key = f"{workspace.resolve()}\0{author_slug(author)}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return data_dir(create=False) / SEEN_FOLDER / f"{digest}.json"


def read_seen(workspace: Path, author: str) -> Seen:
    """The record of the last visit; a missing or unreadable one reads as a first visit."""
    path = seen_path(workspace, author)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deeply
        return Seen(path, None)
    if not isinstance(raw, dict) or raw.get("format") != SEEN_FORMAT:
        return Seen(path, None)
    notes = raw.get("notes")
    if not isinstance(notes, dict):
        return Seen(path, None)
    versions = {k: v for k, v in notes.items() if isinstance(k, str) and isinstance(v, str)}
    return Seen(path, versions)


def others_versions(notes: Iterable[Annotation], author: str) -> dict[str, str]:
    return {a.id: a.modified for a in notes if a.author != author and not a.deleted}


def write_seen(
    workspace: Path, author: str, annotations: Iterable[Annotation], *, previous: Seen
) -> Seen | None:
    """Record the other authors' live notes as seen; returns the new record, or None when
    ``previous`` already says so (nothing is written).

    Raises:
        OSError: the state folder cannot be written.
    """
    versions = others_versions(annotations, author)
    if previous.versions == versions:
        return None
    record: dict[str, Any] = {
        "format": SEEN_FORMAT,
        "workspace": str(workspace.resolve()),
        "author": author,
        "notes": dict(sorted(versions.items())),
    }
    atomic_write_text(previous.path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    return Seen(previous.path, versions)


@dataclass(frozen=True)
class News:
    """Notes by other authors that the reader has not shown before."""

    first_visit: bool
    added: tuple[Annotation, ...] = ()
    edited: tuple[Annotation, ...] = ()
    deleted: tuple[Annotation, ...] = ()
    """Tombstones of notes that were live at the last visit."""

    @property
    def count(self) -> int:
        return len(self.added) + len(self.edited) + len(self.deleted)

    @property
    def ids(self) -> frozenset[str]:
        """The new and edited notes (the ones that can be shown)."""
        return frozenset(a.id for a in (*self.added, *self.edited))

    @property
    def authors(self) -> list[str]:
        """Who wrote them, most prolific first, then by name."""
        counts: dict[str, int] = {}
        for note in (*self.added, *self.edited, *self.deleted):
            counts[note.author] = counts.get(note.author, 0) + 1
        return sorted(counts, key=lambda name: (-counts[name], name))

    def summary(self) -> str:
        """'3 new notes by Bea and Carl' style, or '' when there is nothing new."""
        parts = []
        for what, notes in (("new", self.added), ("edited", self.edited)):
            if notes:
                parts.append(f"{len(notes)} {what}")
        if self.deleted:
            parts.append(f"{len(self.deleted)} deleted")
        if not parts:
            return ""
        noun = "note" if self.count == 1 else "notes"
        return f"{', '.join(parts)} {noun} by {_names(self.authors)}"


def _names(authors: list[str], most: int = 2) -> str:
    if len(authors) <= most:
        return " and ".join(authors)
    return f"{', '.join(authors[:most])} and {len(authors) - most} more"


def news_since(
    seen: Seen, author: str, live: Iterable[Annotation], tombstones: Iterable[Annotation]
) -> News:
    """Sort the other authors' notes into new, edited and deleted relative to ``seen``."""
    if seen.versions is None:
        return News(first_visit=True)
    before = seen.versions
    added: list[Annotation] = []
    edited: list[Annotation] = []
    for note in live:
        if note.author == author:
            continue
        if note.id not in before:
            added.append(note)
        elif before[note.id] != note.modified:
            edited.append(note)
    deleted = [note for note in tombstones if note.author != author and note.id in before]
    return News(False, tuple(added), tuple(edited), tuple(deleted))
