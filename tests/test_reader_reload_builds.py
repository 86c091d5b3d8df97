"""A build of the passage index overtaken by a newer one: the older one's index never wins.

A thread cannot be stopped, so a build overtaken by a newer one still finishes and posts its
index, of texts no longer shown. The reader reaches this when ``m`` asks for an index that
could not be built while a look at the disk is under way: the look's reload then asks for a
second build. That one starts only once the first is done (two at once would share the CPUs
for an index of which one is kept), and the first one's index is dropped. Here the first
build is held until the look's reload is shown, and the look until ``m`` has been pressed.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING

import numpy
from pilot_helpers import wait_for
from test_reader_reload import ADDED_ON_TOP, LONG, SIZE, focus_back, started, workspace
from test_reader_reload_index import OutOfMemory, said

from corpus import passage_cache
from tui import watching
from tui.app import make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pytest


async def test_an_index_build_overtaken_by_a_newer_one_is_dropped(
    make_workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    look_at_disk, open_index = watching.look_at_disk, passage_cache.open_index
    memory = OutOfMemory()
    hold_next_build = False
    build_may_go, look_may_go = threading.Event(), threading.Event()
    look_began, held, older_built = threading.Event(), threading.Event(), threading.Event()

    def build_held(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal hold_next_build
        if not hold_next_build:
            return open_index(*args, **kwargs)
        hold_next_build = False
        held.set()
        assert build_may_go.wait(30)
        try:
            return open_index(*args, **kwargs)
        finally:  # its index is posted right after
            older_built.set()

    def look_held(*args, **kwargs):  # type: ignore[no-untyped-def]
        look_began.set()
        assert look_may_go.wait(30)
        return look_at_disk(*args, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        monkeypatch.setattr(numpy, "load", memory.load)
        old = (root / LONG).read_text(encoding="utf-8")
        (root / LONG).write_text(ADDED_ON_TOP + old, encoding="utf-8")
        focus_back(app)
        await wait_for(pilot, lambda: said(app, "Matching unavailable"))
        await wait_for(pilot, lambda: not app.disk_watch.looking)

        # A look at the disk under way when m builds the index again (of the texts shown)...
        memory.failing, hold_next_build = False, True
        monkeypatch.setattr(passage_cache, "open_index", build_held)
        monkeypatch.setattr(watching, "look_at_disk", look_held)
        edited = "Kratom, mood and sleep\n\n" + old
        (root / LONG).write_text(edited, encoding="utf-8")
        a_while_ago = time.time_ns() - 10**10  # a save done: not one still being written
        os.utime(root / LONG, ns=(a_while_ago, a_while_ago))
        focus_back(app)
        await wait_for(pilot, look_began.is_set)
        await pilot.press("m")
        await wait_for(pilot, held.is_set, timeout=20)

        # ...finds the file edited: its reload asks for the index of the new text, which waits
        # for the older build rather than run beside it.
        look_may_go.set()
        await wait_for(pilot, lambda: app.workspace.loaded(LONG).text == edited)
        await pilot.pause(0.3)
        assert app.parallel.index is None and app.parallel.waiting

        # The older build then finishes: its index of the text before is dropped, and the
        # newer one is built and kept.
        build_may_go.set()
        await wait_for(pilot, older_built.is_set, timeout=30)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        newer = app.parallel.index
        await pilot.pause(0.3)
        assert app.parallel.index is newer
        passages = {(p.start, p.end) for p in newer.passages if p.doc_id == LONG}
        sentences = {(s.start, s.end) for s in app.workspace.loaded(LONG).sentences}
        assert passages and passages <= sentences, "the index is of the text shown"
