"""What the reader says after a note action or on opening is said in the reader's own keys: it
sent the user to the terminal (``synoptic notes --json`` after ``K``, ``synoptic docs`` for
unreadable files) and named notes by an id it shows nowhere."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from conftest import folder_too_deep_to_list
from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    SIZE,
    notifications,
    panel_prompts,
    screen_text,
    sentence_target,
    started,
)

from annotations.model import Annotation
from annotations.store import AnnotationStore
from tui.app import make_app
from tui.screens.pickers import DocumentPicker

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.app import SynopticApp

TERMINAL_WORDS = ("synoptic ", "--json", "resolved_versions", "`")
"""What a message sending the user to the terminal, or quoting a command, would hold."""


def to_the_terminal(message: str) -> list[str]:
    return [word for word in TERMINAL_WORDS if word in message]


async def loaded(pilot: Pilot[None]) -> SynopticApp:
    app = pilot.app
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)  # type: ignore[attr-defined]
    await pilot.pause()
    return app  # type: ignore[return-value]


async def test_K_says_what_it_did_without_sending_the_user_to_the_terminal(
    sample_workspace: Path,
) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 1)
    lost = {"note": "Written on the laptop.", "modified": "2026-03-01T10:00:00.000000+00:00"}
    shown = Annotation.create("Ann", target, "Written on the desktop.")
    AnnotationStore(sample_workspace, "Ann").add(dataclasses.replace(shown, superseded=(lost,)))
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("j", "p", "K")
        await wait_for(pilot, lambda: "kept" not in panel_prompts(app)[0].plain)
        [said] = [m for _, m, _ in notifications(app) if "marked as seen" in m]
        assert to_the_terminal(said) == [], said
        assert said == (
            "1 kept version marked as seen: the notes panel no longer reports it. Nothing is "
            "deleted; the note's file keeps it."
        )


async def test_many_unreadable_files_are_found_in_the_document_list(
    make_workspace: Callable[..., Path],
) -> None:
    files: dict[str, str | bytes] = {"a.txt": "A readable document. It has two sentences.\n"}
    files |= {f"b{n}.txt": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) for n in range(4)}
    app = make_app(make_workspace(files), panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        [said] = [m for t, m, _ in notifications(app) if t == "Some documents were skipped"]
        assert to_the_terminal(said) == [], said
        assert "document list (d)" in said and "\u201ccannot be read\u201d" in said
        # where it says to look, they are, as it says
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentPicker))
        assert screen_text(app).count("cannot be read") == 4


async def test_many_unreadable_folders_are_named_in_the_reader(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"a.txt": "A readable document. It has two sentences.\n"})
    for n in range(4):
        (root / f"f{n}").mkdir()
        folder_too_deep_to_list(root / f"f{n}")
    app = make_app(root, panes=1)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        [said] = [m for t, m, _ in notifications(app) if t == "Cannot read a folder"]
        assert to_the_terminal(said) == [], said
        assert said.startswith("4 folders cannot be read (File name too long)"), said
        for n in range(4):
            assert f"f{n}/" in said
