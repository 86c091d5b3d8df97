"""The reader's background work: read and segment every document, then find its claims.

Runs in one thread worker (see ``SynopticApp.load_documents``) and talks to the app only by
posting messages. Documents a pane is waiting for jump the queue, and the documents on screen
get their claims as soon as they are read; the rest are assessed once everything is
segmented, so neither the first paint nor "all documents ready" waits for claim detection.
Detection's verdicts come from the claims cache the CLI also uses (:mod:`corpus.claim_cache`)
when a document's bytes and the rules are those it was cached with; the cache is written
back once every document has its claims, so reopening an unchanged workspace assesses only the
documents on screen, which get theirs before the file is read (see ``VerdictStore.verdicts``).

The user's claim marks arrive with the notes, once every document is read, so often while
the claims stage is still going: every post applies the latest marks (see ``_assess``), or the
stage would post a document the marks' worker had just posted with them, without them.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from typing import TYPE_CHECKING

from corpus.errors import DocumentError
from tui.messages import (
    ClaimsAssessed,
    ClaimsFinished,
    DocumentFailed,
    DocumentLoaded,
    LoadingFinished,
    LoadingProgress,
    RulesLoaded,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from textual.message import Message

    from corpus.claim_cache import VerdictStore
    from corpus.model import Document
    from corpus.workspace import Workspace

FIRST_FRAME_WAIT = 0.5
"""Seconds the work waits for the first frame before starting regardless."""
QUICK_LOAD_BYTES = 256 * 1024
"""Documents up to this size may be loaded on the event loop for the first paint."""
PROGRESS_INTERVAL = 0.05
"""Seconds between progress messages: often enough to look alive, rarely enough to be free."""


class WorkspaceLoader:
    """Loads one workspace; ``want`` and ``on_screen`` steer it from the event loop."""

    def __init__(self, workspace: Workspace, post: Callable[[Message], object]) -> None:
        self.workspace = workspace
        self.post = post
        self.on_screen: frozenset[str] = frozenset()
        """Ids the panes show; replaced whole by the app, so reading it needs no lock."""
        self.painted = threading.Event()
        """Set by the app after its first frame; the work waits for it (briefly, at most)."""
        self._wanted: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._verdicts: VerdictStore | None = None
        self._starting = threading.Lock()
        """Held while the rules are read: the marks' worker may be the first to need them."""
        self._assessed: set[str] = set()
        self.marks: Mapping[str, Sequence[tuple[int, int, bool]]] = {}
        """The user's claim marks by document; replaced whole by the app, on the event loop,
        before it asks for the documents whose marks changed to be assessed again."""
        self._posting = threading.Lock()
        """Held from reading :attr:`marks` to posting the verdicts they made, so the verdicts
        a thread posts last were made with marks as new as any posted before them."""

    def load_now_if_small(self, doc_id: str) -> None:
        """Load a document on the caller's thread when that takes a few milliseconds.

        The app does this for the panes' first documents, saving a round trip through the
        worker before the first paint. Anything big, and any error, is left to the worker,
        which reports it like every other document.
        """
        try:
            small = self.workspace.path_of(doc_id).stat().st_size <= QUICK_LOAD_BYTES
        except OSError:
            return
        if small:
            with contextlib.suppress(DocumentError):
                self.workspace.load(doc_id)

    def want(self, doc_id: str) -> None:
        """Load ``doc_id`` next (a pane is waiting for it)."""
        self._wanted.put(doc_id)

    def _next(self, remaining: Mapping[str, object]) -> str:
        while not self._wanted.empty():
            wanted = self._wanted.get_nowait()
            if wanted in remaining:
                return wanted
        return next(iter(remaining))

    def run(self, cancelled: Callable[[], bool]) -> None:
        """Do all the work, checking ``cancelled`` between documents.

        It starts once the first frame is on screen: the thread would otherwise compete with
        the event loop for the interpreter exactly while the user waits for that frame.
        """
        self.painted.wait(timeout=FIRST_FRAME_WAIT)
        started = time.perf_counter()
        remaining = dict.fromkeys(self.workspace.document_ids)
        total = len(remaining)
        loaded: list[Document] = []
        failed = 0
        last_progress = 0.0
        while remaining and not cancelled():
            doc_id = self._next(remaining)
            del remaining[doc_id]
            try:
                document = self.workspace.load(doc_id)
            except DocumentError as error:
                failed += 1
                self.post(DocumentFailed(error))
            else:
                loaded.append(document)
                self.post(DocumentLoaded(document))
                if doc_id in self.on_screen:
                    self._assess(document, unread=True)
            now = time.perf_counter()
            if now - last_progress > PROGRESS_INTERVAL or not remaining:
                last_progress = now
                self.post(LoadingProgress("Reading documents", total - len(remaining), total))
        if cancelled():
            return
        self.post(LoadingFinished(len(loaded), failed, time.perf_counter() - started))
        self._assess_rest(loaded, cancelled)

    def _assess_rest(self, documents: list[Document], cancelled: Callable[[], bool]) -> None:
        started = time.perf_counter()
        pending = {d.id: d for d in documents if d.id not in self._assessed}
        total = len(pending)
        last_progress = 0.0
        while pending and not cancelled():
            doc_id = self._next(pending)
            self._assess(pending.pop(doc_id))
            now = time.perf_counter()
            if now - last_progress > PROGRESS_INTERVAL or not pending:
                last_progress = now
                self.post(LoadingProgress("Finding claims", total - len(pending), total))
        if not cancelled():
            if self._verdicts is not None:
                # before the index is built, so the file's text and the index are not in
                # memory at once; on an unchanged workspace there is nothing to write
                self._verdicts.save()
            self.post(ClaimsFinished(time.perf_counter() - started))

    def reassess(self, docs: set[str]) -> None:
        """Post ``docs``' claims again, with the user's latest claim marks (runs in a worker
        thread); one not read yet gets them when the loader posts it."""
        for doc_id in sorted(docs):
            document = self.workspace.loaded(doc_id)
            if document is not None:
                self._assess(document)

    def _store(self) -> VerdictStore:
        """The claims cache, with the rules in force, read when claims are first needed."""
        with self._starting:
            if self._verdicts is None:
                from corpus.claim_cache import VerdictStore
                from corpus.claim_rules import load_rules

                rules, problems = load_rules(self.workspace.root)
                root, listed = self.workspace.root, self.workspace.document_ids
                self._verdicts = VerdictStore(root, rules, listed)
                self.post(RulesLoaded(tuple(kind.label for kind in rules.kinds), problems))
            return self._verdicts

    def _assess(self, document: Document, *, unread: bool = False) -> None:
        """Post ``document``'s claims with the user's latest marks; ``unread``: while documents
        are still being read, by detection rather than by reading the whole claims cache (see
        VerdictStore.verdicts).

        The loader and the marks' worker both post; whichever posts a document last must not
        undo newer marks, so the marks are read, applied and posted under one lock. Marks the
        app sets after that are followed by a ``reassess`` of their documents, posted later.
        """
        from corpus.claims import ClaimOverride, with_overrides  # off the start-up path

        store = self._store()
        self._assessed.add(document.id)
        found = store.verdicts(document, unread=unread)  # the slow part, outside the lock
        with self._posting:
            marks = self.marks.get(document.id, ())
            overrides = [
                ClaimOverride(document.id, start, end, is_claim) for start, end, is_claim in marks
            ]
            verdicts = with_overrides(document, found, overrides, store.rules)
            self.post(ClaimsAssessed(document.id, verdicts))
