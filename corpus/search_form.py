"""The form in which search compares text, with a way back to the document's offsets.

What a reader types and what the file holds often differ in ways the screen does not show:
``é`` is one character or ``e`` and a combining accent (macOS and some editors write the
second), a PDF leaves the ligature ``ﬁ``, a web page hides a soft hyphen or a zero-width space
inside a word. Search compares both sides decomposed (NFKD), case-folded (``ß`` is ``ss``),
without those invisible characters, and, when the query has no accent of its own, without
accents at all, as a browser's find does: ``cafe`` finds ``café``, ``café`` does not find
``cafe``. A word hyphenated at the end of a line (``depres-`` then ``sion``, as hard-wrapped
and scanned books have them) is searched as the word it is: ``depression`` finds it.

Folding changes lengths, so each document's form keeps the few places where it did; a hit in
the form is mapped back to whole graphemes of the document, which is what is highlighted.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field

from corpus.text import grapheme_end, grapheme_start

_IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
"""Soft hyphen, zero-width space, non-joiner, joiner, word joiner, byte-order mark: invisible
(or a line-end hyphen only), so a word that holds one still reads as the word."""
_ACCENT = re.compile("[\u0300-\u036f]")
"""The combining accents of Latin, Greek and Cyrillic (not Indic vowel signs or Thai tone
marks, which are letters to their readers)."""
_NEEDS_FOLDING = re.compile(r"[^\x00-\x7f]+")
_LINE_END_HYPHEN = re.compile(r"-\n[ \t]*(?=[^\W\d_])")
"""A hyphen at the end of a line, with the line break and the next line's indentation: after
a letter and before one, a word cut to fit the line, which the form leaves out so that the
word is found whole. A compound cut at its own hyphen (``well-`` then ``known``) is then
``wellknown`` here; search lets a hyphen typed between letters be missing (see
:func:`corpus.quotes.loose_pattern`), so ``well-known`` finds it too. Looked for
apart from :data:`_NEEDS_FOLDING`: one pattern for both took twice as long on ASCII text."""


def _runs_to_fold(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, cut)`` of each run of ``text`` that is not lower-cased in bulk, in order:
    characters other than ASCII, and (``cut``) line-end hyphens inside a word."""
    runs = [(run.start(), run.end(), False) for run in _NEEDS_FOLDING.finditer(text)]
    if "-\n" not in text:
        return runs
    cuts = [
        (cut.start(), cut.end(), True)
        for cut in _LINE_END_HYPHEN.finditer(text)
        if cut.start() and text[cut.start() - 1].isalpha()
    ]
    return sorted(runs + cuts) if cuts else runs


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str, keep_accents: bool) -> str:
    if char in _IGNORED:
        return ""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    return folded if keep_accents else _ACCENT.sub("", folded)


def fold_query(query: str) -> tuple[str, bool]:
    """``query`` in search form, and whether it has accents of its own to keep."""
    keep_accents = _ACCENT.search(unicodedata.normalize("NFKD", query)) is not None
    return "".join(_fold_char(char, keep_accents) for char in query), keep_accents


def without_accents(folded: str) -> str:
    """A query folded by :func:`fold_query` as it would be had it no accents of its own."""
    return _ACCENT.sub("", folded)


@dataclass(frozen=True, slots=True)
class SearchForm:
    """A document's text in search form.

    ``changed`` lists, in order, each character whose folded form is not one character:
    ``(form_start, text_index, form_length)``. Elsewhere form and text advance together.
    """

    form: str
    changed_at: list[int] = field(default_factory=list)
    changed: list[tuple[int, int, int]] = field(default_factory=list)

    def text_index(self, position: int) -> int:
        """The index in the document of the character that form ``position`` came from."""
        found = bisect.bisect_right(self.changed_at, position) - 1
        if found < 0:
            return position
        form_start, index, length = self.changed[found]
        if position < form_start + length:
            return index
        return index + 1 + position - form_start - length

    def span(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Form span ``[start, end)`` as the span of whole graphemes of ``text`` it came from."""
        first = grapheme_start(text, self.text_index(start))
        last = self.text_index(end - 1) + 1 if end > start else first
        return first, grapheme_end(text, last)


CACHED_CHARACTERS = 40_000_000
"""How much search form is kept, in characters of the forms and of the texts they were made
from (the cache holds both; a text replaced by a newer version stays held until evicted).

By count, 64 documents, a search of the 710 copyright files (17 million characters) folded
every one of them again on each key typed, 160-570 ms; by size, a workspace of up to about
20 million characters is folded once per way of folding, and a larger one keeps what fits.
About 40 MB for ASCII text (Python keeps one byte per character), up to four times that for
text outside Latin-1, against the reader's 400 MB budget for the copyright corpus."""


class _FormCache:
    """The search forms made last, evicted least recently used first once their characters
    pass :data:`CACHED_CHARACTERS`. A search runs in a worker thread, and one that was
    superseded may still be running beside the next: the lock keeps the bookkeeping whole,
    while folding itself runs outside it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.characters = 0
        self._forms: OrderedDict[tuple[str, bool], SearchForm] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str, keep_accents: bool) -> SearchForm:
        key = (text, keep_accents)
        with self._lock:
            form = self._forms.get(key)
            if form is not None:
                self._forms.move_to_end(key)
                return form
        form = _folded(text, keep_accents)
        size = len(text) + len(form.form)
        if size > self.limit:  # would evict everything else and be evicted next
            return form
        with self._lock:
            if key not in self._forms:
                self._forms[key] = form
                self.characters += size
            while self.characters > self.limit:
                (old_text, _), old = self._forms.popitem(last=False)
                self.characters -= len(old_text) + len(old.form)
        return form

    def clear(self) -> None:
        with self._lock:
            self._forms.clear()
            self.characters = 0


_CACHE = _FormCache(CACHED_CHARACTERS)


def search_form(text: str, keep_accents: bool) -> SearchForm:
    """``text`` in search form, kept for the documents searched last (:class:`_FormCache`):
    each key typed searches them again."""
    return _CACHE.get(text, keep_accents)


def cached_characters() -> int:
    """How many characters the kept search forms hold with their texts (for benchmarks)."""
    return _CACHE.characters


def _folded(text: str, keep_accents: bool) -> SearchForm:
    """``text`` in search form. ASCII is lower-cased in bulk; only other characters are
    folded one by one."""
    pieces: list[str] = []
    changed_at: list[int] = []
    changed: list[tuple[int, int, int]] = []
    done = 0
    length = 0
    for start, end, cut in _runs_to_fold(text):
        pieces.append(text[done:start].lower())
        length += start - done
        for index in range(start, end):
            folded = "" if cut else _fold_char(text[index], keep_accents)
            if len(folded) != 1:
                changed_at.append(length)
                changed.append((length, index, len(folded)))
            pieces.append(folded)
            length += len(folded)
        done = end
    pieces.append(text[done:].lower())
    return SearchForm("".join(pieces), changed_at, changed)
