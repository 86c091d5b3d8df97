"""The reader's export dialog (``E``) with the filters of ``synoptic export``, driven with keys
and the mouse; what it writes is checked on disk against the command line's own output."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS
from pilot_helpers import wait_for
from textual.widgets import Checkbox, Input, Select

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from corpus.workspace import Workspace
from tui.app import SynopticApp, make_app
from tui.screens.export import ExportScreen

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

SIZE = (100, 30)
FIRST_DOC, SECOND_DOC = SAMPLE_IDS[:2]


def seed(root: Path, author: str, doc_id: str, sentence: int, note: str, tag: str) -> None:
    document = Workspace.open(root).load(doc_id)
    span = document.sentences[sentence]
    target = Target.from_span(doc_id, document.text, span.start, span.end)
    AnnotationStore(root, author).add(Annotation.create(author, target, note, tags=[tag]))


async def choose(pilot: Pilot[None], select: Select[str], label: str) -> None:
    """Open a focused Select with Enter (unless a click opened it) and go down to ``label``
    with the arrow keys."""
    if not select.expanded:
        await pilot.press("enter")
    await wait_for(pilot, lambda: select.expanded)
    labels = ["", *(str(prompt) for prompt, _ in select._options[1:])]
    await pilot.press(*["down"] * labels.index(label), "enter")
    await wait_for(pilot, lambda: not select.expanded)


async def open_dialog(pilot: Pilot[None], app: SynopticApp) -> ExportScreen:
    await pilot.press("E")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def test_the_export_dialog_filters_as_the_command_line_does_and_remembers_it(
    sample_workspace: Path, tmp_path: Path, cli
) -> None:
    """A fact-checker sends an editor only Bob's notes tagged "dosage", without the claims
    table: the file is byte for byte what ``synoptic export --author Bob --tag dosage
    --no-synopsis`` prints, and exporting again offers the same filters."""
    seed(sample_workspace, "Ann", FIRST_DOC, 0, "Ann on the dose.", "dosage")
    seed(sample_workspace, "Bob", FIRST_DOC, 1, "Bob on the dose.", "dosage")
    seed(sample_workspace, "Bob", SECOND_DOC, 0, "Bob on mood.", "mood")
    destination = tmp_path / "bob-dosage.md"
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready and len(app.notes.placed) == 3, timeout=30)
        dialog = await open_dialog(pilot, app)
        assert [str(p) for p, _ in dialog.query_one("#author", Select)._options[1:]] == [
            "Ann",
            "Bob",
        ]
        await pilot.press("tab")  # from the format to "Without the claim synopsis"
        synopsis = dialog.query_one("#no-synopsis", Checkbox)
        assert app.focused is synopsis
        await pilot.press("space")
        assert synopsis.value
        await pilot.press("tab")
        path = dialog.query_one("#path", Input)
        assert app.focused is path
        path.value = str(destination)
        await pilot.press("tab")
        tag = dialog.query_one("#tag", Select)
        assert app.focused is tag
        await choose(pilot, tag, "dosage")
        author = dialog.query_one("#author", Select)
        await pilot.click("#author")  # the mouse opens it; typing a name goes to it
        await wait_for(pilot, lambda: author.expanded)
        await pilot.press("B", "enter")
        await wait_for(pilot, lambda: not author.expanded)
        assert author.value == "Bob"
        await pilot.click("#export")
        await wait_for(pilot, destination.exists, timeout=60)
        await wait_for(pilot, lambda: any(n.title == "Exported" for n in app._notifications))
        said = [n.message for n in app._notifications if n.title == "Exported"]
        assert said == [f"Wrote 1 note to {destination}."]

        again = await open_dialog(pilot, app)
        assert again.query_one("#path", Input).value == str(destination)
        assert again.query_one("#tag", Select).value == "dosage"
        assert again.query_one("#author", Select).value == "Bob"
        assert again.query_one("#doc", Select).value is Select.NULL
        assert again.query_one("#no-synopsis", Checkbox).value
        await pilot.press("escape")

    report = destination.read_text(encoding="utf-8")
    assert "Bob on the dose." in report
    assert "Ann on the dose." not in report and "Bob on mood." not in report
    assert "## Synopsis" not in report
    assert "- Only authors Bob; tags dosage" in report
    made = cli("export", sample_workspace, "--author", "Bob", "--tag", "dosage", "--no-synopsis")
    assert made.returncode == 0, made.stderr
    assert made.stdout == report, "the dialog runs the command line's own filters"


async def test_the_synopsis_choice_is_for_the_markdown_report_only(sample_workspace: Path) -> None:
    """W3C JSON-LD has no claims table: the choice is greyed out there, and a dialog offers no
    filter value that no note has (nothing to choose from: the filter is off)."""
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready, timeout=30)
        dialog = await open_dialog(pilot, app)
        synopsis = dialog.query_one("#no-synopsis", Checkbox)
        assert not synopsis.disabled
        await choose(pilot, dialog.query_one("#format", Select), "W3C Web Annotation JSON-LD")
        assert synopsis.disabled
        assert dialog.query_one("#path", Input).value.endswith(".jsonld")
        assert all(dialog.query_one(f"#{name}", Select).disabled for name in ("tag", "doc"))


async def test_an_export_to_a_folder_says_so_in_words_not_as_a_usage_error(
    sample_workspace: Path, tmp_path: Path
) -> None:
    """A folder typed as the file: the dialog said "Usage: synoptic export [OPTIONS]... Try
    'synoptic export --help'", the command line's usage error, to someone who typed no
    command. It says what is wrong and what to give instead, and writes nothing."""
    seed(sample_workspace, "Ann", FIRST_DOC, 0, "Ann on the dose.", "dosage")
    folder = tmp_path / "reports"
    folder.mkdir()
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready and len(app.notes.placed) == 1, timeout=30)
        dialog = await open_dialog(pilot, app)
        dialog.query_one("#path", Input).value = str(folder)
        await pilot.click("#export")
        await wait_for(
            pilot, lambda: any(n.title == "Export failed" for n in app._notifications), timeout=60
        )
        [said] = [n.message for n in app._notifications if n.title == "Export failed"]
    assert said == f"{folder} is a folder; give a file name to write the export to."
    assert list(folder.iterdir()) == []


async def test_a_file_name_without_a_folder_is_reported_with_the_folder_it_went_to(
    sample_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader was started in some folder the user no longer thinks about: typing "kratom
    report.md" wrote it there and said only "Wrote 1 note to kratom report.md."."""
    seed(sample_workspace, "Ann", FIRST_DOC, 0, "Ann on the dose.", "dosage")
    started_in = tmp_path / "started here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready and len(app.notes.placed) == 1, timeout=30)
        dialog = await open_dialog(pilot, app)
        dialog.query_one("#path", Input).value = "kratom report.md"
        await pilot.click("#export")
        await wait_for(
            pilot, lambda: any(n.title == "Exported" for n in app._notifications), timeout=60
        )
        [said] = [n.message for n in app._notifications if n.title == "Exported"]
        again = await open_dialog(pilot, app)
        offered = again.query_one("#path", Input).value
    written = started_in / "kratom report.md"
    assert said == f"Wrote 1 note to {written}."
    assert offered == str(written), "the next export goes to the same file wherever it is run"
    assert "Ann on the dose." in written.read_text(encoding="utf-8")


async def test_a_dash_for_the_file_is_refused_in_words_not_written_as_a_file_named_dash(
    sample_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-o -`` is standard output on the command line; typed in the dialog it wrote a file
    named "-" in whatever folder the reader was started in. The dialog says why it cannot,
    stays open on the field, and exports once a file is named."""
    seed(sample_workspace, "Ann", FIRST_DOC, 0, "Ann on the dose.", "dosage")
    started_in = tmp_path / "started here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready and len(app.notes.placed) == 1, timeout=30)
        dialog = await open_dialog(pilot, app)
        path = dialog.query_one("#path", Input)
        await pilot.click("#path")
        path.value = ""
        await pilot.press("-", "enter")
        await pilot.pause()
        assert app.screen is dialog and app.focused is path and app.last_export is None
        problem = dialog.query_one("#problem")
        assert problem.display
        said = str(problem.render())
        assert said.startswith("\u201c-\u201d means standard output on the command line")
        assert "type a file name" in said
        await pilot.click("#export")
        assert app.screen is dialog and app.last_export is None
        await pilot.press("ctrl+a", "ctrl+k", *"report.md", "enter")
        await wait_for(
            pilot, lambda: any(n.title == "Exported" for n in app._notifications), timeout=60
        )
    assert list(started_in.iterdir()) == [started_in / "report.md"]


@pytest.mark.parametrize(
    ("broken", "title"),
    [
        ("notes", "Exported without some notes"),
        ("document", "Exported; 1 document could not be read"),
        ("both", "Exported without some notes; 1 document could not be read"),
    ],
)
async def test_an_export_that_left_something_out_says_what_with_a_warning(
    sample_workspace: Path, tmp_path: Path, broken: str, title: str
) -> None:
    """``synoptic export`` exits 1 after writing when a notes file or a document cannot be
    read; the dialog, which runs it, says the report was written and what it lacks, not
    "Export failed". A document that cannot be read leaves no note out (its notes are in the
    report, "not placed"), so it must not be called "without some notes": the user would look
    for notes that are there."""
    seed(sample_workspace, "Ann", FIRST_DOC, 0, "Ann on the dose.", "dosage")
    seed(sample_workspace, "Bob", SECOND_DOC, 0, "Bob on mood.", "mood")
    (bobs,) = (sample_workspace / "annotations" / "bob").glob("*.json")
    destination = tmp_path / "report.md"
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready and len(app.notes.placed) == 2, timeout=30)
        if broken in ("notes", "both"):  # a merge left its conflict markers in Bob's file
            bobs.write_bytes(bobs.read_bytes() + b"<<<<<<< HEAD\n")
        if broken in ("document", "both"):  # saved over with bytes since the reader read it
            (sample_workspace / SECOND_DOC).write_bytes(b"\x00\x01 a binary file now\n")
        dialog = await open_dialog(pilot, app)
        dialog.query_one("#path", Input).value = str(destination)
        await pilot.click("#export")
        await wait_for(
            pilot, lambda: any(n.title.startswith("Export") for n in app._notifications), timeout=60
        )
        [told] = [n for n in app._notifications if n.title.startswith("Export")]
    assert (told.title, told.severity) == (title, "warning")
    wrote = "1 note" if broken in ("notes", "both") else "2 notes"
    assert told.message.endswith(f"Wrote {wrote} to {destination}.")
    assert (str(bobs) in told.message) is (broken != "document")
    assert (f"{SECOND_DOC}: looks like a binary file" in told.message) is (broken != "notes")
    report = destination.read_text(encoding="utf-8")
    assert "Ann on the dose." in report
    assert ("Bob on mood." in report) is (broken == "document")
