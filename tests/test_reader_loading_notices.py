"""Opening a workspace with several files that cannot be read or whose encoding was guessed:
one notice says how many, and the document list (d) says which, each with its reason (a toast
per file stacked four deep). A file that goes bad while the reader is open is told on its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_notes import notifications, screen_text
from test_reader_reload import focus_back
from test_reader_reload import started as indexed

from tui.app import SynopticApp, make_app
from tui.screens.pickers import DocumentPicker

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SIZE = (160, 50)
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))
WESTERN = (
    "The caf\u00e9 on the corner serves cr\u00e8me br\u00fbl\u00e9e every day, and the owner "
    "says it is the best in town. Visitors from Z\u00fcrich and S\u00e3o Paulo agree that the "
    "fa\u00e7ade looks charming. Prices start at 5 francs and the menu changes every week.\n"
)
GOOD = "A readable document. It has two sentences.\n"


async def test_opening_says_every_bad_file_in_one_notice_and_d_lists_the_reasons(
    make_workspace: Callable[..., Path],
) -> None:
    files: dict[str, str | bytes] = {
        "a.txt": GOOD,
        "b.txt": BINARY,
        "c.txt": BINARY,
        "d.txt": WESTERN.encode("cp1252"),
    }
    root = make_workspace(files)
    app = make_app(root, panes=1, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
        await pilot.pause()
        told = [(t, m) for t, m, _ in notifications(app) if t != "Notes"]
        assert len(told) == 1, told
        title, said = told[0]
        assert said.startswith("2 files not read, 1 encoding guessed: the document list (d)")
        assert title == "Some documents were skipped"

        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentPicker))
        shown = screen_text(app)
        assert shown.count("cannot be read") == 2
        assert shown.count("looks like a binary file") == 2
        assert "is not UTF-8; decoded as cp1252 (detected)" in shown
        await pilot.press("escape")

        # Once open, a file that goes bad is told as it happens, by itself.
        await indexed(pilot)
        (root / "e.txt").write_bytes(BINARY)
        focus_back(app)
        await wait_for(
            pilot,
            lambda: any(
                t == "Cannot read a document" and "e.txt" in m for t, m, _ in notifications(app)
            ),
        )


async def test_one_bad_file_is_said_as_it_is(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace({"a.txt": GOOD, "d.txt": WESTERN.encode("cp1252")})
    app = make_app(root, panes=1, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
        await pilot.pause()
        told = [(t, m) for t, m, _ in notifications(app) if t == "Encoding"]
        assert told == [("Encoding", "d.txt is not UTF-8; decoded as cp1252 (detected).")]
