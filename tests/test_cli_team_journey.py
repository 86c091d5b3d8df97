"""A team member who uses only the command line, in a clone of the team's workspace: the
commands they type there act on that clone (or say which folder they use instead), a status
with nothing recorded yet still reports the notes a later pull brings, and a reply says what
it answers when that note was deleted or cannot be read.

Real repositories and ``synoptic`` commands (fixtures and steps from ``git_helpers.py``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run_cli
from git_helpers import (
    OLD,
    Shared,
    add,
    commit,
    git,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
    publish,
    remove,
    shard,
    shared_fixture,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_init_and_status_in_a_clone_without_a_folder_refuse_and_name_this_one(
    tmp_path: Path, sample_workspace: Path, isolated_data_dir: Path
) -> None:
    clone = sample_workspace
    git(clone, "init", "-b", "main")
    sample = isolated_data_dir / "sample"
    for command in ("init", "status"):
        result = run_cli(command, data_dir=isolated_data_dir, cwd=clone)
        assert result.returncode == 2, result.stderr
        said = flat(result.stderr)
        assert f"sample workspace ({sample})" in said
        assert f"a git clone ({clone})" in said
        assert f"run `synoptic {command} .`" in said
    # Nothing was set up anywhere: not the sample, not the clone.
    assert not (sample / ".gitattributes").exists()
    assert not (clone / ".gitattributes").exists()
    assert git(clone, "config", "--get", "merge.synoptic.driver", ok=False).stdout == ""

    # From a folder inside the clone, the advice names the clone's top.
    inside = clone / "notes-here"
    inside.mkdir()
    result = run_cli("init", data_dir=isolated_data_dir, cwd=inside)
    assert result.returncode == 2
    assert f"run `synoptic init {clone}`" in flat(result.stderr)

    # Named, it works; then the other commands say which folder they use without one.
    assert run_cli("init", ".", data_dir=isolated_data_dir, cwd=clone).returncode == 0
    listing = run_cli("notes", data_dir=isolated_data_dir, cwd=clone)
    assert listing.returncode == 0, listing.stderr
    said = flat(listing.stderr)
    assert f"uses the sample workspace ({sample})" in said
    assert f"Synoptic workspace you are in ({clone})" in said
    assert "run `synoptic notes .`" in said


def test_without_a_folder_outside_any_clone_the_sample_is_used_silently(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("status", "--author", "Al", data_dir=isolated_data_dir, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{isolated_data_dir / 'sample'}, read by Al:")
    assert result.stderr == ""
    # Standing in the sample itself is no reason for a word either.
    inside = run_cli("notes", data_dir=isolated_data_dir, cwd=isolated_data_dir / "sample")
    assert inside.returncode == 0 and inside.stderr == ""


def test_plain_status_reports_the_notes_a_later_pull_brings(cli, shared: Shared) -> None:
    add(cli, shared.b, "Bea", OLD, 1, "there before Al looked")
    commit(shared.b, "Bea's first note")
    publish(shared.b)
    publish(shared.a)

    first = cli("status", shared.a, "--author", "Al")
    assert first.returncode == 0, first.stderr
    assert "First visit" in first.stdout
    assert "starting point" in first.stdout

    add(cli, shared.b, "Bea", OLD, 2, "written after Al looked")
    commit(shared.b, "Bea's second note")
    publish(shared.b)
    publish(shared.a)

    for _ in range(2):  # plain status only reads now: the note stays new
        after = cli("status", shared.a, "--author", "Al")
        assert after.returncode == 0, after.stderr
        said = flat(after.stdout)
        assert "Since your last visit: 1 new note by Bea." in said
        assert "until you open the reader or run `synoptic status --mark-seen`" in said
    seen = cli("status", shared.a, "--author", "Al", "--mark-seen")
    assert "1 new note by Bea" in seen.stdout
    assert (
        "No notes by others since your last visit."
        in cli("status", shared.a, "--author", "Al").stdout
    )


def test_a_reply_whose_parent_file_cannot_be_read_says_so(cli, shared: Shared) -> None:
    parent = add(cli, shared.a, "Bea", OLD, 1, "the parent")
    path = shard(shared.a, "Bea", OLD)
    path.write_text(path.read_text(encoding="utf-8") + "<<<<<<< HEAD\n", encoding="utf-8")
    before = path.read_bytes()
    result = cli("note", "add", shared.a, "--reply-to", parent, "--text", "hi", "--author", "Al")
    assert result.returncode == 1
    said = flat(result.stderr)
    assert f"There is no annotation '{parent}' among the notes that can be read" in said
    assert str(path.relative_to(shared.a)) in said or str(path) in said
    assert "conflict marker" in said
    assert path.read_bytes() == before
    # Every command that takes a note's id says the same.
    edited = cli("note", "edit", shared.a, parent, "--text", "x", "--author", "Bea")
    assert edited.returncode == 1
    assert "cannot be read" in edited.stderr


def test_a_reply_to_a_deleted_note_says_so_with_what_the_tombstone_keeps(
    cli, shared: Shared
) -> None:
    parent = add(cli, shared.a, "Bea", OLD, 1, "the parent")
    reply = cli(
        "note", "add", shared.a, "--reply-to", parent, "--text", "I agree", "--author", "Al"
    )
    assert reply.returncode == 0, reply.stderr
    remove(cli, shared.a, "Bea", parent)
    listing = cli("notes", shared.a)
    assert listing.returncode == 0, listing.stderr
    said = flat(listing.stdout)
    assert parent not in said
    assert "\N{DOWNWARDS ARROW WITH TIP RIGHTWARDS} reply to a deleted note by Bea" in said
    assert "\u201cKratom\u201d" in said  # the passage it was on: the note's own words are gone
    report = cli("export", shared.a)
    assert report.returncode == 0, report.stderr
    assert "replied to a deleted note by **Bea**, on \u201cKratom\u201d" in report.stdout
    assert json.loads(cli("notes", shared.a, "--json").stdout)[0]["reply_to"] == parent
