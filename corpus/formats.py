"""Which files of a workspace are documents, and what to tell of those that are not read.

A researcher's folder of sources holds PDFs, Word files and saved web pages beside the text:
listing only the ``.txt``/``.md`` files without a word would leave them to wonder why half
their sources are missing. So a file whose extension says it is a document in a format
Synoptic does not read is named, with what to do about it. Everything else (images, CSV,
archives, code, files without an extension) is passed over in silence: a short, positive list
of document formats says what deserves a word, where a list of what to ignore would never be
complete and every file it missed would be a false alarm.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

PLAIN_TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
"""Markdown's common extensions: the same format under other names, read alike."""
DOCUMENT_SUFFIXES = PLAIN_TEXT_SUFFIXES | MARKDOWN_SUFFIXES

_PANDOC = "convert it (e.g. `pandoc {path} -o {md}`)"
_NOT_READ: dict[str, tuple[str, str]] = {
    ".pdf": ("a PDF", "save it as text (e.g. `pdftotext {path} {txt}`) or Markdown"),
    ".docx": ("a Word document", "save it as plain text from Word, or " + _PANDOC),
    ".docm": ("a Word document", "save it as plain text from Word"),
    ".doc": ("a Word document", "save it as plain text from Word or LibreOffice"),
    ".odt": ("an OpenDocument text", "save it as plain text from LibreOffice, or " + _PANDOC),
    ".rtf": ("an RTF document", "save it as plain text from your editor, or " + _PANDOC),
    ".pages": ("a Pages document", "export it from Pages as plain text"),
    ".html": ("a web page", _PANDOC + ", or save the page from the browser as text"),
    ".htm": ("a web page", _PANDOC + ", or save the page from the browser as text"),
    ".xhtml": ("a web page", _PANDOC + ", or save the page from the browser as text"),
    ".mht": ("a saved web archive", "open it in the browser and save the page as text"),
    ".mhtml": ("a saved web archive", "open it in the browser and save the page as text"),
    ".epub": ("an e-book", _PANDOC),
    ".mobi": ("a Kindle e-book", "convert it (e.g. `ebook-convert {path} {txt}`, Calibre)"),
    ".azw3": ("a Kindle e-book", "convert it (e.g. `ebook-convert {path} {txt}`, Calibre)"),
    ".rst": ("reStructuredText", _PANDOC + ", or copy it to {txt_name} as plain text"),
    ".org": ("an Org file", _PANDOC + ", or copy it to {txt_name} as plain text"),
    ".tex": ("a LaTeX source", _PANDOC),
    ".adoc": ("an AsciiDoc file", "copy it to {txt_name} to read it as plain text"),
    ".asciidoc": ("an AsciiDoc file", "copy it to {txt_name} to read it as plain text"),
}
"""Formats people write documents in that Synoptic does not read: (what the file is, what to
do), ``{path}`` being the file's path and ``{md}``, ``{txt}``, ``{txt_name}`` the converted
file's. The suffixes are listed in the README ("What a workspace is")."""


def is_document_name(name: str) -> bool:
    """Whether a file called ``name`` is read as a document (hidden files aside): the one rule
    that the workspace's listing, the watch and the CLI's warnings share."""
    return PurePosixPath(name).suffix.lower() in DOCUMENT_SUFFIXES


def is_markdown_name(name: str) -> bool:
    """Whether a document called ``name`` is read as Markdown (else as plain text)."""
    return PurePosixPath(name).suffix.lower() in MARKDOWN_SUFFIXES


def is_not_read_name(name: str) -> bool:
    """Whether a file called ``name`` is a document in a format Synoptic does not read: cheap,
    for the watch's every look; :func:`not_read` says what to tell of it."""
    return PurePosixPath(name).suffix.lower() in _NOT_READ


@dataclass(frozen=True, slots=True)
class NotRead:
    """A file of the workspace in a document format Synoptic does not read."""

    path: str
    """Its path relative to the workspace, with ``/``, as a document's id would be."""
    what: str
    """What it is, for the user: "a PDF"."""
    advice: str
    """What to do to read it here, naming the file: "save it as text (e.g. ...) or Markdown"."""

    @property
    def reason(self) -> str:
        """Why it is not read and what to do, as one clause after its path."""
        return f"{self.what}: {self.advice} to read it here"


def not_read(path: str, taken: Collection[str] = ()) -> NotRead | None:
    """What to tell of the file at ``path`` (relative, with ``/``) when it is a document in a
    format that is not read, or of a link to a folder (``path`` ends in ``/``); None for
    documents and for files that are no document at all.

    The advice names the file to convert it to; when a document of ``taken`` (paths in lower
    case: a Mac's disk ignores case) already has that name (``README.md`` beside
    ``README.rst``), another one, so that following the advice never overwrites what the user
    wrote.
    """
    if path.endswith("/"):
        return linked_folder(path)
    suffix = PurePosixPath(path).suffix
    known = _NOT_READ.get(suffix.lower())
    if known is None:
        return None
    what, advice = known
    stem = path.removesuffix(suffix)

    def converted(extension: str) -> str:
        name, number = f"{stem}{extension}", 1
        while name.lower() in taken:
            number += 1
            tag = suffix[1:] if number == 2 else f"{suffix[1:]}-{number - 1}"
            name = f"{stem}-{tag}{extension}"
        return name

    shown = {
        "path": shlex.quote(path),
        "md": shlex.quote(converted(".md")),
        "txt": shlex.quote(converted(".txt")),
        "txt_name": converted(".txt"),
    }
    return NotRead(path, what, advice.format(**shown))


def linked_folder(path: str) -> NotRead:
    """What to tell of a symbolic link to a folder (``path`` ends in ``/``): links to folders
    are not followed, so that a link loop cannot hang the scan, and its documents would be
    missing without a word."""
    return NotRead(
        path, "a link to a folder", "put the folder itself in the workspace, not a link to it,"
    )


NAMED_AT_MOST = 5
"""Files a summary names before "and N more": a notification is read at a glance."""


def not_read_summary(files: Sequence[NotRead]) -> str:
    """One message for all of ``files`` (at least one), for a notification: a single file with
    its advice, several by name and what they are, pointing to ``synoptic docs`` for how."""
    if len(files) == 1:
        file = files[0]
        return (
            f"{file.path} is {file.what}, which Synoptic does not read: {file.advice} to read "
            "it here."
        )
    named = [f"{file.path} ({file.what})" for file in files[:NAMED_AT_MOST]]
    more = len(files) - len(named)
    last = f"{more} more" if more else named.pop()
    listed = f"{', '.join(named)} and {last}"
    return (
        f"{len(files)} files are in formats Synoptic does not read: {listed}. Save them as "
        "text or Markdown to read them here; `synoptic docs` says how for each."
    )
