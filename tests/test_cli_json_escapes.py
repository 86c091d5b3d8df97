"""Every ``--json`` the commands print is safe on a terminal and decodes to the exact data.

``json.dumps`` escapes only U+0000-U+001F: a note's text, a tag or a folder's name with DEL, a C1
CSI (U+009B), a bidirectional override or a line separator reached the terminal raw from the
notes commands, ``init`` and ``import``. One representative per module that prints JSON.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import SAMPLE_IDS

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"
ACTORS = "\x7f\x9b31m\u202e\u2066\u2028\u2029"
"""What JSON itself leaves raw but a terminal may act on (as in test_cli.py)."""
TEXT = f"Hostile {ACTORS}text"


def _printed_inert(result: subprocess.CompletedProcess[str]) -> object:
    """The JSON ``result`` printed, having checked it is safe and that it decodes."""
    assert result.returncode == 0, result.stderr
    for char in ACTORS.replace("31m", ""):
        assert char not in result.stdout, f"U+{ord(char):04X} printed raw"
    return json.loads(result.stdout)


def _note(cli, ws: Path) -> dict:
    made = cli(
        "note", "add", ws, "--doc", DOC, "--quote", QUOTE, "--text", TEXT, "--author", "Ann",
        "--json",
    )  # fmt: skip
    note = _printed_inert(made)  # tui/cli_note_show.py, as note edit and reattach print
    assert isinstance(note, dict) and note["text"] == TEXT
    return note


def test_the_notes_commands_print_escaped_json(cli, sample_workspace: Path) -> None:
    note = _note(cli, sample_workspace)
    listed = _printed_inert(cli("notes", sample_workspace, "--json"))  # tui/cli_notes.py
    assert isinstance(listed, list) and listed[0]["text"] == TEXT
    resolved = cli("note", "resolve", sample_workspace, note["id"], "--author", "Ann", "--json")
    resolved_note = _printed_inert(resolved)  # tui/cli_note_resolve.py
    assert isinstance(resolved_note, dict) and resolved_note["text"] == TEXT


def test_init_prints_a_folder_name_escaped(cli, tmp_path: Path) -> None:
    root = tmp_path / f"ws{ACTORS}"
    root.mkdir()
    report = _printed_inert(cli("init", root, "--json"))  # tui/cli_git.py
    assert isinstance(report, dict) and report["workspace"] == str(root)


def test_import_prints_another_tools_ids_escaped(
    cli, sample_workspace: Path, tmp_path: Path
) -> None:
    odd_id = f"urn:x:{ACTORS}"
    source = tmp_path / "theirs.jsonld"
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": odd_id,
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "Hmm."}],
        "target": {"source": "nosuch.txt", "selector": {"type": "TextQuoteSelector", "exact": "x"}},
    }
    source.write_text(json.dumps(annotation), encoding="utf-8")
    result = cli("import", sample_workspace, source, "--author", "Ann", "--json")
    report = _printed_inert(result)  # tui/cli_import.py
    assert isinstance(report, dict) and report["imported"] == []
    assert [s["id"] for s in report["skipped"]] == [odd_id]


def test_an_imported_id_with_a_lone_surrogate_is_reported_not_a_crash(
    cli, sample_workspace: Path, tmp_path: Path
) -> None:
    """JSON allows ``"\\ud800"`` in another tool's id: hashing it for our id (uuid5's strict
    UTF-8) crashed the import, and printing it in a skip reason crashed the text report. The
    note cannot keep the id it came from, so it is skipped, saying why."""
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:x:\ud800",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "Hmm."}],
        "target": {"source": DOC, "selector": {"type": "TextQuoteSelector", "exact": QUOTE}},
    }
    source = tmp_path / "theirs.jsonld"
    source.write_text(json.dumps(annotation), encoding="ascii")  # the escape, as in a file
    result = cli("import", sample_workspace, source, "--author", "Ann")
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "Imported 0 annotations into ws as Ann.",
        "skipped urn:x:\N{REPLACEMENT CHARACTER}: it cannot be stored: imported_from: contains "
        "U+D800, which is not text: bytes in another encoding than UTF-8 (check the terminal's "
        "or the file's encoding)",
    ]
    report = _printed_inert(cli("import", sample_workspace, source, "--author", "Ann", "--json"))
    assert isinstance(report, dict) and report["imported"] == []
    assert [s["id"] for s in report["skipped"]] == ["urn:x:\ud800"]
