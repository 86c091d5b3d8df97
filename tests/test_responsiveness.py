"""The reader's event loop stays free on large workspaces: what the background work builds is
out of the garbage collector's full passes, and no worker holds the interpreter lock for one
long call. The figures are in ``benchmarks/bench_responsiveness.py``; these tests check the
causes, not the clock, so they cannot flake on a slow machine."""

from __future__ import annotations

import sys
from types import FrameType

from corpus.text import inert


def test_a_long_text_is_made_inert_a_piece_at_a_time() -> None:
    # str.translate holds the interpreter lock until it returns: on a 5 MB document the
    # wrapping worker froze the screen for 400 ms in that one call.
    text = "Kratom\x1b[31m may\tlift mood.\u202e\n" * 100_000
    longest = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal longest
        if event == "c_call" and getattr(arg, "__name__", "") == "translate":
            longest = max(longest, len(getattr(arg, "__self__", "")))

    sys.setprofile(profile)
    try:
        shown = inert(text)
        kept = inert(text, keep_newlines=True)
    finally:
        sys.setprofile(None)
    assert 0 < longest <= 1 << 16  # a few milliseconds of work, then the loop gets its turn
    line = len("Kratom\x1b[31m may\tlift mood.\u202e\n")
    by_line = range(0, len(text), line)
    assert shown == "".join(inert(text[start : start + line]) for start in by_line)
    assert kept == "".join(
        inert(text[start : start + line], keep_newlines=True) for start in by_line
    )
    assert "\x1b" not in shown and "\u202e" not in shown and "\n" not in shown
    assert kept.count("\n") == 100_000
