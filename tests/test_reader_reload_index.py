"""The passage index cannot be rebuilt after a change on disk: the reader says so in words,
matching says why it is unavailable, the watch goes on following the documents, and the next
change (or ``m``) builds the index again.

The failure is a real one from below our code: reading the cached word-piece vectors runs out
of memory (``numpy.load`` raises MemoryError), as it may on a small machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy
import pytest
from pilot_helpers import wait_for
from test_reader_reload import ADDED_ON_TOP, LONG, SIZE, focus_back, started, workspace

from tui.app import make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tui.app import SynopticApp


class OutOfMemory:
    """``numpy.load`` running out of memory while :attr:`failing`, as on a small machine."""

    def __init__(self) -> None:
        self.failing = True
        self._load = numpy.load

    def load(self, *args: object, **kwargs: object) -> object:
        if self.failing:
            raise MemoryError("cannot allocate 2.1 GiB")
        return self._load(*args, **kwargs)  # type: ignore[arg-type]


def said(app: SynopticApp, title: str) -> list[str]:
    return [n.message for n in app._notifications if n.title == title]


async def test_an_index_that_cannot_be_rebuilt_is_reported_and_built_again_later(
    make_workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    memory = OutOfMemory()

    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        view = pane.view
        monkeypatch.setattr(numpy, "load", memory.load)
        old = (root / LONG).read_text(encoding="utf-8")
        (root / LONG).write_text(ADDED_ON_TOP + old, encoding="utf-8")
        focus_back(app)
        await wait_for(pilot, lambda: said(app, "Matching unavailable"))
        (message,) = said(app, "Matching unavailable")
        assert "cannot allocate 2.1 GiB" in message
        assert app.parallel.index is None, "no index of texts no longer shown"
        await pilot.press("m")
        await wait_for(pilot, lambda: len(said(app, "Matching unavailable")) == 2)

        # The watch goes on: the next change is shown, and its rebuild works again.
        memory.failing = False
        edited = "Kratom, mood and sleep\n\n" + old
        (root / LONG).write_text(edited, encoding="utf-8")
        await wait_for(pilot, lambda: view.document is not None and view.document.text == edited)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=20)
        await pilot.press("m")
        await wait_for(pilot, lambda: app.parallel.result is not None)


async def test_m_builds_an_index_that_could_not_be_built_again(
    make_workspace: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    memory = OutOfMemory()

    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        monkeypatch.setattr(numpy, "load", memory.load)
        old = (root / LONG).read_text(encoding="utf-8")
        (root / LONG).write_text(ADDED_ON_TOP + old, encoding="utf-8")
        focus_back(app)
        await wait_for(pilot, lambda: said(app, "Matching unavailable"))
        memory.failing = False
        await pilot.press("m")  # no change on disk: the key tries again
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=20)
        await wait_for(pilot, lambda: app.parallel.result is not None)
