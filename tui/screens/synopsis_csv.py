"""``x`` in the claim synopsis: the rows shown, as shown, saved as CSV for a spreadsheet.

Many fact-checkers keep a spreadsheet anyway, so the table can be handed to one. A mixin of
:class:`~tui.screens.synopsis.SynopsisScreen`, kept apart because saving follows the rules of
every export rather than the table's: the file is chosen in a dialog, written atomically off
the event loop, and never over a file of the user's unless they choose to after being told,
which takes a dialog of its own (:mod:`tui.screens.export`).
"""

from __future__ import annotations

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


class SynopsisCsv(_Screen):
    """Saving the rows shown as CSV, asking first where, and again before replacing a file."""

    if TYPE_CHECKING:  # kept by SynopsisScreen
        workspace: Workspace
        texts: dict[str, str]
        document_ids: list[str]

        def shown_rows(self) -> list[SynopsisRow]: ...

    def action_save_csv(self, path: Path | None = None) -> None:
        """Ask for a file, then save the rows shown, as shown, as CSV for a spreadsheet."""
        from tui.screens.export import SaveTableScreen

        groups = [row.group for row in self.shown_rows()]

        def chosen(path: str | None) -> None:
            if path:
                self._save_csv(Path(path), groups)

        suggested = path or self.workspace.root / "synoptic-synopsis.csv"
        self.app.push_screen(SaveTableScreen(suggested, len(groups)), chosen)

    @work(thread=True, group="synopsis-csv", description="Saving the synopsis")
    def _save_csv(self, path: Path, groups: list[ClaimGroup], force: bool = False) -> None:
        """Write with the rules of every export: atomically, never over a file of the user's
        unless they choose to after being told (:class:`~tui.screens.export.KeptFileScreen`)."""
        from corpus.errors import SynopticError
        from tui.app import SynopticApp
        from tui.cli_export import check_output, write_output
        from tui.screens.export import kept_by_the_guard

        app = self.app
        assert isinstance(app, SynopticApp)
        table = synopsis_csv(groups, self.texts, self.document_ids)
        try:
            write_output(check_output(path, self.workspace, force=force), CSV_FILE_MARK + table)
        except SynopticError as exc:
            if not force and kept_by_the_guard(path):
                app.call_from_thread(self._offer_ways_on, path, groups, str(exc))
            else:
                app.call_from_thread(app.tell, str(exc), "Not saved", "error")
        else:
            noun = "claim" if len(groups) == 1 else "claims"
            wrote = f"Wrote {len(groups)} {noun} to {path}."
            app.call_from_thread(app.tell, wrote, "Saved", "information")

    def _offer_ways_on(self, path: Path, groups: list[ClaimGroup], why: str) -> None:
        from tui.screens.export import KeptFileScreen, reader_wording

        def chosen(answer: str | None) -> None:
            if answer == "overwrite":
                self._save_csv(path, groups, force=True)
            elif answer == "another":
                self.action_save_csv(path)

        self.app.push_screen(KeptFileScreen(str(path), reader_wording(why)), chosen)
