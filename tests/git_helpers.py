"""Git fixtures shared by the git tests: a sample workspace pushed to a bare repository and
cloned twice (A and B), each clone set up with ``synoptic init``, and the steps a person takes
on a clone (``synoptic note ...``, commit, fetch-merge-push), with real ``git`` and no mocks.

A test module imports the fixtures it uses (``git_defaults_only_fixture``, autouse, and
``shared_fixture``), so they apply to that module only, not to the whole suite.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotations.merge import parse_version
from annotations.model import Annotation
from annotations.store import AnnotationStore, author_slug, doc_key

DOCS = sorted(p.name for p in (Path(__file__).parent.parent / "corpus" / "sample").glob("*.txt"))
IDENTITY = ("-c", "user.name=Synoptic Tests", "-c", "user.email=tests@synoptic.invalid")
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})", re.MULTILINE)
DRIVER = shlex.join([sys.executable, "-P", "-m", "tui"]) + " merge-driver %O %A %B %P"


def use_git_defaults_only(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Git as on a fresh CI machine: no global or system settings (signing, hooks, rebasing
    pulls) from the developer's own configuration. The identity comes from conftest's
    environment and from ``-c`` on every command."""
    config = tmp_path_factory.mktemp("git-home") / "gitconfig"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)


def git(cwd: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["git", *IDENTITY, *args],
        cwd=cwd,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    if ok:
        assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result


# --- the shared workspace -----------------------------------------------------------------------


@dataclass
class Shared:
    origin: Path
    a: Path
    b: Path


def make_shared(tmp_path: Path, sample_workspace: Path, cli) -> Shared:
    """The sample workspace pushed to a bare repository and cloned twice, each clone set up."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--bare", "-b", "main", str(origin))
    git(sample_workspace, "init", "-b", "main")
    result = cli("init", sample_workspace)
    assert result.returncode == 0, result.stderr
    git(sample_workspace, "add", "-A")
    git(sample_workspace, "commit", "-m", "Five articles, ready for shared notes")
    git(sample_workspace, "remote", "add", "origin", str(origin))
    git(sample_workspace, "push", "origin", "main")
    clones = []
    for name in ("A", "B"):
        git(tmp_path, "clone", str(origin), name)
        clone = tmp_path / name
        result = cli("init", clone)
        assert result.returncode == 0, result.stderr
        assert "git config merge.synoptic.driver" in result.stdout
        assert "add the line" not in result.stdout  # committed: only the driver was missing
        assert git(clone, "status", "--porcelain").stdout == ""
        clones.append(clone)
    return Shared(origin, *clones)


def add(cli, clone: Path, author: str, doc: str, occurrence: int, text: str) -> str:
    result = cli(
        "note", "add", clone, "--doc", doc, "--quote", "Kratom", "--occurrence", str(occurrence),
        "--text", text, "--author", author, "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["id"])


def edit(cli, clone: Path, author: str, note_id: str, text: str) -> None:
    result = cli("note", "edit", clone, note_id, "--text", text, "--author", author, "--json")
    assert result.returncode == 0, result.stderr


def remove(cli, clone: Path, author: str, note_id: str) -> None:
    result = cli("note", "rm", clone, note_id, "--author", author, "--json")
    assert result.returncode == 0, result.stderr


def commit(clone: Path, message: str) -> None:
    git(clone, "add", "annotations")
    git(clone, "commit", "-m", message)


def publish(clone: Path) -> subprocess.CompletedProcess[str]:
    """Fetch, merge origin's work into ours (the merge driver runs here), push."""
    git(clone, "fetch", "origin")
    merged = git(clone, "merge", "--no-edit", "origin/main")
    git(clone, "push", "origin", "HEAD:main")
    return merged


def stored(clone: Path) -> dict[str, Annotation]:
    """Every annotation as the store loads it, tombstones included, by id."""
    loaded = AnnotationStore(clone, "reader").load()
    assert loaded.problems == ()
    return {a.id: a for a in loaded.annotations + loaded.tombstones}


def listed(cli, clone: Path) -> list[dict[str, object]]:
    result = cli("notes", clone, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def annotation_files(clone: Path) -> dict[str, bytes]:
    folder = clone / "annotations"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.json")}


def assert_clean(clone: Path) -> None:
    """A finished merge: nothing unmerged, nothing uncommitted, every file readable."""
    assert git(clone, "ls-files", "--unmerged").stdout == ""
    assert git(clone, "status", "--porcelain").stdout == ""
    for name, raw in annotation_files(clone).items():
        text = raw.decode("utf-8")
        assert not CONFLICT_MARKER.search(text), name
        parse_version(text, name)
        assert (
            text
            == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        )


def assert_same_notes(cli, shared: Shared) -> None:
    assert annotation_files(shared.a) == annotation_files(shared.b)
    assert {k: v.to_record() for k, v in stored(shared.a).items()} == {
        k: v.to_record() for k, v in stored(shared.b).items()
    }
    assert listed(cli, shared.a) == listed(cli, shared.b)
    assert (
        git(shared.a, "rev-parse", "HEAD^{tree}").stdout
        == git(shared.b, "rev-parse", "HEAD^{tree}").stdout
    )


def superseded_notes(annotation: Annotation) -> list[object]:
    return [version.get("note") for version in annotation.superseded]


def shard(clone: Path, author: str, doc: str) -> Path:
    return clone / "annotations" / author_slug(author) / f"{doc_key(doc)}.json"


# Fixtures, under other names than the ones tests ask for, so that a test module can import
# them (pytest finds them there) while its tests still take a ``shared`` argument.


@pytest.fixture(autouse=True, name="git_defaults_only")
def git_defaults_only_fixture(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    use_git_defaults_only(tmp_path_factory, monkeypatch)


@pytest.fixture(name="shared")
def shared_fixture(tmp_path: Path, sample_workspace: Path, cli) -> Shared:
    return make_shared(tmp_path, sample_workspace, cli)


# --- one note, edited and moved on the two clones ----------------------------------------------

OLD, NEW, OTHER = DOCS[0], DOCS[1], DOCS[2]


def tag(cli, clone: Path, note_id: str, *tags: str) -> None:
    options = [part for name in tags for part in ("--tag", name)]
    result = cli("note", "edit", clone, note_id, *options, "--author", "Alice", "--json")
    assert result.returncode == 0, result.stderr


def one_note_on_both_clones(cli, shared: Shared) -> str:
    note = add(cli, shared.a, "Alice", OLD, 1, "original")
    commit(shared.a, "A note")
    publish(shared.a)
    publish(shared.b)
    return note


def exchange(cli, shared: Shared) -> None:
    """Both clones commit, merge each other's work and end with the same notes."""
    commit(shared.a, "Work on A")
    commit(shared.b, "Work on B")
    publish(shared.a)
    publish(shared.b)
    publish(shared.a)
    for clone in (shared.a, shared.b):
        assert_clean(clone)
    assert_same_notes(cli, shared)
