"""``synoptic export``: notes as a Markdown report or W3C Web Annotations.

``export`` writes to stdout, or with ``-o FILE`` atomically to FILE. It never writes inside the
workspace's ``annotations/`` folder, and it replaces an existing FILE only when that file is
exactly what Synoptic wrote there (or with ``--force``), so neither a typo nor an export over a
report the user has since added to can destroy what they wrote. Its counterpart ``synoptic
import`` is in :mod:`tui.cli_import`.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import click

from corpus.errors import DocumentError, SynopticError
from corpus.formats import is_document_name
from corpus.text import inert
from tui.cli import (
    WORKSPACE_ARGUMENT,
    cli,
    documents_not_read,
    echo_error,
    every_document_needed,
    open_workspace,
    unreadable_document,
    unreadable_notes,
)
from tui.cli_filters import (
    AUTHOR_FILTER_HELP,
    filters_given,
    unmatched_filters,
)
from tui.cli_note_show import cited_texts
from tui.cli_options import (
    check_author_filters,
    check_doc_filters,
    check_tag_filters,
    output_file,
    output_option,
    usage_error,
)
from tui.cli_passages import no_such_document
from tui.cli_progress import quiet_option

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.export_markdown import MarkdownReport, ReportDocument
    from annotations.model import Annotation
    from annotations.store import LoadResult
    from corpus.export_guard import Destination, FileState
    from corpus.workspace import Workspace

HEAD_BYTES = 4096
"""How much of an existing file is read to say whether it looks like an earlier export."""
NOTES_NOT_EXPORTED = "its notes are not exported"
"""What stderr says of a notes file that could not be read."""
LARGEST_EXPORT = 512 * 1024 * 1024
"""A larger file is not read whole to see whether Synoptic wrote it: it did not."""


def check_output(path: Path, opened: Workspace, force: bool) -> Destination:
    """Where an export goes, after refusing places it must not (see the module docstring).

    An existing file is replaced only when it is exactly what Synoptic wrote
    (:mod:`corpus.export_guard`): an earlier export the user has since edited is kept. The
    synopsis CSV (``synoptic synopsis --csv -o``, ``x`` in its table) goes through it too, so
    every file Synoptic writes for people follows the same rules.
    """
    from annotations.store import ANNOTATIONS_FOLDER
    from corpus.export_guard import Destination, FileState, digest, file_state, read_existing
    from corpus.files import file_in_the_way

    resolved = path.expanduser().resolve()
    folder = (opened.root / ANNOTATIONS_FOLDER).resolve()
    if resolved == folder or folder in resolved.parents:
        raise SynopticError(
            f"Not writing {path}: it is inside the workspace's {ANNOTATIONS_FOLDER}/ folder, "
            "where only the notes themselves live."
        )
    if resolved.is_dir():
        raise SynopticError(f"{path} is a folder; give a file name to write the export to.")
    blocker = file_in_the_way(path.expanduser())
    if blocker is not None:
        raise SynopticError(f"Cannot write {path}: its parent {blocker} is a file, not a folder.")
    if force:
        destination = Destination(resolved, None, forced=True)
    else:
        with contextlib.suppress(OSError):
            if resolved.stat().st_size > LARGEST_EXPORT:
                raise SynopticError(
                    f"{path} exists and is not an earlier Synoptic export; not overwriting it "
                    "(write to another file, or use --force to replace it)."
                )
        data = read_existing(resolved)
        destination = Destination(resolved, None if data is None else digest(data))
        state = file_state(resolved, data)
        if data is not None and state is not FileState.UNCHANGED:
            raise SynopticError(_refusal(path, state, data))
    if opened.root in resolved.parents and is_document_name(resolved.name):
        echo_error(
            f"note: {path} is in the workspace; the reader leaves it out of the documents, "
            "as a report of its own (delete its last line to read it as one)"
        )
    return destination


def _refusal(path: Path, state: FileState, data: bytes) -> str:
    """Why an existing file is kept, and the ways on."""
    from annotations.export_markdown import looks_like_report
    from annotations.w3c import looks_like_export
    from corpus.export_guard import FileState
    from corpus.synopsis import looks_like_synopsis_csv

    ways_on = "write to another file, or use --force to replace it"
    if state is FileState.CHANGED:
        return (
            f"{path} has been changed since Synoptic wrote it; not overwriting it, so "
            f"nothing written there is lost ({ways_on})."
        )
    head = data[:HEAD_BYTES].decode("utf-8", errors="replace")
    earlier = (looks_like_report, looks_like_export, looks_like_synopsis_csv)
    if any(looks_like(head) for looks_like in earlier):
        return (
            f"{path} looks like an earlier Synoptic export, but not exactly as Synoptic wrote "
            f"it (it may have been edited); not overwriting it ({ways_on})."
        )
    return f"{path} exists and is not an earlier Synoptic export; not overwriting it ({ways_on})."


def _loaded_notes(opened: Workspace) -> LoadResult:
    from annotations.store import AnnotationStore

    loaded = AnnotationStore(opened.root, "reader").load()
    unreadable_notes(loaded.problems, NOTES_NOT_EXPORTED)
    return loaded


def _report_documents(opened: Workspace, doc_ids: list[str]) -> list[ReportDocument]:
    """The documents as the report shows them; unreadable ones are named on stderr."""
    from annotations.export_markdown import ReportDocument

    documents = []
    for doc_id in doc_ids:
        document = opened.loaded(doc_id)  # segmented already for the synopsis
        if document is not None:
            documents.append(ReportDocument(doc_id, document.title, document.text, document.sha256))
            continue
        try:
            read = opened.read_text(doc_id)  # the title needs blocks, not sentences
        except DocumentError as exc:
            unreadable_document(exc, "the report lists it as unreadable")
            documents.append(ReportDocument(doc_id, "", None))
            continue
        documents.append(ReportDocument(doc_id, read.title(), read.text, read.sha256))
    return documents


def _markdown(
    opened: Workspace,
    selected: list[Annotation],
    doc_ids: tuple[str, ...],
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    with_synopsis: bool,
    loaded_notes: LoadResult,
) -> MarkdownReport:
    from annotations.export_markdown import Selection, markdown_report

    groups = None
    if with_synopsis:
        # Here, not at the top: tui.cli_parallel imports tui.cli, which imports this module to
        # register `export`, so importing tui.cli_parallel first would find this one half made.
        from tui.cli_parallel import synopsis_groups

        groups, _ = synopsis_groups(opened, loaded_notes.annotations)
    if not doc_ids:  # the report lists every document; the synopsis reads them all anyway
        every_document_needed(opened)
    shown = [d for d in opened.document_ids if not doc_ids or d in doc_ids]
    return markdown_report(
        opened.name,
        _report_documents(opened, shown),
        selected,
        synopsis=groups,
        selection=Selection(doc_ids, authors, tags),
        unreadable_files=len(loaded_notes.problems),
        deleted=_tombstones_only(loaded_notes),
        linked=cited_texts(opened, selected),
    )


def _tombstones_only(loaded: LoadResult) -> list[Annotation]:
    """The deleted notes, less those whose id a live note still has (a moved one)."""
    live = {a.id for a in loaded.annotations}
    return [a for a in loaded.tombstones if a.id not in live]


@cli.command("export")
@WORKSPACE_ARGUMENT
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "w3c"]),
    default="markdown",
    show_default=True,
    help="A Markdown report, or W3C Web Annotation JSON-LD.",
)
@output_option("Write to FILE (atomically) instead of standard output")
@click.option(
    "--doc",
    "doc_ids",
    multiple=True,
    metavar="ID",
    callback=check_doc_filters,
    help="Only this document.",
)
@click.option(
    "--author",
    "authors",
    multiple=True,
    metavar="NAME",
    callback=check_author_filters,
    help=AUTHOR_FILTER_HELP,
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    callback=check_tag_filters,
    help="Only threads with this tag, in any case.",
)
@click.option("--no-synopsis", is_flag=True, help="Leave the claims table out of the report.")
@click.option("--force", is_flag=True, help="Replace FILE even if it is not as Synoptic wrote it.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="With -o: print, as JSON on standard output, what was written and left out.",
)
@click.option(
    "--outcome-json",
    is_flag=True,
    hidden=True,  # the name before --json, kept for scripts: without -o it does nothing
    help="The old name of --json.",
)
@quiet_option
def export(
    workspace: Path | None,
    output_format: str,
    output: str | None,
    doc_ids: tuple[str, ...],
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    no_synopsis: bool,
    force: bool,
    as_json: bool,
    outcome_json: bool,
) -> None:
    """Export the notes of WORKSPACE as a Markdown report or as W3C Web Annotations.

    --doc, --author and --tag may be repeated; each narrows the export (a reply counts as
    having the tags of the note that starts its thread). Authors and tags match in any case,
    as in `synoptic notes`. Filters that leave no note are an error, naming the documents,
    authors and tags that have notes, and nothing is written. The same notes and documents
    always give the same bytes. Notes files that cannot be read are named on stderr; the
    export of the rest is made, then the exit status is 1.
    """
    from annotations.export_result import ExportOutcome, LeftOutOfExport
    from annotations.export_selection import select_annotations
    from annotations.placement import follow_parents
    from annotations.w3c import dumps, export_collection

    if as_json and output is None:
        raise usage_error(
            "--json prints what an export to a file wrote and left out, so it needs -o FILE; "
            "for the notes themselves as JSON, give --format w3c."
        )
    opened = open_workspace(workspace)
    to_file = output_file(output)
    destination = check_output(to_file, opened, force) if to_file is not None else None
    loaded = _loaded_notes(opened)
    known = set(opened.document_ids) | {a.target.doc for a in loaded.annotations}
    for doc_id in doc_ids:
        if doc_id not in known:
            raise no_such_document(opened, doc_id)
    # Replies go where their thread is (re-attached, perhaps to a renamed document).
    followed = follow_parents(loaded.annotations)
    selected = select_annotations(followed, docs=doc_ids, authors=authors, tags=tags)
    unmatched = unmatched_filters(followed, doc_ids, authors, tags)
    if not selected and (doc_ids or authors or tags):
        # An empty report would read as "nobody has noted anything", when in fact the filter
        # (often a typo) chose nothing: refuse, and say what there is to choose from.
        raise SynopticError(
            "Nothing exported: "
            + (
                " ".join(unmatched)
                if unmatched
                else f"no note matches {filters_given(doc_ids, authors, tags)} together "
                "(each alone matches notes)."
            )
        )
    for problem in unmatched:  # the rest of the filter chose notes; this part is a likely typo
        echo_error(f"note: {problem}")
    not_placed = 0
    if output_format == "w3c":
        text = dumps(export_collection(selected, label=f"Notes on {opened.name}"))
    else:
        report = _markdown(opened, selected, doc_ids, authors, tags, not no_synopsis, loaded)
        text, not_placed = report.text, report.not_placed
    if destination is None:
        click.echo(text, nl=False)
        return
    write_output(destination, text)
    # a report of every document (or with the synopsis, which reads them all) lacks those of
    # a folder that could not be listed; W3C JSON-LD holds notes only, which are all there
    every_document = output_format != "w3c" and (not doc_ids or not no_synopsis)
    outcome = ExportOutcome(
        len(selected),
        str(to_file),
        LeftOutOfExport(
            notes_files=tuple(str(problem.path) for problem in loaded.problems),
            documents=tuple(sorted(documents_not_read())),
            folders=tuple(folder for folder, _ in opened.unlisted) if every_document else (),
            not_placed=not_placed,
        ),
    )
    noun = "note" if outcome.notes == 1 else "notes"
    click.echo(f"Wrote {outcome.notes} {noun} to {inert(outcome.path)}.", err=True)
    if as_json or outcome_json:
        click.echo(outcome.to_json())


def write_output(destination: Destination, text: str) -> None:
    """Write a checked destination atomically; a failure is one clear sentence, not a trace."""
    from corpus.export_guard import write_export

    try:
        write_export(destination, text.encode("utf-8"))
    except OSError as exc:
        raise SynopticError(f"Cannot write {destination.path} ({exc.strerror or exc}).") from exc
