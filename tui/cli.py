"""The ``synoptic`` command: the reader, and headless subcommands with ``--json``.

Every subcommand has the shape ``synoptic NAME [WORKSPACE] [options] [--json]``; without a
WORKSPACE it uses the sample. ``synoptic [WORKSPACE]`` with no NAME opens the reader. Textual is
imported only by the reader, so the headless commands start fast. User errors print one
sentence to stderr and exit 1; they never show a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from corpus.errors import DocumentError, SynopticError
from corpus.text import inert, one_line

if TYPE_CHECKING:
    from corpus.matching import PassageIndex
    from corpus.model import Document
    from corpus.workspace import Workspace

WORKSPACE_ARGUMENT = click.argument(
    "workspace", required=False, type=click.Path(path_type=Path, file_okay=True, dir_okay=True)
)


class ReaderGroup(click.Group):
    """A group whose default command is ``open``: ``synoptic [WORKSPACE]`` opens the reader."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is None or (
            first not in self.commands and first not in ("--help", "-h", "--version")
        ):
            args = ["open", *args]
        return super().parse_args(ctx, args)


@click.group(cls=ReaderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="synoptic", prog_name="synoptic")
def cli() -> None:
    """Synoptic: read several documents side by side and compare what they claim.

    Run `synoptic [WORKSPACE]` to open the reader on a folder of .txt and .md files; without a
    WORKSPACE it opens your copy of the bundled sample workspace.
    """


@cli.command("open")
@WORKSPACE_ARGUMENT
@click.option(
    "--panes",
    type=click.IntRange(1, 6),
    default=None,
    help="Number of side-by-side panes (default: by terminal width).",
)
@click.option("--author", metavar="NAME", help="Write notes as NAME (default: config, git).")
def open_reader(workspace: Path | None, panes: int | None, author: str | None) -> None:
    """Open the reader on WORKSPACE (the default command)."""
    from tui.app import make_app  # Textual is loaded only for the reader

    make_app(workspace, panes=panes, author=author).run()


def _echo_error(message: str) -> None:
    click.echo(f"synoptic: {inert(message)}", err=True)


@cli.command("docs")
@WORKSPACE_ARGUMENT
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def list_documents(workspace: Path | None, as_json: bool) -> None:
    """List the documents of WORKSPACE with their titles, sizes and hashes.

    Files that cannot be read are reported on stderr and left untouched.
    """
    from corpus.workspace import Workspace

    opened = Workspace.open(workspace)
    rows: list[dict[str, Any]] = []
    for result in opened.load_all():
        if isinstance(result, DocumentError):
            _echo_error(f"skipped {result}")
            continue
        for notice in result.notices:
            _echo_error(f"note: {notice.doc_id} {notice.message}")
        rows.append(
            {
                "id": result.id,
                "title": result.title,
                "words": result.words,
                "sentences": len(result.sentences),
                "sha256": result.sha256,
            }
        )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"No readable documents in {opened.root}.")
        return
    id_width = min(max(len(r["id"]) for r in rows), 40)
    click.echo(f"{'ID':<{id_width}}  {'WORDS':>7}  {'SENT.':>5}  TITLE")
    for row in rows:
        click.echo(
            f"{inert(row['id']):<{id_width}}  {row['words']:>7,}  {row['sentences']:>5}  "
            f"{inert(one_line(row['title'], 80))}"
        )


@cli.command("claims")
@WORKSPACE_ARGUMENT
@click.option(
    "--doc", "doc_ids", multiple=True, metavar="ID", help="Only this document (repeatable)."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def list_claims(workspace: Path | None, doc_ids: tuple[str, ...], as_json: bool) -> None:
    """List the claims and advice found in WORKSPACE's documents, with the cues behind each.

    Sentences that are neither claim nor advice are not listed. Rules come from the built-in
    file plus WORKSPACE/.synoptic/claims.toml when it exists.
    """
    from annotations.placement import claim_overrides, place_all
    from annotations.store import AnnotationStore
    from corpus.claim_rules import load_rules
    from corpus.claims import detect_claims
    from corpus.workspace import Workspace

    opened = Workspace.open(workspace)
    for doc_id in doc_ids:
        if doc_id not in opened.document_ids:
            raise SynopticError(f"There is no document {doc_id!r} in {opened.root}.")
    rules, problems = load_rules(opened.root)
    for problem in problems:
        _echo_error(f"{problem}; using the built-in rules")
    marks = AnnotationStore(opened.root, "reader").load()
    marked = [a for a in marks.annotations if a.claim is not None]
    rows: list[dict[str, Any]] = []
    for doc_id in doc_ids or opened.document_ids:
        try:
            document = opened.load(doc_id)
        except DocumentError as exc:
            _echo_error(f"skipped {exc}")
            continue
        mine = [a for a in marked if a.target.doc == doc_id]
        overrides = claim_overrides(place_all(mine, {doc_id: document.text})) if mine else []
        for found in detect_claims(document, rules, overrides):
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
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        flags = row["kind"] + (f", {row['certainty']}" if row["certainty"] else "")
        flags += ", unsourced" if row["unsourced"] else ""
        click.echo(f"{inert(row['doc'])}:{row['start']}-{row['end']}  [{flags}]")
        click.echo(f"    {inert(one_line(row['text'], 200))}")


@cli.command("match")
@WORKSPACE_ARGUMENT
@click.option("--doc", "doc_id", required=True, metavar="ID", help="The document of the query.")
@click.option("--offset", type=click.IntRange(min=0), help="Query the sentence at this offset.")
@click.option(
    "--quote",
    help="Query this text; it must occur once (spacing and curly or straight quotes may differ).",
)
@click.option("--per-doc", type=click.IntRange(1, 50), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def match_passages(
    workspace: Path | None,
    doc_id: str,
    offset: int | None,
    quote: str | None,
    per_doc: int,
    as_json: bool,
) -> None:
    """Find where the other documents of WORKSPACE say what a passage of --doc says.

    Give the passage as --offset N (the sentence containing character N) or --quote TEXT.
    Documents without a good enough match are named on stderr.
    """
    from corpus.workspace import Workspace

    if (offset is None) == (quote is None):
        raise SynopticError("Give exactly one of --offset N and --quote TEXT.")
    opened = Workspace.open(workspace)
    if doc_id not in opened.document_ids:
        raise SynopticError(f"There is no document {doc_id!r} in {opened.root}.")
    query = opened.load(doc_id)
    if quote is not None:
        from corpus.quotes import find_quote

        spans = find_quote(query.text, quote)
        if len(spans) != 1:
            where = "does not occur" if not spans else f"occurs {len(spans)} times"
            raise SynopticError(f"The quote {where} in {doc_id}; give a longer quote or --offset.")
        start, end = spans[0]
    else:
        assert offset is not None
        if offset >= len(query.text):
            raise SynopticError(
                f"{doc_id} has {len(query.text)} characters; --offset {offset} is past its end."
            )
        index = query.sentence_at(offset)
        if index is None:
            raise SynopticError(f"{doc_id} has no sentences to match.")
        start, end = query.sentences[index].start, query.sentences[index].end
    index_, documents = _passage_index(opened)
    found = index_.match(doc_id, start, end, query.text[start:end], per_doc=per_doc)
    texts = {d.id: d.text for d in documents}
    rows: list[dict[str, Any]] = [
        {
            "doc": m.passage.doc_id,
            "start": m.passage.start,
            "end": m.passage.end,
            "text": texts[m.passage.doc_id][m.passage.start : m.passage.end],
            "score": m.score,
        }
        for m in found.matches
    ]
    for other in found.unmatched:
        _echo_error(f"no good match in {other}")
    if as_json:
        payload = {
            "query": {"doc": doc_id, "start": start, "end": end, "text": query.text[start:end]},
            "matches": rows,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(f"{inert(doc_id)}:{start}-{end}  {inert(one_line(query.text[start:end], 160))}")
    for row in rows:
        click.echo(f"  {row['score']:.3f}  {inert(row['doc'])}:{row['start']}-{row['end']}")
        click.echo(f"         {inert(one_line(row['text'], 160))}")


def _passage_index(opened: Workspace) -> tuple[PassageIndex, list[Document]]:
    """The workspace's passage index (cached) and its readable documents; the others are
    named on stderr."""
    from corpus.claim_rules import load_rules
    from corpus.claims import assess_document
    from corpus.passage_cache import open_index

    documents = []
    for result in opened.load_all():
        if isinstance(result, DocumentError):
            _echo_error(f"skipped {result}")
        else:
            documents.append(result)
    rules, _ = load_rules(opened.root)
    kinds = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    index, _ = open_index(opened.root, documents, kinds)
    return index, documents


@cli.command("synopsis")
@WORKSPACE_ARGUMENT
@click.option(
    "--min-docs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only claims made by at least this many documents.",
)
@click.option(
    "--contains",
    metavar="WORDS",
    default="",
    help="Only claims whose passages contain every one of these words (any case).",
)
@click.option(
    "--order",
    metavar="ORDER",
    default="documents",
    show_default=True,
    help="documents (most first), agreement (best first), kind, or a document id: "
    "that document's reading order, the claims it does not make last.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print CSV for a spreadsheet: a row per claim, a column per document.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="With --csv: write it to FILE (atomically) instead of standard output.",
)
@click.option("--force", is_flag=True, help="Replace FILE even if it is not an earlier export.")
def synopsis(
    workspace: Path | None,
    min_docs: int,
    contains: str,
    order: str,
    as_json: bool,
    as_csv: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Group the claims of WORKSPACE that state the same thing across documents.

    One group per claim, most widely made first, with each document's passage.
    """
    from corpus.synopsis import (
        ORDERS,
        build_synopsis,
        contains_all,
        excerpt,
        group_words,
        order_key,
        synopsis_csv,
    )
    from corpus.workspace import Workspace

    if as_json and as_csv:
        raise click.UsageError("--json and --csv are two formats; give one of them.")
    if output is not None and not as_csv:
        raise click.UsageError("-o writes the CSV; give --csv too.")
    opened = Workspace.open(workspace)
    if output is not None:
        from tui.cli_export import check_output

        destination = check_output(output, opened, force)
    if order not in ORDERS:
        if order not in opened.document_ids:
            raise click.UsageError(
                f"--order {order!r} is not {', '.join(ORDERS)} or a document of the "
                f"workspace (`synoptic docs` lists them)"
            )
        order = f"doc:{order}"
    index_, documents = _passage_index(opened)
    texts = {d.id: d.text for d in documents}
    groups = sorted(
        (
            g
            for g in build_synopsis(index_, texts)
            if g.size >= min_docs and contains_all(group_words(g, texts), contains)
        ),
        key=lambda g: order_key(g, order),
    )
    rows: list[dict[str, Any]] = [
        {
            "id": group.id,
            "documents": group.size,
            "kind": group.kind,
            "cohesion": group.cohesion,
            "passages": [
                {
                    "doc": doc_id,
                    "start": p.start,
                    "end": p.end,
                    "text": texts[doc_id][p.start : p.end],
                }
                for doc_id, p in group.passages.items()
            ],
        }
        for group in groups
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        _echo_error("no claim passes these filters.")
    if as_csv:
        table = synopsis_csv(groups, texts, opened.document_ids)
        if output is None:
            click.echo(table, nl=False)
            return
        from tui.cli_export import write_output

        write_output(destination, table)
        noun = "claim" if len(groups) == 1 else "claims"
        click.echo(f"Wrote {len(groups)} {noun} to {inert(str(output))}.", err=True)
        return
    for row in rows:
        click.echo(f"{row['id']}  {row['documents']} document(s)  [{row['kind']}]")
        for cell in row["passages"]:
            click.echo(f"    {inert(cell['doc'])}:{cell['start']}-{cell['end']}")
            click.echo(f"        {inert(excerpt(cell['text'], contains, 160)[0])}")


# Further subcommands live in their own modules; importing them registers them with ``cli``.
from tui import cli_export, cli_git, cli_notes  # noqa: E402, F401


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``synoptic`` script."""
    try:
        cli.main(args=argv, prog_name="synoptic", standalone_mode=False)
    except click.exceptions.Abort:
        _echo_error("aborted.")
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except SynopticError as exc:
        _echo_error(str(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
