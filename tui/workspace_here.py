"""Which workspace the current folder is, for a command given none.

Without a WORKSPACE every command uses the user's copy of the sample, which is right for a
first try and wrong for someone standing in their team's clone: ``synoptic init`` there set up
the sample for git, and ``synoptic note add`` wrote a note nobody else would ever see. So a
command given no folder first looks at where it runs. Nothing here reads a document or a note:
it looks for the signs a workspace or a clone leaves (``.synoptic/``, notes under
``annotations/``, ``.git``), from the current folder up to the top of its repository.
"""

from __future__ import annotations

import contextlib
import os
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.locations import SAMPLE_FOLDER, data_dir

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True)
class FolderHere:
    """A workspace or git clone the user is standing in."""

    root: Path
    workspace: bool
    """Whether it shows signs of being a Synoptic workspace, not only a git clone."""

    @property
    def kind(self) -> str:
        return "Synoptic workspace" if self.workspace else "git clone"

    def argument(self, cwd: Path) -> str:
        """How to name it on the command line from ``cwd``: ``.`` when it is that folder."""
        return "." if _same(self.root, cwd) else shlex.quote(str(self.root))


def sample_folder() -> Path:
    """Where the sample copy is (or will be), without making it."""
    return data_dir(create=False) / SAMPLE_FOLDER


def folder_here(cwd: Path) -> FolderHere | None:
    """The workspace or git clone at or above ``cwd``; None inside Synoptic's own data folder
    (the sample is the workspace there) or where there is none."""
    own = data_dir(create=False)
    if any(_same(folder, own) for folder in (cwd, *cwd.parents)):
        return None
    for folder in (cwd, *cwd.parents):
        if _has_notes(folder):
            return FolderHere(folder, workspace=True)
        if os.path.lexists(folder / ".git"):  # a clone's top (a worktree's .git is a file)
            return FolderHere(folder, workspace=False)
    return None


def _has_notes(folder: Path) -> bool:
    """Whether ``folder`` is a workspace: it has Synoptic's settings, or an ``annotations/``
    that ``synoptic init`` made or that holds an author's notes. Only those: a program's source
    package may well be called ``annotations`` too."""
    if (folder / ".synoptic").is_dir():
        return True
    notes = folder / "annotations"
    if (notes / ".gitignore").is_file():
        return True
    with contextlib.suppress(OSError):
        for author in notes.iterdir():
            if author.is_dir() and not author.is_symlink() and any(author.glob("*.json")):
                return True
    return False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
