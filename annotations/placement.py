"""Annotations placed on the documents as they are now: one answer for the CLI, exports and
the reader.

Every consumer needs the same thing: each live annotation with where its passage is today
(anchored, moved, fuzzy) or the fact that it could not be found (orphaned). Doing it once, here,
means ``synoptic notes``, the Markdown report and the reader can never disagree about where
a note is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotations.anchoring import ORPHAN, Anchor, AnchorState, anchor
from annotations.target import text_sha256

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


def place_all(annotations: Iterable[Annotation], texts: Mapping[str, str]) -> list[Placed]:
    """Anchor each live annotation in ``texts`` (document id -> current text).

    Tombstones are skipped. A document missing from ``texts`` orphans its annotations; they
    keep their quote, so they can be shown and re-attached by hand.
    """
    hashes: dict[str, str] = {}
    placed = []
    for annotation in annotations:
        if annotation.deleted:
            continue
        doc = annotation.target.doc
        text = texts.get(doc)
        if text is None:
            placed.append(Placed(annotation, ORPHAN))
            continue
        if doc not in hashes:
            hashes[doc] = text_sha256(text)
        placed.append(Placed(annotation, anchor(annotation.target, text, hashes[doc])))
    return placed


def claim_overrides(placed: Iterable[Placed]) -> list[ClaimOverride]:
    """The users' claim / not-claim marks as overrides for claim detection, oldest first
    (so that the most recent mark on a sentence wins)."""
    from corpus.claims import ClaimOverride

    marks = sorted(
        (p for p in placed if p.annotation.claim is not None and p.start is not None),
        key=lambda p: (p.annotation.modified, p.annotation.id),
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
    root: Path, texts: Mapping[str, str]
) -> dict[str, list[ClaimOverride]]:
    """Every author's claim marks on the documents of ``texts``, by document, for commands
    that assess claims outside the reader: ``claims``, ``synopsis``, ``match`` and the report
    must agree with what the reader shows."""
    from annotations.store import AnnotationStore

    loaded = AnnotationStore(root, "reader").load()
    marked = [a for a in loaded.annotations if a.claim is not None and a.target.doc in texts]
    found: dict[str, list[ClaimOverride]] = {}
    for override in claim_overrides(place_all(marked, texts)):
        found.setdefault(override.doc_id, []).append(override)
    return found
