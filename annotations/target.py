"""Where an annotation points: a quote with its context, so it can be found again after edits.

A character range alone breaks on the first edit above it; a quote alone lands on the first
lookalike. Keeping both, plus up to 32 characters either side and the hash of the text they were
taken from, is what lets anchoring tell "same place", "moved", "changed a little" and "gone"
apart (the same idea as the W3C TextQuoteSelector + TextPositionSelector pair).
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from annotations.values import MAX_NESTING, nests_too_deep

if TYPE_CHECKING:
    from collections.abc import Mapping

CONTEXT_CHARS = 32
_KNOWN = frozenset({"doc", "quote", "prefix", "suffix", "start", "end", "sha256"})
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})
"""The extra fields of nearly every target: one read-only empty mapping, shared."""


def text_sha256(text: str) -> str:
    """The hash stored with a target: of the document text as the reader decoded it."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Target:
    """A passage of one document, as it was when the annotation was made."""

    doc: str
    """The document id (its path inside the workspace)."""
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    sha256: str
    """Hash of the whole document text when the target was taken (see :func:`text_sha256`)."""
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """Fields from a newer Synoptic or another tool, written back verbatim."""

    @classmethod
    def from_span(cls, doc: str, text: str, start: int, end: int) -> Target:
        """Take a target from ``text[start:end]``, a non-empty span inside the text."""
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span {start}-{end} is not inside a {len(text)}-character text")
        return cls(
            doc=doc,
            quote=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
            sha256=text_sha256(text),
        )

    def to_record(self) -> dict[str, Any]:
        """The JSON form stored on disk and in exports: the known fields, then unknown ones."""
        record: dict[str, Any] = {
            "doc": self.doc,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "sha256": self.sha256,
        }
        for name, value in self.extra.items():
            record.setdefault(name, copy.deepcopy(value))
        return record

    @classmethod
    def from_record(cls, record: object) -> Target:
        """Read a target back, rejecting anything malformed with a message that names the field."""
        if not isinstance(record, dict):
            raise ValueError("target must be an object")
        strings = ("doc", "quote", "prefix", "suffix", "sha256")
        for name in strings:
            if not isinstance(record.get(name), str):
                raise ValueError(f"target.{name} must be a string")
        for name in ("start", "end"):
            value = record.get(name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"target.{name} must be a non-negative integer")
        if record["end"] < record["start"]:
            raise ValueError("target.end is before target.start")
        if not record["quote"]:
            raise ValueError("target.quote is empty")
        extra = _NO_EXTRA
        if record.keys() - _KNOWN:  # one look in C: read for each of a desk's 10,000 notes
            unknown = {k: v for k, v in record.items() if k not in _KNOWN}
            if nests_too_deep(unknown):  # before copying it, which would recurse
                raise ValueError(f"target nests lists or objects over {MAX_NESTING} deep")
            extra = MappingProxyType({k: copy.deepcopy(v) for k, v in unknown.items()})
        return cls(
            doc=record["doc"],
            quote=record["quote"],
            prefix=record["prefix"],
            suffix=record["suffix"],
            start=record["start"],
            end=record["end"],
            sha256=record["sha256"],
            extra=extra,
        )
