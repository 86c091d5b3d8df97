"""The corpus data model: documents, their blocks and their sentences.

All offsets are indices into the document's decoded, newline-normalised text (see
:mod:`corpus.decoding`), so ``text[start:end]`` is always the passage, and a CLI user can compute
the same numbers with ``open(path, encoding="utf-8").read()`` (``"utf-8-sig"`` when the file
starts with a byte-order mark, which is not part of the text).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import StrEnum

_QUOTED_LINE_START = re.compile(r"\n[ \t]*(?:>[ \t]*)+")
"""A line break and the ``>`` markers of the quoted line after it."""


def quoted_line_markers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the ``>`` markers (and their spaces) that start each quoted line
    after the first in ``text[start:end]``, clipped to it: the markers a sentence of a quote
    reads without (see :meth:`Document.sentence_text`), which the reader draws quietly. A
    marker of a line that starts before ``start`` counts too: a screen line may begin inside
    one."""
    line_start = max(text.rfind("\n", 0, start), 0)
    return [
        (max(found.start() + 1, start), min(found.end(), end))
        for found in _QUOTED_LINE_START.finditer(text, line_start, end)
        if found.end() > start and found.start() + 1 < end
    ]


class BlockKind(StrEnum):
    """What a block is to a reader; it decides how the block is drawn and whether it is prose."""

    HEADING = "heading"
    LIST_ITEM = "list_item"
    PARAGRAPH = "paragraph"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, list item, paragraph or code block.

    ``start``/``end`` cover the block's content only: the Markdown ``#`` or the ``- `` list
    marker are outside the span, so a sentence never starts with markup.
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    """Heading level (1 is the top) or list nesting depth (0 is the outermost)."""
    number: int | None = None
    """An ordered list item's number as a reader sees it (Markdown: its list's start, counted
    on; plain text: as written); None for a bullet item and every other block. The marker
    itself stays outside the span, so this is what the reader draws in its place."""
    number_digits: int = 0
    """Digits of the widest number in the item's list, so that items 9 and 10 hang their text
    at one column."""
    marked_up: bool = False
    """A code block whose inline markup is drawn quietly all the same: Markdown's raw HTML
    with no words to read (a comment, a ``<div>`` of images), whose tags and comments are
    dimmed, and a table, whose links are drawn as links."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a whole heading or list item) with the index of the block it lies in."""

    start: int
    end: int
    block: int


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know about a document that still loaded (e.g. its encoding)."""

    doc_id: str
    message: str


@dataclass(slots=True)
class Document:
    """One document of a workspace, decoded and segmented.

    Documents are built by :func:`corpus.document.load_document`; nothing here touches the disk.
    """

    id: str
    """Path relative to the workspace, with ``/`` separators: stable across machines."""
    title: str
    sha256: str
    """Hash of the file's bytes as stored, so annotations can tell when the file changed."""
    text: str
    encoding: str
    words: int
    """Whitespace-separated words, the figure people expect from a word count."""
    blocks: list[Block]
    sentences: list[Sentence]
    notices: list[Notice] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _block_first_sentence: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [s.start for s in self.sentences]
        self._block_first_sentence = [
            i
            for i, s in enumerate(self.sentences)
            if i == 0 or s.block != self.sentences[i - 1].block
        ]

    @property
    def paragraph_starts(self) -> list[int]:
        """Index of the first sentence of each block that has sentences, ascending."""
        return self._block_first_sentence

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset``, or the nearest one before it.

        Offsets between sentences (blank lines, list markers) resolve to the sentence before, so
        a click anywhere on a line selects something sensible.
        """
        if not self.sentences:
            return None
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        return max(index, 0)

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index`` as it reads, for search results, the claims panel
        and the CLI: a sentence of a quote that runs over several lines has no ``>`` markers
        in its middle ("It was a > randomised trial" read as if the quote said ">").

        Inline HTML is read as a browser shows it (``<sup>1</sup>`` as ``1``, no ``<br>``).
        Only what is shown: its offsets, and a note's quote, are the file's text.
        """
        from corpus.inline_markup import as_read

        sentence = self.sentences[index]
        written = self.text[sentence.start : sentence.end]
        if "\n" in written and ">" in written:
            written = _QUOTED_LINE_START.sub("\n", written)
        return as_read(written)

    def block_of_sentence(self, index: int) -> int:
        """Block index of sentence ``index``; paragraph navigation works on blocks."""
        return self.sentences[index].block

    def headings(self) -> list[tuple[int, Block]]:
        """The (block index, block) pairs of headings, for the outline."""
        return [(i, b) for i, b in enumerate(self.blocks) if b.kind is BlockKind.HEADING]
