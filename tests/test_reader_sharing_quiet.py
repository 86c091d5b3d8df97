"""The reader's sharing check, every 20 seconds, asks git nothing while nothing changed, and
still notices a colleague's note, a commit, a fetch and a pull.

It ran four git commands at each look (about 14 ms of a worker's time) for a workspace nobody
touched. Git is counted where it really runs: a ``git`` first on the PATH that writes down each
call and hands it to the real one.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS
from git_helpers import git, git_defaults_only_fixture  # noqa: F401 - a fixture
from pilot_helpers import wait_for
from test_reader_notes import seed, sentence_target
from test_reader_sharing import checked, status_line

from tui import sharing as reader_sharing
from tui.app import make_app

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.app import SynopticApp

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def count_git_calls(folder: Path, monkeypatch) -> Path:
    """Put a ``git`` first on the PATH that notes each call in the file returned."""
    real = shutil.which("git")
    assert real is not None
    log = folder / "git-calls.log"
    log.write_text("", encoding="utf-8")
    wrapper = folder / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8"
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    return log


def count_checks(monkeypatch) -> list[int]:
    """How many times the reader asked for a check (skipped or not), in a list of one."""
    asked = [0]
    check = reader_sharing.ReaderSharing.check

    def counted(self: reader_sharing.ReaderSharing, *args: object, **kwargs: object) -> None:
        asked[0] += 1
        check(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_sharing.ReaderSharing, "check", counted)
    return asked


async def quiet_now(pilot: Pilot[None], app: SynopticApp, log: Path) -> None:
    """Wait for the check under way, if any, to end; then forget the calls so far."""
    await wait_for(
        pilot,
        lambda: not any(w.group == "sharing" and not w.is_finished for w in app.workers),
    )
    log.write_text("", encoding="utf-8")


def calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines()


async def test_an_untouched_workspace_asks_git_nothing_and_changes_are_still_seen(
    tmp_path: Path, sample_workspace: Path, monkeypatch
) -> None:
    ws = sample_workspace
    seed(ws, "Ann", sentence_target(ws, SAMPLE_IDS[0], 0), "Mine")
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "articles and a note")
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(ws), str(remote))
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    git(tmp_path, "clone", "-q", str(remote), str(mine))
    git(tmp_path, "clone", "-q", str(remote), str(theirs))
    log = count_git_calls(tmp_path, monkeypatch)
    asked = count_checks(monkeypatch)
    monkeypatch.setattr(reader_sharing, "REFRESH_S", 0.1)

    app = make_app(mine, panes=2, author="Ann")
    async with app.run_test(size=(160, 40)) as pilot:
        await checked(pilot)
        settled = asked[0] + 3  # a first visit looks twice more: the record, the branch
        await wait_for(pilot, lambda: asked[0] >= settled)
        await quiet_now(pilot, app, log)
        quiet = asked[0] + 5
        await wait_for(pilot, lambda: asked[0] >= quiet)
        assert calls(log) == []

        # a colleague's note arrives (another reader on this machine, a copied file)
        target = sentence_target(mine, SAMPLE_IDS[1], 1)
        arrived = seed(mine, "Bea", target, "Written meanwhile")
        await wait_for(pilot, lambda: arrived.id in app.sharing.new_ids)
        await wait_for(pilot, lambda: "1 uncommitted file" in status_line(app))
        assert any(call.startswith(f"-C {mine} --no-optional-locks status") for call in calls(log))

        # committed in another terminal
        git(mine, "add", "-A")
        git(mine, "commit", "-qm", "Bea's note")
        await wait_for(pilot, lambda: "uncommitted" not in status_line(app))
        assert "1 to push" in status_line(app)

        # a colleague pushes a note; fetched here, it is to pull; pulled, it is shown
        pushed = seed(theirs, "Carl", sentence_target(theirs, SAMPLE_IDS[2], 2), "From afar")
        git(theirs, "add", "-A")
        git(theirs, "commit", "-qm", "Carl's note")
        git(theirs, "push", "-q")
        git(mine, "fetch", "-q")
        await wait_for(pilot, lambda: "1 to pull" in status_line(app))
        git(mine, "merge", "-q", "--no-edit", "origin/main")
        await wait_for(pilot, lambda: pushed.id in app.sharing.new_ids)
        await wait_for(pilot, lambda: "to pull" not in status_line(app))
        assert "2 to push" in status_line(app)  # the commit and the merge

        # and quiet again
        settled = asked[0] + 3
        await wait_for(pilot, lambda: asked[0] >= settled)
        await quiet_now(pilot, app, log)
        quiet = asked[0] + 5
        await wait_for(pilot, lambda: asked[0] >= quiet)
        assert calls(log) == []
