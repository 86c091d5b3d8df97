"""Naming passages from the command line: the one copy of a quote a user means, the passage a
reply must be on, and the passages evidence links point to."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, NoReturn

from corpus.errors import SynopticError
from corpus.text import counted
from tui.cli_options import PASSAGE_REF, shown, usage_error

if TYPE_CHECKING:
    from annotations.links import EvidenceLink
    from annotations.model import Annotation
    from annotations.placement import Placed
    from annotations.store import AnnotationStore
    from annotations.target import Target
    from corpus.workspace import Workspace


UNREADABLE_NAMED = 3
"""Unreadable notes files named when an id is not found; the rest are counted."""


def no_such_annotation(annotation_id: str, store: AnnotationStore | None = None) -> SynopticError:
    """The one message for an id that names no live note, whichever command was given it.

    The id is quoted with its escapes spelt out: it is typed, or pasted, and may carry an
    escape sequence that must not reach the terminal as one. When some of the ``store``'s
    files cannot be read (conflict markers after a merge, typically), the note may well be in
    one: saying only "there is none" would send the user hunting for a typo.
    """
    missing = f"There is no annotation {shown(annotation_id)}"
    if _is_folder(annotation_id):
        # `note edit WS` or `note resolve WS`: one argument is the ID, so the ID was left out
        return SynopticError(
            f"{missing}: that is a folder. Give the WORKSPACE, then the note's ID "
            "(`synoptic notes WORKSPACE` lists them)."
        )
    problems = [] if store is None else [str(p) for p in store.load().problems]
    if not problems:
        return SynopticError(f"{missing}.")
    named = "; ".join(problems[:UNREADABLE_NAMED])
    if len(problems) > UNREADABLE_NAMED:
        named += f"; and {len(problems) - UNREADABLE_NAMED} more"
    where, fixed = (
        ("a notes file that cannot be read", "it is")
        if len(problems) == 1
        else (f"one of {len(problems)} notes files that cannot be read", "they are")
    )
    return SynopticError(
        f"{missing} among the notes that can be read; it may be in {where} ({named}). "
        f"Try again once {fixed} fixed."
    )


def _is_folder(text: str) -> bool:
    from pathlib import Path

    try:
        return Path(text).expanduser().is_dir()
    except (OSError, RuntimeError, ValueError):  # a name too long, "~nobody", a NUL
        return False


def no_such_document(opened: Workspace, doc_id: str) -> SynopticError:
    """The one message for a document id that names no document, whichever option was given it.

    Whether an id names a document is only known once the workspace's folder has been read, so
    it is a problem in the data (exit 1) for every option that takes one (``--doc``,
    ``--order``, a ``passage:`` link), never a typing mistake (exit 2): a script told "2" would
    look for a misspelt option that is not there.
    """
    meant = _meant(doc_id, opened.document_ids)
    hint = f"did you mean {shown(meant)}? " if meant else ""
    return SynopticError(
        f"There is no document {shown(doc_id)} in {opened.root} ({hint}`synoptic docs` lists them)."
    )


def _meant(doc_id: str, ids: list[str]) -> str | None:
    """The one document ``doc_id`` was probably meant for, if there is one.

    Ids are file paths, often long ones (the sample's are ``001_55d807d69666449d.txt``): a
    newcomer types ``001.txt``, the start of the name, or makes a typo. Only one candidate is
    named, so a hint never has to be chosen among.
    """
    stem = doc_id.rsplit(".", 1)[0]
    starting = [i for i in ids if stem and i.startswith(stem)]
    if len(starting) == 1:
        return starting[0]
    close = difflib.get_close_matches(doc_id, ids, n=2, cutoff=0.8)
    return close[0] if len(close) == 1 else None


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
            f"The quote occurs {counted(len(spans), 'time')} in {doc_id}; "
            f"--occurrence {occurrence} "
            "is not one of them."
        )
    return spans[occurrence - 1]


def reply_target(
    opened: Workspace,
    store: AnnotationStore,
    reply_to: str,
    doc_id: str | None,
    quote: str | None,
    occurrence: int | None,
) -> Target:
    """The passage of a reply: its parent's, unless --doc/--quote name it, when they must name
    that same passage.

    A reply sits on the passage of the note it answers (threads follow that note when it is
    re-attached), so one given another passage would be shown where it was not written; and
    asking for a passage the command can find itself only makes a script repeat it.
    """
    from annotations.target import Target
    from tui.cli_note_show import place

    parent = store.get(reply_to)
    if parent is None:
        raise no_such_annotation(reply_to, store)
    placed = None if parent.deleted else place(opened, store, parent)
    # A deleted parent is refused by the store, which names it; its own target is where it was.
    thread = placed.annotation.target if placed is not None else parent.target
    found = None
    if placed is not None and placed.start is not None and placed.end is not None:
        found = (thread.doc, placed.start, placed.end)
    if quote is None:
        if occurrence is not None:
            raise usage_error("--occurrence picks a copy of --quote; give --quote too.")
        if doc_id is not None and doc_id != thread.doc:
            _refuse_other_passage(placed, doc_id)
        if found is None:
            return thread  # an orphaned thread: the reply goes with it wherever it is re-attached
        return Target.from_span(thread.doc, text_of(opened, thread.doc), *found[1:])
    doc_id = doc_id or thread.doc
    text = text_of(opened, doc_id)
    start, end = find_one_quote(text, quote, occurrence, doc_id)
    if found is not None and found != (doc_id, start, end):
        _refuse_other_passage(placed, doc_id)
    return Target.from_span(doc_id, text, start, end)


def _refuse_other_passage(placed: Placed | None, doc_id: str) -> NoReturn:
    if placed is None or placed.start is None:
        where = f"a passage of {placed.annotation.target.doc}" if placed else "another passage"
        raise SynopticError(
            f"A reply sits on the passage of the note it answers ({where}), not on {doc_id}; "
            "leave out --doc and --quote to reply there."
        )
    doc = placed.annotation.target.doc
    raise SynopticError(
        f"A reply sits on the passage of the note it answers ({doc}, characters "
        f"{placed.start}-{placed.end}); quote that passage (or leave out --doc and --quote), or "
        f"add a note of its own on this one with --link passage:{doc}#{placed.start}-"
        f"{placed.end} to connect them."
    )


def text_of(opened: Workspace, doc_id: str) -> str:
    if doc_id not in opened.document_ids:
        raise no_such_document(opened, doc_id)
    return opened.read_text(doc_id).text


def check_relation_count(refs: tuple[str, ...], relations: tuple[str, ...]) -> None:
    """Refuse a ``--link`` without its ``--relation``, or a ``--relation`` without its link: a
    typing mistake (exit 2), which the notes commands check before reading any file, as click
    checks the rest of what was typed.

    A link's relation is the claim the user makes about the source, so it is never guessed: a
    script that forgot ``--relation`` would otherwise record "context" where the user meant
    "refutes", as the reader's editor, which asks for a relation, never does.
    """
    if len(relations) > len(refs):
        raise usage_error(
            f"There are more --relation options ({len(relations)}) than --link options "
            f"({len(refs)}); each --relation goes with the --link of the same rank."
        )
    if len(relations) < len(refs):
        raise usage_error(
            f"--link {shown(refs[len(relations)])} has no --relation: give one after each "
            "--link, saying whether the source supports the claim, refutes it or is context "
            "(--relation supports, refutes or context)."
        )


def not_yours(annotation: Annotation, author: str, verb: str, instead: str) -> SynopticError:
    """The one message for a change to someone else's note, whichever command was asked.

    Said before anything else is checked, so that ``note resolve`` on a colleague's note
    without kept versions does not answer "nothing to do" as if it could have done something;
    ``instead`` is what the user can do (exit 1: who wrote a note is known only once read).
    """
    return SynopticError(
        f"Note {annotation.id} is {annotation.author}'s; you are writing as {author}, so you "
        f"cannot {verb} it. {instead}"
    )


REPLY_INSTEAD = (
    "Reply to it instead (`synoptic note add WORKSPACE --reply-to {id} --text TEXT`), or ask "
    "{author} to {verb} it."
)
"""What to do about a colleague's note rather than change it (``str.format`` fields)."""


def links_from_options(
    opened: Workspace, refs: tuple[str, ...], relations: tuple[str, ...]
) -> list[EvidenceLink]:
    """Evidence links from ``--link`` / ``--relation`` pairs (the n-th relation, n-th link);
    a passage link is checked against its document's text."""
    from annotations.links import parse_link, parse_relation, passage_link
    from annotations.target import Target

    check_relation_count(refs, relations)
    links: list[EvidenceLink] = []
    for number, ref in enumerate(refs):
        relation = parse_relation(relations[number])
        passage = PASSAGE_REF.fullmatch(ref)
        if passage is None:
            links.append(parse_link(ref, relation))
            continue
        doc_id = passage["doc"]
        text = text_of(opened, doc_id)
        start, end = int(passage["start"]), int(passage["end"])
        if not 0 <= start < end <= len(text):
            raise SynopticError(f"{ref}: {doc_id} has no characters {start}-{end}.")
        links.append(passage_link(Target.from_span(doc_id, text, start, end), relation))
    return links
