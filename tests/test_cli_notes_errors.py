"""The notes commands with ``--json`` when something is wrong: an error is one sentence on
stderr with nothing on stdout, and a change that was saved is always printed."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE_IDS

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"


def _note(cli, ws: Path) -> str:
    made = cli(
        "note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", "first", "--author", "Ann",
        "--json",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return json.loads(made.stdout)["id"]


def test_a_note_on_a_document_that_cannot_be_read_can_still_be_edited(
    cli, sample_workspace: Path
) -> None:
    """The document's error refused the edit (as if the note were the problem). The edit is
    saved and shown; the note's place is not known ("unreadable", as `notes` shows it, never
    "orphaned"), which the stderr says and the exit status 1 tells a script."""
    note_id = _note(cli, sample_workspace)
    (sample_workspace / DOC).write_bytes(b"\x00\x01 now a binary file")
    edited = cli(
        "note", "edit", sample_workspace, note_id, "--text", "second", "--author", "Ann", "--json"
    )
    assert edited.returncode == 1, edited.stderr
    shown = json.loads(edited.stdout)
    assert (shown["text"], shown["anchor"], shown["start"]) == ("second", "unreadable", None)
    [said] = edited.stderr.splitlines()
    assert said.startswith(f"synoptic: {DOC}: looks like a binary file")
    assert said.endswith("the note is shown as unreadable (its place is not known)")
    [listed] = json.loads(cli("notes", sample_workspace, "--json").stdout)
    assert listed["text"] == "second" and listed["quote"] == QUOTE


def test_a_workspace_given_without_the_id_is_said_so(cli, sample_workspace: Path) -> None:
    _note(cli, sample_workspace)
    for command in (("note", "edit"), ("note", "resolve"), ("note", "rm")):
        extra = ("--text", "x") if command[1] == "edit" else ()
        failed = cli(*command, sample_workspace, *extra, "--author", "Ann", "--json")
        assert failed.returncode == 1 and failed.stdout == ""
        assert "that is a folder. Give the WORKSPACE, then the note's ID" in failed.stderr


def _kept_notes(ws: Path) -> list[str]:
    """Ann's notes on two documents (so in two files), each keeping a version from a conflict."""
    import dataclasses

    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from annotations.target import Target

    store = AnnotationStore(ws, "Ann")
    lost = {"note": "Kept.", "modified": "2026-03-01T16:30:00.000000+02:00"}
    made = []
    for doc, quote in ((DOC, QUOTE), (SAMPLE_IDS[1], "Major depressive disorder (MDD)")):
        text = (ws / doc).read_text(encoding="utf-8")
        start = text.index(quote)
        note = Annotation.create("Ann", Target.from_span(doc, text, start, start + len(quote)), "")
        made.append(store.add(dataclasses.replace(note, superseded=(lost,))).id)
    return made


def test_resolve_all_that_cannot_save_one_note_says_which_were_resolved(
    cli, sample_workspace: Path
) -> None:
    """A write refused partway (here the second file's lock is a folder, which stops root
    too, as a read-only file or a lock held elsewhere stops a user) left the first note
    resolved with nothing printed: now the resolved notes are printed, the other is named with
    why on stderr, and the exit status is 1."""
    first, second = _kept_notes(sample_workspace)
    lock = sample_workspace / "annotations" / "ann" / f"{SAMPLE_IDS[1]}.json.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    result = cli("note", "resolve", sample_workspace, "--all", "--author", "Ann", "--json")
    assert result.returncode == 1, result.stderr
    assert [note["id"] for note in json.loads(result.stdout)] == [first]
    said = result.stderr.splitlines()
    assert any(
        line.startswith(f"synoptic: note {second} is not resolved: Cannot lock") for line in said
    )
    assert said[-1].startswith("synoptic: resolved 1 of 2 notes; 1 not (said above)")
    rows = {
        note["id"]: note for note in json.loads(cli("notes", sample_workspace, "--json").stdout)
    }
    assert (len(rows[first]["kept_versions"]), len(rows[second]["kept_versions"])) == (0, 1)
    lock.rmdir()
    again = cli("note", "resolve", sample_workspace, "--all", "--author", "Ann", "--json")
    assert again.returncode == 0 and [n["id"] for n in json.loads(again.stdout)] == [second]


@pytest.mark.parametrize(
    ("command", "verb"),
    [
        (("resolve",), "resolve"),
        (("resolve", "--take", "1"), "resolve"),
        (("edit", "--text", "mine now"), "change"),
        (("rm",), "delete"),
        (("reattach", "--quote", "Emerging research"), "re-attach"),
    ],
)
def test_a_colleagues_note_is_refused_in_one_wording_saying_what_to_do(
    cli, sample_workspace: Path, command: tuple[str, ...], verb: str
) -> None:
    """`note resolve` on Ann's note without kept versions answered Bob "nothing to do" (exit
    0), as if it could have done something; each command now says whose note it is, that
    Bob cannot change it, and what he can do instead, before anything else."""
    note_id = _note(cli, sample_workspace)
    before = cli("notes", sample_workspace, "--json").stdout
    refused = cli(
        "note", command[0], sample_workspace, note_id, *command[1:], "--author", "Bob", "--json"
    )
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr.startswith(
        f"synoptic: Note {note_id} is Ann's; you are writing as Bob, so you cannot {verb} it. "
    )
    assert f"--reply-to {note_id}" in refused.stderr
    assert cli("notes", sample_workspace, "--json").stdout == before


@pytest.mark.parametrize(
    "command",
    [
        ("add", "--doc", DOC, "--quote", "not in the text", "--text", "x"),
        ("edit", "no-such-note", "--text", "x"),
    ],
)
def test_more_relations_than_links_is_a_usage_error_before_any_file_is_read(
    cli, sample_workspace: Path, command: tuple[str, ...]
) -> None:
    """`note add` said 2 only when the quote was found, `note edit` when the note was: what was
    typed is checked first, exit 2 with click's usage line, in both in the same words."""
    typed = ("--link", "https://example.org/a", "--relation", "supports", "--relation", "refutes")
    result = cli("note", command[0], sample_workspace, *command[1:], *typed, "--author", "Ann")
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    assert result.stderr.startswith("synoptic: ") and result.stderr.count("\n") == 1
    assert "There are more --relation options (2) than --link options (1)" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("add", "--doc", DOC, "--quote", QUOTE, "--text", "x"),
        ("edit", "no-such-note", "--text", "x"),
    ],
)
def test_a_link_without_its_relation_is_a_usage_error_and_nothing_is_saved(
    cli, sample_workspace: Path, command: tuple[str, ...]
) -> None:
    """A script that forgot --relation recorded every link as "context", a weaker claim than the
    user meant, where the reader's editor asks which: the relation is never guessed."""
    before = cli("notes", sample_workspace, "--json").stdout
    typed = ("--link", "doi:10.1000/a", "--relation", "refutes", "--link", "pmid:12345678")
    result = cli("note", command[0], sample_workspace, *command[1:], *typed, "--author", "Ann")
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    assert "--link 'pmid:12345678' has no --relation" in result.stderr
    assert "supports, refutes or context" in result.stderr
    assert cli("notes", sample_workspace, "--json").stdout == before


def test_edit_with_nothing_to_change_is_a_usage_error_before_any_file_is_read(
    cli, sample_workspace: Path
) -> None:
    result = cli("note", "edit", sample_workspace, "no-such-note", "--author", "Ann")
    assert result.returncode == 2 and "Nothing to change" in result.stderr


def test_edit_reads_the_notes_once_for_a_note_that_is_no_reply(
    cli, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """Every author's notes were read a second time to place the note, which only a reply
    needs (as `note add` already knew): a second on a desk's 10,000 notes."""
    from annotations.store import AnnotationStore
    from tui.cli import main

    note_id = _note(cli, sample_workspace)
    loads = []
    real_load = AnnotationStore.load

    def counted(self: AnnotationStore):  # the real read, counted
        loads.append(self.author)
        return real_load(self)

    monkeypatch.setattr(AnnotationStore, "load", counted)
    arguments = ["note", "edit", str(sample_workspace), note_id, "--text", "second", "--json"]
    main([*arguments, "--author", "Ann"])  # returns when all went well, else exits
    assert json.loads(capsys.readouterr().out)["text"] == "second"
    assert loads == []
