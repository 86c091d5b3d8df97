"""The real command in a real terminal (tmux): a note being written when the terminal closes
(SIGHUP) or the process is told to stop (SIGTERM) is on disk before the reader exits."""

from __future__ import annotations

import json
import os
import shlex
import sys
import time
from pathlib import Path

import pytest
from test_e2e_tmux import Terminal, tmux  # noqa: F401 (the fixture)

from annotations.drafts import drafts_folder

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[1]
TEXT = "Typed just before the end"


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie waiting for tmux to reap it has ended too
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True


@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM"])
def test_a_signal_keeps_the_note_being_written(
    tmux: str,  # noqa: F811
    sample_workspace: Path,
    isolated_data_dir: Path,
    how: str,
) -> None:
    command = "exec " + shlex.join(
        [
            "env",
            f"SYNOPTIC_DATA_DIR={isolated_data_dir}",
            f"PYTHONPATH={REPO}",
            "TERM=xterm-256color",
            sys.executable,
            "-m",
            "tui",
            str(sample_workspace),
            "--author",
            "Ann",
        ]
    )
    terminal = Terminal(tmux)
    try:
        terminal.start(f"cd {shlex.quote(str(REPO))} && {command}")
        terminal.wait_for(lambda s: "sentence 1/" in s, "the first document")
        pid = int(terminal.run("list-panes", "-t", terminal.session, "-F", "#{pane_pid}").stdout)
        deadline = time.monotonic() + 20
        while "New note on" not in terminal.screen():  # `a` waits for the notes to be read
            assert time.monotonic() < deadline, "the note editor did not open"
            terminal.send("a")
            time.sleep(0.5)
        terminal.send(TEXT, literal=True)
        terminal.wait_for(lambda s: TEXT in s, "the typing")
        if how == "SIGHUP":
            terminal.kill()  # the terminal goes away: its processes get SIGHUP
        else:
            os.kill(pid, 15)
        deadline = time.monotonic() + 10
        while not gone(pid):
            assert time.monotonic() < deadline, f"the reader did not end after {how}"
            time.sleep(0.05)
    finally:
        terminal.kill()
    kept = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in drafts_folder(sample_workspace).glob("*.json")
    ]
    assert [draft["draft"]["note"] for draft in kept] == [TEXT]
