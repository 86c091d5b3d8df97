"""Sentences of the documents students actually have: research prose full of abbreviations,
and e-mails with ``> `` quoted lines. Every span must still index the file's text exactly."""

from __future__ import annotations

import pytest

from corpus.document import SEGMENTATION_VERSION, document_from_bytes
from corpus.model import Document
from tests.test_corpus_segmentation import assert_invariants


def sentences_of(text: str) -> list[str]:
    document = plain(text)
    return [document.text[s.start : s.end] for s in document.sentences]


def plain(text: str) -> Document:
    return document_from_bytes("notes.txt", text.encode(), markdown=False)


@pytest.mark.parametrize(
    "sentence",
    [
        "The dose was approx. 5 mg/kg in adults.",
        "It took approx. two weeks to work.",
        "Side effects incl. nausea were common.",
        "As shown in Figs. 2 and 3 the rate rises.",
        "As shown in Eq. 4 the rate rises.",
        "As shown in Suppl. Table 2 the rate rises.",
        "Data from vol. 3 were used here.",
        "See Sect. 3 for the method.",
        "The max. dose was 10 mg daily.",
        "The avg. score was 3.2 points.",
        "It was est. 5 million users.",
        "Mean age was 34 yrs. in this group.",
    ],
)
def test_a_sentence_does_not_end_after_an_abbreviation(sentence: str) -> None:
    text = f"Notes\n\nFirst sentence here. {sentence} Last sentence here.\n"
    assert sentences_of(text)[1:] == ["First sentence here.", sentence, "Last sentence here."]


def test_an_abbreviation_that_can_end_a_sentence_still_does() -> None:
    text = "Notes\n\nThe participants were aged 18-65 yrs. They were recruited in Jan. 2020.\n"
    assert sentences_of(text)[1:] == [
        "The participants were aged 18-65 yrs.",
        "They were recruited in Jan. 2020.",
    ]


def test_a_hard_wrapped_paragraph_with_abbreviations_keeps_exact_offsets() -> None:
    text = (
        "Methods\n\nDr. Smith et al. found that kratom relieves pain in approx.\n"
        "60% of users [12]. The dose was approx. 5 mg/kg, e.g. in the U.S.\n"
        "trials (Smith et al., 2019). Results are in Fig. 2.\n"
    )
    document = plain(text)
    assert sentences_of(text)[1:] == [
        "Dr. Smith et al. found that kratom relieves pain in approx.\n60% of users [12].",
        "The dose was approx. 5 mg/kg, e.g. in the U.S.\ntrials (Smith et al., 2019).",
        "Results are in Fig. 2.",
    ]
    assert_invariants(document)


def test_the_segmentation_version_says_sentences_are_cut_otherwise() -> None:
    # Cached passages and claims of version 3 hold "approx." as a sentence of its own.
    assert SEGMENTATION_VERSION >= 4


EMAIL = """\
Hi Bob,

> On Tue, 3 Mar 2020, Bob wrote:
> The study shows that kratom improves mood. It was a
> randomised trial.
>
> > Carol wrote:
> > Kratom may cause dependence.

I am not convinced.
"""


def test_sentences_of_an_emails_quoted_lines_start_after_the_markers() -> None:
    document = plain(EMAIL)
    texts = sentences_of(EMAIL)
    assert texts == [
        "Hi Bob,",
        "On Tue, 3 Mar 2020, Bob wrote:\n> The study shows that kratom improves mood.",
        "It was a\n> randomised trial.",
        "Carol wrote:\n> > Kratom may cause dependence.",
        "I am not convinced.",
    ]
    assert_invariants(document)
