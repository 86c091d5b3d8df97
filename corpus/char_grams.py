"""Character 4-grams of words: the matcher's second view of a sentence.

Stems see "kavalactones" and "kavalactone" as one word but "anxiolytic" and "anxiety", or
"tranquility" and "tranquil", as strangers; four-letter pieces of words ("anxi", "tran") see
the kinship. Each word, in NFKC form, case-folded and padded with a space at both ends
(" kava "), gives its 4-character windows, so the first and last pieces of words count as such and
two-letter words still give one ("of" gives " of "). Every word counts, stopwords included:
weighted by rarity like the terms, they are small, but "not a magic wand" and "not a miracle
cure" share more than their nouns.

Everything here is numpy over code points, not Python loops over words: a sentence's text is
cleaned (runs of non-word characters become one space), read as UTF-32 code points, and every
window whose two middle characters are letters is one gram. A gram is its four code points
packed into 64 bits (exact for the Basic Multilingual Plane), mixed and cut to 40 bits so
that a passage's number fits beside it in one sortable key. Two grams share 40 bits about
once in a trillion pairs; a collision would only make two rare grams look alike.

The vectors are sublinear TF-IDF, unit length, kept by passage (compressed sparse rows): the
matcher never needs a gram's postings, because it compares the query only with the few
passages the words already chose.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol

from corpus.folding import fold_for_matching
from corpus.inline_markup import without_link_targets
from corpus.sparse_rows import SparseRows

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    import numpy as np
    from numpy.typing import NDArray

_NON_WORD = re.compile(r"[\W_]+")
_SPACE = 32
_MIX = 0x9E3779B97F4A7C15
"""Fibonacci hashing: an odd multiplier, so packed grams spread over the top bits."""
_GRAM_BITS = 40
_GRAM_MASK = (1 << _GRAM_BITS) - 1
_CHUNK = 1 << 18
"""Characters of text turned into grams at a time: bounds the temporary arrays."""


class Texts(Protocol):
    """Texts that can be counted and read more than once: a list, or the passages' texts
    sliced from their documents as they are read (:class:`corpus.passages.PassageTexts`)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[str]: ...


def _cleaned(text: str) -> str:
    """Words of ``text`` in NFKC form and case-folded, one space apart and one space at each
    end: "café" with a combining accent, or "ﬁne" with a ligature, gives the grams of the word
    it looks like. A link's destination gives none: its words are a URL's, not the text's."""
    return f" {_NON_WORD.sub(' ', fold_for_matching(without_link_targets(text))).strip()} "


def _grams(cleaned: str) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The 40-bit gram of every within-word 4-character window of ``cleaned``, and where
    each window starts."""
    import numpy as np

    points = np.frombuffer(cleaned.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(points) < 4:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    wide = points > 0xFFFF
    if wide.any():  # fold characters beyond the BMP into 16 bits (a rare, harmless clash)
        points = np.where(wide, (points & 0xFFFF) ^ (points >> 16), points)
    first, second, third, fourth = points[:-3], points[1:-2], points[2:-1], points[3:]
    inside = (second != _SPACE) & (third != _SPACE)
    packed = (first << 48) | (second << 32) | (third << 16) | fourth
    mixed = packed[inside] * np.uint64(_MIX)
    codes = (mixed >> np.uint64(64 - _GRAM_BITS)).astype(np.int64)
    return codes, np.flatnonzero(inside)


def _slices(texts: Texts) -> Iterator[list[str]]:
    """``texts`` cleaned, in runs of about :data:`_CHUNK` characters (a passage is never split).

    A key is a passage's number within its run above a gram's 40 bits, so a run must have
    fewer than 2**23 passages: each takes at least two characters, so it always has.
    """
    run: list[str] = []
    size = 0
    for text in texts:
        cleaned = _cleaned(text)
        run.append(cleaned)
        size += len(cleaned)
        if size >= _CHUNK:
            yield run
            run, size = [], 0
    if run:
        yield run


def _slice_keys(cleaned: list[str]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Each (passage within the run, gram) of a run of cleaned passages once, sorted, with
    how often the gram occurs in the passage."""
    import numpy as np

    lengths = np.fromiter(map(len, cleaned), np.int64, len(cleaned))
    # passages are joined end to end; a window across two has a space in its middle
    codes, windows = _grams("".join(cleaned))
    owners = np.searchsorted(np.cumsum(lengths), windows, side="right")
    keys, counts = np.unique((owners << _GRAM_BITS) | codes, return_counts=True)
    return keys, counts


class CharGrams:
    """Every passage's gram vector, and the grams' rarity, for comparing new text with them."""

    def __init__(
        self, grams: NDArray[np.int64], idf: NDArray[np.float64], rows: SparseRows
    ) -> None:
        self.grams = grams
        """The workspace's distinct grams, sorted: a gram's column is its place here."""
        self.idf = idf
        self.rows = rows

    @classmethod
    def build(cls, texts: Texts, progress: Callable[[int, int], None] | None = None) -> CharGrams:
        """The gram vectors of ``texts`` (one per passage).

        Two passes over runs of passages (:data:`_CHUNK` characters at a time), so that the
        temporary arrays stay a few megabytes however large the workspace: the first learns
        every gram's rarity and how many entries there will be, the second weighs each run's
        grams and writes them straight into their place. Grams are cheap to recount; holding
        every passage's grams while the rarities are unknown would double the peak memory.

        ``progress(done, total)`` follows the passages through both passes (``total`` is twice
        their number): on a large workspace this is a couple of seconds a reader should see.
        """
        import numpy as np

        def advance(done: int) -> None:
            if progress is not None:
                progress(done, 2 * len(texts))

        seen: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
        entries = counted = 0
        for cleaned in _slices(texts):
            keys, _ = _slice_keys(cleaned)
            codes, passages = np.unique(keys & _GRAM_MASK, return_counts=True)
            seen.append((codes, passages))
            entries += len(keys)
            counted += len(cleaned)
            advance(counted)
        codes = np.concatenate([np.zeros(0, np.int64), *(c for c, _ in seen)])
        vocabulary, places = np.unique(codes, return_inverse=True)
        df = np.bincount(places, weights=np.concatenate([np.zeros(0), *(n for _, n in seen)]))
        del seen, codes, places
        idf = np.log((1 + len(texts)) / (1 + df)) + 1
        starts = np.zeros(len(texts) + 1, dtype=np.int64)
        columns = np.zeros(entries, dtype=np.int32)
        values = np.zeros(entries, dtype=np.float32)  # plenty for a cosine, and half the cache
        first = done = 0
        for cleaned in _slices(texts):
            keys, counts = _slice_keys(cleaned)
            rows = keys >> _GRAM_BITS  # within the run
            found = np.searchsorted(vocabulary, keys & _GRAM_MASK)
            weights = (1 + np.log(counts)) * idf[found]
            norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=len(cleaned)))
            columns[done : done + len(keys)] = found
            values[done : done + len(keys)] = weights / norms[rows]
            lengths = np.bincount(rows, minlength=len(cleaned))
            starts[first + 1 : first + len(cleaned) + 1] = done + np.cumsum(lengths)
            first += len(cleaned)
            done += len(keys)
            advance(len(texts) + first)
        return cls(vocabulary, idf, SparseRows(starts, columns, values, len(vocabulary)))

    def arrays(self) -> dict[str, NDArray[Any]]:
        """Everything needed to rebuild this, as plain arrays (for ``numpy.savez``)."""
        rows = self.rows
        return {
            "grams": self.grams,
            "idf": self.idf,
            "starts": rows.starts,
            "columns": rows.columns,
            "values": rows.values,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, NDArray[Any]], passages: int) -> CharGrams:
        """Rebuild from :meth:`arrays` output, checking that it adds up for ``passages``.

        Raises ValueError for anything that does not: a cache file is only ever a hint.
        """
        import numpy as np

        try:
            grams, idf = arrays["grams"], arrays["idf"]
            starts, columns, values = arrays["starts"], arrays["columns"], arrays["values"]
        except KeyError as missing:
            raise ValueError(f"gram arrays lack {missing}") from None
        expected = {
            "grams": (grams, np.int64),
            "idf": (idf, np.float64),
            "starts": (starts, np.int64),
            "columns": (columns, np.int32),
            "values": (values, np.float32),
        }
        for name, (array, dtype) in expected.items():
            if array.dtype != dtype or array.ndim != 1:
                raise ValueError(f"gram array {name} is not a flat {np.dtype(dtype).name} array")
        if (
            len(idf) != len(grams)
            or len(starts) != passages + 1
            or (len(starts) and (starts[0] != 0 or starts[-1] != len(columns)))
            or len(values) != len(columns)
            or (len(starts) > 1 and bool((np.diff(starts) < 0).any()))
            or (len(columns) and (int(columns.min()) < 0 or int(columns.max()) >= len(grams)))
            or (len(grams) > 1 and bool((np.diff(grams) <= 0).any()))
        ):
            raise ValueError("gram arrays do not add up")
        return cls(grams, idf, SparseRows(starts, columns, values, len(grams)))

    def vector(self, text: str) -> NDArray[np.float64]:
        """``text`` as a dense unit vector over the workspace's grams (unknown grams dropped)."""
        import numpy as np

        dense = np.zeros(len(self.grams))
        codes, _ = _grams(_cleaned(text))
        if len(codes) == 0 or len(self.grams) == 0:
            return dense
        places = np.minimum(np.searchsorted(self.grams, codes), len(self.grams) - 1)
        known = places[self.grams[places] == codes]
        columns, counts = np.unique(known, return_counts=True)
        weights = (1 + np.log(counts)) * self.idf[columns]
        norm = float(np.sqrt((weights * weights).sum()))
        if norm > 0:
            dense[columns] = weights / norm
        return dense
