"""Finding where the other documents say the same thing: an index of sentences, scored by
shared meaning-bearing words.

Each sentence becomes a bag of *terms*: its words lower-cased, stopwords dropped, stemmed with
the Snowball English stemmer, and mapped to a concept when the vocabulary file says several
words name one idea ("alleviate" and "relieve"). Terms are weighted by how rare they are in the
workspace (TF-IDF), so "mitragynine" counts and "kratom" in a workspace about kratom barely
does. A match's score is the cosine of the two sentences' weights, nudged by a similar place in
the document and the same claim kind, and kept in [0, 1]; below a threshold there is "no good
match" rather than a jump to somewhere arbitrary. The shared terms are kept for highlighting.
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

MATCHER_VERSION = 1
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

    The postings are flat numpy arrays sorted by term (a compressed sparse column matrix
    of unit-length TF-IDF vectors), so a query is one scatter-add per query term over that
    term's postings and a sort of the passages that scored: a few milliseconds even for a
    hundred thousand sentences, with no candidate pruning to miss a match.
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
        frequency: Counter[str] = Counter()
        for terms in counts:
            frequency.update(terms.keys())
        self.term_ids = {term: number for number, term in enumerate(frequency)}
        self.idf = {t: math.log((1 + total) / (1 + df)) + 1 for t, df in frequency.items()}
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        for index, terms in enumerate(counts):
            vector = [
                (self.term_ids[t], (1 + math.log(tf)) * self.idf[t]) for t, tf in terms.items()
            ]
            norm = math.sqrt(sum(w * w for _, w in vector)) or 1.0
            for column, weight in vector:
                rows.append(index)
                columns.append(column)
                values.append(weight / norm)
        column_array = np.asarray(columns, dtype=np.int64)
        order = np.argsort(column_array, kind="stable")
        self._rows = np.asarray(rows, dtype=np.int64)[order]
        self._values = np.asarray(values, dtype=np.float64)[order]
        per_term = np.bincount(column_array, minlength=len(self.term_ids))
        self._offsets = np.concatenate(([0], np.cumsum(per_term)))
        self._positions = np.asarray([p.position for p in passages], dtype=np.float64)
        kind_codes = {kind: code for code, kind in enumerate({p.kind for p in passages if p.kind})}
        self._kinds = np.asarray([kind_codes.get(p.kind, -1) if p.kind else -1 for p in passages])
        self._kind_codes = kind_codes
        document_codes: dict[str, int] = {}
        self._documents = np.asarray(
            [document_codes.setdefault(p.doc_id, len(document_codes)) for p in passages],
            dtype=np.int64,
        )
        self._document_names = list(document_codes)
        self.by_document: dict[str, range] = {}
        for number, name in enumerate(self._document_names):
            where = np.flatnonzero(self._documents == number)
            self.by_document[name] = range(int(where[0]), int(where[-1]) + 1)

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
        starts = [self.passages[i].start for i in span]
        found = bisect.bisect_right(starts, offset) - 1
        return span[max(found, 0)]

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
        for term, weight in vector.items():
            column = self.term_ids[term]
            lo, hi = self._offsets[column], self._offsets[column + 1]
            cosines[self._rows[lo:hi]] += (weight / norm) * self._values[lo:hi]
        own = self.by_document.get(doc_id)
        if own:
            cosines[own.start : own.stop] = 0.0
        candidates = np.flatnonzero(cosines > 0)
        vocabulary = self.vocabulary
        lexical = 1 - vocabulary.position_weight - vocabulary.kind_weight
        scores = lexical * np.minimum(cosines[candidates], 1.0)
        scores += vocabulary.position_weight * (
            1 - np.abs(self._positions[candidates] - query.position)
        )
        if query.kind is not None and query.kind in self._kind_codes:
            same = self._kinds[candidates] == self._kind_codes[query.kind]
            scores += vocabulary.kind_weight * same
        documents = self._documents[candidates]
        order = np.lexsort((candidates, -scores, documents))  # by document, best first
        ranked: dict[int, list[tuple[float, int]]] = {}
        for position in order:
            bucket = ranked.setdefault(int(documents[position]), [])
            if len(bucket) < per_doc:
                bucket.append((float(scores[position]), int(candidates[position])))
        matches: list[Match] = []
        unmatched: list[str] = []
        for number, other in enumerate(self._document_names):
            if other == doc_id:
                continue
            kept = [(s, i) for s, i in ranked.get(number, []) if s >= vocabulary.no_match_below]
            if not kept:
                unmatched.append(other)
            for score, index in kept:
                shared = sorted(
                    vector.keys() & self.counts[index].keys(), key=lambda t: -self.idf[t]
                )
                matches.append(Match(self.passages[index], round(score, 4), tuple(shared)))
        matches.sort(key=lambda m: (-m.score, m.passage.doc_id, m.passage.start))
        return MatchResult(query, matches, unmatched)


def passages_of(document: Document, kinds: Sequence[str | None] | None = None) -> list[Passage]:
    """The sentences of ``document`` worth matching (not headings), as passages."""
    count = max(len(document.sentences) - 1, 1)
    found = []
    for index, sentence in enumerate(document.sentences):
        if document.blocks[sentence.block].kind is BlockKind.HEADING:
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
