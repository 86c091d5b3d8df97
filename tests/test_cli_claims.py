"""``synoptic claims``: the headless claim listing, run as a real subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SAMPLE_IDS

from corpus.claim_rules import KIND_ORDER, WORKSPACE_RULES, load_rules
from corpus.claims import detect_claims
from corpus.document import load_document
from corpus.model import BlockKind

ROW_KEYS = {"doc", "start", "end", "text", "kind", "certainty", "unsourced", "cues"}
CUE_KEYS = {"cue", "text", "start", "end"}


def claims_json(cli, *args: str | Path) -> tuple[list[dict], str]:
    result = cli("claims", *args, "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows, result.stderr


def file_text(root: Path, doc_id: str) -> str:
    with open(root / doc_id, encoding="utf-8") as handle:
        return handle.read()


def test_claims_json_on_the_sample(cli, sample_workspace: Path) -> None:
    rows, stderr = claims_json(cli, sample_workspace)
    assert stderr == ""
    assert {row["doc"] for row in rows} == set(SAMPLE_IDS)
    texts = {doc_id: file_text(sample_workspace, doc_id) for doc_id in SAMPLE_IDS}
    kinds = set()
    for row in rows:
        assert set(row) == ROW_KEYS
        text = texts[row["doc"]]
        assert row["text"] == text[row["start"] : row["end"]]
        assert row["kind"] in (*KIND_ORDER, "advice")
        kinds.add(row["kind"])
        if row["kind"] == "advice":
            assert row["certainty"] is None
            assert row["unsourced"] is False
        else:
            assert row["certainty"] in ("hedged", "assertive")
            assert isinstance(row["unsourced"], bool)
        assert row["cues"]
        for cue in row["cues"]:
            assert set(cue) == CUE_KEYS
            assert cue["text"] == text[cue["start"] : cue["end"]]
            assert row["start"] <= cue["start"] < cue["end"] <= row["end"]
    assert kinds == {*KIND_ORDER, "advice"}
    assert any(row["unsourced"] for row in rows)
    # Rows come in document order.
    assert rows == sorted(rows, key=lambda row: (SAMPLE_IDS.index(row["doc"]), row["start"]))


def test_claims_json_agrees_with_the_detector_and_skips_headings(
    cli, sample_workspace: Path
) -> None:
    rows, _ = claims_json(cli, sample_workspace)
    listed = {(row["doc"], row["start"], row["end"]) for row in rows}
    rules, _ = load_rules(sample_workspace)
    expected = set()
    not_prose = set()
    for doc_id in SAMPLE_IDS:
        document = load_document(sample_workspace / doc_id, doc_id)
        expected |= {(doc_id, a.start, a.end) for a in detect_claims(document, rules)}
        for sentence in document.sentences:
            if document.blocks[sentence.block].kind in (BlockKind.HEADING, BlockKind.LIST_ITEM):
                not_prose.add((doc_id, sentence.start, sentence.end))
    assert listed == expected
    assert len(not_prose) > 10
    assert not listed & not_prose
    heading_texts = {file_text(sample_workspace, doc)[start:end] for doc, start, end in not_prose}
    assert not {row["text"] for row in rows} & heading_texts


def test_claims_doc_option_restricts_the_listing(cli, sample_workspace: Path) -> None:
    everything, _ = claims_json(cli, sample_workspace)
    one, stderr = claims_json(cli, sample_workspace, "--doc", SAMPLE_IDS[1])
    assert stderr == ""
    assert one
    assert {row["doc"] for row in one} == {SAMPLE_IDS[1]}
    assert one == [row for row in everything if row["doc"] == SAMPLE_IDS[1]]
    two, _ = claims_json(cli, sample_workspace, "--doc", SAMPLE_IDS[3], "--doc", SAMPLE_IDS[0])
    assert {row["doc"] for row in two} == {SAMPLE_IDS[0], SAMPLE_IDS[3]}


def test_claims_unknown_doc_is_one_clear_line(cli, sample_workspace: Path) -> None:
    result = cli("claims", sample_workspace, "--doc", "nope", "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("synoptic: ")
    assert "'nope'" in result.stderr


def test_a_repeated_doc_lists_its_claims_once(cli, sample_workspace: Path) -> None:
    once, _ = claims_json(cli, sample_workspace, "--doc", SAMPLE_IDS[1], "--doc", SAMPLE_IDS[0])
    twice, _ = claims_json(
        cli, sample_workspace, *("--doc", SAMPLE_IDS[1], "--doc", SAMPLE_IDS[0]) * 2
    )
    assert twice == once
    assert once[0]["doc"] == SAMPLE_IDS[1], "the order given is kept"
    table = cli("claims", sample_workspace, "--doc", SAMPLE_IDS[0], "--doc", SAMPLE_IDS[0])
    single = cli("claims", sample_workspace, "--doc", SAMPLE_IDS[0])
    assert table.returncode == 0 and table.stdout == single.stdout


@pytest.mark.parametrize("kind", ["binary", "pipe", "too-large"])
def test_an_unreadable_doc_asked_for_is_an_error(cli, sample_workspace: Path, kind: str) -> None:
    """Naming a document that cannot be read fails with the reason; the others still list."""
    if kind == "binary":
        (sample_workspace / "odd.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
        reason = "looks like a binary file"
    elif kind == "too-large":  # 50 MB of prose took 48 s; a sparse file costs nothing
        with (sample_workspace / "odd.txt").open("wb") as out:
            out.write(b"A library in one file. It goes on.\n")
            out.truncate(50 * 1024 * 1024)
        reason = "is 50 MB; Synoptic opens documents up to 6 MB"
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(sample_workspace / "odd.txt")
        reason = "is not a regular file"
    alone = cli("claims", sample_workspace, "--doc", "odd.txt", "--json")
    assert alone.returncode == 1
    assert json.loads(alone.stdout) == []
    assert alone.stderr.startswith(f"synoptic: odd.txt: {reason}")
    assert alone.stderr.count("\n") == 1
    with_another = cli("claims", sample_workspace, "--doc", "odd.txt", "--doc", SAMPLE_IDS[0])
    assert with_another.returncode == 1
    assert f"{SAMPLE_IDS[0]}:" in with_another.stdout
    # Without --doc the whole workspace is listed, that file skipped, and the status says so.
    everything = cli("claims", sample_workspace, "--json")
    assert everything.returncode == 1
    assert json.loads(everything.stdout)
    assert f"synoptic: skipped odd.txt: {reason}" in everything.stderr
    # The other commands that take one document by name refuse it, with nothing printed.
    match = cli("match", sample_workspace, "--doc", "odd.txt", "--offset", "0")
    order = cli("synopsis", sample_workspace, "--order", "odd.txt")
    assert (match.returncode, order.returncode) == (1, 1)
    assert match.stdout == order.stdout == ""
    assert match.stderr.startswith(f"synoptic: odd.txt: {reason}")
    assert order.stderr.startswith(f"synoptic: Cannot order by odd.txt: it {reason}")


def test_claims_with_malformed_workspace_rules_uses_the_builtin_ones(
    cli, sample_workspace: Path
) -> None:
    builtin_rows, _ = claims_json(cli, sample_workspace)
    rules_file = sample_workspace / WORKSPACE_RULES
    rules_file.parent.mkdir()
    rules_file.write_text(
        "# Our desk's rules\n[kinds.efficacy]\npatterns = ['\\bsooth\\w*']\n\n"
        '[decision]\nclaim_score = "high"\n',
        encoding="utf-8",
    )
    result = cli("claims", sample_workspace, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == builtin_rows
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert f"{rules_file}:6:" in lines[0]
    assert "claim_score" in lines[0]
    assert "using the built-in rules" in lines[0]


@pytest.mark.parametrize(
    "command", [("synopsis",), ("match", "--doc", SAMPLE_IDS[0], "--offset", "0")]
)
def test_the_commands_that_group_claims_name_a_malformed_rules_file_too(
    cli, sample_workspace: Path, command: tuple[str, ...]
) -> None:
    """Their claim kinds come from the same rules as `claims`: falling back to the built-in
    ones silently would change the groups without a word."""
    rules_file = sample_workspace / WORKSPACE_RULES
    rules_file.parent.mkdir()
    rules_file.write_text("[kinds.efficacy\n", encoding="utf-8")
    result = cli(command[0], sample_workspace, *command[1:], "--json")
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if str(rules_file) in line]
    assert line.startswith(f"synoptic: {rules_file}: ") and "(at line 1, column 16)" in line
    assert line.endswith("; using the built-in rules")


def test_claims_with_workspace_rules_uses_them(cli, make_workspace) -> None:
    text = "Kratom tea can soothe a sore throat within an hour.\n"
    root = make_workspace({"tea.txt": text})
    rows, _ = claims_json(cli, root)
    assert rows == []
    (root / WORKSPACE_RULES).parent.mkdir()
    (root / WORKSPACE_RULES).write_text(
        "[kinds.efficacy]\npatterns = ['\\bsooth\\w*']\n", encoding="utf-8"
    )
    rows, stderr = claims_json(cli, root)
    assert stderr == ""
    assert [(row["kind"], row["text"]) for row in rows] == [("efficacy", text.strip())]


def test_claims_table_prints_no_escape_sequences(cli, make_workspace) -> None:
    root = make_workspace(
        {
            "evil.txt": (
                "Kratom \x1b[31mcauses\x1b[0m seizures in [bold red]some people[/] who take "
                "\x1b]0;pwned\x07high doses.\n\n"
                "You should consult a doctor \x1b[2J\x1b[H before you use kratom at all.\n"
            )
        }
    )
    result = cli("claims", root)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 4  # two rows of two lines: a claim and advice
    assert lines[0].startswith("evil.txt:0-")
    assert "[safety" in lines[0]
    assert "[advice]" in lines[2]
    # Shown, not interpreted: the escape is a visible placeholder, the markup literal.
    assert "\N{SYMBOL FOR ESCAPE}[31mcauses" in lines[1]
    assert "[bold red]some people[/]" in lines[1]
    # JSON escapes the control characters itself and keeps the real text.
    rows, _ = claims_json(cli, root)
    assert rows[0]["text"].startswith("Kratom \x1b[31mcauses")


def test_kind_labels_from_the_rules_are_printed_inert(cli, sample_workspace: Path) -> None:
    """A label in a workspace's claims.toml (a cloned repository's) is outside text too: it
    must neither drive the terminal nor run as a formula in a spreadsheet."""
    rules_file = sample_workspace / WORKSPACE_RULES
    rules_file.parent.mkdir()
    rules_file.write_text(
        '[kinds.efficacy]\nlabel = "\\u001b]0;PWNED\\u0007EVIL"\n'
        '[kinds.legal]\nlabel = "=HYPERLINK(1)"\n',
        encoding="utf-8",
    )
    claims = cli("claims", sample_workspace)
    synopsis = cli("synopsis", sample_workspace)
    csv_text = cli("synopsis", sample_workspace, "--csv")
    for result in (claims, synopsis, csv_text):
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "[\N{SYMBOL FOR ESCAPE}]0;PWNED\N{SYMBOL FOR BELL}EVIL" in claims.stdout
    assert "[\N{SYMBOL FOR ESCAPE}]0;PWNED\N{SYMBOL FOR BELL}EVIL]" in synopsis.stdout
    kinds = {line.split(",")[2] for line in csv_text.stdout.splitlines()[1:]}
    assert "'=HYPERLINK(1)" in kinds
    assert "=HYPERLINK(1)" not in kinds


def test_documents_without_claims_say_why(cli, make_workspace) -> None:
    """A document that gives no claims is not passed over in silence: one with no sentences
    says why it has none, one whose sentences make no claim says that."""
    root = make_workspace(
        {
            "code.md": "    Kratom relieves pain in many users.\n    Studies show it works.\n",
            "empty.md": "",
            "headings.md": "# Kratom\n\n## Its effects\n",
        }
    )
    code = cli("claims", root, "--doc", "code.md")
    assert code.returncode == 0 and code.stdout == ""
    assert "note: code.md has no sentences, so no claims: it is indented" in code.stderr
    assert "remove the indentation" in code.stderr
    empty, _ = claims_json(cli, root, "--doc", "empty.md")
    assert empty == []
    headings = cli("claims", root, "--doc", "headings.md")
    assert headings.returncode == 0 and headings.stdout == ""
    assert "no claim or advice found" in headings.stderr
    every = cli("claims", root)
    assert "note: empty.md has no sentences, so no claims: it is empty." in every.stderr
    assert "note: headings.md" not in every.stderr  # it has sentences: only none is a claim


@pytest.mark.parametrize(
    "command",
    [("claims",), ("synopsis",), ("match", "--doc", "b.txt", "--offset", "0")],
)
def test_a_notes_file_that_cannot_be_read_is_named_where_its_claim_marks_would_count(
    cli, make_workspace, command: tuple[str, ...]
) -> None:
    """A sentence marked "not a claim" in a notes file that is now damaged is a claim again:
    the commands that read the marks must say why, and leave the file as it is."""
    root = make_workspace(
        {
            "a.txt": "Kratom may reduce anxiety in some users.\n",
            "b.txt": "Some say kratom may reduce anxiety.\n",
        }
    )
    marked = cli(
        "note", "add", root, "--doc", "a.txt", "--quote", "Kratom may reduce anxiety",
        "--text", "Not checkable as put.", "--claim", "not-claim", "--author", "Zed",
    )  # fmt: skip
    assert marked.returncode == 0, marked.stderr
    (notes_file,) = (root / "annotations").glob("*/a.txt.json")
    damaged = notes_file.read_bytes() + b"\n<<<<<<< HEAD\n"
    notes_file.write_bytes(damaged)
    result = cli(command[0], root, *command[1:], "--json")
    assert result.returncode == 1, "all it could read, then status 1, as every notes reader"
    json.loads(result.stdout)
    (line,) = [line for line in result.stderr.splitlines() if str(notes_file) in line]
    assert line.endswith("(left untouched; the claims marked in it are not applied)")
    assert notes_file.read_bytes() == damaged


def test_a_claim_quoted_over_several_email_lines_reads_without_its_markers(
    cli, make_workspace
) -> None:
    """The table shows the sentence as the reader does; the JSON keeps the file's text, whose
    offsets a script slices by."""
    mail = (
        "Bob wrote:\n> It was a\n> randomised trial that proved kratom causes harm in 40% "
        "of users.\n"
    )
    root = make_workspace({"mail.txt": mail})
    result = cli("claims", root)
    assert result.returncode == 0, result.stderr
    assert "It was a randomised trial that proved kratom causes harm" in result.stdout
    assert ">" not in result.stdout
    rows, _ = claims_json(cli, root)
    assert [mail[row["start"] : row["end"]] for row in rows] == [row["text"] for row in rows]
    assert any("\n> randomised" in row["text"] for row in rows)
