"""The Markdown report: every note of a workspace, readable on GitHub or in any Markdown viewer.

Layout: a header (workspace, how many notes by whom, "notes up to" the newest note's time,
a table of the documents, each with the start of its file's SHA-256, so a reader can tell
whether their copy of an article is the version that was checked); then for each document,
in document id order, each annotated passage under a heading with its location, quoted,
followed by its notes as a list, replies nested under the note they answer (a reply on
another passage quotes its own); then the claim synopsis as a table (claims × documents);
then the notes whose passage could not be found, with the quote they were made on.

**Same input, same bytes.** Nothing depends on the clock, the machine or dictionary order: the
report's date is the newest ``modified`` time among the exported notes (shown as "notes up to
..."), and everything is sorted. Passages are placed with :func:`annotations.placement.place_all`,
as everywhere else, so the report agrees with the reader on where a note is.

**User text cannot change the report's structure**: every piece of it goes through
:mod:`annotations.markdown_escape`, which shows it as literal text.

**The last line is the report's seal**, an HTML comment with its checksum (invisible when
rendered): an export replaces a report only while it is exactly as written, so conclusions a
user adds to it are never overwritten (:mod:`corpus.export_guard`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotations.anchoring import AnchorState
from annotations.labels import Verdict
from annotations.markdown_escape import cell, text_block
from annotations.placement import Placed, place_all
from annotations.report_threads import (
    TITLE_CHARS,
    Thread,
    format_time,
    note_count,
    notes_lines,
    threads,
)
from annotations.times import instant
from corpus.export_guard import seal

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from annotations.model import Annotation
    from corpus.synopsis import ClaimGroup

HEADER_MARK = "Synoptic export: "
"""How the second paragraph of every report begins: how an earlier export is recognised."""
CLAIM_CHARS = 120
CHECKSUM_DIGITS = 12
"""Hex digits of a document's SHA-256 in the report: enough to tell versions apart, as git's
short ids are, without a 64-character column pushing the titles off a phone's screen."""

_UNCERTAINTY = [AnchorState.ANCHORED, AnchorState.MOVED, AnchorState.FUZZY, AnchorState.ORPHANED]


# --- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """A document as the report needs it; ``text`` is None when it could not be read."""

    id: str
    title: str
    text: str | None
    sha256: str = ""
    """Of the file's bytes, as ``synoptic docs --json`` and ``sha256sum`` give it."""


@dataclass(frozen=True, slots=True)
class Selection:
    """The filters an export was made with, named in the report's header."""

    docs: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _verdict_summary(annotations: Iterable[Annotation], *, unjudged: bool = False) -> str:
    """``1 false, 2 needs evidence``; with ``unjudged``, the notes without one too (``3 no
    verdict``), so the counts add up to the notes and what is still to check shows."""
    counts = Counter(a.verdict for a in annotations)
    shown = [f"{counts[v]} {v.label}" for v in Verdict if counts[v]]
    if unjudged and counts[None]:
        shown.append(f"{counts[None]} no verdict")
    return ", ".join(shown)


@dataclass(frozen=True, slots=True)
class MarkdownReport:
    """A report, and what it could not place: the notes on documents that could not be read."""

    text: str
    not_placed: int
    """Notes (replies counted) listed as not placed: their documents could not be read."""


def markdown_report(
    workspace_name: str,
    documents: Sequence[ReportDocument],
    annotations: Sequence[Annotation],
    *,
    synopsis: Sequence[ClaimGroup] | None = None,
    selection: Selection | None = None,
    unreadable_files: int = 0,
    deleted: Sequence[Annotation] = (),
    linked: Mapping[str, str] | None = None,
) -> MarkdownReport:
    """The report for ``annotations`` (already selected) on ``documents`` (in id order).

    ``synopsis`` (from :func:`corpus.synopsis.build_synopsis` over the whole workspace) adds
    the claims table, restricted to ``documents``; None leaves it out. ``unreadable_files``
    says how many annotation files could not be read, so the report does not pretend to be
    complete. ``deleted`` are the workspace's tombstones: a reply to one of them says it
    answers a deleted note, and whose, rather than "a note not in this report". ``linked``
    holds the current text of documents that evidence links cite but the report does not show
    (an export of some documents only): a cited passage is described where it is now.
    """
    live = [a for a in annotations if not a.deleted]
    texts = {d.id: d.text for d in documents if d.text is not None}
    placed = place_all(live, texts)
    arranged = threads(placed, {a.id: a for a in deleted})
    attached: dict[str, list[Thread]] = {}  # by document, once: not a pass per document
    for t in arranged:
        if not t.placed.orphaned:
            attached.setdefault(t.placed.annotation.target.doc, []).append(t)
    # A document that could not be read has lost nothing: its notes are not called orphaned.
    unread = {d.id for d in documents if d.text is None}
    lost = [t for t in arranged if t.placed.orphaned]
    orphaned = [t for t in lost if t.placed.annotation.target.doc not in unread]
    not_placed = [t for t in lost if t.placed.annotation.target.doc in unread]
    cited = {**(linked or {}), **texts}

    lines = [f"# Notes on {cell(workspace_name)}", ""]
    lines += _header(documents, live, selection, unreadable_files, orphaned, not_placed)
    for document in documents:
        mine = attached.get(document.id)
        if not mine:
            continue
        title = f": {cell(document.title, TITLE_CHARS)}" if document.title.strip() else ""
        lines += ["", f"## {cell(document.id)}{title}"]
        lines += _passages(document, mine, cited)
    if synopsis is not None:
        lines += ["", *_synopsis_lines(synopsis, documents, texts, placed)]
    if orphaned:
        lines += ["", *_orphan_lines(orphaned, texts, cited)]
    if not_placed:
        lines += ["", *_orphan_lines(not_placed, texts, cited, unread=True)]
    text = seal("\n".join(lines) + "\n")
    return MarkdownReport(text, note_count(not_placed))


def _header(
    documents: Sequence[ReportDocument],
    live: Sequence[Annotation],
    selection: Selection | None,
    unreadable_files: int,
    orphaned: Sequence[Thread],
    not_placed: Sequence[Thread],
) -> list[str]:
    authors = Counter(a.writer for a in live)
    on_docs = {a.target.doc for a in live}
    listed = {d.id for d in documents}
    latest = max((a.modified for a in live), key=instant, default=None)
    until = f"notes up to {format_time(latest)}" if latest is not None else "no notes"
    lines = [
        f"{HEADER_MARK}{_plural(len(live), 'note')} by {_plural(len(authors), 'author')} "
        f"on {len(on_docs & listed)} of {_plural(len(documents), 'document')}; {until}.",
        "",
    ]
    facts: list[str] = []
    if authors:
        names = sorted(authors, key=lambda name: (name.casefold(), name))
        facts.append("Authors: " + ", ".join(f"{cell(n)} ({authors[n]})" for n in names))
    replies = sum(1 for a in live if a.reply_to is not None)
    if replies:
        facts.append(f"Replies: {replies}")
    verdicts = _verdict_summary(live, unjudged=True)
    if verdicts:
        facts.append(f"Verdicts: {verdicts}")
    if orphaned:
        facts.append(
            f"Orphaned: {_plural(note_count(orphaned), 'note')} whose passage could not be found"
        )
    if not_placed:
        facts.append(
            f"Not placed: {_plural(note_count(not_placed), 'note')} on documents that could not "
            "be read (not orphaned: their passages are there once the files can be read)"
        )
    if selection is not None:
        chosen = [
            f"{label} {', '.join(cell(v) for v in values)}"
            for label, values in (
                ("documents", selection.docs),
                ("authors", selection.authors),
                ("tags", selection.tags),
            )
            if values
        ]
        if chosen:
            facts.append("Only " + "; ".join(chosen))
    if unreadable_files:
        facts.append(
            f"Unreadable: {_plural(unreadable_files, 'annotation file')} could not be read; "
            "the notes in them are missing here"
        )
    if facts:
        lines += [f"- {fact}" for fact in facts] + [""]
    counts = Counter(a.target.doc for a in live)
    lines += ["| Document | Title | Notes | SHA-256 |", "| --- | --- | ---: | --- |"]
    for document in documents:
        title = cell(document.title, TITLE_CHARS) if document.text is not None else "(unreadable)"
        checksum = _checksum(document)
        lines.append(f"| {cell(document.id)} | {title} | {counts[document.id]} | {checksum} |")
    if any(_checksum(d) for d in documents):
        lines += [
            "",
            f"SHA-256: the first {CHECKSUM_DIGITS} hex digits of the checksum of each document's "
            "file as this report read it (`sha256sum FILE`), to tell whether a copy is the "
            "version that was checked.",
        ]
    if not live:
        lines += ["", "No notes."]
    return lines


def _checksum(document: ReportDocument) -> str:
    """The start of the document's SHA-256 as a code span; empty when it could not be read."""
    digits = document.sha256[:CHECKSUM_DIGITS]
    if document.text is None or not digits.isascii() or not digits.isalnum():
        return ""
    return f"`{digits}`"


def _passages(
    document: ReportDocument, threads: Sequence[Thread], cited: Mapping[str, str]
) -> list[str]:
    groups: dict[tuple[int, int], list[Thread]] = {}
    for thread in threads:
        start, end = thread.placed.start, thread.placed.end
        assert start is not None and end is not None
        groups.setdefault((start, end), []).append(thread)
    lines: list[str] = []
    text = document.text or ""
    for (start, end), members in sorted(groups.items()):
        state = max((m.placed.anchor.state for m in members), key=_UNCERTAINTY.index)
        where = f"### {cell(document.id)}, characters {start}–{end}"
        if state is AnchorState.MOVED:
            where += " (moved since the notes were made)"
        elif state is AnchorState.FUZZY:
            where += " (the text changed since the notes were made)"
        lines += ["", where, "", *text_block(text[start:end], quoted=True)]
        lines += ["", *notes_lines(members, cited)]
    return lines


def _synopsis_lines(
    groups: Sequence[ClaimGroup],
    documents: Sequence[ReportDocument],
    texts: Mapping[str, str],
    placed: Sequence[Placed],
) -> list[str]:
    columns = [d.id for d in documents if d.text is not None]
    notes_on: dict[str, list[Placed]] = {}
    for item in placed:
        if not item.orphaned:
            notes_on.setdefault(item.annotation.target.doc, []).append(item)
    rows: list[str] = []
    for group in groups:
        cells = []
        shown = 0
        noted = False
        for doc_id in columns:
            passage = group.passages.get(doc_id)
            if passage is None:
                cells.append("")
                continue
            shown += 1
            on_it = [
                p.annotation
                for p in notes_on.get(doc_id, [])
                if p.start is not None
                and p.end is not None
                and p.start < passage.end
                and passage.start < p.end
            ]
            noted = noted or bool(on_it)
            text = "✓"
            if on_it:
                verdicts = _verdict_summary(on_it)
                text += f" {_plural(len(on_it), 'note')}" + (f" ({verdicts})" if verdicts else "")
            cells.append(text)
        if shown == 0 or (shown < 2 and not noted):
            continue
        first = next(doc_id for doc_id in columns if doc_id in group.passages)
        passage = group.passages[first]
        claim = cell(texts[first][passage.start : passage.end], CLAIM_CHARS)
        rows.append("| " + " | ".join([claim, *cells]) + " |")
    lines = ["## Synopsis", ""]
    if not rows:
        return [*lines, "No claim is made by two or more documents or has notes on it."]
    lines += [
        "Claims made by two or more documents, or with notes on them. ✓ marks a document "
        "making the claim, with the notes on its passage.",
        "",
        "| Claim | " + " | ".join(cell(doc_id) for doc_id in columns) + " |",
        "| --- |" + " --- |" * len(columns),
        *rows,
    ]
    return lines


def _orphan_lines(
    threads: Sequence[Thread],
    texts: Mapping[str, str],
    cited: Mapping[str, str],
    *,
    unread: bool = False,
) -> list[str]:
    """The notes shown by the quote they were made on: orphans, or (``unread``) the notes on
    documents that could not be read, whose passages are not lost but not known here."""
    lines = (
        [
            "## Notes on documents that could not be read",
            "",
            "The documents of these notes could not be read for this report (see the table "
            "above); each note is shown with the quote it was made on.",
        ]
        if unread
        else [
            "## Orphaned notes",
            "",
            "The passages of these notes could not be found in the current text of their "
            "documents; each is shown with the quote it was made on.",
        ]
    )
    groups: dict[tuple[str, int, int, str], list[Thread]] = {}
    for thread in threads:
        target = thread.placed.annotation.target
        groups.setdefault((target.doc, target.start, target.end, target.quote), []).append(thread)
    for (doc_id, start, end, quoted), members in sorted(groups.items()):
        missing = "" if unread or doc_id in texts else " (not a readable document of the workspace)"
        lines += ["", f"### {cell(doc_id)}{missing}, was characters {start}–{end}", ""]
        lines += [*text_block(quoted, quoted=True), "", *notes_lines(members, cited)]
    return lines


def looks_like_report(head: str) -> bool:
    """Whether the start of a file is a report written by :func:`markdown_report`."""
    lines = head.split("\n", 3)
    return (
        len(lines) >= 3 and lines[0].startswith("# Notes on ") and lines[2].startswith(HEADER_MARK)
    )
