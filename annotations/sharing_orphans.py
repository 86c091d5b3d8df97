"""Notes that lost their passage, as ``synoptic status`` reports them after a pull.

A colleague's commit can reword or delete the sentence a note is on, or rename its document
(``git mv``, a ``.txt`` made ``.md``). The notes are kept, orphaned, and ``synoptic notes`` marks
them; but nobody lists every note after a pull, so without a word in the status an orphan is
found weeks later, if ever. The status therefore says how many notes are orphaned and why, in
the two cases a person handles differently:

* the passage is no longer in its document: find where the text went and re-attach the note;
* the document is no longer in the workspace: if git recorded a rename, the new id is named,
  since every note on it needs ``--doc NEWID`` and would otherwise look lost for good.

Git is asked only for renames it already has (``git log``, the index), never the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationError
from annotations.gitsetup import run_git

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable
    from pathlib import Path

    from annotations.model import Annotation
    from annotations.placement import Placed

NAMED = 5
"""Orphaned notes named in the status; the rest are counted."""


@dataclass(frozen=True)
class Orphans:
    """The live notes that start a thread and whose passage was not found."""

    notes: tuple[Annotation, ...] = ()
    gone: dict[str, str | None] = field(default_factory=dict)
    """Document ids of orphans that are no longer in the workspace -> the id git says the file
    was renamed to (None when git knows no rename that still leads to a document)."""

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(n.id for n in self.notes)

    def lines(self, *, in_reader: bool = False) -> list[str]:
        """What to tell a person: one line for lost passages, one per document gone. Only a
        note's author can re-attach it, hence "its author" in what to do. ``in_reader``: the
        way forward in the reader's keys, with the notes listed under the lines (so unnamed
        here), rather than in commands."""
        lines: list[str] = []
        in_place = [n for n in self.notes if n.target.doc not in self.gone]
        if in_place:
            if in_reader:
                named, how = (
                    "",
                    "its author selects where it belongs, opens the notes list (l), highlights "
                    "it and presses R",
                )
            else:
                named, how = (
                    f" ({_named(in_place)})",
                    "`synoptic notes --anchor orphaned` shows what each quoted, and its author "
                    "attaches it again with `synoptic note reattach ID --quote TEXT`",
                )
            lines.append(
                f"Orphaned: {_count(in_place)} no longer found where the text was changed or "
                f"deleted{named}; kept: {how}."
            )
        for doc, new in sorted(self.gone.items()):
            notes = [n for n in self.notes if n.target.doc == doc]
            if new is not None:
                where = f"which git says was renamed to {new}"
                how = (
                    f"opens {new}, selects where it belongs and presses R on it in the notes "
                    "list (l)"
                    if in_reader
                    else f"moves each to its passage with `synoptic note reattach ID --doc {new} "
                    "--quote TEXT`"
                )
            else:
                where = "which is no longer in the workspace"
                how = (
                    "selects where it belongs, in whichever document has that text now, and "
                    "presses R on it in the notes list (l)"
                    if in_reader
                    else "moves each to its passage with `synoptic note reattach ID --doc NEWID "
                    "--quote TEXT`"
                )
            named = "" if in_reader else f" ({_named(notes)})"
            lines.append(
                f"Orphaned: {_count(notes)} on {doc}, {where}{named}; kept: its author {how}."
            )
        return lines

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {
                "id": n.id,
                "author": n.author,
                "doc": n.target.doc,
                "quote": n.target.quote,
                "document_gone": n.target.doc in self.gone,
                "renamed_to": self.gone.get(n.target.doc),
            }
            for n in self.notes
        ]


def _count(notes: list[Annotation]) -> str:
    return "1 note" if len(notes) == 1 else f"{len(notes)} notes"


def _named(notes: list[Annotation]) -> str:
    named = ", ".join(f"{n.id} on {n.target.doc}" for n in notes[:NAMED])
    return named + (f" and {len(notes) - NAMED} more" if len(notes) > NAMED else "")


def find_orphans(placed: Iterable[Placed], workspace: Path, documents: Collection[str]) -> Orphans:
    """The orphans among ``placed`` and, for those whose document is not in ``documents``, the
    renames git knows. A reply goes wherever the note it answers goes, so it is counted only
    when that note is not live (then it is where its thread starts)."""
    placed = list(placed)
    live = {p.annotation.id for p in placed}
    orphans = tuple(
        p.annotation
        for p in placed
        if p.orphaned and (p.annotation.reply_to is None or p.annotation.reply_to not in live)
    )
    missing = sorted({n.target.doc for n in orphans if n.target.doc not in documents})
    if not missing:
        return Orphans(orphans)
    renames = git_renames(workspace)
    gone: dict[str, str | None] = {}
    for doc in missing:
        new = _follow(doc, renames)
        gone[doc] = new if new in documents else None
    return Orphans(orphans, gone)


def _follow(doc: str, renames: dict[str, str]) -> str | None:
    """Where a chain of renames from ``doc`` ends (a -> b, later b -> c: c)."""
    seen = {doc}
    new = renames.get(doc)
    while new is not None and new in renames and renames[new] not in seen:
        seen.add(new)
        new = renames[new]
    return new


def git_renames(workspace: Path) -> dict[str, str]:
    """Old path -> new path, relative to ``workspace``, for every rename git detects in the
    history of HEAD and in the index (a ``git mv`` not committed yet); the newest rename of a
    path wins. Empty when git cannot tell (not a repository, no commits, no git)."""
    renames: dict[str, str] = {}
    queries = (
        ("diff", "--cached", "-M", "--name-status", "-z", "--relative", "--diff-filter=R", "HEAD"),
        ("log", "-M", "--name-status", "-z", "--format=", "--relative", "--diff-filter=R", "HEAD"),
    )
    for query in queries:  # newest first: the index, then the commits from HEAD back
        try:
            result = run_git(workspace, *query)
        except (FileNotFoundError, AnnotationError):
            return renames
        if result.returncode != 0:
            continue
        fields = [f.strip("\n") for f in result.stdout.split("\0")]
        i = 0
        while i + 2 < len(fields):
            status, old, new = fields[i : i + 3]
            if status.startswith("R"):
                renames.setdefault(old, new)
                i += 3
            else:  # not a rename record (an empty field between commits): resynchronise
                i += 1
    return renames
