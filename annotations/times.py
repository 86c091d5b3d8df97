"""Times as notes store them, and how two of them are compared.

A note's ``created`` and ``modified`` are ISO 8601 strings with a time zone. Synoptic writes
them in UTC with microseconds, in which form they also sort as text; but an imported note keeps
the time its tool wrote, and a file edited by hand (or a version kept from either) may hold
another offset ("13:30+02:00" is earlier than "12:00+00:00") or another precision. So "which
is newer" is always asked of :func:`instant`, never of the strings.

Shown to people, a time is never the stored string: two notes written at the same moment, one
stored in UTC and one imported with "+02:00", would show different clock times. The reader and
the commands show :func:`local_time`, in the user's own time zone; the Markdown report, read by
others in other zones, shows :func:`utc_time`, which says "UTC". Both to the minute, in one
format; ``--json`` and the W3C export keep the stored value.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta

from annotations.errors import AnnotationFormatError

EARLIEST = datetime.min.replace(tzinfo=UTC)
"""Where a value that is no time sorts: before every real one."""
SHOWN_FORMAT = "%Y-%m-%d %H:%M"
"""How a time is shown to people (to the minute), local or UTC alike."""


def now_iso() -> str:
    """The current time as stored: ISO 8601, UTC, microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def instant(value: object) -> datetime:
    """The moment a stored time names, for comparing: a time without a zone is read as UTC
    (as an import reads it), and anything that is no time (a hand-edited kept version) is
    :data:`EARLIEST`."""
    if not isinstance(value, str):
        return EARLIEST
    return _instant_of(value)


@functools.lru_cache(maxsize=1 << 16)
def _instant_of(value: str) -> datetime:
    """:func:`instant` of a string, remembered: every load sorts a desk's 10,000 notes by
    time, and the list, the threads and the reports sort them again, each time parsing the
    same strings (datetimes are immutable, so one can be handed out many times)."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return EARLIEST
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _moment(value: str) -> datetime | None:
    """The moment a stored time names (no zone read as UTC, as :func:`instant` does), or None
    when it is no time (a hand edit, an import), which is then shown as written."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def local_time(value: str) -> str:
    """A stored time as a person reads it here: in this machine's time zone, to the minute."""
    moment = _moment(value)
    return value if moment is None else moment.astimezone().strftime(SHOWN_FORMAT)


def utc_time(value: str) -> str:
    """A stored time as a report for others gives it: in UTC, to the minute, saying "UTC"."""
    moment = _moment(value)
    return value if moment is None else f"{moment.astimezone(UTC).strftime(SHOWN_FORMAT)} UTC"


def next_modified(previous: str) -> str:
    """Now, or a microsecond after ``previous`` if the clock says otherwise.

    A new version must sort after the one it replaces even when this machine's clock is behind
    the one that wrote ``previous``; otherwise a merge would keep the older text.
    """
    now = datetime.now(UTC)
    try:
        before = datetime.fromisoformat(previous)
    except ValueError:
        before = None
    if before is not None and before.tzinfo is not None and now <= before:
        now = before.astimezone(UTC) + timedelta(microseconds=1)
    return now.isoformat(timespec="microseconds")


def check_time(name: str, value: object) -> str:
    """``value``, the stored time ``name``, if it is one: ISO 8601 with a time zone (without
    one, two clones could not agree which of two versions is newer).

    Raises:
        AnnotationFormatError: naming ``name``.
    """
    if not isinstance(value, str):
        raise AnnotationFormatError(name, "must be an ISO 8601 time string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise AnnotationFormatError(name, f"{value[:40]!r} is not an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise AnnotationFormatError(name, f"{value[:40]!r} has no time zone")
    return value
