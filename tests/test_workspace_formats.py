"""A researcher's own folder of sources: Markdown and plain text under their other common
names are documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.model import BlockKind
from corpus.workspace import Workspace

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
