"""What a script sees when the output of a command cannot be written: a reader that stops
early (``| head -1``), a full disk (``> file``), a closed standard output (``>&-``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tui.cli_output import CLOSED_PIPE_STATUS


def _environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ, SYNOPTIC_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    # Unbuffered, CPython's text layer drops what a short write left unwritten instead of
    # failing (the pipe closing is such a short write): the shell never runs us that way.
    env.pop("PYTHONUNBUFFERED", None)
    return env


def _synoptic(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "tui", *map(str, args)]


def test_a_reader_that_stops_early_ends_the_command_as_a_closed_pipe_does(
    sample_workspace: Path, isolated_data_dir: Path
) -> None:
    # The claims of the sample as JSON are far more than a pipe holds, so the command is still
    # writing when the reader goes, as with `synoptic claims --json | head -1`.
    command = subprocess.Popen(
        _synoptic("claims", sample_workspace, "--json"),
        cwd=REPO_ROOT,
        env=_environment(isolated_data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert command.stdout is not None and command.stderr is not None
    assert command.stdout.readline() == b"[\n"
    command.stdout.close()
    status = command.wait(timeout=60)
    errors = command.stderr.read().decode()
    command.stderr.close()
    # Not 1, which says the data had a problem; what `cat` or `jq` report, and no traceback.
    assert status == CLOSED_PIPE_STATUS == 141
    assert errors == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_under_the_output_is_one_sentence_not_a_traceback(
    sample_workspace: Path, isolated_data_dir: Path
) -> None:
    with open("/dev/full", "w") as full:  # a device, as `> file` gives a full disk
        done = subprocess.run(
            _synoptic("docs", sample_workspace, "--json"),
            cwd=REPO_ROOT,
            env=_environment(isolated_data_dir),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == (
        "synoptic: cannot write to standard output (No space left on device); "
        "the output is incomplete.\n"
    )


def test_a_closed_standard_output_is_an_error_not_an_empty_success(
    sample_workspace: Path, isolated_data_dir: Path
) -> None:
    done = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *_synoptic("docs", sample_workspace, "--json")],
        cwd=REPO_ROOT,
        env=_environment(isolated_data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "synoptic: cannot write to standard output (Bad file descriptor); "
        "the output is incomplete.\n"
    )


def test_an_error_that_is_not_about_the_output_is_not_reported_as_one(cli, tmp_path: Path) -> None:
    done = cli("docs", tmp_path / "nowhere", "--json")
    assert done.returncode == 1
    assert "cannot write" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("args", [("--help",), ("-h",), ("--version",), ("export", "--help")])
def test_help_and_version_to_a_closed_pipe_end_as_a_closed_pipe(
    isolated_data_dir: Path, args: tuple[str, ...]
) -> None:
    """`synoptic --help | head -1`: click prints the top level's help and version itself, and
    caught a closed pipe as an exit 1; they end as any command's output does."""
    command = subprocess.Popen(
        _synoptic(*args),
        cwd=REPO_ROOT,
        env=_environment(isolated_data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert command.stdout is not None and command.stderr is not None
    command.stdout.close()  # before Python has even started: the first write finds it closed
    status = command.wait(timeout=60)
    errors = command.stderr.read().decode()
    command.stderr.close()
    assert (status, errors) == (CLOSED_PIPE_STATUS, "")
