"""``)`` and ``(``: the next or the previous synopsis row laid out in the panes, without the table.

A fact-checker going through the claim synopsis lays a row out (Enter), reads its passages,
then wants the next row: ``s``, ``↓``, Enter, three keys and the table drawn in between, for
every row. A step takes the row after (or before) the one the table was left on, among the rows
its filter keeps, in its order, as the table would show them, and leaves its place on that row,
so ``s`` opens on the row being read.

The rows are ordered by a :class:`~tui.screens.synopsis.SynopsisScreen` that is never shown:
its filter and order are the table's own code, so a step can never disagree with the table.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app import SynopticApp
    from tui.screens.synopsis_place import SynopsisPlace


async def lay_out_row(app: SynopticApp, step: int) -> None:
    """Lay out the row ``step`` rows from where the synopsis was left, or say there is none.

    The groups must be those of the texts shown now (``app.parallel.synopsis``) and the table
    must have been left somewhere (``app.parallel.synopsis_place``).
    """
    from tui.panes import show_group
    from tui.screens.synopsis import SynopsisScreen
    from tui.screens.synopsis_place import found_again
    from tui.screens.synopsis_renewal import claim_of
    from tui.synopsis_building import open_synopsis_screen

    reading = app.parallel
    groups, place = reading.synopsis, reading.synopsis_place
    if groups is None or place is None or open_synopsis_screen(app) is not None:
        return  # a table opened since the step was asked for: the rows are chosen there
    if reading.row_order is None or reading.row_order[0] is not groups:
        reading.row_order = groups, SynopsisScreen(groups, app.workspace)  # never shown
    table = reading.row_order[1]
    table.adopt(place)
    rows = [row.group.id for row in table.shown_rows()]
    if not rows:
        app.notify(
            "No synopsis row passes the filter: s opens the synopsis, where / changes it.",
            title="Synopsis",
        )
        return
    key, _ = found_again(place, table.groups, table.texts)
    if key in rows:
        target = rows.index(key) + step
    else:  # its claim is gone or filtered out since: the row now in its place comes next
        target = min(place.row, len(rows)) + (0 if step > 0 else -1)
    if not 0 <= target < len(rows):
        app.notify(_none_left(step, len(rows), filtered=_filtered(place)), title="Synopsis")
        return
    group = table.groups[rows[target]]
    reading.synopsis_place = replace(
        place, key=group.id, claim=claim_of(group, table.texts), row=target
    )
    await show_group(app, group, table.shown_documents, f"synopsis row {target + 1} of {len(rows)}")


def _filtered(place: SynopsisPlace) -> bool:
    return bool(place.needle.split()) or place.shared_only


def _none_left(step: int, rows: int, *, filtered: bool) -> str:
    """Why nothing was laid out: the row left on is the last (or the first) there is."""
    passing = " that passes the filter" if filtered else ""
    if step > 0:
        return f"No next synopsis row: row {rows} is the last{passing}."
    return f"No previous synopsis row: row 1 is the first{passing}."
