"""Claim detection benchmark: seconds to assess every sentence of three kinds of text.

Run with ``.venv/bin/python benchmarks/bench_claims.py``. It is a measurement, not a test: it
prints figures only, and exits 0.

Why it is built this way:

* Detection alone is timed (documents are read and segmented first, untimed), in this process,
  ``--runs`` times (default 5), and the median is printed: the machine is often shared, and the
  median of a few runs moves least. CPU seconds are printed beside wall seconds for the same
  reason.
* Three texts, because the cost depends on what is in them: the machine's
  ``/usr/share/doc/*/copyright`` files, each a document (hundreds of small documents, mostly
  not claims); those files joined into one document of about 5 MB (the size limit is 6 MB);
  and the sample and development articles repeated to about 5 MB (prose with a cue in almost
  every sentence, the slowest case per megabyte).
* ``--digest`` prints a hash of every assessment of the three instead of timing them: a change
  meant only to make detection faster must leave it the same.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.claim_rules import load_rules  # noqa: E402
from corpus.claims import assess_document  # noqa: E402
from corpus.document import document_from_bytes  # noqa: E402

if TYPE_CHECKING:
    from corpus.model import Document

COPYRIGHT_GLOB = "*/copyright"
LARGE_BYTES = 5_000_000
ARTICLES = [
    *sorted((ROOT / "corpus" / "sample").glob("*.txt")),
    *sorted((ROOT / "tests" / "data" / "dev" / "articles").glob("*.txt")),
]


def copyright_files() -> list[tuple[str, bytes]]:
    """(name, bytes) of every readable copyright file, in name order."""
    found = []
    for path in sorted(Path("/usr/share/doc").glob(COPYRIGHT_GLOB)):
        try:
            found.append((f"{path.parent.name}.txt", path.read_bytes()))
        except OSError:
            continue
    return found


def workloads() -> dict[str, list[Document]]:
    """The three texts, read and segmented."""
    files = copyright_files()
    joined = b"\n\n".join(data for _, data in files)[:LARGE_BYTES]
    articles = b"\n\n".join(path.read_bytes() for path in ARTICLES) + b"\n\n"
    prose = articles * max(LARGE_BYTES // len(articles), 1)
    return {
        "copyright files": [document_from_bytes(n, d, markdown=False) for n, d in files],
        "copyright, one file": [document_from_bytes("joined.txt", joined, markdown=False)],
        "articles, one file": [document_from_bytes("prose.txt", prose, markdown=False)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--digest", action="store_true", help="print a hash of the results")
    options = parser.parse_args()
    rules, _ = load_rules()
    loads = workloads()
    if options.digest:
        digest = hashlib.sha256()
        for documents in loads.values():
            for document in documents:
                for assessment in assess_document(document, rules):
                    digest.update(repr(assessment).encode())
        print(digest.hexdigest())
        return
    print(f"{'text':<20} {'docs':>5} {'MB':>5} {'sentences':>9} {'wall s':>7} {'cpu s':>7}")
    for name, documents in loads.items():
        walls, cpus = [], []
        for _ in range(options.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            for document in documents:
                assess_document(document, rules)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        megabytes = sum(len(d.text.encode()) for d in documents) / 1e6
        sentences = sum(len(d.sentences) for d in documents)
        print(
            f"{name:<20} {len(documents):>5} {megabytes:>5.1f} {sentences:>9} "
            f"{statistics.median(walls):>7.3f} {statistics.median(cpus):>7.3f}"
        )
    print(f"Median of {options.runs} runs; documents read and segmented beforehand, untimed.")


if __name__ == "__main__":
    main()
