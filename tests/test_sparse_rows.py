"""Dot products of sparse rows: reading every row gives, to the last bit, what gathering gives.

The reader's query gathers a few rows; the synopsis, asking most rows claim after claim, reads
them all. The synopsis must show each claim's best match as the reader does, so the two ways
must agree exactly, not approximately.
"""

from __future__ import annotations

import numpy as np
import pytest

import corpus.sparse_rows
from corpus.sparse_rows import SparseRows


def random_rows(seed: int, count: int = 300, width: int = 500, longest: int = 60) -> SparseRows:
    """Rows of 0 to ``longest`` entries (some empty), float32 values as the gram rows have."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, longest, count)
    lengths[::17] = 0
    starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    columns = np.concatenate(
        [np.zeros(0, np.int32), *(np.sort(rng.choice(width, n, replace=False)) for n in lengths)]
    ).astype(np.int32)
    values = rng.random(int(starts[-1])).astype(np.float32)
    return SparseRows(starts, columns, values, width)


def gathered(rows: SparseRows, chosen: np.ndarray, dense: np.ndarray) -> np.ndarray:
    """The dot products as a query of a few rows has always computed them: every chosen row's
    entries gathered into one run and summed a row at a time."""
    starts = rows.starts[chosen]
    lengths = rows.starts[chosen + 1] - starts
    offsets = np.cumsum(lengths) - lengths
    entries = np.arange(int(lengths.sum())) + np.repeat(starts - offsets, lengths)
    products = rows.values[entries] * dense[rows.columns[entries]]
    sums = np.zeros(len(chosen))
    filled = lengths > 0
    sums[filled] = np.add.reduceat(products, offsets[filled])
    return sums


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("chunk", [7, 1 << 16], ids=["rows-longer-than-a-chunk", "default"])
def test_reading_every_row_gives_the_gathered_numbers_exactly(
    seed: int, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus.sparse_rows, "SWEEP_CHUNK", chunk)
    rows = random_rows(seed)
    rng = np.random.default_rng(100 + seed)
    dense = rng.standard_normal(rows.width)  # a query less its document's centre: any sign
    dense[rng.random(rows.width) < 0.7] = 0.0
    count = len(rows.starts) - 1
    every = rows.all_dots(dense)
    assert every.tobytes() == gathered(rows, np.arange(count), dense).tobytes()
    most = rng.permutation(count)[: count * 9 // 10]
    few = rng.permutation(count)[:5]
    assert rows.prefers_sweep(most) and not rows.prefers_sweep(few)
    for chosen in (most, few):
        asked = np.concatenate((chosen, [-1]))
        found = rows.dots(asked, dense)
        assert found[:-1].tobytes() == gathered(rows, chosen, dense).tobytes()
        assert found[-1] == 0.0


def test_no_rows_and_empty_rows_give_zeros() -> None:
    rows = SparseRows(np.zeros(4, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32), 3)
    assert rows.all_dots(np.ones(3)).tolist() == [0.0, 0.0, 0.0]
    assert rows.dots(np.array([2, -1, 0]), np.ones(3)).tolist() == [0.0, 0.0, 0.0]
    assert rows.dots(np.zeros(0, np.int64), np.ones(3)).tolist() == []
    nothing = SparseRows(np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32), 0)
    assert nothing.all_dots(np.zeros(0)).tolist() == []
