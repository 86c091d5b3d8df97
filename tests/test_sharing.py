"""The sharing status: notes by others since the last visit, and git's view of the annotations.

The "since the last visit" part is checked against the case timestamps get wrong (a note written
before my last visit but pulled after it); the git part with real repositories and real ``git``,
including a merge that stops because a clone has no merge driver, and the way out the status
recommends.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from git_helpers import (
    DOCS,
    Shared,
    add,
    commit,
    edit,
    git,
    git_defaults_only_fixture,  # noqa: F401 - a fixture, autouse here as in the git tests
    remove,
    shard,
    shared_fixture,  # noqa: F401 - a fixture
)

from annotations.model import Annotation
from annotations.sharing import sharing_status
from annotations.sharing_git import GitState, _parse_status, git_state
from annotations.sharing_seen import news_since, read_seen, seen_path, write_seen
from annotations.store import AnnotationStore
from annotations.target import Target

if TYPE_CHECKING:
    from pathlib import Path

TEXT = "Kratom may lift mood. Studies suggest it helps. It is legal in some places."


def note(author: str, text: str = "a note", *, modified: str | None = None) -> Annotation:
    created = Annotation.create(author, Target.from_span("a.txt", TEXT, 0, 21), text)
    return replace(created, modified=modified) if modified else created


# -- what counts as new ---------------------------------------------------------------------------


def test_first_visit_counts_nothing_as_new_then_everything_after_it(tmp_path: Path) -> None:
    bea_old = note("Bea", "before my first visit")
    first = read_seen(tmp_path, "Ann")
    assert first.versions is None
    news = news_since(first, "Ann", [bea_old], [])
    assert news.first_visit and news.count == 0 and news.summary() == ""
    assert write_seen(tmp_path, "Ann", [bea_old], previous=first)

    second = read_seen(tmp_path, "Ann")
    assert second.versions == {bea_old.id: bea_old.modified}
    assert not write_seen(tmp_path, "Ann", [bea_old], previous=second)  # nothing to record
    # Written a week ago on Bea's machine, pulled only now: older than my visit, yet new to me.
    pulled = note("Bea", "pulled today", modified="2000-01-01T00:00:00.000000Z")
    mine = note("Ann", "my own")
    news = news_since(second, "Ann", [bea_old, pulled, mine], [])
    assert [n.id for n in news.added] == [pulled.id]
    assert news.summary() == "1 new note by Bea"
    assert news.ids == {pulled.id}


def test_edits_and_deletions_by_others_are_told_apart(tmp_path: Path) -> None:
    kept, changed, gone = note("Bea", "kept"), note("Bea", "changed"), note("Carl", "gone")
    write_seen(tmp_path, "Ann", [kept, changed, gone], previous=read_seen(tmp_path, "Ann"))
    seen = read_seen(tmp_path, "Ann")
    edited = changed.edited(note="changed again")
    tombstone = gone.tombstone()
    never_seen_then_deleted = note("Carl", "came and went").tombstone()
    news = news_since(seen, "Ann", [kept, edited], [tombstone, never_seen_then_deleted])
    assert [n.id for n in news.added] == []
    assert [n.id for n in news.edited] == [changed.id]
    assert [n.id for n in news.deleted] == [gone.id]
    assert news.summary() == "1 edited, 1 deleted notes by Bea and Carl"
    assert news.ids == {changed.id}


def test_a_record_nested_too_deeply_reads_as_a_first_visit(tmp_path: Path) -> None:
    path = seen_path(tmp_path, "Ann")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert read_seen(tmp_path, "Ann").versions is None


def test_the_record_is_per_workspace_and_author(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    assert len({seen_path(one, "Ann"), seen_path(two, "Ann"), seen_path(one, "Bea")}) == 3
    write_seen(one, "Ann", [note("Bea")], previous=read_seen(one, "Ann"))
    assert read_seen(one, "Ann").versions
    assert read_seen(two, "Ann").versions is None
    assert read_seen(one, "Bea").versions is None


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[]", b'{"format": 99, "notes": {}}', b'{"format": 1, "notes": []}'],
)
def test_an_unreadable_record_reads_as_a_first_visit(tmp_path: Path, content: bytes) -> None:
    path = seen_path(tmp_path, "Ann")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    seen = read_seen(tmp_path, "Ann")
    assert seen.versions is None
    assert news_since(seen, "Ann", [note("Bea")], []).first_visit
    # It is our own state, not the user's writing: the next visit replaces it with a good one.
    bea = note("Bea")
    assert write_seen(tmp_path, "Ann", [bea], previous=seen)
    assert read_seen(tmp_path, "Ann").versions == {bea.id: bea.modified}


# -- git's view -----------------------------------------------------------------------------------


def test_git_porcelain_v2_entries_are_read() -> None:
    output = "\0".join(
        [
            "# branch.oid 0123",
            "# branch.head main",
            "# branch.upstream origin/main",
            "# branch.ab +2 -3",
            "1 .M N... 100644 100644 100644 abc abc annotations/ann/a b.json",
            "2 R. N... 100644 100644 100644 abc abc R100 annotations/ann/new.json",
            "annotations/ann/old.json",
            "u UU N... 100644 100644 100644 100644 a b c annotations/bea/x.json",
            "? annotations/ann/untracked.json",
            "",
        ]
    )
    found = _parse_status(output)
    assert found["branch"] == "main" and found["upstream"] == "origin/main"
    assert (found["ahead"], found["behind"]) == (2, 3)
    assert found["unmerged"] == ["annotations/bea/x.json"]
    assert found["uncommitted"] == [
        "annotations/ann/a b.json",
        "annotations/ann/new.json",
        "annotations/ann/untracked.json",
    ]


@pytest.mark.parametrize(
    ("state", "summary"),
    [
        (GitState(driver_ready=False), ""),  # in some repository, notes not shared through it
        (GitState(driver_ready=False, tracked=True), "merge driver not set up"),
        (GitState(driver_ready=False, unmerged=("a",)), "1 unmerged file, merge driver not set up"),
        (GitState(uncommitted=("a", "b"), ahead=1), "2 uncommitted files, 1 to push"),
        (GitState(problem="not a git repository", uncommitted=("a",)), ""),
    ],
)
def test_the_summary_warns_about_the_driver_only_when_notes_are_in_git(
    state: GitState, summary: str
) -> None:
    assert state.summary() == summary


def test_outside_git_the_status_says_so_and_nothing_else(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    state = git_state(tmp_path)
    assert state.problem == "not a git repository"
    assert not state.in_git and state.summary() == ""
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    assert git_state(tmp_path).problem == "git is not installed (or not on PATH)"


pytestmark_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytestmark_git
def test_uncommitted_ahead_and_behind(cli, shared: Shared) -> None:
    a, b = shared.a, shared.b
    state = git_state(a)
    assert state == GitState(branch="main", upstream="origin/main", tracked=True)
    assert state.summary() == ""

    add(cli, a, "Alice", DOCS[0], 1, "Alice: unshared")
    state = git_state(a)
    assert state.uncommitted == (f"annotations/alice/{shard(a, 'Alice', DOCS[0]).name}",)
    assert state.summary() == "1 uncommitted file"

    commit(a, "Alice's note")
    assert git_state(a).summary() == "1 to push"
    git(a, "push", "origin", "HEAD:main")
    git(b, "fetch", "origin")
    assert git_state(b).summary() == "1 to pull"
    git(b, "merge", "--ff-only", "origin/main")
    assert git_state(b).summary() == ""


@pytestmark_git
def test_a_merge_without_the_driver_is_reported_with_the_way_out(cli, shared: Shared) -> None:
    a, b = shared.a, shared.b
    git(b, "config", "--remove-section", "merge.synoptic")
    assert not git_state(b).driver_ready
    assert git_state(b).summary() == "merge driver not set up"
    # The same author on two machines: both clones change the same file.
    add(cli, a, "Ann", DOCS[0], 1, "from A")
    add(cli, b, "Ann", DOCS[0], 2, "from B")
    commit(a, "A")
    commit(b, "B")
    git(a, "push", "origin", "HEAD:main")
    git(b, "fetch", "origin")
    assert git(b, "merge", "--no-edit", "origin/main", ok=False).returncode != 0

    path = f"annotations/ann/{shard(b, 'Ann', DOCS[0]).name}"
    loaded = AnnotationStore(b, "Ann").load()
    assert len(loaded.problems) == 1  # conflict markers: unreadable, left alone
    status = sharing_status(
        b, "Ann", loaded.annotations, loaded.tombstones, [str(p) for p in loaded.problems]
    )
    assert status.git.unmerged == (path,)
    assert path not in status.git.uncommitted
    assert status.summary() == "1 unmerged file, 1 to push, 1 to pull, merge driver not set up"
    details = "\n".join(status.details())
    assert path in details and "synoptic init" in details and "git checkout --merge" in details
    assert status.to_json()["git"]["unmerged"] == [path]
    assert status.to_json()["unreadable"] == [str(loaded.problems[0])]

    # The way out the status recommends: set up the driver, redo the file's merge with it.
    assert cli("init", b).returncode == 0
    git(b, "checkout", "--merge", "--", path)
    git(b, "add", path)
    git(b, "commit", "--no-edit")
    after = AnnotationStore(b, "Ann").load()
    assert after.problems == ()
    assert sorted(n.note for n in after.annotations) == ["from A", "from B"]
    assert git_state(b).summary() == "2 to push"  # B's commit and the merge


# -- the command line -----------------------------------------------------------------------------


@pytestmark_git
def test_status_command_reports_news_once_marked_seen(cli, shared: Shared) -> None:
    a, b = shared.a, shared.b
    first = json.loads(cli("status", b, "--author", "Bob", "--json", "--mark-seen").stdout)
    assert first["first_visit"] and first["new"] == []
    assert first["git"]["merge_driver"] and first["git"]["branch"] == "main"

    kept = add(cli, a, "Alice", DOCS[0], 1, "stays")
    changed = add(cli, a, "Alice", DOCS[1], 1, "will change")
    gone = add(cli, a, "Alice", DOCS[2], 1, "will go")
    commit(a, "Alice")
    git(a, "push", "origin", "HEAD:main")
    git(b, "pull", "--no-rebase", "origin", "main")
    cli("status", b, "--author", "Bob", "--mark-seen")
    edit(cli, a, "Alice", changed, "changed")
    remove(cli, a, "Alice", gone)
    fresh = add(cli, a, "Alice", DOCS[3], 1, "fresh")
    commit(a, "Alice again")
    git(a, "push", "origin", "HEAD:main")
    git(b, "pull", "--no-rebase", "origin", "main")

    result = cli("status", b, "--author", "Bob", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert not report["first_visit"]
    assert [n["id"] for n in report["new"]] == [fresh]
    assert [n["id"] for n in report["edited"]] == [changed]
    assert [n["id"] for n in report["deleted"]] == [gone]
    assert kept not in json.dumps(report)
    assert report["new"][0] == {
        "id": fresh,
        "author": "Alice",
        "doc": DOCS[3],
        "modified": report["new"][0]["modified"],
    }
    # Without --mark-seen nothing is recorded: asking again tells the same.
    assert json.loads(cli("status", b, "--author", "Bob", "--json").stdout) == report

    text = cli("status", b, "--author", "Bob")
    assert text.returncode == 0
    assert "Since your last visit: 1 new, 1 edited, 1 deleted notes by Alice." in text.stdout
    assert "Alice on " + DOCS[3] in text.stdout
    cli("status", b, "--author", "Bob", "--mark-seen")
    again = json.loads(cli("status", b, "--author", "Bob", "--json").stdout)
    assert again["new"] == again["edited"] == again["deleted"] == []


def test_status_command_outside_git(cli, sample_workspace: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(sample_workspace.parent))
    result = cli("status", sample_workspace, "--author", "Ann", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["git"]["problem"] == "not a git repository"
    assert report["first_visit"] is True
    text = cli("status", sample_workspace, "--author", "Ann").stdout
    assert "No notes by others since your last visit." in text  # the first one set the start
    assert "Git: not a git repository; notes are shared by copying the folder." in text
