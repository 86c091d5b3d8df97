"""Responsiveness benchmark: how long the reader's event loop is blocked, action by action, on
large workspaces.

Run with ``.venv/bin/python benchmarks/bench_responsiveness.py``. It is a measurement, not a
test: it prints a table per workspace (each action's longest stall of the event loop and the
time until its result was on screen) and exits 0. ``--why`` also prints where the loop was
when it stalled longest; ``--only copyright,big,many`` picks workspaces.

Why it is built this way:

* The rule is that slow work (reading, claims, indexing, matching, search, export) runs in
  workers and the event loop only paints. A stall is what breaks it, whatever the cause: work
  on the loop, or a worker that holds the interpreter lock for long stretches (a regular
  expression over megabytes does). So the figure is measured from inside the loop: a task
  asks to wake every :data:`TICK` seconds and notes how late it wakes. Any callback that
  keeps the loop busy delays that wake-up by as long as it runs, so the longest lateness in
  an action's time is its longest stall, whatever code caused it.
* A watchdog thread notices a tick overdue by :data:`WATCH_AFTER` and notes the loop thread's
  stack then (``--why``), so a stall says which code it was, not only how long.
* The app runs in this process through ``run_test`` and is driven by Pilot with keys, the
  wheel and the terminal's size, as a user would. "Visible" is when the widget the action
  changes holds its new state (a condition per action), plus one refresh.
* The workspaces are built under ``/tmp/stall-*`` (``--root``), each with 500 notes added
  through the store API first: (a) the first 300 readable ``/usr/share/doc/*/copyright``
  files (as ``bench_foundation.py`` picks them: sorted, unreadable ones skipped); (b) one
  5 MB document of those files concatenated, plus the sample's five articles; (c) 1,000
  short documents, paragraphs of the sample articles. The data and cache folders are
  temporary, so the passage index is built cold: the worst case.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from textual.pilot import Pilot

    from tui.app import SynopticApp

TICK = 0.005
"""Seconds between the monitor's wake-ups: short enough to resolve a 10 ms stall."""
WATCH_AFTER = 0.08
"""A tick overdue by this much has its stack noted by the watchdog."""
NOTES = 500
SIZE = (160, 48)
TIMEOUT = 120.0
"""Seconds any one action may take before the benchmark gives up on it and goes on."""
SYNOPSIS_WAIT = 180.0
"""The synopsis asks every claim about every other document: on a thousand documents it
takes longer than anyone waits, so it is given up (and cancelled) after this long, with the
loop's stalls meanwhile still measured."""
SAMPLE = ROOT / "corpus" / "sample"
BIG_BYTES = 5 * 1024 * 1024


# -- the workspaces ------------------------------------------------------------------------------


def copyright_files() -> list[tuple[str, bytes]]:
    """The readable ``/usr/share/doc/*/copyright`` files, sorted, as bench_foundation reads them."""
    found = []
    for source in sorted(Path("/usr/share/doc").glob("*/copyright")):
        try:
            found.append((source.parent.name, source.read_bytes()))
        except OSError:
            continue
    return found


def build_copyright(target: Path) -> None:
    for name, data in copyright_files()[:300]:
        (target / f"{name}.txt").write_bytes(data)


def build_big(target: Path) -> None:
    """One 5 MB document (named to sort first, so the first pane shows it) and the sample."""
    pieces: list[bytes] = []
    size = 0
    while size < BIG_BYTES:
        for _, data in copyright_files():
            pieces.append(data)
            size += len(data) + 2
            if size >= BIG_BYTES:
                break
    (target / "000-big.txt").write_bytes(b"\n\n".join(pieces))
    for article in sorted(SAMPLE.glob("*.txt")):
        shutil.copy(article, target / article.name)


def build_many(target: Path) -> None:
    """1,000 short documents: two paragraphs of the sample articles each, in turn."""
    paragraphs = [
        p.strip()
        for article in sorted(SAMPLE.glob("*.txt"))
        for p in article.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) > 12
    ]
    for number in range(1000):
        first = paragraphs[number % len(paragraphs)]
        second = paragraphs[(number * 7 + 3) % len(paragraphs)]
        (target / f"short-{number:04d}.txt").write_text(
            f"Short note {number}\n\n{first}\n\n{second}\n", encoding="utf-8"
        )


BUILDERS: dict[str, Callable[[Path], None]] = {
    "copyright": build_copyright,
    "big": build_big,
    "many": build_many,
}


def add_notes(root: Path, count: int) -> None:
    """``count`` notes spread over the documents, on their sentences, through the store API."""
    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from annotations.target import Target
    from corpus.workspace import Workspace

    workspace = Workspace.open(root)
    store = AnnotationStore(root, "Bench")
    ids = workspace.document_ids
    added = 0
    for round_ in range(count):
        document = workspace.load(ids[round_ % len(ids)])
        if not document.sentences:
            continue
        sentence = document.sentences[(round_ // len(ids) * 3) % len(document.sentences)]
        target = Target.from_span(document.id, document.text, sentence.start, sentence.end)
        store.add(Annotation.create("Bench", target, f"Benchmark note {round_}: check this."))
        added += 1
        if added >= count:
            break


def build(root: Path, name: str) -> Path:
    target = root / f"stall-{name}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    BUILDERS[name](target)
    add_notes(target, NOTES)
    return target


# -- measuring the loop --------------------------------------------------------------------------


@dataclass
class LoopMonitor:
    """Wakes every :data:`TICK` and notes how late; a watchdog notes stacks of long stalls."""

    samples: list[tuple[float, float]] = field(default_factory=list)
    """(woke at, lateness) pairs, perf_counter seconds."""
    stacks: list[tuple[float, float, str]] = field(default_factory=list)
    """(woke at, lateness, the loop thread's stack while it was overdue)."""
    _expected: float = 0.0
    _running: bool = True
    _loop_thread: int = 0
    _pending_stack: str | None = None
    collections: list[tuple[float, float, int]] = field(default_factory=list)
    """(ended at, seconds, generation) of the garbage collector's passes."""
    _collecting: float = 0.0

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._collecting = time.perf_counter()
        else:
            now = time.perf_counter()
            self.collections.append((now, now - self._collecting, info["generation"]))

    def longest_collection(self, start: float, end: float) -> float:
        return max((took for at, took, _ in self.collections if start <= at <= end), default=0.0)

    async def run(self) -> None:
        self._loop_thread = threading.get_ident()
        gc.callbacks.append(self._on_gc)
        watchdog = threading.Thread(target=self._watch, daemon=True)
        watchdog.start()
        while self._running:
            self._expected = time.perf_counter() + TICK
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            late = max(now - self._expected, 0.0)
            self.samples.append((now, late))
            if self._pending_stack is not None:
                self.stacks.append((now, late, self._pending_stack))
                self._pending_stack = None

    def _watch(self) -> None:
        """While a tick is overdue, sample the loop thread's stack every 10 ms: the frames seen
        most often are where the stall went (a small sampling profile of that stall)."""
        samples: Counter[str] = Counter()
        taken = 0
        while self._running:
            time.sleep(0.01)
            overdue = time.perf_counter() - self._expected > WATCH_AFTER
            if overdue:
                frames = sys._current_frames()
                if self._loop_thread in frames:
                    taken += 1
                # a loop waiting in select() is waiting for the interpreter lock: the other
                # threads' frames say who holds it
                for thread, frame in frames.items():
                    if thread == threading.get_ident():
                        continue
                    mark = "" if thread == self._loop_thread else "[thread] "
                    seen = set()
                    for summary in traceback.extract_stack(frame)[-40:]:
                        place = "/".join(summary.filename.rsplit("/", 2)[-2:])
                        where = f"{mark}{place}:{summary.lineno} {summary.name}"
                        if where not in seen:
                            seen.add(where)
                            samples[where] += 1
            elif taken:
                top = [f"{100 * n // taken:>3}% {where}" for where, n in samples.most_common(60)]
                self._pending_stack = "\n".join(
                    line for line in top if "asyncio" not in line and "threading.py" not in line
                )
                samples.clear()
                taken = 0

    def stop(self) -> None:
        self._running = False
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)

    def longest(self, start: float, end: float) -> float:
        return max((late for at, late in self.samples if start <= at <= end), default=0.0)

    def worst_stack(self, start: float, end: float) -> tuple[float, str] | None:
        inside = [(late, stack) for at, late, stack in self.stacks if start <= at <= end]
        return max(inside, default=None)


@dataclass
class Figure:
    action: str
    stall: float
    visible: float | None
    note: str = ""
    stack: str | None = None
    collection: float = 0.0
    """The longest pass of the garbage collector meanwhile (it stops every thread)."""


class GaveUp(Exception):
    """An action's result did not show in time; its figures so far are still reported."""


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], object], what: str, timeout: float = TIMEOUT
) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise GaveUp(f"gave up waiting {timeout:.0f} s for {what}")
        await asyncio.sleep(0.005)
    await pilot.pause()


async def key_latency(
    app: SynopticApp, key: str, char: str | None, handled: Callable[[], object]
) -> float:
    """Seconds from a key reaching the app to ``handled()`` being true.

    Not ``pilot.press``: that waits until the whole process is idle, up to a second twice, so
    with a worker busy every key took two seconds however fast the reader answered it.
    """
    from textual import events

    pressed = time.perf_counter()
    app.post_message(events.Key(key, char))
    deadline = pressed + TIMEOUT
    while not handled():
        if time.perf_counter() > deadline:
            raise GaveUp(f"the key {key} was not handled in {TIMEOUT:.0f} s")
        await asyncio.sleep(0.001)
    return time.perf_counter() - pressed


async def type_into_input(app: SynopticApp, text: str) -> float:
    """Type ``text`` a key at a time into the input of the screen on top; the slowest key's
    latency (:func:`key_latency`), each key until the field holds it."""
    from textual.widgets import Input

    field = app.screen.query_one(Input)
    slowest = 0.0
    for char in text:

        def typed(so_far: str = field.value + char) -> bool:
            return field.value == so_far

        slowest = max(slowest, await key_latency(app, char, char, typed))
    return slowest


class Session:
    """One app on one workspace, and the figures of the actions done to it."""

    def __init__(self, app: SynopticApp, pilot: Pilot[None], monitor: LoopMonitor) -> None:
        self.app = app
        self.pilot = pilot
        self.monitor = monitor
        self.figures: list[Figure] = []

    async def measure(
        self, action: str, act: Callable[[], Awaitable[str | None]], *, since: float | None = None
    ) -> None:
        started = time.perf_counter() if since is None else since
        visible = True
        try:
            note = await act() or ""
        except GaveUp as exc:
            note, visible = str(exc), False
        ended = time.perf_counter()
        await asyncio.sleep(TICK * 3)  # the tick after a stall at the very end is counted too
        self.figures.append(
            Figure(
                action,
                self.monitor.longest(started, ended + TICK * 3),
                ended - started if visible else None,
                note,
                (self.monitor.worst_stack(started, ended + TICK * 3) or (0, None))[1],
                self.monitor.longest_collection(started, ended + TICK * 3),
            )
        )


ACTIONS = ("scroll", "match", "synopsis", "search", "notes", "resize")
"""The groups of actions after opening, in the order they run; ``--actions`` picks some."""


async def drive(
    session: Session,
    opened: float,
    *,
    open_only: bool = False,
    actions: tuple[str, ...] = ACTIONS,
) -> None:
    """Every action of the brief (or those of ``actions``), in turn, each measured."""
    from textual import events

    from tui.pane_matches import answers
    from tui.screens.notes_list import NotesListScreen
    from tui.screens.search import SearchScreen
    from tui.screens.synopsis import SynopsisScreen
    from tui.widgets.matches_panel import MatchesPanel

    app, pilot = session.app, session.pilot
    parallel = app.parallel

    async def first_paint() -> str:
        await wait_until(pilot, lambda: app.first_document_at is not None, "the first document")
        return ""

    async def all_read() -> str:
        await wait_until(pilot, lambda: app.loading_finished_at is not None, "loading")
        return f"{len(app.loaded_documents())} documents"

    async def claims() -> str:
        await wait_until(pilot, lambda: app.claims_finished_at is not None, "claims")
        return ""

    async def indexed() -> str:
        await wait_until(pilot, lambda: parallel.index is not None, "the index")
        return ""

    async def notes_read() -> str:
        await wait_until(pilot, lambda: app.notes.ready and not app.notes.saving, "notes")
        return f"{len(app.notes.placed)} notes"

    await session.measure("open: first document drawn", first_paint, since=opened)
    await session.measure("open: every document read", all_read, since=opened)
    await session.measure("open: claims found", claims, since=opened)
    await session.measure("open: passages indexed", indexed, since=opened)
    await session.measure("open: notes placed", notes_read, since=opened)
    if open_only:
        return
    await pilot.pause(0.3)

    view = app.panes[0].view
    view.focus()
    await pilot.pause()

    async def page_down() -> str:
        for _ in range(50):
            await pilot.press("pagedown")
        await wait_until(pilot, lambda: view._layout is not None, "the layout")
        return f"to line {round(view.scroll_y)}"

    async def page_up() -> str:
        for _ in range(50):
            await pilot.press("pageup")
        return ""

    async def wheel() -> str:
        x, y = view.region.x + 5, view.region.y + 5
        for _ in range(50):
            app.post_message(
                events.MouseScrollDown(
                    None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y
                )
            )
            await pilot.pause()
        return f"to line {round(view.scroll_y)}"

    if "scroll" in actions:
        await session.measure("page down x50", page_down)
        await session.measure("page up x50", page_up)
        await session.measure("wheel down x50", wheel)

    def matched() -> bool:
        result = parallel.result
        return result is not None and answers(result, view)

    async def follow() -> str:
        await pilot.press("home")
        await pilot.press("f")
        await wait_until(pilot, matched, "follow's first match")
        slowest = 0.0
        for _ in range(15):
            pressed = time.perf_counter()
            await pilot.press("down")
            await wait_until(pilot, matched, "a match in follow mode")
            slowest = max(slowest, time.perf_counter() - pressed)
        await pilot.press("f")
        return f"slowest key to match {slowest:.2f}s"

    async def match_key() -> str:
        await pilot.press("down", "down")
        await pilot.press("m")
        await wait_until(pilot, matched, "the match")
        return ""

    def panel_shown() -> bool:
        panels = app.query(MatchesPanel)
        return any(p.has_class("-shown") for p in panels)

    async def matches_panel() -> str:
        await pilot.press("M")
        await wait_until(pilot, panel_shown, "the matches panel")
        return ""

    async def close_panel() -> str:
        await pilot.press("M")
        await wait_until(pilot, lambda: not panel_shown(), "the matches panel to close")
        return ""

    if "match" in actions:
        await session.measure("follow on, cursor down x15", follow)
        await session.measure("m (match)", match_key)
        await session.measure("M (matches panel)", matches_panel)
        await session.measure("M (close it)", close_panel)

    fills: list[float] = []

    async def synopsis() -> str:
        await pilot.press("s")
        keys = 0
        slowest = 0.0
        shown = False
        deadline = time.perf_counter() + SYNOPSIS_WAIT
        # the reader must answer keys while the synopsis is grouped: one a second, timed
        while time.perf_counter() < deadline:
            if isinstance(app.screen, SynopsisScreen):
                shown = True
                break
            await asyncio.sleep(1.0)
            if app.screen is app.screen_stack[0]:
                cursor = view.cursor
                last = view.document is not None and cursor >= len(view.document.sentences) - 1
                took = await key_latency(
                    app, "up" if last else "down", None, lambda c=cursor: view.cursor != c
                )
                slowest = max(slowest, took)
                keys += 1
        while_building = f"{keys} keys meanwhile, slowest {slowest * 1000:.0f} ms"
        if not shown:
            app.workers.cancel_group(app, "synopsis")
            raise GaveUp(f"no synopsis after {SYNOPSIS_WAIT:.0f} s; {while_building}")
        await wait_until(pilot, table_full, "the whole table")
        screen = app.screen
        assert isinstance(screen, SynopsisScreen)
        fill = screen._fill

        def noting_fill(**options: Any) -> None:  # whatever _fill takes (columns, cursor...)
            fill(**options)
            fills.append(time.perf_counter())

        screen._fill = noting_fill  # type: ignore[method-assign]
        return f"{len(screen.rows)} rows; {while_building}"

    def table_full() -> bool:
        # the table fills a batch a frame (SynopsisScreen._fill); older code filled it at once
        screen = app.screen
        return not getattr(screen, "filling", False)

    async def sort() -> str:
        for key in ("a", "k", "s"):
            await pilot.press(key)
        await wait_until(pilot, table_full, "the sorted table")
        return ""

    async def filter_rows() -> str:
        await pilot.press("slash")
        slowest = await type_into_input(app, "software")
        typed = time.perf_counter()
        await wait_until(
            pilot, lambda: fills and fills[-1] > typed and table_full(), "the filtered table"
        )
        screen = app.screen
        rows = screen.query_one("SynopsisTable").row_count  # type: ignore[attr-defined]
        # counted by the patched SynopsisScreen._fill: 0 would mean the patch missed the method
        refills = sum(1 for at in fills if at > typed)
        return f"{rows} rows after {refills} fill(s); slowest key {slowest * 1000:.0f} ms"

    async def choose() -> str:
        await pilot.press("enter")  # from the filter to the table
        await pilot.press("enter")  # the row
        await wait_until(
            pilot,
            lambda: app.screen is app.screen_stack[0] and app.panes[0].view.passage is not None,
            "the row in the panes",
        )
        return f"{len(app.panes)} panes"

    if "synopsis" in actions:
        await session.measure("s (synopsis built, shown)", synopsis)
    if "synopsis" in actions and isinstance(app.screen, SynopsisScreen):
        await session.measure("synopsis: sort a, k, s", sort)
        await session.measure("synopsis: filter 'software'", filter_rows)
        await session.measure("synopsis: choose a row", choose)

    async def search() -> str:
        app.panes[0].view.focus()
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "search")
        await pilot.press("ctrl+t")
        slowest = await type_into_input(app, "the")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_until(
            pilot,
            lambda: (
                "all documents" in str(screen.query_one("#search-summary").render()) and screen.hits
            ),
            "the results",
        )
        hits = len(screen.hits)
        await pilot.press("escape")
        return f"{hits} hits; slowest key {slowest * 1000:.0f} ms"

    if "search" in actions:
        await session.measure("search all documents 'the'", search)

    async def notes_list() -> str:
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, NotesListScreen), "notes list")
        table = app.screen.query_one("DataTable")
        await wait_until(pilot, lambda: table.row_count > 0, "the notes")  # type: ignore[attr-defined]
        rows = table.row_count  # type: ignore[attr-defined]
        await pilot.press("escape")
        return f"{rows} rows"

    if "notes" in actions:
        await session.measure("l (notes list)", notes_list)

    def wrapped() -> bool:
        return all(
            p.view.document is None
            or (p.view._layout is not None and p.view._layout.width == p.view.text_width)
            for p in app.panes
        )

    async def resize() -> str:
        await pilot.resize_terminal(100, 40)
        await wait_until(pilot, wrapped, "the re-wrap")
        await pilot.resize_terminal(*SIZE)
        await wait_until(pilot, wrapped, "the re-wrap")
        return "160x48 -> 100x40 -> 160x48"

    if "resize" in actions:
        await session.measure("resize twice", resize)


async def run_workspace(
    root: Path, *, open_only: bool = False, actions: tuple[str, ...] = ACTIONS
) -> list[Figure]:
    from tui.app import make_app

    monitor = LoopMonitor()
    opened = time.perf_counter()
    app = make_app(root)
    errors: list[str] = []
    notify = app.notify

    def noting_notify(message: str, *args: object, **kwargs: object) -> None:
        if kwargs.get("severity") == "error":
            errors.append(str(message))
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = noting_notify  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        task = asyncio.create_task(monitor.run())
        session = Session(app, pilot, monitor)
        try:
            await drive(session, opened, open_only=open_only, actions=actions)
        finally:
            monitor.stop()
            await task
    if errors:
        print("errors:", *errors, sep="\n  ")
    return session.figures


def print_table(name: str, figures: list[Figure], why: bool) -> None:
    print(f"\n== {name} ==")
    print(f"{'action':<32}{'longest stall':>14}{'visible after':>15}{'longest gc':>12}  note")
    for figure in figures:
        flag = " !" if figure.stall > 0.1 else "  "
        visible = "" if figure.visible is None else f"{figure.visible:.2f} s"
        print(
            f"{figure.action:<32}{figure.stall * 1000:>11.0f} ms{flag}{visible:>13}"
            f"{figure.collection * 1000:>9.0f} ms  {figure.note}"
        )
    if why:
        for figure in figures:
            if figure.stall > 0.1 and figure.stack:
                print(f"\n-- {figure.action}: the loop during its longest stall --")
                print(figure.stack)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("/tmp"), help="where stall-* go")
    parser.add_argument("--only", default="copyright,big,many")
    parser.add_argument("--why", action="store_true", help="print the stacks of long stalls")
    parser.add_argument("--open-only", action="store_true", help="measure opening only")
    parser.add_argument("--reuse", action="store_true", help="keep workspaces already built")
    parser.add_argument(
        "--actions",
        default=",".join(ACTIONS),
        help=f"which actions after opening, comma-separated: {','.join(ACTIONS)}",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="synoptic-responsiveness-") as scratch:
        os.environ["SYNOPTIC_DATA_DIR"] = str(Path(scratch) / "data")
        for name in args.only.split(","):
            os.environ["SYNOPTIC_CACHE_DIR"] = str(Path(scratch) / f"cache-{name}")
            target = args.root / f"stall-{name}"
            if not (args.reuse and target.exists()):
                started = time.perf_counter()
                build(args.root, name)
                print(f"built {target} in {time.perf_counter() - started:.1f} s")
            actions = tuple(a for a in args.actions.split(",") if a)
            unknown = set(actions) - set(ACTIONS)
            if unknown:
                parser.error(f"unknown actions: {', '.join(sorted(unknown))}")
            figures = asyncio.run(run_workspace(target, open_only=args.open_only, actions=actions))
            print_table(name, figures, args.why)


if __name__ == "__main__":
    main()
