"""The IRIs and vocabulary that W3C export and import must agree on.

An export re-imports without loss only because both directions read these the same way: an
annotation's IRI turns back into the same id, a document's IRI into the same document, and the
``synoptic:`` keys into the same fields. Keeping them in one module is what keeps the two
directions from drifting apart.

* Annotations: ``urn:uuid:<uuid>`` from our hex id; an id that is not 32 lowercase hex digits (a
  hand-made record) becomes ``urn:synoptic:annotation:<percent-encoded id>``. Both forms are
  turned back into the same id on import. Another tool's annotation IRI becomes a uuid5 of that
  IRI (:func:`imported_id`), so importing the same file twice finds the same ids.
* Documents: ``urn:synoptic:doc:<percent-encoded document id>``. Document ids are paths relative
  to the workspace, so this IRI is the same in every clone of it and leaks no local path, which a
  ``file:`` URI would.
* Synoptic extras live under the ``synoptic`` prefix, ``urn:synoptic:vocab:``, declared in each
  exported collection's ``@context``.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from urllib.parse import quote, unquote

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SYNOPTIC_VOCAB = "urn:synoptic:vocab:"
"""Where ``synoptic:`` keys expand to; a URN, so it never pretends to be a web page."""
DOC_IRI_PREFIX = "urn:synoptic:doc:"
ANNOTATION_IRI_PREFIX = "urn:synoptic:annotation:"
UUID_IRI_PREFIX = "urn:uuid:"

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, SYNOPTIC_VOCAB)
_HEX_ID = re.compile(r"[0-9a-f]{32}")
_DOC_SAFE = "/-._~!$&'()*+,;=:@"


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
    if own is not None:
        return own
    # uuid5 itself, but an IRI read from JSON may hold a lone surrogate (a "\ud800" escape),
    # which uuid5's strict UTF-8 refuses with a crash: its bytes are hashed as they come, so
    # every other IRI keeps the id it always had and this one gets a stable one too.
    name = iri.encode("utf-8", "surrogatepass")
    digest = hashlib.sha1(uuid.NAMESPACE_URL.bytes + name, usedforsecurity=False).digest()
    return uuid.UUID(bytes=digest[:16], version=5).hex
