"""The words of matching: which carry meaning, which name one idea, and the settings.

Read from ``corpus/rules/matching.toml``: stopwords, concept lists (several words for one
idea, "alleviate" and "relieve"), and the weights and thresholds the matcher scores with. An
:class:`Analyzer` turns text into *terms*: words in NFKC form and case-folded (so Unicode's
several spellings of a word are one term), stopwords dropped, stemmed with the Snowball
English stemmer (a final "iev" made "ief", :func:`recoded`), and mapped to their concept.
Kept apart from the index so the reader can find a match's shared words again without
loading numpy.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from corpus.folding import fold_for_matching, folded_with_origins
from corpus.inline_markup import without_link_targets
from corpus.text import word_cuts

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

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
    char_weight: float
    """The share of a cosine that comes from character 4-grams rather than terms."""
    context_weight: float
    """How much the likeness of the sentences just before and after adds."""
    rerank: int
    """How many of each document's best passages by terms are scored in full."""
    single_term_factor: float
    """What a passage's score is scaled by when it shares one term only with a longer query."""
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
        stems = [stem(fold_for_matching(word)) for word in words]
        for each in stems:
            concepts.setdefault(each, stems[0])
    return Vocabulary(
        stopwords=frozenset(settings["stopwords"]),
        concepts=concepts,
        no_match_below=float(settings["no_match_below"]),
        position_weight=float(settings["position_weight"]),
        kind_weight=float(settings["kind_weight"]),
        generic_weight=float(settings["generic_weight"]),
        char_weight=float(settings["char_weight"]),
        context_weight=float(settings["context_weight"]),
        rerank=int(settings["rerank"]),
        single_term_factor=float(settings["single_term_factor"]),
        digest=hashlib.sha256(text.encode()).hexdigest()[:16],
    )


_RECODED = ("iev", "ief")
"""Lovins's recoding rule 2: a stem ending so ("reliev") ends as its noun's ("relief")."""


def recoded(stem: str) -> str:
    """``stem`` with Lovins's (1968) recoding of a final "iev" to "ief": Snowball stems
    "relieve" "reliev" and "relief" "relief", one word to a reader; so "believe" and "belief",
    "grieve" and "grief", "thieves" and "thief" are one word too, and a stem with no such noun
    ("achiev") becomes one no other word has ("achief"), keeping its forms and gaining none.
    Lovins's other recodings are not taken: they recode ends Snowball's stems share with
    unrelated words ("end" to "ens" would make "lend" a form of "lens")."""
    if stem.endswith(_RECODED[0]):
        return stem[: -len(_RECODED[0])] + _RECODED[1]
    return stem


def _stemmer() -> Callable[[str], str]:
    """Snowball's English stemmer, then :func:`recoded`: the one stemmer of matching, search
    and the synopsis filter."""
    import Stemmer  # PyStemmer: Snowball's C stemmers; loaded with the index, not at start-up

    snowball = Stemmer.Stemmer("english").stemWord

    def stem(word: str) -> str:
        return recoded(snowball(word))

    return stem


class Analyzer:
    """Text -> terms, with every word's stem remembered (a workspace repeats its words)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._stem = _stemmer()
        self._terms: dict[str, str | None] = {}
        self._stems: dict[str, str | None] = {}
        """Filled by :meth:`stem` only (search), not by building an index, which has enough
        in memory with :attr:`_terms`."""

    def _plain_stem(self, word: str) -> str | None:
        lowered = fold_for_matching(word).translate(_APOSTROPHES)
        if lowered.endswith("'s"):
            lowered = lowered[:-2]
        if lowered in self.vocabulary.stopwords or len(lowered) < 2:
            return None
        return self._stem(lowered)

    def stem(self, word: str) -> str | None:
        """The stem of one word, or None for a stopword: two words with one stem are forms of
        one word ("relieves", "relieving"), which search and the synopsis filter accept for
        each other, while a :meth:`term` also makes the words of one concept one."""
        found = self._stems.get(word)
        if found is None and word not in self._stems:
            found = self._stems[word] = self._plain_stem(word)
        return found

    def term(self, word: str) -> str | None:
        """The term for one word, or None for a stopword."""
        found = self._terms.get(word)
        if found is None and word not in self._terms:
            stem = self._plain_stem(word)
            found = None if stem is None else self.vocabulary.concepts.get(stem, stem)
            self._terms[word] = found
        return found

    def words(self, text: str, offset: int = 0) -> Iterable[tuple[str, int, int]]:
        """(term, start, end) for every meaningful word; hyphenated words also give their parts.

        Words are read in NFKC form, so "café" typed with a combining accent and "ﬁne" with a
        ligature are the words they look like; the offsets are still ``text``'s (plus
        ``offset``), whole characters, so a highlight covers what the document shows. The
        words of a link's destination are not read: a URL's words are not the sentence's. A
        word cut at a line end is read whole (``depres-`` then ``sion`` is "depression").
        """
        text = without_link_targets(text)
        folded = folded_with_origins(text)
        plain = text if folded is None else folded[0]

        def span(first: int, stop: int) -> tuple[int, int]:
            if folded is None:
                return offset + first, offset + stop
            return offset + folded[1][first], offset + folded[2][stop - 1]

        for word, first, stop, origins in _words_of(plain):
            term = self.term(word)
            if term is not None:
                yield (term, *span(first, stop))
            if "-" in word and (term is None or term not in self.vocabulary.concepts.values()):
                position = 0
                for part in word.split("-"):
                    part_term = self.term(part)
                    if part_term is not None and part_term != term:
                        if origins is None:
                            part_span = span(first + position, first + position + len(part))
                        else:
                            end = origins[position + len(part) - 1] + 1
                            part_span = span(origins[position], end)
                        yield (part_term, *part_span)
                    position += len(part) + 1

    def terms(self, text: str) -> Counter[str]:
        """Term counts of ``text``."""
        return Counter(term for term, _, _ in self.words(text))


def _words_of(text: str) -> Iterable[tuple[str, int, int, list[int] | None]]:
    """``(word, start, end, origins)`` for every word of ``text``; a word cut at a line end
    (``depres-`` then ``sion``, see :func:`corpus.text.word_cuts`) is the one word it is,
    ``depression``, with ``origins`` the offset in ``text`` of each of its characters (None
    for a word written whole, whose characters are ``text[start:end]``)."""
    cuts = dict(word_cuts(text))
    if not cuts:
        for match in _WORD.finditer(text):
            yield match.group(), match.start(), match.end(), None
        return
    joined: tuple[str, int, int, list[int] | None] | None = None
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if joined is not None and cuts.get(joined[2]) == start:
            before, first, stop, origins = joined
            origins = [*(origins or range(first, stop)), *range(start, end)]
            joined = (before + word, first, end, origins)
        else:
            if joined is not None:
                yield joined
            joined = (word, start, end, None)
    if joined is not None:
        yield joined


def shared_spans(
    analyzer: Analyzer, text: str, offset: int, shared: Iterable[str]
) -> list[tuple[int, int]]:
    """Where the ``shared`` terms' words are in ``text`` (which starts at ``offset``)."""
    wanted = set(shared)
    return [(start, end) for term, start, end in analyzer.words(text, offset) if term in wanted]
