"""The claim synopsis, cached between runs.

Grouping the claims asks every claim for its best passage in the other documents (the later
ones all, the earlier ones only where a link can still form: :mod:`corpus.mutual_links`): its
cost still grows with claims times documents, half a second for fifty articles, a minute for
hundreds of files. So the groups are saved as JSON beside the workspace's passage
index in the platform cache folder (or ``$SYNOPTIC_CACHE_DIR``), and reused while nothing they
depend on has changed:

* every document's id and sha256, in the workspace's order (the table's order follows it);
* every indexed passage with its claim kind: what the claim rules (hashed as the claims cache
  hashes them, kept as well) and the user's claim marks made of each sentence;
* the matcher's vocabulary and settings (``matching.toml``);
* a hash of the core's source, as the claims cache keys its verdicts, so a new Synoptic
  never reuses groups the old one made.

Each group is stored as its members' offsets, its cohesion and its links; its id, kind,
sameness and place in the table are worked out again from the members, as the builder works
them out.
Everything read is checked (types, every member a claim passage of the index inside its
document, every claim in exactly one group, every link between the group's documents): a
damaged, truncated, foreign or stale file is rebuilt and rewritten, never trusted, never an
error, and nothing is ever unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from typing import TYPE_CHECKING, Any

from corpus.claim_cache import code_digest
from corpus.files import atomic_write_text
from corpus.passage_cache import cache_file as index_cache_file
from corpus.synopsis import build_synopsis, claim_group, in_table_order

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from corpus.match_terms import Vocabulary
    from corpus.matching import PassageIndex
    from corpus.model import Document
    from corpus.passage_vectors import Passage
    from corpus.synopsis import ClaimGroup

FORMAT = "synoptic-synopsis"
LAYOUT = 1
"""How a group is written as a row; bumped when that changes."""


class NotOurs(ValueError):
    """The cached groups do not fit this workspace's index: rebuild them."""


def cache_file(workspace: Path) -> Path:
    """The synopsis cache file of one workspace folder, beside its passage index."""
    return index_cache_file(workspace).with_suffix(".synopsis.json")


def _matching_digest(vocabulary: Vocabulary) -> str:
    """The vocabulary file's hash and the settings scored with (which a caller may have
    changed from the file's, as the evaluation does)."""
    settings = (
        vocabulary.digest,
        vocabulary.no_match_below,
        vocabulary.position_weight,
        vocabulary.kind_weight,
        vocabulary.generic_weight,
        vocabulary.char_weight,
        vocabulary.context_weight,
        vocabulary.rerank,
        vocabulary.single_term_factor,
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()


def _workspace_digest(documents: Sequence[Document], passages: Sequence[Passage]) -> str:
    """The documents (ids, bytes, order) and every passage with its claim kind."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(f"\0{document.id}\0{document.sha256}".encode("utf-8", "surrogatepass"))
    digest.update(b"\1")
    for p in passages:
        line = f"{p.doc_id}\0{p.sentence}:{p.start}:{p.end}:{p.position!r}\0{p.kind}\1"
        digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _header(
    documents: Sequence[Document], index: PassageIndex, rules_digest: str
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "layout": LAYOUT,
        "code": code_digest(),
        "rules": rules_digest,
        "matching": _matching_digest(index.vocabulary),
        "workspace": _workspace_digest(documents, index.passages),
    }


def _row(group: ClaimGroup) -> list[Any]:
    members = [[p.doc_id, p.start, p.end] for p in group.passages.values()]
    links = [list(link) for link in group.links]
    return [group.cohesion, members, links]


def _score(value: object) -> float:
    # a float, not an int or a bool, or the JSON output would print 1 where it printed 1.0
    if type(value) is not float or not 0.0 <= value <= 1.0:
        raise NotOurs("not a score")
    return value


def _group(
    row: object, claims: Mapping[tuple[str, int, int], Passage], texts: Mapping[str, str]
) -> ClaimGroup:
    """The group a row stands for; NotOurs when it does not fit the index and the texts."""
    if type(row) is not list or len(row) != 3:
        raise NotOurs("not a group")
    cohesion, cells, links = row
    if type(cells) is not list or type(links) is not list:
        raise NotOurs("not a group")
    members: list[Passage] = []
    for cell in cells:
        if type(cell) is not list or len(cell) != 3:
            raise NotOurs("not a member")
        doc_id, start, end = cell
        if type(doc_id) is not str or type(start) is not int or type(end) is not int:
            raise NotOurs("not a member")
        text = texts.get(doc_id)
        if text is None or not 0 <= start <= end <= len(text):
            raise NotOurs("not a passage of these documents")
        passage = claims.get((doc_id, start, end))
        if passage is None:
            raise NotOurs("not a claim of the index")
        members.append(passage)
    documents = [p.doc_id for p in members]
    if not members or len(set(documents)) != len(documents):
        raise NotOurs("not a group")
    joined = []
    for link in links:
        if type(link) is not list or len(link) != 3:
            raise NotOurs("not a link")
        left, right, score = link
        if type(left) is not str or type(right) is not str:
            raise NotOurs("not a link")
        if left not in documents or right not in documents:
            raise NotOurs("a link outside its group")
        joined.append((left, right, _score(score)))
    return claim_group(members, _score(cohesion), joined, texts)


def _read(
    path: Path,
    header: Mapping[str, Any],
    index: PassageIndex,
    texts: Mapping[str, str],
) -> list[ClaimGroup] | None:
    """The cached groups, or None when the file is missing, damaged, stale or not ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deeply
        return None
    if type(data) is not dict or any(data.get(key) != value for key, value in header.items()):
        return None
    rows = data.get("groups")
    if type(rows) is not list:
        return None
    claims = {(p.doc_id, p.start, p.end): p for p in index.passages if p.kind is not None}
    order = {doc_id: position for position, doc_id in enumerate(index.by_document)}
    seen: set[tuple[str, int, int]] = set()
    groups = []
    try:
        for row in rows:
            group = _group(row, claims, texts)
            places = [order[doc_id] for doc_id in group.passages]
            if places != sorted(places):  # the builder lists a group's members in that order
                raise NotOurs("members out of order")
            members = {(p.doc_id, p.start, p.end) for p in group.passages.values()}
            if members & seen:
                raise NotOurs("a claim in two groups")
            seen |= members
            groups.append(group)
    except NotOurs:
        return None
    if len(seen) != len(claims):  # every claim is in a group, if only of its own
        return None
    return in_table_order(groups, index.by_document)


def cached_synopsis(
    workspace: Path,
    documents: Sequence[Document],
    index: PassageIndex,
    rules_digest: str,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ClaimGroup]:
    """:func:`corpus.synopsis.build_synopsis` of ``index`` (built from ``documents``, with the
    claim kinds of the rules whose digest is ``rules_digest``), read from the cache when it
    fits, else built and saved. A build that was ``cancelled`` is not saved; a cache that
    cannot be written costs time and nothing else, as with the passage index."""
    texts = {document.id: document.text for document in documents}
    path = cache_file(workspace)
    header = _header(documents, index, rules_digest)
    groups = _read(path, header, index, texts)
    if groups is not None:
        return groups
    groups = build_synopsis(index, texts, cancelled=cancelled, progress=progress)
    if cancelled is not None and cancelled():
        return groups
    payload = {**header, "groups": [_row(group) for group in groups]}
    # ASCII: a document id may hold a lone surrogate (an undecodable file name), which the
    # escapes keep and UTF-8 could not encode
    text = json.dumps(payload, separators=(",", ":"))
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        atomic_write_text(path, text)
    return groups
