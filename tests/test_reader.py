"""The reader driven like a person would, through Textual's Pilot: keys, mouse, screens."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS, folder_too_deep_to_list
from pilot_helpers import wait_for
from rich.style import Style
from rich.text import Text
from textual.command import CommandPalette
from textual.events import MouseScrollDown, MouseScrollUp
from textual.geometry import Region
from textual.widgets import Label, OptionList, Static

from corpus.search import search as search_in
from tui.app import SynopticApp, make_app
from tui.screens.help import HelpScreen
from tui.screens.pickers import DocumentPicker, OutlinePicker
from tui.screens.search import SearchScreen
from tui.widgets.document_view import GUTTER
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot
    from textual.widget import Widget

    from tui.widgets.document_view import DocumentView

SIZE = (160, 40)
FIRST_SENTENCE = (
    "Kratom, derived from Southeast Asian trees, has garnered attention for its potential role "
    "in managing symptoms of depression."
)
UNDECODABLE = bytes(range(0x80, 0x100)) * 4
"""Bytes no text encoding fits (charset-normalizer gives up on them)."""
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


# -- helpers --------------------------------------------------------------------------------------


async def wait_loaded(pilot: Pilot[None], *, timeout: float = 10.0) -> None:
    """Wait until the loading worker has read every document and the panes show them."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=timeout)
    await pilot.pause()


def line_text(view: DocumentView, y: int) -> str:
    """The text drawn on line ``y``, without the claim gutter (its letter or blank)."""
    drawn = "".join(segment.text for segment in view.render_line(y))
    return drawn[GUTTER:]


def screen_lines(view: DocumentView) -> list[str]:
    """The text of every visible line of ``view``, as drawn."""
    return [line_text(view, y) for y in range(view.scrollable_content_region.height)]


def widget_text(widget: Widget) -> str:
    """What ``widget`` draws, as plain text."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(app: SynopticApp) -> str:
    """Everything on the screen, as plain text (modal screens and the palette included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def cursor_text(view: DocumentView) -> str:
    assert view.document is not None
    assert view.cursor >= 0
    return view.document.sentence_text(view.cursor)


def status(app: SynopticApp) -> str:
    return app.query_one(StatusBar).position


# -- opening --------------------------------------------------------------------------------------


async def test_opens_two_panes_on_the_first_documents(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert [pane.doc_id for pane in app.panes] == SAMPLE_IDS[:2]
        first = app.panes[0]
        assert app.active_pane is first
        assert app.focused is first.view
        assert first.view.cursor == 0
        assert cursor_text(first.view) == FIRST_SENTENCE
        assert line_text(first.view, 0).startswith("Kratom, derived from Southeast Asian trees")
        assert SAMPLE_IDS[0] in widget_text(first.query_one(".pane-title", Static))
        assert status(app).startswith(f"{SAMPLE_IDS[0]}  \N{MIDDLE DOT}  sentence 1/54")
        assert app.failures == {}


@pytest.mark.parametrize(
    ("size", "panes"), [((250, 40), None), ((160, 40), 3)], ids=["wide", "panes=3"]
)
async def test_opens_three_panes_when_wide_or_asked(
    sample_workspace: Path, size: tuple[int, int], panes: int | None
) -> None:
    app = make_app(sample_workspace, panes=panes)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        assert [pane.doc_id for pane in app.panes] == SAMPLE_IDS[:3]
        for pane in app.panes:
            assert pane.view.document is not None
            assert pane.view.document.id == pane.doc_id
            assert line_text(pane.view, 0).strip()


# -- the sentence cursor --------------------------------------------------------------------------


async def test_j_k_and_arrows_move_the_sentence_cursor(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        await pilot.press("j")
        assert view.cursor == 1
        assert cursor_text(view).startswith("Its active alkaloids, mitragynine and 7-hydroxy")
        assert "sentence 2/54" in status(app)
        await pilot.press("down")
        assert view.cursor == 2
        assert cursor_text(view).startswith("Emerging research is examining how kratom")
        await pilot.press("k")
        assert view.cursor == 1
        await pilot.press("up")
        assert view.cursor == 0
        assert cursor_text(view) == FIRST_SENTENCE
        await pilot.press("k")  # already at the top: stays
        assert view.cursor == 0
        # Only the focused pane moved.
        assert app.panes[1].view.cursor == 0


async def test_braces_move_by_paragraph(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        document = view.document
        assert document is not None
        starts = document.paragraph_starts
        assert len(starts) > 3
        await pilot.press("right_curly_bracket")
        assert view.cursor == starts[1]
        assert document.sentences[view.cursor].block != document.sentences[0].block
        await pilot.press("right_curly_bracket")
        assert view.cursor == starts[2]
        await pilot.press("j")  # inside paragraph 3 (or on the next one-sentence paragraph)
        await pilot.press("left_curly_bracket")
        assert view.cursor in (starts[2], starts[3])
        await pilot.press("left_curly_bracket", "left_curly_bracket", "left_curly_bracket")
        assert view.cursor == 0


async def test_page_keys_and_top_bottom(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        document = view.document
        assert document is not None
        last = len(document.sentences) - 1
        await pilot.press("pagedown")
        assert view.cursor > 5
        assert view.scroll_y > 0
        after_one_page = view.cursor
        await pilot.press("pagedown")
        assert view.cursor > after_one_page
        await pilot.press("pageup")
        assert 0 < view.cursor < after_one_page + 10
        for bottom, top in (("G", "g"), ("end", "home")):
            await pilot.press(bottom)
            assert view.cursor == last
            assert view.scroll_y == view.max_scroll_y > 0
            assert cursor_text(view).split()[-1] in "\n".join(screen_lines(view))
            await pilot.press(top)
            assert view.cursor == 0
            assert view.scroll_y == 0
            assert screen_lines(view)[0].startswith("Kratom, derived")


# -- panes and documents --------------------------------------------------------------------------


async def test_tab_moves_focus_to_the_next_pane(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        first, second = app.panes
        assert app.active_pane is first
        await pilot.press("tab")
        assert app.active_pane is second
        assert app.focused is second.view
        assert status(app).startswith(SAMPLE_IDS[1])
        await pilot.press("j", "j")
        assert second.view.cursor == 2
        assert first.view.cursor == 0
        await pilot.press("shift+tab")
        assert app.active_pane is first


async def test_number_keys_and_brackets_switch_the_focused_document(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        pane = app.active_pane
        await pilot.press("4")
        assert pane.doc_id == SAMPLE_IDS[3]
        assert pane.view.document is not None
        assert pane.view.document.id == SAMPLE_IDS[3]
        assert pane.view.cursor == 0
        assert SAMPLE_IDS[3] in widget_text(pane.query_one(".pane-title", Static))
        assert app.panes[1].doc_id == SAMPLE_IDS[1]  # the other pane is untouched
        await pilot.press("9")  # there is no ninth document: nothing changes
        assert pane.doc_id == SAMPLE_IDS[3]
        await pilot.press("right_square_bracket")
        assert pane.doc_id == SAMPLE_IDS[4]
        await pilot.press("right_square_bracket")  # wraps around
        assert pane.doc_id == SAMPLE_IDS[0]
        await pilot.press("left_square_bracket")
        assert pane.doc_id == SAMPLE_IDS[4]
        assert line_text(pane.view, 0).startswith("Trauma and chronic stress")


async def test_document_picker_filters_and_opens(mixed_workspace: Path) -> None:
    app = make_app(mixed_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("d")
        picker = app.screen
        assert isinstance(picker, DocumentPicker)
        options = picker.query_one(OptionList)
        assert options.option_count == 6
        await pilot.press(*"notes")
        assert options.option_count == 1
        assert "Field notes" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert not isinstance(app.screen, DocumentPicker)
        assert app.active_pane.doc_id == "notes.md"
        assert cursor_text(app.active_pane.view) == "Field notes"
        assert app.focused is app.active_pane.view


async def test_document_picker_escape_changes_nothing(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, DocumentPicker)
        await pilot.press("escape")
        assert not isinstance(app.screen, DocumentPicker)
        assert app.active_pane.doc_id == SAMPLE_IDS[0]


async def test_outline_jumps_to_a_heading(mixed_workspace: Path) -> None:
    app = make_app(mixed_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("6")
        view = app.active_pane.view
        assert app.active_pane.doc_id == "notes.md"
        await pilot.press("o")
        outline = app.screen
        assert isinstance(outline, OutlinePicker)
        options = outline.query_one(OptionList)
        prompts = [
            str(options.get_option_at_index(i).prompt).strip() for i in range(options.option_count)
        ]
        assert prompts == ["Field notes", "Claims about mood", "Open questions"]
        await pilot.press("down", "down", "enter")
        assert not isinstance(app.screen, OutlinePicker)
        assert cursor_text(view) == "Open questions"


async def test_an_outline_jump_puts_the_heading_near_the_top_of_the_pane(make_workspace) -> None:
    paragraph = "Kratom may lift mood in some people, a few small trials suggest. " * 3
    sections = [f"# Section {n}\n\n" + f"{paragraph}\n\n" * 8 for n in range(1, 6)]
    app = make_app(make_workspace({"guide.md": "".join(sections)}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        await pilot.press("o", "down", "down", "enter")  # Section 3, far below the first page
        await pilot.pause()
        assert cursor_text(view) == "Section 3"
        assert view.cursor_row() in (0, 1), "the heading is at the top, not on the last line"
        await pilot.press("o")  # the outline opens on the section the cursor is in
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 2
        await pilot.press("up", "up", "enter")  # and back up to Section 1
        await pilot.pause()
        assert cursor_text(view) == "Section 1" and view.cursor_row() == 0


async def test_add_and_remove_panes(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("plus")
        assert len(app.panes) == 3
        new = app.panes[2]
        assert new.doc_id == SAMPLE_IDS[2]  # the first document no pane showed
        assert app.active_pane is new
        assert app.focused is new.view
        await pilot.press("tab")  # to pane 1 (focus wraps around)
        assert app.active_pane is app.panes[0]
        await pilot.press("minus")
        assert [pane.doc_id for pane in app.panes] == SAMPLE_IDS[1:3]
        assert [pane.number for pane in app.panes] == [1, 2]
        assert widget_text(app.panes[0].query_one(".pane-title", Static)).startswith(
            f" 1 {SAMPLE_IDS[1]}"
        )
        await pilot.press("minus", "minus")  # the last pane stays
        assert len(app.panes) == 1
        assert app.focused is app.panes[0].view
        await pilot.press("j")
        assert app.panes[0].view.cursor == 1


# -- search ---------------------------------------------------------------------------------------


async def test_search_in_the_current_document_jumps_to_the_hit(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"pivotal for mood")
        await wait_for(pilot, lambda: search.hits)
        assert {hit.doc_id for hit in search.hits} == {SAMPLE_IDS[0]}
        summary = search.query_one("#search-summary", Label)
        assert "in this document" in str(summary.render())
        hit = search.hits[0]
        await pilot.press("enter")
        assert not isinstance(app.screen, SearchScreen)
        assert app.active_pane.doc_id == SAMPLE_IDS[0]
        assert "pivotal for mood" in cursor_text(view)
        assert view.match == (hit.start, hit.end)
        assert app.focused is view


def hit_row(view: DocumentView, offset: int) -> int:
    """The visible row showing document offset ``offset``."""
    assert view._layout is not None
    return view._layout.line_of_offset(offset) - round(view.scroll_y)


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_a_search_jump_puts_the_hit_in_the_upper_third_of_the_pane(
    make_workspace, size: tuple[int, int]
) -> None:
    """Not on the last line, where scrolling only until the sentence shows leaves it: in the
    same document, in a long sentence (the hit, not the sentence's start, must be in view),
    and in another document opened by the jump."""
    paragraph = "Kratom may lift mood in some people, a few small trials suggest. " * 3
    long_sentence = "Reviewers noted " + "that the evidence was thin and anecdotal, " * 12
    guide = f"{paragraph}\n\n" * 12 + "A zebrafish study was cited.\n\n" + f"{paragraph}\n\n" * 12
    other = f"{paragraph}\n\n" * 14 + long_sentence + "ending in a quokka.\n\n" + guide
    app = make_app(make_workspace({"a.txt": guide, "b.txt": other}), panes=1)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        for query, all_documents in (("zebrafish", False), ("quokka", True)):
            await pilot.press("slash", *query)
            search = app.screen
            assert isinstance(search, SearchScreen)
            if all_documents:
                await pilot.press("ctrl+t")
            await wait_for(pilot, lambda s=search: s.hits)  # type: ignore[misc]
            hit = search.hits[0]
            await pilot.press("enter")
            await pilot.pause()
            assert view.document is not None and view.document.id == hit.doc_id
            height = view.scrollable_content_region.height
            row = hit_row(view, hit.start)
            assert 1 <= row <= height // 3, (query, row, height)


async def test_search_typed_with_a_straight_apostrophe_finds_the_curly_one(
    sample_workspace: Path,
) -> None:
    text = (sample_workspace / SAMPLE_IDS[0]).read_text(encoding="utf-8")
    assert "kratom's role" not in text.lower() and "Kratom\u2019s role" in text
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"kratom's role")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_for(pilot, lambda: search.hits)
        hit = search.hits[0]
        assert text[hit.start : hit.end] == "Kratom\u2019s role"


async def test_search_all_documents_opens_the_hit_in_the_pane(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        summary = search.query_one("#search-summary", Label)
        await pilot.press(*"chronic stress")
        await wait_for(pilot, lambda: "No match" in str(summary.render()))
        assert search.hits == []  # the first document never says it, in any form
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: search.hits)
        assert "all documents" in str(summary.render())
        assert search.all_documents
        hit = search.hits[0]
        assert hit.doc_id != SAMPLE_IDS[0]
        await pilot.press("enter")
        assert not isinstance(app.screen, SearchScreen)
        assert app.active_pane.doc_id == hit.doc_id
        assert view.document is not None
        assert view.document.id == hit.doc_id
        assert view.cursor == hit.sentence
        assert "chronic stress" in cursor_text(view).lower()
        assert app.panes[1].doc_id == SAMPLE_IDS[1]


async def test_down_from_the_search_box_goes_to_the_first_result(sample_workspace: Path) -> None:
    """Down moved the focus to the results and then, as the results' own key, on to the
    second one, so Down, Enter opened the second hit."""
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"anxiety", "ctrl+t")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_for(pilot, lambda: search.all_documents and len(search.hits) > 2)
        results = search.query_one(OptionList)
        await pilot.press("down")
        assert app.focused is results
        assert results.highlighted == 0
        await pilot.press("down")
        assert results.highlighted == 1
        hit = search.hits[1]
        await pilot.press("enter")
        assert app.active_pane.doc_id == hit.doc_id
        assert app.active_pane.view.cursor == hit.sentence


async def test_late_results_from_the_previous_scope_are_ignored(sample_workspace: Path) -> None:
    """A slow search of every document must not land after the toggle back to one document."""
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"serotonin")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_for(pilot, lambda: search.hits)
        current = list(search.hits)
        assert {hit.doc_id for hit in current} == {SAMPLE_IDS[0]}
        documents = app.loaded_documents()
        stale = search_in(documents, "serotonin")
        assert len(stale.hits) > len(current)
        labels = [Text(hit.doc_id) for hit in stale.hits]
        # What a worker started before the scope changed delivers when it finishes:
        search._show_results("serotonin", True, stale, labels)
        assert search.hits == current
        assert search.query_one(OptionList).option_count == len(current)


async def test_search_escape_keeps_the_cursor(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        await pilot.press("j", "slash", *"depression", "escape")
        assert not isinstance(app.screen, SearchScreen)
        assert view.cursor == 1
        assert view.match is None


# -- help and the command palette -----------------------------------------------------------------


ESSENTIAL_KEYS = ("? Help", "/ Search", "m Match", "f Follow", "s Synopsis", "a Note", "q Quit")


@pytest.mark.parametrize("width", [80, 120])
async def test_the_footer_shows_the_essential_keys_whole(
    sample_workspace: Path, width: int
) -> None:
    """The footer has room for a few keys: help (which lists them all), search, match, follow,
    the synopsis, a note and quit fit at 80 columns; the rest are in help and the palette."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(width, 30)) as pilot:
        await wait_loaded(pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in (*ESSENTIAL_KEYS, "^p palette"):
            assert key in footer, (key, footer)
        await pilot.press("question_mark")  # what the footer leaves out, help lists
        text = "\n".join(widget_text(static) for static in app.screen.query(Static))
        for left_out in ("Outline", "Documents", "Claims", "Why?", "Notes", "Next claim"):
            assert left_out in text, left_out
        await pilot.press("escape", "ctrl+p", *"notes on")  # and the palette offers
        await wait_for(pilot, lambda: "Notes on this passage" in screen_text(app))


async def test_help_lists_the_keys_and_escape_closes_it(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = "\n".join(widget_text(static) for static in help_screen.query(Static))
        for expected in (
            "Reading",
            "Panes and documents",
            "\N{DOWNWARDS ARROW} / j",
            "Next sentence",
            "}",
            "Next paragraph",
            "Search",
            "Outline",
            "+ / =",
            "Ctrl+P",
        ):
            assert expected in text, expected
        # Keys are shown as a person types them, not by their Textual names.
        assert "_bracket" not in text
        assert "equals_sign" not in text
        assert "_sign" not in text and "full_stop" not in text
        assert "> / ." in text and "< / ," in text  # next and previous match
        # and named keys as the README prints them: it says PgDn and Ctrl+↓, help said
        # pagedown and ctrl+down
        assert "PgDn / Space" in text and "} / Ctrl+\N{DOWNWARDS ARROW}" in text
        assert "Shift+\N{RIGHTWARDS ARROW}" in text and "Ctrl+C / y" in text
        assert "pagedown" not in text and "ctrl+" not in text and "shift+" not in text
        assert "double-click a sentence to match it" in " ".join(text.split())  # the mouse
        assert "Take this passage (when linking one)" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        # Keys reach the reader again.
        await pilot.press("j")
        assert app.active_pane.view.cursor == 1


async def test_command_palette_lists_and_runs_reader_actions(mixed_workspace: Path) -> None:
    app = make_app(mixed_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"Outline")
        options = palette.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count > 0)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(prompt.startswith("Outline") for prompt in prompts), prompts
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OutlinePicker))
        await pilot.press("escape")
        assert not isinstance(app.screen, OutlinePicker)


async def test_command_palette_opens_a_document(mixed_workspace: Path) -> None:
    app = make_app(mixed_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p", *"Open notes.md")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.active_pane.doc_id == "notes.md")
        assert cursor_text(app.active_pane.view) == "Field notes"


# -- the mouse ------------------------------------------------------------------------------------


async def test_click_selects_the_sentence_under_the_pointer(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        lines = screen_lines(view)
        y = next(i for i, line in enumerate(lines) if "Emerging research" in line)
        x = lines[y].index("Emerging research") + 3
        padding_left = view.styles.padding.left
        assert await pilot.click(view, offset=(padding_left + x, y))
        assert cursor_text(view).startswith("Emerging research is examining")
        # A click in the other pane moves that pane's cursor and focuses it.
        other = app.panes[1].view
        assert await pilot.click(other, offset=(padding_left + 2, 3))
        assert app.active_pane is app.panes[1]
        assert other.cursor > 0


async def test_mouse_wheel_scrolls_without_moving_the_cursor(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        x, y = view.region.x + 5, view.region.y + 5

        def wheel(event_type: type[MouseScrollDown | MouseScrollUp]) -> None:
            # What the driver posts for a wheel turn: screen coordinates, no widget.
            event = event_type(None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y)
            app.post_message(event)

        assert view.scroll_y == 0
        top_line = screen_lines(view)[0]
        for _ in range(3):
            wheel(MouseScrollDown)
        await wait_for(pilot, lambda: view.scroll_y > 0)
        assert screen_lines(view)[0] != top_line
        assert view.cursor == 0
        scrolled = view.scroll_y
        wheel(MouseScrollUp)
        await wait_for(pilot, lambda: view.scroll_y < scrolled)
        assert app.panes[1].view.scroll_y == 0


# -- themes, NO_COLOR and hostile text ------------------------------------------------------------


async def test_theme_switch_redraws_the_document(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        before = view.render_line(1)
        app.theme = "textual-light"
        await pilot.pause()
        after = view.render_line(1)
        assert after.text == before.text
        assert after.text.strip()
        background = {segment.style.bgcolor for segment in before if segment.style}
        assert background != {segment.style.bgcolor for segment in after if segment.style}
        await pilot.press("j", "G")  # still alive and responding
        assert view.document is not None
        assert view.cursor == len(view.document.sentences) - 1


async def test_no_color_keeps_the_cursor_visible(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(sample_workspace)
    assert app.no_color is True
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        await pilot.press("j")
        await pilot.pause()
        # The whole screen renders through the monochrome filter without an error.
        assert "Kratom" in app.export_screenshot()
        cursor_segments = [
            segment
            for segment in view.render_line(0) + view.render_line(1) + view.render_line(2)
            if segment.text.strip() and segment.text.strip() in cursor_text(view)
        ]
        assert cursor_segments
        for segment in cursor_segments:
            assert segment.style is not None
            assert segment.style.underline or segment.style.bold or segment.style.reverse


def without_colour(view: DocumentView, y: int) -> list[tuple[str, Style]]:
    """Line ``y`` as NO_COLOR leaves it: its text pieces with only their non-colour styles."""
    return [(s.text, (s.style or Style()).without_color) for s in view.render_line(y)]


async def test_no_color_shows_the_cursor_on_a_heading_and_in_an_unfocused_pane(
    mixed_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(mixed_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("6")  # notes.md begins with a heading, bold already
        view, other = app.panes[0].view, app.panes[1].view
        assert cursor_text(view) == "Field notes"
        on_heading = without_colour(view, 0)
        await pilot.press("j")
        assert without_colour(view, 0) != on_heading, "the cursor on a heading shows"
        # The other pane's cursor, on its first sentence, shows too, unfocused.
        with_cursor = without_colour(other, 0)
        await pilot.press("tab", "j", "shift+tab")
        assert app.active_pane.view is view and other.cursor == 1
        assert without_colour(other, 0) != with_cursor, "an unfocused pane's cursor shows"


async def test_document_text_is_shown_literally(make_workspace) -> None:
    root = make_workspace(
        {
            "a.txt": (
                "A title with [bold red]not markup[/] in it.\n\n"
                "The \x1b[31mred\x1b]0;pwned\x07 text is inert. Tabs\tand \x7f too.\n"
            )
        }
    )
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        pane = app.active_pane
        lines = screen_lines(pane.view)
        shown = "\n".join(lines)
        assert "A title with [bold red]not markup[/] in it." in shown
        escaped = "The \N{SYMBOL FOR ESCAPE}[31mred\N{SYMBOL FOR ESCAPE}]0;pwned\N{SYMBOL FOR BELL}"
        assert escaped in shown
        assert "\N{SYMBOL FOR DELETE}" in shown
        for line in lines:
            assert all(ord(char) >= 0x20 and char != "\x7f" for char in line), repr(line)
        title = widget_text(pane.query_one(".pane-title", Static))
        assert "[bold red]not markup[/]" in title
        assert all(ord(char) >= 0x20 for char in title.replace("\n", ""))
        # Search results and the document list show the same literal text.
        await pilot.press("d")
        picker = app.screen
        assert isinstance(picker, DocumentPicker)
        prompt = str(picker.query_one(OptionList).get_option_at_index(0).prompt)
        assert "[bold red]not markup[/]" in prompt


# -- big, broken and empty workspaces -------------------------------------------------------------


async def test_a_100000_line_document_opens_and_scrolls_to_the_end(make_workspace) -> None:
    lines = 100_000
    root = make_workspace(
        {"big.txt": "".join(f"Paragraph {i} has one short sentence.\n\n" for i in range(lines))}
    )
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot, timeout=60)
        view = app.active_pane.view
        await wait_for(pilot, lambda: view.virtual_size.height > lines, timeout=60)
        document = view.document
        assert document is not None
        assert len(document.sentences) == lines
        assert view.virtual_size.height == 2 * lines - 1  # a blank line between paragraphs
        await pilot.press("G")
        await pilot.pause()
        assert view.cursor == lines - 1
        assert cursor_text(view) == f"Paragraph {lines - 1} has one short sentence."
        assert view.scroll_y == view.max_scroll_y > lines
        assert f"Paragraph {lines - 1} has" in "\n".join(screen_lines(view))
        height = view.scrollable_content_region.height
        started = time.perf_counter()
        for round_ in range(10):
            view.scroll_to(y=view.max_scroll_y - round_ * height, animate=False, immediate=True)
            for y in range(height):
                view.render_line(y)
        assert time.perf_counter() - started < 1.0
        await pilot.press("g")
        assert view.cursor == 0
        assert view.scroll_y == 0


async def test_unreadable_files_show_a_reason_and_the_rest_opens(make_workspace) -> None:
    root = make_workspace(
        {
            "a.txt": "A readable document. It has two sentences.\n",
            "b.txt": BINARY,
            "c.txt": UNDECODABLE,
            "d.md": "# Also readable\n\nYes.\n",
        }
    )
    app = make_app(root, panes=4)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert set(app.failures) == {"b.txt", "c.txt"}
        panes = {pane.doc_id: pane for pane in app.panes}
        assert set(panes) == {"a.txt", "b.txt", "c.txt", "d.md"}
        for doc_id in ("b.txt", "c.txt"):
            view = panes[doc_id].view
            assert view.document is None
            assert view.placeholder.startswith("Cannot show this document")
            assert line_text(view, 0).startswith("Cannot show")
        assert "binary" in panes["b.txt"].view.placeholder
        assert "not UTF-8" in panes["c.txt"].view.placeholder
        assert cursor_text(panes["a.txt"].view) == "A readable document."
        assert cursor_text(panes["d.md"].view) == "Also readable"
        # The failing pane takes keys without trouble, and can switch to a good document.
        await pilot.click(panes["b.txt"].view, offset=(2, 0))
        assert app.active_pane is panes["b.txt"]
        await pilot.press("j", "G", "pagedown", "o", "1")
        assert panes["b.txt"].doc_id == "a.txt"
        assert cursor_text(panes["b.txt"].view) == "A readable document."
        # The files are never touched.
        assert (root / "b.txt").read_bytes() == BINARY
        assert (root / "c.txt").read_bytes() == UNDECODABLE


async def test_a_folder_that_cannot_be_read_is_said_as_an_unreadable_file_is(
    make_workspace,
) -> None:
    """Its documents are in no pane or list: without a word the workspace would pass for
    complete (the CLI commands say it on stderr)."""
    root = make_workspace({"a.txt": "A readable document. It has two sentences.\n"})
    name = folder_too_deep_to_list(root)
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        told = [n for n in app._notifications if n.title == "Cannot read a folder"]
        assert len(told) == 1
        assert told[0].message.startswith(f"{name}/{name}/")
        assert told[0].message.endswith(
            ": a folder that cannot be read (File name too long); its documents are left out. "
            "The folder was left untouched."
        )
        assert cursor_text(app.panes[0].view) == "A readable document."
    # With no document it can reach, the reader does not call the workspace empty.
    (root / "a.txt").unlink()
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.panes and app.panes[0].view.placeholder != "No document")
        assert line_text(app.panes[0].view, 0).startswith("No document to show: the folders")
        titles = [n.title for n in app._notifications]
        assert "Cannot read a folder" in titles and "Empty workspace" not in titles


async def test_empty_workspace_shows_a_placeholder(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.panes and app.panes[0].view.placeholder != "No document")
        assert len(app.panes) == 1
        view = app.panes[0].view
        assert "no documents" in view.placeholder
        assert "no documents" in line_text(view, 0)
        # Nothing to act on, but no key crashes the app.
        await pilot.press("j", "G", "right_square_bracket", "1", "o", "d", "escape", "slash")
        await pilot.press("escape", "plus", "minus")
        assert app.is_running
        assert app.screen is app.screen_stack[0]
        assert view.cursor == -1
        assert "no documents" in line_text(app.panes[0].view, 0)


async def test_empty_file_says_it_is_empty(make_workspace) -> None:
    root = make_workspace({"a.txt": "", "b.txt": "Not empty.\n"})
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.panes[0].view
        assert app.panes[0].doc_id == "a.txt"
        assert view.placeholder == "(this document is empty)"
        assert line_text(view, 0).startswith("(this document is empty)")
        await pilot.press("j", "G", "right_curly_bracket")
        assert view.cursor == -1
        assert cursor_text(app.panes[1].view) == "Not empty."
        assert app.failures == {}


async def test_resizing_rewraps_and_keeps_the_cursor(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        view = app.active_pane.view
        await pilot.press("G")
        wide_height = view.virtual_size.height
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: view.virtual_size.height > wide_height)
        assert view.document is not None
        assert view.cursor == len(view.document.sentences) - 1
        lines = screen_lines(view)
        assert all(len(line) + GUTTER == view.scrollable_content_region.width for line in lines)
        assert cursor_text(view).split()[-1] in "\n".join(lines)
