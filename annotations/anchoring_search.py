"""Where anchoring looks for a quote that is not at its old place: its exact occurrences, and places
where a slightly changed quote would align.

:mod:`annotations.anchoring` tries these in order and stops at the first it can trust; what is
believed about each place found is :mod:`annotations.anchoring_evidence`'s. With the search here,
:mod:`annotations.anchoring` reads as the order of the stages and the reasons for it, and nothing
else.

An approximate quote's candidates come from the expected place and from a rapidfuzz
``partial_ratio_alignment`` of the quote within ±1,024 characters of it, then, if those fail, from
a global search where exact hits of the stored prefix, the stored suffix and the quote's longest
words vote for where the quote would start. Each candidate's boundaries come from an Indel
alignment of prefix + quote + suffix with the text around it, carried out to word boundaries, so
a changed first or last word stays inside the span and an inserted neighbour outside it.

Cost, for a text of N characters and a quote of M: an exact search is a ``str.find`` scan and the
scoring of at most 1,000 occurrences (about 6 ms for a three-letter word in a megabyte); the local
approximate search aligns within about 2,000 + M characters (a fraction of a millisecond for a
sentence). Quotes over 1,024 characters are aligned by their two ends so the alignment matrix
stays small. The global search scans the whole text once per seed (up to six).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from annotations.anchoring_evidence import (
    _TOKEN,
    LOCAL_RADIUS,
    _Candidate,
    _lower_in_place,
    _measure,
    _Quote,
)

if TYPE_CHECKING:
    from rapidfuzz.distance import Opcodes

    from annotations.target import Target

MAX_OCCURRENCES = 1000
"""Occurrences of a quote scored by context; beyond that the nearest ones are kept."""
ALIGN_HEAD = 256
"""Longer quotes are aligned by their first characters (bounds the cost of the local search)."""
LONG_QUOTE = 1024
"""Quotes longer than this have their boundaries found from their ends alone..."""
QUOTE_EDGE = 256
"""...this many characters of each."""
SEED_HITS = 64
"""Hits kept per seed of the global search (the nearest to the expected place)."""
MAX_SEEDS = 4
"""Words of the quote used as seeds (the longest ones, which are the rarest)."""
MAX_CLUSTERS = 6
"""Places examined by the global search."""


def _occurrences(text: str, needle: str, around: int, limit: int) -> list[int]:
    """Up to ``limit`` starts of ``needle``, the nearest to ``around`` first on either side.

    Scanning outwards bounds the work for needles that occur everywhere while still finding a
    rare needle anywhere in the text.
    """
    if not needle:
        return []
    found: list[int] = []
    around = max(0, around)
    half = max(1, limit // 2)
    position = text.find(needle, around)
    while position != -1 and len(found) < half:
        found.append(position)
        position = text.find(needle, position + 1)
    position = text.rfind(needle, 0, around + len(needle) - 1)
    while position != -1 and len(found) < limit:
        found.append(position)
        position = text.rfind(needle, 0, position + len(needle) - 1) if position else -1
    return found


def _map_span(ops: Opcodes, start: int, end: int) -> tuple[int, int, int, int | None] | None:
    """Where source characters ``start:end`` landed in the destination of an alignment.

    Returns the span, then the limits set by the context that matched on either side (the
    suffix's is None when none of it matched). The first and last source characters that found a
    partner fix the span; unmatched source characters before or after them extend it, but never
    into that context.
    """
    first = last = None
    context_end = 0
    context_start: int | None = None
    for op in ops:
        if op.tag != "equal":
            continue
        if op.src_start < start:
            context_end = op.dest_start + (min(op.src_end, start) - op.src_start)
        if op.src_end > end and context_start is None:
            context_start = op.dest_start + (max(op.src_start, end) - op.src_start)
        low, high = max(op.src_start, start), min(op.src_end, end)
        if low < high:
            if first is None:
                first = op.dest_start + (low - op.src_start) - (low - start)
            last = op.dest_start + (high - op.src_start) + (end - high)
    if first is None or last is None:
        return None
    first = max(first, context_end)
    if context_start is not None:
        last = min(last, context_start)
    return first, last, context_end, context_start


def _cuts_word(before: str, after: str) -> bool:
    """Whether a span edge between these two characters (either may be "") falls in a word."""
    return before[-1:].isalnum() and after[:1].isalnum()


def _locate(
    text: str, before: str, piece: str, after: str, guess: int, slack: int
) -> tuple[int, int] | None:
    """Where ``piece``, framed by ``before`` and ``after``, lands in the text near ``guess``.

    An alignment counts matching letters, not words, so a replaced word can lend the span one of
    its letters ("with" for "The" shares the "h") and an edge lands mid-word. When the piece
    began or ended on a word boundary, its edges are carried out to the boundary of the word they
    cut, never into the context that matched.
    """
    low = max(0, guess - len(before) - slack)
    high = min(len(text), guess + len(piece) + len(after) + slack)
    if high <= low:
        return None
    window = text[low:high]
    ops = Indel.opcodes(_lower_in_place(before + piece + after), _lower_in_place(window))
    mapped = _map_span(ops, len(before), len(before) + len(piece))
    if mapped is None:
        return None
    first, last, floor, ceiling = mapped
    first, last = max(0, first), min(len(window), last)
    ceiling = len(window) if ceiling is None else ceiling
    if not _cuts_word(before, piece):
        while floor < first < len(window) and _cuts_word(window[first - 1], window[first]):
            first -= 1
    if not _cuts_word(piece[-1:], after):
        while 0 < last < ceiling and _cuts_word(window[last - 1], window[last]):
            last += 1
    return (low + first, low + last) if first < last else None


def _snap(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Pull the ends of a span that came out longer than the quote onto its unchanged ends.

    An alignment only counts matching characters, so text inserted just before or after the
    quote can lend it a few stray letters and get swallowed; the quote's first and last
    characters, where they survive, say exactly where it begins and ends.
    """
    spare = (end - start) - len(quote)
    if spare <= 0:
        return start, end
    edge = min(16, len(quote) // 2) or 1
    head = text.find(quote[:edge], start, start + spare + edge)
    if head != -1:
        start = head
    tail = text.rfind(quote[-edge:], max(start, end - spare - edge), end)
    if tail != -1:
        end = tail + edge
    return start, end


def _evaluate(quote: _Quote, text: str, guess: int) -> _Candidate | None:
    """Align prefix + quote + suffix around ``guess`` and measure what lies at the quote's place.

    A long quote is aligned by its two ends only: the alignment keeps a matrix of quote length
    times window length bits, which for a 20,000-character quote would be tens of megabytes.
    """
    target = quote.target
    size = quote.length
    slack = 24 + min(size // 4, 256)
    if size <= LONG_QUOTE:
        span = _locate(text, target.prefix, target.quote, target.suffix, guess, slack)
    else:
        head = _locate(text, target.prefix, target.quote[:QUOTE_EDGE], "", guess, slack)
        if head is None:
            return None
        tail_guess = head[0] + size - QUOTE_EDGE
        tail = _locate(text, "", target.quote[-QUOTE_EDGE:], target.suffix, tail_guess, slack)
        span = None if tail is None else (head[0], tail[1])
    if span is None:
        return None
    start, end = _snap(target.quote, text, *span)
    if not target.quote[0].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not target.quote[-1].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    if start >= end or not _same_edges(target, text, start, end):
        return None
    return _measure(quote, text, start, end)


def _same_edges(target: Target, text: str, start: int, end: int) -> bool:
    """A quote that began (ended) on a word boundary must still do so.

    :func:`_locate` carries edges out to word boundaries unless the matched context is in the
    way; an edge still inside a word then means the quote was stretched over a boundary onto
    something else, such as the tail of "Consumption" taken for the "use." that ended another
    paragraph.
    """
    quote = target.quote
    if not _cuts_word(target.prefix, quote) and _cuts_word(text[start - 1 : start], text[start]):
        return False
    return _cuts_word(quote, target.suffix) or not _cuts_word(text[end - 1], text[end : end + 1])


def _verbatim_candidates(quote: _Quote, text: str, expected: int) -> list[_Candidate]:
    size = quote.length
    return [
        _measure(quote, text, start, start + size)
        for start in _occurrences(text, quote.target.quote, expected, MAX_OCCURRENCES)
    ]


def _local_guesses(quote: _Quote, text: str, expected: int) -> list[int]:
    """The expected place, and where the quote aligns best within ``LOCAL_RADIUS`` of it."""
    guesses = [expected]
    head = _lower_in_place(quote.target.quote[:ALIGN_HEAD])
    low = max(0, expected - LOCAL_RADIUS)
    window = _lower_in_place(text[low : expected + quote.length + LOCAL_RADIUS])
    if len(window) >= len(head):
        found = fuzz.partial_ratio_alignment(head, window)
        if found is not None:
            guess = low + found.dest_start - found.src_start
            if abs(guess - expected) > 8:
                guesses.append(guess)
    return guesses


def _global_guesses(quote: _Quote, text: str, expected: int, tried: list[int]) -> list[int]:
    """Places where several exact seeds (context, longest words) agree the quote would start."""
    target = quote.target
    seeds: list[tuple[str, int]] = []
    if len(target.prefix) >= 12:
        seeds.append((target.prefix, len(target.prefix)))
    if len(target.suffix) >= 12:
        seeds.append((target.suffix, -quote.length))
    words: dict[str, int] = {}
    for match in _TOKEN.finditer(target.quote):
        if len(match.group()) >= 4:
            words.setdefault(match.group(), match.start())
    for word in sorted(words, key=len, reverse=True)[:MAX_SEEDS]:
        seeds.append((word, -words[word]))
    votes: list[tuple[int, int]] = []
    for number, (needle, offset) in enumerate(seeds):
        for hit in _occurrences(text, needle, expected - offset, SEED_HITS):
            votes.append((hit + offset, number))
    if not votes:
        return []
    votes.sort()
    tolerance = 8 + quote.length // 8
    clusters: list[tuple[int, int]] = []
    group: list[tuple[int, int]] = [votes[0]]
    for vote in votes[1:]:
        if vote[0] - group[-1][0] > tolerance:
            clusters.append(_cluster(group))
            group = []
        group.append(vote)
    clusters.append(_cluster(group))
    needed = min(2, len(seeds))
    ranked = sorted(
        (c for c in clusters if c[0] >= needed), key=lambda c: (-c[0], abs(c[1] - expected))
    )
    guesses: list[int] = []
    for _, guess in ranked:
        if all(abs(guess - other) > tolerance for other in tried + guesses):
            guesses.append(guess)
        if len(guesses) >= MAX_CLUSTERS:
            break
    return guesses


def _cluster(group: list[tuple[int, int]]) -> tuple[int, int]:
    """(distinct seeds, median start) of one group of votes."""
    return len({seed for _, seed in group}), group[len(group) // 2][0]


def _approximate_candidates(
    quote: _Quote, text: str, expected: int, verbatim: list[_Candidate]
) -> list[_Candidate]:
    """Approximate quotes that pass, from places near ``expected``, else from the global seeds.

    The global search costs a scan of the whole text per seed, so it runs only when nothing
    near the expected place passes.
    """
    accepted: list[_Candidate] = []

    def consider(guesses: list[int]) -> None:
        for guess in guesses:
            found = _evaluate(quote, text, guess)
            if found is None or not found.acceptable(quote, expected):
                continue
            # An approximate span over an exact occurrence is that occurrence with a neighbour's
            # letters swallowed, and the occurrence has already been judged on its own.
            if not any(found.overlaps(v) for v in verbatim):
                accepted.append(found)

    tried = _local_guesses(quote, text, expected)
    consider(tried)
    if not accepted:
        consider(_global_guesses(quote, text, expected, tried))
    return accepted
