"""The plain fields of an imported W3C annotation (names, tags, dates), fitted to our model
without losing what the file said.

Our model is stricter than the W3C one: a tag or a name is one line without control or
bidirectional characters (they would garble a terminal), one creator is credited, and a time
has a time zone. When a value must change to fit, the change is reported, and the original is
kept in the annotation's ``extra`` wherever it cannot be seen in the note itself, which a W3C
export writes back, so nothing another tool wrote is dropped unseen.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from annotations.w3c_read import _as_list

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(value: Any, limit: int = 60) -> str:
    """A value as a warning quotes it: line breaks and control characters visible as escapes."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    # A lone surrogate (a "\udc80" in the file) cannot be printed or written as UTF-8.
    return _LONE_SURROGATE.sub(_escaped, json.dumps(text, ensure_ascii=False))


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate written as its ``\\u`` escape, as the file had it: a
    note cannot hold the character itself (:mod:`annotations.values`), but can show it."""
    return _LONE_SURROGATE.sub(_escaped, text)


def one_line(text: str) -> str:
    """A tag, name or title as stored: a line break or tab becomes a space (so "mood\\nkratom"
    stays two words), other control and bidirectional characters and lone surrogates go."""

    def spaced(found: re.Match[str]) -> str:
        return " " if any(c.isspace() for c in found.group()) else ""

    text = _CONTROLS.sub(spaced, text)
    return "".join(c for c in text if c not in _BIDI and unicodedata.category(c) != "Cs").strip()


def creator_names(item: Mapping[str, Any], warn: Callable[[str], None]) -> list[str]:
    """The names of every creator of ``item``, first the one to credit, each on one line."""
    names: list[str] = []
    for creator in _as_list(item.get("creator")):
        raw: Any = creator
        if isinstance(creator, dict):
            raw = next(
                (creator[k] for k in ("name", "nickname", "id") if isinstance(creator.get(k), str)),
                None,
            )
        name = one_line(raw) if isinstance(raw, str) else ""
        if not name:
            warn(f"a creator without a usable name ({shown(creator)}) was left out")
            continue
        if name != raw.strip():
            warn(f"the creator's name {shown(raw)} is stored as {shown(name)}")
        if name not in names:
            names.append(name)
    if len(names) > 1:
        warn(
            f"it has {len(names)} creators; it is credited to {shown(names[0])}, and all of "
            "them are kept in its extra field 'imported_creators'"
        )
    return names


def read_time(
    item: Mapping[str, Any],
    name: str,
    fallback: tuple[str, str],
    warn: Callable[[str], None],
) -> tuple[str, Any]:
    """The time ``name`` of ``item`` (``synoptic:`` spelling first), and the original value
    when it had to change (None when it was used as written or was absent). ``fallback`` is
    the time to use instead, and what it is called in the warning.

    A time without a time zone is read as UTC rather than replaced by ``fallback``: the day
    it names is still right. Only a value that is no time at all gives ``fallback``.
    """
    for key in (f"synoptic:{name}", name):
        value = item.get(key)
        if value is None:
            continue
        stored = _as_stored(value)
        if stored is None:
            warn(
                f"its {name} time {shown(value)} is not a date; {fallback[1]} was used, and the "
                f"original is kept in its extra field 'imported_{name}'"
            )
            return fallback[0], value
        if stored != value:
            warn(
                f"its {name} time {shown(value)} has no time zone; it was read as UTC "
                f"({stored}), and the original is kept in its extra field 'imported_{name}'"
            )
            return stored, value
        return value, None
    return fallback[0], None


def _as_stored(value: Any) -> str | None:
    """``value`` as a time is stored (UTC when it names no zone: the day it names is still
    right), or None when it is no time at all."""
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if parsed is None:
        return None
    return value if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC).isoformat()


def read_times(
    item: Mapping[str, Any], now: str, warn: Callable[[str], None]
) -> tuple[str, Any, str, Any]:
    """``created`` and ``modified`` of ``item``, each with its original value when it had to
    change (see :func:`read_time`), created never after modified.

    A note cannot be edited before it was written, and the merge of copies takes the later
    ``modified`` for the newer version. So a created time that is missing or unreadable falls
    back on the modified time when that can be read, not on ``now``; and one the file gives as
    after its modified time is moved back to it, with a warning and the original kept.
    """
    given = (item.get(key) for key in ("synoptic:modified", "modified"))
    modified_time = _as_stored(next((value for value in given if value is not None), None))
    instead = (now, "the time of the import")
    if modified_time is not None:
        instead = (modified_time, "its modified time")
    created, raw_created = read_time(item, "created", instead, warn)
    modified, raw_modified = read_time(item, "modified", (created, "the created time"), warn)
    if datetime.fromisoformat(created) > datetime.fromisoformat(modified):
        warn(
            f"its created time {shown(created)} is after its modified time {shown(modified)}; "
            "the modified time was used for both, and the original is kept in its extra field "
            "'imported_created'"
        )
        return modified, created if raw_created is None else raw_created, modified, raw_modified
    return created, raw_created, modified, raw_modified
