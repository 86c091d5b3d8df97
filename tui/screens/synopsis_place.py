"""The synopsis reopened as it was left: ``s`` brings back the filter, the order, the page of
documents and the cursor on the same claim, at the same place on the screen.

A fact-checker goes through the table row by row: Enter lays a row out in the panes, the
passages are read, ``s``, the next row. Each ``s`` makes a new table (its rows may be of texts
changed on disk since), and one that started again from the first row, unfiltered, lost their
place every time. So the table leaves its place with the reader when it closes (Enter, Esc,
``q``) and the next one takes it up. The claim the cursor was on is found again by its
passages' text, as an open table's renewal finds it (:mod:`tui.screens.synopsis_renewal`): a
change on disk moves a group's offsets and may give it another id, while its passages' words
mostly stay; when none of them is in any row now, the cursor stays at the row it was on, and a
notice says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.widgets import Input

from corpus.synopsis import RowChoice
from tui.screens.synopsis_renewal import Claim, claim_of, follow_claim
from tui.screens.synopsis_rows import WINDOW
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from textual.await_complete import AwaitComplete
    from textual.screen import Screen

    from corpus.synopsis import ClaimGroup
    from tui.synopsis_building import SynopsisBuilding

    _Screen = Screen["ClaimGroup | None"]
    """For the type checker the mixin is the screen it is mixed into."""
else:
    _Screen = object


@dataclass(frozen=True, slots=True)
class SynopsisPlace:
    """Where the reader was in the synopsis when it closed."""

    needle: str
    order: str
    descending: bool
    shared_only: bool
    first: int
    """The first document column shown."""
    key: str | None
    """The cursor's group (None: no row was shown)."""
    claim: Claim
    """Its passages, as the texts it was grouped from read them: what finds it again."""
    row: int
    """The cursor's row from the top: where it stays when its claim is in no row now."""
    line: int
    """The line of the table the cursor's row started on."""
    scroll_x: float


def found_again(
    place: SynopsisPlace, groups: Mapping[str, ClaimGroup], texts: Mapping[str, str]
) -> tuple[str | None, list[tuple[str, bool]]]:
    """The group now of the claim the cursor was on (None if no row has any of its passages),
    and its documents whose passage that row no longer has, each with whether that passage is
    in another row now (else it was edited or deleted)."""
    if place.key is None:
        return None, []
    same = groups.get(place.key)
    if same is not None and claim_of(same, texts) == place.claim:
        return place.key, []  # the grouping is the one the table was left on: the usual case
    rows_of = {passage: key for key, group in groups.items() for passage in claim_of(group, texts)}
    key, lost = follow_claim(rows_of, place.claim)
    texts_of = dict(place.claim)
    return key, [(doc_id, (doc_id, texts_of[doc_id]) in rows_of) for doc_id in lost]


def resumed(place: SynopsisPlace, document_ids: Sequence[str]) -> tuple[RowChoice, int]:
    """The filter and order ``place`` was left with, and the first document column shown, as
    they apply to ``document_ids`` now: the table opening on it shows them, and the reader's
    steps to the next row (:mod:`tui.synopsis_steps`) go through its rows in that order."""
    order = place.order
    ordered_by = order.removeprefix("doc:")
    if ordered_by != order and ordered_by not in document_ids:
        order = "documents"  # that document is gone: its reading order with it
    first = min(place.first, max(len(document_ids) - 1, 0))
    first -= first % WINDOW  # documents gone since may leave that page empty
    return RowChoice(place.needle, place.shared_only, order, place.descending), first


def what_became(key: str | None, lost: list[tuple[str, bool]], *, shown: bool) -> str | None:
    """What to say of the claim the cursor was on, when the table came back without it."""
    if key is None and lost:
        return (
            "The row you were on is gone (its passages were edited or deleted): the cursor is "
            "on the row now in its place."
        )
    if lost:
        edited = ", ".join(doc_id for doc_id, elsewhere in lost if not elsewhere)
        moved = ", ".join(doc_id for doc_id, elsewhere in lost if elsewhere)
        why = [f"its passage in {edited} was edited or deleted"] if edited else []
        why += [f"that of {moved} is in another row now"] if moved else []
        hidden = "" if shown else "; what is left of it no longer passes the filter"
        return f"The row you were on changed: {' and '.join(why)}{hidden}."
    if key is not None and not shown:
        return "The row you were on no longer passes the filter: the cursor is near its place."
    return None


class SynopsisReopening(_Screen):
    """What the synopsis screen leaves with the reader when it closes, and takes up on
    opening."""

    if TYPE_CHECKING:  # set up by SynopsisScreen
        groups: dict[str, ClaimGroup]
        texts: dict[str, str]
        document_ids: list[str]
        first: int
        order: str
        descending: bool
        shared_only: bool
        needle: str

        def _fill(
            self, *, columns: bool = False, cursor: str | None = None, fallback: int = 0
        ) -> None: ...

    def _reader(self) -> SynopsisBuilding | None:
        """Where the place is kept between tables: the reader's synopsis state."""
        from tui.app import SynopticApp

        app = self.app
        return app.parallel if isinstance(app, SynopticApp) else None

    def dismiss(self, result: ClaimGroup | None = None) -> AwaitComplete:
        """However the table closes (Enter, Esc, ``q``, the palette), its place is kept."""
        self.keep_place()
        return super().dismiss(result)

    def keep_place(self) -> None:
        """Leave the table's place with the reader, for the next ``s``."""
        reader = self._reader()
        if reader is None:
            return
        table = self.query_one(SynopsisTable)
        key = table.row_keys[table.cursor_row] if table.row_count else None
        group = self.groups.get(key) if key is not None else None
        reader.synopsis_place = SynopsisPlace(
            needle=self.needle,
            order=self.order,
            descending=self.descending,
            shared_only=self.shared_only,
            first=self.first,
            key=key,
            claim=claim_of(group, self.texts) if group is not None else frozenset(),
            row=table.cursor_row,
            line=table.cursor_row * table.row_height - round(table.scroll_y),
            scroll_x=table.scroll_x,
        )

    def adopt(self, place: SynopsisPlace) -> None:
        """Take up ``place``'s filter, order and page of documents, drawing nothing: the table
        opening on it shows them."""
        choice, self.first = resumed(place, self.document_ids)
        self.needle, self.shared_only = choice.needle, choice.shared_only
        self.order, self.descending = choice.order, choice.descending

    def take_place(self) -> None:
        """Show the rows as the last table was left (or, the first time, from the top)."""
        reader = self._reader()
        place = reader.synopsis_place if reader is not None else None
        if place is None:
            self._fill(columns=True)
            return
        self.adopt(place)
        field = self.query_one(Input)
        with field.prevent(Input.Changed):  # the rows are filled below, not after a pause
            field.value = place.needle
        key, lost = found_again(place, self.groups, self.texts)
        self._fill(columns=True, cursor=key, fallback=place.row)
        table = self.query_one(SynopsisTable)
        told = what_became(key, lost, shown=key in table.row_keys)
        if told is not None:
            self.notify(told, title="Synopsis")

        def scroll() -> None:  # once the table has its size: until then nothing scrolls
            top = max(table.cursor_row * table.row_height - place.line, 0)
            table.scroll_to(x=place.scroll_x, y=top, animate=False, immediate=True)

        self.call_after_refresh(scroll)
