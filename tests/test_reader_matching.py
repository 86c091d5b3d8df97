"""Pilot tests of parallel passages: match, cycle, follow, the matches panel and the synopsis."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import pytest
from conftest import SAMPLE_DIR
from pilot_helpers import wait_for
from rich.text import Span
from textual.widgets import Input, Label, OptionList

from tui.app import SynopticApp, make_app
from tui.messages import LoadingProgress
from tui.panes import MAX_PANES
from tui.screens.synopsis import SynopsisScreen
from tui.screens.synopsis_rows import WINDOW
from tui.widgets.document_view import DocumentView
from tui.widgets.matches_panel import MatchesPanel
from tui.widgets.status_bar import StatusBar
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (200, 44)


async def ready(pilot: Pilot[None]) -> SynopticApp:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    return app


async def match_here(pilot: Pilot[None], app: SynopticApp) -> None:
    app.parallel.result = None
    await pilot.press("m")
    await wait_for(pilot, lambda: app.parallel.result is not None)


def sentence_text(view: DocumentView) -> str:
    assert view.document is not None
    return view.document.sentence_text(view.cursor)


async def test_m_scrolls_every_other_pane_to_its_best_passage(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=3)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(3):
            await pilot.press("j")
        await match_here(pilot, app)
        query, *others = app.panes
        assert query.match_label == "query"
        assert query.view.terms, "the query's shared words are marked"
        result = app.parallel.result
        assert result is not None and result.query.doc_id == query.doc_id
        for pane in others:
            best = next(m for m in result.matches if m.passage.doc_id == pane.doc_id)
            assert pane.view.passage == (best.passage.start, best.passage.end)
            assert pane.match_label.startswith(f"match {best.shown_score:.2f}")
            assert pane.view.terms, "shared words are marked in the match"
            assert pane.view.cursor_row() is not None, "the passage is scrolled into view"
            document = pane.view.document
            assert document is not None
            for start, end in pane.view.terms:  # each marked word is a shared term's word
                assert best.passage.start <= start < end <= best.passage.end
                assert document.text[start:end].strip()


async def test_a_sentence_with_no_counterpart_says_no_good_match(make_workspace) -> None:
    root = make_workspace(
        {
            "a.txt": "Kratom leaves contain mitragynine, an alkaloid binding opioid receptors.\n",
            "b.txt": "Whisk the eggs with sugar until pale, then fold in the sifted flour.\n",
        }
    )
    app = make_app(root, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await match_here(pilot, app)
        assert app.panes[1].match_label == "no good match"
        assert app.panes[1].view.passage is None


async def test_only_the_very_sentence_shows_1_00_and_a_near_copy_at_most_0_99(
    make_workspace,
) -> None:
    """A fact-checker reads 1.00 as "the same text": a passage with one word changed, whose
    agreeing neighbours lift its score to the top, must not say so."""
    before = "Kratom is sold in smoke shops across the country."
    claim = "The owner said the leaves bring fine relief from chronic pain."
    after = "Researchers remain cautious about dependence and withdrawal."
    root = make_workspace(
        {
            "a.txt": f"{before} {claim} {after}\n",
            "b.txt": f"{before} {claim.replace('chronic', 'severe')} {after}\n",
            "c.txt": f"{before} {claim} {after}\n",
        }
    )
    app = make_app(root, panes=3)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j")
        assert sentence_text(app.panes[0].view) == claim
        await match_here(pilot, app)
        edited, identical = app.panes[1], app.panes[2]
        assert (edited.doc_id, identical.doc_id) == ("b.txt", "c.txt")
        assert edited.match_label.startswith("match 0.99 ")
        assert identical.match_label.startswith("match 1.00 ")
        await pilot.press("M")
        options = app.query_one(MatchesPanel).query_one(OptionList)
        scores = [str(options.get_option_at_index(n).prompt).split()[0] for n in range(2)]
        assert scores == ["1.00", "0.99"]  # the identical one first, the near-copy below 1


async def test_follow_mode_drops_the_last_match_on_a_heading_with_no_good_match(
    make_workspace,
) -> None:
    root = make_workspace(
        {
            "a.md": "Kratom leaves contain mitragynine, an alkaloid binding opioid receptors.\n\n"
            "# Whisking eggs and folding flour\n",
            "b.txt": "Mitragynine, the alkaloid of kratom leaves, binds to opioid receptors.\n",
        }
    )
    app = make_app(root, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        query, other = app.panes
        await pilot.press("f")
        await wait_for(pilot, lambda: other.view.passage is not None)
        assert other.match_label.startswith("match")
        await pilot.press("j")  # the heading: not a passage of the index, and like nothing in b
        assert sentence_text(query.view) == "Whisking eggs and folding flour"
        await wait_for(pilot, lambda: other.match_label == "no good match")
        assert other.view.passage is None and not other.view.terms
        # Nothing there is shaded any more, not even the cursor the match had put on it.
        plain = other.view.rich_style.bgcolor
        for y in range(other.view.scrollable_content_region.height):
            assert {s.style.bgcolor for s in other.view.render_line(y) if s.style} <= {plain}
        await pilot.press("tab")  # focused, its cursor shows where the match had been
        assert other.view.has_focus and not other.view.cursor_hidden
        assert sentence_text(other.view).startswith("Mitragynine")
        await pilot.press("shift+tab")
        await pilot.press("M")  # the panel numbers the heading as the reader does
        label = app.query_one(MatchesPanel).query_one(Label)
        await wait_for(pilot, lambda: "Matches of sentence 2 of a.md" in str(label.tooltip))


def notified(app: SynopticApp) -> list[str]:
    """What the notifications said so far (Textual keeps them on the app, shown or not)."""
    return [notification.message for notification in app._notifications]


async def test_m_with_one_pane_says_how_to_see_the_matches(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j")
        await match_here(pilot, app)
        await wait_for(pilot, lambda: any("press +" in said for said in notified(app)))
        assert any("press M to list the matches" in said for said in notified(app))
        # Once there is another pane (the new one has the focus), it shows them, without a word.
        await pilot.press("plus")
        await wait_for(pilot, lambda: len(app.panes) == 2 and app.panes[1].view.document)
        before = len(notified(app))
        await match_here(pilot, app)
        assert app.panes[0].match_label, "a match or no good match, said in the pane's title"
        assert len(notified(app)) == before


async def test_next_and_previous_candidate_in_a_pane(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "j")
        await match_here(pilot, app)
        other = app.panes[1]
        first = other.view.passage
        count = len(app.parallel.by_pane[id(other)].candidates)
        assert count >= 2, "this sentence has several candidates in the next article"
        assert other.match_label.endswith(f"1/{count}")
        await pilot.press("tab", "greater_than_sign")
        assert other.match_label.endswith(f"2/{count}")
        assert other.view.passage != first
        await pilot.press("less_than_sign")
        assert other.view.passage == first and other.match_label.endswith(f"1/{count}")
        await pilot.press("less_than_sign")  # wraps round to the last candidate
        assert other.match_label.endswith(f"{count}/{count}")


async def test_follow_mode_keeps_the_panes_on_the_current_sentence(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f")
        assert app.query_one(StatusBar).follow
        assert "FOLLOW" in str(app.query_one(StatusBar).render())
        query = app.panes[0].view
        for _ in range(4):
            await pilot.press("j")
            await wait_for(
                pilot,
                lambda: (
                    app.parallel.result is not None
                    and app.parallel.result.query.sentence == query.cursor
                ),
            )
            assert app.panes[1].view.passage is not None
        await pilot.press("f")
        assert not app.query_one(StatusBar).follow
        before = app.parallel.result.query.sentence if app.parallel.result else None
        await pilot.press("j")
        await pilot.pause(0.2)
        assert app.parallel.result is not None
        assert app.parallel.result.query.sentence == before, "follow off: nothing re-matched"


async def test_double_click_matches_and_the_panel_lists_and_shows_matches(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        query = app.panes[0].view
        await pilot.click(query, offset=(8, 4), times=2)
        await wait_for(pilot, lambda: app.parallel.result is not None)
        assert app.parallel.result is not None
        assert app.parallel.result.query.sentence == query.cursor
        await pilot.press("M")
        panel = app.query_one(MatchesPanel)
        options = panel.query_one(OptionList)
        assert options.option_count == min(len(app.parallel.result.matches), 40)
        # Pick a match in a document no pane shows: it opens in the other pane.
        shown = {p.doc_id for p in app.panes}
        wanted = next(n for n, m in enumerate(panel.matches) if m.passage.doc_id not in shown)
        options.highlighted = wanted
        await pilot.press("enter")
        await pilot.pause()
        chosen = panel.matches[wanted]
        assert app.panes[1].doc_id == chosen.passage.doc_id
        assert app.panes[1].view.passage == (chosen.passage.start, chosen.passage.end)
        await pilot.click(options, offset=(3, 1))  # the mouse picks the best match
        await pilot.pause()
        best = panel.matches[0].passage
        target = next(p for p in app.panes if p.doc_id == best.doc_id)
        assert target.view.passage == (best.start, best.end)
        # Esc closes the panel, as it closes a dialog, and the keys go back to the pane.
        await pilot.click(options, offset=(3, 1))
        await pilot.press("escape")
        assert not panel.has_class("-shown")
        assert isinstance(app.focused, DocumentView)
        await pilot.press("M")
        assert panel.has_class("-shown")


async def test_match_asked_before_the_index_is_ready_is_answered_later(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.panes[0].view.document is not None)
        await pilot.press("m")
        await wait_for(pilot, lambda: app.parallel.result is not None, timeout=30)
        assert app.panes[1].match_label.startswith(("match", "no good match"))


async def test_synopsis_table_sorts_and_lays_a_row_out_side_by_side(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
        screen = app.screen
        assert isinstance(screen, SynopsisScreen)
        table = screen.query_one(SynopsisTable)
        groups = app.parallel.synopsis
        assert groups is not None and table.row_count == len(groups)
        counts = [int(str(table.cells_at(n)[0])) for n in range(table.row_count)]
        assert counts == sorted(counts, reverse=True) and counts[0] >= 3
        await pilot.press("s")
        ascending = [int(str(table.cells_at(n)[0])) for n in range(table.row_count)]
        assert ascending == sorted(counts)
        await pilot.press("s")  # back to most documents first
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        group = groups[0]
        assert len(app.panes) == group.size, "panes are added to show every document"
        await wait_for(pilot, lambda: app.panes[0].view.cursor_row() is not None)
        for pane, (doc_id, passage) in zip(app.panes, group.passages.items(), strict=True):
            assert pane.doc_id == doc_id
            assert pane.view.passage == (passage.start, passage.end)
            document = pane.view.document
            assert document is not None
            assert pane.view.cursor == document.sentence_at(passage.start)
        # Every passage is in view, the added panes' too (they used to stay at the top).
        await wait_for(pilot, lambda: all(p.view.cursor_row() is not None for p in app.panes))


async def test_a_synopsis_row_chosen_in_follow_mode_stays_laid_out(
    sample_workspace: Path,
) -> None:
    """Follow mode re-matched the first pane's new sentence and undid the row."""
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f", "j")
        await wait_for(pilot, lambda: app.parallel.result is not None)
        await open_synopsis_table(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        await pilot.pause(0.5)  # time for follow mode, were it on, to answer
        assert not app.parallel.follow
        assert any("Follow mode is off" in n.message for n in app._notifications)
        groups = app.parallel.synopsis
        assert groups is not None
        group = groups[0]
        for pane, (doc_id, passage) in zip(app.panes, group.passages.items(), strict=True):
            assert pane.doc_id == doc_id
            assert pane.view.passage == (passage.start, passage.end)
            assert pane.match_label == f"synopsis row 1 of {len(groups)}"


async def test_synopsis_row_chosen_with_the_mouse(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
        table = app.screen.query_one(SynopsisTable)
        await pilot.click(table, offset=(2, 1 + 3))  # header, then the second row
        await pilot.click(table, offset=(2, 1 + 3))  # a click on the cursor row selects it
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        groups = app.parallel.synopsis
        assert groups is not None
        shown = {p.doc_id: p.view.passage for p in app.panes}
        for doc_id, passage in groups[1].passages.items():
            assert shown[doc_id] == (passage.start, passage.end)


async def open_synopsis_table(pilot: Pilot[None]) -> tuple[SynopsisScreen, SynopsisTable]:
    app = await ready(pilot)
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
    screen = app.screen
    assert isinstance(screen, SynopsisScreen)
    return screen, screen.query_one(SynopsisTable)


def shown_ids(table: SynopsisTable) -> list[str]:
    return list(table.row_keys)


async def test_synopsis_filter_narrows_rows_to_passages_with_every_word(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_synopsis_table(pilot)
        everything = table.row_count
        await pilot.press("slash", *"receptors opioid")
        await wait_for(pilot, lambda: table.row_count < everything)
        assert table.row_count > 0
        for key in shown_ids(table):
            words = ""
            for doc_id, passage in screen.groups[key].passages.items():
                document = app.workspace.loaded(doc_id)
                assert document is not None
                words += " " + document.text[passage.start : passage.end].casefold()
            assert "receptors" in words and "opioid" in words
        assert "showing" in str(screen.query_one("#summary", Label).render())
        # the reader's own keys are text while typing: s, q and digits go into the filter
        field = screen.query_one(Input)
        await pilot.press("space", "q", "s", "1")
        assert field.value == "receptors opioid qs1" and app.screen is screen
        await wait_for(pilot, lambda: table.row_count == 0)
        assert "none passes the filter" in str(screen.query_one("#summary", Label).render())
        await pilot.press("escape")  # clears the filter, back in the table
        assert field.value == "" and table.has_focus
        await wait_for(pilot, lambda: table.row_count == everything)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))


async def test_synopsis_filter_shows_and_lights_up_a_word_past_a_cell_s_end(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_synopsis_table(pilot)
        cell_room = 34 * 3
        late = []  # passages that say "supervision" only after what a cell has room for
        for key in shown_ids(table):
            for column, doc_id in enumerate(screen.document_ids, start=3):
                passage = screen.groups[key].passages.get(doc_id)
                document = app.workspace.loaded(doc_id)
                if passage is None or document is None:
                    continue
                said = " ".join(document.text[passage.start : passage.end].split())
                if said.find("supervision") > cell_room:
                    late.append((key, column))
        assert late, "the sample has a passage that names supervision late"
        key, column = late[0]
        before = table.cells_at(shown_ids(table).index(key))[column]
        assert "supervision" not in before.plain
        await pilot.press("slash", *"SUPERVISION")

        def lit_up() -> list[Span]:
            if key not in table.row_keys:
                return []
            cell = table.cells_at(table.row_keys.index(key))[column]
            where = cell.plain.find("supervision")
            return [span for span in cell.spans if span.start <= where < span.end]

        # typed slowly, a shorter word ("SUPER") may be drawn first: wait for the whole one
        whole = [len("supervision")]
        await wait_for(pilot, lambda: [s.end - s.start for s in lit_up()] == whole, timeout=5)
        assert table.row_count < len(screen.rows)
        assert table.cells_at(table.row_keys.index(key))[column].plain.startswith(
            "\N{HORIZONTAL ELLIPSIS}"
        )
        (span,) = lit_up()
        assert span.style == screen.get_component_rich_style("synopsis--hit", partial=True)


async def test_synopsis_rows_are_saved_as_csv_over_a_user_s_file_only_when_told(
    sample_workspace: Path,
) -> None:
    import csv

    from tui.screens.export import KeptFileScreen, SaveTableScreen

    # where x suggests saving: beside the workspace, never in it
    mine = sample_workspace.parent / f"{sample_workspace.name}-synopsis.csv"
    mine.write_text("my own spreadsheet\n", encoding="utf-8")
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_synopsis_table(pilot)
        await pilot.press("slash", *"supervision", "enter")
        await wait_for(pilot, lambda: table.row_count < len(screen.rows))
        shown = shown_ids(table)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveTableScreen))
        await pilot.press("enter")  # the suggested file is the user's own: refused
        await wait_for(pilot, lambda: isinstance(app.screen, KeptFileScreen))
        assert mine.read_text(encoding="utf-8") == "my own spreadsheet\n"
        await pilot.press("enter")  # the default way on: another file, in the same dialog
        await wait_for(pilot, lambda: isinstance(app.screen, SaveTableScreen))
        await pilot.press("ctrl+u", *str(sample_workspace / "table.csv"), "enter")
        saved = sample_workspace / "table.csv"
        await wait_for(pilot, lambda: saved.exists())
        await wait_for(pilot, lambda: any(n.title == "Saved" for n in app._notifications))
        assert saved.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 to Excel too"
        rows = list(csv.reader(saved.open(encoding="utf-8-sig", newline="")))
        assert rows[0][4:] == screen.document_ids
        assert [row[0] for row in rows[1:]] == shown
        # the filter passes other forms of its words too ("supervised"; corpus.word_forms)
        assert all("supervis" in " ".join(row[4:]).lower() for row in rows[1:])
        assert mine.read_text(encoding="utf-8") == "my own spreadsheet\n"

        # Replacing the user's file takes a second, deliberate choice.
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveTableScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, KeptFileScreen))
        await pilot.click("#overwrite")
        await wait_for(pilot, lambda: mine.read_bytes().startswith(b"\xef\xbb\xbf"))
        assert app.screen is screen


async def test_synopsis_shared_only_and_agreement_order(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_synopsis_table(pilot)
        everything = table.row_count
        assert any(screen.groups[key].size == 1 for key in shown_ids(table))
        await pilot.press("o")
        shared = shown_ids(table)
        assert 0 < len(shared) < everything
        assert all(screen.groups[key].size > 1 for key in shared)
        await pilot.press("a")
        scores = [screen.groups[key].cohesion for key in shown_ids(table)]
        assert scores == sorted(scores, reverse=True)
        shown = [str(table.cells_at(n)[2]) for n in range(2)]
        assert shown == [f"{s:.2f}" for s in scores[:2]]
        await pilot.press("k")
        kinds = [screen.groups[key].kind or "" for key in shown_ids(table)]
        assert kinds == sorted(kinds) and len(set(kinds)) > 1
        await pilot.press("o")
        assert table.row_count == everything


async def test_synopsis_in_one_documents_reading_order_by_key_and_by_header_click(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_synopsis_table(pilot)
        second = app.workspace.document_ids[1]

        def starts(doc_id: str) -> list[int | None]:
            found = [screen.groups[key].passages.get(doc_id) for key in shown_ids(table)]
            return [p.start if p is not None else None for p in found]

        await pilot.press("2")
        order = starts(second)
        made = [s for s in order if s is not None]
        assert len(made) > 3 and made == sorted(made)
        assert order[: len(made)] == made, "claims the document does not make come last"
        assert f"reading order of {second}" in str(screen.query_one("#summary", Label).render())
        third = app.workspace.document_ids[2]
        # a click on the third document's header: past Docs, Kind, Agree and two documents
        x = sum(c.render_width for c in table.columns[:5]) + 2
        await pilot.click(table, offset=(x, 0))
        made = [s for s in starts(third) if s is not None]
        assert len(made) > 3 and made == sorted(made)


async def test_palette_runs_follow_mode_and_the_synopsis(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for command, done in (
            ("Follow mode", lambda: app.parallel.follow),
            ("Claim synopsis", lambda: isinstance(app.screen, SynopsisScreen)),
        ):
            await pilot.press("ctrl+p", *command)
            options = app.screen.query_one(OptionList)
            await wait_for(pilot, lambda found=options: found.option_count > 0)
            await pilot.press("enter")
            await wait_for(pilot, done)


async def test_index_progress_shows_documents_as_a_count_and_word_pieces_as_a_percentage(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        status = app.query_one(StatusBar)
        app.post_message(LoadingProgress("Indexing passages", 3, 5))
        await pilot.pause()
        assert "Indexing passages 3/5" in str(status.render())
        app.post_message(LoadingProgress("Indexing word pieces", 50, 200, percent=True))
        await pilot.pause()
        assert "Indexing word pieces 25%" in str(status.render())
        app.post_message(LoadingProgress("Indexing word pieces", 200, 200, percent=True))
        await pilot.pause()
        assert "Indexing" not in str(status.render())


async def test_a_wide_synopsis_pages_through_its_documents(make_workspace) -> None:
    """Thirty documents: the table holds WINDOW of them at a time, and ] and [ page."""
    articles = sorted(SAMPLE_DIR.glob("*.txt"))
    root = make_workspace(
        {
            f"{copy}{path.name}": path.read_text(encoding="utf-8")
            for copy in "abcdef"
            for path in articles
        }
    )
    app = make_app(root, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=60)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen), timeout=60)
        screen = app.screen
        assert isinstance(screen, SynopsisScreen)
        table = screen.query_one(SynopsisTable)
        ids = app.workspace.document_ids
        assert len(ids) == 30 > WINDOW

        def columns() -> list[str]:
            return [c.key.removeprefix("doc:") for c in table.columns[3:]]

        def summary() -> str:
            return str(screen.query_one("#summary", Label).render())

        assert columns() == ids[:WINDOW]
        assert f"documents 1\N{EN DASH}{WINDOW} of 30 ([ ])" in summary()
        assert screen.check_action("page", (-1,)) is None, "no earlier documents: dimmed"
        await pilot.press("down", "down")
        claim = shown_ids(table)[table.cursor_row]
        await pilot.press("right_square_bracket")
        assert columns() == ids[WINDOW:]
        assert f"documents {WINDOW + 1}\N{EN DASH}30 of 30" in summary()
        assert shown_ids(table)[table.cursor_row] == claim, "the cursor stays on its claim"
        for key in shown_ids(table):  # the cells are those of the documents now shown
            cells = table.cells_at(table.row_keys.index(key))[3:]
            for doc_id, cell in zip(columns(), cells, strict=True):
                assert (doc_id in screen.groups[key].passages) == bool(cell.plain)
        await pilot.press("1")  # the digit keys order by the columns shown
        assert f"reading order of {ids[WINDOW]}" in summary()
        await pilot.press("right_square_bracket")  # nothing after the last page
        assert columns() == ids[WINDOW:]
        await pilot.press("left_square_bracket")
        assert columns() == ids[:WINDOW]
        assert f"reading order of {ids[WINDOW]}" in summary(), "the order is kept"
        # a row made by more documents than there can be panes: those on screen come first
        await pilot.press("right_square_bracket")
        on_screen = columns()
        wide = next(
            n
            for n, key in enumerate(shown_ids(table))
            if screen.groups[key].size > MAX_PANES
            and sum(d in screen.groups[key].passages for d in on_screen) >= 2
        )
        group = screen.groups[shown_ids(table)[wide]]
        table.move_cursor(wide)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SynopsisScreen))
        first = [d for d in on_screen if d in group.passages]
        assert [p.doc_id for p in app.panes][: len(first)] == first[:MAX_PANES]
        assert len(app.panes) == MAX_PANES
        told = [n.message for n in app._notifications]
        assert any(f"{group.size} documents make this claim" in m for m in told)


async def test_a_synopsis_of_a_few_documents_has_no_pages(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_synopsis_table(pilot)
        before = [c.key for c in table.columns]
        assert len(before) == 3 + 5
        assert screen.check_action("page", (1,)) is False, "not offered in the footer"
        await pilot.press("right_square_bracket")
        assert [c.key for c in table.columns] == before
        assert "([ ])" not in str(screen.query_one("#summary", Label).render())


async def test_narrow_panes_keep_the_document_name_and_the_score_in_view(
    sample_workspace: Path,
) -> None:
    """Five panes in 100 columns are 20 wide: the name of each document and its score must
    both stay readable, or a reader sees a score without knowing whose it is."""
    app = make_app(sample_workspace, panes=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("j", "j")
        await match_here(pilot, app)
        await pilot.pause()
        bar_row = app.panes[0].query_one(".pane-bar").region.y
        line = app.screen._compositor.render_strips()[bar_row].text
        for pane in app.panes:
            region = pane.region
            title = line[region.x : region.right]
            assert pane.doc_id is not None
            assert pane.doc_id[:6] in title, (title, pane.doc_id)
            if pane.match_label.startswith("match"):
                score = pane.match_label.split()[1]
                assert score in title, (title, pane.match_label)
        assert any(pane.match_label.startswith("match") for pane in app.panes[1:])


async def test_a_match_asked_before_the_index_is_for_that_sentence_not_for_its_pane(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``m`` pressed while passages were indexed, then another document opened in that pane:
    once indexed, the new document's first sentence was matched and its pane titled "query",
    a sentence the user never asked about. The answer follows the sentence asked about."""
    import corpus.passage_cache

    building = threading.Event()
    build = corpus.passage_cache.open_index

    def held(*args: Any, **kwargs: Any) -> Any:  # the index is built once the test says so
        building.wait(30)
        return build(*args, **kwargs)

    monkeypatch.setattr(corpus.passage_cache, "open_index", held)
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        query = app.panes[0]
        await wait_for(pilot, lambda: query.view.document is not None)
        await pilot.press("j", "j", "j", "m")
        assert app.parallel.index is None
        assert "Still indexing passages" in " ".join(notified(app))
        await pilot.press("3")  # another document in the pane whose sentence was asked about
        await wait_for(pilot, lambda: query.view.document is not None)
        assert query.doc_id == app.workspace.document_ids[2]
        building.set()
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.pause(0.3)  # time for a match, were one asked
        assert app.parallel.result is None
        assert query.match_label == "", "no pane is titled query for a sentence not asked about"
        assert app.panes[1].match_label == ""
        assert "no longer under the cursor: press m" in " ".join(notified(app))
        await match_here(pilot, app)  # asked about now, it is answered
        assert query.match_label == "query"
        assert app.parallel.result is not None
        assert app.parallel.result.query.doc_id == query.doc_id


async def test_a_match_asked_before_the_index_is_answered_if_the_sentence_stayed(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the test above: the cursor stayed, so the answer comes."""
    import corpus.passage_cache

    building = threading.Event()
    build = corpus.passage_cache.open_index

    def held(*args: Any, **kwargs: Any) -> Any:
        building.wait(30)
        return build(*args, **kwargs)

    monkeypatch.setattr(corpus.passage_cache, "open_index", held)
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        query = app.panes[0]
        await wait_for(pilot, lambda: query.view.document is not None)
        await pilot.press("j", "j", "j", "m")
        assert app.parallel.index is None
        building.set()
        await wait_for(pilot, lambda: app.parallel.result is not None, timeout=30)
        assert query.match_label == "query"
        assert app.parallel.result.query.sentence == query.view.cursor
