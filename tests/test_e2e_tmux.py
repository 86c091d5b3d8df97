"""End to end: the real ``synoptic`` console script in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS

from corpus.document import load_document
from corpus.search import search_documents

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.e2e

SYNOPTIC = Path(sys.executable).parent / "synoptic"
WIDTH, HEIGHT = 140, 40
QUERY = "legal status"
CLEAN_ENV = {
    name: value
    for name, value in os.environ.items()
    # A size left in the environment would win over the pane's real size; TMUX would make
    # the server think it is nested in the tmux this test may be running in.
    if name not in {"COLUMNS", "LINES", "TMUX", "TMUX_PANE"}
}
WRAPPER = '"$@"; status=$?; echo "$status" > "$0"; [ "$status" -eq 0 ] || sleep 5'
"""``sh -c`` script: run the command, record its exit status in the file named by ``$0``, and
on failure keep the pane (and any traceback) on screen for a few seconds, for the report."""


class Terminal:
    """A detached tmux session on a private server (its own socket), running one command."""

    def __init__(self, tmux: str) -> None:
        token = uuid.uuid4().hex[:12]
        self.tmux = tmux
        self.socket = f"synoptic-test-{token}"
        self.session = f"synoptic-{token}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.tmux, "-L", self.socket, "-f", os.devnull, *args],
            env=CLEAN_ENV,
            capture_output=True,
            text=True,
            timeout=10,
            check=check,
        )

    def start(self, command: str) -> None:
        self.run(
            "new-session", "-d", "-s", self.session, "-x", str(WIDTH), "-y", str(HEIGHT), command
        )

    def alive(self) -> bool:
        return self.run("has-session", "-t", self.session, check=False).returncode == 0

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session, check=False).stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)

    def wait_for(self, condition: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """Poll the screen until ``condition(screen)`` holds; fail showing the last screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            current = self.screen()
            if not self.alive():
                pytest.fail(f"synoptic exited while waiting for {what}; last screen:\n{screen}")
            screen = current
            if condition(screen):
                return screen
            time.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}; the screen was:\n{screen}")

    def kill(self) -> None:
        self.run("kill-server", check=False)


@pytest.fixture
def tmux() -> str:
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is not installed; CI must install it to run the end-to-end test")
        pytest.skip("tmux is not installed")
    return found


def test_reader_in_a_real_terminal(
    tmux: str, sample_workspace: Path, isolated_data_dir: Path, tmp_path: Path
) -> None:
    assert SYNOPTIC.exists(), f"the console script is missing at {SYNOPTIC}"
    document = load_document(sample_workspace / SAMPLE_IDS[0], SAMPLE_IDS[0])
    hits, _ = search_documents([document], QUERY)
    target = hits[0].sentence
    assert target is not None and target > 1
    total = len(document.sentences)
    status_file = tmp_path / "exit-status"
    command = shlex.join(
        [
            "sh",
            "-c",
            WRAPPER,
            str(status_file),
            "env",
            f"SYNOPTIC_DATA_DIR={isolated_data_dir}",
            "TERM=xterm-256color",
            str(SYNOPTIC),
            str(sample_workspace),
        ]
    )
    terminal = Terminal(tmux)
    try:
        terminal.start(command)
        screen = terminal.wait_for(
            lambda s: "Kratom, derived from Southeast Asian trees" in s and "sentence 1/" in s,
            "the first document",
        )
        assert SAMPLE_IDS[0] in screen
        assert SAMPLE_IDS[1] in screen  # two panes side by side at 140 columns

        terminal.send("j")
        terminal.wait_for(lambda s: f"sentence 2/{total}" in s, "the cursor to move")

        terminal.send("/")
        terminal.wait_for(lambda s: "All documents" in s, "the search dialog")
        terminal.send(QUERY, literal=True)
        terminal.wait_for(lambda s: "in this document" in s, "search results")
        terminal.send("Enter")
        terminal.wait_for(
            lambda s: f"sentence {target + 1}/{total}" in s and "All documents" not in s,
            "the jump to the hit",
        )

        terminal.send("?")
        screen = terminal.wait_for(lambda s: "Synoptic — help" in s, "the help screen")
        assert "Next sentence" in screen
        terminal.send("Escape")
        terminal.wait_for(lambda s: "Synoptic — help" not in s, "the help screen to close")

        terminal.send("q")
        deadline = time.monotonic() + 10
        while terminal.alive():
            screen = terminal.screen() or screen
            assert time.monotonic() < deadline, f"q did not quit; screen:\n{screen}"
            time.sleep(0.05)
        # The session ended because the program did; it exited cleanly.
        status = status_file.read_text().strip()
        assert status == "0", f"synoptic exited with status {status}; last screen:\n{screen}"
    finally:
        terminal.kill()
