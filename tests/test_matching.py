"""The passage index and its cache: scores, explanations, thresholds, cache validity."""

from __future__ import annotations

import dataclasses
import gc
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import SAMPLE_DIR

from corpus import passage_cache
from corpus.document import document_from_bytes, load_document
from corpus.match_terms import Analyzer, load_vocabulary, shared_spans
from corpus.matching import Match
from corpus.passage_cache import cache_file, open_index
from corpus.passage_vectors import Passage
from corpus.passages import build_index, passages_of


@pytest.fixture(scope="module")
def sample():
    return [load_document(path, path.name) for path in sorted(SAMPLE_DIR.glob("*.txt"))]


def doc(doc_id: str, text: str, *, markdown: bool = False):
    return document_from_bytes(doc_id, text.encode(), markdown=markdown)


def test_the_paraphrase_from_the_issue_is_found(sample) -> None:
    index = build_index(sample)
    source = sample[2]  # 002: "Kratom, a tropical evergreen tree's extract from Southeast Asia ..."
    first = source.sentences[0]
    result = index.match(source.id, first.start, first.end, source.sentence_text(0), per_doc=1)
    assert {m.passage.doc_id for m in result.matches} | set(result.unmatched) == {
        d.id for d in sample if d.id != source.id
    }
    best = result.matches[0]
    assert best.passage.doc_id != source.id
    assert "tropic" in best.shared
    assert 0.0 <= best.score <= 1.0


def test_scores_are_in_range_sorted_and_never_from_the_query_document(sample) -> None:
    index = build_index(sample)
    for document in sample:
        for number in range(0, len(document.sentences), 7):
            sentence = document.sentences[number]
            text = document.sentence_text(number)
            result = index.match(document.id, sentence.start, sentence.end, text, per_doc=3)
            scores = [m.score for m in result.matches]
            assert scores == sorted(scores, reverse=True)
            assert all(0.0 <= s <= 1.0 for s in scores)
            assert all(m.passage.doc_id != document.id for m in result.matches)
            per_doc = {}
            for m in result.matches:
                per_doc[m.passage.doc_id] = per_doc.get(m.passage.doc_id, 0) + 1
            assert all(count <= 3 for count in per_doc.values())


def test_best_in_documents_is_the_readers_answer_without_the_explanations(sample) -> None:
    """The synopsis asks every claim this cheaper question; it must agree with ``match``."""
    index = build_index(sample)
    texts = {d.id: d.text for d in sample}
    asked = 0
    for number, passage in enumerate(index.passages):
        text = texts[passage.doc_id][passage.start : passage.end]
        result = index.match(passage.doc_id, passage.start, passage.end, text)
        documents, targets, scores = index.best_in_documents(number, text)
        found = {
            index.document_names[d]: (index.passages[t], round(s, 4))
            for d, t, s in zip(documents.tolist(), targets.tolist(), scores.tolist(), strict=True)
        }
        assert found == {m.passage.doc_id: (m.passage, m.score) for m in result.matches}
        assert set(result.unmatched).isdisjoint(found)
        asked += bool(found)
    assert asked > len(index.passages) // 2, "most sentences of the sample match somewhere"


def test_kinds_set_after_the_build_are_what_matching_and_grouping_see(sample) -> None:
    """A claim mark arrives after the index is built; the passages take the new kinds, and
    the same-kind nudge follows them, with nothing re-analysed."""
    kinds = {d.id: ["efficacy"] * len(d.sentences) for d in sample}
    index = build_index(sample, kinds)
    source, other = sample[0], sample[1]
    first = source.sentences[0]

    def scores() -> dict[tuple[str, int], float]:
        result = index.match(source.id, first.start, first.end, source.sentence_text(0), per_doc=5)
        return {(m.passage.doc_id, m.passage.start): m.score for m in result.matches}

    before = scores()
    assert not index.set_kinds(other.id, kinds[other.id])  # nothing changed
    assert index.set_kinds(other.id, ["safety"] * len(other.sentences))
    span = index.by_document[other.id]
    assert {index.passages[n].kind for n in span} == {"safety"}
    after = scores()
    lowered = [key for key in before if key[0] == other.id and key in after]
    assert lowered and all(after[key] < before[key] for key in lowered)
    assert all(
        after[key] == before[key] for key in before if key[0] not in (other.id,) and key in after
    )


def test_unrelated_text_has_no_good_match() -> None:
    index = build_index(
        [
            doc(
                "a.txt",
                "Kratom leaves contain mitragynine, an alkaloid that binds opioid receptors.",
            ),
            doc("b.txt", "The harbour ferry leaves at noon and returns before the evening tide."),
        ]
    )
    result = index.match("a.txt", 0, 10, "Mitragynine binds opioid receptors in the brain.")
    assert result.matches == []
    assert result.unmatched == ["b.txt"]


def test_shared_terms_map_back_to_the_words_of_the_passage() -> None:
    index = build_index(
        [
            doc("a.txt", "Kratom may relieve anxiety in some users."),
            doc("b.txt", "Some people say kratom alleviates their anxious feelings."),
        ]
    )
    text = "Kratom may relieve anxiety in some users."
    result = index.match("a.txt", 0, len(text), text)
    (match,) = result.matches
    assert {"kratom", "allevi", "anxieti"} <= set(
        match.shared
    )  # relieve~alleviate, anxiety~anxious
    other = "Some people say kratom alleviates their anxious feelings."
    words = [other[s:e] for s, e in shared_spans(index.analyzer, other, 0, match.shared)]
    assert words == ["kratom", "alleviates", "anxious"]


@pytest.mark.parametrize(
    ("verb", "noun"),
    [("relieve", "relief"), ("believes", "belief"), ("grieving", "grief"), ("thieves", "thief")],
)
def test_a_verb_and_its_noun_in_f_are_one_term_for_the_matcher(verb: str, noun: str) -> None:
    """Search takes "relief" for a form of "relieve" (Lovins's "iev" to "ief"); the matcher
    takes them for one term too, by the same stemmer, not only through a concept list: the
    concepts are left out here, or "relieve" and "relief" would meet as "alleviate" does."""
    analyzer = Analyzer(dataclasses.replace(load_vocabulary(), concepts={}))
    assert analyzer.term(verb) == analyzer.term(noun) is not None
    assert set(analyzer.terms(f"Many {verb} it.")) == set(analyzer.terms(f"Many {noun} it."))


def test_a_shared_belief_is_a_shared_word_of_a_match() -> None:
    index = build_index(
        [
            doc("a.txt", "Many users believe kratom is a safe remedy for chronic pain."),
            doc("b.txt", "The belief that kratom is a safe remedy is widespread among users."),
        ]
    )
    text = "Many users believe kratom is a safe remedy for chronic pain."
    (match,) = index.match("a.txt", 0, len(text), text).matches
    other = "The belief that kratom is a safe remedy is widespread among users."
    words = [other[s:e] for s, e in shared_spans(index.analyzer, other, 0, match.shared)]
    assert "belief" in words


SPELLINGS_SENTENCE = "The café owner said the leaves bring fine relief from chronic pain."
SPELLINGS = {
    "nfc.txt": SPELLINGS_SENTENCE,
    "nfd.txt": unicodedata.normalize("NFD", SPELLINGS_SENTENCE),
    "ligature.txt": SPELLINGS_SENTENCE.replace("fine", "\ufb01ne"),
    "shouted.txt": SPELLINGS_SENTENCE.upper(),
}


def test_unicode_spellings_of_one_sentence_match_as_the_same_sentence() -> None:
    """é as one character or as e + a combining accent, a ligature ﬁ, capitals: the same
    sentence to a reader, so the same score as a byte-for-byte copy, and the same words."""
    query = "Kratom is sold in smoke shops. " + SPELLINGS_SENTENCE + " Dependence is a risk."
    index = build_index(
        [
            doc("query.txt", query),
            *(
                doc(name, f"Gardens grow tomatoes. {text} Dependence is a risk.")
                for name, text in SPELLINGS.items()
            ),
        ]
    )
    start = query.index(SPELLINGS_SENTENCE)
    result = index.match("query.txt", start, start + len(SPELLINGS_SENTENCE), SPELLINGS_SENTENCE)
    by_doc = {m.passage.doc_id: m for m in result.matches}
    assert set(by_doc) == set(SPELLINGS)
    copy = by_doc["nfc.txt"]
    for name in SPELLINGS:
        assert by_doc[name].score == copy.score, name
        assert by_doc[name].shared == copy.shared, name


def test_shared_words_of_another_spelling_are_highlighted_as_whole_characters() -> None:
    """Offsets are the document's own, not the folded text's: a highlight of "café" spelled
    with a combining accent covers the accent, and "ﬁne" covers the whole ligature."""
    index = build_index([doc(name, text) for name, text in SPELLINGS.items()])
    shared = index.analyzer.terms(SPELLINGS_SENTENCE).keys()
    expected = ["café", "owner", "said", "leaves", "bring", "fine", "relief", "chronic", "pain"]
    for name, text in SPELLINGS.items():
        spans = shared_spans(index.analyzer, text, 10, shared)  # a passage at offset 10
        words = [text[s - 10 : e - 10] for s, e in spans]
        assert [unicodedata.normalize("NFKC", w).casefold() for w in words] == expected, name
    nfd = SPELLINGS["nfd.txt"]
    first = shared_spans(index.analyzer, nfd, 0, shared)[0]
    assert nfd[first[0] : first[1]] == "cafe\u0301"  # the accent too, not a bare "cafe"
    ligature = SPELLINGS["ligature.txt"]
    sixth = shared_spans(index.analyzer, ligature, 0, shared)[5]
    assert ligature[sixth[0] : sixth[1]] == "\ufb01ne"


NEIGHBOURS = ("Kratom is sold in smoke shops.", "Researchers remain cautious about dependence.")
CLAIM = "The owner said the leaves bring fine relief from chronic pain."


def around(sentence: str) -> str:
    return f"{NEIGHBOURS[0]} {sentence} {NEIGHBOURS[1]}"


def test_only_the_very_text_scores_1_and_a_near_copy_stays_below() -> None:
    """The neighbour bonus lifts a near-copy with the same neighbours past 1, where it was
    clipped to 1, the score of the very text; a fact-checker reads 1 as "identical"."""
    documents = [
        doc("query.txt", around(CLAIM)),
        doc("edited.txt", around(CLAIM.replace("chronic", "severe"))),
        doc("same.txt", around(CLAIM)),
        doc("wrapped.txt", around(CLAIM.replace("bring ", "bring\n").upper())),
    ]
    # the same claim kind, as the claim rules give them, lets a score reach the top
    index = build_index(documents, {d.id: [None, "efficacy", None] for d in documents})
    start = len(NEIGHBOURS[0]) + 1
    result = index.match("query.txt", start, start + len(CLAIM), CLAIM)
    by_doc = {m.passage.doc_id: m for m in result.matches}
    edited, same, wrapped = by_doc["edited.txt"], by_doc["same.txt"], by_doc["wrapped.txt"]
    assert not edited.identical and 0 <= edited.score < 1 and edited.shown_score <= 0.99
    assert f"{edited.shown_score:.2f}" == "0.99" and f"{edited.shown_score:.3f}" == "0.990"
    assert same.identical and same.score == same.shown_score == 1.0
    assert wrapped.identical  # case and a line break are no difference to a reader
    assert result.matches[-1] is edited  # the very text is never out-ranked by a near-copy


def test_a_near_copy_below_the_ceiling_keeps_its_exact_score() -> None:
    copy = Match(Passage("b.txt", 0, 0, 10, 0.0), 0.9957, ("kratom",))
    assert copy.score == 0.9957 and copy.shown_score == 0.99
    low = Match(Passage("b.txt", 0, 0, 10, 0.0), 0.42, ("kratom",))
    assert low.shown_score == 0.42
    assert Match(Passage("b.txt", 0, 0, 10, 0.0), 0.996, (), identical=True).shown_score == 0.996


def test_headings_are_not_passages(sample) -> None:
    index = build_index(sample)
    first = sample[0]
    heading_starts = {first.blocks[i].start for i, _ in first.headings()}
    assert not heading_starts & {p.start for p in index.passages if p.doc_id == first.id}


def test_one_shared_word_is_a_coincidence_not_a_match() -> None:
    text = "The legal status of kratom varies, and it remains a subject of regulatory scrutiny."
    index = build_index(
        [
            doc("a.txt", text),
            doc("b.txt", "Remaining files:\n\nThe harbour ferry departs at noon.\n"),
        ]
    )
    result = index.match("a.txt", 0, len(text), text)
    assert result.matches == []  # "remains" and "Remaining files:" share one stem, nothing else
    assert result.unmatched == ["b.txt"]


def test_a_passage_like_the_whole_query_document_loses_to_the_specific_one() -> None:
    query = doc(
        "a.txt",
        "Kratom relieves pain. Kratom lifts mood. Kratom causes nausea. "
        "Kratom is legal in some states.",
    )
    other = doc(
        "b.txt",
        "Kratom relieves pain, lifts mood, causes nausea and is legal in some states. "
        "Back pain sufferers say kratom relieves their aches.",
    )
    summary, specific = (other.sentences[i].start for i in (0, 1))
    text = query.sentence_text(0)
    plain = dataclasses.replace(load_vocabulary(), generic_weight=0.0)
    best = build_index([query, other], vocabulary=plain).match("a.txt", 0, len(text), text)
    assert best.matches[0].passage.start == summary  # more words in common with everything
    result = build_index([query, other]).match("a.txt", 0, len(text), text, per_doc=2)
    assert result.matches[0].passage.start == specific
    assert {"allevi", "pain"} <= set(result.matches[0].shared)
    assert all(m.score < best.matches[0].score for m in result.matches)


def test_a_table_of_contents_entry_is_not_a_passage() -> None:
    document = doc(
        "m.md",
        "# Kratom\n\n- Side effects\n- Legal status\n\n## Side effects\n\n"
        "Kratom can cause nausea.\n\n## Legal status\n\nIts legal status varies.\n",
        markdown=True,
    )
    texts = [document.text[p.start : p.end] for p in passages_of(document)]
    assert texts == ["Kratom can cause nausea.", "Its legal status varies."]
    plain_list = doc("n.md", "- Side effects\n- Legal status\n", markdown=True)
    assert len(passages_of(plain_list)) == 2  # list items are passages when no heading repeats


def test_vocabulary_file_is_readable_and_consistent() -> None:
    vocabulary = load_vocabulary()
    assert "the" in vocabulary.stopwords
    assert 0 < vocabulary.no_match_below < 1
    assert vocabulary.position_weight + vocabulary.kind_weight < 0.5
    assert 0 <= vocabulary.generic_weight <= 1
    assert vocabulary.rerank >= 1
    assert 0 < vocabulary.single_term_factor <= 1


# -- the cache --------------------------------------------------------------------------------


def test_cache_is_reused_and_only_changed_documents_are_analysed(tmp_path: Path, sample) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    first, analysed = open_index(workspace, sample)
    assert analysed == len(sample)
    assert cache_file(workspace).exists()
    again, analysed = open_index(workspace, sample)
    assert analysed == 0
    assert [p.start for p in again.passages] == [p.start for p in first.passages]
    assert again.idf == first.idf
    changed = [*sample[:-1], doc(sample[-1].id, "A different text entirely. With two sentences.")]
    _, analysed = open_index(workspace, changed)
    assert analysed == 1


def test_reading_the_index_leaves_the_cycle_collector_alone(tmp_path: Path, sample) -> None:
    """The term counts read from the cache all survive; a collector pass over them (and every
    other object of the process) would find nothing, so none runs while the index is read,
    and the collector is on again afterwards."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    open_index(workspace, sample)
    passes: list[int] = []

    def noted(phase: str, info: dict[str, int]) -> None:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code is not passage_cache._build.__code__:
            frame = frame.f_back
        if phase == "start" and frame is not None:  # a pass while the index is being read
            passes.append(info["generation"])

    threshold = gc.get_threshold()
    gc.set_threshold(1)  # a pass at every container made, as on a large workspace
    gc.callbacks.append(noted)
    try:
        _, analysed = open_index(workspace, sample)
    finally:
        gc.callbacks.remove(noted)
        gc.set_threshold(*threshold)
    assert analysed == 0
    assert passes == []
    assert gc.isenabled()


def test_building_the_index_reports_progress_per_document_then_word_pieces(
    tmp_path: Path, sample
) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    calls: list[tuple[str, int, int]] = []
    open_index(workspace, sample, progress=lambda *call: calls.append(call))
    per_document = [call for call in calls if call[0] == "passages"]
    assert per_document == [("passages", n, len(sample)) for n in range(len(sample))]
    pieces = [call for call in calls if call[0] == "word pieces"]
    assert calls == per_document + pieces
    passages = sum(len(d.sentences) for d in sample)  # headings are not passages: fewer
    assert 0 < pieces[0][2] <= 2 * passages
    assert [done for _, done, _ in pieces] == sorted({done for _, done, _ in pieces})
    assert pieces[-1][1] == pieces[-1][2]  # the build ends at its total
    calls.clear()
    open_index(workspace, sample, progress=lambda *call: calls.append(call))
    assert {stage for stage, _, _ in calls} == {"passages"}  # cached grams are not rebuilt


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\x80\x81 not text",
        json.dumps({"format": "something-else", "documents": {}}).encode(),
        json.dumps({"format": "synoptic-passage-index", "version": -1, "documents": {}}).encode(),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="nested past Python's recursion limit"),
    ],
)
def test_corrupt_or_foreign_cache_is_ignored_and_rewritten(
    tmp_path: Path, sample, content: bytes
) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    path = cache_file(workspace)
    path.write_bytes(content)
    index, analysed = open_index(workspace, sample)
    assert analysed == len(sample)
    assert len(index.passages) > 100
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "synoptic-passage-index"


def test_a_cache_with_bad_values_inside_is_rebuilt(tmp_path: Path, sample) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    open_index(workspace, sample)
    path = cache_file(workspace)
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = next(iter(data["documents"].values()))
    entry["passages"][0][5] = {"kratom": "many"}  # a count that is not a number
    path.write_text(json.dumps(data), encoding="utf-8")
    index, analysed = open_index(workspace, sample)
    assert analysed == len(sample)
    assert all(isinstance(count, int) for terms in index.counts for count in terms.values())


def test_a_cache_of_terms_from_before_unicode_folding_is_not_reused(tmp_path: Path, sample) -> None:
    """Version 3 kept terms as they were spelled: its "café" with a combining accent would
    never meet a query's "café", so such a cache is analysed again, not trusted."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    open_index(workspace, sample)
    path = cache_file(workspace)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 3
    path.write_text(json.dumps(data), encoding="utf-8")
    _, analysed = open_index(workspace, sample)
    assert analysed == len(sample)


def test_a_cached_index_still_knows_the_very_text_from_a_near_copy(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    documents = [
        doc("query.txt", around(CLAIM)),
        doc("edited.txt", around(CLAIM.replace("fine", "good"))),
        doc("same.txt", around(CLAIM)),
    ]
    start = len(NEIGHBOURS[0]) + 1
    for expected_analysed in (3, 0):  # built, then read back from the cache
        index, analysed = open_index(workspace, documents)
        assert analysed == expected_analysed
        result = index.match("query.txt", start, start + len(CLAIM), CLAIM)
        identical = {m.passage.doc_id: m.identical for m in result.matches}
        assert identical == {"same.txt": True, "edited.txt": False}
        assert max(m.score for m in result.matches if not m.identical) < 1


def test_shared_terms_of_equal_weight_come_in_one_order_on_every_run() -> None:
    """Terms as rare as each other were listed in set order, which Python's hash seed changes
    from run to run: the same query printed its shared words differently each time."""
    words = ["zebra", "mango", "quartz", "violet", "apple", "kettle", "nectar", "brick"]
    sentence = " ".join(words).capitalize() + "."
    index = build_index([doc("a.txt", sentence), doc("b.txt", sentence + " Other words here.")])
    result = index.match("a.txt", 0, len(sentence), sentence, per_doc=1)
    (best,) = result.matches
    weights = [index.idf[t] for t in best.shared]
    assert weights == sorted(weights, reverse=True)
    assert list(best.shared) == sorted(best.shared)  # all equally rare: alphabetical
    assert len(best.shared) == len(words)


def test_a_neighbour_s_likeness_is_kept_for_the_next_query_and_only_new_targets_scored(
    sample,
) -> None:
    """A sentence is the neighbour of two claims in turn: what the first worked out is kept,
    the second scores only the targets not yet known, and the numbers are those of a direct
    likeness, to the last bit."""
    import numpy as np

    index = build_index(sample)
    neighbour = 3
    every = np.arange(len(index.passages))
    direct = index._likeness(
        index._terms.dense_row(neighbour), index.grams.rows.dense_row(neighbour), every
    )
    first = index._neighbour_likeness(neighbour, np.array([10, 40, -1, 70]))
    assert first.tobytes() == np.array([direct[10], direct[40], 0.0, direct[70]]).tobytes()
    kept = index._around[neighbour]
    assert sorted(np.flatnonzero(~np.isnan(kept)).tolist()) == [10, 40, 70]
    second = index._neighbour_likeness(neighbour, np.array([40, 90]))
    assert second.tobytes() == np.array([direct[40], direct[90]]).tobytes()
    assert sorted(np.flatnonzero(~np.isnan(kept)).tolist()) == [10, 40, 70, 90]
