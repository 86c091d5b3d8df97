"""Markdown that shows user text literally: a note, quote or title cannot add structure.

Notes are Markdown as typed, but a report shows them as literal text: a note saying ``# x`` or
``[x](javascript:alert(1))`` must not add a heading or a link. Every piece of user text (notes,
quotes, tags, titles, document ids, author names) goes through :func:`escape_inline`, which
first makes control characters and escape sequences visible with :func:`corpus.text.inert` (as
the reader does), then backslash-escapes what Markdown or GitHub could read as syntax: always
``\\ ` * [ ] < | ~ $``; ``_``, ``&`` and ``#`` only where they could be (so ``snake_case`` and
``A & B`` stay readable). Escaped ``<`` means no HTML at all; escaped ``[`` ``]`` mean no links,
images, footnotes or link definitions; escaped ``|`` keeps table cells apart. GitHub's
autolinking of bare ``https://`` and ``www.`` text is stopped the same way (see
:func:`_starts_an_autolink`): the only links in a report are the evidence links a user made.
Multi-line text is cut into lines at its newlines (``\n``, ``\r\n``, ``\r``; the Unicode
separators U+2028 and U+2029 and NEL are characters, shown as placeholders by ``inert``), each
guarded at its start (``-``, ``+``, ``=``, ``>``, ``:``, ``1.``, ``1)`` become literal), ended
with a hard line break, and given the prefix of the block it sits in (``> `` inside a blockquote,
the list's indentation inside a list item), so a line of a note can neither leave its block nor
start a new one. A line's own indentation is kept, as no-break spaces behind one ``&nbsp;``
(see :func:`_indentation`), so an indented line shows indented but never becomes indented code.
Table cells and headings are one line. Link addresses are percent-encoded where Markdown could
misread them (parentheses, brackets, spaces, ...) and only ``http(s)`` addresses become links.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from corpus.text import LINE_BREAK, inert, one_line

_SYNTAX = frozenset("\\`*[]<|~$")
"""Escaped wherever they are; ``_ & # >`` are escaped only where they could be syntax."""
_LINE_START = frozenset("-+=>:")
"""Escaped at the start of a line: each can open a block there. ``:`` can start a table's
delimiter row (``:--``), which turns the line above into a table header, since an escaped ``|``
in it still counts as the pipe a table needs (markdown-it), and drops the delimiter line."""
_MAYBE_ESCAPED = re.compile(r"[\\`*\[\]<|~$_&#/.]")
"""Every character :func:`escape_inline` may escape: the syntax, ``_ & #`` and where an
autolink could start (``/`` and ``.``)."""
_ORDERED_MARKER = re.compile(r"(\d+)([.)])")
_TAB_WIDTH = 4
"""Columns of a tab in a line's indentation (elsewhere a tab is one space, as in the reader)."""
_URL_SAFE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$*+,;=%"
)


def escape_inline(text: str) -> str:
    """One line of user text as literal Markdown: controls made visible, syntax escaped.

    A few characters are left alone where they cannot be syntax, so that ordinary text stays
    readable in the file: ``_`` between two letters or digits (``snake_case`` is never
    emphasis), ``&`` not followed by what could make an entity (``A & B``), ``#`` not at the
    start of a word (only there can it open or close a heading). ``>`` matters only at the
    start of a line, where :func:`_escape_line` handles it.
    """
    text = inert(text)
    last = len(text) - 1

    def escaped(found: re.Match[str]) -> str:
        index = found.start()
        char = found.group()
        if char in _SYNTAX:
            return "\\" + char
        if char == "_":
            inside = 0 < index < last and text[index - 1].isalnum() and text[index + 1].isalnum()
            return char if inside else "\\_"
        if char == "&":
            entity = index < last and (text[index + 1].isascii() and text[index + 1].isalnum())
            return "\\&" if entity or text[index + 1 : index + 2] == "#" else "&"
        if char == "#":
            return "\\#" if index == 0 or text[index - 1].isspace() else "#"
        return "\\" + char if _starts_an_autolink(text, index) else char

    # Only these characters can be escaped: the others are passed over by the regex engine
    # rather than one by one in Python (an export of 10,000 notes spent 1.5 s here).
    return _MAYBE_ESCAPED.sub(escaped, text)


def _starts_an_autolink(text: str, index: int) -> bool:
    """Whether ``text[index]`` is where GitHub would turn bare text into a link.

    GitHub's autolink extension links ``scheme://...`` (it looks for ``://``) and ``www.`` at
    the start of a word, in any text: a quoted article or a note would become a clickable link
    to a site nobody vetted, looking like the evidence links the user did choose. Escaping the
    first ``/`` of ``//`` and the ``.`` of ``www.`` stops that (markdown-it's linkify too) and
    shows the same characters. An e-mail address is still linked by GitHub, which finds it
    after escapes are undone; that link only opens a mail program at the address the text
    shows. The only way to stop it, an invisible joiner before the ``@``, would spoil the
    address for a reader who copies it to write to its owner, so it is left alone.
    """
    char = text[index]
    if char == "/":
        return text[index + 1 : index + 2] == "/"
    return (
        char == "."
        and text[max(0, index - 3) : index].lower() == "www"
        and (index == 3 or not text[index - 4].isalnum())
    )


def _indentation(blanks: str) -> str:
    """A line's leading blanks in a form Markdown shows and never reads as syntax.

    Markdown drops a line's leading spaces, or reads four of them as code, but keeps no-break
    spaces as text. The first one is written as the entity ``&nbsp;``: a paragraph's first
    line is stripped of *all* Unicode blanks by some parsers (markdown-it's ``.strip()``),
    while an entity is only decoded after that. Other Unicode spaces (an ideographic space
    indenting Japanese text) are kept as they are, behind the entity too.
    """
    if not blanks:
        return ""
    kept = inert(blanks.expandtabs(_TAB_WIDTH)).replace(" ", "\N{NO-BREAK SPACE}")
    first = "&nbsp;" if kept[0] == "\N{NO-BREAK SPACE}" else f"&#x{ord(kept[0]):X};"
    return first + kept[1:]


def _escape_line(raw: str) -> str:
    """A line of a paragraph: its indentation kept, and nothing at its start may open a block.

    Indentation is the blanks ``inert`` leaves blank: a leading form feed or NEL is a
    character to show, not a space.
    """
    start = 0
    while start < len(raw) and inert(raw[start]).isspace():
        start += 1
    escaped = escape_inline(inert(raw[start:]).rstrip())
    if escaped[:1] in _LINE_START:
        escaped = "\\" + escaped
    elif marker := _ORDERED_MARKER.match(escaped):
        escaped = f"{marker[1]}\\{marker[2]}{escaped[marker.end() :]}"
    return _indentation(raw[:start]) + escaped


def _paragraphs(text: str) -> list[list[str]]:
    """``text`` as paragraphs of escaped lines; blank lines separate paragraphs."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw in LINE_BREAK.split(text):
        if not inert(raw).strip():
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(_escape_line(raw))
    if current:
        paragraphs.append(current)
    return paragraphs


def text_block(text: str, indent: str = "", *, quoted: bool = False) -> list[str]:
    """Multi-line user text as Markdown lines, each starting with ``indent`` (and ``> ``).

    Lines of a paragraph end with a hard break (``\\``), so the text keeps its line structure.
    """
    prefix = indent + "> " if quoted else indent
    blank = indent + ">" if quoted else ""
    lines: list[str] = []
    for number, paragraph in enumerate(_paragraphs(text)):
        if number:
            lines.append(blank)
        last = len(paragraph) - 1
        lines += [prefix + line + ("\\" if i < last else "") for i, line in enumerate(paragraph)]
    return lines


def cell(text: str, limit: int | None = None) -> str:
    """User text for a table cell or a heading: one line, shortened, escaped."""
    flat = inert(LINE_BREAK.sub(" ", text))  # U+2028 and U+2029 shown, as in a note
    flat = one_line(flat, limit) if limit else " ".join(flat.split())
    return escape_inline(flat)


def link_destination(url: str) -> str | None:
    """``url`` as a Markdown link destination, or None when it must not become a link."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    pieces = []
    for char in url:
        if char in _URL_SAFE:
            pieces.append(char)
        elif char == "&":
            pieces.append("\\&")
        else:
            pieces.append(quote(char, safe="", errors="replace"))
    return "".join(pieces)
