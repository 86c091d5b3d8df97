"""Plain-text search across documents, offset-exact.

Case-insensitive matching uses a regular expression rather than ``text.lower()``: lower-casing
can change a string's length (``"İ".lower()`` is two characters), which would shift every
offset after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.quotes import loose_pattern

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
    ``kratom's`` finds ``Kratom’s``), as :func:`corpus.quotes.loose_pattern` says.

    Returns the hits and whether ``limit`` cut the list short, so a UI can say "500+".
    """
    if not query.split():
        return [], False
    pattern = loose_pattern(query, ignore_case=True)
    hits: list[SearchHit] = []
    for document in documents:
        for found in pattern.finditer(document.text):
            if len(hits) >= limit:
                return hits, True
            hits.append(
                SearchHit(
                    document.id, found.start(), found.end(), document.sentence_at(found.start())
                )
            )
    return hits, False
