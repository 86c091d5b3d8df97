"""Measure passage matching against the hand-labelled paraphrase groups of the sample.

``tests/data/passage_groups.json`` groups sentences of the five sample articles that state the
same claim. hit@1 counts, for every member of a group (the query) and every other document
holding a member of the same group (the target), whether the matcher's top passage in that
document belongs to the group; "no good match" counts as a miss. Two more figures come with it:
hit@1 and MRR of the ranking alone (the threshold ignored), so that a change of ranking and a
change of threshold can be told apart; MRR is less noisy than hit@1 on a few hundred pairs.

About a third of the groups are held out (chosen by a hash of their id, fixed before any
tuning); quote the held-out figure, but only once tuning is over: it is computed only when asked
for (``--held-out``), so that day-to-day runs cannot leak it into the tuning.

A development set keeps the matcher general: ``tests/data/dev`` holds seven articles of the same
genre on two other topics (four on kava, three on ashwagandha), written for this purpose by
writers who never saw the sample or the matcher, with paraphrase groups made blind by annotators
who saw neither the matcher nor its output. Each topic is indexed as a workspace of its own. It
may be tuned on, like the tuning groups.

With ``--held-out``, the blind paraphrase groups of the whole sample
(``tests/data/dev/sample_passage_groups_blind.json``, made by an annotator who saw neither our
groups nor the matcher) are scored as well: a check on our own labels, for reporting only.

The threshold's other side is measured too: the sample is indexed together with unrelated
documents (this machine's ``/usr/share/doc/*/copyright`` files, up to 60, when there are any),
every sample sentence is matched, and "false matches" is the share of (sentence, unrelated
document) pairs that get a match instead of "no good match".

The claim synopsis, built on the matcher, is scored against the same groups, pair by pair:
over pairs of claim sentences of two documents that are both members of some group,
"precision" is the share of the pairs the synopsis puts in one row that a person grouped as
well, and "recall" the share of a person's pairs that share a row. A row holds one passage
per document, so a claim that a document makes twice caps the recall below 1.

Run: ``.venv/bin/python benchmarks/eval_matching.py [--json] [--errors] [--held-out]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.claim_rules import load_rules  # noqa: E402
from corpus.claims import assess_document  # noqa: E402
from corpus.document import document_from_bytes, load_document  # noqa: E402
from corpus.matching import Match, PassageIndex  # noqa: E402, TC001
from corpus.model import Document  # noqa: E402, TC001
from corpus.passages import build_index  # noqa: E402
from corpus.synopsis import build_synopsis  # noqa: E402

GROUPS = ROOT / "tests" / "data" / "passage_groups.json"
SAMPLE = ROOT / "corpus" / "sample"
DEV = ROOT / "tests" / "data" / "dev"
BLIND_GROUPS = DEV / "sample_passage_groups_blind.json"
UNRELATED_GLOB = "/usr/share/doc/*/copyright"
UNRELATED_MAX = 60


def held_out(group_id: str) -> bool:
    """Whether a group is held out: its id's SHA-1 starts with 0-5 (about 37 %)."""
    return hashlib.sha1(group_id.encode()).hexdigest()[0] in "012345"


def load_groups() -> list[dict[str, object]]:
    """The labelled groups."""
    data = json.loads(GROUPS.read_text(encoding="utf-8"))
    return list(data["groups"])


def sample_documents() -> list[Document]:
    """The five sample articles."""
    return [load_document(path, path.name) for path in sorted(SAMPLE.glob("*.txt"))]


def indexed(documents: list[Document]) -> PassageIndex:
    """The index of ``documents`` with claim kinds, as the reader builds it."""
    rules, _ = load_rules()
    kinds = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    return build_index(documents, kinds)


def sample_index() -> tuple[PassageIndex, dict[str, str]]:
    """The index of the sample (with claim kinds, as the reader builds it) and the texts."""
    documents = sample_documents()
    return indexed(documents), {d.id: d.text for d in documents}


def ranking_only(index: PassageIndex) -> PassageIndex:
    """The same index with the "no good match" threshold at 0: the ranking alone."""
    unlimited = dataclasses.replace(index.vocabulary, no_match_below=0.0)
    return index.with_vocabulary(unlimited)


def _trials(
    groups: list[dict[str, object]], index: PassageIndex, texts: dict[str, str], per_doc: int
) -> Iterator[tuple[str, str, list[Match], set[tuple[str, int]]]]:
    """Every (query, target document) pair: the group's id, the target, the target's best
    ``per_doc`` passages for the query, best first, and the group's (doc, start) spans."""
    for group in groups:
        members = group["members"]
        assert isinstance(members, list)
        spans = {(m["doc"], m["start"]) for m in members}
        for query in members:
            doc, start, end = query["doc"], query["start"], query["end"]
            result = index.match(doc, start, end, texts[doc][start:end], per_doc=per_doc)
            for target in sorted({m["doc"] for m in members} - {doc}):
                ranked = [m for m in result.matches if m.passage.doc_id == target]
                yield f"{group['id']} {doc[:3]}->{target[:3]}", target, ranked, spans


def hit_at_1(
    groups: list[dict[str, object]], index: PassageIndex, texts: dict[str, str]
) -> tuple[float, int, list[str]]:
    """hit@1 over (query, target document) pairs, the number of pairs, and the misses."""
    hits = trials = 0
    misses: list[str] = []
    for name, target, ranked, spans in _trials(groups, index, texts, per_doc=1):
        trials += 1
        if ranked and (target, ranked[0].passage.start) in spans:
            hits += 1
        else:
            got = texts[target][ranked[0].passage.start : ranked[0].passage.end] if ranked else "-"
            misses.append(f"{name}: {got[:90]}")
    return (hits / trials if trials else 0.0), trials, misses


def mean_reciprocal_rank(
    groups: list[dict[str, object]], index: PassageIndex, texts: dict[str, str]
) -> float:
    """MRR of the first group member among each target document's ranked passages."""
    total = trials = 0.0
    for _, target, ranked, spans in _trials(groups, index, texts, per_doc=1000):
        trials += 1
        for rank, match in enumerate(ranked, start=1):
            if (target, match.passage.start) in spans:
                total += 1 / rank
                break
    return total / trials if trials else 0.0


def development_sets() -> list[tuple[list[dict[str, object]], PassageIndex, dict[str, str]]]:
    """Per development topic: its groups, the index of its articles alone, and their texts."""
    sets = []
    for path in sorted(DEV.glob("groups_*.json")):
        topic = path.stem.removeprefix("groups_")
        articles = sorted((DEV / "articles").glob(f"{topic}_*.txt"))
        documents = [load_document(article, article.name) for article in articles]
        groups = list(json.loads(path.read_text(encoding="utf-8"))["groups"])
        sets.append((groups, indexed(documents), {d.id: d.text for d in documents}))
    return sets


def pooled_figures(
    sets: list[tuple[list[dict[str, object]], PassageIndex, dict[str, str]]],
) -> tuple[dict[str, float | int], list[str]]:
    """hit@1 (with and without the threshold), MRR and the synopsis's pairwise precision and
    recall, pooled over ``sets``, and the misses.

    Each set is some groups with the index they are matched in: the sample's one index for the
    tuning and held-out groups, an index per topic for the development groups.
    """
    groups = pairs = ranked_misses = 0
    reciprocal = 0.0
    misses: list[str] = []
    both = synopsis_only = groups_only = 0
    for part, index, texts in sets:
        _, trials, missed = hit_at_1(part, index, texts)
        agreed, extra, missing = synopsis_pairs(part, index, texts)
        both, synopsis_only, groups_only = (
            both + agreed,
            synopsis_only + extra,
            groups_only + missing,
        )
        ranking = ranking_only(index)
        groups += len(part)
        pairs += trials
        misses += missed
        ranked_misses += len(hit_at_1(part, ranking, texts)[2])
        reciprocal += mean_reciprocal_rank(part, ranking, texts) * trials
    figures: dict[str, float | int] = {
        "groups": groups,
        "pairs": pairs,
        "hit_at_1": round(1 - len(misses) / pairs, 3) if pairs else 0.0,
        "hit_at_1_ranking": round(1 - ranked_misses / pairs, 3) if pairs else 0.0,
        "mrr_ranking": round(reciprocal / pairs, 3) if pairs else 0.0,
        "synopsis_precision": round(both / (both + synopsis_only), 3) if both else 0.0,
        "synopsis_recall": round(both / (both + groups_only), 3) if both else 0.0,
    }
    return figures, misses


def synopsis_pairs(
    groups: list[dict[str, object]], index: PassageIndex, texts: dict[str, str]
) -> tuple[int, int, int]:
    """(both, synopsis only, groups only): labelled claim pairs by who puts them together."""
    labels: dict[tuple[str, int], set[str]] = {}
    for group in groups:
        members = group["members"]
        assert isinstance(members, list)
        for member in members:
            labels.setdefault((member["doc"], member["start"]), set()).add(str(group["id"]))
    rows = {
        (doc_id, passage.start): row.id
        for row in build_synopsis(index, texts)
        for doc_id, passage in row.passages.items()
    }
    claims = sorted(key for key in labels if key in rows)  # the synopsis lists claims only
    both = synopsis_only = groups_only = 0
    for a, b in itertools.combinations(claims, 2):
        if a[0] == b[0]:
            continue
        grouped, same_row = bool(labels[a] & labels[b]), rows[a] == rows[b]
        both += grouped and same_row
        synopsis_only += same_row and not grouped
        groups_only += grouped and not same_row
    return both, synopsis_only, groups_only


def false_matches() -> tuple[float, int, int] | None:
    """Share of (sample sentence, unrelated document) pairs given a match; None if no files."""
    files = sorted(Path("/").glob(UNRELATED_GLOB.lstrip("/")))
    step = max(len(files) // UNRELATED_MAX, 1)
    unrelated = []
    for path in files[::step][:UNRELATED_MAX]:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        unrelated.append(document_from_bytes(f"{path.parent.name}.txt", data, markdown=False))
    if not unrelated:
        return None
    sample = sample_documents()
    index = indexed(sample + unrelated)
    names = {d.id for d in unrelated}
    pairs = matched = 0
    for document in sample:
        for number in index.by_document[document.id]:
            passage = index.passages[number]
            text = document.text[passage.start : passage.end]
            result = index.match(document.id, passage.start, passage.end, text)
            pairs += len(names)
            matched += sum(1 for m in result.matches if m.passage.doc_id in names)
    return matched / pairs, pairs, len(unrelated)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list the tuning set's misses")
    parser.add_argument(
        "--held-out", action="store_true", help="also score the held-out groups (final runs only)"
    )
    args = parser.parse_args()
    groups = load_groups()
    index, texts = sample_index()
    tuning = [g for g in groups if not held_out(str(g["id"]))]
    held = [g for g in groups if held_out(str(g["id"]))]
    parts = [("tuning", [(tuning, index, texts)])]
    if args.held_out:
        parts.append(("held_out", [(held, index, texts)]))
        blind = list(json.loads(BLIND_GROUPS.read_text(encoding="utf-8"))["groups"])
        parts.append(("blind", [(blind, index, texts)]))
    sets = development_sets()
    if sets:
        parts.append(("development", sets))
    figures: dict[str, dict[str, float | int]] = {}
    for name, part_sets in parts:
        figures[name], misses = pooled_figures(part_sets)
        if name in ("tuning", "development") and args.errors:
            print("\n".join(misses))
    unrelated = false_matches()
    if unrelated is not None:
        share, pairs, documents = unrelated
        figures["unrelated"] = {"documents": documents, "pairs": pairs, "false_matches": share}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name, values in figures.items():
        if name == "unrelated":
            print(
                f"unrelated {values['documents']:>3} copyright files, {values['pairs']} pairs: "
                f"false matches {values['false_matches']:.2%}"
            )
            continue
        print(
            f"{name:<11} groups {values['groups']:>3}  pairs {values['pairs']:>4}  "
            f"hit@1 {values['hit_at_1']:.3f}  (ranking alone: hit@1 "
            f"{values['hit_at_1_ranking']:.3f}, MRR {values['mrr_ranking']:.3f})\n"
            f"{'':<11} synopsis rows against the groups: precision "
            f"{values['synopsis_precision']:.2f}, recall {values['synopsis_recall']:.2f}"
        )
    print("Target: held-out hit@1 >= 0.80.")


if __name__ == "__main__":
    main()
