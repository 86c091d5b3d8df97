"""The event loop's side of the background work: what the reader does as results arrive.

The loader (:mod:`tui.loader`) and the notes worker (:mod:`tui.notes`) only post messages; the
app routes each one here (:class:`Arrivals` holds the handlers Textual finds by name on the
app). A pane may already be waiting for the document that arrives, the focused pane's status
and panels may have to follow, and a failure is reported without burying the user in toasts.
Timings the benchmarks read (``loading_finished_at``, ``claims_finished_at``) are taken here,
when the message reaches the loop.
"""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING, cast

from corpus.document import CONFLICTED, GUESSED
from corpus.formats import not_read_summary
from corpus.text import counted
from tui import dialogs, heap, side_panels
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Sequence

    from corpus.claims import Assessment
    from corpus.formats import NotRead
    from corpus.model import Document
    from tui.app import SynopticApp
    from tui.messages import (
        ClaimsAssessed,
        ClaimsFinished,
        DiskChecked,
        DocumentFailed,
        DocumentLoaded,
        LoadingFinished,
        LoadingProgress,
        MatchesFound,
        NoteRefused,
        NotesLoaded,
        NotesUnchanged,
        PassagesIndexed,
        PassagesNotIndexed,
        RulesLoaded,
        SharingChecked,
        SynopsisReady,
        WheelScrolled,
    )
    from tui.widgets.document_pane import DocumentPane

MAX_FAILURE_TOASTS = 3
"""Beyond this many unreadable folders, one summary replaces a toast per folder (files read
while opening are always said in one: see :func:`opening_problems`)."""
MAX_FOLDERS_NAMED = 10
"""Folders a summary of unreadable folders names before "and N more"."""


def document_loaded(app: SynopticApp, message: DocumentLoaded) -> None:
    """Fill the panes that wait for the document, and report how its encoding was guessed."""
    document = message.document
    for pane in app.panes:
        if pane.doc_id == document.id and pane.view.document is None:
            pane.show(document.id, document)
            say_if_conflicted(pane, document)
            pane.view.set_marks(app.claims.marks_for(document.id))
            if pane is app.active_pane:
                side_panels.show_position(app, pane.view)
                side_panels.refresh_claims(app)
    if any(notice.message == CONFLICTED for notice in document.notices):
        app.tell(f"{document.id} {CONFLICTED}.", "Merge conflict")
    if app.loading_finished_at is not None:  # while opening, one summary says them all
        for said in encoding_notices(document):
            app.tell(f"{document.id} {said}.", "Encoding", "information")


def encoding_notices(document: Document) -> list[str]:
    """What is said of how ``document``'s bytes were decoded (an encoding guessed, bytes
    replaced): said when it is read, and beside it in the document list (``d``)."""
    return [n.message for n in document.notices if n.message not in (CONFLICTED, "is empty")]


def say_if_conflicted(pane: DocumentPane, document: Document) -> None:
    """A document that git left mid-merge says so above its text, for as long as it is shown:
    its markers and both versions would otherwise read as what the document says."""
    if any(notice.message == CONFLICTED for notice in document.notices):
        pane.warn(
            f"This file {CONFLICTED}. Resolve the merge in the file (then git add it); it is "
            "shown again when saved."
        )


def document_failed(app: SynopticApp, message: DocumentFailed) -> None:
    """Say why in the panes that wait for it, and in a toast once the workspace is open (while
    it opens, one summary says every file at once: see :func:`loading_finished`)."""
    error = message.error
    app.failures[error.doc_id] = error
    for pane in app.panes:
        if pane.doc_id == error.doc_id:
            pane.show_failure(error.doc_id, error.reason)
            if pane is app.active_pane:  # its legend said "finding claims..."
                side_panels.refresh_claims(app)
    if app.loading_finished_at is not None:
        app.tell(f"{error}. The file was left untouched.", "Cannot read a document")


def folders_unlisted(app: SynopticApp) -> None:
    """Say which folders of the workspace could not be listed, as unreadable files are said.

    Their documents are in no pane, list or synopsis, so without a word the user would take the
    workspace for complete; the CLI commands say it on stderr, the reader with a toast each
    (one summary beyond a few, as for files).
    """
    messages = app.workspace.unlisted_messages()
    if len(messages) > MAX_FAILURE_TOASTS:
        # named here: the reader lists no folder anywhere else (the command it once sent the
        # user to was a trip to the terminal for a list one toast can hold)
        folders = [f"{folder}/" for folder, _ in app.workspace.unlisted]
        shown = ", ".join(folders[:MAX_FOLDERS_NAMED])
        more = len(folders) - MAX_FOLDERS_NAMED
        shown += f" and {more} more" if more > 0 else ""
        reasons = sorted({why for _, why in app.workspace.unlisted})
        why = f" ({reasons[0]})" if len(reasons) == 1 else ""
        messages = [
            f"{len(messages)} folders cannot be read{why}, so their documents are left out: {shown}"
        ]
    for message in messages:
        app.tell(f"{message}. The folder was left untouched.", "Cannot read a folder")


def files_not_read(app: SynopticApp, files: Sequence[NotRead]) -> None:
    """Name, in one notification, the files in a format Synoptic does not read (a PDF, a Word
    file): they are in no list, and a user would otherwise wonder where half their sources
    went. At opening for all of them, then by the watch for those that appear."""
    if files:
        app.tell(not_read_summary(files), "Files not read")


def loading_progress(app: SynopticApp, message: LoadingProgress) -> None:
    """Show the stage and count in the status bar until the stage is done."""
    status = app.query_one(StatusBar)
    heap.keep_built_now_and_then()  # a thousand documents' worth builds up before a stage ends
    if message.done < message.total:
        if message.percent:
            count = f"{100 * message.done // message.total}%"
        else:
            count = f"{message.done}/{message.total}"
        status.progress = f"{message.stage} {count}\N{HORIZONTAL ELLIPSIS}"
    else:
        status.progress = ""


def loading_finished(app: SynopticApp, message: LoadingFinished) -> None:
    """Every document is read: the notes can be placed now, and sharing checked after them."""
    app.loading_finished_at = time.perf_counter()
    heap.keep_built_once("documents")  # kept until the reader quits
    app.notes.load()
    app.sharing.start()
    app.disk_watch.start()  # its first look waits for the passage index
    app.query_one(StatusBar).progress = ""
    opening_problems(app)


def opening_problems(app: SynopticApp) -> None:
    """Say in one notice which files the opening could not read or read with a guessed
    encoding: a toast per file stacked four deep, the first gone before the last was read.
    The document list (``d``) keeps the details, each file with its reason."""
    failed = [
        app.failures[doc_id] for doc_id in app.workspace.document_ids if doc_id in app.failures
    ]
    decoded: list[str] = []
    guessed = 0
    for doc_id in app.workspace.document_ids:
        document = app.workspace.loaded(doc_id)
        for said in encoding_notices(document) if document is not None else ():
            decoded.append(f"{doc_id} {said}.")
            guessed += said.startswith(GUESSED)
    if len(failed) + len(decoded) == 1:  # one file: said as it is, with its reason
        if failed:
            app.tell(f"{failed[0]}. The file was left untouched.", "Cannot read a document")
        else:
            app.tell(decoded[0], "Encoding", "information")
        return
    parts = [f"{counted(len(failed), 'file')} not read"] if failed else []
    parts += [f"{counted(guessed, 'encoding')} guessed"] if guessed else []
    repaired = len(decoded) - guessed
    parts += [f"{counted(repaired, 'file')} with bytes replaced"] if repaired else []
    if not parts:
        return
    marks = " (\u201ccannot be read\u201d)" if failed else ""
    app.tell(
        f"{', '.join(parts)}: the document list (d) lists them{marks} with the reason. The "
        f"files were left untouched.",
        "Some documents were skipped" if failed else "Encoding",
        "warning" if failed else "information",
    )


def rules_loaded(app: SynopticApp, message: RulesLoaded) -> None:
    """The kinds are known: colour them, and say if the user's rules could not be used."""
    app.claims.set_kinds(message.kinds)
    side_panels.colour_claims(app)
    for problem in message.problems:
        app.tell(f"{problem}. The built-in rules are used instead.", "Claim rules not loaded")


def claims_assessed(app: SynopticApp, message: ClaimsAssessed) -> None:
    """One document's claims are known: highlight them, and tell the matcher their kinds."""
    document = app.workspace.loaded(message.doc_id)
    if document is not None and not _fits(document, message.assessments):
        return  # about a text since changed on disk (assessed again, its verdicts follow)
    app.claims.by_document[message.doc_id] = message.assessments
    app.parallel.kinds_changed(message.doc_id, message.assessments)
    side_panels.show_claims(app, message.doc_id)


def _fits(document: Document, assessments: Sequence[Assessment]) -> bool:
    """Whether ``assessments`` are about ``document``'s sentences as they are now."""
    sentences = document.sentences
    return len(assessments) == len(sentences) and all(
        (a.start, a.end) == (s.start, s.end) for a, s in zip(assessments, sentences, strict=True)
    )


def claims_finished(app: SynopticApp) -> None:
    """Every document has its claims: the passage index (for matching) can be built."""
    app.claims_finished_at = time.perf_counter()
    heap.keep_built_once("claims")
    app.query_one(StatusBar).progress = "Indexing passages\N{HORIZONTAL ELLIPSIS}"
    app.parallel.build_index()


def notes_loaded(app: SynopticApp, message: NotesLoaded) -> None:
    """Show the notes, give the loader the claim marks, and have it post again the documents
    whose marks changed.

    A document whose last mark was removed is assessed again too, so the app remembers which
    documents had marks the previous time.
    """
    if not app.notes.loaded(message):
        return
    app.disk_watch.notes_placed(message.number)
    heap.keep_built_once("notes")  # and where they are
    if not message.stale:  # else what it says of lost passages is about the old texts
        app.sharing.check(message.result)
    side_panels.refresh_notes(app)
    marks = app.notes.claim_marks()
    changed = set(marks) | app._marked_documents
    app._marked_documents = set(marks)
    # Set here, on the loop, in the order the notes arrive: whatever the loader posts from now
    # on carries these marks, even a document its claims stage had queued before they came.
    app.loader.marks = marks
    if changed:
        app.run_worker(
            partial(app.loader.reassess, changed),
            thread=True,
            group="reassess",
            description="Applying your claim marks",
        )


def passages_indexed(app: SynopticApp, message: PassagesIndexed) -> None:
    """The passage index is built: "Indexing passages…" (said by :func:`claims_finished`) ends,
    and matching can begin (unless a newer build is under way: this one is of older texts)."""
    if not app.parallel.latest(message):
        return
    app.query_one(StatusBar).progress = ""
    heap.keep_built_once("index")
    app.parallel.indexed(message)


class Arrivals:
    """The reader app's handlers of what the background work posts, each routed to the function
    above (or the part of the app that owns it): Textual finds ``on_<message>`` methods on the
    app's class and its bases by name, so they live here rather than crowding the app."""

    @property
    def _reader(self) -> SynopticApp:
        """This object, as the app it is mixed into."""
        return cast("SynopticApp", self)

    def on_document_loaded(self, message: DocumentLoaded) -> None:
        document_loaded(self._reader, message)

    def on_document_failed(self, message: DocumentFailed) -> None:
        document_failed(self._reader, message)

    def on_loading_progress(self, message: LoadingProgress) -> None:
        loading_progress(self._reader, message)

    def on_loading_finished(self, message: LoadingFinished) -> None:
        loading_finished(self._reader, message)

    def on_rules_loaded(self, message: RulesLoaded) -> None:
        rules_loaded(self._reader, message)

    def on_claims_assessed(self, message: ClaimsAssessed) -> None:
        claims_assessed(self._reader, message)

    def on_claims_finished(self, _message: ClaimsFinished) -> None:
        claims_finished(self._reader)

    def on_notes_loaded(self, message: NotesLoaded) -> None:
        notes_loaded(self._reader, message)
        self._reader.drafts.notes_ready()  # the first time: offer notes left unsaved

    def on_note_refused(self, message: NoteRefused) -> None:
        self._reader.notes.refused(message)

    def on_notes_unchanged(self, _message: NotesUnchanged) -> None:
        self._reader.sharing.check()

    def on_sharing_checked(self, message: SharingChecked) -> None:
        self._reader.sharing.checked(message.status)

    def on_passages_indexed(self, message: PassagesIndexed) -> None:
        passages_indexed(self._reader, message)

    def on_passages_not_indexed(self, message: PassagesNotIndexed) -> None:
        if not self._reader.parallel.latest(message):
            return  # a newer build is under way
        self._reader.query_one(StatusBar).progress = ""
        self._reader.parallel.not_indexed(message)

    def on_matches_found(self, message: MatchesFound) -> None:
        self._reader.parallel.found(message)
        side_panels.show_matches(self._reader)

    def on_synopsis_ready(self, message: SynopsisReady) -> None:
        groups = self._reader.parallel.synopsis_ready(message)
        if groups is not None:  # else of texts or claims since changed: grouped again
            heap.keep_built_once("synopsis")
            dialogs.open_synopsis(self._reader, groups)

    def on_disk_checked(self, message: DiskChecked) -> None:
        self._reader.disk_watch.checked(message)

    def on_wheel_scrolled(self, message: WheelScrolled) -> None:
        self._reader.parallel.wheeled(message.view)
