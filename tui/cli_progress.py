"""How far a long build has got, on stderr, for the commands that read a whole workspace.

A cold ``synoptic synopsis`` of a few hundred files reads them, finds their claims, indexes
their passages and groups the claims: minutes with nothing printed looked like a hang. The
commands that build (``claims``, ``match``, ``synopsis``, ``export --synopsis``) now say how
far they are, on stderr only: standard output stays the JSON or text a script reads.

On a terminal it is one line, rewritten in place (``Indexing passages: 120/305 documents``)
once the work has taken half a second, and wiped before the command prints, so a warm run
shows nothing and the output is never interleaved with it; a build of ten seconds or more
leaves one summary line with its time. When stderr is not a terminal (a log, a pipe, a cron
job), a script wants a clean stderr, which it often reads as "something is wrong": nothing is
written for ten seconds, so a warm or small run stays silent, then a plain line each minute,
so a log shows the command is alive, and a last line with the time. ``--quiet`` silences all
of it; errors and notes are said as ever.

The stages and their counts are the reader's (:mod:`tui.loader`, :mod:`tui.parallel`): the
same callbacks of :mod:`corpus`, drawn with a few lines of our own rather than click's or
Rich's progress bars, which draw a bar nobody needs here and know nothing of the plain mode.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from click.decorators import FC

QUIET = "synoptic.quiet"
"""Set in the command's context by ``--quiet``: no progress is shown."""

LIVE_AFTER = 0.5
"""Seconds of work before a terminal shows the line: a warm run is over before it."""
REDRAW_EVERY = 0.1
"""Seconds between two drawings of the line: often enough to look alive, rarely enough to be
free."""
LONG_BUILD = 10.0
"""Seconds after which a build is long: a log gets its first line, and the terminal keeps a
summary line with the time, which says why the command took so long."""
LOG_EVERY = 60.0
"""Seconds between two lines in a log after the first: a few lines even for a long build."""


def quiet_option(command: FC) -> FC:
    """``-q/--quiet`` of a command that may build: it only sets :data:`QUIET` in the context,
    so the command's own parameters are unchanged."""

    def silence(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta[QUIET] = True

    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=silence,
        help="Do not show on stderr how far a long build (claims, index, groups) has got.",
    )(command)


def seconds_shown(seconds: float) -> str:
    """``seconds`` as a person reads a duration: ``0.8 s``, ``12 s``, ``2 min 44 s``."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60} min {whole % 60} s"


class BuildProgress:
    """The progress of one command's build, said on ``stream`` (None: ``--quiet``)."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.live = stream is not None and _is_terminal(stream)
        """Whether the line is rewritten in place (a terminal) or logged (see the module)."""
        self.started = time.monotonic()
        self.stages: list[str] = []
        """The stages reported so far, in order, for the summary."""
        self.current = ""
        """The stage now under way: what an interruption interrupted."""
        self.line = ""
        """What the live line shows now ("" when it is not on the terminal)."""
        self.drawn_at = 0.0
        self.logged_at: float | None = None
        """When a plain line was last written (None: none was)."""

    def stage(
        self, title: str, unit: str = "", *, percent: bool = False
    ) -> Callable[[int, int], None]:
        """A ``progress(done, total)`` callback for the stage ``title`` ("Finding claims"),
        counted in ``unit`` ("documents"), or as a percentage."""

        def report(done: int, total: int) -> None:
            self.report(title, done, total, unit, percent=percent)

        return report

    def indexing(self, stage: str, done: int, total: int) -> None:
        """The passage index's ``progress(stage, done, total)``, named as the reader names it."""
        if stage == "passages":
            self.report("Indexing passages", done, total, "documents")
        else:  # the word pieces come in steps of no name
            self.report(f"Indexing {stage}", done, total, percent=True)

    def report(
        self, title: str, done: int, total: int, unit: str = "", *, percent: bool = False
    ) -> None:
        """Say that ``done`` of ``total`` of stage ``title`` are done, if it is time to."""
        if title != self.current:
            self.current = title
            if title not in self.stages:
                self.stages.append(title)
        if self.stream is None:
            return
        now = time.monotonic()
        elapsed = now - self.started
        if percent:
            count = f"{100 * done // max(total, 1)}%"
        else:
            count = f"{done:,}/{total:,}{f' {unit}' if unit else ''}"
        text = f"synoptic: {title}: {count} ({seconds_shown(elapsed)})"
        if self.live:
            if elapsed >= LIVE_AFTER and now - self.drawn_at >= REDRAW_EVERY:
                self.drawn_at = now
                self._draw(text)
        elif now - self.started >= (
            LONG_BUILD if self.logged_at is None else self.logged_at - self.started + LOG_EVERY
        ):
            self.logged_at = now
            self._write(f"{text}\n")

    def clear(self) -> None:
        """Wipe the live line, before anything else is written to the terminal."""
        if self.line:
            self._write("\r" + " " * len(self.line) + "\r")
            self.line = ""
            # a message written meanwhile must not be wiped at once by the next drawing
            self.drawn_at = time.monotonic()

    def close(self, *, interrupted: bool = False) -> None:
        """The build is over: wipe the line, and say how long a long one took."""
        shown = bool(self.line) or self.logged_at is not None
        self.clear()
        elapsed = time.monotonic() - self.started
        if interrupted or not shown or self.stream is None or elapsed < LONG_BUILD:
            return
        stages = [stage.lower() for stage in self.stages]
        done = stages[0] if len(stages) == 1 else f"{', '.join(stages[:-1])} and {stages[-1]}"
        done = done[:1].upper() + done[1:]
        self._write(f"synoptic: {done} took {seconds_shown(elapsed)}.\n")

    def _draw(self, text: str) -> None:
        width = _width(self.stream) - 1  # the last column would wrap on some terminals
        text = text[:width]
        self._write("\r" + text + " " * max(0, len(self.line) - len(text)))
        self.line = text

    def _write(self, text: str) -> None:
        assert self.stream is not None
        # a failure to write progress must not end the command: it is only progress
        with contextlib.suppress(OSError, ValueError):
            self.stream.write(text)
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal that can rewrite a line (not a ``dumb`` one, such as
    an editor's shell buffer, which shows the carriage return as ``^M``)."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
    return terminal and os.environ.get("TERM", "") != "dumb"


def _width(stream: TextIO | None) -> int:
    """The terminal's width; 80 when it does not say (a new pseudo-terminal says 0)."""
    try:
        columns = os.get_terminal_size(stream.fileno() if stream is not None else 2).columns
    except (AttributeError, ValueError, OSError):
        return 80
    return columns or 80


_under_way: BuildProgress | None = None
"""The build whose progress is shown now, if any: see :func:`clear_line`."""
_interrupted: str | None = None
"""The stage of the last build that Ctrl+C stopped, until :func:`interrupted_stage` says it."""


def clear_line() -> None:
    """Wipe the progress line, if one is shown, before a message goes to stderr."""
    if _under_way is not None:
        _under_way.clear()


def interrupted_stage() -> str | None:
    """The stage of a build that Ctrl+C stopped (None: none was under way), said once."""
    global _interrupted
    stage, _interrupted = _interrupted, None
    return stage


@contextlib.contextmanager
def build_progress() -> Iterator[BuildProgress]:
    """The progress of the build run inside, shown on stderr unless the command was given
    ``--quiet``; its line is wiped when the build ends, however it ends, so that what the
    command prints next starts on a clean line.

    Nested uses (``synopsis`` builds the index, then groups) share the outer one, so the
    whole build is timed once and summed up once.
    """
    global _under_way, _interrupted
    if _under_way is not None:
        yield _under_way
        return
    ctx = click.get_current_context(silent=True)
    quiet = ctx is not None and ctx.meta.get(QUIET, False)
    progress = BuildProgress(None if quiet else sys.stderr)
    _under_way = progress
    try:
        yield progress
    except BaseException as exc:
        progress.close(interrupted=True)
        if isinstance(exc, KeyboardInterrupt):
            _interrupted = progress.current or None
        raise
    else:
        progress.close()
    finally:
        _under_way = None
