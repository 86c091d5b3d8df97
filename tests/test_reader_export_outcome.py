"""What an export left out reaches the reader's export dialog as data, not as wording.

The dialog runs ``synoptic export`` and titles its notice by what the report lacks. It used to
find that in the command line's sentences on stderr, so rewording one of them ("skipped ...",
"its notes are not exported") silently turned "Exported without some notes" into "Exported,
but something was left out". Here the command line's real outcome is handed to the dialog with
every sentence reworded: the title must not change.
"""

from __future__ import annotations

import json
import subprocess
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS, folder_too_deep_to_list
from test_reader_export import seed

from annotations.export_result import ExportOutcome, LeftOutOfExport
from tui.dialogs import export_notice

if TYPE_CHECKING:
    from pathlib import Path

FIRST_DOC, SECOND_DOC = SAMPLE_IDS[:2]


def reworded(done: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    """``done`` with every line the command line said on stderr put in other words."""
    lines = done.stderr.strip().splitlines()
    other = [f"problem {n}: something else entirely" for n in range(len(lines) - 1)]
    stderr = "\n".join([*other, "All done."]) + "\n"
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout, stderr)


@pytest.mark.parametrize(
    ("broken", "title"),
    [
        ("nothing", "Exported"),
        ("notes", "Exported without some notes"),
        ("document", "Exported; 1 document could not be read"),
        ("both", "Exported without some notes; 1 document could not be read"),
        ("folder", "Exported; 1 folder could not be read"),
    ],
)
def test_the_dialog_s_title_comes_from_what_was_left_out_not_from_the_wording(
    sample_workspace: Path, tmp_path: Path, cli, broken: str, title: str
) -> None:
    seed(sample_workspace, "Ann", FIRST_DOC, 0, "Ann on the dose.", "dosage")
    seed(sample_workspace, "Bob", SECOND_DOC, 0, "Bob on mood.", "mood")
    (bobs,) = (sample_workspace / "annotations" / "bob").glob("*.json")
    if broken in ("notes", "both"):  # a merge left its conflict markers in Bob's file
        bobs.write_bytes(bobs.read_bytes() + b"<<<<<<< HEAD\n")
    if broken in ("document", "both"):
        (sample_workspace / SECOND_DOC).write_bytes(b"\x00\x01 a binary file now\n")
    folder = folder_too_deep_to_list(sample_workspace) if broken == "folder" else None
    destination = tmp_path / "report.md"

    done = cli("export", sample_workspace, "-o", destination, "--json")

    outcome = ExportOutcome.from_json(done.stdout)
    assert outcome is not None, done.stderr
    notes = 1 if broken in ("notes", "both") else 2
    assert (outcome.notes, outcome.path) == (notes, str(destination))
    unlisted = outcome.left_out.folders
    assert outcome.left_out == LeftOutOfExport(
        notes_files=(str(bobs),) if broken in ("notes", "both") else (),
        documents=(SECOND_DOC,) if broken in ("document", "both") else (),
        folders=unlisted,
        not_placed=1 if broken == "document" else 0,  # Bob's note: his file read, not the text
    )
    assert len(unlisted) == (folder is not None) and all(
        f.startswith(f"{folder}/") for f in unlisted
    )
    # the command line words its last line from the same outcome
    noun = "note" if notes == 1 else "notes"
    assert done.stderr.strip().splitlines()[-1] == f"Wrote {notes} {noun} to {destination}."
    assert done.returncode == (0 if broken == "nothing" else 1)

    as_said = export_notice(done)
    assert as_said is not None
    assert as_said[1:] == (title, "information" if broken == "nothing" else "warning")
    message, *told = export_notice(reworded(done)) or ("", "", "")
    assert told == list(as_said[1:]), "the title must not depend on how the command line words it"
    assert message.endswith("All done.")


def test_an_export_that_wrote_nothing_has_no_outcome_for_the_dialog(
    sample_workspace: Path, tmp_path: Path, cli
) -> None:
    """Refused (here: a folder for a file), the command prints no outcome, and the dialog says
    the export failed rather than that it exported."""
    done = cli("export", sample_workspace, "-o", tmp_path, "--json")
    assert done.returncode != 0 and done.stdout == ""
    assert export_notice(done) is None


def test_standard_output_stays_the_report_whatever_the_flag(sample_workspace: Path, cli) -> None:
    """``--outcome-json`` is for an export to a file: to standard output, the report alone."""
    plain = cli("export", sample_workspace)
    flagged = cli("export", sample_workspace, "--outcome-json")
    assert flagged.stdout == plain.stdout and flagged.stdout.startswith("# Notes on ")


def test_json_is_the_outcome_as_every_command_s_json_and_the_old_name_still_works(
    sample_workspace: Path, tmp_path: Path, cli
) -> None:
    """export alone took no --json (only --outcome-json), where every other command prints
    its result as JSON with it: a script typing --json got a usage error. --outcome-json, which
    scripts may use, prints the same; --json without -o, where standard output is the export
    itself, is a typing mistake that says what to give instead, and writes nothing."""
    seed(sample_workspace, "Ann", FIRST_DOC, 0, "Ann on the dose.", "dosage")
    outcomes = []
    for flag in ("--json", "--outcome-json"):
        destination = tmp_path / f"report{flag}.md"
        done = cli("export", sample_workspace, "-o", destination, flag)
        assert done.returncode == 0, done.stderr
        outcomes.append(json.loads(done.stdout))
        assert outcomes[-1]["path"] == str(destination) and destination.exists()
    assert [{**o, "path": None} for o in outcomes] == [
        {
            "notes": 1,
            "path": None,
            "left_out": {"notes_files": [], "documents": [], "folders": [], "not_placed": 0},
        }
    ] * 2
    alone = cli("export", sample_workspace, "--json")
    assert (alone.returncode, alone.stdout) == (2, "")
    assert alone.stderr.startswith("synoptic: --json prints what an export to a file wrote")
    assert "--format w3c" in alone.stderr
