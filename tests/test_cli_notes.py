"""``synoptic note add|edit|rm|reattach`` and ``synoptic notes``, driven as a script would."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING

import pytest
from conftest import NEW_YORK, SAMPLE_IDS, folder_too_deep_to_list, local_time_zone

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"
FIELDS = {
    "id", "author", "doc", "quote", "text", "tags", "links", "verdict", "anchor", "start", "end",
}  # fmt: skip


def add(cli, ws: Path, *extra: str, author: str = "Ann", quote: str = QUOTE) -> dict:
    result = cli(
        "note", "add", ws, "--doc", DOC, "--quote", quote, "--author", author, "--json", *extra
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def listed(cli, ws: Path, *extra: str) -> list[dict]:
    result = cli("notes", ws, "--json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_add_prints_the_note_and_notes_lists_it(cli, sample_workspace: Path) -> None:
    made = add(
        cli,
        sample_workspace,
        "--text", "No source *given*",
        "--tag", "unsourced", "--tag", "mood",
        "--link", "doi:10.1000/XYZ.1", "--relation", "refutes",
        "--link", "PMID: 12345678", "--relation", "context",
        "--verdict", "needs evidence",
    )  # fmt: skip
    assert set(made) >= FIELDS
    text = (sample_workspace / DOC).read_text(encoding="utf-8")
    assert text[made["start"] : made["end"]] == QUOTE == made["quote"]
    assert made["anchor"] == "anchored" and made["author"] == "Ann"
    assert made["tags"] == ["unsourced", "mood"] and made["verdict"] == "needs-evidence"
    assert made["links"] == [
        {"kind": "doi", "href": "https://doi.org/10.1000/XYZ.1", "relation": "refutes"},
        {
            "kind": "pmid",
            "href": "https://pubmed.ncbi.nlm.nih.gov/12345678/",
            "relation": "context",
        },
    ]
    (again,) = listed(cli, sample_workspace)
    assert again == made
    stored = list((sample_workspace / "annotations").rglob("*.json"))
    assert len(stored) == 1 and made["id"] in stored[0].read_text(encoding="utf-8")


def test_a_quote_must_be_present_and_unambiguous(cli, sample_workspace: Path) -> None:
    absent = cli("note", "add", sample_workspace, "--doc", DOC, "--quote", "zebra", "--text", "x")
    assert absent.returncode == 1 and "does not occur" in absent.stderr
    many = cli("note", "add", sample_workspace, "--doc", DOC, "--quote", "kratom", "--text", "x")
    assert many.returncode == 1 and "--occurrence" in many.stderr
    third = add(cli, sample_workspace, "--text", "x", "--occurrence", "3", quote="kratom")
    text = (sample_workspace / DOC).read_text(encoding="utf-8")
    first = text.find("kratom")
    second = text.find("kratom", first + 1)
    assert third["start"] == text.find("kratom", second + 1)
    beyond = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", "kratom",
        "--occurrence", "999", "--text", "x",
    )  # fmt: skip
    assert beyond.returncode == 1 and "999" in beyond.stderr
    nodoc = cli("note", "add", sample_workspace, "--doc", "nope.txt", "--quote", "a", "--text", "x")
    assert nodoc.returncode == 1 and "nope.txt" in nodoc.stderr
    assert listed(cli, sample_workspace) == [third]


def test_a_typed_quote_stores_the_document_s_own_text(cli, sample_workspace: Path) -> None:
    text = (sample_workspace / DOC).read_text(encoding="utf-8")
    passage = "understanding Kratom\u2019s role requires careful"
    assert text.count(passage) == 1
    typed = "understanding Kratom's  role\nrequires careful"
    made = add(cli, sample_workspace, "--text", "typed on a plain keyboard", quote=typed)
    assert made["quote"] == passage
    assert text[made["start"] : made["end"]] == passage
    moved = cli(
        "note", "reattach", sample_workspace, made["id"], "--quote", "Kratom's role",
        "--author", "Ann", "--json",
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    assert json.loads(moved.stdout)["quote"] == "Kratom\u2019s role"


def test_bad_links_and_verdicts_are_refused_and_nothing_is_written(
    cli, sample_workspace: Path
) -> None:
    for link in (
        "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x.org/a",
        "https://exa mple.org", "https://example.org/\x1b[31m", "https://example.org/\u202e",
    ):  # fmt: skip
        result = cli(
            "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE,
            "--text", "x", "--link", link,
        )  # fmt: skip
        assert result.returncode == 2, link  # a typing mistake, like a bad --claim
        assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    verdict = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE,
        "--text", "x", "--verdict", "maybe",
    )  # fmt: skip
    assert verdict.returncode == 2 and "maybe" in verdict.stderr
    assert listed(cli, sample_workspace) == []


def test_edit_and_rm_are_for_your_own_notes_only(cli, sample_workspace: Path) -> None:
    made = add(cli, sample_workspace, "--text", "first", "--tag", "a")
    other = cli("note", "edit", sample_workspace, made["id"], "--text", "x", "--author", "Bob")
    assert other.returncode == 1 and "Ann" in other.stderr
    gone = cli("note", "rm", sample_workspace, made["id"], "--author", "Bob")
    assert gone.returncode == 1
    edited = cli(
        "note", "edit", sample_workspace, made["id"], "--text", "second",
        "--verdict", "misleading", "--author", "Ann", "--json",
    )  # fmt: skip
    assert edited.returncode == 0, edited.stderr
    changed = json.loads(edited.stdout)
    assert (changed["text"], changed["tags"], changed["verdict"]) == ("second", ["a"], "misleading")
    assert changed["modified"] > made["modified"] and changed["created"] == made["created"]
    cleared = cli(
        "note", "edit", sample_workspace, made["id"], "--no-tags", "--verdict", "none",
        "--author", "Ann", "--json",
    )  # fmt: skip
    assert (
        json.loads(cleared.stdout)["tags"] == [] and json.loads(cleared.stdout)["verdict"] is None
    )
    removed = cli("note", "rm", sample_workspace, made["id"], "--author", "Ann")
    assert removed.returncode == 0, removed.stderr
    assert listed(cli, sample_workspace) == []
    shard = next((sample_workspace / "annotations").rglob("*.json")).read_text(encoding="utf-8")
    assert made["id"] in shard and '"deleted": true' in shard, "a tombstone stays"
    again = cli("note", "edit", sample_workspace, made["id"], "--text", "x", "--author", "Ann")
    assert again.returncode == 1


def edit(cli, ws: Path, note_id: str, *extra: str) -> dict:
    result = cli("note", "edit", ws, note_id, "--author", "Ann", "--json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_option_of_edit_is_applied(cli, sample_workspace: Path) -> None:
    """Nothing given to `note edit` is dropped: --relation alone, --tag with --no-tags, --claim."""
    made = add(
        cli, sample_workspace, "--text", "x", "--tag", "a", "--tag", "b",
        "--link", "doi:10.1000/one", "--relation", "context",
        "--link", "PMID: 12345678", "--relation", "context",
    )  # fmt: skip
    relations = [link["relation"] for link in made["links"]]
    assert relations == ["context", "context"]
    # --relation without --link re-labels the note's own links, the n-th relation the n-th link.
    relabelled = edit(cli, sample_workspace, made["id"], "--relation", "refutes")
    assert [link["relation"] for link in relabelled["links"]] == ["refutes", "context"]
    assert [link["href"] for link in relabelled["links"]] == [h["href"] for h in made["links"]]
    # --no-tags --tag x: the tags are just x.
    assert edit(cli, sample_workspace, made["id"], "--no-tags", "--tag", "x")["tags"] == ["x"]
    assert edit(cli, sample_workspace, made["id"], "--no-tags")["tags"] == []
    # The same for links, and --claim as `note add` has it, with 'none' to remove the mark.
    replaced = edit(
        cli, sample_workspace, made["id"], "--no-links", "--link", "https://example.org/a",
        "--relation", "supports",
    )  # fmt: skip
    assert [(link["href"], link["relation"]) for link in replaced["links"]] == [
        ("https://example.org/a", "supports")
    ]
    assert edit(cli, sample_workspace, made["id"], "--no-links")["links"] == []
    assert edit(cli, sample_workspace, made["id"], "--claim", "not-claim")["claim"] == "not-claim"
    final = edit(cli, sample_workspace, made["id"], "--claim", "none")
    assert final["claim"] is None and final["text"] == "x"
    (stored,) = listed(cli, sample_workspace)
    assert stored == final
    too_many = cli(
        "note", "edit", sample_workspace, made["id"], "--relation", "supports", "--author", "Ann"
    )
    # The note's links are known once it is read (exit 1, as a quote not in the text is)
    assert too_many.returncode == 1, too_many.stderr
    assert "more --relation options (1) than links on the note (0)" in too_many.stderr
    bad = cli("note", "edit", sample_workspace, made["id"], "--no-links", "--relation", "maybe")
    assert bad.returncode == 2 and "--relation" in bad.stderr


def test_replies_filters_and_several_authors(cli, sample_workspace: Path) -> None:
    ann = add(cli, sample_workspace, "--text", "claim?", "--tag", "check", "--verdict", "false")
    bob = add(cli, sample_workspace, "--text", "agreed", "--reply-to", ann["id"], author="Bob")
    assert bob["reply_to"] == ann["id"] and bob["author"] == "Bob"
    nobody = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "x",
        "--reply-to", "no-such-id",
    )  # fmt: skip
    assert nobody.returncode == 1
    assert [n["id"] for n in listed(cli, sample_workspace, "--author", "Bob")] == [bob["id"]]
    assert [n["id"] for n in listed(cli, sample_workspace, "--tag", "check")] == [ann["id"]]
    assert [n["id"] for n in listed(cli, sample_workspace, "--verdict", "false")] == [ann["id"]]
    assert len(listed(cli, sample_workspace, "--doc", DOC)) == 2
    assert listed(cli, sample_workspace, "--doc", SAMPLE_IDS[1]) == []
    folders = sorted(p.name for p in (sample_workspace / "annotations").iterdir() if p.is_dir())
    assert folders == ["ann", "bob"]


def test_edits_to_the_document_move_or_orphan_notes_and_reattach_fixes_an_orphan(
    cli, sample_workspace: Path
) -> None:
    made = add(cli, sample_workspace, "--text", "x")
    path = sample_workspace / DOC
    text = path.read_text(encoding="utf-8")
    path.write_text("A new opening paragraph.\n\n" + text, encoding="utf-8")
    (moved,) = listed(cli, sample_workspace)
    assert moved["anchor"] == "moved" and moved["start"] == made["start"] + 26
    sentence_end = text.index(".", made["start"]) + 1
    path.write_text(text[: made["start"]] + text[sentence_end:], encoding="utf-8")
    (orphan,) = listed(cli, sample_workspace, "--anchor", "orphaned")
    assert orphan["start"] is None and orphan["quote"] == QUOTE
    fixed = cli(
        "note", "reattach", sample_workspace, made["id"], "--quote", "Kratom, derived from",
        "--author", "Ann", "--json",
    )  # fmt: skip
    assert fixed.returncode == 0, fixed.stderr
    assert json.loads(fixed.stdout)["anchor"] == "anchored"
    assert listed(cli, sample_workspace, "--anchor", "orphaned") == []


def test_a_note_on_a_renamed_document_is_reattached_there_with_its_replies(
    cli, sample_workspace: Path
) -> None:
    made = add(cli, sample_workspace, "--text", "on the old name", "--tag", "mood")
    answer = add(cli, sample_workspace, "--text", "a reply", "--reply-to", made["id"], author="Bob")
    (sample_workspace / DOC).rename(sample_workspace / "renamed.txt")
    assert {n["anchor"] for n in listed(cli, sample_workspace)} == {"orphaned"}

    same = cli(
        "note", "reattach", sample_workspace, made["id"], "--quote", QUOTE, "--author", "Ann",
    )  # fmt: skip
    assert same.returncode == 1 and "--doc" in same.stderr and DOC in same.stderr
    moved = cli(
        "note", "reattach", sample_workspace, made["id"], "--quote", QUOTE,
        "--doc", "renamed.txt", "--author", "Ann", "--json",
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    assert f"from {DOC} to renamed.txt; its 1 reply follows it" in moved.stderr
    shown = json.loads(moved.stdout)
    assert (shown["id"], shown["doc"], shown["anchor"]) == (made["id"], "renamed.txt", "anchored")
    assert (shown["text"], shown["tags"], shown["created"]) == (
        "on the old name",
        ["mood"],
        made["created"],
    )
    notes = {n["id"]: n for n in listed(cli, sample_workspace, "--doc", "renamed.txt")}
    assert set(notes) == {made["id"], answer["id"]}
    assert notes[answer["id"]]["anchor"] == "anchored"
    assert notes[answer["id"]]["reply_to"] == made["id"]
    assert notes[answer["id"]]["start"] == notes[made["id"]]["start"]


def test_replies_follow_a_reattached_note_in_the_list_and_the_export(
    cli, sample_workspace: Path
) -> None:
    made = add(cli, sample_workspace, "--text", "the parent")
    answer = add(
        cli, sample_workspace, "--text", "bob answers", "--reply-to", made["id"], author="Bob"
    )
    again = add(cli, sample_workspace, "--text", "ann again", "--reply-to", answer["id"])
    path = sample_workspace / DOC
    text = path.read_text(encoding="utf-8")
    sentence_end = text.index(".", made["start"]) + 1
    path.write_text(text[: made["start"]] + text[sentence_end:], encoding="utf-8")
    fixed = cli(
        "note", "reattach", sample_workspace, made["id"], "--quote", "Kratom, derived from",
        "--author", "Ann",
    )  # fmt: skip
    assert fixed.returncode == 0, fixed.stderr

    notes = {n["id"]: n for n in listed(cli, sample_workspace)}
    for reply in (answer, again):
        shown = notes[reply["id"]]
        assert (shown["doc"], shown["anchor"], shown["quote"]) == (
            DOC,
            "anchored",
            "Kratom, derived from",
        )
        assert (shown["start"], shown["end"]) == (
            notes[made["id"]]["start"],
            notes[made["id"]]["end"],
        )
    assert listed(cli, sample_workspace, "--anchor", "orphaned") == []
    report = cli("export", sample_workspace, "--author", "Bob").stdout
    assert "Orphaned" not in report and "bob answers" in report
    w3c = json.loads(cli("export", sample_workspace, "--format", "w3c").stdout)
    targets = [
        target
        for item in w3c["first"]["items"]
        for target in (item["target"] if isinstance(item["target"], list) else [item["target"]])
        if isinstance(target, dict)
    ]
    assert len(targets) == 3
    quotes = {
        selector["exact"]
        for target in targets
        for selector in target["selector"]
        if selector["type"] == "TextQuoteSelector"
    }
    assert quotes == {"Kratom, derived from"}


def test_a_reply_to_a_deleted_note_is_refused_naming_it(cli, sample_workspace: Path) -> None:
    made = add(cli, sample_workspace, "--text", "soon gone")
    gone = cli("note", "rm", sample_workspace, made["id"], "--author", "Ann")
    assert gone.returncode == 0, gone.stderr
    refused = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "too late",
        "--reply-to", made["id"], "--author", "Bob",
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stdout == ""
    assert f"{made['id']} by Ann on {DOC} has been deleted" in refused.stderr
    assert listed(cli, sample_workspace) == []
    assert not (sample_workspace / "annotations" / "bob").exists()


def test_an_unreadable_annotation_file_is_reported_and_left_alone(
    cli, sample_workspace: Path
) -> None:
    ann = add(cli, sample_workspace, "--text", "kept")
    add(cli, sample_workspace, "--text", "bob's", author="Bob")
    broken = next((sample_workspace / "annotations" / "bob").glob("*.json"))
    damaged = broken.read_bytes().replace(b'"note"', b'<<<<<<< HEAD\n"note"', 1)
    broken.write_bytes(damaged)
    result = cli("notes", sample_workspace, "--json")
    assert result.returncode == 1, "the notes that can be read, then status 1"
    assert [n["id"] for n in json.loads(result.stdout)] == [ann["id"]]
    assert broken.name in result.stderr and "line" in result.stderr
    refused = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "more",
        "--author", "Bob",
    )  # fmt: skip
    assert refused.returncode == 1
    assert broken.read_bytes() == damaged, "the file nobody can read is never rewritten"


def test_hostile_note_text_is_stored_verbatim_and_printed_inert(
    cli, sample_workspace: Path
) -> None:
    hostile = "[bold red]x[/] \x1b[2J\x1b]0;title\x07 # heading\n| a | b |"
    made = add(cli, sample_workspace, "--text", hostile)
    assert made["text"] == hostile
    table = cli("notes", sample_workspace)
    assert table.returncode == 0
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout
    assert "[bold red]x[/]" in table.stdout


def test_a_claim_mark_overrides_detection_in_synoptic_claims(cli, sample_workspace: Path) -> None:
    def claims() -> set[int]:
        result = cli("claims", sample_workspace, "--doc", DOC, "--json")
        assert result.returncode == 0, result.stderr
        return {row["start"] for row in json.loads(result.stdout) if row["kind"] != "advice"}

    before = claims()
    first = min(before)
    text = (sample_workspace / DOC).read_text(encoding="utf-8")
    quote = text[first : first + 40]
    add(cli, sample_workspace, "--text", "", "--claim", "not-claim", quote=quote)
    assert claims() == before - {first}


def test_claim_marks_also_decide_what_the_synopsis_groups(cli, sample_workspace: Path) -> None:
    """``claims`` obeys the marks, so ``synopsis`` (and the report's table) must too: a
    sentence marked "not a claim" leaves its row, one marked "claim" gets one."""

    def grouped() -> set[tuple[str, int]]:
        result = cli("synopsis", sample_workspace, "--json")
        assert result.returncode == 0, result.stderr
        rows = json.loads(result.stdout)
        return {(p["doc"], p["start"]) for row in rows for p in row["passages"]}

    before = grouped()
    text = (sample_workspace / DOC).read_text(encoding="utf-8")
    claims = cli("claims", sample_workspace, "--doc", DOC, "--json")
    starts = sorted(row["start"] for row in json.loads(claims.stdout) if row["kind"] != "advice")
    first = starts[0]
    assert (DOC, first) in before
    add(cli, sample_workspace, "--text", "", "--claim", "not-claim", quote=text[first : first + 40])
    after = grouped()
    assert (DOC, first) not in after
    # the last sentence of the article that is neither claim nor advice, marked a claim
    from corpus.document import load_document

    document = load_document(sample_workspace / DOC, DOC)
    advice = {row["start"] for row in json.loads(claims.stdout)}
    plain = [s.start for s in document.sentences if s.start not in advice and s.end - s.start > 40]
    chosen = plain[-1]
    assert (DOC, chosen) not in after
    add(cli, sample_workspace, "--text", "", "--claim", "claim", quote=text[chosen : chosen + 40])
    assert (DOC, chosen) in grouped()


def test_an_edit_that_replaced_a_version_changed_meanwhile_says_so(capsys) -> None:
    """The command reads a note, then saves: if the store kept a version written in between
    (its ``superseded`` list grew), the user hears of it on stderr."""
    import tui.cli  # noqa: F401  (first: the note modules are registered by importing it)
    from annotations.model import Annotation
    from annotations.target import Target
    from tui.cli_note_access import _saved_over

    read = Annotation.create("Ann", Target.from_span("a.txt", "Some text.", 0, 4), "mine")
    saved = read.edited(note="mine, edited")
    assert _saved_over(saved, read) is saved
    assert capsys.readouterr().err == ""
    displaced = {**read.to_record(), "note": "theirs"}
    assert _saved_over(dataclasses.replace(saved, superseded=(displaced,)), read)
    err = capsys.readouterr().err
    assert err.startswith(f"synoptic: note {read.id} was changed elsewhere")
    assert "superseded" in err


def test_the_reader_refuses_an_unusable_author_before_opening(cli, sample_workspace: Path) -> None:
    result = cli(sample_workspace, "--author", "  ")
    assert result.returncode == 2  # what was typed: before the screen, as a usage error
    assert result.stderr == (
        "synoptic: Invalid value for '--author': The author name is empty. "
        "See 'synoptic open --help'.\n"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_in_the_way_of_your_notes_folder_is_one_sentence(
    cli, sample_workspace: Path
) -> None:
    folder = sample_workspace / "annotations"
    folder.mkdir(exist_ok=True)
    (folder / "ann").write_text("a file, not a folder", encoding="utf-8")
    result = cli(
        "note", "add", sample_workspace, "--doc", SAMPLE_IDS[0], "--quote", QUOTE, "--text", "x",
        "--author", "Ann",
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith(f"synoptic: Cannot make the folder {folder / 'ann'}")
    assert "nothing was saved" in result.stderr
    assert "Traceback" not in result.stderr
    assert (folder / "ann").read_text(encoding="utf-8") == "a file, not a folder"


def test_a_folder_named_like_a_notes_file_is_reported(cli, sample_workspace: Path) -> None:
    odd = sample_workspace / "annotations" / "bob" / f"{SAMPLE_IDS[0]}.json"
    odd.mkdir(parents=True)
    result = cli("notes", sample_workspace, "--json")
    assert result.returncode == 1, "its notes are missing: said by the status too"
    assert json.loads(result.stdout) == []
    assert f"{odd}: is not a file" in result.stderr


def test_note_text_that_is_not_utf8_is_refused_and_nothing_stored(
    cli, sample_workspace: Path
) -> None:
    """A terminal in another encoding sends bytes Python cannot decode; stored, they broke
    every export and reached the terminal raw."""
    import os

    text = os.fsdecode(b"caf\xe9 \x9b31m")
    result = cli(
        "note", "add", sample_workspace, "--doc", SAMPLE_IDS[0], "--quote", QUOTE,
        "--text", text, "--author", "Ann",
    )  # fmt: skip
    assert result.returncode == 2  # checked as it is typed, before anything is read
    assert "Invalid value for '--text': Not valid UTF-8: the byte 0xE9" in result.stderr
    assert listed(cli, sample_workspace) == []
    tagged = cli(
        "note", "add", sample_workspace, "--doc", SAMPLE_IDS[0], "--quote", QUOTE,
        "--text", "fine", "--tag", text, "--author", "Ann",
    )  # fmt: skip
    assert tagged.returncode == 2
    assert "Invalid value for '--tag': Not valid UTF-8: the byte 0xE9" in tagged.stderr
    assert listed(cli, sample_workspace) == []


def test_notes_anchor_and_export_over_the_decoded_text_of_a_utf16_file(
    cli, sample_workspace: Path
) -> None:
    """Re-saving a document as Windows "Unicode" (UTF-16 LE, BOM, CRLF) keeps its notes in place."""
    made = add(cli, sample_workspace, "--text", "before the re-save")
    path = sample_workspace / DOC
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
    quote = "Its active alkaloids, mitragynine and 7-hydroxymitragynine"
    second = add(cli, sample_workspace, "--text", "on the UTF-16 file", quote=quote)
    assert text[second["start"] : second["end"]] == quote
    by_id = {note["id"]: note for note in listed(cli, sample_workspace)}
    assert by_id[made["id"]] == made
    assert by_id[second["id"]]["anchor"] == "anchored"
    exported = cli("export", sample_workspace, "--format", "w3c", "--doc", DOC)
    assert exported.returncode == 0, exported.stderr
    items = json.loads(exported.stdout)["first"]["items"]
    selectors = {
        item["id"][-12:]: {s["type"]: s for s in item["target"]["selector"]} for item in items
    }
    for note in (made, second):
        chosen = selectors[note["id"][-12:]]
        assert chosen["TextQuoteSelector"]["exact"] == note["quote"]
        position = chosen["TextPositionSelector"]
        assert (position["start"], position["end"]) == (note["start"], note["end"])


def test_a_reply_on_another_passage_is_refused_with_the_way_to_connect_them(
    cli, sample_workspace: Path
) -> None:
    """A reply is shown on its parent's passage (it follows the parent when re-attached), so
    a reply quoting somewhere else would be shown where it was not written."""
    made = add(cli, sample_workspace, "--text", "first")
    other = "Neurotransmitter balance is pivotal in regulating mood"
    refused = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", other,
        "--text", "elsewhere", "--reply-to", made["id"], "--author", "Bob",
    )  # fmt: skip
    assert refused.returncode == 1
    assert "A reply sits on the passage of the note it answers" in refused.stderr
    assert f"--link passage:{DOC}#" in refused.stderr
    assert [n["id"] for n in listed(cli, sample_workspace)] == [made["id"]]
    answer = add(cli, sample_workspace, "--text", "same place", "--reply-to", made["id"])
    assert answer["reply_to"] == made["id"]


def test_a_reply_is_on_its_parent_s_passage_without_naming_it(cli, sample_workspace: Path) -> None:
    """--doc and --quote only repeat what --reply-to already says; given, they must agree."""
    made = add(cli, sample_workspace, "--text", "first")
    path = sample_workspace / DOC
    path.write_text("A new opening line.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli(
        "note", "add", sample_workspace, "--text", "answer", "--reply-to", made["id"],
        "--author", "Bob", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert set(reply) == set(made)
    assert (reply["doc"], reply["quote"], reply["reply_to"]) == (DOC, QUOTE, made["id"])
    assert reply["start"] == made["start"] + len("A new opening line.\n")
    stored = (sample_workspace / "annotations" / "bob").rglob("*.json")
    assert f'"start": {reply["start"]}' in "".join(p.read_text("utf-8") for p in stored)
    elsewhere = cli(
        "note", "add", sample_workspace, "--doc", SAMPLE_IDS[1], "--text", "x",
        "--reply-to", made["id"], "--author", "Bob",
    )  # fmt: skip
    assert elsewhere.returncode == 1 and "leave out --doc and --quote" in elsewhere.stderr
    nowhere = cli("note", "add", sample_workspace, "--quote", QUOTE, "--text", "x")
    assert nowhere.returncode == 2 and "Give --doc" in nowhere.stderr
    assert len(listed(cli, sample_workspace)) == 2


def test_a_typing_mistake_exits_2_and_a_problem_in_the_data_exits_1(
    cli, sample_workspace: Path
) -> None:
    """The same kind of mistake gives the same status in every notes command: what was typed
    is checked before anything is read (2, as click's own checks), what the data says after (1)."""
    made = add(cli, sample_workspace, "--text", "x")
    note = made["id"]
    base = ("--doc", DOC, "--quote", QUOTE, "--text", "x", "--author", "Ann")
    typed = [
        ("note", "add", sample_workspace, *base, "--verdict", "maybe"),
        ("note", "add", sample_workspace, *base, "--claim", "maybe"),
        ("note", "add", sample_workspace, *base, "--link", "doi:10.1/x", "--relation", "maybe"),
        ("note", "add", sample_workspace, *base, "--relation", "supports"),
        ("note", "add", sample_workspace, *base, "--link", f"passage:{DOC}#9-3"),
        ("note", "add", sample_workspace, *base, "--occurrence", "0"),
        ("note", "add", sample_workspace, "--doc", DOC, "--quote", " ", "--text", "x"),
        ("note", "edit", sample_workspace, note, "--author", "Ann"),
        ("note", "edit", sample_workspace, note, "--verdict", "maybe", "--author", "Ann"),
        ("note", "rm", sample_workspace, note, "extra", "--author", "Ann"),
        ("note", "reattach", sample_workspace, note, "--quote", "", "--author", "Ann"),
        ("notes", sample_workspace, "--verdict", "maybe"),
        ("notes", sample_workspace, "--anchor", "maybe"),
        ("import", sample_workspace, "a.json", "b.json"),
    ]
    data = [
        (
            "note",
            "add",
            sample_workspace,
            *base,
            "--link",
            f"passage:{DOC}#9-9999999",
            "--relation",
            "context",
        ),
        ("note", "add", sample_workspace, *base[:2], "--quote", "zebra", *base[4:]),
        ("note", "add", sample_workspace, *base, "--occurrence", "2"),
        ("note", "add", sample_workspace, *base, "--reply-to", "nope"),
        ("note", "edit", sample_workspace, "nope", "--text", "y", "--author", "Ann"),
        ("note", "edit", sample_workspace, note, "--relation", "supports", "--author", "Ann"),
        ("note", "rm", sample_workspace, "nope", "--author", "Ann"),
        ("note", "reattach", sample_workspace, "nope", "--quote", QUOTE, "--author", "Ann"),
        ("note", "reattach", sample_workspace, note, "--quote", "zebra", "--author", "Ann"),
        ("import", sample_workspace, sample_workspace / "nope.json"),
    ]
    for expected, commands in ((2, typed), (1, data)):
        for command in commands:
            result = cli(*command)
            assert result.returncode == expected, (command, result.stderr)
            assert "Traceback" not in result.stderr
    assert [n["id"] for n in listed(cli, sample_workspace)] == [note]


def test_notes_shows_a_doi_as_cited_and_a_note_s_line_separators_as_characters(
    cli, sample_workspace: Path
) -> None:
    doi = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    made = add(
        cli,
        sample_workspace,
        "--text",
        "one\u2028two\x85three\nfour",
        "--link",
        doi,
        "--relation",
        "context",
    )
    assert "%3C" in made["links"][0]["href"]  # the destination stays encoded for scripts
    shown = cli("notes", sample_workspace)
    assert shown.returncode == 0, shown.stderr
    assert f": https://doi.org/{doi}\n" in shown.stdout
    lines = shown.stdout.splitlines()
    # One line of the note holds its separators (shown, not obeyed); only \n ends a line.
    assert any(line.startswith("    one") and "two" in line and "three" in line for line in lines)
    assert "    four" in lines
    assert "%3C" not in shown.stdout


@pytest.mark.parametrize("number", ["NaN", "-Infinity", "1e999"])
def test_a_notes_file_with_a_number_json_cannot_hold_is_reported_and_left_untouched(
    cli, sample_workspace: Path, number: str
) -> None:
    """A hand-edited file with NaN or Infinity (which Python's parser accepts) was read, and the
    next note saved wrote them back into it: a file that is no longer JSON to anyone else."""
    made = add(cli, sample_workspace, "--text", "kept")
    (path,) = (sample_workspace / "annotations").rglob("*.json")
    record = f'"id": "{made["id"]}",'
    edited = path.read_text(encoding="utf-8").replace(record, f'"score": {number},\n{record}')
    path.write_text(edited, encoding="utf-8")
    listing = cli("notes", sample_workspace)
    assert listing.returncode == 1 and listing.stdout == "No notes.\n"
    assert "score: is NaN or infinite" in listing.stderr and "left untouched" in listing.stderr
    again = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "more",
        "--author", "Ann",
    )  # fmt: skip
    assert again.returncode == 1 and "cannot be read" in again.stderr
    assert path.read_text(encoding="utf-8") == edited


@pytest.mark.parametrize(
    "command",
    [
        ("notes", "--json"),
        ("export",),
        ("init", "--json"),
        ("import", "IMPORT"),
        ("note", "add", "--doc", "a.txt", "--quote", "Kratom", "--text", "Hm", "--author", "Ann"),
    ],
)
def test_the_notes_commands_say_which_folders_cannot_be_read(
    cli, make_workspace, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """As ``docs`` and ``claims`` do: the notes on documents in such a folder are shown as
    unreadable (or a note cannot be added to one), and the user must hear why. The report,
    which lists every document, lacks that folder's, so it exits 1 after writing the rest."""
    root = make_workspace({"a.txt": "Kratom may reduce anxiety.\n"})
    name = folder_too_deep_to_list(root)
    collection = tmp_path / "in.json"
    collection.write_text("[]", encoding="utf-8")
    head, *rest = command
    if head == "note":
        arguments = [head, rest[0], root, *rest[1:]]
    else:
        arguments = [head, root, *(collection if part == "IMPORT" else part for part in rest)]
    result = cli(*arguments)
    assert result.returncode == (1 if head == "export" else 0), result.stderr
    (line,) = [line for line in result.stderr.splitlines() if "cannot be read" in line]
    assert line.startswith(f"synoptic: skipped {name}/{name}/")
    assert line.endswith("; its documents are left out")


def test_notes_says_why_a_note_in_a_folder_that_cannot_be_read_is_not_placed(
    cli, make_workspace
) -> None:
    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from annotations.target import Target

    root = make_workspace({"a.txt": "Kratom may reduce anxiety.\n"})
    name = folder_too_deep_to_list(root)
    unlisted = next(folder for folder, _ in _unlisted(root))
    doc = f"{unlisted}/hidden.txt"  # the folder is the deepest one listing failed for
    text = "A document nobody can reach.\n"
    AnnotationStore(root, "Ann").add(
        Annotation.create("Ann", Target.from_span(doc, text, 2, 10), "Where is it?")
    )
    result = cli("notes", root)
    assert result.returncode == 1, result.stderr
    assert "[unreadable]" in result.stdout
    assert (
        f"synoptic: {doc}: it is in {unlisted}/, a folder that cannot be read; its notes are "
        "shown as unreadable (their places are not known)"
    ) in result.stderr.splitlines()
    assert name in unlisted


def _unlisted(root: Path) -> tuple[tuple[str, str], ...]:
    from corpus.workspace import Workspace

    return Workspace.open(root).unlisted


def test_a_link_out_of_the_workspace_cannot_be_quoted_into_a_note(
    cli, make_workspace, tmp_path: Path
) -> None:
    private = tmp_path / "private.txt"
    private.write_text("PRIVATE KEY material. Do not share.\n", encoding="utf-8")
    root = make_workspace({"a.txt": "Kratom may reduce anxiety.\n"})
    (root / "notes.txt").symlink_to(private)
    result = cli("note", "add", root, "--doc", "notes.txt", "--quote", "PRIVATE KEY", "--text", "x")
    assert result.returncode == 1
    assert "PRIVATE" not in result.stdout + result.stderr
    assert "is a link to" in result.stderr and "outside the workspace" in result.stderr
    docs = cli("docs", root)
    assert "PRIVATE" not in docs.stdout + docs.stderr
    assert "synoptic: skipped notes.txt: is a link to " in docs.stderr


def test_notes_shows_times_in_the_local_time_zone_and_json_keeps_them(
    cli, sample_workspace: Path
) -> None:
    """The same moment stored in UTC and with an imported note's offset shows one clock time,
    the user's own; the JSON, for scripts, keeps what is stored."""
    import dataclasses

    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from annotations.target import Target

    text = (sample_workspace / DOC).read_text(encoding="utf-8")
    start = text.index(QUOTE)
    target = Target.from_span(DOC, text, start, start + len(QUOTE))
    lost = {"note": "Kept.", "modified": "2026-03-01T16:30:00.000000+02:00"}
    stored = ["2026-03-01T14:30:00.000000+00:00", "2026-03-01T16:30:00.000000+02:00"]
    store = AnnotationStore(sample_workspace, "Ann")
    for modified in stored:
        made = Annotation.create("Ann", target, "A note.")
        store.add(dataclasses.replace(made, modified=modified, superseded=(lost,)))
    with local_time_zone(NEW_YORK):
        result = cli("notes", sample_workspace)
        rows = listed(cli, sample_workspace)
    assert result.returncode == 0, result.stderr
    heads = [line for line in result.stdout.splitlines() if line.endswith("[anchored]")]
    assert len(heads) == 2
    assert all(f"  Ann  2026-03-01 09:30  {DOC}:" in line for line in heads)
    assert result.stdout.count("the latest of 2026-03-01 09:30: \u201cKept.\u201d") == 2
    assert sorted(row["modified"] for row in rows) == stored
