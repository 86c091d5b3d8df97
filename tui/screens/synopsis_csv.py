"""``x`` in the claim synopsis: the rows shown, as shown, saved as CSV for a spreadsheet.

Many fact-checkers keep a spreadsheet anyway, so the table can be handed to one. A mixin of
:class:`~tui.screens.synopsis.SynopsisScreen`, kept apart because saving follows the rules of
every export rather than the table's: the file is chosen in a dialog, written atomically off
the event loop, and never over a file of the user's unless they choose to after being told,
which takes a dialog of its own (:mod:`tui.screens.export`). Rows being made again after a
change on disk are not saved: they quote texts no longer there (see
:mod:`tui.screens.synopsis_renewal`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from corpus.synopsis import CSV_FILE_MARK, synopsis_csv

if TYPE_CHECKING:
    from textual.screen import Screen

    from corpus.synopsis import ClaimGroup
    from corpus.workspace import Workspace
    from tui.screens.synopsis_rows import SynopsisRow

    _Screen = Screen["ClaimGroup | None"]
    """For the type checker the mixin is the screen it is mixed into."""
else:
    _Screen = object


@dataclass(frozen=True, slots=True)
class ShownRows:
    """The rows shown when ``x`` was pressed, with the texts their offsets are of: saved as
    the user saw them, whatever the table has become by the time the file is written."""

    groups: list[ClaimGroup]
    texts: dict[str, str]
    document_ids: list[str]
    made: int
    """The table's :attr:`~tui.screens.synopsis_renewal.SynopsisRenewal.rows_made` then."""


class SynopsisCsv(_Screen):
    """Saving the rows shown as CSV, asking first where, and again before replacing a file."""

    if TYPE_CHECKING:  # kept by SynopsisScreen
        workspace: Workspace
        texts: dict[str, str]
        document_ids: list[str]

        def shown_rows(self) -> list[SynopsisRow]: ...

        def refuse_stale(self, action: str) -> bool: ...

        @property
        def rows_made(self) -> int: ...

    def action_save_csv(self, path: Path | None = None) -> None:
        """Ask for a file, then save the rows shown, as shown, as CSV for a spreadsheet.

        Not while the rows are being made again after a change on disk: they quote the old
        texts, and a spreadsheet would keep saying what the documents no longer say."""
        from tui.screens.export import SaveTableScreen, suggested_file

        if self.refuse_stale("x saves the rows"):
            return
        rows = ShownRows(
            [row.group for row in self.shown_rows()],
            self.texts,
            list(self.document_ids),
            self.rows_made,
        )

        def chosen(path: str | None) -> None:
            if path and self._still_shown(rows, Path(path)):
                self._save_csv(Path(path), rows)

        suggested = path or suggested_file(self.workspace, "synopsis.csv")  # never inside
        self.app.push_screen(SaveTableScreen(suggested, len(rows.groups)), chosen)

    def _still_shown(self, rows: ShownRows, path: Path) -> bool:
        """Whether ``rows`` are still the table's: the documents may have changed on disk
        while the user chose the file. If the rows are being made again, say so; if they were
        made again, ask again with the new rows (their count may differ from the one asked)."""
        if self.refuse_stale("x saves the rows"):
            return False
        if rows.made == self.rows_made:
            return True
        self.notify(
            "The synopsis was updated while you chose the file (documents changed on disk): "
            "nothing saved yet. Save its rows as they are now?",
            title="Synopsis",
            severity="warning",
        )
        self.action_save_csv(path)
        return False

    @work(thread=True, group="synopsis-csv", description="Saving the synopsis")
    def _save_csv(self, path: Path, rows: ShownRows, force: bool = False) -> None:
        """Write with the rules of every export: atomically, never over a file of the user's
        unless they choose to after being told (:class:`~tui.screens.export.KeptFileScreen`)."""
        from corpus.errors import SynopticError
        from tui.app import SynopticApp
        from tui.cli_export import check_output, write_output
        from tui.screens.export import kept_by_the_guard

        app = self.app
        assert isinstance(app, SynopticApp)
        groups = rows.groups
        table = synopsis_csv(groups, rows.texts, rows.document_ids)
        try:
            write_output(check_output(path, self.workspace, force=force), CSV_FILE_MARK + table)
        except SynopticError as exc:
            if not force and kept_by_the_guard(path):
                app.call_from_thread(self._offer_ways_on, path, rows, str(exc))
            else:
                app.call_from_thread(app.tell, str(exc), "Not saved", "error")
        else:
            noun = "claim" if len(groups) == 1 else "claims"
            wrote = f"Wrote {len(groups)} {noun} to {path}."
            app.call_from_thread(app.tell, wrote, "Saved", "information")

    def _offer_ways_on(self, path: Path, rows: ShownRows, why: str) -> None:
        from tui.screens.export import KeptFileScreen, reader_wording

        def chosen(answer: str | None) -> None:
            if answer == "overwrite" and self._still_shown(rows, path):
                self._save_csv(path, rows, force=True)
            elif answer == "another":
                self.action_save_csv(path)

        self.app.push_screen(KeptFileScreen(str(path), reader_wording(why)), chosen)
