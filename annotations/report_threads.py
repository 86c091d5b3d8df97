"""The notes of the Markdown report as threads: each note with its evidence, then the replies
to it nested under it (on its passage: a reply follows the note it answers), at most
:data:`~annotations.model.MAX_REPLY_DEPTH` deep (deeper ones name the note they answer).
Every piece of user text goes through :mod:`annotations.markdown_escape`.

:func:`listed_threads` arranges a list of notes the same way for ``synoptic notes`` and the
reader's list of notes, so that the three show a thread alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotations.linked_passages import describe
from annotations.links import LinkKind
from annotations.markdown_escape import cell, escape_inline, link_destination, text_block
from annotations.model import MAX_REPLY_DEPTH
from annotations.times import instant, utc_time

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from annotations.links import EvidenceLink
    from annotations.model import Annotation
    from annotations.placement import Placed

QUOTE_CHARS = 160
TITLE_CHARS = 80


@dataclass
class Thread:
    """A note and the replies to it that are in the report."""

    placed: Placed
    replies: list[Thread]
    orphan_reply: bool = False
    """A reply whose parent is not in the report: shown on its own, saying so."""
    deleted_parent: Annotation | None = None
    """The tombstone of the note an orphan reply answers, when that note was deleted."""


def format_time(value: str) -> str:
    """A stored time as the report shows it: in UTC, saying so, since its readers may be in
    any time zone (see :mod:`annotations.times`); one that is no time, escaped as written."""
    shown = utc_time(value)
    return escape_inline(shown) if shown == value else shown


def threads(
    placed: Sequence[Placed], deleted: Mapping[str, Annotation] | None = None
) -> list[Thread]:
    """Notes arranged as threads; a reply cycle (only a hand edit can make one) is cut. A
    reply to one of ``deleted`` (tombstones by id) says it answers a deleted note."""
    order = sorted(placed, key=lambda p: (instant(p.annotation.created), p.annotation.id))
    by_id = {p.annotation.id: p for p in order}
    children: dict[str, list[Placed]] = {}
    for item in order:
        parent = item.annotation.reply_to
        if parent is not None and parent in by_id and parent != item.annotation.id:
            children.setdefault(parent, []).append(item)
    done: set[str] = set()

    def grow(item: Placed) -> Thread:
        done.add(item.annotation.id)
        kids = [
            grow(c) for c in children.get(item.annotation.id, []) if c.annotation.id not in done
        ]
        return Thread(item, kids)

    roots = []
    for item in order:
        reply_to = item.annotation.reply_to
        if reply_to is None or reply_to not in by_id:
            gone = None if reply_to is None else (deleted or {}).get(reply_to)
            roots.append(Thread(item, [], reply_to is not None, gone))
    for thread in roots:
        thread.replies = grow(thread.placed).replies
    for item in order:  # members of a reply cycle: no root leads to them
        if item.annotation.id not in done:
            roots.append(grow(item))
    return roots


def listed_threads(placed: Sequence[Placed]) -> list[tuple[Placed, int]]:
    """``placed`` with each reply right under the note it answers, and how deep it is: how
    ``synoptic notes`` and the reader's list of notes show threads.

    Unlike :func:`threads`, the list's own order is kept (notes in reading order, replies in
    the order they are listed). A reply whose parent is not listed (filtered out, deleted)
    stays where it was, at the top level, where the caller names the note it answers; a cycle
    (only a hand edit makes one) is listed once, from where it is first met.
    """
    listed = {item.annotation.id for item in placed}
    children: dict[str, list[Placed]] = {}
    for item in placed:
        parent = item.annotation.reply_to
        if parent is not None and parent in listed and parent != item.annotation.id:
            children.setdefault(parent, []).append(item)
    ordered: list[tuple[Placed, int]] = []
    seen: set[str] = set()

    def add(item: Placed, depth: int) -> None:
        waiting = [(item, depth)]  # not recursion: a thread may be longer than the stack
        while waiting:
            item, depth = waiting.pop()
            if item.annotation.id in seen:
                continue
            seen.add(item.annotation.id)
            ordered.append((item, depth))
            answers = children.get(item.annotation.id, [])
            waiting.extend((child, depth + 1) for child in reversed(answers))

    # Most notes have no reply: they are listed without a call, which on a desk's 10,000
    # notes was most of the time the reader's list took to open.
    for item in placed:
        annotation = item.annotation
        if annotation.id in seen:
            continue
        if annotation.reply_to not in listed or annotation.reply_to == annotation.id:
            if annotation.id in children:
                add(item, 0)
            else:
                seen.add(annotation.id)
                ordered.append((item, 0))
    for item in placed:  # what only a cycle leaves unlisted
        if item.annotation.id not in seen:
            add(item, 0)
    return ordered


def _link_line(link: EvidenceLink, texts: Mapping[str, str]) -> str:
    """A cited passage is described where it is now in ``texts`` (the current text of each
    document), not at the offsets stored with the link, which may hold something else."""
    relation = link.relation.value
    if link.kind is LinkKind.PASSAGE and link.target is not None:
        where = describe(link.target, texts, name=cell, quote=_quoted)
        title = f"{cell(link.title, TITLE_CHARS)}, " if link.title else ""
        return f"{relation}: {title}{where}"
    shown = cell(link.title, TITLE_CHARS) if link.title else cell(link.citation)
    destination = link_destination(link.href)
    if destination is None:
        return f"{relation}: {shown}"
    return f"{relation}: [{shown}]({destination})"


def _quoted(text: str) -> str:
    return cell(text, QUOTE_CHARS)


def _note_header(thread: Thread, capped_parent: Placed | None = None) -> str:
    """``capped_parent``: the note a reply answers when the reply is nested deeper than the
    list shows, so the indent no longer says which note it is."""
    annotation = thread.placed.annotation
    who = f"**{cell(annotation.writer)}**"
    if annotation.original_author is not None:
        who += f" (imported by **{cell(annotation.author)}**)"
    if thread.deleted_parent is not None:
        parent = thread.deleted_parent
        quote = cell(parent.target.quote, 60)
        who += f" replied to a deleted note by **{cell(parent.writer)}**, on \u201c{quote}\u201d"
    elif thread.orphan_reply:
        who += " replied to a note not in this report"
    elif capped_parent is not None:
        parent = capped_parent.annotation
        who += f" replied to **{cell(parent.writer)}** (note of {format_time(parent.created)})"
    elif annotation.reply_to is not None:
        who += " replied"
    when = format_time(annotation.created)
    edited = format_time(annotation.modified)
    parts = [f"{who}, {when}" + (f" (edited {edited})" if edited != when else "")]
    if annotation.verdict is not None:
        parts.append(f"verdict: **{escape_inline(annotation.verdict.label)}**")
    if annotation.claim is not None:
        parts.append(annotation.claim.label)
    if annotation.tags:
        parts.append("tags: " + ", ".join(cell(tag) for tag in annotation.tags))
    return " · ".join(parts)


def _thread_lines(
    thread: Thread, depth: int, texts: Mapping[str, str], parent: Placed | None = None
) -> list[str]:
    indent = "  " * min(depth, MAX_REPLY_DEPTH)
    inner = indent + "  "
    annotation = thread.placed.annotation
    capped_parent = parent if depth > MAX_REPLY_DEPTH else None
    lines = [f"{indent}- {_note_header(thread, capped_parent)}"]
    body = text_block(annotation.note, inner)
    if body:
        lines += ["", *body]
    if annotation.links:
        lines += ["", f"{inner}Evidence:", ""]
        lines += [f"{inner}* {_link_line(link, texts)}" for link in annotation.links]
    for reply in thread.replies:
        lines += ["", *_thread_lines(reply, depth + 1, texts, thread.placed)]
    return lines


def notes_lines(threads: Sequence[Thread], texts: Mapping[str, str]) -> list[str]:
    """The notes of ``threads`` as nested lists; ``texts`` (document id to current text) are
    where the passages their evidence links cite are looked for."""
    lines: list[str] = []
    for thread in threads:
        if lines:
            lines.append("")
        lines += _thread_lines(thread, 0, texts)
    return lines


def note_count(threads: Iterable[Thread]) -> int:
    return sum(1 + note_count(t.replies) for t in threads)
