"""Drafts on disk (annotations.drafts): where they go, written atomically, owned by one reader,
and a damaged file reported and left exactly as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SAMPLE_IDS

from annotations.drafts import (
    DraftFile,
    DraftKind,
    DraftRecord,
    NoteDraft,
    drafts_folder,
    recover_drafts,
)
from annotations.labels import Verdict
from annotations.links import Relation, parse_link
from annotations.target import Target

TEXT = "Kratom, derived from Southeast Asian trees, has garnered attention."


def record(note: str = "Half a thought", **fields: object) -> DraftRecord:
    draft = NoteDraft(
        note,
        ("mood", "dose"),
        Verdict.NEEDS_EVIDENCE,
        (parse_link("10.1000/xyz", Relation.SUPPORTS),),
    )
    target = Target.from_span(SAMPLE_IDS[0], TEXT, 0, 6)
    return DraftRecord(DraftKind.NEW, "Ann", target, "New note", draft, **fields)  # type: ignore[arg-type]


def test_a_draft_is_kept_in_the_data_folder_never_in_the_workspace(
    sample_workspace: Path, isolated_data_dir: Path
) -> None:
    kept = DraftFile.create(sample_workspace)
    kept.write(record())
    assert kept.path.is_relative_to(isolated_data_dir / "drafts")
    assert kept.path.parent == drafts_folder(sample_workspace)
    assert not any(sample_workspace.rglob("*.json"))
    kept.release()

    (found,), damaged = recover_drafts(sample_workspace)
    assert damaged == []
    assert found.record.draft == record().draft  # text, tags, verdict and links come back
    assert found.record.target == record().target
    assert found.record.kind is DraftKind.NEW and found.record.author == "Ann"
    found.file.discard()
    assert recover_drafts(sample_workspace) == ([], [])
    assert list(drafts_folder(sample_workspace).iterdir()) == []  # the lock went too


def test_another_workspace_has_its_own_drafts(sample_workspace: Path) -> None:
    kept = DraftFile.create(sample_workspace)
    kept.write(record())
    kept.release()
    other = sample_workspace.parent / "other"
    other.mkdir()
    assert recover_drafts(other) == ([], [])


def test_a_draft_being_written_by_a_reader_is_not_offered_to_another(
    sample_workspace: Path,
) -> None:
    """The reader writing a draft holds its lock: a second reader (here a second lock on the
    same file, which the system refuses as it would to another process) leaves it alone."""
    kept = DraftFile.create(sample_workspace)
    kept.write(record())
    assert recover_drafts(sample_workspace) == ([], [])
    kept.release()
    (found,), _ = recover_drafts(sample_workspace)
    # ...and now that one holds it: a third does not get it too
    assert recover_drafts(sample_workspace) == ([], [])
    found.file.release()


def test_a_failed_write_leaves_the_previous_draft_whole(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = DraftFile.create(sample_workspace)
    kept.write(record("First version"))
    before = kept.path.read_bytes()

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        kept.write(record("Second version, never finished"))
    monkeypatch.undo()
    assert kept.path.read_bytes() == before
    assert sorted(p.name for p in kept.path.parent.iterdir()) == sorted(
        [kept.path.name, kept.path.with_suffix(".lock").name]
    )  # no temporary file left behind
    kept.release()


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": 1, "kind": "new", "draft": {"note": "trunc',
        b"\xff\xfe not text",
        b'{"format": 99}',
        json.dumps({"format": 1, "kind": "new", "author": "Ann", "target": {}}).encode(),
        b"[" * 100_000,
    ],
    ids=["truncated", "not-utf8", "newer-format", "no-target", "too-deep"],
)
def test_a_damaged_draft_is_reported_and_left_untouched(
    sample_workspace: Path, content: bytes
) -> None:
    folder = drafts_folder(sample_workspace)
    folder.mkdir(parents=True)
    path = folder / "0123456789abcdef.json"
    path.write_bytes(content)

    found, (damaged,) = recover_drafts(sample_workspace)
    assert found == []
    assert damaged.path == path and damaged.reason
    assert path.read_bytes() == content
    # reported again next time, and not held: another reader can report it too
    assert len(recover_drafts(sample_workspace)[1]) == 1


def test_the_file_is_readable_json_with_the_text_as_typed(sample_workspace: Path) -> None:
    """A person can open the file and copy the note out of it, whatever happens."""
    kept = DraftFile.create(sample_workspace)
    kept.write(record("Line one\nLine two — «quoted»", workspace=str(sample_workspace)))
    raw = json.loads(kept.path.read_text(encoding="utf-8"))
    assert raw["draft"]["note"] == "Line one\nLine two — «quoted»"
    assert raw["workspace"] == str(sample_workspace)
    assert "«quoted»" in kept.path.read_text(encoding="utf-8")
    kept.discard()
