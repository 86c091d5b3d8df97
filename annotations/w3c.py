"""Annotations as W3C Web Annotation JSON-LD: export, and import from Synoptic or other tools.

Callers import from here; the work is split by direction, because the two are asked different
things. Export is strict and lossless for Synoptic's own fields, while import must be lenient
about the many shapes other tools write yet refuse rather than guess where a note belongs.
(See https://www.w3.org/TR/annotation-model/.)

* :mod:`annotations.w3c_vocab`: the IRIs both directions must read alike, so that an export
  re-imports to the same ids and documents.
* :mod:`annotations.w3c_export`: how each annotation maps to the W3C model
  (:func:`to_w3c`, :func:`export_collection`, :func:`dumps`).
* :mod:`annotations.w3c_read`: which files are accepted at all (:func:`read_w3c`), before any
  annotation is looked at.
* :mod:`annotations.w3c_passages`: where an imported annotation's passage is in the current
  text (:class:`Documents`), or why it cannot be placed.
* :mod:`annotations.w3c_import`: how each annotation becomes one of ours and whose name it
  carries (:func:`plan_import`), with :mod:`annotations.w3c_bodies` (bodies: note, tags,
  verdict, links) and :mod:`annotations.w3c_fields` (names, tags and dates fitted to our model,
  each change reported and the original kept).
"""

from __future__ import annotations

from annotations.w3c_export import dumps, export_collection, looks_like_export, to_w3c
from annotations.w3c_import import ImportPlan, Skipped, plan_import
from annotations.w3c_passages import MAX_OCCURRENCES, Documents
from annotations.w3c_read import MAX_IMPORT_BYTES, W3CFormatError, W3CInput, read_w3c
from annotations.w3c_vocab import (
    ANNO_CONTEXT,
    ANNOTATION_IRI_PREFIX,
    DOC_IRI_PREFIX,
    SYNOPTIC_VOCAB,
    UUID_IRI_PREFIX,
    annotation_id_from_iri,
    annotation_iri,
    doc_id_from_iri,
    document_iri,
    imported_id,
)

__all__ = [
    "ANNOTATION_IRI_PREFIX",
    "ANNO_CONTEXT",
    "DOC_IRI_PREFIX",
    "MAX_IMPORT_BYTES",
    "MAX_OCCURRENCES",
    "SYNOPTIC_VOCAB",
    "UUID_IRI_PREFIX",
    "Documents",
    "ImportPlan",
    "Skipped",
    "W3CFormatError",
    "W3CInput",
    "annotation_id_from_iri",
    "annotation_iri",
    "doc_id_from_iri",
    "document_iri",
    "dumps",
    "export_collection",
    "imported_id",
    "looks_like_export",
    "plan_import",
    "read_w3c",
    "to_w3c",
]
