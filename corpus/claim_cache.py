"""Claim detection's verdicts, cached between runs.

Every command that needs claims (``claims``, ``match``, ``synopsis``, the report's synopsis)
would otherwise run detection over every document every time: over a second for hundreds of
files. The verdicts are saved as JSON in the platform cache folder (or ``$SYNOPTIC_CACHE_DIR``),
one file per workspace beside the passage index, keyed by each document's sha256, by a hash of
the rules in force (built-in plus the workspace's ``.synoptic/claims.toml``, as merged) and by
a hash of Synoptic's own core code and the segmentation version: edited rules, a new Synoptic
or a new way of cutting sentences all mean detection runs again.

What is kept is detection's own verdict on every sentence, cues and reason included, before
the user's claim marks, which are applied afresh each time (they live in the notes, which
change without the documents changing). Sentence offsets are not stored but taken from the
document, and every value is checked as it is read (its type, the number of sentences, each
cue inside its sentence): a damaged, truncated, foreign or stale file is ignored and rewritten,
never trusted, and nothing is ever unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.claims import (
    Assessment,
    Certainty,
    Cue,
    Role,
    collector_paused,
    detect,
    with_overrides,
)
from corpus.document import SEGMENTATION_VERSION
from corpus.files import atomic_write_text
from corpus.locations import cache_dir

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping, Sequence

    from corpus.claim_rules import ClaimRules
    from corpus.claims import ClaimOverride
    from corpus.model import Document, Sentence

FORMAT = "synoptic-claims"
LAYOUT = 1
"""How a verdict is written as a row; bumped when that changes."""


def cache_file(workspace: Path) -> Path:
    """The claims cache file of one workspace folder."""
    key = hashlib.sha256(str(workspace.resolve()).encode()).hexdigest()[:24]
    return cache_dir("claims") / f"{key}.json"


@cache
def code_digest() -> str:
    """A hash of the core's source (detection, rules engine, segmentation): a verdict cached by
    other code is not reused, even when nobody remembered to bump a version number."""
    digest = hashlib.sha256(f"{FORMAT}/{LAYOUT}/{SEGMENTATION_VERSION}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(f"\0{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def _row(assessment: Assessment, text: str) -> list[Any]:
    """One sentence's verdict as a JSON row; a cue's text is left out when it is the
    document's text at the cue's span (it always is today), to keep the file small."""
    cues: list[list[Any]] = []
    for cue in assessment.cues:
        cell: list[Any] = [cue.group, cue.start, cue.end]
        if text[cue.start : cue.end] != cue.text:
            cell.append(cue.text)
        cues.append(cell)
    certainty = assessment.certainty.value if assessment.certainty else None
    role = assessment.role.value
    return [role, assessment.kind, certainty, assessment.unsourced, assessment.reason, cues]


_ROLES = {role.value: role for role in Role}
_CERTAINTIES: dict[object, Certainty | None] = {c.value: c for c in Certainty}
_CERTAINTIES[None] = None


def _verdict(row: object, document: Document, index: int, sentence: Sentence) -> Assessment:
    """The assessment a row stands for; ValueError, KeyError or TypeError when the row does
    not fit this sentence of this document."""
    if type(row) is not list or len(row) != 6:
        raise ValueError("not a verdict")
    role_value, kind, certainty_value, unsourced, reason, cells = row
    role = _ROLES[role_value]
    certainty = _CERTAINTIES[certainty_value]
    claim = role is Role.CLAIM
    if (
        (type(kind) is str) != claim
        or (kind is None) == claim
        or (certainty is None) == claim
        or type(unsourced) is not bool
        or (unsourced and not claim)
        or type(reason) is not str
        or type(cells) is not list
    ):
        raise ValueError("not a verdict")
    cues: tuple[Cue, ...] = ()
    if cells:
        text = document.text
        low, high = sentence.start, sentence.end
        found = []
        for cell in cells:
            if type(cell) is not list or len(cell) not in (3, 4):
                raise ValueError("not a cue")
            group, start, end = cell[:3]
            if (
                type(group) is not str
                or type(start) is not int  # not a bool, which JSON keeps apart and Python not
                or type(end) is not int
                or not low <= start <= end <= high
            ):
                raise ValueError("not a cue of this sentence")
            shown = cell[3] if len(cell) == 4 else text[start:end]
            if type(shown) is not str:
                raise ValueError("not a cue")
            found.append(Cue(group, shown, start, end))
        cues = tuple(found)
    return Assessment(
        document.id,
        index,
        sentence.start,
        sentence.end,
        role,
        kind,
        certainty,
        unsourced,
        cues,
        reason,
    )


def _cached(entry: object, document: Document) -> list[Assessment] | None:
    """A document's cached verdicts if the entry is for these bytes and fits them throughout."""
    if type(entry) is not dict or entry.get("sha256") != document.sha256:
        return None
    rows = entry.get("sentences")
    if type(rows) is not list or len(rows) != len(document.sentences):
        return None
    try:
        return [
            _verdict(row, document, index, sentence)
            for index, (row, sentence) in enumerate(zip(rows, document.sentences, strict=True))
        ]
    except (TypeError, ValueError, KeyError):
        return None


def _header(rules: ClaimRules) -> dict[str, Any]:
    return {"format": FORMAT, "code": code_digest(), "rules": rules.digest}


def _read(path: Path, header: Mapping[str, Any]) -> dict[str, Any]:
    """The cached entries by document id, or {} when the file is missing, damaged, stale or
    not ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deeply
        return {}
    if type(data) is not dict or any(data.get(key) != value for key, value in header.items()):
        return {}
    documents = data.get("documents")
    return documents if type(documents) is dict else {}


def _write(path: Path, header: Mapping[str, Any], entries: Mapping[str, Any]) -> None:
    text = json.dumps({**header, "documents": entries}, ensure_ascii=False, separators=(",", ":"))
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        atomic_write_text(path, text)


def _detected(
    workspace: Path, documents: Sequence[Document], rules: ClaimRules, listed: Collection[str]
) -> dict[str, list[Assessment]]:
    """Detection's verdicts (before the user's marks) on ``documents``, by id, reusing and
    updating the cache: only documents whose verdicts are missing or do not fit are assessed,
    and the file is rewritten only then. Entries of the other documents in ``listed`` (the
    workspace's) are kept, so asking about one document does not forget the rest; those of
    documents gone from the workspace are dropped."""
    path = cache_file(workspace)
    header = _header(rules)
    with collector_paused():  # see there: reading makes as many small objects as detecting
        cached = _read(path, header)
        verdicts_read = {d.id: _cached(cached.get(d.id), d) for d in documents}
    kept = set(listed)
    entries = {doc_id: entry for doc_id, entry in cached.items() if doc_id in kept}
    found: dict[str, list[Assessment]] = {}
    assessed = 0
    for document in documents:
        verdicts = verdicts_read[document.id]
        if verdicts is None:
            assessed += 1
            verdicts = detect(document, rules)
            text = document.text
            rows = [_row(assessment, text) for assessment in verdicts]
            entries[document.id] = {"sha256": document.sha256, "sentences": rows}
        else:
            entries[document.id] = cached[document.id]
        found[document.id] = verdicts
    if assessed or set(entries) != set(cached):
        _write(path, header, entries)
    return found


def assess_documents(
    workspace: Path,
    documents: Sequence[Document],
    rules: ClaimRules,
    overrides: Mapping[str, Iterable[ClaimOverride]] | None = None,
    listed: Collection[str] = (),
) -> dict[str, list[Assessment]]:
    """An assessment for every sentence of each of ``documents``, by document id, as
    :func:`corpus.claims.assess_document` gives it (``overrides``: the user's claim marks by
    document), reusing the cache (see :func:`_detected`; ``listed``: the workspace's
    document ids). A cache that cannot be written costs time and nothing else, as with the
    passage index."""
    found = _detected(workspace, documents, rules, listed)
    marks = overrides or {}
    return {
        document.id: with_overrides(document, found[document.id], marks.get(document.id, ()), rules)
        for document in documents
    }


def _cached_kinds(entry: object, document: Document) -> list[str | None] | None:
    if type(entry) is not dict or entry.get("sha256") != document.sha256:
        return None
    kinds = entry.get("kinds")
    if type(kinds) is not list or len(kinds) != len(document.sentences):
        return None
    if not all(kind is None or type(kind) is str for kind in kinds):
        return None
    return kinds


def claim_kinds(
    workspace: Path,
    documents: Sequence[Document],
    rules: ClaimRules,
    overrides: Mapping[str, Iterable[ClaimOverride]] | None = None,
    listed: Collection[str] = (),
) -> dict[str, list[str | None]]:
    """Each sentence's claim kind (None: not a claim), by document id: all that matching and
    the synopsis need, so it has a small cache file of its own, beside the full one, which
    reads in milliseconds where the full verdicts take a good part of a second.

    A document the user marked claims in is read from the full verdicts, since turning a
    sentence into a claim takes its kind from its cues; one missing from the small file is
    assessed (or read from the full file) and added to both.
    """
    path = cache_file(workspace).with_suffix(".kinds.json")
    header = _header(rules)
    cached = _read(path, header)
    kept = set(listed)
    entries = {doc_id: entry for doc_id, entry in cached.items() if doc_id in kept}
    marks = {doc_id: list(found) for doc_id, found in (overrides or {}).items()}
    found: dict[str, list[str | None]] = {}
    fuller = []
    stale = 0
    for document in documents:
        kinds = _cached_kinds(cached.get(document.id), document)
        stale += kinds is None
        if kinds is None or marks.get(document.id):
            fuller.append(document)
        else:
            found[document.id] = kinds
    detected = _detected(workspace, fuller, rules, listed) if fuller else {}
    for document in fuller:
        verdicts = detected[document.id]
        entries[document.id] = {"sha256": document.sha256, "kinds": [a.kind for a in verdicts]}
        marked = with_overrides(document, verdicts, marks.get(document.id, ()), rules)
        found[document.id] = [a.kind for a in marked]
    if stale or set(entries) != set(cached):
        _write(path, header, entries)
    return {document.id: found[document.id] for document in documents}
