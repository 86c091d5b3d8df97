"""A folder reached through a symbolic link: links to folders are not followed (a link loop
would hang the scan), and before, its documents were missing without a word."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from pilot_helpers import wait_for

from tui.app import SynopticApp, make_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def test_a_linked_folder_is_named_not_left_out_in_silence(
    cli, make_workspace: Callable[..., Path], tmp_path: Path
) -> None:
    elsewhere = make_workspace({"study.txt": "Kratom relieves pain, says a study."}, "elsewhere")
    root = make_workspace({"a.md": "# A\n\nKratom is a tree.\n"})
    os.symlink(elsewhere, root / "papers")
    table = cli("docs", root)
    assert table.returncode == 0, table.stderr
    expected = [
        "synoptic: not read: papers/ (a link to a folder): put the folder itself in the "
        "workspace, not a link to it, to read it here."
    ]
    assert table.stderr.splitlines() == expected
    listed = cli("docs", root, "--json")
    assert [row["id"] for row in json.loads(listed.stdout)] == ["a.md"]
    assert listed.stderr.splitlines() == expected


async def test_the_reader_says_once_that_a_linked_folder_is_not_read(
    make_workspace: Callable[..., Path],
) -> None:
    elsewhere = make_workspace({"study.txt": "Kratom relieves pain, says a study."}, "elsewhere")
    root = make_workspace({"a.md": "# A\n\nKratom is a tree.\n"})
    os.symlink(elsewhere, root / "papers")
    app = make_app(root, author="Ann")
    async with app.run_test(size=(120, 30)) as pilot:
        assert isinstance(app, SynopticApp)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        told = [n.message for n in app._notifications if n.title == "Files not read"]
        assert told == [
            "papers/ is a link to a folder, which Synoptic does not read: put the folder itself "
            "in the workspace, not a link to it, to read it here."
        ]
