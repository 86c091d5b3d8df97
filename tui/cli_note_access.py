"""Finding the note a ``synoptic note`` command acts on, and saving it: shared by the commands
that edit, reattach, resolve and restore notes (:mod:`tui.cli_notes` and its siblings), so
each refuses a colleague's note and a no-op save in the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# tui.cli is imported in the functions that need it: it imports the command modules that
# import this one, so at the top it would make importing this module first circular.
from tui.cli_options import usage_error
from tui.cli_passages import REPLY_INSTEAD, no_such_annotation, not_yours

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from corpus.workspace import Workspace


EMPTY_NOTE = (
    "An empty note says nothing: give --text with some words, or a --tag, --verdict, --link or "
    "--claim."
)
"""Why ``note add`` (and an edit that would empty a note) is refused, as the reader refuses it."""


def _saved_over(saved: Annotation, read: Annotation) -> Annotation:
    """``saved``, after saying so when it replaced a version changed since ``read`` was read
    (the store kept that version in ``superseded``)."""
    if len(saved.superseded) > len(read.superseded):
        from tui.cli import echo_error

        echo_error(
            f"note {saved.id} was changed elsewhere while this command ran; that version is "
            "kept in its superseded list"
        )
    return saved


def _saved_changes(
    store: AnnotationStore,
    current: Annotation,
    changes: dict[str, Any],
    unchanged: str = "already says that",
) -> Annotation:
    """``current`` with ``changes`` saved, or ``current`` itself when they change nothing
    (saying so on stderr: ``note ID {unchanged}; nothing was saved``): a no-op save would
    beat a real edit made on another clone meanwhile (see :meth:`Annotation.changed_by`) and
    add a line to ``git diff``.
    """
    if not current.changed_by(**changes):
        from tui.cli import echo_error

        echo_error(f"note {current.id} {unchanged}; nothing was saved")
        return current
    return _saved_over(store.update(current.edited(**changes)), current)


def _open(workspace: Path | None, author: str | None) -> tuple[Workspace, AnnotationStore]:
    from annotations.author import resolve_author
    from annotations.store import AnnotationStore
    from tui.cli import open_workspace

    opened = open_workspace(workspace)
    return opened, AnnotationStore(opened.root, resolve_author(opened.root, author))


def _split_workspace(arguments: tuple[str, ...], what: str) -> tuple[Path | None, str]:
    """``[WORKSPACE] ID``: click cannot put an optional positional before a required one."""
    from pathlib import Path

    if len(arguments) == 1:
        return None, arguments[0]
    if len(arguments) == 2:
        return Path(arguments[0]), arguments[1]
    raise usage_error(f"Give [WORKSPACE] {what}.")


def _open_annotation(
    arguments: tuple[str, ...], author: str | None, verb: str
) -> tuple[Workspace, AnnotationStore, Annotation]:
    """``[WORKSPACE] ID``: the workspace, its store, and the live annotation ID, which must be
    one of the user's own to ``verb`` it (the store refuses too, but in its own words)."""
    workspace, annotation_id = _split_workspace(arguments, "ID")
    opened, store = _open(workspace, author)
    current = store.get(annotation_id)
    if current is None or current.deleted:
        raise no_such_annotation(annotation_id, store)
    refuse_others(current, store, verb)
    return opened, store, current


def refuse_others(current: Annotation, store: AnnotationStore, verb: str) -> None:
    """Refuse to ``verb`` a colleague's note, saying what to do instead, in the words every
    notes command uses (:func:`tui.cli_passages.not_yours`)."""
    if current.author != store.author:
        instead = REPLY_INSTEAD.format(id=current.id, author=current.author, verb=verb)
        raise not_yours(current, store.author, verb, instead)
