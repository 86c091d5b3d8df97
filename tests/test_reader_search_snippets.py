"""The search dialog's result lines in hard-wrapped text: a line break in a hit's context is a
space, as it reads, not the control picture ``␊``, and the hit lit up is still the hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from rich.text import Text
from textual.widgets import OptionList

from corpus.document import document_from_bytes
from corpus.search import search
from tui.app import SynopticApp, make_app
from tui.screens.search import SearchScreen, hit_label

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

WRAPPED = (
    "Kratom is a tropical tree.\n"
    "Users report that it relieves\n"
    "depression within days,\r\n"
    "though doctors\n\n   disagree.\n"
)


def lit(label: Text) -> list[str]:
    """The parts of ``label`` shown reversed: the hit, or each of its words."""
    return [
        label.plain[span.start : span.end] for span in label.spans if "reverse" in str(span.style)
    ]


def test_a_line_break_in_a_result_is_a_space_and_the_hit_is_still_lit() -> None:
    document = document_from_bytes("a.txt", WRAPPED.encode(), markdown=False)
    (hit,) = search([document], "relieves depression").exact
    label = hit_label(document, hit, show_doc=False)
    assert "\N{SYMBOL FOR LINE FEED}" not in label.plain
    assert "\N{SYMBOL FOR CARRIAGE RETURN}" not in label.plain
    assert lit(label) == ["relieves depression"]
    assert "tree. Users report that it relieves depression within days, though" in label.plain


def test_the_words_of_another_form_are_lit_across_a_line_break() -> None:
    document = document_from_bytes("a.txt", WRAPPED.encode(), markdown=False)
    (hit,) = search([document], "relieve depressions").word_forms
    label = hit_label(document, hit, show_doc=False)
    assert lit(label) == ["relieves", "depression"]
    assert "relieves depression" in label.plain  # one space between, not "␊"


async def test_the_dialog_lists_a_wrapped_hit_on_one_readable_line(
    make_workspace: Callable[..., Path],
) -> None:
    app = make_app(make_workspace({"a.txt": WRAPPED}), panes=1)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app, SynopticApp) and app.active_pane.doc_id)
        await pilot.press("slash", *"doctors disagree")
        search_screen = app.screen
        assert isinstance(search_screen, SearchScreen)
        await wait_for(pilot, lambda: search_screen.hits)
        prompt = search_screen.query_one(OptionList).get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        assert "\N{SYMBOL FOR LINE FEED}" not in prompt.plain
        assert lit(prompt) == ["doctors disagree"]
