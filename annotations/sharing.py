"""What changed in a shared workspace: notes by others since you last looked, and git's state.

Two questions a reader of a shared workspace asks on opening it:

* *What did my colleagues write since I last opened this?* Timestamps cannot answer it: a note
  written last week and pulled this morning is new to me, though its ``modified`` time is older
  than my last visit, and clocks differ between machines. So each reader keeps, per workspace
  and author, the versions of the other authors' notes it has already shown (id and modified
  time, in the user's state folder, never in the workspace). Whatever is not in that record is
  new; the first visit only sets the record.
* *Is anything unshared or unmerged?* ``git status`` for the annotations folder: files git
  lists as unmerged (a merge stopped on them, typically because the merge driver was not set up
  in this clone), annotation changes not committed yet, and commits ahead of or behind the
  upstream branch as of the last fetch (nothing here touches the network).

The record is our own state, not the user's writing: an unreadable one is replaced (and the
visit counts as a first one), and it is written atomically so concurrent readers each leave a
whole record.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotations.conflicts import kept_json, kept_lines, kept_versions
from annotations.errors import AnnotationError
from annotations.gitsetup import DRIVER, run_git
from annotations.store import ANNOTATIONS_FOLDER, author_slug
from corpus.files import atomic_write_text
from corpus.locations import data_dir

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from annotations.model import Annotation
    from annotations.sharing_orphans import Orphans

SEEN_FOLDER = "seen"
SEEN_FORMAT = 1


# -- notes by others since the last visit ------------------------------------------------------


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


# -- git -------------------------------------------------------------------------------------


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
        status = run_git(
            workspace, "status", "--porcelain=v2", "--branch", "-z", "-uall", "--", folder
        )
        if status.returncode != 0:
            reason = status.stderr.strip().splitlines()
            if reason and "not a git repository" in reason[0]:
                return GitState(problem="not a git repository")
            return GitState(problem=f"git status failed: {reason[0] if reason else status}")
        attribute = run_git(workspace, "check-attr", "merge", "--", f"{folder}/a/b.json")
        driver = run_git(workspace, "config", "--get", f"merge.{DRIVER}.driver")
        tracked = run_git(workspace, "ls-files", "-z", "--", folder)
    except FileNotFoundError:
        return GitState(problem="git is not installed (or not on PATH)")
    except AnnotationError as exc:
        return GitState(problem=str(exc).rstrip("."))
    found = _parse_status(status.stdout)
    routed = attribute.stdout.strip().endswith(f": merge: {DRIVER}")
    return GitState(
        branch=found.get("branch"),
        upstream=found.get("upstream"),
        ahead=found["ahead"],
        behind=found["behind"],
        unmerged=tuple(sorted(found["unmerged"])),
        uncommitted=tuple(sorted(p for p in found["uncommitted"] if p not in found["unmerged"])),
        driver_ready=routed and driver.returncode == 0 and bool(driver.stdout.strip()),
        tracked=tracked.returncode == 0 and bool(tracked.stdout.strip("\0")),
    )


# -- both ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharingStatus:
    """What the reader and ``synoptic status`` show about a shared workspace."""

    author: str
    news: News
    git: GitState
    unreadable: tuple[str, ...] = field(default=())
    """Annotation files that could not be read (often: conflict markers from a merge)."""
    kept: tuple[Annotation, ...] = field(default=())
    """Notes that keep versions which lost a conflict and are not resolved yet (see
    :mod:`annotations.conflicts`)."""
    orphans: Orphans | None = None
    """Notes whose passage was not found; None when the caller did not place the notes."""

    def summary(self) -> str:
        """One line, '' when there is nothing worth a glance."""
        orphaned = ""
        if self.orphans is not None and self.orphans.notes:
            count = len(self.orphans.notes)
            orphaned = f"{count} orphaned note{'s' if count != 1 else ''}"
        parts = [self.news.summary(), orphaned, self.git.summary()]
        return " · ".join(part for part in parts if part)

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` form of ``synoptic status``."""
        git = self.git

        def brief(notes: tuple[Annotation, ...]) -> list[dict[str, str]]:
            return [
                {"id": n.id, "author": n.author, "doc": n.target.doc, "modified": n.modified}
                for n in notes
            ]

        return {
            "author": self.author,
            "first_visit": self.news.first_visit,
            "new": brief(self.news.added),
            "edited": brief(self.news.edited),
            "deleted": brief(self.news.deleted),
            "unreadable": list(self.unreadable),
            "kept_versions": [kept_json(note) for note in self.kept],
            "orphaned": None if self.orphans is None else self.orphans.to_json(),
            "git": {
                "problem": git.problem,
                "branch": git.branch,
                "upstream": git.upstream,
                "ahead": git.ahead,
                "behind": git.behind,
                "unmerged": list(git.unmerged),
                "uncommitted": list(git.uncommitted),
                "merge_driver": git.driver_ready,
            },
        }

    def details(self, *, in_reader: bool = False) -> list[str]:
        """Lines for a person: everything in the status, with what to do about it (in the
        reader's keys where they differ from commands, ``in_reader``)."""
        lines: list[str] = []
        news = self.news
        if news.first_visit:
            lines.append(
                "First visit: the notes by others here now are the starting point; those that "
                "arrive or change from now on are counted as new."
            )
        elif news.count:
            lines.append(f"Since your last visit: {news.summary()}.")
        else:
            lines.append("No notes by others since your last visit.")
        for path in self.unreadable:
            lines.append(f"Cannot read {path}: its notes are missing until it is fixed.")
        lines.extend(kept_lines(self.kept, self.author))
        if self.orphans is not None:
            lines.extend(self.orphans.lines(in_reader=in_reader))
        git = self.git
        if git.problem is not None:
            lines.append(f"Git: {git.problem}; notes are shared by copying the folder.")
            return lines
        where = git.branch or "a detached HEAD"
        if git.upstream:
            lines.append(
                f"Git: on {where}, tracking {git.upstream}: {git.ahead} commit(s) to push, "
                f"{git.behind} to pull (as of the last fetch)."
            )
        else:
            lines.append(f"Git: on {where}, with no upstream branch.")
        if git.unmerged:
            lines.append(
                "Unmerged annotation files (a merge stopped on them): "
                + ", ".join(git.unmerged)
                + ". Run `git checkout --merge` on them after `synoptic init`, or fix them by "
                "hand, then `git add`."
            )
        if git.uncommitted:
            lines.append("Not committed yet: " + ", ".join(git.uncommitted) + ".")
        if not git.driver_ready:
            when = "" if git.tracked or git.unmerged else " before sharing notes through git"
            lines.append(
                f"The merge driver is not set up in this clone: run `synoptic init`{when} so "
                "that merges of annotation files never stop on conflicts."
            )
        return lines


def sharing_status(
    workspace: Path,
    author: str,
    live: Iterable[Annotation],
    tombstones: Iterable[Annotation],
    unreadable: Iterable[str] = (),
    *,
    seen: Seen | None = None,
    orphans: Orphans | None = None,
) -> SharingStatus:
    """Everything :class:`SharingStatus` holds, for ``author`` reading ``workspace`` now."""
    record = seen if seen is not None else read_seen(workspace, author)
    live, tombstones = list(live), list(tombstones)
    news = news_since(record, author, live, tombstones)
    kept = tuple(note for note in (*live, *tombstones) if kept_versions(note))
    return SharingStatus(author, news, git_state(workspace), tuple(unreadable), kept, orphans)
