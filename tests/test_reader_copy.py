"""Copying a quote out of a pane, as a journalist pastes one into an article or a chat.

Textual keeps the last text copied in ``app.clipboard`` (and sends it to the terminal with
OSC 52), so the tests read what a paste would give there. No system clipboard command is used
here (``SYNOPTIC_CLIPBOARD=osc52``, see conftest): the news says the text was sent, since
whether the terminal took it cannot be known. test_reader_copy_command.py runs the commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual import events
from textual.command import CommandPalette
from textual.widgets import OptionList

from tui.app import SynopticApp, make_app
from tui.copying import clipboard_text
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (100, 30)

TRICKY = (
    "Kratom and mood\r\n\r\n"
    "A bell \x07 rang and \x1b[31mred\x1b]52;c;ZWNobyBoaQ==\x07 text\x85 came. "
    "The second sentence is plain.\r\n"
)
"""A document with control characters in its text: BEL, an ESC sequence (an OSC 52 one, which
would set the clipboard of whoever pastes it into a terminal), a C1 NEL, Windows line ends."""


async def ready(pilot: Pilot[None]) -> SynopticApp:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
    return app


def news(app: SynopticApp) -> str:
    return app.query_one(StatusBar).news


async def test_ctrl_c_and_y_copy_the_selection_else_the_cursors_sentence(
    sample_workspace: Path,
) -> None:
    """A span selected with Shift+arrows was not copied: Ctrl+C copied Textual's own selection,
    empty over a pane, and said to press Ctrl+Q to quit."""
    app = make_app(sample_workspace, panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.active_pane.view
        document = view.document
        assert document is not None
        await pilot.press("shift+right", "shift+right")
        assert view.selection is not None
        start, end = view.selection
        await pilot.press("ctrl+c")
        assert app.clipboard == document.text[start:end]
        assert news(app) == f"Sent {end - start} characters by OSC 52 only (see help)"
        assert app.return_code is None and app.is_running  # Ctrl+C never quits
        assert view.selection == (start, end)  # still there, to annotate as well

        await pilot.press("escape", "j", "y")  # nothing selected: the cursor's sentence
        assert app.clipboard == document.sentence_text(1)
        assert news(app).startswith(f"Sent {len(document.sentence_text(1))} characters by")


async def test_the_copy_is_the_documents_text_without_its_control_characters(
    make_workspace: Callable[..., Path],
) -> None:
    """What is copied is the document's text, not the pane's placeholders (``␛``), and never a
    control character that would act where it is pasted."""
    app = make_app(make_workspace({"b.md": TRICKY}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "shift+down")  # both sentences of the paragraph
        await pilot.press("ctrl+c")
        copied = app.clipboard
        assert copied == (
            "A bell  rang and [31mred]52;c;ZWNobyBoaQ== text came. The second sentence is plain."
        )
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in copied)
        assert "\N{SYMBOL FOR ESCAPE}" not in copied  # the pane's placeholder is not the text
        assert news(app) == (
            f"Sent {len(copied)} characters by OSC 52 only (see help)"
            " (5 control characters left out)"
        )


async def test_copy_with_citation_gives_the_quote_and_where_it_is(
    make_workspace: Callable[..., Path],
) -> None:
    """`Y`, and "Copy with citation" in the palette: a Markdown quote whose last line names the
    document and the passage's characters, the reference `note add --link` takes."""
    text = "Kratom and mood\n\nKratom may lift mood. Few trials test it.\n\nA second paragraph.\n"
    app = make_app(make_workspace({"b.md": text}), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "Y")
        start = text.index("Kratom may")
        end = start + len("Kratom may lift mood.")
        assert app.clipboard == (
            f"> Kratom may lift mood.\n>\n> \N{EM DASH} Kratom and mood, passage:b.md#{start}-{end}"
        )
        assert news(app) == "Sent a quote of 21 characters by OSC 52 only (see help)"

        # across paragraphs, from the palette: each line quoted, a blank one kept as ">"
        await pilot.press("shift+down", "shift+down")
        await pilot.press("ctrl+p", *"Copy with citation")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count > 0)
        await pilot.press("enter")
        end = text.index("paragraph.") + len("paragraph.")
        await wait_for(pilot, lambda: app.clipboard.endswith(f"passage:b.md#{start}-{end}"))
        assert app.clipboard.split("\n")[:4] == [
            "> Kratom may lift mood. Few trials test it.",
            ">",
            "> A second paragraph.",
            ">",
        ]


async def test_text_selected_with_the_mouse_outside_the_panes_is_copied_as_before(
    sample_workspace: Path,
) -> None:
    """Over the panes, Ctrl+C is the reader's; text dragged over elsewhere (the status line, a
    note in the notes panel) is still what it copies, as Textual did, while no span is selected
    in the pane."""
    app = make_app(sample_workspace, panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        bar = app.query_one(StatusBar)
        x, y = bar.region.x, bar.region.y

        def mouse(kind: type[events.MouseEvent], at: int) -> None:
            app.post_message(
                kind(None, at, y, 0, 0, 1, False, False, False, screen_x=at, screen_y=y)
            )

        mouse(events.MouseDown, x)
        for at in range(x + 1, x + 7):
            await pilot.pause()
            mouse(events.MouseMove, at)
        mouse(events.MouseUp, x + 6)
        await wait_for(pilot, lambda: app.screen.get_selected_text() == "000_c4")
        await pilot.press("ctrl+c")
        assert app.clipboard == "000_c4"


def test_the_clipboard_never_gets_a_control_or_a_lone_surrogate() -> None:
    """Line ends become newlines; a lone surrogate (an undecodable byte) cannot be encoded as
    UTF-8, and Textual's copy raised on it."""
    assert clipboard_text("a\r\nb\rc\td\x1b[0m\x9be\ud800") == (
        "a\nb\nc\td[0me\N{REPLACEMENT CHARACTER}",
        2,
    )
