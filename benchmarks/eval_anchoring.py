"""Measure how anchoring survives edits of the sample articles, and how fast it is.

Every sentence of 10+ words of the five sample articles is annotated, the document is edited
once (seeded, so every run gives the same figures) and the target is anchored again. For each
kind of edit it prints the share found at the right place, the share orphaned and the share
attached to a wrong place. The sample paraphrases itself (summaries restate the body, headings
repeat the list of contents), so "wrong" here mostly means "a lookalike sentence", the failure
this whole design is about.

Edits: ``insertion_before`` (a sentence of another article inserted anywhere before the quote;
right = the exact new span), ``word_changed`` (one word of the quote replaced by another word of
the article; right = overlapping the new span by 80 % or more of the longer of the two),
``deleted`` (the sentence removed; right = orphaned), ``duplicated_after`` and
``duplicated_before`` (the quote's paragraph copied to the start of a paragraph after or before
its own, never next to it; right = the exact span of the original), ``reworded`` (half the words
replaced and two swapped; right = its place, though orphaning is just as defensible),
``sentence_moved`` (cut and pasted at the start of another paragraph, so both neighbours change;
right = the exact new span, though orphaning is the designed answer below 128 characters),
``edge_neighbour_replaced`` and ``edge_neighbour_deleted`` (the first and the last sentence of each
article, of any length, titles included, with the sentence next to it replaced by a sentence of
another article or removed; right = the exact span, since the quote is untouched). A deleted
or reworded quote that still occurs verbatim elsewhere (the sample's headings repeat its lists of
contents) is counted apart, as ``*_verbatim_elsewhere``: attaching it there is not a lookalike.

Timing: 10,000 targets in a one-megabyte document made of the sample's sentences shuffled into
new paragraphs, anchored with :func:`annotations.anchoring.anchor_all` unchanged and after a
paragraph is inserted at the top, then single :func:`anchor` calls per path (median of repeats).

Run: ``.venv/bin/python benchmarks/eval_anchoring.py [--json] [--strict]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotations.anchoring import Anchor, anchor, anchor_all  # noqa: E402
from annotations.target import CONTEXT_CHARS, Target, text_sha256  # noqa: E402
from corpus.document import load_document  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

    from corpus.model import Document

SAMPLE = ROOT / "corpus" / "sample"
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
MIN_WORDS = 10
OVERLAP = 0.8
VERDICTS = ("right", "orphaned", "wrong")

Span = tuple[int, int]


@dataclass(frozen=True)
class Edited:
    """One edit of a document: the new text and where the quote should now be (None: gone)."""

    text: str
    expected: Span | None
    exact: bool = True
    """Whether only the exact span counts as right (else an 80 % overlap)."""
    duplicate: bool = False
    """The quote gone from its place but still verbatim elsewhere: counted apart."""


def overlap(found: Span, expected: Span) -> float:
    """Shared characters over the longer of the two spans."""
    shared = max(0, min(found[1], expected[1]) - max(found[0], expected[0]))
    return shared / max(found[1] - found[0], expected[1] - expected[0])


def quotes(document: Document) -> list[Span]:
    """Sentences of 10+ words: the passages people annotate."""
    text = document.text
    return [
        (s.start, s.end)
        for s in document.sentences
        if len(text[s.start : s.end].split()) >= MIN_WORDS
    ]


def insertion_before(
    rng: random.Random, document: Document, span: Span, others: list[str]
) -> Edited:
    """A sentence of another article inserted at a random character before the quote."""
    text = document.text
    inserted = rng.choice(others) + " "
    at = rng.randint(0, span[0])
    shift = len(inserted)
    return Edited(text[:at] + inserted + text[at:], (span[0] + shift, span[1] + shift))


def word_changed(
    rng: random.Random, document: Document, span: Span, vocabulary: list[str]
) -> Edited:
    """One word inside the quote replaced by a different word of the same article."""
    text = document.text
    words = list(WORD.finditer(text, span[0], span[1]))
    word = rng.choice(words)
    replacement = word.group()
    while replacement.lower() == word.group().lower():
        replacement = rng.choice(vocabulary)
    new = text[: word.start()] + replacement + text[word.end() :]
    delta = len(replacement) - len(word.group())
    return Edited(new, (span[0], span[1] + delta), exact=False)


def deleted(document: Document, span: Span) -> Edited:
    """The sentence removed with the space after it; a verbatim copy elsewhere is a duplicate."""
    text = document.text
    end = span[1]
    while end < len(text) and text[end] == " ":
        end += 1
    new = text[: span[0]] + text[end:]
    return Edited(new, None, duplicate=text[span[0] : span[1]] in new)


def duplicated(
    rng: random.Random, document: Document, span: Span, *, before: bool
) -> Edited | None:
    """The quote's paragraph copied to the start of another paragraph before or after its own.

    Never next to the original: "P P" reads the same whichever copy came first.
    """
    text = document.text
    blocks = document.blocks
    home = next(i for i, b in enumerate(blocks) if b.start <= span[0] < b.end)
    choices = list(range(home)) if before else list(range(home + 2, len(blocks) + 1))
    if not choices:
        return None
    chosen = rng.choice(choices)
    copy = text[blocks[home].start : blocks[home].end]
    if chosen == len(blocks):
        return Edited(text + "\n" + copy, span)
    at = blocks[chosen].start
    inserted = copy + "\n"
    shift = len(inserted) if before else 0
    new = text[:at] + inserted + text[at:]
    return Edited(new, (span[0] + shift, span[1] + shift))


def sentence_moved(rng: random.Random, document: Document, span: Span) -> Edited | None:
    """The sentence cut out and pasted at the start of another paragraph: new neighbours."""
    text = document.text
    sentence = text[span[0] : span[1]]
    if text.count(sentence) > 1:
        return None
    cut_end = span[1] + 1 if text[span[1] : span[1] + 1] == " " else span[1]
    rest = text[: span[0]] + text[cut_end:]
    starts = [b.start for b in document.blocks if not b.start <= span[0] < b.end]
    if not starts:
        return None
    at = rng.choice(starts)
    if at > span[0]:
        at -= cut_end - span[0]
    new = rest[:at] + sentence + " " + rest[at:]
    return Edited(new, (at, at + len(sentence)))


def reworded(rng: random.Random, document: Document, span: Span, vocabulary: list[str]) -> Edited:
    """Half the words replaced and two of them swapped: the same place, a different sentence."""
    text = document.text
    words = [m.group() for m in WORD.finditer(text, span[0], span[1])]
    for index in rng.sample(range(len(words)), len(words) // 2):
        words[index] = rng.choice(vocabulary)
    i, j = rng.sample(range(len(words)), 2)
    words[i], words[j] = words[j], words[i]
    sentence = " ".join(words) + "."
    new = text[: span[0]] + sentence + text[span[1] :]
    return Edited(
        new,
        (span[0], span[0] + len(sentence)),
        exact=False,
        duplicate=text[span[0] : span[1]] in new,
    )


def edge_edits(
    rng: random.Random, document: Document, others: list[str]
) -> list[tuple[str, Span, Edited]]:
    """The first and last sentences, with the sentence next to each replaced or removed."""
    text = document.text
    sentences = document.sentences
    if len(sentences) < 3:
        return []
    found: list[tuple[str, Span, Edited]] = []
    for edge, neighbour in ((sentences[0], sentences[1]), (sentences[-1], sentences[-2])):
        span = (edge.start, edge.end)
        for kind, new in (
            ("edge_neighbour_replaced", rng.choice(others)),
            ("edge_neighbour_deleted", ""),
        ):
            edited = text[: neighbour.start] + new + text[neighbour.end :]
            shift = (
                len(new) - (neighbour.end - neighbour.start) if neighbour.start < edge.start else 0
            )
            found.append((kind, span, Edited(edited, (span[0] + shift, span[1] + shift))))
    return found


def tally_of(tallies: dict[str, dict[str, int]], kind: str, target: Target, edited: Edited) -> None:
    """Count one edit's verdict under ``kind`` (or its ``_verbatim_elsewhere`` twin)."""
    if edited.duplicate:
        kind = f"{kind}_verbatim_elsewhere"
    verdict = judge(anchor(target, edited.text), edited)
    if edited.duplicate and verdict == "wrong":
        verdict = "attached"
    tally = tallies.setdefault(kind, {})
    tally[verdict] = tally.get(verdict, 0) + 1


def judge(found: Anchor, edited: Edited) -> str:
    """right, orphaned or wrong (for a deletion, orphaned is the right outcome)."""
    if found.start is None or found.end is None:
        return "orphaned"
    if edited.expected is None:
        return "wrong"
    span = (found.start, found.end)
    if edited.exact:
        return "right" if span == edited.expected else "wrong"
    return "right" if overlap(span, edited.expected) >= OVERLAP else "wrong"


def evaluate(documents: list[Document]) -> dict[str, dict[str, float | int]]:
    """Shares right / orphaned / wrong per edit kind over every 10+ word sentence."""
    tallies: dict[str, dict[str, int]] = {}
    for document in documents:
        others = [
            d.text[s.start : s.end]
            for d in documents
            if d is not document
            for s in d.sentences
            if len(d.text[s.start : s.end].split()) >= 5
        ]
        vocabulary = sorted({m.group() for m in WORD.finditer(document.text)})
        for span in quotes(document):
            target = Target.from_span(document.id, document.text, span[0], span[1])

            def seeded(kind: str, doc: str = document.id, at: int = span[0]) -> random.Random:
                return random.Random(f"{doc}:{at}:{kind}")

            edits: dict[str, Edited | None] = {
                "insertion_before": insertion_before(seeded("insertion"), document, span, others),
                "word_changed": word_changed(seeded("word"), document, span, vocabulary),
                "deleted": deleted(document, span),
                "duplicated_after": duplicated(seeded("after"), document, span, before=False),
                "duplicated_before": duplicated(seeded("before"), document, span, before=True),
                "reworded": reworded(seeded("reworded"), document, span, vocabulary),
                "sentence_moved": sentence_moved(seeded("moved"), document, span),
            }
            for kind, edited in edits.items():
                if edited is not None:
                    tally_of(tallies, kind, target, edited)
        for kind, span, edited in edge_edits(
            random.Random(f"{document.id}:edge"), document, others
        ):
            target = Target.from_span(document.id, document.text, span[0], span[1])
            tally_of(tallies, kind, target, edited)
    figures: dict[str, dict[str, float | int]] = {}
    for kind, tally in tallies.items():
        total = sum(tally.values())
        if kind == "deleted":
            tally["right"] = tally.get("orphaned", 0)
        names = ("orphaned", "attached") if kind.endswith("_verbatim_elsewhere") else VERDICTS
        figures[kind] = {"cases": total} | {
            name: round(tally.get(name, 0) / total, 4) for name in names
        }
    return figures


def big_document(documents: list[Document], size: int = 1_000_000) -> tuple[str, list[Span]]:
    """About ``size`` characters of the sample's sentences shuffled into new paragraphs."""
    rng = random.Random("big-document")
    sentences = [d.text[s.start : s.end] for d in documents for s in d.sentences]
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    while length < size:
        for index in range(rng.randint(3, 8)):
            sentence = rng.choice(sentences)
            if index:
                parts.append(" ")
                length += 1
            spans.append((length, length + len(sentence)))
            parts.append(sentence)
            length += len(sentence)
        parts.append("\n")
        length += 1
    return "".join(parts), spans


def target_of(text: str, sha256: str, start: int, end: int) -> Target:
    """``Target.from_span`` with the text's hash computed once (it dominates for 10,000 targets)."""
    return Target(
        doc="big",
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        sha256=sha256,
    )


def median_ms(call: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``call`` in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 3)


def timing(documents: list[Document]) -> dict[str, float | int]:
    """Bulk and single-target costs on a one-megabyte document."""
    text, spans = big_document(documents)
    rng = random.Random("timing")
    sha256 = text_sha256(text)
    targets = []
    for _ in range(10_000):
        first, last = rng.choice(spans)
        words = [m.span() for m in WORD.finditer(text, first, last)]
        i = rng.randrange(len(words))
        j = rng.randrange(i, len(words))
        targets.append(target_of(text, sha256, words[i][0], words[j][1]))
    top = "A paragraph inserted at the top of the document moves every passage below it.\n"
    edited = top + text
    figures: dict[str, float | int] = {"document_chars": len(text), "targets": len(targets)}
    figures["bulk_unchanged_ms"] = median_ms(lambda: anchor_all(targets, text), 5)
    figures["bulk_after_top_insertion_ms"] = median_ms(lambda: anchor_all(targets, edited), 3)
    moved = anchor_all(targets, edited)
    figures["bulk_after_top_insertion_moved"] = sum(a.state == "moved" for a in moved)

    # Single targets, each path. A unique sentence is planted in the middle for the slow paths.
    middle = text.index("\n", len(text) // 2) + 1
    planted = "Zebra finches hum seventeen quiet tunes beside the old lighthouse every winter. "
    base = text[:middle] + planted + text[middle:]
    start = middle
    target = Target.from_span("big", base, start, start + len(planted) - 1)
    sha = text_sha256(base)
    one_word = base.replace("seventeen", "eighteen")
    gone = base[:middle] + base[middle + len(planted) :]
    shifted = top + base
    cases: dict[str, tuple[str, str | None]] = {
        "single_unchanged_with_hash_ms": (base, sha),
        "single_unchanged_no_hash_ms": (base, None),
        "single_moved_ms": (shifted, None),
        "single_fuzzy_ms": (one_word, None),
        "single_orphaned_ms": (gone, None),
    }
    for name, (new, known) in cases.items():
        figures[name] = median_ms(lambda new=new, known=known: anchor(target, new, known), 21)
    short = Target.from_span("big", base, start + 6, start + 13)  # "finches"
    figures["single_short_quote_orphaned_ms"] = median_ms(lambda: anchor(short, gone), 21)
    common = text.index(" the ", middle)
    frequent = target_of(text, sha256, common + 1, common + 4)  # "the", everywhere
    figures["single_frequent_word_moved_ms"] = median_ms(lambda: anchor(frequent, top + text), 11)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    documents = [load_document(p, p.name) for p in sorted(SAMPLE.glob("*.txt"))]
    figures = evaluate(documents)
    times = timing(documents)
    checks = {
        "deleted: 0 wrong": figures["deleted"].get("wrong", 0) == 0,
        "word_changed: >= 95% right": figures["word_changed"].get("right", 0) >= 0.95,
        "bulk unchanged < 100 ms": float(times["bulk_unchanged_ms"]) < 100,
    }
    if args.json:
        print(json.dumps({"edits": figures, "timing": times, "targets": checks}, indent=2))
    else:
        print(f"{'edit':<32}{'cases':>6}{'right':>9}{'orphaned':>10}{'wrong':>8}")
        for kind, values in figures.items():
            if kind.endswith("_verbatim_elsewhere"):
                print(
                    f"{kind:<32}{values['cases']:>6}{'':>9}"
                    f"{values.get('orphaned', 0):>10.1%}  attached {values.get('attached', 0):.1%}"
                )
                continue
            print(
                f"{kind:<32}{values['cases']:>6}{values.get('right', 0):>9.1%}"
                f"{values.get('orphaned', 0):>10.1%}{values.get('wrong', 0):>8.1%}"
            )
        print()
        for name, value in times.items():
            print(f"{name:<36}{value}")
        print()
        for name, passed in checks.items():
            print(f"{'PASS' if passed else 'FAIL'}  {name}")
    if args.strict and not all(checks.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
