"""Where the commands with ``-o FILE`` write, said the same way by every one of them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

OUTPUT_COMMANDS = [("export",), ("synopsis", "--csv")]
"""Every command with -o, with what it needs to write a file."""


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: c[0])
def test_an_output_that_is_a_folder_is_refused_in_words_by_every_command(
    cli, sample_workspace: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """`synopsis --csv -o FOLDER` gave click's "Usage: ... Try --help" while export said what
    was wrong; both say it in words now, and write nothing into the folder."""
    folder = tmp_path / "reports"
    folder.mkdir()
    result = cli(*command, sample_workspace, "-o", folder)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"synoptic: {folder} is a folder; give a file name to write the export to.\n"
    )
    assert result.stdout == ""
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: c[0])
def test_dash_as_the_output_is_standard_output_for_every_command(
    sample_workspace: Path, isolated_data_dir: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """`-o -` wrote a file literally named "-" in the current folder and printed nothing;
    it prints what the command prints without -o, as for cat or curl, and ./- is the file."""
    here = tmp_path / "here"
    here.mkdir()

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*command, sample_workspace, *extra, data_dir=isolated_data_dir, cwd=here)

    printed = run()
    assert printed.returncode == 0, printed.stderr
    dashed = run("-o", "-")
    assert dashed.returncode == 0, dashed.stderr
    assert dashed.stdout == printed.stdout != ""
    assert "Wrote" not in dashed.stderr
    assert list(here.iterdir()) == []
    assert run("--output=-", "--force").stdout == printed.stdout
    assert list(here.iterdir()) == []
    written = run("-o", "./-")  # the way to name a file "-", as for any other tool
    assert written.returncode == 0, written.stderr
    assert written.stdout == "" and "Wrote" in written.stderr
    assert [p.name for p in here.iterdir()] == ["-"]
    assert "- is standard output" in " ".join(run("--help").stdout.split())


def test_dash_as_the_synopsis_output_still_needs_csv(cli, sample_workspace: Path) -> None:
    """-o is the CSV's: `-o -` without --csv is the same slip as `-o FILE` without it."""
    result = cli("synopsis", sample_workspace, "-o", "-")
    assert result.returncode == 2
    assert "-o writes the CSV; give --csv too." in result.stderr
