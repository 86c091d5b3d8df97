"""Messages that travel across the whole app (a widget's own messages are nested in it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.placement import Placed
    from annotations.sharing import SharingStatus
    from annotations.store import LoadResult
    from corpus.claim_rules import RulesError
    from corpus.claims import Assessment
    from corpus.errors import DocumentError
    from corpus.matching import MatchResult, PassageIndex
    from corpus.model import Document
    from corpus.synopsis import ClaimGroup
    from tui.watching import DiskChanges
    from tui.widgets.cursor_moves import CursorMoves


class DocumentLoaded(Message):
    """A document has been read and segmented by the loading worker."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document


class DocumentFailed(Message):
    """A document could not be read; the file is untouched and the user is told why."""

    def __init__(self, error: DocumentError) -> None:
        super().__init__()
        self.error = error


class LoadingProgress(Message):
    """How far a stage has got; replaces itself so a slow UI never queues a backlog."""

    def __init__(self, stage: str, done: int, total: int, *, percent: bool = False) -> None:
        super().__init__()
        self.stage = stage
        self.done = done
        self.total = total
        self.percent = percent
        """Shown as a percentage: the count is of steps a user has no name for."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadingProgress)


class LoadingFinished(Message):
    """Every document of the workspace has been tried."""

    def __init__(self, loaded: int, failed: int, seconds: float) -> None:
        super().__init__()
        self.loaded = loaded
        self.failed = failed
        self.seconds = seconds


class DiskChecked(Message):
    """A look at the workspace folder is done: what changed on disk since the documents were
    read (None when the look itself failed, so the next one may start)."""

    def __init__(self, changes: DiskChanges | None) -> None:
        super().__init__()
        self.changes = changes


class RulesLoaded(Message):
    """The claim rules are compiled: their kinds, and any problem with the workspace's file."""

    def __init__(self, kinds: tuple[str, ...], problems: list[RulesError]) -> None:
        super().__init__()
        self.kinds = kinds
        self.problems = problems


class ClaimsAssessed(Message):
    """Every sentence of one document has been assessed."""

    def __init__(self, doc_id: str, assessments: list[Assessment]) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.assessments = assessments


class ClaimsFinished(Message):
    """Claims are known for every readable document."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds


class PassagesIndexed(Message):
    """The passage index is ready: matching and the synopsis can start."""

    def __init__(self, index: PassageIndex, analysed: int, seconds: float, build: int = 0) -> None:
        super().__init__()
        self.index = index
        self.analysed = analysed
        """Documents whose text had to be analysed (the others came from the cache)."""
        self.seconds = seconds
        self.build = build
        """Which build of the index this is: one overtaken by a newer build is dropped."""


class PassagesNotIndexed(Message):
    """The passage index could not be built: matching is unavailable until it is built again."""

    def __init__(self, reason: str, build: int = 0) -> None:
        super().__init__()
        self.reason = reason
        """Why, in words (the error as Python says it)."""
        self.build = build
        """Which build of the index failed: one overtaken by a newer build is not reported."""


class MatchesFound(Message):
    """The best passages of the other documents for one sentence, with the words to mark.

    ``spans`` holds, for the query and for each match (by document id and start), the
    offsets of the shared words in that passage.
    """

    def __init__(
        self,
        result: MatchResult,
        query_spans: list[tuple[int, int]],
        spans: dict[tuple[str, int], list[tuple[int, int]]],
    ) -> None:
        super().__init__()
        self.result = result
        self.query_spans = query_spans
        self.spans = spans


class SynopsisReady(Message):
    """The claim groups of the workspace, most widely made first."""

    def __init__(self, groups: list[ClaimGroup], build: int = 0) -> None:
        super().__init__()
        self.groups = groups
        self.build = build
        """Which grouping this is: one of texts or claims since changed is dropped."""


class NotesLoaded(Message):
    """Every annotation of the workspace, placed on the documents as they are now."""

    def __init__(
        self,
        author: str,
        placed: list[Placed],
        problems: list[str],
        tags: list[str],
        changed: Annotation | None = None,
    ) -> None:
        super().__init__()
        self.author = author
        self.placed = placed
        self.problems = problems
        """Files that could not be read (file and line): their notes are read-only."""
        self.tags = tags
        self.changed = changed
        """The annotation just saved, when this follows a write."""
        self.saving = False
        """Whether this follows a write (rather than a plain load)."""
        self.result: LoadResult | None = None
        """The store's answer these notes were placed from (with tombstones, for sharing)."""
        self.number = 0
        """Which read or write this answers; older answers than the one shown are stale."""
        self.stale = False
        """Whether a document with notes changed on disk since the text they were placed on
        was read: they are placed again once it is shown again."""
        self.own: frozenset[str] = frozenset()
        """The ids of the stored notes the user may edit or delete (see
        :meth:`annotations.store.AnnotationStore.own_ids`)."""


class NotesUnchanged(Message):
    """A refresh found the annotations folder as it was: only git's side may have changed."""


class SharingChecked(Message):
    """What changed in the shared workspace: notes by others, unmerged or unshared files."""

    def __init__(self, status: SharingStatus) -> None:
        super().__init__()
        self.status = status


class NoteRefused(Message):
    """A write was refused (someone else's note, an unreadable file, a bad link ...)."""

    def __init__(self, reason: str, *, saving: bool = True) -> None:
        super().__init__()
        self.reason = reason
        self.saving = saving


class WheelScrolled(Message):
    """The mouse wheel scrolled a document view (sent before it scrolls, read after)."""

    def __init__(self, view: CursorMoves) -> None:
        super().__init__()
        self.view = view
