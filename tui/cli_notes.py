"""``synoptic note add|edit|rm|reattach|resolve`` and ``synoptic notes``: annotations from scripts.

Every command that writes takes ``--author`` so that scripts and tests can act as several
people; without it the author is resolved as the reader does (config, git, login name).
Passages are named by their text (``--quote``, with ``--occurrence`` when it appears more than
once), never by offsets alone, because a quote is what a person can check. A quote may differ
from the document in spacing and typographic quotes and dashes (:mod:`corpus.quotes`), as one
copied from a wrapped terminal line or typed on a plain keyboard does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from corpus.errors import SynopticError
from corpus.text import inert, json_text
from tui.cli import (
    UNREADABLE,
    WORKSPACE_ARGUMENT,
    cli,
    echo_error,
    open_workspace,
    unreadable_document,
    unreadable_notes,
)
from tui.cli_filters import AUTHOR_FILTER_HELP, TAG_FILTER_HELP, unmatched_filters
from tui.cli_note_access import (
    EMPTY_NOTE,
    _open,
    _open_annotation,
    _saved_changes,
)
from tui.cli_note_show import (
    anchor_word,
    annotation_json,
    cited_texts,
    deleted_notes,
    show,
    show_note,
)
from tui.cli_options import (
    check_author_filter,
    check_author_option,
    check_doc_filter,
    check_links,
    check_quote,
    check_relations,
    check_tag_filter,
    check_tags,
    check_verdict,
    usage_error,
)
from tui.cli_passages import (
    check_relation_count,
    find_one_quote,
    links_from_options,
    no_such_document,
    reply_target,
    text_of,
)

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.model import Annotation
    from corpus.workspace import Workspace


AUTHOR_OPTION = click.option(
    "--author",
    metavar="NAME",
    callback=check_author_option,
    help="Write as NAME (default: config, git user.name, login).",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
SHOWN_UNREADABLE = "its notes are shown as unreadable (their places are not known)"


@cli.group("note")
def note() -> None:
    """Add, edit, delete, restore, re-attach or resolve one annotation."""


@note.command("add")
@WORKSPACE_ARGUMENT
@click.option(
    "--doc", "doc_id", metavar="ID", help="The annotated document (a reply: its parent's)."
)
@click.option(
    "--quote",
    callback=check_quote,
    help="The passage's text (spacing and curly quotes may differ; a reply: its parent's).",
)
@click.option("--occurrence", type=click.IntRange(min=1), help="Which copy of the quote (1..).")
@click.option("--text", "note_text", required=True, help="The note (Markdown).")
@click.option("--tag", "tags", multiple=True, callback=check_tags, help="A tag (repeatable).")
@click.option(
    "--link",
    "links",
    multiple=True,
    callback=check_links,
    help="URL, DOI, PMID or passage:DOC#START-END.",
)
@click.option(
    "--relation",
    "relations",
    multiple=True,
    callback=check_relations,
    help="supports, refutes or context: one for each --link, in the same order.",
)
@click.option(
    "--verdict",
    callback=check_verdict,
    help="supported, unsupported, misleading, false, needs-evidence.",
)
@click.option("--reply-to", metavar="ID", help="The annotation this one answers.")
@click.option("--claim", type=click.Choice(["claim", "not-claim"]), help="Mark the sentence.")
@AUTHOR_OPTION
@JSON_OPTION
def note_add(
    workspace: Path | None,
    doc_id: str | None,
    quote: str | None,
    occurrence: int | None,
    note_text: str,
    tags: tuple[str, ...],
    links: tuple[str, ...],
    relations: tuple[str, ...],
    verdict: str | None,
    reply_to: str | None,
    claim: str | None,
    author: str | None,
    as_json: bool,
) -> None:
    """Annotate the passage --quote of --doc and print the new annotation.

    A reply (--reply-to ID) is on the passage of the note it answers: --doc and --quote may be
    left out, and when given must name that passage.
    """
    from annotations.labels import ClaimMark, parse_verdict
    from annotations.model import Annotation, says_nothing
    from annotations.target import Target

    if reply_to is None and (doc_id is None or quote is None):
        missing = " and ".join(o for o, v in (("--doc", doc_id), ("--quote", quote)) if v is None)
        raise usage_error(f"Give {missing} (only a reply, --reply-to ID, may leave them out).")
    check_relation_count(links, relations)  # before any file is read, as click's checks are
    if says_nothing(note_text, tags, verdict, links, claim):
        raise usage_error(EMPTY_NOTE)
    opened, store = _open(workspace, author)
    if reply_to is not None:
        target = reply_target(opened, store, reply_to, doc_id, quote, occurrence)
    else:
        assert doc_id is not None and quote is not None
        text = text_of(opened, doc_id)
        start, end = find_one_quote(text, quote, occurrence, doc_id)
        target = Target.from_span(doc_id, text, start, end)
    annotation = Annotation.create(
        store.author,
        target,
        note_text,
        tags=tags,
        verdict=parse_verdict(verdict) if verdict else None,
        links=links_from_options(opened, links, relations),
        reply_to=reply_to,
        claim=ClaimMark(claim) if claim else None,
    )
    show_note(opened, store, store.add(annotation), as_json)


@note.command("reattach")
@click.argument("arguments", nargs=-1, required=True, metavar="[WORKSPACE] ID")
@click.option(
    "--quote", required=True, callback=check_quote, help="The text the note belongs to now."
)
@click.option("--occurrence", type=click.IntRange(min=1), help="Which copy of the quote (1..).")
@click.option(
    "--doc",
    "doc_id",
    metavar="ID",
    help="The document the passage is in, when not the note's own (renamed, split, merged).",
)
@AUTHOR_OPTION
@JSON_OPTION
def note_reattach(
    arguments: tuple[str, ...],
    quote: str,
    occurrence: int | None,
    doc_id: str | None,
    author: str | None,
    as_json: bool,
) -> None:
    """Attach one of your notes (typically an orphan) to a passage of its document, or of
    another one with --doc; its id, replies and history go with it."""
    from annotations.target import Target

    opened, store, current = _open_annotation(arguments, author, "re-attach")
    old_doc = current.target.doc
    doc_id = doc_id or old_doc
    if doc_id == old_doc and doc_id not in opened.document_ids:
        raise SynopticError(
            f"The note's document {doc_id!r} is not in {opened.root} (renamed or removed?); "
            "give --doc ID to re-attach it to a passage of another document."
        )
    text = text_of(opened, doc_id)
    start, end = find_one_quote(text, quote, occurrence, doc_id)
    target = Target.from_span(doc_id, text, start, end)
    saved = _saved_changes(store, current, {"target": target}, "is already on that passage")
    if doc_id != old_doc:
        replies = _replies(store.all(), current.id)
        follow = f"; its {replies} repl{'y follows' if replies == 1 else 'ies follow'} it"
        click.echo(
            f"Moved note {current.id} from {inert(old_doc)} to {inert(doc_id)}"
            f"{follow if replies else ''}.",
            err=True,
        )
    show_note(opened, store, saved, as_json)


def _unlisted_folder(opened: Workspace, doc_id: str) -> str | None:
    """The folder that could not be listed and would hold ``doc_id``, if any."""
    return next((f for f, _ in opened.unlisted if doc_id.startswith(f"{f}/")), None)


def _replies(annotations: list[Annotation], parent: str) -> int:
    """How many live notes answer ``parent``, directly or down a thread."""
    children: dict[str, list[str]] = {}
    for annotation in annotations:
        if annotation.reply_to is not None:
            children.setdefault(annotation.reply_to, []).append(annotation.id)
    seen: set[str] = set()
    waiting = [parent]
    while waiting:
        for child in children.get(waiting.pop(), []):
            if child not in seen and child != parent:
                seen.add(child)
                waiting.append(child)
    return len(seen)


def _given(value: str | None) -> tuple[str, ...]:
    """A single filter as the repeatable ones of ``export`` are given."""
    return () if value is None else (value,)


@cli.command("notes")
@WORKSPACE_ARGUMENT
@click.option(
    "--doc", "doc_id", metavar="ID", callback=check_doc_filter, help="Only notes on this document."
)
@click.option(
    "--author",
    "by",
    metavar="NAME",
    callback=check_author_filter,
    help=AUTHOR_FILTER_HELP,
)
@click.option("--tag", callback=check_tag_filter, help=TAG_FILTER_HELP)
@click.option("--verdict", callback=check_verdict, help="Only notes with this verdict.")
@click.option(
    "--anchor",
    "anchor_state",
    type=click.Choice(["anchored", "moved", "fuzzy", "orphaned", UNREADABLE]),
    help="Only notes whose passage was found this way (unreadable: its document was not).",
)
@JSON_OPTION
def notes(
    workspace: Path | None,
    doc_id: str | None,
    by: str | None,
    tag: str | None,
    verdict: str | None,
    anchor_state: str | None,
    as_json: bool,
) -> None:
    """List every annotation of WORKSPACE with where its passage is now.

    Authors and tags match in any case, as in `synoptic export`. A filter that matches no note
    is not an error (exit 0, "No notes." or [] with --json), but stderr names the documents,
    authors or tags that have notes. Notes files that cannot be read are named on stderr and
    left untouched; the notes that can be read are listed, then the exit status is 1. So are
    documents that cannot be read: the notes on them are listed with the anchor "unreadable".
    """
    from annotations.labels import parse_verdict
    from annotations.note_filters import filter_keys, has_tag, is_by
    from annotations.placement import follow_parents, place_all
    from annotations.report_threads import listed_threads
    from annotations.store import AnnotationStore
    from corpus.errors import DocumentError

    opened = open_workspace(workspace)
    loaded = AnnotationStore(opened.root, "reader").load()
    unreadable_notes(loaded.problems, "its notes are not listed")
    # A document renamed or removed keeps its notes, so its old id is still one to filter by;
    # an id that is neither a document nor on a note is a slip "No notes." would hide.
    noted = {a.target.doc for a in loaded.annotations}
    if doc_id is not None and doc_id not in opened.document_ids and doc_id not in noted:
        raise no_such_document(opened, doc_id)
    wanted_verdict = parse_verdict(verdict) if verdict else None
    wanted_authors = filter_keys(() if by is None else (by,))
    wanted_tags = filter_keys(() if tag is None else (tag,))
    # Replies first take their thread's place, so that --doc lists them where they are shown.
    followed = follow_parents(loaded.annotations)
    selected = [
        a
        for a in followed
        if (doc_id is None or a.target.doc == doc_id)
        and (by is None or is_by(a, wanted_authors))
        and (tag is None or has_tag(a.tags, wanted_tags))
        and (wanted_verdict is None or a.verdict is wanted_verdict)
    ]
    # "No notes." alone would hide a misremembered name; what is listed stays as it was.
    for unmatched in unmatched_filters(followed, _given(doc_id), _given(by), _given(tag)):
        echo_error(f"note: {unmatched}")
    texts: dict[str, str] = {}
    for doc in sorted({a.target.doc for a in selected}):
        if doc in opened.document_ids:
            try:
                texts[doc] = opened.read_text(doc).text
            except DocumentError as exc:
                unreadable_document(exc, SHOWN_UNREADABLE)
        elif (folder := _unlisted_folder(opened, doc)) is not None:
            # Not renamed or removed, as an orphan usually is: it may be there, unreadable.
            reason = f"it is in {folder}/, a folder that cannot be read"
            unreadable_document(DocumentError(doc, reason), SHOWN_UNREADABLE)
    placed = [
        p
        for p in place_all(selected, texts)
        if anchor_state is None or anchor_word(p) == anchor_state
    ]
    cited = cited_texts(opened, (p.annotation for p in placed))
    if as_json:
        click.echo(json_text([annotation_json(p, cited) for p in placed]))
        return
    if not placed:
        click.echo("No notes.")
    deleted = deleted_notes(loaded)
    for item, depth in listed_threads(placed):
        show(item, as_json=False, depth=depth, deleted=deleted, texts=cited)


# `note edit` and `note resolve` live in their own modules; importing them registers them.
from tui import cli_note_edit, cli_note_resolve, cli_note_restore  # noqa: E402, F401
