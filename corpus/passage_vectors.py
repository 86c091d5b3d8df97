"""The sentences of a workspace as vectors, laid out so that a query costs one pass over its terms.

This is what :mod:`corpus.matching` scores queries against, kept apart from the scoring: here is
how passages are laid out so that a query stays fast however large the workspace (and the one
thing a reader changes in place, claim kinds), there is what makes two passages say the same
thing. Nothing here ranks passages.

The term weights are unit-length TF-IDF vectors kept twice as flat numpy arrays: by term (the
postings), so a query's cosine with every passage is one scatter-add per query term; and by
passage (compressed sparse rows), as the gram vectors of :mod:`corpus.char_grams` are too, so
that the few passages worth a closer look can be scored in full from their rows. A query takes
milliseconds even for a hundred thousand sentences.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.match_terms import Analyzer, Vocabulary
from corpus.sparse_rows import SparseRows
from corpus.term_counts import TermCounts

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import numpy as np
    from numpy.typing import NDArray

    from corpus.char_grams import CharGrams


@dataclass(frozen=True, slots=True)
class Passage:
    """One indexed sentence."""

    doc_id: str
    sentence: int
    start: int
    end: int
    position: float
    """Where it is in its document, 0 (start) to 1 (end)."""
    kind: str | None = None
    """Its claim kind, when it is a claim."""


class PassageVectors:
    """Sentences of a workspace with their term and gram vectors, and postings of the terms."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        passages: list[Passage],
        counts: TermCounts | Sequence[Mapping[str, int]],
        grams: CharGrams,
        analyzer: Analyzer | None = None,
        fingerprints: Sequence[str] = (),
    ) -> None:
        import numpy as np  # loaded with the index, never on the start-up path

        self.vocabulary = vocabulary
        self.passages = passages
        terms = counts if isinstance(counts, TermCounts) else TermCounts.of(counts)
        self.counts = terms
        """Per passage, its term counts: which terms it has, for explanations."""
        self.grams = grams
        self.fingerprints = fingerprints
        """Per passage, :func:`corpus.folding.fingerprint` of its text, to tell an identical
        passage from a near-copy (none given: every passage counts as differing)."""
        self.analyzer = analyzer or Analyzer(vocabulary)
        total = max(len(passages), 1)
        term_ids = self.term_ids = terms.term_ids
        # the counts' term numbers are the columns: one array serves both
        starts, columns, frequencies = terms.arrays()
        lengths = np.diff(starts)
        df = np.bincount(columns, minlength=len(term_ids))
        idf = np.log((1 + total) / (1 + df)) + 1
        self.idf = dict(zip(term_ids, idf.tolist(), strict=True))
        rows = np.repeat(np.arange(len(terms), dtype=np.int64), lengths)
        weights = (1 + np.log(frequencies.astype(np.float64))) * idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=len(terms)))
        values = weights / norms[rows] if len(rows) else weights
        self._terms = SparseRows(starts, columns, values, len(term_ids))
        # by term: term j's postings are _rows[_offsets[j]:_offsets[j + 1]]
        order = np.argsort(columns, kind="stable")
        self._rows = rows[order]
        self._values = values[order]
        self._offsets = np.concatenate(([0], np.cumsum(df)))
        self._positions = np.fromiter((p.position for p in passages), np.float64, len(passages))
        kind_codes = {kind: code for code, kind in enumerate({p.kind for p in passages if p.kind})}
        self._kinds = np.fromiter(
            (kind_codes.get(p.kind, -1) if p.kind else -1 for p in passages),
            np.int64,
            len(passages),
        )
        self._kind_codes = kind_codes
        document_codes: dict[str, int] = {}
        self._documents = np.fromiter(
            (document_codes.setdefault(p.doc_id, len(document_codes)) for p in passages),
            np.int64,
            len(passages),
        )
        self.document_names = list(document_codes)
        """The indexed documents in order: a document's number is its place here."""
        self._starts = [p.start for p in passages]
        self.by_document: dict[str, range] = {}
        if len(passages):
            first = np.flatnonzero(np.diff(self._documents, prepend=-1))
            ends = [*first[1:].tolist(), len(passages)]
            for name, lo, hi in zip(self.document_names, first.tolist(), ends, strict=True):
                self.by_document[name] = range(lo, hi)
        self._centroids: dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]] = {}
        """Per query document, the sums of its passages' term and gram vectors (a few)."""
        self._around: dict[int, NDArray[np.float64]] = {}
        """Per neighbour of a recent query, its likeness to the passages worked out so far, NaN
        for the others (a few; see :meth:`corpus.matching.PassageIndex._neighbour_likeness`)."""

    def set_kinds(self, doc_id: str, kinds: Sequence[str | None]) -> bool:
        """Give ``doc_id``'s passages the claim kinds of its sentences now; True if any changed.

        A reader marks a sentence "claim" or "not a claim" long after the index is built: the
        synopsis and the same-kind nudge must follow the mark, and terms and grams do not
        depend on kinds, so there is nothing to rebuild.
        """
        from dataclasses import replace

        changed = False
        for number in self.by_document.get(doc_id, ()):
            passage = self.passages[number]
            kind = kinds[passage.sentence] if passage.sentence < len(kinds) else None
            if kind != passage.kind:
                self.passages[number] = replace(passage, kind=kind)
                codes = self._kind_codes
                self._kinds[number] = codes.setdefault(kind, len(codes)) if kind else -1
                changed = True
        return changed

    def passage_at(self, doc_id: str, offset: int) -> int | None:
        """Global index of the passage of ``doc_id`` containing ``offset`` (or just before it)."""
        span = self.by_document.get(doc_id)
        if not span:
            return None
        found = bisect.bisect_right(self._starts, offset, span.start, span.stop) - 1
        return max(found, span.start)

    def _document_sums(self, doc_id: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The sums of the term and of the gram vectors of ``doc_id``'s passages, dense."""
        cached = self._centroids.get(doc_id)
        if cached is None:
            span = self.by_document[doc_id]
            cached = (
                self._terms.dense_sum(span.start, span.stop),
                self.grams.rows.dense_sum(span.start, span.stop),
            )
            if len(self._centroids) >= 8:  # the reader asks from one or two documents at a time
                self._centroids.clear()
            self._centroids[doc_id] = cached
        return cached
