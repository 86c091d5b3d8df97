"""Finding a quoted passage: verbatim first, then allowing what copying and typing change."""

from __future__ import annotations

import unicodedata

from corpus.quotes import find_quote, plain_typography

TEXT = (
    "Kratom\u2019s role \u2014 in \u201cmood\u201d \u2014 is debated.\n"
    "Kratom's role (MDD) is unclear."
)


def test_a_verbatim_quote_gives_every_copy_and_nothing_loose() -> None:
    straight = TEXT.index("Kratom's role")
    assert straight > 0  # the curly copy at 0 is not found while a verbatim one exists
    assert find_quote(TEXT, "Kratom's role") == [(straight, straight + len("Kratom's role"))]
    assert find_quote("aaa", "aa") == [(0, 2), (1, 3)]  # overlapping copies count


def test_typed_quotes_dashes_and_wrapped_lines_find_the_document_s_own_text() -> None:
    spans = find_quote(TEXT, 'role - in "mood" - is debated. Kratom')
    assert len(spans) == 1
    start, end = spans[0]
    assert TEXT[start:end] == "role \u2014 in \u201cmood\u201d \u2014 is debated.\nKratom"


def test_a_loose_quote_can_be_ambiguous_and_says_so_by_its_count() -> None:
    wrapped = "the role of\nkratom and the role  of kratom"
    assert find_quote(wrapped, "role of kratom") == [(4, 18), (27, 42)]


def test_a_changed_word_or_case_is_not_the_same_quote() -> None:
    assert find_quote(TEXT, "kratom\u2019s role") == []
    assert find_quote(TEXT, "Kratom's part") == []


def test_regex_characters_in_a_quote_are_literal() -> None:
    where = TEXT.index("role (MDD)")
    assert find_quote(TEXT, "role  (MDD)") == [(where, where + len("role (MDD)"))]
    assert find_quote(TEXT, "role .MDD.") == []


def test_an_empty_or_blank_quote_names_nothing() -> None:
    assert find_quote(TEXT, "") == []
    assert find_quote(TEXT, " \n ") == []


def test_plain_typography_keeps_the_length_so_offsets_still_hold() -> None:
    plain = plain_typography(TEXT)
    assert len(plain) == len(TEXT)
    assert plain.startswith('Kratom\'s role - in "mood" - is debated.')


def test_unicode_spellings_of_the_same_text_name_the_same_passage() -> None:
    """é as one character or as e + a combining accent, and compatibility forms such as the
    ligature ﬁ, look the same on screen: a quote in either spelling finds the document's own
    text, whole characters included."""
    composed = "Le café naïve. La ﬁbrosis est rare; ２ cas."
    decomposed = unicodedata.normalize("NFD", composed)
    for text in (composed, decomposed):
        for quote in ("café naïve", unicodedata.normalize("NFD", "café naïve")):
            ((start, end),) = find_quote(text, quote)
            assert unicodedata.normalize("NFC", text[start:end]) == "café naïve"
    ((start, end),) = find_quote(composed, "fibrosis est")
    assert composed[start:end] == "ﬁbrosis est"
    ((start, end),) = find_quote(composed, "ibrosis")  # inside the ligature: all of it
    assert composed[start:end] == "ﬁbrosis"
    ((start, end),) = find_quote(composed, "2 cas")
    assert composed[start:end] == "２ cas"
    # an accent is still a different letter, as a changed word is a different quote
    assert find_quote(composed, "cafe naive") == []


def test_a_quote_ending_inside_a_grapheme_takes_the_whole_grapheme() -> None:
    """``👋`` typed for the document's ``👋🏽``, or ``cafe`` for a ``café`` spelt with a
    combining accent, was stored as half a character: the note's passage ended between the
    hand and its skin tone, or between the ``e`` and its accent."""
    waving = "She waved \N{WAVING HAND SIGN}\U0001f3fd at everyone."
    assert find_quote(waving, "She waved \N{WAVING HAND SIGN}") == [(0, 12)]
    decomposed = "The cafe\u0301 is open."
    assert find_quote(decomposed, "The cafe") == [(0, 9)]
    flags = "\U0001f1e9\U0001f1ea\U0001f1ef\U0001f1f5"
    assert find_quote(flags, "\U0001f1ea\U0001f1ef") == [(0, 4)]


EMAIL = (
    "On Tue, Bob wrote:\n"
    "> It was a\n"
    "> randomised trial. A dose > 5 mg\n"
    "> > was given, he said\n"
    ">\n"
    "> > and then stopped.\n"
)


def test_a_quote_read_without_an_e_mail_s_markers_finds_the_quoted_lines() -> None:
    """As the reader and ``synoptic claims`` show the sentence, and as people copy it."""
    spans = find_quote(EMAIL, "It was a randomised trial.")
    assert [EMAIL[start:end] for start, end in spans] == ["It was a\n> randomised trial."]
    nested = find_quote(EMAIL, "5 mg was given, he said and then stopped")
    assert [EMAIL[start:end] for start, end in nested] == [
        "5 mg\n> > was given, he said\n>\n> > and then stopped"
    ]


def test_a_marker_inside_a_line_is_text_a_quote_must_hold() -> None:
    assert find_quote(EMAIL, "A dose 5 mg") == []
    assert find_quote("It was a\nb > randomised", "It was a randomised") == []
