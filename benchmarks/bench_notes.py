"""Notes at scale: a fact-checking desk of 20 people after a year, 10,000 notes.

Run with ``.venv/bin/python benchmarks/bench_notes.py``. It is a measurement, not a test: it
builds its own workspace, prints a table of figures and exits 0. ``--reuse`` keeps a workspace
already built under ``--root``; ``--only store,cli,merge,reader`` picks the groups.

Why it is built this way:

* The workspace is the sample's five articles plus 200 ``/usr/share/doc/*/copyright`` files
  (generated paragraphs when the machine has fewer), under git with ``synoptic init`` done and
  everything committed, so ``status`` asks git as it would in a shared clone.
* 10,000 annotation records by 20 authors: two thirds of the notes on the five articles, the
  rest spread over the other documents, a year of times, tags, verdicts, evidence links, replies
  (to others' notes and to replies), then through the store API: edits, a few hundred of them
  saved over a stale version (so the displaced one is kept as a conflict version), and
  deletions (tombstones). Finally three documents lose paragraphs, which orphans or moves the
  notes on them. The notes are written through the store's own storage, one file per author and
  document at once (the bytes the store writes), so building takes seconds, not 10,000 saves.
* CLI figures are medians of fresh processes (interpreter start-up included), as a user or a
  script meets them. Store figures are in-process: what a keystroke in the reader costs its
  worker. Reader figures drive the app headless with Pilot and the loop monitor of
  ``bench_responsiveness.py``: each action's longest stall of the event loop and the time until
  its result is on screen.
* The merge driver runs on one author's file of 5,000 notes in each of two clones (4,000 in the
  common base, then each side adds, edits and deletes, some edits on both sides); the output is
  hashed, and the merge is run the other way round too, which must give the same bytes.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.model import Annotation

SAMPLE = ROOT / "corpus" / "sample"
OTHER_DOCUMENTS = 200
AUTHORS = [
    f"{first} {last}"
    for first, last in zip(
        "Ana Ben Chloé Dev Eun Farah Gil Hana Ivo Jia Kofi Lena Mateo Nia Omar Pia Raj Sofia "  # noqa: SIM905
        "Tom Uma".split(),
        "Alves Brandt Costa Desai Eom Fadel García Haddad Ivanov Jiang Kuffour Lund Moreno Ngata "  # noqa: SIM905
        "Omari Pérez Rao Silva Tran Usman".split(),
        strict=True,
    )
]
RECORDS = 10_000
EDITS = 600
CONFLICTS = 300
DELETIONS = 300
TAGS = ("dose", "mood", "trial", "anecdote", "risk", "review", "followup", "source", "stats")
PY = sys.executable


# -- the workspace ---------------------------------------------------------------------------------


def _documents(target: Path) -> None:
    for article in sorted(SAMPLE.glob("*.txt")):
        shutil.copy(article, target / article.name)
    made = 0
    for source in sorted(Path("/usr/share/doc").glob("*/copyright")):
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if len(text.split()) < 80:
            continue
        (target / f"{source.parent.name}.txt").write_text(text, encoding="utf-8")
        made += 1
        if made == OTHER_DOCUMENTS:
            return
    rng = random.Random(3)
    words = (SAMPLE / "000_c4c750e82b5b3139.txt").read_text(encoding="utf-8").split()
    for number in range(made, OTHER_DOCUMENTS):
        paragraphs = [
            " ".join(rng.choice(words) for _ in range(rng.randrange(40, 120))) + "."
            for _ in range(rng.randrange(5, 30))
        ]
        (target / f"generated-{number:03d}.txt").write_text("\n\n".join(paragraphs) + "\n")


def _stamp(rng: random.Random) -> str:
    """A moment in the past year, as the store writes one."""
    seconds = rng.randrange(0, 365 * 24 * 3600)
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(1_700_000_000 + seconds))


def _notes(texts: dict[str, str], spans: dict[str, list[tuple[int, int]]]) -> list[Annotation]:
    """The year's notes and replies, oldest first, through the model's own constructors."""
    from annotations.labels import Verdict
    from annotations.links import Relation, parse_link
    from annotations.model import Annotation
    from annotations.target import Target

    rng = random.Random(7)
    articles = [d for d in sorted(texts) if d.startswith("00")]
    others = [d for d in sorted(texts) if d not in articles and spans[d]]
    stamps = sorted(_stamp(rng) for _ in range(RECORDS))
    made: list[Annotation] = []
    for number, stamp in enumerate(stamps):
        author = AUTHORS[rng.randrange(len(AUTHORS))]
        if made and rng.random() < 0.3:
            parent = rng.choice(made[-400:])
            target = parent.target
            reply_to: str | None = parent.id
        else:
            doc = rng.choice(articles) if rng.random() < 0.66 else rng.choice(others)
            start, end = rng.choice(spans[doc])
            target = Target.from_span(doc, texts[doc], start, end)
            reply_to = None
        links = []
        if rng.random() < 0.25:
            links.append(parse_link(f"doi:10.1000/desk.{number}", rng.choice(list(Relation))))
        if rng.random() < 0.1:
            links.append(parse_link(f"https://example.org/source/{number}", Relation.CONTEXT))
        note = Annotation.create(
            author,
            target,
            f"Note {number}: the **source** ({rng.choice(TAGS)}) says otherwise; checked "
            f"against the trial registry and two reviews.",
            tags=rng.sample(TAGS, rng.randrange(0, 4)),
            verdict=None if reply_to or rng.random() < 0.4 else rng.choice(list(Verdict)),
            links=links,
            reply_to=reply_to,
        )
        made.append(replace(note, id=f"{number:05d}{note.id[5:]}", created=stamp, modified=stamp))
    return made


def build(target: Path) -> None:
    """The workspace of the module docstring, from scratch."""
    from annotations.store import TABLE, AnnotationStore, JSONShardStorage, author_slug
    from corpus.workspace import Workspace

    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    _documents(target)
    workspace = Workspace.open(target)
    texts: dict[str, str] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id in workspace.document_ids:
        document = workspace.load(doc_id)
        texts[doc_id] = document.text
        spans[doc_id] = [(s.start, s.end) for s in document.sentences if s.end - s.start > 20]
    notes = _notes(texts, spans)
    store = AnnotationStore(target, AUTHORS[0])  # only for the file names
    shards: dict[Path, dict[str, Any]] = {}
    for note in notes:
        path = store.folder / author_slug(note.author) / store.shard_path(note.target.doc).name
        shards.setdefault(path, {})[note.id] = note.to_record()
    for path, table in shards.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        JSONShardStorage(path, writable=True).write({TABLE: table})
    rng = random.Random(11)
    roots = [n for n in notes if n.reply_to is None]
    stores = {author: AnnotationStore(target, author) for author in AUTHORS}
    for number, note in enumerate(rng.sample(roots, EDITS + DELETIONS)):
        author_store = stores[note.author]
        if number < EDITS:
            edited = note.edited(note=note.note + " Edited after the authors replied.")
            if number < CONFLICTS:  # saved over a version changed meanwhile, in another window
                edited = replace(edited, based_on="2000-01-01T00:00:00+00:00")
            author_store.update(edited)
        else:
            author_store.delete(note.id)
    for doc_id in sorted(texts)[1:4]:  # documents rewritten: their notes move or are orphaned
        paragraphs = texts[doc_id].split("\n\n")
        kept = [p for i, p in enumerate(paragraphs) if i % 3 != 1]
        (target / doc_id).write_text("\n\n".join(kept), encoding="utf-8")
    git = ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.invalid"]
    subprocess.run([*git, "init", "-q", str(target)], check=True)
    cli(target, "init", check=True)
    subprocess.run([*git, "-C", str(target), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(target), "commit", "-qm", "A year of notes"], check=True)


def cli(
    workspace: Path | None, *args: str, check: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """One ``synoptic`` command in a fresh process, as a user runs it."""
    where = [] if workspace is None else [str(workspace)]
    return subprocess.run(
        [PY, "-m", "tui", *args, *where], capture_output=True, check=check, cwd=ROOT
    )


# -- measuring ------------------------------------------------------------------------------------

Row = tuple[str, float | None, str]
"""A figure: what was done, seconds (None: failed), a note."""


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def median_of(runs: int, action: Callable[[], object]) -> tuple[float, object]:
    times: list[float] = []
    result: object = None
    for _ in range(runs):
        took, result = timed(action)
        times.append(took)
    return statistics.median(times), result


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def bench_cli(workspace: Path, runs: int, out: Path) -> list[Row]:
    author = ["--author", AUTHORS[0]]
    rows: list[Row] = []

    def command(label: str, *args: str, output: Path | None = None) -> None:
        took, done = median_of(runs, lambda: cli(workspace, *args))
        assert isinstance(done, subprocess.CompletedProcess)
        data = output.read_bytes() if output is not None else done.stdout
        note = f"exit {done.returncode}, {len(data) / 1e6:.1f} MB, sha {digest(data)}"
        if done.returncode:
            note += " " + done.stderr.decode(errors="replace").strip().splitlines()[-1][:80]
        rows.append((label, took, note))

    command("synoptic notes --json", "notes", "--json")
    command("synoptic notes", "notes")
    md, w3c = out / "report.md", out / "notes.jsonld"
    command(
        "synoptic export (Markdown, --no-synopsis)",
        "export",
        "--no-synopsis",
        "-o",
        str(md),
        "--force",
        output=md,
    )
    command(
        "synoptic export --format w3c",
        "export",
        "--format",
        "w3c",
        "-o",
        str(w3c),
        "--force",
        output=w3c,
    )
    command("synoptic status", "status", *author)
    # last: it adds notes, which the figures above must not see (their hashes are compared)
    command(
        "synoptic note add",
        "note",
        "add",
        "--doc",
        "000_c4c750e82b5b3139.txt",
        "--quote",
        "kratom",
        "--occurrence",
        "1",
        "--text",
        "Bench note.",
        *author,
    )
    return rows


def merge_versions(folder: Path) -> tuple[Path, Path, Path]:
    """One author's file in a common base (4,000 notes) and two clones (5,000 each)."""
    from annotations.model import Annotation
    from annotations.store import TABLE, dumps_tables
    from annotations.target import Target

    text = (SAMPLE / "000_c4c750e82b5b3139.txt").read_text(encoding="utf-8")
    rng = random.Random(5)
    author = AUTHORS[0]

    def note(number: int) -> Annotation:
        start = rng.randrange(0, len(text) - 200)
        target = Target.from_span("000_c4c750e82b5b3139.txt", text, start, start + 80)
        made = Annotation.create(author, target, f"Merged note {number}.", tags=["merge"])
        stamp = _stamp(rng)
        # ids and times from the seed, so the merged bytes can be compared from run to run
        made_id = f"m{number:05d}{rng.getrandbits(104):026x}"
        return replace(made, id=made_id, created=stamp, modified=stamp)

    base = {n.id: n for n in (note(i) for i in range(4000))}
    sides: list[dict[str, Any]] = []
    for side in range(2):
        mine = dict(base)
        for i in range(1000):
            added = note(10_000 * (side + 1) + i)
            mine[added.id] = added
        ids = sorted(base)
        for i in range(300):  # edits; the first 100 ids are edited on both sides
            old = mine[ids[i if i < 100 else 100 + side * 300 + i]]
            stamp = f"2025-0{side + 1}-01T00:00:00+00:00"
            mine[old.id] = replace(old, note=old.note + f" Edit {side}.", modified=stamp)
        for i in range(50):
            gone = mine[ids[-1 - i - side * 50]]
            mine[gone.id] = replace(gone.tombstone(), modified="2025-03-01T00:00:00+00:00")
        sides.append({k: v.to_record() for k, v in mine.items()})
    paths = (folder / "base.json", folder / "ours.json", folder / "theirs.json")
    tables = ({k: v.to_record() for k, v in base.items()}, *sides)
    for path, table in zip(paths, tables, strict=True):
        path.write_text(dumps_tables({TABLE: table}), encoding="utf-8")
    return paths


def bench_merge(folder: Path, runs: int) -> list[Row]:
    base, ours, theirs = merge_versions(folder)
    rows: list[Row] = []
    results: list[str] = []
    for label, first, second in (("ours, theirs", ours, theirs), ("theirs, ours", theirs, ours)):
        times: list[float] = []
        for _ in range(runs):
            work = folder / "work.json"
            shutil.copy(first, work)
            took, done = timed(
                lambda w=work, s=second: cli(
                    None, "merge-driver", str(base), str(w), str(s), "a.json"
                )
            )
            times.append(took)
        assert isinstance(done, subprocess.CompletedProcess)
        results.append(digest(work.read_bytes()))
        rows.append(
            (
                f"merge-driver 5,000 + 5,000 notes ({label})",
                statistics.median(times),
                f"exit {done.returncode}, sha {results[-1]}",
            )
        )
    same = "same bytes both ways" if results[0] == results[1] else "DIFFERENT bytes"
    rows.append(("merge-driver deterministic", None if results[0] != results[1] else 0.0, same))
    return rows


def bench_store(workspace: Path, runs: int) -> list[Row]:
    """What the reader's worker does for each keystroke, in this process."""
    from annotations.model import Annotation
    from annotations.placement import place_all
    from annotations.store import AnnotationStore, LoadResult
    from annotations.target import Target
    from corpus.workspace import Workspace

    rows: list[Row] = []
    me, other = AUTHORS[0], AUTHORS[1]
    store = AnnotationStore(workspace, me)
    took, loaded = timed(store.load)
    assert isinstance(loaded, LoadResult)
    rows.append(
        (
            "open the store and read every note",
            took,
            f"{len(loaded.annotations)} notes, {len(loaded.tombstones)} tombstones",
        )
    )
    took, _ = median_of(runs, store.load)
    rows.append(("read again, nothing changed", took, "the 20 s refresh"))
    doc = "000_c4c750e82b5b3139.txt"
    text = (workspace / doc).read_text(encoding="utf-8")
    targets = iter(Target.from_span(doc, text, 100 + i * 50, 160 + i * 50) for i in range(99))
    took, _ = median_of(runs, lambda: store.add(Annotation.create(me, next(targets), "Added.")))
    rows.append(("add a note (then read again)", took + median_of(1, store.load)[0], "own file"))
    mine = [a for a in store.load().annotations if a.author == me and a.target.doc == doc]
    edits = iter(mine)
    took, _ = median_of(runs, lambda: store.update(next(edits).edited(note="Changed.")))
    rows.append(("edit a note", took, ""))
    took, _ = median_of(runs, lambda: store.delete(next(edits).id))
    rows.append(("delete a note", took, ""))
    writer = AnnotationStore(workspace, other)
    writer.add(Annotation.create(other, next(targets), "From another reader."))
    took, _ = timed(store.load)
    rows.append(("read again, one file of another author changed", took, ""))
    opened = Workspace.open(workspace)
    texts = {doc_id: opened.load(doc_id).text for doc_id in opened.document_ids}
    annotations = store.load().annotations
    took, placed = timed(lambda: place_all(annotations, texts))
    orphans = sum(1 for p in placed if p.orphaned)
    rows.append(("place (anchor) every note", took, f"{orphans} orphaned"))
    return rows


async def drive_reader(workspace: Path) -> list[Any]:
    """Open the reader, then the notes panel, the notes list, a save and the refreshes."""
    from bench_responsiveness import SIZE, LoopMonitor, Session, wait_until

    from annotations.model import Annotation
    from annotations.target import Target
    from tui.app import make_app
    from tui.screens.notes_list import NotesListScreen

    monitor = LoopMonitor()
    opened = time.perf_counter()
    app = make_app(workspace, author=AUTHORS[0])
    async with app.run_test(size=SIZE) as pilot:
        task = asyncio.create_task(monitor.run())
        session = Session(app, pilot, monitor)
        notes = app.notes

        async def first_paint() -> str:
            await wait_until(pilot, lambda: app.first_document_at is not None, "the document")
            return ""

        async def notes_read() -> str:
            await wait_until(pilot, lambda: notes.ready and notes.placed, "notes")
            return f"{len(notes.placed)} notes placed"

        async def sharing() -> str:
            await wait_until(pilot, lambda: app.sharing.status is not None, "sharing status")
            return ""

        try:
            await session.measure("open: first paint", first_paint, since=opened)
            await session.measure("open: notes placed", notes_read, since=opened)
            await session.measure("open: sharing status", sharing, since=opened)

            async def panel() -> str:
                await pilot.press("p")
                await pilot.pause()
                await pilot.press("p")
                return "shown and hidden"

            await session.measure("p (notes panel)", panel)

            async def notes_list() -> str:
                await pilot.press("l")
                await wait_until(pilot, lambda: isinstance(app.screen, NotesListScreen), "list")
                table = app.screen.query_one("DataTable")
                await wait_until(pilot, lambda: table.row_count > 0, "rows")  # type: ignore[attr-defined]
                rows = table.row_count  # type: ignore[attr-defined]
                await pilot.press("escape")
                return f"{rows} rows"

            await session.measure("l (notes list)", notes_list)

            async def save() -> str:
                document = app.panes[0].view.document
                assert document is not None
                sentence = document.sentences[3]
                target = Target.from_span(document.id, document.text, sentence.start, sentence.end)
                note = Annotation.create(AUTHORS[0], target, "Added in the reader.")
                number = notes.save(lambda store: store.add(note), "Saving")
                await wait_until(pilot, lambda: notes._shown >= number and not notes.saving, "save")
                return ""

            await session.measure("add a note (saved, re-placed)", save)

            async def refresh() -> str:
                before = app.sharing.status
                notes.refresh()
                await wait_until(pilot, lambda: app.sharing.status is not before, "refresh")
                return "nothing changed; sharing re-checked"

            await session.measure("20 s refresh, nothing new", refresh)
        finally:
            monitor.stop()
            await task
    return session.figures


def print_rows(title: str, rows: list[Row]) -> None:
    print(f"\n== {title} ==")
    for label, seconds, note in rows:
        shown = "failed" if seconds is None else f"{seconds * 1000:,.0f} ms"
        print(f"{label:<52}{shown:>12}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("/tmp"), help="where scale-notes goes")
    parser.add_argument("--reuse", action="store_true", help="keep a workspace already built")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (median)")
    parser.add_argument("--only", default="store,cli,merge,reader")
    args = parser.parse_args()
    groups = set(args.only.split(","))
    target = args.root / "scale-notes"
    with tempfile.TemporaryDirectory(prefix="synoptic-bench-notes-") as scratch_name:
        scratch = Path(scratch_name)
        os.environ["SYNOPTIC_DATA_DIR"] = str(scratch / "data")
        os.environ["SYNOPTIC_CACHE_DIR"] = str(scratch / "cache")
        if not (args.reuse and target.exists()):
            took, _ = timed(lambda: build(target))
            print(f"built {target} in {took:.1f} s")
        # the store and CLI figures add notes: they work on a copy, so --reuse starts afresh
        work = scratch / "ws"
        shutil.copytree(target, work, symlinks=True)
        if "cli" in groups:
            print_rows("CLI (fresh processes, median)", bench_cli(work, args.runs, scratch))
        if "merge" in groups:
            merging = scratch / "merge"
            merging.mkdir()
            print_rows("git merge driver", bench_merge(merging, args.runs))
        if "store" in groups:
            print_rows("store (in process)", bench_store(work, args.runs))
        if "reader" in groups:
            shutil.rmtree(work)
            shutil.copytree(target, work, symlinks=True)
            figures = asyncio.run(drive_reader(work))
            print(f"\n== reader ==\n{'action':<40}{'longest stall':>14}{'visible after':>15}  note")
            for figure in figures:
                visible = "" if figure.visible is None else f"{figure.visible:.2f} s"
                stall = f"{figure.stall * 1000:.0f} ms"
                print(f"{figure.action:<40}{stall:>14}{visible:>15}  {figure.note}")


if __name__ == "__main__":
    main()
