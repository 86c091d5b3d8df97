"""Every passage's term counts in three flat arrays, rather than a dict per passage.

A large workspace has some sixty thousand passages: as dicts, their counts took about 25 MB,
and all of them were alive, beside every other structure of the index, while the index was
built and its cache written (the reader's peak memory). Here they take 4 MB, and the term
numbers are the very columns of the index's term vectors, so they are not kept twice.

Terms are numbered in the order they are first met, passage after passage, each passage's in
the order its counts give them: the numbering :class:`corpus.passage_vectors.PassageVectors`
always had, so an index built from these arrays is the index built from the dicts, bit for bit.
"""

from __future__ import annotations

from array import array
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Iterator, Mapping

    import numpy as np
    from numpy.typing import NDArray


class TermCounts:
    """Passage ``i``'s counts are ``columns``/``counts`` in ``starts[i]:starts[i + 1]``."""

    def __init__(self) -> None:
        self.term_ids: dict[str, int] = {}
        """Each term's number: its column in the term vectors."""
        self.terms: list[str] = []
        """The terms by number."""
        self._starts = array("q", [0])
        self._columns = array("i")
        self._counts = array("i")

    @classmethod
    def of(cls, counts: Iterable[Mapping[str, int]]) -> TermCounts:
        """The counts of passages given as one mapping each."""
        found = cls()
        found.extend(counts)
        return found

    def append(self, counts: Mapping[str, int]) -> None:
        """Add the next passage's counts (see :meth:`extend`)."""
        self.extend((counts,))

    def extend(self, passages: Iterable[Mapping[str, int]]) -> None:
        """Add the next passages' counts, one mapping each: a document's at a time, when
        read from the cache, where a call per passage took a tenth of a warm reopen.

        Raises ValueError when a count is not a whole number that fits (a cache file gone
        wrong, which is then rebuilt), TypeError when it is not a number at all; either way
        before anything is added.
        """
        listed = list(passages)
        try:
            numbers = array("i", [count for counts in listed for count in counts.values()])
        except OverflowError:
            raise ValueError("a term count does not fit") from None
        term_ids, terms = self.term_ids, self.terms
        known = len(terms)
        for counts in listed:
            for term in counts:
                if term not in term_ids:
                    term_ids[term] = len(terms)
                    terms.append(term)
        number = term_ids.__getitem__
        try:  # refused while an index holds the arrays (see arrays()): no term is added then
            self._columns.extend(array("i", [number(t) for counts in listed for t in counts]))
        except BufferError:
            for term in terms[known:]:
                del term_ids[term]
            del terms[known:]
            raise
        self._counts.extend(numbers)
        ends = accumulate(map(len, listed), initial=self._starts[-1])
        next(ends)  # the first is where the last passage ended
        self._starts.extend(ends)

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, passage: int) -> dict[str, int]:
        """Passage ``passage``'s counts, as a dict in the order they were given."""
        if not -len(self) <= passage < len(self):
            raise IndexError("passage out of range")
        passage %= len(self)
        lo, hi = self._starts[passage], self._starts[passage + 1]
        terms = self.terms
        return {
            terms[column]: count
            for column, count in zip(self._columns[lo:hi], self._counts[lo:hi], strict=True)
        }

    def shared(self, passage: int, columns: Container[int]) -> list[str]:
        """The terms of passage ``passage`` whose numbers are in ``columns``: what a query
        shares with it, found without making the passage's dict (a query asks it of hundreds
        of passages)."""
        lo, hi = self._starts[passage], self._starts[passage + 1]
        terms = self.terms
        return [terms[column] for column in self._columns[lo:hi] if column in columns]

    def __iter__(self) -> Iterator[dict[str, int]]:
        return (self[passage] for passage in range(len(self)))

    def arrays(self) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.int32]]:
        """(starts, columns, counts) as numpy arrays sharing this object's memory.

        While they live, no passage can be added (``array`` refuses to grow a buffer in use),
        so an index never sees counts change under it.
        """
        import numpy as np

        return (
            np.frombuffer(self._starts, dtype=np.int64),
            np.frombuffer(self._columns, dtype=np.int32),
            np.frombuffer(self._counts, dtype=np.int32),
        )
