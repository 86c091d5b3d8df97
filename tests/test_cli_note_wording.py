"""How the notes commands word what went wrong: a notes file that is not JSON says where (line
and column), and a count is worded as a count ("1 time", "27 times", never "time(s)")."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS

from annotations.store import AnnotationStore
from corpus.text import counted

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"


@pytest.mark.parametrize(
    ("number", "noun", "plural", "said"),
    [
        (0, "time", None, "0 times"),
        (1, "time", None, "1 time"),
        (27, "time", None, "27 times"),
        (1, "reply", "replies", "1 reply"),
        (2, "reply", "replies", "2 replies"),
    ],
)
def test_counted(number: int, noun: str, plural: str | None, said: str) -> None:
    assert counted(number, noun, plural) == said


def test_an_occurrence_past_the_last_is_worded_as_a_count(cli, sample_workspace: Path) -> None:
    for occurrence, said in (("99", "The quote occurs 1 time in"), ("0", None)):
        failed = cli(
            "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--occurrence",
            occurrence, "--text", "x", "--author", "Ann",
        )  # fmt: skip
        assert failed.returncode != 0
        if said is not None:
            assert said in failed.stderr and "(s)" not in failed.stderr
    many = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", "kratom", "--occurrence", "999",
        "--text", "x", "--author", "Ann",
    )  # fmt: skip
    assert many.returncode == 1
    assert "The quote occurs " in many.stderr and " times in " in many.stderr
    assert "(s)" not in many.stderr


def test_a_notes_file_that_is_not_json_says_the_line_and_column(
    cli, sample_workspace: Path
) -> None:
    made = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "hi",
        "--author", "Ann",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    path = AnnotationStore(sample_workspace, "Ann").shard_path(DOC)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (number,) = [n for n, line in enumerate(lines, 1) if '"note": "hi"' in line]
    column = lines[number - 1].index('"hi"') + 1
    # cut short in the middle of the note, as a full disk or a killed copy leaves it
    cut = "".join(lines[: number - 1]) + lines[number - 1][: column + 2]
    path.write_text(cut, encoding="utf-8")

    listed = cli("notes", sample_workspace)
    assert (
        f"{path}, line {number}: is not valid JSON (Unterminated string starting at column "
        f"{column})" in listed.stderr
    ), listed.stderr
