"""Character 4-grams, the neighbour bonus, the gram cache, and the matcher's quality floors."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLE_DIR, benchmark_module

from corpus.char_grams import CharGrams, _cleaned, _grams
from corpus.document import document_from_bytes, load_document
from corpus.match_terms import load_vocabulary
from corpus.passage_cache import cache_file, open_index
from corpus.passages import build_index


@pytest.fixture(scope="module")
def sample():
    return [load_document(path, path.name) for path in sorted(SAMPLE_DIR.glob("*.txt"))]


def doc(doc_id: str, text: str):
    return document_from_bytes(doc_id, text.encode(), markdown=False)


# -- grams ------------------------------------------------------------------------------------


def test_grams_stay_inside_words_and_include_the_word_edges() -> None:
    assert _cleaned("Kava, (of) a_b!") == " kava of a b "
    codes, starts = _grams(_cleaned("Kava, (of) a_b!"))
    # " kav", "kava", "ava " and " of ": nothing across a space, nothing from one-letter words
    assert starts.tolist() == [0, 1, 2, 5]
    assert len(set(codes.tolist())) == 4
    same, _ = _grams("ava ")
    assert codes[2] == same[0]


def test_unicode_spellings_of_a_word_give_the_same_grams() -> None:
    """A combining accent, a ligature or full-width letters are the word they look like."""
    assert _cleaned("Cafe\u0301 \ufb01ne ＫＡＶＡ Straße") == " café fine kava strasse "


def test_related_words_share_grams_and_unrelated_ones_do_not() -> None:
    grams = CharGrams.build(["anxiolytic herbs", "anxiety relief", "harbour ferry"])
    query = grams.vector("anxiolytic")
    alike = grams.rows.dots(np.array([1, 2]), query)
    assert alike[0] > 0.1  # " anx", "anxi" in common, though the stems differ
    assert alike[1] == 0.0
    assert grams.rows.dots(np.array([-1]), query).tolist() == [0.0]


@pytest.mark.parametrize(
    "texts",
    [
        [],
        [""],
        ["a", "", "I"],
        ["😀🧪 kava 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\x1b[31mred\x1b[0m [bold]x[/]", "\u0000\u200b"],
    ],
)
def test_any_text_gives_unit_or_empty_vectors(texts: list[str]) -> None:
    grams = CharGrams.build(texts)
    assert len(grams.rows.starts) == len(texts) + 1
    for number, text in enumerate(texts):
        row = grams.rows.dense_row(number)
        norm = float(np.linalg.norm(row))
        assert norm == pytest.approx(1.0, abs=1e-5) or norm == 0.0
        assert float(grams.vector(text) @ row) == pytest.approx(norm * norm, abs=1e-5)
    if not texts:
        assert grams.vector("kava").shape == (0,)


def test_arrays_round_trip_and_bad_arrays_are_refused() -> None:
    grams = CharGrams.build(["Kava calms.", "Ashwagandha lowers cortisol."])
    again = CharGrams.from_arrays(grams.arrays(), 2)
    assert np.array_equal(again.rows.values, grams.rows.values)
    with pytest.raises(ValueError):
        CharGrams.from_arrays(grams.arrays(), 3)  # for other passages
    broken = grams.arrays()
    broken["columns"] = broken["columns"] + len(grams.grams)
    with pytest.raises(ValueError):
        CharGrams.from_arrays(broken, 2)
    broken = grams.arrays()
    broken["values"] = broken["values"].astype(np.float64)
    with pytest.raises(ValueError):
        CharGrams.from_arrays(broken, 2)
    with pytest.raises(ValueError):
        CharGrams.from_arrays({"grams": grams.grams}, 2)


# -- the neighbour bonus ----------------------------------------------------------------------


def test_neighbours_that_agree_decide_between_equal_passages() -> None:
    query = doc(
        "a.txt",
        "Kava grows on Pacific islands. Kava root is pounded into a drink. "
        "Drinking it calms the nerves.",
    )
    other = doc(
        "b.txt",
        "Farmers sell the harvest at markets. Kava root is pounded into a drink. "
        "Tourists buy carved bowls. Kava grows on Pacific islands. "
        "Kava root is pounded into a drink. Drinking it calms the nerves.",
    )
    first, second = other.sentences[1].start, other.sentences[4].start
    text = query.sentence_text(1)
    start = query.sentences[1].start
    alone = dataclasses.replace(load_vocabulary(), context_weight=0.0)
    tie = build_index([query, other], vocabulary=alone).match("a.txt", start, start + 1, text)
    assert tie.matches[0].passage.start == first  # same text, same distance: the earlier one
    result = build_index([query, other]).match("a.txt", start, start + 1, text, per_doc=2)
    assert [m.passage.start for m in result.matches] == [second, first]
    assert result.matches[0].score <= 1.0


# -- the gram cache ---------------------------------------------------------------------------


def grams_file(workspace: Path) -> Path:
    return cache_file(workspace).with_suffix(".grams.npz")


def test_grams_are_cached_beside_the_terms_and_reused(tmp_path: Path, sample) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    first, _ = open_index(workspace, sample)
    path = grams_file(workspace)
    with np.load(path, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    # a cache for these passages is trusted: mark it, and the reopened index carries the mark
    arrays["values"] = np.full_like(arrays["values"], 0.5)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())
    again, _ = open_index(workspace, sample)
    assert (again.grams.rows.values == 0.5).all()
    # one changed document changes the key: everything is rebuilt, and the cache rewritten
    changed = [*sample[:-1], doc(sample[-1].id, "A different text entirely. With two sentences.")]
    rebuilt, _ = open_index(workspace, changed)
    assert not (rebuilt.grams.rows.values == 0.5).all()
    assert len(rebuilt.grams.rows.starts) == len(rebuilt.passages) + 1
    assert first.grams.rows.values.dtype == np.float32


def _pickled(path: Path) -> None:
    np.savez(path.open("wb"), key=np.array("x"), grams=np.array([object()], dtype=object))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.write_bytes(b"PK\x03\x04 not really a zip"),
        lambda path: path.write_bytes(path.read_bytes()[:200]),
        lambda path: path.write_bytes(b""),
        _pickled,
    ],
    ids=["not-a-zip", "truncated", "empty", "pickled-objects"],
)
def test_a_spoilt_gram_cache_is_ignored_and_rewritten(tmp_path: Path, sample, spoil) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    fresh, _ = open_index(workspace, sample)
    path = grams_file(workspace)
    spoil(path)
    index, analysed = open_index(workspace, sample)
    assert analysed == 0  # the term cache was fine; only the grams were rebuilt
    assert np.array_equal(index.grams.rows.values, fresh.grams.rows.values)
    with np.load(path, allow_pickle=False) as stored:
        assert {"key", "grams", "idf", "starts", "columns", "values"} == set(stored.files)
    text = sample[0].sentence_text(3)
    start = sample[0].sentences[3].start
    assert index.match(sample[0].id, start, start + 1, text).matches


# -- quality ----------------------------------------------------------------------------------


def test_quality_floors_on_the_tuning_and_development_groups() -> None:
    """Kava and ashwagandha articles no rule was written for: words, grams and neighbours."""
    evaluation = benchmark_module("eval_matching")
    groups = [g for g in evaluation.load_groups() if not evaluation.held_out(str(g["id"]))]
    index, texts = evaluation.sample_index()
    tuning, _ = evaluation.pooled_figures([(groups, index, texts)])
    development, _ = evaluation.pooled_figures(evaluation.development_sets())
    print(f"\nhit@1 tuning {tuning['hit_at_1']}, development {development['hit_at_1']}")
    assert development["pairs"] == 326
    assert tuning["hit_at_1"] >= 0.51
    assert development["hit_at_1"] >= 0.69
    assert development["hit_at_1_ranking"] >= 0.72
    # the synopsis's rows against the same groups, pair by pair (0.72 and 0.51 when written)
    assert development["synopsis_precision"] >= 0.68
    assert development["synopsis_recall"] >= 0.47
