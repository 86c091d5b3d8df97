"""What a tester walking through the reader found: the note editor's cursor and links, the export
key, picking a passage, the matches heading, the synopsis pane title, the notes list header."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    by_note,
    choose_by_keys,
    editor,
    links_shown,
    on_disk,
    screen_text,
    seed,
    sentence_target,
    started,
    type_text,
    wait_note,
    widget_text,
)
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from annotations.links import Relation
from tui.app import SynopticApp, make_app
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.notes_list import NotesListScreen
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.matches_panel import MatchesPanel
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.geometry import Region

SIZE = (120, 40)


async def test_e_puts_the_cursor_after_the_note_so_typing_adds_to_it(
    sample_workspace: Path,
) -> None:
    mine = seed(
        sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "Says so.\nTwice."
    )
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("e")
        area = editor(app).query_one("#note", TextArea)
        assert area.cursor_location == area.document.end
        await type_text(pilot, " Edited.")
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: placed[0].annotation.note != "Says so.\nTwice.")
    (edited,) = on_disk(sample_workspace)
    assert edited.id == mine.id
    assert edited.note == "Says so.\nTwice. Edited."


async def test_a_wrong_link_is_removed_in_the_editor_by_keyboard_or_mouse(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=1, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await type_text(pilot, "Three sources.")
        await pilot.press("tab", "tab", "tab", "tab")  # the relation, chosen first
        await choose_by_keys(pilot, note_editor.query_one("#relation", Select), Relation.SUPPORTS)
        await pilot.press("shift+tab")
        assert app.focused is note_editor.query_one("#link-ref", Input)
        for reference in ("doi:10.1000/182", "pmid:12345", "pmid:999"):
            await type_text(pilot, reference)
            await pilot.press("enter")
        await pilot.pause()
        assert len(note_editor.links) == 3
        assert "pubmed.ncbi.nlm.nih.gov/12345/" in links_shown(note_editor)

        # The keyboard: Tab past the relation and "Add link" to the first Remove, Tab to the
        # second (the wrong PMID), Enter.
        await pilot.press("tab", "tab", "tab", "tab")
        removes = list(note_editor.query(".remove-link").results(Button))
        assert app.focused is removes[1]
        await pilot.press("enter")
        await pilot.pause()
        assert [link.href for link in note_editor.links] == [
            "https://doi.org/10.1000/182",
            "https://pubmed.ncbi.nlm.nih.gov/999/",
        ]
        assert "12345" not in links_shown(note_editor)
        assert isinstance(app.focused, Button) and "remove-link" in app.focused.classes

        # The mouse: a click on the first link's Remove.
        first = next(iter(note_editor.query(".remove-link").results(Button)))
        await pilot.click(first)
        await pilot.pause()
        assert [link.href for link in note_editor.links] == ["https://pubmed.ncbi.nlm.nih.gov/999/"]
        assert "10.1000/182" not in links_shown(note_editor)

        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 1)
    saved = by_note(sample_workspace, "Three sources.")
    assert [link.href for link in saved.links] == ["https://pubmed.ncbi.nlm.nih.gov/999/"]


async def test_E_exports_is_in_help_and_the_dialog_remembers_the_last_choice(
    sample_workspace: Path, tmp_path: Path
) -> None:
    seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "Which study?")
    destination = tmp_path / "notes.jsonld"
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("question_mark")
        assert help_rows(app)["E"].startswith("Export the notes as a Markdown report")
        await pilot.press("escape")

        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        output_format = app.screen.query_one("#format", Select)
        assert app.focused is output_format
        await pilot.press("enter")
        await wait_for(pilot, lambda: output_format.expanded)
        await pilot.press("down", "enter")
        assert output_format.value == "w3c"
        path = app.screen.query_one("#path", Input)
        path.value = str(destination)
        await pilot.click("#export")
        await wait_for(pilot, destination.exists, timeout=60)
        await wait_for(pilot, lambda: any(n.title == "Exported" for n in app._notifications))

        # Again, after more reading: the same format and file are offered.
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert app.screen.query_one("#format", Select).value == "w3c"
        assert app.screen.query_one("#path", Input).value == str(destination)
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)
    assert "Which study?" in destination.read_text(encoding="utf-8")


def help_rows(app: SynopticApp) -> dict[str, str]:
    """The help screen's key tables (all of them, scrolled or not), as key -> what it does."""
    assert isinstance(app.screen, HelpScreen)
    rows: dict[str, str] = {}
    for static in app.screen.query(Static):
        for line in widget_text(static).splitlines():
            key, _, what = line.strip().partition("  ")
            if key and what.strip():
                rows.setdefault(key, what.strip())
    return rows


async def test_while_picking_a_passage_the_status_line_says_enter_takes_it(
    sample_workspace: Path,
) -> None:
    """The notification fades; what ends picking stays on screen until it ends."""
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "Same")
        pick = editor(app).query_one("#pick", Button)
        relation = editor(app).query_one("#relation", Select)
        while app.focused is not pick:
            await pilot.press("tab")
            if app.focused is relation:  # none is chosen for the user
                await choose_by_keys(pilot, relation, Relation.SUPPORTS)
        await pilot.press("enter")
        assert app.picking is not None
        app.clear_notifications()  # as when it has faded
        await pilot.pause()
        status = screen_text(app).splitlines()[-2]
        assert "LINKING Enter takes this passage, Esc goes back to the note" in status
        await pilot.press("tab", "j")
        assert "Enter takes this passage" in screen_text(app).splitlines()[-2]

        await pilot.press("escape")  # back to the note: the hint goes
        editor(app)
        assert "Enter takes" not in screen_text(app)
        await pilot.press("escape", "y")
        assert not isinstance(app.screen, NoteEditor)
        assert "LINKING" not in screen_text(app).splitlines()[-2]


@pytest.mark.parametrize("size", [(56, 24), (80, 24), (160, 40)])
async def test_the_matches_heading_says_the_sentence_document_and_unmatched_at_any_width(
    make_workspace: Callable[[dict[str, str]], Path], size: tuple[int, int]
) -> None:
    """Cut to one line, the heading lost what it is for at the panel's narrowest (28 columns
    below 80, or with four panes): "Matches of sentence 1 of 000_c4c7…" and nothing of the
    documents with no good match. It wraps between words instead, the id whole."""
    doc_id = "000_c4c750e82b5b3139.txt"
    root = make_workspace(
        {
            doc_id: "Kratom leaves contain mitragynine, an alkaloid binding opioid receptors.\n",
            "b.txt": "Whisk the eggs with sugar until pale, then fold in the sifted flour.\n",
        }
    )
    app = make_app(root, panes=2)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("m")
        await wait_for(pilot, lambda: app.parallel.result is not None)
        await pilot.press("M")
        panel = app.query_one(MatchesPanel)
        heading = panel.query_one(Label)
        await wait_for(pilot, lambda: heading.region.width > 0)
        said = f"Matches of sentence 1 of {doc_id}; no good match in 1 document"
        assert str(heading.tooltip) == said
        shown = on_screen(app, heading.region)
        assert "\N{HORIZONTAL ELLIPSIS}" not in shown
        lines = [line.strip() for line in shown.splitlines()]
        words = " ".join(lines).split()
        assert doc_id in words or f"{doc_id};" in words, "the id whole, on one line"
        assert "sentence 1 of" in " ".join(lines)
        assert "1 document" in " ".join(lines) and "no good match" in " ".join(lines)
        if size[0] < 80:
            assert len(lines) > 1, "wrapped rather than cut"
        for word in words:  # no word broken at a line's end
            assert word.rstrip(";:") in said.replace(";", " ").split(), word
        list_top = panel.query_one("OptionList").region.y
        assert list_top == heading.region.bottom, "the list starts on the next line"


def on_screen(app: SynopticApp, region: Region) -> str:
    """The screen's text in ``region`` (one line of it per row)."""
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


async def test_panes_showing_a_synopsis_row_name_it_by_its_row(sample_workspace: Path) -> None:
    """Not by the group's hash ("claim 7ecc39"), which the user sees nowhere else."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
        rows = app.screen.query_one(SynopsisTable).row_count
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        assert app.panes[0].match_label == f"synopsis row 3 of {rows}"
        assert all(pane.match_label == app.panes[0].match_label for pane in app.panes)
        # a narrow pane (as here, one per document of the row) says the short form
        title = on_screen(app, app.panes[0].region).splitlines()[0]
        assert title.rstrip(" ▕").endswith("row 3")


async def test_the_notes_list_header_is_one_line_cut_with_an_ellipsis_at_80_columns(
    sample_workspace: Path,
) -> None:
    seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), "A note.")
    app = make_app(sample_workspace, panes=1, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesListScreen))
        await pilot.pause()
        header = app.screen.query_one(Label)
        assert header.region.height == 1
        shown = on_screen(app, header.region).strip()
        assert shown.startswith("Notes of the workspace: Enter jumps to the passage;")
        assert shown.endswith("\N{HORIZONTAL ELLIPSIS}")
        assert app.screen.query_one("#words", Input).region.y == header.region.bottom
