"""What may come before what a document says: a Markdown file's front matter, a saved
e-mail's header. Both are metadata: read as text, they became the document's title and its
first "claims"; each gives a title of its own instead (``title:``, ``Subject:``).

Apart from :mod:`corpus.blocks`, which splits what follows them into blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER_FIELD = re.compile(
    r"(?P<name>from|to|cc|bcc|date|sent|subject|reply-to)[ \t]*:(?P<value>.*)$", re.IGNORECASE
)
"""A field of a saved e-mail's header, as mail programs write it at the top of the message."""

_FRONT_MATTER_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
"""YAML (``---``) and TOML (``+++``) front matter: opening line, and the lines that close it."""
_FRONT_MATTER_FIELD = re.compile(r"[\w\"'-][^:=]*\s*[:=]")
"""The first line inside front matter names a field (``title: ...``, ``title = ...``)."""
_FRONT_MATTER_TITLE = re.compile(r"^title\s*[:=][ \t]*(?P<title>\S.*?)\s*$", re.MULTILINE)


def front_matter_lines(lines: list[str]) -> int:
    """How many of ``lines`` are a front matter block at the top of a Markdown file (0: none).

    Static site generators and note apps (Jekyll, Hugo, Obsidian) start Markdown files with
    ``---``, metadata fields and a closing ``---``. CommonMark knows no such thing and reads
    it as a heading (the closing line underlines it), so the metadata became the document's
    title and its "sentences" were checked as claims. A field is required on the first line,
    so a document that merely opens with a horizontal rule is left alone.
    """
    closers = _FRONT_MATTER_FENCES.get(lines[0].rstrip()) if lines else None
    if closers is None or len(lines) < 2:
        return 0
    if lines[1].rstrip() not in closers and not _FRONT_MATTER_FIELD.match(lines[1]):
        return 0
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in closers:
            return number + 1
    return 0


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A Markdown file's front matter: where it ends, and its ``title`` field."""

    end: int
    """Offset just past its closing line."""
    title: str | None


def front_matter(text: str) -> FrontMatter | None:
    """The front matter of a Markdown file's ``text``, if it starts with one."""
    lines = text.split("\n")
    count = front_matter_lines(lines)
    if not count:
        return None
    found = _FRONT_MATTER_TITLE.search("\n".join(lines[1 : count - 1]))
    title = found["title"] if found else ""
    if len(title) > 1 and title[0] == title[-1] and title[0] in "\"'":
        title = title[1:-1].strip()
    return FrontMatter(sum(len(line) + 1 for line in lines[:count]) - 1, title or None)


@dataclass(frozen=True, slots=True)
class EmailHeader:
    """The header of an e-mail saved as text (``From:``, ``To:``, ``Subject:`` lines)."""

    end: int
    """Offset just past its last line."""
    subject: str | None


def email_header(text: str) -> EmailHeader | None:
    """The header at the top of a plain-text e-mail, if ``text`` starts with one: at least two
    fields, one of them ``From:`` or ``Subject:``, up to a blank line or the end.

    Read as headings, its lines made the document's title "From: Alice Jones <alice@...>" and
    were listed as its outline; they are what the message is, not what it says.
    """
    if (
        not text[:5]
        .lower()
        .startswith(("from", "to", "cc", "bcc", "date", "sent", "subje", "reply"))
    ):
        return None
    names: list[str] = []
    subject = None
    end = 0
    offset = 0
    for line in text.split("\n"):
        if not line.strip():
            break
        field = _HEADER_FIELD.match(line)
        if field is None and not (names and line[:1] in " \t"):  # a folded field goes on
            return None
        if field is not None:
            names.append(field["name"].lower())
            if field["name"].lower() == "subject":
                subject = field["value"].strip() or None
        end = offset + len(line)
        offset += len(line) + 1
    if len(names) < 2 or not {"from", "subject"} & set(names):
        return None
    return EmailHeader(end, subject)
