"""What a user typed on the command line is checked before anything is read (exit 2, with the
usage line, as click's own checks); what the data says is a problem of the data (exit 1)."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"


def _note(cli, ws: Path, *extra: str) -> dict:
    result = cli(
        "note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", "x", "--author", "Ann",
        "--json", *extra,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _typing_mistake(result, says: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("synoptic: ") and result.stderr.count("\n") == 1
    assert says in result.stderr


@pytest.mark.parametrize("name", ["", "   "])
def test_a_blank_author_typed_in_any_command_is_a_typing_mistake(
    cli, sample_workspace: Path, name: str
) -> None:
    note = _note(cli, sample_workspace)["id"]
    ws = sample_workspace
    commands = [
        ("open", ws),
        ("note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", "x"),
        ("note", "edit", ws, note, "--text", "y"),
        ("note", "rm", ws, note),
        ("note", "reattach", ws, note, "--quote", QUOTE),
        ("import", ws, ws / "nope.json"),
        ("status", ws),
        ("notes", ws),  # a filter that could match nothing would say "No notes."
        ("export", ws),
    ]
    for command in commands:
        result = cli(*command, "--author", name)
        _typing_mistake(result, "--author")
        assert "The author name is empty." in result.stderr, command
    assert [n["id"] for n in json.loads(cli("notes", ws, "--json").stdout)] == [note]


def test_a_control_character_in_a_typed_author_is_a_typing_mistake(
    cli, sample_workspace: Path
) -> None:
    result = cli("note", "rm", sample_workspace, "x", "--author", "Ann\x1b[31m")
    _typing_mistake(result, "U+001B")
    assert "\x1b" not in result.stderr


def test_a_bad_configured_author_is_a_problem_in_the_data(cli, sample_workspace: Path) -> None:
    config = sample_workspace / ".synoptic" / "config.toml"
    config.parent.mkdir()
    config.write_text('author = "  "\n', encoding="utf-8")
    result = cli("note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "x")
    assert result.returncode == 1
    assert result.stderr == "synoptic: The author name is empty.\n"


@pytest.mark.parametrize(
    ("tag", "says"),
    [
        ("", "A tag cannot be empty."),
        ("   ", "A tag cannot be empty."),
        ("mood\x1b[2J", "The tag 'mood\\x1b[2J' contains the control character U+001B."),
        ("mood\u202e", "The tag 'mood\\u202e' contains the control character U+202E."),
    ],
)
def test_a_tag_that_cannot_be_kept_is_refused_not_dropped(
    cli, sample_workspace: Path, tag: str, says: str
) -> None:
    made = _note(cli, sample_workspace, "--tag", "unsourced")
    add = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "y",
        "--tag", "mood", "--tag", tag, "--author", "Ann",
    )  # fmt: skip
    # an edit with only a blank --tag used to empty the note's tags
    edit = cli("note", "edit", sample_workspace, made["id"], "--tag", tag, "--author", "Ann")
    for result in (add, edit):
        _typing_mistake(result, f"synoptic: Invalid value for '--tag': {says} See")
        assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    (kept,) = json.loads(cli("notes", sample_workspace, "--json").stdout)
    assert (kept["id"], kept["tags"]) == (made["id"], ["unsourced"])


@pytest.mark.parametrize(
    ("typed", "shown"), [("nope", "'nope'"), ("no\x1b[31mpe\u202e", "'no\\x1b[31mpe\\u202e'")]
)
def test_an_unknown_id_is_named_alike_by_every_command_and_safely(
    cli, sample_workspace: Path, typed: str, shown: str
) -> None:
    """A problem in the data (exit 1), worded once: a script or a person reading it should
    not have to learn four ways of saying the same thing."""
    ws = sample_workspace
    _note(cli, ws)  # the store has notes, just not this one
    commands = [
        ("note", "edit", ws, typed, "--text", "y"),
        ("note", "rm", ws, typed),
        ("note", "reattach", ws, typed, "--quote", QUOTE),
        ("note", "add", ws, "--reply-to", typed, "--text", "y"),
    ]
    for command in commands:
        result = cli(*command, "--author", "Ann")
        assert result.returncode == 1, (command, result.stderr)
        assert result.stderr == f"synoptic: There is no annotation {shown}.\n", command


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", "A tag cannot be empty."),
        ("  ", "A tag cannot be empty."),
        ("mood\x07", "The tag 'mood\\x07' contains the control character U+0007."),
    ],
)
def test_a_tag_filter_that_can_match_no_note_is_a_typing_mistake(
    cli, sample_workspace: Path, value: str, says: str
) -> None:
    """A blank --tag (an unset shell variable) used to list "No notes." or refuse the export as
    if the data had no such tag: the same check as a new note's tag, before anything is read."""
    _note(cli, sample_workspace, "--tag", "mood")
    for command in ("notes", "export"):
        result = cli(command, sample_workspace, "--tag", "mood", "--tag", value)
        if command == "notes":  # one --tag there: the last one given counts
            result = cli(command, sample_workspace, "--tag", value)
        _typing_mistake(result, f"synoptic: Invalid value for '--tag': {says} See")


def test_a_blank_document_filter_is_a_typing_mistake(cli, sample_workspace: Path) -> None:
    _note(cli, sample_workspace)
    for command in ("notes", "export"):
        _typing_mistake(cli(command, sample_workspace, "--doc", " "), "The document id is empty.")


def test_a_tag_filter_finds_the_notes_its_words_tagged(cli, sample_workspace: Path) -> None:
    """Tags are stored stripped, so " mood" tagged a note "mood" and must find it."""
    made = _note(cli, sample_workspace, "--tag", " mood")
    listed = cli("notes", sample_workspace, "--tag", " mood ", "--json")
    assert [n["id"] for n in json.loads(listed.stdout)] == [made["id"]]
    exported = cli("export", sample_workspace, "--tag", "mood ", "--format", "w3c")
    assert exported.returncode == 0, exported.stderr  # a filter matching nothing exits 1


NOT_UTF8 = os.fsdecode(b"caf\xe9 \x9b31m")
"""What Python makes of non-UTF-8 bytes in an argument (from a Latin-1 terminal or variable)."""


def test_text_that_is_not_utf8_is_a_typing_mistake_in_every_option(
    cli, sample_workspace: Path
) -> None:
    """Every option said it its own way: --text once the files were read (exit 1), --tag as a
    typing mistake, and --author and --link not at all, writing the bytes into the notes."""
    ws = sample_workspace
    note = _note(cli, ws)
    add = ("note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", "x", "--author", "Ann")
    before = {p: p.read_bytes() for p in (ws / "annotations").rglob("*.json")}
    commands = [
        ("--text", (*add, "--text", NOT_UTF8)),
        ("--tag", (*add, "--tag", NOT_UTF8)),
        ("--author", (*add, "--author", NOT_UTF8)),
        ("--link", (*add, "--link", "https://example.org/" + NOT_UTF8)),
        ("--quote", (*add, "--quote", NOT_UTF8)),
        ("--text", ("note", "edit", ws, note["id"], "--author", "Ann", "--text", NOT_UTF8)),
        ("--author", ("notes", ws, "--author", NOT_UTF8)),
        ("--contains", ("synopsis", ws, "--contains", NOT_UTF8)),
    ]
    for option, command in commands:
        result = cli(*command)
        _typing_mistake(
            result, f"synoptic: Invalid value for '{option}': Not valid UTF-8: the byte 0xE9 after"
        )
        assert "\x9b" not in result.stderr and "\udce9" not in result.stderr
    assert {p: p.read_bytes() for p in (ws / "annotations").rglob("*.json")} == before


@pytest.mark.parametrize("typed", ["001.txt", "001", "001_55d807d69666449d.tx"])
def test_a_document_id_close_to_one_names_it(cli, sample_workspace: Path, typed: str) -> None:
    """The sample's ids are long (``001_55d807d69666449d.txt``); a newcomer copying the README's
    ``--doc 001.txt`` was sent to `synoptic docs` without a word of which one was meant."""
    ws = sample_workspace
    result = cli("claims", ws, "--doc", typed)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"synoptic: There is no document {typed!r} in {ws} (did you mean "
        "'001_55d807d69666449d.txt'? `synoptic docs` lists them).\n"
    )


def test_a_document_id_that_names_no_document_exits_1_whichever_option_took_it(
    cli, sample_workspace: Path
) -> None:
    """Only reading the folder says an id names no document, so it is the data's word (1)
    for every option that takes one; ``synopsis --order`` used to call it a typing mistake."""
    ws = sample_workspace
    note = _note(cli, ws)["id"]
    said = f"synoptic: There is no document 'nosuch.md' in {ws} (`synoptic docs` lists them).\n"
    commands = [
        ("claims", ws, "--doc", "nosuch.md"),
        ("match", ws, "--doc", "nosuch.md", "--offset", "0"),
        ("note", "add", ws, "--doc", "nosuch.md", "--quote", QUOTE, "--text", "x"),
        ("note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", "x",
         "--link", "passage:nosuch.md#0-5", "--relation", "context"),
        ("note", "reattach", ws, note, "--doc", "nosuch.md", "--quote", QUOTE),
        ("notes", ws, "--doc", "nosuch.md"),  # "No notes." would hide the slip
        ("export", ws, "--doc", "nosuch.md"),
    ]  # fmt: skip
    for command in commands:
        result = cli(*command, "--author", "Ann") if command[0] == "note" else cli(*command)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", said), command
    order = cli("synopsis", ws, "--order", "nosuch.md")
    assert (order.returncode, order.stdout) == (1, ""), order.stderr
    assert order.stderr.startswith("synoptic: --order 'nosuch.md' is none of documents,")
    assert "no document of" in order.stderr and "Usage:" not in order.stderr
    # A document that is renamed away keeps its notes, and its old id still finds them.
    (ws / DOC).rename(ws / "renamed.txt")
    kept = cli("notes", ws, "--doc", DOC, "--json")
    assert kept.returncode == 0, kept.stderr
    assert [n["id"] for n in json.loads(kept.stdout)] == [note]
