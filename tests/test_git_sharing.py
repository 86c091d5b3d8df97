"""Sharing annotations through git, end to end: real repositories, real ``git``, no mocks.

A workspace with the five sample articles is set up with ``synoptic init``, committed and pushed
to a bare repository, then cloned twice (A and B), each clone running ``synoptic init`` since git
does not copy the merge driver's definition. Notes are written with ``synoptic note ...`` as a
person would, committed, pushed, fetched and merged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from git_helpers import (
    DOCS,
    DRIVER,
    Shared,
    add,
    assert_clean,
    assert_same_notes,
    commit,
    edit,
    git,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
    listed,
    publish,
    remove,
    shard,
    shared_fixture,  # noqa: F401 - a fixture
    stored,
    superseded_notes,
)

from annotations.gitsetup import GITATTRIBUTES_LINE
from annotations.store import GITIGNORE

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# --- scenarios ----------------------------------------------------------------------------------


def test_two_authors_add_edit_and_delete_notes(cli, shared: Shared) -> None:
    a, b = shared.a, shared.b
    alice_first = add(cli, a, "Alice", DOCS[0], 1, "Alice: first")
    alice_gone = add(cli, a, "Alice", DOCS[1], 1, "Alice: to be deleted")
    bob_first = add(cli, b, "Bob", DOCS[0], 2, "Bob: first")
    bob_gone = add(cli, b, "Bob", DOCS[2], 1, "Bob: to be deleted")
    commit(a, "Alice's notes")
    commit(b, "Bob's notes")
    publish(a)
    publish(b)
    publish(a)
    assert_clean(a)
    assert_same_notes(cli, shared)

    edit(cli, a, "Alice", alice_first, "Alice: edited")
    remove(cli, a, "Alice", alice_gone)
    alice_new = add(cli, a, "Alice", DOCS[3], 1, "Alice: a second article")
    edit(cli, b, "Bob", bob_first, "Bob: edited")
    remove(cli, b, "Bob", bob_gone)
    bob_new = add(cli, b, "Bob", DOCS[3], 2, "Bob: a second article")
    commit(a, "Alice edits and deletes")
    commit(b, "Bob edits and deletes")
    publish(b)
    publish(a)
    publish(b)

    for clone in (a, b):
        assert_clean(clone)
        notes = stored(clone)
        assert set(notes) == {alice_first, alice_gone, alice_new, bob_first, bob_gone, bob_new}
        assert notes[alice_first].note == "Alice: edited"
        assert notes[bob_first].note == "Bob: edited"
        assert notes[alice_gone].deleted and notes[bob_gone].deleted
        live = {alice_first, alice_new, bob_first, bob_new}
        assert {row["id"] for row in listed(cli, clone)} == live
    assert_same_notes(cli, shared)


def test_one_author_on_two_clones_changing_the_same_file(cli, shared: Shared) -> None:
    a, b = shared.a, shared.b
    doc = DOCS[0]
    n1, n2, n3 = (add(cli, a, "Alice", doc, i, f"note {i}") for i in (1, 2, 3))
    commit(a, "Three notes")
    publish(a)
    publish(b)

    # In time order, alternating clones: the later edit of n1 is B's; the edit of n2 comes
    # after its deletion; the deletion of n3 comes after its edit.
    edit(cli, a, "Alice", n1, "n1 edited on A")
    remove(cli, a, "Alice", n2)
    edit(cli, a, "Alice", n3, "n3 edited on A")
    n4 = add(cli, a, "Alice", doc, 4, "n4 from A")
    edit(cli, b, "Alice", n1, "n1 edited on B")
    edit(cli, b, "Alice", n2, "n2 edited on B")
    remove(cli, b, "Alice", n3)
    n5 = add(cli, b, "Alice", doc, 5, "n5 from B")
    commit(a, "Work on A")
    commit(b, "Work on B")
    publish(a)
    merged = publish(b)  # the same file changed on both sides: the driver merges it
    assert "CONFLICT" not in merged.stdout + merged.stderr
    publish(a)

    for clone in (a, b):
        assert_clean(clone)
        notes = stored(clone)
        assert set(notes) == {n1, n2, n3, n4, n5}  # nothing lost
        assert notes[n1].note == "n1 edited on B"  # the later edit wins
        assert superseded_notes(notes[n1]) == ["n1 edited on A"]  # the other is kept
        assert notes[n2].deleted  # a tombstone beats a newer edit, which is kept
        assert superseded_notes(notes[n2]) == ["n2 edited on B"]
        assert notes[n3].deleted  # and an older one
        assert superseded_notes(notes[n3]) == ["n3 edited on A"]
        assert notes[n4].note == "n4 from A"
        assert notes[n5].note == "n5 from B"
        assert {row["id"] for row in listed(cli, clone)} == {n1, n4, n5}
    assert_same_notes(cli, shared)

    # The merged file is an ordinary store file: the store keeps writing it.
    edit(cli, a, "Alice", n1, "n1 after the merge")
    after = stored(a)[n1]
    assert after.note == "n1 after the merge"
    assert superseded_notes(after) == ["n1 edited on A"]


def test_clones_merging_each_other_end_with_the_same_files(cli, shared: Shared) -> None:
    a, b = shared.a, shared.b
    doc = DOCS[1]
    n1 = add(cli, a, "Alice", doc, 1, "shared")
    n2 = add(cli, a, "Alice", doc, 2, "to delete on B")
    commit(a, "Two notes")
    publish(a)
    publish(b)
    edit(cli, a, "Alice", n1, "edited on A")
    edit(cli, a, "Alice", n2, "edited on A too")
    add(cli, a, "Alice", doc, 3, "added on A")
    edit(cli, b, "Alice", n1, "edited on B")
    remove(cli, b, "Alice", n2)
    add(cli, b, "Alice", doc, 4, "added on B")
    commit(a, "A")
    commit(b, "B")
    # Each clone merges the other's branch directly: ours and theirs are swapped.
    git(a, "remote", "add", "peer", str(b))
    git(b, "remote", "add", "peer", str(a))
    for clone in (a, b):
        git(clone, "fetch", "peer")
        git(clone, "merge", "--no-edit", "peer/main")
        assert_clean(clone)
    assert_same_notes(cli, shared)
    notes = stored(a)
    assert notes[n1].note == "edited on B"
    assert notes[n2].deleted
    assert superseded_notes(notes[n2]) == ["edited on A too"]


CORRUPT = {
    "cut short": '{\n  "annotations": {\n    "x": {\n',
    "conflict markers": '{\n<<<<<<< HEAD\n  "annotations": {}\n=======\n  "annotations": {}\n'
    ">>>>>>> other\n}\n",
}


@pytest.mark.parametrize("corrupt", CORRUPT.values(), ids=list(CORRUPT))
@pytest.mark.parametrize("side", ["theirs", "ours"])
def test_a_corrupt_version_leaves_a_conflict_and_the_file_alone(
    cli, shared: Shared, corrupt: str, side: str
) -> None:
    a, b = shared.a, shared.b
    doc = DOCS[2]
    n1 = add(cli, a, "Alice", doc, 1, "shared")
    commit(a, "One note")
    publish(a)
    publish(b)
    shard(a, "Alice", doc).write_text(corrupt, encoding="utf-8")
    commit(a, "A broken file is committed")
    edit(cli, b, "Alice", n1, "a good edit")
    commit(b, "A good edit")
    pushing, merging = (a, b) if side == "theirs" else (b, a)
    git(pushing, "push", "origin", "HEAD:main")
    git(merging, "fetch", "origin")
    before = shard(merging, "Alice", doc).read_bytes()

    result = git(merging, "merge", "--no-edit", "origin/main", ok=False)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    relative = shard(merging, "Alice", doc).relative_to(merging).as_posix()
    label = "their version" if side == "theirs" else "our version"
    assert f"synoptic: not merging {relative}: {label}" in output
    assert f"CONFLICT (content): Merge conflict in {relative}" in output
    unmerged = git(merging, "ls-files", "--unmerged").stdout.splitlines()
    assert [line.split("\t")[1] for line in unmerged] == [relative] * 3
    # The driver wrote nothing: git left our version in place, no markers were added.
    assert shard(merging, "Alice", doc).read_bytes() == before
    git(merging, "merge", "--abort")
    assert git(merging, "status", "--porcelain").stdout == ""


def test_a_module_named_tui_in_the_repository_is_never_run(
    cli, shared: Shared, tmp_path: Path
) -> None:
    """Git runs the driver in the top folder of the clone: a collaborator's ``tui.py`` there
    must not be imported instead of Synoptic (it would run their code, and "merge" by
    exiting 0 having written nothing, so our side would silently win)."""
    a, b = shared.a, shared.b
    ran = tmp_path / "ran"
    (a / "tui.py").write_text(f"open({str(ran)!r}, 'a').write('ran')\n", encoding="utf-8")
    git(a, "add", "tui.py")
    git(a, "commit", "-m", "A module with the name of ours")
    publish(a)
    publish(b)
    assert cli("init", b).returncode == 0  # its import check runs in the clone too
    ours = add(cli, b, "Alice", DOCS[0], 1, "from B")
    theirs = add(cli, a, "Alice", DOCS[0], 2, "from A")
    commit(a, "A note")
    commit(b, "A note")
    publish(a)

    publish(b)  # both changed alice's file of DOCS[0]: the merge driver runs

    assert not ran.exists()
    assert_clean(b)
    assert {ours, theirs} <= set(stored(b))


# --- synoptic init ------------------------------------------------------------------------------


def test_init_sets_up_a_repository_once(cli, sample_workspace: Path) -> None:
    git(sample_workspace, "init", "-b", "main")
    first = cli("init", sample_workspace, "--json")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    report = json.loads(first.stdout)
    assert report["changed"] is True
    assert report["driver"] == DRIVER
    assert report["git_root"] == str(sample_workspace.resolve())
    assert all(step["changed"] for step in report["steps"])
    assert (sample_workspace / "annotations" / ".gitignore").read_text() == GITIGNORE
    assert (sample_workspace / ".gitattributes").read_text() == GITATTRIBUTES_LINE + "\n"
    config = git(sample_workspace, "config", "--local", "--get-regexp", r"^merge\.synoptic\.")
    assert config.stdout.splitlines() == [
        "merge.synoptic.name Synoptic annotation merge",
        f"merge.synoptic.driver {DRIVER}",
    ]
    attribute = git(sample_workspace, "check-attr", "merge", "annotations/alice/a.txt.json")
    assert attribute.stdout.strip().endswith("merge: synoptic")
    before = {p: p.read_bytes() for p in sample_workspace.rglob("*") if p.is_file()}

    again = cli("init", sample_workspace)

    assert again.returncode == 0, again.stderr
    assert "nothing to change" in again.stdout
    assert {p: p.read_bytes() for p in sample_workspace.rglob("*") if p.is_file()} == before


def test_init_says_what_it_does_before_doing_it(cli, sample_workspace: Path) -> None:
    git(sample_workspace, "init", "-b", "main")
    result = cli("init", sample_workspace)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Setting up {sample_workspace.resolve()} to share annotations through git:"
    assert lines[1:6] == [
        "  - create the folder annotations/",
        "  - create annotations/.gitignore (lock and temporary files stay out of git)",
        f"  - add the line '{GITATTRIBUTES_LINE}' to .gitattributes",
        "  - set git config merge.synoptic.name = Synoptic annotation merge",
        f"  - set git config merge.synoptic.driver = {DRIVER}",
    ]
    assert "synoptic init" in lines[-1]  # every clone runs it once


def test_init_adds_its_line_to_an_existing_gitattributes(cli, sample_workspace: Path) -> None:
    git(sample_workspace, "init", "-b", "main")
    attributes = sample_workspace / ".gitattributes"
    attributes.write_text("*.txt text", encoding="utf-8")  # no newline at the end
    assert cli("init", sample_workspace).returncode == 0
    assert cli("init", sample_workspace).returncode == 0
    assert attributes.read_text() == f"*.txt text\n{GITATTRIBUTES_LINE}\n"


def test_init_replaces_a_driver_from_another_installation(cli, sample_workspace: Path) -> None:
    git(sample_workspace, "init", "-b", "main")
    git(sample_workspace, "config", "merge.synoptic.driver", "/old/python -m tui merge-driver")
    result = cli("init", sample_workspace, "--json")
    steps = {step["target"]: step for step in json.loads(result.stdout)["steps"]}
    assert steps["merge.synoptic.driver"]["previous"] == "/old/python -m tui merge-driver"
    config = git(sample_workspace, "config", "--get", "merge.synoptic.driver")
    assert config.stdout.strip() == DRIVER


def test_init_in_a_folder_of_a_repository(cli, tmp_path: Path, sample_workspace: Path) -> None:
    repository = tmp_path / "project"
    repository.mkdir()
    git(repository, "init", "-b", "main")
    workspace = repository / "articles"
    shutil.copytree(sample_workspace, workspace)
    result = cli("init", workspace, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["git_root"] == str(repository.resolve())
    assert (workspace / ".gitattributes").read_text() == GITATTRIBUTES_LINE + "\n"
    attribute = git(repository, "check-attr", "merge", "articles/annotations/bob/x.json")
    assert attribute.stdout.strip().endswith("merge: synoptic")


def test_init_outside_git_prepares_the_files_and_says_what_is_missing(
    cli, sample_workspace: Path
) -> None:
    result = cli("init", sample_workspace, "--json")
    assert result.returncode == 0
    assert "not a git repository; run `git init` first" in result.stderr
    report = json.loads(result.stdout)
    assert report["git_root"] is None
    assert report["driver"] is None
    assert [step["action"] for step in report["steps"]] == ["folder", "file", "gitattributes"]
    assert (sample_workspace / "annotations" / ".gitignore").read_text() == GITIGNORE
    assert (sample_workspace / ".gitattributes").read_text() == GITATTRIBUTES_LINE + "\n"
    assert not (sample_workspace / ".git").exists()
    again = cli("init", sample_workspace)
    assert again.returncode == 0
    assert "nothing to change" in again.stdout
    assert "run `git init` first" in again.stderr


def test_init_outside_git_does_not_say_done_or_set_up(cli, sample_workspace: Path) -> None:
    """Outside git it said "Done. Commit .gitattributes ..." (nothing to commit to), and run
    again "already set up for git", just above the error saying there is no repository."""
    first = cli("init", sample_workspace)
    assert first.returncode == 0
    assert "Done" not in first.stdout and "Commit" not in first.stdout
    assert "the merge driver is not set up" in first.stdout
    again = cli("init", sample_workspace)
    assert "set up for git" not in again.stdout
    assert "the merge driver is not set up" in again.stdout
    assert "run `git init` first" in again.stderr


def test_init_of_a_missing_folder_is_a_user_error(cli, tmp_path: Path) -> None:
    result = cli("init", tmp_path / "nowhere")
    assert result.returncode == 1
    assert result.stderr.startswith("synoptic: ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "nowhere").exists()
