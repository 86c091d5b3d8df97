"""What git reads to tell the annotations folder's state, as file stamps: the reader rechecks
sharing only when one of them changed.

The reader looks for notes from outside every 20 seconds; the notes' own files are checked by
the store (an unchanged folder gives back the very same answer), but the sharing check also ran
four git commands each time, about 14 ms of a worker's time, for a workspace nobody touched.
What those commands read is known: the repository's ``HEAD``, index, refs and configuration, the
attributes and ignore files, the annotations folder in the working tree. A pull, a fetch, a
commit, a checkout, ``synoptic init`` or a colleague's file each changes one of them, so a
stamp (inode, size, modification and change times) of each tells, with no git and no reading,
whether git could answer differently. What a stamp cannot see (a configuration included from
elsewhere, say) is caught by a full check every :data:`FULL_CHECK_S` seconds all the same.

Git is asked once per full check where its folders are (``git rev-parse``): a linked worktree
keeps its ``HEAD`` and index apart from the shared refs and configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import AnnotationError
from annotations.gitsetup import run_git
from annotations.store_format import ANNOTATIONS_FOLDER, SHARD_SUFFIX

if TYPE_CHECKING:
    from annotations.sharing_git import GitState

FULL_CHECK_S = 300.0
"""However unchanged the stamps, the reader checks everything again after this many seconds."""

Stamp = tuple[object, ...]
"""What :func:`git_stamp` returns: compared for equality, nothing else."""


@dataclass(frozen=True)
class GitFolders:
    """Where git keeps what it reads for the workspace."""

    git_dir: Path
    """This working tree's own: ``HEAD``, the index, ``FETCH_HEAD``."""
    common_dir: Path
    """Shared by every worktree of the repository: refs, configuration, ``info/``."""
    top: Path
    """The working tree's top folder: attributes and ignore files from there down count."""


def git_folders(workspace: Path) -> GitFolders | None:
    """Where git keeps the workspace's repository; None when it is in none (or git cannot
    be run: then the status says why, and only the folders' ``.git`` are watched)."""
    try:
        found = run_git(
            workspace, "rev-parse", "--absolute-git-dir", "--git-common-dir", "--show-toplevel"
        )
    except (FileNotFoundError, AnnotationError):
        return None
    lines = found.stdout.splitlines()
    if found.returncode != 0 or len(lines) != 3:
        return None
    git_dir, common_dir, top = (Path(line) for line in lines)
    # the common folder is given relative to the folder git ran in unless it is elsewhere
    return GitFolders(git_dir, workspace / common_dir, top)


def git_stamp(workspace: Path, folders: GitFolders | None, state: GitState | None) -> Stamp:
    """A stamp of every file git reads for :func:`~annotations.sharing_git.git_state` that a
    change of state would touch, given where git's folders are and the branch and upstream
    of the last ``state``. Stats only: no file is opened, no git is run."""
    return tuple(_stamp(path) for path in _watched(workspace, folders, state))


def _watched(workspace: Path, folders: GitFolders | None, state: GitState | None) -> list[Path]:
    # a repository made or removed above the workspace makes it one's, or no longer
    paths = [folder / ".git" for folder in (workspace, *workspace.parents)]
    paths.extend(_global_settings())
    paths.extend(_annotations_folder(workspace / ANNOTATIONS_FOLDER))
    if folders is None:
        return paths
    # attributes (the merge driver's) and ignore files from the top down to the workspace
    for folder in (workspace, *workspace.parents):
        paths.extend((folder / ".gitattributes", folder / ".gitignore"))
        if folder == folders.top:
            break
    own, common = folders.git_dir, folders.common_dir
    # HEAD: a checkout; the index: an add, a commit, a merge (and where it stopped); FETCH_HEAD:
    # every fetch and pull, even one that brought nothing but moved the upstream branch
    paths.extend(own / name for name in ("HEAD", "index", "MERGE_HEAD", "FETCH_HEAD"))
    paths.append(own / "config.worktree")
    paths.extend(common / name for name in ("config", "packed-refs", "reftable/tables.list"))
    paths.extend((common / "info" / "attributes", common / "info" / "exclude"))
    if state is not None:
        # the branch's own ref moves with a commit here, its upstream's with a fetch
        if state.branch:
            paths.append(common / "refs" / "heads" / state.branch)
        if state.upstream:  # "origin/main" names a remote branch, "main" a local one
            paths.append(common / "refs" / "remotes" / state.upstream)
            paths.append(common / "refs" / "heads" / state.upstream)
    return paths


def _global_settings() -> list[Path]:
    """The user's and the system's git configuration, attributes and ignore files."""
    home = Path.home()
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "git"
    paths = [Path(os.environ.get("GIT_CONFIG_GLOBAL") or home / ".gitconfig")]
    paths.extend(xdg / name for name in ("config", "attributes", "ignore"))
    if not os.environ.get("GIT_CONFIG_NOSYSTEM"):
        paths.append(Path(os.environ.get("GIT_CONFIG_SYSTEM") or "/etc/gitconfig"))
    return paths


def _annotations_folder(folder: Path) -> list[Path]:
    """The folder and its subfolders (a file added, removed or renamed in one changes its
    stamp), and the files that are not notes (``.gitignore``, a stray file git lists as
    untracked): the notes' own files are the store's to watch, and a desk has thousands."""
    paths = [folder]
    for parent, folders, files in os.walk(folder):
        base = Path(parent)
        paths.extend(base / name for name in folders)
        paths.extend(base / name for name in files if not name.endswith(SHARD_SUFFIX))
    return paths


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    """What changes when a file is written, replaced or touched; None when it is not there."""
    try:
        found = path.stat()
    except (OSError, ValueError):  # ValueError: a name git printed that the system refuses
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
