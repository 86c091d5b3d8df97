"""A file still being saved while the passage index is rebuilt is read on time.

A pull changes two files; one of them is still being written when the watch looks, so it is
left for a second look shortly after (``SETTLE_AGAIN_S``), while the other's reload rebuilds
the passage index. That second look must not wait for the rebuild (on a large workspace, many
seconds), nor start a second build beside it: the rebuild of the newest texts follows the one
under way, whose index, of older texts, is dropped.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_reload import ADDED_ON_TOP, LONG, OTHER, SIZE, focus_back, started, workspace

from corpus import passage_cache
from tui import watching
from tui.app import make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pytest

OTHER_NOW = "Other findings, revised\n\nA different article says that kratom is risky.\n"


async def test_a_file_settling_during_a_rebuild_is_read_without_waiting_for_it(
    make_workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = workspace(make_workspace)
    monkeypatch.setattr(watching, "LOOK_EVERY_S", 3600.0)  # only the looks this test causes
    app = make_app(root, panes=2, author="Ann")
    open_index = passage_cache.open_index
    may_go, entered = threading.Event(), threading.Event()
    builds: list[int] = []

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        builds.append(1)
        if len(builds) == 1:  # the first rebuild is held: a large workspace's
            entered.set()
            assert may_go.wait(60)
        return open_index(*args, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        monkeypatch.setattr(passage_cache, "open_index", held)
        long_now = ADDED_ON_TOP + (root / LONG).read_text(encoding="utf-8")
        (root / LONG).write_text(long_now, encoding="utf-8")
        a_while_ago = time.time_ns() - 10**10  # saved: not one still being written
        os.utime(root / LONG, ns=(a_while_ago, a_while_ago))
        (root / OTHER).write_text(OTHER_NOW, encoding="utf-8")  # just now: still being saved
        focus_back(app)
        await wait_for(pilot, lambda: app.workspace.loaded(LONG).text == long_now)
        await wait_for(pilot, entered.is_set, timeout=20)
        assert app.workspace.loaded(OTHER).text != OTHER_NOW, "left to settle"

        # The second look comes while the rebuild is under way, and reads the settled file.
        await wait_for(pilot, lambda: app.workspace.loaded(OTHER).text == OTHER_NOW, timeout=5)
        await pilot.pause(0.3)
        assert len(builds) == 1, "no second build beside the one under way"
        assert app.parallel.index is None

        # The held build ends: its index, of the text before, is dropped; the next one is of
        # both texts shown.
        may_go.set()
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        assert len(builds) == 2
        index = app.parallel.index
        for doc_id in (LONG, OTHER):
            passages = {(p.start, p.end) for p in index.passages if p.doc_id == doc_id}
            sentences = {(s.start, s.end) for s in app.workspace.loaded(doc_id).sentences}
            assert passages and passages <= sentences, f"the index is of {doc_id} as shown"
