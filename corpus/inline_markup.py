"""Markdown's inline markup, found by offset: links, emphasis, code spans, footnote markers.

markdown-it-py gives inline tokens no source offsets, and everything here must map to the
file's own characters (notes anchor by offset, the cursor and quotes are the file's text), so
inline markup is read with a few regular expressions over a block's text. It is an
approximation of CommonMark's inline rules that errs towards leaving text alone: a pair of
markers it does not recognise is simply drawn as written.

Three readers use it: matching and claim detection, which must not count the words of a link's
destination (``[the survey](https://example.org/kratom-relieves-pain)`` says nothing about pain)
nor take a line of links (a table of contents) for a statement; and the document view, which
draws the markup quietly instead of hiding it (:func:`markup_spans`).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

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
_HTML_LINK = re.compile(r"<a\b[^<>]*>(?P<text>.{0,1000}?)</a\s*>", re.DOTALL | re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HTML_STYLED = re.compile(
    r"<(?P<tag>em|i|strong|b)(?:\s[^<>]*)?>(?P<inner>.{1,1000}?)</(?P=tag)\s*>",
    re.DOTALL | re.IGNORECASE,
)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_NOTE = re.compile(r"<sup>(?P<number>\d{1,4})</sup>", re.IGNORECASE)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Emphasis, code and an HTML anchor's text reach at most 1,000 characters: unbounded, each
# unclosed "*" searched to the end of its paragraph, and a paragraph of 30,000 took 46 s to draw.
_FOOTNOTE = re.compile(r"\[\^[^\[\]\s]+\]")
_CODE_SPAN = re.compile(
    r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>.{1,1000}?)(?<!`)(?P=ticks)(?!`)", re.DOTALL
)
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")
_STRONG_EMPHASIS = re.compile(
    r"(?P<mark>\*\*\*)(?=\S)(?P<inner>.{1,1000}?)(?<=\S)(?P=mark)"
    r"|(?<![^\W_])(?P<under>___)(?=\S)(?P<uinner>.{1,1000}?)(?<=\S)___(?![^\W_])",
    re.DOTALL,
)
_STRONG = re.compile(
    r"(?P<mark>\*\*)(?=\S)(?P<inner>.{1,1000}?)(?<=\S)(?P=mark)"
    r"|(?<![^\W_])(?P<under>__)(?=\S)(?P<uinner>.{1,1000}?)(?<=\S)__(?![^\W_])",
    re.DOTALL,
)
_EMPHASIS = re.compile(
    r"(?P<mark>\*)(?=[^\s*])(?P<inner>.{1,1000}?)(?<=[^\s*])\*"
    r"|(?<![^\W_])(?P<under>_)(?=[^\s_])(?P<uinner>.{1,1000}?)(?<=[^\s_])_(?![^\W_])",
    re.DOTALL,
)
_HIDDEN = "\0"
"""What a character already read is replaced by in the working copy, so that no later
expression reads it again (a ``*`` inside a code span, the ``_`` of a URL)."""


class Markup(StrEnum):
    """What a span of inline markup is to a reader, which decides how it is drawn."""

    MARKER = "marker"
    """Syntax, not text: brackets, a link's ``(destination)``, ``*``, backticks, ``[^1]``."""
    LINK = "link"
    """The text of a link."""
    EMPHASIS = "emphasis"
    STRONG = "strong"


MarkupSpan = tuple[int, int, Markup]
"""(start, end, what) in the document's offsets."""


def without_link_targets(text: str) -> str:
    """``text`` with every link's destination, every autolink's address, and every inline
    HTML tag and comment blanked out (an anchor's and a ``<sup>``'s words stay).

    Same length as ``text``, so offsets found in it are the text's: a word of a URL, of a
    tag's attributes or of a comment is no word of the sentence, for matching nor for claim
    cues (``<a href="https://example.org/kratom-cures-pain">`` says nothing about pain).
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
        spans += _comments(text)
        spans += [m.span() for m in _HTML_TAG.finditer(text)]
    return sorted(spans)


def _comments(text: str) -> list[tuple[int, int]]:
    """Spans of the HTML comments (``<!-- ... -->``) of ``text``, hidden from a page's readers.

    Found with ``str.find``, not a pattern: a pattern looked for each unclosed ``<!--``'s end
    to the end of the text, and 50,000 of them took 18 s.
    """
    spans: list[tuple[int, int]] = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        spans.append((start, end + 3))
        start = text.find("<!--", end + 3)
    return spans


def as_read(text: str) -> str:
    """``text`` without its inline HTML, as a browser would show it: for lists that print a
    sentence (``synoptic claims``, the claims panel), never for offsets, which are the
    file's. A ``<br>`` reads as a space, a ``<sup>`` footnote number as a superscript one
    (``pain.¹``), other tags and comments as nothing."""
    if "<" not in text:
        return text
    shown = _HTML_BREAK.sub(" ", text)
    shown = _HTML_NOTE.sub(lambda note: note["number"].translate(_SUPERSCRIPT), shown)
    for first, last in reversed(_comments(shown)):
        shown = shown[:first] + shown[last:]
    shown = _HTML_TAG.sub("", shown)
    if shown == text:
        return text
    return re.sub(r"[ \t]{2,}", " ", shown).strip()


def is_navigation(text: str) -> bool:
    """Whether ``text`` is only links (and the separators between them): a table of contents
    entry, "Back to top", a line of ``|``-separated links. Such a line points elsewhere and
    states nothing, so it is neither a claim nor a passage to match."""
    if not _may_hold_a_link(text):
        return False
    rest, links = _LINK.subn(" ", text)
    rest, autolinks = _AUTOLINK.subn(" ", rest)
    rest, anchors = _HTML_LINK.subn(" ", rest)
    rest = _HTML_TAG.sub(" ", rest)
    return links + autolinks + anchors > 0 and not any(char.isalnum() for char in rest)


def _may_hold_a_link(text: str) -> bool:
    """Whether one of the link expressions of :func:`is_navigation` could match in ``text``:
    each needs characters of its own (``](`` or ``][``; ``<``, ``:`` and ``>``; ``<a`` and
    ``</a``). Most sentences with a bracket hold none (``<alice@example.org>``, ``[sic]``),
    and this is read far faster than the expressions are run."""
    if "](" in text or "][" in text:
        return True
    if "<" not in text or ">" not in text:
        return False
    return ":" in text or (("<a" in text or "<A" in text) and ("</a" in text or "</A" in text))


def is_navigation_sentence(
    document: Document, index: int, blocks_read: dict[int, bool] | None = None
) -> bool:
    """Whether sentence ``index`` of ``document`` is navigation: only links, or part of a block
    that is (a link's text may hold a full stop, so a line of links may be cut in pieces).

    ``blocks_read`` keeps each block's answer for the next sentences of the document: asked
    for every sentence (claim detection, the passage index), a long paragraph with an address
    in each of its sentences was read once per sentence.
    """
    sentence = document.sentences[index]
    text = document.text
    written = text[sentence.start : sentence.end]
    if "[" not in written and "]" not in written and "<" not in written and ">" not in written:
        return False  # no link, nor a piece of one: most sentences
    if is_navigation(written):
        return True
    known = None if blocks_read is None else blocks_read.get(sentence.block)
    if known is None:
        block = document.blocks[sentence.block]
        known = is_navigation(text[block.start : block.end])
        if blocks_read is not None:
            blocks_read[sentence.block] = known
    return known


def markup_spans(text: str, start: int = 0, end: int | None = None) -> list[MarkupSpan]:
    """The inline markup of ``text[start:end]`` (one block's text), in ``text``'s offsets.

    Spans may nest (emphasis inside a link's text) and are in no particular order.
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    if not any(char in chunk for char in "[]*_`<\\"):
        return []
    spans: list[MarkupSpan] = []
    work = list(chunk)

    def hide(first: int, last: int) -> None:
        work[first:last] = _HIDDEN * (last - first)

    def marker(first: int, last: int) -> None:
        if last > first:
            spans.append((start + first, start + last, Markup.MARKER))

    for match in _ESCAPED.finditer(chunk):
        hide(*match.span())
    for match in _CODE_SPAN.finditer("".join(work)):
        marker(*match.span("ticks"))
        marker(match.end("code"), match.end())
        hide(*match.span())
    for match in _AUTOLINK.finditer("".join(work)):
        marker(match.start(), match.start() + 1)
        spans.append((start + match.start("url"), start + match.end("url"), Markup.LINK))
        marker(match.end() - 1, match.end())
        hide(*match.span())
    if "<" in chunk:
        _html_spans("".join(work), start, spans, hide)
    for match in _FOOTNOTE.finditer("".join(work)):
        marker(*match.span())
        hide(*match.span())
    for match in _LINK.finditer("".join(work)):
        text_start, text_end = match.span("text")
        marker(match.start(), text_start + 1)  # "![" or "["
        if not match["bang"]:
            spans.append((start + text_start + 1, start + text_end - 1, Markup.LINK))
        marker(text_end - 1, match.end())  # "](destination)" or "][label]"
        hide(match.start(), text_start + 1)
        hide(text_end - 1, match.end())  # the text itself may hold emphasis
    for pattern, kinds in (
        (_STRONG_EMPHASIS, (Markup.STRONG, Markup.EMPHASIS)),
        (_STRONG, (Markup.STRONG,)),
        (_EMPHASIS, (Markup.EMPHASIS,)),
    ):
        for match in pattern.finditer("".join(work)):
            inner = "inner" if match["mark"] else "uinner"
            inner_start, inner_end = match.span(inner)
            marker(match.start(), inner_start)
            marker(inner_end, match.end())
            spans += [(start + inner_start, start + inner_end, kind) for kind in kinds]
            hide(match.start(), inner_start)
            hide(inner_end, match.end())
    return spans


def _html_spans(
    work: str, start: int, spans: list[MarkupSpan], hide: Callable[[int, int], None]
) -> None:
    """Inline HTML as :func:`markup_spans` draws it: comments and tags quiet, an anchor's
    words as a link's, ``<em>``/``<strong>`` words as Markdown's ``*``/``**`` ones."""

    def marker(first: int, last: int) -> None:
        spans.append((start + first, start + last, Markup.MARKER))
        hide(first, last)

    for first, last in _comments(work):
        marker(first, last)
        work = work[:first] + _HIDDEN * (last - first) + work[last:]  # its tags are its own
    for match in _HTML_LINK.finditer(work):
        spans.append((start + match.start("text"), start + match.end("text"), Markup.LINK))
    for match in _HTML_STYLED.finditer(work):
        kind = Markup.EMPHASIS if match["tag"].lower() in ("em", "i") else Markup.STRONG
        spans.append((start + match.start("inner"), start + match.end("inner"), kind))
    for match in _HTML_TAG.finditer(work):
        marker(*match.span())
