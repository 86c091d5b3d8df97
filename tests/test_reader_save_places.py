"""Where the reader suggests saving what it writes for people: beside the workspace, never in it.

``x`` in the synopsis suggested ``synoptic-synopsis.csv`` inside the workspace, where git saw a
9.7 MB untracked file; a Markdown report saved there is read as one of the workspace's
documents the next time it is opened. Every save dialog (the synopsis CSV, the Markdown report,
the W3C export) now suggests a file beside the workspace, named after it; the user's copy of
the sample, kept in Synoptic's own data folder, gets the user's documents folder instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_IDS
from pilot_helpers import wait_for
from test_reader_export import seed
from textual.widgets import Input, Select

from corpus.locations import data_dir
from corpus.workspace import Workspace
from tui.app import make_app
from tui.screens.export import ExportScreen, SaveTableScreen, suggested_file
from tui.screens.synopsis import SynopsisScreen

SIZE = (100, 30)


def files_in(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


async def test_the_synopsis_csv_is_suggested_beside_the_workspace_and_saved_there(
    sample_workspace: Path,
) -> None:
    before = files_in(sample_workspace)
    beside = sample_workspace.parent / f"{sample_workspace.name}-synopsis.csv"
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen))
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveTableScreen))
        assert Path(app.screen.query_one("#path", Input).value) == beside
        await pilot.press("enter")  # the suggestion, as it is
        await wait_for(pilot, lambda: any(n.title == "Saved" for n in app._notifications))
    assert beside.read_bytes().startswith(b"\xef\xbb\xbfclaim,")
    assert files_in(sample_workspace) == before, "nothing new in the workspace"


@pytest.mark.parametrize(("output_format", "suffix"), [("markdown", ".md"), ("w3c", ".jsonld")])
async def test_an_export_is_suggested_beside_the_workspace_and_never_becomes_a_document(
    sample_workspace: Path, output_format: str, suffix: str
) -> None:
    """The report saved where the dialog suggests is not among the workspace's documents when
    it is opened again (inside, ``ws-notes.md`` would be)."""
    seed(sample_workspace, "Ann", SAMPLE_IDS[0], 0, "Ann on the dose.", "dosage")
    beside = sample_workspace.parent / f"{sample_workspace.name}-notes{suffix}"
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready and len(app.notes.placed) == 1, timeout=30)
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        if output_format == "w3c":
            dialog.query_one("#format", Select).value = "w3c"
            await pilot.pause()
        assert Path(dialog.query_one("#path", Input).value) == beside
        await pilot.click("#export")
        await wait_for(
            pilot, lambda: any(n.title == "Exported" for n in app._notifications), timeout=60
        )
    assert "Ann on the dose." in beside.read_text(encoding="utf-8")
    assert Workspace.open(sample_workspace).document_ids == SAMPLE_IDS


def test_the_sample_s_files_are_suggested_in_the_documents_folder_not_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample copy is in Synoptic's data folder: beside it is a folder nobody looks in."""
    import platformdirs

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    sample = Workspace.open(None)
    assert sample.is_sample and sample.root.is_relative_to(data_dir())
    assert suggested_file(sample, "synopsis.csv") == documents / f"{sample.root.name}-synopsis.csv"
    documents.rmdir()  # no documents folder: home
    assert suggested_file(sample, "notes.md").parent == Path.home()


def test_a_workspace_whose_parent_cannot_be_written_suggests_the_documents_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import platformdirs

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    root = tmp_path / "ws"
    root.mkdir()
    (root / "a.txt").write_text("Kratom is a plant.\n", encoding="utf-8")
    workspace = Workspace.open(root)
    assert suggested_file(workspace, "notes.md") == tmp_path / "ws-notes.md"
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != tmp_path)
    assert suggested_file(workspace, "notes.md") == documents / "ws-notes.md"
