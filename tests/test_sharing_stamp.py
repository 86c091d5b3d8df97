"""The stamp of what git reads for the sharing status: the same while nobody touches the
workspace (so the reader asks git nothing), different after anything that changes git's answer.

Real repositories and real ``git``, no mocks: each step is what a person or a colleague does.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS
from git_helpers import git, git_defaults_only_fixture  # noqa: F401 - a fixture
from test_reader_notes import seed, sentence_target

from annotations.sharing_git import git_state
from annotations.sharing_stamp import git_folders, git_stamp

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from annotations.sharing_stamp import Stamp

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def stamp_now(root: Path) -> Stamp:
    """The stamp as the reader takes it: where git's folders are and the branch it is on, as
    its last full check found them."""
    return git_stamp(root, git_folders(root), git_state(root))


@pytest.fixture
def clone(tmp_path: Path, sample_workspace: Path) -> Path:
    """The sample workspace with a note, committed, pushed to a bare remote and cloned back."""
    seed(sample_workspace, "Ann", sentence_target(sample_workspace, SAMPLE_IDS[0], 0), "Mine")
    git(sample_workspace, "init", "-q", "-b", "main")
    git(sample_workspace, "add", "-A")
    git(sample_workspace, "commit", "-qm", "articles")
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(sample_workspace), str(remote))
    mine = tmp_path / "mine"
    git(tmp_path, "clone", "-q", str(remote), str(mine))
    return mine


def test_nothing_done_nothing_changed_not_even_by_asking_git(clone: Path) -> None:
    """``git status`` refreshes the index when it can: asked from the background it would
    rewrite it (and take its lock from under the user's own commit), and the reader would
    see a change each time it looked."""
    before = stamp_now(clone)
    for _ in range(3):
        git_state(clone)
    assert stamp_now(clone) == before


def colleague_pushes(clone: Path) -> None:
    """A colleague commits a note in their clone and pushes it."""
    theirs = clone.parent / "theirs"
    if not theirs.exists():
        git(clone.parent, "clone", "-q", str(clone.parent / "remote.git"), str(theirs))
    (theirs / "annotations" / "bea").mkdir(parents=True, exist_ok=True)
    (theirs / "annotations" / "bea" / "pushed.json").write_text("{}\n", encoding="utf-8")
    git(theirs, "add", "-A")
    git(theirs, "commit", "-qm", "Bea's note")
    git(theirs, "push", "-q")


def note_file(clone: Path) -> None:
    (clone / "annotations" / "ann").mkdir(parents=True, exist_ok=True)
    (clone / "annotations" / "ann" / "mine.json").write_text("{}\n", encoding="utf-8")


def configure_driver(clone: Path) -> None:
    git(clone, "config", "merge.synoptic.driver", "synoptic merge-driver %O %A %B %P")


def route_to_driver(clone: Path) -> None:
    attributes = clone / ".gitattributes"
    attributes.write_text("annotations/**/*.json merge=synoptic\n", encoding="utf-8")


def nothing(_clone: Path) -> None:
    pass


STEPS: dict[str, tuple[Callable[[Path], object], Callable[[Path], object]]] = {
    # what is done first (and stamped after), what is done then
    "a note file written here (untracked)": (nothing, note_file),
    "a stray file in the annotations folder": (
        nothing,
        lambda c: (c / "annotations" / "x.txt").touch(),
    ),
    "git add": (nothing, lambda c: (note_file(c), git(c, "add", "-A"))),
    "a commit": (
        nothing,
        lambda c: (note_file(c), git(c, "add", "-A"), git(c, "commit", "-qm", "mine")),
    ),
    "a fetch that brings a colleague's commit": (
        nothing,
        lambda c: (colleague_pushes(c), git(c, "fetch", "-q")),
    ),
    # (a pull that fetches too leaves git's answer as it was: the notes it brings are the
    # store's to notice; the stamp changes all the same, see the next test)
    "a pull of what was fetched (1 to pull)": (
        lambda c: (colleague_pushes(c), git(c, "fetch", "-q")),
        lambda c: git(c, "pull", "-q", "--no-rebase"),
    ),
    "a checkout of another branch": (nothing, lambda c: git(c, "checkout", "-q", "-b", "other")),
    "the merge driver configured": (route_to_driver, configure_driver),
    "the annotations routed to the driver": (configure_driver, route_to_driver),
}


@pytest.mark.parametrize("step", list(STEPS))
def test_each_change_of_git_s_answer_changes_the_stamp(clone: Path, step: str) -> None:
    first, then = STEPS[step]
    first(clone)
    before = stamp_now(clone)
    state = git_state(clone)
    then(clone)
    assert git_state(clone) != state, "the step must change what git says"
    assert stamp_now(clone) != before


def test_a_pull_changes_the_stamp_even_when_git_says_the_same(clone: Path) -> None:
    before = stamp_now(clone)
    colleague_pushes(clone)
    git(clone, "pull", "-q", "--no-rebase")
    assert (clone / "annotations" / "bea" / "pushed.json").exists()
    assert stamp_now(clone) != before


def test_a_repository_made_around_a_plain_folder_changes_the_stamp(
    tmp_path: Path, sample_workspace: Path, monkeypatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    before = stamp_now(sample_workspace)
    assert git_folders(sample_workspace) is None
    git(sample_workspace, "init", "-q")
    assert stamp_now(sample_workspace) != before
