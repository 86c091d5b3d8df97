"""A passage cited as evidence is described where it is now, by ``synoptic notes``, the notes
commands and the report, after the cited document changed; the JSON-LD export keeps the link's
stored target (test_export_markdown has the report's wording case by case)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

CLAIM = "A small trial in twelve adults found that kratom lifts mood within one week of use."
CITED = f"Intro line here.\n\n{CLAIM} Then more.\n\nDoses vary widely."
NOW = "Preface.\n\n" + CITED.replace("one week", "one month")


def _workspace(make_workspace: Callable[..., Path], cli) -> tuple[Path, str]:
    """A note on a.txt citing the claim and the first line of b.txt; then b.txt is edited."""
    ws = make_workspace({"a.txt": "Kratom may lift mood, one survey says.\n", "b.txt": CITED})
    at = CITED.index(CLAIM)
    made = cli(
        "note", "add", ws, "--doc", "a.txt", "--quote", "Kratom may lift mood", "--text", "See.",
        "--link", f"passage:b.txt#{at}-{at + len(CLAIM)}", "--relation", "supports",
        "--link", "passage:b.txt#0-16", "--relation", "refutes", "--author", "Ann", "--json",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    (ws / "b.txt").write_text(NOW, encoding="utf-8")
    return ws, json.loads(made.stdout)["id"]


def test_notes_say_where_a_cited_passage_is_now(make_workspace, cli) -> None:
    ws, note_id = _workspace(make_workspace, cli)
    listed = cli("notes", ws)
    assert listed.returncode == 0, listed.stderr
    changed = (
        "    supports: passage of b.txt, now characters 28-112, changed since the link was made: "
        f"it now reads “{CLAIM.replace('week', 'month')}” (was characters 18-101: “{CLAIM}”)"
    )
    moved = (
        "    refutes: passage of b.txt, now characters 10-26 (moved since the link was made, "
        "from 0-16): “Intro line here.”"
    )
    assert [changed, moved] == [line for line in listed.stdout.splitlines() if "passage" in line]
    edited = cli("note", "edit", ws, note_id, "--text", "See both.", "--author", "Ann")
    assert edited.returncode == 0, edited.stderr
    assert changed in edited.stdout.splitlines() and moved in edited.stdout.splitlines()


def test_notes_json_says_where_a_cited_passage_is_now_and_keeps_the_stored_target(
    make_workspace, cli
) -> None:
    """A script reads what a person reads: ``--json`` gave only the stored ``href``, whose
    offsets now point at other text, while the text output said it moved or changed."""
    ws, note_id = _workspace(make_workspace, cli)
    at = CITED.index(CLAIM)
    changed = {
        "target": {"doc": "b.txt", "quote": CLAIM, "start": at, "end": at + len(CLAIM)},
        "now": {
            "anchor": "fuzzy",
            "start": 28,
            "end": 112,
            "text": CLAIM.replace("week", "month"),
        },
    }
    moved = {
        "target": {"doc": "b.txt", "quote": "Intro line here.", "start": 0, "end": 16},
        "now": {"anchor": "moved", "start": 10, "end": 26, "text": "Intro line here."},
    }
    listed = cli("notes", ws, "--json")
    assert listed.returncode == 0, listed.stderr
    [note] = json.loads(listed.stdout)
    assert [link | {"href": None} for link in note["links"]] == [
        {"kind": "passage", "href": None, "relation": "supports", **changed},
        {"kind": "passage", "href": None, "relation": "refutes", **moved},
    ]
    assert NOW[28:112] == changed["now"]["text"] and NOW[10:26] == "Intro line here."
    edited = cli("note", "edit", ws, note_id, "--text", "Both.", "--author", "Ann", "--json")
    assert edited.returncode == 0, edited.stderr
    assert json.loads(edited.stdout)["links"] == note["links"], "every command says the same"
    (ws / "b.txt").write_text("Nothing of that is left.\n", encoding="utf-8")
    [gone, _] = json.loads(cli("notes", ws, "--json").stdout)[0]["links"]
    assert gone["now"] == {"anchor": "orphaned", "start": None, "end": None, "text": None}
    (ws / "b.txt").unlink()
    [unread, _] = json.loads(cli("notes", ws, "--json").stdout)[0]["links"]
    assert unread["now"] is None and unread["target"] == changed["target"]


def test_the_report_says_where_a_cited_passage_is_now(make_workspace, cli) -> None:
    ws, _ = _workspace(make_workspace, cli)
    for only in ((), ("--doc", "a.txt")):  # b.txt is cited though the report leaves it out
        report = cli("export", ws, "--no-synopsis", *only)
        assert report.returncode == 0, report.stderr
        assert (
            "* refutes: passage of b.txt, now characters 10–26 (moved since the link was made, "
            "from 0–16): “Intro line here.”"
        ) in report.stdout
        assert "it now reads “A small trial" in report.stdout
    (ws / "b.txt").unlink()
    report = cli("export", ws, "--no-synopsis")
    assert report.returncode == 0, report.stderr
    assert (
        "passage of b.txt, which is not a readable document of the workspace (was characters "
        "0–16: “Intro line here.”)"
    ) in report.stdout


def test_the_w3c_export_keeps_the_stored_target(make_workspace, cli) -> None:
    ws, _ = _workspace(make_workspace, cli)
    exported = cli("export", ws, "--format", "w3c")
    assert exported.returncode == 0, exported.stderr
    assert '"start": 0' in exported.stdout and '"end": 16' in exported.stdout
    assert CLAIM in exported.stdout, "the quote as it was cited, for other tools to anchor"
