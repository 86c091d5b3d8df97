"""Links a student's workspace can hold that lead nowhere: a loop of links and a link whose
target was moved or deleted. Each is listed, not read, and reported with a reason that says
what is wrong in the user's terms, not the system's ("Too many levels of symbolic links")."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from corpus.errors import DocumentError
from corpus.workspace import Workspace

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "notes.txt").write_text("A real document. It is read.\n", encoding="utf-8")
    try:
        (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
        (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
        (root / "moved.txt").symlink_to(root / "gone" / "paper.txt")
    except OSError:
        pytest.skip("symbolic links are not available here")
    return Workspace.open(root)


def reason(workspace: Workspace, doc_id: str) -> str:
    with pytest.raises(DocumentError) as raised:
        workspace.load(doc_id)
    return raised.value.reason


def test_links_that_lead_nowhere_are_listed(workspace: Workspace) -> None:
    assert workspace.document_ids == ["loop-a.txt", "loop-b.txt", "moved.txt", "notes.txt"]
    assert workspace.load("notes.txt").sentences


def test_a_loop_of_links_is_reported_as_one(workspace: Workspace) -> None:
    for doc_id in ("loop-a.txt", "loop-b.txt"):
        assert reason(workspace, doc_id) == (
            "is a link that leads round in a loop, back to itself, so it is not read"
        )


def test_a_broken_link_names_the_file_it_leads_to(workspace: Workspace) -> None:
    target = workspace.root / "gone" / "paper.txt"
    assert reason(workspace, "moved.txt") == (
        f"is a link to {target}, which does not exist (a broken link), so it is not read"
    )
    with pytest.raises(DocumentError, match="broken link"):
        workspace.read_text("moved.txt")
