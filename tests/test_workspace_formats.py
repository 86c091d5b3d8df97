"""A researcher's own folder of sources: which files are documents, and what is said of the rest.

Markdown and plain text under their other common names are read; PDFs, Word files, saved web
pages and the like are named with what to do; images, data, archives and code pass unsaid.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus.formats import NotRead, not_read, not_read_summary
from corpus.model import BlockKind
from corpus.workspace import Workspace, scan

SOURCES: dict[str, bytes] = {
    "a.md": b"# Intro\n\nKratom improves mood, says one study.\n",
    "b.txt": b"Plain notes here. Kratom is a plant.\n",
    "chapter.markdown": b"# Chapter one\n\nThe chapter says kratom helps.\n",
    "old.mdown": b"# Old notes\n\nAn older note. It says little.\n",
    "sub/essay.text": b"An essay. It argues a point.\n",
    "page.html": b"<html><body><p>Saved from a browser.</p></body></html>",
    "paper.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    "notes.docx": b"PK\x03\x04",
    "draft.rtf": b"{\\rtf1 hello}",
    "README.rst": b"Title\n=====\n\nSome text.\n",
    "sub/more.PDF": b"%PDF-1.4\n",
    "data.csv": b"a,b\n1,2\n",
    "fig.png": b"\x89PNG\r\n\x1a\n",
    "bundle.zip": b"PK\x05\x06",
    "script.py": b"print('hi')\n",
    "README": b"no extension\n",
    ".secret.pdf": b"%PDF-1.4\n",
    ".cache/hidden.docx": b"PK",
    "annotations/export.html": b"<html></html>",
}


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    for name, data in SOURCES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def test_markdown_and_text_under_their_other_names_are_documents(sources: Path) -> None:
    workspace = Workspace.open(sources)
    assert workspace.document_ids == [
        "a.md",
        "b.txt",
        "chapter.markdown",
        "old.mdown",
        "sub/essay.text",
    ]
    chapter = workspace.load("chapter.markdown")
    assert chapter.title == "Chapter one"  # read as Markdown: a heading, not a "#" line
    assert chapter.blocks[0].kind is BlockKind.HEADING
    essay = workspace.load("sub/essay.text")
    assert [essay.sentence_text(i) for i in range(len(essay.sentences))] == [
        "An essay.",
        "It argues a point.",
    ]
    # read_again (the watch's read) treats the suffix alike
    again = workspace.read_again("chapter.markdown", None)
    assert again is not None and again.title == "Chapter one"


def test_documents_in_formats_not_read_are_named_and_the_rest_are_not(sources: Path) -> None:
    assert scan(sources).not_read == [
        "README.rst",
        "draft.rtf",
        "notes.docx",
        "page.html",
        "paper.pdf",
        "sub/more.PDF",
    ]
    told = {file.path: file for file in Workspace.open(sources).not_read}
    assert set(told) == set(scan(sources).not_read)  # hidden, annotations/, csv, png...: unsaid
    assert told["paper.pdf"] == NotRead(
        "paper.pdf", "a PDF", "save it as text (e.g. `pdftotext paper.pdf paper.txt`) or Markdown"
    )
    assert told["paper.pdf"].reason == (
        "a PDF: save it as text (e.g. `pdftotext paper.pdf paper.txt`) or Markdown to read it here"
    )
    assert told["sub/more.PDF"].what == "a PDF"
    assert "`pandoc notes.docx -o notes.md`" in told["notes.docx"].advice
    assert told["page.html"].what == "a web page"
    assert told["README.rst"].what == "reStructuredText"


def test_files_not_read_are_never_opened_or_changed(sources: Path) -> None:
    before = {
        name: ((sources / name).read_bytes(), (sources / name).stat().st_mtime_ns)
        for name in SOURCES
    }
    (sources / "paper.pdf").chmod(0)  # one that cannot be read is named all the same
    try:
        workspace = Workspace.open(sources)
        list(workspace.load_all())
        assert "paper.pdf" in {file.path for file in workspace.not_read}
    finally:
        (sources / "paper.pdf").chmod(0o644)
    for name, (data, mtime) in before.items():
        assert (sources / name).read_bytes() == data
        assert (sources / name).stat().st_mtime_ns == mtime


def test_the_advice_never_names_a_document_that_is_there(tmp_path: Path) -> None:
    """Following it (``pandoc README.rst -o README.md``) must not overwrite the user's file."""
    root = tmp_path / "ws"
    root.mkdir()
    (root / "README.rst").write_text("Title\n=====\n")
    (root / "README.MD").write_text("# Mine\n")  # a Mac's disk ignores case
    (root / "paper.pdf").write_bytes(b"%PDF")
    (root / "paper.txt").write_text("My own notes on the paper.\n")
    told = {file.path: file.advice for file in Workspace.open(root).not_read}
    assert "`pandoc README.rst -o README-rst.md`" in told["README.rst"]
    assert "copy it to README.txt" in told["README.rst"]
    assert "`pdftotext paper.pdf paper-pdf.txt`" in told["paper.pdf"]


def test_a_name_with_spaces_is_quoted_in_the_command() -> None:
    file = not_read("my sources/Smith et al. 2021.pdf")
    assert file is not None
    assert "`pdftotext 'my sources/Smith et al. 2021.pdf' 'my sources/Smith et al. 2021.txt'`" in (
        file.advice
    )


@pytest.mark.parametrize("name", ["a.csv", "b.png", "c.zip", "d.py", "README", "e.json", "f.md"])
def test_no_word_for_what_is_no_document_or_is_read(name: str) -> None:
    assert not_read(name) is None


def test_a_name_that_is_not_utf8_is_named_with_replacement_characters(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    try:
        (root / os.fsdecode(b"caf\xe9.pdf")).write_bytes(b"%PDF")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    assert [file.path for file in Workspace.open(root).not_read] == ["caf\ufffd.pdf"]


def test_the_summary_names_one_with_its_advice_and_many_briefly() -> None:
    one = [not_read("paper.pdf")]
    assert not_read_summary([f for f in one if f]) == (
        "paper.pdf is a PDF, which Synoptic does not read: save it as text (e.g. "
        "`pdftotext paper.pdf paper.txt`) or Markdown to read it here."
    )
    many = [f for f in map(not_read, ["a.pdf", "b.docx", "c.html", "d.rst", "e.org", "f.tex"]) if f]
    summary = not_read_summary(many)
    assert summary.startswith("6 files are in formats Synoptic does not read: a.pdf (a PDF), ")
    assert "e.org (an Org file) and 1 more. Save them as text or Markdown" in summary
    assert "f.tex" not in summary


def test_a_later_look_tells_only_of_the_files_that_appeared(sources: Path) -> None:
    workspace = Workspace.open(sources)
    (sources / "later.epub").write_bytes(b"PK")
    (sources / "paper.pdf").unlink()
    new = workspace.files_not_read_now(scan(sources).not_read)
    assert [file.path for file in new] == ["later.epub"]
    assert "paper.pdf" not in {file.path for file in workspace.not_read}
    assert workspace.files_not_read_now(scan(sources).not_read) == ()  # not again


def test_a_report_synoptic_exported_into_the_workspace_is_not_read_and_is_said_so_once(
    cli, tmp_path: Path
) -> None:
    """A report saved into the workspace was read as a document, "Notes on ws", and every
    passage it quotes matched as a source saying the same thing. Synoptic knows its own
    reports by the seal they end with, edited since or not; a Markdown file without one is
    the user's, and read."""
    root = tmp_path / "ws"
    root.mkdir()
    (root / "a.txt").write_text("Kratom improves mood. It is a plant.\n", encoding="utf-8")
    (root / "mine.md").write_text("# My notes\n\nKratom is studied.\n", encoding="utf-8")
    workspace = Workspace.open(root)
    assert cli("export", root, "-o", root / "report.md").returncode == 0
    assert workspace.document_ids == ["a.txt", "mine.md"]
    # A later look (the reader's watch) tells of it once, as a file not read.
    new = workspace.files_not_read_now(scan(root).not_read)
    assert [(file.path, file.what) for file in new] == [("report.md", "a report Synoptic exported")]
    assert workspace.files_not_read_now(scan(root).not_read) == ()
    assert "delete its last line" in not_read_summary(new)

    listed = cli("docs", root)
    assert listed.returncode == 0
    assert "report.md" not in listed.stdout and "mine.md" in listed.stdout
    assert "not read: report.md (a report Synoptic exported)" in listed.stderr

    report = root / "report.md"
    lines = report.read_text(encoding="utf-8").split("\n")
    lines.insert(3, "My own conclusion: the evidence is thin.")
    report.write_text("\n".join(lines), encoding="utf-8")
    assert Workspace.open(root).document_ids == ["a.txt", "mine.md"]  # edited, still a report
    report.write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")  # its seal deleted
    assert Workspace.open(root).document_ids == ["a.txt", "mine.md", "report.md"]
