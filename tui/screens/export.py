"""Export dialogs: they ask for a format and a file; the writing itself runs in a worker.

An export never replaces a file the user may have written in (see :mod:`corpus.export_guard`).
When it refuses, :class:`KeptFileScreen` says why and offers the ways on that ``synoptic
export`` has: another file (the default), or replacing it anyway (``--force``), which is never
the default and has no single key, so it is always a deliberate second step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from corpus.text import inert
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

    def __init__(self, workspace: Path, output_format: str = "markdown", path: str = "") -> None:
        super().__init__()
        self.workspace = workspace
        self.output_format = output_format
        self.path_given = path
        """The file chosen last time, when the user comes back to choose another."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Export the notes", style="bold"))
            yield Select(
                [("Markdown report", "markdown"), ("W3C Web Annotation JSON-LD", "w3c")],
                value=self.output_format,
                allow_blank=False,
                id="format",
            )
            # beside the workspace, not in it: a report inside would be listed as a document
            suggested = self.workspace.parent / f"{self.workspace.name}-notes.md"
            yield Input(self.path_given or str(suggested), id="path")
            yield from self.buttons("Export", "export")
        yield Footer()  # its own keys, not the reader's under it

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
        yield Footer()  # its own keys, not the reader's under it

    @on(Button.Pressed, "#save")
    @on(Input.Submitted, "#path")
    def _save(self) -> None:
        if path := self.path():
            self.dismiss(path)


class KeptFileScreen(ModalScreen["str | None"]):
    """An export refused to replace a file: "another" (default), "overwrite" or None."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="KeptFileScreen")
        + """
    KeptFileScreen Horizontal { height: auto; margin-top: 1; }
    KeptFileScreen Button { margin-right: 2; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, path: str, why: str) -> None:
        super().__init__()
        self.path = path
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Not written: {inert(self.path)} is kept", style="bold"))
            yield Static(Text(inert(self.why)))
            with Horizontal():
                yield Button("Another file\N{HORIZONTAL ELLIPSIS}", variant="primary", id="another")
                yield Button("Overwrite anyway", variant="error", id="overwrite")
                yield Button("Cancel", id="cancel")
        yield Footer()  # its own keys, not the reader's under it

    def on_mount(self) -> None:
        self.query_one("#another", Button).focus()  # Enter must never replace the file

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)


def kept_by_the_guard(path: Path) -> bool:
    """Whether an export to ``path`` is refused because a file there is not exactly what
    Synoptic wrote (so ``--force`` is the way on), rather than for a reason no choice changes.
    """
    from corpus.errors import SynopticError
    from corpus.export_guard import FileState, file_state, read_existing
    from tui.cli_export import LARGEST_EXPORT

    resolved = path.expanduser().resolve()
    try:
        if resolved.is_file() and resolved.stat().st_size > LARGEST_EXPORT:
            return True  # the export refuses such a file without reading it
        data = read_existing(resolved)
    except (OSError, SynopticError):
        return False
    return data is not None and file_state(resolved, data) is not FileState.UNCHANGED


def reader_wording(message: str) -> str:
    """A refusal from the command line's code, with its way on named as the dialog names it."""
    return message.replace("use --force to replace it", "overwrite it anyway")
