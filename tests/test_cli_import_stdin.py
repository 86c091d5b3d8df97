"""``synoptic import WS -``: annotations piped in, as from ``export -o -`` or curl."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, SAMPLE_DIR, SAMPLE_IDS

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from annotations.w3c import MAX_IMPORT_BYTES


def piped(data: bytes, *args: str | Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``... | python -m tui ARGS``: ``data`` on standard input, through a pipe."""
    done = subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=REPO_ROOT,
        env=dict(os.environ, SYNOPTIC_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8"),
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A workspace with the sample's documents and no notes."""
    root = tmp_path / "fresh"
    root.mkdir()
    for doc_id in SAMPLE_IDS:
        shutil.copyfile(SAMPLE_DIR / doc_id, root / doc_id)
    return root


def test_dash_imports_standard_input(
    cli, sample_workspace: Path, fresh: Path, isolated_data_dir: Path
) -> None:
    """It said "There is no file -."; a script pipes `export -o -` (or curl) into it."""
    doc_id = SAMPLE_IDS[0]
    text = (sample_workspace / doc_id).read_text(encoding="utf-8")
    target = Target.from_span(doc_id, text, 0, text.index(".") + 1)
    note = AnnotationStore(sample_workspace, "Ann").add(Annotation.create("Ann", target, "Hm."))
    exported = cli("export", sample_workspace, "--format", "w3c", "-o", "-")
    assert exported.returncode == 0, exported.stderr
    result = piped(
        exported.stdout.encode(), "import", fresh, "-", "--author", "Ann", "--json",
        data_dir=isolated_data_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == [note.id]
    assert [a.note for a in AnnotationStore(fresh, "reader").load().annotations] == ["Hm."]


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_a_pipe_past_the_import_limit_is_refused_as_a_big_file_is(
    fresh: Path, isolated_data_dir: Path, name: str
) -> None:
    """A pipe has no size for stat() to give (0), so the limit on what is read was skipped:
    what is read from one stops past the limit, with the big file's sentence, importing
    nothing. ``/dev/stdin`` is a pipe here too."""
    flood = b"[" + b" " * MAX_IMPORT_BYTES + b"]"
    result = piped(flood, "import", fresh, name, "--author", "Ann", data_dir=isolated_data_dir)
    assert result.returncode == 1
    said = "Standard input" if name == "-" else name
    limit = "32 MB"  # MAX_IMPORT_BYTES in megabytes of 2**20 bytes, as document limits are said
    assert MAX_IMPORT_BYTES == 32 * 2**20
    assert result.stderr == (
        f"synoptic: {said} is over {limit}; files over {limit} are not imported. "
        "Split it into smaller collections.\n"
    )
    assert not (fresh / "annotations").exists()


def test_a_file_named_dash_is_dot_slash_dash(
    cli, fresh: Path, isolated_data_dir: Path, tmp_path: Path
) -> None:
    """``./-`` is still the file of that name, as for any other tool; it is not read from
    standard input."""
    (tmp_path / "-").write_text("[]", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "import", str(fresh), "./-", "--author", "Ann"],
        cwd=tmp_path,
        env=dict(
            os.environ,
            SYNOPTIC_DATA_DIR=str(isolated_data_dir),
            PYTHONPATH=str(REPO_ROOT),
            PYTHONIOENCODING="utf-8",
        ),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 0 annotations")
