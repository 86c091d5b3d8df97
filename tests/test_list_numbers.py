"""Numbered lists are drawn with their own numbers, not bullets; the text and offsets stay.

A Markdown list starting at 3 read "•, •, •" in the reader, so "step 3" of a document could
not be found by its number. The number is drawn where the marker was left out of the block's
span: nothing in the text, and no offset a note anchors to, changes.
"""

from __future__ import annotations

from corpus.blocks import text_blocks
from corpus.document import document_from_bytes
from corpus.markdown_blocks import markdown_blocks
from tui.layout import layout_document

STEPS = (
    "3. Third step.\n"
    "4. Fourth step, which is long enough to wrap onto a second line.\n"
    "   - a bullet nested in four\n"
    "   1. a numbered item nested in four\n"
    "5. Fifth step.\n"
    "\n"
    "Ten more:\n"
    "\n" + "".join(f"{n}. item {n}\n" for n in range(1, 11))
)


def drawn(text: str, width: int, *, markdown: bool = True) -> list[str]:
    """The document's lines as the reader draws them: prefix and text, no separators."""
    document = document_from_bytes("steps.md", text.encode(), markdown=markdown)
    layout = layout_document(document, width)
    return [
        layout.prefix(block, first=layout.first[line])
        + layout.display[layout.starts[line] : layout.ends[line]]
        for line, block in enumerate(layout.blocks)
        if block >= 0
    ]


def test_markdown_items_keep_their_list_s_numbers() -> None:
    blocks = markdown_blocks(STEPS)
    numbered = [(STEPS[b.start : b.end], b.number, b.number_digits) for b in blocks if b.level == 0]
    assert numbered[:3] == [
        ("Third step.", 3, 1),
        ("Fourth step, which is long enough to wrap onto a second line.", 4, 1),
        ("Fifth step.", 5, 1),
    ]
    assert numbered[4:] == [(f"item {n}", n, 2) for n in range(1, 11)]
    nested = [(STEPS[b.start : b.end], b.number) for b in blocks if b.level == 1]
    assert nested == [("a bullet nested in four", None), ("a numbered item nested in four", 1)]


def test_numbered_items_are_drawn_with_numbers_hanging_their_text() -> None:
    lines = drawn(STEPS, 40)
    assert lines[:7] == [
        "3. Third step.",
        "4. Fourth step, which is long enough to",
        "   wrap onto a second line.",
        "   \N{BULLET} a bullet nested in four",
        "   1. a numbered item nested in four",
        "5. Fifth step.",
        "Ten more:",
    ]
    # items 1 to 9 are right-aligned under 10, so every item's text starts at one column
    assert lines[7] == " 1. item 1"
    assert lines[-2:] == [" 9. item 9", "10. item 10"]


def test_a_long_tenth_item_hangs_under_its_own_text() -> None:
    text = "".join(f"{n}. item\n" for n in range(1, 10)) + "10. " + "word " * 12 + "\n"
    lines = drawn(text, 30)
    tenth = lines.index(next(line for line in lines if line.startswith("10. ")))
    assert lines[tenth + 1].startswith("    word")


def test_plain_text_numbers_are_drawn_as_written() -> None:
    text = "Steps:\n1. one\n2. two\n  - sub\n10. ten\n- bullet\n"
    assert [b.number for b in text_blocks(text)] == [None, 1, 2, None, 10, None]
    assert drawn(text, 40, markdown=False) == [
        "Steps:",
        " 1. one",
        " 2. two",
        "    \N{BULLET} sub",
        "10. ten",
        "\N{BULLET} bullet",
    ]


def test_the_text_and_its_offsets_are_the_file_s() -> None:
    """Notes anchor by offset: the drawn number is not in the text, whose blocks and sentences
    start where they did, after the marker as written."""
    document = document_from_bytes("steps.md", STEPS.encode(), markdown=True)
    assert document.text == STEPS
    starts = [block.start for block in document.blocks][:3]
    assert starts == [STEPS.index("Third"), STEPS.index("Fourth"), STEPS.index("a bullet")]
    assert document.sentence_text(0) == "Third step."
