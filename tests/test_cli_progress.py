"""A long build says how far it has got on stderr, never on stdout; --quiet silences it; Ctrl+C
stops it with status 130 and leaves no cache file half-written.

The builds are real: a workspace of 60 articles (shuffled copies of the sample and of the
development articles) takes a few seconds to index and group cold, long enough to be seen.
"""

from __future__ import annotations

import io
import json
import os
import pty
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO_ROOT, benchmark_module

from tui import cli_progress
from tui.cli import cli

PROGRESS = "synoptic: "
INTERRUPTED = 128 + 2
"""The status of a program Ctrl+C (SIGINT) stopped, as a shell reports it."""


@pytest.fixture
def sixty_articles(tmp_path: Path) -> Path:
    """60 articles: five shuffled copies of each of the twelve sample and development ones."""
    root: Path = benchmark_module("bench_synopsis").wide_workspace(tmp_path / "ws", 5)
    assert len(list(root.glob("*.txt"))) == 60
    return root


def _environment(data_dir: Path, cache_dir: Path) -> dict[str, str]:
    return dict(
        os.environ,
        SYNOPTIC_DATA_DIR=str(data_dir),
        SYNOPTIC_CACHE_DIR=str(cache_dir),
        PYTHONIOENCODING="utf-8",
        PYTHONPATH=str(REPO_ROOT),
    )


def _synoptic(*args: str | Path, settings: str = "") -> list[str]:
    """The command line of ``synoptic ARGS``, with ``settings`` (Python) run first in the
    process: the progress module's timings, made short enough for a test to see them."""
    code = (
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"  # as a shell
        f"import tui.cli_progress as progress\n{settings}\n"
        "from tui.cli import main; main()"
    )
    return [sys.executable, "-c", code, *map(str, args)]


def test_a_long_build_says_how_far_it_has_got_on_stderr_and_quiet_silences_it(
    sixty_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not a terminal: plain lines, from the start and every half second here (ten seconds,
    # then every minute, for a real log).
    monkeypatch.setattr(cli_progress, "LONG_BUILD", 0.0)
    monkeypatch.setattr(cli_progress, "LOG_EVERY", 0.5)
    runner = CliRunner()
    cold = runner.invoke(cli, ["synopsis", str(sixty_articles), "--json"])
    assert cold.exit_code == 0, cold.stderr
    lines = cold.stderr.splitlines()
    assert lines and all(line.startswith(PROGRESS) for line in lines), lines
    assert lines[0].startswith("synoptic: Reading documents: 1/60 documents (")
    assert any(line.startswith("synoptic: Grouping claims: ") for line in lines), lines
    assert lines[-1].startswith(
        "synoptic: Reading documents, finding claims, indexing passages, indexing word pieces "
        "and grouping claims took "
    )
    groups = json.loads(cold.stdout)  # nothing but the JSON on stdout
    assert groups and {"id", "documents", "passages"} <= set(groups[0])

    quiet = runner.invoke(cli, ["synopsis", str(sixty_articles), "--json", "--quiet"])
    assert quiet.exit_code == 0, quiet.stderr
    assert quiet.stderr == ""
    assert quiet.stdout == cold.stdout

    claims = runner.invoke(cli, ["claims", str(sixty_articles), "--json", "-q"])
    assert (claims.exit_code, claims.stderr) == (0, "")
    said = runner.invoke(cli, ["claims", str(sixty_articles), "--json"])
    assert said.stderr.startswith("synoptic: Reading documents: 1/60 documents (")
    assert said.stdout == claims.stdout


def test_progress_in_a_terminal_is_one_line_rewritten_then_wiped(
    sixty_articles: Path, tmp_path: Path, isolated_data_dir: Path
) -> None:
    """stderr a terminal, stdout a pipe (``synoptic synopsis WS --json > out.json``)."""
    plain = subprocess.run(
        # ten seconds, in case a loaded machine takes that long: then a line would be due
        _synoptic("synopsis", sixty_articles, "--json", settings="progress.LONG_BUILD = 600"),
        env=_environment(isolated_data_dir, tmp_path / "plain-cache"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    # Not a terminal, and no long build: a script sees a clean stderr.
    assert (plain.returncode, plain.stderr) == (0, b"")

    terminal = _run_on_a_terminal(
        # a summary is left after a build of ten seconds; here after any
        _synoptic("synopsis", sixty_articles, "--json", settings="progress.LONG_BUILD = 0"),
        _environment(isolated_data_dir, tmp_path / "terminal-cache"),
    )
    assert terminal.returncode == 0
    assert terminal.stdout == plain.stdout  # the same JSON, byte for byte
    said = terminal.stderr.decode()
    assert said.startswith("\rsynoptic: ")  # nothing for the first half second...
    assert "\rsynoptic: Grouping claims: " in said
    line, summary = said.split("\r\n")[:2]  # (a terminal ends a line with \r\n)
    # ...then one line, rewritten in place, wiped before the summary
    drawn, wiped, rest = line.rsplit("\r", 2)
    assert wiped.strip() == "" and len(wiped) >= len(drawn.rsplit("\r", 1)[-1])
    assert rest.startswith("synoptic: Reading documents, finding claims, indexing passages, ")
    assert rest.endswith(" s.") and summary == ""

    quiet = _run_on_a_terminal(
        _synoptic(
            "claims", sixty_articles, "--json", "--quiet", settings="progress.LIVE_AFTER = 0"
        ),
        _environment(isolated_data_dir, tmp_path / "quiet-cache"),
    )
    assert (quiet.returncode, quiet.stderr) == (0, b"")
    assert json.loads(quiet.stdout)


def _run_on_a_terminal(
    command: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` with its stderr on a pseudo-terminal and its stdout on a pipe."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=secondary)
    os.close(secondary)
    printed = io.BytesIO()
    stdout = process.stdout
    assert stdout is not None
    reader = threading.Thread(target=lambda: printed.write(stdout.read()))
    reader.start()
    said = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # EIO: the process has closed its end
            break
        if not chunk:
            break
        said += chunk
    os.close(main)
    process.wait(timeout=120)
    reader.join()
    return subprocess.CompletedProcess(command, process.returncode, printed.getvalue(), said)


def test_ctrl_c_stops_a_build_with_status_130_and_leaves_no_cache_half_written(
    sixty_articles: Path, tmp_path: Path, isolated_data_dir: Path
) -> None:
    cache = tmp_path / "cache"
    output = tmp_path / "output.json"
    with output.open("wb") as stdout:  # a file: a pipe nobody reads would block the output
        process = subprocess.Popen(
            _synoptic(
                "synopsis",
                sixty_articles,
                "--json",
                settings="progress.LONG_BUILD = 0\nprogress.LOG_EVERY = 0.1",
            ),
            env=_environment(isolated_data_dir, cache),
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert process.stderr is not None
    said = []
    for line in process.stderr:
        said.append(line)
        if line.startswith("synoptic: Grouping claims: "):
            process.send_signal(signal.SIGINT)  # as Ctrl+C does
            break
    rest = process.stderr.read()
    assert process.wait(timeout=60) == INTERRUPTED, "".join(said) + rest
    assert output.read_bytes() == b""
    # the progress lines until then, and one line that says what was stopped
    assert rest.splitlines()[-1:] == [
        "synoptic: interrupted while grouping claims (nothing half-done is cached)."
    ], rest
    assert "Traceback" not in rest
    files = sorted(path.name for path in cache.rglob("*") if path.is_file())
    assert not [name for name in files if name.endswith(".tmp")], files
    assert not [name for name in files if name.endswith(".synopsis.json")], files
    assert [name for name in files if name.endswith(".grams.npz")], files  # done before
    again = subprocess.run(
        _synoptic("synopsis", sixty_articles, "--json", "--quiet"),
        env=_environment(isolated_data_dir, cache),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (again.returncode, again.stderr) == (0, "")
    assert json.loads(again.stdout)
