"""Atomic writes (corpus.files): all or nothing, and the permissions a user expects."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from corpus.files import atomic_write, atomic_write_text, file_in_the_way

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test, then put the old one back."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_permissions_the_umask_gives(
    tmp_path: Path, umask, mask: int, expected: int
) -> None:
    umask(mask)
    target = tmp_path / "report.md"
    atomic_write_text(target, "# Report\n")
    assert target.read_text(encoding="utf-8") == "# Report\n"
    assert mode_of(target) == expected


def test_a_replaced_file_keeps_its_own_permissions(tmp_path: Path, umask) -> None:
    umask(0o077)
    target = tmp_path / "notes.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o664)  # shared with a group, say
    atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert mode_of(target) == 0o664
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    target.write_text("precious", encoding="utf-8")

    def fail(out) -> None:
        out.write(b"half of it")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(target, fail)
    assert target.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


@pytest.mark.parametrize("under", ["report.md", "more/report.md"])
def test_a_file_where_a_folder_must_be_is_named(tmp_path: Path, under: str) -> None:
    """Not mkdir's "File exists", which reads as if the target itself were in the way."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as caught:
        atomic_write_text(blocker / under, "report")
    assert caught.value.strerror == f"{blocker} is a file, not a folder"
    assert caught.value.filename == str(blocker / under)
    assert file_in_the_way(blocker / under) == blocker
    assert file_in_the_way(tmp_path / "new" / "report.md") is None
    assert blocker.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
