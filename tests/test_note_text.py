"""A note through the editor and back: what the user did not touch is saved as it was stored."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from textual.widgets.text_area import Document

from corpus.text import LINE_BREAK
from tui.note_text import for_editor, kept_as_written

if TYPE_CHECKING:
    from collections.abc import Callable

PLACEHOLDER = "\N{APL FUNCTIONAL SYMBOL QUAD QUESTION}"


def through_text_area(shown: str) -> str:
    """What Textual's text area gives back for ``shown`` when nothing is typed."""
    return Document(shown).text


@pytest.mark.parametrize(
    "note",
    [
        "",
        "plain",
        "one\x85two\u2028three\u2029four",
        "form\x0cfeed\x0bvertical\x1cfile\x1dgroup\x1erecord",
        "windows\r\nthen unix\nthen old mac\rend\n",
        f"a literal {PLACEHOLDER} and a real\u2028separator",
    ],
)
def test_a_note_opened_and_saved_untouched_is_unchanged(note: str) -> None:
    shown = for_editor(note)
    assert len(shown) == len(note)
    assert Document(shown).line_count == len(LINE_BREAK.split(note))  # the report's lines
    assert kept_as_written(note, through_text_area(shown)) == note


@pytest.mark.parametrize(
    ("note", "edit", "saved"),
    [
        # typing elsewhere keeps the separators and the mixed newlines
        ("a\u2028b\r\nc\nd", lambda t: t + "!", "a\u2028b\r\nc\nd!"),
        ("a\u2028b\r\nc\nd", lambda t: "> " + t, "> a\u2028b\r\nc\nd"),
        # deleting the placeholder deletes the separator
        ("a\u2028b", lambda t: t.replace(PLACEHOLDER, ""), "ab"),
        # a placeholder the user types stays that character
        ("a\u2028b", lambda t: t + PLACEHOLDER, f"a\u2028b{PLACEHOLDER}"),
        # a new line takes the text area's newline
        ("a\nb", lambda t: t.replace("b", "b\nc"), "a\nb\nc"),
        # the user's own placeholder and a stored separator are told apart
        (f"{PLACEHOLDER}x\x85y", lambda t: t.replace("x", "X"), f"{PLACEHOLDER}X\x85y"),
    ],
)
def test_an_edit_changes_only_what_was_edited(
    note: str, edit: Callable[[str], str], saved: str
) -> None:
    assert kept_as_written(note, edit(through_text_area(for_editor(note)))) == saved
