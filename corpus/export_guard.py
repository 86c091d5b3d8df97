"""Whether a file an export would replace is still exactly what Synoptic wrote there.

Recognising an earlier export by its first lines is not enough: people append their own
conclusions to a report, or add a column to the synopsis in a spreadsheet and save it, and
the file still *starts* like an export. Replacing it would destroy what they wrote. So Synoptic
remembers what it wrote, in two ways:

* every file it writes is **recorded** in the data folder: one small JSON file per destination
  in ``exports/``, named by a hash of the destination's resolved path, holding the SHA-256 of
  the bytes written. That works for every format, CSV included, which cannot hold a comment;
* a Markdown report also carries its own checksum in a **seal**, a last line that is an HTML
  comment (invisible when the report is rendered), so it is recognised where the record is not:
  on another machine, in a clone, or after ``synoptic export > report.md``.

A file that matches neither has been changed since (or was written by an older version, which
cannot be told apart): it is replaced only when the user says so. A lost record only ever
makes Synoptic ask; it never makes it overwrite.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from corpus.errors import SynopticError
from corpus.files import atomic_write, atomic_write_text
from corpus.locations import data_dir

if TYPE_CHECKING:
    from pathlib import Path

RECORDS_FOLDER = "exports"
"""The data folder's subfolder holding what Synoptic wrote where."""
SEAL_PREFIX = "<!-- Synoptic wrote this report; its checksum, to tell if it was edited: sha256:"
SEAL_SUFFIX = " -->"
_SEAL_LINE = re.compile(
    re.escape(SEAL_PREFIX).encode()
    + rb"([0-9a-f]{64})"
    + re.escape(SEAL_SUFFIX).encode()
    + rb"\r?\n?"
)
"""A seal line; one whose line end an editor changed, or that lost it, still counts as a seal."""


class FileState(Enum):
    """What an existing file is, as far as replacing it goes."""

    MISSING = "missing"
    UNCHANGED = "unchanged"
    """Exactly what Synoptic wrote: replacing it loses nothing."""
    CHANGED = "changed"
    """Synoptic wrote it, and it has been changed since."""
    UNKNOWN = "unknown"
    """No record and no seal: not written by Synoptic, or by a version that kept none."""


@dataclass(frozen=True, slots=True)
class Destination:
    """A checked place to write an export, and what was there when it was checked.

    Writing compares the file with ``seen`` again just before replacing it, so a save made in
    an editor while the export was being put together is not lost either.
    """

    path: Path
    seen: str | None
    """The SHA-256 of the file when it was checked; None when there was no file."""
    forced: bool = False
    """The user said to replace whatever is there (``--force``)."""


def digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def seal(text: str) -> str:
    """``text`` (ending in a newline) with its seal line added, after a blank line so that
    the comment cannot be read as part of the last paragraph or list."""
    body = text + "\n"
    return f"{body}{SEAL_PREFIX}{digest(body.encode('utf-8'))}{SEAL_SUFFIX}\n"


def seal_state(data: bytes) -> FileState:
    """UNCHANGED when ``data`` ends with a seal matching what precedes it, CHANGED when it has
    a seal that does not, UNKNOWN when it has none."""
    seals = list(_SEAL_LINE.finditer(data))
    if not seals:
        return FileState.UNKNOWN
    found = seals[-1]
    sealed = found.end() == len(data) and digest(data[: found.start()]) == found[1].decode()
    return FileState.UNCHANGED if sealed else FileState.CHANGED


def _record_path(path: Path) -> Path:
    key = digest(str(path.resolve()).encode("utf-8", "surrogateescape"))[:32]
    return data_dir() / RECORDS_FOLDER / f"{key}.json"


def record_state(path: Path, data: bytes) -> FileState:
    """UNCHANGED when the record says Synoptic wrote exactly ``data`` to ``path``, CHANGED when
    it wrote something else there, UNKNOWN when there is no (readable) record."""
    try:
        record = json.loads(_record_path(path).read_text(encoding="utf-8"))
        written = record["sha256"] if record["path"] == str(path.resolve()) else None
    except (OSError, ValueError, KeyError, TypeError, RecursionError, SynopticError):
        return FileState.UNKNOWN
    if not isinstance(written, str):
        return FileState.UNKNOWN
    return FileState.UNCHANGED if written == digest(data) else FileState.CHANGED


def record_written(path: Path, data: bytes) -> None:
    """Remember that Synoptic has just written ``data`` to ``path``.

    Raises:
        OSError, SynopticError: the record could not be saved; the export itself is written, and
            the next export to ``path`` will ask before replacing it.
    """
    record = {"path": str(path.resolve()), "sha256": digest(data)}
    # ASCII escapes: a file name that is not UTF-8 holds lone surrogates, which UTF-8 cannot
    # hold but an escape can, read back as the very same name.
    atomic_write_text(_record_path(path), json.dumps(record) + "\n")


def file_state(path: Path, data: bytes | None) -> FileState:
    """What the file at ``path``, holding ``data`` (None: there is none), is to an export."""
    if data is None:
        return FileState.MISSING
    sealed, recorded = seal_state(data), record_state(path, data)
    if FileState.UNCHANGED in (sealed, recorded):
        return FileState.UNCHANGED
    if FileState.CHANGED in (sealed, recorded):
        return FileState.CHANGED
    return FileState.UNKNOWN


def read_existing(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when there is no such file.

    Raises:
        SynopticError: it exists but cannot be read (so nobody can tell whether to keep it).
    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SynopticError(f"Cannot read {path} ({exc.strerror or exc}).") from exc


def write_export(destination: Destination, data: bytes) -> None:
    """Replace the checked destination with ``data`` all at once, and record that.

    Unless forced, the file must still be as it was when checked.

    Raises:
        SynopticError: it was changed (or made) since it was checked; nothing is written.
        OSError: the file could not be written; the old one is untouched.
    """
    if not destination.forced:
        now = read_existing(destination.path)
        if (None if now is None else digest(now)) != destination.seen:
            raise SynopticError(
                f"{destination.path} was changed while the export was being made; "
                "nothing was written. Run the export again."
            )
    atomic_write(destination.path, lambda out: out.write(data))
    # Without a record the next export there asks before replacing: the safe side.
    with contextlib.suppress(OSError, SynopticError):
        record_written(destination.path, data)
