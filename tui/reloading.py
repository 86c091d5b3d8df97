"""Showing documents again after they changed on disk, without losing anything.

The design is the simplest that stays right: a changed document is swapped whole for its new
text, and each stage that opening ran on it runs again, in workers, as opening runs it (its
claims, the passage index, the placing of every note). No incremental patching of offsets,
which would have to be right in every stage at once.

What the user had is kept. Each pane showing the document stays on the same sentence, found
again in the new text by anchoring, as a note is (or on the nearest place when that sentence
was rewritten or deleted), at the same row of the screen. A note being written lives on a
screen of its own, which nothing here touches; its passage is re-attached when it is saved, as
any note's is. A file that changed but can no longer be read (half-written, replaced by binary
garbage) is left alone, and the last good text stays on screen and keeps its notes. A deleted
document's pane keeps its text, with a notice, until another document is opened there; its
notes are kept, and counted with the orphans as any note that lost its passage is. A document
renamed (the same bytes gone from one name and come under another: ``git mv``; or nearly the
same, renamed and edited in one pull) is shown under its new name in the panes that showed it,
and the user's own notes on it move with it, as the notes list's re-attach would move them one
by one, then are placed on its text as after any edit, and their links into it (from any of the
user's notes) follow it; others' notes are theirs to move. A note being written on it, or
citing it, follows it too, in its draft on disk as well (see :mod:`tui.drafts`).

The status bar says what happened in words, and once the notes are placed again where they
went ("a.md changed on disk; reloaded; 2 notes moved, 1 could not be placed").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from corpus.document import CONFLICTED
from corpus.errors import DocumentError
from tui import arrivals, renames, side_panels
from tui.messages import DocumentFailed
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.placement import Placed
    from corpus.files import FileStamp
    from corpus.model import Document
    from tui.app import SynopticApp
    from tui.watching import DiskChanges
    from tui.widgets.document_pane import DocumentPane

NEWS_S = 30.0
"""Seconds the status bar says what changed on disk; by then it is old news."""
GONE = "was deleted or renamed on disk"
"""Why a document that was there is no longer listed (``app.failures`` says it from now on,
so a pane asked to show it later says so instead of waiting for it)."""


@dataclass(frozen=True, slots=True)
class NotesReport:
    """The notes of reloaded documents as they were, to say where they went once placed again."""

    number: int
    """The notes read that places them on the new text; an earlier answer is not about it."""
    before: dict[str, Placed]
    """By id, the notes of the documents that changed, appeared or went, where they were."""
    news: str
    """What the status bar said of the change, to which the notes' fate is added."""


def apply(app: SynopticApp, changes: DiskChanges) -> bool:
    """Take in what changed on disk: new texts on screen, stages run again, the user told;
    True when the notes are being placed again."""
    workspace = app.workspace
    reread = {document.id for document, _ in changes.changed}
    affected = reread | set(changes.removed)
    before = {p.annotation.id: p for p in app.notes.placed if p.annotation.target.doc in affected}
    news: list[str] = []
    for doc_id, stamp in changes.touched.items():
        workspace.keep(doc_id, stamp)  # the same bytes: nothing to read again next time
        if _readable_again(app, doc_id):
            news.append(f"{doc_id} can be read again, as it was")
    for document, stamp in changes.changed:
        _take(app, document, stamp)
    _said_of(news, [d for d in sorted(reread) if d not in changes.added], "changed on disk")
    conflicted = sorted(d.id for d, _ in changes.changed if CONFLICTED in _notices(d))
    if conflicted:  # a pull stopped on a conflict: its markers are in the text now
        what = conflicted[0] if len(conflicted) == 1 else f"{len(conflicted)} documents"
        has = "has" if len(conflicted) == 1 else "have"
        news.append(f"{what} {has} git merge-conflict markers")
        app.tell(
            f"{', '.join(conflicted)} {CONFLICTED.removeprefix('has ')}: the merge stopped on "
            "a conflict. Resolve it in the file; it is shown again when saved.",
            "Merge conflict",
        )
    renamed = changes.renamed
    new = [d for d in changes.added if d in reread and d not in renamed.values()]
    if new:
        _open_in_empty_panes(app, new)
        what = new[0] if len(new) == 1 else f"{len(new)} documents"
        news.append(f"{what} {'is' if len(new) == 1 else 'are'} new (d lists the documents)")
    for error, stamp in changes.unreadable:
        if _unreadable(app, error, stamp):
            news.append(f"{error.doc_id} changed but cannot be read; its last text is kept")
    gone = [doc_id for doc_id in changes.removed if doc_id not in renamed]
    for doc_id in gone:
        _gone(app, doc_id)
    _said_of(news, gone, GONE)
    moving: list[Annotation] = []
    for old, new_id in renamed.items():
        was, now = workspace.loaded(old), workspace.loaded(new_id)
        edited = was is not None and now is not None and was.sha256 != now.sha256
        moving += renames.renamed(app, old, new_id, before)
        news.append(f"{old} was renamed to {new_id}" + (" and edited" if edited else ""))
    if renamed:
        moving += renames.citing(app, renamed)
    if news:
        say(app, "; ".join(news))
    if affected:
        _run_stages_again(app, reread, affected, before, "; ".join(news), moving, renamed)
    side_panels.show_position(app, app.active_pane.view)
    side_panels.refresh_claims(app)
    return bool(affected)


def _notices(document: Document) -> list[str]:
    return [notice.message for notice in document.notices]


def _said_of(news: list[str], doc_ids: list[str], happened: str) -> None:
    """Add "a.md changed on disk; reloaded", or "3 documents changed on disk; reloaded"."""
    if not doc_ids:
        return
    what = doc_ids[0] if len(doc_ids) == 1 else f"{len(doc_ids)} documents"
    verb = happened.replace("was ", "were ") if len(doc_ids) > 1 else happened
    news.append(f"{what} {verb}" + ("; reloaded" if happened != GONE else ""))


def _take(app: SynopticApp, document: Document, stamp: FileStamp | None) -> None:
    """Serve ``document``'s new text from now on and show it in its panes, in place."""
    app.workspace.keep(document.id, stamp, document)
    app.failures.pop(document.id, None)
    app.disk_watch.spoilt.discard(document.id)
    app.claims.by_document.pop(document.id, None)  # about the old sentences; new ones follow
    for pane in app.panes:
        if pane.doc_id == document.id:
            show_again(pane, document)


def show_again(pane: DocumentPane, document: Document) -> None:
    """Show ``document``'s new text in ``pane`` with the cursor on the same sentence, found
    by anchoring (or the nearest place left), on the same row of the screen."""
    view = pane.view
    old = view.document
    sentence, row = 0, None
    if old is not None and view.cursor >= 0 and document.sentences:
        was = old.sentences[view.cursor]
        sentence = document.sentence_at(_follow(old, document, was.start, was.end)) or 0
        # off screen too (scrolled away with the wheel): the view stays where it was
        row = view.cursor_row(anywhere=True)
    pane.show(document.id, document, sentence=sentence)
    arrivals.say_if_conflicted(pane, document)
    if row is not None:
        view.put_on_row(document.sentences[sentence].start, row)


def _follow(old: Document, new: Document, start: int, end: int) -> int:
    """Where ``old.text[start:end]`` is in ``new.text``; the same offset (as near as the new
    text allows) when it was rewritten or deleted."""
    from annotations.anchoring import anchor
    from annotations.target import Target

    found = anchor(Target.from_span(old.id, old.text, start, end), new.text, new.sha256)
    if found.start is not None:
        return found.start
    return min(start, max(len(new.text) - 1, 0))


def _open_in_empty_panes(app: SynopticApp, new: list[str]) -> None:
    """A workspace opened empty shows the first document added to it."""
    for pane in app.panes:
        if pane.doc_id is None:
            app.open_document(new[0], pane)


def _unreadable(app: SynopticApp, error: DocumentError, stamp: FileStamp | None) -> bool:
    """A changed (or new) file cannot be read: keep what was read before and say why once;
    True when it had text on screen, which is kept."""
    doc_id = error.doc_id
    app.workspace.keep(doc_id, stamp)  # not read again until it changes again
    if app.workspace.loaded(doc_id) is None:  # it had no text: say it as opening would
        known = app.failures.get(doc_id)
        if known is None or known.reason != error.reason:
            arrivals.document_failed(app, DocumentFailed(error))
        return False
    app.disk_watch.spoilt.add(doc_id)
    for pane in app.panes:
        if pane.doc_id == doc_id and pane.view.document is not None:
            pane.warn(
                f"Changed on disk, but cannot be read now: it {error.reason}. This is the text "
                "last read; the file was left untouched."
            )
    app.tell(
        f"{doc_id} changed on disk but cannot be read now: it {error.reason}. The text last "
        "read is kept, with its notes, and the file was left untouched.",
        "Cannot read a document",
    )
    return True


def _readable_again(app: SynopticApp, doc_id: str) -> bool:
    """A file that could not be read holds the bytes shown again (a ``git checkout`` of it):
    its panes drop their notice; True if there was one."""
    document = app.workspace.loaded(doc_id)
    if doc_id not in app.disk_watch.spoilt or document is None:
        return False
    app.disk_watch.spoilt.discard(doc_id)
    for pane in app.panes:
        if pane.doc_id == doc_id and pane.view.document is not None:
            show_again(pane, document)
            pane.view.set_marks(app.claims.marks_for(doc_id))
            pane.view.set_note_spans(app.notes.spans_for(doc_id))
    return True


def _gone(app: SynopticApp, doc_id: str) -> None:
    """``doc_id``'s file is gone: its panes keep the text with a notice; its notes are kept."""
    app.workspace.forget(doc_id)
    app.failures[doc_id] = DocumentError(doc_id, GONE)
    for pane in app.panes:
        if pane.doc_id != doc_id:
            continue
        if pane.view.document is None:
            pane.show_failure(doc_id, GONE)
        else:
            pane.warn(
                "Deleted or renamed on disk: this is the text last read, kept until you open "
                "another document here. Its notes are kept (u lists those without a place)."
            )
    app.tell(
        f"{doc_id} {GONE}. Its pane keeps the text last read, and its notes are kept: if it "
        "was renamed, re-attach them to the new file from the notes list (l).",
        "Document gone",
    )


def _run_stages_again(
    app: SynopticApp,
    reread: set[str],
    affected: set[str],
    before: dict[str, Placed],
    news: str,
    moving: list[Annotation],
    renamed: dict[str, str],
) -> None:
    """Claims, the passage index and the notes' places, for the texts now shown (and the
    user's notes on a renamed document moved first, so they are placed under its new id, as
    are their links into it)."""
    if reread:
        app.run_worker(
            partial(app.loader.reassess, reread),
            thread=True,
            group="reassess",
            description="Finding claims in the documents changed on disk",
        )
    _forget_matches(app, affected)
    parallel = app.parallel
    parallel.index = None  # matching waits for the new one ("Still indexing passages")
    parallel.documents_changed(sorted(affected))  # the synopsis's offsets are of old texts
    parallel.build_index()
    if app.notes.unavailable is None:  # else asking again would only repeat why not
        number = renames.move_notes(app, moving, renamed) if moving else app.notes.load()
        app.disk_watch.report = NotesReport(number, before, news)


def _forget_matches(app: SynopticApp, affected: set[str]) -> None:
    """Matches that involve a changed document point into its old text: drop them."""
    parallel = app.parallel
    result = parallel.result
    if result is None:
        return
    involved = {result.query.doc_id, *(m.passage.doc_id for m in result.matches)}
    if not involved & affected:
        return
    parallel.result = None
    parallel.by_pane.clear()
    parallel.spans = {}
    for pane in app.panes:
        pane.set_match_label("")
        pane.view.clear_passage()
        pane.view.show_terms([])


def report_notes(app: SynopticApp, report: NotesReport) -> None:
    """Say how many notes of the reloaded documents moved, and how many lost their place."""
    moved = 0
    lost: list[str] = []
    for note_id, then in report.before.items():
        now = app.notes.by_id.get(note_id)
        if now is None:
            continue  # deleted meanwhile
        if now.orphaned:
            if not then.orphaned:
                lost.append(note_id)
        elif then.orphaned or (now.start, now.end) != (then.start, then.end):
            moved += 1
    fate = []
    if moved:
        fate.append(f"{moved} note{'s' if moved > 1 else ''} moved")
    if lost:
        whose = "" if moved else f" note{'s' if len(lost) > 1 else ''}"
        fate.append(f"{len(lost)}{whose} could not be placed (kept; u lists them)")
        app.sharing.said_lost(lost)  # once is enough: no "just lost their passage" toast too
    if fate:
        say(app, "; ".join(filter(None, [report.news, ", ".join(fate)])))


def say(app: SynopticApp, news: str) -> None:
    """Put ``news`` in the status bar for :data:`NEWS_S` seconds."""
    bar = app.query_one(StatusBar)
    bar.news = news
    watch = app.disk_watch
    if watch.news_timer is not None:
        watch.news_timer.stop()

    def fade() -> None:
        if bar.news == news:
            bar.news = ""

    watch.news_timer = app.set_timer(NEWS_S, fade, name="disk news")
