"""The notes commands with ``--json`` when something is wrong: an error is one sentence on
stderr with nothing on stdout, and a change that was saved is always printed."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import SAMPLE_IDS

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"


def _note(cli, ws: Path) -> str:
    made = cli(
        "note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", "first", "--author", "Ann",
        "--json",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return json.loads(made.stdout)["id"]


def test_a_note_on_a_document_that_cannot_be_read_can_still_be_edited(
    cli, sample_workspace: Path
) -> None:
    """The document's error refused the edit (as if the note were the problem). The edit is
    saved and shown; the note's place is not known ("unreadable", as `notes` shows it, never
    "orphaned"), which the stderr says and the exit status 1 tells a script."""
    note_id = _note(cli, sample_workspace)
    (sample_workspace / DOC).write_bytes(b"\x00\x01 now a binary file")
    edited = cli(
        "note", "edit", sample_workspace, note_id, "--text", "second", "--author", "Ann", "--json"
    )
    assert edited.returncode == 1, edited.stderr
    shown = json.loads(edited.stdout)
    assert (shown["text"], shown["anchor"], shown["start"]) == ("second", "unreadable", None)
    [said] = edited.stderr.splitlines()
    assert said.startswith(f"synoptic: {DOC}: looks like a binary file")
    assert said.endswith("the note is shown as unreadable (its place is not known)")
    [listed] = json.loads(cli("notes", sample_workspace, "--json").stdout)
    assert listed["text"] == "second" and listed["quote"] == QUOTE


def test_a_workspace_given_without_the_id_is_said_so(cli, sample_workspace: Path) -> None:
    _note(cli, sample_workspace)
    for command in (("note", "edit"), ("note", "resolve"), ("note", "rm")):
        extra = ("--text", "x") if command[1] == "edit" else ()
        failed = cli(*command, sample_workspace, *extra, "--author", "Ann", "--json")
        assert failed.returncode == 1 and failed.stdout == ""
        assert "that is a folder. Give the WORKSPACE, then the note's ID" in failed.stderr
