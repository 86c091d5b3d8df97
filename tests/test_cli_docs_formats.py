"""``synoptic docs`` on a researcher's own folder: PDFs, Word files and web pages beside the text.

Run as a real subprocess, as a user would. Before, the command listed the ``.txt``/``.md``
files and said nothing of the rest, so half the sources went missing without a word.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

FOLDER: dict[str, str | bytes] = {
    "a.md": "# Intro\n\nKratom improves mood, says one study.\n",
    "chapter.markdown": "# Chapter one\n\nThe chapter says kratom helps.\n",
    "essay.text": "An essay. It argues a point.\n",
    "page.html": "<html><body><p>Saved from a browser.</p></body></html>",
    "paper.pdf": b"%PDF-1.4\n",
    "notes.docx": b"PK\x03\x04",
    "data.csv": "a,b\n1,2\n",
    "fig.png": b"\x89PNG\r\n\x1a\n",
}
PDF_ADVICE = "save it as text (e.g. `pdftotext paper.pdf paper.txt`) or Markdown to read it here"


def test_docs_names_the_files_it_does_not_read_with_what_to_do(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace(FOLDER)
    before = {path.name: path.read_bytes() for path in root.iterdir()}
    table = cli("docs", root)
    assert table.returncode == 0, table.stderr
    ids = [line.split()[0] for line in table.stdout.splitlines()[1:]]
    assert ids == ["a.md", "chapter.markdown", "essay.text"]  # Markdown and text by other names
    assert table.stderr.splitlines() == [
        "synoptic: not read: notes.docx (a Word document): save it as plain text from Word, or "
        "convert it (e.g. `pandoc notes.docx -o notes.md`) to read it here.",
        "synoptic: not read: page.html (a web page): convert it (e.g. `pandoc page.html -o "
        "page.md`), or save the page from the browser as text to read it here.",
        f"synoptic: not read: paper.pdf (a PDF): {PDF_ADVICE}.",
    ]  # the CSV and the image are no documents: not a word

    listed = cli("docs", root, "--json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr == table.stderr  # as unreadable files are: the JSON lists documents
    rows = json.loads(listed.stdout)
    assert [row["id"] for row in rows] == ["a.md", "chapter.markdown", "essay.text"]
    assert all(set(row) == set(rows[0]) for row in rows)
    assert rows[1]["title"] == "Chapter one"  # read as Markdown
    assert {path.name: path.read_bytes() for path in root.iterdir()} == before


def test_a_folder_of_pdfs_alone_says_why_nothing_is_listed(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace({"paper.pdf": b"%PDF-1.4\n", "fig.png": b"\x89PNG"})
    table = cli("docs", root)
    assert table.returncode == 0, table.stderr
    assert table.stdout == f"No readable documents in {root.resolve()}.\n"
    assert table.stderr == f"synoptic: not read: paper.pdf (a PDF): {PDF_ADVICE}.\n"
    listed = cli("docs", root, "--json")
    assert json.loads(listed.stdout) == []
    assert listed.stderr == table.stderr
