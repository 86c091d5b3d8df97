"""Finding where the other documents say the same thing: an index of sentences, scored by
shared meaning-bearing words.

Each sentence becomes a bag of *terms*: its words lower-cased, stopwords dropped, stemmed with
the Snowball English stemmer, and mapped to a concept when the vocabulary file says several
words name one idea ("alleviate" and "relieve"). Terms are weighted by how rare they are in the
workspace (TF-IDF), so "mitragynine" counts and "kratom" in a workspace about kratom barely
does. A match's score is the cosine of the two sentences' weights, less a penalty for passages
that are *generic* for the query's document (see below), scaled down a little for a different
place in the document or a different claim kind: in [0, 1], and 0 when no meaningful word is
shared, so a good place alone never makes a match. A match must share two terms or more with
the query (one shared word, say "remaining" with a line "remaining files:", is a coincidence)
and score at least a threshold; otherwise there is "no good match" rather than a jump to
somewhere arbitrary. The shared terms are kept for highlighting.

The generic-passage penalty is a hubness correction (as in CSLS, cross-domain similarity local
scaling): a passage that resembles every sentence of the query's document, such as a summary
sentence naming the article's whole topic, would otherwise be everyone's best match. Its mean
cosine to the query document's other sentences, times ``generic_weight``, is taken off its
cosine, so a passage that says what *this* sentence says beats one that says a little of
everything. It re-ranks only the best few passages of each document (``rerank``), so a query
stays one pass over the postings of its own terms.
"""

from __future__ import annotations

import bisect
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from corpus.model import BlockKind, Document

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    import numpy as np
    from numpy.typing import NDArray

MATCHER_VERSION = 2
"""Bumped whenever terms or scores change, so cached indexes are rebuilt."""

_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'"})


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Stopwords, concepts and the scoring settings, from ``corpus/rules/matching.toml``."""

    stopwords: frozenset[str]
    concepts: dict[str, str]
    """Stem -> the concept's name (its first word's stem)."""
    no_match_below: float
    position_weight: float
    kind_weight: float
    generic_weight: float
    """How much a passage's likeness to the whole query document is taken off its cosine."""
    rerank: int
    """How many of each document's best passages the generic-passage penalty re-ranks."""
    min_shared: int
    """How many terms a match must share with the query (all of them if it has fewer)."""
    digest: str
    """Hash of the file, part of every cache key."""


def load_vocabulary() -> Vocabulary:
    """The shipped matching vocabulary, stemmed and ready."""
    import hashlib

    text = (resources.files("corpus") / "rules" / "matching.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    settings = data["matching"]
    stem = _stemmer()
    concepts: dict[str, str] = {}
    for words in settings.get("concepts", []):
        stems = [stem(word.lower()) for word in words]
        for each in stems:
            concepts.setdefault(each, stems[0])
    return Vocabulary(
        stopwords=frozenset(settings["stopwords"]),
        concepts=concepts,
        no_match_below=float(settings["no_match_below"]),
        position_weight=float(settings["position_weight"]),
        kind_weight=float(settings["kind_weight"]),
        generic_weight=float(settings["generic_weight"]),
        rerank=int(settings["rerank"]),
        min_shared=int(settings["min_shared"]),
        digest=hashlib.sha256(text.encode()).hexdigest()[:16],
    )


def _stemmer() -> Callable[[str], str]:
    import Stemmer  # PyStemmer: Snowball's C stemmers; loaded with the index, not at start-up

    return Stemmer.Stemmer("english").stemWord  # type: ignore[no-any-return]


class Analyzer:
    """Text -> terms, with every word's stem remembered (a workspace repeats its words)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._stem = _stemmer()
        self._terms: dict[str, str | None] = {}

    def term(self, word: str) -> str | None:
        """The term for one word, or None for a stopword."""
        found = self._terms.get(word)
        if found is None and word not in self._terms:
            lowered = word.lower().translate(_APOSTROPHES)
            if lowered.endswith("'s"):
                lowered = lowered[:-2]
            if lowered in self.vocabulary.stopwords or len(lowered) < 2:
                found = None
            else:
                stem = self._stem(lowered)
                found = self.vocabulary.concepts.get(stem, stem)
            self._terms[word] = found
        return found

    def words(self, text: str, offset: int = 0) -> Iterable[tuple[str, int, int]]:
        """(term, start, end) for every meaningful word; hyphenated words also give their parts."""
        for match in _WORD.finditer(text):
            word = match.group()
            term = self.term(word)
            start, end = offset + match.start(), offset + match.end()
            if term is not None:
                yield term, start, end
            if "-" in word and (term is None or term not in self.vocabulary.concepts.values()):
                position = start
                for part in word.split("-"):
                    part_term = self.term(part)
                    if part_term is not None and part_term != term:
                        yield part_term, position, position + len(part)
                    position += len(part) + 1

    def terms(self, text: str) -> Counter[str]:
        """Term counts of ``text``."""
        return Counter(term for term, _, _ in self.words(text))


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


@dataclass(frozen=True, slots=True)
class Match:
    """A passage of another document that says the same thing, and why we think so."""

    passage: Passage
    score: float
    shared: tuple[str, ...]
    """The terms both sentences have, rarest first: what to highlight."""


@dataclass(slots=True)
class MatchResult:
    """The best passages of every other document, and the documents with no good match."""

    query: Passage
    matches: list[Match]
    unmatched: list[str] = field(default_factory=list)


class PassageIndex:
    """Sentences of a workspace with their term weights, and an inverted index over them.

    The weights are unit-length TF-IDF vectors kept twice as flat numpy arrays: by term (the
    postings, a compressed sparse column matrix), so a query is one scatter-add per query term
    over that term's postings; and by passage (a compressed sparse row matrix), so the few
    passages a query re-ranks can be compared with the query's whole document. A query takes a
    few milliseconds even for a hundred thousand sentences, with no candidate pruning before
    the cosines are known.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        passages: list[Passage],
        counts: Sequence[Mapping[str, int]],
        analyzer: Analyzer | None = None,
    ) -> None:
        import numpy as np  # loaded with the index, never on the start-up path

        self.vocabulary = vocabulary
        self.passages = passages
        self.counts = counts
        """Per passage, its term counts: which terms it has, for explanations."""
        self.analyzer = analyzer or Analyzer(vocabulary)
        total = max(len(passages), 1)
        term_ids: dict[str, int] = {}
        number = term_ids.setdefault
        columns = np.fromiter(
            (number(t, len(term_ids)) for terms in counts for t in terms), dtype=np.int64
        )
        frequencies = np.fromiter(
            (tf for terms in counts for tf in terms.values()), dtype=np.float64, count=len(columns)
        )
        lengths = np.fromiter((len(terms) for terms in counts), dtype=np.int64, count=len(counts))
        self.term_ids = term_ids
        df = np.bincount(columns, minlength=len(term_ids))
        idf = np.log((1 + total) / (1 + df)) + 1
        self.idf = dict(zip(term_ids, idf.tolist(), strict=True))
        rows = np.repeat(np.arange(len(counts), dtype=np.int64), lengths)
        weights = (1 + np.log(frequencies)) * idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=len(counts)))
        values = weights / norms[rows] if len(rows) else weights
        # by passage: passage i's terms are columns[starts[i]:starts[i + 1]]
        self._row_starts = np.concatenate(([0], np.cumsum(lengths)))
        self._row_columns = columns
        self._row_values = values
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
        self._document_names = list(document_codes)
        self._starts = [p.start for p in passages]
        self.by_document: dict[str, range] = {}
        if len(passages):
            first = np.flatnonzero(np.diff(self._documents, prepend=-1))
            ends = [*first[1:].tolist(), len(passages)]
            for name, lo, hi in zip(self._document_names, first.tolist(), ends, strict=True):
                self.by_document[name] = range(lo, hi)
        self._centroids: dict[str, NDArray[np.float64]] = {}
        """Per query document, the sum of its passages' vectors (a few, most recent)."""

    @classmethod
    def from_terms(
        cls,
        vocabulary: Vocabulary,
        passages: list[Passage],
        counts: Sequence[Mapping[str, int]],
        analyzer: Analyzer | None = None,
    ) -> PassageIndex:
        """Build from each passage's term counts (from documents, or from a cache)."""
        return cls(vocabulary, passages, counts, analyzer)

    def passage_at(self, doc_id: str, offset: int) -> int | None:
        """Global index of the passage of ``doc_id`` containing ``offset`` (or just before it)."""
        span = self.by_document.get(doc_id)
        if not span:
            return None
        found = bisect.bisect_right(self._starts, offset, span.start, span.stop) - 1
        return max(found, span.start)

    def _document_sum(self, doc_id: str) -> NDArray[np.float64]:
        """The sum of the unit vectors of ``doc_id``'s passages, dense over the terms."""
        import numpy as np

        cached = self._centroids.get(doc_id)
        if cached is not None:
            return cached
        span = self.by_document[doc_id]
        lo, hi = self._row_starts[span.start], self._row_starts[span.stop]
        found: NDArray[np.float64] = np.bincount(
            self._row_columns[lo:hi], weights=self._row_values[lo:hi], minlength=len(self.term_ids)
        ).astype(np.float64, copy=False)
        if len(self._centroids) >= 8:  # the reader asks from one or two documents at a time
            self._centroids.clear()
        self._centroids[doc_id] = found
        return found

    def _generic(
        self, doc_id: str, home: int | None, targets: NDArray[np.int64]
    ) -> NDArray[np.float64]:
        """Each target's mean cosine to the sentences of ``doc_id`` other than ``home``."""
        import numpy as np

        span = self.by_document.get(doc_id)
        if not span or len(targets) == 0:
            return np.zeros(len(targets))
        others = len(span) - (home is not None)
        if others < 1:
            return np.zeros(len(targets))
        centre = self._document_sum(doc_id)
        if home is not None:
            lo, hi = self._row_starts[home], self._row_starts[home + 1]
            centre = centre.copy()
            np.subtract.at(centre, self._row_columns[lo:hi], self._row_values[lo:hi])
        starts = self._row_starts[targets]
        lengths = self._row_starts[targets + 1] - starts
        entries = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(
            lengths.sum()
        )
        products = self._row_values[entries] * centre[self._row_columns[entries]]
        owners = np.repeat(np.arange(len(targets)), lengths)
        return np.bincount(owners, weights=products, minlength=len(targets)) / others

    def match(
        self, doc_id: str, start: int, end: int, text: str, *, per_doc: int = 1
    ) -> MatchResult:
        """The best ``per_doc`` passages of every other document for ``text`` at ``start:end``."""
        import numpy as np

        home = self.passage_at(doc_id, start)
        base = self.passages[home] if home is not None else Passage(doc_id, -1, start, end, 0.5)
        query = Passage(doc_id, base.sentence, start, end, base.position, base.kind)
        counts = self.analyzer.terms(text)
        vector = {t: (1 + math.log(tf)) * self.idf[t] for t, tf in counts.items() if t in self.idf}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        cosines = np.zeros(len(self.passages))
        overlaps = np.zeros(len(self.passages), dtype=np.int32)
        for term, weight in vector.items():
            column = self.term_ids[term]
            lo, hi = self._offsets[column], self._offsets[column + 1]
            rows = self._rows[lo:hi]
            cosines[rows] += (weight / norm) * self._values[lo:hi]
            overlaps[rows] += 1
        own = self.by_document.get(doc_id)
        if own:
            cosines[own.start : own.stop] = 0.0
        # one shared word (a one-word line such as "Responsibilities") is no evidence of a match
        required = max(min(self.vocabulary.min_shared, len(vector)), 1)
        candidates = np.flatnonzero((cosines > 0) & (overlaps >= required))
        vocabulary = self.vocabulary
        similar = np.minimum(cosines[candidates], 1.0)
        # a similar place in the document and the same claim kind scale the score up to 1
        nudges = (1 - vocabulary.position_weight - vocabulary.kind_weight) + (
            vocabulary.position_weight * (1 - np.abs(self._positions[candidates] - query.position))
        )
        if query.kind is not None and query.kind in self._kind_codes:
            same = self._kinds[candidates] == self._kind_codes[query.kind]
            nudges += vocabulary.kind_weight * same
        # the best few passages of each document, then the generic-passage penalty among them
        documents = self._documents[candidates]
        order = np.lexsort((candidates, -(similar * nudges), documents))
        sorted_documents = documents[order]
        firsts = np.flatnonzero(np.diff(sorted_documents, prepend=-1))
        ranks = np.arange(len(order)) - np.repeat(firsts, np.diff(np.append(firsts, len(order))))
        kept = order[ranks < max(vocabulary.rerank, per_doc)]
        generic = self._generic(doc_id, home, candidates[kept])
        penalised = np.maximum(similar[kept] - vocabulary.generic_weight * generic, 0.0)
        scores = penalised * nudges[kept]
        kept_candidates, kept_documents = candidates[kept], documents[kept]
        order = np.lexsort((kept_candidates, -scores, kept_documents))
        ranked: dict[int, list[tuple[float, int]]] = {}
        for position in order.tolist():
            bucket = ranked.setdefault(int(kept_documents[position]), [])
            if len(bucket) < per_doc:
                bucket.append((float(scores[position]), int(kept_candidates[position])))
        matches: list[Match] = []
        unmatched: list[str] = []
        for number, other in enumerate(self._document_names):
            if other == doc_id:
                continue
            kept_here = [
                (s, i) for s, i in ranked.get(number, []) if s >= vocabulary.no_match_below
            ]
            if not kept_here:
                unmatched.append(other)
            for score, index in kept_here:
                shared = sorted(
                    vector.keys() & self.counts[index].keys(), key=lambda t: -self.idf[t]
                )
                matches.append(Match(self.passages[index], round(score, 4), tuple(shared)))
        matches.sort(key=lambda m: (-m.score, m.passage.doc_id, m.passage.start))
        return MatchResult(query, matches, unmatched)


def _heading_key(text: str) -> str:
    """A heading or list item's words, for telling a table of contents entry by its heading."""
    return " ".join(text.split()).casefold().rstrip(".:;")


def passages_of(document: Document, kinds: Sequence[str | None] | None = None) -> list[Passage]:
    """The sentences of ``document`` worth matching, as passages.

    Headings are not, and neither is a list item that repeats a heading of the document: a
    table of contents entry, which would otherwise match the section's topic everywhere.
    """
    count = max(len(document.sentences) - 1, 1)
    text = document.text
    headings = {_heading_key(text[b.start : b.end]) for _, b in document.headings()}
    found = []
    for index, sentence in enumerate(document.sentences):
        block = document.blocks[sentence.block]
        if block.kind is BlockKind.HEADING:
            continue
        if (
            block.kind is BlockKind.LIST_ITEM
            and headings
            and _heading_key(text[sentence.start : sentence.end]) in headings
        ):
            continue
        kind = kinds[index] if kinds is not None and index < len(kinds) else None
        found.append(Passage(document.id, index, sentence.start, sentence.end, index / count, kind))
    return found


def build_index(
    documents: Iterable[Document],
    kinds: Mapping[str, Sequence[str | None]] | None = None,
    vocabulary: Vocabulary | None = None,
) -> PassageIndex:
    """Index every sentence of ``documents`` (headings excluded)."""
    vocabulary = vocabulary or load_vocabulary()
    analyzer = Analyzer(vocabulary)
    passages: list[Passage] = []
    counts: list[Counter[str]] = []
    for document in documents:
        for passage in passages_of(document, (kinds or {}).get(document.id)):
            passages.append(passage)
            counts.append(analyzer.terms(document.text[passage.start : passage.end]))
    return PassageIndex.from_terms(vocabulary, passages, counts, analyzer)


def shared_spans(
    analyzer: Analyzer, text: str, offset: int, shared: Iterable[str]
) -> list[tuple[int, int]]:
    """Where the ``shared`` terms' words are in ``text`` (which starts at ``offset``)."""
    wanted = set(shared)
    return [(start, end) for term, start, end in analyzer.words(text, offset) if term in wanted]
