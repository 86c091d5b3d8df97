"""``--author`` and ``--tag`` of ``synoptic notes`` and ``synoptic export``: the same names
find the same notes in any case, and a name that finds none is answered with those in use."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from test_cli_notes import add, listed

from annotations.note_filters import distinct_names, filter_key

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("sources", "Sources"), ("ANN", "Ann"), (" ann ", "Ann"), ("strasse", "STRASSE"),
     ("straße", "STRASSE"), ("ﬁbre", "fibre")],
)  # fmt: skip
def test_a_filter_key_ignores_case_spacing_and_spelling(typed: str, stored: str) -> None:
    assert filter_key(typed) == filter_key(stored)


def test_a_name_repeated_in_another_case_is_one_filter_keeping_its_first_spelling() -> None:
    assert distinct_names(["Mood", "mood", "MOOD", "trial"]) == ("Mood", "trial")
    assert filter_key("Ann") != filter_key("Anna")


def test_notes_and_export_match_tags_and_authors_in_any_case(cli, sample_workspace: Path) -> None:
    ws = sample_workspace
    made = add(cli, ws, "--text", "Where is this from?", "--tag", "Sources")
    other = add(cli, ws, "--text", "Another matter.", "--tag", "mood", author="Bob")
    for option, typed in (("--tag", "sources"), ("--tag", "SOURCES"), ("--author", "ann")):
        result = cli("notes", ws, "--json", option, typed)
        assert result.returncode == 0 and result.stderr == ""
        (found,) = json.loads(result.stdout)
        assert found["id"] == made["id"]
        assert found["author"] == "Ann" and found["tags"] == ["Sources"], "shown as written"
        report = cli("export", ws, option, typed, "--no-synopsis")
        assert report.returncode == 0, report.stderr
        assert "Where is this from?" in report.stdout and "Another matter." not in report.stdout
    assert [n["id"] for n in listed(cli, ws, "--author", "BOB", "--tag", "Mood")] == [other["id"]]
    text = cli("notes", ws, "--tag", "sources")
    assert text.returncode == 0 and text.stdout.startswith(made["id"]) and "#Sources" in text.stdout


def test_an_author_filter_matches_the_whole_name_not_a_part(cli, sample_workspace: Path) -> None:
    """Unlike the reader's author box, which narrows as one types: a script asking for Ann's
    notes must not get Joanna's too."""
    add(cli, sample_workspace, "--text", "By Joanna.", author="Joanna")
    assert listed(cli, sample_workspace, "--author", "ann") == []
    refused = cli("export", sample_workspace, "--author", "ann")
    assert refused.returncode == 1 and "Authors: 'Joanna'." in refused.stderr
    assert len(listed(cli, sample_workspace, "--author", "joanna")) == 1
    assert "whole" in cli("notes", "--help").stdout


def test_notes_names_the_tags_and_authors_in_use_when_a_filter_matches_nothing(
    cli, sample_workspace: Path
) -> None:
    """As export does; stdout and the exit status stay what a script expects of an empty
    listing."""
    ws = sample_workspace
    add(cli, ws, "--text", "x", "--tag", "Sources", "--tag", "mood")
    add(cli, ws, "--text", "y", author="Bob")
    as_json = cli("notes", ws, "--json", "--tag", "source")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []
    assert as_json.stderr == (
        "synoptic: note: --tag 'source' matches no note. Tags in use: 'mood', 'Sources'.\n"
    )
    as_text = cli("notes", ws, "--author", "Zed", "--tag", "nope")
    assert as_text.returncode == 0 and as_text.stdout == "No notes.\n"
    assert "--author 'Zed' matches no note. Authors: 'Ann', 'Bob'." in as_text.stderr
    assert "--tag 'nope' matches no note. Tags in use: 'mood', 'Sources'." in as_text.stderr
    # each matches notes, only not together: nothing to point out
    together = cli("notes", ws, "--author", "bob", "--tag", "mood")
    assert together.returncode == 0 and together.stdout == "No notes.\n"
    assert together.stderr == ""


def test_export_counts_a_filter_repeated_in_another_case_once(cli, sample_workspace: Path) -> None:
    ws = sample_workspace
    add(cli, ws, "--text", "x", "--tag", "Mood")
    once = cli("export", ws, "--tag", "mood", "--author", "Ann", "--no-synopsis")
    twice = cli(
        "export", ws, "--tag", "mood", "--tag", "MOOD", "--author", "Ann", "--author", "ann",
        "--no-synopsis",
    )  # fmt: skip
    assert once.returncode == twice.returncode == 0, twice.stderr
    assert twice.stdout == once.stdout and "- Only authors Ann; tags mood\n" in once.stdout
