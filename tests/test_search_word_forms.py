"""Search beyond the phrase typed: the sentences that have its words in other forms.

A journalist checking "kratom relieves depression" typed "relieve depression" and found
nothing, though the articles said "relieves depression" and "relieving depressive symptoms".
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from corpus.document import document_from_bytes
from corpus.model import Document
from corpus.search import search, search_documents
from corpus.synopsis import contains_all, excerpt
from corpus.word_forms import analyzer

TEXT = (
    "Kratom relieves depression in some users. "
    "Others report relieving depressive symptoms within days. "
    "Relief from depression is also claimed. "
    "Depression is common. "
    "It relieves pain."
)


def document(text: str = TEXT, name: str = "doc.txt") -> Document:
    return document_from_bytes(name, text.encode(), markdown=False)


def words_of(text: str, query: str) -> list[list[str]]:
    """The words lit up in each word-form hit."""
    results = search([document(text)], query)
    return [[text[start:end] for start, end in hit.words] for hit in results.word_forms]


def test_a_phrase_not_found_gives_the_sentences_with_its_words_in_other_forms() -> None:
    doc = document()
    results = search([doc], "relieve depression")
    assert results.exact == []
    assert [hit.sentence for hit in results.word_forms] == [0, 1, 2]
    assert words_of(TEXT, "relieve depression") == [
        ["relieves", "depression"],
        ["relieving", "depressive"],
        ["Relief", "depression"],  # Lovins's "iev" -> "ief": the noun of the verb
    ]
    first = results.word_forms[0]
    assert not first.exact
    # the span runs from the first word found to the last, offsets exact
    assert TEXT[first.start : first.end] == "relieves depression"
    assert results.words == 2


def test_the_exact_hits_come_first_and_their_sentences_are_not_listed_again() -> None:
    results = search([document()], "relieves depression")
    assert [(hit.sentence, hit.exact) for hit in results.hits] == [
        (0, True),
        (1, False),
        (2, False),
    ]
    assert TEXT[results.exact[0].start : results.exact[0].end] == "relieves depression"


def test_stopwords_are_not_required_and_do_not_make_the_search_fail() -> None:
    assert words_of(TEXT, "the relief of depression")[-1] == ["Relief", "depression"]
    # "from" is in the sentence, "the" and "of" are not: neither is lit up or needed
    assert words_of(TEXT, "relief from the depression")[-1] == ["Relief", "depression"]


def test_a_query_of_stopwords_only_looks_for_the_phrase() -> None:
    results = search([document()], "the of")
    assert results.hits == [] and results.words == 0


def test_nothing_in_any_form() -> None:
    results = search([document()], "relieve anxiety")
    assert results.hits == [] and results.words == 2


def test_a_query_in_quotes_is_the_phrase_only() -> None:
    for quoted in ('"relieve depression"', "\u201crelieve depression\u201d"):
        results = search([document()], quoted)
        assert results.quoted and results.hits == []
    found = search([document()], '"relieves depression"')
    assert [hit.sentence for hit in found.hits] == [0]


def test_search_documents_is_still_the_phrase_only() -> None:
    assert search_documents([document()], "relieve depression") == ([], False)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_other_forms_are_found_with_or_without_accents_and_offsets_are_the_documents(
    form: str,
) -> None:
    """The stemmer knows English only ("crèmes" is not a form of "crème" to it), so other
    forms are compared without accents; the words lit up are the document's own."""
    text = unicodedata.normalize(
        form, "Two caf\u00e9s served cr\u00e8me. The caf\u00e9 serves cr\u00e8mes."
    )
    want = [
        [unicodedata.normalize(form, word) for word in words]
        for words in (
            ["caf\u00e9s", "served", "cr\u00e8me"],
            ["caf\u00e9", "serves", "cr\u00e8mes"],
        )
    ]
    assert words_of(text, "cafe serve creme") == want
    assert words_of(text, "caf\u00e9 serve cr\u00e8me") == want
    assert words_of(text, unicodedata.normalize("NFD", "CAF\u00c9 SERVING")) == [
        want[0][:2],
        want[1][:2],
    ]


def test_the_stemmers_exceptions_are_found_too() -> None:
    """The candidates are the words that start with the stem less its last letter, which
    "lying" does not ("lie"); it is looked for all the same."""
    text = "She lied again. He was lying about it."
    results = search([document(text)], "lie")
    assert [hit.sentence for hit in results.exact] == [0]  # "lie" is in "lied"
    assert words_of(text, "lie") == [["lying"]]


def test_every_word_of_the_sample_starts_with_its_stem_less_its_last_letter() -> None:
    """What :mod:`corpus.word_forms` finds its candidates by (but for its exceptions)."""
    stem = analyzer().stem
    for path in (Path(__file__).parents[1] / "corpus" / "sample").glob("*.txt"):
        for word in set(re.findall(r"[^\W_]+", path.read_text(encoding="utf-8").casefold())):
            found = stem(word)
            if found is not None and found not in ("die", "lie", "tie"):
                assert word.startswith(found[:-1] if len(found) > 2 else found), (word, found)


@pytest.mark.parametrize(
    ("verb", "noun"),
    [("relieve", "relief"), ("believes", "belief"), ("grieving", "grief"), ("thieves", "thief")],
)
def test_a_verb_and_its_noun_in_f_are_forms_of_one_word(verb: str, noun: str) -> None:
    """Snowball stems "relieve" "reliev" and "relief" "relief"; Lovins's stemmer recodes a
    stem's "iev" as "ief", so "relieve depression" finds "relief of depression"."""
    assert words_of(f"The {noun} of depression.", f"{verb} depression") == [[noun, "depression"]]
    assert words_of(f"They {verb} in depression.", f"{noun} depression") == [[verb, "depression"]]


def test_words_that_only_look_alike_stay_apart() -> None:
    """Only "iev" is recoded: "leave" is no form of "leaf", nor "chief" of "achieve"."""
    assert words_of("A leaf fell. The chief spoke.", "leave") == []
    assert words_of("A leaf fell. The chief spoke.", "achieve") == []


def test_limit_cuts_the_other_forms_too() -> None:
    text = "Kratom relieves depression. " * 5
    results = search([document(text)], "relieve depression", limit=3)
    assert len(results.word_forms) == 3 and results.truncated


# -- the synopsis filter ---------------------------------------------------------------------


def test_a_filter_word_passes_in_other_forms_and_as_typed() -> None:
    words = group_words_of("Kratom may help by alleviating low mood. It is also sold online.")
    assert contains_all(words, "alleviate")  # another form of the word
    assert contains_all(words, "ALLEVIATES mood")
    assert contains_all(words, "allev")  # part of a word, as typed: as before
    assert not contains_all(words, "alleviate anxiety")
    assert not contains_all(words, "the")  # a stopword passes as typed only


def test_a_filter_cell_lights_up_the_other_forms() -> None:
    text = "Kratom may help by alleviating low mood."
    line, hits = excerpt(text, "alleviate", 80)
    assert [line[start:end] for start, end in hits] == ["alleviating"]


def group_words_of(text: str) -> str:
    """A row's words as the synopsis filter reads them (case-folded, quotes made plain)."""
    return " ".join(text.split()).casefold()
