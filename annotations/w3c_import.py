"""Mapping W3C annotations from a file to annotations of the workspace, or saying why not.

Nothing is written here: :func:`plan_import` returns what to add and what was left out, with
reasons, so the caller can report before it stores. Where its passage is comes from
:mod:`annotations.w3c_passages`; the rest of an annotation is mapped as follows.

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
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationFormatError, LinkError
from annotations.links import (
    EvidenceLink,
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
from annotations.w3c_passages import _passage, _Refused, _shorten
from annotations.w3c_read import _as_list, _iri_of, _types, not_an_annotation
from annotations.w3c_vocab import _NAMESPACE, annotation_id_from_iri, imported_id

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from annotations.target import Target
    from annotations.w3c_passages import Documents
    from annotations.w3c_read import W3CInput

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


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


def _clean(text: str) -> str:
    """A name or tag without control or bidirectional characters."""
    return "".join(
        c for c in text if unicodedata.category(c) != "Cc" and c not in _BIDI and c != "\ufeff"
    ).strip()


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


def _verdict(value: str) -> Verdict | None:
    try:
        return parse_verdict(value)
    except AnnotationFormatError:
        return None


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
            raise _Refused(not_an_annotation(item))
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
            shown = f"its target {names[0][:120]}" if names else "its target"
            raise _Refused(f"{shown} is not a document of this workspace")
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
        elif extra.get("imported_creator") == self.author:
            del extra["imported_creator"]  # a note of yours, back home: yours alone again
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
            plan.skipped.append(Skipped(key, not_an_annotation(item)))
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
