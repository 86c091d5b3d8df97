"""Naming passages from the command line: the one copy of a quote a user means, and the
passage a reply must be on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.errors import SynopticError

if TYPE_CHECKING:
    from annotations.store import AnnotationStore
    from corpus.workspace import Workspace


def find_one_quote(text: str, quote: str, occurrence: int | None, doc_id: str) -> tuple[int, int]:
    """The span of the ``occurrence``-th (1-based) copy of ``quote``; ambiguity is an error."""
    from corpus.quotes import find_quote

    if not quote.strip():
        raise SynopticError("The quote is empty.")
    spans = find_quote(text, quote)
    if not spans:
        raise SynopticError(f"The quote does not occur in {doc_id}.")
    if occurrence is None:
        if len(spans) > 1:
            raise SynopticError(
                f"The quote occurs {len(spans)} times in {doc_id}; "
                "give --occurrence N or a longer quote."
            )
        occurrence = 1
    if not 1 <= occurrence <= len(spans):
        raise SynopticError(
            f"The quote occurs {len(spans)} time(s) in {doc_id}; --occurrence {occurrence} "
            "is not one of them."
        )
    return spans[occurrence - 1]


def check_reply_place(
    opened: Workspace, store: AnnotationStore, reply_to: str, span: tuple[str, int, int]
) -> None:
    """A reply sits on the passage of the note it answers (threads follow that note when it is
    re-attached), so one given another passage would be shown where it was not written."""
    from tui.cli_notes import _place

    parent = store.get(reply_to)
    if parent is None:
        raise SynopticError(f"There is no annotation {reply_to!r} to reply to.")
    if parent.deleted:
        return  # the store refuses a reply to a deleted note, and names it
    placed = _place(opened, store, parent)
    doc = placed.annotation.target.doc
    if placed.start is not None and (doc, placed.start, placed.end) != span:
        raise SynopticError(
            f"A reply sits on the passage of the note it answers ({doc}, characters "
            f"{placed.start}-{placed.end}); quote that passage, or add a note of its own on "
            f"this one with --link passage:{doc}#{placed.start}-{placed.end} to connect them."
        )
