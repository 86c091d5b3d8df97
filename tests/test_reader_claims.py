"""The reader's claim features driven like a person would: n / N, the legend, c, w, h, themes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS
from pilot_helpers import wait_for
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.command import CommandPalette
from textual.geometry import Region
from textual.widgets import Button, Label, OptionList, SelectionList, Static

from corpus.claims import Certainty, Role
from tui import side_panels
from tui.app import SynopticApp, make_app
from tui.screens.claims import KindPicker, WhyScreen
from tui.widgets.claims_panel import ClaimLegend, ClaimsPanel
from tui.widgets.document_view import GUTTER

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.notifications import Notification
    from textual.pilot import Pilot
    from textual.strip import Strip
    from textual.widget import Widget

    from corpus.claims import Assessment
    from tui.claim_marks import ClaimMarks
    from tui.widgets.document_view import DocumentView

SIZE = (160, 44)
FIRST_DOC = SAMPLE_IDS[0]
HEADING = "Unraveling Neurotransmitter Balance and Its Impact on Mood: A Deep Dive"
"""The start of the first sample document's first heading; headings are never claims."""


# -- helpers --------------------------------------------------------------------------------------


async def wait_claims(pilot: Pilot[None], *, timeout: float = 10.0) -> SynopticApp:
    """Wait until every document is read and its claims are found; returns the app."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=timeout)
    await wait_for(pilot, lambda: app.claims_finished_at is not None, timeout=timeout)
    await wait_for(pilot, lambda: all(pane.view.marks is not None for pane in app.panes))
    return app


def marks_of(view: DocumentView) -> ClaimMarks:
    """The view's claim marks, which must be there."""
    assert view.marks is not None, "no claim marks on the view"
    return view.marks


def assessment(view: DocumentView, index: int | None = None) -> Assessment:
    """The verdict on sentence ``index`` (the cursor sentence by default)."""
    return marks_of(view).assessments[view.cursor if index is None else index]


def find(view: DocumentView, predicate: Callable[[Assessment], bool], start: int = 0) -> int:
    """Index of the first sentence from ``start`` whose assessment matches ``predicate``."""
    for found in marks_of(view).assessments[start:]:
        if predicate(found):
            return found.sentence
    raise AssertionError("no sentence matches")


def is_claim(found: Assessment) -> bool:
    return found.role is Role.CLAIM


async def move_cursor(pilot: Pilot[None], view: DocumentView, index: int) -> None:
    """Put the cursor on sentence ``index``, which scrolls it on screen."""
    view.cursor = index
    await pilot.pause()


def screen_line_of(view: DocumentView, index: int) -> tuple[int, int]:
    """(layout line, screen row) where sentence ``index`` starts; it must be on screen."""
    assert view.document is not None
    assert view._layout is not None
    line = view._layout.line_of_offset(view.document.sentences[index].start)
    y = line - round(view.scroll_y)
    assert 0 <= y < view.scrollable_content_region.height, f"sentence {index} is off screen"
    return line, y


def gutter_of(view: DocumentView, index: int) -> str:
    """The gutter cells drawn on the line where sentence ``index`` starts."""
    _, y = screen_line_of(view, index)
    return view.render_line(y).text[:GUTTER]


def sentence_segments(view: DocumentView, index: int) -> list[Segment]:
    """The text of sentence ``index`` drawn on the screen line where it starts, with its styles.

    Walks the line's segments with their offsets in the document text (after the gutter, a
    paragraph line is its display text, one cell per offset) and keeps the part of each that
    lies inside the sentence.
    """
    assert view.document is not None
    assert view._layout is not None
    line, y = screen_line_of(view, index)
    sentence = view.document.sentences[index]
    strip: Strip = view.render_line(y)
    offset = view._layout.starts[line] - GUTTER
    start, end = sentence.start, min(sentence.end, view._layout.ends[line])
    found = []
    for segment in strip:
        segment_end = offset + len(segment.text)
        inside = segment.text[max(start - offset, 0) : max(end - offset, 0)]
        if inside.strip():
            found.append(Segment(inside, segment.style))
        offset = segment_end
    assert found, f"sentence {index} has no text on its first line"
    drawn = "".join(s.text for s in found)
    assert view.document.sentence_text(index).startswith(drawn.strip()), drawn
    return found


def widget_text(widget: Widget) -> str:
    """What ``widget`` draws, as plain text."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(app: SynopticApp) -> str:
    """Everything on the screen, as plain text (toasts and modal screens included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def legend_text(app: SynopticApp) -> Text:
    content = app.query_one(ClaimLegend).content
    assert isinstance(content, Text)
    return content


def legend_entry(legend: Text, label: str) -> tuple[str, Style]:
    """The legend's "<letter> <label> <count>" entry for ``label``, and its style."""
    plain = legend.plain
    entry = next(e.strip() for e in plain.split("  ") if e.strip().split(" ")[1:2] == [label])
    start, end = plain.index(entry), plain.index(entry) + len(entry)
    styles = [span.style for span in legend.spans if span.start <= start and end <= span.end]
    return entry, Style.combine(Style.parse(s) if isinstance(s, str) else s for s in styles)


def option_texts(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def notifications(app: SynopticApp) -> list[Notification]:
    """The notifications raised so far (Textual keeps them on the app, shown or not)."""
    return list(app._notifications)


def no_control_characters(text: str) -> bool:
    return all(ord(char) >= 0x20 or char == "\n" for char in text) and "\x7f" not in text


# -- marks on the page ----------------------------------------------------------------------------


async def test_gutter_letters_and_claim_styles_are_drawn(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        assert app.active_pane.doc_id == FIRST_DOC
        marks = marks_of(view)
        assert view.document is not None
        assert len(marks.assessments) == len(view.document.sentences)
        assert marks.claim_sentences(), "the sample has claims"

        # The first sentence is a claim: its kind's letter is in the gutter.
        first = assessment(view, 0)
        assert first.role is Role.CLAIM
        assert first.kind is not None
        letter = app.claims.letters[first.kind]
        assert letter.isupper()
        first_segment = next(iter(view.render_line(0)))
        assert first_segment.text.strip() == letter
        assert gutter_of(view, 0) == letter.ljust(GUTTER)

        # A heading is never a claim, and its line has a blank gutter.
        heading = find(view, lambda a: a.reason == "a heading")
        assert view.document.sentence_text(heading).startswith(HEADING)
        await move_cursor(pilot, view, heading)
        assert gutter_of(view, heading) == " " * GUTTER

        # A hedged claim is italic, an unsourced one underlined; looked at off the cursor,
        # whose own underline would hide the difference.
        hedged = find(view, lambda a: is_claim(a) and a.certainty is Certainty.HEDGED, 1)
        unsourced = find(view, lambda a: is_claim(a) and a.unsourced)
        plain_claim = find(
            view,
            lambda a: is_claim(a) and a.certainty is Certainty.ASSERTIVE and not a.unsourced,
            1,
        )
        for index in (hedged, unsourced, plain_claim):
            await move_cursor(pilot, view, index)
            await pilot.press("k")  # off the claim, which stays on screen
            assert view.cursor == index - 1
            found = assessment(view, index)
            assert found.kind is not None
            assert gutter_of(view, index) == app.claims.letters[found.kind].ljust(GUTTER)
            segments = [s for s in sentence_segments(view, index) if s.text.strip()]
            for segment in segments:
                assert segment.style is not None
                assert bool(segment.style.italic) is (found.certainty is Certainty.HEDGED)
                assert bool(segment.style.underline) is found.unsourced
                assert segment.style.color == marks_of(view).style(found.kind).color

        # A claim's colour differs from plain paragraph text (a sentence that is neither).
        other = find(
            view,
            lambda a: a.role is Role.OTHER and a.reason.startswith("text about"),
        )
        await move_cursor(pilot, view, other)
        await pilot.press("j")
        other_colors = {s.style.color for s in sentence_segments(view, other) if s.style}
        assert len(other_colors) == 1
        assert gutter_of(view, other) == " " * GUTTER
        await move_cursor(pilot, view, plain_claim)
        await pilot.press("k")
        claim_colors = {s.style.color for s in sentence_segments(view, plain_claim) if s.style}
        assert len(claim_colors) == 1
        assert claim_colors != other_colors
        assert None not in claim_colors


async def test_n_and_shift_n_move_between_claims(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        claims = marks_of(view).claim_sentences()
        assert view.cursor == 0
        # From the first claim, n visits every claim in order.
        visited = [view.cursor]
        for _ in range(6):
            previous = view.cursor
            await pilot.press("n")
            assert view.cursor > previous
            assert assessment(view).role is Role.CLAIM
            visited.append(view.cursor)
        assert visited == claims[:7]
        # Advice and other sentences are skipped (the sample's sentence 5 is advice).
        assert assessment(view, 5).role is Role.ADVICE
        assert 5 not in visited
        await pilot.press("N")
        assert view.cursor == visited[-2]
        await pilot.press("N", "N")
        assert view.cursor == visited[-4]
        # At the last claim n rings the bell and stays.
        await move_cursor(pilot, view, claims[-1])
        bells: list[None] = []
        app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
        await pilot.press("n")
        assert view.cursor == claims[-1]
        assert bells
        # From past the last claim (the sample ends on a non-claim), N goes back to it.
        await pilot.press("G")
        assert view.cursor > claims[-1]
        await pilot.press("N")
        assert view.cursor == claims[-1]
        # Before the first claim N rings too.
        await pilot.press("g")
        count = len(bells)
        await pilot.press("N")
        assert view.cursor == 0
        assert len(bells) == count + 1


# -- the legend -----------------------------------------------------------------------------------


async def test_legend_counts_follow_the_focused_document(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        first, second = app.panes
        assert first.doc_id == SAMPLE_IDS[0]
        assert second.doc_id == SAMPLE_IDS[1]
        for pane in (first, second):
            if pane is second:
                await pilot.press("tab")
                assert app.active_pane is second
            counts = marks_of(pane.view).counts()
            legend = legend_text(app)
            for kind in app.claims.kinds:
                entry, _ = legend_entry(legend, kind)
                assert entry == f"{app.claims.letters[kind]} {kind} {counts[kind]}"
            assert f"a advice {counts['advice']}" in legend.plain
            assert "italic: hedged" in legend.plain
            assert "underline: unsourced" in legend.plain
            assert legend.plain.split("  ")[0].startswith("E efficacy")
            # What is drawn on screen says the same.
            assert f"safety {counts['safety']}" in widget_text(app.query_one(ClaimLegend))
        # The two documents differ, so the legend really changed.
        assert marks_of(first.view).counts() != marks_of(second.view).counts()
        # Switching the focused pane's document updates it too.
        await pilot.press("4")
        assert second.doc_id == SAMPLE_IDS[3]
        counts = marks_of(second.view).counts()
        entry, _ = legend_entry(legend_text(app), "efficacy")
        assert entry == f"E efficacy {counts['efficacy']}"


@pytest.mark.parametrize("width", [80, 120])
async def test_the_whole_legend_is_on_screen_in_a_small_terminal(
    sample_workspace: Path, width: int
) -> None:
    """At 80 columns one line cannot hold every kind: the legend wraps rather than cutting
    off the last kinds and the key to the text styles, and at 120 it still takes one line."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_claims(pilot)
        await pilot.pause()
        legend = app.query_one(ClaimLegend)
        drawn = widget_text(legend)
        counts = marks_of(app.active_pane.view).counts()
        for kind in app.claims.kinds:
            assert f"{app.claims.letters[kind]} {kind} {counts[kind]}" in drawn, drawn
        assert f"a advice {counts['advice']}" in drawn
        assert "hedged" in drawn and "unsourced" in drawn
        assert "\N{HORIZONTAL ELLIPSIS}" not in drawn
        assert legend.size.height == (2 if width == 80 else 1)


async def test_the_legend_and_panel_say_why_a_document_that_cannot_be_read_has_no_claims(
    make_workspace,
) -> None:
    """The legend said "Claims: finding..." for ever, and the panel "waiting for the
    document...", for a document whose claims will never come."""
    root = make_workspace(
        {
            "a.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "b.txt": "Kratom may reduce anxiety in some users.\n",
        }
    )
    app = make_app(root, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.claims_finished_at is not None)
        await wait_for(pilot, lambda: app.panes[1].view.marks is not None)
        assert app.active_pane.doc_id == "a.txt" and "a.txt" in app.failures
        drawn = widget_text(app.query_one(ClaimLegend))
        assert drawn.strip().startswith("Claims: none, a.txt "), drawn
        assert "finding" not in drawn
        await pilot.press("c")
        panel = app.query_one(ClaimsPanel)
        label = str(panel.query_one(Label).render())
        assert label.startswith("No claims in a.txt: it "), label
        await pilot.click(app.panes[1].view, offset=(4, 0))  # the readable one: as ever
        assert app.active_pane.doc_id == "b.txt"
        assert "a advice" in widget_text(app.query_one(ClaimLegend))
        assert str(panel.query_one(Label).render()).startswith("Claims in b.txt: ")


# -- the claims panel -----------------------------------------------------------------------------


async def test_claims_panel_lists_claims_and_jumps(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        panel = side_panels.claims_panel(app)
        assert panel is None or not panel.has_class("-shown")
        await pilot.press("c")
        await pilot.pause()
        panel = app.query_one(ClaimsPanel)
        assert panel.has_class("-shown")
        assert panel.size.width > 0
        options = panel.query_one(OptionList)
        assert app.focused is options
        claims = marks_of(view).claim_sentences()
        assert options.option_count == len(claims)
        assert panel.sentences == claims
        label = widget_text(panel.query_one(Label))
        assert FIRST_DOC in label
        assert f": {len(claims)}" in label
        # Each option shows the kind letter and the sentence's text.
        assert view.document is not None
        texts = option_texts(options)
        for index, text in zip(claims[:5], texts, strict=False):
            found = assessment(view, index)
            assert found.kind is not None
            assert text.startswith(app.claims.letters[found.kind] + " ")
            assert text[2:12] == view.document.sentence_text(index)[:10]
        # down, down, enter: the claim highlighted jumps, and the focus goes back to the document.
        await pilot.press("down", "down")
        highlighted = options.highlighted
        assert highlighted is not None
        assert highlighted >= 1
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == claims[highlighted]
        assert view.cursor != 0
        assert assessment(view).role is Role.CLAIM
        assert app.focused is view
        assert panel.has_class("-shown")
        # The panel follows the focused pane.
        await pilot.press("tab")
        await pilot.pause()
        other = app.panes[1].view
        assert panel.doc_id == SAMPLE_IDS[1]
        assert options.option_count == len(marks_of(other).claim_sentences())
        assert SAMPLE_IDS[1] in widget_text(panel.query_one(Label))
        await pilot.press("c")
        await pilot.pause()
        assert not panel.has_class("-shown")
        assert panel.size.width == 0
        assert app.focused is other
        # Esc in the panel closes it too, as it closes a dialog.
        await pilot.press("c")
        assert app.focused is options
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.has_class("-shown")
        assert app.focused is other


# -- why ------------------------------------------------------------------------------------------


def why_text(screen: WhyScreen) -> str:
    return "\n".join(widget_text(static) for static in screen.query(Static))


async def test_why_explains_a_claim_and_a_heading(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        assert view.document is not None
        await pilot.press("n")  # sentence 1: a hedged mechanism claim
        found = assessment(view)
        assert found.role is Role.CLAIM
        assert found.kind is not None
        sentence = view.document.sentence_text(view.cursor)
        await pilot.press("w")
        why = app.screen
        assert isinstance(why, WhyScreen)
        await pilot.pause()
        text = why_text(why)
        assert "Verdict:" in text
        assert found.kind in text
        if found.certainty is Certainty.HEDGED:
            assert "hedged" in text
        cues = [cue.text for cue in found.cues]
        assert cues
        assert all(cue in sentence for cue in cues)
        assert any(cue in text for cue in cues)
        assert sentence.split()[0] in text
        await pilot.press("escape")
        assert not isinstance(app.screen, WhyScreen)
        assert app.focused is view

        # Not a claim: the reason is shown all the same.
        heading = find(view, lambda a: a.reason == "a heading")
        await move_cursor(pilot, view, heading)
        await pilot.press("w")
        why = app.screen
        assert isinstance(why, WhyScreen)
        await pilot.pause()
        text = why_text(why)
        assert "a heading" in text
        assert "Verdict: other" in text
        assert "No cue matched" in text
        assert HEADING[:30] in text
        await pilot.press("w")  # w closes it too
        assert not isinstance(app.screen, WhyScreen)


# -- choosing kinds -------------------------------------------------------------------------------


async def test_hiding_a_kind_with_the_picker_and_back_with_the_palette(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        kind = "mechanism"
        letter = app.claims.letters[kind]
        mechanisms = [
            i for i in marks_of(view).claim_sentences() if assessment(view, i).kind == kind
        ]
        assert 1 in mechanisms  # the sample's second sentence
        assert gutter_of(view, 1) == letter.ljust(GUTTER)
        entry, style = legend_entry(legend_text(app), kind)
        assert not style.strike
        assert style.color == marks_of(view).style(kind).color

        await pilot.press("h")
        picker = app.screen
        assert isinstance(picker, KindPicker)
        selection = picker.query_one(SelectionList)
        assert app.focused is selection
        assert set(selection.selected) == set(app.claims.choosable)
        position = app.claims.kinds.index(kind)
        await pilot.press(*(["down"] * position))
        if selection.highlighted != position:  # the first option may start unhighlighted
            await pilot.press("down")
        assert selection.highlighted == position
        await pilot.press("space")
        assert kind not in selection.selected
        assert app.claims.hidden == frozenset()  # nothing applies before Done
        assert await pilot.click(Button)
        await wait_for(pilot, lambda: not isinstance(app.screen, KindPicker))

        assert app.claims.hidden == frozenset({kind})
        assert marks_of(view).hidden == frozenset({kind})
        # The legend shows the kind struck through and dim, with its count still there.
        entry, style = legend_entry(legend_text(app), kind)
        assert entry == f"{letter} {kind} {marks_of(view).counts()[kind]}"
        assert style.strike
        assert style.dim
        assert not legend_entry(legend_text(app), "efficacy")[1].strike
        # Its letters are gone from the gutter and its sentences are drawn as plain text.
        assert gutter_of(view, 1) == " " * GUTTER
        assert letter not in {view.render_line(y).text[0] for y in range(20)}
        assert gutter_of(view, 0) != " " * GUTTER  # other kinds are still marked
        # n skips the hidden kind.
        await pilot.press("g")
        for _ in range(8):
            await pilot.press("n")
            assert assessment(view).kind != kind
        assert not set(mechanisms) & set(marks_of(view).claim_sentences())

        # The palette's per-kind command shows it again.
        await pilot.press("ctrl+p", *f"kind {kind[:4]}")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)

        def toggle_highlighted() -> bool:
            texts = option_texts(options)
            index = options.highlighted or 0
            return index < len(texts) and texts[index].startswith(f"Toggle kind: {kind}")

        await wait_for(pilot, toggle_highlighted)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.claims.hidden == frozenset())
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("g")
        assert gutter_of(view, 1) == letter.ljust(GUTTER)
        assert not legend_entry(legend_text(app), kind)[1].strike
        await pilot.press("n")
        assert view.cursor == 1


async def test_the_kind_picker_lists_advice_and_the_workspace_s_own_kinds(
    sample_workspace: Path,
) -> None:
    rules = sample_workspace / ".synoptic" / "claims.toml"
    rules.parent.mkdir()
    rules.write_text('[kinds.dosage]\npatterns = ["grams?"]\n', encoding="utf-8")
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        advice = find(view, lambda a: a.role is Role.ADVICE)
        await move_cursor(pilot, view, advice)
        await pilot.press("k")
        assert gutter_of(view, advice) == "a".ljust(GUTTER)
        await pilot.press("h")
        picker = app.screen
        assert isinstance(picker, KindPicker)
        selection = picker.query_one(SelectionList)
        prompts = [
            str(selection.get_option_at_index(i).prompt) for i in range(selection.option_count)
        ]
        assert prompts[-1] == "a  advice"
        assert any(prompt.endswith("  dosage") for prompt in prompts)
        assert len(prompts) == len(app.claims.kinds) + 1 and "dosage" in app.claims.kinds
        await pilot.press(*(["down"] * (len(prompts) - 1)))
        if selection.highlighted != len(prompts) - 1:  # the first option may start unhighlighted
            await pilot.press("down")
        await pilot.press("space")
        assert await pilot.click(Button)
        await wait_for(pilot, lambda: not isinstance(app.screen, KindPicker))
        assert app.claims.hidden == frozenset({"advice"})
        # Its letters leave the gutter and the legend strikes it through, as for any kind.
        assert gutter_of(view, advice) == " " * GUTTER
        assert legend_entry(legend_text(app), "advice")[1].strike
        assert not legend_entry(legend_text(app), "efficacy")[1].strike


async def test_escape_in_the_kind_picker_changes_nothing(sample_workspace: Path) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        await pilot.press("h")
        picker = app.screen
        assert isinstance(picker, KindPicker)
        await pilot.press("space", "down", "space", "escape")
        assert not isinstance(app.screen, KindPicker)
        assert app.claims.hidden == frozenset()


# -- themes and NO_COLOR --------------------------------------------------------------------------


async def test_theme_change_recolours_the_kinds_and_keeps_the_marks(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        start_theme = app.theme
        dark_palette = list(app.claims.palette)
        assert len({style.color for style in dark_palette}) == len(dark_palette)
        dark_claim = {s.style.color for s in sentence_segments(view, 2) if s.style}
        letters_before = [view.render_line(y).text[:GUTTER] for y in range(20)]

        app.theme = "textual-light"
        await pilot.pause()
        light_palette = list(app.claims.palette)
        assert light_palette != dark_palette
        assert len({style.color for style in light_palette}) == len(light_palette)
        assert view.marks is not None
        assert marks_of(view).palette == light_palette
        light_claim = {s.style.color for s in sentence_segments(view, 2) if s.style}
        assert light_claim != dark_claim
        plain = {s.style.color for s in sentence_segments(view, 7) if s.style}
        assert assessment(view, 7).role is Role.OTHER
        assert light_claim != plain
        assert [view.render_line(y).text[:GUTTER] for y in range(20)] == letters_before
        legend = legend_text(app)
        assert legend_entry(legend, "efficacy")[1].color == light_palette[0].color
        # The panel and the why view draw in the new theme without an error.
        await pilot.press("c")
        await pilot.pause()
        assert app.query_one(ClaimsPanel).query_one(OptionList).option_count > 0
        await pilot.press("c", "w")
        assert isinstance(app.screen, WhyScreen)
        await pilot.press("escape")

        app.theme = start_theme
        await pilot.pause()
        assert list(app.claims.palette) == dark_palette
        assert {s.style.color for s in sentence_segments(view, 2) if s.style} == dark_claim
        assert app.is_running


async def test_no_color_keeps_letters_and_styles(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(sample_workspace)
    assert app.no_color is True
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        first = assessment(view, 0)
        assert first.kind is not None
        assert gutter_of(view, 0) == app.claims.letters[first.kind].ljust(GUTTER)
        hedged = find(view, lambda a: is_claim(a) and a.certainty is Certainty.HEDGED, 1)
        await move_cursor(pilot, view, hedged)
        await pilot.press("k")
        segments = [s for s in sentence_segments(view, hedged) if s.text.strip()]
        assert all(s.style is not None and s.style.italic for s in segments)
        unsourced = find(view, lambda a: is_claim(a) and a.unsourced)
        await move_cursor(pilot, view, unsourced)
        await pilot.press("k")
        segments = [s for s in sentence_segments(view, unsourced) if s.text.strip()]
        assert all(s.style is not None and s.style.underline for s in segments)
        # The whole screen, legend included, renders through the monochrome filter.
        screen = screen_text(app)
        assert "efficacy" in screen
        assert "italic: hedged" in screen


# -- the workspace's own rules --------------------------------------------------------------------


async def test_malformed_workspace_rules_warn_and_built_in_rules_apply(
    sample_workspace: Path,
) -> None:
    rules = sample_workspace / ".synoptic" / "claims.toml"
    rules.parent.mkdir()
    rules.write_text('[kinds.efficacy\npatterns = ["unclosed\n', encoding="utf-8")
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        assert app.claims.kinds[:3] == ("efficacy", "mechanism", "safety")
        assert marks_of(view).claim_sentences()
        first = assessment(view, 0)
        assert first.kind is not None
        assert gutter_of(view, 0) == app.claims.letters[first.kind].ljust(GUTTER)
        await wait_for(pilot, lambda: any("claims.toml" in n.message for n in notifications(app)))
        warning = next(n for n in notifications(app) if "claims.toml" in n.message)
        assert warning.severity == "warning"
        assert str(rules) in warning.message
        assert "built-in rules" in warning.message
        assert warning.title == "Claim rules not loaded"


async def test_invalid_workspace_pattern_is_reported_literally(sample_workspace: Path) -> None:
    """The error quotes the pattern: the toast must not read ``[/]`` in it as markup."""
    rules = sample_workspace / ".synoptic" / "claims.toml"
    rules.parent.mkdir()
    rules.write_text("[kinds.efficacy]\npatterns = ['[/][bold](']\n", encoding="utf-8")
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_claims(pilot)
        await wait_for(pilot, lambda: any("claims.toml" in n.message for n in notifications(app)))
        await wait_for(pilot, lambda: app.screen.query("Toast"))
        await pilot.pause()
        assert app.is_running
        assert marks_of(app.active_pane.view).claim_sentences()
        toasts = list(app.screen.query("Toast"))
        drawn = "\n".join(widget_text(toast) for toast in toasts)
        # The toast wraps its message and draws a half-block border left of every line.
        shown = " ".join(drawn.replace("\N{LEFT HALF BLOCK}", " ").split())
        assert "'[/][bold](' is not a valid regular expression" in shown, shown


# -- hostile and large documents ------------------------------------------------------------------

HOSTILE = (
    "Studies show [bold]kratom[/bold] relieves pain \x1b[31mand\x1b]0;pwned\x07 improves mood "
    "through opioid receptors."
)


async def test_hostile_claim_text_is_shown_literally(make_workspace) -> None:
    root = make_workspace({"a.txt": f"A plain title line\n\n{HOSTILE}\n"})
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        view = app.active_pane.view
        claims = marks_of(view).claim_sentences()
        assert claims
        index = claims[0]
        assert view.document is not None
        assert "[bold]" in view.document.sentence_text(index)
        await move_cursor(pilot, view, index)

        await pilot.press("w")
        why = app.screen
        assert isinstance(why, WhyScreen)
        await pilot.pause()
        text = why_text(why)
        assert "[bold]kratom[/bold]" in text
        assert "\N{SYMBOL FOR ESCAPE}[31m" in text
        assert no_control_characters(text), repr(text)
        await pilot.press("escape")

        await pilot.press("c")
        await pilot.pause()
        panel = app.query_one(ClaimsPanel)
        options = panel.query_one(OptionList)
        assert options.option_count == len(claims)
        prompt = option_texts(options)[0]
        assert "[bold]kratom[/bold]" in prompt
        assert no_control_characters(prompt), repr(prompt)
        drawn = widget_text(options) + widget_text(panel.query_one(Label))
        assert "[bold]kratom[/bold]" in drawn
        assert no_control_characters(drawn), repr(drawn)
        assert no_control_characters(screen_text(app))


async def test_claims_finish_with_a_20000_line_document(sample_workspace: Path) -> None:
    big = "".join(
        f"Study {i} found that kratom may reduce pain through opioid receptors.\n"
        for i in range(20_000)
    )
    (sample_workspace / "zz_big.txt").write_text(big, encoding="utf-8")
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.first_document_at is not None, timeout=30)
        await wait_claims(pilot, timeout=60)
        assert "zz_big.txt" in app.claims.by_document
        await pilot.press("6")
        view = app.active_pane.view
        assert app.active_pane.doc_id == "zz_big.txt"
        await wait_for(
            pilot, lambda: view.marks is not None and view._layout is not None, timeout=30
        )
        marks = marks_of(view)
        assert view.document is not None
        assert len(marks.assessments) == len(view.document.sentences) >= 20_000
        claims = marks.claim_sentences()
        assert len(claims) >= 20_000
        kind = assessment(view, 0).kind
        assert kind is not None
        assert gutter_of(view, 0) == app.claims.letters[kind].ljust(GUTTER)
        entry, _ = legend_entry(legend_text(app), kind)
        assert entry == f"{app.claims.letters[kind]} {kind} {marks.counts()[kind]}"
        assert marks.counts()[kind] >= 10_000
        # n / N work at the far end of the big document too.
        await pilot.press("G")
        last = len(view.document.sentences) - 1
        assert view.cursor == last
        await pilot.press("N")
        assert view.cursor == (claims[-2] if claims[-1] == last else claims[-1])
        assert gutter_of(view, view.cursor).strip()
