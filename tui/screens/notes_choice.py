"""Which notes the notes list shows, in which order: its filters applied to the placed notes.

Apart from the screen, which only reads its boxes into a :class:`NoteFilters`, so the rules
(what "words" match, that a tag matches whole and an author in part) read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotations.times import instant
from corpus.folding import fold_for_matching
from corpus.quotes import plain_typography

if TYPE_CHECKING:
    from collections.abc import Collection, MutableMapping, Sequence

    from annotations.placement import Placed


def searchable(text: str) -> str:
    """``text`` as the words filter compares it: any case or Unicode spelling, spacing
    collapsed, typographic quotes and dashes as typed (as the reader's search forgives)."""
    return " ".join(plain_typography(fold_for_matching(text)).split())


@dataclass(frozen=True, slots=True)
class NoteFilters:
    """What the list's boxes say, read once per refill."""

    words: tuple[str, ...] = ()
    """In :func:`searchable` form: each must be in the note, its quote or its tags."""
    author: str = ""
    """Lower case, matched anywhere in the author's credit."""
    tag: str = ""
    """Lower case, matched against whole tags."""
    doc: str = ""
    """Lower case, matched anywhere in the document's id."""
    verdict: str | None = None
    anchor: str | None = None
    new_only: bool = False
    order: str = "document"
    """``document`` (the store's reading order), ``newest`` or ``oldest``."""

    @property
    def any(self) -> bool:
        """Whether any filter is set: the list opens with none, and then takes every note."""
        return bool(
            self.words
            or self.author
            or self.tag
            or self.doc
            or self.new_only
            or self.verdict is not None
            or self.anchor is not None
        )


def chosen_notes(
    placed: Sequence[Placed],
    filters: NoteFilters,
    new: Collection[str],
    haystacks: MutableMapping[str, str],
) -> list[Placed]:
    """The notes of ``placed`` (reading order) that pass ``filters``, in the order chosen.
    ``new``: the ids of the notes new since the last visit; ``haystacks``: each note's words
    in searchable form, kept between refills (made on first need, as a letter is typed)."""
    if not filters.any:  # no filter, as the list opens: every note, in a copy to sort
        return _ordered(list(placed), filters.order)
    words = filters.words
    found = []
    for item in placed:
        annotation = item.annotation
        if words:
            haystack = haystacks.get(annotation.id)
            if haystack is None:
                haystack = searchable(
                    " ".join((annotation.note, annotation.target.quote, *annotation.tags))
                )
                haystacks[annotation.id] = haystack
            if not all(word in haystack for word in words):
                continue
        if filters.author and filters.author not in annotation.credit.lower():
            continue
        if filters.tag and not any(filters.tag == t.lower() for t in annotation.tags):
            continue
        if filters.doc and filters.doc not in annotation.target.doc.lower():
            continue
        if filters.verdict is not None and (annotation.verdict or "") != filters.verdict:
            continue
        if filters.anchor is not None and item.anchor.state.value != filters.anchor:
            continue
        if filters.new_only and annotation.id not in new:
            continue
        found.append(item)
    return _ordered(found, filters.order)


def _ordered(found: list[Placed], order: str) -> list[Placed]:
    """``found`` (reading order) in ``order``."""
    if order in ("newest", "oldest"):
        # as moments, not strings: an imported note may keep another offset; a stable sort
        # keeps notes of the same moment in reading order
        found.sort(key=lambda p: instant(p.annotation.modified), reverse=order == "newest")
    return found
