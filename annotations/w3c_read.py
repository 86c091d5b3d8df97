"""Reading a W3C Web Annotation file: which shapes are accepted, before any annotation is mapped.

:func:`read_w3c` accepts a single Annotation, a JSON list of them, an ``AnnotationPage`` or an
``AnnotationCollection`` whose first page is embedded (only that page: nothing is fetched, so an
import never reaches out to the network and a file is the whole of what is imported), and
Hypothesis's own JSON, read as the W3C annotations it stands for
(:mod:`annotations.w3c_hypothesis`). What is wrong with the file as a whole is a
:class:`W3CFormatError` and nothing is imported; what is wrong with one annotation is left to
:func:`annotations.w3c.plan_import`, which skips it and says why.

JSON-LD lets most values be a single item or a list, and a resource be an IRI or an object with
an ``id``; the small readers here (:func:`_types`, :func:`_as_list`, :func:`_iri_of`) accept
every such spelling, for the file's shape here and for each annotation's parts on import.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationError
from annotations.values import MAX_NESTING, nests_too_deep, non_finite_number
from annotations.w3c_hypothesis import as_w3c, hypothesis_rows, is_hypothesis_row

if TYPE_CHECKING:
    from collections.abc import Mapping

MAX_IMPORT_BYTES = 32 * 1024 * 1024
"""A file bigger than this is refused before it is parsed (about 30,000 long notes)."""


class W3CFormatError(AnnotationError):
    """The file is not W3C Web Annotation JSON Synoptic can read; nothing was imported."""


@dataclass(frozen=True, slots=True)
class W3CInput:
    """The annotation objects found in a file, and what was noticed about the file itself."""

    items: list[Any]
    notices: list[str] = field(default_factory=list)


def _types(value: Mapping[str, Any]) -> set[str]:
    kind = value.get("type", value.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


class _Numbers:
    """The parser's hooks for numbers, noting the first that JSON cannot hold.

    Python reads ``NaN`` and ``Infinity``, which are not JSON, and a number too large for a
    float (``1e999``) as infinity; kept, the store would write them back as ``Infinity``, which
    no other tool reads. They are read here only to be found and named.
    """

    def __init__(self) -> None:
        self.first: str | None = None

    def constant(self, name: str) -> float:
        self.first = self.first or name
        return float(name)

    def number(self, text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            self.first = self.first or text
        return value


def _refuse_non_finite(parsed: Any, literal: str) -> W3CFormatError:
    """The refusal of a file holding ``literal``, a number JSON has not, saying where it is."""
    where = (non_finite_number(parsed, "") or "").removeprefix(".")
    at = f" at {_place(where)}" if where else ""
    if literal in ("NaN", "Infinity", "-Infinity"):
        return W3CFormatError(f"The file is not valid JSON: {literal}{at} is not a JSON number.")
    return W3CFormatError(
        f"The file cannot be imported: the number {literal[:40]}{at} is out of range (it would "
        "be read as infinity, which JSON cannot hold)."
    )


def _place(where: str) -> str:
    """A place in the file as a message names it, cut short like other quoted values."""
    return where if len(where) <= 120 else where[:119] + "\N{HORIZONTAL ELLIPSIS}"


def read_w3c(data: bytes, *, limit: int = MAX_IMPORT_BYTES) -> W3CInput:
    """The annotations in a W3C Web Annotation file, before any of them is looked at.

    Raises:
        W3CFormatError: the file is too big, not UTF-8 JSON, or not an Annotation, a list of
            them, an AnnotationPage or an AnnotationCollection with an embedded first page.
    """
    if len(data) > limit:
        from corpus.document import megabytes

        raise W3CFormatError(
            f"The file is {megabytes(len(data))}; files over {megabytes(limit)} are not "
            "imported. Split it into smaller collections."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise W3CFormatError(_not_utf8(data, exc.start)) from None
    if not text.strip():
        raise W3CFormatError("The file is empty; there are no annotations in it.")
    numbers = _Numbers()
    try:
        parsed = json.loads(text, parse_constant=numbers.constant, parse_float=numbers.number)
    except RecursionError:
        raise W3CFormatError("The file is JSON nested too deeply to be annotations.") from None
    except json.JSONDecodeError as exc:
        raise W3CFormatError(_not_json(text, exc)) from None
    except ValueError as exc:
        raise W3CFormatError(f"The file is not valid JSON: {exc}.") from None
    if nests_too_deep(parsed):  # read, but copying or checking it would recurse too far
        raise W3CFormatError(
            f"The file is JSON nested too deeply to be annotations (over {MAX_NESTING} levels)."
        )
    if numbers.first is not None:
        raise _refuse_non_finite(parsed, numbers.first)
    if isinstance(parsed, list):
        if parsed and not any(isinstance(item, dict) for item in parsed):
            named = _json_kinds(parsed, plural=True)
            raise W3CFormatError(
                f"The file holds a list of {named}, not of annotations; {_EXPECTED}."
            )
        return W3CInput(_from_hypothesis(parsed))
    if not isinstance(parsed, dict):
        raise W3CFormatError(f"The file holds {_json_kinds([parsed], plural=False)}; {_EXPECTED}.")
    kinds = _types(parsed)
    if "AnnotationCollection" in kinds:
        first = parsed.get("first")
        if first is None and parsed.get("total") == 0:
            return W3CInput([])
        if isinstance(first, str):
            raise W3CFormatError(
                f"The collection's first page is only referenced ({first[:80]}), not embedded; "
                "Synoptic does not fetch pages. Save the pages' annotations in one file."
            )
        if not isinstance(first, dict):
            raise W3CFormatError("The collection has no embedded first page ('first').")
        return _page(first)
    if "AnnotationPage" in kinds:
        return _page(parsed)
    if "Annotation" in kinds:
        return W3CInput([parsed])
    rows = hypothesis_rows(parsed)
    if rows is not None:
        return W3CInput(_from_hypothesis(rows))
    raise W3CFormatError(
        f"The file holds an object with {type_of(parsed)}; expected an object with "
        '"type": "Annotation", "AnnotationPage" or "AnnotationCollection", or a list of '
        "annotations."
    )


def _from_hypothesis(items: list[Any]) -> list[Any]:
    """``items`` with each Hypothesis API object read as the W3C annotation it stands for."""
    return [as_w3c(item) if is_hypothesis_row(item) else item for item in items]


_EXPECTED = (
    "it must hold a JSON object (an Annotation, AnnotationPage or AnnotationCollection) or a "
    "list of annotations"
)

_JSON_KINDS = {
    bool: ("true or false", "trues and falses"),
    int: ("a number", "numbers"),
    float: ("a number", "numbers"),
    str: ("a text string", "text strings"),
    list: ("a list", "lists"),
    type(None): ("null", "nulls"),
}


def _json_kinds(values: list[Any], *, plural: bool) -> str:
    """What JSON values that are not objects are, as a message names them: ``a number``,
    ``numbers, text strings and nulls``."""
    names = list(dict.fromkeys(_JSON_KINDS.get(type(v), ("values", "values")) for v in values))
    words = [name[1] if plural else name[0] for name in names]
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


def _not_json(text: str, exc: json.JSONDecodeError) -> str:
    """Where and why the text stops being JSON, in words rather than the parser's."""
    where = f"line {exc.lineno}, column {exc.colno}"
    if exc.pos >= len(text.rstrip()):
        return f"The file is not valid JSON: it ends at {where} before the JSON does (cut short?)."
    if exc.msg == "Extra data":
        return f"The file is not valid JSON: more follows the JSON value, at {where}."
    what = exc.msg[0].lower() + exc.msg[1:]
    return f"The file is not valid JSON: at {where}, {what}."


def _not_utf8(data: bytes, position: int) -> str:
    """Why bytes are not read, naming the usual culprit: a UTF-16 file (Windows "Unicode")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return (
            "The file is UTF-16 text (it starts with a UTF-16 byte-order mark); annotations "
            "are read as UTF-8: save it as UTF-8."
        )
    return f"The file is not UTF-8 text (byte {position + 1} cannot be read as UTF-8)."


def type_of(value: Mapping[str, Any]) -> str:
    """A JSON-LD object's ``type`` as a message names it: ``type "Note"`` or ``no "type"``."""
    kinds = _types(value)
    if kinds:
        shown = ", ".join(json.dumps(kind[:40], ensure_ascii=False) for kind in sorted(kinds))
        return f"type {shown[:100]}"
    if "type" in value or "@type" in value:
        return 'a "type" that is not text'
    return 'no "type"'


def not_an_annotation(value: Any) -> str:
    """Why one item of a file is not an annotation, saying what an annotation looks like."""
    expected = 'expected an object with "type": "Annotation"'
    if not isinstance(value, dict):
        return f"it is not a JSON object; {expected}"
    return f"it has {type_of(value)}; {expected}"


def _page(page: Mapping[str, Any]) -> W3CInput:
    items = page.get("items")
    if not isinstance(items, list):
        raise W3CFormatError("The annotation page has no 'items' list.")
    notices = []
    following = page.get("next")
    if following is not None:
        where = following if isinstance(following, str) else "another page"
        notices.append(
            f"Only the embedded page was imported; the collection continues at {where[:120]}."
        )
    return W3CInput(items, notices)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _iri_of(value: Any) -> str | None:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, dict):
        found = value.get("id", value.get("@id"))
        if isinstance(found, str) and found:
            return found
    return None
