"""Git's state of the annotations folder: what is unmerged, uncommitted, to push or to pull.

*Is anything unshared or unmerged?* ``git status`` for the annotations folder: files git
lists as unmerged (a merge stopped on them, typically because the merge driver was not set up
in this clone), annotation changes not committed yet, and commits ahead of or behind the
upstream branch as of the last fetch (nothing here touches the network).

Kept apart from :mod:`annotations.sharing` because it is the only part that runs git, and it
reads git's porcelain format, which has nothing to do with our notes or the reader's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationError
from annotations.gitsetup import DRIVER, run_git
from annotations.store import ANNOTATIONS_FOLDER

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True)
class UnreadableVersion:
    """One version of an unmerged annotation file that the merge driver cannot read."""

    path: str
    """The file, relative to the repository's top, as git names it."""
    version: str
    """Whose version, in git's words: ``ours`` or ``theirs`` (``git show :2:PATH`` and ``:3:``
    print them); the driver merges an unreadable base as an unknown one."""
    problem: str
    """What is wrong with it, with its line when known."""

    def to_json(self) -> dict[str, str]:
        return {"file": self.path, "version": self.version, "problem": self.problem}


_STAGES = (("ours", 2), ("theirs", 3))


def _unreadable_versions(workspace: Path, unmerged: tuple[str, ...]) -> list[UnreadableVersion]:
    """The versions of ``unmerged`` files that the merge driver refuses, as it refuses them."""
    from annotations.merge import UnmergeableAnnotations, parse_version

    found = []
    for path in unmerged:
        for version, stage in _STAGES:
            shown = run_git(workspace, "show", f":{stage}:{path}")
            if shown.returncode != 0:  # no such version: added on one side, or deleted
                continue
            try:
                parse_version(shown.stdout, version)
            except UnmergeableAnnotations as exc:
                where = "" if exc.line is None else f"line {exc.line}: "
                found.append(UnreadableVersion(path, version, where + exc.message))
    return found


@dataclass(frozen=True)
class GitState:
    """The annotations folder as git sees it; ``problem`` says why git could not tell."""

    problem: str | None = None
    """'not a git repository', 'git is not installed', ...; None when git answered."""
    branch: str | None = None
    upstream: str | None = None
    ahead: int = 0
    behind: int = 0
    unmerged: tuple[str, ...] = ()
    """Annotation files git has stopped a merge on (relative to the repository's top)."""
    uncommitted: tuple[str, ...] = ()
    """Annotation files changed, added or deleted but not committed."""
    driver_ready: bool = True
    """Whether annotation files go through the Synoptic merge driver in this clone."""
    unreadable_versions: tuple[UnreadableVersion, ...] = ()
    """The versions of unmerged files that cannot be read, which is why a clone with the
    merge driver stopped on them: running the merge again stops again, so the status must
    name the version to fix rather than send its reader to ``git checkout --merge``."""
    tracked: bool = False
    """Whether any annotation file is in git: only then can a merge reach them, so only then
    is a missing driver worth a word in the status bar (a workspace that merely sits inside
    some repository, a home folder kept in git say, is not being shared)."""

    @property
    def in_git(self) -> bool:
        return self.problem is None

    def summary(self) -> str:
        """A few words for the status bar; '' when there is nothing to say."""
        if not self.in_git:
            return ""
        parts = []
        if self.unmerged:
            n = len(self.unmerged)
            parts.append(f"{n} unmerged file{'s' if n != 1 else ''}")
        if self.uncommitted:
            n = len(self.uncommitted)
            parts.append(f"{n} uncommitted file{'s' if n != 1 else ''}")
        if self.ahead:
            parts.append(f"{self.ahead} to push")
        if self.behind:
            parts.append(f"{self.behind} to pull")
        if not self.driver_ready and (self.tracked or self.unmerged):
            parts.append("merge driver not set up")
        return ", ".join(parts)


def _parse_status(output: str) -> dict[str, Any]:
    """Read ``git status --porcelain=v2 --branch -z``; see git-status(1), "Porcelain Format
    Version 2". Renames carry their old path as an extra NUL-separated field."""
    found: dict[str, Any] = {"unmerged": [], "uncommitted": [], "ahead": 0, "behind": 0}
    fields = iter(output.split("\0"))
    for entry in fields:
        if entry.startswith("# branch.head "):
            head = entry.removeprefix("# branch.head ")
            found["branch"] = None if head == "(detached)" else head
        elif entry.startswith("# branch.upstream "):
            found["upstream"] = entry.removeprefix("# branch.upstream ")
        elif entry.startswith("# branch.ab "):
            ahead, behind = entry.removeprefix("# branch.ab ").split()
            found["ahead"], found["behind"] = abs(int(ahead)), abs(int(behind))
        elif entry.startswith("u "):
            found["unmerged"].append(entry.split(" ", 10)[10])
        elif entry.startswith("1 "):
            found["uncommitted"].append(entry.split(" ", 8)[8])
        elif entry.startswith("2 "):
            found["uncommitted"].append(entry.split(" ", 9)[9])
            next(fields, None)
        elif entry.startswith("? "):
            found["uncommitted"].append(entry[2:])
    return found


def git_state(workspace: Path) -> GitState:
    """Ask git about the workspace's annotations folder (four quick local commands)."""
    folder = ANNOTATIONS_FOLDER
    try:
        # --no-optional-locks: a look from the background must not rewrite the index (taking
        # its lock from under a commit the user is making, and changing what the reader
        # watches to know whether to look again, see annotations.sharing_stamp)
        status = run_git(
            workspace,
            "--no-optional-locks",
            "status",
            "--porcelain=v2",
            "--branch",
            "-z",
            "-uall",
            "--",
            folder,
        )
        if status.returncode != 0:
            reason = status.stderr.strip().splitlines()
            if reason and "not a git repository" in reason[0]:
                return GitState(problem="not a git repository")
            return GitState(problem=f"git status failed: {reason[0] if reason else status}")
        attribute = run_git(workspace, "check-attr", "merge", "--", f"{folder}/a/b.json")
        driver = run_git(workspace, "config", "--get", f"merge.{DRIVER}.driver")
        tracked = run_git(workspace, "ls-files", "-z", "--", folder)
        found = _parse_status(status.stdout)
        unmerged = tuple(sorted(found["unmerged"]))
        broken = _unreadable_versions(workspace, unmerged) if unmerged else []
    except FileNotFoundError:
        return GitState(problem="git is not installed (or not on PATH)")
    except AnnotationError as exc:
        return GitState(problem=str(exc).rstrip("."))
    routed = attribute.stdout.strip().endswith(f": merge: {DRIVER}")
    return GitState(
        branch=found.get("branch"),
        upstream=found.get("upstream"),
        ahead=found["ahead"],
        behind=found["behind"],
        unmerged=unmerged,
        uncommitted=tuple(sorted(p for p in found["uncommitted"] if p not in found["unmerged"])),
        unreadable_versions=tuple(broken),
        driver_ready=routed and driver.returncode == 0 and bool(driver.stdout.strip()),
        tracked=tracked.returncode == 0 and bool(tracked.stdout.strip("\0")),
    )
