"""Synopsis benchmark: how long grouping the claims takes as a workspace widens, and how long the
synopsis table takes to appear.

Run with ``.venv/bin/python benchmarks/bench_synopsis.py``. It is a measurement, not a test: no
target is set by an issue, so it prints figures only, and exits 0.

Why it is built this way:

* The synopsis asks every claim for its best passage in every other document, so its cost grows
  with claims times documents: doubling the articles roughly quadruples the time. The figure
  that matters is therefore the time at several widths, not one number.
* The wide workspaces are real articles, not generated text: the five sample articles and the
  seven development articles (kava, ashwagandha), copied ``k`` times with their lines after the
  first shuffled (fixed seed; each line is a paragraph, and ten of the twelve articles have no
  blank line to split paragraphs on), so the copies state the same claims in another order, as
  articles that paraphrase one another do, and no two copies are the same bytes. Widths 12 x 1,
  4, 8 and 16: 12 to 192 documents.
* The index is built first and not timed (``bench_foundation.py`` measures it). "cold" is
  :func:`corpus.synopsis_cache.cached_synopsis` with no cache file, so
  :func:`corpus.synopsis.build_synopsis` and writing the cache, best of ``--runs``, in this
  process: every match query and the grouping. "warm" is the same call with the file in place:
  reading and checking the cached groups, best of ``--runs``; the groups must be the cold
  ones. Peak memory is the ``tracemalloc`` peak of ``build_synopsis`` alone (Python and numpy
  allocations), in a separate, untimed run (not for ``--large``, where tracing would double
  minutes, and cold is one run).
* ``--table`` also opens the reader on each workspace headless (``run_test``), hands it the
  groups, presses ``s`` and times until the table is on screen, with the longest pause of the
  event loop while it was drawn: what a user sees as a frozen screen.
* ``--large`` adds this machine's ``/usr/share/doc/*/copyright`` files (about 700 documents
  and ten thousand "claims", mostly licence clauses): a stress case that takes minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from collections.abc import Callable

    from corpus.matching import PassageIndex
    from corpus.model import Document
    from corpus.synopsis import ClaimGroup

ARTICLES = [
    *sorted((ROOT / "corpus" / "sample").glob("*.txt")),
    *sorted((ROOT / "tests" / "data" / "dev" / "articles").glob("*.txt")),
]
COPIES = (1, 4, 8, 16)


def wide_workspace(target: Path, copies: int) -> Path:
    """``copies`` of every article, its lines after the first shuffled, in ``target``.

    A line is a paragraph in these articles (most have no blank line between paragraphs, so
    splitting on blank lines would leave them whole and every copy the same bytes); blank lines
    are kept as the article had them. A shuffle that repeats an earlier copy is drawn again.
    """
    chooser = random.Random(7)
    target.mkdir(parents=True)
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        gap = "\n\n" if "\n\n" in text else "\n"
        first, *rest = [line for line in text.splitlines() if line.strip()]
        made: set[str] = set()
        for copy in range(copies):
            shuffled = gap.join([first, *rest]) + "\n"
            while shuffled in made:
                chooser.shuffle(rest)
                shuffled = gap.join([first, *rest]) + "\n"
            made.add(shuffled)
            (target / f"{copy:02d}_{path.name}").write_text(shuffled, encoding="utf-8")
            chooser.shuffle(rest)
    return target


def copyright_workspace(target: Path) -> Path:
    """This machine's copyright files as a workspace (the foundation benchmark's corpus)."""
    target.mkdir(parents=True)
    for source in sorted(Path("/usr/share/doc").glob("*/copyright")):
        try:
            (target / f"{source.parent.name}.txt").write_bytes(source.read_bytes())
        except OSError:
            continue
    return target


def indexed(root: Path) -> tuple[PassageIndex, list[Document], str]:
    """The workspace's passage index with claim kinds, as the reader builds it, its documents
    and the claim rules' digest."""
    from corpus.claim_rules import load_rules
    from corpus.claims import assess_document
    from corpus.errors import DocumentError
    from corpus.passage_cache import open_index
    from corpus.workspace import Workspace

    workspace = Workspace.open(root)
    documents = [d for d in workspace.load_all() if not isinstance(d, DocumentError)]
    rules, _ = load_rules(root)
    kinds = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    index, _ = open_index(root, documents, kinds)
    return index, documents, rules.digest


@dataclass(frozen=True, slots=True)
class Timing:
    """One workspace's figures."""

    cold: float
    """Best seconds of a synopsis with no cache file: built, then saved."""
    warm: float
    """Best seconds of a synopsis read from the cache file."""
    peak: float | None
    """Peak traced memory of building it, in MB (None: not traced)."""
    groups: list[ClaimGroup]


def time_synopsis(
    root: Path,
    index: PassageIndex,
    documents: list[Document],
    rules: str,
    runs: int,
    *,
    memory: bool = True,
) -> Timing:
    """Best cold and warm wall times of ``runs`` synopses each, and the peak traced memory of
    one more build, in MB."""
    from corpus.synopsis import build_synopsis
    from corpus.synopsis_cache import cache_file, cached_synopsis

    def best_of(cold: bool) -> tuple[float, list[ClaimGroup]]:
        best = float("inf")
        groups: list[ClaimGroup] = []
        for _ in range(runs):
            if cold:
                cache_file(root).unlink(missing_ok=True)
            started = time.perf_counter()
            groups = cached_synopsis(root, documents, index, rules)
            best = min(best, time.perf_counter() - started)
        return best, groups

    cold, groups = best_of(cold=True)
    warm, again = best_of(cold=False)
    if again != groups:
        raise SystemExit(f"{root}: the cached synopsis differs from the one built")
    peak = None
    if memory:
        tracemalloc.start()
        build_synopsis(index, {d.id: d.text for d in documents})
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    return Timing(cold, warm, peak, groups)


async def time_table(root: Path, groups: list[ClaimGroup]) -> tuple[float, float]:
    """Seconds from ``s`` to the table on screen, and the longest event-loop pause meanwhile."""
    from tui.app import make_app
    from tui.screens.synopsis import SynopsisScreen

    app = make_app(root, panes=2)

    async def wait_for(condition: Callable[[], bool]) -> None:
        while not condition():
            await pilot.pause(0.01)

    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(lambda: app.parallel.index is not None)
        app.parallel.synopsis = groups
        pauses: list[float] = []
        last = time.perf_counter()

        def tick() -> None:
            nonlocal last
            now = time.perf_counter()
            pauses.append(now - last)
            last = now

        app.set_interval(0.01, tick)
        await pilot.pause(0.1)
        started = time.perf_counter()
        await pilot.press("s")
        await wait_for(lambda: isinstance(app.screen, SynopsisScreen))
        await pilot.pause()
        shown = time.perf_counter() - started
        await pilot.pause(0.1)
        return shown, max(pauses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="synopses per workspace (best)")
    parser.add_argument("--copies", type=int, nargs="*", default=list(COPIES))
    parser.add_argument("--table", action="store_true", help="also time the table on screen")
    parser.add_argument("--large", action="store_true", help="add the copyright corpus")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="synoptic-bench-synopsis-"))
    os.environ["SYNOPTIC_CACHE_DIR"] = str(scratch / "cache")
    os.environ["SYNOPTIC_DATA_DIR"] = str(scratch / "data")
    try:
        workspaces = [
            (f"{copies * len(ARTICLES)} articles", wide_workspace(scratch / f"w{copies}", copies))
            for copies in args.copies
        ]
        if args.large:
            workspaces.append(("copyright files", copyright_workspace(scratch / "copyright")))
        header = (
            f"{'Workspace':<18}{'docs':>6}{'claims':>8}{'rows':>7}{'cold':>10}{'warm':>9}"
            f"{'peak':>8}"
        )
        if args.table:
            header += f"{'table':>9}{'longest pause':>15}"
        print(header)
        print("-" * len(header))
        for name, root in workspaces:
            index, documents, rules = indexed(root)
            claims = sum(1 for p in index.passages if p.kind is not None)
            large = name == "copyright files"  # minutes: one run, and not traced
            timing = time_synopsis(
                root, index, documents, rules, 1 if large else args.runs, memory=not large
            )
            memory = "-" if timing.peak is None else f"{timing.peak:.0f}MB"
            line = (
                f"{name:<18}{len(index.by_document):>6}{claims:>8}{len(timing.groups):>7}"
                f"{timing.cold:>9.2f}s{timing.warm:>8.2f}s{memory:>8}"
            )
            if args.table:
                shown, pause = asyncio.run(time_table(root, timing.groups))
                line += f"{shown:>8.2f}s{pause:>14.2f}s"
            print(line, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
