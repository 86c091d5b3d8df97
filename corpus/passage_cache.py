"""The passage index, cached between runs.

Term counts and a fingerprint of the text per sentence are saved as JSON in the platform cache
folder (or ``$SYNOPTIC_CACHE_DIR``), one file per workspace, keyed by each document's sha256
and by the matcher, segmentation and vocabulary versions: reopening an unchanged workspace
skips analysing its text, and a changed document is re-analysed alone. The character-gram
vectors sit beside it as plain numpy arrays (``.npz``, loaded with pickling refused), keyed by
a hash of every passage's document, bytes and span; their rarity weights span the whole
workspace, so any change rebuilds them all, which takes a second or two even for hundreds of
files. Both files are validated as they are read; a stale, corrupt or foreign file is ignored
and rewritten, never trusted, and nothing is ever unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import zipfile
from functools import partial
from typing import TYPE_CHECKING, Any, BinaryIO

from corpus import locations
from corpus.char_grams import CharGrams
from corpus.claims import collector_paused
from corpus.document import SEGMENTATION_VERSION
from corpus.files import atomic_write
from corpus.folding import fingerprint
from corpus.locations import CACHE_DIR_ENV as CACHE_DIR_ENV
from corpus.match_terms import Analyzer, load_vocabulary
from corpus.matching import MATCHER_VERSION, PassageIndex
from corpus.passage_vectors import Passage
from corpus.passages import PassageTexts, passages_of
from corpus.term_counts import TermCounts

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from pathlib import Path

    from corpus.model import Document

    Progress = Callable[[str, int, int], None]
    """``progress(stage, done, total)``: how far a stage of a cold build has got."""
    Analysed = tuple[Passage, Mapping[str, int], str]
    """A passage, its term counts and its text's fingerprint."""

FORMAT = "synoptic-passage-index"


def cache_dir() -> Path:
    """Where indexes are cached (see :func:`corpus.locations.cache_dir`)."""
    return locations.cache_dir("passages")


def cache_file(workspace: Path) -> Path:
    """The cache file of one workspace folder."""
    key = hashlib.sha256(str(workspace.resolve()).encode()).hexdigest()[:24]
    return cache_dir() / f"{key}.json"


def _grams_key(documents: Sequence[Document], passages: Sequence[Passage]) -> str:
    """What the gram vectors depend on: each passage's document, its bytes, and its span."""
    digest = hashlib.sha256(f"{FORMAT}/{MATCHER_VERSION}".encode())
    for document in documents:
        digest.update(f"\0{document.id}\0{document.sha256}".encode())
    for passage in passages:
        digest.update(f"{passage.doc_id}:{passage.start}:{passage.end};".encode())
    return digest.hexdigest()


def _read_grams(path: Path, key: str, passages: int) -> CharGrams | None:
    """The cached gram vectors if the file is for exactly these passages and adds up."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as stored:
            if str(stored["key"]) != key:
                return None
            arrays = {name: stored[name] for name in stored.files if name != "key"}
        return CharGrams.from_arrays(arrays, passages)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None


def _write_grams(path: Path, key: str, grams: CharGrams) -> None:
    import numpy as np

    arrays = {"key": np.array(key), **grams.arrays()}
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        atomic_write(path, lambda out: np.savez(out, allow_pickle=False, **arrays))


def _read(path: Path, vocabulary_digest: str) -> dict[str, Any]:
    """The cached documents, or {} when the file is missing, stale or not ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deeply
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("version") != MATCHER_VERSION
        or data.get("segmentation") != SEGMENTATION_VERSION
        or data.get("vocabulary") != vocabulary_digest
        or not isinstance(data.get("documents"), dict)
    ):
        return {}
    documents: dict[str, Any] = data["documents"]
    return documents


def _cached_passages(
    entry: object, document: Document, kinds: Sequence[str | None] | None
) -> list[Analysed] | None:
    """A document's cached passages if the entry is for these bytes and well-formed, with
    their sentences' claim ``kinds`` when given (else the kinds they were cached with).

    Checked for shape here; a wrong value inside a term map makes the index build fail, and
    :func:`open_index` then re-analyses everything. Either way a bad cache costs time only.
    """
    if not isinstance(entry, dict) or entry.get("sha256") != document.sha256:
        return None
    rows = entry.get("passages")
    if not isinstance(rows, list):
        return None
    found: list[Analysed] = []
    limit = len(document.text)
    try:
        for sentence, start, end, position, kind, terms, digest in rows:
            if (
                not (0 <= start <= end <= limit)
                or type(terms) is not dict
                or type(digest) is not str
            ):
                return None
            if kinds is not None:
                kind = kinds[sentence]
            passage = Passage(document.id, sentence, start, end, position, kind)
            found.append((passage, terms, digest))
    except (TypeError, ValueError):
        return None
    return found


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_index(path: Path, header: Mapping[str, Any], entries: Mapping[str, Any]) -> None:
    """Write the cache file: ``header`` with ``entries`` as its "documents", each entry either
    an object or already its JSON text (see :func:`_build`).

    The file is what ``json.dumps`` of the whole would give, byte for byte, but it goes to disk
    a document at a time: the whole text, and its bytes, were two more copies of the largest
    thing in memory at the reader's peak.
    """

    def write(out: BinaryIO) -> None:
        out.write(_dumps(dict(header))[:-1].encode())  # "}" closes it after the documents
        out.write(b',"documents":{' if header else b'"documents":{')
        for number, (doc_id, entry) in enumerate(entries.items()):
            text = entry if isinstance(entry, str) else _dumps(entry)
            out.write(f"{',' if number else ''}{_dumps(doc_id)}:{text}".encode())
        out.write(b"}}")

    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        atomic_write(path, write)


def _build(
    workspace: Path,
    documents: list[Document],
    kinds: Mapping[str, Sequence[str | None]] | None,
    use_cache: bool,
    progress: Progress | None = None,
) -> tuple[PassageIndex, int]:
    vocabulary = load_vocabulary()
    analyzer = Analyzer(vocabulary)
    path = cache_file(workspace)
    cached = _read(path, vocabulary.digest) if use_cache else {}
    passages: list[Passage] = []
    counts = TermCounts()
    fingerprints: list[str] = []
    # each document's cache entry: the cached one as read, or a new one as its JSON text,
    # made at once, so that no passage's counts are kept twice until the file is written
    entries: dict[str, Any] = {}
    analysed = 0
    for number, document in enumerate(documents):
        if progress is not None:
            progress("passages", number, len(documents))
        document_kinds = (kinds or {}).get(document.id)
        entry = cached.get(document.id)
        reused = _cached_passages(entry, document, document_kinds)
        if reused is None:
            analysed += 1
            text = document.text
            rows: list[list[object]] = []
            for p in passages_of(document, document_kinds):
                piece = text[p.start : p.end]
                terms, digest = analyzer.terms(piece), fingerprint(piece)
                rows.append([p.sentence, p.start, p.end, p.position, p.kind, terms, digest])
                passages.append(p)
                counts.append(terms)
                fingerprints.append(digest)
            entries[document.id] = _dumps({"sha256": document.sha256, "passages": rows})
            continue
        entries[document.id] = entry
        passages.extend(passage for passage, _, _ in reused)
        counts.extend(stored for _, stored, _ in reused)
        fingerprints.extend(digest for _, _, digest in reused)
    rewrite = analysed or set(entries) != set(cached)
    if not rewrite:
        # The file's rows, as read, are the largest thing in memory at this point: with
        # nothing to write, they go before the gram vectors and the index add their own.
        entries.clear()
        cached.clear()
    grams_path = path.with_suffix(".grams.npz")
    key = _grams_key(documents, passages)
    grams = _read_grams(grams_path, key, len(passages)) if use_cache else None
    if grams is None:
        grams = CharGrams.build(
            PassageTexts(documents, passages),
            None if progress is None else partial(progress, "word pieces"),
        )
        _write_grams(grams_path, key, grams)
    index = PassageIndex(vocabulary, passages, counts, grams, analyzer, fingerprints)
    if rewrite:
        header = {
            "format": FORMAT,
            "version": MATCHER_VERSION,
            "segmentation": SEGMENTATION_VERSION,
            "vocabulary": vocabulary.digest,
        }
        _write_index(path, header, entries)
    return index, analysed


def open_index(
    workspace: Path,
    documents: Iterable[Document],
    kinds: Mapping[str, Sequence[str | None]] | None = None,
    progress: Progress | None = None,
) -> tuple[PassageIndex, int]:
    """The index of ``documents``, reusing the cache; returns it and how many were re-analysed.

    The cache is rewritten only when something changed; a cache whose contents do not add up
    is thrown away and the index built from the text. ``progress(stage, done, total)`` says
    how far a cold build has got, so a reader can show it: stage "passages" before each
    document, then "word pieces" as the gram vectors are built (when they are not cached),
    which on a large workspace takes as long again.
    """
    listed = list(documents)
    # Reading the cache makes a dict of term counts per passage (60,000 on a large workspace),
    # all alive until the index is dropped; each time that many survive, the cycle collector
    # walks every object of the process and finds nothing. Paused, a warm reopen takes a
    # quarter less time (see corpus.claims.collector_paused).
    with collector_paused():
        try:
            return _build(workspace, listed, kinds, use_cache=True, progress=progress)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            return _build(workspace, listed, kinds, use_cache=False, progress=progress)
