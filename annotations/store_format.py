"""The annotation files on disk: their names and their exact text.

Kept apart from the store because others must make and recognise the same names and bytes
without opening a store: the git merge driver (:mod:`annotations.merge`) writes its result
exactly as the store would, so two clones merging each other's work end with identical files,
and the sharing and git set-up commands look for the same folder, file names and
``.gitignore``. What can be wrong with a record is said here too (:class:`_RecordProblem`), so
that each storage can report it in its own terms: a file and a line when reading, a format
error when writing.

Files are written as ``json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)`` so git
diffs stay readable. Python's indenting encoder is the slow pure-Python one; the storage keeps
each record's indented text and assembles the file from those pieces, byte for byte what
``json.dumps`` would give (the tests hold it to that).
"""

from __future__ import annotations

import hashlib
import json
import re
import string
import unicodedata
from json.encoder import encode_basestring
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

ANNOTATIONS_FOLDER = "annotations"
"""The same name as :data:`corpus.workspace.ANNOTATIONS_FOLDER`; not imported from there
because that module pulls in document loading, which the store does not need."""
TABLE = "annotations"
SHARD_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"
GITIGNORE = "*.lock\n.*.tmp\n"

Tables = dict[str, Any]
"""What a TinyDB storage reads and writes: ``{table name: {document id: record}}``."""


# --- names on disk -------------------------------------------------------------------------------

_SAFE_NAME_CHARS = frozenset(string.ascii_letters + string.digits + "._-")
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
_MAX_KEY_CHARS = 120


def author_slug(author: str) -> str:
    """The folder name for an author: lowercase ASCII letters, digits and single hyphens.

    Accents are dropped ("José" -> "jose"). A name with no letter or digit left in ASCII (one
    written only in, say, Chinese) gets ``author-`` and a short hash of the name, so two such
    people do not share a folder and edit each other's notes; a name with nothing at all
    becomes "anonymous".
    """
    decomposed = unicodedata.normalize("NFKD", author)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if slug:
        return slug
    if any(c.isalnum() for c in author):
        return "author-" + hashlib.sha256(author.strip().encode("utf-8")).hexdigest()[:8]
    return "anonymous"


def doc_key(doc_id: str) -> str:
    """A safe, deterministic file name stem for a document id.

    ``/`` becomes ``__``; any character other than ASCII letters, digits, ``.``, ``_`` and ``-``
    becomes ``%XX`` per UTF-8 byte; a leading dot (a hidden file) and Windows device names are
    escaped; very long ids are cut and finished with a hash. Two ids could in principle share a
    key ("a/b" and "a__b"); that is harmless because every record carries its real document id.
    """
    pieces: list[str] = []
    for char in doc_id:
        if char == "/":
            pieces.append("__")
        elif char in _SAFE_NAME_CHARS:
            pieces.append(char)
        else:
            pieces.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    key = "".join(pieces) or "%00"
    if key.startswith("."):
        key = "%2E" + key[1:]
    if key.split(".", 1)[0].lower() in _WINDOWS_RESERVED:
        key = f"%{ord(key[0]):02X}" + key[1:]
    if len(key) > _MAX_KEY_CHARS:
        digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        key = key[: _MAX_KEY_CHARS - 17].rstrip("%") + "-" + digest
    return key


def is_shard_name(name: str) -> bool:
    """Shard files are ``*.json``; lock files, temporary files and hidden files are not."""
    return name.endswith(SHARD_SUFFIX) and not name.startswith(".")


# --- the file format -----------------------------------------------------------------------------


def _pretty(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(indent=2, sort_keys=True, ensure_ascii=False)`` writes it when
    it starts on a line indented by ``indent``; only faster, because strings and numbers go
    through the C encoder."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    inner = indent + "  "
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = ",\n".join(inner + _pretty(item, inner) for item in value)
        return f"[\n{items}\n{indent}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            text = json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)
            return text.replace("\n", "\n" + indent)
        members = ",\n".join(
            f"{inner}{encode_basestring(key)}: {_pretty(item, inner)}"
            for key, item in sorted(value.items(), key=itemgetter(0))
        )
        return f"{{\n{members}\n{indent}}}"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


RECORD_INDENT = "    "
"""Records sit two levels deep: ``{"annotations": {"<id>": {...}}}``."""


def record_row(key: str, record: Any) -> str:
    """One record's lines as they appear in the file: ``    "<id>": {...}``, no comma."""
    text = _pretty(record, RECORD_INDENT)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only its \\u escape can be stored as UTF-8
        text = json.dumps(record, sort_keys=True, indent=2).replace("\n", "\n" + RECORD_INDENT)
    return f"{RECORD_INDENT}{encode_basestring(key)}: {text}"


def dumps_tables(data: Tables, row: Callable[[str, Any], str] = record_row) -> str:
    """The file text for ``data``: ``json.dumps(data, sort_keys=True, indent=2,
    ensure_ascii=False) + "\\n"``, with each record of the annotations table rendered by
    ``row`` (which the storage answers from its cache)."""
    if not data:
        return "{}\n"
    # One join at the end: the file is megabytes, and every intermediate string copies it.
    pieces: list[str] = ["{\n"]
    try:
        for name, table in sorted(data.items(), key=itemgetter(0)):
            if len(pieces) > 1:
                pieces.append(",\n")
            pieces.append(f"  {encode_basestring(name)}: ")
            if name == TABLE and isinstance(table, dict) and table:
                pieces.append("{\n")
                for index, key in enumerate(sorted(table)):
                    if index:
                        pieces.append(",\n")
                    pieces.append(row(key, table[key]))
                pieces.append("\n  }")
            else:
                pieces.append(_pretty(table, "  "))
    except TypeError:  # keys that are not all strings: let json say what it makes of them
        return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    pieces.append("\n}\n")
    return "".join(pieces)


CONFLICT_MARKER = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?:[ \t]|$)", re.MULTILINE)
"""A git conflict marker at the start of a line (``|||||||`` opens diff3's base version)."""


def line_of(text: str | None, needle: str) -> int | None:
    """The 1-based line where ``needle`` first occurs in ``text``; None if it does not."""
    if text is None:
        return None
    at = text.find(needle)
    return None if at < 0 else text.count("\n", 0, at) + 1


class UnreadableText(ValueError):
    """Why an annotation file's content is not JSON, with the line where that shows.

    ``case`` ("encoding", "conflict", "syntax", "repeat" or "nesting") lets the store and the merge
    driver each add their own advice to the one diagnosis.
    """

    def __init__(self, case: str, line: int | None, problem: str) -> None:
        super().__init__(problem)
        self.case = case
        self.line = line
        self.problem = problem


JSON_FILE_ADVICE = {
    "conflict": "resolve the merge conflict in this file",
    "syntax": "it may have been cut short",
}
"""What to do about a JSON file that is not, said after :class:`UnreadableText`'s problem by
each reader of such a file (the notes store, the reader's settings)."""


def decode_text(content: str | bytes) -> str:
    """The text of an annotation file: UTF-8, a leading byte-order mark dropped."""
    if isinstance(content, str):
        return content.removeprefix("\ufeff")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableText(
            "encoding",
            content.count(b"\n", 0, exc.start) + 1,
            f"is not valid UTF-8 (byte 0x{content[exc.start]:02X} at offset {exc.start})",
        ) from None
    return text.removeprefix("\ufeff")


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's members, refusing a name given twice: JSON parsers keep only the last
    one, so a hand-edited file with a note's id repeated would lose the other note unseen,
    and the next save would make the loss permanent."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return found


def _line_of_repeat(text: str, key: str) -> int | None:
    """The line of the second ``"key":`` in ``text``, when the key occurs just twice (a
    common member name such as "note" occurs in every record: no line is better than a
    wrong one)."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    places = [m.start() for m in pattern.finditer(text)]
    return text.count("\n", 0, places[1]) + 1 if len(places) == 2 else None


def parse_json(text: str) -> Any:
    """``text`` parsed; a conflict marker is named as such, since it is what a failed merge
    leaves and the JSON error it causes would only puzzle. A member name repeated within an
    object (two notes with one id) is refused rather than half read. Lists or objects nested
    deeper than Python's recursion limit are no note (ours nest four levels) and are refused as
    such, not left to crash whoever reads the file."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise UnreadableText("nesting", 1, "is JSON nested too deeply to be annotations") from None
    except _RepeatedKey as exc:
        problem = f"has {json.dumps(exc.key, ensure_ascii=False)} twice in one object"
        raise UnreadableText("repeat", _line_of_repeat(text, exc.key), problem) from None
    except json.JSONDecodeError as exc:
        marker = CONFLICT_MARKER.search(text)
        if marker is not None:
            line = text.count("\n", 0, marker.start()) + 1
            problem = f"has a git conflict marker ({marker.group().strip()})"
            raise UnreadableText("conflict", line, problem) from None
        # Python's messages end "... at" before the position it appends to ``str(exc)`` only
        # ("Unterminated string starting at"): the line is said by whoever names the file.
        what = exc.msg.removesuffix(" at")
        problem = f"is not valid JSON ({what} at column {exc.colno})"
        raise UnreadableText("syntax", exc.lineno, problem) from None


class _RecordProblem(Exception):
    """A record that is not a valid annotation; turned into a file or format error by the caller."""

    def __init__(self, key: str | None, message: str, table: str | None = None) -> None:
        super().__init__(message)
        self.key = key
        """The record's id, or None when the problem is the shape of the file or a table."""
        self.message = message
        self.table = table
        """The table whose shape is wrong, if that is the problem."""
