"""Times as notes store them, and how two of them are compared.

A note's ``created`` and ``modified`` are ISO 8601 strings with a time zone. Synoptic writes
them in UTC with microseconds, in which form they also sort as text; but an imported note keeps
the time its tool wrote, and a file edited by hand (or a version kept from either) may hold
another offset ("13:30+02:00" is earlier than "12:00+00:00") or another precision. So "which
is newer" is always asked of :func:`instant`, never of the strings.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

EARLIEST = datetime.min.replace(tzinfo=UTC)
"""Where a value that is no time sorts: before every real one."""


def now_iso() -> str:
    """The current time as stored: ISO 8601, UTC, microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def instant(value: object) -> datetime:
    """The moment a stored time names, for comparing: a time without a zone is read as UTC
    (as an import reads it), and anything that is no time (a hand-edited kept version) is
    :data:`EARLIEST`."""
    if not isinstance(value, str):
        return EARLIEST
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return EARLIEST
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


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
