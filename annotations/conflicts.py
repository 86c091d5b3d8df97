"""Versions of a note that lost a conflict, described for the person who wrote them.

When the same note is changed in two places (two clones merged by the merge driver, a move joined
with an edit of the copy left behind, a save over a version another process wrote meanwhile), one
version is shown and the other is kept in the note's ``superseded`` list, so nothing anyone wrote
is lost. Kept but never shown is lost all the same to the person who wrote it: they would not know
to look. This module reads those raw records (written by any version of Synoptic, or edited by
hand, so every field is optional here) into what a person needs to decide whether the shown
version is the right one: when, where, and what the other version said.

Once its author has looked, a kept version is marked resolved (``synoptic note resolve``): its
key goes into the note's ``resolved`` list and it is no longer reported, but it stays in
``superseded``, where ``synoptic notes --json`` still shows it (nothing anyone wrote is dropped
by being settled).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotations.labels import ClaimMark
from annotations.note_versions import canonical
from annotations.times import instant, local_time
from corpus.text import one_line

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from annotations.model import Annotation


@dataclass(frozen=True)
class KeptVersion:
    """One version of a note kept after losing a conflict.

    Everything ``note resolve --take`` would bring back is here, so that its author can see
    what they would take: two versions that differ only in their verdict or their links would
    otherwise read as the same note twice. A field the record lacks (edited by hand, written by
    an older Synoptic) is None, "not known", rather than an empty value that would read as a
    difference.
    """

    modified: str
    """When that version was saved ('' if the record does not say)."""
    doc: str
    """The document it was on ('' if unknown)."""
    text: str
    """What the note said."""
    tags: tuple[str, ...]
    deleted: bool
    """That version was a deletion (the note shown is the one that was kept alive, or the
    deletion won and this is the text it deleted)."""
    verdict: str | None = None
    """Its verdict as stored (``needs-evidence``), None when it had none or the record does
    not say (see :attr:`known`)."""
    claim: str | None = None
    """Its claim mark as stored (``not-claim``), None likewise."""
    links: tuple[KeptLink, ...] = ()
    known: frozenset[str] = frozenset()
    """The record's fields among ``tags``, ``verdict``, ``claim`` and ``links``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "modified": self.modified,
            "doc": self.doc,
            "text": self.text,
            "tags": list(self.tags),
            "verdict": self.verdict,
            "claim": self.claim,
            "links": [link.to_json() for link in self.links],
            "deleted": self.deleted,
        }

    def differences(self, shown: Annotation, limit: int) -> list[str]:
        """What this version says that ``shown`` does not, in words, beyond its text: its
        verdict, tags, links and claim mark where they differ (the text is the caller's)."""
        said: list[str] = []
        shown_verdict = None if shown.verdict is None else shown.verdict.value
        if "verdict" in self.known and self.verdict != shown_verdict:
            said.append(f"verdict {_words(self.verdict)}" if self.verdict else "no verdict")
        if "tags" in self.known and self.tags != shown.tags:
            said.append(" ".join(f"#{tag}" for tag in self.tags) if self.tags else "no tags")
        shown_links = tuple(KeptLink(ln.relation.value, ln.href) for ln in shown.links)
        if "links" in self.known and self.links != shown_links:
            said.append(
                "links: " + ", ".join(one_line(str(link), limit) for link in self.links)
                if self.links
                else "no links"
            )
        shown_claim = None if shown.claim is None else shown.claim.value
        if "claim" in self.known and self.claim != shown_claim:
            said.append(_claim_words(self.claim))
        return said


@dataclass(frozen=True)
class KeptLink:
    """An evidence link of a kept version: how it bears on the claim, and its address."""

    relation: str
    href: str

    def __str__(self) -> str:
        return f"{self.relation} {self.href}" if self.relation else self.href

    def to_json(self) -> dict[str, str]:
        return {"href": self.href, "relation": self.relation}


def _words(value: str) -> str:
    """A stored verdict in people's words ("needs evidence"), as ``Verdict.label`` says it."""
    return value.replace("-", " ")


def _claim_words(value: str | None) -> str:
    if value is None:
        return "no claim mark"
    try:
        return ClaimMark(value).label
    except ValueError:  # a hand-edited value: shown as it is
        return f"claim mark {value}"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _optional(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _links(value: Any) -> tuple[KeptLink, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        KeptLink(_text(link.get("relation")), _text(link.get("href")))
        for link in value
        if isinstance(link, dict)
    )


_DESCRIBED = ("tags", "verdict", "claim", "links")


def _version(record: Mapping[str, Any]) -> KeptVersion:
    target = record.get("target")
    doc = _text(target.get("doc")) if isinstance(target, dict) else ""
    tags = record.get("tags")
    return KeptVersion(
        modified=_text(record.get("modified")),
        doc=doc,
        text=_text(record.get("note")),
        tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
        deleted=record.get("deleted") is True,
        verdict=_optional(record.get("verdict")),
        claim=_optional(record.get("claim")),
        links=_links(record.get("links")),
        known=frozenset(key for key in _DESCRIBED if key in record),
    )


def version_key(record: Mapping[str, Any]) -> str:
    """What names one kept version in a note's ``resolved`` list: a digest of its canonical
    JSON, the same on every clone and for every copy of the record, and short enough for a diff
    to stay readable."""
    return hashlib.sha256(canonical(record).encode("utf-8")).hexdigest()[:16]


def _kept(annotation: Annotation, *, resolved: bool) -> list[KeptVersion]:
    settled = set(annotation.resolved)
    versions = [
        _version(record)
        for record in annotation.superseded
        if isinstance(record, dict) and (version_key(record) in settled) == resolved
    ]
    return sorted(versions, key=lambda version: instant(version.modified), reverse=True)


def kept_versions(annotation: Annotation) -> list[KeptVersion]:
    """The versions ``annotation`` keeps from conflicts and its author has not resolved yet,
    newest first."""
    return _kept(annotation, resolved=False)


def resolved_versions(annotation: Annotation) -> list[KeptVersion]:
    """The kept versions marked as resolved, newest first: still kept, no longer reported."""
    return _kept(annotation, resolved=True)


def unresolved_records(annotation: Annotation) -> list[dict[str, Any]]:
    """The raw kept versions not resolved yet, newest first (as :func:`kept_versions` lists
    them, so that a person's "version 2" is the same record here)."""
    settled = set(annotation.resolved)
    records = [r for r in annotation.superseded if version_key(r) not in settled]
    return sorted(records, key=lambda r: instant(r.get("modified")), reverse=True)


def kept_summary(annotation: Annotation, limit: int = 60) -> str:
    """One line for a note's listing: how many versions were kept, and the newest one's words
    (shortened to ``limit`` characters); '' when there are none."""
    versions = kept_versions(annotation)
    if not versions:
        return ""
    count = len(versions)
    noun = "other version" if count == 1 else "other versions"
    newest = versions[0]
    if newest.deleted:
        what = "a deletion"
    else:
        # A version that differs in its verdict or links alone, quoted by its (same) text,
        # would read as the note shown twice: what differs is said instead.
        others = newest.differences(annotation, limit)
        quoted = f"\u201c{one_line(newest.text, limit)}\u201d"
        what = "; ".join(others if others and newest.text == annotation.note else [quoted, *others])
    when = f" of {local_time(newest.modified)}" if newest.modified else ""
    # Two moves, or a move and an edit, may differ in where the note is more than in its words.
    if newest.doc and newest.doc != annotation.target.doc:
        what += f" on {newest.doc}"
    return f"{count} {noun} kept from conflicting changes; the latest{when}: {what}"


def kept_json(annotation: Annotation) -> dict[str, Any]:
    """A note with kept versions, as ``synoptic status --json`` lists it."""
    return {
        "id": annotation.id,
        "author": annotation.author,
        "doc": annotation.target.doc,
        "deleted": annotation.deleted,
        "versions": [version.to_json() for version in kept_versions(annotation)],
    }


KEPT_NAMED = 5
"""Notes with kept versions named in the status; the rest are counted."""


def kept_lines(kept: Sequence[Annotation], author: str, *, in_reader: bool = False) -> list[str]:
    """What ``synoptic status`` says about the notes in ``kept`` to ``author``.

    Only a note's author can resolve its kept versions, so the reader's own notes come with
    what to do and the others' are only counted. A deleted note of the reader's is not listed
    by ``synoptic notes``, so pointing there would hide the very text the deletion overrode:
    that text is quoted here instead. ``in_reader``: the way forward in the reader's keys
    (``p`` shows the versions under the note, ``K`` marks them as seen), each note named by
    its document and the start of its quote, which the reader shows, rather than by an id
    that only commands take: the reader's sharing status sent its user to a terminal for
    what the notes panel does.
    """
    own = [n for n in kept if n.author == author]
    live = [n for n in own if not n.deleted]
    lines: list[str] = []
    if live:
        count = len(live)
        if in_reader:
            named = ", ".join(
                f"on {n.target.doc}: \u201c{one_line(n.target.quote, 40)}\u201d"
                for n in live[:KEPT_NAMED]
            )
            how = "p on its passage shows what it said, and K there marks it as seen"
        else:
            named = ", ".join(f"{n.id} on {n.target.doc}" for n in live[:KEPT_NAMED])
            how = (
                "`synoptic notes` shows what it said, and `synoptic note resolve ID` marks it "
                "as seen"
            )
        more = f" and {count - KEPT_NAMED} more" if count > KEPT_NAMED else ""
        has = "note has" if count == 1 else "notes have"
        lines.append(
            f"Kept from conflicting changes: {count} {has}"
            f" another version besides the one shown ({named}{more}); {how}."
        )
    for note in (n for n in own if n.deleted):
        said = "; ".join(
            "a deletion" if v.deleted else f"\u201c{one_line(v.text, 200)}\u201d"
            for v in kept_versions(note)
        )
        lines.append(
            f"Kept from conflicting changes: your deleted note {note.id} on {note.target.doc} "
            f"was changed elsewhere while it was deleted; the change said {said}. If it still "
            f"matters, bring the note back (`synoptic note restore {note.id}`, if it was "
            "deleted on this machine; Ctrl+Z in the reader that deleted it), where "
            + ("K marks it as seen" if in_reader else "`synoptic note resolve --take` takes it")
            + f", or add a new note with that text, then `synoptic note resolve {note.id}`."
        )
    others = [n for n in kept if n.author != author]
    if others:
        names = sorted({n.author for n in others})
        count = len(others)
        has = "note by" if count == 1 else "notes by"
        lines.append(
            f"Kept from conflicting changes: {count} {has} {', '.join(names)} "
            f"{'keeps' if count == 1 else 'keep'} another version; only the author can resolve "
            f"it ({'p on its passage' if in_reader else '`synoptic notes`'} shows it)."
        )
    return lines
