"""Export dialogs: they ask for a format, a file and (for the notes) the filters of ``synoptic
export``; the writing itself runs in a worker, with the command line's own code.

An export never replaces a file the user may have written in (see :mod:`corpus.export_guard`).
When it refuses, :class:`KeptFileScreen` says why and offers the ways on that ``synoptic
export`` has: another file (the default), or replacing it anyway (``--force``), which is never
the default and has no single key, so it is always a deliberate second step.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from corpus.text import inert, one_line
from tui.cli_options import STANDARD_STREAM
from tui.screens.claims import MODAL_CSS
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from textual.app import ComposeResult

    from annotations.export_selection import FilterChoices
    from corpus.workspace import Workspace

Option = tuple[Text, str]

SUFFIXES = {"markdown": ".md", "w3c": ".jsonld"}
Answer = TypeVar("Answer")


def suggested_file(workspace: Workspace, ending: str) -> Path:
    """The file a save dialog first suggests: beside the workspace, named after it (``kratom``
    and ``notes.md``: ``kratom-notes.md`` in the folder holding ``kratom``).

    Never inside it. A ``.md`` or ``.txt`` report saved there is read as one of the workspace's
    documents the next time it is opened (the notes on the sources listed among the sources),
    and in a workspace kept in git even a CSV is an untracked file in every ``git status``, a
    synopsis of 9.7 MB for some. Beside the workspace is where the user finds it again, and is
    outside a clone whose top folder is the workspace. The user's copy of the sample lives in
    Synoptic's own data folder, which nobody looks in: for it, and when the folder beside the
    workspace cannot be written, the user's documents folder (or home, when there is none).
    """
    name = f"{workspace.root.name or 'synoptic'}-{ending}"
    beside = workspace.root.parent
    if not workspace.is_sample and beside != workspace.root and os.access(beside, os.W_OK):
        return beside / name
    return _documents_folder() / name


def _documents_folder() -> Path:
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


class _FileDialog(ModalScreen[Answer]):
    """What every "write a file" dialog shares: its frame, Escape and Cancel, the path field."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="_FileDialog")
        + """
    _FileDialog > Vertical > Horizontal { height: auto; margin-top: 1; }
    _FileDialog #problem { color: $error; display: none; }
    _FileDialog #problem.-shown { display: block; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def buttons(self, label: str, button_id: str) -> ComposeResult:
        with Horizontal():
            yield Button(label, variant="primary", id=button_id)
            yield Button("Cancel", id="cancel")

    def problem(self) -> ComposeResult:
        """Where the dialog says why it cannot go on with what was typed; hidden until then."""
        yield Label("", id="problem")

    def path(self) -> str:
        """The file typed, made absolute: a bare ``report.md`` goes where the reader was started,
        as on the command line, and "Wrote ... to" then names the folder it went to. Nothing
        (``""``), having said why under the field, when no file was named.

        ``-`` is standard output to the command line's ``-o``; the reader has none to show,
        and writing a file named "-" where it was started surprised everyone who typed it.
        """
        typed = self.query_one("#path", Input).value.strip()
        problem = self.query_one("#problem", Label)
        refusal = ""
        if not typed:
            refusal = "Type the name of the file to write."
        elif typed == STANDARD_STREAM:
            refusal = (
                "\u201c-\u201d means standard output on the command line, which the reader has "
                "none of: type a file name (./- for a file really named \u201c-\u201d)."
            )
        problem.update(refusal)
        problem.set_class(bool(refusal), "-shown")
        if refusal:
            self.query_one("#path", Input).focus()
            return ""
        path = Path(typed)
        with contextlib.suppress(RuntimeError):  # "~nobody/x": no such home, a folder named so
            path = path.expanduser()
        return str(path.absolute())

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the export dialog was asked for; the reader offers it again for the session."""

    output_format: str = "markdown"
    path: str = ""
    tag: str | None = None
    author: str | None = None
    doc: str | None = None
    synopsis: bool = True
    """Whether a Markdown report has the claims table (W3C JSON-LD never has one)."""

    def command_options(self) -> list[str]:
        """The ``synoptic export`` options that make this export: the dialog runs the command
        line's own code, filters and all, so the two can never choose different notes. Values
        go as ``--tag=VALUE``: a tag or a file name starting with ``-`` is not an option."""
        options = [f"--format={self.output_format}", f"--output={self.path}"]
        for option, value in (("--doc", self.doc), ("--author", self.author), ("--tag", self.tag)):
            if value is not None:
                options.append(f"{option}={value}")
        if not self.synopsis and self.output_format == "markdown":
            options.append("--no-synopsis")
        return options


def _options(values: Iterable[str], titles: Mapping[str, str] | None = None) -> list[Option]:
    """Select options, in the order people look for names; every value is shown inert."""
    options: list[Option] = []
    for value in sorted(values, key=lambda name: (name.casefold(), name)):
        label = Text(inert(one_line(value, 60)))
        if titles and titles.get(value, "").strip():
            label.append(f"  {inert(one_line(titles[value], 60))}", style="italic")
        options.append((label, value))
    return options


class ExportScreen(_FileDialog["ExportChoice | None"]):
    """Asks for a format, a file and the filters of ``synoptic export``; returns an
    :class:`ExportChoice` or None."""

    DEFAULT_CSS = """
    ExportScreen #kind Select { width: 1fr; }
    ExportScreen #kind Checkbox { width: auto; }
    ExportScreen #filters { margin-top: 0; }
    ExportScreen #filters Select { width: 1fr; }
    /* below 80 columns a row of three filters left each "All tag s" on three lines: one a line */
    ExportScreen.-narrow #kind, ExportScreen.-narrow #filters { layout: vertical; }
    ExportScreen.-narrow #kind > *, ExportScreen.-narrow #filters Select { width: 100%; }
    """

    def __init__(
        self,
        suggested: Path,
        chosen: ExportChoice,
        choices: FilterChoices,
        titles: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.suggested = suggested
        """The file offered when nothing was exported yet (:func:`suggested_file`)."""
        self.chosen = chosen
        """The last export's choices (the file among them), when the user comes back."""
        self.choices = choices
        self.titles = titles or {}
        """Document titles, shown beside the ids people do not remember."""

    def compose(self) -> ComposeResult:
        chosen = self.chosen
        with Vertical():
            yield Label(Text("Export the notes", style="bold"))
            with Horizontal(id="kind"):
                yield Select(
                    [("Markdown report", "markdown"), ("W3C Web Annotation JSON-LD", "w3c")],
                    value=chosen.output_format,
                    allow_blank=False,
                    id="format",
                )
                yield Checkbox(
                    "Without the claim synopsis",
                    not chosen.synopsis,
                    id="no-synopsis",
                    disabled=chosen.output_format != "markdown",
                )
            suggested = self.suggested.with_suffix(SUFFIXES[chosen.output_format])
            yield Input(chosen.path or str(suggested), id="path")
            yield from self.problem()
            with Horizontal(id="filters"):  # blank: every note, as without --tag and the rest
                tags = self._filter("tag", "All tags", self.choices.tags, chosen.tag)
                tags.tooltip = "A reply counts as having the tags of its thread's first note."
                yield tags
                yield self._filter("author", "All authors", self.choices.authors, chosen.author)
                yield self._filter(
                    "doc", "All documents", self.choices.docs, chosen.doc, self.titles
                )
            yield from self.buttons("Export", "export")
        yield KeyFooter()  # its own keys, not the reader's under it

    def _filter(
        self,
        name: str,
        everything: str,
        values: frozenset[str],
        chosen: str | None,
        titles: Mapping[str, str] | None = None,
    ) -> Select[str]:
        """A filter: blank means every note. A value chosen last time that no note has any more
        (its notes deleted since) is not offered, so the dialog shows what will be exported."""
        return Select(
            _options(values, titles),
            prompt=everything,
            value=chosen if chosen in values else Select.NULL,
            disabled=not values,
            id=name,
        )

    @on(Select.Changed, "#format")
    def _format(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        for suffix in SUFFIXES.values():
            if path.value.endswith(suffix):
                path.value = path.value[: -len(suffix)] + SUFFIXES[str(event.value)]
        self.query_one("#no-synopsis", Checkbox).disabled = event.value != "markdown"

    def _chosen(self, name: str) -> str | None:
        value = self.query_one(f"#{name}", Select).value
        return value if isinstance(value, str) else None

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#path")
    def _export(self) -> None:
        if path := self.path():
            choice = ExportChoice(
                str(self.query_one("#format", Select).value),
                path,
                tag=self._chosen("tag"),
                author=self._chosen("author"),
                doc=self._chosen("doc"),
                synopsis=not self.query_one("#no-synopsis", Checkbox).value,
            )
            self.dismiss(choice)


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
            yield from self.problem()
            yield from self.buttons("Save", "save")
        yield KeyFooter()  # its own keys, not the reader's under it

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
        yield KeyFooter()  # its own keys, not the reader's under it

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
