"""Noticing that documents changed on disk while the reader is open.

A user pulls a colleague's edit, fixes a typo in an editor, drops a new article into the folder
or deletes one; the reader must not go on showing, and placing notes against, text that is no
longer there. Every :data:`LOOK_EVERY_S` seconds, and when the terminal gets the focus back (the
user is back from the editor), a worker lists the folder and stats each document: about 8 ms
for 700 files on a 2-CPU machine, so a timer costs nothing anyone could notice, and no key
press ever waits for it. Only a file whose size or modification time differs from when it was
last read is read again, and only one whose bytes hash differently is segmented again. What
the look found reaches the loop as one :class:`~tui.messages.DiskChecked`, which
:mod:`tui.reloading` applies.

The first look waits until opening is done (the documents read, their claims found and the
passage index built). Later ones do not wait for a reload's rebuild of the index, which takes
seconds on a large workspace: a file left settling by one look must be read by the next one on
time, not after the rebuild. A change found meanwhile starts no second build beside the one
under way: its rebuild follows that one, whose index of older texts is dropped (see
:meth:`tui.parallel.ParallelReading.build_index`). A build that failed is not waited for: the
documents are still followed, and the next change builds the index again. Nothing is missed
meanwhile: a look compares each file with how it was when it was last read, not with the
previous look.

A file may be caught mid-save: many editors and tools truncate it, then write it, and a look
between the two would show it empty or half-written, its notes lost, until the next look. So a
file modified within :data:`SETTLING_NS` of the look, or whose size or time changes while it is
looked at, is left for a look shortly after (:data:`SETTLE_AGAIN_S`), as are the deletions seen
with it (a ``git mv`` then shows as one rename, not a deletion now and a new file later).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.errors import DocumentError
from corpus.files import FileStamp
from corpus.workspace import is_text_name, scan
from tui.messages import DiskChecked

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping

    from textual.timer import Timer

    from corpus.model import Document
    from corpus.workspace import Workspace
    from tui.app import SynopticApp
    from tui.reloading import NotesReport

LOOK_EVERY_S = 3.0
"""Seconds between looks at the disk: a save in another window shows here before the user's
eyes are back on the reader, and 8 ms per look (700 files) is nothing at this rate."""

SETTLING_NS = 500_000_000
"""A file modified less than this long ago (in nanoseconds) may be in the middle of a save:
it is read at a later look. Saves take milliseconds; half a second leaves room for a slow disk
and is still quicker than the user's eyes going back from the editor."""
A_MOMENT_S = 0.05
"""Between the two stats that tell whether a file older than :data:`SETTLING_NS` is still
growing (a file system with coarse times, a copy that keeps the original's time): only when a
file changed, and in the look's worker, so no key press waits for it."""
SETTLE_AGAIN_S = 0.6
"""Seconds after a look that left a file settling before it is looked at again."""

Known = tuple[FileStamp | None, str | None]
"""A document's file as it was last read (None: never stat-ed), and the hash of the text
shown (None: no text, the file could not be read)."""


@dataclass(frozen=True, slots=True)
class DiskChanges:
    """What differs on disk from what the reader read."""

    changed: list[tuple[Document, FileStamp | None]] = field(default_factory=list)
    """Documents read again because their bytes changed, and new ones, with the stamp their
    file had just before the read."""
    unreadable: list[tuple[DocumentError, FileStamp | None]] = field(default_factory=list)
    """Documents whose file changed (or appeared) but cannot be read now."""
    touched: dict[str, FileStamp | None] = field(default_factory=dict)
    """Files whose stamp changed but whose bytes did not (a save without a change)."""
    added: list[str] = field(default_factory=list)
    """Ids of files that appeared (each one is in ``changed`` or in ``unreadable``)."""
    removed: list[str] = field(default_factory=list)
    """Ids of documents whose file is gone: deleted, or renamed to another id."""
    renamed: dict[str, str] = field(default_factory=dict)
    """Old id -> new id, for each removed document whose bytes are those of an added one (a
    ``git mv``, a rename in a file manager), or nearly (renamed and edited: see
    :func:`_pair_renames`): both ids are also in ``removed`` and ``added``."""
    settling: list[str] = field(default_factory=list)
    """Ids of files changed (or new) that may be in the middle of a save: not read yet, and
    reported at a later look (see :data:`SETTLING_NS`)."""
    not_read: list[str] = field(default_factory=list)
    """Every file there now in a document format that is not read (see :mod:`corpus.formats`):
    the reader names those it has not named yet."""

    @property
    def anything(self) -> bool:
        return bool(self.changed or self.unreadable or self.touched or self.removed)


RENAMED_AND_EDITED = 0.8
"""A file gone and a file come in one look are one rename and an edit when this share of the
longer text's characters is in paragraphs the two have word for word (see :func:`_close`): a
``git mv`` with a fix in a pull, not an article replaced by another, which shares a title or a
boilerplate line at most."""


def look_at_disk(
    workspace: Workspace,
    known: Mapping[str, Known],
    listed: Collection[str],
    cancelled: Callable[[], bool] = lambda: False,
    shown: Mapping[str, str] | None = None,
) -> DiskChanges | None:
    """Compare the folder with ``known`` (per readable document id) and ``listed`` (every id
    the reader lists); None when the folder itself cannot be listed now. ``shown``: the text
    shown of each document, by which a file renamed and edited at once is told (see
    :func:`_pair_renames`).

    An unlisted folder (an unmounted drive, the workspace deleted) says nothing about its
    documents, so they are not reported gone: the user would be told of a mass deletion that
    may be a network blip. Likewise the documents of a subfolder that cannot be listed.
    """
    try:
        found = scan(workspace.root)
    except OSError:
        return None
    now = {doc_id for doc_id in found.ids if is_text_name(doc_id)}
    hidden = tuple(f"{folder}/" for folder, _ in found.unlisted)
    changes = DiskChanges(not_read=found.not_read)
    removed = [doc_id for doc_id in known if doc_id not in now and not doc_id.startswith(hidden)]
    added = [doc_id for doc_id in sorted(now) if doc_id not in listed]
    gone = set(removed)
    to_read: list[tuple[str, str | None, FileStamp]] = []
    for doc_id, (then, sha256) in known.items():
        if cancelled():
            return None
        stamp = workspace.stamp_now(doc_id)
        if stamp is None or stamp == then or doc_id in gone:
            continue  # None: gone since the listing; the next look says so, with the others
        to_read.append((doc_id, sha256, stamp))
    for doc_id in added:
        stamp = workspace.stamp_now(doc_id)
        if stamp is not None:  # else gone already: nothing to tell
            to_read.append((doc_id, None, stamp))
    settled = _settled(workspace, [(doc_id, stamp) for doc_id, _, stamp in to_read], cancelled)
    if settled is None:
        return None
    for doc_id, sha256, stamp in to_read:
        if cancelled():
            return None
        if doc_id not in settled or not _read(workspace, doc_id, sha256, stamp, changes):
            changes.settling.append(doc_id)
    filed = {doc_id for doc_id, _, _ in to_read} - set(changes.settling)
    changes.added.extend(doc_id for doc_id in added if doc_id in filed)  # one gone: no news
    if not changes.settling:  # else a file renamed this instant may be among them
        changes.removed.extend(removed)
        _pair_renames(known, changes, shown or {})
    return changes


def _pair_renames(
    known: Mapping[str, Known], changes: DiskChanges, shown: Mapping[str, str]
) -> None:
    """Tell renames from a deletion and a new file: the same bytes under a new name, or a
    text nearly the same (a ``git mv`` and a small edit in one pull), whose notes are moved
    with it and then placed on the new text as after any edit. Nearly the same only when it
    cannot be doubted: one file gone and one come that are close to each other and to no
    other (see :data:`RENAMED_AND_EDITED`); two articles are never taken for one."""
    new_by_hash = {
        document.sha256: document.id
        for document, _ in changes.changed
        if document.id in changes.added
    }
    unpaired: list[str] = []
    for old in changes.removed:
        new = new_by_hash.pop(known[old][1] or "", None)
        if new is not None:
            changes.renamed[old] = new
        else:
            unpaired.append(old)
    come = {d.id: _paragraphs(d.text) for d, _ in changes.changed if d.id in new_by_hash.values()}
    gone = {old: _paragraphs(shown[old]) for old in unpaired if old in shown}
    close = [(old, new) for old in gone for new in come if _close(gone[old], come[new])]
    for old, new in close:
        if sum(o == old for o, _ in close) == 1 and sum(n == new for _, n in close) == 1:
            changes.renamed[old] = new


def _paragraphs(text: str) -> Counter[str]:
    """A text's paragraphs (its lines, spacing aside), as many times as each is there."""
    return Counter(line for line in (raw.strip() for raw in text.splitlines()) if line)


def _close(old: Counter[str], new: Counter[str]) -> bool:
    """Whether :data:`RENAMED_AND_EDITED` of the longer text is in paragraphs both have."""
    shorter, longer = sorted((_length(old), _length(new)))
    if shorter < RENAMED_AND_EDITED * longer or not longer:
        return False  # cannot be close: no need to compare the paragraphs (a large pull)
    return _length(old & new) >= RENAMED_AND_EDITED * longer


def _length(paragraphs: Counter[str]) -> int:
    return sum(len(paragraph) * times for paragraph, times in paragraphs.items())


def _settled(
    workspace: Workspace,
    stamps: list[tuple[str, FileStamp]],
    cancelled: Callable[[], bool],
) -> set[str] | None:
    """The ids among ``stamps`` whose file looks done being written: not modified within
    :data:`SETTLING_NS` of now, and the same size and time a moment after the first stat.
    None when the look was cancelled."""
    now = time.time_ns()
    old = [(doc_id, stamp) for doc_id, stamp in stamps if abs(now - stamp.mtime_ns) >= SETTLING_NS]
    if not old:
        return set()
    time.sleep(A_MOMENT_S)  # in the look's worker, never on the event loop
    if cancelled():
        return None
    return {doc_id for doc_id, stamp in old if workspace.stamp_now(doc_id) == stamp}


def _read(
    workspace: Workspace,
    doc_id: str,
    sha256: str | None,
    stamp: FileStamp | None,
    changes: DiskChanges,
) -> bool:
    """Read ``doc_id`` again (``stamp`` was taken before) and file the outcome in ``changes``;
    False, filing nothing, when the file changed while it was read (a save under way)."""
    try:
        document = workspace.read_again(doc_id, sha256)
    except DocumentError as error:
        if workspace.stamp_now(doc_id) != stamp:
            return False
        changes.unreadable.append((error, stamp))
        return True
    if workspace.stamp_now(doc_id) != stamp:
        return False
    if document is None:
        changes.touched[doc_id] = stamp
    else:
        changes.changed.append((document, stamp))
    return True


class DocumentWatch:
    """Looks at the disk now and then, in a worker, and hands what changed to the reloading."""

    def __init__(self, app: SynopticApp) -> None:
        self.app = app
        self._timer: Timer | None = None
        self._looking = False
        """A look is under way: another one would read the same changed files again."""
        self._again: Timer | None = None
        """Looks again shortly after a look that left files settling."""
        self.report: NotesReport | None = None
        """Where the notes of the documents just reloaded were, until they are placed again."""
        self.news_timer: Timer | None = None
        """Clears the status bar's news of the last change."""
        self.notes_waiting = False
        """Notes were read while a document of theirs was changing on disk: once the look
        is done, they are placed again (by the reload, or by a refresh if it found nothing)."""
        self.renamed: dict[str, str] = {}
        """Old id -> new id of each document seen renamed while the reader was open: a link
        into the old id (in another author's note, which is not rewritten) is followed."""
        self.spoilt: set[str] = set()
        """Documents whose file changed into something unreadable: their panes say so, over
        the text last read, until the file can be read again."""

    def start(self) -> None:
        """Look every :data:`LOOK_EVERY_S` seconds from now on (opening has read everything)."""
        if self._timer is None:
            self._timer = self.app.set_interval(LOOK_EVERY_S, self.look, name="document watch")

    def look(self, *, for_notes: bool = False) -> None:
        """Look at the disk in a worker, unless a look is under way or opening is not done;
        with ``for_notes``, place the notes again after it (see ``notes_waiting``)."""
        app = self.app
        self.notes_waiting |= for_notes
        parallel = app.parallel
        # Build 1 is opening's; later ones are reloads', which a look does not wait for.
        opening = parallel.build <= 1 and parallel.index is None and parallel.unavailable is None
        if self._timer is None or self._looking or opening:
            return
        workspace = app.workspace
        known: dict[str, Known] = {}
        for doc_id in workspace.document_ids:
            if doc_id not in workspace.misnamed:  # no name to read them by
                document = workspace.loaded(doc_id)
                shown = document.sha256 if document is not None else None
                known[doc_id] = (workspace.stamp_of(doc_id), shown)
        listed = frozenset(workspace.document_ids)
        texts = {d.id: d.text for d in app.loaded_documents()}  # the strings, not copies
        self._looking = True

        def work() -> None:
            from textual.worker import get_current_worker

            worker = get_current_worker()
            changes = None
            try:
                changes = look_at_disk(workspace, known, listed, lambda: worker.is_cancelled, texts)
            finally:  # even if the look failed, or the watch would stop for good
                app.post_message(DiskChecked(changes))

        app.run_worker(
            work, thread=True, group="watch", description="Looking for documents changed on disk"
        )

    @property
    def looking(self) -> bool:
        """Whether a look is under way (its :class:`DiskChecked` not handled yet)."""
        return self._looking

    def checked(self, message: DiskChecked) -> None:
        """A look is done: apply what it found (see :mod:`tui.reloading`)."""
        self._looking = False
        changes = message.changes
        if changes is not None:  # a PDF dropped into the folder is named, once
            from tui import arrivals

            arrivals.files_not_read(
                self.app, self.app.workspace.files_not_read_now(changes.not_read)
            )
        placing = False
        if changes is not None and changes.anything:
            from tui import reloading

            placing = reloading.apply(self.app, changes)
        if changes is not None and changes.settling:
            # Read once the save is done; notes waiting for it are placed then, not on the
            # text it is replacing.
            if self._again is not None:
                self._again.stop()
            self._again = self.app.set_timer(SETTLE_AGAIN_S, self.look, name="settling files")
            if not placing:
                return
        if self.notes_waiting and not placing:
            self.notes_waiting = False
            self.app.notes.refresh()
        elif placing:
            self.notes_waiting = False

    def notes_placed(self, number: int) -> None:
        """The notes were placed again (read or write ``number``): if that was after a reload,
        say where the reloaded documents' notes went."""
        report = self.report
        if report is not None and number >= report.number:
            self.report = None
            from tui import reloading

            reloading.report_notes(self.app, report)
