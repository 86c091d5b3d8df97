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
        assert "is not valid JSON" in notices(app)
        assert str(tmp_path / FILE_NAME) in notices(app)
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
