"""Finding a quote whose characters are the same but spelt another way in Unicode.

``é`` is one character (NFC) or ``e`` and a combining accent (NFD); macOS, some editors and
some converters write the second, and an editor that normalises on save turns every such
passage of a document into the first. Nothing a reader sees has changed, so a note on it must
stay ``anchored`` (``moved`` when the re-spelling shifted its offsets), not turn ``fuzzy`` with
"the text changed" in the report. Stage 2 of :mod:`annotations.anchoring` compares code points,
so this stage runs its search again on both sides decomposed (NFD), where canonically
equivalent text is equal, and maps what it finds back onto the current text. It is exact
evidence, not resemblance, so it runs before any approximate search.

The stored quote is never rewritten here (reading notes must not change anyone's file):
:func:`annotations.placement.respelt` gives the target in the document's current spelling for
the next time the note is saved.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annotations.anchoring_evidence import Anchor, AnchorState, _pick, _Quote
from annotations.anchoring_search import _verbatim_candidates

if TYPE_CHECKING:
    from annotations.target import Target

_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=4096)
def _starts_segment(char: str) -> bool:
    """Whether decomposition can never reach back across ``char`` into the text before it: a
    character that neither is nor decomposes into a combining mark first (U+0F73 does)."""
    head = unicodedata.normalize("NFD", char)[:1]
    return unicodedata.combining(char) == 0 and unicodedata.combining(head) == 0


@dataclass(frozen=True, slots=True)
class Decomposed:
    """A text in NFD, with the few places where its length changed.

    ``changed`` lists in order each segment (a starter and the combining marks after it) whose
    decomposition differs from the text: ``(form_start, text_start, form_length, text_length)``.
    Elsewhere form and text advance together.
    """

    form: str
    form_at: list[int]
    text_at: list[int]
    changed: list[tuple[int, int, int, int]]

    def to_form(self, index: int) -> int:
        """The form offset of text offset ``index`` (inside a changed segment: its start)."""
        found = bisect.bisect_right(self.text_at, index) - 1
        if found < 0:
            return index
        form_start, text_start, form_length, text_length = self.changed[found]
        if index < text_start + text_length:
            return form_start
        return form_start + form_length + index - text_start - text_length

    def to_text(self, position: int) -> int | None:
        """The text offset of form ``position``; None inside a changed segment, which is
        inside one of the text's characters."""
        found = bisect.bisect_right(self.form_at, position) - 1
        if found < 0:
            return position
        form_start, text_start, form_length, text_length = self.changed[found]
        if position == form_start:
            return text_start
        if position < form_start + form_length:
            return None
        return text_start + text_length + position - form_start - form_length


@functools.lru_cache(maxsize=8)
def decomposed(text: str) -> Decomposed:
    """``text`` in NFD (kept for the last few documents: :func:`anchor_all` asks once per
    target). Only its runs of non-ASCII characters are looked at, each with the character
    before it, which a combining mark belongs to."""
    pieces: list[str] = []
    form_at: list[int] = []
    text_at: list[int] = []
    changed: list[tuple[int, int, int, int]] = []
    done = 0
    length = 0
    for run in _NOT_ASCII.finditer(text):
        low = max(done, run.start() - 1)
        high = run.end()
        pieces.append(text[done:low])
        length += low - done
        done = high
        stretch = text[low:high]
        if unicodedata.is_normalized("NFD", stretch):
            pieces.append(stretch)
            length += len(stretch)
            continue
        start = low
        for index in range(low + 1, high + 1):
            if index < high and not _starts_segment(text[index]):
                continue
            segment = text[start:index]
            form = unicodedata.normalize("NFD", segment)
            if form != segment:
                form_at.append(length)
                text_at.append(start)
                changed.append((length, start, len(form), len(segment)))
            pieces.append(form)
            length += len(form)
            start = index
    pieces.append(text[done:])
    return Decomposed("".join(pieces), form_at, text_at, changed)


@functools.lru_cache(maxsize=8)
def _forms_of(text: str) -> tuple[bool, bool]:
    """Whether ``text`` is in NFC, in NFD (each a scan of the text: asked once per document)."""
    return unicodedata.is_normalized("NFC", text), unicodedata.is_normalized("NFD", text)


def spelt_alike(target: Target, text: str) -> bool:
    """Whether stage 2 already compared the target with the text as Unicode would: both are
    ASCII, or both in the same normal form, so that equal means canonically equivalent."""
    fields = target.prefix + target.quote + target.suffix
    if fields.isascii() and text.isascii():
        return True
    nfc, nfd = _forms_of(text)
    return (nfc and unicodedata.is_normalized("NFC", fields)) or (
        nfd and unicodedata.is_normalized("NFD", fields)
    )


def canonical_anchor(target: Target, text: str, expected: int) -> Anchor | None:
    """The target's quote, canonically equivalent, with context that confirms it, or None.

    ``expected`` is where in ``text`` the quote should be. The search and the evidence are
    stage 2's (:mod:`annotations.anchoring`), run on both sides in NFD; a place is kept only if
    it maps back onto whole characters of ``text`` that are canonically equivalent to the quote.
    """
    nfd = functools.partial(unicodedata.normalize, "NFD")
    form = decomposed(text)
    quote, prefix = nfd(target.quote), nfd(target.prefix)
    # A prefix that ran to the start of the document must still be seen to (see _edge).
    start = len(prefix) if target.start == len(target.prefix) else form.to_form(target.start)
    decomposed_target = replace(
        target,
        quote=quote,
        prefix=prefix,
        suffix=nfd(target.suffix),
        start=start,
        end=start + len(quote),
    )
    wanted = form.to_form(expected)
    measured = _Quote.of(decomposed_target)
    candidates = _verbatim_candidates(measured, form.form, wanted)
    sole = len(candidates) == 1
    spans: dict[int, tuple[int, int]] = {}
    for candidate in candidates:
        first, last = form.to_text(candidate.start), form.to_text(candidate.end)
        if first is None or last is None or nfd(text[first:last]) != quote:
            continue
        if candidate.acceptable(measured, wanted, sole=sole):
            spans[candidate.start] = (first, last)
    accepted = [c for c in candidates if c.start in spans]
    if not accepted:
        return None
    first, last = spans[_pick(accepted, wanted).start]
    state = AnchorState.ANCHORED if first == target.start else AnchorState.MOVED
    return Anchor(state, first, last, 1.0)
