"""A merge the driver stopped on because a version cannot be read: `synoptic status` names that
version and what to do, rather than sending its reader to `git checkout --merge`; and a base
that cannot be read (a file committed cut short, then repaired on both clones) does not stop
every merge from that commit on.

With the merge driver set up, an annotation file is left unmerged only when one of its versions
cannot be read (a colleague committed a file cut short, or with conflict markers). Redoing the
merge stops again on the same version, so the advice meant for a clone without the driver
went round in a circle.

Real repositories and ``synoptic`` commands (fixtures and steps from ``git_helpers.py``).
"""

from __future__ import annotations

import json
import shutil

import pytest
from git_helpers import (
    OLD,
    Shared,
    add,
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
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_status_names_the_version_the_driver_could_not_read(cli, shared: Shared) -> None:
    note = one_note_on_both_clones(cli, shared)
    path = shard(shared.a, "Alice", OLD)
    relative = path.relative_to(shared.a).as_posix()
    edit(cli, shared.a, "Alice", note, "edited on A")
    commit(shared.a, "An edit on A")
    # On B, the file is cut short by hand and committed.
    cut = shard(shared.b, "Alice", OLD)
    cut.write_bytes(cut.read_bytes()[:200])
    commit(shared.b, "A hand edit gone wrong")
    publish(shared.b)

    git(shared.a, "fetch", "origin")
    merge = git(shared.a, "merge", "--no-edit", "origin/main", ok=False)
    assert merge.returncode != 0
    assert "their version" in merge.stderr  # the driver said which, as the merge ran
    mine = path.read_text(encoding="utf-8")
    assert "edited on A" in mine  # nothing was written over A's version

    result = cli("status", shared.a, "--author", "Alice", "--json")
    found = json.loads(result.stdout)["git"]
    assert found["unmerged"] == [relative]
    assert [(v["file"], v["version"]) for v in found["unreadable_versions"]] == [
        (relative, "theirs")
    ]
    assert "is not valid JSON" in found["unreadable_versions"][0]["problem"]

    said = flat(cli("status", shared.a, "--author", "Alice").stdout)
    assert f"Unmerged: {relative}: their version cannot be read" in said
    assert f"`git show :3:{relative}`" in said
    assert "git checkout --merge" not in said  # it would only stop again
    assert path.read_text(encoding="utf-8") == mine


def test_a_base_cut_short_and_repaired_on_both_clones_still_merges(cli, shared: Shared) -> None:
    note = one_note_on_both_clones(cli, shared)
    good = shard(shared.b, "Alice", OLD).read_bytes()
    shard(shared.b, "Alice", OLD).write_bytes(good[:200])
    commit(shared.b, "A hand edit gone wrong")
    publish(shared.b)
    publish(shared.a)  # A now has the file cut short too: it is the next merge's base

    # Each clone repairs the file, and goes on writing notes in it.
    for clone in (shared.a, shared.b):
        shard(clone, "Alice", OLD).write_bytes(good)
    edit(cli, shared.a, "Alice", note, "edited on A")
    added = add(cli, shared.b, "Alice", OLD, 2, "added on B")
    commit(shared.a, "Repaired on A")
    commit(shared.b, "Repaired on B")
    publish(shared.b)
    merged = publish(shared.a)
    assert "without its base version, which cannot be read" in merged.stderr
    publish(shared.b)

    for clone in (shared.a, shared.b):
        assert_clean(clone)
        notes = {n["id"]: n["text"] for n in listed(cli, clone)}
        assert notes == {note: "edited on A", added: "added on B"}
