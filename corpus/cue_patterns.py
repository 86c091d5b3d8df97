"""The compiled cue patterns of the claim rules, and a fast way to list where they match.

Every cue group is one case-insensitive RE2 alternation. The RE2 binding's ``finditer`` on a
``str`` encodes the whole text to UTF-8 on every call, maps every match's byte offsets back to
characters in Python and builds a match object whose ``start``, ``end`` and ``group`` each ask
the C++ side how many groups the pattern has. Claim detection asks for some 300,000 matches per
5 MB of prose, so that bookkeeping cost three times the search itself. :meth:`CuePattern.spans`
encodes a document once for all groups, searches the bytes and converts only the offsets,
which gives the very same matches.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

_DECODE_BYTES = 32_768
"""The most bytes decoded at once when offsets are converted (see ``EncodedText._characters``);
at least 4, the longest character, or a piece could hold no whole character."""
_FULLMATCH_MEMO_SIZE = 20_000
"""Distinct cue texts remembered per pattern; a corpus repeats the same few thousand words."""


class EncodedText:
    """A text and its UTF-8 bytes, encoded once and searched by every cue group."""

    __slots__ = ("ascii", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        """Byte offsets are character offsets: true of most licences and READMEs."""

    def char_spans(self, byte_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``byte_spans`` (ascending, not overlapping) as character offsets.

        Each span is reached by decoding only the bytes since the previous one, so converting
        every match of a document costs one pass over it, as in the binding itself.
        """
        if self.ascii:
            return byte_spans
        spans = []
        last_byte = last_char = 0
        for start, end in byte_spans:
            start_char = last_char + self._characters(last_byte, start)
            last_char = start_char + self._characters(start, end)
            last_byte = end
            spans.append((start_char, last_char))
        return spans

    def _characters(self, start: int, end: int) -> int:
        """How many characters the bytes ``start:end`` (character boundaries) encode.

        Decoded at most :data:`_DECODE_BYTES` at a time: the bytes before a group's first
        match can be most of a document, and copies of megabytes, made and freed group after
        group, left the reader's heap about 20 MB larger for good (glibc then serves such
        sizes from the heap, where they fragment it, rather than mapping them).
        """
        data = self.data
        count = 0
        while end - start > _DECODE_BYTES:
            cut = start + _DECODE_BYTES
            while data[cut] & 0xC0 == 0x80:  # not inside a character: back to its first byte
                cut -= 1
            count += len(data[start:cut].decode("utf-8"))
            start = cut
        return count + len(data[start:end].decode("utf-8"))


class CuePattern:
    """One cue group's RE2 alternation, with the ways detection reads it."""

    __slots__ = ("_fullmatches", "_regex")

    def __init__(self, regex: Any) -> None:
        self._regex = regex
        self._fullmatches: dict[str, bool] = {}

    def spans(self, text: EncodedText | str) -> list[tuple[int, int]]:
        """Where the pattern matches in ``text``, as (start, end) character offsets.

        The same matches as ``finditer``. Searching bytes differs from searching the string
        only after an empty match, where the binding steps on one byte rather than one
        character; a pattern that matched empty (only a workspace's own rules can) is therefore
        searched again as a string.
        """
        encoded = text if isinstance(text, EncodedText) else EncodedText(text)
        byte_spans = []
        for match in self._regex.finditer(encoded.data):
            start, end = match.span()
            if start == end:
                return [(m.start(), m.end()) for m in self._regex.finditer(encoded.text)]
            byte_spans.append((start, end))
        return encoded.char_spans(byte_spans)

    def fullmatches(self, text: str) -> bool:
        """Whether the pattern matches all of ``text``, remembered per text.

        Choosing a claim's kind asks this of every cue, and the same words come back in
        sentence after sentence.
        """
        known = self._fullmatches.get(text)
        if known is None:
            if len(self._fullmatches) >= _FULLMATCH_MEMO_SIZE:
                self._fullmatches.clear()
            known = self._fullmatches[text] = self._regex.fullmatch(text) is not None
        return known


def alternation(patterns: list[str]) -> CuePattern:
    """One case-insensitive RE2 regex for a list of patterns (never matching when empty).

    RE2 runs a large alternation as one automaton, in time linear in the text: about ten
    times faster than Python's backtracking engine on these rules, which is what keeps
    detection on a million words within a few seconds.
    """
    import re2  # loaded with the rules, not at start-up

    body = "|".join(f"(?:{_without_captures(p)})" for p in patterns) if patterns else r"\b\B"
    return CuePattern(re2.compile("(?i)" + body))


def _without_captures(pattern: str) -> str:
    """``pattern`` with its plain groups made non-capturing.

    Only whole matches are ever used; a capturing group makes RE2 track submatches and its
    Python binding build every group of every match, which was a third of detection's time.
    """
    out: list[str] = []
    escaped = in_class = False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or pattern[index - 1] == "["
        elif char == "[":
            in_class = True
        elif char == "(" and not pattern.startswith("?", index + 1):
            out.append("(?:")
            continue
        out.append(char)
    return "".join(out)


class OpenerMatch(Protocol):
    """What detection reads of an opener's match (Python's and RE2's matches both have it)."""

    def group(self) -> str: ...

    def end(self) -> int: ...


class Openers(Protocol):
    """Patterns tried at a sentence's start: a compiled Python or RE2 regex."""

    def match(self, text: str) -> OpenerMatch | None: ...


def anchored(patterns: list[str], *, trusted: bool = True) -> Openers:
    """Patterns tried only at the start of a sentence.

    The built-in ones (``trusted``) run on Python's engine: anchored at one position, a call is
    cheaper than one into RE2, and they are written not to backtrack. Patterns a workspace adds
    run on RE2, in time linear in the sentence: its rules file is shared through git, and one
    pattern such as ``(a|aa)*c`` backtracks for hours at a single position on a sentence of
    forty a's, hanging every command and the reader of everyone who pulls it.
    """
    if trusted:
        return re.compile("|".join(f"(?:{p})" for p in patterns) or r"\b\B", re.IGNORECASE)
    import re2  # loaded with the rules, not at start-up

    body = "|".join(f"(?:{_without_captures(p)})" for p in patterns) if patterns else r"\b\B"
    regex: Openers = re2.compile("(?i)" + body)
    return regex
