"""``synoptic note restore``: a note deleted by mistake comes back, with its id and replies,
and stays back once shared through git (real repositories and the real merge driver)."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from git_helpers import (
    DOCS,
    Shared,
    add,
    assert_clean,
    assert_same_notes,
    commit,
    edit,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
    listed,
    publish,
    remove,
    shared_fixture,  # noqa: F401 - a fixture
    stored,
)
from test_cli_notes import add as add_note

if TYPE_CHECKING:
    from pathlib import Path


def test_a_note_restored_on_an_unreadable_document_comes_back_and_exits_1(
    cli, sample_workspace: Path
) -> None:
    """As ``note edit`` does (tests/test_cli_exit_statuses.py, whose table cannot hold a
    command that needs a deletion made first in the same data folder): the note is back,
    its document is named on stderr, and the status says the answer lacks its place."""
    note = add_note(cli, sample_workspace, "--text", "Says so.")
    assert cli("note", "rm", sample_workspace, note["id"], "--author", "Ann").returncode == 0
    (sample_workspace / note["doc"]).write_bytes(b"\x00\x01 not text")
    back = cli("note", "restore", sample_workspace, note["id"], "--author", "Ann", "--json")
    assert back.returncode == 1
    assert note["doc"] in back.stderr and "Traceback" not in back.stderr
    assert json.loads(back.stdout)["id"] == note["id"]
    listed_now = cli("notes", sample_workspace, "--json")
    assert [row["id"] for row in json.loads(listed_now.stdout)] == [note["id"]]


def test_a_deleted_note_is_listed_and_restored_with_its_replies(
    cli, sample_workspace: Path
) -> None:
    note = add_note(cli, sample_workspace, "--text", "Says so.", "--tag", "mood")
    reply = add_note(cli, sample_workspace, "--text", "No.", "--reply-to", note["id"], author="Bob")
    gone = cli("note", "rm", sample_workspace, note["id"], "--author", "Ann")
    assert gone.returncode == 0, gone.stderr
    assert f"synoptic note restore {note['id']}" in gone.stdout  # the way back, said at once

    kept = cli("note", "restore", sample_workspace, "--list", "--author", "Ann", "--json")
    assert kept.returncode == 0, kept.stderr
    assert [(row["id"], row["text"]) for row in json.loads(kept.stdout)] == [
        (note["id"], "Says so.")
    ]
    theirs = cli("note", "restore", sample_workspace, note["id"], "--author", "Bob")
    assert theirs.returncode == 1 and "Ann's" in theirs.stderr

    back = cli("note", "restore", sample_workspace, note["id"], "--author", "Ann", "--json")
    assert back.returncode == 0, back.stderr
    shown = json.loads(back.stdout)
    assert {k: shown[k] for k in ("id", "text", "tags", "quote")} == {
        k: note[k] for k in ("id", "text", "tags", "quote")
    }
    rows = {row["id"]: row for row in cli_json(cli, sample_workspace)}
    assert set(rows) == {note["id"], reply["id"]}
    assert rows[reply["id"]]["reply_to"] == note["id"]

    again = cli("note", "restore", sample_workspace, note["id"], "--author", "Ann")
    assert again.returncode == 1 and "is not deleted" in again.stderr
    empty = cli("note", "restore", sample_workspace, "--list", "--author", "Ann")
    assert empty.stdout == "No deleted notes to restore.\n"


def cli_json(cli, ws: Path) -> list[dict[str, object]]:
    result = cli("notes", ws, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_note_restored_after_its_deletion_was_shared_stays_restored(cli, shared: Shared) -> None:
    """Deleted and pushed, then restored on the same clone: the other clone, which has the
    deletion and changed the same file meanwhile, merges it restored, and so does this one."""
    a, b = shared.a, shared.b
    doc = DOCS[0]
    kept, other = (add(cli, a, "Alice", doc, i, f"note {i}") for i in (1, 2))
    commit(a, "Two notes")
    publish(a)
    remove(cli, a, "Alice", kept)
    commit(a, "Deleted one")
    publish(a)
    publish(b)  # B has the deletion

    back = cli("note", "restore", a, kept, "--author", "Alice")
    assert back.returncode == 0, back.stderr
    commit(a, "Restored it")
    edit(cli, b, "Alice", other, "note 2 edited on B")  # the same file, on the other clone
    commit(b, "Edited the other")
    publish(a)
    publish(b)  # the driver merges the restore (theirs) with the deletion (base)
    publish(a)

    for clone in (a, b):
        assert_clean(clone)
        notes = stored(clone)
        assert not notes[kept].deleted and notes[kept].note == "note 1"
        assert notes[other].note == "note 2 edited on B"
        assert {row["id"] for row in listed(cli, clone)} == {kept, other}
    assert_same_notes(cli, shared)
