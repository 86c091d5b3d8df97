"""Which notes an export includes, and what its filters can choose among.

Shared by the Markdown report and the W3C export (``synoptic export --doc/--author/--tag``) and by
the reader's export dialog, which offers only the values that match a note: a filter that can
match nothing is refused with the choices there are, rather than giving an empty report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotations.note_filters import filter_keys, has_tag, is_by

if TYPE_CHECKING:
    from collections.abc import Iterable

    from annotations.model import Annotation


def select_annotations(
    annotations: Iterable[Annotation],
    *,
    docs: Iterable[str] = (),
    authors: Iterable[str] = (),
    tags: Iterable[str] = (),
) -> list[Annotation]:
    """The annotations an export includes: on one of ``docs``, by one of ``authors``, with one
    of ``tags`` (an empty choice means any). Authors and tags match in any case
    (:mod:`annotations.note_filters`); document ids are file paths, compared exactly. A reply
    counts as having the tags of the note that starts its thread, so ``--tag`` keeps whole
    discussions. Order is kept; tombstones go.
    """
    wanted_docs, wanted_authors, wanted_tags = set(docs), filter_keys(authors), filter_keys(tags)
    live = [a for a in annotations if not a.deleted]
    by_id = {a.id: a for a in live}

    def thread_root(annotation: Annotation) -> Annotation:
        seen = {annotation.id}
        while annotation.reply_to in by_id and annotation.reply_to not in seen:
            annotation = by_id[annotation.reply_to]
            seen.add(annotation.id)
        return annotation

    return [
        a
        for a in live
        if (not wanted_docs or a.target.doc in wanted_docs)
        and (not wanted_authors or is_by(a, wanted_authors))
        and (
            not wanted_tags
            or has_tag(a.tags, wanted_tags)
            or has_tag(thread_root(a).tags, wanted_tags)
        )
    ]


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What an export's filters can choose among: the values that match at least one note."""

    docs: frozenset[str]
    """The documents with notes on them (as the notes name them, so a renamed one too)."""
    authors: frozenset[str]
    """Who wrote a note, and who imported one: :meth:`Annotation.by` matches either."""
    tags: frozenset[str]


def filter_choices(annotations: Iterable[Annotation]) -> FilterChoices:
    """The choices :func:`select_annotations` has among ``annotations``: what the command
    line lists when a filter matches nothing, and what the reader's export dialog offers."""
    live = [a for a in annotations if not a.deleted]
    return FilterChoices(
        docs=frozenset(a.target.doc for a in live),
        authors=frozenset({a.writer for a in live} | {a.author for a in live}),
        tags=frozenset(tag for a in live for tag in a.tags),
    )
