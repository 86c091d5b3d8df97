"""Who is annotating: the name written into each note and used for the author's folder.

The name is looked up where a person has most likely already said who they are, most explicit
first, so that notes made in a shared workspace are attributed without any setup.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from annotations.errors import AnnotationError
from corpus.files import follow_outside_links, outside_reason, outside_target
from corpus.text import inert

if TYPE_CHECKING:
    from pathlib import Path

CONFIG_PATH = (".synoptic", "config.toml")
GIT_TIMEOUT_S = 2.0
ANONYMOUS = "anonymous"


def check_author(name: str) -> str:
    """The author name as stored (stripped), or an error if it cannot name anyone.

    Raises:
        AnnotationError: the name is empty or contains control characters, which would end up
            in file contents and terminal output, or characters that change how the text
            around them reads (a right-to-left override, a line separator): a name is shown
            beside every note, where "Ann\u202e" would reverse what follows it, and
            displays strip them, so two different names would look alike.
    """
    if not isinstance(name, str):
        raise AnnotationError("The author name must be text.")
    for char in name:
        if unicodedata.category(char) == "Cc":
            raise AnnotationError(
                f"The author name {name!a} contains the control character U+{ord(char):04X}."
            )
        if inert(char) != char:
            raise AnnotationError(
                f"The author name {name!a} contains the invisible formatting character "
                f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})."
            )
    clean = name.strip()
    if not clean:
        raise AnnotationError("The author name is empty.")
    return clean


def _from_config(workspace_root: Path) -> str | None:
    import tomllib  # only when resolving, so the store's import stays light

    path = workspace_root.joinpath(*CONFIG_PATH)
    outside = None if follow_outside_links() else outside_target(path, workspace_root.resolve())
    if outside is not None and path.exists():
        raise AnnotationError(f"Cannot read the author from {path}: it {outside_reason(outside)}.")
    try:
        with path.open("rb") as handle:
            config = tomllib.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnnotationError(f"Cannot read the author from {path}: {exc}") from exc
    value = config.get("author")
    if value is None:
        return None
    if not isinstance(value, str):
        raise AnnotationError(f"{path}: 'author' must be a string.")
    return value


def _from_git(workspace_root: Path) -> str | None:
    import subprocess

    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            cwd=workspace_root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = result.stdout.strip()
    return name if result.returncode == 0 and name else None


def _from_login() -> str | None:
    import getpass

    try:
        return getpass.getuser() or None
    except (OSError, KeyError, ImportError):
        return None


def resolve_author(workspace_root: Path, explicit: str | None = None) -> str:
    """The name to annotate as.

    In order: ``explicit`` (the ``--author`` option), ``author`` in
    ``WORKSPACE/.synoptic/config.toml``, ``git config user.name`` in the workspace, the login
    name, then "anonymous". An explicit or configured name that is unusable is an error, since
    the user asked for it; names found automatically that are unusable are skipped.

    Raises:
        AnnotationError: the explicit or configured name is empty or has control characters,
            or the config file cannot be parsed.
    """
    if explicit is not None:
        return check_author(explicit)
    configured = _from_config(workspace_root)
    if configured is not None:
        return check_author(configured)
    for found in (_from_git(workspace_root), _from_login()):
        if found is None:
            continue
        try:
            return check_author(found)
        except AnnotationError:
            continue
    return ANONYMOUS
