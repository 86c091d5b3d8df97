"""On a terminal of 16 colours, and with NO_COLOR, every mark of the reader stands apart.

The cursor, the passage matched in another pane, a search hit, the selection, an annotated
span and the words shared with a match, alone and laid over one another, on plain text and on
a claim of each kind and certainty: each combination must look different from every other, as
the terminal draws it (each colour rounded to the 16-colour palette, reversed text as the
colours it swaps), or carry a cue without colour (bold, underline, italic, the margin's bar or
star), and its text must read. Read from the segments the document view really draws, passed
through Textual's own NO_COLOR filter where it applies, in every built-in theme, focused and
not.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from rich._palettes import STANDARD_PALETTE
from rich.color import ColorSystem
from rich.style import Style
from test_reader_colour_cues import SIZE
from test_reader_contrast import contrast
from textual.color import Color
from textual.filter import LineFilter, Monochrome, NoColor

from tui.app import make_app
from tui.widgets.document_view import GUTTER

if TYPE_CHECKING:
    from pathlib import Path

    from rich.color import Color as RichColor
    from textual.app import App
    from textual.pilot import Pilot

    from corpus.model import Document
    from tui.widgets.document_view import DocumentView

SYSTEM = ColorSystem.STANDARD

Cell = tuple[object, ...]
"""How one cell looks on the terminal: its colours as drawn, bold, underline, italic."""

MARKS = ("cursor", "passage", "note", "selection", "hit", "term")
"""What may lie on a word; a search hit is always in the cursor's sentence (any move drops it),
a shared word ("term") in the sentence matched or in the passage that matches it."""


def shown_colour(colour: RichColor | None, system: ColorSystem | None, slot: str) -> object:
    """A colour as the terminal draws it: its palette number, its RGB on a truecolor terminal
    (``system`` None), or the terminal's own default for the text or the page."""
    if colour is None or colour.is_default:
        return ("default", slot)
    if system is None:
        return tuple(colour.get_truecolor())
    return colour.downgrade(system).number


def drawn(style: Style | None, system: ColorSystem | None = SYSTEM) -> Cell:
    """A cell as the terminal shows it: the colours of its text and background (swapped when
    reversed, which is what reversing draws), then its non-colour cues."""
    style = style or Style()
    fore = shown_colour(style.color, system, "text")
    back = shown_colour(style.bgcolor, system, "page")
    if style.reverse:
        fore, back = back, fore
    return fore, back, bool(style.bold), bool(style.underline), bool(style.italic)


def line_filters(app: App[object]) -> list[LineFilter]:
    """The filters Textual passes every line through before the terminal gets it.

    With NO_COLOR Textual greys every colour (:class:`~textual.filter.Monochrome`), or in an
    ANSI theme leaves the terminal's own colours (:class:`~textual.filter.NoColor`); it picks
    one when it starts, by its theme, so here the one a reader who starts in this theme gets.
    """
    kept = [f for f in app.get_line_filters() if not isinstance(f, (Monochrome, NoColor))]
    if app.no_color:
        kept.append(NoColor() if app.native_ansi_color else Monochrome())
    return kept


def looks(
    view: DocumentView,
    span: tuple[int, int],
    system: ColorSystem | None = SYSTEM,
    filters: list[LineFilter] | None = None,
) -> tuple[object, ...]:
    """The cells of the visible, non-blank text of ``span`` (document offsets; the sample has
    no list item, so no prefix) and the margin mark of each of their lines."""
    layout = view._layout
    assert layout is not None
    top = round(view.scroll_y)
    page = view.background_colors[1]
    found: list[object] = []
    for y in range(view.scrollable_content_region.height):
        line = top + y
        if line >= len(layout) or not (
            layout.starts[line] < span[1] and span[0] < layout.ends[line]
        ):
            continue
        offset = layout.starts[line] - GUTTER
        column = 0
        strip = view.render_line(y)
        for line_filter in filters or ():
            strip = strip.apply_filter(line_filter, page)
        for segment in strip:
            for char in segment.text:
                if column == 1:
                    found.append(("margin", char, drawn(segment.style, system)))
                inside = span[0] <= offset < span[1] and offset >= layout.starts[line]
                if inside and char.strip():
                    found.append(drawn(segment.style, system))
                offset += 1
                column += 1
    return tuple(found)


def word_in(document: Document, sentence: int) -> tuple[int, int]:
    """A word in the middle of ``sentence``: where a hit or a selection is laid."""
    found = document.sentences[sentence]
    text = document.text
    middle = (found.start + found.end) // 2
    start = text.rfind(" ", found.start, middle) + 1 or found.start
    end = text.find(" ", middle, found.end)
    return start, end if end != -1 else found.end


def end_words(document: Document, sentence: int) -> list[tuple[int, int]]:
    """The first and the last word of ``sentence``: where shared words are laid, the first
    inside the selection, the last outside it, neither on the hit."""
    found = document.sentences[sentence]
    text = document.text[found.start : found.end].rstrip()
    first = text.find(" ")
    last = text.rfind(" ") + 1
    return [(found.start, found.start + first), (found.start + last, found.start + len(text))]


def combinations() -> list[frozenset[str]]:
    """Every set of marks that can lie on a word together."""
    every = [
        frozenset(chosen)
        for count in range(len(MARKS) + 1)
        for chosen in itertools.combinations(MARKS, count)
    ]
    return [marks for marks in every if "hit" not in marks or "cursor" in marks]


def show(
    view: DocumentView, sentence: int, marks: frozenset[str], *, one_word: bool = False
) -> None:
    """Lay ``marks`` on ``sentence``: the hit on its middle word, the selection from its start
    to the word after, the shared words at either end; with ``one_word`` the selection and
    the shared words all on the middle word, to see what a word under each looks like."""
    assert view.document is not None
    span = view.document.sentences[sentence]
    whole = (span.start, span.end)
    word = word_in(view.document, sentence)
    # the selection from the sentence's start to the word after the hit: the hit inside it
    after = view.document.text.find(" ", word[1] + 1, span.end)
    chosen = word if one_word else (span.start, after if after != -1 else span.end)
    terms = [word] if one_word else end_words(view.document, sentence)
    view.cursor = sentence
    view.cursor_hidden = "cursor" not in marks
    view.passage = whole if "passage" in marks else None
    view.note_spans = [whole] if "note" in marks else []
    view.selection = chosen if "selection" in marks else None
    view.match = word if "hit" in marks else None
    view.terms = terms if "term" in marks else []
    view._invalidate()


def sentences_of_each_look(view: DocumentView) -> dict[str, int]:
    """A plain sentence and one claim of each kind and certainty among the visible ones."""
    assert view.document is not None and view.marks is not None and view._layout is not None
    found: dict[str, int] = {}
    for index, sentence in enumerate(view.document.sentences):
        if view._layout.line_of_offset(sentence.end) >= view.scrollable_content_region.height:
            break
        claim = view.marks.shown(index)
        if claim is None:
            found.setdefault("plain", index)
        else:
            certainty = claim.certainty.value if claim.certainty else "-"
            unsourced = ", unsourced" if claim.unsourced else ""
            found.setdefault(f"{claim.kind}, {certainty}{unsourced}", index)
    return found


def rgb(colour: object) -> Color | None:
    """The RGB a drawn colour is measured in (a palette number as Rich rounds back to it),
    None for the terminal's own default (an ANSI theme's: not measured)."""
    if isinstance(colour, int):
        return Color(*STANDARD_PALETTE[colour])
    if isinstance(colour, tuple) and len(colour) == 3 and isinstance(colour[0], int):
        return Color(*colour)
    return None


def unreadable(cells: tuple[object, ...], needed: float) -> list[str]:
    """Cells whose text has less contrast with its background than ``needed`` on the palette
    Rich rounds to (an ANSI theme's default colours are the terminal's: not measured), or none
    at all, in any theme."""
    found = []
    for cell in cells:
        fore, back = cell[:2]
        text, page = rgb(fore), rgb(back)
        if fore == back:
            found.append(f"text and background both {fore}")
        elif text is not None and page is not None:
            ratio = contrast(text, page)
            if ratio < needed - 0.01:
                found.append(f"{fore} on {back} is {ratio:.2f}, plain text {needed:.2f}")
    return found


async def marks_standing_apart(pilot: Pilot[None], system: ColorSystem | None) -> list[str]:
    """What looks like something else or does not read, for every mark, theme and focus."""
    app = pilot.app
    await wait_for(pilot, lambda: app.claims_finished_at is not None)  # type: ignore[attr-defined]
    panes = app.panes  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: all(pane.view.marks is not None for pane in panes))
    view = panes[0].view
    assert view.document is not None
    problems: list[str] = []
    for focused in (True, False):
        if not focused:
            await pilot.press("tab")
            await wait_for(pilot, lambda: not view.has_focus)
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            filters = line_filters(app)
            state = f"{theme}, {'focused' if focused else 'unfocused'}"
            unmarked: dict[str, set[object]] = {}
            for name, sentence in sentences_of_each_look(view).items():
                found = view.document.sentences[sentence]
                seen: dict[tuple[bool, tuple[object, ...]], frozenset[str]] = {}
                needed = 1.0
                # then the marks on one word, but a hit and a shared word in the selection,
                # which show as themselves there (a selection's extent shows around them)
                laid = [(m, False) for m in combinations()]
                laid += [
                    (m, True)
                    for m in combinations()
                    if "hit" not in m and not {"selection", "term"} <= m
                ]
                for marks, one_word in laid:
                    show(view, sentence, marks, one_word=one_word)
                    drawn_here = looks(view, (found.start, found.end), system, filters)
                    text = [cell for cell in drawn_here if cell[0] != "margin"]
                    if not marks:
                        unmarked[name] = set(text)
                        fore, back = (rgb(colour) for colour in text[0][:2])
                        if name == "plain" and fore is not None and back is not None:
                            needed = min(4.5, contrast(fore, back))
                    if (one_word, drawn_here) in seen:
                        problems.append(
                            f"{state}, {name}: {sorted(seen[one_word, drawn_here])} looks like "
                            f"{sorted(marks)}{' on one word' if one_word else ''}"
                        )
                    seen.setdefault((one_word, drawn_here), marks)
                    for problem in set(unreadable(tuple(text), needed)):
                        problems.append(f"{state}, {name}, {sorted(marks)}: {problem}")
            # with NO_COLOR a claim's kind is its letter in the margin, and its text is grey
            for one, other in itertools.combinations(sorted(unmarked) * (not app.no_color), 2):
                if unmarked[one] == unmarked[other]:
                    problems.append(f"{state}: a {one} sentence looks like a {other} one")
    return problems


async def test_every_mark_and_every_kind_stands_apart_on_sixteen_colours(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each mark alone and laid over others, on a plain sentence and on claims, in every
    built-in theme: in nord a search hit inside the selection looked like more of the selection
    (both bold and underlined on the same grey), and tints rounded to light grey under white
    text (2.3:1) or to cyan under grey (1.2:1 in atom-one-dark); the words a matched passage
    shares were bold and underlined like a selection."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM")
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        assert app.console.color_system == "standard"
        problems = await marks_standing_apart(pilot, SYSTEM)
        assert not problems, "\n".join(problems)


NO_COLOR_TERMINALS = {"truecolor": ("xterm-256color", None), "16 colours": ("xterm", SYSTEM)}


@pytest.mark.parametrize("terminal", sorted(NO_COLOR_TERMINALS))
async def test_every_mark_stands_apart_and_reads_with_no_color(
    terminal: str, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR as the terminal shows it, after Textual's filter turned every colour grey:
    the tints' greys were never made to read (atom-one-dark's text on the passage 2.6:1, the
    reversed cursor on it 2.0:1), and on 16 colours some kinds' greys were the page's own
    (nord's evidence claims vanished); the shared words looked like a selection."""
    term, system = NO_COLOR_TERMINALS[terminal]
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", term)
    if system is not None:
        monkeypatch.delenv("COLORTERM")
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        problems = await marks_standing_apart(pilot, system)
        assert not problems, "\n".join(problems)


async def test_a_search_hit_inside_the_selection_shows_without_colour(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NO_COLOR (as on 16 colours) a hit and a selection were both bold and underlined,
    so a hit inside the selection could not be found: now the hit is underlined only."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.active_pane.view.document is not None)
        view = app.active_pane.view
        await pilot.press("slash", *"pivotal for mood", "enter")
        await wait_for(pilot, lambda: view.match is not None and view.has_focus)
        await pilot.press("shift+right")  # the cursor's sentence and a word more, the hit inside
        assert view.match is not None and view.selection is not None
        hit, chosen = view.match, view.selection
        assert chosen[0] < hit[0] and hit[1] < chosen[1]

        def cues(span: tuple[int, int]) -> set[object]:
            return {cell[2:] for cell in looks(view, span) if cell[0] != "margin"}

        around = cues((chosen[0], hit[0])) | cues((hit[1], chosen[1]))
        assert cues(hit).isdisjoint(around), (cues(hit), around)
