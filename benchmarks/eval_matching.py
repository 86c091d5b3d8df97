"""Measure passage matching against the hand-labelled paraphrase groups of the sample.

``tests/data/passage_groups.json`` groups sentences of the five sample articles that state the
same claim. hit@1 counts, for every member of a group (the query) and every other document
holding a member of the same group (the target), whether the matcher's top passage in that
document belongs to the group; "no good match" counts as a miss. About a third of the groups
are held out (chosen by a hash of their id, fixed before any tuning); quote the held-out
figure, but only once tuning is over: it is computed only when asked for (``--held-out``), so
that day-to-day runs cannot leak it into the tuning. Run:
``.venv/bin/python benchmarks/eval_matching.py [--json] [--errors] [--held-out]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.claim_rules import load_rules  # noqa: E402
from corpus.claims import assess_document  # noqa: E402
from corpus.document import load_document  # noqa: E402
from corpus.matching import PassageIndex, build_index  # noqa: E402

GROUPS = ROOT / "tests" / "data" / "passage_groups.json"
SAMPLE = ROOT / "corpus" / "sample"


def held_out(group_id: str) -> bool:
    """Whether a group is held out: its id's SHA-1 starts with 0-5 (about 37 %)."""
    return hashlib.sha1(group_id.encode()).hexdigest()[0] in "012345"


def load_groups() -> list[dict[str, object]]:
    """The labelled groups."""
    data = json.loads(GROUPS.read_text(encoding="utf-8"))
    return list(data["groups"])


def sample_index() -> tuple[PassageIndex, dict[str, str]]:
    """The index of the sample (with claim kinds, as the reader builds it) and the texts."""
    rules, _ = load_rules()
    documents = [load_document(path, path.name) for path in sorted(SAMPLE.glob("*.txt"))]
    kinds = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    return build_index(documents, kinds), {d.id: d.text for d in documents}


def hit_at_1(
    groups: list[dict[str, object]], index: PassageIndex, texts: dict[str, str]
) -> tuple[float, int, list[str]]:
    """hit@1 over (query, target document) pairs, the number of pairs, and the misses."""
    hits = trials = 0
    misses: list[str] = []
    for group in groups:
        members = group["members"]
        assert isinstance(members, list)
        spans = {(m["doc"], m["start"]) for m in members}
        for query in members:
            doc, start, end = query["doc"], query["start"], query["end"]
            result = index.match(doc, start, end, texts[doc][start:end], per_doc=1)
            top = {m.passage.doc_id: m for m in result.matches}
            for target in {m["doc"] for m in members} - {doc}:
                trials += 1
                found = top.get(target)
                if found is not None and (target, found.passage.start) in spans:
                    hits += 1
                else:
                    got = texts[target][found.passage.start : found.passage.end] if found else "-"
                    misses.append(f"{group['id']} {doc[:3]}->{target[:3]}: {got[:90]}")
    return (hits / trials if trials else 0.0), trials, misses


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
    figures = {}
    parts = [("tuning", tuning)] + ([("held_out", held)] if args.held_out else [])
    for name, part in parts:
        score, trials, misses = hit_at_1(part, index, texts)
        figures[name] = {"groups": len(part), "pairs": trials, "hit_at_1": round(score, 3)}
        if name == "tuning" and args.errors:
            print("\n".join(misses))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, values in figures.items():
            print(
                f"{name:<9} groups {values['groups']:>3}  pairs {values['pairs']:>4}  "
                f"hit@1 {values['hit_at_1']:.3f}"
            )
        print("Target: held-out hit@1 >= 0.80.")


if __name__ == "__main__":
    main()
