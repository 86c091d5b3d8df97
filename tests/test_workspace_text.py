"""``Workspace.read_text``: a document's text without its blocks and sentences, for the commands
that only place, print or report notes. It must be the text, checksum, title and errors that
``Workspace.load`` gives, or a report or a note's place would depend on which was used."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from corpus.decoding import MAX_DOCUMENT_BYTES
from corpus.errors import DocumentError
from corpus.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

FILES: dict[str, str | bytes] = {
    "plain.txt": "A heading\n\nA paragraph that says something. And more.\n",
    "no-heading.txt": "Only a sentence that ends with a full stop, and goes on for a while.\n",
    "front.md": "---\ntitle: From the front matter\n---\n\nBody text here.\n",
    "heading.md": "Intro line.\n\n# The Heading\n\nText.\n",
    "latin1.txt": "Caf\u00e9 cr\u00e8me \u00e0 la carte, a note in Latin-1 for sure.\n".encode(
        "latin-1"
    ),
    "broken.txt": b"valid start \xff\xfe then more text that is UTF-8 mostly.\n",
    "empty.txt": "",
}


def test_read_text_gives_the_text_checksum_and_title_that_load_gives(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace(FILES)
    for doc_id in FILES:
        read = Workspace.open(root).read_text(doc_id)
        loaded = Workspace.open(root).load(doc_id)
        assert (read.id, read.text, read.sha256, read.title()) == (
            loaded.id,
            loaded.text,
            loaded.sha256,
            loaded.title,
        ), doc_id


def test_read_text_does_not_segment_and_serves_a_loaded_document(
    make_workspace: Callable[..., Path],
) -> None:
    """Reading the text leaves the document to be segmented by whoever needs sentences; a
    document segmented already is not read again."""
    root = make_workspace(FILES)
    opened = Workspace.open(root)
    assert opened.read_text("plain.txt").text.startswith("A heading")
    assert opened.loaded("plain.txt") is None
    document = opened.load("heading.md")
    (root / "heading.md").write_text("Changed on disk.\n", encoding="utf-8")
    read = opened.read_text("heading.md")
    assert (read.text, read.sha256, read.title()) == (document.text, document.sha256, "The Heading")


def _error(action: Callable[[], object]) -> str:
    with pytest.raises(DocumentError) as raised:
        action()
    return str(raised.value)


def test_read_text_refuses_what_load_refuses_with_the_same_words(
    make_workspace: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Text outside the workspace.\n", encoding="utf-8")
    root = make_workspace(
        {
            "binary.txt": b"\x00\x01\x02 not text at all \x00",
            "huge.txt": b"a" * (MAX_DOCUMENT_BYTES + 1),
        }
    )
    (root / "link.txt").symlink_to(outside)
    os.mkfifo(root / "pipe.txt")
    opened = Workspace.open(root)
    for doc_id in ("binary.txt", "huge.txt", "link.txt", "pipe.txt", "missing.txt"):
        said = _error(lambda d=doc_id: opened.read_text(d))
        assert said == _error(lambda d=doc_id: Workspace.open(root).load(d)), doc_id
    (root / "gone.txt").write_text("Here when listed.\n", encoding="utf-8")
    listed = Workspace.open(root)
    (root / "gone.txt").unlink()
    assert "cannot be read" in _error(lambda: listed.read_text("gone.txt"))
