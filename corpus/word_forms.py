"""Other forms of a word: "relieves" and "relieving" for "relieve", found by their stem.

Search and the synopsis filter look for what was typed; a claim worded "relieving depressive
symptoms" then hides from "relieve depression". Two words are forms of one word when the
matcher's stemmer (:meth:`corpus.match_terms.Analyzer.stem`, the one that indexes passages)
gives them one stem; stopwords ("the", "of") have none, so they never need to be found.
Concepts ("alleviate" for "relieve") are left to matching (``m``): these are the words typed.

The stemmer takes one derivational step of its own: "relief" is a form of "relieve" to a reader
("relieve depression" should find "relief of depression"), but Snowball stems them "relief" and
"reliev". Lovins's stemmer (1968), the first published, recodes a stem's end "iev" to "ief" (the
second of its 35 recoding rules), so "believe" and "belief", "grieve" and "grief", "thieves" and
"thief" are one word too; a stem that has no such noun ("achiev") becomes one no other word has
("achief"), so it keeps its forms and gains none. Its other rules recode ends Snowball's stems
share with unrelated words ("end" to "ens" would make "lend" a form of "lens"), so they are not
taken. The step is :func:`corpus.match_terms.recoded`, in the matcher's stemmer, so a passage
that says "belief" meets one that says "believe" when matching as well.

Stemming every word of a large workspace on each key typed would be slow, so only the words
that can have the stem are stemmed: a stem without its last letter starts every word that has
it ("reliev" → "relie…", "happi" → "happ…" of "happy"), but for the Snowball stemmer's three
exceptions, "dying", "lying" and "tying". A stem of two letters is looked for whole: one letter
would have every word that starts with it stemmed, seconds on a large workspace, for the forms
of words such as "ai" that hardly have any.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from corpus.match_terms import Analyzer, load_vocabulary

_LETTER = r"(?:[^\W_]|[\u0300-\u036f])"
"""A letter or digit, or a combining accent (a file may keep accents apart, NFD)."""
_WORD = re.compile(rf"[^\W_]{_LETTER}*")
_EXCEPTIONS = {"die": "dy", "lie": "ly", "tie": "ty"}
"""Stems whose forms do not all start with the stem less its last letter ("dying")."""


@functools.cache
def analyzer() -> Analyzer:
    """The one analyzer of word forms, its stems remembered across searches."""
    return Analyzer(load_vocabulary())


def form_stem(word: str) -> str | None:
    """The stem by which ``word`` is a form of another: the matcher's (recoded as Lovins
    recodes "iev", :func:`corpus.match_terms.recoded`), or None for a stopword. A recoded stem
    less its last letter still starts every word that has it ("relie" for "relieving" and
    "relief")."""
    return analyzer().stem(word)


@dataclass(frozen=True, slots=True)
class WordForms:
    """The words of a query that must be found in some form, and how to find them."""

    stems: tuple[str, ...]
    """Each meaningful word's stem, once, in the query's order."""
    candidates: tuple[re.Pattern[str], ...]
    """For each stem, the words that may have it (a word found may start inside another)."""

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, n)`` of each word of ``text`` whose stem is ``stems[n]``, in order;
        none at all when a word has no form in ``text``, which then has no sentence with all.

        ``text`` must be folded as the query was (search form, or case-folded).
        """
        found: list[tuple[int, int, int]] = []
        for number in range(len(self.stems)):
            spans = self._spans_of(text, number)
            if not spans:
                return []
            found.extend((start, end, number) for start, end in spans)
        found.sort()
        return found

    def each_in(self, text: str) -> list[tuple[int, int]]:
        """Where any of the words is in ``text`` in any form, in order, whether or not all
        are: what a filter's cell lights up."""
        return sorted(span for n in range(len(self.stems)) for span in self._spans_of(text, n))

    def _spans_of(self, text: str, number: int) -> list[tuple[int, int]]:
        stem = self.stems[number]
        return [
            candidate.span()
            for candidate in self.candidates[number].finditer(text)
            if not (candidate.start() and _starts_inside_a_word(text, candidate.start()))
            and form_stem(candidate.group()) == stem
        ]

    def all_in(self, text: str) -> bool:
        """Whether ``text`` has some form of every word."""
        return all(self._spans_of(text, number) for number in range(len(self.stems)))


def _starts_inside_a_word(text: str, start: int) -> bool:
    before = text[start - 1]
    return before.isalnum() or "\u0300" <= before <= "\u036f"


@functools.lru_cache(maxsize=256)
def word_forms(folded_query: str) -> WordForms:
    """The meaningful words of ``folded_query`` (case-folded; for search, without accents),
    stopwords and one-letter words left out: what a word-form search requires."""
    stems: list[str] = []
    for word in _WORD.findall(folded_query):
        stem = form_stem(word)
        if stem is not None and stem not in stems:
            stems.append(stem)
    candidates = []
    for stem in stems:
        starts = [stem[:-1] if len(stem) > 2 else stem]
        if stem in _EXCEPTIONS:
            starts.append(_EXCEPTIONS[stem])
        alternatives = "|".join(re.escape(start) for start in starts)
        candidates.append(re.compile(f"(?:{alternatives}){_LETTER}*"))
    return WordForms(tuple(stems), tuple(candidates))
