"""Markdown's inline links, found by offset.

markdown-it-py gives inline tokens no source offsets, and everything here must map to the
file's own characters (notes anchor by offset, the cursor and quotes are the file's text), so
inline markup is read with a few regular expressions over a block's text. It is an
approximation of CommonMark's inline rules that errs towards leaving text alone: what it does
not recognise as a link is read as text.

Matching and claim detection use it: they must not count the words of a link's destination
(``[the survey](https://example.org/kratom-relieves-pain)`` says nothing about pain) nor take a
line of links (a table of contents) for a statement.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.model import Document

_LINK = re.compile(
    r"(?P<bang>!?)(?P<text>\[(?!\^)(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\])"
    r"(?:(?P<destination>\((?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)"
    r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\))"""
    r"|(?P<reference>\[[^\[\]\n]*\]))",
    re.DOTALL,
)
"""An inline link or image, ``[text](destination "title")``, or a reference link,
``[text][label]``. A bare ``[text]`` is left out: it is as often a bracket (``[sic]``)."""
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_HTML_LINK = re.compile(r"<a\b[^<>]*>(?P<text>.*?)</a\s*>", re.DOTALL | re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def without_link_targets(text: str) -> str:
    """``text`` with every link's destination and every autolink's address blanked out.

    Same length as ``text``, so offsets found in it are the text's: a word of a URL is no
    word of the sentence, for matching nor for claim cues.
    """
    if "](" not in text and "<" not in text:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in _link_targets(text):
        if end <= done:
            continue  # an autolink inside a destination already blanked: [x](<https://...>)
        start = max(start, done)
        pieces.append(text[done:start])
        pieces.append(" " * (end - start))
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _link_targets(text: str) -> list[tuple[int, int]]:
    """Spans of link destinations (their parentheses included) and autolinks' addresses."""
    spans: list[tuple[int, int]] = []
    if "](" in text:
        spans += [m.span("destination") for m in _LINK.finditer(text) if m["destination"]]
    if "<" in text:
        spans += [m.span("url") for m in _AUTOLINK.finditer(text)]
    return sorted(spans)


def is_navigation(text: str) -> bool:
    """Whether ``text`` is only links (and the separators between them): a table of contents
    entry, "Back to top", a line of ``|``-separated links. Such a line points elsewhere and
    states nothing, so it is neither a claim nor a passage to match."""
    if "[" not in text and "<" not in text:
        return False
    rest, links = _LINK.subn(" ", text)
    rest, autolinks = _AUTOLINK.subn(" ", rest)
    rest, anchors = _HTML_LINK.subn(" ", rest)
    rest = _HTML_TAG.sub(" ", rest)
    return links + autolinks + anchors > 0 and not any(char.isalnum() for char in rest)


def is_navigation_sentence(document: Document, index: int) -> bool:
    """Whether sentence ``index`` of ``document`` is navigation: only links, or part of a block
    that is (a link's text may hold a full stop, so a line of links may be cut in pieces)."""
    sentence = document.sentences[index]
    text = document.text
    if is_navigation(text[sentence.start : sentence.end]):
        return True
    if not any(char in text[sentence.start : sentence.end] for char in "[]<>"):
        return False
    block = document.blocks[sentence.block]
    return is_navigation(text[block.start : block.end])
