"""Sharing annotations through git: ``synoptic init`` and the ``merge-driver`` git runs.

``synoptic init`` marks the annotation files in ``.gitattributes`` and defines the driver in the
clone's git config; when two clones changed the same annotation file, git then runs
``synoptic merge-driver %O %A %B %P``, which merges the file note by note
(:mod:`annotations.merge`) instead of line by line.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from corpus.errors import SynopticError
from corpus.text import inert, json_text, one_line
from tui.cli import (
    WORKSPACE_ARGUMENT,
    cli,
    echo_error,
    open_workspace,
    unreadable_document,
    unreadable_notes,
)
from tui.cli_options import check_author_option

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from annotations.merge import UnmergeableAnnotations
    from annotations.model import Annotation
    from annotations.sharing_orphans import Orphans
    from corpus.workspace import Workspace

IMPORT_CHECK_TIMEOUT_S = 30.0
SAFE_MODULE_RUN = ("-P", "-m", "tui")
"""How this interpreter runs Synoptic from a folder it does not trust (``-P``: not from it)."""


def synoptic_invocation() -> str:
    """A shell command that runs this installation of ``synoptic`` from any folder.

    The interpreter running now, by its absolute path, with ``-m tui``: it does not depend on
    PATH (git hooks and GUI clients often have a different one) and keeps a virtual
    environment's packages. ``-P`` keeps the folder git runs it in off the import path: a
    ``tui.py`` committed to the repository would otherwise be imported instead of Synoptic,
    running a collaborator's code and "merging" by doing nothing. The ``synoptic`` script
    found on PATH is the fallback when the interpreter's path is unknown.
    """
    if sys.executable:
        return shlex.join([str(Path(sys.executable).absolute()), *SAFE_MODULE_RUN])
    script = shutil.which("synoptic")
    if script is None:
        raise SynopticError("Cannot tell how to run synoptic from git: no Python path, no script.")
    return shlex.quote(str(Path(script).absolute()))


def _runs_from(folder: Path) -> bool:
    """Whether this interpreter can import Synoptic when started in ``folder`` (as git will)."""
    if not sys.executable:
        return True
    try:
        result = subprocess.run(
            [sys.executable, "-P", "-c", "import tui.cli"],
            cwd=folder,
            capture_output=True,
            timeout=IMPORT_CHECK_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


@cli.command("init")
@WORKSPACE_ARGUMENT
@click.option("--json", "as_json", is_flag=True, help="Describe what was done as JSON.")
def init_workspace(workspace: Path | None, as_json: bool) -> None:
    """Make WORKSPACE ready to share annotations through git.

    Creates annotations/ with its .gitignore, adds 'annotations/**/*.json merge=synoptic' to
    WORKSPACE/.gitattributes and defines the 'synoptic' merge driver in the repository's own
    git config. Commit .gitattributes and annotations/.gitignore; run `synoptic init` once in
    every clone, since git never copies driver settings. Running it again changes nothing.
    """
    from annotations.gitsetup import apply_setup, driver_command, plan_setup

    root = open_workspace(workspace).root
    invocation = synoptic_invocation()
    plan = plan_setup(root, invocation)
    changes = plan.changes
    if not as_json:
        if changes:
            click.echo(f"Setting up {inert(str(root))} to share annotations through git:")
            for step in changes:
                click.echo(f"  - {inert(step.describe())}")
        elif plan.git_problem is None:
            click.echo(f"{inert(str(root))} is already set up for git; nothing to change.")
        else:
            click.echo(
                f"{inert(str(root))} has its files for sharing, nothing to change there; "
                "the merge driver is not set up."
            )
    apply_setup(plan)
    problems: list[str] = []
    if plan.git_problem is not None:
        problems.append(
            f"{root}: {plan.git_problem}. Then run `synoptic init` again to set up the merge "
            "driver."
        )
    elif plan.git_root is not None and not _runs_from(plan.git_root):
        problems.append(
            f"git will run '{invocation}', which cannot import Synoptic from {plan.git_root}; "
            "install Synoptic (pip install .) and run `synoptic init` again."
        )
    if as_json:
        report: dict[str, Any] = {
            "workspace": str(root),
            "git_root": None if plan.git_root is None else str(plan.git_root),
            "git_problem": plan.git_problem,
            "driver": None if plan.git_root is None else driver_command(invocation),
            "changed": bool(changes),
            "steps": [
                {
                    "action": step.action,
                    "target": step.target,
                    "value": step.value,
                    "changed": step.needed,
                    "previous": step.previous,
                    "description": step.describe(),
                }
                for step in plan.steps
            ],
            "warnings": problems,
        }
        click.echo(json_text(report))
    elif plan.git_problem is not None:
        if changes:  # not "Done. Commit ...": there is no repository to commit to, no driver
            click.echo("The files are ready; the merge driver is not set up.")
    elif any(step.action != "git-config" for step in changes):
        click.echo(
            "Done. Commit .gitattributes and annotations/.gitignore; in every other clone run "
            "`synoptic init` once (git does not copy merge driver settings)."
        )
    elif changes:
        click.echo("Done: git now merges this clone's annotation files note by note.")
    for problem in problems:
        echo_error(problem)


@cli.command("merge-driver")
@click.argument("base", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("ours", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("theirs", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("path", required=False)
def merge_driver(base: Path, ours: Path, theirs: Path, path: str | None) -> None:
    """Merge three versions of an annotation file note by note (git runs this).

    BASE, OURS and THEIRS are git's %O, %A and %B; PATH (%P) is the file's name in the
    repository, used in messages. The merged file replaces OURS. If a version cannot be read,
    OURS is left as it is and the exit status is 1, so git reports a conflict.
    """
    from annotations.merge import UnmergeableAnnotations, merge_files
    from corpus.files import atomic_write_text

    name = path or str(ours)
    texts: list[bytes] = []
    for which, file in (
        ("the base version", base),
        ("our version", ours),
        ("their version", theirs),
    ):
        try:
            texts.append(file.read_bytes())
        except OSError as exc:
            raise SynopticError(
                f"not merging {name}: cannot read {which} {file} ({exc.strerror or exc})."
            ) from exc
    if path:
        labels = ("the base version", "our version", "their version")
    else:
        labels = (f"the base version {base}", f"our version {ours}", f"their version {theirs}")
    try:
        merged = merge_files(
            texts[0], texts[1], texts[2], labels=labels, on_unreadable_base=_said_of_base(name)
        )
    except UnmergeableAnnotations as exc:
        raise SynopticError(
            f"not merging {name}: {exc}; the file is left in conflict for you to resolve."
        ) from exc
    try:
        atomic_write_text(ours, merged)
    except (OSError, UnicodeError) as exc:
        raise SynopticError(f"not merging {name}: cannot write {ours} ({exc}).") from exc


def _said_of_base(name: str) -> Callable[[UnmergeableAnnotations], None]:
    """What the driver tells the person pulling when it merges ``name`` without its base."""

    def say(unreadable: UnmergeableAnnotations) -> None:
        echo_error(
            f"merging {name} without its base version, which cannot be read ({unreadable}): "
            "each note the two versions disagree on keeps both, the other one reported by "
            "`synoptic status` as kept from a conflict."
        )

    return say


def _orphans(
    opened: Workspace, annotations: Sequence[Annotation]
) -> tuple[Orphans, dict[str, str]]:
    """The notes a pull (or an edit here) left without their passage, found as ``synoptic
    notes`` finds them, and the documents with notes that cannot be read, with why.

    The notes on a document that cannot be read (binary after a bad merge, no permission) are
    not orphans: their passages are not gone, only not known, and telling their authors to
    re-attach them would have them redo work for nothing. They are named apart, and the
    document on stderr, and the status ends with exit status 1.
    """
    from annotations.placement import place_all
    from annotations.sharing_orphans import find_orphans
    from corpus.errors import DocumentError

    texts: dict[str, str] = {}
    unreadable: dict[str, str] = {}
    for doc in sorted({a.target.doc for a in annotations} & set(opened.document_ids)):
        try:
            texts[doc] = opened.read_text(doc).text
        except DocumentError as exc:
            unreadable_document(exc, "its notes are not placed, so not counted as orphaned")
            unreadable[doc] = exc.reason
    placeable = [a for a in annotations if a.target.doc not in unreadable]
    orphans = find_orphans(place_all(placeable, texts), opened.root, opened.document_ids)
    return orphans, unreadable


def _unreadable_json(
    unreadable: dict[str, str], annotations: Sequence[Annotation]
) -> list[dict[str, Any]]:
    """``unreadable_documents`` in ``status --json``: each document with notes that cannot be
    read, why, and the ids of the notes on it."""
    return [
        {
            "doc": doc,
            "reason": reason,
            "notes": [a.id for a in annotations if a.target.doc == doc],
        }
        for doc, reason in unreadable.items()
    ]


def _not_placed_line(row: dict[str, Any]) -> str:
    count = len(row["notes"])
    notes = "1 note on it is" if count == 1 else f"{count} notes on it are"
    return (
        f"Cannot read {row['doc']}: {row['reason']}; {notes} not placed until it can be read "
        "(not orphaned: there is nothing to re-attach)."
    )


@cli.command("status")
@WORKSPACE_ARGUMENT
@click.option(
    "--author",
    metavar="NAME",
    callback=check_author_option,
    help="Read as NAME (default: config, git user.name, login).",
)
@click.option(
    "--mark-seen",
    is_flag=True,
    help="Record the notes by others as seen, as opening the reader does.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def sharing_status_command(
    workspace: Path | None, author: str | None, mark_seen: bool, as_json: bool
) -> None:
    """What changed in a shared WORKSPACE: notes by others since the reader was last opened,
    notes that lost their passage (and the new name of a document git saw renamed), unmerged
    or uncommitted annotation files, commits to push or pull (as of the last fetch), and
    whether the merge driver is set up.

    The first time, it records the notes by others there now as the starting point, as
    opening the reader does; later it only reads, and the notes it lists stay new until the
    reader shows them or --mark-seen records them. Git is asked, never the network. A notes
    file that cannot be read is named in the status, which then ends with exit status 1; so
    is a document with notes that cannot be read (its notes are not counted as orphaned).
    """
    from annotations.author import resolve_author
    from annotations.sharing import sharing_status
    from annotations.sharing_seen import read_seen, write_seen
    from annotations.store import AnnotationStore

    opened = open_workspace(workspace)  # says which folders cannot be read, as all do
    root = opened.root
    store = AnnotationStore(root, resolve_author(root, author))
    loaded = store.load()
    unreadable_notes(loaded.problems, None)  # named in the status itself, then exit 1
    seen = read_seen(root, store.author)
    orphans, unreadable = _orphans(opened, loaded.annotations)
    status = sharing_status(
        root,
        store.author,
        loaded.annotations,
        loaded.tombstones,
        [str(problem) for problem in loaded.problems],
        seen=seen,
        orphans=orphans,
    )
    not_placed = _unreadable_json(unreadable, loaded.annotations)
    unrecorded: str | None = None
    if mark_seen:
        try:
            write_seen(root, store.author, loaded.annotations, previous=seen)
        except OSError as exc:
            raise SynopticError(
                f"Cannot record which notes you have seen ({exc.strerror or exc})."
            ) from None
    elif seen.versions is None:
        # A first visit sets the starting point, as opening the reader does: without it, a
        # user of the command line alone would be told "first visit" forever and never hear of
        # a note that a pull brought.
        try:
            write_seen(root, store.author, loaded.annotations, previous=seen)
        except OSError as exc:
            unrecorded = str(exc.strerror or exc)
    if as_json:
        click.echo(json_text(status.to_json() | {"unreadable_documents": not_placed}))
        return
    click.echo(f"{inert(str(root))}, read by {inert(store.author)}:")
    lines = status.details()
    git_at = next((i for i, line in enumerate(lines) if line.startswith("Git:")), len(lines))
    lines[git_at:git_at] = [_not_placed_line(row) for row in not_placed]  # what waits, then git
    for line in lines:
        click.echo(f"  {inert(line)}")
    if unrecorded is not None:
        click.echo(
            f"  Cannot record this starting point ({inert(unrecorded)}), so the next status "
            "is a first visit again."
        )
    for note in (*status.news.added, *status.news.edited):
        quote = one_line(note.target.quote, 60)
        where = f"{note.author} on {note.target.doc}"
        click.echo(f"    {inert(where)}: \u201c{inert(quote)}\u201d")
    if status.news.count and not mark_seen:
        click.echo(
            "  They count as new until you open the reader or run `synoptic status --mark-seen`."
        )
