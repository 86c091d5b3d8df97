"""A notes file that cannot be read (conflict markers after a merge, a file cut short) leaves
its notes out of whatever reads every notes file: each command prints all it can read, names
the file, and then exits 1, so a script notices, while one that can use a partial answer still
has it (an error leaves standard output empty; this does not)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"


def _broken_colleague(cli, ws: Path) -> tuple[str, Path]:
    """Ann's note, readable, and Bob's notes file with a merge's conflict markers."""
    made = []
    for author in ("Ann", "Bob"):
        added = cli(
            "note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", f"{author}'s note",
            "--author", author, "--json",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        made.append(json.loads(added.stdout)["id"])
    (bobs,) = (ws / "annotations" / "bob").glob("*.json")
    bobs.write_bytes(bobs.read_bytes() + b"<<<<<<< HEAD\n")
    return made[0], bobs


@pytest.mark.parametrize(
    ("command", "consequence"),
    [
        (("notes", "--json"), "its notes are not listed"),
        (("notes",), "its notes are not listed"),
        (("export", "--no-synopsis"), "its notes are not exported"),
        (("export", "--format", "w3c"), "its notes are not exported"),
        (("claims", "--doc", DOC, "--json"), "the claims marked in it are not applied"),
        (("note", "resolve", "--all", "--author", "Bob", "--json"), "your notes in it are not"),
    ],
)
def test_each_command_prints_what_it_can_read_then_exits_1(
    cli, sample_workspace: Path, command: tuple[str, ...], consequence: str
) -> None:
    ann, bobs = _broken_colleague(cli, sample_workspace)
    where = 2 if command[0] == "note" else 1
    result = cli(*command[:where], sample_workspace, *command[where:])
    assert result.returncode == 1, result.stderr
    assert result.stdout, "what could be read is printed all the same"
    if command == ("notes", "--json"):
        assert [note["id"] for note in json.loads(result.stdout)] == [ann]
    (said,) = [line for line in result.stderr.splitlines() if str(bobs) in line]
    assert said.startswith("synoptic: ") and consequence in said


def test_status_names_the_file_in_its_output_and_exits_1(cli, sample_workspace: Path) -> None:
    _, bobs = _broken_colleague(cli, sample_workspace)
    status = cli("status", sample_workspace, "--author", "Ann", "--json")
    assert status.returncode == 1, status.stderr
    [unreadable] = json.loads(status.stdout)["unreadable"]
    assert unreadable.startswith(str(bobs))
    text = cli("status", sample_workspace, "--author", "Ann")
    assert text.returncode == 1 and f"Cannot read {bobs}" in text.stdout


def test_an_export_to_a_file_is_written_and_then_exits_1(
    cli, sample_workspace: Path, tmp_path: Path
) -> None:
    _broken_colleague(cli, sample_workspace)
    report = tmp_path / "report.md"
    made = cli("export", sample_workspace, "--no-synopsis", "-o", report)
    assert made.returncode == 1
    assert made.stderr.splitlines()[-1] == f"Wrote 1 note to {report}."
    assert "Ann's note" in report.read_text(encoding="utf-8")


def test_only_your_own_unreadable_files_concern_resolve_all(cli, sample_workspace: Path) -> None:
    _broken_colleague(cli, sample_workspace)
    resolved = cli("note", "resolve", sample_workspace, "--all", "--author", "Ann")
    assert resolved.returncode == 0, resolved.stderr
    assert resolved.stdout == "None of your notes keeps unresolved versions.\n"
    bob = cli("note", "resolve", sample_workspace, "--all", "--author", "Bob")
    assert bob.returncode == 1
    assert bob.stdout == "None of your notes that can be read keeps unresolved versions.\n"


def test_an_error_still_leaves_standard_output_empty(cli, sample_workspace: Path) -> None:
    """What tells a partial answer from a failure, both status 1."""
    _broken_colleague(cli, sample_workspace)
    failed = cli("notes", sample_workspace, "--json", "--doc", "nope.txt")
    assert failed.returncode == 1 and failed.stdout == ""
