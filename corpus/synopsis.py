"""The claim synopsis: which documents make which claim, as a table a fact-checker can read.

Groups are built from *mutual* best matches between claims: sentence q of document A and t of
B are linked only when t is q's best passage in B and q is t's best passage in A, with a score
above the matcher's "no good match" threshold. Mutual best matching
keeps generic sentences, which are everyone's second-best match, out of groups they do not
belong to. Links are then merged strongest first, and a merge that would put two sentences of
one document in a group is refused, so a group has at most one passage per document: one cell
of the table.

A claim no other document echoes is a group of one: "only this article says so" is exactly
what a reader comparing sources wants to see.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from corpus.folding import fingerprint
from corpus.matching import SHOWN_CEILING
from corpus.mutual_links import MutualLinks
from corpus.quotes import loose_pattern, plain_typography
from corpus.text import inert, one_line
from corpus.word_forms import word_forms

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from corpus.matching import PassageIndex
    from corpus.passage_vectors import Passage


@dataclass(slots=True)
class ClaimGroup:
    """Passages of several documents that state the same claim."""

    id: str
    """Stable for the same member passages: a hash of their documents and offsets."""
    passages: dict[str, Passage]
    """By document id, in the workspace's document order."""
    kind: str | None
    """The kind most of its members were given (claims only; None if none was a claim)."""
    cohesion: float
    """Mean score of the links that built the group (1.0 for a group of one)."""
    links: list[tuple[str, str, float]] = field(default_factory=list)
    """The (document, document, score) links that joined the group: why these cells agree."""
    identical: bool = False
    """Every passage is the same text (NFKC, case-folded, spacing aside), as
    :attr:`corpus.matching.Match.identical` means it."""

    @property
    def shown_agreement(self) -> float:
        """The agreement to print: at most :data:`~corpus.matching.SHOWN_CEILING` unless every
        passage is identical, as for a match's score.

        A fact-checker reads 1.00 as "the same text"; near-copies score 0.9999, and a mean of
        such links rounds to 1.00 (or is 1.0 at four decimals when one link is identical).
        """
        return self.cohesion if self.identical else min(self.cohesion, SHOWN_CEILING)

    @property
    def size(self) -> int:
        """How many documents make this claim: the table's sort key."""
        return len(self.passages)


def build_synopsis(
    index: PassageIndex,
    texts: Mapping[str, str],
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ClaimGroup]:
    """Group the claims of the indexed documents; most widely made claims first.

    ``texts`` maps document ids to their text (the index keeps only offsets). ``cancelled``
    lets a worker stop early (an empty list is returned); ``progress`` is told (done, total).
    """
    passages = index.passages
    claims = [number for number, passage in enumerate(passages) if passage.kind is not None]
    order = {doc_id: position for position, doc_id in enumerate(index.by_document)}
    # each claim's best passage in every other document, asked in reading order so that the
    # query document's sums and the neighbours' likeness stay cached
    links = MutualLinks(claims, list(index.by_document.values()))
    for done, number in enumerate(claims):
        if cancelled is not None and cancelled():
            return []
        if progress is not None and done % 32 == 0:
            progress(done, len(claims))
        passage = passages[number]
        text = texts[passage.doc_id][passage.start : passage.end]
        wanted = links.documents_for(number)
        _, targets, found = index.best_in_documents(number, text, documents=wanted)
        links.add(number, targets, found)
    if progress is not None:
        progress(len(claims), len(claims))
    groups = _merge(links.strongest_first(), claims, passages)
    result = []
    for members, scores, group_links in groups:
        members.sort(key=lambda n: order[passages[n].doc_id])
        cohesion = round(sum(scores) / len(scores), 4) if scores else 1.0
        result.append(claim_group([passages[n] for n in members], cohesion, group_links, texts))
    return in_table_order(result, index.by_document)


def claim_group(
    members: list[Passage],
    cohesion: float,
    links: list[tuple[str, str, float]],
    texts: Mapping[str, str],
) -> ClaimGroup:
    """The group of ``members`` (one passage per document, in the workspace's document order).

    Its id, kind and sameness follow from the members and ``texts`` alone, so a group read
    back from :mod:`corpus.synopsis_cache` gets them exactly as the builder gave them.
    """
    kinds = Counter(p.kind for p in members if p.kind)
    key = "|".join(f"{p.doc_id}:{p.start}" for p in members)
    prints = {fingerprint(texts[p.doc_id][p.start : p.end]) for p in members}
    return ClaimGroup(
        id=hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10],
        passages={p.doc_id: p for p in members},
        kind=kinds.most_common(1)[0][0] if kinds else None,
        cohesion=cohesion,
        links=links,
        identical=len(members) > 1 and len(prints) == 1,
    )


def in_table_order(groups: list[ClaimGroup], documents: Iterable[str]) -> list[ClaimGroup]:
    """``groups`` sorted as the synopsis lists them: most widely made first, then by where
    they first appear in ``documents`` (the workspace's order) and in that document."""
    order = {doc_id: position for position, doc_id in enumerate(documents)}
    first = {g.id: min(order[d] for d in g.passages) for g in groups}
    groups.sort(key=lambda g: (-g.size, first[g.id], next(iter(g.passages.values())).start, g.id))
    return groups


def _merge(
    links: Iterable[tuple[float, int, int]], claims: list[int], passages: list[Passage]
) -> list[tuple[list[int], list[float], list[tuple[str, str, float]]]]:
    """Union the links, which come strongest first, never two passages of one document in a
    group."""
    parent = {number: number for number in claims}
    documents = {number: {passages[number].doc_id} for number in claims}
    scores: dict[int, list[float]] = {number: [] for number in claims}
    joined: dict[int, list[tuple[str, str, float]]] = {number: [] for number in claims}

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for score, left, right in links:
        a, b = root(left), root(right)
        if a == b or documents[a] & documents[b]:
            continue
        parent[b] = a
        documents[a] |= documents.pop(b)
        scores[a] += [*scores.pop(b), score]
        joined[a] += [
            *joined.pop(b),
            (passages[left].doc_id, passages[right].doc_id, round(score, 4)),
        ]
    members: dict[int, list[int]] = {}
    for number in claims:
        members.setdefault(root(number), []).append(number)
    return [(group, scores[top], joined[top]) for top, group in members.items()]


ORDERS = ("documents", "agreement", "kind")
"""How the table can be sorted, besides one document's reading order (``doc:`` + its id)."""


def group_words(group: ClaimGroup, texts: Mapping[str, str]) -> str:
    """Every passage of ``group`` as a filter searches it, so a typed word finds its claim.

    Whitespace is collapsed, case folded, and typographic quotes and dashes become the
    keyboard's (the filter "kratom's" finds "Kratom’s").
    """
    found = (texts.get(doc_id, "")[p.start : p.end] for doc_id, p in group.passages.items())
    return plain_typography(" ".join(" ".join(found).split()).casefold())


def contains_all(words: str, needle: str) -> bool:
    """Whether every whitespace-separated word of ``needle`` occurs in ``words`` (any case),
    as typed or, failing that, in another form (:mod:`corpus.word_forms`: "alleviate" finds
    "alleviating"; a stopword only as typed)."""
    for word in plain_typography(needle.casefold()).split():
        if word not in words:
            forms = word_forms(word)
            if not (forms.stems and forms.all_in(words)):
                return False
    return True


def excerpt(text: str, needle: str, limit: int) -> tuple[str, list[tuple[int, int]]]:
    """``text`` on one line of at most ``limit`` characters, showing the filter's words.

    A table cell has room for the start of a passage, and a word that made its row pass the
    filter is often further on; then the line starts a few words before the first such word,
    after an ellipsis (earlier still when the passage ends soon after), so the reader sees
    why the row is there. Returns the line and where the words are in it, to highlight (found
    as the filter finds them: any case, and typographic quotes and dashes as typed).
    """
    collapsed = " ".join(text.split())
    words = needle.split()
    hits: list[tuple[int, int]] = []
    if words:
        alternatives = sorted((loose_pattern(w).pattern for w in words), key=len, reverse=True)
        pattern = re.compile("|".join(alternatives), re.IGNORECASE)
        hits = [found.span() for found in pattern.finditer(collapsed)]
        # and the other forms of the words, which pass the filter as well (when folding case
        # keeps the length, as it does but for a few letters such as "ß")
        folded = plain_typography(collapsed.casefold())
        forms = word_forms(plain_typography(needle.casefold()))
        if forms.stems and len(folded) == len(collapsed):
            lit = [(a, b) for a, b in forms.each_in(folded) if not _overlaps(a, b, hits)]
            hits = sorted(hits + lit)
    start = 0
    if hits and hits[0][1] > limit - 1:
        start = max(0, min(hits[0][0] - limit // 4, len(collapsed) - limit + 1))
        space = collapsed.find(" ", start, hits[0][0])
        start = space + 1 if space >= 0 else hits[0][0]
    prefix = "\N{HORIZONTAL ELLIPSIS}" if start else ""
    body = collapsed[start:]
    room = limit - len(prefix)
    if len(body) > room:
        # between two words when a space is near, as one_line cuts ("self-…" was a guess)
        body = one_line(body, room)
        room = len(body) - 1
    shift = len(prefix) - start
    shown = [(a + shift, b + shift) for a, b in hits if a >= start and b - start <= room]
    return prefix + body, shown


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def order_key(
    group: ClaimGroup, order: str, *, fewest_first: bool = False
) -> tuple[int, str, float]:
    """The sort key of ``group`` for one of :data:`ORDERS` or ``doc:<id>``.

    Sorts are stable, so ties keep the synopsis order (widest claims first, then reading
    order). Claims of one document only have no agreement and come after those that do; in a
    document's reading order, the claims it does not make come last.
    """
    if order == "documents":
        return (0, "", group.size if fewest_first else -group.size)
    if order == "agreement":
        return (group.size < 2, "", -group.cohesion)
    if order == "kind":
        return (group.kind is None, group.kind or "", 0)
    if order.startswith("doc:"):
        passage = group.passages.get(order.removeprefix("doc:"))
        return (0, "", passage.start) if passage is not None else (1, "", 0)
    raise ValueError(f"unknown order {order!r}: one of {', '.join(ORDERS)} or doc:<id>")


class FilterableRow(Protocol):
    """A synopsis row as its filter and order see it (the table's rows have drawn cells too)."""

    @property
    def group(self) -> ClaimGroup: ...

    @property
    def words(self) -> str:
        """The row's passages as :func:`group_words` gives them: what the filter searches."""
        ...


_Row = TypeVar("_Row", bound=FilterableRow)


@dataclass(frozen=True, slots=True)
class GroupWords:
    """A group and the words the filter searches in it: a row to filter and order without the
    cells a table draws (``)`` and ``(`` step through rows no table shows)."""

    group: ClaimGroup
    words: str


@dataclass(frozen=True, slots=True)
class RowChoice:
    """Which synopsis rows are shown, in which order: the table's filter (``/``), its "shared
    claims only" (``o``) and its order.

    The table and the reader's steps from row to row (``)`` and ``(``) both ask it, so a step
    can never lay out a row the table would not show next.
    """

    needle: str = ""
    """A row is kept when its passages contain every word of it, in some form."""
    shared_only: bool = False
    """Only the claims more than one document makes."""
    order: str = "documents"
    """One of :data:`ORDERS`, or ``doc:`` and a document id: its reading order."""
    descending: bool = True
    """For ``documents``: most documents first."""

    def keeps(self, row: FilterableRow) -> bool:
        return (row.group.size > 1 or not self.shared_only) and contains_all(row.words, self.needle)

    def shown(self, rows: Iterable[_Row]) -> list[_Row]:
        """The rows kept, in the chosen order (ties in the order they came: the synopsis's)."""
        fewest_first = not self.descending
        return sorted(
            (row for row in rows if self.keeps(row)),
            key=lambda row: order_key(row.group, self.order, fewest_first=fewest_first),
        )


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("claim", "documents", "kind", "agreement")
"""The first columns of :func:`synopsis_csv`; then one per document."""
CSV_FILE_MARK = "\ufeff"
"""What a CSV *file* starts with: the byte-order mark. Excel reads a double-clicked CSV as UTF-8
only then, and otherwise in the system's code page, so "Kratom’s" becomes "Kratomâ€™s";
LibreOffice, Google Sheets and Python's ``utf-8-sig`` drop it. Standard output gets none: a
pipe wants plain text."""


def looks_like_synopsis_csv(head: str) -> bool:
    """Whether a file starting with ``head`` is an earlier :func:`synopsis_csv` (to replace)."""
    return head.removeprefix(CSV_FILE_MARK).startswith(",".join(CSV_COLUMNS) + ",")


def _spreadsheet_cell(text: str) -> str:
    """``text`` on one line that no spreadsheet runs as a formula and no terminal obeys.

    An article (or a file name) that starts a passage with ``=`` or ``@`` would otherwise run
    as a formula when the table is opened (CSV injection); a leading apostrophe is how
    spreadsheets themselves mark "this is text". Control characters become visible symbols,
    as everywhere Synoptic prints document text.
    """
    line = inert(" ".join(text.split()))
    return f"'{line}" if line.startswith(_FORMULA_STARTS) else line


def _column_name(doc_id: str) -> str:
    """A document id as a column header: as ``synoptic docs`` and the reader show it.

    An id names one file, so it is not collapsed like passage text (``a\nb.txt`` would become
    ``a b.txt``, which may be another document's id, and a column nobody could find): every
    control character, a newline too, is shown as its visible symbol, and a formula is defused
    as in every cell.
    """
    name = inert(doc_id)
    return f"'{name}" if name.startswith(_FORMULA_STARTS) else name


def synopsis_csv(
    groups: Iterable[ClaimGroup], texts: Mapping[str, str], document_ids: Iterable[str]
) -> str:
    """The synopsis as CSV for a spreadsheet: the table of the reader, one row per claim.

    Columns are the claim's id, how many documents make it, its kind, the agreement of its
    passages (empty for a claim one document makes), then one column per document with its
    passage (empty where it does not make the claim).
    """
    import csv
    import io

    columns = list(document_ids)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *map(_column_name, columns)])
    for group in groups:
        cells = []
        for doc_id in columns:
            passage = group.passages.get(doc_id)
            said = texts.get(doc_id, "")[passage.start : passage.end] if passage else ""
            cells.append(_spreadsheet_cell(said))
        agreement = f"{group.shown_agreement:.2f}" if group.size > 1 else ""
        kind = _spreadsheet_cell(group.kind or "")  # a label from the user's claims.toml
        writer.writerow([group.id, group.size, kind, agreement, *cells])
    return out.getvalue()
