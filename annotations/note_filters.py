"""How the ``--author`` and ``--tag`` filters of ``synoptic notes`` and ``synoptic export``
compare a name typed on the command line with the names on the notes.

Case and Unicode spelling are ignored (NFKC, then ``casefold``, as :mod:`corpus.folding`
matches words), so ``--tag sources`` finds a note tagged ``Sources`` and ``--author ann`` finds
Ann, as the reader's notes list does: a fact-checker cannot be expected to remember how a
colleague capitalised a tag, and an empty result would read as "nothing was noted". Unlike the
reader's author box, which narrows the list as one types and so matches any part of a name, a
filter here matches the whole name: a script exporting Ann's notes must not also get Joanna's.
What is shown (the notes, the report, the names listed when a filter matches nothing) keeps
each name exactly as it was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.folding import fold_for_matching

if TYPE_CHECKING:
    from collections.abc import Iterable

    from annotations.model import Annotation


def filter_key(name: str) -> str:
    """What a tag or author name is compared as: spacing around it, case and spelling aside."""
    return fold_for_matching(name.strip())


def filter_keys(names: Iterable[str]) -> frozenset[str]:
    """The keys of ``names``, to test many notes against."""
    return frozenset(filter_key(name) for name in names)


def distinct_names(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` without those that match as an earlier one does, in the order given: ``--tag
    Mood --tag mood`` is one filter, named once in the report's header."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(filter_key(name), name)
    return tuple(first.values())


def is_by(annotation: Annotation, keys: frozenset[str]) -> bool:
    """Whether ``annotation`` is by one of the authors ``keys`` stand for: its writer or, if
    imported, its importer (as :meth:`Annotation.by`, which compares exact names)."""
    return filter_key(annotation.author) in keys or filter_key(annotation.writer) in keys


def has_tag(tags: Iterable[str], keys: frozenset[str]) -> bool:
    """Whether one of ``tags`` is one of the tags ``keys`` stand for."""
    return any(filter_key(tag) in keys for tag in tags)
