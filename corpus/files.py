"""Writing files so that a crash or a full disk never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable

OUTSIDE_LINKS_ENV = "SYNOPTIC_FOLLOW_OUTSIDE_LINKS"
"""Set to 1 to read files that are links to files outside the workspace (documents, notes files,
``.synoptic`` settings). An environment variable, not a workspace setting: a shared workspace's
own files are what the refusal guards against, so they must not be able to lift it. It never
lifts the refusal to write through such a link."""


def follow_outside_links() -> bool:
    """Whether the user asked for links out of the workspace to be read (see
    :data:`OUTSIDE_LINKS_ENV`)."""
    return os.environ.get(OUTSIDE_LINKS_ENV, "") == "1"


def outside_target(path: Path, root: Path) -> Path | None:
    """Where ``path`` leads when a link (the file or a folder above it) takes it outside the
    workspace ``root`` (resolved), else None.

    A link in a shared workspace is whatever a collaborator committed: one to ``~/.ssh/id_rsa``
    would be read and quoted, and one to a folder elsewhere would be written into. ``path``
    need not exist: the folders above it are what a new file would be written through.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a link loop: reading it fails and says so
        return None
    return None if target.is_relative_to(root) else target


def outside_reason(target: Path, *, written: bool = False) -> str:
    """Why a file leading to ``target`` is left alone, for the user (after its path)."""
    if written:
        return f"leads to {target}, outside the workspace, so nothing is written through it"
    return (
        f"is a link to {target}, outside the workspace, so it is not read (set "
        f"{OUTSIDE_LINKS_ENV}=1 to read such links)"
    )


class FileStamp(NamedTuple):
    """What ``stat`` says of a file: enough to tell, without reading it, that it may have
    changed (then its bytes' hash says whether it did)."""

    size: int
    mtime_ns: int


def file_stamp(path: Path) -> FileStamp | None:
    """``path``'s size and modification time, or None when there is no file to stat.

    Nanoseconds, not float seconds: two saves within a second (an editor, then a formatter)
    differ there, and on some file systems only there.
    """
    try:
        info = path.stat()
    except OSError:
        return None
    return FileStamp(info.st_size, info.st_mtime_ns)


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) all at once; see :func:`atomic_write`."""
    data = text.encode("utf-8")
    atomic_write(path, lambda out: out.write(data))


def atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Replace ``path`` with what ``write`` writes to the (seekable) file it is given.

    The data goes to a temporary file in the same folder, is flushed and fsynced, and only then
    renamed over the target (an atomic step on POSIX and Windows), so readers see the old
    file or the new one, never a mixture. On any error the temporary file is removed and the
    old file is untouched. Writing through a callback lets large data (a numpy archive) go
    to disk without a second copy in memory.

    The new file gets the old one's permissions, or for a new file those the user's umask
    gives (as any editor's save would), not ``mkstemp``'s owner-only 0600: a report or a
    notes file shared with a group must stay readable by it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        # mkdir says "File exists" when the parent itself is a file, which reads as if the
        # target were in the way: name the file that is.
        blocker = file_in_the_way(path)
        if blocker is None:
            raise
        message = f"{blocker} is a file, not a folder"
        raise NotADirectoryError(errno.ENOTDIR, message, str(path)) from exc
    handle, temporary = _create_temporary(path)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where folders can be synced
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def not_writable_here(error: OSError, path: Path) -> str | None:
    """Why nothing could be written at ``path`` and what to do, when ``error`` says the folder
    may not be written at all; None for other failures, whose advice is the caller's.

    A read-only disk (a workspace on a read-only mount or a CD), a folder without write
    permission and an immutable one (``chattr +i``) all refuse every write: advice such as "move
    what is in the way" sends the user looking for a file that is not there. The sentence
    names the nearest folder that exists, the one that refused, and ends "nothing was saved".
    """
    folder = next((p for p in path.parents if p.is_dir()), path.parent)
    if error.errno == errno.EROFS:
        return (
            f"the folder {folder} is read-only (on a disk mounted read-only); nothing was "
            "saved. Work on a writable copy of the workspace."
        )
    if error.errno == errno.EACCES:
        return (
            f"you may not write in the folder {folder}; nothing was saved. Ask its owner for "
            "write access, or work on a copy of the workspace."
        )
    if error.errno == errno.EPERM:
        return (
            f"the folder {folder} may not be changed (it may be marked immutable: lsattr shows "
            "an i); nothing was saved. Work on a writable copy of the workspace."
        )
    return None


def file_in_the_way(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` when it is not a folder, else None.

    Such a file (``report.txt`` in ``report.txt/new.md``) means ``path`` can never be written.
    """
    for parent in path.parents:
        if parent.is_dir():
            return None
        if parent.exists() or parent.is_symlink():
            return parent
    return None


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new, empty, hidden file beside ``path``, open for writing: (descriptor, path).

    Opened with mode 0666 so the kernel applies the umask, then given ``path``'s own mode
    when ``path`` exists; ``O_EXCL`` and a random name make it ours alone.
    """
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            handle = os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        if mode is not None:
            try:
                Path(temporary).chmod(mode)
            except OSError:
                os.close(handle)
                Path(temporary).unlink(missing_ok=True)
                raise
        return handle, temporary
    raise FileExistsError(f"No free temporary name beside {path}")
