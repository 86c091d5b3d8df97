"""What one version of an annotation record is, and which of two versions wins.

The git merge driver (:mod:`annotations.merge`) and the store's join of a note's copies in two
files (:mod:`annotations.store_versions`) both ask the same questions of a record, and must
answer them alike or a merge and a later read would disagree: its canonical text (equal
records, equal text), whether it is a tombstone, which fields are the note itself and which
are bookkeeping about other versions (``superseded``, ``resolved``, ``moved_from``), how a
losing version is kept in the winner's ``superseded`` list (:func:`supersede`), and which of
two versions wins (:func:`rank`: a tombstone, then the later ``modified``; :func:`undoes`: a
note brought back, over the deletion it undid).
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

from annotations.times import EARLIEST, instant

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

Record = dict[str, Any]
"""One annotation as stored: the JSON object under its id in the ``annotations`` table."""


def canonical(value: Any) -> str:
    """A value's canonical JSON: sorted keys, no spaces; equal records give equal text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def is_tombstone(record: Mapping[str, Any]) -> bool:
    return record.get("deleted") is True


def undoes(record: Mapping[str, Any], tombstone: Mapping[str, Any]) -> bool:
    """Whether ``record`` is a note brought back after a deletion at or after ``tombstone``'s:
    the one exception to "a deletion wins" (see :attr:`annotations.model.Annotation.restored`).

    Only a deletion its author undid, or an earlier one, loses: one made later (after the
    note was brought back, or on another clone since) still wins, as any deletion does.
    """
    restored = record.get("restored")
    if is_tombstone(record) or not is_tombstone(tombstone) or not isinstance(restored, str):
        return False
    return instant(restored) >= _modified(tombstone)


def _modified(record: Mapping[str, Any]) -> datetime:
    return instant(record.get("modified"))


_HISTORY = frozenset({"superseded", "resolved"})
"""A copy's kept versions and which of them are settled: never part of a kept version."""


def _without_history(record: Mapping[str, Any]) -> Record:
    """The record as a superseded version: everything but its kept versions."""
    return {key: value for key, value in record.items() if key not in _HISTORY}


def resolved_keys(*records: Mapping[str, Any] | None) -> list[str] | None:
    """Every ``resolved`` key the records hold, sorted; None when none has the field (it is
    then left out, as the store leaves it out)."""
    found = [
        r["resolved"] for r in records if r is not None and isinstance(r.get("resolved"), list)
    ]
    if not found:
        return None
    return sorted({key for keys in found for key in keys if isinstance(key, str)})


def with_resolved(record: Record, keys: list[str] | None) -> Record:
    if keys is None:
        return record
    return {**record, "resolved": keys}


BOOKKEEPING = frozenset({"superseded", "resolved", "moved_from"})
"""What a copy of a note records about other versions, not what the note says or where."""


def note_version(record: Mapping[str, Any]) -> Record:
    """What one version of a note is, whichever file holds it: the record without the lists
    of other versions (two copies with the same content but different histories are the same
    version)."""
    return {key: value for key, value in record.items() if key not in BOOKKEEPING}


def _history(record: Mapping[str, Any]) -> list[Any]:
    kept = record.get("superseded")
    return list(kept) if isinstance(kept, list) else []


def supersede(winner: Record, loser: Record, *, keep_loser: bool = True) -> Record:
    """``winner`` with ``loser`` (and both their earlier versions) in its ``superseded`` list.

    Each distinct version appears once, the winner itself never; the list is sorted by
    ``modified`` then canonical JSON, so it does not depend on which side was which.
    ``keep_loser=False`` takes only the loser's earlier versions: the winner already holds
    everything the loser says (two copies combined field by field).
    """
    own = canonical(_without_history(winner))
    versions: dict[str, Any] = {}
    losing = (_without_history(loser),) if keep_loser else ()
    for version in (*_history(winner), *_history(loser), *losing):
        text = canonical(version)
        if text != own:
            versions.setdefault(text, version)
    ordered = sorted(
        versions.items(),
        key=lambda item: (
            _modified(item[1]) if isinstance(item[1], dict) else EARLIEST,
            item[0],
        ),
    )
    result = with_resolved(copy.deepcopy(winner), resolved_keys(winner, loser))
    result["superseded"] = [copy.deepcopy(version) for _, version in ordered]
    return result


def rank(record: Mapping[str, Any]) -> tuple[bool, datetime, str]:
    """How two versions of a note are ordered: a tombstone first, then the later
    ``modified``, then the greater canonical JSON (so every clone picks the same)."""
    return (is_tombstone(record), _modified(record), canonical(record))


def newer_first(a: Record, b: Record) -> tuple[Record, Record]:
    """(winner, loser) of two different versions, by :func:`rank`, except that a note brought
    back wins over the deletion it undid (:func:`undoes`)."""
    if undoes(a, b) or undoes(b, a):
        return (a, b) if undoes(a, b) else (b, a)
    return (a, b) if rank(a) > rank(b) else (b, a)
