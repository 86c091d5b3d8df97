"""The ``synoptic`` command line, run as a real subprocess (``python -m tui``)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import SAMPLE_DIR, SAMPLE_IDS, folder_too_deep_to_list, run_cli

DOC_KEYS = {"id", "title", "words", "sentences", "no_sentences", "sha256"}


def test_version(cli) -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "synoptic, version 0.1.0"


def test_help_lists_the_commands(cli) -> None:
    result = cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: synoptic")
    assert "docs" in result.stdout
    assert "open" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("synopsys", "'synopsis'"), ("mach", "'match'"), ("Claim", "'claims'"), ("exp", "'export'")],
)
def test_a_mistyped_command_is_refused_with_a_suggestion(cli, typed: str, meant: str) -> None:
    result = cli(typed)
    assert result.returncode == 2
    assert result.stdout == ""
    said = result.stderr.removeprefix(f"synoptic: No such command {typed!r}. ")
    # one line; the command meant comes first ("mach" is near "search" too)
    assert said.startswith((f"Did you mean {meant}?", f"Did you mean {meant} or ")), said
    assert said.endswith("?\n") and said.count("\n") == 1


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            ("notes", "--bogus"),
            "No such option '--bogus'. See 'synoptic notes --help'.",
        ),
        (
            ("note", "edit"),
            "Missing argument '[WORKSPACE] ID'. See 'synoptic note edit --help'.",
        ),
        (
            ("notes", "--anchor", "lost"),
            "Invalid value for '--anchor': 'lost' is not one of 'anchored', 'moved', 'fuzzy', "
            "'orphaned', 'unreadable'. See 'synoptic notes --help'.",
        ),
        (("note", "ad"), "No such command 'ad'. Did you mean 'add'?"),
        (("synopsys",), "No such command 'synopsys'. Did you mean 'synopsis'?"),
    ],
)
def test_a_usage_error_is_one_line_like_every_other_error(
    cli, typed: tuple[str, ...], said: str
) -> None:
    """click said a typing mistake in three lines and a blank one ("Usage: ...", "Try ...
    --help", "Error: ..."), where every other error is one sentence after "synoptic: ": a
    script's log showed four lines for one mistake. It is one line, naming the --help to read
    unless it suggests the command meant; the status is still 2."""
    result = cli(*typed)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"synoptic: {said}\n"


def test_a_folder_named_like_a_command_still_opens(isolated_data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "mach").mkdir()
    result = run_cli("mach", "--help", data_dir=isolated_data_dir, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: synoptic open")  # routed to `open mach`
    far = run_cli("frobnicate", data_dir=isolated_data_dir, cwd=tmp_path)
    assert (far.returncode, far.stderr) == (1, "synoptic: There is no folder at frobnicate.\n")


def test_docs_json_on_the_sample_workspace(cli, sample_workspace: Path) -> None:
    result = cli("docs", sample_workspace, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == SAMPLE_IDS
    assert len(rows) == 5
    for row in rows:
        assert set(row) == DOC_KEYS
        data = (sample_workspace / row["id"]).read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        assert row["words"] == len(data.decode("utf-8").split())
        assert row["sentences"] > 0 and row["no_sentences"] is None
        assert row["title"]
    assert result.stderr == ""


def test_docs_without_workspace_copies_the_sample_into_the_data_dir(
    cli, isolated_data_dir: Path
) -> None:
    copy = isolated_data_dir / "sample"
    assert not copy.exists()
    result = cli("docs", "--json")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in copy.glob("*.txt")) == SAMPLE_IDS
    for name in SAMPLE_IDS:
        assert (copy / name).read_bytes() == (SAMPLE_DIR / name).read_bytes()
    assert (copy / "annotations").is_dir()
    assert [row["id"] for row in json.loads(result.stdout)] == SAMPLE_IDS


def test_docs_table(cli, sample_workspace: Path) -> None:
    result = cli("docs", sample_workspace)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "WORDS", "SENT.", "TITLE"]
    assert [line.split()[0] for line in lines[1:]] == SAMPLE_IDS
    # Word counts are formatted with a thousands separator.
    assert "1,140" in lines[1]


def test_docs_says_why_a_document_has_no_sentences(cli, make_workspace) -> None:
    """A 0 in the SENT. column left the user guessing why a file they can read has nothing
    to match: the reason is under the table and in the JSON, the table as aligned as ever."""
    root = make_workspace(
        {
            "code.md": "```\nKratom relieves pain.\n```\n",
            "empty.md": "",
            "indented.md": "    Kratom relieves pain. It is sold in shops.\n",
            "prose.txt": "Kratom relieves pain. It is sold in shops.\n",
        }
    )
    table = cli("docs", root)
    assert table.returncode == 0, table.stderr
    assert table.stdout == (
        "ID             WORDS  SENT.  TITLE\n"
        "code.md            5      0  ``` Kratom relieves pain. ```\n"
        "empty.md           0      0  empty.md\n"
        "indented.md        8      0  Kratom relieves pain. It is sold in shops.\n"
        "prose.txt          8      2  Kratom relieves pain. It is sold in shops.\n"
    )
    notes = table.stderr.splitlines()
    assert notes == [
        "synoptic: note: code.md has no sentences, so no claims or matches: it is all code "
        "blocks (fenced or indented), HTML or tables, which are not read as sentences.",
        "synoptic: note: empty.md has no sentences, so no claims or matches: it is empty.",
        "synoptic: note: indented.md has no sentences, so no claims or matches: it is indented "
        "by a tab or four spaces throughout, which Markdown reads as one code block, not as "
        "sentences: remove the indentation to have it read as prose.",
    ]  # "empty.md is empty", a notice of its own before, is not said twice
    listed = cli("docs", root, "--json")
    assert listed.returncode == 0, listed.stderr
    reasons = {row["id"]: row["no_sentences"] for row in json.loads(listed.stdout)}
    assert reasons["prose.txt"] is None and reasons["empty.md"] == "is empty"
    assert reasons["code.md"].startswith("is all code blocks")
    assert reasons["indented.md"].startswith("is indented by a tab or four spaces")
    assert listed.stderr == ""  # the JSON says it


def test_docs_table_lines_up_wide_and_long_ids_and_json_keeps_them_whole(
    cli, make_workspace
) -> None:
    """Columns were padded by characters: a CJK or emoji id (two cells a character) and one
    over 40 characters pushed their row's numbers out of line."""
    from rich.cells import cell_len

    long_id = "reports/" + "a-long-document-name-" * 3 + "end.txt"
    ids = ["a.txt", "クラトムと気分の研究.md", "😀😀 notes.txt", long_id, "研究" * 25 + ".txt"]
    root = make_workspace({doc_id: "One sentence here. Another.\n" for doc_id in ids})
    table = cli("docs", root)
    assert table.returncode == 0, table.stderr
    header, *rows = table.stdout.splitlines()
    title_at = cell_len(header[: header.index("TITLE")])
    assert title_at == 40 + 2 + 7 + 2 + 5 + 2  # ID (at most 40 cells), WORDS, SENT., TITLE
    for row in rows:  # every title starts in the same cell as the header's
        assert cell_len(row[: row.index("One sentence here.")]) == title_at, row
    shown = {row[: row.index("   ")].rstrip() for row in rows}
    assert {"a.txt", "クラトムと気分の研究.md", "😀😀 notes.txt"} <= shown
    assert "reports/a-lon…long-document-name-end.txt" in shown  # folder start, file end
    assert any(s.startswith("研究研究研究") and s.endswith("研究.txt") and "…" in s for s in shown)
    assert "--json gives them whole" in table.stderr
    listed = cli("docs", root, "--json")
    assert {row["id"] for row in json.loads(listed.stdout)} == set(ids)


def test_a_usage_error_never_echoes_an_escape_sequence_it_was_given(
    cli, sample_workspace: Path
) -> None:
    result = cli("docs", sample_workspace, "\x1b]0;pwned\x07")  # a stray extra argument
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "synoptic: Got unexpected extra argument (\u241b]0;pwned\u2407)" in result.stderr


def test_docs_on_a_missing_folder_is_one_clear_line(cli, tmp_path: Path) -> None:
    missing = tmp_path / "does" / "not" / "exist"
    result = cli("docs", missing)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("synoptic: ")
    assert str(missing) in result.stderr


def test_docs_on_a_file_path_is_refused(cli, sample_workspace: Path) -> None:
    path = sample_workspace / SAMPLE_IDS[0]
    result = cli("docs", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "is a file" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("docs",),
        ("claims",),
        ("synopsis",),
        ("match", "--doc", "a.txt", "--offset", "0"),
        ("status",),
    ],
)
def test_a_folder_that_cannot_be_read_is_reported_not_silently_left_out(
    cli, make_workspace, command: tuple[str, ...]
) -> None:
    root = make_workspace(
        {"a.txt": "Kratom may reduce anxiety.\n", "b.txt": "Kratom may ease anxiety.\n"}
    )
    name = folder_too_deep_to_list(root)
    result = cli(command[0], root, *command[1:], "--json")
    # What covers every document lacks that folder's: printed, then exit 1 (status needs none).
    assert result.returncode == (0 if command[0] == "status" else 1), result.stderr
    json.loads(result.stdout)
    (line,) = [line for line in result.stderr.splitlines() if "cannot be read" in line]
    assert line.startswith(f"synoptic: skipped {name}/{name}/")
    assert line.endswith(
        ": a folder that cannot be read (File name too long); its documents are left out"
    )


def test_docs_skips_a_binary_file_and_lists_the_others(cli, make_workspace) -> None:
    root = make_workspace(
        {
            "a.txt": "First document. It has two sentences.\n",
            "b.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "c.md": "# Third\n\nA Markdown document.\n",
        }
    )
    result = cli("docs", root, "--json")
    assert result.returncode == 1, "a script must hear that a document is missing"
    assert "b.txt" in result.stderr
    assert "binary" in result.stderr
    assert "Traceback" not in result.stderr
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == ["a.txt", "c.md"]
    assert rows[1]["title"] == "Third"
    # The file is left exactly as it was.
    assert (root / "b.txt").read_bytes().startswith(b"\x89PNG")


def test_a_file_name_that_is_not_utf8_is_reported_and_the_rest_works(
    cli, sample_workspace: Path
) -> None:
    """Such a name has no faithful text (ids are text in JSON, notes and links): it is
    reported under a readable stand-in, and every command works on the other documents."""
    odd = os.fsencode(sample_workspace) + b"/caf\xe9.txt"
    with open(odd, "wb") as out:
        out.write(b"Kratom may relieve pain, studies suggest.\n")
    docs = cli("docs", sample_workspace, "--json")
    assert docs.returncode == 1
    assert docs.stderr == (
        "synoptic: skipped caf\ufffd.txt: has a file name that is not valid UTF-8; "
        "rename the file to open it\n"
    )
    assert [row["id"] for row in json.loads(docs.stdout)] == SAMPLE_IDS
    for command in (
        ("match", sample_workspace, "--doc", SAMPLE_IDS[0], "--offset", "0", "--json"),
        ("synopsis", sample_workspace, "--json"),
        ("claims", sample_workspace, "--json"),
    ):
        result = cli(*command)
        assert result.returncode == 1, result.stderr  # printed, but without that document
        assert "Traceback" not in result.stderr
        json.loads(result.stdout)
    with open(odd, "rb") as kept:
        assert kept.read() == b"Kratom may relieve pain, studies suggest.\n"


def test_table_never_prints_escape_sequences_or_interprets_markup(cli, make_workspace) -> None:
    root = make_workspace(
        {"evil.txt": "\x1b[31mred\x1b]0;pwned\x07 and [bold red]not markup[/]\n\nBody text.\n"}
    )
    result = cli("docs", root)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "[bold red]not markup[/]" in result.stdout
    assert "\N{SYMBOL FOR ESCAPE}[31mred" in result.stdout
    # JSON keeps the real title, with control characters escaped by JSON itself.
    result = cli("docs", root, "--json")
    assert "\x1b" not in result.stdout
    assert json.loads(result.stdout)[0]["title"].startswith("\x1b[31mred")


INVISIBLE_ACTORS = "\x7f\x9b31m\u202e\u2066\u2028\u2029"
"""What JSON itself leaves raw but a terminal may act on: DEL, a C1 CSI (U+009B), a
right-to-left override and isolate, the line and paragraph separators."""


@pytest.mark.parametrize(
    "command",
    [("docs",), ("claims",), ("synopsis",), ("match", "--doc", "a.txt", "--offset", "0")],
)
def test_json_escapes_what_a_terminal_would_act_on_and_keeps_the_text(
    cli, make_workspace, command: tuple[str, ...]
) -> None:
    root = make_workspace(
        {
            "a.txt": f"Kratom may reduce anxiety {INVISIBLE_ACTORS}in some users.\n",
            "b.txt": "Kratom may reduce anxiety in some users.\n",
        }
    )
    result = cli(command[0], root, *command[1:], "--json")
    assert result.returncode == 0, result.stderr
    for char in INVISIBLE_ACTORS[:2] + INVISIBLE_ACTORS[-4:]:
        assert char not in result.stdout, f"U+{ord(char):04X} printed raw"
    assert "\\u007f\\u009b31m\\u202e\\u2066" in result.stdout
    decoded = json.dumps(json.loads(result.stdout), ensure_ascii=False)  # the text, unescaped
    assert INVISIBLE_ACTORS[:-2] in decoded


def test_empty_workspace_json_is_an_empty_list(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("docs", empty, "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    result = cli("docs", empty)
    assert result.returncode == 0
    assert result.stdout.startswith("No readable documents")


def test_a_cache_folder_that_cannot_be_made_only_costs_time(
    cli, sample_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("SYNOPTIC_CACHE_DIR", str(blocker))
    result = cli("match", sample_workspace, "--doc", SAMPLE_IDS[0], "--offset", "0", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["matches"]
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_a_data_folder_that_cannot_be_made_is_one_sentence(
    sample_workspace: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way", encoding="utf-8")
    sample = run_cli("docs", data_dir=blocker)  # the sample's copy lives in the data folder
    assert sample.returncode == 1
    assert sample.stderr.startswith(f"synoptic: Cannot use {blocker} for Synoptic's own data")
    assert "SYNOPTIC_DATA_DIR" in sample.stderr
    assert sample.stderr.count("\n") == 1
    # Reading a shared workspace's status needs no data folder.
    status = run_cli("status", sample_workspace, "--author", "Bob", data_dir=blocker)
    assert status.returncode == 0, status.stderr
    assert blocker.read_text(encoding="utf-8") == "in the way"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("follow_links", [False, True])
def test_a_pipe_or_a_device_named_like_a_document_is_skipped(
    cli, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch, follow_links: bool
) -> None:
    """Reading either would block or never end (a link to /dev/zero can come with a clone):
    such a link leaves the workspace, and is not read even when the user lets links out."""
    if follow_links:
        monkeypatch.setenv("SYNOPTIC_FOLLOW_OUTSIDE_LINKS", "1")
    os.mkfifo(sample_workspace / "pipe.txt")
    (sample_workspace / "zero.txt").symlink_to("/dev/zero")
    result = cli("docs", sample_workspace, "--json")
    assert result.returncode == 1, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == SAMPLE_IDS
    assert "synoptic: skipped pipe.txt: is not a regular file" in result.stderr
    zero = "is not a regular file" if follow_links else "is a link to /dev/zero, outside"
    assert f"synoptic: skipped zero.txt: {zero}" in result.stderr
