"""Resolving the versions a note keeps from conflicting changes, and copies of a note written
before moves were recorded.

Real repositories and ``synoptic`` commands, as in ``test_git_sharing.py`` and
``test_git_moves.py`` (fixtures and steps from ``git_helpers.py``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from git_helpers import (
    NEW,
    OLD,
    Shared,
    add,
    assert_same_notes,
    commit,
    edit,
    exchange,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
    listed,
    one_note_on_both_clones,
    publish,
    shard,
    shared_fixture,  # noqa: F401 - a fixture
    stored,
    superseded_notes,
    tag,
)


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
    assert "is Alice's; you are writing as Bea, so you cannot resolve it" in someone_else.stderr
    assert reported(cli, shared.a) == [note]

    result = cli("note", "resolve", shared.a, "--all", "--author", "Alice", "--json")
    assert result.returncode == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == [note]
    assert reported(cli, shared.a) == []


# -- copies of a note from before moves were recorded --------------------------------------------


def move_as_older_synoptic_did(shared: Shared, note: str) -> None:
    """On clone A, the note moved to NEW as a Synoptic without ``moved_from`` wrote it: a copy
    in NEW's file (no ``moved_from``), the old copy left as it was in OLD's."""
    old = json.loads(shard(shared.a, "Alice", OLD).read_text(encoding="utf-8"))
    record = dict(old["annotations"][note])
    record.pop("moved_from")
    record["target"] = {**record["target"], "doc": NEW}
    record["modified"] = "2030-01-01T00:00:00.000000+00:00"
    path = shard(shared.a, "Alice", NEW)
    path.write_text(
        json.dumps({"annotations": {note: record}}, indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("later", ["move", "edit"])
def test_a_move_from_before_moves_were_recorded_and_an_edit_keep_both(
    cli, shared: Shared, later: str
) -> None:
    note = one_note_on_both_clones(cli, shared)
    move_as_older_synoptic_did(shared, note)
    if later == "edit":  # edited on B after the move: the later change
        old = json.loads(shard(shared.b, "Alice", OLD).read_text(encoding="utf-8"))
        old["annotations"][note] |= {
            "note": "edited on B",
            "modified": "2031-01-01T00:00:00.000000+00:00",
        }
        shard(shared.b, "Alice", OLD).write_text(
            json.dumps(old, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    else:
        edit(cli, shared.b, "Alice", note, "edited on B")  # before the move's time
    exchange(cli, shared)

    found = stored(shared.a)[note]
    shown = (found.target.doc, found.note)
    kept = [(v["target"]["doc"], v["note"]) for v in found.superseded]
    if later == "move":
        assert (shown, kept) == ((NEW, "original"), [(OLD, "edited on B")])
    else:
        assert (shown, kept) == ((OLD, "edited on B"), [(NEW, "original")])
    assert reported(cli, shared.a) == [note]  # reported, so the other can be taken back
    summary = cli("notes", shared.a).stdout
    assert "1 other version kept from conflicting changes" in summary
    assert f"\u201d on {kept[0][0]}" in summary  # where the other copy is: it may be all it says


def test_a_move_from_before_moves_were_recorded_alone_is_no_conflict(cli, shared: Shared) -> None:
    note = one_note_on_both_clones(cli, shared)
    move_as_older_synoptic_did(shared, note)
    found = stored(shared.a)[note]
    assert (found.target.doc, found.note, found.superseded) == (NEW, "original", ())
    assert reported(cli, shared.a) == []


def test_a_merge_that_only_kept_a_version_is_no_conflict_with_a_later_edit(
    cli, shared: Shared
) -> None:
    """A pulls B's edit over its own (a conflict: A's file now keeps A's text) while B, not
    having pulled, edits again. B's next pull merges a side whose only change to the note is
    the kept version against B's edit: no conflict, B's earlier text is no kept version."""
    note = one_note_on_both_clones(cli, shared)
    edit(cli, shared.a, "Alice", note, "edited on A")
    commit(shared.a, "Edit on A")
    edit(cli, shared.b, "Alice", note, "edited on B, later")
    commit(shared.b, "Edit on B")
    publish(shared.b)
    publish(shared.a)  # the conflict, merged on A
    assert superseded_notes(stored(shared.a)[note]) == ["edited on A"]
    edit(cli, shared.b, "Alice", note, "edited again on B")
    commit(shared.b, "Edit again on B")
    publish(shared.b)  # the merge in question: the base is B's first edit
    publish(shared.a)
    assert_same_notes(cli, shared)

    for clone in (shared.a, shared.b):
        found = stored(clone)[note]
        assert found.note == "edited again on B"
        assert superseded_notes(found) == ["edited on A"]  # not "edited on B, later" too


@pytest.mark.parametrize("on_b", ["another note", "a tag on the old copy"])
def test_a_move_from_before_moves_were_recorded_then_edited_on_the_same_clone_merges_cleanly(
    cli, shared: Shared, on_b: str
) -> None:
    """Nobody else changed the note: the copy the move left behind is where it came from, not
    a rival version, so the edit is no conflict, before the merge or after it; a change to
    that copy made on B meanwhile is taken in, as for moves recorded since."""
    note = one_note_on_both_clones(cli, shared)
    move_as_older_synoptic_did(shared, note)
    edit(cli, shared.a, "Alice", note, "edited on A after the move")
    assert reported(cli, shared.a) == []
    if on_b == "another note":
        add(cli, shared.b, "Bea", OLD, 2, "Bea's note")
    else:
        tag(cli, shared.b, note, "tagged-on-B")
    exchange(cli, shared)

    for clone in (shared.a, shared.b):
        found = stored(clone)[note]
        assert (found.target.doc, found.note) == (NEW, "edited on A after the move")
        assert found.tags == (("tagged-on-B",) if on_b != "another note" else ())
        assert found.superseded == ()
        assert reported(cli, clone) == []
        assert "conflicting" not in cli("status", clone, "--author", "Alice").stdout


def test_deleting_a_note_keeps_its_unresolved_versions_reported(cli, shared: Shared) -> None:
    """The kept version is text its author has not seen yet: the deletion does not take it
    along unseen. It stays with the tombstone, says so, and is reported until resolved, as
    when a merge's deletion wins over an edit."""
    note = conflict(cli, shared)
    gone = cli("note", "rm", shared.a, note, "--author", "Alice")
    assert gone.returncode == 0, gone.stderr
    assert f"deleted {note}" in gone.stdout
    assert "1 other version kept from conflicting changes" in gone.stderr
    assert "\u201cedited on A\u201d" in gone.stderr
    assert f"synoptic note resolve {note}" in gone.stderr

    found = stored(shared.a)[note]
    assert found.deleted
    assert superseded_notes(found) == ["edited on A"]
    assert reported(cli, shared.a) == [note]
    report = json.loads(cli("status", shared.a, "--author", "Alice", "--json").stdout)
    assert texts(report["kept_versions"][0]["versions"]) == ["edited on A"]

    resolve(cli, shared.a, note)
    assert reported(cli, shared.a) == []
    assert superseded_notes(stored(shared.a)[note]) == ["edited on A"]  # still in the file


def test_deleting_a_note_whose_versions_were_resolved_says_nothing_of_them(
    cli, shared: Shared
) -> None:
    note = conflict(cli, shared)
    resolve(cli, shared.a, note)
    gone = cli("note", "rm", shared.a, note, "--author", "Alice", "--json")
    assert gone.returncode == 0, gone.stderr
    assert (json.loads(gone.stdout), gone.stderr) == ({"id": note, "deleted": True}, "")
    assert reported(cli, shared.a) == []
