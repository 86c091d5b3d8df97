"""Sentences of the documents students actually have: research prose full of abbreviations,
and e-mails with ``> `` quoted lines. Every span must still index the file's text exactly."""

from __future__ import annotations

import time

import pytest

from corpus.document import SEGMENTATION_VERSION, document_from_bytes
from corpus.model import Document
from corpus.sentences import _after_quote_markers
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


def test_an_emails_quoted_lines_are_blocks_of_their_own_read_without_markers() -> None:
    """The quote was reflowed into one paragraph with the reply, its markers inline: the claim
    read "It was a > randomised trial". A run of quoted lines is a block (as a Markdown block
    quote is), a quote within it another, the line saying who wrote it one more; a sentence
    is shown without the markers of its later lines, its offsets still the file's."""
    document = plain(EMAIL)
    texts = sentences_of(EMAIL)
    assert texts == [
        "Hi Bob,",
        "On Tue, 3 Mar 2020, Bob wrote:",
        "The study shows that kratom improves mood.",
        "It was a\n> randomised trial.",
        "Carol wrote:",
        "Kratom may cause dependence.",
        "I am not convinced.",
    ]
    shown = [document.sentence_text(i) for i in range(len(document.sentences))]
    assert shown[3] == "It was a\nrandomised trial."
    blocks = [document.sentences[i].block for i in range(len(texts))]
    assert len(set(blocks)) == 6  # the two quoted sentences share a block, nothing else does
    assert_invariants(document)


def test_a_short_first_line_of_a_quoted_sentence_is_no_heading() -> None:
    """ "> It was a" is short and has no full stop, and "> randomised trial" did not start in
    lower case with its marker before it: the quote was cut into a heading and a paragraph,
    its sentence in two, each matched and claimed alone."""
    text = "Hi Bob,\n\n> It was a\n> randomised trial of kratom in adults\n> with pain.\n"
    assert sentences_of(text) == [
        "Hi Bob,",
        "It was a\n> randomised trial of kratom in adults\n> with pain.",
    ]
    assert [block.kind.value for block in plain(text).blocks] == ["paragraph", "paragraph"]
    assert SEGMENTATION_VERSION >= 6  # caches hold the quote cut in two


SIGNED = """\
From: Alice Jones <alice@example.org>
To: Bob <bob@example.org>
Subject: Re: kratom study

Hi Bob,

I am not convinced. We need a better study.
Best, Alice
-- \nAlice Jones, PhD
Department of Pharmacology
"""


def test_an_emails_header_and_signature_are_not_sentences_and_the_subject_is_its_title() -> None:
    """The header's lines were headings, the document titled "From: Alice Jones <...>"; the
    signature was joined to the last sentence ("Best, Alice -- Alice Jones, PhD ...")."""
    document = plain(SIGNED)
    assert document.title == "Re: kratom study"
    assert sentences_of(SIGNED) == [
        "Hi Bob,",
        "I am not convinced.",
        "We need a better study.",
        "Best, Alice",
    ]
    kinds = [block.kind.value for block in document.blocks]
    assert kinds == ["code", "paragraph", "paragraph", "code"]
    signature = document.blocks[-1]
    assert document.text[signature.start : signature.end].startswith("-- \nAlice Jones")
    assert_invariants(document)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "From: Alice <a@example.org>\nTo: Bob <b@example.org>\n\nHi Bob. It works.\n",
            "Hi Bob. It works.",
        ),
        ("From the notebook\n\nTo: whom it may concern.\n", "From the notebook"),
        ("Subject: only one field\n\nBody text.\n", "Subject: only one field"),
    ],
    ids=["no-subject", "no-header", "one-field"],
)
def test_an_email_without_a_subject_is_called_by_its_first_words(text: str, title: str) -> None:
    assert plain(text).title == title


def test_a_sentence_start_is_not_looked_for_quote_markers_back_to_its_paragraphs_start() -> None:
    """Each sentence's start was checked for ``>`` markers by first searching back to its line's
    start: in a paragraph written on one line (a web page saved as text, a file without line
    breaks) that is the paragraph's start, for every sentence, so segmenting it was quadratic.
    Only a start at a ``>`` needs its line.

    A guard against that blow-up, not a benchmark: 10,000 starts near the end of a line of
    20 million characters took about 20 s when each searched back; now it is milliseconds,
    so the bound is generous for a loaded machine."""
    raw = "a" * 20_000_000
    started = time.perf_counter()
    starts = [_after_quote_markers(raw, len(raw) - 1 - i) for i in range(10_000)]
    assert time.perf_counter() - started < 2.0
    assert starts == [len(raw) - 1 - i for i in range(10_000)]
    quoted = "Hi.\n> It works."
    assert _after_quote_markers(quoted, quoted.index(">")) == quoted.index("It")
