"""What ``synoptic status`` tells a member of a team after a pull, in words: notes a colleague's
document edit left without their passage (a deleted paragraph, a file renamed with ``git mv``)
and versions kept from a conflict that the reader is, or is not, the one to resolve.

Real repositories and ``synoptic`` commands, as in ``test_git_sharing.py`` (fixtures and steps
from ``git_helpers.py``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from git_helpers import (
    OLD,
    Shared,
    add,
    commit,
    edit,
    git,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
    one_note_on_both_clones,
    publish,
    remove,
    shared_fixture,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def status(cli, clone: Path, author: str) -> tuple[str, dict[str, object]]:
    text = cli("status", clone, "--author", author)
    assert text.returncode == 0, text.stderr
    report = cli("status", clone, "--author", author, "--json")
    assert report.returncode == 0, report.stderr
    return " ".join(text.stdout.split()), json.loads(report.stdout)


def test_status_after_a_pull_names_the_notes_a_document_edit_orphaned(cli, shared: Shared) -> None:
    deleted_doc, renamed_doc = OLD, "003_b16bf23216b1dd1d.txt"
    on_deleted = add(cli, shared.a, "Alice", deleted_doc, 1, "on the first paragraph")
    on_renamed = add(cli, shared.a, "Alice", renamed_doc, 1, "on the renamed file")
    commit(shared.a, "Two notes")
    publish(shared.a)
    publish(shared.b)
    text, report = status(cli, shared.a, "Alice")
    assert "Orphaned" not in text and report["orphaned"] == []

    # Bob deletes the paragraph the first note is on and renames the other document.
    path = shared.b / deleted_doc
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    git(shared.b, "mv", renamed_doc, "003_revitalizing.txt")
    git(shared.b, "commit", "-am", "Drop the first paragraph, rename 003")
    publish(shared.b)
    publish(shared.a)

    text, report = status(cli, shared.a, "Alice")
    assert (
        "Orphaned: 1 note no longer found where the text was changed or deleted "
        f"({on_deleted} on {deleted_doc})"
    ) in text
    assert (
        f"Orphaned: 1 note on {renamed_doc}, which git says was renamed to "
        f"003_revitalizing.txt ({on_renamed} on {renamed_doc})"
    ) in text
    assert "synoptic note reattach ID --doc 003_revitalizing.txt --quote TEXT" in text
    rows = {row["id"]: row for row in report["orphaned"]}  # type: ignore[union-attr]
    assert rows[on_deleted]["document_gone"] is False
    assert rows[on_renamed]["renamed_to"] == "003_revitalizing.txt"
    # Kept, and re-attached as the status says.
    moved = cli(
        "note", "reattach", shared.a, on_renamed, "--doc", "003_revitalizing.txt",
        "--quote", "Kratom", "--occurrence", "1", "--author", "Alice",
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    text, report = status(cli, shared.a, "Alice")
    assert [row["id"] for row in report["orphaned"]] == [on_deleted]  # type: ignore[union-attr]
    assert "renamed" not in text


def test_status_quotes_an_edit_that_lost_to_a_deletion_and_leaves_others_notes_to_them(
    cli, shared: Shared
) -> None:
    note = one_note_on_both_clones(cli, shared)
    remove(cli, shared.a, "Alice", note)
    edit(cli, shared.b, "Alice", note, "edited on the laptop meanwhile")
    commit(shared.a, "Delete on A")
    commit(shared.b, "Edit on B")
    publish(shared.a)
    publish(shared.b)

    # `synoptic notes` does not list a deleted note: the status itself says what was kept.
    text, _ = status(cli, shared.b, "Alice")
    assert f"your deleted note {note} on {OLD}" in text
    assert "\u201cedited on the laptop meanwhile\u201d" in text
    assert "`synoptic notes` shows what it said" not in text
    # Bob cannot resolve Alice's note: he is told whose it is, not to resolve it.
    text, _ = status(cli, shared.b, "Bob")
    assert "1 note by Alice keeps another version; only the author can resolve it" in text
    assert "synoptic note resolve" not in text
