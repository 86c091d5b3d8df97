"""Where the commands with ``-o FILE`` write, said the same way by every one of them."""

from __future__ import annotations

from pathlib import Path

import pytest

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
