"""Writing annotations as one self-contained W3C Web Annotation collection.

:func:`export_collection` writes one ``AnnotationCollection`` whose ``first`` is an embedded
``AnnotationPage`` holding every exported annotation. A single page keeps the file
self-contained (a reader needs no second request, and :func:`annotations.w3c.read_w3c` never
follows IRIs); the W3C model allows a collection of any size on one page. Tombstones are never
exported.

Each annotation maps as follows (see https://www.w3.org/TR/annotation-model/; the IRIs are
explained in :mod:`annotations.w3c_vocab`):

* ``id``: the annotation's IRI, ``urn:uuid:<uuid>`` for our usual ids.
* ``motivation``: ``replying`` for a reply, ``commenting`` when there is a note, ``assessing``
  for a verdict without a note, then ``tagging``, ``linking``, ``classifying`` (a claim mark)
  and ``highlighting`` for an annotation with nothing but its passage.
* ``creator``: ``{"type": "Person", "name": <author>}``; ``created``/``modified`` as stored.
* ``target``: a ``SpecificResource`` whose ``source`` is the document's IRI,
  ``urn:synoptic:doc:<percent-encoded document id>``. The selectors are a
  ``TextQuoteSelector`` (``exact``, ``prefix``, ``suffix``) and a ``TextPositionSelector``
  (``start``, ``end`` in Unicode code points of the decoded text), exactly as stored when the
  note was made, with the hash of that text under ``synoptic:sha256``. A reply's ``target`` is
  a list: the answered annotation's IRI, then the passage.
* bodies: the note as a ``TextualBody`` (``purpose: commenting``, ``format: text/markdown``);
  one ``TextualBody`` with ``purpose: tagging`` per tag; the verdict as a ``TextualBody`` with
  ``purpose: assessing``; each evidence link as a ``SpecificResource`` with ``purpose:
  linking`` whose ``source`` is the link's address, or for a link to a passage the document
  IRI plus the passage's selectors. (The model forbids ``purpose`` on a bare external
  resource, so a link cannot be ``{"id": href, "purpose": "linking"}``.) The relation
  (supports/refutes/context) and the user's title are kept as ``synoptic:relation`` and
  ``synoptic:title``.
* Synoptic extras, under the ``synoptic`` prefix: ``synoptic:claim`` (the claim mark),
  ``synoptic:superseded`` (versions displaced by a merge), ``synoptic:resolved`` (which of
  them the author has settled, or a re-import would report them again),
  ``synoptic:moved_from`` (the version a move left behind), ``synoptic:extra`` (fields from a
  newer Synoptic), and ``synoptic:created``/``synoptic:modified`` when a stored time had to be
  rewritten to pass as a W3C date-time. With these an export re-imports without loss.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from annotations.links import EvidenceLink, LinkKind
from annotations.w3c_vocab import (
    _NAMESPACE,
    ANNO_CONTEXT,
    SYNOPTIC_VOCAB,
    UUID_IRI_PREFIX,
    annotation_iri,
    document_iri,
)
from corpus.text import json_invisibles_escaped

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from annotations.model import Annotation
    from annotations.target import Target

_W3C_TIME = re.compile(
    r"[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})"
)


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
        "creator": {"type": "Person", "name": annotation.writer},
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
    if annotation.resolved:
        item["synoptic:resolved"] = list(annotation.resolved)
    if annotation.moved_from is not None:
        item["synoptic:moved_from"] = copy.deepcopy(dict(annotation.moved_from))
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
    """The file text: indented JSON, UTF-8 where it can be, ending with a newline.

    What :func:`corpus.text.inert` would hide is written as a ``\\u`` escape: the same data to
    any JSON reader, but printed to a terminal (``export`` writes to standard output) or
    opened in an editor, a CSI cannot act and a right-to-left override in a quote, a note or a
    document's name cannot reorder what is read. Such characters only occur inside strings,
    where an escape is valid.
    """
    text = json.dumps(collection, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in some text: only its \\u escape is valid
        text = json.dumps(collection, ensure_ascii=True, indent=2)
    return json_invisibles_escaped(text) + "\n"


def looks_like_export(head: str) -> bool:
    """Whether the start of a file is a W3C export by Synoptic (safe to overwrite)."""
    return '"AnnotationCollection"' in head and f'"synoptic": "{SYNOPTIC_VOCAB}"' in head
