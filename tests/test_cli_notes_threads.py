"""``synoptic notes`` prints a reply as a reply: under the note it answers, or naming it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from test_cli_notes import DOC, add

if TYPE_CHECKING:
    from pathlib import Path

ARROW = "\N{DOWNWARDS ARROW WITH TIP RIGHTWARDS}"


def test_replies_are_listed_indented_under_the_note_they_answer(
    cli, sample_workspace: Path
) -> None:
    first = add(cli, sample_workspace, "--text", "Says so.")
    other = add(cli, sample_workspace, "--text", "Another note here.", author="Cy")
    answer = add(cli, sample_workspace, "--text", "No it does not.", "--reply-to", first["id"],
                 author="Bob")  # fmt: skip
    again = add(cli, sample_workspace, "--text", "Yes it does.", "--reply-to", answer["id"])

    result = cli("notes", sample_workspace)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    starts = [n for n, line in enumerate(lines) if not line.startswith(" ")]
    # two notes at the top level, in the order they were listed before; the thread under the
    # first, each reply a level deeper and naming what it answers
    assert [lines[n].split()[0] for n in starts] == [first["id"], other["id"]]
    thread = lines[starts[0] : starts[1]]
    assert thread[1:] == [
        f"    > {first['quote']}",
        "    Says so.",
        thread[3],
        "        No it does not.",
        thread[5],
        "            Yes it does.",
    ]
    assert thread[3].startswith(f"    {answer['id']}  Bob  ")
    assert thread[3].endswith(f"  {ARROW} reply to {first['id']}")
    assert thread[5].startswith(f"        {again['id']}  Ann  ")
    assert thread[5].endswith(f"  {ARROW} reply to {answer['id']}")
    assert DOC not in thread[3] + thread[5], "a reply's passage is its parent's, shown above"


def test_a_reply_listed_without_its_note_names_the_note_it_answers(
    cli, sample_workspace: Path
) -> None:
    first = add(cli, sample_workspace, "--text", "Says so.")
    answer = add(cli, sample_workspace, "--text", "It does not.", "--reply-to", first["id"],
                 author="Bob")  # fmt: skip
    result = cli("notes", sample_workspace, "--author", "Bob")
    assert result.returncode == 0, result.stderr
    header, quote, text = result.stdout.splitlines()
    assert header.startswith(f"{answer['id']}  Bob  ")
    assert f"  {DOC}:" in header
    assert header.endswith(f"  {ARROW} reply to {first['id']}")
    assert quote == f"    > {first['quote']}"
    assert text == "    It does not."


def test_a_reply_to_a_deleted_note_is_printed_alike_by_every_command(
    cli, sample_workspace: Path
) -> None:
    """`notes` described the deleted note ("a deleted note by Bea, on ..."), but `note edit`,
    `note reattach` and `note resolve` printed the same reply with the deleted note's id, which
    no list shows any more."""
    ws = sample_workspace
    first = add(cli, ws, "--text", "Says so.", author="Bea")
    answer = add(cli, ws, "--text", "It does not.", "--reply-to", first["id"])
    assert cli("note", "rm", ws, first["id"], "--author", "Bea").returncode == 0
    described = f"  {ARROW} reply to a deleted note by Bea, on \u201c{first['quote']}\u201d"

    listed = cli("notes", ws)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0].endswith(described), listed.stdout
    for command in (
        ("note", "edit", ws, answer["id"], "--text", "It does not, as far as I can tell."),
        ("note", "reattach", ws, answer["id"], "--quote", first["quote"]),
        ("note", "resolve", ws, answer["id"]),
    ):
        result = cli(*command, "--author", "Ann")
        assert result.returncode == 0, result.stderr
        header = result.stdout.splitlines()[0]
        assert header.startswith(f"{answer['id']}  Ann  "), header
        assert header.endswith(described), (command[1], header)
        assert first["id"] not in result.stdout
