"""Foundation benchmark: how fast the reader starts, and how it copes with a large real corpus.

Run with ``.venv/bin/python benchmarks/bench_foundation.py`` (or ``make bench``). It prints a
table of figures with their targets and PASS/FAIL; ``--json`` prints the same figures as JSON
too. It is a measurement, not a test: the exit status is 0 even when a target is missed, so
that a slow machine still gets its numbers printed (use ``--strict`` to fail on a miss).

Why it is built this way:

* Every app run happens in a fresh subprocess, because what a user feels is the whole start of
  a process: interpreter, imports, CSS parsing, first layout. An in-process run would hide the
  import cost, which is most of a TUI's start-up.
* Start-up is reported as a *ratio* to a bare Textual app (only a Header and a Footer) measured
  in the same run, alternating the two, so the figure says how much Synoptic adds on top of
  Textual itself and does not depend on how fast this particular machine is.
* Times are wall-clock from the moment the parent spawns the child to the moment the child is
  ready. The child notes ``time.time()`` and ``time.perf_counter()`` as its very first
  statement, and the app's own ``perf_counter`` stamps (``first_document_at``,
  ``loading_finished_at``) are mapped to wall-clock through that pair, so the polling interval
  of the driver never adds to a figure.
* Apps are run through the real ``App.run(headless=True)`` path, not ``run_test``; the driver
  watches through ``auto_pilot``, Textual's public hook that runs once the app is ready.
* The large corpus is the ``/usr/share/doc/*/copyright`` files of the machine: hundreds of real,
  messy, mostly hard-wrapped plain-text files (about 1.4 million words on a typical Debian
  install), copied to a temporary workspace so nothing on the system is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COPYRIGHT_GLOB = "/usr/share/doc/*/copyright"

STARTUP_RATIO_TARGET = 1.5
FIRST_PAINT_TARGET_S = 1.0
ALL_SEGMENTED_TARGET_S = 5.0
CLAIM_DETECTION_TARGET_S = 3.0
INDEX_COLD_TARGET_S = 10.0
INDEX_WARM_TARGET_S = 1.0
QUERY_P95_TARGET_MS = 50.0
QUERIES = 300
PEAK_RSS_TARGET_MB = 400.0

CHILD_TIMEOUT_S = 120.0
"""Generous: a child that has not finished by then is reported as a failure, not waited on;
a few seconds before, the child dumps the stacks of its threads so a hang can be diagnosed."""

DRIVER = r"""
import time
T0_WALL = time.time()
T0_PERF = time.perf_counter()

import asyncio
import faulthandler
import json
import resource
import sys

mode, workspace, result_path, width, height, hang_after = sys.argv[1:7]
# A hung child prints where every thread is stuck (to stderr, which the parent shows) and exits.
faulthandler.dump_traceback_later(float(hang_after), exit=True)
size = (int(width), int(height))
figures = {"t0_wall": T0_WALL}


def wall(perf):
    return None if perf is None else T0_WALL + (perf - T0_PERF)


if mode == "bare":
    from textual.app import App
    from textual.widgets import Footer, Header

    class Bare(App):
        ready_perf = None

        def compose(self):
            yield Header()
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(self.ready)

        def ready(self):
            self.ready_perf = time.perf_counter()
            self.exit()

    app = Bare()
    app.run(headless=True, size=size)
    figures["ready_wall"] = wall(app.ready_perf)
else:
    from pathlib import Path

    from tui.app import make_app

    app = make_app(Path(workspace) if workspace else None)
    wait_for_all = mode == "all"
    # The app turns a crashed loading worker into an error toast and keeps running; note those
    # so the benchmark stops and says why instead of waiting for a document that never comes.
    errors = figures["errors"] = []
    notify = app.notify

    def noting_notify(message, *args, **kwargs):
        if kwargs.get("severity") == "error":
            errors.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = noting_notify

    async def watch(pilot):
        give_up = time.perf_counter() + float(hang_after) - 10
        # "all" waits for the passage index too: it is the reader's largest structure, so the
        # peak RSS is only the worst case once it is built (else it depends on a race).
        while app.first_document_at is None or (
            wait_for_all
            and (
                app.loading_finished_at is None
                or app.claims_finished_at is None
                or app.parallel.indexed_at is None
            )
        ):
            if errors or time.perf_counter() > give_up:
                break
            await asyncio.sleep(0.01)
        figures["panes"] = len(app.panes)
        # Read while the panes exist: "first drawn" is asked of the panes' views.
        figures["ready_perf"] = app.first_document_at
        app.exit()

    app.run(headless=True, size=size, auto_pilot=watch)
    figures["ready_wall"] = wall(figures.pop("ready_perf", None))
    figures["app_created_wall"] = wall(app.started_at)
    figures["loading_finished_wall"] = wall(app.loading_finished_at)
    figures["claims_finished_wall"] = wall(app.claims_finished_at)
    figures["indexed_wall"] = wall(app.parallel.indexed_at)
    documents = app.loaded_documents()
    figures["documents"] = len(documents)
    figures["failures"] = len(app.failures)
    figures["words"] = sum(d.words for d in documents)
    figures["sentences"] = sum(len(d.sentences) for d in documents)

figures["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(result_path, "w", encoding="utf-8") as out:
    json.dump(figures, out)
"""
"""The child process. Its first statement notes the time; it is kept free of the benchmark's
own imports so the bare app and Synoptic pay for exactly their own start-up and nothing else."""


class ChildFailed(RuntimeError):
    """A child process crashed, timed out or never became ready."""


@dataclass
class ChildRun:
    """One child process: figures in seconds since the parent spawned it."""

    ready_s: float
    """Spawn to ready: the bare app's first refresh, or Synoptic's first document in a pane."""
    ready_in_child_s: float
    """First statement of the child to ready: the same, minus interpreter start-up."""
    exited_s: float
    """Spawn to process exit, teardown included; for reference only."""
    all_segmented_s: float | None = None
    claims_found_s: float | None = None
    """Spawn to claims known for every document (the reader's second background stage)."""
    indexed_s: float | None = None
    """Spawn to the passage index ready (the third), built or read from the cache."""
    peak_rss_mb: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def run_child(
    mode: str,
    workspace: Path | None,
    data_dir: Path,
    size: tuple[int, int],
    cache: Path | None = None,
) -> ChildRun:
    """Spawn one driver process and turn its report into seconds since the spawn.

    Bytecode is cached for every child, as a normal installation has it: pip compiles packages
    when it installs them, and Python writes ``__pycache__`` for the rest on first import. Some
    environments set ``PYTHONDONTWRITEBYTECODE``, which would make every run compile Synoptic's
    sources (an editable install has no compiled copy) while Textual's come precompiled, so
    the ratio would measure the compiler. The cache goes to a folder of the benchmark's own
    (``PYTHONPYCACHEPREFIX``), so the checkout is not touched, and both apps use it alike.
    ``cache`` is the cache folder (claims and passage index) when not the shared one, so a run
    can start cold whatever ran before it.
    """
    # the passage cache too goes to the benchmark's folder: the user's own cache never fills
    # with indexes of temporary workspaces, and no run reuses one from an earlier benchmark
    env = dict(
        os.environ,
        SYNOPTIC_DATA_DIR=str(data_dir),
        SYNOPTIC_CACHE_DIR=str(cache or data_dir.parent / "cache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(data_dir.parent / "bytecode")
    with tempfile.TemporaryDirectory(prefix="synoptic-bench-result-") as scratch:
        result_path = Path(scratch) / "result.json"
        command = [
            sys.executable,
            "-c",
            DRIVER,
            mode,
            str(workspace or ""),
            str(result_path),
            str(size[0]),
            str(size[1]),
            str(CHILD_TIMEOUT_S - 5),
        ]
        spawned = time.time()
        try:
            completed = subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=CHILD_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:  # only if faulthandler could not end it
            raise ChildFailed(f"{mode} child did not finish in {CHILD_TIMEOUT_S:.0f} s") from exc
        exited = time.time()
        if completed.returncode != 0 or not result_path.exists():
            tail = (completed.stderr or completed.stdout).strip()[-6000:]
            raise ChildFailed(f"{mode} child exited with {completed.returncode}:\n{tail}")
        report: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
    ready_wall = report.pop("ready_wall", None)
    finished = report.pop("loading_finished_wall", None)
    claims_finished = report.pop("claims_finished_wall", None)
    indexed = report.pop("indexed_wall", None)
    errors = "\n".join(report.pop("errors", []))
    if errors or ready_wall is None or (mode == "all" and finished is None):
        raise ChildFailed(f"{mode} child gave up before it was ready. {errors}".strip())
    created = report.pop("app_created_wall", None)
    if created is not None:
        report["app_created_s"] = created - spawned  # SynopticApp.__init__: imports are done
    return ChildRun(
        ready_s=ready_wall - spawned,
        ready_in_child_s=ready_wall - report.pop("t0_wall"),
        exited_s=exited - spawned,
        all_segmented_s=None if finished is None else finished - spawned,
        claims_found_s=None if claims_finished is None else claims_finished - spawned,
        indexed_s=None if indexed is None else indexed - spawned,
        peak_rss_mb=report.pop("maxrss_kib") / 1024,
        extra=report,
    )


# -- (a) start-up ------------------------------------------------------------------------------


@dataclass
class StartupResult:
    """Alternating runs of the bare app and of Synoptic on the sample workspace."""

    bare: list[ChildRun]
    synoptic: list[ChildRun]

    @property
    def bare_s(self) -> float:
        """Median spawn-to-ready of the bare Textual app."""
        return statistics.median(r.ready_s for r in self.bare)

    @property
    def synoptic_s(self) -> float:
        """Median spawn-to-first-document of Synoptic on the sample."""
        return statistics.median(r.ready_s for r in self.synoptic)

    @property
    def ratio(self) -> float:
        """Synoptic over bare: what Synoptic adds on top of Textual itself."""
        return self.synoptic_s / self.bare_s

    @property
    def ratio_in_child(self) -> float:
        """The same ratio without interpreter start-up, for reference."""
        bare = statistics.median(r.ready_in_child_s for r in self.bare)
        return statistics.median(r.ready_in_child_s for r in self.synoptic) / bare


def bench_startup(runs: int, size: tuple[int, int], data_dir: Path) -> StartupResult:
    """Time both apps, alternating so that drift in machine load hits both alike.

    One untimed run of each comes first: it fills the page and bytecode caches and makes the
    sample copy in the data folder, so the timed runs measure an ordinary start, not the very
    first one after installation.
    """
    run_child("bare", None, data_dir, size)
    run_child("first", None, data_dir, size)
    result = StartupResult(bare=[], synoptic=[])
    for index in range(runs):
        order = ("bare", "first") if index % 2 == 0 else ("first", "bare")
        for mode in order:
            run = run_child(mode, None, data_dir, size)
            (result.bare if mode == "bare" else result.synoptic).append(run)
    return result


# -- (b) the large real corpus -----------------------------------------------------------------


@dataclass
class CorpusBuild:
    """The temporary workspace made of the machine's copyright files."""

    root: Path
    copied: int
    skipped: int
    megabytes: float


def build_copyright_workspace(target: Path) -> CorpusBuild:
    """Copy every readable ``/usr/share/doc/<package>/copyright`` to ``target/<package>.txt``.

    Unreadable files (permissions, dangling links) are counted, not fatal: the figure is about
    the files a user could actually open.
    """
    copied = skipped = size = 0
    for source in sorted(Path("/usr/share/doc").glob("*/copyright")):
        try:
            data = source.read_bytes()
        except OSError:
            skipped += 1
            continue
        (target / f"{source.parent.name}.txt").write_bytes(data)
        copied += 1
        size += len(data)
    return CorpusBuild(target, copied, skipped, size / (1024 * 1024))


@dataclass
class CoreResult:
    """Reading and segmenting every document in this process, without the app."""

    seconds: float
    documents: int
    failures: int
    words: int
    sentences: int
    claims_seconds: float
    """Loading the claim rules and assessing every sentence of every document."""
    claims: int


def bench_core(root: Path) -> CoreResult:
    """Time ``Workspace.open`` plus ``Workspace.load`` of every document, in-process.

    The segmenter and the parsers are imported lazily on first use; a tiny document is loaded
    first so the figure is the work per corpus, not the import.
    """
    from corpus.document import document_from_bytes
    from corpus.errors import DocumentError
    from corpus.workspace import Workspace

    document_from_bytes("warm-up.txt", b"Warm up. The segmenter loads lazily.", markdown=False)
    started = time.perf_counter()
    workspace = Workspace.open(root)
    loaded = [r for r in workspace.load_all() if not isinstance(r, DocumentError)]
    seconds = time.perf_counter() - started

    from corpus.claim_rules import load_rules
    from corpus.claims import detect_claims

    started = time.perf_counter()
    rules, _ = load_rules(root)
    claims = sum(len(detect_claims(document, rules)) for document in loaded)
    claims_seconds = time.perf_counter() - started
    return CoreResult(
        seconds=seconds,
        documents=len(loaded),
        failures=len(workspace.document_ids) - len(loaded),
        words=sum(d.words for d in loaded),
        sentences=sum(len(d.sentences) for d in loaded),
        claims_seconds=claims_seconds,
        claims=claims,
    )


@dataclass
class LargeResult:
    """Fresh-process runs of the reader on the large corpus, plus the in-process core figure."""

    build: CorpusBuild
    core: CoreResult
    runs: list[ChildRun]
    """Cold runs: each starts with an empty cache (no claims, no passage index)."""
    warm_runs: list[ChildRun] = field(default_factory=list)
    """The reader opened again on the unchanged workspace, with the caches the cold runs left."""

    @property
    def first_paint_s(self) -> float:
        """Median spawn-to-first-document."""
        return statistics.median(r.ready_s for r in self.runs)

    @property
    def all_segmented_s(self) -> float:
        """Median spawn-to-every-document-segmented."""
        return statistics.median(r.all_segmented_s or float("inf") for r in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        """The highest peak RSS of the runs, warm ones too: memory is judged by its worst case."""
        return max(r.peak_rss_mb or 0.0 for r in self.runs + self.warm_runs)

    @staticmethod
    def claims_found_s(runs: list[ChildRun]) -> float:
        """Median spawn-to-claims-known of ``runs``."""
        return statistics.median(r.claims_found_s or float("inf") for r in runs)

    @staticmethod
    def indexed_s(runs: list[ChildRun]) -> float:
        """Median spawn-to-passage-index-ready of ``runs``."""
        return statistics.median(r.indexed_s or float("inf") for r in runs)


def bench_large(
    build: CorpusBuild, runs: int, size: tuple[int, int], data_dir: Path
) -> LargeResult:
    """Time the core on the built workspace, then the reader in fresh processes.

    The core runs first, in this process, so the files are in the page cache for every child
    alike: the figures are about parsing and drawing, not about the disk. Each cold run has
    an empty cache folder of its own; as many warm runs follow, reopening the workspace with
    the caches the last cold run wrote, as a user does every day after the first.
    """
    core = bench_core(build.root)
    child_runs = []
    for number in range(runs):
        cache = data_dir.parent / f"cache-large-{number}"
        child_runs.append(run_child("all", build.root, data_dir, size, cache))
    warm_runs = [run_child("all", build.root, data_dir, size, cache) for _ in range(runs)]
    return LargeResult(build, core, child_runs, warm_runs)


# -- report ------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table; ``passed`` is None for figures given for reference only."""

    figure: str
    value: str
    target: str = ""
    passed: bool | None = None


def verdict(passed: bool | None) -> str:
    """PASS / FAIL, or nothing for a reference figure."""
    return "" if passed is None else ("PASS" if passed else "FAIL")


def startup_rows(result: StartupResult) -> list[Row]:
    """The start-up section of the table."""
    listed = ", ".join
    return [
        Row(
            "Start-up, bare Textual app (median)",
            f"{result.bare_s:.3f} s",
        ),
        Row(
            "Start-up, Synoptic on sample (median)",
            f"{result.synoptic_s:.3f} s",
        ),
        Row(
            "Start-up ratio Synoptic / bare",
            f"{result.ratio:.2f}",
            f"<= {STARTUP_RATIO_TARGET}",
            result.ratio <= STARTUP_RATIO_TARGET,
        ),
        Row("  ratio without interpreter start-up", f"{result.ratio_in_child:.2f}"),
        Row(
            "  Synoptic: imports done, app created",
            f"{statistics.median(r.extra['app_created_s'] for r in result.synoptic):.3f} s",
        ),
        Row("  bare runs (s)", listed(f"{r.ready_s:.3f}" for r in result.bare)),
        Row("  Synoptic runs (s)", listed(f"{r.ready_s:.3f}" for r in result.synoptic)),
    ]


def large_rows(result: LargeResult) -> list[Row]:
    """The large-corpus section of the table."""
    build, core = result.build, result.core
    first = result.runs[0].extra
    return [
        Row(
            "Corpus files copied (skipped unreadable)",
            f"{build.copied} ({build.skipped}), {build.megabytes:.1f} MB",
        ),
        Row(
            "Documents / failures (in the app)",
            f"{first.get('documents', 0):,} / {first.get('failures', 0)}",
        ),
        Row("Words (sum of Document.words)", f"{first.get('words', 0):,}"),
        Row("Sentences", f"{first.get('sentences', 0):,}"),
        Row(
            "First paint: a document in a pane (median)",
            f"{result.first_paint_s:.3f} s",
            f"<= {FIRST_PAINT_TARGET_S:g} s",
            result.first_paint_s <= FIRST_PAINT_TARGET_S,
        ),
        Row(
            "All documents segmented (median)",
            f"{result.all_segmented_s:.3f} s",
            f"<= {ALL_SEGMENTED_TARGET_S:g} s",
            result.all_segmented_s <= ALL_SEGMENTED_TARGET_S,
        ),
        Row(
            "Peak RSS (max of runs)",
            f"{result.peak_rss_mb:.0f} MB",
            f"<= {PEAK_RSS_TARGET_MB:g} MB",
            result.peak_rss_mb <= PEAK_RSS_TARGET_MB,
        ),
        Row(
            "  runs: paint / segmented / RSS (cold; warm)",
            "; ".join(
                f"{r.ready_s:.2f} s / {r.all_segmented_s or float('nan'):.2f} s / "
                f"{r.peak_rss_mb or 0:.0f} MB"
                for r in result.runs + result.warm_runs
            ),
        ),
        Row(
            "Claims: detection over every document (core)",
            f"{core.claims_seconds:.3f} s ({core.claims:,} claims and advice)",
            f"<= {CLAIM_DETECTION_TARGET_S:g} s",
            core.claims_seconds <= CLAIM_DETECTION_TARGET_S,
        ),
        Row(
            "  claims known for every document (app, median): cold",
            f"{result.claims_found_s(result.runs):.3f} s",
        ),
        Row(
            "  claims known for every document (app, median): warm",
            f"{result.claims_found_s(result.warm_runs):.3f} s",
        ),
        Row(
            "  passage index ready (app, median): cold",
            f"{result.indexed_s(result.runs):.3f} s",
        ),
        Row(
            "  passage index ready (app, median): warm",
            f"{result.indexed_s(result.warm_runs):.3f} s",
        ),
        Row(
            "Core only: Workspace.load of all, in-process",
            f"{core.seconds:.3f} s ({core.documents:,} docs, {core.words:,} words, "
            f"{core.sentences:,} sentences)",
        ),
    ]


def print_table(rows: list[Row]) -> None:
    """A plain fixed-width table, readable in a terminal and in a CI log."""
    headers = ("Figure", "Value", "Target", "Result")
    cells = [(r.figure, r.value, r.target, verdict(r.passed)) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    # Sized for the figures with a target; long reference values (run lists) just overflow.
    widths[1] = max([len(headers[1])] + [len(r.value) for r in rows if r.target])
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for cell in cells:
        print("  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip())


def environment() -> dict[str, Any]:
    """What the figures depend on, printed with them so numbers from two machines compare."""
    from importlib.metadata import PackageNotFoundError, version

    packages: dict[str, str] = {}
    for name in ("textual", "rich", "sentencex", "markdown-it-py", "charset-normalizer"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = "missing"
    return {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "cpus": os.cpu_count(),
        "packages": packages,
    }


def positive(text: str) -> int:
    """A repetition count: medians of nothing are not figures."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def parse_size(text: str) -> tuple[int, int]:
    """``160x48`` -> (160, 48): the headless terminal size both apps get."""
    width, _, height = text.lower().partition("x")
    try:
        return int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks and print the table (and JSON on request)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=5, help="start-up runs of each app")
    parser.add_argument("--large-runs", type=positive, default=3, help="runs on the large corpus")
    parser.add_argument("--size", type=parse_size, default=(160, 48), help="terminal WxH")
    parser.add_argument("--no-large", action="store_true", help="only the start-up figures")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)

    env = environment()
    print(
        f"Synoptic foundation benchmark - Python {env['python']}, "
        f"Textual {env['packages']['textual']}, {env['cpus']} CPUs, "
        f"headless {args.size[0]}x{args.size[1]}"
    )
    print()
    rows: list[Row] = []
    report: dict[str, Any] = {"environment": env, "size": list(args.size)}
    scratch = Path(tempfile.mkdtemp(prefix="synoptic-bench-"))
    try:
        data_dir = scratch / "data"
        data_dir.mkdir()
        try:
            startup = bench_startup(args.runs, args.size, data_dir)
        except ChildFailed as exc:
            rows.append(Row("Start-up", "child failed", f"<= {STARTUP_RATIO_TARGET}", False))
            report["startup"] = {"error": str(exc)}
            print(exc, file=sys.stderr)
        else:
            rows += startup_rows(startup)
            report["startup"] = {
                "bare_s": startup.bare_s,
                "synoptic_s": startup.synoptic_s,
                "ratio": startup.ratio,
                "ratio_target": STARTUP_RATIO_TARGET,
                "ratio_pass": startup.ratio <= STARTUP_RATIO_TARGET,
                "ratio_in_child": startup.ratio_in_child,
                "bare_runs": [asdict(r) for r in startup.bare],
                "synoptic_runs": [asdict(r) for r in startup.synoptic],
            }
        if not args.no_large:
            report["large"] = run_large_section(args, data_dir, scratch, rows)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print_table(rows)
    if args.json:
        print()
        print(json.dumps(report, indent=2))
    failed = any(r.passed is False for r in rows)
    return 1 if failed and args.strict else 0


@dataclass
class MatchingResult:
    """The passage index on the large corpus: cold build, warm reopen, query latency."""

    cold_s: float
    warm_s: float
    passages: int
    query_p50_ms: float
    query_p95_ms: float
    claims_cold_s: float
    """Claim detection over every document, writing the claims cache."""
    claims_warm_s: float
    """Every verdict (cues and reasons too, as ``synoptic claims`` needs) read back."""
    kinds_warm_s: float
    """Only each sentence's claim kind read back, as ``match`` and ``synopsis`` need."""
    claims_cache_mb: float


def bench_matching(root: Path, scratch: Path) -> MatchingResult:
    """Build the passage index with an empty cache, reopen it warm, then time random queries.

    Documents are loaded first and not timed: the figures are about the index. The cache goes
    to a folder of its own so the user's real cache is never touched.
    """
    import random

    os.environ["SYNOPTIC_CACHE_DIR"] = str(scratch / "passage-cache")
    from corpus.errors import DocumentError
    from corpus.passage_cache import open_index
    from corpus.workspace import Workspace

    workspace = Workspace.open(root)
    documents = [d for d in workspace.load_all() if not isinstance(d, DocumentError)]
    started = time.perf_counter()
    open_index(root, documents)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    index, _ = open_index(root, documents)
    warm = time.perf_counter() - started
    texts = {d.id: d.text for d in documents}
    chooser = random.Random(7)
    latencies = []
    for passage in chooser.sample(index.passages, min(QUERIES, len(index.passages))):
        text = texts[passage.doc_id][passage.start : passage.end]
        started = time.perf_counter()
        index.match(passage.doc_id, passage.start, passage.end, text)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    claims = bench_claims_cache(root, documents, workspace.document_ids)
    return MatchingResult(
        cold_s=cold,
        warm_s=warm,
        passages=len(index.passages),
        query_p50_ms=statistics.median(latencies),
        query_p95_ms=latencies[int(0.95 * (len(latencies) - 1))],
        **claims,
    )


def bench_claims_cache(root: Path, documents: list[Any], ids: list[str]) -> dict[str, float]:
    """Claim detection with an empty claims cache, then the verdicts and the kinds read back
    (the cache folder is the one :func:`bench_matching` set)."""
    from corpus.claim_cache import assess_documents, cache_file, claim_kinds
    from corpus.claim_rules import load_rules

    rules, _ = load_rules(root)
    started = time.perf_counter()
    assess_documents(root, documents, rules, listed=ids)
    claim_kinds(root, documents, rules, listed=ids)  # writes the kinds file from the verdicts
    cold = time.perf_counter() - started
    started = time.perf_counter()
    assess_documents(root, documents, rules, listed=ids)
    warm = time.perf_counter() - started
    started = time.perf_counter()
    claim_kinds(root, documents, rules, listed=ids)
    kinds = time.perf_counter() - started
    path = cache_file(root)
    size = sum(p.stat().st_size for p in (path, path.with_suffix(".kinds.json")) if p.exists())
    return {
        "claims_cold_s": cold,
        "claims_warm_s": warm,
        "kinds_warm_s": kinds,
        "claims_cache_mb": size / (1024 * 1024),
    }


def bench_watch_look(root: Path, looks: int = 21) -> tuple[float, int]:
    """The reader's look for documents changed on disk (every three seconds, in a worker) when
    nothing changed: a listing and a stat per file, the figure the README and
    :mod:`tui.watching` give. The median of ``looks`` looks in milliseconds, and the files."""
    from corpus.workspace import Workspace
    from tui.watching import look_at_disk

    workspace = Workspace.open(root)
    ids = workspace.document_ids
    known = {doc_id: (workspace.stamp_now(doc_id), None) for doc_id in ids}
    times = []
    for _ in range(looks):
        started = time.perf_counter()
        changes = look_at_disk(workspace, known, ids)
        times.append((time.perf_counter() - started) * 1000)
        if changes is None or changes.anything:
            raise RuntimeError("the benchmark's corpus changed while it was looked at")
    return statistics.median(times), len(ids)


def matching_rows(result: MatchingResult) -> list[Row]:
    """The passage-index lines of the table."""
    return [
        Row(
            "Passage index: cold build",
            f"{result.cold_s:.2f} s ({result.passages:,} passages)",
            f"<= {INDEX_COLD_TARGET_S:g} s",
            result.cold_s <= INDEX_COLD_TARGET_S,
        ),
        Row(
            "Passage index: reopen with a warm cache",
            f"{result.warm_s:.2f} s",
            f"<= {INDEX_WARM_TARGET_S:g} s",
            result.warm_s <= INDEX_WARM_TARGET_S,
        ),
        Row(
            f"Match query, p95 of {QUERIES}",
            f"{result.query_p95_ms:.1f} ms (p50 {result.query_p50_ms:.1f} ms)",
            f"<= {QUERY_P95_TARGET_MS:g} ms",
            result.query_p95_ms <= QUERY_P95_TARGET_MS,
        ),
        Row(
            "Claims: cold, then warm from the claims cache",
            f"{result.claims_cold_s:.2f} s, then {result.claims_warm_s:.2f} s "
            f"(kinds only {result.kinds_warm_s * 1000:.0f} ms; {result.claims_cache_mb:.1f} MB)",
        ),
    ]


def run_large_section(
    args: argparse.Namespace, data_dir: Path, scratch: Path, rows: list[Row]
) -> dict[str, Any]:
    """Section (b): append its rows and return its JSON figures."""
    root = scratch / "copyright-corpus"
    root.mkdir()
    build = build_copyright_workspace(root)
    if build.copied == 0:
        rows.append(Row("Large corpus", f"no readable {COPYRIGHT_GLOB}"))
        return {"error": f"no readable {COPYRIGHT_GLOB}", "files_skipped": build.skipped}
    try:
        large = bench_large(build, args.large_runs, args.size, data_dir)
    except ChildFailed as exc:
        print(exc, file=sys.stderr)
        rows.append(Row("Large corpus", "child failed", "", False))
        return {"error": str(exc)}
    rows += large_rows(large)
    matching = bench_matching(root, scratch)
    rows += matching_rows(matching)
    look_ms, looked_at = bench_watch_look(root)
    look = f"{look_ms:.1f} ms ({looked_at} files)"
    rows.append(Row("Watch: one look at the disk, nothing changed", look))
    first = large.runs[0].extra
    if (first.get("documents"), first.get("words")) != (large.core.documents, large.core.words):
        rows.append(Row("Anomaly", "the app and the core loaded different documents"))
    return {
        "files_copied": large.build.copied,
        "files_skipped": large.build.skipped,
        "megabytes": large.build.megabytes,
        "documents": first.get("documents"),
        "failures": first.get("failures"),
        "words": first.get("words"),
        "sentences": first.get("sentences"),
        "matching": vars(matching),
        "watch_look_ms": look_ms,
        "first_paint_s": large.first_paint_s,
        "first_paint_target_s": FIRST_PAINT_TARGET_S,
        "first_paint_pass": large.first_paint_s <= FIRST_PAINT_TARGET_S,
        "all_segmented_s": large.all_segmented_s,
        "all_segmented_target_s": ALL_SEGMENTED_TARGET_S,
        "all_segmented_pass": large.all_segmented_s <= ALL_SEGMENTED_TARGET_S,
        "peak_rss_mb": large.peak_rss_mb,
        "peak_rss_target_mb": PEAK_RSS_TARGET_MB,
        "peak_rss_pass": large.peak_rss_mb <= PEAK_RSS_TARGET_MB,
        "core": asdict(large.core),
        "runs": [asdict(r) for r in large.runs],
        "warm_runs": [asdict(r) for r in large.warm_runs],
    }


if __name__ == "__main__":
    sys.exit(main())
