"""Claim detection: what each sentence of a document asserts, and the cues behind it."""

from __future__ import annotations

import functools

import pytest
from conftest import SAMPLE_DIR, SAMPLE_IDS, benchmark_module

from corpus.claim_rules import ClaimRules, load_rules
from corpus.claims import (
    Assessment,
    Certainty,
    ClaimOverride,
    Role,
    assess_document,
    detect_claims,
)
from corpus.document import document_from_bytes, load_document
from corpus.model import BlockKind, Document


@pytest.fixture(scope="module")
def rules() -> ClaimRules:
    loaded, errors = load_rules()
    assert errors == []
    return loaded


@pytest.fixture(scope="module")
def labels(rules) -> set[str]:
    return {kind.label for kind in rules.kinds}


@pytest.fixture(scope="module")
def sample() -> dict[str, Document]:
    return {doc_id: load_document(SAMPLE_DIR / doc_id, doc_id) for doc_id in SAMPLE_IDS}


@pytest.fixture(scope="module")
def assessed(sample, rules) -> dict[str, list[Assessment]]:
    return {doc_id: assess_document(document, rules) for doc_id, document in sample.items()}


def make_document(text: str, doc_id: str = "hand.txt", *, markdown: bool = False) -> Document:
    return document_from_bytes(doc_id, text.encode("utf-8"), markdown=markdown)


def find(document: Document, assessments: list[Assessment], prefix: str) -> Assessment:
    """The assessment of the one sentence of ``document`` that starts with ``prefix``."""
    hits = [a for a in assessments if document.text[a.start : a.end].startswith(prefix)]
    assert len(hits) == 1, f"{len(hits)} sentences start with {prefix!r}"
    return hits[0]


def assert_cues_are_exact(document: Document, assessment: Assessment) -> None:
    for cue in assessment.cues:
        assert cue.text == document.text[cue.start : cue.end]
        assert assessment.start <= cue.start < cue.end <= assessment.end, cue


# --- the shape of every assessment -------------------------------------------------------------


@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_every_sentence_gets_one_assessment_with_its_span(doc_id, sample, assessed) -> None:
    document = sample[doc_id]
    assessments = assessed[doc_id]
    assert [(a.start, a.end) for a in assessments] == [(s.start, s.end) for s in document.sentences]
    assert [a.sentence for a in assessments] == list(range(len(document.sentences)))
    assert {a.doc_id for a in assessments} == {doc_id}
    assert not any(a.overridden for a in assessments)


@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_claims_carry_a_kind_a_certainty_and_exact_cues(doc_id, sample, assessed, labels) -> None:
    document = sample[doc_id]
    roles = {a.role for a in assessed[doc_id]}
    assert roles <= {Role.CLAIM, Role.ADVICE, Role.OTHER}
    assert Role.CLAIM in roles
    for assessment in assessed[doc_id]:
        assert assessment.reason
        assert_cues_are_exact(document, assessment)
        if assessment.is_claim:
            assert assessment.kind in labels
            assert assessment.certainty in (Certainty.HEDGED, Certainty.ASSERTIVE)
            assert assessment.cues
            kind_cues = [c for c in assessment.cues if c.group == assessment.kind]
            assert kind_cues, "a claim's kind is backed by at least one cue of that kind"
        else:
            assert assessment.kind is None
            assert assessment.certainty is None
            assert assessment.unsourced is False
        if assessment.role is Role.ADVICE:
            assert any(c.group == "advice" for c in assessment.cues)


def test_sample_has_all_three_roles(assessed) -> None:
    roles = [a.role for assessments in assessed.values() for a in assessments]
    assert roles.count(Role.CLAIM) > roles.count(Role.ADVICE) > 0
    assert roles.count(Role.OTHER) > 0


@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_headings_and_contents_lists_are_not_claims(doc_id, sample, assessed) -> None:
    document = sample[doc_id]
    headings = list_items = 0
    for assessment in assessed[doc_id]:
        kind = document.blocks[document.sentences[assessment.sentence].block].kind
        if kind is BlockKind.HEADING:
            headings += 1
            assert assessment.role is Role.OTHER
            assert assessment.reason == "a heading"
        elif kind is BlockKind.LIST_ITEM:
            list_items += 1
            assert assessment.role is Role.OTHER
            assert assessment.reason == "a list item that reads as a heading"
    assert headings >= 1
    # Four of the five articles open with a table of contents (a list of the headings).
    if not doc_id.startswith("003"):
        assert list_items >= 3


def test_a_contents_entry_that_names_a_claim_is_still_not_one(sample, assessed, rules) -> None:
    doc_id = SAMPLE_IDS[0]
    document = sample[doc_id]
    prefix = "The Science Behind Kratom's Effects on Neurotransmitters and How It Can Alleviate"
    entries = [a for a in assessed[doc_id] if document.text[a.start : a.end].startswith(prefix)]
    kinds = [document.blocks[document.sentences[a.sentence].block].kind for a in entries]
    assert kinds == [BlockKind.LIST_ITEM, BlockKind.HEADING]
    assert [a.role for a in entries] == [Role.OTHER, Role.OTHER]
    # The same words as a sentence of prose are a claim: it is the block that decides.
    prose = document.text[entries[0].start : entries[0].end] + "."
    (alone,) = assess_document(make_document(prose), rules)
    assert alone.role is Role.CLAIM


# --- particular sentences of the sample --------------------------------------------------------


def test_text_about_the_article_itself_is_not_a_claim(sample, assessed) -> None:
    doc_id = SAMPLE_IDS[0]
    found = find(sample[doc_id], assessed[doc_id], "This article sheds light")
    assert found.role is Role.OTHER
    assert found.reason == "text about the article itself"
    assert [(c.group, c.text) for c in found.cues] == [("meta", "This article")]


def test_consult_healthcare_professionals_is_advice(sample, assessed) -> None:
    doc_id = SAMPLE_IDS[0]
    found = find(sample[doc_id], assessed[doc_id], "Therefore, individuals interested in kratom")
    assert "should consult healthcare professionals" in sample[doc_id].text[found.start : found.end]
    assert found.role is Role.ADVICE
    assert found.kind is None
    assert {c.text for c in found.cues} >= {"should", "consult"}


def test_fda_warning_is_a_sourced_legal_claim(sample, assessed) -> None:
    doc_id = SAMPLE_IDS[1]
    found = find(
        sample[doc_id],
        assessed[doc_id],
        "The U.S. Food and Drug Administration (FDA) has issued warnings",
    )
    assert found.role is Role.CLAIM
    assert found.kind == "legal"
    assert found.unsourced is False
    assert ("source", "FDA") in {(c.group, c.text) for c in found.cues}


def test_early_research_suggests_is_unsourced_and_hedged(sample, assessed) -> None:
    doc_id = SAMPLE_IDS[4]
    found = find(sample[doc_id], assessed[doc_id], "Early research suggests")
    assert found.role is Role.CLAIM
    assert found.unsourced is True
    assert found.certainty is Certainty.HEDGED
    groups = {c.group for c in found.cues}
    assert {"unsourced", "hedge"} <= groups
    assert "source" not in groups


# --- hand-made sentences -----------------------------------------------------------------------

HAND_MADE = {
    # sentence: "advice", "other", or "KIND CERTAINTY [unsourced]" for a claim
    "Kratom is a tropical tree native to Southeast Asia.": "background assertive",
    "Regular use can lead to dependence and withdrawal symptoms.": "safety assertive",
    "Studies suggest it may relieve pain.": "efficacy hedged unsourced",
    "A 2019 study by Smith et al. (2019) found it may relieve pain.": "efficacy hedged",
    "Kratom relieves chronic pain in most users.": "efficacy assertive",
    "Mitragynine binds to mu-opioid receptors in the brain.": "mechanism assertive",
    "Kratom is banned in several countries and listed as a controlled substance.": (
        "legal assertive"
    ),
    "Clinical trials on kratom have not yet been completed.": "evidence assertive",
    "Research shows that kratom reduces anxiety in adults.": "efficacy assertive unsourced",
    "Experts say kratom can cause liver damage in rare cases.": "safety assertive unsourced",
    "Kratom causes seizures in some people who take high doses.": "safety assertive",
    "You should consult healthcare professionals before using kratom.": "advice",
    "This article sheds light on the role of kratom in mood.": "other",
    "The weather in Bangkok was pleasant during the entire week.": "other",
    "Kratom may help.": "other",
    # general rules, found on the development articles (kava, ashwagandha)
    "Kava is made from the root of Piper methysticum, a shrub of the Pacific.": (
        "background assertive"
    ),
    "Stress management is a crucial aspect of overall well-being.": "other",
    "So what does the science actually say about kava?": "other",
    "Kava has been linked to liver injury, so any jaundice should be reported to a doctor.": (
        "safety assertive"
    ),
    "You should not drive after using it, and it may interact with sedatives.": (
        "mechanism hedged"
    ),
    "It is important to remember that this evidence comes from animal studies.": (
        "evidence assertive"
    ),
    "Patients considering kava should do so under the guidance of a physician.": "advice",
    "We then examine the clinical research before looking at risks and dosage.": "other",
    "Browse our collection of teas and sign up for our newsletter today.": "other",
    "Choose products made from the peeled root and buy from tested vendors.": "advice",
}


@pytest.mark.parametrize(("text", "expected"), HAND_MADE.items(), ids=list(HAND_MADE))
def test_hand_made_sentences(text: str, expected: str, rules) -> None:
    document = make_document(text)
    (found,) = assess_document(document, rules)
    if found.is_claim:
        verdict = f"{found.kind} {found.certainty}" + (" unsourced" if found.unsourced else "")
    else:
        verdict = found.role.value
    assert verdict == expected, found.reason
    assert_cues_are_exact(document, found)
    assert detect_claims(document, rules) == ([found] if expected != "other" else [])


def test_a_named_source_makes_an_appeal_sourced(rules) -> None:
    unnamed = make_document("Studies suggest it may relieve pain.")
    named = make_document("Studies published in the Journal of Pain suggest it may relieve pain.")
    assert assess_document(unnamed, rules)[0].unsourced is True
    (found,) = assess_document(named, rules)
    assert found.is_claim
    assert found.unsourced is False
    assert any(c.group == "source" for c in found.cues)


def test_a_sentence_is_judged_on_its_own_words_not_its_neighbours(rules) -> None:
    # A cue pattern that spans "approach ... caution" must not run into the next sentence and
    # swallow its cues.
    alone = assess_document(make_document("Consult a doctor with caution before you start."), rules)
    after = assess_document(
        make_document(
            "Many users approach it daily. Consult a doctor with caution before you start."
        ),
        rules,
    )
    assert alone[0].role is Role.ADVICE
    assert after[1].role is Role.ADVICE
    assert [c.text for c in after[1].cues] == [c.text for c in alone[0].cues]


@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_paragraph_sentences_get_the_same_verdict_alone(doc_id, sample, assessed, rules) -> None:
    document = sample[doc_id]
    for assessment in assessed[doc_id]:
        if document.blocks[document.sentences[assessment.sentence].block].kind is not (
            BlockKind.PARAGRAPH
        ):
            continue
        text = document.text[assessment.start : assessment.end]
        (alone,) = assess_document(make_document(text), rules)
        shift = assessment.start
        assert (alone.role, alone.kind, alone.certainty, alone.unsourced) == (
            assessment.role,
            assessment.kind,
            assessment.certainty,
            assessment.unsourced,
        ), text
        assert [(c.group, c.text, c.start + shift) for c in alone.cues] == [
            (c.group, c.text, c.start) for c in assessment.cues
        ], text


# --- the user's marks --------------------------------------------------------------------------

MARKED = (
    "Kratom leaf is chewed by farm workers in the afternoon heat. "
    "Kratom relieves chronic pain in most users. "
    "Kratom causes seizures in some people who take high doses."
)


@pytest.fixture
def marked() -> Document:
    return make_document(MARKED, "marked.txt")


def mark(document: Document, index: int, is_claim: bool, doc_id: str | None = None):
    sentence = document.sentences[index]
    return ClaimOverride(doc_id or document.id, sentence.start, sentence.end, is_claim)


def test_marking_a_sentence_a_claim(marked, rules) -> None:
    before = assess_document(marked, rules)
    assert [a.role for a in before] == [Role.OTHER, Role.CLAIM, Role.CLAIM]
    after = assess_document(marked, rules, [mark(marked, 0, True)])
    assert after[0].role is Role.CLAIM
    assert after[0].is_claim
    assert after[0].overridden is True
    assert "you" in after[0].reason
    assert after[0].kind in {kind.label for kind in rules.kinds}
    assert after[0].certainty is Certainty.ASSERTIVE
    assert after[1:] == before[1:]
    assert [a.start for a in detect_claims(marked, rules, [mark(marked, 0, True)])] == [
        a.start for a in after
    ]


def test_marking_a_claim_not_a_claim_removes_it(marked, rules) -> None:
    claim = assess_document(marked, rules)[1]
    overrides = [mark(marked, 1, False)]
    after = assess_document(marked, rules, overrides)
    assert after[1].role is Role.OTHER
    assert after[1].kind is None
    assert after[1].certainty is None
    assert after[1].overridden is True
    assert "you" in after[1].reason
    assert after[1].cues == claim.cues  # kept for the "why" view
    detected = detect_claims(marked, rules, overrides)
    assert [a.start for a in detected] == [marked.sentences[2].start]


def test_a_mark_inside_a_sentence_finds_it(marked, rules) -> None:
    sentence = marked.sentences[1]
    inside = ClaimOverride(marked.id, sentence.start + 7, sentence.start + 15, False)
    assert assess_document(marked, rules, [inside])[1].role is Role.OTHER


def test_the_later_mark_wins(marked, rules) -> None:
    no_then_yes = [mark(marked, 1, False), mark(marked, 1, True)]
    yes_then_no = [mark(marked, 1, True), mark(marked, 1, False)]
    assert assess_document(marked, rules, no_then_yes)[1].role is Role.CLAIM
    assert assess_document(marked, rules, no_then_yes)[1].overridden is True
    assert assess_document(marked, rules, yes_then_no)[1].role is Role.OTHER


def test_a_mark_on_another_document_is_ignored(marked, rules) -> None:
    before = assess_document(marked, rules)
    overrides = [mark(marked, 1, False, doc_id="other.txt"), mark(marked, 0, True, "other.txt")]
    assert assess_document(marked, rules, overrides) == before


# --- quality floor -----------------------------------------------------------------------------


@functools.cache
def _eval_claims():
    """benchmarks/eval_claims.py."""
    return benchmark_module("eval_claims")


def test_labels_match_the_sample_text() -> None:
    evaluation = _eval_claims()
    labels = evaluation.load_labels()
    assert len(labels) == 210
    texts = {doc_id: (SAMPLE_DIR / doc_id).read_text(encoding="utf-8") for doc_id in SAMPLE_IDS}
    for label in labels:
        assert texts[label["doc"]][label["start"] : label["end"]] == label["text"]
        assert label["label"] in ("claim", "advice", "other")


def test_quality_floor_on_the_labelled_sample() -> None:
    evaluation = _eval_claims()
    labels = evaluation.load_labels()
    found = evaluation.predict()
    held_out = [label for label in labels if label["doc"] in evaluation.HELD_OUT]
    tuning = [label for label in labels if label["doc"] not in evaluation.HELD_OUT]
    assert len(held_out) + len(tuning) == len(labels) and held_out and tuning
    held_out_scores = evaluation.score(held_out, found)
    tuning_scores = evaluation.score(tuning, found)
    print(f"\nclaim F1: held-out {held_out_scores.f1:.3f}, tuning {tuning_scores.f1:.3f}")
    print(f"held-out: {held_out_scores}")
    print(f"tuning: {tuning_scores}")
    assert held_out_scores.f1 >= 0.88
    assert tuning_scores.f1 >= 0.90


def test_quality_floor_on_the_development_articles() -> None:
    """Rules that only knew kratom would fail here: the articles are on kava and ashwagandha."""
    evaluation = _eval_claims()
    labels = evaluation.load_labels(evaluation.DEV_LABELS)
    assert len(labels) == 300
    texts = {p.name: p.read_text(encoding="utf-8") for p in evaluation.DEV_ARTICLES.glob("*.txt")}
    assert all(texts[x["doc"]][x["start"] : x["end"]] == x["text"] for x in labels)
    scores = evaluation.score(labels, evaluation.predict())
    print(f"\nclaim F1 on the development articles: {scores.f1:.3f}")
    assert scores.f1 >= 0.93


# --- hostile text ------------------------------------------------------------------------------

HOSTILE = (
    "[bold red]Kratom[/] may relieve pain in \x1b[31mmost\x1b[0m users, studies suggest. "
    "The \x1b]0;pwned\x07FDA has [link=https://example.invalid]banned[/link] kratom imports. "
    "Kratom causes seizures in some people \x1b[2J\x1b[H who take high doses.\n\n"
    "[red]You should consult a doctor before use.[/red]\n"
)


def test_hostile_text_is_assessed_and_cues_are_exact(rules) -> None:
    document = make_document(HOSTILE, "evil.txt")
    assessments = assess_document(document, rules)
    assert len(assessments) == len(document.sentences) >= 3
    for assessment in assessments:
        assert_cues_are_exact(document, assessment)
    claims = [a for a in assessments if a.is_claim]
    assert len(claims) >= 2
    assert all(a.cues for a in claims)
    texts = {c.text for a in assessments for c in a.cues}
    assert {"relieve", "FDA", "seizures"} <= texts
    assert detect_claims(document, rules)
