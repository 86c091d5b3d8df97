"""A note that says nothing (no words, tag, verdict, link or claim mark) is refused, by
``note add`` and ``note edit`` as by the reader's editor (test_reader_note_empty.py): it would
show as a mark on its passage that tells its reader nothing. One with only a tag or a verdict
is kept."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import SAMPLE_IDS

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"


def _add(cli, ws: Path, *extra: str):
    return cli(
        "note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--author", "Ann", "--json", *extra
    )  # fmt: skip


def test_an_empty_note_is_a_usage_error_and_writes_nothing(cli, sample_workspace: Path) -> None:
    for text in ("", "  \n "):
        refused = _add(cli, sample_workspace, "--text", text)
        assert refused.returncode == 2 and refused.stdout == ""
        assert "An empty note says nothing: give --text with some words" in refused.stderr
    assert not (sample_workspace / "annotations").exists()

    # Only a tag, or only a verdict, says something.
    for extra in (("--tag", "mood"), ("--verdict", "supported"), ("--claim", "claim")):
        made = _add(cli, sample_workspace, "--text", "", *extra)
        assert made.returncode == 0, made.stderr


def test_an_edit_that_would_empty_a_note_is_refused_and_names_note_rm(
    cli, sample_workspace: Path
) -> None:
    made = _add(cli, sample_workspace, "--text", "", "--tag", "mood")
    note_id = json.loads(made.stdout)["id"]
    refused = cli(
        "note", "edit", sample_workspace, note_id, "--no-tags", "--author", "Ann", "--json"
    )  # fmt: skip
    assert refused.returncode == 2 and refused.stdout == ""
    assert f"synoptic note rm {note_id}" in refused.stderr
    [listed] = json.loads(cli("notes", sample_workspace, "--json").stdout)
    assert listed["tags"] == ["mood"]
