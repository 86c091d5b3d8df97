"""Annotations in the reader: loading, placing and saving them, off the event loop.

The store does the careful part (locks, atomic writes, never touching an unreadable or foreign
file); this object runs it in thread workers and keeps what the panes need: for each document,
where its notes are now. After every write the store is re-read (cheap: unchanged files are
not re-parsed), so the reader also picks up notes another process added meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.messages import NoteRefused, NotesLoaded, NotesUnchanged

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from datetime import datetime

    from annotations.model import Annotation
    from annotations.placement import Placed
    from annotations.store import AnnotationStore, LoadResult
    from corpus.files import FileStamp
    from corpus.workspace import Workspace
    from tui.app import SynopticApp


class ReaderNotes:
    """The workspace's annotations as the reader shows them."""

    def __init__(self, app: SynopticApp, author: str | None = None) -> None:
        self.app = app
        self.requested_author = author
        """``--author`` from the command line; None resolves it as the CLI does."""
        self.store: AnnotationStore | None = None
        self.author = ""
        self.placed: list[Placed] = []
        self.by_id: dict[str, Placed] = {}
        self.deleted: dict[str, Annotation] = {}
        """Tombstones by id (none of a live note's): what a reply to a deleted note answered."""
        self.deleted_here: list[str] = []
        """The notes the user deleted in this reader, last deleted last: what Ctrl+Z brings
        back (see :func:`tui.note_choice.undo_delete`)."""
        self.tags: list[str] = []
        self.problems: list[str] = []
        self.unavailable: str | None = None
        """Why there are no notes at all (an unusable author setting), or None."""
        self.saving = 0
        """Writes under way: actions that read the notes wait for them (see ``when_saved``)."""
        self._after_save: list[Callable[[], None]] = []
        self._started = 0
        """Reads and writes started; each result carries its number so that a slow read that
        finishes after a newer one cannot put older notes back on screen."""
        self._shown = 0
        self._result: LoadResult | None = None
        """The store's last answer: an unchanged folder is not placed again on refresh."""
        self._own: frozenset[str] = frozenset()
        self._stored: frozenset[str] = frozenset()
        """Which stored notes are the user's, and every stored id, as of the notes shown:
        asked for each note on screen, so answered without looking at the files."""

    @property
    def ready(self) -> bool:
        return self.store is not None

    def load(self) -> int:
        """Read every author's notes and place them, in a worker; returns the number its
        :class:`NotesLoaded` will carry."""
        return self._run(None, "Reading notes")

    def refresh(self) -> None:
        """Pick up notes written by others meanwhile (a ``git pull``, a second reader).

        Cheap when nothing changed: the store re-reads only files whose size or time changed,
        and an unchanged answer is not placed again.
        """
        if self.ready and not self.saving:
            self._run(None, "Checking for new notes", only_if_changed=True)

    def save(self, change: Callable[[AnnotationStore], Annotation | None], description: str) -> int:
        """Apply ``change`` to the store in a worker, then re-read and re-place everything;
        returns the number its :class:`NotesLoaded` will carry. ``change`` returns the note
        it saved, or None when it saved none (and said why)."""
        self.saving += 1
        return self._run(change, description)

    def when_saved(self, action: Callable[[], None]) -> bool:
        """Run ``action`` once pending writes are done; False if there are none (run it now).

        A key pressed twice quickly must see the first press's note, not the state before it.
        """
        if not self.saving:
            return False
        self._after_save.append(action)
        return True

    def _saved(self) -> None:
        self.saving = max(self.saving - 1, 0)
        if not self.saving:
            waiting, self._after_save = self._after_save, []
            for action in waiting:
                action()

    def _run(
        self,
        change: Callable[[AnnotationStore], Annotation | None] | None,
        what: str,
        *,
        only_if_changed: bool = False,
    ) -> int:
        app = self.app
        texts = {d.id: d.text for d in app.loaded_documents()}
        workspace = app.workspace
        stamps = {doc_id: workspace.stamp_of(doc_id) for doc_id in texts}
        self._started += 1
        number = self._started

        def work() -> None:
            from annotations.author import resolve_author
            from annotations.errors import AnnotationError
            from annotations.placement import place_all
            from annotations.store import AnnotationStore

            try:
                store = self.store
                if store is None:
                    root = app.workspace.root
                    store = AnnotationStore(root, resolve_author(root, self.requested_author))
                    self.store = store
                changed = change(store) if change is not None else None
            except AnnotationError as exc:
                # Saving: that change is refused. Reading: no store could be made (an unusable
                # author setting); the documents stay readable and note actions say why.
                app.post_message(NoteRefused(str(exc), saving=change is not None))
                return
            result = store.load()
            if only_if_changed and result is self._result:
                app.post_message(NotesUnchanged())
                return
            self._result = result
            placed = place_all(result.annotations, texts)
            problems = [str(problem) for problem in result.problems]
            message = NotesLoaded(store.author, placed, problems, store.tags(), changed)
            message.saving = change is not None
            message.result = result
            message.number = number
            message.stale = _changed_on_disk(result.annotations, stamps, workspace)
            message.own = store.own_ids()
            app.post_message(message)

        app.run_worker(work, thread=True, group="notes", description=what)
        return number

    def loaded(self, message: NotesLoaded) -> bool:
        """Keep the placed notes and mark them in every pane; False for a stale answer."""
        if message.number < self._shown:
            if message.saving:
                self._saved()
            return False
        if message.stale:
            # Placed on texts that changed on disk since they were read (a pull brought new
            # notes and new wording at once): look at the disk now; the reload places them
            # again on the new texts. A first read or a write is shown meanwhile, as it is
            # needed; a refresh is not, or a note on the new wording would be shown lost.
            self._result = None  # so the next refresh places them again in any case
            self.app.disk_watch.look(for_notes=True)
            if self._shown and not message.saving:
                return False
        self._shown = message.number
        self.author = message.author
        self.placed = message.placed
        self.by_id = {p.annotation.id: p for p in message.placed}
        if message.result is not None:
            self.deleted = {a.id: a for a in message.result.tombstones if a.id not in self.by_id}
            stored = (*message.result.annotations, *message.result.tombstones)
            self._stored = frozenset(a.id for a in stored)
            self._own = message.own
        self.tags = message.tags
        new_problems = [p for p in message.problems if p not in self.problems]
        self.problems = message.problems
        for problem in new_problems:
            self.app.tell(
                f"{problem}. The file is left untouched and its author's notes are read-only "
                "until it is fixed.",
                "Cannot read an annotation file",
                timeout=20,
            )
        for pane in self.app.panes:
            pane.view.set_note_spans(self.spans_for(pane.doc_id))
        if message.saving:
            self._saved()
        return True

    def refused(self, message: NoteRefused) -> None:
        """A write was refused, or the notes cannot be read at all: say why; what waited for
        it may go on."""
        if message.saving:
            self.app.tell(message.reason, "Not saved", "error")
            self._saved()
        else:
            self.unavailable = message.reason
            self.app.tell(
                f"{message.reason} The documents are shown; notes are off until this is fixed.",
                "Notes cannot be read",
                "error",
                timeout=30,
            )

    def spans_for(self, doc_id: str | None) -> list[tuple[int, int]]:
        """Where the notes of ``doc_id`` are now (orphans have no place)."""
        return [
            (p.anchor.start, p.anchor.end)
            for p in self.placed
            if p.annotation.target.doc == doc_id
            and p.anchor.start is not None
            and p.anchor.end is not None
        ]

    def at(self, doc_id: str | None, span: tuple[int, int] | None) -> list[Placed]:
        """Notes on ``doc_id`` whose passage overlaps ``span``, each followed by its replies."""
        if doc_id is None or span is None:
            return []
        start, end = span
        here = [
            p
            for p in self.placed
            if p.annotation.target.doc == doc_id
            and p.anchor.start is not None
            and p.anchor.end is not None
            and p.anchor.start < end
            and start < p.anchor.end
        ]
        return thread(here, self.placed)

    def is_own(self, annotation: Annotation) -> bool:
        """Whether the user may edit or delete ``annotation`` (as the store's ``is_own``
        says, as of the notes shown: a write checks again, under the file's lock)."""
        if self.store is None:
            return False
        if annotation.id in self._stored:
            return annotation.id in self._own
        return annotation.author == self.store.author

    def claim_marks(self) -> dict[str, list[tuple[int, int, bool]]]:
        """Per document, the sentences the user marked as claim (True) or not (False), oldest
        first, so the latest mark on a sentence wins: ordered as the CLI orders them, by the
        moment each was made (an imported mark keeps its tool's time zone)."""
        from annotations.placement import claim_overrides

        marks: dict[str, list[tuple[int, int, bool]]] = {}
        for mark in claim_overrides(self.placed):
            marks.setdefault(mark.doc_id, []).append((mark.start, mark.end, mark.is_claim))
        return marks


def _changed_on_disk(
    annotations: Iterable[Annotation],
    stamps: Mapping[str, FileStamp | None],
    workspace: Workspace,
) -> bool:
    """Whether the file of a document with notes differs from when the text placed them on
    was read (one ``stat`` per such document: nothing beside reading the notes)."""
    noted = {a.target.doc for a in annotations} & stamps.keys()
    return any(workspace.stamp_now(doc_id) != stamps[doc_id] for doc_id in sorted(noted))


def thread(notes: list[Placed], everything: list[Placed]) -> list[Placed]:
    """``notes`` in reading order with each one's replies (from ``everything``) after it,
    in the order they were written (by moment: an imported reply keeps its tool's zone)."""
    from annotations.times import instant

    def written(reply: Placed) -> tuple[datetime, str]:
        return instant(reply.annotation.created), reply.annotation.id

    replies: dict[str, list[Placed]] = {}
    for p in everything:
        if p.annotation.reply_to is not None:
            replies.setdefault(p.annotation.reply_to, []).append(p)
    ids = {p.annotation.id for p in notes}
    roots = [p for p in notes if p.annotation.reply_to not in ids]
    ordered: list[Placed] = []
    seen: set[str] = set()

    def add(p: Placed) -> None:
        if p.annotation.id in seen:
            return
        seen.add(p.annotation.id)
        ordered.append(p)
        for reply in sorted(replies.get(p.annotation.id, []), key=written):
            add(reply)

    for p in roots:
        add(p)
    return ordered


def depth(placed: Placed, by_id: dict[str, Placed]) -> int:
    """How deep a reply is nested (0 for a note that answers nobody); a reply cycle (only a
    hand edit makes one) is counted once round."""
    level = 0
    current = placed.annotation.reply_to
    while current is not None and current in by_id and level < len(by_id):
        level += 1
        current = by_id[current].annotation.reply_to
    return level
