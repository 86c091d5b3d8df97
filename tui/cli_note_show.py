"""How the notes commands print a note: its ``--json`` form and the lines a person reads.

Shared by ``note add``, ``note edit``, ``note reattach`` and ``notes``, so a note looks the same
whichever command printed it; the text says everything the JSON does that a person needs to
check the note, including versions kept from a conflict (:mod:`annotations.conflicts`).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import click

from corpus.errors import DocumentError
from corpus.text import inert, inert_line, json_text, one_line, text_lines

# tui.cli is imported in the functions that need it: it imports the command modules that
# import this one, so at the top it would make importing this module first circular.

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from annotations.links import EvidenceLink
    from annotations.model import Annotation
    from annotations.placement import Placed
    from annotations.store import AnnotationStore
    from annotations.store_versions import LoadResult
    from corpus.workspace import Workspace

QUOTE_CHARS = 160


def annotation_json(placed: Placed, texts: Mapping[str, str]) -> dict[str, Any]:
    """The ``--json`` form of a note: what a script needs, with where the passage is now, and
    where each passage its links cite is now in ``texts`` (document id to current text, as
    :func:`cited_texts` gives them), as the text output says it."""
    from annotations.conflicts import kept_versions, resolved_versions

    annotation = placed.annotation
    return {
        "id": annotation.id,
        "author": annotation.author,
        "imported_creator": annotation.original_author,
        "doc": annotation.target.doc,
        "quote": annotation.target.quote,
        "text": annotation.note,
        "tags": list(annotation.tags),
        "links": [_link_json(link, texts) for link in annotation.links],
        "verdict": annotation.verdict.value if annotation.verdict else None,
        "claim": annotation.claim.value if annotation.claim else None,
        "reply_to": annotation.reply_to,
        "anchor": anchor_word(placed),
        "start": placed.start,
        "end": placed.end,
        "created": annotation.created,
        "modified": annotation.modified,
        "kept_versions": [version.to_json() for version in kept_versions(annotation)],
        "resolved_versions": [version.to_json() for version in resolved_versions(annotation)],
    }


def anchor_word(placed: Placed) -> str:
    """How the note's passage was found (``anchored`` ... ``orphaned``), or ``unreadable`` when
    its document could not be read by this command: the passage may well be there still, and
    "orphaned" would have its author re-attach or delete a note that has lost nothing."""
    from tui.cli import UNREADABLE, documents_not_read

    if placed.orphaned and placed.annotation.target.doc in documents_not_read():
        return UNREADABLE
    return placed.anchor.state.value


def _link_json(link: EvidenceLink, texts: Mapping[str, str]) -> dict[str, Any]:
    """A link as ``--json`` gives it; a cited passage also as stored and as found now
    (:func:`annotations.linked_passages.passage_json`)."""
    from annotations.linked_passages import passage_json

    shown: dict[str, Any] = {
        "kind": link.kind.value,
        "href": link.href,
        "relation": link.relation.value,
    }
    if link.title:
        shown["title"] = link.title
    if link.target is not None:
        shown |= passage_json(link.target, texts)
    return shown


def place(opened: Workspace, store: AnnotationStore, annotation: Annotation) -> Placed:
    """Where ``annotation`` is now; a reply is where its thread is (hence the ``store``)."""
    from annotations.placement import Placed, follow_parents, place_all
    from tui.cli import unreadable_document

    if annotation.deleted:  # a tombstone whose kept versions `note resolve` prints
        live = dataclasses.replace(annotation, deleted=False)
        return Placed(annotation, place(opened, store, live).anchor)
    # Only a reply takes its place from other notes; reading every author's notes for a note
    # of its own took a second on a desk's 10,000 notes, for `note add` as for `note edit`.
    others = store.all() if annotation.reply_to is not None else ()
    followed = follow_parents([annotation], others)[0]
    doc = followed.target.doc
    texts = {}
    if doc in opened.document_ids:
        try:
            texts[doc] = opened.read_text(doc).text
        except DocumentError as exc:
            # As `notes` says it. This used to end the command, after the change was saved,
            # with nothing printed; its place is unknown, not lost, and the status says so.
            unreadable_document(exc, "the note is shown as unreadable (its place is not known)")
    return place_all([followed], texts)[0]


def cited_texts(opened: Workspace, annotations: Iterable[Annotation]) -> dict[str, str]:
    """The current text of each document that the evidence links of ``annotations`` cite, to
    say where a cited passage is now; one that cannot be read is left out, described so in
    the output and named on stderr (:func:`tui.cli.unreadable_document`)."""
    from tui.cli import unreadable_document

    texts = {}
    cited = {link.target.doc for a in annotations for link in a.links if link.target is not None}
    for doc_id in sorted(cited):
        if doc_id not in opened.document_ids:
            continue
        try:
            texts[doc_id] = opened.read_text(doc_id).text
        except DocumentError as exc:
            unreadable_document(exc, "the passages in it that notes cite are not placed")
    return texts


def link_line(link: EvidenceLink, texts: Mapping[str, str]) -> str:
    """``supports: ...``: a web source as its address, a cited passage where it is now in
    ``texts`` (see :mod:`annotations.linked_passages`) rather than at its stored offsets."""
    from annotations.linked_passages import describe

    if link.target is None:
        return f"{link.relation.value}: {inert(link.shown_address)}"
    where = describe(link.target, texts, name=inert, quote=_quoted, dash="-")
    return f"{link.relation.value}: {where}"


def _quoted(text: str) -> str:
    return inert_line(text, QUOTE_CHARS)


def deleted_notes(loaded: LoadResult) -> dict[str, Annotation]:
    """The deleted notes by id, less those whose id a live note still has (a note moved to
    another document leaves a tombstone behind): what a reply to a deleted note answered."""
    live = {a.id for a in loaded.annotations}
    return {a.id: a for a in loaded.tombstones if a.id not in live}


def show_note(
    opened: Workspace, store: AnnotationStore, annotation: Annotation, as_json: bool
) -> None:
    """One note, just saved or resolved, as ``notes`` lists it: a reply to a deleted note
    describes that note as ``notes`` does, not by an id that no list shows any more."""
    # The deleted notes are for a reply to one of them to describe it (see `show`).
    deleted = deleted_notes(store.load()) if annotation.reply_to is not None else {}
    placed = place(opened, store, annotation)  # first: its own document is named for the note
    show(placed, as_json, deleted=deleted, texts=cited_texts(opened, [annotation]))


def show(
    placed: Placed,
    as_json: bool,
    depth: int = 0,
    deleted: Mapping[str, Annotation] | None = None,
    texts: Mapping[str, str] | None = None,
) -> None:
    """A note as the commands that make, change or list notes print it.

    A reply says which note it answers. Printed ``depth`` levels under that note (``notes``
    lists a thread together), it is indented and leaves out the passage, which is its
    parent's; printed on its own, it keeps the passage, as another note on it would. The
    indent stops at :data:`~annotations.model.MAX_REPLY_DEPTH`: deeper, the reply's "reply to
    ID" is what says which note it answers; a note that was deleted (one of ``deleted``, by
    id) is described instead, as no list shows its id any more. ``texts`` (document id to
    current text) are where the passages its evidence links cite are looked for.
    """
    from annotations.conflicts import kept_summary
    from annotations.model import MAX_REPLY_DEPTH
    from annotations.times import local_time

    if as_json:
        click.echo(json_text(annotation_json(placed, texts or {})))
        return
    annotation = placed.annotation
    pad = "    " * min(depth, MAX_REPLY_DEPTH)
    when = inert(local_time(annotation.modified))  # as the reader shows it; --json as stored
    header = f"{annotation.id}  {inert(annotation.credit)}  {when}"
    if not depth:
        where = f"{placed.start}-{placed.end}" if placed.start is not None else "?"
        header += f"  {inert(annotation.target.doc)}:{where}  [{anchor_word(placed)}]"
    if annotation.reply_to is not None:
        parent = (deleted or {}).get(annotation.reply_to)
        answered = annotation.reply_to if parent is None else parent.as_deleted_parent()
        header += f"  \N{DOWNWARDS ARROW WITH TIP RIGHTWARDS} reply to {inert(answered)}"
    click.echo(pad + header)
    if not depth:
        click.echo(f"    > {inert(one_line(annotation.target.quote, QUOTE_CHARS))}")
    # In words, as the report and the reader say them; --json keeps the stored values.
    details = [f"#{inert(tag)}" for tag in annotation.tags]
    if annotation.verdict:
        details.insert(0, f"verdict: {annotation.verdict.label}")
    if annotation.claim:
        details.append(annotation.claim.label)
    if details:
        click.echo(f"{pad}    {' '.join(details)}")
    for line in text_lines(annotation.note) if annotation.note else ():
        click.echo(f"{pad}    {inert(line)}")  # NEL and U+2028 shown, as in the report
    for link in annotation.links:
        click.echo(f"{pad}    {link_line(link, texts or {})}")
    kept = kept_summary(annotation, 160)
    if kept:
        click.echo(f"{pad}    ! {inert(kept)}")
