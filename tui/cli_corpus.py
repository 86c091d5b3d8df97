"""``synoptic docs`` and ``synoptic claims``: what the workspace holds, read headless.

The two commands that only describe the corpus (its documents, and the claims and advice in
them) live apart from :mod:`tui.cli`, which keeps the group, the shared options and how errors
are shown: every subcommand module registers itself with ``cli`` on import, as here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from corpus.errors import DocumentError
from corpus.text import inert, json_text, one_line
from tui.cli import (
    WORKSPACE_ARGUMENT,
    claim_rules,
    cli,
    distinct,
    echo_error,
    every_document_needed,
    note_documents_without_sentences,
    notes_for_claim_marks,
    open_workspace,
    unreadable_document,
)
from tui.cli_passages import no_such_document
from tui.cli_progress import build_progress, quiet_option

if TYPE_CHECKING:
    from pathlib import Path

    from corpus.workspace import Workspace


WIDEST_ID = 40
"""Terminal cells the ``docs`` table gives its ID column; a longer id is shortened to fit."""


@cli.command("docs")
@WORKSPACE_ARGUMENT
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def list_documents(workspace: Path | None, as_json: bool) -> None:
    """List the documents of WORKSPACE with their titles, sizes and hashes.

    Files that cannot be read are reported on stderr and left untouched; the others are
    listed, then the exit status is 1. A document with no
    sentences (an empty one, or Markdown that is all code blocks) is named under the table
    with the reason, and in the JSON as "no_sentences" (null for the others). An id longer
    than the table's ID column is shortened in its middle there; --json gives it whole.

    Files in a document format Synoptic does not read (PDF, Word, RTF, HTML, EPUB,
    reStructuredText...) are named on stderr with what to do, with --json too, as files that
    cannot be read are: the JSON stays a list of documents, each row with the same keys, so a
    script summing words or reading titles needs no check. Other files (images, CSV,
    archives, code) are not mentioned.
    """
    from corpus.document import why_no_sentences

    opened = open_workspace(workspace)
    every_document_needed(opened)
    rows: list[dict[str, Any]] = []
    for result in opened.load_all():
        if isinstance(result, DocumentError):
            unreadable_document(result)
            continue
        reason = why_no_sentences(result)
        for notice in result.notices:
            if notice.message != reason:  # "is empty" is said once, with what it means
                echo_error(f"note: {notice.doc_id} {notice.message}")
        rows.append(
            {
                "id": result.id,
                "title": result.title,
                "words": result.words,
                "sentences": len(result.sentences),
                "no_sentences": reason,
                "sha256": result.sha256,
            }
        )
    if as_json:
        click.echo(json_text(rows))
        _say_not_read(opened)
        return
    if not rows:
        click.echo(f"No readable documents in {opened.root}.")
        _say_not_read(opened)
        return
    from rich.cells import cell_len

    from tui.cells import in_cells

    ids = [inert(row["id"]) for row in rows]
    id_width = min(max(cell_len(shown) for shown in ids), WIDEST_ID)
    click.echo(f"{in_cells('ID', id_width)}  {'WORDS':>7}  {'SENT.':>5}  TITLE")
    for shown, row in zip(ids, rows, strict=True):
        click.echo(
            f"{in_cells(shown, id_width)}  {row['words']:>7,}  {row['sentences']:>5}  "
            f"{inert(one_line(row['title'], 80))}"
        )
    if any(cell_len(shown) > id_width for shown in ids):
        echo_error("note: long ids are shortened in their middle (…); --json gives them whole.")
    # Under the table, not in it: a reason is a sentence, and the 0 in its row is explained.
    for row in rows:
        if row["no_sentences"] is not None:
            echo_error(
                f"note: {row['id']} has no sentences, so no claims or matches: "
                f"it {row['no_sentences']}."
            )
    _say_not_read(opened)


def _say_not_read(opened: Workspace) -> None:
    """Name the files not read, each with what to do, on stderr under the table."""
    for file in opened.not_read:
        echo_error(f"not read: {file.path} ({file.what}): {file.advice} to read it here.")


@cli.command("claims")
@WORKSPACE_ARGUMENT
@click.option(
    "--doc",
    "doc_ids",
    multiple=True,
    metavar="ID",
    callback=distinct,
    help="Only this document (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@quiet_option
def list_claims(workspace: Path | None, doc_ids: tuple[str, ...], as_json: bool) -> None:
    """List the claims and advice found in WORKSPACE's documents, with the cues behind each.

    Sentences that are neither claim nor advice are not listed. Rules come from the built-in
    file plus WORKSPACE/.synoptic/claims.toml when it exists. A document that cannot be read
    is named on stderr with the reason; the others' claims are listed, then the exit status
    is 1. A document with no sentences to read (an empty
    one, or Markdown that is all code blocks) is named on stderr with the reason. A cold run
    (a new or changed workspace) shows how far it has got on stderr (see --quiet).
    """
    from annotations.placement import workspace_claim_overrides
    from corpus.claim_cache import assess_documents
    from corpus.claims import Role

    opened = open_workspace(workspace)
    for doc_id in doc_ids:
        if doc_id not in opened.document_ids:
            raise no_such_document(opened, doc_id)
    rules = claim_rules(opened)
    if not doc_ids:
        every_document_needed(opened)
    documents = []
    wanted = doc_ids or opened.document_ids
    with build_progress() as progress:
        reading = progress.stage("Reading documents", "documents")
        for done, doc_id in enumerate(wanted, 1):
            try:
                documents.append(opened.load(doc_id))
            except DocumentError as exc:
                # A document asked for by name is the point of the command, not one of many.
                unreadable_document(exc, "its claims are not listed" if doc_ids else None)
            reading(done, len(wanted))
        silent = note_documents_without_sentences(documents, "claims")
        notes = notes_for_claim_marks(opened)
        marks = workspace_claim_overrides(opened.root, {d.id: d.text for d in documents}, notes)
        finding = progress.stage("Finding claims", "documents")
        verdicts = assess_documents(
            opened.root, documents, rules, marks, opened.document_ids, finding
        )
    rows: list[dict[str, Any]] = []
    shown: list[str] = []  # as the reader reads them: the JSON's text is the file's, for offsets
    for document in documents:
        for found in verdicts[document.id]:
            if found.role is Role.OTHER:
                continue
            shown.append(document.sentence_text(found.sentence))
            rows.append(
                {
                    "doc": found.doc_id,
                    "start": found.start,
                    "end": found.end,
                    "text": document.text[found.start : found.end],
                    "kind": found.kind if found.is_claim else "advice",
                    "certainty": found.certainty.value if found.certainty else None,
                    "unsourced": found.unsourced,
                    "cues": [
                        {"cue": cue.group, "text": cue.text, "start": cue.start, "end": cue.end}
                        for cue in found.cues
                    ],
                }
            )
    if as_json:
        click.echo(json_text(rows))
    else:
        if not rows and len(documents) > silent:  # the notes above said why for the others
            echo_error("no claim or advice found in the sentences of these documents.")
        for row, text in zip(rows, shown, strict=True):
            flags = row["kind"] + (f", {row['certainty']}" if row["certainty"] else "")
            flags += ", unsourced" if row["unsourced"] else ""
            click.echo(f"{inert(row['doc'])}:{row['start']}-{row['end']}  [{inert(flags)}]")
            click.echo(f"    {inert(one_line(text, 200))}")
