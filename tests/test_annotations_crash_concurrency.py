"""The store across processes: a writer killed mid-write, and several writers on one file.

These run real Python processes against real files, because the failures they guard against
(a half-written file, two read-modify-write cycles interleaving) only exist between processes.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations.store import TABLE, AnnotationStore
from tests.conftest import REPO_ROOT, SAMPLE_IDS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")

DOC = SAMPLE_IDS[0]

WRITER = r"""
import sys
from pathlib import Path

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target

root, doc, author, label = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
count = int(sys.argv[5])
go = Path(sys.argv[6]) if len(sys.argv) > 6 else None
text = (root / doc).read_text(encoding="utf-8")
store = AnnotationStore(root, author)
padding = " ".join(["A long note makes every write of the file take longer."] * 30)
if go is not None:
    print("ready", flush=True)
    while not go.exists():
        pass
i = 0
while count < 0 or i < count:
    start = (i * 37) % (len(text) - 60)
    target = Target.from_span(doc, text, start, start + 40)
    store.add(Annotation.create(author, target, f"{label}={i} {padding if go is None else ''}"))
    print(i, flush=True)
    i += 1
"""


def start_writer(
    root: Path, author: str, label: str, count: int, go: Path | None = None
) -> subprocess.Popen[str]:
    args = [sys.executable, "-c", WRITER, str(root), DOC, author, label, str(count)]
    if go is not None:
        args.append(str(go))
    return subprocess.Popen(
        args,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def numbers(store: AnnotationStore, label: str) -> list[int]:
    found = []
    for annotation in store.all():
        head = annotation.note.split(" ", 1)[0]
        if head.startswith(label + "="):
            found.append(int(head.split("=", 1)[1]))
    return sorted(found)


def test_a_writer_killed_mid_write_leaves_a_readable_prefix(sample_workspace: Path) -> None:
    rng = random.Random(20261121)
    store = AnnotationStore(sample_workspace, "Writer")
    path = store.shard_path(DOC)
    for round_number in range(6):
        label = f"r{round_number}"
        writer = start_writer(sample_workspace, "Writer", label, -1)
        assert writer.stdout is not None
        wanted = rng.randrange(5, 40)
        acknowledged = 0
        try:
            while acknowledged < wanted:
                line = writer.stdout.readline()
                assert line, (
                    f"writer stopped early: {writer.stderr.read() if writer.stderr else ''}"
                )
                acknowledged = int(line) + 1
            time.sleep(rng.random() * 0.01)  # land anywhere in the next write
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=30)
            writer.stdout.close()
            if writer.stderr is not None:
                writer.stderr.close()
        assert writer.returncode == -signal.SIGKILL

        text = path.read_text(encoding="utf-8")
        json.loads(text)  # parses: never half a file
        result = store.load()
        assert result.problems == ()
        written = numbers(store, label)
        assert written == list(range(len(written))), "a prefix of the writes, in order"
        assert len(written) >= acknowledged
        for earlier in range(round_number):
            assert numbers(store, f"r{earlier}"), "earlier rounds are all still there"

    # A killed writer may leave its temporary file; it is ignored and writing goes on.
    store.add(store.all()[0].__class__.create("Writer", store.all()[0].target, "after"))
    assert store.load().problems == ()


READER = r"""
import sys
from pathlib import Path
from annotations.store import AnnotationStore

root, stop = Path(sys.argv[1]), Path(sys.argv[2])
store = AnnotationStore(root, "Reader")
loads = problems = 0
while not stop.exists():
    result = store.load()
    loads += 1
    problems += len(result.problems)
print(loads, problems, flush=True)
"""


def test_concurrent_writers_on_one_file_lose_nothing(sample_workspace: Path) -> None:
    writers_count, per_writer = 3, 300
    go = sample_workspace / "go"
    stop = sample_workspace / "stop"
    writers = [
        start_writer(sample_workspace, "Shared", f"w{k}", per_writer, go)
        for k in range(writers_count)
    ]
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(sample_workspace), str(stop)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for writer in writers:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready"
        go.touch()
        for writer in writers:
            out, err = writer.communicate(timeout=240)
            assert writer.returncode == 0, err
            assert len(out.split()) == per_writer
        stop.touch()
        out, err = reader.communicate(timeout=60)
        assert reader.returncode == 0, err
    finally:
        for process in [*writers, reader]:
            if process.poll() is None:
                process.kill()
                process.communicate()

    loads, problems = map(int, out.split())
    assert loads > 0
    assert problems == 0, "a reader never sees a half-written file"

    store = AnnotationStore(sample_workspace, "Shared")
    result = store.load()
    assert result.problems == ()
    assert len(result.annotations) == writers_count * per_writer
    assert len({a.id for a in result.annotations}) == writers_count * per_writer
    for k in range(writers_count):
        assert numbers(store, f"w{k}") == list(range(per_writer))
    data = json.loads(store.shard_path(DOC).read_text(encoding="utf-8"))
    assert len(data[TABLE]) == writers_count * per_writer
