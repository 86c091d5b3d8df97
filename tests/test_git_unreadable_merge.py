"""A merge the driver stopped on because a version cannot be read: `synoptic status` names that
version and what to do, rather than sending its reader to `git checkout --merge`.

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
    commit,
    edit,
    git,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
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
