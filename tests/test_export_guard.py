"""What Synoptic wrote where: the seal of a report, the record of every export, and the last
look at a file just before it is replaced."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from corpus.errors import SynopticError
from corpus.export_guard import (
    Destination,
    FileState,
    digest,
    file_state,
    record_written,
    seal,
    seal_state,
    write_export,
)
from corpus.locations import data_dir

if TYPE_CHECKING:
    from pathlib import Path

REPORT = "# Notes on ws\n\nSynoptic export: 1 note.\n"


def test_a_sealed_report_is_recognised_until_it_is_changed() -> None:
    sealed = seal(REPORT).encode()
    assert sealed.startswith(REPORT.encode() + b"\n<!-- ") and sealed.endswith(b" -->\n")
    assert seal_state(sealed) is FileState.UNCHANGED
    assert seal_state(REPORT.encode()) is FileState.UNKNOWN
    for changed in (
        sealed + b"\n## My conclusions\n",  # added after the seal
        sealed.replace(b"1 note", b"2 notes"),  # edited above it
        sealed.replace(b"\n", b"\r\n"),  # an editor changed the line ends
    ):
        assert seal_state(changed) is FileState.CHANGED


def test_a_record_says_whether_a_file_is_what_synoptic_wrote_there(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    data = b"\xef\xbb\xbfclaim,documents\n"
    path.write_bytes(data)
    assert file_state(path, data) is FileState.UNKNOWN
    record_written(path, data)
    assert file_state(path, data) is FileState.UNCHANGED
    assert file_state(path, data.replace(b"\n", b",mine\n")) is FileState.CHANGED
    assert file_state(tmp_path / "other.csv", data) is FileState.UNKNOWN, "keyed by path"
    assert file_state(path, None) is FileState.MISSING


def test_an_export_to_a_file_name_that_is_not_utf8_is_recorded(tmp_path: Path) -> None:
    """Linux names are bytes; Python reads the ones that are not UTF-8 as lone surrogates."""
    path = tmp_path / os.fsdecode(b"tabl\xe9.csv")
    write_export(Destination(path, None), b"claim\n")
    assert path.read_bytes() == b"claim\n"
    assert file_state(path, b"claim\n") is FileState.UNCHANGED
    assert file_state(path, b"changed\n") is FileState.CHANGED


def test_a_record_nested_too_deeply_is_no_record(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    record_written(path, b"claim\n")
    record = next((data_dir() / "exports").glob("*.json"))
    record.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert file_state(path, b"claim\n") is FileState.UNKNOWN


def test_a_file_changed_after_the_check_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("as checked\n", encoding="utf-8")
    destination = Destination(path, digest(path.read_bytes()))
    path.write_text("saved in an editor meanwhile\n", encoding="utf-8")
    with pytest.raises(SynopticError, match="was changed while the export was being made"):
        write_export(destination, b"new\n")
    assert path.read_text(encoding="utf-8") == "saved in an editor meanwhile\n"
    made = Destination(tmp_path / "new.md", None)
    (tmp_path / "new.md").write_text("made meanwhile\n", encoding="utf-8")
    with pytest.raises(SynopticError):
        write_export(made, b"new\n")
    write_export(Destination(path, None, forced=True), b"new\n")
    assert path.read_bytes() == b"new\n"
    assert file_state(path, b"new\n") is FileState.UNCHANGED, "what is written is recorded"
