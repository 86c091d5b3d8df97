"""``note add`` in a workspace whose notes folder may not be written: a read-only disk, a
folder without write permission, an immutable folder. Each refuses every write, so the advice
is about that, never "Move what is in the way" (which fits a file where a folder should be),
and nothing is saved or lost."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import REPO_ROOT, SAMPLE_IDS

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from corpus.files import not_writable_here

if TYPE_CHECKING:
    from collections.abc import Iterator

DOC = SAMPLE_IDS[0]
AUTHORS = ["Ann", "Zed"]
"""Ann has a notes folder and file already (her lock file is refused); Zed's folder must be
made (annotations/ refuses it)."""


def _noted(root: Path) -> dict[Path, bytes]:
    """The workspace with a note by Ann; every file of its annotations folder, as it is."""
    text = (root / DOC).read_text(encoding="utf-8")
    target = Target.from_span(DOC, text, 0, text.index(".") + 1)
    AnnotationStore(root, "Ann").add(Annotation.create("Ann", target, "First."))
    return _files(root)


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((root / "annotations").rglob("*")) if p.is_file()}


def _note_add(root: Path, author: str, data_dir: Path, *wrapper: str) -> str:
    """Run ``note add`` as ``author`` (inside ``wrapper``); what it said, once it failed."""
    text = (root / DOC).read_text(encoding="utf-8")
    command = [
        *wrapper, sys.executable, "-m", "tui", "note", "add", str(root), "--doc", DOC,
        "--quote", text[: text.index(".")], "--text", "Second.", "--author", author,
    ]  # fmt: skip
    done = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=dict(os.environ, SYNOPTIC_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert "Move what is in the way" not in done.stderr
    assert "nothing was saved." in done.stderr
    return done.stderr


def _read_only_mounts_work() -> bool:
    """Whether this machine lets a test make a read-only bind mount that refuses writes.

    Some containers allow a mount namespace but not the mount, or ignore ``-o ro`` on a bind
    (old util-linux): the probe does what the test does, on a folder of its own, so the test
    is skipped there instead of failing for a reason that is not ours.
    """
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        script = 'mount --bind -o ro "$0" "$0" && ! touch "$0/probe" 2>/dev/null'
        try:
            probe = subprocess.run(
                ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, folder],
                capture_output=True,
                timeout=30,
                check=False,
            )
        except OSError:
            return False
        return probe.returncode == 0 and not Path(folder, "probe").exists()


@pytest.mark.skipif(
    shutil.which("unshare") is None or not _read_only_mounts_work(),
    reason="needs `unshare --mount` (root) for a read-only bind mount",
)
@pytest.mark.parametrize("author", AUTHORS)
def test_a_read_only_disk_says_the_folder_is_read_only(
    sample_workspace: Path, isolated_data_dir: Path, author: str
) -> None:
    """The workspace on a read-only bind mount, in a mount namespace of its own (gone when the
    command ends): what a read-only USB stick or network share gives."""
    root = sample_workspace
    before = _noted(root)
    mounted = ["unshare", "--mount", "--propagation", "private", "sh", "-c"]
    mounted += ['mount --bind -o ro "$0" "$0" && exec "$@"', str(root)]
    said = _note_add(root, author, isolated_data_dir, *mounted)
    folder = root / "annotations" / "ann" if author == "Ann" else root / "annotations"
    assert f"(Read-only file system): the folder {folder} is read-only" in said, said
    assert "Work on a writable copy of the workspace." in said
    assert _files(root) == before


@contextlib.contextmanager
def _immutable(*folders: Path) -> Iterator[None]:
    """``folders`` marked immutable (chattr +i) for the block; unmarked however it ends."""
    marked: list[Path] = []
    try:
        for folder in folders:
            done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
            if done.returncode != 0:
                pytest.skip(f"chattr +i is refused here: {done.stderr.decode().strip()}")
            marked.append(folder)
        yield
    finally:
        for folder in marked:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)


@pytest.mark.skipif(shutil.which("chattr") is None, reason="no chattr here")
@pytest.mark.parametrize("author", AUTHORS)
def test_an_immutable_notes_folder_says_it_may_not_be_changed(
    sample_workspace: Path, isolated_data_dir: Path, author: str
) -> None:
    root = sample_workspace
    before = _noted(root)
    annotations = root / "annotations"
    with _immutable(annotations, annotations / "ann"):
        said = _note_add(root, author, isolated_data_dir)
    folder = annotations / "ann" if author == "Ann" else annotations
    assert f"(Operation not permitted): the folder {folder} may not be changed" in said, said
    assert _files(root) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
@pytest.mark.parametrize("author", AUTHORS)
def test_a_notes_folder_without_write_permission_says_so(
    sample_workspace: Path, isolated_data_dir: Path, author: str
) -> None:
    root = sample_workspace
    before = _noted(root)
    annotations = root / "annotations"
    folders = [annotations, annotations / "ann"]
    for folder in folders:
        folder.chmod(0o555)
    try:
        said = _note_add(root, author, isolated_data_dir)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    folder = annotations / "ann" if author == "Ann" else annotations
    assert f"(Permission denied): you may not write in the folder {folder}" in said, said
    assert _files(root) == before


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (errno.EROFS, "the folder {folder} is read-only (on a disk mounted read-only); nothing"),
        (errno.EACCES, "you may not write in the folder {folder}; nothing was saved. Ask its"),
        (errno.EPERM, "the folder {folder} may not be changed (it may be marked immutable"),
        (errno.EEXIST, None),
        (errno.ENOSPC, None),
    ],
)
def test_only_a_folder_that_refuses_every_write_is_said_to(
    tmp_path: Path, number: int, said: str | None
) -> None:
    """The refusing folder is the nearest that exists; other failures keep their callers'
    advice (a file in the way, a full disk)."""
    error = OSError(number, os.strerror(number))
    sentence = not_writable_here(error, tmp_path / "annotations" / "zed" / "doc.json")
    if said is None:
        assert sentence is None
    else:
        assert sentence is not None and sentence.startswith(said.format(folder=tmp_path))
