"""``synoptic note edit`` and ``note rm``: change or delete one of your own annotations from a
script.

Every option of ``note add`` that describes the note (not its passage, which ``note reattach``
moves) can be changed here, and every option given is applied: one that is silently ignored
leaves a script believing a note says what it does not.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import click

from annotations.errors import NotYourAnnotation, UnknownAnnotation
from corpus.errors import DocumentError, SynopticError
from corpus.text import json_text
from tui.cli import echo_error
from tui.cli_note_access import (
    _open,
    _open_annotation,
    _saved_changes,
    _split_workspace,
    refuse_others,
)
from tui.cli_note_show import show_note
from tui.cli_notes import AUTHOR_OPTION, JSON_OPTION, note
from tui.cli_options import (
    check_links,
    check_relations,
    check_tags,
    check_verdict_or_none,
    usage_error,
)
from tui.cli_passages import check_relation_count, links_from_options, no_such_annotation

if TYPE_CHECKING:
    from annotations.links import EvidenceLink
    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from annotations.target import Target
    from corpus.workspace import Workspace


def _relinked(
    links: tuple[EvidenceLink, ...], relations: tuple[str, ...]
) -> tuple[EvidenceLink, ...]:
    """The note's own links with the n-th ``--relation`` given to the n-th link, as ``note add``
    pairs them; the links after the last relation keep theirs."""
    from annotations.links import parse_relation

    if len(relations) > len(links):  # known once the note is read, as a quote's absence is
        raise SynopticError(
            f"There are more --relation options ({len(relations)}) than links on the note "
            f"({len(links)}); give --link with them to replace the links."
        )
    relinked = list(links)
    for number, word in enumerate(relations):
        relinked[number] = dataclasses.replace(links[number], relation=parse_relation(word))
    return tuple(relinked)


@note.command("edit")
@click.argument("arguments", nargs=-1, required=True, metavar="[WORKSPACE] ID")
@click.option("--text", "note_text", help="The new note (Markdown).")
@click.option(
    "--tag", "tags", multiple=True, callback=check_tags, help="Replace the tags (repeatable)."
)
@click.option("--no-tags", is_flag=True, help="Remove every tag (with --tag: keep only those).")
@click.option(
    "--link", "links", multiple=True, callback=check_links, help="Replace the links (repeatable)."
)
@click.option("--no-links", is_flag=True, help="Remove every link (with --link: keep only those).")
@click.option(
    "--relation",
    "relations",
    multiple=True,
    callback=check_relations,
    help="supports, refutes or context: of the n-th --link, or without --link of the n-th link.",
)
@click.option(
    "--verdict", callback=check_verdict_or_none, help="A verdict, or 'none' to remove it."
)
@click.option(
    "--claim",
    type=click.Choice(["claim", "not-claim", "none"]),
    help="Mark the sentence, or 'none' to remove the mark.",
)
@AUTHOR_OPTION
@JSON_OPTION
def note_edit(
    arguments: tuple[str, ...],
    note_text: str | None,
    tags: tuple[str, ...],
    no_tags: bool,
    links: tuple[str, ...],
    no_links: bool,
    relations: tuple[str, ...],
    verdict: str | None,
    claim: str | None,
    author: str | None,
    as_json: bool,
) -> None:
    """Change one of your own annotations; options not given stay as they are."""
    from annotations.labels import ClaimMark, parse_verdict
    from annotations.model import says_nothing

    # What was typed is checked before any file is read (exit 2), as click checks the rest.
    described = (note_text, verdict, claim)
    if all(v is None for v in described) and not (
        tags or no_tags or links or no_links or relations
    ):
        raise usage_error(
            "Nothing to change: give --text, --tag, --no-tags, --link, --no-links, --relation, "
            "--verdict or --claim."
        )
    if links or no_links:
        check_relation_count(links, relations)
    opened, store, current = _open_annotation(arguments, author, "change")
    changes: dict[str, Any] = {}
    if note_text is not None:
        changes["note"] = note_text
    if tags or no_tags:  # --tag replaces the tags anyway; --no-tags alone empties them
        changes["tags"] = tags
    if links or no_links:
        changes["links"] = tuple(links_from_options(opened, links, relations))
    elif relations:
        changes["links"] = _relinked(current.links, relations)
    if verdict is not None:
        changes["verdict"] = None if verdict.strip().lower() == "none" else parse_verdict(verdict)
    if claim is not None:
        changes["claim"] = None if claim == "none" else ClaimMark(claim)
    after = dataclasses.replace(current, **changes)
    if says_nothing(after.note, after.tags, after.verdict, after.links, after.claim):
        raise usage_error(
            f"That would leave note {current.id} empty, and an empty note says nothing: keep "
            f"some words, a tag, a verdict, a link or a claim mark, or delete it with "
            f"`synoptic note rm {current.id}`."
        )
    respelt = _respelt(opened, store, current)
    if respelt != current.target:
        changes["target"] = respelt
    saved = _saved_changes(store, current, changes)
    show_note(opened, store, saved, as_json)


def _respelt(opened: Workspace, store: AnnotationStore, current: Annotation) -> Target:
    """The note's target in its document's current Unicode spelling, saved with the edit
    (see :func:`annotations.placement.respelt`); a reply placed with its thread keeps its own."""
    from annotations.placement import follow_parents, place_all, respelt

    target = current.target
    if target.doc not in opened.document_ids:
        return target
    try:
        text = opened.read_text(target.doc).text
    except DocumentError:  # said when the note is shown; the edit is saved all the same
        return target
    # Only a reply takes its place from other notes (as in `place`): reading every author's
    # notes again for a note of one's own was a second read of the store for nothing.
    others = store.all() if current.reply_to is not None else ()
    placed = place_all(follow_parents([current], others), {target.doc: text})[0]
    if placed.annotation.target != target:
        return target
    return respelt(target, placed.anchor, text)


@note.command("rm")
@click.argument("arguments", nargs=-1, required=True, metavar="[WORKSPACE] ID")
@AUTHOR_OPTION
@JSON_OPTION
def note_rm(arguments: tuple[str, ...], author: str | None, as_json: bool) -> None:
    """Delete one of your own annotations (a tombstone stays, so merges cannot revive it).
    Versions it keeps from conflicting changes that you have not resolved stay with it, still
    reported, until `synoptic note resolve ID`. `synoptic note restore ID` brings it back."""
    from annotations.conflicts import kept_summary
    from annotations.deleted_notes import delete_keeping

    workspace, annotation_id = _split_workspace(arguments, "ID")
    _, store = _open(workspace, author)
    try:
        gone = delete_keeping(store, annotation_id)
    except UnknownAnnotation:  # worded as edit and reattach word it
        raise no_such_annotation(annotation_id, store) from None
    except NotYourAnnotation:  # likewise: whose it is, and what to do instead
        theirs = store.get(annotation_id)
        if theirs is None:
            raise
        refuse_others(theirs, store, "delete")
        raise
    if as_json:
        click.echo(json_text({"id": gone.id, "deleted": True}))
    else:
        click.echo(f"deleted {gone.id} (`synoptic note restore {gone.id}` brings it back)")
    kept = kept_summary(gone)
    if kept:  # text from another clone its author has not seen: it must hear where it went
        echo_error(
            f"note {gone.id} had {kept}. They stay with the deleted note, reported by "
            f"`synoptic status`, until `synoptic note resolve {gone.id}`."
        )
