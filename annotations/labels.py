"""The words a note can put on a passage: a verdict, a claim mark, tags.

They are read from people as well as from stored notes (typed on the command line, chosen in
the note editor, found in an imported W3C body), and read back by everything that shows or
filters notes. They live apart from :mod:`annotations.model`, the stored record, so that those
callers share one spelling and one set of rules for them without pulling in the record.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import TYPE_CHECKING

from annotations.errors import AnnotationFormatError
from annotations.values import not_text

if TYPE_CHECKING:
    from collections.abc import Iterable


class Verdict(StrEnum):
    """The annotator's judgement of the claim in the passage."""

    SUPPORTED = "supported"
    UNSUPPORTED = "unsupported"
    MISLEADING = "misleading"
    FALSE = "false"
    NEEDS_EVIDENCE = "needs-evidence"

    @property
    def label(self) -> str:
        """The verdict in people's words ("needs evidence"), as the note editor offers it; the
        value is how it is stored and typed on the command line."""
        return self.value.replace("-", " ")


class ClaimMark(StrEnum):
    """The user overriding claim detection: this sentence is (or is not) a claim."""

    CLAIM = "claim"
    NOT_CLAIM = "not-claim"

    @property
    def label(self) -> str:
        """The mark in people's words, as the report, the notes panel and ``synoptic notes``
        say it; the value is how it is stored and typed (``--claim not-claim``)."""
        return "marked as a claim" if self is ClaimMark.CLAIM else "marked as not a claim"


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def parse_verdict(text: str) -> Verdict:
    """Read a verdict typed by a user: any case, and "needs evidence" with space, _ or -."""
    word = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    try:
        return Verdict(word)
    except ValueError:
        choices = ", ".join(v.value for v in Verdict)
        raise AnnotationFormatError(
            "verdict", f"{text.strip()[:40]!r} is not a verdict; use one of: {choices}."
        ) from None


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: stripped, no empty ones, no repeats, in the order given.

    Raises:
        AnnotationFormatError: a tag is not text or contains a control or bidi character, which
            would garble the tag list in a terminal.
    """
    if isinstance(tags, str):
        raise AnnotationFormatError("tags", "must be a list of tags, not one string")
    seen: dict[str, None] = {}
    for index, tag in enumerate(tags):
        if not isinstance(tag, str):
            raise AnnotationFormatError(f"tags[{index}]", "must be a string")
        for char in "" if tag.isprintable() else tag:
            if unicodedata.category(char) == "Cs":
                raise AnnotationFormatError(f"tags[{index}]", not_text(char))
            if unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
                raise AnnotationFormatError(
                    f"tags[{index}]", f"contains the control character U+{ord(char):04X}"
                )
        clean = tag.strip()
        if clean:
            seen.setdefault(clean, None)
    return tuple(seen)
