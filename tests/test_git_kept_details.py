"""A version kept from a conflict says what it would bring back, not only its text.

The same note given another verdict and another link on two clones keeps one version and the
other in ``superseded``; `note resolve --take N` would restore that version's verdict, tags,
links and claim mark. Reported by its text alone (the same text as the note shown), it read as
the shown note twice, and its author could not tell what taking it would change.

Real repositories and ``synoptic`` commands (fixtures and steps from ``git_helpers.py``).
"""

from __future__ import annotations

import json
import shutil

import pytest
from git_helpers import (
    Shared,
    exchange,
    git_defaults_only_fixture,  # noqa: F401 - a fixture
    one_note_on_both_clones,
    shared_fixture,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_a_version_kept_for_its_verdict_and_links_says_them(cli, shared: Shared) -> None:
    note = one_note_on_both_clones(cli, shared)
    on_b = ("--verdict", "false", "--link", "pmid:27231963", "--relation", "refutes")
    result = cli("note", "edit", shared.b, note, *on_b, "--author", "Alice")
    assert result.returncode == 0, result.stderr
    result = cli("note", "edit", shared.a, note, "--verdict", "misleading", "--author", "Alice")
    assert result.returncode == 0, result.stderr  # later: A's version is shown
    exchange(cli, shared)

    listing = cli("notes", shared.a)
    assert listing.returncode == 0, listing.stderr
    (kept_line,) = [line for line in listing.stdout.splitlines() if line.lstrip().startswith("!")]
    assert "verdict false" in kept_line
    assert "links: refutes https://pubmed.ncbi.nlm.nih.gov/27231963/" in kept_line
    assert "\u201coriginal\u201d" not in kept_line  # the same text as shown: not what differs

    (listed,) = json.loads(cli("notes", shared.a, "--json").stdout)
    assert listed["verdict"] == "misleading"
    (kept,) = listed["kept_versions"]
    assert (kept["text"], kept["verdict"], kept["claim"]) == ("original", "false", None)
    assert kept["links"] == [
        {"href": "https://pubmed.ncbi.nlm.nih.gov/27231963/", "relation": "refutes"}
    ]
    status = json.loads(cli("status", shared.a, "--author", "Alice", "--json").stdout)
    (reported,) = status["kept_versions"]
    assert reported["versions"] == [kept]

    # What it showed is what taking it brings back.
    taken = cli("note", "resolve", shared.a, note, "--take", "1", "--author", "Alice", "--json")
    assert taken.returncode == 0, taken.stderr
    now = json.loads(taken.stdout)
    assert (now["verdict"], [link["href"] for link in now["links"]]) == (
        "false",
        ["https://pubmed.ncbi.nlm.nih.gov/27231963/"],
    )
