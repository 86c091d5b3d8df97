"""What anchoring concludes, and what evidence it demands before it believes a place.

:mod:`annotations.anchoring` and :mod:`annotations.anchoring_search` decide *where to look* for a
target (its old place, the exact quote's occurrences, approximate alignments, seeds voting across
the whole text). This module decides *what to believe* about each place it finds: how the text there
is measured against the stored quote and context, the thresholds a candidate must pass, and which of
several passing candidates wins. Keeping the judgement apart from the search is what keeps the rule
"better orphaned than attached to a lookalike" in one place, whichever way a candidate was found;
the reasons for each number are in the docstring of :mod:`annotations.anchoring`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from annotations.target import CONTEXT_CHARS

if TYPE_CHECKING:
    from annotations.target import Target


class AnchorState(StrEnum):
    """How a target was found in the current text, from most to least certain."""

    ANCHORED = "anchored"
    """The quote is where it was."""
    MOVED = "moved"
    """The exact quote, confirmed by its context, at another place."""
    FUZZY = "fuzzy"
    """A slightly different quote with agreeing context: shown, but worth a look."""
    ORPHANED = "orphaned"
    """Nowhere trustworthy: the note waits to be re-attached by hand."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a target sits in the current text, and how sure we are."""

    state: AnchorState
    start: int | None
    end: int | None
    score: float
    """1.0 for an exact quote, its similarity (0-1) when fuzzy, 0.0 when orphaned."""

    @property
    def attached(self) -> bool:
        """Whether the note has a place to be shown at."""
        return self.state is not AnchorState.ORPHANED


ORPHAN = Anchor(AnchorState.ORPHANED, None, None, 0.0)
"""The answer for a target with nowhere to go (also for a document that is missing)."""

CHANCE = 0.4
"""Indel similarity of two unrelated 32-character stretches of English (sample median 0.375):
context agreement is rescaled so that this scores 0."""
CONFIRMED = 0.4
"""Context agreement that confirms a verbatim quote of 64 to 128 characters: about one side intact,
well above unrelated text (which rarely passes 0.25). Headings of 90-110 characters repeat their
line in a list of contents with 0.0-0.34 agreement: a reworded heading must not jump there."""
SELF_EVIDENT = 256
"""A verbatim quote this long (a paragraph) needs no context: a copy of it is a duplicate, never a
lookalike, and a paragraph moved whole has new neighbours on both sides. The need falls linearly
to 0 from 128 characters."""
SHORT_NEED = 0.7
"""Context agreement demanded of a verbatim quote of 8 characters or fewer: nearly both sides."""
EXACT_EVIDENCE = 32
"""Also enough for a verbatim quote: it plus one whole stored side of 16+ characters, unchanged,
make this many characters in a row (text inserted next to a quote cuts off one side only)."""
FUZZY_CONTEXT = 0.7
"""Context agreement demanded of an approximate quote: one side intact and the other mostly so.
A changed quote in its own place keeps its neighbours; a lookalike elsewhere keeps at most the one
it happens to share (a heading and its entry in a list of contents)."""
FUZZY_SHORT_CONTEXT = 0.8
"""The same for an approximate quote of fewer than ten words."""
FUZZY_SIDE = 0.35
"""Agreement each stored side must reach around an approximate quote."""
EDGE_SIDE = 0.9
"""Agreement of the side next to a changed first or last word of an approximate quote."""
WORDS_PER_CHANGE = 10
"""An approximate quote may differ by one word per this many (none in a shorter quote)."""
EDGE_SPACE = 64
"""Spacing allowed between a document edge and a side that reached it (blank lines at the top)."""
LOCAL_RADIUS = 1024
"""How far from the expected place the local fuzzy alignment looks."""

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# A CJK character counts as a word: those scripts have no spaces, and one "word" per run would
# make a one-character edit look like a completely different sentence. Apostrophes and hyphens
# stay inside a word, so "brain's" replacing "its" is one changed word, not two.
_LETTERS = rf"[^\W_{_CJK}]+"
_TOKEN = re.compile(rf"[{_CJK}]|{_LETTERS}(?:['\-]{_LETTERS})*")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _unify(text: str) -> str:
    """Spacing, Unicode composition and curly quotes are typography, not wording."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text)


def _fold(text: str) -> str:
    """The form compared for character similarity and context: case is typography too."""
    return _unify(text).casefold()


def _lower_in_place(text: str) -> str:
    """Lower case without changing any offset, so alignments map back onto the real text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _side_agreement(stored: str, found: str) -> float:
    """Agreement of one (folded) side of the context, rescaled so that unrelated text scores 0."""
    raw = Indel.normalized_similarity(stored, _fold(found))
    return max(0.0, (raw - CHANCE) / (1.0 - CHANCE))


@dataclass(frozen=True, slots=True)
class _Quote:
    """What every candidate is compared with, computed once per target."""

    target: Target
    folded: str
    words: list[str]
    """Case kept: a lookalike heading often differs from the quote in capitals too."""
    prefix: str
    suffix: str
    """The context, folded."""

    @classmethod
    def of(cls, target: Target) -> _Quote:
        return cls(
            target,
            _fold(target.quote),
            _TOKEN.findall(_unify(target.quote)),
            _fold(target.prefix),
            _fold(target.suffix),
        )

    @property
    def length(self) -> int:
        return len(self.target.quote)

    @property
    def short(self) -> bool:
        return len(self.words) < WORDS_PER_CHANGE

    def word_need(self) -> float:
        count = len(self.words)
        if count == 0:
            return 1.0
        return 1.0 - (count // WORDS_PER_CHANGE) / count - 1e-9

    def char_need(self) -> float:
        return 0.9 if self.short else 0.75

    def context_need(self) -> float:
        return FUZZY_SHORT_CONTEXT if self.short else FUZZY_CONTEXT


@dataclass(frozen=True, slots=True)
class _Context:
    """How the stored context agrees with the text around one candidate span."""

    before: float
    after: float
    """Agreement of each side; 1.0 for a side stored empty, which has nothing to disagree with."""
    mean: float
    """Both sides weighted by their stored length (a side stored empty tells nothing)."""
    unchanged: int
    """Characters of stored sides found exactly, case and spacing included (whole sides only):
    what tells apart copies whose context agrees once folded."""
    evidence: int
    """The same, counting only sides of 16+ characters."""
    edge: int | None = None
    """The length of the longest stored side that ran to the document's start (end) and still
    does, unchanged but for spacing at that edge; None when there is no such side."""

    @property
    def weaker(self) -> float:
        return min(self.before, self.after)


def _context(quote: _Quote, text: str, start: int, end: int) -> _Context:
    target = quote.target
    before = after = 1.0
    unchanged = evidence = 0
    if target.prefix:
        size = len(target.prefix)
        found = text[max(0, start - size) : start]
        before = _side_agreement(quote.prefix, found)
        if found == target.prefix:
            unchanged += size
            evidence += size if size >= 16 else 0
    if target.suffix:
        size = len(target.suffix)
        found = text[end : end + size]
        after = _side_agreement(quote.suffix, found)
        if found == target.suffix:
            unchanged += size
            evidence += size if size >= 16 else 0
    weights = len(target.prefix) + len(target.suffix)
    mean = (len(target.prefix) * before + len(target.suffix) * after) / weights if weights else 1.0
    return _Context(before, after, mean, unchanged, evidence, _edge(target, text, start, end))


def _edge(target: Target, text: str, start: int, end: int) -> int | None:
    """The longest stored side that reached a document edge and still reaches it unchanged.

    A passage at the very start (end) of a document has a short or empty prefix (suffix), so
    its agreement rests on the other side alone, and editing the neighbouring line would orphan
    an intact quote. But the edge is a place no copy can share: a side found unchanged up to
    the same edge confirms the place as a whole unchanged side does. Spacing at the edge itself
    (a blank line added or dropped at the top, a final newline) is not a change.
    """
    sides: list[int] = []
    prefix, suffix = target.prefix, target.suffix
    # Only a candidate within a few lines of the edge is compared (slicing the whole text for
    # each of a thousand occurrences would cost more than the rest of the search).
    if (
        target.start == len(prefix)
        and start <= len(prefix) + EDGE_SPACE
        and text[:start].lstrip() == prefix.lstrip()
    ):
        sides.append(len(prefix))
    if (
        len(suffix) < CONTEXT_CHARS
        and len(text) - end <= len(suffix) + EDGE_SPACE
        and text[end:].rstrip() == suffix.rstrip()
    ):
        sides.append(len(suffix))
    return max(sides, default=None)


def _context_is_exact(target: Target, text: str, start: int) -> bool:
    end = start + len(target.quote)
    return (
        text[max(0, start - len(target.prefix)) : start] == target.prefix
        and text[end : end + len(target.suffix)] == target.suffix
    )


def _verbatim_need(length: int) -> float:
    """Context agreement a verbatim quote of ``length`` characters needs.

    Why these numbers: see the docstring of :mod:`annotations.anchoring`.
    """
    if length >= SELF_EVIDENT:
        return 0.0
    if length > 128:
        return CONFIRMED * (SELF_EVIDENT - length) / (SELF_EVIDENT - 128)
    shortness = min(1.0, max(0.0, (64 - length) / (64 - 8)))
    return CONFIRMED + (SHORT_NEED - CONFIRMED) * shortness


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    verbatim: bool
    quote_similarity: float
    word_similarity: float
    context: _Context
    first_word_changed: bool = False
    last_word_changed: bool = False

    @property
    def strength(self) -> float:
        return 0.5 * self.quote_similarity + 0.5 * self.context.mean

    def acceptable(self, quote: _Quote, expected: int, *, sole: bool = False) -> bool:
        """Whether the evidence at this place is enough (``sole``: the only exact copy)."""
        context = self.context
        if self.verbatim:
            # An intact document edge confirms the only copy of a quote, or one that makes
            # EXACT_EVIDENCE characters with its edge side: a short quote with copies elsewhere
            # ("Kratom") could begin whatever sentence now opens the document.
            at_edge = context.edge is not None and (
                sole or quote.length + context.edge >= EXACT_EVIDENCE
            )
            return (
                at_edge
                or context.mean >= _verbatim_need(quote.length)
                or (context.evidence > 0 and quote.length + context.evidence >= EXACT_EVIDENCE)
            )
        # Far from where it should be, only typography may differ: an edited passage stays where
        # it was, while the sample's near-copies (a heading and its line in the list of contents,
        # a summary and its body) sit paragraphs apart with one word changed and context to match.
        near = abs(self.start - expected) <= LOCAL_RADIUS
        # A changed first (last) word must be vouched for by an intact neighbour: editing a word
        # leaves the text outside the quote alone, while a lookalike reached by stretching the
        # quote over a boundary ("...Responsible Consumption" for "...its responsible use.")
        # changes the edge word and its neighbour together.
        return (
            self.word_similarity >= (quote.word_need() if near else 1.0)
            and self.quote_similarity >= quote.char_need()
            and context.mean >= quote.context_need()
            and context.weaker >= FUZZY_SIDE
            and (not self.first_word_changed or context.before >= EDGE_SIDE)
            and (not self.last_word_changed or context.after >= EDGE_SIDE)
        )

    def overlaps(self, other: _Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def _measure(quote: _Quote, text: str, start: int, end: int) -> _Candidate:
    found = text[start:end]
    context = _context(quote, text, start, end)
    if found == quote.target.quote:
        return _Candidate(start, end, True, 1.0, 1.0, context)
    unified = _unify(found)
    folded = unified.casefold()
    if folded == quote.folded:
        return _Candidate(start, end, False, 1.0, 1.0, context)
    words = _TOKEN.findall(unified)
    return _Candidate(
        start,
        end,
        False,
        Indel.normalized_similarity(quote.folded, folded),
        Indel.normalized_similarity(quote.words, words),
        context,
        first_word_changed=bool(words and quote.words) and words[0] != quote.words[0],
        last_word_changed=bool(words and quote.words) and words[-1] != quote.words[-1],
    )


def _result(best: _Candidate, target: Target) -> Anchor:
    if best.verbatim:
        same = best.start == target.start and best.end == target.end
        state = AnchorState.ANCHORED if same else AnchorState.MOVED
        return Anchor(state, best.start, best.end, 1.0)
    return Anchor(AnchorState.FUZZY, best.start, best.end, round(best.quote_similarity, 4))


def _pick(candidates: list[_Candidate], expected: int) -> _Candidate:
    """The strongest; then the one whose context is unchanged to the letter; then the nearest."""
    return max(
        candidates,
        key=lambda c: (round(c.strength, 6), c.context.unchanged, -abs(c.start - expected)),
    )
