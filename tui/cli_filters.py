"""The ``--doc``, ``--author`` and ``--tag`` filters as ``synoptic notes`` and ``synoptic
export`` both describe them: one help text, and one answer when a value matches no note.

A filter that chooses nothing is most often a typo or a name remembered wrongly, and "No
notes." (or an empty report) would read as "nobody noted anything"; so both commands name the
documents, authors or tags that do have notes. How names match is
:mod:`annotations.note_filters`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotations.model import Annotation

AUTHOR_FILTER_HELP = (
    "Only notes by NAME, in any case (a whole name: scripts want Ann's notes, not Joanna's)."
)
TAG_FILTER_HELP = "Only notes with this tag, in any case."
SHOWN_CHOICES = 20
"""How many existing authors, tags or documents a "matches no notes" message lists."""


def filters_given(doc_ids: tuple[str, ...], authors: tuple[str, ...], tags: tuple[str, ...]) -> str:
    """The filters as they were typed, for a message."""
    return " ".join(
        f"{option} {value!r}"
        for option, values in (("--doc", doc_ids), ("--author", authors), ("--tag", tags))
        for value in values
    )


def _choices(heading: str, names: frozenset[str]) -> str:
    """``heading: a, b, c.``, shortened; quoted, since a name may hold a comma or a space."""
    ordered = sorted(names, key=lambda name: (name.casefold(), name))
    shown = ", ".join(repr(name) for name in ordered[:SHOWN_CHOICES])
    more = len(ordered) - SHOWN_CHOICES
    return f"{heading}: {shown}" + (f" and {more} more." if more > 0 else ".")


def unmatched_filters(
    annotations: list[Annotation],
    doc_ids: tuple[str, ...],
    authors: tuple[str, ...],
    tags: tuple[str, ...],
) -> list[str]:
    """Each filter value that matches no live note at all, with the values that would (as
    written on the notes)."""
    from annotations.export_selection import filter_choices
    from annotations.note_filters import filter_key, filter_keys

    if all(a.deleted for a in annotations):
        return ["the workspace has no notes yet."] if doc_ids or authors or tags else []
    there = filter_choices(annotations)
    problems = []
    for option, given, known, keys, heading in (
        ("--doc", doc_ids, there.docs, there.docs, "Documents with notes"),
        ("--author", authors, there.authors, filter_keys(there.authors), "Authors"),
        ("--tag", tags, there.tags, filter_keys(there.tags), "Tags in use"),
    ):
        # A document id is a file's path, compared exactly; a name matches in any case.
        missing = [
            f"{option} {value!r}"
            for value in given
            if (value if option == "--doc" else filter_key(value)) not in keys
        ]
        if not missing:
            continue
        verb = "matches" if len(missing) == 1 else "match"
        choices = _choices(heading, known) if known else "No note has a tag."
        problems.append(f"{', '.join(missing)} {verb} no note. {choices}")
    return problems
