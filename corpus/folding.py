"""Unicode's several spellings of one text, made one, with a way back to the original.

``é`` can be one character or ``e`` and a combining accent (macOS file names and some editors
give the second), and a PDF copy leaves compatibility forms such as the ligature ``ﬁ`` in
"ﬁbrosis" or the full-width ``２``. They look the same on screen, so a reader expects them to
*be* the same: a quote typed in one spelling finds the other, and two sentences that differ
only in spelling match as identical. NFKC makes the spellings one; matching also folds case
(``casefold``, which knows ``ß`` is ``ss``) so that words compare as a stemmer expects.

Folding can change the length of a text, so whatever is found in folded text is mapped back to
whole characters of the original: what is highlighted or stored is what the document says.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CLUSTER = re.compile(
    r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*", re.S
)
"""A character and the combining marks after it: the smallest piece NFKC can be given alone
and still fold as the whole text would."""


def fold_for_matching(text: str) -> str:
    """``text`` in NFKC form, case-folded: the form in which the matcher compares words.

    NFKC first, so that any two spellings are one string before ``casefold`` sees them; ASCII
    text only loses its capitals, as ``lower`` would.
    """
    return unicodedata.normalize("NFKC", text).casefold()


def folded_with_origins(text: str) -> tuple[str, list[int], list[int]] | None:
    """``text`` in NFKC form, and for each of its characters where in ``text`` the character
    (with its combining marks) that it came from starts and ends; None when ``text`` is
    already in NFKC form, as almost all text is, so callers can use offsets as they are.

    Each character and the combining marks after it are normalised together, so a span of the
    folded text always maps back to whole characters of the original: ``text[starts[a]:
    ends[b - 1]]`` is what folded ``[a, b)`` came from.
    """
    if unicodedata.is_normalized("NFKC", text):
        return None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for cluster in _CLUSTER.finditer(text):
        piece = unicodedata.normalize("NFKC", cluster.group())
        pieces.append(piece)
        starts.extend([cluster.start()] * len(piece))
        ends.extend([cluster.end()] * len(piece))
    return "".join(pieces), starts, ends


def fingerprint(text: str) -> str:
    """A short hash of ``text`` as the matcher reads it: NFKC, case-folded, each run of
    whitespace one space. Two spellings of one sentence, or one wrapped across lines, give
    the same; a changed word or mark gives another, so a score can tell "identical" from
    "nearly so"."""
    plain = " ".join(fold_for_matching(text).split())
    return hashlib.blake2b(plain.encode(), digest_size=8).hexdigest()
