"""A copy reaches the desktop's clipboard even when the terminal ignores OSC 52.

GNOME Terminal, Konsole and tmux without ``set-clipboard`` ignore OSC 52, and the reader said
"Copied" all the same. Run on the user's own computer, it now hands the text to the desktop's
command as well. The commands here are real stand-in scripts on PATH that write what they read
to a file, as ``wl-copy`` or ``xclip`` would put it on the clipboard.
"""

from __future__ import annotations

import os
import signal
import time
from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from textual.widgets import TextArea

from tui.app import SynopticApp, make_app
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (100, 30)
TEXT = "Kratom and mood\n\nKratom may lift mood — café trials say so. Few test it.\n"
SENTENCE = "Kratom may lift mood — café trials say so."


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder first on PATH for the stand-ins, in a local X11 and Wayland-less session."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    for name in ("SYNOPTIC_CLIPBOARD", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("WSL_DISTRO_NAME", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    return folder


def stand_in(folder: Path, name: str, script: str) -> Path:
    """An executable ``name`` in ``folder`` running the shell ``script``."""
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def news(app: SynopticApp) -> str:
    return app.query_one(StatusBar).news


async def copy_sentence(pilot: Pilot[None], *keys: str) -> SynopticApp:
    """Wait for the documents, put the cursor on the quote's sentence and press ``keys``."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
    await pilot.press("j", *keys)
    return app


async def test_the_copy_goes_to_the_desktops_command_as_well(
    bin_dir: Path,
    tmp_path: Path,
    make_workspace: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under Wayland, wl-copy is handed the selection, in UTF-8, and the news says Copied."""
    got = tmp_path / "clipboard"
    stand_in(bin_dir, "wl-copy", f"cat > '{got}'\necho >> '{tmp_path}/calls'")
    stand_in(bin_dir, "xclip", f"echo xclip >> '{got}.wrong'")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")  # first, before X11's
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await copy_sentence(pilot, "y")
        await wait_for(pilot, lambda: news(app).startswith("Copied"))
        assert got.read_text(encoding="utf-8") == SENTENCE
        assert news(app) == f"Copied {len(SENTENCE)} characters from b.md"
        assert app.clipboard == SENTENCE  # and OSC 52 was sent, for tmux and SSH
        assert not (tmp_path / "clipboard.wrong").exists()
        await pilot.pause(0.3)
        assert (tmp_path / "calls").read_text() == "\n"  # once, though every copy hands it over


async def test_xclip_staying_alive_to_serve_the_selection_does_not_hold_the_copy(
    bin_dir: Path, tmp_path: Path, make_workspace: Callable[..., Path]
) -> None:
    """xclip forks and its child keeps the inherited output open while it serves the
    selection: waiting for that output to close would wait until the next copy."""
    got, child = tmp_path / "clipboard", tmp_path / "child.pid"
    stand_in(
        bin_dir,
        "xclip",
        f'[ "$*" = "-selection clipboard" ] || exit 9\n'
        f"cat > '{got}'\n"
        f"sleep 30 &\n"  # the selection's server, holding stdout and stderr
        f"echo $! > '{child}'",
    )
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        started = time.monotonic()
        await copy_sentence(pilot, "y")
        await wait_for(pilot, lambda: news(app).startswith("Copied"), timeout=5)
        assert time.monotonic() - started < 2  # not the timeout's "no answer in 2 s"
        assert got.read_text(encoding="utf-8") == SENTENCE
    os.kill(int(child.read_text()), signal.SIGTERM)


async def test_over_ssh_no_command_runs_and_the_news_says_only_osc_52_was_sent(
    bin_dir: Path,
    tmp_path: Path,
    make_workspace: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over SSH, xclip would fill the remote machine's clipboard; OSC 52 is the only way,
    and whether the terminal took it cannot be known, so the news does not say Copied."""
    got = tmp_path / "clipboard"
    stand_in(bin_dir, "xclip", f"cat > '{got}'")
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await copy_sentence(pilot, "y")
        await pilot.pause(0.3)
        assert news(app) == (f"Sent {len(SENTENCE)} characters by OSC 52 only (see help)")
        assert app.clipboard == SENTENCE
        assert not got.exists()

        # and SYNOPTIC_CLIPBOARD=osc52 turns the command off on one's own computer
        monkeypatch.delenv("SSH_CONNECTION")
        monkeypatch.setenv("SYNOPTIC_CLIPBOARD", "osc52")
        await pilot.press("shift+right", "y")
        await pilot.pause(0.3)
        assert news(app).startswith("Sent ")
        assert not got.exists()


async def test_a_failing_command_is_reported_with_its_reason(
    bin_dir: Path, make_workspace: Callable[..., Path]
) -> None:
    """xclip without an X server exits 1: the news says it failed and that OSC 52 was sent,
    and a notification gives xclip's reason and how to stop trying it."""
    stand_in(bin_dir, "xclip", 'cat > /dev/null\necho "Error: Can\'t open display: :0" >&2; exit 1')
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await copy_sentence(pilot, "y")
        await wait_for(pilot, lambda: "failed" in news(app))
        assert news(app) == f"xclip failed; sent {len(SENTENCE)} characters by OSC 52"
        told = [n.message for n in app._notifications if n.title == "Clipboard"]
        assert told == [
            "xclip could not take the text (exit status 1: Error: Can't open display: :0); "
            "SYNOPTIC_CLIPBOARD=osc52 stops trying it. The text was sent to the terminal "
            "(OSC 52) instead."
        ]
        assert app.clipboard == SENTENCE


async def test_a_command_that_hangs_is_killed_and_reaped(
    bin_dir: Path, tmp_path: Path, make_workspace: Callable[..., Path]
) -> None:
    """A command that never exits is given 2 s, then killed; no zombie is left behind."""
    pid = tmp_path / "pid"
    stand_in(bin_dir, "xclip", f"echo $$ > '{pid}'\nexec sleep 30")
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await copy_sentence(pilot, "y")
        await wait_for(pilot, lambda: "failed" in news(app), timeout=6)
        told = [n.message for n in app._notifications if n.title == "Clipboard"]
        assert told and "(no answer in 2 s)" in told[0]
        with pytest.raises(ProcessLookupError):  # a zombie would still be there to signal
            os.kill(int(pid.read_text()), 0)


async def test_clip_exe_on_wsl_gets_utf16_with_windows_line_ends(
    bin_dir: Path,
    tmp_path: Path,
    make_workspace: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """clip.exe reads UTF-8 in the console's code page (garbled) and guesses UTF-16LE right;
    Windows' clipboard text ends its lines with CRLF. The citation has several lines."""
    got = tmp_path / "clipboard"
    stand_in(bin_dir, "clip.exe", f"cat > '{got}'")
    monkeypatch.setenv("WSL_DISTRO_NAME", "Ubuntu")
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await copy_sentence(pilot, "Y")
        await wait_for(pilot, lambda: news(app).startswith("Copied"))
        assert app.clipboard.count("\n") == 2
        assert got.read_bytes() == app.clipboard.replace("\n", "\r\n").encode("utf-16-le")
        assert news(app) == (
            f"Copied a quote of {len(SENTENCE)} characters from b.md, with its source"
        )


async def test_a_command_named_in_the_setting_that_is_not_found_is_reported(
    bin_dir: Path, make_workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNOPTIC_CLIPBOARD", "no-such-copier --in")
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await copy_sentence(pilot, "y")
        assert news(app) == (
            f"The clipboard command failed; sent {len(SENTENCE)} characters by OSC 52"
        )
        told = [n.message for n in app._notifications if n.title == "Clipboard"]
        assert told == [
            "SYNOPTIC_CLIPBOARD names 'no-such-copier', which is not found. The text was sent "
            "to the terminal (OSC 52) instead."
        ]


async def test_copying_in_the_note_editor_reaches_the_desktops_command_too(
    bin_dir: Path, tmp_path: Path, make_workspace: Callable[..., Path]
) -> None:
    """Ctrl+C in a TextArea (the note being written) is Textual's own copy, which sent OSC 52
    only: on GNOME Terminal the note's text went nowhere. It goes to the command too, once, and
    says nothing while it works, as Textual's copy never did."""
    got = tmp_path / "clipboard"
    stand_in(bin_dir, "xclip", f"cat >> '{got}'\necho >> '{tmp_path}/calls'")
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await copy_sentence(pilot, "a")  # a note on the sentence: the editor opens on its text
        area = await wait_for_editor(pilot)
        await pilot.press(*"Café dose?")
        await pilot.press("f7", "ctrl+c")  # select all, copy
        await wait_for(pilot, lambda: got.exists())
        await pilot.pause(0.3)
        assert got.read_text(encoding="utf-8") == area.text == "Café dose?"
        assert app.clipboard == "Café dose?"  # and OSC 52 was sent, for tmux and SSH
        assert (tmp_path / "calls").read_text() == "\n"  # handed over once
        assert not [n for n in app._notifications if n.title == "Clipboard"]


async def test_a_failing_command_is_told_of_when_textuals_copy_used_it(
    bin_dir: Path, make_workspace: Callable[..., Path]
) -> None:
    """Textual's copy has no news of its own: when the command fails, a notification says why
    and that the text went to the terminal, as for a copy from the panes."""
    stand_in(bin_dir, "xclip", 'cat > /dev/null\necho "Error: Can\'t open display: :0" >&2; exit 1')
    app = make_app(make_workspace({"b.md": TEXT}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await copy_sentence(pilot, "a")
        await wait_for_editor(pilot)
        await pilot.press(*"Dose", "f7", "ctrl+c")
        await wait_for(pilot, lambda: any(n.title == "Clipboard" for n in app._notifications))
        told = [n.message for n in app._notifications if n.title == "Clipboard"]
        assert told == [
            "xclip could not take the text (exit status 1: Error: Can't open display: :0); "
            "SYNOPTIC_CLIPBOARD=osc52 stops trying it. The text was sent to the terminal "
            "(OSC 52) instead."
        ]
        assert app.clipboard == "Dose"


async def wait_for_editor(pilot: Pilot[None]) -> TextArea:
    """The note editor's text, once it is open and has the focus."""
    from tui.screens.note_editor import NoteEditor

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, NoteEditor))
    area = pilot.app.screen.query_one(TextArea)
    await wait_for(pilot, lambda: pilot.app.focused is area)
    return area
