"""The reader's sharing status: notes by others since the last visit, and git's state.

After the notes are read (and again whenever they change, or every ``REFRESH_S`` seconds in case
a ``git pull`` brought some) a worker asks git about the annotations folder and compares the other
authors' notes with what this reader showed on its previous visit (:mod:`annotations.sharing`).
The result goes to the status bar in a few words; ``u`` shows the whole of it, and the notes
list can be narrowed to the new notes. What counts as new is fixed when the workspace is opened,
so a note stays new for the whole visit, and the record on disk is updated as notes arrive so
the next visit starts from here. A first visit has no record to compare with: the notes it
opened on are its baseline, so what a pull brings in during it is announced too.

A check whose inputs are what they were at the last one is skipped: the same notes (the store
gives back the very same answer when no file changed), placed the same, the same documents, and
git's files unchanged (:mod:`annotations.sharing_stamp`, stats only); at most every
``FULL_CHECK_S`` seconds it runs all the same.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from corpus.text import counted
from tui.messages import SharingChecked

if TYPE_CHECKING:
    from collections.abc import Iterable

    from annotations.placement import Placed
    from annotations.sharing import SharingStatus
    from annotations.sharing_git import GitState
    from annotations.sharing_seen import Seen
    from annotations.sharing_stamp import GitFolders, Stamp
    from annotations.store import LoadResult
    from tui.app import SynopticApp

REFRESH_S = 20.0
"""How often the reader looks for notes that arrived from outside (pulls, other readers)."""


class CheckedOn(NamedTuple):
    """What a check of the sharing status is made from."""

    result: LoadResult
    """The store's answer: the very same object while no note file changed."""
    placed: list[Placed]
    """The notes as placed (orphans come from them): replaced, not changed, when notes or
    documents change."""
    documents: tuple[str, ...]
    baseline: Seen | None
    """The record compared with: replaced after a first visit's first check."""
    git: Stamp
    """Git's files' stamp (:func:`annotations.sharing_stamp.git_stamp`), taken before."""
    at: float = 0.0
    """When the check was made (``time.monotonic``)."""


class ReaderSharing:
    """Checks the workspace's sharing state off the event loop and keeps the latest answer."""

    def __init__(self, app: SynopticApp) -> None:
        self.app = app
        self.status: SharingStatus | None = None
        self._baseline: Seen | None = None
        """The record as it was when the workspace was opened: what counts as new."""
        self._recorded: Seen | None = None
        """The record as last written, so an unchanged one is not written again."""
        self._result: LoadResult | None = None
        self._lock = threading.Lock()
        """One check at a time: two first checks must not both read the record, one after the
        other has already rewritten it."""
        self._folders: GitFolders | None = None
        """Where git keeps the workspace's repository, as found at the last check."""
        self._git: GitState | None = None
        """Git's answer at the last check: its branch and upstream are the refs watched."""
        self._last: CheckedOn | None = None
        """What the last check was made from: the same again, not long after, is not checked."""
        self._said_lost: set[str] = set()
        """Notes whose loss of their passage the user was told of already (by a reload, in the
        status bar), so the next check does not say it again."""

    @property
    def new_ids(self) -> frozenset[str]:
        """Notes by others that are new or edited since the last visit."""
        return frozenset() if self.status is None else self.status.news.ids

    def said_lost(self, note_ids: Iterable[str]) -> None:
        """The user was just told that these notes lost their passage: no toast for them."""
        self._said_lost.update(note_ids)

    def start(self) -> None:
        """Look for notes from outside every ``REFRESH_S`` seconds (the notes are read first)."""
        self.app.set_interval(REFRESH_S, self.app.notes.refresh, name="sharing refresh")

    def check(self, result: LoadResult | None = None) -> None:
        """Work out the status for ``result`` (default: the last one) in a worker."""
        if result is not None:
            self._result = result
        result = self._result
        store = self.app.notes.store
        if result is None or store is None:
            return
        root = self.app.workspace.root
        author = store.author
        # Taken now, on the event loop: the worker must not read them while they change.
        shown = self.app.notes.placed  # replaced, never changed in place, when notes arrive
        placed = list(shown)
        documents = tuple(self.app.workspace.document_ids)

        def work() -> None:
            from annotations.sharing_stamp import git_folders, git_stamp

            with self._lock:
                git = self._git
                inputs = CheckedOn(result, shown, documents, self._baseline, ())
                if self._unchanged(inputs, git_stamp(root, self._folders, git)):
                    return
                self._folders = git_folders(root)
                # stamped before git is asked: what changes while it answers is seen next time
                stamp = git_stamp(root, self._folders, git)
                self._git = compare(result)
                if git is None or (git.branch, git.upstream) != (
                    self._git.branch,
                    self._git.upstream,
                ):
                    stamp = ()  # the refs of another branch were watched: look again
                self._last = inputs._replace(git=stamp, at=time.monotonic())

        def compare(result: LoadResult) -> GitState:
            from annotations.sharing import sharing_status
            from annotations.sharing_orphans import find_orphans
            from annotations.sharing_seen import others_versions, read_seen, write_seen

            if self._baseline is None:
                self._baseline = read_seen(root, author)
                self._recorded = self._baseline
            status = sharing_status(
                root,
                author,
                result.annotations,
                result.tombstones,
                [str(problem) for problem in result.problems],
                seen=self._baseline,
                orphans=find_orphans(placed, root, documents),
            )
            recorded = self._recorded or self._baseline
            try:
                written = write_seen(root, author, result.annotations, previous=recorded)
            except OSError as exc:  # the state folder is not writable: say so, lose nothing
                self.app.call_from_thread(
                    self.app.tell,
                    f"Cannot record which notes you have seen ({exc}); they will count as new "
                    "again next time.",
                    "Sharing status",
                )
            else:
                self._recorded = written or recorded
            if self._baseline.versions is None:
                # A first visit counts nothing that was there as new, but what arrives while
                # it is open is news: from now on, compare with what it opened on.
                opened_on = others_versions(result.annotations, author)
                self._baseline = replace(self._baseline, versions=opened_on)
            self.app.post_message(SharingChecked(status))
            return status.git

        self.app.run_worker(
            work, thread=True, group="sharing", exclusive=True, description="Checking sharing"
        )

    def _unchanged(self, now: CheckedOn, stamp: Stamp) -> bool:
        """Whether a check now would be made from what the last one was, not long ago."""
        from annotations.sharing_stamp import FULL_CHECK_S

        last = self._last
        return (
            last is not None
            and time.monotonic() - last.at < FULL_CHECK_S
            and stamp == last.git
            and now.result is last.result
            and now.placed is last.placed
            and now.documents == last.documents
            and now.baseline is last.baseline
        )

    def checked(self, status: SharingStatus) -> None:
        """Show the new status; say so when something needs the user's attention."""
        before = self.status
        self.status = status
        from tui.widgets.status_bar import StatusBar

        self.app.query_one(StatusBar).sharing = status.summary()
        news = status.news
        orphans = status.orphans.notes if status.orphans is not None else ()
        if before is None:
            own = [n for n in orphans if n.author == status.author]
            if own:  # only their author can re-attach them: others' are counted in the bar
                self.app.tell(
                    f"{len(own)} of your notes lost their passage (its text was changed or "
                    "deleted, or its document is gone); press u to see which and what to do.",
                    "Orphaned notes",
                )
            if news.count:
                self.app.tell(
                    f"Since your last visit: {news.summary()}. Press u to see them.",
                    "New notes",
                    "information",
                )
            if status.git.unmerged:
                self.app.tell(
                    f"{counted(len(status.git.unmerged), 'annotation file')} "
                    f"{'is' if len(status.git.unmerged) == 1 else 'are'} unmerged in git; "
                    "press u to see which and what to do.",
                    "Unmerged notes",
                )
            return
        had = before.orphans.ids if before.orphans is not None else frozenset()
        lost = [n for n in orphans if n.id not in had and n.id not in self._said_lost]
        self._said_lost.difference_update(n.id for n in orphans)  # said; lost again is news
        if lost:  # a pull (or an edit here) just left notes without their passage
            self.app.tell(
                f"{counted(len(lost), 'note')} just lost "
                f"{'its passage; it is' if len(lost) == 1 else 'their passage; they are'} kept. "
                "Press u to see which and what to do.",
                "Orphaned notes",
            )
        arrived = news.ids - before.news.ids
        if arrived:
            authors = sorted({n.author for n in (*news.added, *news.edited) if n.id in arrived})
            self.app.tell(
                f"{counted(len(arrived), 'note')} by {', '.join(authors)} just arrived.",
                "New notes",
                "information",
            )
