"""Plain-text search across documents, offset-exact.

Text is compared in search form (:mod:`corpus.search_form`: one spelling of each accented
letter, case-folded, accents optional), whose lengths differ from the document's
(``"İ".lower()`` is two characters); each hit is mapped back to the document's own offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.quotes import loose_pattern
from corpus.search_form import fold_query, search_form

if TYPE_CHECKING:
    from collections.abc import Iterable

    from corpus.model import Document


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One occurrence of the query: document, span, and the sentence it lies in."""

    doc_id: str
    start: int
    end: int
    sentence: int | None


def search_documents(
    documents: Iterable[Document], query: str, *, limit: int = 500
) -> tuple[list[SearchHit], bool]:
    """Occurrences of ``query`` in document order.

    Case-insensitive, and flexible about whitespace and typographic quotes and dashes (typing
    ``kratom's`` finds ``Kratom’s``), as :func:`corpus.quotes.loose_pattern` says; blind to
    how an accent was typed, and to accents when the query has none (``cafe`` finds ``café``),
    as :mod:`corpus.search_form` says.

    Returns the hits and whether ``limit`` cut the list short, so a UI can say "500+".
    """
    if not query.split():
        return [], False
    folded_query, keep_accents = fold_query(query)
    if not folded_query.split():  # only invisible characters
        return [], False
    # ignore_case as well: the simple case folding of ``re`` finds ``ıspanak`` by ``ispanak``
    pattern = loose_pattern(folded_query, ignore_case=True)
    hits: list[SearchHit] = []
    for document in documents:
        form = search_form(document.text, keep_accents)
        for found in pattern.finditer(form.form):
            if len(hits) >= limit:
                return hits, True
            start, end = form.span(document.text, found.start(), found.end())
            hits.append(SearchHit(document.id, start, end, document.sentence_at(start)))
    return hits, False
