"""Plain-text search across documents, offset-exact: the phrase, then other forms of its words.

Text is compared in search form (:mod:`corpus.search_form`: one spelling of each accented
letter, case-folded, accents optional), whose lengths differ from the document's
(``"İ".lower()`` is two characters); each hit is mapped back to the document's own offsets.

The phrase typed is looked for first, as typed. A claim is often worded otherwise ("relieves
depression", "relieving depressive symptoms" for "relieve depression"), so the sentences that
have every meaningful word of the query in some form (:mod:`corpus.word_forms`), accents or
not, come after the phrase's hits, marked as such; a query in quotes asks for the phrase only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.quotes import loose_pattern
from corpus.search_form import SearchForm, fold_query, search_form, without_accents
from corpus.word_forms import WordForms, word_forms

if TYPE_CHECKING:
    from collections.abc import Iterable

    from corpus.model import Document

_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n])\s*")
"""A line break with the spaces around it (a blank line, the next line's indentation)."""
_QUOTED = re.compile(r"\s*[\"“”„«](.*)[\"“”»]\s*", re.S)
"""A query in double quotes, straight or typographic: the phrase only, no other forms."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One occurrence of the query: document, span, and the sentence it lies in."""

    doc_id: str
    start: int
    end: int
    sentence: int | None
    words: tuple[tuple[int, int], ...] = ()
    """A word-form hit's words, each where it is (the span runs from the first to the last);
    empty for the phrase found as typed."""

    @property
    def exact(self) -> bool:
        """Whether this is the phrase as typed, not its words in other forms."""
        return not self.words


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The phrase's hits, then the sentences with its words in other forms."""

    exact: list[SearchHit] = field(default_factory=list)
    word_forms: list[SearchHit] = field(default_factory=list)
    """A sentence each, none of which has an exact hit, in document order."""
    quoted: bool = False
    """The query was in quotes: the phrase only was looked for."""
    words: int = 0
    """How many words the word forms had to find (0: none to look for, all stopwords)."""
    exact_found: int = 0
    """How many times the phrase is there: more than :attr:`exact` lists when the limit cut
    it, so a reader is told "the first 500 of 1234", not shown 500 as if they were all."""
    word_forms_found: int = 0
    """How many sentences have the words in other forms, listed or not."""

    @property
    def hits(self) -> list[SearchHit]:
        """Every hit, in the order shown: the exact ones first."""
        return [*self.exact, *self.word_forms]

    @property
    def truncated(self) -> bool:
        """Whether the limit cut either list: there are more hits than are listed."""
        return self.exact_found > len(self.exact) or self.word_forms_found > len(self.word_forms)


def on_one_line(text: str) -> str:
    """A piece of a result line as it reads: a line break is a space, as a pane's wrapping
    shows it, not the control picture ``␊`` that :func:`corpus.text.inert` would give it (a
    hard-wrapped file showed one in nearly every result). Callers flatten the hit and its
    context apart, so the hit stays the part marked whatever the lengths become."""
    return _LINE_BREAKS.sub(" ", text)


def search_documents(
    documents: Iterable[Document], query: str, *, limit: int = 500
) -> tuple[list[SearchHit], bool]:
    """Occurrences of the phrase ``query`` in document order (no other forms of its words).

    Case-insensitive, and flexible about whitespace and typographic quotes and dashes (typing
    ``kratom's`` finds ``Kratom’s``), as :func:`corpus.quotes.loose_pattern` says; blind to
    how an accent was typed, and to accents when the query has none (``cafe`` finds ``café``),
    as :mod:`corpus.search_form` says.

    Returns the hits and whether ``limit`` cut the list short.
    """
    found = _search(documents, query, limit=limit, other_forms=False)
    return found.exact, found.truncated


def search(documents: Iterable[Document], query: str, *, limit: int = 500) -> SearchResults:
    """The phrase ``query`` as :func:`search_documents` finds it, then, unless the query is in
    quotes, each sentence without it that has every meaningful word of it in some form.

    Up to ``limit`` of each kind are listed, and all are counted. The word forms are looked for
    however many exact hits there are: a common word's hits used to fill the list and hide its
    other forms without a word said. Counting costs a scan of every document, as a query with
    one hit fewer than the limit always did; it is the listing (a hit's offsets, a line on
    screen) that the limit saves.
    """
    return _search(documents, query, limit=limit, other_forms=True)


def _search(
    documents: Iterable[Document], query: str, *, limit: int, other_forms: bool
) -> SearchResults:
    quoted = _QUOTED.fullmatch(query) if other_forms else None
    phrase = query if quoted is None else quoted.group(1)
    if not phrase.split():
        return SearchResults(quoted=quoted is not None)
    folded_query, keep_accents = fold_query(phrase)
    if not folded_query.split():  # only invisible characters
        return SearchResults(quoted=quoted is not None)
    # ignore_case as well: the simple case folding of ``re`` finds ``ıspanak`` by ``ispanak``
    pattern = loose_pattern(folded_query, ignore_case=True, hyphens_optional=True)
    # Other forms are found without accents: the stemmer knows English, and takes "crèmes"
    # for a word of its own, not a form of "crème"; the form without them is then searched.
    forms = word_forms(without_accents(folded_query)) if other_forms and not quoted else None
    words = len(forms.stems) if forms is not None else 0
    look_for_forms = forms is not None and bool(forms.stems)
    exact: list[SearchHit] = []
    others: list[SearchHit] = []
    exact_found = others_found = 0
    for document in documents:
        form = search_form(document.text, keep_accents)
        had: set[int | None] = set()
        for found in pattern.finditer(form.form):
            exact_found += 1
            if len(exact) < limit:
                start, end = form.span(document.text, found.start(), found.end())
                exact.append(SearchHit(document.id, start, end, document.sentence_at(start)))
                had.add(exact[-1].sentence)
            elif look_for_forms:  # not listed, but its sentence is not listed as a form either
                had.add(document.sentence_at(form.text_index(found.start())))
        if look_for_forms:
            assert forms is not None  # for mypy: look_for_forms says so
            plain = search_form(document.text, False) if keep_accents else form
            sentences, count = _other_forms(document, plain, forms, had, limit - len(others))
            others.extend(sentences)
            others_found += count
    return SearchResults(exact, others, quoted is not None, words, exact_found, others_found)


def _other_forms(
    document: Document, form: SearchForm, forms: WordForms, had: set[int | None], room: int
) -> tuple[list[SearchHit], int]:
    """The first ``room`` sentences of ``document`` not in ``had`` with some form of every
    word of ``forms``, and how many there are. Only those listed have their words' graphemes
    found: a common word has thousands of forms, mostly in sentences already listed or past
    the limit, where the cheap way back to the document's offsets tells the sentence."""
    by_sentence: dict[int, list[tuple[int, int, int]]] = {}
    for start, end, number in forms.spans(form.form):
        sentence = document.sentence_at(form.text_index(start))
        if sentence is not None and sentence not in had:
            by_sentence.setdefault(sentence, []).append((start, end, number))
    every = len(forms.stems)
    found = [  # in document order, as the spans are
        (sentence, words)
        for sentence, words in by_sentence.items()
        if len({number for _, _, number in words}) == every
    ]
    hits = []
    for sentence, words in found[:room]:
        spans = tuple(form.span(document.text, start, end) for start, end, _ in words)
        end = max(end for _, end in spans)
        hits.append(SearchHit(document.id, spans[0][0], end, sentence, spans))
    return hits, len(found)
