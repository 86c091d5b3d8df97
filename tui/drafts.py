"""The note being written, kept on disk while it is written, and offered back after a crash.

The files and their locks are :mod:`annotations.drafts`; this is when the reader writes them.
A note begins with ``a``, ``e`` or ``r`` (or a recovered draft reopened) and ends when it is
saved or deliberately discarded (Cancel, or quitting with a yes). Meanwhile what the editor
holds, or the draft waiting while a passage is being linked, is written at most once a second
and only when it changed, in a worker (an fsync on a slow disk must not stall typing); at
once when the editor closes to link a passage; and synchronously, before the reader exits,
on SIGHUP (the terminal or the SSH session closed) and SIGTERM (a shutdown, ``kill``), which
Textual leaves to their default of ending the process on the spot.

A saved note's draft is removed by the worker that saved it, only once the store has the
note: a refused save (the note replied to was deleted meanwhile) leaves the draft on disk, to
be offered again. When the reader opens a workspace it looks for drafts no running reader
owns and offers each one (:mod:`tui.screens.drafts`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.timer import Timer

    from annotations.drafts import Damaged, DraftFile, DraftRecord, NoteDraft, Recovered
    from tui.app import SynopticApp

WRITE_EVERY_S = 1.0
"""How often the draft is looked at (and written when it changed) while a note is written."""
EXIT_GRACE_S = 5.0
"""After SIGHUP/SIGTERM, how long the reader may take to close before the signal is let
through as if it had never been caught (a terminal that hung up may block the last write)."""


class DraftSession:
    """One note being written, and its file (made only once there is something to keep)."""

    def __init__(self, app: SynopticApp, record: DraftRecord, file: DraftFile | None = None):
        self.app = app
        self.record = record
        """What the note is (new, edit, reply; where; by whom), with the draft last kept."""
        self.file = file
        self._lock = threading.Lock()
        """One write at a time, the newest last: a slow worker must not put back an older
        draft after a newer one, or after the note was saved and its draft removed."""
        self._asked = 0
        self._written = 0
        self._closed = False
        self._failed = False

    def look(self) -> None:
        """Write the draft (in a worker) if it changed since it was last kept."""
        draft = current_draft(self.app)
        if draft is None or draft == self.record.draft:
            return
        self.record = replace(self.record, draft=draft)
        self._asked += 1
        work = partial(self._write, self.record, self._asked)
        self.app.run_worker(
            work, thread=True, group="draft", description="Keeping the note being written"
        )

    def renamed(self, old: str, new: str) -> bool:
        """Document ``old`` was renamed on disk (the same bytes under ``new``): a note on it
        goes on ``new`` when saved, and its passage links into it point into ``new`` (saved
        on ``old``, they would name a document that is no longer there); its draft on disk
        says so at once, so a crash now is offered back as it will be saved. False when the
        note neither is on ``old`` nor links to it."""
        record = self.record.renamed(old, new)
        if record is None:
            return False
        self.record = record
        if self.file is not None:  # else nothing typed yet: nothing on disk to move
            self._asked += 1
            work = partial(self._write, self.record, self._asked)
            self.app.run_worker(
                work, thread=True, group="draft", description="Keeping the note being written"
            )
        return True

    def keep(self, draft: NoteDraft | None = None) -> bool:
        """Write ``draft`` (default: what the editor holds now) at once; False if it could
        not be written."""
        draft = draft if draft is not None else current_draft(self.app)
        if draft is not None:
            self.record = replace(self.record, draft=draft)
        self._asked += 1
        return self._write(self.record, self._asked)

    def _write(self, record: DraftRecord, number: int) -> bool:
        from annotations.drafts import DraftFile
        from annotations.times import now_iso

        with self._lock:
            if self._closed or number <= self._written:
                return not self._closed
            if self.file is None and record.draft == record.original:
                return True  # nothing typed yet: nothing to keep
            try:
                if self.file is None:
                    self.file = DraftFile.create(self.app.workspace.root)
                self.file.write(replace(record, saved=now_iso()))
            except OSError as exc:
                self._report(exc)
                return False
            self._written = number
            return True

    def _report(self, exc: OSError) -> None:
        if self._failed:
            return  # said once per note: not every second while typing
        self._failed = True
        where = self.file.path if self.file is not None else "the data folder"
        message = (
            f"Cannot keep a copy of the note you are writing in {where} "
            f"({exc.strerror or exc}): it is only in memory until you save it (Ctrl+S)."
        )
        if threading.current_thread() is threading.main_thread():
            self.app.tell(message, "Draft not kept", "error")
        else:
            self.app.call_from_thread(self.app.tell, message, "Draft not kept", "error")

    def discard(self) -> None:
        """The note was saved, or thrown away: its draft goes (and is never written again)."""
        with self._lock:
            self._closed = True
            if self.file is not None:
                with contextlib.suppress(OSError):
                    self.file.discard()

    def release(self) -> None:
        """Keep the draft on disk for the next visit, and let other readers have it."""
        with self._lock:
            self._closed = True
            if self.file is not None:
                self.file.release()


def current_draft(app: SynopticApp) -> NoteDraft | None:
    """What the note being written holds now: the editor's fields, or the draft waiting while
    a passage is being linked; None when neither is there (between the two)."""
    from textual.css.query import NoMatches

    from tui.screens.note_editor import NoteEditor

    if app.picking is not None:
        return app.picking[0].draft
    for screen in reversed(app.screen_stack):
        if isinstance(screen, NoteEditor):
            try:
                return screen.current()
            except NoMatches:  # not composed yet: it holds what it opened with
                return screen.draft
    return None


class ReaderDrafts:
    """The reader's note being written, if any, and the drafts found on opening."""

    def __init__(self, app: SynopticApp) -> None:
        self.app = app
        self.active: DraftSession | None = None
        self._timer: Timer | None = None
        self._signals: list[int] = []
        self._looked = False
        self._offers: list[Recovered] = []
        """Recovered drafts not offered yet (held: no other reader offers them meanwhile)."""
        self.offering = False
        self.shown: Recovered | None = None
        """The recovered draft being offered now, as it is to be reopened (see
        :meth:`renamed`)."""

    # -- a note being written ---------------------------------------------------------------

    def begin(self, record: DraftRecord, file: DraftFile | None = None) -> DraftSession:
        """A note is being written from now on (``file``: a recovered draft's)."""
        self.active = DraftSession(self.app, record, file)
        self._timer = self.app.set_interval(WRITE_EVERY_S, self.active.look, name="draft")
        return self.active

    def renamed(self, old: str, new: str) -> None:
        """``old`` was renamed to ``new`` on disk: a note being written on it, or linking to
        it, follows it, in the editor (its heading, its links) or in the draft waiting while
        a passage is linked, and in its draft on disk (see :meth:`DraftSession.renamed`); it
        is saved so (see :mod:`tui.note_actions`). So do the recovered drafts still to be
        offered, or being offered: reopened on ``old``, one would find its document gone."""
        from tui.screens.note_editor import NoteEditor

        self._offers = [self._follow(found, old, new) for found in self._offers]
        if self.shown is not None:
            self.shown = self._follow(self.shown, old, new)
        if self.active is None or not self.active.renamed(old, new):
            return
        app = self.app
        if app.picking is not None:
            pick, resume = app.picking
            app.picking = (pick.renamed(old, new), resume)
        for screen in app.screen_stack:
            if isinstance(screen, NoteEditor):
                screen.retitle(self.active.record.heading)
                screen.renamed(old, new)

    def _follow(self, found: Recovered, old: str, new: str) -> Recovered:
        """``found`` on ``new``, and its file so at once (a crash now offers it there)."""
        record = found.record.renamed(old, new)
        if record is None:
            return found
        moved = replace(found, record=record)

        def write() -> None:
            try:
                found.file.write(record)
            except OSError as exc:  # the copy in memory is reopened all the same
                self.app.call_from_thread(
                    self.app.tell,
                    f"Cannot rewrite the note draft {found.file.path} for the document's new "
                    f"name ({exc.strerror or exc}): it still names {old} there.",
                    "Draft not kept",
                    "error",
                )

        self.app.run_worker(
            write, thread=True, group="draft", description="Moving a draft to a renamed document"
        )
        return moved

    def keep_now(self) -> None:
        """Write the draft now (the editor closes to let the user link a passage)."""
        if self.active is not None:
            self.active.look()

    def finish(self, *, offer: bool = True) -> DraftSession | None:
        """The note leaves the editor to be saved: its draft stays until the store has it."""
        session, self.active = self.active, None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if offer and self._offers:
            self.app.call_later(self._offer_next)  # one was waiting for this note to end
        return session

    def discard(self) -> None:
        """The user threw the note away (Cancel, or quitting with a yes)."""
        session = self.finish()
        if session is not None:
            session.discard()

    # -- start and stop: signals, and what is left on disk -----------------------------------

    def start(self) -> None:
        """Catch SIGHUP and SIGTERM for as long as the reader runs (on the main thread only:
        asyncio runs the handler in the event loop, between two steps of the app, so the
        editor is never read half-changed)."""
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is None:  # Windows has no SIGHUP
                continue
            try:
                loop.add_signal_handler(number, self._signalled, number)
            except (NotImplementedError, RuntimeError, ValueError):
                continue
            self._signals.append(number)

    def stop(self) -> None:
        """The reader closes: a note still being written stays on disk (it closed without a
        save or a discard: a crash, a signal); drafts not offered go back for next time."""
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            for number in self._signals:
                loop.remove_signal_handler(number)
        self._signals = []
        session = self.finish(offer=False)
        if session is not None:
            session.keep()
            session.release()
        for found in self._offers:
            found.file.release()
        self._offers = []

    def _signalled(self, number: int) -> None:
        if self.active is not None:
            self.active.keep()
        # 128 + n: how a shell reports a process ended by signal n
        self.app.exit(return_code=128 + number)
        timer = threading.Timer(EXIT_GRACE_S, _end_by_signal, (number,))
        timer.daemon = True
        timer.start()

    # -- drafts left by readers that are gone --------------------------------------------------

    def notes_ready(self) -> None:
        """Once the notes are read (the first time), look for drafts left unsaved."""
        if self._looked:
            return
        self._looked = True
        self.app.run_worker(
            self._look_for_drafts,
            thread=True,
            group="drafts",
            description="Looking for notes left unsaved",
        )

    def _look_for_drafts(self) -> None:
        from annotations.drafts import recover_drafts

        found, damaged = recover_drafts(self.app.workspace.root)
        if found or damaged:
            self.app.call_from_thread(self._found, found, damaged)

    def _found(self, found: list[Recovered], damaged: list[Damaged]) -> None:
        for bad in damaged:
            self.app.tell(
                f"A note left unsaved cannot be read from {bad.path} ({bad.reason}). The file "
                "is left as it is: open it in a text editor to copy what it holds, then "
                "delete it.",
                "Cannot read a note draft",
                "error",
                timeout=30,
            )
        self._offers.extend(found)
        self._offer_next()

    def _offer_next(self) -> None:
        """Offer the next recovered draft, unless a note is being written (it waits)."""
        if not self._offers or self.active is not None or self.offering:
            return
        from tui.screens.drafts import offer_draft

        self.offering = True
        self.shown = self._offers.pop(0)
        offer_draft(self.app, self.shown, self._offered)

    def _offered(self) -> None:
        self.offering = False
        self.shown = None
        self._offer_next()


def _end_by_signal(number: int) -> None:
    """The reader did not close in time after ``number``: end as the signal would have."""
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)
