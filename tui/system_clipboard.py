"""Handing copied text to the system clipboard's own command, beside the terminal's OSC 52.

OSC 52 asks the terminal to set the clipboard, and many terminals ignore it (GNOME Terminal
and the other VTE ones, Konsole, tmux without ``set-clipboard``): the copy then silently goes
nowhere. When the reader runs on the user's own computer, the desktop's command (``wl-copy``,
``xclip``, ``xsel``, ``pbcopy``, ``clip.exe``) reaches the clipboard whatever the terminal
does. Over SSH the command would fill the remote machine's clipboard, not the user's, so only
OSC 52 is used there.

``$SYNOPTIC_CLIPBOARD`` overrides the choice: ``osc52`` uses no command, anything else is the
command to run (with its arguments), even over SSH, since the user asked for it.

Nothing here imports Textual: the reader runs :func:`hand_over` in a thread worker.
"""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

CLIPBOARD_ENV = "SYNOPTIC_CLIPBOARD"
OSC52_ONLY = "osc52"
TIMEOUT_S = 2.0
"""How long a command may take to read the text: a clipboard command that hangs (a desktop
that does not answer) must not leave the copy's news waiting, nor a process behind."""
_SSH_ENV = ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT")


@dataclass(frozen=True, slots=True)
class ClipboardCommand:
    """A command that takes the clipboard's text on its standard input."""

    argv: tuple[str, ...]
    """The program, found on PATH, and its arguments."""
    name: str
    """What the user knows it as ("xclip"), for the news."""
    windows: bool = False
    """Whether it is Windows' ``clip.exe``, which wants UTF-16 and CRLF line ends."""

    def payload(self, text: str) -> bytes:
        """``text`` encoded as the command reads it.

        ``clip.exe`` reads its input in the console's code page unless it looks like UTF-16
        (it guesses, with ``IsTextUnicode``), so UTF-8 would arrive garbled. UTF-16LE is
        guessed right; a byte order mark would be kept as a character of the text. Windows'
        clipboard text ends its lines with CRLF.
        """
        if self.windows:
            return text.replace("\n", "\r\n").encode("utf-16-le")
        return text.encode("utf-8")


@dataclass(frozen=True, slots=True)
class Choice:
    """The command to use, if any, and why there is none."""

    command: ClipboardCommand | None = None
    problem: str | None = None
    """Why the command the user named cannot be used (None: no command was named)."""


def choose_command(environ: Mapping[str, str] | None = None) -> Choice:
    """The clipboard command for this session: the one named, else the desktop's, else none.

    Cheap enough for the event loop (environment variables, a search of PATH, and once per
    run a read of ``/proc/version``).
    """
    env = os.environ if environ is None else environ
    setting = env.get(CLIPBOARD_ENV, "").strip()
    if setting.lower() == OSC52_ONLY:
        return Choice()
    if setting and setting.lower() != "auto":
        return _named(setting)
    if any(env.get(name) for name in _SSH_ENV):
        return Choice()
    return Choice(_desktop_command(env))


def _named(setting: str) -> Choice:
    try:
        words = shlex.split(setting)
    except ValueError as exc:
        return Choice(problem=f"{CLIPBOARD_ENV} cannot be read as a command ({exc})")
    program = shutil.which(words[0]) if words else None
    if program is None:
        return Choice(problem=f"{CLIPBOARD_ENV} names {words[0]!r}, which is not found")
    name = Path(words[0]).name
    windows = name.lower() in ("clip", "clip.exe")
    return Choice(ClipboardCommand((program, *words[1:]), name, windows))


def _desktop_command(env: Mapping[str, str]) -> ClipboardCommand | None:
    """The desktop's own clipboard command, when one is installed."""
    candidates: list[tuple[str, ...]] = []
    if sys.platform == "darwin":
        candidates.append(("pbcopy",))
    if sys.platform == "win32" or env.get("WSL_DISTRO_NAME") or _is_wsl():
        candidates.append(("clip.exe",))  # the Windows clipboard, which WSLg's mirrors poorly
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(("wl-copy",))
    if env.get("DISPLAY"):
        candidates += [("xclip", "-selection", "clipboard"), ("xsel", "--clipboard", "--input")]
    for program, *arguments in candidates:
        if found := shutil.which(program):
            return ClipboardCommand((found, *arguments), program, program == "clip.exe")
    return None


@functools.cache
def _is_wsl() -> bool:
    try:
        version = Path("/proc/version").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "microsoft" in version.lower()


def hand_over(command: ClipboardCommand, text: str) -> str | None:
    """Give ``text`` to ``command``; why it failed, or None when it took the text.

    ``xclip``, ``xsel`` and ``wl-copy`` stay alive to serve the selection: they read the
    text, fork, and the parent exits while the child keeps the inherited standard output and
    error open. So the text goes in on a pipe that is closed at once, the output goes to
    /dev/null and the errors to a file (a pipe would wait for the child's end, which comes
    only when something else is copied), and only the parent's exit is waited for. A
    command that does not exit in :data:`TIMEOUT_S` is killed and reaped. The command gets
    its own session, so that it outlives the reader as it would a shell, and never touches
    the terminal the reader draws on.
    """
    environment = None
    if sys.platform == "darwin":  # pbcopy reads the locale's encoding, not always UTF-8
        environment = {**os.environ, "LC_ALL": "en_US.UTF-8"}
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                command.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=environment,
                start_new_session=True,
            )
        except OSError as exc:
            return exc.strerror or str(exc)
        try:
            process.communicate(command.payload(text), timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return f"no answer in {TIMEOUT_S:g} s"
        if process.returncode == 0:
            return None
        errors.seek(0)
        said = errors.read(4000).decode("utf-8", "replace")
        first = next((line.strip() for line in said.splitlines() if line.strip()), "")
        code = process.returncode
        status = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        return f"{status}: {first[:120]}" if first else status


class Latest:
    """Which copy is the newest, so that an older one's command never runs after it.

    Each copy runs its command in its own thread, one at a time (:attr:`running`); a copy
    whose turn comes after a newer one was made gives way, since the newer text is what the
    user means to paste.
    """

    def __init__(self) -> None:
        self.running = threading.Lock()
        """Held while a command runs."""
        self._counting = threading.Lock()  # never held for long: the event loop takes it
        self._newest = 0

    def next(self) -> int:
        """A number for a new copy, newer than every one before it."""
        with self._counting:
            self._newest += 1
            return self._newest

    def is_newest(self, number: int) -> bool:
        """Whether no copy was made after copy ``number``."""
        with self._counting:
            return number == self._newest
