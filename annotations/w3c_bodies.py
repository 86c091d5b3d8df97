"""The bodies of an imported W3C annotation as a note's text, tags, verdict, claim mark and
evidence links, with every change made to fit them reported.

* A tagging ``TextualBody`` is a tag, an assessing one the verdict when it is one, a
  ``classifying`` "claim"/"not-claim" the claim mark; any other ``TextualBody`` or the
  ``bodyValue`` is note text (several are joined by blank lines).
* A ``SpecificResource`` or an external resource is an evidence link (a passage link when its
  source is a workspace document). Items of a ``Choice``: the first (the default); of a set:
  all.

Nothing a user wrote is dropped unseen. A link Synoptic would refuse when typed
(``javascript:``, ``file:``...) is not stored as a link, but its text stays in the note (a lone
surrogate in it as its ``\\u`` escape, since a note cannot hold one); a tag
loses its line breaks; a body of a kind Synoptic does not store, a ``Choice``'s other options
and a second, different verdict are kept verbatim in the annotation's extra field
``imported_bodies``. Each is reported.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationFormatError, LinkError
from annotations.labels import ClaimMark, Verdict, parse_verdict
from annotations.links import EvidenceLink, Relation, parse_link, parse_relation, passage_link
from annotations.w3c_fields import escape_surrogates, one_line, shown
from annotations.w3c_passages import _passage, _Refused, _shorten
from annotations.w3c_read import _as_list, _iri_of, _types

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from annotations.w3c_passages import Documents

KEPT = "its extra field 'imported_bodies'"


@dataclass
class Bodies:
    """What the bodies of one annotation say, as our fields."""

    note_parts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    verdict: Verdict | None = None
    claim: ClaimMark | None = None
    links: list[EvidenceLink] = field(default_factory=list)
    kept: list[Any] = field(default_factory=list)
    """Bodies, verbatim, that map to none of our fields (for ``extra["imported_bodies"]``)."""


def _verdict(value: str) -> Verdict | None:
    try:
        return parse_verdict(value)
    except AnnotationFormatError:
        return None


class BodyReader:
    """Reads the bodies of one annotation, reporting each change through ``warn``."""

    def __init__(self, documents: Documents, warn: Callable[[str], None]) -> None:
        self.documents = documents
        self.warn = warn
        self.found = Bodies()

    def read(self, item: Mapping[str, Any]) -> Bodies:
        body_value = item.get("bodyValue")
        if isinstance(body_value, str):
            if body_value:
                self.found.note_parts.append(body_value)
        elif body_value is not None:
            self.keep(body_value, "its bodyValue is not text")
        for body in _as_list(item.get("body")):
            self.take(body)
        return self.found

    def keep(self, body: Any, why: str) -> None:
        self.found.kept.append(copy.deepcopy(body))
        self.warn(f"{why}; it is kept in {KEPT}")

    def take(self, body: Any) -> None:
        if isinstance(body, str):
            self.link(body, Relation.CONTEXT, "")
            return
        if not isinstance(body, dict):
            self.keep(body, f"a body {shown(body)} is neither text nor a link")
            return
        kinds = _types(body)
        if "Choice" in kinds:
            options = _as_list(body.get("items"))
            if len(options) > 1:
                self.keep(
                    {**body, "items": options[1:]},
                    f"a Choice body offers {len(options)} options; the first was imported and "
                    "the others were not",
                )
            if options:
                self.take(options[0])
            return
        if kinds & {"Composite", "List", "Independents"}:
            for inner in _as_list(body.get("items")):
                self.take(inner)
            return
        value = body.get("value")
        if "TextualBody" in kinds or (isinstance(value, str) and "source" not in body):
            self.text(body, value)
            return
        relation = self.relation(body)
        raw_title = body.get("synoptic:title", "")
        title = one_line(raw_title) if isinstance(raw_title, str) else ""
        if isinstance(raw_title, str) and title != raw_title.strip():
            self.warn(f"the link title {shown(raw_title)} is stored as {shown(title)}")
        if "source" in body:
            try:
                cited = _passage(body, self.documents)
            except _Refused as refused:
                self.refused(_iri_of(body.get("source")) or "a passage", relation, str(refused))
                return
            if cited is not None:
                self.found.links.append(passage_link(cited, relation, title))
                return
            iri = _iri_of(body.get("source"))
            if iri is not None:
                self.link(iri, relation, title)
                return
        iri = _iri_of(body)
        if iri is not None:
            self.link(iri, relation, title)
            return
        self.keep(body, "a body that is neither text nor a link was not imported")

    def text(self, body: Mapping[str, Any], value: Any) -> None:
        """A textual body: a tag, the verdict, the claim mark, or note text."""
        if not isinstance(value, str):
            self.keep(body, f"a TextualBody's value {shown(value)} is not text")
            return
        purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
        if "tagging" in purposes:
            self.tag(value)
        elif "assessing" in purposes and (verdict := _verdict(value)) is not None:
            if self.found.verdict is None:
                self.found.verdict = verdict
            elif verdict is not self.found.verdict:
                self.keep(
                    body,
                    f"it has several verdicts; {self.found.verdict.value!r} was kept and "
                    f"{verdict.value!r} was not",
                )
        elif "classifying" in purposes and value.strip().lower() in set(ClaimMark):
            self.found.claim = ClaimMark(value.strip().lower())
        elif value:
            self.found.note_parts.append(value)

    def tag(self, value: str) -> None:
        tag = one_line(value)
        if not tag:
            if value.strip():
                self.warn(f"the tag {shown(value)} has nothing but control characters; left out")
            return
        if tag != value.strip():
            self.warn(f"the tag {shown(value)} is stored as {shown(tag)} (a tag is one line)")
        self.found.tags.append(tag)

    def relation(self, body: Mapping[str, Any]) -> Relation:
        raw = body.get("synoptic:relation")
        if raw is None:
            return Relation.CONTEXT
        try:
            return parse_relation(raw if isinstance(raw, str) else "")
        except LinkError:
            self.warn(f"the relation {shown(raw, 40)} is unknown; 'context' was used")
            return Relation.CONTEXT

    def link(self, ref: str, relation: Relation, title: str) -> None:
        try:
            self.found.links.append(parse_link(ref, relation, title))
        except LinkError as exc:
            self.refused(ref, relation, str(exc))

    def refused(self, ref: str, relation: Relation, why: str) -> None:
        """A link we cannot store as one keeps its text in the note, where the reader sees it
        and can judge it, instead of vanishing and leaving, perhaps, an empty note."""
        label = "Link" if relation is Relation.CONTEXT else f"Link ({relation.value})"
        # A lone surrogate (often why the link was refused) cannot be stored in a note either:
        # kept as is, it would cost the whole note, which the warning says is imported.
        text = escape_surrogates(ref)
        self.found.note_parts.append(f"{label} not imported: {text}")
        kept = "its text is kept in the note"
        if text != ref:
            kept += ", each character that is not text (a lone surrogate) written as its \\u escape"
        self.warn(
            f"the link {_shorten(ref)!r} was not imported as a link ({why.rstrip('.')}); {kept}"
        )
