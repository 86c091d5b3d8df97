"""Finding a target again in the current text of its document, or saying honestly that it is gone.

A target keeps its quote, up to 32 characters of context either side, its old offsets and the
hash of the text it was taken from (see :mod:`annotations.target`). Re-attaching it is a search
for the place that best agrees with all of those, under one rule that shapes every choice below:
it is better to orphan than to attach to a lookalike passage. Web annotation tools are known to
slide a highlight onto a similar sentence elsewhere, and the sample articles paraphrase themselves
paragraph after paragraph (summaries restate the body, headings repeat the list of contents), so a
quote that merely resembles another sentence is the normal case here. A note silently attached to
the wrong claim is worse than one that asks to be re-attached by hand (:func:`reattach`).

The search goes from cheap and certain to expensive and doubtful, and stops at the first answer
it can trust:

1. **Same place.** The quote is at its old offsets with its context unchanged (or the text hash
   is the stored one): ``anchored``. In bulk (:func:`anchor_all`) the same check then runs at the
   offsets shifted by the move of the previous target in document order, since an edit above a
   passage moves everything below it alike: after an insertion at the top every target costs a
   comparison of its own length instead of a scan.
2. **The exact quote.** Its occurrences (the 1,000 nearest the expected place) are scored by how
   well the stored context agrees around each. Agreement is the Indel (LCS) similarity of each
   stored side to the same-length stretch of text, case, spacing and Unicode composition folded,
   rescaled so that 0 means chance: two unrelated 32-character stretches of English already share
   about 40 % of their letters in order, and without the rescaling every stray occurrence would
   look 40 % confirmed. The agreement demanded falls with the quote's length, because a short
   quote ("kratom", "the risks") occurs everywhere while a long one is its own evidence: 0.7 (both
   sides nearly intact) up to 8 characters, 0.4 (about one side) from 64 to 128, then down to
   nothing for a paragraph of 256+, whose copy is a duplicate rather than a lookalike and which,
   moved whole, has new neighbours on both sides. A whole side of 16+ characters found unchanged
   also confirms, if with the quote it makes 32+ characters (text inserted right against a quote
   cuts off one side, never the other). So does a side that ran to the start (end) of the
   document and still does, unchanged: a passage at the very top has an empty prefix and would
   otherwise rest on its suffix alone, orphaned by an edit of the next line. No copy can share
   that edge, but a short quote ("Kratom") could open whatever sentence now begins the
   document, so the edge vouches only for the sole copy of the quote, or for a quote that makes
   32+ characters with its edge side. The
   best agreement wins, then the copy whose context is unchanged to the letter, then the nearest
   to the expected place (text duplicated with its context is told apart by position alone).
   Result ``moved``, or ``anchored`` at the old place. The same search then runs on both
   texts decomposed, when they are spelt in different Unicode forms: a document re-saved in
   NFC holds the same characters as before (:mod:`annotations.anchoring_canonical`).
3. **An approximate quote**, only when no exact one qualifies: candidates near the expected place,
   then wherever the stored context and the quote's longest words agree it would start, each bounded
   by an alignment with the text around it (:mod:`annotations.anchoring_search` says how). A
   candidate must pass on *both* the quote and the context. Words are compared as sequences, case
   kept unless the change is typography only: at most one word in ten may differ, none in a quote of
   fewer than ten words. That is what separates a one-word edit (10 words: 0.90) from the sample's
   paraphrases (at most 0.76 between two of its 10+ word sentences that are not verbatim copies).
   Characters must be 75 % alike (90 % below ten words), the context 0.7 (0.8 below ten words) with
   neither side under 0.35: an edited sentence keeps its neighbours, while a lookalike usually
   shares at most one of them. The lookalikes that pass all that are the sample's headings and their
   lines in the list of contents, met by quotes that straddle a line end; hence three more rules. A
   changed first or last word needs its neighbouring side intact (0.9), since editing a word leaves
   the text outside the quote alone. A quote that began or ended on a word boundary must still do
   so. And farther than 1,024 characters from the expected place only typography may differ. Result
   ``fuzzy``, scored by the quote's character similarity (case and spacing folded).
4. Otherwise ``orphaned``.

Cost, for a text of N characters and a quote of M: the same-place and shifted checks are O(M); the
searches beyond are costed in :mod:`annotations.anchoring_search`. The worst case is a target
that ends up orphaned: it runs every stage, including six seed scans of the whole text, about
3 ms per target for a 1 MB text (so 10,000 notes all orphaned at once in such a text would take
half a minute; ``benchmarks/eval_anchoring.py`` measures each path).

Limits: identical copies with identical 32-character context are told apart by distance only, so
a paragraph pasted shortly *before* its original, nearer the old offset than the original now is,
takes its notes (18 % of such copies in the benchmark); a passage that moved far *and* changed
wording, or that moved alone into new surroundings while shorter than 128 characters, is orphaned
by design; a case change is only recovered near the old place (the global seeds are exact).

This module is the order of the search, from cheap and certain to expensive and doubtful, and its
public API. Where each stage looks is :mod:`annotations.anchoring_search`. What is believed about
each place found (the measurements, the thresholds above and the preference between candidates)
and the states of the answer are in :mod:`annotations.anchoring_evidence`, so that every path to
a candidate is held to the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.anchoring_canonical import canonical_anchor, spelt_alike
from annotations.anchoring_evidence import (
    ORPHAN,
    Anchor,
    AnchorState,
    _context_is_exact,
    _pick,
    _Quote,
    _result,
)
from annotations.anchoring_search import _approximate_candidates, _verbatim_candidates
from annotations.target import Target, text_sha256

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["ORPHAN", "Anchor", "AnchorState", "anchor", "anchor_all", "reattach"]


def _anchor(target: Target, text: str, known_sha256: str | None, shift: int) -> Anchor:
    quote_text = target.quote
    if not quote_text or not text:
        return ORPHAN
    start, end = target.start, target.end
    in_place = start >= 0 and end == start + len(quote_text) and text.startswith(quote_text, start)
    if in_place and (known_sha256 == target.sha256 or _context_is_exact(target, text, start)):
        return Anchor(AnchorState.ANCHORED, start, end, 1.0)
    expected = min(max(0, start + shift), len(text))
    if (
        shift
        and text.startswith(quote_text, expected)
        and _context_is_exact(target, text, expected)
    ):
        state = AnchorState.ANCHORED if expected == start else AnchorState.MOVED
        return Anchor(state, expected, expected + len(quote_text), 1.0)

    quote = _Quote.of(target)
    verbatim = _verbatim_candidates(quote, text, expected)
    # An exact copy of the quote with confirming context is better evidence than any
    # resemblance, so approximate matches are only looked for when no exact one qualifies.
    sole = len(verbatim) == 1
    accepted = [c for c in verbatim if c.acceptable(quote, expected, sole=sole)]
    if accepted:
        return _result(_pick(accepted, expected), target)
    if not spelt_alike(target, text):
        respelt = canonical_anchor(target, text, expected)
        if respelt is not None:
            return respelt

    accepted = _approximate_candidates(quote, text, expected, verbatim)
    if not accepted:
        return ORPHAN
    return _result(_pick(accepted, expected), target)


def anchor(target: Target, text: str, text_sha256: str | None = None) -> Anchor:
    """Re-attach ``target`` to ``text``, the current text of its document.

    Pass ``text_sha256`` when it is already known (the reader hashes every document it loads):
    an unchanged document then costs one slice comparison per target.
    """
    return _anchor(target, text, text_sha256, 0)


def anchor_all(targets: Sequence[Target], text: str) -> list[Anchor]:
    """Re-attach many targets of one document, in their order.

    Hashing the text once serves every target, and visiting targets in document order lets each
    one try first the shift its predecessor was found at (an edit above moves everything below it
    alike). That shift is also the expected place when equal candidates are told apart by
    distance, so between verbatim copies with identical context this may choose differently from
    :func:`anchor` on its own, in favour of the copy consistent with its neighbours.
    """
    sha256 = text_sha256(text)
    results: list[Anchor] = [ORPHAN] * len(targets)
    order = sorted(range(len(targets)), key=lambda i: (targets[i].start, targets[i].end))
    shift = 0
    for index in order:
        target = targets[index]
        found = _anchor(target, text, sha256, shift)
        results[index] = found
        if found.start is not None:
            shift = found.start - target.start
    return results


def reattach(target: Target, text: str, start: int, end: int) -> Target:
    """Re-anchor a note by hand: the chosen span of the current text becomes its new target."""
    return Target.from_span(target.doc, text, start, end)
