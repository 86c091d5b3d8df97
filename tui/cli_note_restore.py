"""``synoptic note restore``: bring back a note you deleted, or list those that can be.

A deleted note's text leaves the workspace with it (the tombstone keeps only who wrote it and
where); the deleting user's data folder keeps it, to be brought back here with its id, so its
replies answer it again (see :mod:`annotations.deleted_notes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from corpus.text import inert_line, json_text
from tui.cli import echo_error
from tui.cli_note_access import _open, _split_workspace, refuse_others
from tui.cli_note_show import show_note
from tui.cli_notes import AUTHOR_OPTION, JSON_OPTION, note
from tui.cli_options import usage_error

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.deleted_notes import DeletedNote
    from annotations.store import AnnotationStore


@note.command("restore")
@click.argument("arguments", nargs=-1, metavar="[WORKSPACE] [ID]")
@click.option("--list", "listing", is_flag=True, help="List the notes you can restore.")
@AUTHOR_OPTION
@JSON_OPTION
def note_restore(
    arguments: tuple[str, ...], listing: bool, author: str | None, as_json: bool
) -> None:
    """Bring back one of your notes deleted in this workspace on this machine (`note rm`, or
    `x` in the reader), with its id, replies, links, kept versions and passage."""
    from pathlib import Path

    if listing:
        if len(arguments) > 1:
            raise usage_error("Give [WORKSPACE] with --list, not an ID.")
        _list(Path(arguments[0]) if arguments else None, author, as_json)
        return
    if not arguments:
        raise usage_error("Give [WORKSPACE] ID, or --list to see what can be restored.")
    from annotations.deleted_notes import restore_deleted

    workspace, annotation_id = _split_workspace(arguments, "ID")
    opened, store = _open(workspace, author)
    current = store.get(annotation_id)
    if current is not None:
        refuse_others(current, store, "restore")
    back = restore_deleted(store, annotation_id)
    show_note(opened, store, back, as_json)


def _list(workspace: Path | None, author: str | None, as_json: bool) -> None:
    """The notes of yours deleted here that are still deleted, latest deletion first."""
    from annotations.deleted_notes import deleted_notes

    opened, store = _open(workspace, author)
    kept, unreadable = deleted_notes(opened.root)
    restorable = [k for k in kept if _still_deleted(store, k)]
    for bad in unreadable:
        echo_error(
            f"A deleted note kept in {bad.path} cannot be read ({bad.reason}); the file is "
            "left as it is."
        )
    if as_json:
        rows = [
            {
                "id": k.annotation.id,
                "deleted": k.deleted,
                "doc": k.annotation.target.doc,
                "quote": k.annotation.target.quote,
                "text": k.annotation.note,
            }
            for k in restorable
        ]
        click.echo(json_text(rows))
        return
    if not restorable:
        click.echo("No deleted notes to restore.")
        return
    from annotations.times import local_time

    for k in restorable:
        a = k.annotation
        click.echo(f"{a.id}  deleted {local_time(k.deleted)}  {inert_line(a.target.doc)}")
        click.echo(f"  \u201c{inert_line(a.target.quote, 70)}\u201d")
        if a.note:
            click.echo(f"  {inert_line(a.note, 76)}")


def _still_deleted(store: AnnotationStore, kept: DeletedNote) -> bool:
    """Whether ``kept`` is one of the store author's notes and deleted still (not restored
    meanwhile, on another clone say)."""
    current = store.get(kept.annotation.id)
    return current is not None and current.deleted and current.author == store.author
