"""Unit vectors in compressed sparse row form, and their dot products with one dense vector.

Both the word and the gram vectors of the passages are kept so (:mod:`corpus.passage_vectors`,
:mod:`corpus.char_grams`). The matcher asks one thing of them: the dot product of a dense query
vector with some rows. A single query in the reader asks it of a few thousand rows out of a
hundred thousand; the synopsis asks it, claim after claim, of most rows of a workspace whose
documents all share words. The two need different loops, and both must give the very same
numbers, so that a claim's best match in the synopsis is the one the reader shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

SWEEP_SHARE = 0.25
"""Above this share of all entries, reading every row beats gathering the chosen ones.

Gathering a row's entries costs about five times as much per entry as reading them in order
(measured: 14 against 2.6 ns an entry on 850 thousand gram entries), so past a fifth of the
entries the whole sweep is cheaper; a quarter leaves a margin."""
SWEEP_CHUNK = 1 << 16
"""Entries multiplied at a time in a sweep: the temporaries stay half a megabyte, in cache,
however large the workspace."""


class SparseRows:
    """Row i is ``columns``/``values`` in ``starts[i]:starts[i + 1]``, over ``width`` columns."""

    def __init__(
        self, starts: NDArray[np.int64], columns: NDArray[Any], values: NDArray[Any], width: int
    ) -> None:
        self.starts = starts
        self.columns = columns
        self.values = values
        self.width = width

    def prefers_sweep(self, rows: NDArray[np.int64]) -> bool:
        """Whether :meth:`dots` of ``rows`` reads every row (they hold most of the entries)."""
        chosen = rows[rows >= 0]
        size = int((self.starts[chosen + 1] - self.starts[chosen]).sum())
        return size > SWEEP_SHARE * len(self.columns)

    def dots(self, rows: NDArray[np.int64], dense: NDArray[np.float64]) -> NDArray[np.float64]:
        """The dot product of each of ``rows`` with one dense vector (0 for row -1).

        The few rows of a reader's query are gathered; the many of a synopsis query are read
        from :meth:`all_dots`. Each row's products are summed by the same ``reduceat`` in the
        same order either way, so the two give identical numbers, to the last bit.
        """
        import numpy as np

        present = rows >= 0
        chosen = rows[present]
        found = np.zeros(len(rows))
        starts = self.starts[chosen]
        lengths = self.starts[chosen + 1] - starts
        if int(lengths.sum()) > SWEEP_SHARE * len(self.columns):  # as prefers_sweep
            found[present] = self.all_dots(dense)[chosen]
            return found
        offsets = np.cumsum(lengths) - lengths
        entries = np.arange(offsets[-1] + lengths[-1] if len(chosen) else 0) + np.repeat(
            starts - offsets, lengths
        )
        # one flat run summed a row at a time: several times faster than labelling every
        # entry with its row for bincount; take gathers faster than indexing, same numbers
        products = np.take(dense, np.take(self.columns, entries))
        products *= np.take(self.values, entries)
        sums = np.zeros(len(chosen))
        filled = lengths > 0
        if filled.any():
            sums[filled] = np.add.reduceat(products, offsets[filled])
        found[present] = sums
        return found

    def all_dots(self, dense: NDArray[np.float64]) -> NDArray[np.float64]:
        """The dot product of every row with one dense vector, a few thousand entries at a
        time (:data:`SWEEP_CHUNK`), rows never split."""
        import numpy as np

        starts = self.starts
        count = len(starts) - 1
        sums = np.zeros(max(count, 0))
        row = 0
        while row < count:
            stop = int(np.searchsorted(starts, starts[row] + SWEEP_CHUNK, side="right")) - 1
            stop = min(max(stop, row + 1), count)
            lo, hi = int(starts[row]), int(starts[stop])
            # the same products as a gather's: values times dense, in float64
            products = np.take(dense, self.columns[lo:hi].astype(np.intp))
            products *= self.values[lo:hi]
            filled = np.diff(starts[row : stop + 1]) > 0
            if filled.any():
                part = sums[row:stop]
                part[filled] = np.add.reduceat(products, starts[row:stop][filled] - lo)
            row = stop
        return sums

    def dense_sum(self, first: int, stop: int) -> NDArray[np.float64]:
        """The sum of rows ``first:stop`` as a dense vector."""
        import numpy as np

        lo, hi = self.starts[first], self.starts[stop]
        summed: NDArray[np.float64] = np.bincount(
            self.columns[lo:hi], weights=self.values[lo:hi], minlength=self.width
        ).astype(np.float64, copy=False)
        return summed

    def dense_row(self, row: int) -> NDArray[np.float64]:
        """Row ``row`` as a dense vector."""
        return self.dense_sum(row, row + 1)
