"""Every command's exit status when a file it may need cannot be read, in one table.

The README's rule for a script: an error exits 1 with nothing on standard output; a command
that printed all it could read but lacks what a document or a notes file holds exits 1 too,
after its output, with the file named on stderr; 0 is a complete answer, and a command that
does not need the file never reads it. The table holds every command, so a new one cannot
drift from the rule unnoticed (:func:`test_the_table_holds_every_command`).
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_DIR, SAMPLE_IDS, run_cli

if TYPE_CHECKING:
    from pathlib import Path

BROKEN, OTHER = SAMPLE_IDS[0], SAMPLE_IDS[1]
QUOTES = {
    BROKEN: "Emerging research is examining how kratom",
    OTHER: "Major depressive disorder (MDD) involves",
}
BINARY = b"\x00\x01\x02 a document saved over with bytes\n"

DOCUMENT, NOTES_FILE = "document", "notes file"
"""What cannot be read in the workspace: a document with a note on it, or Bob's notes file."""

# (command, arguments after the workspace, status with an unreadable document, with an
# unreadable notes file). NOTE_ON_BROKEN and NOTE_ON_OTHER stand for Ann's notes' ids.
NOTE_ON_BROKEN, NOTE_ON_OTHER = "NOTE-ON-BROKEN", "NOTE-ON-OTHER"
TABLE: list[tuple[str, tuple[str, ...], int, int]] = [
    ("docs", ("--json",), 1, 0),
    ("claims", ("--json",), 1, 1),
    ("claims", ("--doc", OTHER, "--json"), 0, 1),
    ("match", ("--doc", OTHER, "--offset", "0", "--json"), 1, 1),
    ("synopsis", ("--json",), 1, 1),
    ("search", ("depressive disorder", "--json"), 1, 0),
    ("search", ("--doc", OTHER, "depressive disorder", "--json"), 0, 0),
    ("notes", ("--json",), 1, 1),
    ("notes", ("--doc", OTHER, "--json"), 0, 1),
    ("export", ("--no-synopsis",), 1, 1),
    ("export", (), 1, 1),
    ("export", ("--format", "w3c"), 0, 1),
    ("export", ("-o", "OUTPUT", "--json"), 1, 1),
    ("status", ("--author", "Ann", "--json"), 1, 1),
    ("note add", ("--doc", OTHER, "--quote", "Kratom, a natural", "--text", "x"), 0, 0),
    ("note add", ("--reply-to", NOTE_ON_BROKEN, "--text", "Agreed."), 1, 0),
    ("note add", ("--reply-to", NOTE_ON_OTHER, "--text", "Agreed."), 0, 0),
    ("note edit", (NOTE_ON_BROKEN, "--text", "Changed."), 1, 0),
    ("note edit", (NOTE_ON_OTHER, "--text", "Changed."), 0, 0),
    ("note reattach", (NOTE_ON_BROKEN, "--doc", OTHER, "--quote", "Kratom, a natural"), 0, 0),
    ("note resolve", (NOTE_ON_BROKEN,), 1, 0),
    ("note resolve", ("--all", "--author", "Bob"), 0, 1),
    ("note rm", (NOTE_ON_BROKEN,), 0, 0),
]
NOT_IN_THE_TABLE = {
    "open": "the reader, which shows these files in its own notifications",
    "init": "reads no document and no note (tests/test_cli_notes.py covers its folders)",
    "import": "exits as its import went (tests/test_cli_import*.py)",
    "merge-driver": "git's, on three given files (tests/test_merge.py)",
    "note restore": "needs a deletion made first in the same data folder "
    "(tests/test_cli_note_restore.py has its row: an unreadable document exits 1)",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The sample with Ann's notes on BROKEN and OTHER and Bob's on OTHER, made once."""
    root = tmp_path_factory.mktemp("statuses") / "ws"
    root.mkdir()
    for doc_id in SAMPLE_IDS:
        shutil.copyfile(SAMPLE_DIR / doc_id, root / doc_id)
    data = tmp_path_factory.mktemp("data")
    ids = {}
    for author, doc_id, name in (
        ("Ann", BROKEN, NOTE_ON_BROKEN),
        ("Ann", OTHER, NOTE_ON_OTHER),
        ("Bob", OTHER, "NOTE-BY-BOB"),
    ):
        made = run_cli(
            "note", "add", root, "--doc", doc_id, "--quote", QUOTES[doc_id], "--text", "Hm.",
            "--author", author, "--json", data_dir=data,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        ids[name] = json.loads(made.stdout)["id"]
    return root, ids


def _broken(template: tuple[Path, dict[str, str]], tmp_path: Path, what: str) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(template[0], root)
    if what == DOCUMENT:
        (root / BROKEN).write_bytes(BINARY)
    else:
        (bobs,) = (root / "annotations" / "bob").glob("*.json")
        bobs.write_bytes(bobs.read_bytes() + b"<<<<<<< HEAD\n")
    return root


@pytest.mark.parametrize("what", [DOCUMENT, NOTES_FILE])
@pytest.mark.parametrize(
    ("command", "arguments", "if_document", "if_notes_file"),
    TABLE,
    ids=[f"{c} {' '.join(a)}" for c, a, *_ in TABLE],
)
def test_each_command_says_by_its_status_what_it_could_not_read(
    cli,
    template: tuple[Path, dict[str, str]],
    tmp_path: Path,
    what: str,
    command: str,
    arguments: tuple[str, ...],
    if_document: int,
    if_notes_file: int,
) -> None:
    root = _broken(template, tmp_path, what)
    ids = template[1]
    named = {**ids, "OUTPUT": str(tmp_path / "report.md")}
    given = [named.get(argument, argument) for argument in arguments]
    words = command.split()
    if words[0] == "note" and "--author" not in given:
        given += ["--author", "Ann"]
    result = cli(*words, root, *given)
    expected = if_document if what == DOCUMENT else if_notes_file
    assert result.returncode == expected, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout, "a complete or partial answer is printed, never nothing"
    if expected:  # what could not be read is named on stderr, or in the status's own output
        name = BROKEN if what == DOCUMENT else "annotations/bob/"
        assert name in result.stderr or (command == "status" and name in result.stdout)
    if what == DOCUMENT and command.startswith("note") and "--json" not in given:
        assert "orphaned" not in result.stdout + result.stderr, "its notes lost nothing"


def test_the_table_holds_every_command() -> None:
    import click

    from tui.cli import cli as group

    names = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names |= {f"{name} {sub}" for sub in command.commands}
        else:
            names.add(name)
    assert names == {command for command, *_ in TABLE} | set(NOT_IN_THE_TABLE)


def test_notes_on_a_document_that_cannot_be_read_are_unreadable_not_orphaned(
    cli, template: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """Their text is not gone: the file could not be read. "Orphaned" would send their author
    to re-attach (or delete) notes that lost nothing."""
    root = _broken(template, tmp_path, DOCUMENT)
    mine = template[1][NOTE_ON_BROKEN]
    listed = cli("notes", root, "--json")
    anchors = {note["id"]: note["anchor"] for note in json.loads(listed.stdout)}
    assert anchors[mine] == "unreadable"
    assert set(anchors.values()) == {"unreadable", "anchored"}
    only = cli("notes", root, "--anchor", "unreadable")
    assert only.returncode == 1 and f"{BROKEN}:?  [unreadable]" in only.stdout
    assert cli("notes", root, "--anchor", "orphaned").stdout == "No notes.\n"
    status = json.loads(cli("status", root, "--author", "Ann", "--json").stdout)
    assert status["orphaned"] == []
    why = "looks like a binary file (it contains NUL bytes)"
    assert status["unreadable_documents"] == [{"doc": BROKEN, "reason": why, "notes": [mine]}]
    report = cli("export", root, "--no-synopsis").stdout
    assert "Orphaned" not in report
    assert "- Not placed: 1 note on documents that could not be read" in report
