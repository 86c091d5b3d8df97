"""The annotation store on real files (and on TinyDB's memory storage where files do not matter).

Covers: where files go, what they look like, who may change what, and every way a file can be
unreadable, each of which must be reported with its line and left exactly as it was.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.author import check_author, resolve_author
from annotations.errors import (
    AnnotationError,
    AnnotationFileError,
    DeletedParent,
    NotYourAnnotation,
    ReadOnlyFile,
    StoreBusy,
    UnknownAnnotation,
)
from annotations.labels import Verdict
from annotations.links import Relation, parse_link
from annotations.model import Annotation
from annotations.store import (
    ANNOTATIONS_FOLDER,
    GITIGNORE,
    TABLE,
    AnnotationStore,
    JSONShardStorage,
    MemoryShards,
    author_slug,
    doc_key,
    dumps_tables,
    record_row,
)
from annotations.target import Target
from corpus import workspace as corpus_workspace
from tests.conftest import SAMPLE_IDS

DOC, OTHER_DOC = SAMPLE_IDS[0], SAMPLE_IDS[1]


def note(
    store: AnnotationStore, doc: str = DOC, start: int = 0, text: str = "A note."
) -> Annotation:
    source = (store.root / doc).read_text(encoding="utf-8")
    return Annotation.create(
        store.author, Target.from_span(doc, source, start, start + 40), text, tags=["mood"]
    )


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(params=["files", "memory"])
def backend(request: pytest.FixtureRequest) -> MemoryShards | None:
    """Every behaviour test runs on JSON files and on TinyDB's MemoryStorage."""
    return None if request.param == "files" else MemoryShards()


@pytest.fixture
def alice(sample_workspace: Path, backend: MemoryShards | None) -> AnnotationStore:
    return AnnotationStore(sample_workspace, "Alice", backend=backend)


@pytest.fixture
def bob(sample_workspace: Path, backend: MemoryShards | None) -> AnnotationStore:
    return AnnotationStore(sample_workspace, "Bob", backend=backend)


# --- names on disk -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "slug"),
    [
        ("Alice", "alice"),
        ("Alice Example", "alice-example"),
        ("  José  Álvarez-Núñez ", "jose-alvarez-nunez"),
        ("o'brien.jr@example.org", "o-brien-jr-example-org"),
        ("--weird__name--", "weird-name"),
        ("!!!", "anonymous"),
        ("", "anonymous"),
    ],
)
def test_author_slug(author: str, slug: str) -> None:
    assert author_slug(author) == slug
    assert author_slug(author) == author_slug(author)
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert slug == slug.lower() and slug and "--" not in slug and not slug.startswith("-")


def test_names_in_other_scripts_get_their_own_folder() -> None:
    first, second = author_slug("李明"), author_slug("王芳")
    assert first.startswith("author-") and second.startswith("author-")
    assert first != second


@pytest.mark.parametrize(
    ("doc_id", "key"),
    [
        ("000_c4c750e82b5b3139.txt", "000_c4c750e82b5b3139.txt"),
        ("reports/2024/summary.md", "reports__2024__summary.md"),
        ("with space.txt", "with%20space.txt"),
        ("café.txt", "caf%C3%A9.txt"),
        (".hidden.txt", "%2Ehidden.txt"),
        ("con.txt", "%63on.txt"),
        ("a:b*c?.txt", "a%3Ab%2Ac%3F.txt"),
        ("50%.txt", "50%25.txt"),
    ],
)
def test_doc_key(doc_id: str, key: str) -> None:
    assert doc_key(doc_id) == key


def test_doc_key_is_short_and_safe_for_long_ids() -> None:
    long_id = "deep/" * 60 + "file.txt"
    key = doc_key(long_id)
    assert len(key) <= 120
    assert key == doc_key(long_id)
    assert key != doc_key(long_id.replace("file", "other"))
    assert "/" not in key and not key.startswith(".")


def test_annotations_folder_name_matches_the_workspace() -> None:
    assert ANNOTATIONS_FOLDER == corpus_workspace.ANNOTATIONS_FOLDER


def test_shards_layout(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice Example")
    first = store.add(note(store))
    store.add(note(store, OTHER_DOC))
    folder = sample_workspace / "annotations"
    shards = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.json"))
    assert shards == [f"alice-example/{DOC}.json", f"alice-example/{OTHER_DOC}.json"]
    assert store.shard_path(DOC) == folder / "alice-example" / f"{DOC}.json"
    assert (folder / ".gitignore").read_text(encoding="utf-8") == GITIGNORE == "*.lock\n.*.tmp\n"
    data = on_disk(store.shard_path(DOC))
    assert list(data) == [TABLE]
    assert list(data[TABLE]) == [first.id]
    assert data[TABLE][first.id]["target"]["doc"] == DOC


def test_an_existing_gitignore_is_left_alone(sample_workspace: Path) -> None:
    folder = sample_workspace / "annotations"
    folder.mkdir()
    (folder / ".gitignore").write_text("# mine\n", encoding="utf-8")
    store = AnnotationStore(sample_workspace, "Alice")
    store.add(note(store))
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "# mine\n"


def test_documents_in_subfolders_get_a_flat_shard(make_workspace) -> None:
    root = make_workspace({"reports/2024/a.txt": "Some text that is long enough to annotate it."})
    store = AnnotationStore(root, "Alice")
    source = (root / "reports/2024/a.txt").read_text(encoding="utf-8")
    store.add(Annotation.create("Alice", Target.from_span("reports/2024/a.txt", source, 0, 9)))
    assert (root / "annotations/alice/reports__2024__a.txt.json").is_file()
    assert store.all()[0].target.doc == "reports/2024/a.txt"


# --- the file format -----------------------------------------------------------------------------


def test_file_is_sorted_indented_json(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    for start in (0, 100, 200):
        store.add(note(store, start=start, text="Ünïcode “quotes” stay as they are."))
    text = store.shard_path(DOC).read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert "“quotes”" in text
    assert text.startswith('{\n  "annotations": {\n    "')
    assert list(data[TABLE]) == sorted(data[TABLE])


def test_table_ids_are_our_string_ids(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    made = [store.add(note(store, start=s)) for s in (0, 50)]
    table = on_disk(store.shard_path(DOC))[TABLE]
    assert set(table) == {a.id for a in made}
    assert all(table[key]["id"] == key for key in table)


EDGE_RECORDS = [
    {},
    {"a": []},
    {"a": {}},
    {"nested": {"list": [[], {}, [1, [2, [3]]]], "empty": ""}},
    {"floats": [0.1, -0.0, 1e300, 1.5e-7, 3.0], "ints": [0, -1, 10**30]},
    {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")},
    {"bools": [True, False, None]},
    {"escapes": 'quote " backslash \\ newline \n tab \t nul \x00 del \x7f c1 \x85'},
    {"unicode": "é 名 🙂 \u2028 \u202e \ufeff", "ключ": "значение"},
    {"z": 1, "a": 2, "M": 3, "é": 4, "": 5, "10": 6, "9": 7},
    {"tuple": (1, 2)},
]


@pytest.mark.parametrize("record", EDGE_RECORDS)
def test_fast_serialiser_matches_json_dumps(record: dict) -> None:
    data = {TABLE: {"id1": record, "id0": {"x": record}}, "other": {"1": record}}
    expected = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert dumps_tables(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        {},
        {TABLE: {}},
        {"_default": {}},
        {TABLE: {}, "b": {"1": {}}},
        {1: {"x": 1}},
        {TABLE: {1: {}}},
    ],
)
def test_fast_serialiser_matches_json_dumps_on_odd_shapes(data: dict) -> None:
    expected = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert dumps_tables(data) == expected


def test_a_lone_surrogate_is_escaped_so_the_file_stays_utf8() -> None:
    row = record_row("k", {"note": "bad \ud800 half"})
    assert "\\ud800" in row
    row.encode("utf-8")


json_leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
)
json_trees = st.recursive(
    json_leaves,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(alphabet=st.characters(blacklist_categories=("Cs",))), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=8),
        st.dictionaries(st.text(max_size=6), json_trees, max_size=5),
        max_size=4,
    )
)
def test_fast_serialiser_matches_json_dumps_on_any_records(table: dict) -> None:
    data = {TABLE: table}
    expected = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert dumps_tables(data) == expected


def test_cached_rows_are_reused_and_still_exact(sample_workspace: Path) -> None:
    """Writes after a re-read (another process wrote) reuse rows by content and stay exact."""
    first = AnnotationStore(sample_workspace, "Alice")
    second = AnnotationStore(sample_workspace, "Alice")
    for start in range(0, 400, 40):
        (first if start % 80 else second).add(note(first, start=start))
    text = first.shard_path(DOC).read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert len(json.loads(text)[TABLE]) == 10


# --- adding, editing, deleting -------------------------------------------------------------------


def test_add_get_all_and_tags(alice: AnnotationStore) -> None:
    a = alice.add(note(alice, start=100))
    b = alice.add(
        note(alice, start=10).edited(tags=["Trial", "mood", "alpha"], verdict=Verdict.FALSE)
    )
    c = alice.add(note(alice, OTHER_DOC))
    assert alice.get(a.id) == a
    assert alice.get("nope") is None
    assert [x.id for x in alice.all()] == [b.id, a.id, c.id]  # reading order
    assert alice.tags() == ["alpha", "mood", "Trial"]
    result = alice.load()
    assert result.annotations == (b, a, c)
    assert result.problems == ()
    assert result.writable
    assert result.for_document(OTHER_DOC) == [c]


def test_add_refuses_a_duplicate_id(alice: AnnotationStore) -> None:
    a = alice.add(note(alice))
    with pytest.raises(AnnotationError, match="exists already"):
        alice.add(a)


def test_add_in_someone_elses_name_is_refused(alice: AnnotationStore) -> None:
    with pytest.raises(NotYourAnnotation, match="by Bob"):
        alice.add(Annotation.create("Bob", note(alice).target))


def test_update_bumps_modified_and_keeps_identity(alice: AnnotationStore) -> None:
    a = alice.add(note(alice))
    sneaky = a.edited(note="Better.", links=[parse_link("PMID 123", Relation.REFUTES)])
    stored = alice.update(sneaky)
    assert stored.note == "Better."
    assert stored.links[0].href == "https://pubmed.ncbi.nlm.nih.gov/123/"
    assert stored.modified > a.modified
    assert stored.created == a.created
    assert stored.author == a.author
    assert alice.get(a.id) == stored
    assert len(alice.all()) == 1


def test_an_edit_saved_over_a_version_changed_meanwhile_keeps_that_version(
    sample_workspace: Path,
) -> None:
    """The reader's editor opened a note; a script (another store, another process) edited it
    before the editor saved. The editor's text wins, as the later save, and the script's
    version is kept in ``superseded`` rather than overwritten unseen."""
    editor = AnnotationStore(sample_workspace, "Alice")
    script = AnnotationStore(sample_workspace, "Alice")
    a = editor.add(note(editor, text="original"))
    opened = editor.get(a.id)
    assert opened is not None
    by_script = script.update(script.get(a.id).edited(note="script edit", tags=("cli",)))

    saved = editor.update(opened.edited(note="editor edit"))

    assert saved.note == "editor edit"
    assert [(v["note"], v["tags"], v["modified"]) for v in saved.superseded] == [
        ("script edit", ["cli"], by_script.modified)
    ]
    assert AnnotationStore(sample_workspace, "Reader").get(a.id) == saved
    # Saving again from the version just saved displaces nothing.
    again = editor.update(saved.edited(note="editor, once more"))
    assert len(again.superseded) == 1
    # Nor does an edit made from the current version.
    assert script.update(script.get(a.id).edited(tags=("x",))).superseded == again.superseded


def test_update_keeps_unknown_fields_of_the_stored_record(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    a = store.add(note(store))
    path = store.shard_path(DOC)
    data = on_disk(path)
    data[TABLE][a.id]["colour"] = "amber"
    data[TABLE][a.id]["review"] = {"by": "Carol", "steps": [1, 2]}
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    fresh = Annotation.create("Alice", a.target, "Rewritten by an older client")
    store.update(dataclasses.replace(fresh, id=a.id))
    record = on_disk(path)[TABLE][a.id]
    assert record["colour"] == "amber"
    assert record["review"] == {"by": "Carol", "steps": [1, 2]}
    assert record["note"] == "Rewritten by an older client"
    assert record["created"] == a.created


def test_unknown_fields_inside_the_target_and_links_survive_edits_and_deletion(
    sample_workspace: Path,
) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    link = parse_link("PMID 123", Relation.SUPPORTS)
    a = store.add(dataclasses.replace(note(store), links=(link,)))
    path = store.shard_path(DOC)
    data = on_disk(path)
    data[TABLE][a.id]["target"]["x_selector"] = {"type": "XPath", "value": "/p[2]"}
    data[TABLE][a.id]["links"][0]["x_checked"] = "2026-01-01"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    current = store.get(a.id)
    assert current is not None
    store.update(current.edited(note="edited"))
    record = on_disk(path)[TABLE][a.id]
    assert record["note"] == "edited"
    assert record["target"]["x_selector"] == {"type": "XPath", "value": "/p[2]"}
    assert record["links"][0]["x_checked"] == "2026-01-01"
    store.delete(a.id)
    assert on_disk(path)[TABLE][a.id]["target"]["x_selector"]["value"] == "/p[2]"


def test_update_and_delete_of_unknown_ids(alice: AnnotationStore) -> None:
    ghost = note(alice)
    with pytest.raises(UnknownAnnotation):
        alice.update(ghost)
    with pytest.raises(UnknownAnnotation):
        alice.delete(ghost.id)


def test_a_note_moved_to_another_document_keeps_its_id_replies_and_history(
    alice: AnnotationStore, bob: AnnotationStore
) -> None:
    a = alice.add(note(alice, text="On the first document."))
    edited = alice.update(dataclasses.replace(a.edited(note="Changed."), based_on="1999-01-01"))
    assert edited.superseded  # some history to keep
    answer = bob.add(dataclasses.replace(note(bob), reply_to=a.id))
    moved = alice.update(edited.edited(target=note(alice, OTHER_DOC, start=100).target))

    assert (moved.id, moved.created, moved.note) == (a.id, a.created, "Changed.")
    assert moved.superseded == edited.superseded and moved.modified > edited.modified
    for store in (alice, bob):
        assert store.get(a.id) == moved
        assert [n.id for n in store.load().for_document(OTHER_DOC)] == [a.id]
        assert [n.id for n in store.load().for_document(DOC)] == [answer.id]
    assert bob.get(answer.id) == answer  # the reply still names its parent by id
    # It is now edited and deleted where it went; the old file's copy stays, and loses.
    again = alice.update(moved.edited(note="Edited after the move."))
    assert again.target.doc == OTHER_DOC
    alice.delete(a.id)
    assert alice.get(a.id).deleted and a.id not in {n.id for n in alice.all()}
    if alice.files.backend.__class__.__name__ == "FileShards":
        old_file = on_disk(alice.shard_path(DOC))[TABLE]
        assert old_file[a.id]["note"] == "Changed."
        assert on_disk(alice.shard_path(OTHER_DOC))[TABLE][a.id]["deleted"] is True


def test_a_note_is_not_moved_into_an_unreadable_file(sample_workspace: Path) -> None:
    alice = AnnotationStore(sample_workspace, "Alice")
    a = alice.add(note(alice))
    path = alice.shard_path(OTHER_DOC)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ReadOnlyFile, match=OTHER_DOC):
        alice.update(a.edited(target=note(alice, OTHER_DOC).target))
    assert path.read_text(encoding="utf-8") == "{ not json"
    assert alice.get(a.id) == a


def test_a_reply_to_a_tombstone_is_refused(alice: AnnotationStore, bob: AnnotationStore) -> None:
    a = alice.add(note(alice))
    alice.delete(a.id)
    with pytest.raises(DeletedParent, match=f"{a.id} by Alice on {DOC} has been deleted"):
        bob.add(dataclasses.replace(note(bob), reply_to=a.id))
    assert bob.all() == []
    live = alice.add(note(alice, start=60))
    assert bob.add(dataclasses.replace(note(bob), reply_to=live.id)).reply_to == live.id


def test_delete_leaves_a_tombstone(alice: AnnotationStore) -> None:
    a = alice.add(note(alice))
    keep = alice.add(note(alice, start=60))
    dead = alice.delete(a.id)
    assert dead.deleted and dead.id == a.id and dead.note == "" and dead.tags == ()
    assert alice.all() == [keep]
    assert {x.id for x in alice.all(include_deleted=True)} == {a.id, keep.id}
    assert alice.load().tombstones == (dead,)
    assert alice.get(a.id) == dead
    assert alice.tags() == ["mood"]
    assert alice.delete(a.id) == dead, "deleting twice changes nothing"
    with pytest.raises(UnknownAnnotation, match="deleted"):
        alice.update(a.edited(note="back from the dead"))


def test_delete_on_disk_keeps_the_record(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    a = store.add(note(store))
    store.delete(a.id)
    record = on_disk(store.shard_path(DOC))[TABLE][a.id]
    assert record["deleted"] is True
    assert record["note"] == ""
    assert record["target"] == a.target.to_record()


def test_only_own_annotations_can_be_changed(alice: AnnotationStore, bob: AnnotationStore) -> None:
    theirs = bob.add(note(bob))
    assert alice.get(theirs.id) == theirs
    assert not alice.is_own(theirs)
    assert bob.is_own(theirs)
    with pytest.raises(NotYourAnnotation, match="Bob's annotation"):
        alice.update(theirs.edited(note="hijack"))
    with pytest.raises(NotYourAnnotation):
        alice.delete(theirs.id)
    reply = alice.add(note(alice).edited(reply_to=theirs.id, note="I disagree."))
    assert {a.id for a in bob.all()} == {theirs.id, reply.id}
    assert bob.get(theirs.id) == theirs


@pytest.mark.parametrize(("writer", "other"), [("zoe", "Zoë"), ("J. Smith", "j smith")])
def test_authors_who_share_a_folder_cannot_change_each_others_notes(
    sample_workspace: Path, writer: str, other: str
) -> None:
    """Names that differ only in accents, case or punctuation share a folder; the note is
    still the writer's alone, or one could delete or reword what the other said."""
    mine = AnnotationStore(sample_workspace, writer)
    theirs = AnnotationStore(sample_workspace, other)
    assert mine.author_folder == theirs.author_folder
    written = mine.add(note(mine))
    assert mine.is_own(written) and not theirs.is_own(written)
    with pytest.raises(NotYourAnnotation, match=f"{re.escape(writer)}'s annotation"):
        theirs.update(written.edited(note="reworded"))
    with pytest.raises(NotYourAnnotation):
        theirs.delete(written.id)
    assert theirs.get(written.id) == written

    # each may still add notes of their own beside the other's, and edit them
    own = theirs.add(note(theirs))
    assert theirs.update(own.edited(note="mine")).note == "mine"
    assert {a.author for a in mine.all()} == {writer, other}


def test_own_ids_say_what_is_own_says_of_every_note(sample_workspace: Path) -> None:
    """The reader asks which notes are the user's from one look at the files (asking
    ``is_own`` note by note froze the notes panel); the answer must be ``is_own``'s: a
    folder shared by two spellings of a name, a copy of someone's note in our folder, a
    tombstone, a reply to someone else."""
    zoe, zoe_accent, bob = (AnnotationStore(sample_workspace, n) for n in ("zoe", "Zoë", "Bob"))
    mine = zoe.add(note(zoe, text="Mine."))
    gone = zoe.delete(zoe.add(note(zoe, text="Deleted.")).id)
    accented = zoe_accent.add(note(zoe_accent, text="Same folder, other person."))
    bobs = bob.add(note(bob, text="Bob's."))
    reply = zoe.add(note(zoe, text="A reply.").edited(reply_to=bobs.id))
    copied = bob.add(note(bob, text="Bob's, copied by hand into zoe's folder."))
    bob_record = on_disk(bob.shard_path(DOC))[TABLE][copied.id]
    other_doc = zoe.shard_path(SAMPLE_IDS[1])
    other_doc.write_text(dumps_tables({TABLE: {copied.id: bob_record}}), encoding="utf-8")

    for store in (zoe, zoe_accent, bob):
        every = store.all(include_deleted=True)
        assert {a.id for a in every} == {m.id for m in (mine, gone, accented, bobs, reply, copied)}
        assert store.own_ids() == {a.id for a in every if store.is_own(a)}
    assert zoe.own_ids() == {mine.id, gone.id, reply.id}
    assert zoe_accent.own_ids() == {accented.id}
    assert bob.own_ids() == {bobs.id, copied.id}


def test_other_authors_files_are_never_written(sample_workspace: Path) -> None:
    bob = AnnotationStore(sample_workspace, "Bob")
    bob.add(note(bob))
    bob_file = bob.shard_path(DOC)
    before = (bob_file.read_bytes(), bob_file.stat().st_mtime_ns)
    alice = AnnotationStore(sample_workspace, "Alice")
    made = [alice.add(note(alice, start=start)) for start in (0, 40, 80)]
    alice.update(made[1].edited(note="edited"))
    alice.delete(made[0].id)
    assert (bob_file.read_bytes(), bob_file.stat().st_mtime_ns) == before
    assert sorted(p.name for p in bob_file.parent.iterdir()) == [
        bob_file.name,
        bob_file.name + ".lock",
    ]
    with pytest.raises(ReadOnlyFile):
        JSONShardStorage(bob_file, writable=False).write({TABLE: {}})
    assert bob_file.read_bytes() == before[0]


def test_a_copy_of_a_note_in_another_authors_folder_cannot_rewrite_it(
    sample_workspace: Path,
) -> None:
    """Bob's folder holds a record with the id of Alice's note, newer and saying the opposite
    (a copied file, or on purpose): everyone still sees Alice's own version, and Alice can
    still edit her note."""
    alice = AnnotationStore(sample_workspace, "Alice")
    mine = alice.add(dataclasses.replace(note(alice, text="This is false."), verdict="false"))
    forged = {**mine.to_record(), "note": "Fully supported.", "verdict": "supported"}
    forged["modified"] = "2099-01-01T00:00:00.000000+00:00"
    bob_file = AnnotationStore(sample_workspace, "Bob").shard_path(DOC)
    bob_file.parent.mkdir(parents=True)
    bob_file.write_text(json.dumps({TABLE: {mine.id: forged}}), encoding="utf-8")

    for reader in (AnnotationStore(sample_workspace, "Carol"), alice):
        assert reader.get(mine.id) == mine
        assert [a.note for a in reader.all()] == ["This is false."]
    edited = alice.update(mine.edited(note="False, see the trial."))
    assert AnnotationStore(sample_workspace, "Carol").get(mine.id) == edited
    assert on_disk(bob_file) == {TABLE: {mine.id: forged}}


EARLIER, LATER = "2025-03-01T13:30:00.000000+02:00", "2025-03-01T12:00:00.000000+00:00"
"""An imported note keeps its tool's offset: the first is 11:30 UTC, before the second, though
it sorts after it as text."""


def test_copies_of_a_note_are_ordered_by_their_moment_not_their_text(
    sample_workspace: Path,
) -> None:
    """Copies of Alice's note in two other folders (copied files): the later one is shown."""
    mine = note(AnnotationStore(sample_workspace, "Alice"))
    for author, text, when in (("Bob", "written first", EARLIER), ("Carol", "written last", LATER)):
        record = {**mine.to_record(), "note": text, "created": EARLIER, "modified": when}
        path = AnnotationStore(sample_workspace, author).shard_path(DOC)
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps({TABLE: {mine.id: record}}), encoding="utf-8")
    reader = AnnotationStore(sample_workspace, "Dave")
    assert [a.note for a in reader.all()] == ["written last"]
    assert reader.get(mine.id).note == "written last"  # type: ignore[union-attr]


def test_notes_on_one_passage_are_listed_in_the_order_they_were_written(
    sample_workspace: Path,
) -> None:
    alice = AnnotationStore(sample_workspace, "Alice")
    first, last = note(alice, text="written first"), note(alice, text="written last")
    records = {
        a.id: {**a.to_record(), "created": when, "modified": when}
        for a, when in ((first, EARLIER), (last, LATER))
    }
    path = alice.shard_path(DOC)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({TABLE: records}), encoding="utf-8")
    assert [a.note for a in alice.all()] == ["written first", "written last"]


def test_writes_by_another_store_are_not_lost(sample_workspace: Path) -> None:
    """Two stores (as two processes would) writing the same shard in turn."""
    one = AnnotationStore(sample_workspace, "Alice")
    two = AnnotationStore(sample_workspace, "Alice")
    assert one.load().annotations == two.load().annotations == ()
    made = []
    for start in range(0, 200, 20):
        store = one if start % 40 else two
        made.append(store.add(note(store, start=start)).id)
    assert {a.id for a in one.all()} == set(made) == {a.id for a in two.all()}
    edited = one.update(one.get(made[1]).edited(note="edited by one"))
    two.delete(made[2])
    assert two.get(made[1]) == edited
    assert one.get(made[2]).deleted


def test_a_shard_removed_from_disk_is_forgotten(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    store.add(note(store))
    store.shard_path(DOC).unlink()
    assert store.all() == []
    store.add(note(store))
    assert len(store.all()) == 1


def test_lock_and_temporary_files_are_ignored(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    store.add(note(store))
    folder = store.author_folder
    (folder / f"{DOC}.json.lock").write_text("garbage", encoding="utf-8")
    (folder / f".{DOC}.json.abc123.tmp").write_text('{"half', encoding="utf-8")
    (folder / "notes.txt").write_text("not a shard", encoding="utf-8")
    result = store.load()
    assert result.problems == ()
    assert len(result.annotations) == 1


def test_temporary_files_of_killed_writers_are_swept(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    store.add(note(store))
    stale = store.author_folder / f".{DOC}.json.dead1234.tmp"
    fresh = store.author_folder / f".{DOC}.json.live5678.tmp"
    other = store.author_folder / f".{OTHER_DOC}.json.dead9999.tmp"
    for path in (stale, fresh, other):
        path.write_text('{"annotations": {', encoding="utf-8")
    long_ago = time.time() - 3600
    os.utime(stale, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    store.add(note(store, start=50))
    assert not stale.exists()
    assert fresh.exists(), "a recent one may belong to a writer still at work"
    assert other.exists(), "only the locked file's leftovers are touched"


def test_a_held_lock_gives_a_clear_error(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice", lock_timeout=0.2)
    store.add(note(store))
    holder = FileLock(str(store.shard_path(DOC)) + ".lock")
    with holder, pytest.raises(StoreBusy, match="Try again"):
        store.add(note(store, start=50))
    store.add(note(store, start=50))
    assert len(store.all()) == 2


def test_memory_backend_touches_no_files(sample_workspace: Path) -> None:
    shards = MemoryShards()
    store = AnnotationStore(sample_workspace, "Alice", backend=shards)
    a = store.add(note(store))
    assert not (sample_workspace / "annotations").exists()
    assert store.shard_path(DOC) in shards.memories
    assert AnnotationStore(sample_workspace, "Bob", backend=shards).get(a.id) == a


# --- unreadable files ----------------------------------------------------------------------------


def _good_text(store: AnnotationStore) -> str:
    a = store.add(note(store, start=0, text="first"))
    store.add(note(store, start=100, text="second"))
    store.add(note(store, start=200, text="third"))
    text = store.shard_path(DOC).read_text(encoding="utf-8")
    store.shard_path(DOC).unlink()
    return text.replace(a.id, "a" * 32)


def _line_with(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _conflicted(text: str) -> tuple[bytes, int]:
    lines = text.splitlines(keepends=True)
    broken = [*lines[:5], "<<<<<<< HEAD\n", *lines[5:9], "=======\n", *lines[5:9]]
    broken += [">>>>>>> theirs\n", *lines[9:]]
    return "".join(broken).encode(), 6


def _bad_record(text: str) -> tuple[bytes, int]:
    data = json.loads(text)
    data[TABLE]["a" * 32]["verdict"] = "probably"
    out = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    return out.encode(), _line_with(out, '"' + "a" * 32 + '":')


def _nested_too_deeply(text: str) -> tuple[bytes, int]:
    """An unknown field nested deeper than a note may keep, but not too deep to parse."""
    data = json.loads(text)
    data[TABLE]["a" * 32]["tool"] = json.loads("[" * 600 + "]" * 600)
    out = json.dumps(data, sort_keys=True, indent=2) + "\n"
    return out.encode(), _line_with(out, '"' + "a" * 32 + '":')


def _record_not_object(text: str) -> tuple[bytes, int]:
    data = json.loads(text)
    data[TABLE]["a" * 32] = ["not", "an", "object"]
    out = json.dumps(data, sort_keys=True, indent=2) + "\n"
    return out.encode(), _line_with(out, '"' + "a" * 32 + '":')


def _id_mismatch(text: str) -> tuple[bytes, int]:
    data = json.loads(text)
    data[TABLE]["b" * 32] = data[TABLE].pop("a" * 32)
    out = json.dumps(data, sort_keys=True, indent=2) + "\n"
    return out.encode(), _line_with(out, '"' + "b" * 32 + '":')


def _repeated_id(text: str) -> tuple[bytes, int]:
    """A hand edit that gives two notes one id: a JSON parser would keep only the last."""
    data = json.loads(text)
    record = data[TABLE]["a" * 32]
    body = json.dumps(record, indent=2)
    precious = json.dumps({**record, "note": "PRECIOUS"}, indent=2)
    key = json.dumps("a" * 32)
    out = f'{{\n"{TABLE}": {{\n{key}: {precious},\n{key}: {body}\n}}\n}}\n'
    return out.encode(), out[: out.rindex(key + ":")].count("\n") + 1


def _bad_utf8(text: str) -> tuple[bytes, int]:
    raw = text.encode("utf-8")
    at = raw.index(b"second")
    return raw[:at] + b"\xff\xfe" + raw[at:], text[: text.index("second")].count("\n") + 1


SURROGATE_FIELDS = ("author", "note", "tags", "links")


def _lone_surrogate(field: str) -> Callable[[str], tuple[bytes, int]]:
    """A hand edit that leaves a ``\\udc80`` escape (valid JSON, read as a lone surrogate)
    in one field of a record."""

    def edit(text: str) -> tuple[bytes, int]:
        data = json.loads(text)
        record = data[TABLE]["a" * 32]
        lone = json.loads('"\\udc80"')
        if field == "tags":
            record["tags"] = ["mo" + lone + "od"]
        elif field == "links":
            link = parse_link("https://example.org/").to_record()
            record["links"] = [{**link, "href": link["href"] + lone}]
        else:
            record[field] += lone
        out = json.dumps(data, sort_keys=True, indent=2) + "\n"  # the escape, as written
        return out.encode(), _line_with(out, '"' + "a" * 32 + '":')

    return edit


BROKEN = {
    "truncated": lambda t: (t[: len(t) // 2].encode(), t[: len(t) // 2].count("\n") + 1),
    "conflict markers": _conflicted,
    "top level is a list": lambda t: (b"[1, 2, 3]\n", 1),
    "top level is a string": lambda t: (b'"annotations"\n', 1),
    "table is a list": lambda t: (b'{\n  "annotations": []\n}\n', 2),
    "record is not an object": _record_not_object,
    "record fails validation": _bad_record,
    "record under the wrong id": _id_mismatch,
    "one id twice": _repeated_id,
    "bad utf-8": _bad_utf8,
    "empty file": lambda t: (b"", None),
    "nested too deeply": lambda t: (b'{"annotations": ' + b"[" * 99_999 + b"]" * 99_999 + b"}", 1),
    "a field nested too deeply": _nested_too_deeply,
    "whitespace only": lambda t: (b"\n\n  \n", 4),
    **{f"a lone surrogate in the {field}": _lone_surrogate(field) for field in SURROGATE_FIELDS},
}


@pytest.mark.parametrize("case", BROKEN.keys())
def test_unreadable_own_file_is_reported_and_never_written(
    sample_workspace: Path, case: str
) -> None:
    alice = AnnotationStore(sample_workspace, "Alice")
    raw, line = BROKEN[case](_good_text(alice))
    bob = AnnotationStore(sample_workspace, "Bob")
    bobs = bob.add(note(bob, text="Bob's note survives"))
    mine_elsewhere = alice.add(note(alice, OTHER_DOC, text="on another document"))
    broken = alice.shard_path(DOC)
    broken.write_bytes(raw)

    result = alice.load()
    assert {a.id for a in result.annotations} == {bobs.id, mine_elsewhere.id}
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.path == broken
    assert problem.line == line
    assert str(broken) in str(problem)
    if line is not None:
        assert f"line {line}" in str(problem)
    if case.startswith("a lone surrogate in the "):  # named, and printable
        assert f"{case.split()[-1]}" in str(problem) and "U+DC80, which is not text" in str(problem)
        str(problem).encode("utf-8")
    assert result.read_only == {broken}
    assert not result.writable
    assert not alice.writable(DOC)
    assert alice.writable(OTHER_DOC)

    with pytest.raises(ReadOnlyFile, match="cannot be read") as caught:
        alice.add(note(alice, start=300))
    assert isinstance(caught.value.__cause__, AnnotationFileError)
    alice.add(note(alice, OTHER_DOC, start=300))  # other documents are still fine
    assert broken.read_bytes() == raw

    # Repairing the file (here: removing it) makes the document writable again.
    broken.unlink()
    alice.add(note(alice, start=300))
    assert alice.load().problems == ()


@pytest.mark.parametrize("case", ["truncated", "conflict markers", "bad utf-8", "empty file"])
def test_unreadable_file_of_another_author(sample_workspace: Path, case: str) -> None:
    bob = AnnotationStore(sample_workspace, "Bob")
    raw, line = BROKEN[case](_good_text(bob))
    bob.shard_path(DOC).write_bytes(raw)
    alice = AnnotationStore(sample_workspace, "Alice")
    mine = alice.add(note(alice))
    result = alice.load()
    assert result.annotations == (mine,)
    assert [(p.path, p.line) for p in result.problems] == [(bob.shard_path(DOC), line)]
    assert result.read_only == {bob.shard_path(DOC)}
    assert result.writable, "someone else's broken file does not stop us writing ours"
    assert alice.writable(DOC)
    assert bob.shard_path(DOC).read_bytes() == raw


def test_an_unknown_table_of_the_wrong_shape_is_reported_on_its_line(
    sample_workspace: Path,
) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    store.shard_path(DOC).parent.mkdir(parents=True)
    store.shard_path(DOC).write_text('{\n  "annotations": {},\n  "zzz": 5\n}\n', encoding="utf-8")
    (problem,) = store.load().problems
    assert problem.line == 3
    assert "'zzz'" in problem.message


def test_unknown_tables_are_kept(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    store.shard_path(DOC).parent.mkdir(parents=True)
    store.shard_path(DOC).write_text('{"_meta": {"1": {"v": 2}}}', encoding="utf-8")
    store.add(note(store))
    assert on_disk(store.shard_path(DOC))["_meta"] == {"1": {"v": 2}}


def test_unreadable_author_folder_is_reported(sample_workspace: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any folder")
    bob = AnnotationStore(sample_workspace, "Bob")
    bob.add(note(bob))
    alice = AnnotationStore(sample_workspace, "Alice")
    mine = alice.add(note(alice))
    bob.author_folder.chmod(0)
    try:
        result = alice.load()
    finally:
        bob.author_folder.chmod(0o755)
    assert result.annotations == (mine,)
    assert [p.path for p in result.problems] == [bob.author_folder]


def test_conflict_marker_message_says_what_to_do(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    raw, line = _conflicted(_good_text(store))
    store.shard_path(DOC).write_bytes(raw)
    (problem,) = store.load().problems
    assert "conflict" in problem.message
    assert problem.line == line


def test_a_bad_record_names_its_id(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    raw, _line = _bad_record(_good_text(store))
    store.shard_path(DOC).write_bytes(raw)
    (problem,) = store.load().problems
    assert "a" * 32 in problem.message
    assert "verdict" in problem.message


def test_a_byte_order_mark_is_accepted(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    text = _good_text(store)
    store.shard_path(DOC).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert len(store.load().annotations) == 3


def test_a_broken_file_is_reread_once_fixed(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Alice")
    text = _good_text(store)
    path = store.shard_path(DOC)
    path.write_text(text[:-10], encoding="utf-8")
    assert len(store.load().problems) == 1
    assert len(store.load().problems) == 1  # still broken, still reported
    path.write_text(text, encoding="utf-8")
    result = store.load()
    assert result.problems == ()
    assert len(result.annotations) == 3


# --- who the author is ---------------------------------------------------------------------------


@pytest.fixture
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No global or system git config, and no repository above the workspace."""
    empty = tmp_path / "empty-gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def test_explicit_author_wins(sample_workspace: Path) -> None:
    config = sample_workspace / ".synoptic" / "config.toml"
    config.parent.mkdir()
    config.write_text('author = "Config Person"\n', encoding="utf-8")
    assert resolve_author(sample_workspace, "  Cli Person ") == "Cli Person"
    assert resolve_author(sample_workspace) == "Config Person"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_user_name_comes_next(sample_workspace: Path, no_git_identity: None) -> None:
    subprocess.run(["git", "init", "-q"], cwd=sample_workspace, check=True)
    subprocess.run(["git", "config", "user.name", "Git Person"], cwd=sample_workspace, check=True)
    assert resolve_author(sample_workspace) == "Git Person"


def test_login_name_then_anonymous(
    sample_workspace: Path, no_git_identity: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "login-name")
    assert resolve_author(sample_workspace) == "login-name"

    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert resolve_author(sample_workspace) == "anonymous"


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "evil\x1b[31m", "two\nlines", "nul\x00", "Ann\u202eevil", "a\u2028b", "Bo\u200fb"],
)
def test_unusable_author_names_are_refused(sample_workspace: Path, bad: str) -> None:
    with pytest.raises(AnnotationError):
        resolve_author(sample_workspace, bad)
    with pytest.raises(AnnotationError):
        check_author(bad)
    with pytest.raises(AnnotationError):
        AnnotationStore(sample_workspace, bad)


def test_a_name_that_would_reorder_the_text_beside_it_is_refused_by_name() -> None:
    with pytest.raises(AnnotationError, match=r"U\+202E \(RIGHT-TO-LEFT OVERRIDE\)"):
        check_author("Ann\u202e")
    # Letters from any script, and joiners inside emoji, are names like any other.
    assert check_author("Zoë \u05e9\u05e8\u05d4 \U0001f469\u200d\U0001f52c") == (
        "Zoë \u05e9\u05e8\u05d4 \U0001f469\u200d\U0001f52c"
    )


def test_a_bad_configured_author_is_an_error(sample_workspace: Path) -> None:
    config = sample_workspace / ".synoptic" / "config.toml"
    config.parent.mkdir()
    config.write_text('author = "bad\\u001b[31m"\n', encoding="utf-8")
    with pytest.raises(AnnotationError, match="control character"):
        resolve_author(sample_workspace)
    config.write_text("author = [", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"config\.toml"):
        resolve_author(sample_workspace)


def test_store_paths_use_the_author_slug(sample_workspace: Path) -> None:
    store = AnnotationStore(sample_workspace, "Zoë Q. Public")
    assert store.author_folder == sample_workspace / "annotations" / "zoe-q-public"
    assert os.path.basename(store.shard_path("x/y.txt")) == "x__y.txt.json"
