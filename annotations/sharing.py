"""What changed in a shared workspace: notes by others since you last looked, and git's state.

Two questions a reader of a shared workspace asks on opening it, each answered by a module of
its own, put together here in one :class:`SharingStatus` for the reader's status bar, its ``u``
screen and ``synoptic status``:

* *What did my colleagues write since I last opened this?* Answered by comparing the other
  authors' notes with a record, kept per reader, of the versions already shown
  (:mod:`annotations.sharing_seen`; timestamps cannot answer it).
* *Is anything unshared or unmerged?* Answered by ``git status`` for the annotations folder
  (:mod:`annotations.sharing_git`; nothing touches the network).

The status also carries the notes that lost their passage (:mod:`annotations.sharing_orphans`)
and those keeping versions that lost a conflict (:mod:`annotations.conflicts`), so that one
screen lists everything in the workspace that is waiting for the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotations.conflicts import kept_json, kept_lines, kept_versions
from annotations.sharing_git import GitState, git_state
from annotations.sharing_seen import News, Seen, news_since, read_seen
from corpus.text import counted

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from annotations.model import Annotation
    from annotations.sharing_orphans import Orphans


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
                "unreadable_versions": [v.to_json() for v in git.unreadable_versions],
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
        lines.extend(kept_lines(self.kept, self.author, in_reader=in_reader))
        if self.orphans is not None:
            lines.extend(self.orphans.lines(in_reader=in_reader))
        git = self.git
        if git.problem is not None:
            lines.append(f"Git: {git.problem}; notes are shared by copying the folder.")
            return lines
        where = git.branch or "a detached HEAD"
        if git.upstream:
            lines.append(
                f"Git: on {where}, tracking {git.upstream}: "
                f"{counted(git.ahead, 'commit')} to push, "
                f"{git.behind} to pull (as of the last fetch)."
            )
        else:
            lines.append(f"Git: on {where}, with no upstream branch.")
        lines.extend(unmerged_lines(git))
        if git.uncommitted:
            lines.append("Not committed yet: " + ", ".join(git.uncommitted) + ".")
        if not git.driver_ready:
            when = "" if git.tracked or git.unmerged else " before sharing notes through git"
            lines.append(
                f"The merge driver is not set up in this clone: run `synoptic init`{when} so "
                "that merges of annotation files never stop on conflicts."
            )
        return lines


_WHOSE = {"ours": "your version", "theirs": "their version"}


def unmerged_lines(git: GitState) -> list[str]:
    """What to do about the annotation files a merge stopped on.

    Without the driver, git wrote conflict markers and redoing the merge with it settles them.
    With it, the driver stopped because a version cannot be read, and redoing the merge stops
    again: the version must be named, with what the file holds now and how to see the other.
    """
    lines: list[str] = []
    broken = {version.path: version for version in reversed(git.unreadable_versions)}
    for path in (p for p in git.unmerged if p in broken):
        version = broken[path]
        whose = _WHOSE.get(version.version, version.version)
        repair = "repair it and add" if version.version == "ours" else "add"
        lines.append(
            f"Unmerged: {path}: {whose} cannot be read ({version.problem}), so the merge "
            "driver left the file to you, and merging it again stops again. The file holds "
            f"your version as it was: {repair} their notes to it by hand "
            f"(`git show :3:{path}` prints their version, `:2:` yours) and `git add` it, or ask "
            "its author to commit a readable file and merge again (`git merge --abort` undoes "
            "this merge)."
        )
    rest = [path for path in git.unmerged if path not in broken]
    if rest:
        lines.append(
            "Unmerged annotation files (a merge stopped on them): "
            + ", ".join(rest)
            + ". Run `git checkout --merge` on them after `synoptic init`, or fix them by "
            "hand, then `git add`."
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
