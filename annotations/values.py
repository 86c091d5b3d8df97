"""What any value a note stores may hold, wherever in the note it is.

A note's file is JSON, which Python reads more leniently than it can write back or than other
tools can read: ``NaN`` and ``1e999`` become numbers JSON has not, and a ``\\udc80`` escape
becomes a lone surrogate, which no UTF-8 file, terminal or report can hold. Both can come from
a hand-edited notes file or an imported one, in any field, and would break only later, when
the note is shown, exported or merged; so :class:`annotations.model.Annotation` refuses them
up front, naming the field (see :func:`non_finite_number` and :func:`lone_surrogate`). Lists
and objects nested hundreds deep, which JSON's parser still reads, are refused before anything
copies or walks them (see :func:`nests_too_deep`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

_CONTAINERS = (dict, MappingProxyType, list, tuple)
"""The containers a note's values are made of: JSON's, and their read-only forms."""

MAX_NESTING = 100
"""How deep lists and objects may nest in a value a note keeps. Ours nest a few levels;
copying, checking and writing a value recurse once or twice a level, so one nested near
Python's recursion limit (which JSON's parser still reads) would crash whatever touched it."""


def not_text(char: str) -> str:
    """Why a lone surrogate is refused, for an error naming its field."""
    return (
        f"contains U+{ord(char):04X}, which is not text: bytes in another encoding than UTF-8 "
        "(check the terminal's or the file's encoding)"
    )


def _parts(value: object) -> Iterable[tuple[str, object]]:
    """The items of a JSON container, each with the step that names it after its parent's."""
    if isinstance(value, Mapping):
        return ((f".{key}", item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ((f"[{index}]", item) for index, item in enumerate(value))
    return ()


def nests_too_deep(value: object, limit: int = MAX_NESTING) -> bool:
    """Whether lists or objects nest in ``value`` deeper than ``limit``: looked at without
    recursing, since recursing is what such a value breaks. Cheap for the empty or flat
    values nearly every note has, since it runs for every note read."""
    level: list[object] = [value]
    for _ in range(limit):
        inner: list[object] = []
        for item in level:
            if isinstance(item, dict | MappingProxyType):
                inner.extend(v for v in item.values() if isinstance(v, _CONTAINERS))
            elif isinstance(item, list | tuple):
                inner.extend(v for v in item if isinstance(v, _CONTAINERS))
        if not inner:
            return False
        level = inner
    return True


def non_finite_number(value: object, where: str) -> str | None:
    """Where in ``value`` (``where`` naming it) a number is NaN or infinite, or None.

    JSON has no such numbers, but Python's parser reads ``NaN``, ``Infinity`` and an
    overflowing ``1e999`` as them and its writer writes them back as ``NaN`` and
    ``Infinity``: a file other tools (and git's JSON-aware diffs) cannot read.
    """
    if isinstance(value, float):
        return None if math.isfinite(value) else where
    for step, item in _parts(value):
        found = non_finite_number(item, f"{where}{step}")
        if found is not None:
            return found
    return None


def holds_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (see :func:`lone_surrogate`)."""
    return not text.isascii() and _LONE_SURROGATE.search(text) is not None


def lone_surrogate(value: object, where: str) -> tuple[str, str] | None:
    """Where in ``value`` (``where`` naming it) a string, or a key, holds a lone surrogate,
    and the first such character; None when there is none.

    Python reads the JSON escape ``"\\udc80"`` as one, and makes one of each byte that is not
    UTF-8 in a command-line argument. A UTF-8 file, a terminal and a report cannot hold it:
    writing it fails, or replaces it with something the note never said.
    """
    if isinstance(value, str):
        if not holds_lone_surrogate(value):
            return None
        return (where, next(c for c in value if "\ud800" <= c <= "\udfff"))
    if isinstance(value, Mapping):
        for key in value:
            if isinstance(key, str) and (char := lone_surrogate(key, where)) is not None:
                return (f"{where} (a field's name)", char[1])
    for step, item in _parts(value):
        found_in = lone_surrogate(item, f"{where}{step}")
        if found_in is not None:
            return found_in
    return None
