"""Shared fixtures: an isolated data folder, a deterministic environment, small workspaces."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO_ROOT / "corpus" / "sample"
SAMPLE_IDS = sorted(p.name for p in SAMPLE_DIR.glob("*.txt"))

NOTES_MD = """\
# Field notes

Kratom appears in every article of the sample. The notes compare their claims.

## Claims about mood

- Several articles say it may lift mood.
- Few cite a clinical trial.

## Open questions

Which claims rest on user reports? Which on studies?
"""


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own Synoptic data and cache folders: nothing touches the real home."""
    data = tmp_path_factory.mktemp("synoptic-data")
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(data))
    monkeypatch.setenv("SYNOPTIC_CACHE_DIR", str(tmp_path_factory.mktemp("synoptic-cache")))
    return data


@pytest.fixture(autouse=True)
def deterministic_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The same environment on every machine: colours on, no user theme, a git identity, UTC
    as the local time zone (times are shown to people in it), copies by OSC 52 only."""
    for name in (
        "NO_COLOR",
        "FORCE_COLOR",
        "TEXTUAL_THEME",
        "TEXTUAL_FILTERS",
        "SYNOPTIC_FOLLOW_OUTSIDE_LINKS",
    ):
        monkeypatch.delenv(name, raising=False)
    # No test hands a copy to the desktop's clipboard command: it would fill the clipboard of
    # whoever runs the tests (tests/test_reader_copy_command.py brings its own stand-ins).
    monkeypatch.setenv("SYNOPTIC_CLIPBOARD", "osc52")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.setenv("LANG", "C.UTF-8")
    # For tests that create git repositories (annotations history); harmless otherwise.
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Synoptic Tests")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "tests@synoptic.invalid")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Synoptic Tests")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "tests@synoptic.invalid")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    with local_time_zone("UTC"):
        yield


NEW_YORK = "EST+5EDT,M3.2.0,M11.1.0"
"""New York's time zone as a POSIX rule, which needs no time zone database."""


@contextlib.contextmanager
def local_time_zone(zone: str) -> Iterator[None]:
    """``zone`` as this process's local time zone (and its subprocesses'), until the end."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    """A writable copy of the five bundled sample articles."""
    root = tmp_path / "ws"
    root.mkdir()
    for path in SAMPLE_DIR.glob("*.txt"):
        shutil.copyfile(path, root / path.name)
    return root


@pytest.fixture
def mixed_workspace(sample_workspace: Path) -> Path:
    """The sample articles plus a Markdown document with headings and a list (sorted last)."""
    (sample_workspace / "notes.md").write_text(NOTES_MD, encoding="utf-8")
    return sample_workspace


@pytest.fixture
def make_workspace(tmp_path: Path) -> Callable[..., Path]:
    """A factory: ``make_workspace({"a.txt": "text", "b.bin.txt": b"bytes"})`` -> its folder."""
    counter = 0

    def make(files: dict[str, str | bytes], name: str | None = None) -> Path:
        nonlocal counter
        counter += 1
        root = tmp_path / (name or f"workspace-{counter}")
        root.mkdir(parents=True, exist_ok=True)
        for file_name, content in files.items():
            path = root / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


def benchmark_module(name: str) -> ModuleType:
    """``benchmarks/<name>.py``, imported as the benchmark runs it (a dataclass in it needs the
    module in ``sys.modules``), for tests that hold its figures to a floor."""
    path = REPO_ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_cli(
    *args: str | Path, data_dir: Path, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tui ARGS`` as a user would, with its data folder at ``data_dir``.

    It runs in the repository unless ``cwd`` is given, for what depends on the current folder;
    this checkout stays the one imported either way.
    """
    env = dict(os.environ, SYNOPTIC_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    if cwd is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=cwd or REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.fixture
def cli(isolated_data_dir: Path):
    """``cli(*args)`` runs the command line against this test's own data folder."""

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, data_dir=isolated_data_dir)

    return run


def folder_too_deep_to_list(root: Path) -> str:
    """A folder below ``root`` whose path is longer than the system allows, so that listing
    it fails even for root (who can read a folder without read permission); its id."""
    name = "d" * 250
    depth = 4096 // (len(name) + 1) + 2  # the last folders are past PATH_MAX
    handle = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=handle)
            deeper = os.open(name, os.O_RDONLY, dir_fd=handle)
            os.close(handle)
            handle = deeper
        with open(os.open("hidden.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=handle), "w") as f:
            f.write("A document nobody can reach.\n")
    finally:
        os.close(handle)
    return name
