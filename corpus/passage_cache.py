"""The passage index, cached between runs.

Term counts per sentence are saved as JSON in the platform cache folder (or
``$SYNOPTIC_CACHE_DIR``), one file per workspace, keyed by each document's sha256 and by the
matcher and vocabulary versions: reopening an unchanged workspace skips analysing its text,
and a changed document is re-analysed alone. The cache is plain JSON and is validated as it is
read; a stale, corrupt or foreign file is ignored and rewritten, never trusted, and nothing is
ever unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.files import atomic_write_text
from corpus.matching import (
    MATCHER_VERSION,
    Analyzer,
    Passage,
    PassageIndex,
    load_vocabulary,
    passages_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from corpus.model import Document

CACHE_DIR_ENV = "SYNOPTIC_CACHE_DIR"
FORMAT = "synoptic-passage-index"


def cache_dir() -> Path:
    """Where indexes are cached (created on first use)."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        from platformdirs import user_cache_path

        path = user_cache_path("synoptic", appauthor=False)
    path = path / "passages"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_file(workspace: Path) -> Path:
    """The cache file of one workspace folder."""
    key = hashlib.sha256(str(workspace.resolve()).encode()).hexdigest()[:24]
    return cache_dir() / f"{key}.json"


def _read(path: Path, vocabulary_digest: str) -> dict[str, Any]:
    """The cached documents, or {} when the file is missing, stale or not ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("version") != MATCHER_VERSION
        or data.get("vocabulary") != vocabulary_digest
        or not isinstance(data.get("documents"), dict)
    ):
        return {}
    documents: dict[str, Any] = data["documents"]
    return documents


def _cached_passages(
    entry: object, document: Document
) -> list[tuple[Passage, Mapping[str, int]]] | None:
    """A document's cached passages if the entry is for these bytes and well-formed.

    Checked for shape here; a wrong value inside a term map makes the index build fail, and
    :func:`open_index` then re-analyses everything. Either way a bad cache costs time only.
    """
    if not isinstance(entry, dict) or entry.get("sha256") != document.sha256:
        return None
    rows = entry.get("passages")
    if not isinstance(rows, list):
        return None
    found: list[tuple[Passage, Mapping[str, int]]] = []
    limit = len(document.text)
    try:
        for sentence, start, end, position, kind, terms in rows:
            if not (0 <= start <= end <= limit) or type(terms) is not dict:
                return None
            found.append((Passage(document.id, sentence, start, end, position, kind), terms))
    except (TypeError, ValueError):
        return None
    return found


def _build(
    workspace: Path,
    documents: list[Document],
    kinds: Mapping[str, Sequence[str | None]] | None,
    use_cache: bool,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[PassageIndex, int]:
    vocabulary = load_vocabulary()
    analyzer = Analyzer(vocabulary)
    path = cache_file(workspace)
    cached = _read(path, vocabulary.digest) if use_cache else {}
    passages: list[Passage] = []
    counts: list[Mapping[str, int]] = []
    entries: dict[str, Any] = {}
    analysed = 0
    for number, document in enumerate(documents):
        if progress is not None:
            progress(number, len(documents))
        document_kinds = (kinds or {}).get(document.id)
        entry = cached.get(document.id)
        reused = _cached_passages(entry, document)
        if reused is None:
            analysed += 1
            reused = [
                (p, analyzer.terms(document.text[p.start : p.end]))
                for p in passages_of(document, document_kinds)
            ]
            entry = {
                "sha256": document.sha256,
                "passages": [
                    [p.sentence, p.start, p.end, p.position, p.kind, dict(c)] for p, c in reused
                ],
            }
        elif document_kinds is not None:
            reused = [(replace(p, kind=document_kinds[p.sentence]), c) for p, c in reused]
        entries[document.id] = entry
        for passage, terms in reused:
            passages.append(passage)
            counts.append(terms)
    index = PassageIndex.from_terms(vocabulary, passages, counts, analyzer)
    if analysed or set(entries) != set(cached):
        payload = {
            "format": FORMAT,
            "version": MATCHER_VERSION,
            "vocabulary": vocabulary.digest,
            "documents": entries,
        }
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_text(path, text)
    return index, analysed


def open_index(
    workspace: Path,
    documents: Iterable[Document],
    kinds: Mapping[str, Sequence[str | None]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[PassageIndex, int]:
    """The index of ``documents``, reusing the cache; returns it and how many were re-analysed.

    The cache is rewritten only when something changed; a cache whose contents do not add up
    is thrown away and the index built from the text. ``progress(done, total)`` is called
    before each document, so a reader can show how far a cold build has got.
    """
    listed = list(documents)
    try:
        return _build(workspace, listed, kinds, use_cache=True, progress=progress)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return _build(workspace, listed, kinds, use_cache=False, progress=progress)
