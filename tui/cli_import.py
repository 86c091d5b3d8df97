"""``synoptic import``: W3C Web Annotations from another tool (or another workspace) as notes.

It reads W3C JSON-LD and adds what maps to the importing author's notes; see
:mod:`annotations.w3c` for the mapping and for whose name an imported note carries. Nothing in
the file is dropped without a word: what cannot be imported is skipped with its reason, and
what had to change to fit is a warning, with the original kept on the note.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from corpus.errors import DocumentError, SynopticError
from corpus.text import inert, json_text
from tui.cli import cli, echo_error, open_workspace
from tui.cli_options import STANDARD_STREAM, check_author_option, usage_error
from tui.cli_passages import no_such_document


def _split_arguments(arguments: tuple[str, ...]) -> tuple[Path | None, str]:
    """``[WORKSPACE] FILE``: click cannot put an optional positional before a required one.

    FILE stays a string: ``-`` is standard input, and pathlib would read ``./-`` as ``-``.
    """
    if len(arguments) == 1:
        return None, arguments[0]
    if len(arguments) == 2:
        return Path(arguments[0]), arguments[1]
    raise usage_error("Give [WORKSPACE] FILE: the file of W3C Web Annotations to import.")


def _check_sources(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    """``URL=ID`` pairs: split at the last ``=``, since an address's query may hold one."""
    mapped: dict[str, str] = {}
    for value in values:
        address, equals, doc_id = value.rpartition("=")
        if not equals or not address.strip() or not doc_id.strip():
            raise click.BadParameter(
                f"{value!r} is not URL=ID: give the page's address, '=', and the id of the "
                "document that holds its text."
            )
        mapped[address.strip()] = doc_id.strip()
    return mapped


def _read_input(name: str) -> bytes:
    """The bytes of FILE, or of standard input for ``-``, refused past the import limit.

    The size a file's stat() gives is checked first, to refuse a huge file without reading
    it; but a pipe (``-``, ``/dev/stdin``, a FIFO) has no size there, so every read also stops
    one byte past the limit rather than take in whatever is sent.
    """
    from annotations.w3c import MAX_IMPORT_BYTES, W3CFormatError
    from corpus.document import megabytes

    limit = MAX_IMPORT_BYTES
    too_big = f"files over {megabytes(limit)} are not imported. Split it into smaller collections."
    if name == STANDARD_STREAM:
        data = _read_standard_input(limit + 1)
        if len(data) > limit:
            raise W3CFormatError(f"Standard input is over {megabytes(limit)}; {too_big}")
        return data
    path = Path(name)
    try:
        size = path.stat().st_size
        if size > limit:
            raise W3CFormatError(f"{path} is {megabytes(size)}; {too_big}")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise SynopticError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise SynopticError(f"{path} is a folder, not a file of annotations.") from None
    except OSError as exc:
        raise SynopticError(f"Cannot read {path} ({exc.strerror or exc}).") from exc
    if len(data) > limit:
        raise W3CFormatError(f"{path} is over {megabytes(limit)}; {too_big}")
    return data


def _read_standard_input(most: int) -> bytes:
    """Up to ``most`` bytes of standard input, to its end."""
    stream = sys.stdin
    if stream is None:  # closed by the shell (<&-): Python leaves it None
        raise SynopticError("Cannot read standard input: it is closed.")
    if stream.isatty():  # a user who typed `-` by mistake would see a command that hangs
        echo_error("reading annotations from standard input (end it with Ctrl-D)")
    try:
        return stream.buffer.read(most)
    except OSError as exc:
        raise SynopticError(f"Cannot read standard input ({exc.strerror or exc}).") from exc


@cli.command("import")
@click.argument("arguments", nargs=-1, required=True, metavar="[WORKSPACE] FILE")
@click.option(
    "--author",
    metavar="NAME",
    callback=check_author_option,
    help="Import as NAME (default: config, git user.name, login).",
)
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="URL=ID",
    callback=_check_sources,
    help="The web page at URL is document ID (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def import_annotations(
    arguments: tuple[str, ...], author: str | None, sources: dict[str, str], as_json: bool
) -> None:
    """Add the annotations in FILE (W3C Web Annotation JSON-LD; - is standard input) to WORKSPACE.

    FILE may hold one Annotation, a list of them, an AnnotationPage or an AnnotationCollection
    with an embedded first page, or be Hypothesis's own JSON export. Annotations whose
    passage cannot be found in a document of WORKSPACE are skipped with the reason; ids
    already present are not imported again.
    Imported notes are written as yours; another creator's name is kept with each note.
    Whatever had to change to fit (a tag's line break, a link Synoptic refuses, a date it
    cannot read...) is a warning on stderr ("warnings" in --json), and the original is kept.

    Annotations made on a web page (Hypothesis names the page by its address) are imported
    when --source says which document holds that page's text; the addresses that no document
    was given for are listed.
    """
    from annotations.author import resolve_author
    from annotations.errors import AnnotationError
    from annotations.store import AnnotationStore
    from annotations.w3c import Documents, Skipped, plan_import, read_w3c

    workspace, name = _split_arguments(arguments)
    opened = open_workspace(workspace)
    for doc_id in dict.fromkeys(sources.values()):
        if doc_id not in opened.document_ids:
            raise no_such_document(opened, doc_id)
    source = read_w3c(_read_input(name))
    store = AnnotationStore(opened.root, resolve_author(opened.root, author))
    loaded = store.load()
    for problem in loaded.problems:
        echo_error(f"{problem} (left untouched)")
    existing = {a.id: a for a in (*loaded.annotations, *loaded.tombstones)}

    def text_of(doc_id: str) -> str | None:
        # Finding a passage needs the text alone: cutting every document into sentences took
        # most of an import into a workspace of 200 documents.
        try:
            return opened.read_text(doc_id).text
        except DocumentError:
            return None

    plan = plan_import(
        source, Documents(opened.document_ids, text_of, sources), store.author, existing=existing
    )
    imported: list[str] = []
    skipped = list(plan.skipped)
    failed: set[str] = set()
    for annotation in plan.annotations:
        try:
            store.add(annotation)
        except AnnotationError as exc:
            key = plan.keys.get(annotation.id, annotation.id)
            skipped.append(Skipped(key, str(exc)))
            failed.add(key)
            continue
        imported.append(annotation.id)
    # How a note not written was fitted is moot: its skip says what happened to it.
    warnings = [w for w in plan.warnings if w.id not in failed]
    if as_json:
        report: dict[str, Any] = {
            "imported": imported,
            "skipped": [{"id": s.id, "reason": s.reason} for s in skipped],
            "warnings": [{"id": w.id, "reason": w.reason} for w in warnings],
            "unknown_sources": plan.unknown_sources,
        }
        click.echo(json_text(report))  # ids from another tool's file, escaped inert
        return
    noun = "annotation" if len(imported) == 1 else "annotations"
    click.echo(
        f"Imported {len(imported)} {noun} into {inert(opened.name)} as {inert(store.author)}."
    )
    for item in skipped:
        click.echo(f"skipped {inert(item.id)}: {inert(item.reason)}")
    if plan.unknown_sources:
        # Another tool's notes on web pages are all skipped until the user says which document
        # holds each page: say how, rather than leave a column of identical refusals.
        click.echo(
            "These addresses are no document of the workspace; if one is (its text saved "
            "there), import again with --source URL=ID:"
        )
        for address, count in sorted(plan.unknown_sources.items()):
            click.echo(
                f"  {inert(address)} ({count} {'annotation' if count == 1 else 'annotations'})"
            )
    # What was changed to fit goes to stderr, like every other warning, so that it is seen
    # even when the report itself is piped away.
    for item in warnings:
        echo_error(f"warning: {item.id}: {item.reason}")
