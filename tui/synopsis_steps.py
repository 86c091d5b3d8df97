"""``)`` and ``(``: the next or the previous synopsis row laid out in the panes, without the table.

A fact-checker going through the claim synopsis lays a row out (Enter), reads its passages,
then wants the next row: ``s``, ``↓``, Enter, three keys and the table drawn in between, for
every row. A step takes the row after (or before) the one the table was left on, among the rows
its filter keeps, in its order, as the table would show them, and leaves its place on that row,
so ``s`` opens on the row being read.

The rows are filtered and ordered by :class:`~corpus.synopsis.RowChoice`, which the table asks
too, with the filter and order the table was left with
(:func:`~tui.screens.synopsis_place.resumed`), so a step can never disagree with the table; no
table is made for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.synopsis import ClaimGroup, GroupWords
    from corpus.workspace import Workspace
    from tui.app import SynopticApp
    from tui.screens.synopsis_place import SynopsisPlace


@dataclass(frozen=True, slots=True)
class RowOrder:
    """The groups as the steps filter them: each with the words its passages hold, read in the
    texts they were grouped from. Finding the words of every group takes a tenth of a second
    at 700 documents, so it is done once per grouping, not at every step."""

    groups: list[ClaimGroup]
    """What it was made of: the reader's groups, until they are made again."""
    by_id: dict[str, ClaimGroup]
    rows: list[GroupWords]
    """In the order the groups came in: most widely made claims first, as the table has them."""
    texts: dict[str, str]
    document_ids: list[str]

    @classmethod
    def of(cls, groups: list[ClaimGroup], workspace: Workspace) -> RowOrder:
        # not at the top: the reader imports this module at start, and the synopsis later
        from corpus.synopsis import GroupWords, group_words
        from tui.screens.synopsis_rows import loaded_texts

        texts = loaded_texts(workspace)
        rows = [GroupWords(group, group_words(group, texts)) for group in groups]
        by_id = {group.id: group for group in groups}
        return cls(groups, by_id, rows, texts, list(workspace.document_ids))


async def lay_out_row(app: SynopticApp, step: int) -> None:
    """Lay out the row ``step`` rows from where the synopsis was left, or say there is none.

    The groups must be those of the texts shown now (``app.parallel.synopsis``) and the table
    must have been left somewhere (``app.parallel.synopsis_place``).
    """
    from tui.panes import show_group
    from tui.screens.synopsis_place import found_again, resumed
    from tui.screens.synopsis_renewal import claim_of
    from tui.screens.synopsis_rows import WINDOW
    from tui.synopsis_building import open_synopsis_screen

    reading = app.parallel
    groups, place = reading.synopsis, reading.synopsis_place
    if groups is None or place is None or open_synopsis_screen(app) is not None:
        return  # a table opened since the step was asked for: the rows are chosen there
    order = reading.row_order
    if order is None or order.groups is not groups:
        order = reading.row_order = RowOrder.of(groups, app.workspace)
    choice, first = resumed(place, order.document_ids)
    rows = [row.group.id for row in choice.shown(order.rows)]
    if not rows:
        app.notify(
            "No synopsis row passes the filter: s opens the synopsis, where / changes it.",
            title="Synopsis",
        )
        return
    key, _ = found_again(place, order.by_id, order.texts)
    if key in rows:
        target = rows.index(key) + step
    else:  # its claim is gone or filtered out since: the row now in its place comes next
        target = min(place.row, len(rows)) + (0 if step > 0 else -1)
    if not 0 <= target < len(rows):
        app.notify(_none_left(step, len(rows), filtered=_filtered(place)), title="Synopsis")
        return
    group = order.by_id[rows[target]]
    reading.synopsis_place = replace(
        place, key=group.id, claim=claim_of(group, order.texts), row=target
    )
    columns = order.document_ids[first : first + WINDOW]  # those the table had on screen
    await show_group(app, group, columns, f"synopsis row {target + 1} of {len(rows)}")


def _filtered(place: SynopsisPlace) -> bool:
    return bool(place.needle.split()) or place.shared_only


def _none_left(step: int, rows: int, *, filtered: bool) -> str:
    """Why nothing was laid out: the row left on is the last (or the first) there is."""
    passing = " that passes the filter" if filtered else ""
    if step > 0:
        return f"No next synopsis row: row {rows} is the last{passing}."
    return f"No previous synopsis row: row 1 is the first{passing}."
