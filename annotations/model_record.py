"""Reading a stored note's record: each field checked, in the order a person fixing a
hand-edited file would want to hear about them, before :class:`~annotations.model.Annotation`
is made from it.

Kept apart from the record's model so that the rules a note obeys once made (its
``__post_init__``) and what a file on disk may hold read as two lists, not one long class.
"""

from __future__ import annotations

import copy
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from annotations.errors import AnnotationFormatError, LinkError
from annotations.labels import ClaimMark, Verdict
from annotations.links import EvidenceLink
from annotations.target import Target
from annotations.times import check_time
from annotations.values import MAX_NESTING, nests_too_deep

KNOWN_FIELDS = (
    "id",
    "author",
    "created",
    "modified",
    "target",
    "note",
    "tags",
    "verdict",
    "links",
    "reply_to",
    "claim",
    "deleted",
    "superseded",
    "resolved",
    "moved_from",
    "restored",
)
"""The fields a record holds; any other is kept verbatim in ``extra``."""

KNOWN = frozenset(KNOWN_FIELDS)
E = TypeVar("E", bound=StrEnum)


def record_fields(record: object) -> dict[str, Any]:
    """The :class:`~annotations.model.Annotation` fields of a stored record.

    Missing optional fields take their defaults (an older or hand-written record); present
    ones must have the right type.

    Raises:
        AnnotationFormatError: naming the first field that is wrong.
    """
    if not isinstance(record, dict):
        raise AnnotationFormatError("annotation", "must be an object")
    for name in ("id", "author"):
        value = record.get(name)
        if not isinstance(value, str) or not value.strip():
            raise AnnotationFormatError(name, "must be a non-empty string")
    created = check_time("created", record.get("created"))
    modified = check_time("modified", record.get("modified"))
    try:
        target = Target.from_record(record.get("target"))
    except ValueError as exc:
        raise AnnotationFormatError("target", str(exc).removeprefix("target ")) from None
    note = record.get("note", "")
    if not isinstance(note, str):
        raise AnnotationFormatError("note", "must be a string")
    tags = record.get("tags", [])
    if not isinstance(tags, list):
        raise AnnotationFormatError("tags", "must be a list of strings")
    verdict = optional_enum(record.get("verdict"), "verdict", Verdict)
    claim = optional_enum(record.get("claim"), "claim", ClaimMark)
    raw_links = record.get("links", [])
    if not isinstance(raw_links, list):
        raise AnnotationFormatError("links", "must be a list")
    links: list[EvidenceLink] = []
    for index, raw in enumerate(raw_links):
        try:
            links.append(EvidenceLink.from_record(raw))
        except LinkError as exc:
            raise AnnotationFormatError(f"links[{index}]", str(exc)) from None
    reply_to = record.get("reply_to")
    if reply_to is not None and (not isinstance(reply_to, str) or not reply_to):
        raise AnnotationFormatError("reply_to", "must be an annotation id or null")
    deleted = record.get("deleted", False)
    if not isinstance(deleted, bool):
        raise AnnotationFormatError("deleted", "must be true or false")
    superseded = record.get("superseded", [])
    if not isinstance(superseded, list) or not all(isinstance(s, dict) for s in superseded):
        raise AnnotationFormatError("superseded", "must be a list of objects")
    resolved = record.get("resolved", [])
    if not isinstance(resolved, list) or not all(isinstance(r, str) for r in resolved):
        raise AnnotationFormatError("resolved", "must be a list of strings")
    moved_from = record.get("moved_from")
    if moved_from is not None and not isinstance(moved_from, dict):
        raise AnnotationFormatError("moved_from", "must be an object or null")
    restored = record.get("restored")
    if restored is not None:
        restored = check_time("restored", restored)
    unknown = record.keys() - KNOWN
    extra = {key: record[key] for key in unknown}
    for name, value in (("superseded", superseded), ("moved_from", moved_from), *extra.items()):
        refuse_deep(name, value)  # before copying them, which would recurse
    return {
        "id": record["id"],
        "author": record["author"],
        "created": created,
        "modified": modified,
        "target": target,
        "note": note,
        "tags": tuple(tags),
        "verdict": verdict,
        "links": tuple(links),
        "reply_to": reply_to,
        "claim": claim,
        "deleted": deleted,
        "superseded": tuple(copy.deepcopy(superseded)) if superseded else (),
        "resolved": tuple(resolved),
        "moved_from": None if moved_from is None else copy.deepcopy(moved_from),
        "restored": restored,
        "extra": MappingProxyType(copy.deepcopy(extra) if extra else {}),
    }


def refuse_deep(name: str, value: object) -> None:
    """Refuse ``value``, a part kept verbatim, if it nests deeper than a record may: copying
    or writing it back would recurse past Python's limit."""
    if value and nests_too_deep(value):
        raise AnnotationFormatError(name, f"nests lists or objects over {MAX_NESTING} deep")


def optional_enum(value: object, name: str, kind: type[E]) -> E | None:
    """``value`` as a member of ``kind``, or None; the error lists the values there are, as
    a person fixing a hand-edited file needs them."""
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return kind(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in kind)
        raise AnnotationFormatError(name, f"{value!r} is not one of {choices} or null") from None
