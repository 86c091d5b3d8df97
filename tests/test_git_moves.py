"""A note moved to another document on one clone while another clone still changes its old copy.

A move writes the note into the new document's file and leaves the old copy where it was; git
merges the two files separately, so the move and a change to the old copy made on another clone
meet only when the notes are read. Real repositories and ``synoptic`` commands, as in
``test_git_sharing.py`` (fixtures and steps from ``git_helpers.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from git_helpers import (
    NEW,
    OLD,
    OTHER,
    Shared,
    edit,
    exchange,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
    listed,
    one_note_on_both_clones,
    remove,
    shared_fixture,  # noqa: F401 - a fixture
    stored,
    superseded_notes,
    tag,
)


def reattach(cli, clone: Path, note_id: str, doc: str) -> None:
    result = cli(
        "note", "reattach", clone, note_id, "--doc", doc, "--quote", "Kratom",
        "--occurrence", "1", "--author", "Alice", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def superseded_docs(superseded: tuple[dict[str, object], ...]) -> list[object]:
    return [version["target"]["doc"] for version in superseded]  # type: ignore[index]


@pytest.mark.parametrize("first", ["move", "edit"])
def test_a_move_and_an_edit_of_the_old_copy_both_survive(cli, shared: Shared, first: str) -> None:
    note = one_note_on_both_clones(cli, shared)
    steps = [
        lambda: reattach(cli, shared.a, note, NEW),
        lambda: edit(cli, shared.b, "Alice", note, "edited on B"),
    ]
    for step in steps if first == "move" else reversed(steps):
        step()
    exchange(cli, shared)

    for clone in (shared.a, shared.b):
        found = stored(clone)[note]
        assert (found.target.doc, found.note) == (NEW, "edited on B")
        assert found.superseded == ()  # no conflict: nothing had to be set aside
        [row] = listed(cli, clone)
        assert (row["id"], row["doc"]) == (note, NEW)

    # Editing the joined note saves it where it belongs, and the old copy's edit, now taken
    # in, is not joined (or found in conflict) again.
    edit(cli, shared.b, "Alice", note, "edited after the merge")
    after = stored(shared.b)[note]
    assert (after.target.doc, after.note, after.superseded) == (NEW, "edited after the merge", ())


def test_a_move_and_a_text_edit_of_the_moved_copy_conflict_with_an_edit_of_the_old(
    cli, shared: Shared
) -> None:
    note = one_note_on_both_clones(cli, shared)
    reattach(cli, shared.a, note, NEW)
    edit(cli, shared.a, "Alice", note, "edited on A after the move")
    edit(cli, shared.b, "Alice", note, "edited on B, later")
    exchange(cli, shared)

    found = stored(shared.a)[note]
    assert (found.target.doc, found.note) == (NEW, "edited on B, later")  # the later text
    assert superseded_notes(found) == ["edited on A after the move"]  # the other kept


def test_moves_to_two_documents_keep_the_later_and_record_the_other(cli, shared: Shared) -> None:
    note = one_note_on_both_clones(cli, shared)
    reattach(cli, shared.a, note, NEW)
    reattach(cli, shared.b, note, OTHER)
    exchange(cli, shared)

    found = stored(shared.a)[note]
    assert (found.target.doc, found.note) == (OTHER, "original")
    assert superseded_docs(found.superseded) == [NEW]


@pytest.mark.parametrize("deleted", ["old copy", "moved copy"])
def test_a_deletion_on_one_side_of_a_move_wins_and_keeps_the_other_change(
    cli, shared: Shared, deleted: str
) -> None:
    note = one_note_on_both_clones(cli, shared)
    reattach(cli, shared.a, note, NEW)
    if deleted == "old copy":
        tag(cli, shared.a, note, "moved-and-tagged")
        remove(cli, shared.b, "Alice", note)
    else:
        tag(cli, shared.b, note, "tagged-on-B")
        remove(cli, shared.a, "Alice", note)
    exchange(cli, shared)

    found = stored(shared.a)[note]
    assert found.deleted
    [kept] = found.superseded
    expected = ["moved-and-tagged"] if deleted == "old copy" else ["tagged-on-B"]
    assert kept["tags"] == expected
    assert listed(cli, shared.a) == []


def test_the_moved_note_remembers_the_version_it_left_behind(cli, shared: Shared) -> None:
    note = one_note_on_both_clones(cli, shared)
    before = stored(shared.a)[note].to_record()
    reattach(cli, shared.a, note, NEW)
    moved = json.loads(
        (shared.a / "annotations" / "alice" / f"{NEW}.json").read_text(encoding="utf-8")
    )["annotations"][note]
    assert moved["moved_from"] == {
        k: v for k, v in before.items() if k not in ("superseded", "moved_from")
    }


def test_status_names_a_note_that_keeps_the_version_that_lost_a_conflict(
    cli, shared: Shared
) -> None:
    note = one_note_on_both_clones(cli, shared)
    assert "conflicting" not in cli("status", shared.a, "--author", "Alice").stdout
    edit(cli, shared.a, "Alice", note, "edited on A")
    edit(cli, shared.b, "Alice", note, "edited on B, later")
    exchange(cli, shared)

    text = cli("status", shared.a, "--author", "Alice")
    assert text.returncode == 0, text.stderr
    assert f"1 note has another version besides the one shown ({note} on {OLD})" in text.stdout
    report = json.loads(cli("status", shared.a, "--author", "Alice", "--json").stdout)
    [kept] = report["kept_versions"]
    assert (kept["id"], kept["doc"], kept["deleted"]) == (note, OLD, False)
    assert [v["text"] for v in kept["versions"]] == ["edited on A"]
    # ... and `notes`, as the status says, shows what the other version said.
    [row] = listed(cli, shared.a)
    assert [v["text"] for v in row["kept_versions"]] == ["edited on A"]
    shown = cli("notes", shared.a).stdout
    assert "! 1 other version kept from conflicting changes" in shown
    assert "\u201cedited on A\u201d" in shown
