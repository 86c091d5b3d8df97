"""The synopsis open while documents change on disk: its rows follow the new texts.

A row holds its passages by their offsets in the texts they were grouped from. Once a document
changed, those offsets are of a text no longer shown, and a row chosen then would light up
whatever sentences now lie there. So the table says it is being updated, and Enter says why it
waits rather than show the wrong passages; once the rebuilt index is ready the claims are
grouped again (:mod:`tui.synopsis_building`) and the new rows are made in a worker, then put in
place keeping what the reader had: the filter, the order, the page of documents, the cursor on
the same claim (found by its passages' text, its offsets having moved) at the same place on
the screen. A notice says why the rows changed, and what became of the claim the cursor was on
when its passages were edited or deleted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets import Label

from tui.screens.synopsis_rows import WINDOW, make_row
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from rich.text import Text
    from textual.screen import Screen

    from corpus.synopsis import ClaimGroup
    from corpus.workspace import Workspace
    from tui.screens.synopsis_rows import SynopsisRow

    _Screen = Screen["ClaimGroup | None"]
    """For the type checker the mixin is the screen it is mixed into."""
else:
    _Screen = object

Claim = frozenset[tuple[str, str]]
"""A row's passages as (document, passage text): what a claim is across texts that moved."""


def claim_of(group: ClaimGroup, texts: Mapping[str, str]) -> Claim:
    """``group``'s passages as ``texts`` (the texts it was grouped from) read them."""
    return frozenset(
        (doc_id, texts.get(doc_id, "")[passage.start : passage.end])
        for doc_id, passage in group.passages.items()
    )


@dataclass(frozen=True, slots=True)
class Renewal:
    """New rows, made in a worker, and what became of the old ones."""

    groups: list[ClaimGroup]
    rows: list[SynopsisRow]
    texts: dict[str, str]
    document_ids: list[str]
    rows_of: dict[tuple[str, str], str]
    """By document and passage text, the row that has that passage now."""
    changed: int
    """Rows that are no longer there as they were (a passage edited, deleted or regrouped)."""
    new: int
    """Rows that were not there before."""

    def follow(self, was: Claim) -> tuple[str | None, list[str]]:
        """The row now of the claim ``was``: see :func:`follow_claim`."""
        return follow_claim(self.rows_of, was)


def follow_claim(
    rows_of: Mapping[tuple[str, str], str], was: Claim
) -> tuple[str | None, list[str]]:
    """The row now of the claim ``was`` (the one with most of its passages in ``rows_of``,
    None if none has any), and the documents whose passage it no longer has."""
    votes = Counter(row for passage in was if (row := rows_of.get(passage)) is not None)
    if not votes:
        return None, sorted(doc_id for doc_id, _ in was)
    row = votes.most_common(1)[0][0]
    return row, sorted(doc_id for doc_id, text in was if rows_of.get((doc_id, text)) != row)


def renewal(
    groups: list[ClaimGroup],
    texts: dict[str, str],
    document_ids: list[str],
    old: list[ClaimGroup],
    old_texts: Mapping[str, str],
) -> Renewal:
    """The rows of ``groups`` and how they answer the ``old`` ones (run in a worker: a
    workspace of thousands of claims takes a while to read through)."""
    rows = [make_row(group, texts) for group in groups]
    claims = {group.id: claim_of(group, texts) for group in groups}
    rows_of = {passage: key for key, claim in claims.items() for passage in claim}
    before = {claim_of(group, old_texts) for group in old}
    now = set(claims.values())
    return Renewal(groups, rows, texts, document_ids, rows_of, len(before - now), len(now - before))


def told_of(
    made: Renewal, cursor: str | None, lost: list[str], changed: frozenset[str], *, shown: bool
) -> list[str]:
    """What to say of the new rows, and of the claim the cursor was on (now the row
    ``cursor``, without the passages of ``lost``), when ``changed`` documents changed on
    disk."""
    told = []
    if made.changed and made.new:
        told.append(f"{plural(made.changed, 'row')} changed or gone and {made.new} new")
    elif made.changed or made.new:
        told.append(
            f"{plural(made.changed, 'row')} changed or gone"
            if made.changed
            else f"{plural(made.new, 'new row')}"
        )
    edited = ", ".join(doc_id for doc_id in lost if doc_id in changed)
    moved = ", ".join(doc_id for doc_id in lost if doc_id not in changed)
    if cursor is None and lost:
        told.append(
            "the row you were on is gone (its passages were edited or deleted): the cursor "
            "stays where it was"
        )
    elif lost:
        why = [f"its passage in {edited} was edited or deleted"] if edited else []
        why += [f"that of {moved} is in another row now"] if moved else []
        told.append(f"the row you were on changed: {' and '.join(why)}")
    elif cursor is not None and not shown:
        told.append("the row you were on no longer passes the filter")
    return told


def plural(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def what_changed(doc_ids: Iterable[str]) -> str:
    """What to say of ``doc_ids``: "b.md changed on disk", or "3 documents changed on disk"."""
    names = sorted(set(doc_ids))
    return f"{names[0] if len(names) == 1 else f'{len(names)} documents'} changed on disk"


class SynopsisRenewal(_Screen):
    """What the synopsis screen does when the documents it shows change on disk."""

    if TYPE_CHECKING:  # set up by SynopsisScreen
        groups: dict[str, ClaimGroup]
        workspace: Workspace
        document_ids: list[str]
        texts: dict[str, str]
        rows: list[SynopsisRow]
        _rows_by_key: dict[str, SynopsisRow]
        first: int
        _cells: dict[tuple[str, str], Text]
        _lit: dict[tuple[str, str], Text]

        def _fill(
            self, *, columns: bool = False, cursor: str | None = None, fallback: int = 0
        ) -> None: ...

        def _summary(self, shown: int) -> Text: ...

    updating: str | None = None
    """Why the rows are being made again ("b.md changed on disk"); meanwhile Enter waits."""
    cannot: str | None = None
    """Why they cannot be: the passage index could not be rebuilt."""
    _changed: frozenset[str] = frozenset()
    """The documents changed since the rows were made."""
    _renewals = 0
    """The number of the last change or renewal: rows made before it are dropped."""

    class Renewed(Message):
        """New rows are ready (see :class:`Renewal`)."""

        def __init__(self, number: int, renewal: Renewal) -> None:
            super().__init__()
            self.number = number
            self.renewal = renewal

    def outdated(self, doc_ids: Iterable[str]) -> None:
        """``doc_ids`` changed on disk: the rows are of their old texts until made again."""
        self._changed |= frozenset(doc_ids)
        self.updating = what_changed(self._changed)
        self.cannot = None
        self._renewals += 1  # rows being made now are of the old texts too
        self._show_summary()

    def cannot_update(self, reason: str) -> None:
        """The index could not be rebuilt: the rows stay, and Enter says why it is refused."""
        if self.updating is not None:
            self.cannot = reason
            self._show_summary()

    def refuse_row(self) -> bool:
        """Whether a row must not be laid out now, having said why: its offsets are of a
        text no longer shown, and would light up the wrong passages."""
        return self.refuse_stale("Enter shows a row")

    def refuse_stale(self, action: str) -> bool:
        """Whether the rows must not be used now by ``action`` ("x saves the rows"), having
        said why: they are of texts no longer shown (a row laid out would light up the wrong
        passages, a CSV saved would quote what the documents no longer say)."""
        if self.updating is None:
            return False
        if self.cannot is not None:
            why = (
                f"The synopsis cannot be updated ({self.updating}): the passage index could "
                f"not be rebuilt ({self.cannot}). Close it (Esc) and press s to try again."
            )
        else:
            why = (
                f"The synopsis is being updated ({self.updating}): its rows are of the old "
                f"text. {action} again once it is done."
            )
        self.notify(why, title="Synopsis", severity="warning")
        return True

    @property
    def rows_made(self) -> int:
        """The number of the last change or renewal: rows taken under another number were of
        other texts (see :meth:`refuse_stale`)."""
        return self._renewals

    def renew(self, groups: list[ClaimGroup]) -> None:
        """Make the rows of ``groups`` (grouped from the texts shown now) in a worker."""
        self._renewals += 1
        number = self._renewals
        old, old_texts = list(self.groups.values()), self.texts
        workspace = self.workspace
        document_ids = list(workspace.document_ids)
        texts = {
            doc_id: document.text
            for doc_id in document_ids
            if (document := workspace.loaded(doc_id)) is not None
        }

        def make() -> None:
            made = renewal(groups, texts, document_ids, old, old_texts)
            self.post_message(self.Renewed(number, made))

        self.run_worker(
            make, thread=True, exclusive=True, group="synopsis-rows", description="Synopsis rows"
        )

    def on_synopsis_renewal_renewed(self, message: Renewed) -> None:
        # By its name, not with @on: Textual collects @on handlers of its own classes only.
        if message.number != self._renewals:
            return  # the documents changed again meanwhile
        made = message.renewal
        table = self.query_one(SynopsisTable)
        place = table.cursor_row * table.row_height - round(table.scroll_y)
        row, scroll_x = table.cursor_row, table.scroll_x
        cursor = self.groups.get(table.row_keys[row]) if table.row_count else None
        target, lost = made.follow(claim_of(cursor, self.texts)) if cursor else (None, [])
        self.groups = {group.id: group for group in made.groups}
        self.texts = made.texts
        self.document_ids = made.document_ids
        self.rows = made.rows
        self._rows_by_key = {r.group.id: r for r in made.rows}
        self.first = min(self.first, max(len(self.document_ids) - 1, 0))
        self.first -= self.first % WINDOW  # a document gone may leave the last page empty
        self._cells.clear()  # by group id, which may stand for the same offsets of a new text
        self._lit.clear()
        why, changed = self.updating, self._changed
        self.updating, self.cannot, self._changed = None, None, frozenset()
        self._fill(columns=True, cursor=target, fallback=row)
        top = table.cursor_row * table.row_height - place
        table.scroll_to(x=scroll_x, y=max(top, 0), animate=False, immediate=True)
        self.refresh_bindings()
        if why is not None or lost:
            shown = target in table.row_keys
            told = told_of(made, target, lost, changed, shown=shown)
            news = [f"{why}; synopsis updated"] if why else []
            self.notify("; ".join([*news, *told]) + ".", title="Synopsis")

    def _show_summary(self) -> None:
        table = self.query_one(SynopsisTable)
        self.query_one("#summary", Label).update(self._summary(table.row_count))
