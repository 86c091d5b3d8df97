"""Search benchmark: each query's time on a large workspace, as the reader's ``/`` runs it.

Run with ``.venv/bin/python benchmarks/bench_search.py``. It is a measurement, not a test: it
prints a table (each query's first time, then the median of the runs after it) and exits 0,
or 1 with ``--strict`` when a later run is over :data:`TARGET`.

The workspace is this machine's ``/usr/share/doc/*/copyright`` files copied as ``.txt`` (as
``bench_foundation.py`` picks them: sorted, unreadable ones skipped), about 700 documents and
17 million characters on Debian or Ubuntu. Every document is loaded before the clock starts,
as the reader has them; each query then calls :func:`corpus.search.search` over all of them,
which is what the search dialog's worker does on every key typed. The first query of a run
folds every document into its search form; a later one should find the forms cached.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = (
    "trademark",  # a word in hundreds of documents
    "patent rights",  # a phrase, then its words in other forms
    "public domain",
    "relieve depression",  # nothing, in any form
    "Licencié",  # an accent typed: the other search form of every document
    "trademark",  # the first form again, after the accented one
)
TARGET = 0.15
"""Seconds a query may take once the forms are cached: a search follows each key typed."""


def copyright_workspace(root: Path, limit: int | None) -> int:
    """Copy the readable copyright files into ``root`` as ``.txt``; how many."""
    copied = 0
    for path in sorted(Path("/usr/share/doc").glob("*/copyright")):
        if limit is not None and copied >= limit:
            break
        try:
            data = path.read_bytes()
        except OSError:
            continue
        (root / f"{path.parent.name}.txt").write_bytes(data)
        copied += 1
    return copied


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each query (default 5)")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents")
    parser.add_argument("--strict", action="store_true", help="exit 1 when over the target")
    options = parser.parse_args()

    from corpus.errors import DocumentError
    from corpus.search import search
    from corpus.search_form import cached_characters
    from corpus.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        count = copyright_workspace(folder, options.limit)
        opened = Workspace.open(folder)
        documents = [d for d in opened.load_all() if not isinstance(d, DocumentError)]
        characters = sum(len(d.text) for d in documents)
        print(f"{len(documents)} documents of {count} files, {characters:,} characters")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"{'query':34} {'hits':>6} {'first s':>8} {'later s':>8}  target")
        worst = 0.0
        for query in QUERIES:
            times = []
            hits = 0
            for _ in range(options.runs):
                began = time.perf_counter()
                hits = len(search(documents, query).hits)
                times.append(time.perf_counter() - began)
            later = statistics.median(times[1:]) if len(times) > 1 else times[0]
            worst = max(worst, later)
            verdict = "PASS" if later <= TARGET else "FAIL"
            print(f"{query!r:34} {hits:>6} {times[0]:>8.3f} {later:>8.3f}  {verdict}")
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"search forms cached: {cached_characters():,} characters with their texts")
        print(
            f"peak RSS: {before / 1024:.0f} MB with the documents loaded, "
            f"{after / 1024:.0f} MB after the searches"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if options.strict and worst > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
