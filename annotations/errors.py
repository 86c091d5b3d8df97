"""Errors of the annotation store and model, each worded for the person who has to act on it.

They all derive from :class:`AnnotationError`, itself a :class:`corpus.errors.SynopticError`, so
the command line prints them without a traceback and the reader shows them as a notification.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.errors import SynopticError

if TYPE_CHECKING:
    from pathlib import Path


REPAIR = 'the README says how under "Repairing a notes file"'
"""Where a refusal caused by an unreadable notes file sends its reader: a bad hand-edit already
committed is undone with git, which the message has no room to teach."""


class AnnotationError(SynopticError):
    """Something about annotations the user can understand and act on."""


class AnnotationFormatError(AnnotationError, ValueError):
    """A stored record is not a valid annotation; ``field`` names the part that is wrong."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class LinkError(AnnotationError, ValueError):
    """An evidence link was refused: not a web address, DOI or PubMed id we can open safely."""


def file_place(path: Path, line: int | None) -> str:
    """A place in a file as every message about a file that cannot be read names it (a notes
    file, the reader's settings), so a user learns one way to find the mistake."""
    return f"{path}" if line is None else f"{path}, line {line}"


class AnnotationFileError(AnnotationError):
    """An annotation file cannot be read; it is left as it is and never written."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(f"{file_place(path, line)}: {message}")
        self.path = path
        self.line = line
        self.message = message


class NotYourAnnotation(AnnotationError):
    """Someone else's annotation: it can be replied to, not edited or deleted."""


class ReadOnlyFile(AnnotationError):
    """The file this change would go to could not be read, so writing it could lose notes."""


class UnknownAnnotation(AnnotationError):
    """No annotation with this id (or it has been deleted)."""


class DeletedParent(AnnotationError):
    """A reply to an annotation that has been deleted (a tombstone)."""


class StoreBusy(AnnotationError):
    """Another process held the annotation file's lock for too long."""
