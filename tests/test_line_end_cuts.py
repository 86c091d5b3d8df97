"""A word cut at a line end in a hard-wrapped text (``depres-`` then ``sion``) is the word it
is wherever the document is read: drawn without a space after its hyphen, one term for
matching, and found by a quote typed without the break. Search already found it so (see
tests/test_search_line_breaks.py); the same rule decides everywhere."""

from __future__ import annotations

from rich.cells import cell_len

from corpus.document import document_from_bytes
from corpus.match_terms import Analyzer, load_vocabulary
from corpus.quotes import find_quote
from tui.layout import display_text, layout_document

BOOK = (
    "Of the causes of melancholy there are many opinions. Some hold that idleness and\n"
    "solitude are the chief causes of the depres-\n"
    "sion of the spirits which so many suffer. A well-\n"
    "known remedy is a walk, and pages 12-\n"
    "14 say so.\n"
)


def _drawn(text: str, width: int = 1000) -> list[str]:
    document = document_from_bytes("book.txt", text.encode(), markdown=False)
    layout = layout_document(document, width)
    return [layout.display[s:e] for s, e in zip(layout.starts, layout.ends, strict=True)]


def test_a_cut_word_is_drawn_whole_with_its_hyphen() -> None:
    """It was drawn ``depres- sion``; a hyphen before a digit (``12-`` ``14``) is no cut."""
    document = document_from_bytes("book.txt", BOOK.encode(), markdown=False)
    display = display_text(document)
    assert len(display) == len(BOOK)  # offsets are the file's
    line = next(line for line in _drawn(BOOK) if "causes of the" in line)
    assert cell_len(line) == len(line.replace("\N{WORD JOINER}", ""))
    shown = line.replace("\N{WORD JOINER}", "")
    assert "the depres-sion of the spirits" in shown
    assert "well-known remedy" in shown
    assert "pages 12- 14 say so" in shown


def test_a_cut_word_is_drawn_whole_after_the_next_lines_indentation() -> None:
    text = "It eases the depres-\n    sion of the spirits.\n"
    shown = "".join(_drawn(text)).replace("\N{WORD JOINER}", "")
    assert shown == "It eases the depres-sion of the spirits."


def test_a_code_block_keeps_its_line_breaks_and_indentation() -> None:
    text = "Some prose here.\n\n```\nx = a-\n    b\n```\n"
    document = document_from_bytes("code.md", text.encode(), markdown=True)
    assert "\N{WORD JOINER}" not in display_text(document)


def test_a_cut_word_is_one_term_for_matching() -> None:
    analyzer = Analyzer(load_vocabulary())
    whole = analyzer.terms("the depression of the spirits")
    words = list(analyzer.words(BOOK))
    found = {term: BOOK[start:end] for term, start, end in words}
    assert found[next(iter(analyzer.terms("depression")))] == "depres-\nsion"
    assert set(whole) <= set(found)
    assert "sion" not in found and analyzer.term("depres") not in found


def test_a_cut_hyphenated_word_still_gives_its_parts() -> None:
    analyzer = Analyzer(load_vocabulary())
    text = "they self-re-\nported it"
    found = {term: text[start:end] for term, start, end in analyzer.words(text)}
    assert found[analyzer.term("reported")] == "re-\nported"
    assert found[analyzer.term("self")] == "self"


def test_a_quote_typed_without_the_break_finds_the_cut_word() -> None:
    for quote in ("depression of the spirits", "depres-sion of the spirits"):
        spans = find_quote(BOOK, quote)
        assert [BOOK[s:e] for s, e in spans] == ["depres-\nsion of the spirits"], quote
    assert find_quote(BOOK, "depresion of the spirits") == []
