"""Finding where the other documents say the same thing: an index of sentences, scored by
shared meaning-bearing words, shared pieces of words, and agreeing neighbours.

Each sentence becomes a bag of *terms*: its words in NFKC form and case-folded, stopwords
dropped, stemmed with the Snowball English stemmer, and mapped to a concept when the vocabulary
file says several words name one idea ("alleviate" and "relieve"). Terms are weighted by how
rare they are in the workspace (TF-IDF), so "mitragynine" counts and "kratom" in a workspace
about kratom barely does. Each sentence is also a bag of character 4-grams of its words
(:mod:`corpus.char_grams`), which see kinship the stemmer misses ("anxiolytic", "anxiety").

A passage's likeness to the query is a blend of the two cosines (``char_weight`` from grams),
plus a bonus when the sentences just before and after also resemble each other
(``context_weight``: articles that paraphrase one another do it a run of sentences at a time),
less a penalty for passages that are *generic* for the query's document (below); it is then
scaled down a little for a different place in the document or a different claim kind. Scores
are in [0, 1], and only a passage whose text is the query's reaches 1. Only passages that share
at least one term with the query are candidates, so a good place or a common suffix alone never
makes a match, and a passage sharing a single term with a longer query is scaled down
(``single_term_factor``: "remains" and a line "Remaining files:" are a coincidence unless the
rest agrees). Below a threshold there is "no good match" rather than a jump to somewhere
arbitrary. The shared terms are kept for highlighting.

The generic-passage penalty is a hubness correction (as in CSLS, cross-domain similarity local
scaling): a passage that resembles every sentence of the query's document, such as a summary
sentence naming the article's whole topic, would otherwise be everyone's best match. Its mean
likeness to the query document's other sentences, times ``generic_weight``, is taken off, so a
passage that says what *this* sentence says beats one that says a little of everything. Grams,
neighbours and penalty are computed for the best few passages of each document by terms
alone (``rerank``), so a query stays one pass over the postings of its own terms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.folding import fingerprint
from corpus.passage_vectors import Passage, PassageVectors

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from corpus.match_terms import Vocabulary

MATCHER_VERSION = 7
"""Bumped whenever terms or scores change, so cached indexes are rebuilt (4: terms and grams
are read in NFKC form and case-folded, so a cache of unfolded terms must not be reused, and
each passage's text fingerprint is kept; 5: a link's destination gives no terms nor grams,
and a line of links is no passage; 6: a word cut at a line end, ``depres-`` then ``sion``, is
one term; 7: a stem's final "iev" is "ief", so "believe" and "belief" are one term)."""

NOT_IDENTICAL_CEILING = 0.9999
"""The top score of a passage that differs from the query (the largest below 1 at four
decimals): a fact-checker reads 1 as "the same text"."""
SHOWN_CEILING = 0.99
"""The top score *shown* for such a passage, to two or three decimals (0.996 reads 1.00)."""


@dataclass(frozen=True, slots=True)
class Match:
    """A passage of another document that says the same thing, and why we think so."""

    passage: Passage
    score: float
    shared: tuple[str, ...]
    """The terms both sentences have, rarest first: what to highlight."""
    identical: bool = False
    """The passage is the query's text (in NFKC form, case-folded, spacing aside)."""

    @property
    def shown_score(self) -> float:
        """The score to print: at most :data:`SHOWN_CEILING` unless the text is identical."""
        return self.score if self.identical else min(self.score, SHOWN_CEILING)


@dataclass(slots=True)
class MatchResult:
    """The best passages of every other document, and the documents with no good match."""

    query: Passage
    matches: list[Match]
    unmatched: list[str] = field(default_factory=list)


class PassageIndex(PassageVectors):
    """The passages of a workspace, asked which of them say what a query says.

    The best few passages of each document by terms alone (one pass over the query's postings)
    are scored in full from the rows of :class:`~corpus.passage_vectors.PassageVectors`: with
    grams, neighbours and the generic-passage penalty.
    """

    def with_vocabulary(self, vocabulary: Vocabulary) -> PassageIndex:
        """The same passages scored with other settings (the evaluation's ranking alone)."""
        return PassageIndex(
            vocabulary, self.passages, self.counts, self.grams, self.analyzer, self.fingerprints
        )

    def _likeness(
        self,
        term_vector: NDArray[np.float64],
        gram_vector: NDArray[np.float64],
        targets: NDArray[np.int64],
    ) -> NDArray[np.float64]:
        """The blended term and gram cosines of one vector with each target (0 for -1)."""
        share = self.vocabulary.char_weight
        return (1 - share) * self._terms.dots(targets, term_vector) + share * self.grams.rows.dots(
            targets, gram_vector
        )

    def _centre(
        self, doc_id: str, home: int | None
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
        """The mean term and gram vectors of ``doc_id``'s sentences other than ``home``.

        A target's likeness to this is its mean likeness to those sentences: how generic it
        is for the query's document. None when there is no other sentence.
        """
        span = self.by_document.get(doc_id)
        others = len(span) - (home is not None) if span else 0
        if others < 1:
            return None
        terms, grams = self._document_sums(doc_id)
        if home is not None:
            terms = terms - self._terms.dense_row(home)
            grams = grams - self.grams.rows.dense_row(home)
        return terms / others, grams / others

    def _context(self, home: int | None, targets: NDArray[np.int64]) -> NDArray[np.float64]:
        """How alike the sentences before and after ``home`` are to those around each target.

        Articles that paraphrase one another tend to do it a run of sentences at a time, so a
        target whose neighbours match the query's neighbours is likelier the same claim. A
        missing neighbour (the first or last sentence) adds nothing.
        """
        import numpy as np

        found = np.zeros(len(targets))
        if home is None:
            return found
        documents = self._documents
        for step in (-1, 1):
            neighbour = home + step
            if not 0 <= neighbour < len(self.passages) or documents[neighbour] != documents[home]:
                continue
            beside = targets + step
            inside = (beside >= 0) & (beside < len(self.passages))
            beside = np.where(inside, beside, 0)
            beside = np.where(inside & (documents[beside] == documents[targets]), beside, -1)
            found += self._neighbour_likeness(neighbour, beside)
        return found / 2

    def _neighbour_likeness(
        self, neighbour: int, targets: NDArray[np.int64]
    ) -> NDArray[np.float64]:
        """:meth:`_likeness` of passage ``neighbour``'s vectors with each target (0 for -1).

        The synopsis asks its claims in reading order, so a sentence is the neighbour after
        one claim and the neighbour before the next but one, and its likeness to a passage
        depends on the two alone: what one query worked out is kept for the next (unknown
        entries are NaN), and only the targets not yet known are scored. When they are most of
        the workspace (every row is read anyway), all of them are. The numbers are those of
        :meth:`_likeness`, entry for entry.
        """
        import numpy as np

        known = self._around.get(neighbour)
        if known is None:
            if len(self._around) >= 4:  # the two neighbours of this query and the next
                self._around.clear()
            known = self._around[neighbour] = np.full(len(self.passages), np.nan)
        present = targets >= 0
        asked = targets[present]
        missing = np.unique(asked[np.isnan(known[asked])])
        if len(missing):
            terms = self._terms.dense_row(neighbour)
            grams = self.grams.rows.dense_row(neighbour)
            if self.grams.rows.prefers_sweep(missing):
                known[:] = self._likeness(terms, grams, np.arange(len(self.passages)))
            else:
                known[missing] = self._likeness(terms, grams, missing)
        found = np.zeros(len(targets))
        found[present] = known[asked]
        return found

    def match(
        self, doc_id: str, start: int, end: int, text: str, *, per_doc: int = 1
    ) -> MatchResult:
        """The best ``per_doc`` passages of every other document for ``text`` at ``start:end``."""
        query, vector, documents, targets, scores = self._best(doc_id, start, end, text, per_doc)
        matched = set(documents.tolist())
        unmatched = [
            other
            for number, other in enumerate(self.document_names)
            if other != doc_id and number not in matched
        ]
        matches: list[Match] = []
        own = fingerprint(text)
        columns = {self.term_ids[term] for term in vector}
        for score, index in zip(scores.tolist(), targets.tolist(), strict=True):
            shared = sorted(self.counts.shared(index, columns), key=lambda t: (-self.idf[t], t))
            identical = self._is_identical(index, own)
            matches.append(Match(self.passages[index], round(score, 4), tuple(shared), identical))
        matches.sort(key=lambda m: (-m.score, m.passage.doc_id, m.passage.start))
        return MatchResult(query, matches, unmatched)

    def best_in_documents(
        self, number: int, text: str, *, documents: NDArray[np.bool_] | None = None
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """What :meth:`match` says for indexed passage ``number`` (whose text is ``text``),
        without the explanations: each other document's best passage above the threshold, as
        (document numbers, passage numbers, unrounded scores). The synopsis asks it of every
        claim, so it must be the reader's very answer, only cheaper.

        ``documents`` (a flag per document number) limits the answer to those documents; a
        document's best passage and score do not depend on which others are asked.
        """
        passage = self.passages[number]
        _, _, found, targets, scores = self._best(
            passage.doc_id, passage.start, passage.end, text, 1, documents
        )
        return found, targets, scores

    def _best(
        self,
        doc_id: str,
        start: int,
        end: int,
        text: str,
        per_doc: int,
        wanted: NDArray[np.bool_] | None = None,
    ) -> tuple[
        Passage, dict[str, float], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]
    ]:
        """The query passage, its term weights, and the best ``per_doc`` passages of each other
        document scoring at least the threshold: (document numbers, passages, scores); only of
        the ``wanted`` documents when given (a flag per document number)."""
        import numpy as np

        home = self.passage_at(doc_id, start)
        base = self.passages[home] if home is not None else Passage(doc_id, -1, start, end, 0.5)
        query = Passage(doc_id, base.sentence, start, end, base.position, base.kind)
        counts = self.analyzer.terms(text)
        vector = {t: (1 + math.log(tf)) * self.idf[t] for t, tf in counts.items() if t in self.idf}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        cosines = np.zeros(len(self.passages))
        overlaps = np.zeros(len(self.passages), dtype=np.int32)
        term_vector = np.zeros(len(self.term_ids))
        for term, weight in vector.items():
            column = self.term_ids[term]
            term_vector[column] = weight / norm
            lo, hi = self._offsets[column], self._offsets[column + 1]
            rows = self._rows[lo:hi]
            cosines[rows] += (weight / norm) * self._values[lo:hi]
            overlaps[rows] += 1
        own = self.by_document.get(doc_id)
        if own:
            cosines[own.start : own.stop] = 0.0
        candidates = np.flatnonzero(cosines > 0)
        if wanted is not None:  # every document is ranked and scored apart: leave some out
            candidates = candidates[wanted[self._documents[candidates]]]
        vocabulary = self.vocabulary
        # a similar place in the document and the same claim kind scale the score up to 1
        nudges = (1 - vocabulary.position_weight - vocabulary.kind_weight) + (
            vocabulary.position_weight * (1 - np.abs(self._positions[candidates] - query.position))
        )
        if query.kind is not None and query.kind in self._kind_codes:
            same = self._kinds[candidates] == self._kind_codes[query.kind]
            nudges += vocabulary.kind_weight * same
        # the best few passages of each document by terms, then scored in full
        documents = self._documents[candidates]
        order = np.lexsort((candidates, -(cosines[candidates] * nudges), documents))
        kept = order[_ranks_within(documents[order]) < max(vocabulary.rerank, per_doc)]
        targets = candidates[kept]
        gram_vector = self.grams.vector(text)
        centre = self._centre(doc_id, home)
        if centre is not None:  # the generic-passage penalty, folded into the query's vectors
            term_vector = term_vector - vocabulary.generic_weight * centre[0]
            gram_vector = gram_vector - vocabulary.generic_weight * centre[1]
        alike = self._likeness(term_vector, gram_vector, targets)
        alike += vocabulary.context_weight * self._context(home, targets)
        scores = np.clip(alike, 0.0, 1.0) * nudges[kept]
        if len(vector) > 1:  # one shared word alone is weak evidence: "remains" / "Remaining:"
            alone = overlaps[targets] < 2
            scores[alone] *= vocabulary.single_term_factor
        # the clip above gives a near-copy with agreeing neighbours 1: only the same text may
        # have it (and so win a tie with a near-copy)
        high = np.flatnonzero(scores > NOT_IDENTICAL_CEILING)
        if len(high):
            query_print = fingerprint(text)
            for place in high.tolist():
                if not self._is_identical(int(targets[place]), query_print):
                    scores[place] = NOT_IDENTICAL_CEILING
        kept_documents = documents[kept]
        order = np.lexsort((targets, -scores, kept_documents))
        ranks = _ranks_within(kept_documents[order])
        best = order[(ranks < per_doc) & (scores[order] >= vocabulary.no_match_below)]
        return query, vector, kept_documents[best], targets[best], scores[best]

    def _is_identical(self, number: int, own: str) -> bool:
        """Whether passage ``number``'s text is the text whose fingerprint is ``own``."""
        return number < len(self.fingerprints) and self.fingerprints[number] == own


def _ranks_within(groups: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each entry's place within its run of equal values (``groups`` sorted): 0, 1, 2 ..."""
    import numpy as np

    firsts = np.flatnonzero(np.diff(groups, prepend=-1))
    runs = np.diff(np.append(firsts, len(groups)))
    ranks: NDArray[np.int64] = np.arange(len(groups)) - np.repeat(firsts, runs)
    return ranks
