"""``synoptic search``: the reader's search (``/``) from scripts.

It runs the reader's own search (:func:`corpus.search.search`): the phrase as typed first, then
each other sentence with every meaningful word of it in some form, marked ``≈``; a query in
double quotes is the phrase only. Offsets are the document's characters, as in ``match`` and
``claims``, so a script can hand a hit to ``note add`` or ``match --offset``.

Finding nothing is an answer, not a failure: the status is 0, as for ``notes`` with a filter
that matches no note, since 1 already means "a file could not be read, the answer lacks it" in
every command and a script must not take an incomplete search for a clean miss (``grep``'s 1
for no match would say one thing in this command and another in all the others).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from corpus.errors import DocumentError, SynopticError
from corpus.search import SearchHit, on_one_line, search
from corpus.text import counted, inert, json_text, one_line
from tui.cli import cli, echo_error, every_document_needed, open_workspace, unreadable_document
from tui.cli_options import check_doc_filters, shown, usage_error
from tui.cli_passages import no_such_document

if TYPE_CHECKING:
    from corpus.model import Document
    from corpus.workspace import Workspace

OTHER_FORMS = "\N{ALMOST EQUAL TO}"
"""Marks a hit that has the query's words in other forms, as the reader's list does."""
MARKS = (
    "\N{MATHEMATICAL LEFT WHITE SQUARE BRACKET}",
    "\N{MATHEMATICAL RIGHT WHITE SQUARE BRACKET}",
)
"""Around the hit (or each of its words) when the output is not a terminal's: colour does not
survive a pipe or a file, and ``[`` ``]`` or ``**`` are in the documents' own text (citations,
Markdown), where a mark must not be mistaken for the text."""
REACH = 100
"""Characters of a long sentence kept on each side of the hit, so a line stays readable."""
UNLIMITED = sys.maxsize
"""No cut unless ``--limit`` asks for one: a script gets every hit, as from grep, and a person
at a terminal has ``| head`` or ``--limit``. A default cut would make a count taken by
``jq '.hits | length'`` or ``wc -l`` wrong without a word (the reader lists 500 of each kind,
and says how many it found)."""


@cli.command("search")
@click.argument("arguments", nargs=-1, required=True, metavar="[WORKSPACE] QUERY")
@click.option(
    "--doc",
    "doc_ids",
    multiple=True,
    metavar="ID",
    callback=check_doc_filters,
    help="Only this document (repeatable).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="At most N hits, the phrase's first (default: every hit).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a line per hit.")
def search_text(
    arguments: tuple[str, ...], doc_ids: tuple[str, ...], limit: int | None, as_json: bool
) -> None:
    """Search the text of WORKSPACE's documents for QUERY, as the reader's / does.

    The phrase as typed comes first (any case, accents optional when you type none, spacing
    and typographic quotes and dashes forgiven), then, marked ≈, each other sentence that has
    every meaningful word of QUERY in some form ("relieving depressive" for "relieve
    depression"). A QUERY in double quotes ('"relieve depression"') is the phrase only.

    One line per hit: DOC:START-END, then its sentence with the hit marked (reversed on a
    terminal, between ⟦ and ⟧ otherwise). No hit is not an error: nothing is printed, stderr
    says so, and the status is 0. A document that cannot be read is named on stderr; the
    others are searched, then the status is 1. With --limit N, stderr says how many hits
    there were when N cut the list (--json: "truncated" and "found").
    """
    workspace, query = _split(arguments)
    if not query.strip():
        raise usage_error("The query is empty.")
    opened = _open(workspace, query)
    for doc_id in doc_ids:
        if doc_id not in opened.document_ids:
            raise no_such_document(opened, doc_id)
    documents, unreadable = _readable(opened, doc_ids)
    # each kind up to the limit, then the phrase's first: the reader's order, cut once
    results = search(documents, query, limit=limit or UNLIMITED)
    hits = results.hits[: limit or UNLIMITED]
    by_id = {document.id: document for document in documents}
    if not results.hits:
        _say_nothing_found(query, len(documents), results.quoted, results.words)
    elif len(hits) < results.exact_found + results.word_forms_found:
        _say_cut(len(hits), results.exact_found, results.word_forms_found)
    if as_json:
        payload = {
            "query": query,
            "phrase_only": results.quoted,
            "hits": [_hit_json(by_id[hit.doc_id], hit) for hit in hits],
            "truncated": len(hits) < results.exact_found + results.word_forms_found,
            "found": {"exact": results.exact_found, "word_forms": results.word_forms_found},
            "unreadable_documents": [
                {"doc": error.doc_id, "reason": error.reason} for error in unreadable
            ],
        }
        click.echo(json_text(payload))
        return
    styled = _colour_wanted()
    for hit in hits:
        document = by_id[hit.doc_id]
        first, last = _line_of(document, hit)
        where = f"{inert(hit.doc_id)}:{hit.start}-{hit.end}"
        kind = "" if hit.exact else f"{OTHER_FORMS} "
        click.echo(f"{where}  {kind}{_marked(document.text, first, last, hit, styled)}")


def _split(arguments: tuple[str, ...]) -> tuple[Path | None, str]:
    """``[WORKSPACE] QUERY``: click cannot put an optional positional before a required one."""
    if len(arguments) == 1:
        return None, arguments[0]
    if len(arguments) == 2:
        return Path(arguments[0]), arguments[1]
    raise usage_error(
        "Give [WORKSPACE] QUERY, a query of several words in quotes "
        "(synoptic search WS 'relieve depression')."
    )


def _open(workspace: Path | None, query: str) -> Workspace:
    """The workspace; when it is not there, perhaps the first word of an unquoted query."""
    if workspace is not None and not (workspace.exists() or workspace.is_symlink()):
        raise SynopticError(
            f"There is no folder at {workspace}. To search for several words, put them in "
            f"quotes: synoptic search {shown(f'{workspace} {query}')}."
        )
    return open_workspace(workspace)


def _readable(
    opened: Workspace, doc_ids: tuple[str, ...]
) -> tuple[list[Document], list[DocumentError]]:
    """The documents to search, and those that could not be read (named on stderr: the exit
    status will be 1, after the hits in the others)."""
    if not doc_ids:
        every_document_needed(opened)
    documents: list[Document] = []
    unreadable: list[DocumentError] = []
    wanted = set(doc_ids)
    # in the workspace's order, whatever the order of --doc: the reader's order of hits
    for doc_id in (d for d in opened.document_ids if not wanted or d in wanted):
        try:
            documents.append(opened.load(doc_id))
        except DocumentError as exc:
            unreadable.append(exc)
            unreadable_document(exc, "it is not searched")
    return documents, unreadable


def _say_nothing_found(query: str, documents: int, quoted: bool, words: int) -> None:
    said = shown(one_line(query.strip(), 60))
    scope = f"{documents} document{'s' if documents != 1 else ''}"
    if quoted:
        echo_error(f"no match for the phrase {said} in {scope}.")
    elif words:
        echo_error(f"no match for {said} in {scope}, nor for other forms of its words.")
    else:
        echo_error(f"no match for {said} in {scope}.")


def _say_cut(listed: int, exact: int, others: int) -> None:
    """How many hits --limit left out, so a count of the lines is not taken for all."""
    kinds = f"{exact} of the phrase, {others} with its words in other forms"
    echo_error(
        f"listed the first {listed} of {counted(exact + others, 'hit')} ({kinds}); "
        "a larger --limit lists more."
    )


def _hit_json(document: Document, hit: SearchHit) -> dict[str, Any]:
    """A hit as ``--json`` gives it: the document's offsets and text, as ``match`` gives a
    passage; a word-form hit's words each where it is; the sentence it is in."""
    text = document.text
    first, last = _line_of(document, hit)
    return {
        "doc": hit.doc_id,
        "start": hit.start,
        "end": hit.end,
        "text": text[hit.start : hit.end],
        "exact": hit.exact,
        "words": [{"start": a, "end": b, "text": text[a:b]} for a, b in hit.words],
        "sentence": {"start": first, "end": last, "text": text[first:last]},
    }


def _line_of(document: Document, hit: SearchHit) -> tuple[int, int]:
    """Where the hit's sentence starts and ends (taking in all of the hit, which may run on
    into the next); outside any sentence (a heading, a code block), the line it is on."""
    if hit.sentence is not None:
        sentence = document.sentences[hit.sentence]
        if sentence.start <= hit.start < sentence.end:
            return min(sentence.start, hit.start), max(sentence.end, hit.end)
    text = document.text
    end = text.find("\n", hit.end)
    return text.rfind("\n", 0, hit.start) + 1, len(text) if end < 0 else end


def _colour_wanted() -> bool:
    """Reverse video for a person at a terminal; marks for a pipe, a file or ``NO_COLOR``."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _marked(text: str, first: int, last: int, hit: SearchHit, styled: bool) -> str:
    """``text[first:last]`` on one line with the hit, or each of its words, marked; a long
    sentence is cut :data:`REACH` characters either side of the hit, at a space."""
    spans = hit.words or ((hit.start, hit.end),)
    before = after = ""
    if spans[0][0] - first > REACH:
        space = text.find(" ", spans[0][0] - REACH, spans[0][0])
        first = spans[0][0] if space < 0 else space + 1
        before = "\N{HORIZONTAL ELLIPSIS}"
    if last - spans[-1][1] > REACH:
        space = text.rfind(" ", spans[-1][1], spans[-1][1] + REACH)
        last = spans[-1][1] + REACH if space < 0 else space
        after = "\N{HORIZONTAL ELLIPSIS}"
    pieces = [before]
    done = first
    for start, end in spans:
        pieces.append(_flat(text[done:start]))
        word = _flat(text[start:end])
        pieces.append(
            click.style(word, bold=True, reverse=True) if styled else f"{MARKS[0]}{word}{MARKS[1]}"
        )
        done = end
    pieces.append(_flat(text[done:last]))
    pieces.append(after)
    return "".join(pieces).strip()


def _flat(piece: str) -> str:
    """A piece of a line, flattened (:func:`corpus.search.on_one_line`) and inert."""
    return inert(on_one_line(piece))
