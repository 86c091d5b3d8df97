"""Links between claims that are each other's best passage: what the synopsis groups.

A link joins an earlier claim q and a later claim t when t is q's best passage in t's document
and q is t's best in q's, scored with q's score rounded as the reader shows it. The synopsis
asks its claims in order and hands each answer here as it comes; when t is asked, q's answer
is already known, so only each claim's best passages that are *later* claims are kept (a
sorted key and a score each) and t's answer is checked against them at once.

Nothing here is held per claim and document: a table of every claim's best passage in every
document, and the links as Python tuples, took gigabytes on two thousand short articles that
all share words. Answers and links are flat numpy arrays, a few bytes each.

Half of the questions need not be asked in full. When claim q's turn comes, every claim of the
documents before q's has been asked, so a link between q and a document D before it can only
be with a claim of D whose best passage in q's document is q: when no claim of D chose q, q's
best passage in D can join nothing, and :meth:`MutualLinks.documents_for` leaves D out of q's
question. The links, and every score asked, are the same; on a wide workspace, whose claims
mostly point at a few passages of each other document, most of the earlier documents drop
out. Which documents chose which claim is one bit per claim and document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    import numpy as np
    from numpy.typing import NDArray

_BATCH = 1 << 14
"""Links turned into Python numbers at a time, strongest first."""


class _Column:
    """A numpy array that grows by doubling: appends cost a copy now and then, not each time."""

    def __init__(self, dtype: type) -> None:
        import numpy as np

        self._data: NDArray[Any] = np.zeros(1024, dtype=dtype)
        self.size = 0

    def extend(self, values: NDArray[Any]) -> None:
        import numpy as np

        end = self.size + len(values)
        if end > len(self._data):
            self._data = np.resize(self._data, max(end, 2 * len(self._data)))
        self._data[self.size : end] = values
        self.size = end

    @property
    def values(self) -> NDArray[Any]:
        """What was appended, in order (a view)."""
        return self._data[: self.size]


class MutualLinks:
    """The mutual best links of the claims ``claims`` (passage numbers, ascending) of the
    documents whose passages are ``documents`` (consecutive passage numbers, in order)."""

    def __init__(self, claims: list[int], documents: Sequence[range]) -> None:
        import numpy as np

        passages = documents[-1].stop if documents else 0
        self._passages = max(passages, 1)
        self._row_of = np.full(passages, -1, dtype=np.int64)
        self._row_of[claims] = np.arange(len(claims))
        self._document_of = np.repeat(
            np.arange(len(documents), dtype=np.int64), [len(span) for span in documents]
        )
        self._documents = len(documents)
        self._chosen_by = np.zeros((len(claims), (len(documents) + 7) // 8), dtype=np.uint8)
        """Bit d of row r: a claim of document d has claim r as its best passage there."""
        self._keys = _Column(np.int64)
        """``row * passages + target`` of each later-claim answer: ascending, since claims
        are asked in order and each answer's targets are sorted."""
        self._answers = _Column(np.float64)
        self._scores = _Column(np.float64)
        self._lefts = _Column(np.int64)
        self._rights = _Column(np.int64)

    def __len__(self) -> int:
        return self._scores.size

    def add(self, number: int, targets: NDArray[np.int64], scores: NDArray[np.float64]) -> None:
        """Claim ``number``'s best passages, one per other document, and their scores;
        claims must be added in ascending order."""
        import numpy as np

        claimed = self._row_of[targets] >= 0
        earlier = np.flatnonzero(claimed & (targets < number))
        if len(earlier) and self._keys.size:
            keys = self._keys.values
            wanted = self._row_of[targets[earlier]] * self._passages + number
            places = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            mutual = keys[places] == wanted
            if mutual.any():
                # rounded by Python as the reader rounds (numpy's round can differ by one in
                # the last place): the merge's order depends on it
                found = self._answers.values[places[mutual]].tolist()
                self._scores.extend(np.array([round(score, 4) for score in found]))
                self._lefts.extend(targets[earlier[mutual]])
                self._rights.extend(np.full(int(mutual.sum()), number, dtype=np.int64))
        later = np.flatnonzero(claimed & (targets > number))
        later = later[np.argsort(targets[later], kind="stable")]
        self._keys.extend(int(self._row_of[number]) * self._passages + targets[later])
        self._answers.extend(scores[later])
        # the later targets are distinct claims, so no row is set twice here (no bit lost)
        document = int(self._document_of[number])
        rows = self._row_of[targets[later]]
        self._chosen_by[rows, document >> 3] |= np.uint8(1 << (document & 7))

    def documents_for(self, number: int) -> NDArray[np.bool_]:
        """Which documents claim ``number`` must be asked about (by document number), claims
        being asked in ascending order: every later document, and the earlier ones with a
        claim whose best passage in this claim's document is this claim (the others can form
        no link with it). Its own document is left out, as a question leaves it out."""
        import numpy as np

        document = int(self._document_of[number])
        wanted = np.zeros(self._documents, dtype=np.bool_)
        wanted[document + 1 :] = True
        row = int(self._row_of[number])
        if row >= 0 and document:
            bits = np.unpackbits(self._chosen_by[row], count=self._documents, bitorder="little")
            wanted[:document] = bits[:document].astype(np.bool_)
        return wanted

    def strongest_first(self) -> Iterator[tuple[float, int, int]]:
        """Every link as (score, earlier claim, later claim): highest score first, then by
        the claims' numbers, so that equal scores merge in one fixed order."""
        import numpy as np

        scores, lefts, rights = self._scores.values, self._lefts.values, self._rights.values
        order = np.lexsort((rights, lefts, -scores))
        for first in range(0, len(order), _BATCH):
            chosen = order[first : first + _BATCH]
            yield from zip(
                scores[chosen].tolist(),
                lefts[chosen].tolist(),
                rights[chosen].tolist(),
                strict=True,
            )
