"""Annotation store benchmark: adding one note and opening a store that holds 10,000.

Run with ``.venv/bin/python benchmarks/bench_annotations.py`` (``--json`` also prints the
figures as JSON, ``--strict`` exits 1 when a target is missed). It is a measurement, not a test.

Why it is built this way:

* The store is seeded with 10,000 annotations by one author spread over the five sample
  documents (2,000 per document file), copied to a temporary workspace. One author is the
  worst case for a single add: each file holds the most notes it can. Seeding writes each
  file once through the store's own storage, so it takes a second, not 10,000 rewrites.
* Every figure is also given as a ratio to the same operation on a plain ``TinyDB(path)`` JSON
  file holding the same 10,000 records (TinyDB's default storage, integer ids, no lock), so it
  says what the store's locking, checking and indented output cost, independent of how fast
  this machine is.
* "Add one" is the full path a user's keystroke takes: take the lock file, prove the file is
  unchanged since we read it, insert, write the whole file to a temporary file, fsync and
  rename. The first add after opening also fills the store's per-record text cache, so it is
  reported on its own and the median is taken over the following adds.
* "Open" is a new :class:`AnnotationStore` loading every author's files (parse and check all
  10,000 records), in a fresh process like the reader's start, against ``TinyDB(path).all()``
  in a fresh process too. When ``annotations.anchoring`` is present, each annotation is then
  anchored in its document's text, which is what the reader does before showing notes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotations.labels import Verdict  # noqa: E402
from annotations.links import Relation, parse_link  # noqa: E402
from annotations.model import Annotation  # noqa: E402
from annotations.store import TABLE, AnnotationStore, JSONShardStorage  # noqa: E402
from annotations.target import Target  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

SAMPLE = ROOT / "corpus" / "sample"
AUTHOR = "Bench Marker"
ANNOTATIONS = 10_000
ADD_TARGET_MS = 20.0


def make_annotations(texts: dict[str, str], count: int, seed: int = 7) -> list[Annotation]:
    """Realistic annotations: a sentence-sized quote, a short note, tags, sometimes a link."""
    rng = random.Random(seed)
    docs = sorted(texts)
    words = ("mood", "dose", "trial", "anecdote", "risk", "review", "followup", "source")
    link = parse_link("doi:10.1000/xyz123", Relation.SUPPORTS)
    made: list[Annotation] = []
    for i in range(count):
        doc = docs[i % len(docs)]
        text = texts[doc]
        start = rng.randrange(0, len(text) - 200)
        target = Target.from_span(doc, text, start, start + rng.randrange(30, 180))
        made.append(
            Annotation.create(
                AUTHOR,
                target,
                f"Note {i}: the **source** says otherwise; see the trial.",
                tags=rng.sample(words, 2),
                verdict=rng.choice([None, *Verdict]),
                links=[link] if i % 3 == 0 else [],
            )
        )
    return made


def seed_store(store: AnnotationStore, annotations: list[Annotation]) -> None:
    """Write each document's file once, through the store's storage (its format, its checks)."""
    by_path: dict[Path, dict[str, Any]] = {}
    for annotation in annotations:
        path = store.shard_path(annotation.target.doc)
        by_path.setdefault(path, {})[annotation.id] = annotation.to_record()
    for path, table in by_path.items():
        JSONShardStorage(path, writable=True).write({TABLE: table})


def timed(action: Callable[[], object]) -> float:
    """Seconds taken by one call."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


@dataclass
class Figures:
    """The measured values, in seconds unless named otherwise."""

    add_first_s: float
    add_median_s: float
    add_p95_s: float
    open_s: float
    anchor_s: float | None
    anchored: int
    plain_insert_median_s: float
    plain_open_s: float
    shard_bytes: int
    plain_bytes: int

    @property
    def add_ratio(self) -> float:
        """Our median add over plain TinyDB's median insert."""
        return self.add_median_s / self.plain_insert_median_s

    @property
    def open_ratio(self) -> float:
        """Our open (without anchoring) over plain TinyDB's open-and-read-all."""
        return self.open_s / self.plain_open_s


def bench(adds: int, opens: int, scratch: Path) -> Figures:
    """Seed both stores, then time adds and opens on each."""
    workspace = scratch / "ws"
    workspace.mkdir()
    for path in SAMPLE.glob("*.txt"):
        shutil.copyfile(path, workspace / path.name)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(workspace.glob("*.txt"))}
    seeded = make_annotations(texts, ANNOTATIONS)
    extra = make_annotations(texts, adds + 1, seed=11)

    store = AnnotationStore(workspace, AUTHOR)
    seed_store(store, seeded)
    store.load()
    add_times = [timed(lambda a=annotation: store.add(a)) for annotation in extra]

    open_runs = [run_open_child("store", workspace) for _ in range(opens)]
    open_times = [run["open_s"] for run in open_runs]
    anchor_times = [run["anchor_s"] for run in open_runs if run["anchor_s"] is not None]
    anchored = open_runs[0]["anchored"]
    for run in open_runs:
        assert run["count"] == ANNOTATIONS + len(extra), run

    plain_insert, plain_open, plain_bytes = bench_plain_tinydb(scratch, seeded, extra, opens)
    shard_bytes = max(p.stat().st_size for p in store.author_folder.glob("*.json"))
    return Figures(
        add_first_s=add_times[0],
        add_median_s=statistics.median(add_times[1:]),
        add_p95_s=sorted(add_times[1:])[int(0.95 * (len(add_times) - 2))],
        open_s=statistics.median(open_times),
        anchor_s=statistics.median(anchor_times) if anchor_times else None,
        anchored=anchored,
        plain_insert_median_s=plain_insert,
        plain_open_s=plain_open,
        shard_bytes=shard_bytes,
        plain_bytes=plain_bytes,
    )


OPEN_CHILD = r"""
import json, sys, time
from pathlib import Path

mode, where, author = sys.argv[1:4]
figures = {"anchor_s": None, "anchored": 0}
if mode == "store":
    from annotations.store import AnnotationStore
    from annotations.target import text_sha256
    try:
        from annotations.anchoring import anchor
    except ImportError:
        anchor = None
    started = time.perf_counter()
    result = AnnotationStore(Path(where), author).load()
    figures["open_s"] = time.perf_counter() - started
    figures["count"] = len(result.annotations)
    if callable(anchor):
        texts = {p.name: p.read_text(encoding="utf-8") for p in Path(where).glob("*.txt")}
        started = time.perf_counter()
        hashes = {doc: text_sha256(text) for doc, text in texts.items()}
        states = [
            str(getattr(anchor(a.target, texts[a.target.doc], hashes[a.target.doc]), "state", ""))
            for a in result.annotations
        ]
        figures["anchored"] = sum(1 for state in states if state != "orphaned")
        figures["anchor_s"] = time.perf_counter() - started
else:
    from tinydb import TinyDB
    started = time.perf_counter()
    with TinyDB(where) as db:
        figures["count"] = len(db.all())
    figures["open_s"] = time.perf_counter() - started
print(json.dumps(figures))
"""
"""Opening runs in a fresh process, as when the reader starts: the heap of the benchmark
itself (tens of thousands of live objects) would slow the garbage collector of whichever
open ran in it. Imports happen before the clock starts; both sides get the same treatment."""


def run_open_child(mode: str, where: Path) -> dict[str, Any]:
    """One timed open in a child process (``store`` or ``plain``)."""
    done = subprocess.run(
        [sys.executable, "-c", OPEN_CHILD, mode, str(where), AUTHOR],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the {mode} open child failed:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def bench_plain_tinydb(
    scratch: Path, seeded: list[Annotation], extra: list[Annotation], opens: int
) -> tuple[float, float, int]:
    """The same records in one plain TinyDB JSON file: median insert, median open+read all."""
    from tinydb import TinyDB

    path = scratch / "plain.json"
    with TinyDB(path) as db:
        db.insert_multiple(a.to_record() for a in seeded)
    with TinyDB(path) as db:
        db.all()
        inserts = [timed(lambda a=annotation: db.insert(a.to_record())) for annotation in extra]
    open_times = [run_open_child("plain", path)["open_s"] for _ in range(opens)]
    return statistics.median(inserts[1:]), statistics.median(open_times), path.stat().st_size


def report(figures: Figures) -> dict[str, Any]:
    """The figures as JSON-ready values (milliseconds, ratios, pass/fail)."""
    return {
        "annotations": ANNOTATIONS,
        "add_first_ms": figures.add_first_s * 1000,
        "add_median_ms": figures.add_median_s * 1000,
        "add_p95_ms": figures.add_p95_s * 1000,
        "add_target_ms": ADD_TARGET_MS,
        "add_pass": figures.add_median_s * 1000 <= ADD_TARGET_MS,
        "open_ms": figures.open_s * 1000,
        "anchor_ms": None if figures.anchor_s is None else figures.anchor_s * 1000,
        "anchored": figures.anchored,
        "open_and_anchor_ms": (
            None if figures.anchor_s is None else (figures.open_s + figures.anchor_s) * 1000
        ),
        "plain_tinydb_insert_median_ms": figures.plain_insert_median_s * 1000,
        "plain_tinydb_open_ms": figures.plain_open_s * 1000,
        "add_ratio_to_plain": figures.add_ratio,
        "open_ratio_to_plain": figures.open_ratio,
        "largest_shard_bytes": figures.shard_bytes,
        "plain_file_bytes": figures.plain_bytes,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }


def print_table(values: dict[str, Any]) -> None:
    """A plain fixed-width table, readable in a terminal and in a CI log."""
    rows = [
        ("Add one, first after open", f"{values['add_first_ms']:.1f} ms", ""),
        (
            "Add one (median)",
            f"{values['add_median_ms']:.1f} ms",
            f"<= {ADD_TARGET_MS:g} ms  {'PASS' if values['add_pass'] else 'FAIL'}",
        ),
        ("Add one (p95)", f"{values['add_p95_ms']:.1f} ms", ""),
        (
            "  plain TinyDB insert one (median)",
            f"{values['plain_tinydb_insert_median_ms']:.1f} ms",
            "",
        ),
        ("  ratio store / plain TinyDB", f"{values['add_ratio_to_plain']:.2f}", ""),
        ("Open: load all 10,000 (median)", f"{values['open_ms']:.0f} ms", ""),
        ("  plain TinyDB open + all() (median)", f"{values['plain_tinydb_open_ms']:.0f} ms", ""),
        ("  ratio store / plain TinyDB", f"{values['open_ratio_to_plain']:.2f}", ""),
    ]
    if values["anchor_ms"] is None:
        rows.append(("Anchoring", "annotations.anchoring not present: open only", ""))
    else:
        rows.append(
            (
                f"Anchor all ({values['anchored']:,} found, not orphaned)",
                f"{values['anchor_ms']:.0f} ms",
                "",
            )
        )
        rows.append(("Open + anchor", f"{values['open_and_anchor_ms']:.0f} ms", ""))
    rows.append(
        (
            "File sizes: largest shard / plain file",
            f"{values['largest_shard_bytes'] / 1e6:.1f} MB / "
            f"{values['plain_file_bytes'] / 1e6:.1f} MB",
            "",
        )
    )
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def positive(text: str) -> int:
    """A repetition count: medians of nothing are not figures."""
    value = int(text)
    if value < 2:
        raise argparse.ArgumentTypeError(f"expected at least 2, got {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table (and JSON on request)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adds", type=positive, default=60, help="timed adds")
    parser.add_argument("--opens", type=positive, default=5, help="timed opens")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)

    print(
        f"Synoptic annotation store benchmark - {ANNOTATIONS:,} annotations, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print()
    scratch = Path(tempfile.mkdtemp(prefix="synoptic-bench-annotations-"))
    try:
        values = report(bench(args.adds, args.opens, scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print_table(values)
    if args.json:
        print()
        print(json.dumps(values, indent=2))
    return 1 if args.strict and not values["add_pass"] else 0


if __name__ == "__main__":
    sys.exit(main())
