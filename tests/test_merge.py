"""Merging annotation files note by note (annotations.merge) and the ``merge-driver`` command."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.conflicts import (
    kept_summary,
    kept_versions,
    resolved_versions,
    unresolved_records,
    version_key,
)
from annotations.merge import (
    UnmergeableAnnotations,
    merge_files,
    merge_record,
    merge_records,
    merge_tables,
    parse_version,
)
from annotations.model import Annotation
from annotations.note_versions import canonical
from annotations.store import TABLE, AnnotationStore, JSONShardStorage, dumps_tables
from annotations.target import Target

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
TARGET = Target(
    doc="a.txt", quote="Kratom", prefix="", suffix=" is a tree", start=0, end=6, sha256="0" * 64
)


def at(seconds: float) -> str:
    """A ``modified`` time ``seconds`` after T0, written as the store writes times."""
    return (T0 + timedelta(seconds=seconds)).isoformat(timespec="microseconds")


def as_shown(seconds: float) -> str:
    """:func:`at` as a person is shown it: local time (UTC in the tests), to the minute."""
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M")


def note(
    id: str = "n1",
    text: str = "first",
    when: float = 0,
    *,
    superseded: tuple[dict[str, Any], ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A stored record, as ``Annotation.to_record`` gives it."""
    return Annotation(
        id=id,
        author="alice",
        created=at(0),
        modified=at(when),
        target=TARGET,
        note=text,
        superseded=superseded,
        extra=extra,
    ).to_record()


def edit(record: dict[str, Any], text: str, when: float) -> dict[str, Any]:
    """``record`` edited: new text and time, earlier versions kept (as the store does)."""
    return {**record, "note": text, "modified": at(when)}


def tombstone(record: dict[str, Any], when: float) -> dict[str, Any]:
    """``record`` deleted at ``when`` (:meth:`Annotation.tombstone` with a fixed clock)."""
    dead = Annotation.from_record(record).tombstone()
    return replace(dead, modified=at(when)).to_record()


def bare(record: dict[str, Any]) -> dict[str, Any]:
    """A record as it appears in someone's ``superseded`` list."""
    return {key: value for key, value in record.items() if key != "superseded"}


def file_of(*records: dict[str, Any]) -> str:
    return dumps_tables({TABLE: {record["id"]: record for record in records}})


def table(*records: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in records}


# --- the rules, one record at a time ------------------------------------------------------------

BASE = note("n1", "first", 0)
OURS_EDIT = edit(BASE, "our edit", 10)
THEIRS_EDIT = edit(BASE, "their edit", 20)
OLD_TOMB = tombstone(BASE, 5)
NEW_TOMB = tombstone(BASE, 30)

RULES = [
    # (id, base, ours, theirs, expected)
    ("added on our side", None, BASE, None, BASE),
    ("added on both sides, the same", None, BASE, BASE, BASE),
    ("unchanged", BASE, BASE, BASE, BASE),
    ("changed on our side only", BASE, OURS_EDIT, BASE, OURS_EDIT),
    ("changed on their side only", BASE, BASE, THEIRS_EDIT, THEIRS_EDIT),
    (
        "changed on both: the later wins, the other is superseded",
        BASE,
        OURS_EDIT,
        THEIRS_EDIT,
        {**THEIRS_EDIT, "superseded": [bare(OURS_EDIT)]},
    ),
    (
        "added on both sides differently: the later wins",
        None,
        OURS_EDIT,
        THEIRS_EDIT,
        {**THEIRS_EDIT, "superseded": [bare(OURS_EDIT)]},
    ),
    ("deleted on one side, untouched on the other", BASE, NEW_TOMB, BASE, NEW_TOMB),
    (
        "a tombstone beats an older edit, which is kept",
        BASE,
        OURS_EDIT,
        NEW_TOMB,
        {**NEW_TOMB, "superseded": [bare(OURS_EDIT)]},
    ),
    (
        "a tombstone beats a newer edit too, which is kept",
        BASE,
        OLD_TOMB,
        THEIRS_EDIT,
        {**OLD_TOMB, "superseded": [bare(THEIRS_EDIT)]},
    ),
    (
        "two tombstones: the later wins",
        BASE,
        OLD_TOMB,
        NEW_TOMB,
        {**NEW_TOMB, "superseded": [bare(OLD_TOMB)]},
    ),
    ("removed on one side, unchanged on the other: kept", BASE, None, BASE, BASE),
    ("removed on one side, changed on the other: kept", BASE, THEIRS_EDIT, None, THEIRS_EDIT),
    ("removed on both sides", BASE, None, None, None),
    (
        "a tombstone brought back by hand stays deleted",
        OLD_TOMB,
        OLD_TOMB,
        THEIRS_EDIT,
        {**OLD_TOMB, "superseded": [bare(THEIRS_EDIT)]},
    ),
    (
        "a tombstone removed on one side and brought back on the other stays deleted",
        OLD_TOMB,
        None,
        THEIRS_EDIT,
        {**OLD_TOMB, "superseded": [bare(THEIRS_EDIT)]},
    ),
    (
        "unknown fields travel with their record",
        BASE,
        {**OURS_EDIT, "colour": "red", "review": {"by": "bob"}},
        BASE,
        {**OURS_EDIT, "colour": "red", "review": {"by": "bob"}},
    ),
    (
        "unknown fields of a superseded version are kept in it",
        BASE,
        {**OURS_EDIT, "colour": "red"},
        THEIRS_EDIT,
        {**THEIRS_EDIT, "superseded": [{**bare(OURS_EDIT), "colour": "red"}]},
    ),
]


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in RULES],
)
def test_merge_rule(base, ours, theirs, expected) -> None:
    assert merge_record(base, ours, theirs) == expected
    # The same whichever side is which: two clones merging each other's work agree.
    assert merge_record(base, theirs, ours) == expected


def test_a_tie_in_modified_is_broken_by_the_records_content() -> None:
    ours, theirs = edit(BASE, "apple", 10), edit(BASE, "pear", 10)
    merged = merge_record(BASE, ours, theirs)
    winner, loser = (ours, theirs) if canonical(ours) > canonical(theirs) else (theirs, ours)
    assert merged == {**winner, "superseded": [bare(loser)]}
    assert merge_record(BASE, theirs, ours) == merged


def test_times_in_other_zones_are_compared_as_times() -> None:
    ours = edit(BASE, "written in Paris", 0)
    ours["modified"] = "2025-03-01T14:00:05.000000+01:00"  # 13:00:05 UTC
    theirs = edit(BASE, "written in London", 3600)  # 13:00:00 UTC
    assert merge_record(BASE, ours, theirs)["note"] == "written in Paris"


def test_superseded_lists_are_joined_without_repeats_in_time_order() -> None:
    v1, v2, v3 = edit(BASE, "v1", 1), edit(BASE, "v2", 2), edit(BASE, "v3", 3)
    ours = edit({**BASE, "superseded": [bare(v2), bare(v1)]}, "ours", 10)
    theirs = edit({**BASE, "superseded": [bare(v1), bare(v3)]}, "theirs", 20)
    merged = merge_record(BASE, ours, theirs)
    assert merged["note"] == "theirs"
    assert merged["superseded"] == [bare(v1), bare(v2), bare(v3), bare(ours)]
    # The loser goes in without its own list; nothing is nested.
    assert all("superseded" not in version for version in merged["superseded"])


def test_a_loser_equal_to_the_winner_apart_from_its_history_adds_only_its_history() -> None:
    old = edit(BASE, "old", 1)
    ours = edit({**BASE, "superseded": [bare(old)]}, "same", 10)
    theirs = edit(BASE, "same", 10)
    merged = merge_record(BASE, ours, theirs)
    assert merged == {**theirs, "superseded": [bare(old)]}


LOST = edit(BASE, "lost an earlier conflict", 3)
MOVED_FROM = {**bare(BASE), "target": {**BASE["target"], "doc": "old.txt"}}


@pytest.mark.parametrize(
    "bookkeeping",
    [
        pytest.param({"superseded": [bare(LOST)]}, id="a version kept"),
        pytest.param({"moved_from": MOVED_FROM}, id="a move's left-behind version taken in"),
        pytest.param(
            {"superseded": [bare(LOST)], "resolved": [version_key(bare(LOST))]},
            id="a version kept and resolved",
        ),
    ],
)
def test_a_side_that_changed_only_bookkeeping_is_no_conflict(bookkeeping) -> None:
    """Say a merge on one clone kept a version (or a join of copies took in a move) without
    anyone editing the note, while the other clone edited it: the edit stands, the two sides'
    bookkeeping is joined, and the note's text before the edit is no kept version."""
    ours = {**BASE, **bookkeeping}
    theirs = edit(BASE, "edited on the other clone", 20)
    merged = merge_record(BASE, ours, theirs)
    assert merged == {**theirs, **bookkeeping}
    assert merge_record(BASE, theirs, ours) == merged
    # The same when the edit is older than the version the bookkeeping side holds.
    older = edit(BASE, "edited before", -5)
    assert merge_record(BASE, ours, older) == {**older, **bookkeeping}
    # Bookkeeping on both sides (the same note): joined, nothing reported.
    other = {**BASE, "superseded": [bare(edit(BASE, "another lost one", 4))]}
    both = merge_record(BASE, ours, other)
    assert both["note"] == BASE["note"]
    assert [v["note"] for v in both["superseded"]] == [
        v["note"] for v in (*ours["superseded"], *other["superseded"])
    ]
    assert both.get("moved_from") == ours.get("moved_from")


def test_merge_records_keeps_every_id_and_does_not_copy_untouched_records() -> None:
    a, b, c = note("a"), note("b"), note("c")
    ours = table(a, b, note("ours-new"))
    theirs = table(a, b, c, note("theirs-new"))
    merged = merge_records(table(a, b), ours, theirs)
    assert list(merged) == ["a", "b", "c", "ours-new", "theirs-new"]
    assert merged["a"] is ours["a"]


def test_another_programs_table_is_taken_from_the_side_that_changed_it() -> None:
    base: dict[str, Any] = {TABLE: {}, "_meta": {"1": {"v": 1}}}
    ours: dict[str, Any] = {TABLE: {}, "_meta": {"1": {"v": 2}}}
    assert merge_tables(base, ours, base)["_meta"] == {"1": {"v": 2}}
    assert merge_tables(base, base, ours)["_meta"] == {"1": {"v": 2}}
    theirs: dict[str, Any] = {TABLE: {}, "_meta": {"1": {"v": 3}}}
    with pytest.raises(UnmergeableAnnotations, match="changed on both sides"):
        merge_tables(base, ours, theirs)


# --- files --------------------------------------------------------------------------------------


def test_merge_files_is_formatted_exactly_like_the_store_writes(tmp_path: Path) -> None:
    base = note("n1", "première note — 注释 ✓", 0)
    ours = file_of(edit(base, "notre version", 10), note("n2", "ours 😀", 3))
    theirs = file_of(edit(base, "leur version", 20), note("n3", "theirs", 4, colour="red"))
    merged = merge_files(file_of(base), ours, theirs)
    data = json.loads(merged)
    assert merged == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    # The store's own writer gives the same bytes for the same records.
    shard = tmp_path / "shard.json"
    JSONShardStorage(shard, writable=True).write(data)
    assert shard.read_text(encoding="utf-8") == merged


def test_a_file_the_store_wrote_merges_with_itself_unchanged(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Zoë")
    doc = "000_c4c750e82b5b3139.txt"
    text = (sample_workspace / doc).read_text(encoding="utf-8")
    first = store.add(Annotation.create("Zoë", Target.from_span(doc, text, 0, 6), "née ✓"))
    store.add(Annotation.create("Zoë", Target.from_span(doc, text, 10, 20), "two", tags=["t"]))
    store.update(first.edited(note="edited"))
    store.delete(first.id)
    written = store.shard_path(doc).read_text(encoding="utf-8")
    assert merge_files(written, written, written) == written
    assert merge_files("", written, written) == written


def test_merge_files_gives_the_same_bytes_whichever_side_is_ours() -> None:
    base = file_of(note("n1"), note("n2"))
    ours = file_of(edit(note("n1"), "ours", 5), tombstone(note("n2"), 6), note("n3", "x", 2))
    theirs = file_of(edit(note("n1"), "theirs", 5), edit(note("n2"), "y", 9), note("n4"))
    merged = merge_files(base, ours, theirs)
    assert merged == merge_files(base, theirs, ours)
    assert merge_files(base, merged, merged) == merged
    assert merge_files(merged, merged, merged) == merged


def test_an_empty_base_is_a_file_added_on_both_sides() -> None:
    merged = json.loads(merge_files("", file_of(note("a")), file_of(note("b"))))
    assert sorted(merged[TABLE]) == ["a", "b"]


UNREADABLE: list[tuple[str, bytes, str]] = [
    # (id, content, what the message says)
    ("cut short", file_of(note("n1")).encode()[:-20], "is not valid JSON"),
    (
        "conflict markers",
        b'{\n<<<<<<< HEAD\n  "annotations": {}\n=======\n  "annotations": {}\n>>>>>>> b\n}\n',
        "has a git conflict marker (<<<<<<<)",
    ),
    ("a list", b"[]\n", "must hold a JSON object of tables"),
    ("a table that is not an object", b'{"annotations": []}\n', "'annotations' must be a JSON"),
    (
        "a record without a target",
        json.dumps({TABLE: {"n1": {k: v for k, v in note().items() if k != "target"}}}).encode(),
        "annotation n1: target",
    ),
    (
        "a record stored under another id",
        json.dumps({TABLE: {"n2": note("n1")}}).encode(),
        "is stored under 'n2' but its id is 'n1'",
    ),
    (
        "tags that are not a list",
        json.dumps({TABLE: {"n1": {**note(), "tags": "x"}}}).encode(),
        "annotation n1: tags",
    ),
    ("not UTF-8", file_of(note("n1", "café")).encode("latin-1"), "is not valid UTF-8"),
    (
        "a lone surrogate in the author's name",  # a hand edit: "\\udc80" is valid JSON
        json.dumps({TABLE: {"n1": {**note(), "author": "Ann\udc80"}}}).encode(),
        "annotation n1: author: contains U+DC80, which is not text",
    ),
    (
        "one id twice",  # a parser keeps the last: the first note would vanish from the merge
        f'{{"{TABLE}": {{"n1": {json.dumps(note("n1", "first"))}, '
        f'"n1": {json.dumps(note("n1"))}}}}}'.encode(),
        '"n1" twice in one object',
    ),
    ("empty", b"", "is empty"),
    ("nested too deeply", b"[" * 100_000 + b"]" * 100_000, "is JSON nested too deeply"),
]


@pytest.mark.parametrize(
    ("content", "message"), [pytest.param(*case[1:], id=case[0]) for case in UNREADABLE]
)
@pytest.mark.parametrize("side", ["base", "ours", "theirs"])
def test_an_unreadable_side_stops_the_merge_an_unreadable_base_does_not(
    side: str, content: bytes, message: str
) -> None:
    good = file_of(note("n1")).encode()
    versions = {"base": good, "ours": good, "theirs": good, side: content}
    if side == "base":  # only says who changed what: merged as unknown, and said
        told: list[UnmergeableAnnotations] = []
        merged = merge_files(*versions.values(), on_unreadable_base=told.append)
        assert list(parse_version(merged, "the merged file")[TABLE]) == ["n1"]
        if content != b"":  # empty: added on both sides, nothing to say
            (problem,) = told
            assert str(problem).startswith("the base version") and message in str(problem)
        return
    label = {"base": "the base version", "ours": "our version", "theirs": "their version"}[side]
    with pytest.raises(UnmergeableAnnotations, match="^" + label) as raised:
        merge_files(versions["base"], versions["ours"], versions["theirs"])
    assert message in str(raised.value)


def test_the_line_of_the_problem_is_named() -> None:
    text = file_of(note("a"), note("b"), {**note("c"), "deleted": "yes"})
    with pytest.raises(UnmergeableAnnotations) as raised:
        parse_version(text, "their version")
    assert raised.value.line == text[: text.index('"c": {')].count("\n") + 1
    assert "annotation c: deleted" in str(raised.value)


# --- the command git runs -----------------------------------------------------------------------


def write_versions(folder: Path, base: bytes, ours: bytes, theirs: bytes) -> tuple[Path, ...]:
    paths = (folder / ".merge_file_O", folder / ".merge_file_A", folder / ".merge_file_B")
    for path, content in zip(paths, (base, ours, theirs), strict=True):
        path.write_bytes(content)
    return paths


def test_the_driver_writes_the_merge_to_ours(cli, tmp_path: Path) -> None:
    base = file_of(note("n1"))
    ours = file_of(edit(note("n1"), "ours", 5))
    theirs = file_of(note("n1"), note("n2"))
    paths = write_versions(tmp_path, base.encode(), ours.encode(), theirs.encode())
    result = cli("merge-driver", *paths, "annotations/alice/a.txt.json")
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert paths[1].read_text(encoding="utf-8") == merge_files(base, ours, theirs)
    assert paths[2].read_text(encoding="utf-8") == theirs  # the other versions are untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


@pytest.mark.parametrize(
    ("content", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in UNREADABLE if case[0] != "empty"],
)
@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_the_driver_leaves_ours_alone_when_a_version_is_unreadable(
    cli, tmp_path: Path, side: str, content: bytes, message: str
) -> None:
    good = file_of(note("n1"), note("n2")).encode()
    paths = write_versions(
        tmp_path, good, content if side == "ours" else good, content if side == "theirs" else good
    )
    before = paths[1].read_bytes()
    result = cli("merge-driver", *paths, "annotations/alice/a.txt.json")
    assert result.returncode == 1
    assert result.stdout == ""
    label = "our version" if side == "ours" else "their version"
    assert result.stderr.startswith(f"synoptic: not merging annotations/alice/a.txt.json: {label}")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert paths[1].read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_without_a_path_the_driver_names_the_file_it_was_given(cli, tmp_path: Path) -> None:
    good = file_of(note("n1")).encode()
    paths = write_versions(tmp_path, good, good, b"{")
    result = cli("merge-driver", *paths)
    assert result.returncode == 1
    assert f"their version {paths[2]}" in result.stderr


def test_a_missing_version_is_reported(cli, tmp_path: Path) -> None:
    good = file_of(note("n1")).encode()
    paths = write_versions(tmp_path, good, good, good)
    paths[2].unlink()
    result = cli("merge-driver", *paths, "annotations/alice/a.txt.json")
    assert result.returncode == 1
    assert f"cannot read their version {paths[2]}" in result.stderr
    assert paths[1].read_bytes() == good


# --- properties ---------------------------------------------------------------------------------

IDS = ["n0", "n1", "n2", "n3"]
TEXTS = st.sampled_from(["a", "b", "c", "é", ""])
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.sampled_from(IDS), TEXTS, st.integers(1, 3)),
        st.tuples(st.just("delete"), st.sampled_from(IDS), st.just(""), st.integers(1, 3)),
        st.tuples(st.just("add"), st.sampled_from(["x", "y", "z"]), TEXTS, st.integers(0, 3)),
    ),
    max_size=6,
)


def apply(records: dict[str, dict[str, Any]], operations: list[Any]) -> dict[str, dict[str, Any]]:
    """What one clone's store makes of ``records`` after ``operations``: edits and deletions
    only of live notes, times always later than the version replaced, ids never removed."""
    result = dict(records)
    for kind, key, text, step in operations:
        current = result.get(key)
        if kind == "add":
            if current is None:
                result[key] = note(key, text, 100 + step)
            continue
        if current is None or current["deleted"]:
            continue
        when = (datetime.fromisoformat(current["modified"]) - T0).total_seconds() + step
        result[key] = edit(current, text, when) if kind == "edit" else tombstone(current, when)
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base_ids=st.sets(st.sampled_from(IDS)),
    ours_operations=OPERATIONS,
    theirs_operations=OPERATIONS,
)
def test_merging_loses_nothing_and_resurrects_nothing(
    base_ids: set[str], ours_operations: list[Any], theirs_operations: list[Any]
) -> None:
    base = {key: note(key, "base", 0) for key in sorted(base_ids)}
    ours = apply(base, ours_operations)
    theirs = apply(base, theirs_operations)
    texts = [file_of(*side.values()) for side in (base, ours, theirs)]
    merged_text = merge_files(*texts)
    merged = json.loads(merged_text)[TABLE]

    assert set(merged) == set(base) | set(ours) | set(theirs)  # no id is lost
    for key, record in merged.items():
        versions = [side[key] for side in (base, ours, theirs) if key in side]
        if any(version["deleted"] for version in versions):
            assert record["deleted"] is True  # no tombstone is resurrected
        kept = {canonical(bare(record))} | {canonical(v) for v in record["superseded"]}
        for side in (ours, theirs):
            version = side.get(key)
            if version is None:
                continue
            if key not in base or canonical(version) != canonical(base[key]):
                assert canonical(bare(version)) in kept  # every change survives
            assert {canonical(v) for v in version["superseded"]} <= kept
        assert all("superseded" not in version for version in record["superseded"])

    assert merge_files(texts[0], texts[2], texts[1]) == merged_text  # symmetric
    for text in (*texts, merged_text):
        assert merge_files(text, text, text) == text  # idempotent
    assert merge_files(texts[0], merged_text, merged_text) == merged_text
    parse_version(merged_text, "the merged file")  # as strict as the store's reading


def test_kept_versions_read_hand_edited_records_newest_first_and_summarise() -> None:
    kept = (
        {"note": "older\n  words", "modified": at(1), "target": {"doc": "a.txt"}, "tags": ["x"]},
        {"note": "deleted it", "modified": at(3), "deleted": True},
        {"note": 5, "target": "not an object", "tags": "not a list"},  # edited by hand
    )
    annotation = Annotation.from_record(note(text="shown", when=4, superseded=kept))
    versions = kept_versions(annotation)
    assert [(v.modified, v.doc, v.text, v.tags, v.deleted) for v in versions] == [
        (at(3), "", "deleted it", (), True),
        (at(1), "a.txt", "older\n  words", ("x",), False),
        ("", "", "", (), False),
    ]
    assert kept_summary(annotation) == (
        f"3 other versions kept from conflicting changes; the latest of {as_shown(3)}: a deletion"
    )
    one = Annotation.from_record(note(text="shown", superseded=kept[:1]))
    assert kept_summary(one, limit=8).endswith(
        "the latest of " + as_shown(1) + ": \u201colder\u2026\u201d; #x"  # and its tag, not shown's
    )
    assert kept_summary(Annotation.from_record(note())) == ""


def test_kept_versions_are_listed_newest_first_by_their_moment_not_their_text() -> None:
    """An imported note keeps its tool's offset: 13:30+02:00 is before 12:00+00:00, though it
    sorts after it as text. "Newest first" is what ``note resolve --take 1`` counts by."""
    earlier = {**bare(BASE), "note": "written first", "modified": "2025-03-01T13:30:00+02:00"}
    later = {**bare(BASE), "note": "written last", "modified": "2025-03-01T12:00:00+00:00"}
    for kept in ((earlier, later), (later, earlier)):
        shown = Annotation.from_record(edit({**BASE, "superseded": list(kept)}, "shown", 10**6))
        assert [v.text for v in kept_versions(shown)] == ["written last", "written first"]
        assert [r["note"] for r in unresolved_records(shown)] == ["written last", "written first"]
        assert "the latest of 2025-03-01 12:00" in kept_summary(shown)  # local time (UTC here)


def test_resolved_keys_are_joined_and_are_no_conflict_with_an_edit() -> None:
    lost = edit(BASE, "lost a conflict", 1)
    base = edit({**BASE, "superseded": [bare(lost)]}, "shown", 5)
    key = version_key(bare(lost))
    resolved = {**base, "resolved": [key]}  # marked on one clone: the note itself unchanged
    edited = edit(base, "edited on the other clone", 20)
    for ours, theirs in ((resolved, edited), (edited, resolved)):
        merged = merge_record(base, ours, theirs)
        assert merged == {**edited, "resolved": [key]}  # the edit, nothing kept, still resolved
    assert merge_record(base, resolved, resolved) == resolved  # marked on both: the same
    # A real conflict after one side resolved: the new loser is reported, the old one is not.
    ours = {**edit(base, "ours", 10), "resolved": [key]}
    theirs = edit(base, "theirs", 20)
    merged = merge_record(base, ours, theirs)
    assert merged == merge_record(base, theirs, ours)
    shown = Annotation.from_record(merged)
    assert [v.text for v in kept_versions(shown)] == ["ours"]
    assert [v.text for v in resolved_versions(shown)] == ["lost a conflict"]
    text = merge_files(file_of(base), file_of(ours), file_of(theirs))
    assert text == merge_files(file_of(base), file_of(theirs), file_of(ours))
