"""What a command does when what it prints cannot be written.

A script reads Synoptic through a pipe or a file: ``synoptic claims --json | head -1``,
``synoptic notes --json > notes.json`` in a cron job, a service started with its output
closed. Each failure used to surprise it differently: a reader that stops early made the
command exit 1 (click's silent catch of a closed pipe), which the README reserves for a
problem in the data; a full disk ended in a traceback; a closed standard output made click
drop everything printed, so the command "succeeded" with no output at all.

Now a closed pipe ends the command quietly with status 141 (128 + SIGPIPE), as ``cat``,
``grep`` or ``jq`` end when their reader stops; any other failure to write is one sentence
on stderr and status 1. Only errors raised while printing (inside ``click.echo``) count: an
OSError anywhere else is not about the output and must not be reported as if it were.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
import traceback
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from collections.abc import Iterator

    from _typeshed import ReadableBuffer

CLOSED_PIPE_STATUS = 128 + 13
"""What a shell reports for a program ended by SIGPIPE, which is what a reader that stopped
reading (``| head -1``) means; ``set -o pipefail`` scripts already expect it from ``cat``."""


class OutputFailed(Exception):
    """Printing failed; raised in place of the OSError so click does not swallow a closed
    pipe as an ordinary exit 1 before :func:`tui.cli.main` can tell what happened."""

    def __init__(self, error: OSError, *, to_stderr: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.to_stderr = to_stderr


def printing_failure(error: OSError) -> OutputFailed | None:
    """``error`` as an :class:`OutputFailed` when it was raised while printing, else None."""
    echo_code = click.utils.echo.__code__
    for frame, _line in traceback.walk_tb(error.__traceback__):
        if frame.f_code is echo_code:
            return OutputFailed(error, to_stderr=bool(frame.f_locals.get("err")))
    return None


class _ClosedOutput(io.RawIOBase):
    """Standard output when the shell closed it (``>&-``): writing fails, once, as it would
    on a closed descriptor. Python leaves ``sys.stdout`` None then, and click silently drops
    whatever is printed to None."""

    def __init__(self) -> None:
        super().__init__()
        self.reported = False

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        if self.reported:  # said once; the interpreter's last flush must not fail again
            return len(memoryview(data))
        self.reported = True
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


@contextlib.contextmanager
def printing_failures_raised() -> Iterator[None]:
    """Turn an error raised while printing into :class:`OutputFailed` (see the module)."""
    try:
        yield
    except OSError as error:
        failure = printing_failure(error)
        if failure is None:
            raise
        raise failure from error


def guard_closed_stdout() -> None:
    """Give a closed standard output a stand-in that fails when printed to (see above)."""
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedOutput()), encoding="utf-8")


def _discard_unwritten() -> None:
    """Point standard output and error at the null device: what is still buffered for them
    would fail again when the interpreter flushes it on exit, printing "Exception ignored"
    and changing the exit status to 120."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, OSError, ValueError):
                os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)


def end_after(failure: OutputFailed) -> NoReturn:
    """Say why the output could not be written, when it can be said, and exit."""
    error = failure.error
    if error.errno == errno.EPIPE:
        _discard_unwritten()
        sys.exit(CLOSED_PIPE_STATUS)
    if not failure.to_stderr:
        with contextlib.suppress(OSError, ValueError):
            click.echo(
                f"synoptic: cannot write to standard output ({error.strerror or error}); "
                "the output is incomplete.",
                err=True,
            )
    _discard_unwritten()
    sys.exit(1)
