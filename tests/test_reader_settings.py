"""The theme a user picks is the one the reader starts in next time; bad settings never stop it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pilot_helpers import wait_for

from tui.app import SynopticApp, make_app
from tui.settings import CONFIG_DIR_ENV, FILE_NAME

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from textual.pilot import Pilot

SIZE = (120, 35)


async def pick_theme(pilot: Pilot[None], name: str) -> None:
    """Choose ``name`` as a user does: the command palette's theme command, then the theme."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.press(*"theme", "enter")
    await pilot.pause()
    await pilot.press(*name, "enter")
    await wait_for(pilot, lambda: app.theme == name)


def notices(app: SynopticApp) -> str:
    return "\n".join(str(notice.message) for notice in app._notifications)


async def test_the_theme_picked_is_the_one_the_reader_starts_in_next_time(
    sample_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "config"))
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pick_theme(pilot, "nord")
    saved = json.loads((tmp_path / "config" / FILE_NAME).read_text(encoding="utf-8"))
    assert saved == {"theme": "nord"}
    again = make_app(sample_workspace)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        assert not notices(again)


async def test_a_damaged_settings_file_is_reported_and_left_as_it_is(
    sample_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path))
    damaged = b'{"theme": "nord", "mine": [1, 2\n'
    (tmp_path / FILE_NAME).write_bytes(damaged)
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert notices(app).startswith(
            f"{tmp_path / FILE_NAME}, line 2: is not valid JSON (Expecting ',' delimiter at "
            "column 1); it may have been cut short. It is left as it is;"
        )
        await pick_theme(pilot, "gruvbox")  # still works for this session
    assert (tmp_path / FILE_NAME).read_bytes() == damaged


async def test_saving_the_theme_keeps_the_other_settings(
    sample_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path))
    (tmp_path / FILE_NAME).write_text('{"theme": "nord", "future": {"a": 1}}', encoding="utf-8")
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        await pick_theme(pilot, "textual-light")
    saved = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert saved == {"theme": "textual-light", "future": {"a": 1}}


async def test_a_settings_folder_that_cannot_be_written_is_said_not_fatal(
    sample_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "blocked"))
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        (tmp_path / "blocked").write_text("a file where the folder should be", encoding="utf-8")
        await pick_theme(pilot, "nord")
        await wait_for(pilot, lambda: "Could not save the theme" in notices(app))
        await pilot.press("j")  # still reading
        assert app.theme == "nord"


async def test_the_tests_and_a_data_folder_override_keep_settings_out_of_home(
    sample_workspace: Path, isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CONFIG_DIR_ENV, raising=False)
    app = make_app(sample_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pick_theme(pilot, "dracula")
    assert json.loads((isolated_data_dir / FILE_NAME).read_text(encoding="utf-8")) == {
        "theme": "dracula"
    }


def test_a_damaged_settings_file_is_worded_as_a_damaged_notes_file(tmp_path: Path) -> None:
    """The settings said "(line 2: Expecting value)", with no column, nor what to do, in words
    of their own; a notes file with the same mistake says the line and column and what to do.
    One wording for both, so a user learns one way to find the mistake."""
    from annotations.store import AnnotationStore
    from tui.settings import ReaderSettings

    damaged = b'{\n  "theme": tru\n}\n'
    (tmp_path / FILE_NAME).write_bytes(damaged)
    problem = ReaderSettings.load(tmp_path).problem
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "a.txt").write_text("Some text.", encoding="utf-8")
    store = AnnotationStore(tmp_path / "ws", "Ann")
    notes = store.shard_path("a.txt")
    notes.parent.mkdir(parents=True, exist_ok=True)
    notes.write_bytes(damaged)
    (unreadable,) = store.load().problems
    said = unreadable.message
    assert (unreadable.path, unreadable.line) == (notes, 2)
    assert problem == f"{tmp_path / FILE_NAME}, line 2: {said}"
    assert said == "is not valid JSON (Expecting value at column 12); it may have been cut short"
    assert (tmp_path / FILE_NAME).read_bytes() == damaged
