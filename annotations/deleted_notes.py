"""Notes their author deleted, kept where only they can bring them back: the undo of a
deletion.

A deletion must travel through git as surely as an edit, and what the note said must leave
the shared workspace with it, so the store's tombstone keeps only who wrote the note and
where (see :meth:`annotations.store.AnnotationStore.delete`). A note deleted by mistake would
then be lost but for git's history, which a user in the middle of fact-checking should not
have to dig through. So the note as it was deleted is also kept in the deleting user's data
folder, never in the workspace, as drafts are: ``DATA/deleted/<workspace key>/<id>.json``,
written atomically before the tombstone (a deletion that cannot keep its note is refused).
:meth:`annotations.store.AnnotationStore.restore` brings it back from there, and the copy goes.
A file that cannot be read is reported and left as it is: it may be the only copy of a note.

Copies do not pile up for ever: each deletion also removes the copies kept longer than
:data:`KEPT_DAYS` whose note is still deleted in the workspace (so nobody has wanted it back
in all that time). A copy whose note is live again (restored on another clone) or cannot be
found (its notes file unreadable, say) is kept, as is one that cannot be read.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotations.drafts import workspace_key
from annotations.errors import AnnotationError, AnnotationFormatError
from annotations.model import Annotation
from annotations.times import EARLIEST, instant, now_iso
from corpus.files import atomic_write_text
from corpus.locations import data_dir

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.store import AnnotationStore

DELETED_FOLDER = "deleted"
KEPT_FORMAT = 1
KEPT_SUFFIX = ".json"
KEPT_DAYS = 90
"""How long a deleted note stays restorable at least: a fact-check, even a long one, is done
and its notes looked over within a season."""


@dataclass(frozen=True)
class DeletedNote:
    """A note as it was when its author deleted it, and when that was."""

    annotation: Annotation
    deleted: str
    path: Path


@dataclass(frozen=True)
class UnreadableDeleted:
    """A kept deleted note that cannot be read: reported, never changed or removed."""

    path: Path
    reason: str


def deleted_folder(workspace: Path) -> Path:
    """Where the notes deleted in ``workspace`` are kept (made when the first is kept)."""
    return data_dir(create=False) / DELETED_FOLDER / workspace_key(workspace)


def _path(workspace: Path, annotation_id: str) -> Path:
    if not annotation_id or not annotation_id.isalnum() or not annotation_id.isascii():
        # an id names a file here: nothing in it may lead out of the folder
        raise AnnotationError(f"{annotation_id!r} is not an annotation id.")
    return deleted_folder(workspace) / f"{annotation_id}{KEPT_SUFFIX}"


def keep_deleted(workspace: Path, annotation: Annotation) -> None:
    """Keep ``annotation``, about to be deleted, to be brought back.

    Raises:
        OSError: it cannot be written (a full disk, no permission): the deletion is refused.
    """
    path = _path(workspace, annotation.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "format": KEPT_FORMAT,
        "workspace": str(workspace.resolve()),
        "deleted": now_iso(),
        "note": annotation.to_record(),
    }
    atomic_write_text(path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")


def _read(path: Path) -> DeletedNote:
    """Raises: ValueError (naming what is wrong), OSError."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or raw.get("format") != KEPT_FORMAT:
        raise ValueError("it is not a deleted note this version can read")
    deleted = raw.get("deleted")
    if not isinstance(deleted, str):
        raise ValueError("deleted must be a time")
    try:
        annotation = Annotation.from_record(raw.get("note"))
    except AnnotationFormatError as exc:
        raise ValueError(f"note: {exc}") from None
    if annotation.deleted or f"{annotation.id}{KEPT_SUFFIX}" != path.name:
        raise ValueError("it holds another note than its name says")
    return DeletedNote(annotation, deleted, path)


def deleted_note(workspace: Path, annotation_id: str) -> DeletedNote | None:
    """The note ``annotation_id`` as it was deleted in ``workspace``, if kept here.

    Raises:
        AnnotationError: its file cannot be read (named, with why; left as it is).
    """
    path = _path(workspace, annotation_id)
    try:
        return _read(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as exc:
        raise AnnotationError(
            f"The deleted note kept in {path} cannot be read ({exc}); the file is left as it "
            'is (it is JSON: its "note" holds what the note said).'
        ) from None


def deleted_notes(workspace: Path) -> tuple[list[DeletedNote], list[UnreadableDeleted]]:
    """Every note kept as deleted in ``workspace``, most recently deleted first, and the
    files that cannot be read."""
    try:
        paths = sorted(deleted_folder(workspace).glob(f"*{KEPT_SUFFIX}"))
    except OSError:
        return [], []
    found: list[DeletedNote] = []
    unreadable: list[UnreadableDeleted] = []
    for path in paths:
        try:
            found.append(_read(path))
        except FileNotFoundError:  # restored meanwhile
            continue
        except (OSError, ValueError, RecursionError) as exc:
            unreadable.append(UnreadableDeleted(path, str(exc) or type(exc).__name__))
    found.sort(key=lambda kept: (instant(kept.deleted), kept.annotation.id), reverse=True)
    return found, unreadable


def forget_deleted(workspace: Path, annotation_id: str) -> None:
    """The note is back (or was never deleted): its kept copy goes."""
    with contextlib.suppress(OSError, AnnotationError):
        _path(workspace, annotation_id).unlink()


def delete_keeping(store: AnnotationStore, annotation_id: str) -> Annotation:
    """Delete one of ``store``'s author's notes, keeping it to be brought back; returns the
    tombstone.

    Raises:
        AnnotationError: as :meth:`~annotations.store.AnnotationStore.delete` raises, or the
            note cannot be kept (then nothing is deleted).
    """

    def keep(annotation: Annotation) -> None:
        try:
            keep_deleted(store.root, annotation)
        except OSError as exc:
            where = deleted_folder(store.root)
            raise AnnotationError(
                f"Cannot keep a copy of the note in {where} ({exc.strerror or exc}), so it "
                "could not be brought back: nothing was deleted."
            ) from None

    tombstone = store.delete(annotation_id, keep)
    forget_old_deletions(store)
    return tombstone


def forget_old_deletions(store: AnnotationStore, days: int = KEPT_DAYS) -> list[str]:
    """Remove the copies kept more than ``days`` days whose note is still deleted in ``store``;
    returns their ids. Best effort: a copy that cannot be removed now is tried next time."""
    from datetime import timedelta

    kept, _unreadable = deleted_notes(store.root)
    oldest = instant(now_iso()) - timedelta(days=days)
    forgotten = []
    for copy in kept:
        when = instant(copy.deleted)
        if when == EARLIEST or when >= oldest:  # recent, or a time no longer readable: kept
            continue
        current = store.get(copy.annotation.id)
        if current is None or not current.deleted:  # live again, or not known: keep it
            continue
        with contextlib.suppress(OSError):
            copy.path.unlink()
            forgotten.append(copy.annotation.id)
    return forgotten


def restore_deleted(store: AnnotationStore, annotation_id: str) -> Annotation:
    """Bring back one of ``store``'s author's deleted notes, as it was deleted in this
    workspace on this machine; returns it as stored.

    Raises:
        AnnotationError: it is not deleted, it is someone else's, or it was deleted elsewhere
            (another clone, by a Synoptic that did not keep it) and so is not kept here.
    """
    kept = deleted_note(store.root, annotation_id)
    if kept is None:
        current = store.get(annotation_id)
        if current is not None and not current.deleted:
            raise AnnotationError(f"Annotation {annotation_id} is not deleted: nothing to do.")
        raise AnnotationError(
            f"Annotation {annotation_id} was not deleted here (or not by this version of "
            "Synoptic), so what it said is not kept on this machine; `git log -p` on its "
            "notes file shows it, and `synoptic note restore --list` what can be restored."
        )
    restored = store.restore(kept.annotation)
    forget_deleted(store.root, annotation_id)
    return restored
