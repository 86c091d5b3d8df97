"""A bad hand-edit of a notes file, already committed: the refusal to write next to it names the
README section that says how to take it back, and that section's recipe works."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS
from readme_text import README

from annotations.errors import REPAIR
from annotations.store import AnnotationStore

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ )", text, re.MULTILINE | re.DOTALL)
    assert found is not None, f"the README has no section {title!r}"
    return found.group(1)


def test_the_section_the_refusal_names_exists_and_has_the_recipe() -> None:
    (title,) = re.findall(r'"([^"]+)"', REPAIR)
    recipe = _section(title)
    for step in ("git log --oneline -- ", "git checkout GOOD -- ", "git show GOOD:"):
        assert step in recipe


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_committed_bad_edit_is_refused_naming_the_recipe_which_repairs_it(
    cli, sample_workspace: Path
) -> None:
    ws = sample_workspace

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@t.invalid", *args],
            cwd=ws, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    git("init", "-q")
    made = cli(
        "note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", "kept", "--author", "Ann"
    )
    assert made.returncode == 0, made.stderr
    path = AnnotationStore(ws, "Ann").shard_path(DOC)
    file = path.relative_to(ws).as_posix()
    git("add", "-A")
    git("commit", "-qm", "good")
    path.write_text(path.read_text(encoding="utf-8").replace('"kept"', '"kept'), encoding="utf-8")
    git("commit", "-qam", "a bad hand-edit")

    refused = cli(
        "note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", "new", "--author", "Ann"
    )
    assert refused.returncode == 1
    assert f"Fix or move that file first ({REPAIR})." in refused.stderr

    # The recipe: find the last good commit, take the file back from it.
    good = git("log", "--format=%h", "--", file).split()[1]
    git("checkout", good, "--", file)
    listed = cli("notes", ws, "--json")
    assert listed.returncode == 0, listed.stderr
    assert '"text": "kept"' in listed.stdout
