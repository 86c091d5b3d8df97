"""Steps of a text selection: by word, by sentence, snapped to whole words.

A note is attached to exactly the words a person meant, so a selection never starts or ends in
the middle of a word or on surrounding spaces, and it can never become empty.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.model import Document

_WORD = re.compile(r"\S+")


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to the words it touches and trimmed of spaces at either end."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start > 0 and not text[start - 1].isspace() and not text[start].isspace():
        start -= 1
    while end < len(text) and end > 0 and not text[end - 1].isspace() and not text[end].isspace():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:  # only spaces were touched: take the next word
        found = _WORD.search(text, start)
        if found is not None:
            return found.start(), found.end()
    return start, end


def by_word(text: str, span: tuple[int, int], words: int) -> tuple[int, int]:
    """Move the end of ``span`` by ``words`` words (negative shrinks, keeping one word)."""
    start, end = span
    if words > 0:
        for _ in range(words):
            found = _WORD.search(text, end)
            if found is None:
                break
            end = found.end()
        return start, end
    for _ in range(-words):
        inside = list(_WORD.finditer(text, start, end))
        if len(inside) <= 1:
            break
        end = inside[-2].end()
    return start, end


def by_sentence(document: Document, span: tuple[int, int], step: int) -> tuple[int, int]:
    """Move the end of ``span`` to the end of the next (or previous) sentence."""
    start, end = span
    last = document.sentence_at(max(end - 1, start))
    if last is None:
        return span
    if step > 0:
        target = min(last + step, len(document.sentences) - 1)
        return start, max(end, document.sentences[target].end)
    if last + step < 0:
        return span
    new_end = document.sentences[last + step].end
    return (start, new_end) if new_end > start else span
