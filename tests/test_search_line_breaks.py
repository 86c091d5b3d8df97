"""Search in hard-wrapped text: a phrase across a line break, and a word hyphenated at the end
of a line (``depres-`` then ``sion``), are found as a reader sees them, with the document's
own span highlighted."""

from __future__ import annotations

import pytest

from corpus.document import document_from_bytes
from corpus.search import search, search_documents

WRAPPED = (
    "Of the causes of melancholy there are many opinions. Idleness and solitude\n"
    "are the chief causes of the depres-\n"
    "sion of the spirits. St. John's wort is the most re-\n"
    "   nowned herb. A well-\n"
    "known remedy is COVID-\n"
    "19 free.\n"
)


def found(query: str) -> list[str]:
    document = document_from_bytes("book.txt", WRAPPED.encode(), markdown=False)
    hits, _ = search_documents([document], query)
    return [WRAPPED[hit.start : hit.end] for hit in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("depression", ["depres-\nsion"]),
        ("Depression of the spirits", ["depres-\nsion of the spirits"]),
        ("renowned", ["re-\n   nowned"]),  # the next line indented
        ("solitude are the chief", ["solitude\nare the chief"]),
        ("depres", ["depres"]),  # what the line holds is still found as it is
    ],
)
def test_a_word_cut_at_a_line_end_is_found_whole(query: str, expected: list[str]) -> None:
    assert found(query) == expected


def test_a_hyphen_before_a_number_is_no_word_cut() -> None:
    assert found("COVID19") == []
    assert found("COVID-") == ["COVID-"]


def test_other_forms_of_a_cut_word_are_found_in_its_sentence() -> None:
    document = document_from_bytes("book.txt", WRAPPED.encode(), markdown=False)
    results = search([document], "depressions spirit")
    assert [WRAPPED[start:end] for hit in results.word_forms for start, end in hit.words] == [
        "depres-\nsion",
        "spirits",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("well-known", "well-\nknown"),
        ("wellknown", "well-\nknown"),
        ("well\u2010known", "well-\nknown"),
        ("A well-known remedy", "A well-\nknown remedy"),
    ],
)
def test_a_compound_cut_at_its_own_hyphen_is_found_with_or_without_it(
    query: str, expected: str
) -> None:
    """``well-`` then ``known`` is the word ``well-known``: typed as written, it is found, as
    its joined spelling (how search reads a word cut at a line end) always was."""
    assert found(query) == [expected]


def test_a_hyphen_typed_may_be_missing_only_between_letters() -> None:
    document = document_from_bytes("a.txt", b"A wellknown fact. COVID19 data.\n", markdown=False)
    hits, _ = search_documents([document], "well-known")
    assert len(hits) == 1
    assert search_documents([document], "COVID-19")[0] == []


def test_a_phrase_quoted_over_e_mail_lines_is_found_without_the_markers() -> None:
    text = "Hi,\n\n> It was a\n> randomised trial of kratom.\n\nThanks\n"
    document = document_from_bytes("mail.txt", text.encode(), markdown=False)
    hits, _ = search_documents([document], "a randomised trial")
    assert [text[hit.start : hit.end] for hit in hits] == ["a\n> randomised trial"]
