"""The reader on a researcher's own folder: files it does not read are named, once.

Before, a folder of ``.md`` files, PDFs and Word files opened on the ``.md`` files alone, and
the user never learnt why their PDFs were in no list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual import events

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.notifications import Notification

SIZE = (120, 30)
TITLE = "Files not read"


def told(app: SynopticApp) -> list[Notification]:
    """The notifications naming files not read so far (Textual keeps them, shown or not)."""
    return [n for n in app._notifications if n.title == TITLE]


async def test_files_not_read_are_named_in_one_notification_not_at_every_look(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace(
        {
            "a.md": "# Intro\n\nKratom improves mood, says one study.\n",
            "chapter.markdown": "# Chapter one\n\nThe chapter says kratom helps.\n",
            "paper.pdf": b"%PDF-1.4\n",
            "notes.docx": b"PK\x03\x04",
            "data.csv": "a,b\n1,2\n",
            "fig.png": b"\x89PNG\r\n\x1a\n",
        }
    )
    app = make_app(root, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        assert app.workspace.document_ids == ["a.md", "chapter.markdown"]
        assert [n.message for n in told(app)] == [
            "2 files are in formats Synoptic does not read: notes.docx (a Word document) and "
            "paper.pdf (a PDF). Save them as text or Markdown to read them here; `synoptic "
            "docs` says how for each."
        ]  # one for both, none for the CSV or the image

        # The watch looks again and again (the terminal gets the focus back): no repeat; a PDF
        # dropped into the folder meanwhile is named, alone, when it appears.
        (root / "later.pdf").write_bytes(b"%PDF-1.4\n")
        (root / "arrived.md").write_text("# Arrived\n\nA new article arrived.\n")
        app.post_message(events.AppFocus())
        await wait_for(pilot, lambda: "arrived.md" in app.workspace.document_ids, timeout=10)
        (root / "second.md").write_text("# Second\n\nAnother article arrived.\n")
        app.post_message(events.AppFocus())
        await wait_for(pilot, lambda: "second.md" in app.workspace.document_ids, timeout=10)
        assert [n.message for n in told(app)][1:] == [
            "later.pdf is a PDF, which Synoptic does not read: save it as text (e.g. "
            "`pdftotext later.pdf later.txt`) or Markdown to read it here."
        ]
    assert (root / "paper.pdf").read_bytes() == b"%PDF-1.4\n"
