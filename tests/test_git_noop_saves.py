"""A `note edit` or `note reattach` that changes nothing writes nothing.

A script that re-applies what a note already says (its verdict, its tags, the passage it is
on) must not stamp a new ``modified`` time: `git diff` would show a change nobody made, and the
merge driver, which keeps the later of two versions changed on two clones, would let that
no-op beat a real edit made on the other clone meanwhile.

Real repositories and ``synoptic`` commands (fixtures and steps from ``git_helpers.py``).
"""

from __future__ import annotations

import shutil

import pytest
from git_helpers import (
    OLD,
    Shared,
    assert_clean,
    commit,
    edit,
    git,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
    listed,
    one_note_on_both_clones,
    publish,
    shard,
    shared_fixture,  # noqa: F401 - a fixture
    stored,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_a_no_op_edit_or_reattach_leaves_the_file_and_git_diff_as_they_were(
    cli, shared: Shared
) -> None:
    note = one_note_on_both_clones(cli, shared)
    path = shard(shared.a, "Alice", OLD)
    before = path.read_bytes()
    quote = stored(shared.a)[note].target.quote

    for command in (
        ("note", "edit", shared.a, note, "--text", "original"),
        ("note", "edit", shared.a, note, "--no-tags", "--no-links", "--verdict", "none"),
        ("note", "reattach", shared.a, note, "--quote", quote, "--occurrence", "1"),
    ):
        result = cli(*command, "--author", "Alice", "--json")
        assert result.returncode == 0, result.stderr
        assert f"note {note} " in result.stderr and "nothing was saved" in result.stderr
        assert path.read_bytes() == before, command
    assert git(shared.a, "status", "--porcelain").stdout == ""

    # A real change is still saved.
    edit(cli, shared.a, "Alice", note, "changed")
    assert path.read_bytes() != before


def test_a_no_op_edit_does_not_beat_a_real_edit_made_on_another_clone(cli, shared: Shared) -> None:
    note = one_note_on_both_clones(cli, shared)
    edit(cli, shared.b, "Alice", note, "corrected on B")
    # Later, a script on A sets the text the note had all along.
    result = cli("note", "edit", shared.a, note, "--text", "original", "--author", "Alice")
    assert result.returncode == 0, result.stderr

    git(shared.a, "add", "annotations")
    git(shared.a, "commit", "--allow-empty", "-m", "A script re-applies what notes say")
    commit(shared.b, "A correction on B")
    publish(shared.b)
    publish(shared.a)
    publish(shared.b)
    for clone in (shared.a, shared.b):
        (shown,) = listed(cli, clone)
        assert shown["text"] == "corrected on B"
        assert shown["kept_versions"] == []  # no conflict was made up
        assert_clean(clone)
