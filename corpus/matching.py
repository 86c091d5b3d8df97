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
MAX_CANDIDATES = 3000
"""Candidates are gathered from the rarest query terms until there are this many: a passage
sharing only common words with the query could not score well anyway."""
MIN_SEED_TERMS = 2
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


@dataclass(slots=True)
class PassageIndex:
    """Sentences of a workspace with their term weights, and an inverted index over them."""

    vocabulary: Vocabulary
    passages: list[Passage]
    weights: list[dict[str, float]]
    """Per passage, term -> TF-IDF weight, normalised to unit length."""
    postings: dict[str, list[int]]
    idf: dict[str, float]
    by_document: dict[str, range]
    analyzer: Analyzer

    @classmethod
    def from_terms(
        cls,
        vocabulary: Vocabulary,
        passages: list[Passage],
        counts: Sequence[Mapping[str, int]],
        analyzer: Analyzer | None = None,
    ) -> PassageIndex:
        """Build from each passage's term counts (from documents, or from a cache)."""
        total = max(len(passages), 1)
        document_frequency: Counter[str] = Counter()
        for terms in counts:
            document_frequency.update(terms.keys())
        idf = {t: math.log((1 + total) / (1 + df)) + 1 for t, df in document_frequency.items()}
        weights: list[dict[str, float]] = []
        postings: dict[str, list[int]] = {}
        for index, terms in enumerate(counts):
            vector = {t: (1 + math.log(tf)) * idf[t] for t, tf in terms.items()}
            norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
            weights.append({t: w / norm for t, w in vector.items()})
            for term in terms:
                postings.setdefault(term, []).append(index)
        by_document: dict[str, range] = {}
        first = 0
        for index in range(1, len(passages) + 1):
            if index == len(passages) or passages[index].doc_id != passages[first].doc_id:
                by_document[passages[first].doc_id] = range(first, index)
                first = index
        return cls(
            vocabulary,
            passages,
            weights,
            postings,
            idf,
            by_document,
            analyzer or Analyzer(vocabulary),
        )

    def _cosines(self, query: dict[str, float], doc_id: str) -> dict[int, float]:
        """Cosine of ``query`` with every passage outside ``doc_id`` that shares a rare term.

        Candidates come from the query's rarest terms (a word in most sentences would make
        every sentence a candidate); each candidate is then scored on all shared terms.
        """
        by_rarity = sorted(query, key=lambda t: len(self.postings[t]))
        candidates: set[int] = set()
        for count, term in enumerate(by_rarity):
            if count >= MIN_SEED_TERMS and len(candidates) >= MAX_CANDIDATES:
                break
            candidates.update(self.postings[term])
        scores: dict[int, float] = {}
        for index in candidates:
            if self.passages[index].doc_id == doc_id:
                continue
            weights = self.weights[index]
            scores[index] = sum(w * weights[t] for t, w in query.items() if t in weights)
        return scores

    def passage_at(self, doc_id: str, offset: int) -> int | None:
        """Global index of the passage of ``doc_id`` containing ``offset`` (or just before it)."""
        span = self.by_document.get(doc_id)
        if not span:
            return None
        best = None
        for index in span:
            if self.passages[index].start <= offset:
                best = index
            else:
                break
        return best

    def match(
        self, doc_id: str, start: int, end: int, text: str, *, per_doc: int = 1
    ) -> MatchResult:
        """The best ``per_doc`` passages of every other document for ``text`` at ``start:end``."""
        home = self.passage_at(doc_id, start)
        query = self.passages[home] if home is not None else Passage(doc_id, -1, start, end, 0.5)
        query = Passage(doc_id, query.sentence, start, end, query.position, query.kind)
        counts = self.analyzer.terms(text)
        vector = {t: (1 + math.log(tf)) * self.idf[t] for t, tf in counts.items() if t in self.idf}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        scores: dict[int, float] = {}
        for term, weight in vector.items():
            for index in self.postings[term]:
                if self.passages[index].doc_id != doc_id:
                    scores[index] = (
                        scores.get(index, 0.0) + weight / norm * self.weights[index][term]
                    )
        vocabulary = self.vocabulary
        lexical = 1 - vocabulary.position_weight - vocabulary.kind_weight
        best: dict[str, list[tuple[float, int]]] = {}
        for index, cosine in scores.items():
            passage = self.passages[index]
            score = lexical * min(cosine, 1.0)
            score += vocabulary.position_weight * (1 - abs(passage.position - query.position))
            if query.kind is not None and passage.kind == query.kind:
                score += vocabulary.kind_weight
            best.setdefault(passage.doc_id, []).append((score, index))
        matches: list[Match] = []
        unmatched: list[str] = []
        for other in self.by_document:
            if other == doc_id:
                continue
            ranked = sorted(best.get(other, []), key=lambda item: (-item[0], item[1]))
            kept = [(s, i) for s, i in ranked[:per_doc] if s >= vocabulary.no_match_below]
            if not kept:
                unmatched.append(other)
            for score, index in kept:
                shared = sorted(set(vector) & set(self.weights[index]), key=lambda t: -self.idf[t])
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
