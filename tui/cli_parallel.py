"""``synoptic match`` and ``synoptic synopsis``: parallel passages from scripts.

Both open the workspace's cached passage index (built as the reader builds it, with the same
claim kinds) so a script sees exactly the matches and groups the reader shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from corpus.errors import DocumentError, SynopticError
from corpus.text import counted, inert, json_text, one_line
from tui.cli import (
    WORKSPACE_ARGUMENT,
    claim_rules,
    cli,
    echo_error,
    every_document_needed,
    note_documents_without_sentences,
    notes_for_claim_marks,
    open_workspace,
    unreadable_document,
)
from tui.cli_options import check_quote, output_file, output_option, shown, usage_error
from tui.cli_passages import no_such_document
from tui.cli_progress import build_progress, quiet_option

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from annotations.model import Annotation
    from corpus.claim_rules import ClaimRules
    from corpus.matching import PassageIndex
    from corpus.model import Document
    from corpus.synopsis import ClaimGroup
    from corpus.workspace import Workspace
    from tui.cli_progress import BuildProgress


@cli.command("match")
@WORKSPACE_ARGUMENT
@click.option("--doc", "doc_id", required=True, metavar="ID", help="The document of the query.")
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    metavar="N",
    help="Query the sentence containing character N of --doc (0: the first).",
)
@click.option(
    "--quote",
    callback=check_quote,
    help="Query this text; it must occur once (spacing and curly or straight quotes may differ).",
)
@click.option(
    "--occurrence",
    type=click.IntRange(min=1),
    metavar="N",
    help="With --quote: its N-th copy, when it occurs more than once.",
)
@click.option(
    "--per-doc",
    type=click.IntRange(1, 50),
    default=1,
    show_default=True,
    metavar="N",
    help="Show the N best matches in each other document, not only the best.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@quiet_option
def match_passages(
    workspace: Path | None,
    doc_id: str,
    offset: int | None,
    quote: str | None,
    occurrence: int | None,
    per_doc: int,
    as_json: bool,
) -> None:
    """Find where the other documents of WORKSPACE say what a passage of --doc says.

    Give the passage as --offset N (the sentence containing character N) or --quote TEXT.
    Documents without a good enough match are named on stderr (and in the JSON's
    "unmatched"); each match lists the "shared" words that explain it. Only a passage that is
    the query's very text ("identical" in the JSON) can score 1; any other shows at most 0.99.
    A cold run (a new or changed workspace) shows how far it has got on stderr (see --quiet).
    """
    from corpus.document import why_no_sentences

    # What was typed is checked before the workspace is read, as click checks the rest.
    if (offset is None) == (quote is None):
        raise usage_error("Give exactly one of --offset N and --quote TEXT.")
    if occurrence is not None and quote is None:
        raise usage_error("--occurrence picks a copy of --quote; give --quote too.")
    opened = open_workspace(workspace)
    if doc_id not in opened.document_ids:
        raise no_such_document(opened, doc_id)
    query = opened.load(doc_id)
    if quote is not None:
        from tui.cli_passages import find_one_quote

        start, end = find_one_quote(query.text, quote, occurrence, doc_id)
    else:
        assert offset is not None
        reason = why_no_sentences(query)
        if reason is not None:
            raise SynopticError(f"{doc_id} has no sentences to match: it {reason}.")
        if offset >= len(query.text):
            raise SynopticError(
                f"{doc_id} has {len(query.text)} characters; --offset {offset} is past its end."
            )
        index = query.sentence_at(offset)
        assert index is not None  # it has sentences
        start, end = query.sentences[index].start, query.sentences[index].end
    from corpus.passages import NAVIGATION_SAID, is_navigation_span

    if is_navigation_span(query, start, end):
        where = "quoted line" if quote is not None else f"line at offset {offset}"
        raise SynopticError(f"The {where} of {doc_id} {NAVIGATION_SAID}.")
    index_, documents = passage_index(opened, notes_for_claim_marks(opened))
    found = index_.match(doc_id, start, end, query.text[start:end], per_doc=per_doc)
    texts = {d.id: d.text for d in documents}
    rows: list[dict[str, Any]] = [
        {
            "doc": m.passage.doc_id,
            "start": m.passage.start,
            "end": m.passage.end,
            "text": texts[m.passage.doc_id][m.passage.start : m.passage.end],
            "score": m.score,
            "identical": m.identical,
            "shared": list(m.shared),
        }
        for m in found.matches
    ]
    say_unmatched(list(found.unmatched))
    if len(documents) < 2:
        echo_error("there is no other readable document in the workspace to match against")
    if as_json:
        payload = {
            "query": {"doc": doc_id, "start": start, "end": end, "text": query.text[start:end]},
            "matches": rows,
            "unmatched": list(found.unmatched),
        }
        click.echo(json_text(payload))
        return
    click.echo(f"{inert(doc_id)}:{start}-{end}  {inert(one_line(query.text[start:end], 160))}")
    for row, match in zip(rows, found.matches, strict=True):
        # a near-copy shows at most 0.99: 1.000 would read as "the same text"
        click.echo(f"  {match.shown_score:.3f}  {inert(row['doc'])}:{row['start']}-{row['end']}")
        click.echo(f"         {inert(one_line(row['text'], 160))}")


UNMATCHED_NAMED = 5
"""Documents with no good match named one a line on stderr; beyond that, a count and the first
few: in a folder of 300 licences and articles, 281 such lines buried the 20 matches."""


def say_unmatched(unmatched: list[str]) -> None:
    """Say on stderr which documents have no good match: each on its line when there are few,
    else the first few and how many more (``--json`` lists them all under ``unmatched``)."""
    if len(unmatched) <= UNMATCHED_NAMED:
        for other in unmatched:
            echo_error(f"no good match in {other}")
        return
    named = ", ".join(unmatched[: UNMATCHED_NAMED - 1])
    more = len(unmatched) - (UNMATCHED_NAMED - 1)
    echo_error(
        f"no good match in {len(unmatched)} documents: {named} and {more} more "
        "(--json lists them all under unmatched)"
    )


def passage_index(
    opened: Workspace, annotations: Iterable[Annotation] | None = None
) -> tuple[PassageIndex, list[Document]]:
    """The workspace's passage index (cached) and its readable documents; the others, and a
    mistake in the workspace's claim rules, are named on stderr, as is how far a long build
    has got (:mod:`tui.cli_progress`). ``annotations``, when the caller has read them, give
    the claim marks."""
    with build_progress() as progress:
        index, documents, _ = _indexed(opened, annotations, progress)
    return index, documents


def synopsis_groups(
    opened: Workspace, annotations: Iterable[Annotation] | None = None
) -> tuple[list[ClaimGroup], list[Document]]:
    """The workspace's claim synopsis (cached, see :mod:`corpus.synopsis_cache`) and its
    readable documents, with what :func:`passage_index` says on stderr."""
    from corpus.synopsis_cache import cached_synopsis

    with build_progress() as progress:
        index, documents, rules = _indexed(opened, annotations, progress)
        grouping = progress.stage("Grouping claims", "claims")
        groups = cached_synopsis(opened.root, documents, index, rules.digest, progress=grouping)
    return groups, documents


def _indexed(
    opened: Workspace, annotations: Iterable[Annotation] | None, progress: BuildProgress
) -> tuple[PassageIndex, list[Document], ClaimRules]:
    from annotations.placement import workspace_claim_overrides
    from corpus.claim_cache import claim_kinds
    from corpus.passage_cache import open_index

    every_document_needed(opened)
    documents = read_documents(opened, progress)
    rules = claim_rules(opened)
    marks = workspace_claim_overrides(opened.root, {d.id: d.text for d in documents}, annotations)
    finding = progress.stage("Finding claims", "documents")
    kinds = claim_kinds(opened.root, documents, rules, marks, opened.document_ids, finding)
    index, _ = open_index(opened.root, documents, kinds, progress.indexing)
    return index, documents, rules


def read_documents(opened: Workspace, progress: BuildProgress) -> list[Document]:
    """Every readable document of ``opened``, having named the others on stderr."""
    documents = []
    reading = progress.stage("Reading documents", "documents")
    total = len(opened.document_ids)
    for done, result in enumerate(opened.load_all(), 1):
        if isinstance(result, DocumentError):
            unreadable_document(result)
        else:
            documents.append(result)
        reading(done, total)
    return documents


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
    help="Only claims whose passages contain every one of these words (any case, or in "
    "another form: alleviate finds alleviating).",
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
@output_option("With --csv: write it to FILE (atomically) instead of standard output")
@click.option("--force", is_flag=True, help="Replace FILE even if it is not as Synoptic wrote it.")
@quiet_option
def synopsis(
    workspace: Path | None,
    min_docs: int,
    contains: str,
    order: str,
    as_json: bool,
    as_csv: bool,
    output: str | None,
    force: bool,
) -> None:
    """Group the claims of WORKSPACE that state the same thing across documents.

    One group per claim, most widely made first, with each document's passage. The CSV's
    agreement is 1.00 only when every passage is the same text, at most 0.99 otherwise (as a
    match's score); the JSON's "cohesion" is the exact mean. A cold run (a new or changed
    workspace) shows how far it has got on stderr (see --quiet).
    """
    from corpus.synopsis import (
        CSV_FILE_MARK,
        ORDERS,
        contains_all,
        excerpt,
        group_words,
        order_key,
        synopsis_csv,
    )

    if as_json and as_csv:
        raise click.UsageError("--json and --csv are two formats; give one of them.")
    if output is not None and not as_csv:
        raise click.UsageError("-o writes the CSV; give --csv too.")
    opened = open_workspace(workspace)
    to_file = output_file(output)
    if to_file is not None:
        from tui.cli_export import check_output

        destination = check_output(to_file, opened, force)
    if order not in ORDERS:
        if order not in opened.document_ids:
            # Known only now the folder is read, as every unknown document id is (exit 1).
            raise SynopticError(
                f"--order {shown(order)} is none of {', '.join(ORDERS[:-1])} or {ORDERS[-1]}, "
                f"and no document of {opened.root} has that name (`synoptic docs` lists them)."
            )
        try:  # the order is that document's: refuse rather than order by nothing
            opened.load(order)
        except DocumentError as exc:
            raise SynopticError(f"Cannot order by {exc.doc_id}: it {exc.reason}.") from exc
        order = f"doc:{order}"
    every_group, documents = synopsis_groups(opened, notes_for_claim_marks(opened))
    silent = note_documents_without_sentences(documents, "claims")
    texts = {d.id: d.text for d in documents}
    groups = sorted(
        (
            g
            for g in every_group
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
        click.echo(json_text(rows))
        return
    if not every_group:  # no filter is to blame: say what is
        if not documents:
            echo_error(f"there is no readable document in {opened.root}.")
        elif len(documents) > silent:  # the notes above said why for the others
            echo_error("no claim found in the documents' sentences, so there is nothing to group.")
    elif not rows:
        echo_error("no claim passes these filters.")
    if as_csv:
        table = synopsis_csv(groups, texts, opened.document_ids)
        if to_file is None:
            click.echo(table, nl=False)
            return
        from tui.cli_export import write_output

        write_output(destination, CSV_FILE_MARK + table)
        click.echo(f"Wrote {counted(len(groups), 'claim')} to {inert(str(to_file))}.", err=True)
        return
    for row in rows:
        count = counted(row["documents"], "document")
        click.echo(f"{row['id']}  {count}  [{inert(row['kind'] or '')}]")
        for cell in row["passages"]:
            click.echo(f"    {inert(cell['doc'])}:{cell['start']}-{cell['end']}")
            click.echo(f"        {inert(excerpt(cell['text'], contains, 160)[0])}")
