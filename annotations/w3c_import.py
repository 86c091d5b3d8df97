"""Mapping W3C annotations from a file to annotations of the workspace, or saying why not.

Nothing is written here: :func:`plan_import` returns what to add and what was left out, with
reasons, so the caller can report before it stores. Where its passage is comes from
:mod:`annotations.w3c_passages`; the rest of an annotation is mapped as follows.

* A reply is recognised by a target IRI naming an annotation (ours, another annotation of the
  same file or one already in the workspace); a reply without a passage of its own gets the
  passage of the annotation it answers. One that answers an annotation of ours that is in
  neither stays a reply to it (the parent may arrive later by git), and this is reported.
* A target that gives neither the passage nor the note answered (a second passage, a web page,
  another tool's annotation that is not in the file) is kept verbatim in
  ``extra["imported_targets"]`` and reported.
* Bodies are mapped by :mod:`annotations.w3c_bodies`; names, tags and dates are fitted to our
  model by :mod:`annotations.w3c_fields`. Every change made to fit is a warning of the plan,
  and what cannot be stored in a field is kept in ``extra`` (see those modules).
* Ids: ours are kept; another tool's id IRI becomes a uuid5 of that IRI, so importing the
  same file twice finds the same ids and adds nothing, and the IRI is kept in
  ``extra["imported_from"]``. An id already in the workspace (even deleted) is skipped.

**Who wrote it.** The store only ever writes the current author's own files, so an import is
written by the person importing. The rule: the annotation's ``author`` is the importer; the
original creator's name is kept as ``author`` only when it is exactly the importer's name,
and otherwise recorded in ``extra["imported_creator"]``; with several creators, the first is
credited and all are listed in ``extra["imported_creators"]``. Re-importing your own export keeps
every field; importing someone else's notes makes them yours, with their name kept.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationFormatError
from annotations.labels import ClaimMark
from annotations.model import Annotation
from annotations.model_record import KNOWN_FIELDS
from annotations.times import now_iso
from annotations.w3c_bodies import BodyReader
from annotations.w3c_fields import creator_names, read_times, shown
from annotations.w3c_passages import _passage, _Refused, unnamed_target
from annotations.w3c_read import _as_list, _iri_of, _types, not_an_annotation
from annotations.w3c_vocab import _NAMESPACE, annotation_id_from_iri, imported_id

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from annotations.target import Target
    from annotations.w3c_passages import Documents
    from annotations.w3c_read import W3CInput


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
    unknown_sources: dict[str, int] = field(default_factory=dict)
    """Addresses that name no document here, with how many annotations were skipped for each:
    what the person importing may say is a document (``--source URL=ID``)."""


@dataclass
class _Draft:
    """One annotation being mapped, before replies are joined to their parents."""

    key: str
    """The id in the file (for the report)."""
    id: str
    item: Mapping[str, Any]
    target: Target | None
    reply_iri: str | None
    unused: list[Any] = field(default_factory=list)
    """Targets that give neither the passage nor the note answered, verbatim."""


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
        sources: list[str] = []
        unused: list[Any] = []
        for target in targets:
            if isinstance(target, dict) and "source" in target:
                names.append(_iri_of(target.get("source")) or "an unnamed source")
                sources.append(_iri_of(target.get("source")) or "")
                if passage is None:
                    passage = _passage(target, self.documents)
                    if passage is not None:
                        continue
                unused.append(target)
                continue
            iri = _iri_of(target)
            if iri is not None:
                names.append(iri)
            if iri is not None and reply_iri is None and self.is_annotation(iri, batch):
                reply_iri = iri
                continue
            if iri is not None and (doc := self.documents.resolve(iri)) is not None:
                raise _Refused(
                    f"it targets the whole of {doc}; Synoptic notes are on passages "
                    "(add a TextQuoteSelector)"
                )
            unused.append(target)
        if passage is None and reply_iri is None:
            answered = [t for t in targets if isinstance(t, str) and t]
            if answered and "replying" in _as_list(item.get("motivation")):
                # Another tool's reply to a note not exported with it (Hypothesis exports only
                # the user's own): saying its target "is not a document" would mislead.
                raise _Refused(
                    f"it answers {answered[0][:120]}, which is neither in the file nor in this "
                    "workspace, so its passage is not known"
                )
            unknown = self.plan.unknown_sources
            for source in dict.fromkeys(s for s in sources if s):
                unknown[source] = unknown.get(source, 0) + 1
            if names:
                raise _Refused(f"its target {names[0][:120]} is not a document of this workspace")
            problems = (unnamed_target(target) for target in targets)
            raise _Refused(
                next((p for p in problems if p), "its target is not a document of this workspace")
            )
        return _Draft(key, new_id, item, passage, reply_iri, unused)

    def is_annotation(self, iri: str, batch: set[str]) -> bool:
        """Whether a target IRI names a note (making this a reply): one of ours by its IRI, or
        any annotation of the file or already in the workspace."""
        if annotation_id_from_iri(iri) is not None or imported_id(iri) in batch:
            return True
        return self.known(imported_id(iri)) is not None

    def build(self, draft: _Draft, parents: Mapping[str, _Draft]) -> Annotation:
        item = draft.item
        reply_to = imported_id(draft.reply_iri) if draft.reply_iri is not None else None
        target = draft.target if draft.target is not None else self.inherited(draft, parents)
        if target is None:
            raise _Refused("it answers an annotation whose passage is not known here")
        draft_warn = functools.partial(self.warn, draft.key)
        bodies = BodyReader(self.documents, draft_warn).read(item)
        raw_claim = item.get("synoptic:claim")
        claim = bodies.claim
        if isinstance(raw_claim, str) and raw_claim in set(ClaimMark):
            claim = ClaimMark(raw_claim)
        elif raw_claim is not None:
            self.warn(draft.key, f"its synoptic:claim {shown(raw_claim)} is not a claim mark")
        creators = creator_names(item, draft_warn)
        extra = self.extra(draft, creators[0] if creators else None)
        created, raw_created, modified, raw_modified = read_times(item, now_iso(), draft_warn)
        kept = {
            "imported_creators": creators if len(creators) > 1 else [],
            "imported_created": raw_created,
            "imported_modified": raw_modified,
            "imported_targets": draft.unused,
            "imported_bodies": bodies.kept,
        }
        for name, value in kept.items():
            _keep(extra, name, value)
        for left in draft.unused:
            self.warn(
                draft.key,
                f"its target {shown(_iri_of(left) or left)} is neither its passage nor a "
                "note it answers; it is kept in its extra field 'imported_targets'",
            )
        if reply_to is not None and reply_to not in parents and self.known(reply_to) is None:
            self.warn(
                draft.key,
                f"it answers {shown(draft.reply_iri)}, which is neither in the file nor in this "
                "workspace; it stays a reply to it, shown on its own passage until that arrives",
            )
        history = {
            name: self.history(draft, extra, name, shape) for name, shape in _HISTORY.items()
        }
        return Annotation(
            id=draft.id,
            author=self.author,
            created=created,
            modified=modified,
            target=target,
            note="\n\n".join(bodies.note_parts),
            tags=tuple(bodies.tags),
            verdict=bodies.verdict,
            links=tuple(bodies.links),
            reply_to=reply_to,
            claim=claim,
            superseded=tuple(history["superseded"] or ()),
            resolved=tuple(history["resolved"] or ()),
            moved_from=history["moved_from"],
            extra=extra,
        )

    def history(
        self, draft: _Draft, extra: dict[str, Any], name: str, shape: Callable[[Any], bool]
    ) -> Any:
        """Our own ``synoptic:<name>`` field (kept versions, which are resolved, where a move
        came from), or None; one of the wrong shape is kept in ``extra`` and reported."""
        value = draft.item.get(f"synoptic:{name}")
        if value is None or shape(value):
            return copy.deepcopy(value)
        self.warn(
            draft.key,
            f"its synoptic:{name} is malformed ({shown(value)}); it is kept in its extra field "
            f"'imported_{name}'",
        )
        _keep(extra, f"imported_{name}", value)
        return None

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

    def extra(self, draft: _Draft, creator: str | None) -> dict[str, Any]:
        raw = draft.item.get("synoptic:extra", {})
        extra: dict[str, Any] = {}
        if isinstance(raw, dict):
            for name, value in raw.items():
                if name in KNOWN_FIELDS:
                    self.warn(
                        draft.key,
                        f"the extra field {shown(name)} has the name of one of our fields; it is "
                        "kept in its extra field 'imported_extra'",
                    )
                    extra.setdefault("imported_extra", {})[name] = copy.deepcopy(value)
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
        warned = len(plan.warnings)
        try:
            built[draft.id] = mapper.build(draft, drafts)
            continue
        except _Refused as refused:
            plan.skipped.append(Skipped(draft.key, str(refused)))
        except (AnnotationFormatError, ValueError) as exc:
            plan.skipped.append(Skipped(draft.key, f"it cannot be stored: {exc}"))
        # What was changed to fit a note that is skipped was not kept anywhere: saying it was
        # ("kept in the note") would contradict the skip, which is the whole story.
        del plan.warnings[warned:]
    plan.annotations = list(built.values())
    return plan


_HISTORY: dict[str, Callable[[Any], bool]] = {
    "superseded": lambda value: isinstance(value, list) and all(isinstance(v, dict) for v in value),
    "resolved": lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value),
    "moved_from": lambda value: isinstance(value, dict),
}
"""The ``synoptic:`` fields that carry a note's history (versions kept from conflicts, which of
them are resolved, where a move came from), and the shape each must have."""


def _keep(extra: dict[str, Any], name: str, value: Any) -> None:
    """Keep ``value`` in ``extra[name]``, after what an earlier import kept there (a list)."""
    if value is None or value == []:
        return
    if not isinstance(value, list):
        extra.setdefault(name, copy.deepcopy(value))
        return
    earlier = extra.get(name, [])
    extra[name] = [*(earlier if isinstance(earlier, list) else [earlier]), *copy.deepcopy(value)]


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
