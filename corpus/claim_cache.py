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
import threading
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
    from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

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


class VerdictStore:
    """Detection's verdicts of one workspace, the cache file read once and written back once.

    Made for a caller that gets its documents one at a time, as the reader does (the screen's
    first, the rest as they are read): :meth:`verdicts` reads the file on first use and answers
    each document from it, or by detection when its entry is missing or does not fit;
    :meth:`save` rewrites the file only when something changed. Entries of documents in
    ``listed`` (the workspace's) that were not asked about are kept, so asking about some does
    not forget the rest; those of documents gone from the workspace are dropped.

    The file's rows are let go as each document's verdicts are made from them, and the rows to
    write are made from the verdicts when the file is written, then let go too: the reader
    would otherwise hold a second copy of every claim, as JSON, while it builds the passage
    index, its largest structure.

    Safe to call from several threads (the reader assesses again, with the user's claim marks,
    in a worker of its own): a lock keeps the entries whole, and a document asked about twice
    is answered from memory the second time, its detection's list being kept (the reader holds
    that very list, so keeping it costs nothing).
    """

    def __init__(self, workspace: Path, rules: ClaimRules, listed: Collection[str]) -> None:
        self.rules = rules
        self.path = cache_file(workspace)
        self._header = _header(rules)
        self._listed = set(listed)
        self._stored: dict[str, Any] | None = None
        """The file's entries not yet used (None: the file is not read yet)."""
        self._in_file: set[str] = set()
        """The documents the file has entries for, as last read or written."""
        self._found: dict[str, tuple[Document, list[Assessment]]] = {}
        """Verdicts already given, with the document they are about."""
        self.assessed = 0
        """How many documents detection had to assess since the file was last written."""
        self._unchecked: set[str] = set()
        """Documents assessed before the file was read: their entries may say the same."""
        self._lock = threading.Lock()

    def _read(self) -> dict[str, Any]:
        if self._stored is None:
            with collector_paused():  # see there: reading makes as many small objects as detecting
                stored = self._stored = _read(self.path, self._header)
                self._in_file = set(stored)
                for doc_id in self._unchecked:  # the file already says so: nothing to write
                    document, verdicts = self._found[doc_id]
                    if _cached(stored.pop(doc_id, None), document) == verdicts:
                        self.assessed -= 1
            self._unchecked.clear()
        return self._stored

    def verdicts(self, document: Document, *, unread: bool = False) -> list[Assessment]:
        """Detection's verdicts on every sentence of ``document`` (before the user's marks).

        ``unread``: assess the document rather than read the file, if it is not read yet. The
        reader does so for the documents on screen while it is still reading the others: the
        whole file would be parsed to answer for one document, and its rows would be alive,
        walked by every pass of the cycle collector, all the time the others are read.
        """
        with self._lock:
            known = self._found.get(document.id)
            if known is not None and known[0].sha256 == document.sha256:
                return known[1]
            verdicts = None
            if unread and self._stored is None:
                self._unchecked.add(document.id)
            else:
                with collector_paused():
                    verdicts = _cached(self._read().pop(document.id, None), document)
            if verdicts is None:
                self.assessed += 1
                verdicts = detect(document, self.rules)
            self._found[document.id] = (document, verdicts)
            return verdicts

    def save(self) -> None:
        """Write the file if a document was assessed or one was dropped; atomically, and a
        file that cannot be written costs time, nothing else."""
        with self._lock:
            stored = self._read()
            kept = {doc_id: entry for doc_id, entry in stored.items() if doc_id in self._listed}
            if not self.assessed and set(kept) | set(self._found) == self._in_file:
                self._stored = kept
                return
            entries = dict(kept)
            with collector_paused():
                for doc_id, (document, verdicts) in self._found.items():
                    text = document.text
                    rows = [_row(assessment, text) for assessment in verdicts]
                    entries[doc_id] = {"sha256": document.sha256, "sentences": rows}
            _write(self.path, self._header, entries)
            self._stored = kept
            self._in_file = set(entries)
            self.assessed = 0


def _detected(
    workspace: Path,
    documents: Sequence[Document],
    rules: ClaimRules,
    listed: Collection[str],
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[Assessment]]:
    """Detection's verdicts (before the user's marks) on ``documents``, by id, reusing and
    updating the cache (see :class:`VerdictStore`); ``progress(done, total)`` after each."""
    store = VerdictStore(workspace, rules, listed)
    found = {}
    for done, document in enumerate(documents, 1):
        found[document.id] = store.verdicts(document)
        if progress is not None:
            progress(done, len(documents))
    store.save()
    return found


def assess_documents(
    workspace: Path,
    documents: Sequence[Document],
    rules: ClaimRules,
    overrides: Mapping[str, Iterable[ClaimOverride]] | None = None,
    listed: Collection[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[Assessment]]:
    """An assessment for every sentence of each of ``documents``, by document id, as
    :func:`corpus.claims.assess_document` gives it (``overrides``: the user's claim marks by
    document), reusing the cache (see :func:`_detected`; ``listed``: the workspace's
    document ids; ``progress(done, total)``: how many documents have their verdicts). A cache
    that cannot be written costs time and nothing else, as with the passage index."""
    found = _detected(workspace, documents, rules, listed, progress)
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
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[str | None]]:
    """Each sentence's claim kind (None: not a claim), by document id: all that matching and
    the synopsis need, so it has a small cache file of its own, beside the full one, which
    reads in milliseconds where the full verdicts take a good part of a second.

    A document the user marked claims in is read from the full verdicts, since turning a
    sentence into a claim takes its kind from its cues; one missing from the small file is
    assessed (or read from the full file) and added to both; ``progress(done, total)`` follows
    those, the only ones that can take time.
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
    detected = _detected(workspace, fuller, rules, listed, progress) if fuller else {}
    for document in fuller:
        verdicts = detected[document.id]
        entries[document.id] = {"sha256": document.sha256, "kinds": [a.kind for a in verdicts]}
        marked = with_overrides(document, verdicts, marks.get(document.id, ()), rules)
        found[document.id] = [a.kind for a in marked]
    if stale or set(entries) != set(cached):
        _write(path, header, entries)
    return {document.id: found[document.id] for document in documents}
