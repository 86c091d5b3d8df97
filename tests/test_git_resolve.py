"""Resolving the versions a note keeps from conflicting changes.

Real repositories and ``synoptic`` commands, as in ``test_git_sharing.py`` and
``test_git_moves.py`` (whose fixtures these tests share).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_git_moves import OLD, exchange, one_note_on_both_clones
from test_git_sharing import (
    Shared,
    commit,
    edit,
    listed,
    make_shared,
    publish,
    shard,
    stored,
    superseded_notes,
    use_git_defaults_only,
)


@pytest.fixture(autouse=True)
def git_defaults_only(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    use_git_defaults_only(tmp_path_factory, monkeypatch)


@pytest.fixture
def shared(tmp_path: Path, sample_workspace: Path, cli) -> Shared:
    return make_shared(tmp_path, sample_workspace, cli)


def resolve(cli, clone: Path, *options: str) -> dict[str, Any]:
    result = cli("note", "resolve", clone, *options, "--author", "Alice", "--json")
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def conflict(cli, shared: Shared) -> str:
    """A note edited on both clones and merged: it shows B's text and keeps A's."""
    note = one_note_on_both_clones(cli, shared)
    edit(cli, shared.a, "Alice", note, "edited on A")
    edit(cli, shared.b, "Alice", note, "edited on B, later")
    exchange(cli, shared)
    return note


def reported(cli, clone: Path) -> list[str]:
    """The ids ``synoptic status --json`` names as keeping versions from conflicts."""
    result = cli("status", clone, "--author", "Alice", "--json")
    assert result.returncode == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)["kept_versions"]]


def texts(versions: object) -> list[object]:
    assert isinstance(versions, list)
    return [version["text"] for version in versions]


def test_resolve_stops_the_reports_and_keeps_the_version(cli, shared: Shared) -> None:
    note = conflict(cli, shared)
    before = stored(shared.a)[note]
    assert reported(cli, shared.a) == [note]

    row = resolve(cli, shared.a, note)
    assert (row["text"], row["kept_versions"]) == ("edited on B, later", [])
    assert texts(row["resolved_versions"]) == ["edited on A"]

    assert reported(cli, shared.a) == []
    assert "conflicting" not in cli("status", shared.a, "--author", "Alice").stdout
    assert "!" not in cli("notes", shared.a).stdout
    [listed_row] = listed(cli, shared.a)
    assert texts(listed_row["resolved_versions"]) == ["edited on A"]
    after = stored(shared.a)[note]
    assert after.superseded == before.superseded  # nothing deleted
    assert after.modified == before.modified  # not an edit: no conflict with one elsewhere

    # Resolving again changes nothing, not even the file.
    file = shard(shared.a, "Alice", OLD).read_bytes()
    again = cli("note", "resolve", shared.a, note, "--author", "Alice")
    assert again.returncode == 0, again.stderr
    assert "nothing to do" in again.stderr
    assert shard(shared.a, "Alice", OLD).read_bytes() == file


def test_a_resolve_on_one_clone_and_an_edit_on_the_other_lose_nothing(cli, shared: Shared) -> None:
    note = conflict(cli, shared)
    resolve(cli, shared.a, note)
    edit(cli, shared.b, "Alice", note, "edited again on B")
    exchange(cli, shared)

    for clone in (shared.a, shared.b):
        found = stored(clone)[note]
        assert found.note == "edited again on B"  # the edit stands ...
        assert superseded_notes(found) == ["edited on A"]  # ... and is no conflict
        assert reported(cli, clone) == []  # the resolve stands too
        [row] = listed(cli, clone)
        assert texts(row["resolved_versions"]) == ["edited on A"]


def test_resolving_on_both_clones_is_the_same_resolve(cli, shared: Shared) -> None:
    note = conflict(cli, shared)
    resolve(cli, shared.a, note)
    resolve(cli, shared.b, note)
    exchange(cli, shared)  # identical files on both clones, merged without a conflict
    assert reported(cli, shared.a) == []

    # The next conflict is reported again: only what was seen is resolved.
    edit(cli, shared.a, "Alice", note, "second round on A")
    edit(cli, shared.b, "Alice", note, "second round on B, later")
    exchange(cli, shared)
    assert reported(cli, shared.a) == [note]
    [row] = listed(cli, shared.a)
    assert texts(row["kept_versions"]) == ["second round on A"]
    assert texts(row["resolved_versions"]) == ["edited on A"]


def test_take_brings_a_kept_version_back_and_keeps_the_one_shown(cli, shared: Shared) -> None:
    note = conflict(cli, shared)
    row = resolve(cli, shared.a, note, "--take", "1")
    assert (row["text"], row["kept_versions"]) == ("edited on A", [])
    assert sorted(texts(row["resolved_versions"])) == ["edited on A", "edited on B, later"]
    commit(shared.a, "Took A's text back")
    publish(shared.a)
    publish(shared.b)
    assert stored(shared.b)[note].note == "edited on A"
    assert reported(cli, shared.b) == []

    wrong = cli("note", "resolve", shared.a, note, "--take", "1", "--author", "Alice")
    assert wrong.returncode == 1
    assert "keeps no unresolved versions" in wrong.stderr


def test_resolve_all_and_the_usage_mistakes(cli, shared: Shared) -> None:
    note = conflict(cli, shared)
    usage = cli("note", "resolve", shared.a, note, "--all", "--take", "1", "--author", "Alice")
    assert usage.returncode == 2
    assert "--take applies to one note" in usage.stderr
    too_far = cli("note", "resolve", shared.a, note, "--take", "2", "--author", "Alice")
    assert too_far.returncode == 2
    assert "give --take 1 (newest first" in too_far.stderr
    someone_else = cli("note", "resolve", shared.a, note, "--author", "Bea")
    assert someone_else.returncode == 1
    assert "You cannot resolve Alice's annotation" in someone_else.stderr
    assert reported(cli, shared.a) == [note]

    result = cli("note", "resolve", shared.a, "--all", "--author", "Alice", "--json")
    assert result.returncode == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == [note]
    assert reported(cli, shared.a) == []
