"""Where Synoptic keeps its own files, and the bundled sample workspace.

Every path comes from a function that creates its folder when first asked. ``SYNOPTIC_DATA_DIR``
points the data folder elsewhere, and ``SYNOPTIC_CACHE_DIR`` the cache folder, which the tests
use so they never touch a real home folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from corpus.errors import SynopticError

DATA_DIR_ENV = "SYNOPTIC_DATA_DIR"
CACHE_DIR_ENV = "SYNOPTIC_CACHE_DIR"
SAMPLE_FOLDER = "sample"


def data_dir(*, create: bool = True) -> Path:
    """The user data folder (platformdirs), or ``$SYNOPTIC_DATA_DIR`` when set.

    Raises:
        SynopticError: with ``create``, the folder cannot be made (a file is in the way, no
            permission): said in a sentence with the way out, never a traceback.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        from platformdirs import user_data_path

        path = user_data_path("synoptic", appauthor=False)
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SynopticError(
                f"Cannot use {path} for Synoptic's own data ({exc.strerror or exc}); "
                f"set {DATA_DIR_ENV} to a folder you can write."
            ) from None
    return path


def cache_dir(folder: str) -> Path:
    """The cache's ``folder`` (``passages``, ``claims``) in the platform cache folder, or in
    ``$SYNOPTIC_CACHE_DIR`` when set; created on first use. When it cannot be made, reading a
    cache there finds nothing and writing one fails, which its caller ignores: a cache only
    saves time, so it never stops a command."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        from platformdirs import user_cache_path

        path = user_cache_path("synoptic", appauthor=False)
    path = path / folder
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)
    return path


def bundled_sample_files() -> list[tuple[str, bytes]]:
    """(file name, bytes) of the sample articles shipped inside the package."""
    folder = resources.files("corpus") / SAMPLE_FOLDER
    return sorted(
        (entry.name, entry.read_bytes())
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith((".txt", ".md"))
    )


def sample_workspace() -> Path:
    """The user's writable copy of the sample workspace, made on first use.

    An existing copy is never overwritten: the user may have annotated or edited it. The copy is
    assembled in a temporary folder and renamed into place, so an interrupted first run cannot
    leave a half-made sample that later runs would mistake for the user's.
    """
    target = data_dir() / SAMPLE_FOLDER
    if target.exists():
        return target
    staging = Path(tempfile.mkdtemp(prefix=".sample-", dir=target.parent))
    try:
        for name, data in bundled_sample_files():
            (staging / name).write_bytes(data)
        (staging / "annotations").mkdir()
        try:
            staging.rename(target)
        except OSError:
            if not target.exists():  # lost a race with another first run: theirs is as good
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
