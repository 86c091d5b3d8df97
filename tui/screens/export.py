"""Export dialogs: they ask for a format and a file; the writing itself runs in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from tui.screens.claims import MODAL_CSS

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import ComposeResult

SUFFIXES = {"markdown": ".md", "w3c": ".jsonld"}
Answer = TypeVar("Answer")


class _FileDialog(ModalScreen[Answer]):
    """What every "write a file" dialog shares: its frame, Escape and Cancel, the path field."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="_FileDialog")
        + """
    _FileDialog Horizontal { height: auto; margin-top: 1; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def buttons(self, label: str, button_id: str) -> ComposeResult:
        with Horizontal():
            yield Button(label, variant="primary", id=button_id)
            yield Button("Cancel", id="cancel")

    def path(self) -> str:
        return self.query_one("#path", Input).value.strip()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(_FileDialog["tuple[str, str] | None"]):
    """Returns (format, path) or None."""

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Export the notes", style="bold"))
            yield Select(
                [("Markdown report", "markdown"), ("W3C Web Annotation JSON-LD", "w3c")],
                value="markdown",
                allow_blank=False,
                id="format",
            )
            # beside the workspace, not in it: a report inside would be listed as a document
            suggested = self.workspace.parent / f"{self.workspace.name}-notes.md"
            yield Input(str(suggested), id="path")
            yield from self.buttons("Export", "export")

    @on(Select.Changed, "#format")
    def _format(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        for suffix in SUFFIXES.values():
            if path.value.endswith(suffix):
                path.value = path.value[: -len(suffix)] + SUFFIXES[str(event.value)]

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#path")
    def _export(self) -> None:
        if path := self.path():
            self.dismiss((str(self.query_one("#format", Select).value), path))


class SaveTableScreen(_FileDialog["str | None"]):
    """Asks where to save the synopsis rows shown as CSV; returns the path or None."""

    def __init__(self, suggested: Path, rows: int) -> None:
        super().__init__()
        self.suggested = suggested
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical():
            noun = "claim" if self.rows == 1 else "claims"
            yield Label(Text(f"Save the {self.rows} {noun} shown as CSV", style="bold"))
            yield Label("For a spreadsheet: a row per claim, a column per document.")
            yield Input(str(self.suggested), id="path")
            yield from self.buttons("Save", "save")

    @on(Button.Pressed, "#save")
    @on(Input.Submitted, "#path")
    def _save(self) -> None:
        if path := self.path():
            self.dismiss(path)
