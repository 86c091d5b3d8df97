"""Errors a user can cause and act on.

Each carries one sentence meant for a person; the CLI prints it to stderr without a traceback
and the reader shows it as a notification. Anything else that escapes is a bug.
"""

from __future__ import annotations


class SynopticError(Exception):
    """A problem with the user's input, described in one clear sentence."""


class WorkspaceError(SynopticError):
    """The workspace folder cannot be used at all (missing, not a folder, unreadable)."""


class DocumentError(SynopticError):
    """One document cannot be read; the rest of the workspace is still usable."""

    def __init__(self, doc_id: str, reason: str) -> None:
        super().__init__(f"{doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason
