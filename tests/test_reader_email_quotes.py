"""A sentence an e-mail quotes over several ``> `` lines, as the reader draws it: one paragraph
whose later lines' markers are drawn quietly (dim), as a Markdown link's brackets are, and are
still on screen: offsets, the cursor and a selection are the file's characters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from rich.style import Style

from tui.app import SynopticApp, make_app
from tui.widgets.document_view import GUTTER

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tui.widgets.document_view import DocumentView

E_MAIL = (
    "From: Ann <ann@example.org>\n"
    "Subject: Re: kratom\n"
    "\n"
    "Thanks for the paper.\n"
    "\n"
    "On Tue, Bob wrote:\n"
    "> It was a\n"
    "> randomised trial of kratom, and a dose > 5 mg\n"
    "> was given twice daily.\n"
    ">\n"
    "> > Earlier: the trial\n"
    "> > was small.\n"
)


def pieces(view: DocumentView, y: int) -> list[tuple[str, bool]]:
    """Row ``y``'s text pieces, each with whether it is drawn dim."""
    return [
        (segment.text, bool((segment.style or Style()).dim))
        for segment in view.render_line(y)
        if segment.text.strip()
    ]


async def test_the_markers_inside_a_quoted_sentence_are_drawn_quietly(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"mail.txt": E_MAIL, "other.txt": "A randomised trial of kratom.\n"})
    app = make_app(root, panes=1)
    async with app.run_test(size=(120, 30)) as pilot:
        assert isinstance(app, SynopticApp)
        view = app.panes[0].view
        await wait_for(pilot, lambda: view._layout is not None, timeout=30)
        view.show_document(app.workspace.load("mail.txt"))
        await wait_for(pilot, lambda: view._layout is not None)
        await pilot.pause()
        rows = ["".join(s.text for s in view.render_line(y)) for y in range(view.size.height)]
        y = next(i for i, row in enumerate(rows) if "It was a" in row)
        # the paragraph is the file's characters, one for one, line breaks drawn as spaces
        assert rows[y][GUTTER:].rstrip() == (
            "It was a > randomised trial of kratom, and a dose > 5 mg > was given twice daily."
        )
        drawn = pieces(view, y)
        # the markers starting the second and third lines; a > inside a line is the author's
        assert [text for text, quiet in drawn if quiet] == ["> ", "> "]
        assert "".join(text for text, quiet in drawn if not quiet) == (
            "It was a randomised trial of kratom, and a dose > 5 mg was given twice daily."
        )
        nested = rows.index(next(row for row in rows if "Earlier" in row))
        assert rows[nested][GUTTER:].rstrip() == "Earlier: the trial > > was small."
        assert [text for text, quiet in pieces(view, nested) if quiet] == ["> > "]
        document = view.document
        assert document is not None  # and it is one sentence, which reads without them
        sentence = document.sentence_at(E_MAIL.index("It was a"))
        assert sentence is not None
        assert document.sentence_text(sentence) == (
            "It was a\nrandomised trial of kratom, and a dose > 5 mg\nwas given twice daily."
        )
