"""The notes commands read a document's text only, never cutting it into sentences: placing,
printing and reporting notes look at no sentence, and segmenting every noted document took
most of ``synoptic notes`` on a desk's 200 documents. A document they need that cannot be
read is still said to be unreadable, as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

from conftest import REPO_ROOT, SAMPLE_IDS

if TYPE_CHECKING:
    from pathlib import Path

DOC, OTHER, CITED, UNNOTED = SAMPLE_IDS[:4]
QUOTE = "Emerging research is examining how kratom"
BINARY = b"\x00\x01 no longer text"
NOT_SEGMENTED = (
    "import runpy, sys\n"
    "import corpus.document\n"
    "def segmented(*args, **kwargs):\n"
    "    raise AssertionError('a document was cut into sentences')\n"
    "corpus.document.split_sentences = segmented\n"
    "sys.argv = ['synoptic', *sys.argv[1:]]\n"
    "runpy.run_module('tui', run_name='__main__', alter_sys=True)\n"
)


def _without_sentences(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command line with segmentation into sentences made to fail."""
    env = dict(os.environ, SYNOPTIC_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-c", NOT_SEGMENTED, *map(str, args)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def _add(cli, ws: Path, *extra: str) -> dict:
    result = cli("note", "add", ws, "--author", "Ann", "--json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_listing_exporting_and_adding_notes_cut_no_document_into_sentences(
    cli, sample_workspace: Path, isolated_data_dir: Path, tmp_path: Path
) -> None:
    first = _add(
        cli, sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "Says so.",
        "--link", f"passage:{CITED}#0-40", "--relation", "context",
    )  # fmt: skip
    _add(cli, sample_workspace, "--reply-to", first["id"], "--text", "It does not.")
    report = tmp_path / "report.md"
    for args in (
        ("notes",),
        ("notes", "--json"),
        ("export", "--no-synopsis", "-o", report),
        ("export", "--format", "w3c"),
        ("status", "--author", "Ann"),
        ("note", "add", "--doc", OTHER, "--quote", "depress", "--occurrence", "1", "--text", "x"),
        ("note", "add", "--reply-to", first["id"], "--text", "A reply."),
    ):
        done = _without_sentences(isolated_data_dir, *args, sample_workspace)
        assert done.returncode == 0, (args, done.stderr)
    listed = json.loads(cli("notes", sample_workspace, "--json").stdout)
    assert [n["anchor"] for n in listed] == ["anchored"] * 4
    assert f"| {DOC} | Unraveling Neurotransmitter Balance" in report.read_text(encoding="utf-8")


def test_a_document_the_notes_need_that_cannot_be_read_is_still_said_so(
    cli, sample_workspace: Path, tmp_path: Path
) -> None:
    """`notes` and `status` read only the documents with notes, and say which of those cannot
    be read; the report lists every document, and says which it could not read."""
    _add(
        cli, sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "Says so.",
        "--link", f"passage:{CITED}#0-40", "--relation", "context",
    )  # fmt: skip
    for doc_id in (DOC, CITED, UNNOTED):
        (sample_workspace / doc_id).write_bytes(BINARY)
    why = "looks like a binary file (it contains NUL bytes)"

    listed = cli("notes", sample_workspace)
    assert listed.returncode == 1
    assert listed.stderr.splitlines() == [
        f"synoptic: {DOC}: {why}; its notes are shown as unreadable (their places are not known)",
        f"synoptic: {CITED}: {why}; the passages in it that notes cite are not placed",
    ]
    assert f"{DOC}:?  [unreadable]" in listed.stdout
    assert f"context: passage of {CITED}" in listed.stdout

    report = tmp_path / "report.md"
    exported = cli("export", sample_workspace, "--no-synopsis", "-o", report)
    assert exported.returncode == 1
    said = [line for line in exported.stderr.splitlines() if why in line]
    assert [line.split(":")[1].strip() for line in said] == [DOC, CITED, UNNOTED]
    text = report.read_text(encoding="utf-8")
    for doc_id, notes in ((DOC, 1), (CITED, 0), (UNNOTED, 0)):
        assert f"| {doc_id} | (unreadable) | {notes} |  |" in text
    assert "Orphaned" not in text and "## Notes on documents that could not be read" in text

    status = cli("status", sample_workspace, "--author", "Ann")
    assert status.returncode == 1
    assert "Orphaned" not in status.stdout
    assert f"Cannot read {DOC}: {why}; 1 note on it is not placed" in status.stdout

    added = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", "kratom", "--text", "x",
        "--author", "Ann",
    )  # fmt: skip
    assert (added.returncode, added.stderr) == (1, f"synoptic: {DOC}: {why}\n")


def test_importing_notes_cuts_no_document_into_sentences(
    sample_workspace: Path, isolated_data_dir: Path, tmp_path: Path, cli
) -> None:
    """Another tool's note names its passage by a quote, which an import finds in the
    document's text: no sentence is needed (cutting every document into them took most of an
    import into a desk's 200 documents)."""
    other_tool = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://example.org/anno/1",
        "creator": {"type": "Person", "name": "Bea"},
        "body": {"type": "TextualBody", "value": "Says so.", "purpose": "commenting"},
        "target": {
            "source": DOC,
            "selector": {"type": "TextQuoteSelector", "exact": QUOTE},
        },
    }
    exported = tmp_path / "other-tool.jsonld"
    exported.write_text(json.dumps(other_tool), encoding="utf-8")
    imported = _without_sentences(
        isolated_data_dir, "import", sample_workspace, exported, "--author", "Bea", "--json"
    )
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["skipped"] == []
    listed = json.loads(cli("notes", sample_workspace, "--json").stdout)
    assert [(n["anchor"], n["quote"]) for n in listed] == [("anchored", QUOTE)]
