"""Annotations as W3C Web Annotation JSON-LD: export, and import from Synoptic or other tools.

**Export.** :func:`export_collection` writes one ``AnnotationCollection`` whose ``first`` is an
embedded ``AnnotationPage`` holding every exported annotation. A single page keeps the file
self-contained (a reader needs no second request, and :func:`read_w3c` never follows IRIs);
the W3C model allows a collection of any size on one page. Tombstones are never exported.

Each annotation maps as follows (see https://www.w3.org/TR/annotation-model/):

* ``id``: ``urn:uuid:<uuid>`` from our hex id; an id that is not 32 lowercase hex digits (a
  hand-made record) becomes ``urn:synoptic:annotation:<percent-encoded id>``. Both forms are
  turned back into the same id on import.
* ``motivation``: ``replying`` for a reply, ``commenting`` when there is a note, ``assessing``
  for a verdict without a note, then ``tagging``, ``linking``, ``classifying`` (a claim mark)
  and ``highlighting`` for an annotation with nothing but its passage.
* ``creator``: ``{"type": "Person", "name": <author>}``; ``created``/``modified`` as stored.
* ``target``: a ``SpecificResource`` whose ``source`` is the document's IRI,
  ``urn:synoptic:doc:<percent-encoded document id>``. Document ids are paths relative to the
  workspace, so this IRI is the same in every clone of it and leaks no local path, which a
  ``file:`` URI would. The selectors are a ``TextQuoteSelector`` (``exact``, ``prefix``,
  ``suffix``) and a ``TextPositionSelector`` (``start``, ``end`` in Unicode code points of the
  decoded text), exactly as stored when the note was made, with the hash of that text under
  ``synoptic:sha256``. A reply's ``target`` is a list: the answered annotation's IRI, then the
  passage.
* bodies: the note as a ``TextualBody`` (``purpose: commenting``, ``format: text/markdown``);
  one ``TextualBody`` with ``purpose: tagging`` per tag; the verdict as a ``TextualBody`` with
  ``purpose: assessing``; each evidence link as a ``SpecificResource`` with ``purpose:
  linking`` whose ``source`` is the link's address, or for a link to a passage the document
  IRI plus the passage's selectors. (The model forbids ``purpose`` on a bare external
  resource, so a link cannot be ``{"id": href, "purpose": "linking"}``.) The relation
  (supports/refutes/context) and the user's title are kept as ``synoptic:relation`` and
  ``synoptic:title``.
* Synoptic extras, under the ``synoptic`` prefix (``urn:synoptic:vocab:``, declared in the
  collection's ``@context``): ``synoptic:claim`` (the claim mark), ``synoptic:superseded``
  (versions displaced by a merge), ``synoptic:extra`` (fields from a newer Synoptic), and
  ``synoptic:created``/``synoptic:modified`` when a stored time had to be rewritten to pass as
  a W3C date-time. With these an export re-imports without loss.

**Import.** :func:`read_w3c` accepts a single Annotation, a JSON list of them, an
``AnnotationPage`` or an ``AnnotationCollection`` whose first page is embedded (only that page:
nothing is fetched). :func:`plan_import` maps each annotation or says why it cannot:

* The passage comes from the first target that is a ``SpecificResource`` (or any object with
  a ``source``) naming a workspace document: our ``urn:synoptic:doc:`` IRI, or any IRI whose
  path ends with a document id or, failing that, has the file name of exactly one document.
  Synoptic's own targets (with ``synoptic:sha256``) are taken verbatim. Otherwise the
  ``TextQuoteSelector``'s ``exact`` text is looked up in the current text: a single occurrence,
  or the one its ``prefix``/``suffix`` (or a ``TextPositionSelector``) singles out; a quote
  that is not there verbatim is anchored like any stored note (:mod:`annotations.anchoring`).
  A quote found in several places with nothing to choose between them is refused rather than
  attached to a lookalike. A ``TextPositionSelector`` alone is used as it is. Selectors inside
  ``refinedBy`` count for their quote only, since their positions are relative to the refined
  selection.
* A reply is recognised by a target IRI naming an annotation (ours, another annotation of the
  same file or one already in the workspace); a reply without a passage of its own gets the
  passage of the annotation it answers.
* Bodies: tagging ``TextualBody`` -> a tag, assessing -> the verdict when it is one, a
  ``classifying`` "claim"/"not-claim" -> the claim mark, any other ``TextualBody`` or
  ``bodyValue`` -> the note (several are joined by blank lines); a ``SpecificResource`` or an
  external resource -> an evidence link (passage links when its source is a workspace
  document). Links that Synoptic would refuse when typed (``javascript:``, ``file:``...) are
  dropped and reported. Items of a ``Choice`` body: the first (the default); of a set: all.
* Ids: ours are kept; another tool's id IRI becomes a uuid5 of that IRI, so importing the
  same file twice finds the same ids and adds nothing, and the IRI is kept in
  ``extra["imported_from"]``. An id already in the workspace (even deleted) is skipped.

**Who wrote it.** The store only ever writes the current author's own files, so an import is
written by the person importing. The rule: the annotation's ``author`` is the importer; the
original creator's name is kept as ``author`` only when it is exactly the importer's name,
and otherwise recorded in ``extra["imported_creator"]``. Re-importing your own export keeps
every field; importing someone else's notes makes them yours, with their name kept.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from annotations.anchoring import anchor
from annotations.errors import AnnotationError, AnnotationFormatError, LinkError
from annotations.links import (
    EvidenceLink,
    LinkKind,
    Relation,
    parse_link,
    parse_relation,
    passage_link,
)
from annotations.model import (
    KNOWN_FIELDS,
    Annotation,
    ClaimMark,
    Verdict,
    now_iso,
    parse_verdict,
)
from annotations.target import CONTEXT_CHARS, Target

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SYNOPTIC_VOCAB = "urn:synoptic:vocab:"
"""Where ``synoptic:`` keys expand to; a URN, so it never pretends to be a web page."""
DOC_IRI_PREFIX = "urn:synoptic:doc:"
ANNOTATION_IRI_PREFIX = "urn:synoptic:annotation:"
UUID_IRI_PREFIX = "urn:uuid:"
MAX_IMPORT_BYTES = 32 * 1024 * 1024
"""A file bigger than this is refused before it is parsed (about 30,000 long notes)."""
MAX_OCCURRENCES = 10_000
"""Occurrences of an imported quote looked at before giving up on telling them apart."""

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, SYNOPTIC_VOCAB)
_HEX_ID = re.compile(r"[0-9a-f]{32}")
_W3C_TIME = re.compile(
    r"[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
_DOC_SAFE = "/-._~!$&'()*+,;=:@"
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


class W3CFormatError(AnnotationError):
    """The file is not W3C Web Annotation JSON Synoptic can read; nothing was imported."""


# --- IRIs ----------------------------------------------------------------------------------------


def annotation_iri(annotation_id: str) -> str:
    """The IRI of an annotation: ``urn:uuid:...`` for our usual hex ids."""
    if _HEX_ID.fullmatch(annotation_id):
        return UUID_IRI_PREFIX + str(uuid.UUID(hex=annotation_id))
    return ANNOTATION_IRI_PREFIX + quote(annotation_id, safe="")


def annotation_id_from_iri(iri: str) -> str | None:
    """Our id back from :func:`annotation_iri`'s forms; None for anyone else's IRI."""
    if iri.lower().startswith(UUID_IRI_PREFIX):
        try:
            return uuid.UUID(iri[len(UUID_IRI_PREFIX) :]).hex
        except ValueError:
            return None
    if iri.startswith(ANNOTATION_IRI_PREFIX) and len(iri) > len(ANNOTATION_IRI_PREFIX):
        return unquote(iri[len(ANNOTATION_IRI_PREFIX) :])
    return None


def document_iri(doc_id: str) -> str:
    """The IRI of a workspace document (see the module docstring for why a URN)."""
    return DOC_IRI_PREFIX + quote(doc_id, safe=_DOC_SAFE)


def doc_id_from_iri(iri: str) -> str | None:
    """The document id in one of our document IRIs; None for other IRIs."""
    if iri.startswith(DOC_IRI_PREFIX) and len(iri) > len(DOC_IRI_PREFIX):
        return unquote(iri[len(DOC_IRI_PREFIX) :])
    return None


def imported_id(iri: str) -> str:
    """The id an annotation from another tool gets: ours unchanged, others a uuid5 of the IRI."""
    own = annotation_id_from_iri(iri)
    return own if own is not None else uuid.uuid5(uuid.NAMESPACE_URL, iri).hex


# --- export --------------------------------------------------------------------------------------


def _w3c_time(value: str) -> tuple[str, bool]:
    """``value`` as a W3C date-time, and whether it had to be rewritten to be one."""
    if _W3C_TIME.fullmatch(value):
        return value, False
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value, False
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat(timespec="microseconds"), True


def _motivation(annotation: Annotation) -> str:
    if annotation.reply_to is not None:
        return "replying"
    if annotation.note:
        return "commenting"
    if annotation.verdict is not None:
        return "assessing"
    if annotation.tags:
        return "tagging"
    if annotation.links:
        return "linking"
    if annotation.claim is not None:
        return "classifying"
    return "highlighting"


def _selectors(target: Target) -> list[dict[str, Any]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": target.quote,
            "prefix": target.prefix,
            "suffix": target.suffix,
        },
        {"type": "TextPositionSelector", "start": target.start, "end": target.end},
    ]


def _passage_resource(target: Target) -> dict[str, Any]:
    return {
        "type": "SpecificResource",
        "source": document_iri(target.doc),
        "selector": _selectors(target),
        "synoptic:sha256": target.sha256,
    }


def _link_body(link: EvidenceLink) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "SpecificResource", "purpose": "linking"}
    if link.kind is LinkKind.PASSAGE and link.target is not None:
        body.update(_passage_resource(link.target))
    else:
        body["source"] = link.href
    body["synoptic:relation"] = link.relation.value
    if link.title:
        body["synoptic:title"] = link.title
    return body


def to_w3c(annotation: Annotation) -> dict[str, Any]:
    """One annotation in the W3C model, without ``@context`` (the collection supplies it)."""
    created, created_changed = _w3c_time(annotation.created)
    modified, modified_changed = _w3c_time(annotation.modified)
    item: dict[str, Any] = {
        "id": annotation_iri(annotation.id),
        "type": "Annotation",
        "motivation": _motivation(annotation),
        "created": created,
        "modified": modified,
        "creator": {"type": "Person", "name": annotation.author},
    }
    bodies: list[dict[str, Any]] = []
    if annotation.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": annotation.note,
                "format": "text/markdown",
            }
        )
    if annotation.verdict is not None:
        bodies.append(
            {"type": "TextualBody", "purpose": "assessing", "value": annotation.verdict.value}
        )
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in annotation.tags]
    bodies += [_link_body(link) for link in annotation.links]
    if bodies:
        item["body"] = bodies
    passage = _passage_resource(annotation.target)
    if annotation.reply_to is not None:
        item["target"] = [annotation_iri(annotation.reply_to), passage]
    else:
        item["target"] = passage
    if annotation.claim is not None:
        item["synoptic:claim"] = annotation.claim.value
    if created_changed:
        item["synoptic:created"] = annotation.created
    if modified_changed:
        item["synoptic:modified"] = annotation.modified
    if annotation.superseded:
        item["synoptic:superseded"] = copy.deepcopy(list(annotation.superseded))
    if annotation.extra:
        item["synoptic:extra"] = copy.deepcopy(dict(annotation.extra))
    return item


def export_collection(annotations: Iterable[Annotation], *, label: str) -> dict[str, Any]:
    """An ``AnnotationCollection`` with one embedded page holding every live annotation, in
    the order given. Its ids are derived from its content, so the same notes export the same."""
    items = [to_w3c(a) for a in annotations if not a.deleted]
    digest = hashlib.sha256(
        json.dumps(items, sort_keys=True, ensure_ascii=True).encode("ascii")
    ).hexdigest()
    return {
        "@context": [ANNO_CONTEXT, {"synoptic": SYNOPTIC_VOCAB}],
        "id": UUID_IRI_PREFIX + str(uuid.uuid5(_NAMESPACE, "collection:" + digest)),
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {
            "id": UUID_IRI_PREFIX + str(uuid.uuid5(_NAMESPACE, "page:" + digest)),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def dumps(collection: Mapping[str, Any]) -> str:
    """The file text: indented JSON, UTF-8 where it can be, ending with a newline."""
    text = json.dumps(collection, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in some text: only its \\u escape is valid
        text = json.dumps(collection, ensure_ascii=True, indent=2)
    return text + "\n"


def looks_like_export(head: str) -> bool:
    """Whether the start of a file is a W3C export by Synoptic (safe to overwrite)."""
    return '"AnnotationCollection"' in head and f'"synoptic": "{SYNOPTIC_VOCAB}"' in head


# --- reading a file ------------------------------------------------------------------------------


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


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_w3c(data: bytes, *, limit: int = MAX_IMPORT_BYTES) -> W3CInput:
    """The annotations in a W3C Web Annotation file, before any of them is looked at.

    Raises:
        W3CFormatError: the file is too big, not UTF-8 JSON, or not an Annotation, a list of
            them, an AnnotationPage or an AnnotationCollection with an embedded first page.
    """
    if len(data) > limit:
        raise W3CFormatError(
            f"The file is {len(data) / 1e6:.1f} MB; files over {limit / 1e6:.0f} MB are not "
            "imported. Split it into smaller collections."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise W3CFormatError(f"The file is not UTF-8 text (byte {exc.start}).") from None
    try:
        parsed = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise W3CFormatError("The file is JSON nested too deeply to be annotations.") from None
    except ValueError as exc:
        raise W3CFormatError(f"The file is not valid JSON: {exc}.") from None
    if isinstance(parsed, list):
        return W3CInput(parsed)
    if not isinstance(parsed, dict):
        raise W3CFormatError(
            "The file must hold a JSON object (an Annotation, AnnotationPage or "
            "AnnotationCollection) or a list of annotations."
        )
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
    shown = ", ".join(sorted(kinds)) or "no type"
    raise W3CFormatError(
        f"The file holds an object of type {shown[:80]}, not an Annotation, AnnotationPage "
        "or AnnotationCollection."
    )


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


# --- mapping annotations -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Skipped:
    """An annotation of the file that was not imported, or a warning about one that was."""

    id: str
    """Its id in the file (an IRI), or ``items[N]`` when it has none."""
    reason: str


@dataclass
class ImportPlan:
    """What an import will write, and what it leaves out (with reasons)."""

    annotations: list[Annotation] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    """Parts of imported annotations that were dropped (a link to ``javascript:``, ...)."""
    keys: dict[str, str] = field(default_factory=dict)
    """For each annotation to add, its id in the file (to report a failed write by it)."""


class _Refused(Exception):
    """This annotation cannot be imported; the message says why."""


class Documents:
    """The workspace's documents as an import sees them: ids, and text read on demand."""

    def __init__(self, doc_ids: Iterable[str], text_of: Callable[[str], str | None]) -> None:
        self.ids = list(doc_ids)
        self._id_set = set(self.ids)
        self._text_of = text_of
        self._texts: dict[str, str | None] = {}
        by_name: dict[str, list[str]] = {}
        for doc_id in self.ids:
            by_name.setdefault(PurePosixPath(doc_id).name, []).append(doc_id)
        self._by_name = by_name

    def text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = self._text_of(doc_id)
        text = self._texts[doc_id]
        if text is None:
            raise _Refused(f"the document {doc_id} cannot be read")
        return text

    def resolve(self, iri: str) -> str | None:
        """The document an IRI names: ours, a path ending in a document id, or a unique name."""
        own = doc_id_from_iri(iri)
        if own is not None:
            return own if own in self._id_set else None
        if iri in self._id_set:
            return iri
        try:
            path = unquote(urlsplit(iri).path)
        except ValueError:
            return None
        path = path.replace("\\", "/")
        found = [d for d in self.ids if path == d or path.endswith("/" + d)]
        if found:
            return max(found, key=len)
        named = self._by_name.get(PurePosixPath(path).name, [])
        return named[0] if len(named) == 1 else None


def _clean(text: str) -> str:
    """A name or tag without control or bidirectional characters."""
    return "".join(
        c for c in text if unicodedata.category(c) != "Cc" and c not in _BIDI and c != "\ufeff"
    ).strip()


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


def _creator_name(item: Mapping[str, Any]) -> str | None:
    for creator in _as_list(item.get("creator")):
        if isinstance(creator, dict):
            for key in ("name", "nickname", "id"):
                value = creator.get(key)
                if isinstance(value, str) and _clean(value):
                    return _clean(value)
        elif isinstance(creator, str) and _clean(creator):
            return _clean(creator)
    return None


def _time(item: Mapping[str, Any], name: str, fallback: str) -> str:
    for key in (f"synoptic:{name}", name):
        value = item.get(key)
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                continue
            if parsed.tzinfo is not None:
                return value
    return fallback


@dataclass(frozen=True, slots=True)
class _Selection:
    exact: str | None = None
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    sha256: str | None = None


def _int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _read_selectors(resource: Mapping[str, Any]) -> _Selection:
    exact: str | None = None
    prefix = suffix = ""
    start = end = None

    def visit(selector: Any, refined: bool) -> None:
        nonlocal exact, prefix, suffix, start, end
        if not isinstance(selector, dict):
            return
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and exact is None:
            value = selector.get("exact")
            if isinstance(value, str) and value:
                exact = value
                before, after = selector.get("prefix", ""), selector.get("suffix", "")
                prefix = before if isinstance(before, str) else ""
                suffix = after if isinstance(after, str) else ""
        if "TextPositionSelector" in kinds and start is None and not refined:
            first, last = _int(selector.get("start")), _int(selector.get("end"))
            if first is not None and last is not None and first < last:
                start, end = first, last
        for inner in _as_list(selector.get("refinedBy")):
            visit(inner, True)

    for selector in _as_list(resource.get("selector")):
        visit(selector, False)
    sha = resource.get("synoptic:sha256")
    return _Selection(exact, prefix, suffix, start, end, sha if isinstance(sha, str) else None)


def _context_score(text: str, at: int, selection: _Selection, length: int) -> int:
    """How many characters of the stored prefix and suffix agree with the text around ``at``."""
    score = 0
    before = text[max(0, at - len(selection.prefix)) : at]
    for a, b in zip(reversed(before), reversed(selection.prefix), strict=False):
        if a != b:
            break
        score += 1
    after = text[at + length : at + length + len(selection.suffix)]
    for a, b in zip(after, selection.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _find_quote(text: str, doc_id: str, selection: _Selection) -> tuple[int, int]:
    exact = selection.exact
    assert exact is not None
    length = len(exact)
    if selection.start is not None and text.startswith(exact, selection.start):
        return selection.start, selection.start + length
    starts: list[int] = []
    position = text.find(exact)
    while position >= 0 and len(starts) < MAX_OCCURRENCES:
        starts.append(position)
        position = text.find(exact, position + 1)
    if len(starts) == 1:
        return starts[0], starts[0] + length
    if starts:
        scored = sorted(
            ((_context_score(text, s, selection, length), s) for s in starts), reverse=True
        )
        if scored[0][0] > scored[1][0]:
            return scored[0][1], scored[0][1] + length
        if selection.start is not None:
            hint = selection.start
            best = [s for score, s in scored if score == scored[0][0]]
            nearest = min(best, key=lambda s: (abs(s - hint), s))
            return nearest, nearest + length
        raise _Refused(
            f"the quote occurs {len(starts)} times in {doc_id} and its context does not say "
            "which one is meant"
        )
    hint = selection.start or 0
    provisional = Target(
        doc=doc_id,
        quote=exact,
        prefix=selection.prefix[-CONTEXT_CHARS:],
        suffix=selection.suffix[:CONTEXT_CHARS],
        start=hint,
        end=hint + length,
        sha256="",
    )
    found = anchor(provisional, text)
    if found.start is None or found.end is None:
        raise _Refused(f"the quote {_shorten(exact)!r} is not in {doc_id}")
    return found.start, found.end


def _verdict(value: str) -> Verdict | None:
    try:
        return parse_verdict(value)
    except AnnotationFormatError:
        return None


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _passage(resource: Mapping[str, Any], documents: Documents) -> Target | None:
    """The passage a target or body resource selects, None if it names no workspace document.

    Raises:
        _Refused: it names a document but no usable passage of it.
    """
    source = _iri_of(resource.get("source"))
    if source is None:
        return None
    doc_id = documents.resolve(source)
    if doc_id is None:
        return None
    selection = _read_selectors(resource)
    if selection.sha256 is not None and selection.exact is not None and selection.start is not None:
        try:  # our own export: the target exactly as it was stored
            return Target.from_record(
                {
                    "doc": doc_id,
                    "quote": selection.exact,
                    "prefix": selection.prefix,
                    "suffix": selection.suffix,
                    "start": selection.start,
                    "end": selection.end,
                    "sha256": selection.sha256,
                }
            )
        except ValueError:
            pass
    text = documents.text(doc_id)
    if selection.exact is not None:
        start, end = _find_quote(text, doc_id, selection)
    elif selection.start is not None and selection.end is not None:
        start, end = selection.start, selection.end
        if end > len(text):
            raise _Refused(f"characters {start}-{end} are past the end of {doc_id}")
    else:
        raise _Refused(f"its target on {doc_id} has no TextQuoteSelector or TextPositionSelector")
    return Target.from_span(doc_id, text, start, end)


@dataclass
class _Draft:
    """One annotation being mapped, before replies are joined to their parents."""

    key: str
    """The id in the file (for the report)."""
    id: str
    item: Mapping[str, Any]
    target: Target | None
    reply_iri: str | None


class _Mapper:
    def __init__(
        self, documents: Documents, author: str, known: Callable[[str], Target | None]
    ) -> None:
        self.documents = documents
        self.author = author
        self.known = known
        self.plan = ImportPlan()

    def warn(self, key: str, message: str) -> None:
        self.plan.warnings.append(Skipped(key, message))

    def draft(self, key: str, new_id: str, item: Mapping[str, Any], batch: set[str]) -> _Draft:
        if "Annotation" not in _types(item):
            raise _Refused("it is not an Annotation (its type is not 'Annotation')")
        targets = _as_list(item.get("target"))
        if not targets:
            raise _Refused("it has no target")
        passage: Target | None = None
        reply_iri: str | None = None
        names: list[str] = []
        for target in targets:
            if isinstance(target, dict) and "source" in target:
                if passage is None:
                    passage = _passage(target, self.documents)
                names.append(_iri_of(target.get("source")) or "an unnamed source")
                continue
            iri = _iri_of(target)
            if iri is None:
                continue
            names.append(iri)
            if annotation_id_from_iri(iri) is not None or imported_id(iri) in batch:
                reply_iri = reply_iri or iri
            elif self.documents.resolve(iri) is not None:
                raise _Refused(
                    f"it targets the whole of {self.documents.resolve(iri)}; Synoptic notes are "
                    "on passages (add a TextQuoteSelector)"
                )
        if passage is None and reply_iri is None:
            shown = names[0][:120] if names else "its target"
            raise _Refused(f"its target {shown} is not a document of this workspace")
        return _Draft(key, new_id, item, passage, reply_iri)

    def build(self, draft: _Draft, parents: Mapping[str, _Draft]) -> Annotation:
        item = draft.item
        reply_to = imported_id(draft.reply_iri) if draft.reply_iri is not None else None
        target = draft.target if draft.target is not None else self.inherited(draft, parents)
        if target is None:
            raise _Refused("it answers an annotation whose passage is not known here")
        note_parts: list[str] = []
        tags: list[str] = []
        verdicts: list[Verdict] = []
        claim: ClaimMark | None = None
        links: list[EvidenceLink] = []
        body_value = item.get("bodyValue")
        if isinstance(body_value, str) and body_value:
            note_parts.append(body_value)

        def take(body: Any) -> None:
            nonlocal claim
            if isinstance(body, str):
                self.link(draft.key, body, Relation.CONTEXT, "", links)
                return
            if not isinstance(body, dict):
                return
            kinds = _types(body)
            if "Choice" in kinds:
                take(next(iter(_as_list(body.get("items"))), None))
                return
            if kinds & {"Composite", "List", "Independents"}:
                for inner in _as_list(body.get("items")):
                    take(inner)
                return
            purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
            relation = self.relation(draft.key, body)
            raw_title = body.get("synoptic:title", "")
            title = _clean(raw_title) if isinstance(raw_title, str) else ""
            value = body.get("value")
            if "TextualBody" in kinds or (isinstance(value, str) and "source" not in body):
                if not isinstance(value, str):
                    return
                if "tagging" in purposes:
                    if _clean(value):
                        tags.append(_clean(value))
                elif "assessing" in purposes and (verdict := _verdict(value)) is not None:
                    verdicts.append(verdict)
                elif "classifying" in purposes and value.strip().lower() in set(ClaimMark):
                    claim = ClaimMark(value.strip().lower())
                elif value:
                    note_parts.append(value)
                return
            if "source" in body:
                try:
                    cited = _passage(body, self.documents)
                except _Refused as refused:
                    self.warn(draft.key, f"a passage link was dropped: {refused}")
                    return
                if cited is not None:
                    links.append(passage_link(cited, relation, title))
                    return
                iri = _iri_of(body.get("source"))
                if iri is not None:
                    self.link(draft.key, iri, relation, title, links)
                return
            iri = _iri_of(body)
            if iri is not None:
                self.link(draft.key, iri, relation, title, links)
                return
            self.warn(draft.key, "a body that is neither text nor a link was dropped")

        for body in _as_list(item.get("body")):
            take(body)
        if len(set(verdicts)) > 1:
            self.warn(draft.key, "it has several verdicts; the first was kept")
        raw_claim = item.get("synoptic:claim")
        if isinstance(raw_claim, str) and raw_claim in set(ClaimMark):
            claim = ClaimMark(raw_claim)
        creator = _creator_name(item)
        extra = self.extra(draft, creator)
        author = self.author
        now = now_iso()
        created = _time(item, "created", now)
        superseded = item.get("synoptic:superseded", [])
        if not isinstance(superseded, list) or not all(isinstance(s, dict) for s in superseded):
            self.warn(draft.key, "its superseded versions are malformed and were dropped")
            superseded = []
        return Annotation(
            id=draft.id,
            author=author,
            created=created,
            modified=_time(item, "modified", created),
            target=target,
            note="\n\n".join(note_parts),
            tags=tuple(tags),
            verdict=verdicts[0] if verdicts else None,
            links=tuple(links),
            reply_to=reply_to,
            claim=claim,
            superseded=tuple(copy.deepcopy(superseded)),
            extra=extra,
        )

    def inherited(self, draft: _Draft, drafts: Mapping[str, _Draft]) -> Target | None:
        """The passage of the nearest annotation up the reply chain that has one: in the file,
        or already in the workspace."""
        seen = {draft.id}
        current = draft
        while current.reply_iri is not None:
            parent_id = imported_id(current.reply_iri)
            parent = drafts.get(parent_id)
            if parent is None:
                return self.known(parent_id)
            if parent.target is not None:
                return parent.target
            if parent.id in seen:
                return None
            seen.add(parent.id)
            current = parent
        return None

    def relation(self, key: str, body: Mapping[str, Any]) -> Relation:
        raw = body.get("synoptic:relation")
        if raw is None:
            return Relation.CONTEXT
        try:
            return parse_relation(raw if isinstance(raw, str) else "")
        except LinkError:
            self.warn(key, f"the relation {str(raw)[:40]!r} is unknown; 'context' was used")
            return Relation.CONTEXT

    def link(
        self, key: str, ref: str, relation: Relation, title: str, links: list[EvidenceLink]
    ) -> None:
        try:
            links.append(parse_link(ref, relation, title))
        except LinkError as exc:
            self.warn(key, f"the link {_shorten(ref)!r} was dropped: {exc}")

    def extra(self, draft: _Draft, creator: str | None) -> dict[str, Any]:
        raw = draft.item.get("synoptic:extra", {})
        extra: dict[str, Any] = {}
        if isinstance(raw, dict):
            for name, value in raw.items():
                if name in KNOWN_FIELDS:
                    self.warn(draft.key, f"the extra field {name!r} clashes and was dropped")
                else:
                    extra[name] = copy.deepcopy(value)
        if creator is not None and creator != self.author:
            extra["imported_creator"] = creator
        if annotation_id_from_iri(draft.key) is None and not draft.key.startswith("items["):
            extra["imported_from"] = draft.key
        return extra


def plan_import(
    source: W3CInput,
    documents: Documents,
    author: str,
    *,
    existing: Mapping[str, Annotation],
) -> ImportPlan:
    """Map every annotation of ``source`` to one of ``author``'s, or say why it cannot be.

    ``existing`` holds the workspace's annotations by id, tombstones included: an id already
    there is not imported again. Nothing is written; :attr:`ImportPlan.annotations` is what to
    add, parents before replies where both are in the file.
    """

    def known(annotation_id: str) -> Target | None:
        found = existing.get(annotation_id)
        return found.target if found is not None else None

    mapper = _Mapper(documents, author, known)
    plan = mapper.plan
    plan.warnings.extend(Skipped("file", notice) for notice in source.notices)
    keyed: list[tuple[str, str, Any]] = []
    for index, item in enumerate(source.items):
        raw_id = item.get("id", item.get("@id")) if isinstance(item, dict) else None
        if isinstance(raw_id, str) and raw_id:
            keyed.append((raw_id, imported_id(raw_id), item))
        else:
            canonical = json.dumps(item, sort_keys=True, ensure_ascii=True, default=str)
            digest = hashlib.sha256(canonical.encode("ascii")).hexdigest()
            keyed.append((f"items[{index}]", uuid.uuid5(_NAMESPACE, digest).hex, item))
    batch = {new_id for _, new_id, _ in keyed}
    drafts: dict[str, _Draft] = {}
    order: list[_Draft] = []
    for key, new_id, item in keyed:
        if not isinstance(item, dict):
            plan.skipped.append(Skipped(key, "it is not a JSON object"))
            continue
        if new_id in drafts:
            plan.skipped.append(Skipped(key, "it appears twice in the file"))
            continue
        found = existing.get(new_id)
        if found is not None:
            why = "was deleted in this workspace" if found.deleted else "is already in it"
            plan.skipped.append(Skipped(key, f"an annotation with its id {why}"))
            continue
        try:
            draft = mapper.draft(key, new_id, item, batch)
        except _Refused as refused:
            plan.skipped.append(Skipped(key, str(refused)))
            continue
        drafts[new_id] = draft
        plan.keys[new_id] = key
        order.append(draft)
    built: dict[str, Annotation] = {}
    for draft in _parents_first(order):
        try:
            built[draft.id] = mapper.build(draft, drafts)
        except _Refused as refused:
            plan.skipped.append(Skipped(draft.key, str(refused)))
        except (AnnotationFormatError, ValueError) as exc:
            plan.skipped.append(Skipped(draft.key, f"it cannot be stored: {exc}"))
    plan.annotations = list(built.values())
    return plan


def _parents_first(drafts: Sequence[_Draft]) -> list[_Draft]:
    """The drafts with each reply after the annotation it answers (file order otherwise)."""
    by_id = {d.id: d for d in drafts}
    placed: set[str] = set()
    result: list[_Draft] = []
    for draft in drafts:
        chain: list[_Draft] = []
        current: _Draft | None = draft
        while current is not None and current.id not in placed and current not in chain:
            chain.append(current)
            parent_iri = current.reply_iri
            current = by_id.get(imported_id(parent_iri)) if parent_iri is not None else None
        for member in reversed(chain):
            placed.add(member.id)
            result.append(member)
    return result
