"""Which sentences of a document are matched, and the passage index built over them.

A heading is not a claim, and a table of contents entry that repeats a heading would match the
section's topic everywhere, so neither becomes a passage; nor does a line that is only links
(a table of contents in links, "Back to top"), which points elsewhere and states nothing. The
index itself, and how passages are scored against a query, are :mod:`corpus.matching`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.char_grams import CharGrams
from corpus.folding import fingerprint
from corpus.inline_markup import is_navigation_sentence
from corpus.match_terms import Analyzer, Vocabulary, load_vocabulary
from corpus.matching import PassageIndex
from corpus.model import BlockKind, Document
from corpus.passage_vectors import Passage
from corpus.term_counts import TermCounts

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence


def _heading_key(text: str) -> str:
    """A heading or list item's words, for telling a table of contents entry by its heading."""
    return " ".join(text.split()).casefold().rstrip(".:;")


NAVIGATION_SAID = "is only links (navigation, like a table of contents): it states nothing to match"
"""How the reader and the CLI say why a line of links is not matched (after "This line")."""


def is_navigation_span(document: Document, start: int, end: int) -> bool:
    """Whether ``[start, end)`` (a sentence, or a quote) is navigation: every sentence it
    touches is only links (see :func:`is_navigation_sentence`), a list marker between them
    aside. Matching it gave a list of arbitrary "matches" for the words of the links'
    anchors; it is no passage either."""
    first = document.sentence_at(start)
    last = document.sentence_at(max(end - 1, start))
    if first is None or last is None:
        return False
    if document.sentences[first].end <= start:  # between sentences: the next one is quoted
        first += 1
    touched = range(first, last + 1)
    return bool(touched) and all(is_navigation_sentence(document, i) for i in touched)


def passages_of(document: Document, kinds: Sequence[str | None] | None = None) -> list[Passage]:
    """The sentences of ``document`` worth matching, as passages.

    Headings are not, and neither is a list item that repeats a heading of the document: a
    table of contents entry, which would otherwise match the section's topic everywhere. Nor
    is navigation, a sentence that is only links (see :func:`is_navigation_sentence`).
    """
    count = max(len(document.sentences) - 1, 1)
    text = document.text
    headings = {_heading_key(text[b.start : b.end]) for _, b in document.headings()}
    found = []
    navigation: dict[int, bool] = {}  # by block, read once per document
    for index, sentence in enumerate(document.sentences):
        block = document.blocks[sentence.block]
        if block.kind is BlockKind.HEADING or is_navigation_sentence(document, index, navigation):
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


class PassageTexts:
    """The texts of ``passages`` (of ``documents``), sliced from their documents when asked.

    The gram vectors read every passage's text twice (:meth:`CharGrams.build`); a list of
    them all was a second copy of the workspace's text, with an object per sentence, alive
    while the index was built.
    """

    def __init__(self, documents: Iterable[Document], passages: Sequence[Passage]) -> None:
        self._texts = {document.id: document.text for document in documents}
        self._passages = passages

    def __len__(self) -> int:
        return len(self._passages)

    def __iter__(self) -> Iterator[str]:
        texts = self._texts
        return (texts[p.doc_id][p.start : p.end] for p in self._passages)


def build_index(
    documents: Iterable[Document],
    kinds: Mapping[str, Sequence[str | None]] | None = None,
    vocabulary: Vocabulary | None = None,
) -> PassageIndex:
    """Index every sentence of ``documents`` (headings excluded)."""
    vocabulary = vocabulary or load_vocabulary()
    analyzer = Analyzer(vocabulary)
    listed = list(documents)
    passages: list[Passage] = []
    counts = TermCounts()
    fingerprints: list[str] = []
    for document in listed:
        for passage in passages_of(document, (kinds or {}).get(document.id)):
            text = document.text[passage.start : passage.end]
            passages.append(passage)
            counts.append(analyzer.terms(text))
            fingerprints.append(fingerprint(text))
    grams = CharGrams.build(PassageTexts(listed, passages))
    return PassageIndex(vocabulary, passages, counts, grams, analyzer, fingerprints)
