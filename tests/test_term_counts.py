"""The index's compact structures give what the dicts and lists they replace gave.

Term counts are kept in flat arrays (:class:`corpus.term_counts.TermCounts`), the passages'
texts are sliced when the gram vectors read them (:class:`corpus.passages.PassageTexts`), and
the cache file is written a document at a time: each must be the old structure's equal, on
the sample, so that no score and no cache file changes.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLE_DIR

from corpus.char_grams import CharGrams
from corpus.document import load_document
from corpus.match_terms import Analyzer, load_vocabulary
from corpus.passage_cache import cache_file, open_index
from corpus.passages import PassageTexts, build_index, passages_of
from corpus.term_counts import TermCounts


@pytest.fixture(scope="module")
def sample():
    return [load_document(path, path.name) for path in sorted(SAMPLE_DIR.glob("*.txt"))]


def sample_counts(sample) -> tuple[list, list[Counter[str]]]:
    analyzer = Analyzer(load_vocabulary())
    passages = [p for document in sample for p in passages_of(document)]
    texts = {document.id: document.text for document in sample}
    return passages, [analyzer.terms(texts[p.doc_id][p.start : p.end]) for p in passages]


def test_each_passages_counts_come_back_and_terms_are_numbered_as_first_met() -> None:
    counts = TermCounts.of([{"kava": 2, "calm": 1}, {}, {"calm": 3, "sleep": 1}])
    assert len(counts) == 3
    assert list(counts) == [{"kava": 2, "calm": 1}, {}, {"calm": 3, "sleep": 1}]
    assert list(counts[2]) == ["calm", "sleep"]  # in the order given
    assert counts[-1] == counts[2]
    assert counts.term_ids == {"kava": 0, "calm": 1, "sleep": 2}
    assert counts.terms == ["kava", "calm", "sleep"]
    starts, columns, numbers = counts.arrays()
    assert starts.tolist() == [0, 2, 2, 4]
    assert columns.tolist() == [0, 1, 1, 2]
    assert numbers.tolist() == [2, 1, 3, 1]
    with pytest.raises(IndexError):
        counts[3]
    assert counts.shared(0, {1, 2}) == ["calm"]
    assert counts.shared(1, {0, 1, 2}) == []
    assert counts.shared(2, {0, 1, 2}) == ["calm", "sleep"]


def test_counts_cannot_change_under_an_index_or_hold_what_does_not_fit() -> None:
    counts = TermCounts.of([{"kava": 1}])
    held = counts.arrays()
    with pytest.raises(BufferError):
        counts.append({"calm": 1})
    del held
    with pytest.raises(ValueError, match="does not fit"):
        counts.append({"calm": 2**40})
    with pytest.raises(TypeError):
        counts.extend([{"calm": 1}, {"sleep": "two"}])  # type: ignore[list-item]
    assert list(counts) == [{"kava": 1}]  # nothing of a refused passage is kept
    assert counts.terms == ["kava"]


def test_passages_added_together_are_those_added_one_by_one(sample) -> None:
    _, counts = sample_counts(sample)
    one_by_one, together = TermCounts(), TermCounts()
    for terms in counts:
        one_by_one.append(terms)
    together.extend(counts[:10])
    together.extend([])
    together.extend(counts[10:])
    assert together.term_ids == one_by_one.term_ids
    assert [a.tolist() for a in together.arrays()] == [a.tolist() for a in one_by_one.arrays()]


def test_the_term_vectors_are_the_tf_idf_of_the_counts(sample) -> None:
    """What the index builds from the arrays is what the dicts gave: unit-length sublinear
    TF-IDF vectors over the terms numbered as first met."""
    passages, counts = sample_counts(sample)
    index = build_index(sample)
    assert [dict(c) for c in counts] == list(index.counts)
    first_met = list(dict.fromkeys(term for terms in counts for term in terms))
    assert list(index.term_ids) == first_met
    df = Counter(term for terms in counts for term in terms)
    total = len(passages)
    for number in range(0, total, 7):
        weights = {
            term: (1 + math.log(tf)) * (math.log((1 + total) / (1 + df[term])) + 1)
            for term, tf in counts[number].items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        rows = index._terms
        lo, hi = rows.starts[number], rows.starts[number + 1]
        got = dict(zip(rows.columns[lo:hi].tolist(), rows.values[lo:hi].tolist(), strict=True))
        expected = {index.term_ids[t]: w / norm for t, w in weights.items()}
        assert got == pytest.approx(expected, rel=1e-12)


def test_a_match_shares_the_terms_its_passage_and_the_query_both_have(sample) -> None:
    index = build_index(sample)
    texts = {document.id: document.text for document in sample}
    for p in index.passages[::9]:
        text = texts[p.doc_id][p.start : p.end]
        query = set(index.analyzer.terms(text))
        for match in index.match(p.doc_id, p.start, p.end, text, per_doc=3).matches:
            passage = match.passage
            theirs = set(index.analyzer.terms(texts[passage.doc_id][passage.start : passage.end]))
            assert set(match.shared) == query & theirs
            assert list(match.shared) == sorted(match.shared, key=lambda t: (-index.idf[t], t))


def test_an_index_of_arrays_matches_as_the_index_of_dicts(sample) -> None:
    """Counts given as dicts or as arrays make the same index, to the last bit."""
    index = build_index(sample)
    passages, counts = sample_counts(sample)
    again = type(index)(
        index.vocabulary, passages, counts, index.grams, index.analyzer, index.fingerprints
    )
    texts = {document.id: document.text for document in sample}
    for p in index.passages[::5]:
        text = texts[p.doc_id][p.start : p.end]
        assert again.match(p.doc_id, p.start, p.end, text, per_doc=3) == index.match(
            p.doc_id, p.start, p.end, text, per_doc=3
        )


def test_passage_texts_are_the_slices_and_give_the_same_grams(sample) -> None:
    passages, _ = sample_counts(sample)
    texts = PassageTexts(sample, passages)
    documents = {document.id: document for document in sample}
    sliced = [documents[p.doc_id].text[p.start : p.end] for p in passages]
    assert len(texts) == len(sliced)
    assert list(texts) == sliced
    assert list(texts) == sliced  # read twice, as the gram vectors do
    lazily, listed = CharGrams.build(texts).arrays(), CharGrams.build(sliced).arrays()
    assert lazily.keys() == listed.keys()
    assert all((lazily[name] == listed[name]).all() for name in listed)


def compact(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def test_the_cache_file_written_piece_by_piece_is_the_whole_dumped_at_once(
    tmp_path: Path, sample_workspace: Path
) -> None:
    documents = [load_document(path, path.name) for path in sorted(sample_workspace.iterdir())]
    path = cache_file(sample_workspace)
    open_index(sample_workspace, documents)
    written = path.read_bytes()
    first = json.loads(written)
    assert written == compact(first)
    assert list(first["documents"]) == [document.id for document in documents]
    # one document changed: the others' entries are written back as they were read
    changed = sample_workspace / documents[0].id
    changed.write_text("Kava calms the mind. It is not a magic wand.\n", encoding="utf-8")
    documents[0] = load_document(changed, documents[0].id)
    _, analysed = open_index(sample_workspace, documents)
    assert analysed == 1
    rewritten = path.read_bytes()
    second = json.loads(rewritten)
    assert rewritten == compact(second)
    assert {k: v for k, v in second.items() if k != "documents"} == {
        k: v for k, v in first.items() if k != "documents"
    }
    for document in documents[1:]:
        assert second["documents"][document.id] == first["documents"][document.id]
    assert second["documents"][documents[0].id]["sha256"] == documents[0].sha256


def test_a_reopened_index_has_the_kinds_it_is_given(sample_workspace: Path) -> None:
    """Kinds are applied to cached passages as they are read: a reopened index is the one
    built from nothing with the same kinds."""
    documents = [load_document(path, path.name) for path in sorted(sample_workspace.iterdir())]
    kinds = {
        d.id: ["efficacy" if i % 3 else None for i in range(len(d.sentences))] for d in documents
    }
    cold, _ = open_index(sample_workspace, documents)
    warm, analysed = open_index(sample_workspace, documents, kinds)
    assert analysed == 0
    assert warm.passages == build_index(documents, kinds).passages
    assert warm.passages != cold.passages


def test_a_cached_count_too_large_rebuilds_the_index(sample_workspace: Path) -> None:
    documents = [load_document(path, path.name) for path in sorted(sample_workspace.iterdir())]
    open_index(sample_workspace, documents)
    path = cache_file(sample_workspace)
    data = json.loads(path.read_text(encoding="utf-8"))
    row = data["documents"][documents[0].id]["passages"][0]
    row[5] = dict.fromkeys(row[5], 2**40)
    path.write_text(json.dumps(data), encoding="utf-8")
    index, analysed = open_index(sample_workspace, documents)
    assert analysed == len(documents)
    assert list(index.counts) == list(build_index(documents).counts)
