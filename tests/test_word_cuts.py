"""Text shortened to fit ends or starts between words, and says that it was shortened: an
outline heading read ``Depre…``, a search result's context began ``…nin and dopamine``, and a
synopsis cell stopped at its third line with no ``…``, as if the passage ended there."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich.console import Console
from rich.text import Text
from test_reader_narrow_synopsis import open_synopsis, table_lines
from textual.widgets import OptionList

from corpus.document import TITLE_LIMIT, document_from_bytes
from corpus.search import SearchHit
from corpus.synopsis import excerpt
from corpus.text import WORD_CUT_REACH, one_line
from tui.app import make_app
from tui.screens.pickers import OutlinePicker
from tui.screens.search import context_end, context_start, hit_label
from tui.widgets.synopsis_table import clipped

if TYPE_CHECKING:
    from pathlib import Path

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short enough", 80, "short enough"),
        ("Symptoms of Depression and Anxiety", 25, f"Symptoms of Depression{ELLIPSIS}"),
        ("Symptoms of Depression and Anxiety", 23, f"Symptoms of Depression{ELLIPSIS}"),
        ("Symptoms of Depression and Anxiety", 24, f"Symptoms of Depression{ELLIPSIS}"),
        # the nearest space is too far back: cut where the limit falls
        ("a " + "x" * 40, 30, "a " + "x" * 27 + ELLIPSIS),
        ("x" * 40, 10, "x" * 9 + ELLIPSIS),
        ("  many   spaces   between   words  ", 18, f"many spaces{ELLIPSIS}"),
    ],
)
def test_one_line_cuts_between_words_when_a_space_is_near(
    text: str, limit: int, expected: str
) -> None:
    shown = one_line(text, limit)
    assert shown == expected
    assert len(shown) <= limit


def test_one_line_by_characters_is_unchanged_for_what_json_prints() -> None:
    text = "Symptoms of Depression and Anxiety"
    assert one_line(text, 25, words=False) == text[:24] + ELLIPSIS
    heading = "Word " * (TITLE_LIMIT // 5) + "Depression and more"
    title = document_from_bytes("a.md", f"# {heading}\n\nText.\n".encode(), markdown=True).title
    assert title == " ".join(heading.split())[: TITLE_LIMIT - 1] + ELLIPSIS


async def test_the_outline_shows_long_headings_cut_between_words(
    sample_workspace: Path,
) -> None:
    """The sample's headings are over 100 characters: one read ``Symptoms of Depre…``."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        document = app.workspace.load(app.workspace.document_ids[0])
        headings = [
            " ".join(document.text[block.start : block.end].split())
            for _, block in document.headings()
        ]
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OutlinePicker))
        await pilot.pause()
        shown = [str(option.prompt).strip() for option in app.screen.query_one(OptionList).options]
        assert len(shown) == len(headings) and any(s.endswith(ELLIPSIS) for s in shown)
        for label, heading in zip(shown, headings, strict=True):
            kept = label.removesuffix(ELLIPSIS)
            assert heading.startswith(kept), (label, heading)
            if kept != heading:
                assert heading[len(kept)] == " ", f"cut mid-word: {label!r}"
                assert len(kept) >= 100 - 1 - WORD_CUT_REACH, label


TEXT = (
    "Kratom acts on several neurotransmitters, among them serotonin and dopamine, which shape mood."
)


@pytest.mark.parametrize("word", ["dopamine", "mood", "Kratom", "several", "shape"])
def test_a_search_result_s_context_starts_at_a_word(word: str) -> None:
    document = document_from_bytes("a.txt", TEXT.encode(), markdown=False)
    start = TEXT.index(word)
    hit = SearchHit(doc_id="a.txt", start=start, end=start + len(word), sentence=0)
    label = hit_label(document, hit, show_doc=False).plain
    context = label.split("  ", 1)[1]
    before = context.removeprefix(ELLIPSIS).split(word)[0]
    assert TEXT[: TEXT.index(word)].endswith(before)
    begun = TEXT.index(word) - len(before)
    assert begun == 0 or TEXT[begun - 1] == " ", f"starts mid-word: {context!r}"
    assert context.startswith(ELLIPSIS) == (begun > 0)


def test_a_context_with_no_space_before_the_hit_starts_at_the_hit() -> None:
    text = "see https://example.org/" + "a" * 60 + "/serotonin"
    hit = text.index("serotonin")
    assert context_start(text, hit) == hit
    assert context_start("serotonin", 0) == 0


CONSOLE = Console(width=200)


@pytest.mark.parametrize("word", ["dopamine", "mood", "Kratom", "several", "shape"])
def test_a_search_result_s_context_ends_at_a_word(word: str) -> None:
    document = document_from_bytes("a.txt", TEXT.encode(), markdown=False)
    start = TEXT.index(word)
    hit = SearchHit(doc_id="a.txt", start=start, end=start + len(word), sentence=0)
    context = hit_label(document, hit, show_doc=False).plain.split("  ", 1)[1]
    after = context.split(word, 1)[1].removesuffix(ELLIPSIS)
    ended = start + len(word) + len(after)
    assert TEXT[start + len(word) :].startswith(after)
    assert ended == len(TEXT) or TEXT[ended].isspace(), f"ends mid-word: {context!r}"
    assert context.endswith(ELLIPSIS) == (ended < len(TEXT))


def test_a_context_with_no_space_after_the_hit_ends_at_the_limit() -> None:
    text = "serotonin/" + "a" * 60
    assert context_end(text, len("serotonin")) == len("serotonin") + 40
    assert context_end("serotonin", 9) == 9


def test_a_synopsis_excerpt_ends_between_words() -> None:
    text = "Kratom may help with neurotransmitter systems that regulate mood and anxiety"
    line, _ = excerpt(text, "", 40)
    assert line == f"Kratom may help with neurotransmitter{ELLIPSIS}"
    longer = text + " in adults who use it daily"
    line, hits = excerpt(longer, "anxiety", 40)
    kept = line.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    ended = longer.index(kept) + len(kept)
    assert line.startswith(ELLIPSIS) and longer[ended] == " ", f"ends mid-word: {line!r}"
    assert [line[a:b] for a, b in hits] == ["anxiety"]


def test_a_cell_that_does_not_fit_its_lines_ends_with_an_ellipsis() -> None:
    cell = Text("one two three four five six seven eight nine ten eleven twelve")
    shown = clipped(cell, 10, 3, CONSOLE)
    lines = shown.wrap(CONSOLE, 10)
    assert len(lines) == 3
    assert lines[-1].plain.endswith(ELLIPSIS) and lines[-1].cell_len <= 10
    assert lines[-1].plain.removesuffix(ELLIPSIS).split()[-1] in cell.plain.split()
    fits = Text("one two three")
    assert clipped(fits, 10, 3, CONSOLE) is fits


async def test_a_synopsis_cell_cut_at_its_last_line_ends_with_an_ellipsis(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        screen, table = await open_synopsis(pilot)
        lines = table_lines(app, table)
        x = lines[0].index("1 ")  # the first document's column, beside the head
        passage = table.cells_at(0)[3].plain
        drawn = [line[x:].strip() for line in lines[1:4]]
        shown = " ".join(drawn).removesuffix(ELLIPSIS).strip()
        assert shown != passage.removesuffix(ELLIPSIS), "the passage fits: nothing to check"
        assert drawn[-1].endswith(ELLIPSIS), drawn
        assert passage.startswith(shown), (shown, passage)
        assert screen is app.screen
