"""Loading one document from disk into the corpus model."""

from __future__ import annotations

import errno
import hashlib
import re
import stat
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.blocks import split_blocks
from corpus.decoding import MAX_DOCUMENT_BYTES, DecodedText, UnreadableText, decode_bytes
from corpus.errors import DocumentError
from corpus.formats import is_markdown_name
from corpus.model import Block, BlockKind, Document, Notice
from corpus.preambles import email_header, front_matter
from corpus.sentences import split_sentences
from corpus.text import counted, one_line

if TYPE_CHECKING:
    from pathlib import Path

SEGMENTATION_VERSION = 7
"""Bumped whenever the same bytes are cut into other blocks or sentences, so that what was
cached from the old cut (the passage index's sentences) is not reused (2: Markdown front
matter is a code block, not a heading and sentences; 3: a plain-text line ending in another
script's full stop, or in one followed by a closing quote, is a paragraph, and so is a long
line of Chinese or Thai; 4: no sentence ends after "approx." and its kin, and a sentence of a
plain-text quote starts after its ``>`` markers; 5: a plain-text e-mail's header and signature
are code blocks, and a run of its quoted lines is a block of its own; 6: a quoted line is
read after its ``>`` markers for the heading test, so a short first line of a quoted sentence
is not a heading cut from the lines that go on with it; 7: a Markdown HTML block
holding words is a paragraph cut into sentences after its ``</p>``s, an HTML footnote number
or line break between sentences goes with the sentence before, or with neither, and a
plain-text table pasted from a spreadsheet, its cells separated by tabs, is one block)."""
TITLE_LIMIT = 160
"""Titles longer than this are shortened: a first line can be a whole paragraph."""


CONFLICTED = (
    "has git merge-conflict markers (<<<<<<< and >>>>>>> lines): both sides of an unfinished "
    "merge are shown as text until it is resolved"
)
"""The notice of a document that a ``git pull`` or merge left with both versions in it."""
_CONFLICT_OPEN = re.compile(r"^<{7}(?: |$)", re.MULTILINE)
_CONFLICT_CLOSE = re.compile(r"^>{7}(?: |$)", re.MULTILINE)

GUESSED = "is not UTF-8; decoded as"
"""How the notice of an encoding guessed begins: the reader counts them apart from bytes
replaced."""


def has_conflict_markers(text: str) -> bool:
    """Whether git left a conflict in ``text``: a line opening one and a line closing it
    (``=======`` alone is a Markdown heading's underline, so it proves nothing)."""
    if "<<<<<<<" not in text:  # far faster than the line-anchored search of a long text
        return False
    opened = _CONFLICT_OPEN.search(text)
    return opened is not None and _CONFLICT_CLOSE.search(text, opened.end()) is not None


def megabytes(size: int) -> str:
    """``size`` in megabytes of 1,048,576 bytes, as file managers show it; every size limit the
    user is told of is said this way, so a limit and a file's size can be compared."""
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def read_document_bytes(path: Path, doc_id: str) -> bytes:
    """The file's bytes, or a :class:`DocumentError` that says what is wrong with it.

    Only regular files are read: a named pipe or a link to a device (``/dev/zero``) with a
    document's name would otherwise block or be read forever, and such a link can arrive in a
    cloned repository. At most the size limit (and a byte) is read even if the file grows.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(
                doc_id, "is not a regular file (a pipe, a device or a socket), so it is not read"
            )
        size = info.st_size
        if size <= MAX_DOCUMENT_BYTES:
            with path.open("rb") as file:
                data = file.read(MAX_DOCUMENT_BYTES + 1)
            size = len(data)
        if size > MAX_DOCUMENT_BYTES:
            limit = megabytes(MAX_DOCUMENT_BYTES)
            shown = megabytes(size)
            if shown == limit:  # a few bytes over: "is 6 MB; ... up to 6 MB" reads as a bug
                shown = f"over {limit}"
            raise DocumentError(doc_id, f"is {shown}; Synoptic opens documents up to {limit}")
        return data
    except OSError as exc:
        raise DocumentError(doc_id, _why_unreadable(path, exc)) from exc


def _why_unreadable(path: Path, error: OSError) -> str:
    """Why the file at ``path`` could not be read, after its name.

    A broken link (its target moved or deleted) and a loop of links are listed like any file,
    and the system's words for them ("No such file or directory" for a file the user can see
    listed, "Too many levels of symbolic links") leave the user to guess what to fix.
    """
    if error.errno == errno.ELOOP:
        return "is a link that leads round in a loop, back to itself, so it is not read"
    if error.errno == errno.ENOENT and path.is_symlink():
        try:
            target = path.readlink()
        except OSError:
            return "is a link to a file that does not exist (a broken link), so it is not read"
        return f"is a link to {target}, which does not exist (a broken link), so it is not read"
    return f"cannot be read ({error.strerror or error})"


def _decoded(doc_id: str, data: bytes) -> DecodedText:
    try:
        return decode_bytes(data)
    except UnreadableText as exc:
        raise DocumentError(doc_id, str(exc)) from exc


def document_from_bytes(doc_id: str, data: bytes, *, markdown: bool) -> Document:
    """Decode and segment ``data``; the pure half of :func:`load_document`, handy in tests."""
    decoded = _decoded(doc_id, data)
    text = decoded.text
    blocks = split_blocks(text, markdown=markdown)
    sentences = split_sentences(text, blocks)
    notices: list[Notice] = []
    if decoded.replaced:
        encoding = decoded.encoding.upper()
        notices.append(
            Notice(
                doc_id,
                f"has {counted(decoded.replaced, f'invalid {encoding} byte sequence')}, "
                "shown as \N{REPLACEMENT CHARACTER}",
            )
        )
    if decoded.guessed:
        notices.append(Notice(doc_id, f"{GUESSED} {decoded.encoding} (detected)"))
    if not blocks:
        notices.append(Notice(doc_id, "is empty"))
    if has_conflict_markers(text):
        notices.append(Notice(doc_id, CONFLICTED))
    return Document(
        id=doc_id,
        title=_title(doc_id, text, blocks, markdown=markdown),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        encoding=decoded.encoding,
        words=len(text.split()),
        blocks=blocks,
        sentences=sentences,
        notices=notices,
    )


def _title(doc_id: str, text: str, blocks: list[Block], *, markdown: bool) -> str:
    header = None if markdown else email_header(text)
    if header is not None:
        # An e-mail is called by its subject; without one, by its first words, not "From: ...".
        body = [b for b in blocks if b.start > header.end]
        first_words = text[body[0].start : body[0].end] if body else ""
        return one_line(header.subject or first_words, TITLE_LIMIT, words=False) or doc_id
    heading = next((b for b in blocks if b.kind is BlockKind.HEADING), None)
    metadata = front_matter(text) if markdown else None
    # Front matter is no title, but the title it names is (when no heading gives one).
    body = [b for b in blocks if metadata is None or b.start >= metadata.end]
    first = heading or (body[0] if body else None)
    named = metadata.title if metadata and heading is None else None
    # A title is stored in the cache and printed by --json: it keeps its character cut.
    source = named or (text[first.start : first.end] if first else "")
    if first is not None and first.kind is BlockKind.CODE and not markdown and not named:
        source = source.partition("\n")[0]  # a table pasted from a spreadsheet: its header
    return one_line(source, TITLE_LIMIT, words=False) or doc_id


def load_document(path: Path, doc_id: str) -> Document:
    """Read, decode and segment the document at ``path``; the file is only ever read."""
    data = read_document_bytes(path, doc_id)
    return document_from_bytes(doc_id, data, markdown=is_markdown_name(path.name))


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A document's text as its file holds it now, not cut into blocks and sentences.

    Placing notes, printing them and reporting on them read only the text (and a report the
    title); segmenting took most of the time of ``synoptic notes`` and ``export`` on a
    workspace of 200 documents, for sentences nothing there looks at. The text is the one
    :class:`Document` holds, decoded the same way, with the same errors.
    """

    id: str
    text: str
    sha256: str
    """Of the file's bytes, as :attr:`Document.sha256`."""
    markdown: bool

    @classmethod
    def of(cls, document: Document, *, markdown: bool) -> DocumentText:
        """The text of a document already segmented."""
        return cls(document.id, document.text, document.sha256, markdown)

    def title(self) -> str:
        """The title :class:`Document` gives the same text (its blocks are found for it)."""
        blocks = split_blocks(self.text, markdown=self.markdown)
        return _title(self.id, self.text, blocks, markdown=self.markdown)


def load_text(path: Path, doc_id: str) -> DocumentText:
    """Read and decode the document at ``path`` as :func:`load_document` does, without
    segmenting it.

    Raises:
        DocumentError: as :func:`load_document` (the same checks and the same messages).
    """
    data = read_document_bytes(path, doc_id)
    return DocumentText(
        doc_id,
        _decoded(doc_id, data).text,
        hashlib.sha256(data).hexdigest(),
        markdown=is_markdown_name(path.name),
    )


def why_no_sentences(document: Document) -> str | None:
    """Why ``document`` has no sentences, put so that the user knows what to change; None when
    it has some.

    Matching and claims read sentences only; "no sentences" alone leaves a user who can see
    the text in the file guessing. The usual surprise is Markdown indented by a tab or four
    spaces throughout, which CommonMark reads as one code block.
    """
    if document.sentences:
        return None
    if not document.text.strip():
        return "is empty"
    if document.blocks and all(block.kind is BlockKind.CODE for block in document.blocks):
        lines = [line for line in document.text.split("\n") if line.strip()]
        if all(line.startswith(("\t", "    ")) for line in lines):
            return (
                "is indented by a tab or four spaces throughout, which Markdown reads as one "
                "code block, not as sentences: remove the indentation to have it read as prose"
            )
        if len(document.blocks) == 1 and front_matter(document.text) is not None:
            return "has only front matter (the fields at the top), no text to read as sentences"
        return (
            "is all code blocks (fenced or indented), HTML or tables, which are not read as "
            "sentences"
        )
    return "has no text that reads as sentences"
