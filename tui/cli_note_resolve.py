"""``synoptic note resolve``: settle the versions a note keeps from conflicting changes.

A version that lost a conflict is kept and reported (``status``, ``notes``, the notes panel)
until its author has looked at it; reported forever, it would drown the next conflict. Resolving
marks the versions as seen (:meth:`annotations.store.AnnotationStore.resolve`) and deletes
nothing: they stay in the file and in ``notes --json`` (``resolved_versions``). ``--take N``
is for when the kept version was the right one: its words come back and the version shown until
now is kept in its place, so either can still be read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from corpus.errors import SynopticError
from corpus.text import counted, json_text
from tui.cli import echo_error, left_out, unreadable_notes
from tui.cli_note_access import _open, _saved_over, _split_workspace
from tui.cli_note_show import annotation_json, cited_texts, place, show_note
from tui.cli_notes import AUTHOR_OPTION, JSON_OPTION, note
from tui.cli_options import usage_error
from tui.cli_passages import no_such_annotation, not_yours

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from annotations.errors import AnnotationFileError
    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from corpus.workspace import Workspace

_SAID = ("note", "tags", "verdict", "links", "claim")
"""What a kept version says, and so what ``--take`` brings back; the passage stays (a note is
moved with ``note reattach``)."""


def _taken(current: Annotation, number: int) -> Annotation:
    """``current`` edited to say what its ``number``-th unresolved kept version (newest first,
    as ``kept_versions`` lists them) said, keeping ``current``'s own version in its place and
    every version it keeps resolved."""
    from annotations.conflicts import unresolved_records, version_key
    from annotations.errors import AnnotationFormatError
    from annotations.model import Annotation
    from annotations.note_versions import note_version

    records = unresolved_records(current)
    if not records:
        raise SynopticError(f"Note {current.id} keeps no unresolved versions: none to take.")
    if not 1 <= number <= len(records):
        choices = "1" if len(records) == 1 else f"1 to {len(records)}"
        raise usage_error(
            f"Note {current.id} keeps {counted(len(records), 'unresolved version')}: give --take "
            f"{choices} (newest first, as `synoptic notes --json` lists kept_versions)."
        )
    if current.deleted:
        raise SynopticError(
            f"Note {current.id} is deleted: bring it back first (`synoptic note restore "
            f"{current.id}`, if it was deleted on this machine), or add a new note with that "
            "version's text."
        )
    chosen = records[number - 1]
    if chosen.get("deleted") is True:
        raise SynopticError(
            f"Version {number} of note {current.id} is a deletion: to take it, delete the note "
            f"(`synoptic note rm {current.id}`)."
        )
    mine = current.to_record()
    try:
        said = Annotation.from_record(mine | {k: chosen[k] for k in _SAID if k in chosen})
    except AnnotationFormatError as exc:
        raise SynopticError(
            f"Version {number} of note {current.id} cannot be taken back: {exc}. It stays "
            "kept; copy what you need from `synoptic notes --json`."
        ) from None
    changes: dict[str, Any] = {name: getattr(said, name) for name in _SAID}
    if all(changes[name] == getattr(current, name) for name in _SAID):
        raise SynopticError(
            f"Version {number} of note {current.id} says what the note says (it differs in "
            "its passage or time only); resolve without --take, or move the note with "
            "`synoptic note reattach`."
        )
    shown = note_version(mine)
    kept = (*current.superseded, shown)
    settled = (*current.resolved, *(version_key(r) for r in kept))
    return current.edited(**changes, superseded=kept, resolved=settled)


def _resolve_one(store: AnnotationStore, current: Annotation, take: int | None) -> Annotation:
    """Resolve (or take back a version of) one note; says on stderr what was done."""
    from annotations.conflicts import kept_versions

    count = len(kept_versions(current))
    if take is not None:
        taken = _taken(current, take)
        saved = _saved_over(store.update(taken), taken)
        click.echo(
            f"Note {current.id} says what version {take} said again; the text it showed is "
            f"kept, and its {counted(count, 'kept version')} "
            f"{'is' if count == 1 else 'are'} resolved.",
            err=True,
        )
        return saved
    if not count:
        click.echo(f"Note {current.id} keeps no unresolved versions; nothing to do.", err=True)
        return current
    resolved = store.resolve(current)
    noun = "version" if count == 1 else "versions"
    click.echo(
        f"Resolved {count} kept {noun} of note {current.id}; still kept, they are listed "
        "under resolved_versions by `synoptic notes --json`.",
        err=True,
    )
    return resolved


def _resolve_each(store: AnnotationStore, mine: list[Annotation]) -> list[Annotation]:
    """Resolve each of ``mine``, going on past one whose file refuses the write (read-only,
    locked by another program): the notes resolved, as ``--all`` prints them.

    Stopping at the first failure left the notes before it resolved with nothing printed,
    so a script could not tell which were; now each failure is named with why, the others
    are resolved and printed, and the command exits 1 (:func:`tui.cli.left_out`).
    """
    resolved: list[Annotation] = []
    for annotation in mine:
        try:
            resolved.append(_resolve_one(store, annotation, None))
        except SynopticError as exc:
            echo_error(f"note {annotation.id} is not resolved: {exc}")
    if len(resolved) < len(mine):
        failed = len(mine) - len(resolved)
        echo_error(
            f"resolved {len(resolved)} of {len(mine)} notes; {failed} not (said above) keep "
            "their versions unresolved: run `synoptic note resolve --all` again once fixed."
        )
        left_out()
    return resolved


@note.command("resolve")
@click.argument("arguments", nargs=-1, metavar="[WORKSPACE] ID")
@click.option(
    "--all", "every", is_flag=True, help="Every one of your notes that keeps unresolved versions."
)
@click.option(
    "--take",
    type=click.IntRange(min=1),
    metavar="N",
    help="Take back what kept version N said (newest first); the current text is kept instead.",
)
@AUTHOR_OPTION
@JSON_OPTION
def note_resolve(
    arguments: tuple[str, ...], every: bool, take: int | None, author: str | None, as_json: bool
) -> None:
    """Mark the versions one of your notes keeps from conflicting changes as seen.

    Nothing is deleted: the versions stay in the note's file and in `synoptic notes --json`
    (resolved_versions); `status` and the reader's notes panel stop reporting them. With
    --take N the note says again what kept version N said, and the version it showed is kept.
    """
    from annotations.conflicts import kept_versions

    if every:
        if take is not None:
            raise usage_error("--take applies to one note: give its ID without --all.")
        if len(arguments) > 1:
            raise usage_error("With --all, give at most the WORKSPACE.")
        opened, store = _open(_workspace(arguments), author)
        problems = _holding_yours(store, store.load().problems)
        unreadable_notes(problems, "your notes in it are not resolved")
        own = store.own_ids()  # one pass: is_own per note reads every file each time
        mine = [a for a in store.all(include_deleted=True) if a.id in own and kept_versions(a)]
        if not mine and not as_json:
            readable = " that can be read" if problems else ""
            click.echo(f"None of your notes{readable} keeps unresolved versions.")
        _print(opened, store, _resolve_each(store, mine), as_json)
        return
    if not arguments:
        raise usage_error("Give [WORKSPACE] ID, or --all.")
    workspace, annotation_id = _split_workspace(arguments, "ID")
    opened, store = _open(workspace, author)
    current = store.get(annotation_id)
    if current is None:
        raise no_such_annotation(annotation_id, store)
    if current.author != store.author:  # before "nothing to do", which would hide whose it is
        instead = (
            f"Its kept versions are reported to {current.author}, who resolves them; reply to "
            f"it (`synoptic note add WORKSPACE --reply-to {current.id} --text TEXT`) to say "
            "which version is right."
        )
        raise not_yours(current, store.author, "resolve", instead)
    _print(opened, store, [_resolve_one(store, current, take)], as_json, one=True)


def _holding_yours(
    store: AnnotationStore, problems: Sequence[AnnotationFileError]
) -> list[AnnotationFileError]:
    """The unreadable files and folders among ``problems`` that hold (or may hold) notes of
    the store's author: theirs are all ``--all`` would resolve."""
    mine = store.author_folder
    return [
        p for p in problems if p.path == mine or mine in p.path.parents or p.path in mine.parents
    ]


def _workspace(arguments: tuple[str, ...]) -> Path | None:
    from pathlib import Path

    return Path(arguments[0]) if arguments else None


def _print(
    opened: Workspace,
    store: AnnotationStore,
    notes: list[Annotation],
    as_json: bool,
    *,
    one: bool = False,
) -> None:
    """The notes as ``notes`` prints them; a deleted one (whose kept versions can be resolved
    too) says so."""
    if not as_json:
        for annotation in notes:
            show_note(opened, store, annotation, as_json=False)
            if annotation.deleted:
                click.echo("    (deleted)")
        return
    cited = cited_texts(opened, notes)
    rows = [
        annotation_json(place(opened, store, a), cited) | ({"deleted": True} if a.deleted else {})
        for a in notes
    ]
    click.echo(json_text(rows[0] if one else rows))
