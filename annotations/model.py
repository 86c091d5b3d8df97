"""An annotation: one person's note, tags, verdict and evidence on one passage.

Annotations are values. Editing makes a new one with a later ``modified`` time and the same
``id``; deleting makes a tombstone, kept so that a deletion travels through git like any other
change instead of the note reappearing from someone's older copy. Fields this version does not
know (written by a newer Synoptic) are kept in ``extra`` and written back untouched.

This module is the record and its rules: what a stored note must hold, how it is read from and
written to JSON, and how it changes. The verdicts, claim marks and tags it carries are in
:mod:`annotations.labels`, which people's input is also read with.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationFormatError
from annotations.labels import ClaimMark, Verdict, normalise_tags
from annotations.model_record import KNOWN, optional_enum, record_fields, refuse_deep
from annotations.times import next_modified, now_iso
from annotations.values import (
    holds_lone_surrogate,
    lone_surrogate,
    non_finite_number,
    not_text,
)

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Mapping, Sequence

    from annotations.links import EvidenceLink
    from annotations.target import Target


MAX_REPLY_DEPTH = 4
"""Replies nested deeper than this are shown at this depth, naming the note they answer: each
level indents, and a chain of thirty replies pushed the text off the screen. The notes panel,
``synoptic notes`` and the Markdown report all stop here."""

_TARGET_TEXTS = ("doc", "quote", "prefix", "suffix", "sha256")


def says_nothing(
    note: str,
    tags: Sequence[object] = (),
    verdict: object = None,
    links: Sequence[object] = (),
    claim: object = None,
) -> bool:
    """Whether a note with these would say nothing: no words, tag, verdict, link or claim mark.

    Such a note is refused when written (by ``note add``, ``note edit`` and the reader's
    editor alike): it would show as a mark on the passage that tells its reader nothing. A note
    with only a tag or a verdict does say something. Each may be given as stored or as typed
    (a verdict's word, a link's address): only its absence counts.
    """
    return not note.strip() and not tags and verdict is None and not links and claim is None


@dataclass(frozen=True, slots=True)
class Annotation:
    """One note on one passage, as stored (see the module docstring for how it changes)."""

    id: str
    """Stable across edits, files and clones (a uuid4 hex); never TinyDB's integer doc_id."""
    author: str
    created: str
    modified: str
    target: Target
    note: str = ""
    """Markdown, stored exactly as typed."""
    tags: tuple[str, ...] = ()
    verdict: Verdict | None = None
    links: tuple[EvidenceLink, ...] = ()
    reply_to: str | None = None
    """The id of the annotation this one answers."""
    claim: ClaimMark | None = None
    deleted: bool = False
    """A tombstone: kept so a deletion wins over older copies when notes are merged."""
    superseded: tuple[dict[str, Any], ...] = ()
    """Versions displaced by a merge, kept as raw records so nothing anyone wrote is lost."""
    resolved: tuple[str, ...] = ()
    """Keys of the ``superseded`` versions the author has seen and settled (see
    :func:`annotations.conflicts.version_key`): they stay in ``superseded``, but are no longer
    reported as conflicts. A set of keys, not a flag inside each version, so that it grows by
    union when clones merge and a kept version stays the same record everywhere."""
    moved_from: Mapping[str, Any] | None = None
    """For a note moved to another document's file, the version of the copy it left behind
    there (a raw record, without history). Another clone may change that copy before it hears
    of the move; this is the common ancestor that lets both changes be combined (see
    :func:`annotations.store_versions.choose`)."""
    restored: str | None = None
    """For a note brought back after it was deleted, the ``modified`` time of the tombstone it
    undid. A deletion otherwise wins over every version of a note in a merge (it must travel
    through git as surely as an edit); this version wins over that deletion and any earlier
    one, not over a deletion made after it (see :func:`annotations.note_versions.undoes`)."""
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """Fields from a newer Synoptic, written back verbatim."""
    based_on: str | None = field(default=None, compare=False, repr=False)
    """For an edited copy not yet saved, the ``modified`` of the version it was made from;
    never stored. Saving it over a version changed meanwhile (in another window, by a
    script) keeps that version in ``superseded`` instead of overwriting it unseen."""

    def __post_init__(self) -> None:
        # Plain strings are accepted where enums are expected (``verdict="false"``), so a caller
        # cannot build an annotation that fails only later, when it is written.
        if self.verdict is not None and not isinstance(self.verdict, Verdict):
            object.__setattr__(self, "verdict", optional_enum(self.verdict, "verdict", Verdict))
        if self.claim is not None and not isinstance(self.claim, ClaimMark):
            object.__setattr__(self, "claim", optional_enum(self.claim, "claim", ClaimMark))
        object.__setattr__(self, "tags", normalise_tags(self.tags))
        object.__setattr__(self, "links", tuple(self.links))
        object.__setattr__(self, "superseded", tuple(self.superseded))
        object.__setattr__(self, "resolved", tuple(sorted(set(self.resolved))))
        if self.moved_from is not None and not isinstance(self.moved_from, MappingProxyType):
            object.__setattr__(self, "moved_from", MappingProxyType(dict(self.moved_from)))
        free = (
            ("superseded", self.superseded),
            ("moved_from", self.moved_from),
            *self.extra.items(),
        )
        for name, value in free:
            if not value:  # nothing nested, no number: nearly every note, every time it is read
                continue
            refuse_deep(name, value)
            # The parts kept verbatim are the only ones whose numbers nothing else checks.
            if (where := non_finite_number(value, name)) is not None:
                raise AnnotationFormatError(
                    where, "is NaN or infinite (NaN, Infinity, or 1e999), which JSON cannot hold"
                )
        if not self._plain_text():
            nested = (*free, ("resolved", self.resolved))
            texts = [*self._texts(), *((name, value) for name, value in nested if value)]
            for name, value in texts:
                if (lone := lone_surrogate(value, name)) is not None:
                    raise AnnotationFormatError(lone[0], not_text(lone[1]))
        if self.extra:
            clash = self.extra.keys() & KNOWN
            if clash:
                raise AnnotationFormatError(sorted(clash)[0], "is a known field, not an extra one")
        if not isinstance(self.extra, MappingProxyType):
            object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))

    def _plain_text(self) -> bool:
        """Whether no lone surrogate can hide anywhere in the note, decided with one look at
        its texts joined when it holds nothing nested; False sends :meth:`__post_init__` to
        look at each part by name (and find which, if any, holds one).

        Run for every note read: naming each part, as the search for the culprit must, was a
        third of the time taken to read a desk's 10,000 notes.
        """
        target = self.target
        if self.superseded or self.moved_from or self.extra or self.resolved or target.extra:
            return False
        pieces = [
            self.id,
            self.author,
            self.note,
            self.reply_to or "",
            self.restored or "",
            target.doc,
            target.quote,
            target.prefix,
            target.suffix,
            target.sha256,
        ]
        for link in self.links:
            if link.target is not None or link.extra:
                return False
            pieces += (link.href, link.title)
        if not all(isinstance(piece, str) for piece in pieces):
            return False
        return not holds_lone_surrogate("".join(pieces))

    def _texts(self) -> list[tuple[str, object]]:
        """Every field written as text by name, then the names of unknown fields and what
        else a lone surrogate could hide in (the parts kept verbatim aside)."""
        target = self.target
        texts: list[tuple[str, object]] = [
            ("id", self.id),
            ("author", self.author),
            ("note", self.note),
            ("reply_to", self.reply_to or ""),
            *((f"target.{name}", getattr(target, name)) for name in _TARGET_TEXTS),
            *((f"the name of the field {key!a}", key) for key in self.extra),
        ]
        for index, link in enumerate(self.links):
            texts += [(f"links[{index}].href", link.href), (f"links[{index}].title", link.title)]
            if link.target is not None or link.extra:
                texts.append((f"links[{index}]", link.to_record()))
        return [*texts, ("target", target.extra)] if target.extra else texts

    @classmethod
    def create(
        cls,
        author: str,
        target: Target,
        note: str = "",
        *,
        tags: Iterable[str] = (),
        verdict: Verdict | None = None,
        links: Iterable[EvidenceLink] = (),
        reply_to: str | None = None,
        claim: ClaimMark | None = None,
    ) -> Annotation:
        """A new annotation with a fresh id, created and modified now."""
        stamp = now_iso()
        return cls(
            id=uuid.uuid4().hex,
            author=author,
            created=stamp,
            modified=stamp,
            target=target,
            note=note,
            tags=tuple(tags),
            verdict=verdict,
            links=tuple(links),
            reply_to=reply_to,
            claim=claim,
        )

    def changed_by(self, **changes: Any) -> bool:
        """Whether ``changes`` would change what the note says or where it is.

        Checked before :meth:`edited`, whose new ``modified`` time makes any save look like a
        change: the merge driver lets the later time win when a note changed on two clones, so a
        save that changes nothing (a script re-applying a verdict, Save pressed in the reader
        without typing) would beat a real edit made elsewhere meanwhile.
        """
        return replace(self, **changes) != self

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``modified`` set to now; the id stays."""
        for name in ("id", "author", "created", "modified", "deleted"):
            if name in changes:
                raise TypeError(f"{name} cannot be edited")
        return replace(
            self,
            modified=next_modified(self.modified),
            based_on=self.based_on or self.modified,
            **changes,
        )

    @property
    def original_author(self) -> str | None:
        """Who wrote an imported note, when that is not who imported (and so stores) it."""
        creator = self.extra.get("imported_creator")
        if not isinstance(creator, str) or not creator.strip() or creator == self.author:
            return None
        return creator

    @property
    def writer(self) -> str:
        """Who wrote the note: its original author if imported, else its author."""
        return self.original_author or self.author

    @property
    def credit(self) -> str:
        """The name to show with the note: a fact-checker quoting it must know who said it,
        and the importer's name alone would put words in their mouth."""
        if self.original_author is None:
            return self.author
        return f"{self.original_author} (imported by {self.author})"

    def by(self, names: Container[str]) -> bool:
        """Whether the note is by one of ``names``: its writer or, if imported, its importer."""
        return self.author in names or self.writer in names

    def tombstone(self) -> Annotation:
        """The deleted form: who, where and when stay; what was said goes."""
        return replace(
            self,
            modified=next_modified(self.modified),
            note="",
            tags=(),
            verdict=None,
            links=(),
            claim=None,
            deleted=True,
            superseded=(),
            resolved=(),
            restored=None,
        )

    def as_deleted_parent(self, quote_chars: int = 60) -> str:
        """How a reply names this note once it is deleted: its id appears in no list any more,
        and what it said is gone with it, but its author and passage are kept by the tombstone,
        and a reader can tell from them what the reply answered."""
        from corpus.text import one_line

        quote = one_line(self.target.quote, quote_chars)
        return f"a deleted note by {self.credit}, on \u201c{quote}\u201d"

    def to_record(self) -> dict[str, Any]:
        """The JSON form: every known field present (``resolved`` once it holds a key), then
        the unknown ones kept."""
        record: dict[str, Any] = {
            "id": self.id,
            "author": self.author,
            "created": self.created,
            "modified": self.modified,
            "target": self.target.to_record(),
            "note": self.note,
            "tags": list(self.tags),
            "verdict": None if self.verdict is None else self.verdict.value,
            "links": [link.to_record() for link in self.links],
            "reply_to": self.reply_to,
            "claim": None if self.claim is None else self.claim.value,
            "deleted": self.deleted,
            "superseded": copy.deepcopy(list(self.superseded)) if self.superseded else [],
            "moved_from": None if self.moved_from is None else copy.deepcopy(dict(self.moved_from)),
        }
        if self.resolved:  # only when used: a note's diff shows no new empty field
            record["resolved"] = list(self.resolved)
        if self.restored is not None:  # likewise
            record["restored"] = self.restored
        if self.extra:
            record.update(copy.deepcopy(dict(self.extra)))
        return record

    @classmethod
    def from_record(cls, record: object) -> Annotation:
        """Read a stored annotation (see :func:`~annotations.model_record.record_fields`).

        Raises:
            AnnotationFormatError: naming the first field that is wrong.
        """
        return cls(**record_fields(record))
