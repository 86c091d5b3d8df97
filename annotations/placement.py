"""Annotations placed on the documents as they are now: one answer for the CLI, exports and
the reader.

Every consumer needs the same thing: each live annotation with where its passage is today
(anchored, moved, fuzzy) or the fact that it could not be found (orphaned). Doing it once, here,
means ``synoptic notes``, the Markdown report and the reader can never disagree about where
a note is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annotations.anchoring import ORPHAN, Anchor, AnchorState, anchor
from annotations.target import Target, text_sha256
from annotations.times import instant

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from annotations.model import Annotation
    from corpus.claims import ClaimOverride


@dataclass(frozen=True, slots=True)
class Placed:
    """An annotation and where its passage is in the current text (if anywhere)."""

    annotation: Annotation
    anchor: Anchor

    @property
    def orphaned(self) -> bool:
        return self.anchor.state is AnchorState.ORPHANED

    @property
    def start(self) -> int | None:
        return self.anchor.start

    @property
    def end(self) -> int | None:
        return self.anchor.end


def follow_parents(
    annotations: Iterable[Annotation], others: Iterable[Annotation] = ()
) -> list[Annotation]:
    """The live ``annotations``, each reply carrying the target of the note that starts its
    thread (looked up among ``annotations`` and ``others``).

    A reply is about its parent, not about a passage: its stored target only records where the
    parent was when it was written. Re-attached by hand, to another passage or to another
    document after a rename, the parent must take its replies along, including other people's,
    which its author cannot rewrite; so the thread's place is decided here, once, for every
    consumer. A reply whose parent is deleted or unknown keeps its own passage, and so do the
    members of a reply cycle (only a hand edit can make one).
    """
    live = [a for a in annotations if not a.deleted]
    by_id = {a.id: a for a in others if not a.deleted} | {a.id: a for a in live}
    followed = []
    for annotation in live:
        root, seen = annotation, {annotation.id}
        while root.reply_to in by_id and root.reply_to not in seen:
            root = by_id[root.reply_to]
            seen.add(root.id)
        if root.reply_to in seen:  # a cycle: no note starts this thread
            root = annotation
        if root.target != annotation.target:
            annotation = replace(annotation, target=root.target)
        followed.append(annotation)
    return followed


def place_all(
    annotations: Iterable[Annotation],
    texts: Mapping[str, str],
    *,
    others: Iterable[Annotation] = (),
) -> list[Placed]:
    """Anchor each live annotation in ``texts`` (document id -> current text).

    Tombstones are skipped. A reply is placed with the note that starts its thread
    (:func:`follow_parents`, which also looks in ``others``), and its ``annotation`` carries
    that note's target. A document missing from ``texts`` orphans its annotations; they keep
    their quote, so they can be shown and re-attached by hand.
    """
    hashes: dict[str, str] = {}
    found: dict[Target, Anchor] = {}
    placed = []
    for annotation in follow_parents(annotations, others):
        target = annotation.target
        text = texts.get(target.doc)
        if text is None:
            placed.append(Placed(annotation, ORPHAN))
            continue
        if target.doc not in hashes:
            hashes[target.doc] = text_sha256(text)
        if target not in found:
            found[target] = anchor(target, text, hashes[target.doc])
        placed.append(Placed(annotation, found[target]))
    return placed


def respelt(target: Target, found: Anchor, text: str) -> Target:
    """``target`` in the current spelling of its document, for a note about to be saved.

    A passage found exactly but spelt in another Unicode form (a document re-saved in NFC) is
    ``anchored`` or ``moved``, yet its stored quote is no longer a substring of the text: each
    reading then searches again, and an export of the notes file shows a quote the document
    does not hold. Reading never rewrites a note file, so the quote is brought up to date when
    its note is next saved. Any other target is returned as it is: a moved passage's offsets are
    found again cheaply, and a fuzzy one's stored quote is the evidence of what changed.
    """
    if found.state not in (AnchorState.ANCHORED, AnchorState.MOVED):
        return target
    if found.start is None or found.end is None or text[found.start : found.end] == target.quote:
        return target
    current = Target.from_span(target.doc, text, found.start, found.end)
    return replace(current, extra=target.extra)


def claim_overrides(placed: Iterable[Placed]) -> list[ClaimOverride]:
    """The users' claim / not-claim marks as overrides for claim detection, oldest first
    (so that the most recent mark on a sentence wins)."""
    from corpus.claims import ClaimOverride

    marks = sorted(
        (p for p in placed if p.annotation.claim is not None and p.start is not None),
        key=lambda p: (instant(p.annotation.modified), p.annotation.id),
    )
    return [
        ClaimOverride(
            p.annotation.target.doc,
            p.start or 0,
            p.end or 0,
            p.annotation.claim is not None and p.annotation.claim.value == "claim",
        )
        for p in marks
    ]


def workspace_claim_overrides(
    root: Path, texts: Mapping[str, str], annotations: Iterable[Annotation] | None = None
) -> dict[str, list[ClaimOverride]]:
    """Every author's claim marks on the documents of ``texts``, by document, for commands
    that assess claims outside the reader: ``claims``, ``synopsis``, ``match`` and the report
    must agree with what the reader shows. ``annotations``: the workspace's, when the caller
    has read them already (else they are read here)."""
    if annotations is None:
        from annotations.store import AnnotationStore

        annotations = AnnotationStore(root, "reader").load().annotations
    marked = [a for a in annotations if a.claim is not None and a.target.doc in texts]
    found: dict[str, list[ClaimOverride]] = {}
    for override in claim_overrides(place_all(marked, texts)):
        found.setdefault(override.doc_id, []).append(override)
    return found
