"""The look at the disk itself (:func:`tui.watching.look_at_disk`), without the reader: files
caught mid-save, and renames told from a deletion and a new file."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from corpus.workspace import Workspace
from tui.watching import SETTLING_NS, Known, look_at_disk

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

TEXT = "Kratom and mood\n\nA study found a calmer mood. Its authors call for a trial.\n"


def opened(root: Path) -> tuple[Workspace, dict[str, Known]]:
    """The workspace as a reader opened it, its files written a while ago."""
    for path in root.glob("*.txt"):
        settle(path)
    workspace = Workspace.open(root)
    known = {}
    for doc_id in workspace.document_ids:
        document = workspace.load(doc_id)
        known[doc_id] = (workspace.stamp_of(doc_id), document.sha256)
    return workspace, known


def settle(path: Path) -> None:
    """As if the file had been written a second ago."""
    then = path.stat().st_mtime_ns - 2 * SETTLING_NS
    os.utime(path, ns=(then, then))


def test_a_file_just_emptied_is_left_for_later_and_so_are_the_deletions_seen_with_it(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"a.txt": TEXT, "b.txt": TEXT.replace("calmer", "brighter")})
    workspace, known = opened(root)
    (root / "a.txt").write_bytes(b"")  # the first step of a save
    (root / "b.txt").unlink()
    changes = look_at_disk(workspace, known, workspace.document_ids)
    assert changes is not None
    assert changes.settling == ["a.txt"] and not changes.changed and not changes.removed

    settle(root / "a.txt")  # nobody wrote the rest: empty is what the file says now
    changes = look_at_disk(workspace, known, workspace.document_ids)
    assert changes is not None and not changes.settling
    assert [(d.id, d.text) for d, _ in changes.changed] == [("a.txt", "")]
    assert changes.removed == ["b.txt"]


def test_a_file_renamed_as_it_stands_is_a_rename_and_one_edited_too_is_not(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"a.txt": TEXT, "b.txt": TEXT.replace("calmer", "brighter")})
    workspace, known = opened(root)
    (root / "a.txt").rename(root / "c.txt")  # a rename keeps the time: nothing to wait for
    (root / "d.txt").write_text(TEXT.replace("calmer", "brighter").upper(), encoding="utf-8")
    (root / "b.txt").unlink()
    settle(root / "d.txt")
    changes = look_at_disk(workspace, known, workspace.document_ids)
    assert changes is not None
    assert changes.renamed == {"a.txt": "c.txt"}
    assert sorted(changes.removed) == ["a.txt", "b.txt"] and changes.added == ["c.txt", "d.txt"]


ARTICLE = "".join(
    f"Paragraph {n} says that study {n} found a calmer mood in {n} of its users.\n\n"
    for n in range(1, 21)
)


def test_a_file_renamed_and_edited_a_little_is_a_rename_and_another_article_is_not(
    make_workspace: Callable[..., Path],
) -> None:
    other = "".join(f"Report {n} finds kratom risky for {n} reasons.\n\n" for n in range(1, 21))
    root = make_workspace({"a.txt": ARTICLE, "b.txt": other, "e.txt": TEXT})
    workspace, known = opened(root)
    shown = {doc_id: workspace.load(doc_id).text for doc_id in workspace.document_ids}
    (root / "a.txt").unlink()  # renamed, one paragraph fixed: a git mv and an edit in a pull
    (root / "c.txt").write_text(ARTICLE.replace("study 7 ", "study seven "), encoding="utf-8")
    (root / "b.txt").unlink()  # replaced by another article sharing its title line and length
    (root / "d.txt").write_text(
        "".join(f"Report {n} finds kratom safe for {n} people.\n\n" for n in range(1, 21)),
        encoding="utf-8",
    )
    (root / "e.txt").unlink()  # a short text whose only sentence was rewritten
    (root / "f.txt").write_text(TEXT.replace("calmer", "better"), encoding="utf-8")
    for name in ("c.txt", "d.txt", "f.txt"):
        settle(root / name)
    changes = look_at_disk(workspace, known, workspace.document_ids, shown=shown)
    assert changes is not None
    assert changes.renamed == {"a.txt": "c.txt"}


def test_two_files_close_to_one_gone_are_no_rename(make_workspace: Callable[..., Path]) -> None:
    """Which of two near copies is the renamed file is a guess: neither is taken for it."""
    root = make_workspace({"a.txt": ARTICLE})
    workspace, known = opened(root)
    shown = {"a.txt": workspace.load("a.txt").text}
    (root / "a.txt").unlink()
    for name, number, word in (("c.txt", 7, "seven"), ("d.txt", 8, "eight")):
        (root / name).write_text(ARTICLE.replace(f"study {number} ", f"study {word} "), "utf-8")
        settle(root / name)
    changes = look_at_disk(workspace, known, workspace.document_ids, shown=shown)
    assert changes is not None and changes.renamed == {}
    assert changes.removed == ["a.txt"] and changes.added == ["c.txt", "d.txt"]
