"""Sentence segmentation within blocks.

sentencex does the hard part (abbreviations such as "U.S.", "Dr.", "e.g.", "et al.",
decimals, initials) with a compiled rule engine fast enough for a million words in well under a
second. We segment each prose block separately, so a sentence never runs across a heading or a
list item, and soft line breaks inside a paragraph are read as spaces.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus.model import Block, BlockKind, Sentence

if TYPE_CHECKING:
    from collections.abc import Sequence

LANGUAGE = "en"

_WHOLE_BLOCK = (BlockKind.HEADING,)
_QUOTE_MARKERS = re.compile(r"(?:>[ \t]*)+")
_SPACE_ENDS_SENTENCE = re.compile(r"(?<=[\u0e01-\u0eff])[ \t]+(?=[\u0e01-\u0eff])")
"""A space between two Thai (or Lao) letters: these scripts write no space between words and
no full stop, and a space is where a sentence (or a clause) ends. sentencex knows no Thai,
so a Thai paragraph was one "sentence" for the cursor, claims and matching."""


def _after_quote_markers(raw: str, start: int) -> int:
    """Where a sentence starting a later line of a block quote begins: after its ``>`` markers."""
    line_start = raw.rfind("\n", 0, start) + 1
    if line_start and raw.startswith(">", start) and not raw[line_start:start].strip():
        marker = _QUOTE_MARKERS.match(raw, start)
        if marker is not None:
            return marker.end()
    return start


def split_sentences(text: str, blocks: Sequence[Block]) -> list[Sentence]:
    """Sentences of every prose block, in document order; code blocks have none."""
    from sentencex import get_sentence_boundaries

    sentences: list[Sentence] = []
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.CODE:
            continue
        if block.kind in _WHOLE_BLOCK:
            sentences.append(Sentence(block.start, block.end, index))
            continue
        raw = text[block.start : block.end]
        chunk = raw.replace("\n", " ")
        for boundary in get_sentence_boundaries(LANGUAGE, chunk):
            start = int(boundary["start_index"])
            end = int(boundary["end_index"])
            while start < end and chunk[start].isspace():
                start += 1
            start = _after_quote_markers(raw, start)
            while end > start and chunk[end - 1].isspace():
                end -= 1
            for piece_start, piece_end in _thai_pieces(chunk, start, end):
                sentences.append(
                    Sentence(block.start + piece_start, block.start + piece_end, index)
                )
    return sentences


def _thai_pieces(chunk: str, start: int, end: int) -> list[tuple[int, int]]:
    """``chunk[start:end]`` cut at the spaces that end Thai sentences (none in most text)."""
    if end <= start:
        return []
    pieces = []
    for space in _SPACE_ENDS_SENTENCE.finditer(chunk, start, end):
        pieces.append((start, space.start()))
        start = space.end()
    pieces.append((start, end))
    return pieces
