"""The reader's event loop stays free on large workspaces: what the background work builds is
out of the garbage collector's full passes, and no worker holds the interpreter lock for one
long call. The figures are in ``benchmarks/bench_responsiveness.py``; these tests check the
causes, not the clock, so they cannot flake on a slow machine."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import FrameType

from pilot_helpers import wait_for

from corpus.text import inert
from tui import heap
from tui.app import make_app


async def test_the_documents_claims_index_and_notes_are_out_of_the_collectors_passes(
    sample_workspace: Path,
) -> None:
    # A full pass walks every object it tracks, and stops every thread meanwhile: on 300
    # licence texts the reader's sentences, cues and term counts made each pass 100-500 ms.
    app = make_app(sample_workspace)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(
            pilot, lambda: app.parallel.index is not None and app.notes.ready, timeout=30
        )
        document = app.loaded_documents()[0]
        built = [
            document,
            document.sentences[0],
            document.blocks[0],
            app.claims.by_document[document.id][0],
            app.parallel.index,
        ]
        walked = {id(o) for o in gc.get_objects()}  # the permanent generation is left out
        assert all(gc.is_tracked(o) for o in built)
        assert not [o for o in built if id(o) in walked]
    # once the reader is gone, what it froze can be collected again
    assert gc.get_freeze_count() == 0


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


def test_a_stage_s_later_rounds_are_left_to_the_collector() -> None:
    """Notes are read again after every save and pull, claims after every mark: frozen, each
    earlier round would become garbage the collector never sees, and a long session would
    grow with every save."""
    heap.release()  # as when a reader exits: nothing frozen
    try:
        heap.keep_built_once("index")  # the first build is over: no freezing while stages run
        heap.keep_built_once("notes")
        first = gc.get_freeze_count()
        assert first > 0
        rebuilt = [[index] for index in range(1000)]  # what a second reading of the notes makes
        heap.keep_built_once("notes")
        frozen = gc.get_freeze_count()
        heap.keep_built_now_and_then()
        assert gc.get_freeze_count() == frozen
        assert all(gc.is_tracked(item) for item in rebuilt)
        assert id(rebuilt[0]) in {id(o) for o in gc.get_objects()}, "walked, so collectable"
    finally:
        heap.release()
    assert gc.get_freeze_count() == 0
