"""W3C Web Annotation export and import: conformance to the suite's MUST assertions, lossless
round trips of our own exports, and what is (and is not) taken from other tools' annotations."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from w3c_harness import DATA_DIR, check_annotation, check_collection, format_failures

from annotations.conflicts import kept_versions, resolved_versions, version_key
from annotations.labels import ClaimMark, Verdict
from annotations.links import Relation, parse_link, passage_link
from annotations.model import Annotation
from annotations.target import Target
from annotations.w3c import (
    ANNO_CONTEXT,
    Documents,
    W3CFormatError,
    annotation_id_from_iri,
    annotation_iri,
    doc_id_from_iri,
    document_iri,
    dumps,
    export_collection,
    imported_id,
    plan_import,
    read_w3c,
    to_w3c,
)
from annotations.w3c_fields import shown
from corpus.text import inert

A_ID = "articles/a b.txt"
A_TEXT = (
    "Kratom may lift mood. Few articles cite a clinical trial. Some users report less pain. "
    "The trial was small. Kratom may lift mood."
)
B_ID = "b.md"
B_TEXT = "# B\n\nKratom may lift mood, several users say. Doses vary widely."
TEXTS = {A_ID: A_TEXT, B_ID: B_TEXT}
SAMPLES = DATA_DIR / "tools" / "samples" / "correct"


def span(doc: str, quote: str, occurrence: int = 1) -> Target:
    text = TEXTS[doc]
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return Target.from_span(doc, text, start, start + len(quote))


def documents() -> Documents:
    return Documents(TEXTS, TEXTS.get)


def ours() -> list[Annotation]:
    """One of each kind of annotation Synoptic stores, with awkward text throughout."""
    trial = span(A_ID, "Few articles cite a clinical trial.")
    full = Annotation.create(
        "Ann",
        trial,
        "Which trial? **bold** <script>alert(1)</script>\n# heading\n\u202eRTL 🧪 中文",
        tags=["mood", "trial | x", "ünïcödé"],
        verdict=Verdict.NEEDS_EVIDENCE,
        links=[
            parse_link("doi:10.1000/a(b)c", Relation.SUPPORTS, "A [title]"),
            parse_link("PMID:123456", Relation.REFUTES),
            parse_link("https://example.org/x?y=1&z=%20", Relation.CONTEXT),
            passage_link(span(B_ID, "Doses vary widely."), Relation.CONTEXT, "B says"),
        ],
        claim=ClaimMark.CLAIM,
    )
    reply = Annotation.create("Bob", trial, "A 2020 study.", reply_to=full.id)
    tags_only = Annotation.create("Ann", span(A_ID, "Kratom may lift mood.", 2), tags=["dup"])
    verdict_only = Annotation.create("Ann", span(B_ID, "Doses vary widely."), verdict=Verdict.FALSE)
    bare = Annotation.create("Ann", span(A_ID, "The trial was small."))
    pain = span(A_ID, "Some users report less pain.")
    marked = Annotation.create("Ann", pain, claim=ClaimMark.NOT_CLAIM)
    odd = replace(
        Annotation.create("Ann", span(B_ID, "several users say"), "odd"),
        id="Not-A-UUID with spaces/#?",
        created="2024-01-02T03:04+00:00",
        modified="2024-01-02T03:05:06.5-05:00",
        superseded=({"note": "older text", "modified": "2023-01-01T00:00:00+00:00"},),
        extra=MappingProxyType({"future_field": {"nested": [1, 2, None]}, "flag": True}),
    )
    orphan = replace(
        Annotation.create("Ann", trial, "on text that is gone"),
        target=Target(A_ID, "A sentence that is gone.", "before ", " after", 500, 524, "0" * 64),
    )
    return [full, reply, tags_only, verdict_only, bare, marked, odd, orphan]


# --- export --------------------------------------------------------------------------------------


def test_every_exported_annotation_passes_the_w3c_must_assertions() -> None:
    collection = export_collection(ours(), label="Notes on ws")
    results = check_collection(collection)
    failures = {key: f for key, f in results.items() if f}
    assert not failures, "\n".join(f"{k}:\n{format_failures(f)}" for k, f in failures.items())
    assert collection["total"] == len(collection["first"]["items"]) == len(ours())
    for annotation in ours():
        standalone = {"@context": collection["@context"], **to_w3c(annotation)}
        assert check_annotation(standalone) == [], format_failures(check_annotation(standalone))


def test_the_collection_is_one_embedded_page_with_our_context() -> None:
    collection = export_collection(ours(), label="Notes on ws")
    assert collection["@context"] == [ANNO_CONTEXT, {"synoptic": "urn:synoptic:vocab:"}]
    assert collection["type"] == "AnnotationCollection"
    assert collection["first"]["type"] == "AnnotationPage"
    assert "next" not in collection["first"]
    assert collection["id"].startswith("urn:uuid:")


def test_an_annotation_maps_to_the_model_as_documented() -> None:
    full, reply, tags_only, verdict_only, bare, marked, odd, _ = ours()
    item = to_w3c(full)
    assert item["id"] == f"urn:uuid:{uuid.UUID(hex=full.id)}"
    assert item["motivation"] == "commenting"
    assert item["creator"] == {"type": "Person", "name": "Ann"}
    assert item["target"]["source"] == "urn:synoptic:doc:articles/a%20b.txt"
    assert item["target"]["selector"] == [
        {
            "type": "TextQuoteSelector",
            "exact": full.target.quote,
            "prefix": full.target.prefix,
            "suffix": full.target.suffix,
        },
        {"type": "TextPositionSelector", "start": full.target.start, "end": full.target.end},
    ]
    purposes = [(b.get("purpose"), b.get("value", b.get("source"))) for b in item["body"]]
    assert purposes[:5] == [
        ("commenting", full.note),
        ("assessing", "needs-evidence"),
        ("tagging", "mood"),
        ("tagging", "trial | x"),
        ("tagging", "ünïcödé"),
    ]
    assert item["body"][0]["format"] == "text/markdown"
    assert item["body"][5] == {
        "type": "SpecificResource",
        "purpose": "linking",
        "source": "https://doi.org/10.1000/a(b)c",
        "synoptic:relation": "supports",
        "synoptic:title": "A [title]",
    }
    cited = item["body"][8]
    assert cited["source"] == "urn:synoptic:doc:b.md"
    assert cited["selector"][0]["exact"] == "Doses vary widely."
    assert item["synoptic:claim"] == "claim"
    assert to_w3c(reply)["motivation"] == "replying"
    assert to_w3c(reply)["target"][0] == item["id"]
    assert to_w3c(tags_only)["motivation"] == "tagging"
    assert to_w3c(verdict_only)["motivation"] == "assessing"
    assert to_w3c(verdict_only)["body"] == [
        {"type": "TextualBody", "purpose": "assessing", "value": "false"}
    ]
    assert "body" not in to_w3c(bare) and to_w3c(bare)["motivation"] == "highlighting"
    assert to_w3c(marked)["motivation"] == "classifying"
    odd_item = to_w3c(odd)
    assert odd_item["id"] == "urn:synoptic:annotation:Not-A-UUID%20with%20spaces%2F%23%3F"
    assert odd_item["created"] == "2024-01-02T03:04:00.000000+00:00"
    assert odd_item["synoptic:created"] == odd.created
    assert "synoptic:modified" not in odd_item


def test_tombstones_are_not_exported() -> None:
    notes = ours()
    collection = export_collection([notes[0], notes[4].tombstone()], label="x")
    assert collection["total"] == 1
    assert [i["id"] for i in collection["first"]["items"]] == [annotation_iri(notes[0].id)]


def test_the_same_notes_export_the_same_bytes() -> None:
    notes = ours()
    assert dumps(export_collection(notes, label="x")) == dumps(export_collection(notes, label="x"))
    other = export_collection(notes[:2], label="x")
    assert other["id"] != export_collection(notes, label="x")["id"]


def test_invisible_characters_are_written_as_escapes_of_the_same_data() -> None:
    """Printed to a terminal or opened in an editor, a CSI in a quoted document or a
    right-to-left override in a note cannot act: JSON escapes carry them, losslessly."""
    text = "Kratom \x9b31m eases\x7f pain. \u202eevil\u202c and\u2028more."
    made = Annotation.create("Ann", Target.from_span("x\u2066.txt", text, 0, len(text)), text)
    collection = export_collection([made], label="Notes on \u202ews")
    written = dumps(collection)
    assert inert(written, keep_newlines=True) == written
    assert "\\u009b31m" in written and "\\u202eevil\\u202c" in written
    assert json.loads(written) == collection


@pytest.mark.parametrize("annotation_id", ["0123456789abcdef0123456789abcdef", "x y/z#1", "ABC"])
def test_annotation_iris_round_trip(annotation_id: str) -> None:
    assert annotation_id_from_iri(annotation_iri(annotation_id)) == annotation_id


@pytest.mark.parametrize("doc_id", ["a.txt", "sub dir/ünï#?.md", "100%.txt"])
def test_document_iris_round_trip(doc_id: str) -> None:
    iri = document_iri(doc_id)
    assert " " not in iri and "#" not in iri and "?" not in iri
    assert doc_id_from_iri(iri) == doc_id


# --- round trip ----------------------------------------------------------------------------------


def test_an_export_reimports_without_loss() -> None:
    notes = [n for n in ours() if n.author == "Ann"]
    source = read_w3c(dumps(export_collection(notes, label="x")).encode("utf-8"))
    plan = plan_import(source, documents(), "Ann", existing={})
    assert plan.skipped == [] and plan.warnings == []
    assert sorted(plan.annotations, key=lambda a: a.id) == sorted(notes, key=lambda a: a.id)


def history(note: Annotation) -> Annotation:
    """``note`` as it is after a conflict it lost, resolved, then moved to another document."""
    lost = {**note.to_record(), "note": "the version that lost", "superseded": []}
    moved_from = {**lost, "target": {**lost["target"], "doc": "elsewhere.txt"}}
    kept = replace(note, superseded=(lost,))
    return replace(kept, resolved=(version_key(lost),), moved_from=moved_from)


def test_a_notes_history_survives_an_export_and_reimport() -> None:
    """Which kept versions were resolved travels too: re-imported, they are not reported again
    (and where a move came from, so that copies can still be joined)."""
    note = history(ours()[0])
    assert kept_versions(note) == []
    collection = export_collection([note], label="x")
    assert not any(check_collection(collection).values())  # still a valid W3C annotation
    item = collection["first"]["items"][0]
    assert item["synoptic:resolved"] == list(note.resolved)
    assert item["synoptic:moved_from"] == dict(note.moved_from or {})
    source = read_w3c(dumps(export_collection([note], label="x")).encode("utf-8"))
    plan = plan_import(source, documents(), "Ann", existing={})
    assert plan.skipped == [] and plan.warnings == []
    [again] = plan.annotations
    assert again == note
    assert kept_versions(again) == []
    assert [v.text for v in resolved_versions(again)] == ["the version that lost"]


@pytest.mark.parametrize(
    ("name", "bad"),
    [("superseded", ["not a version"]), ("resolved", [1, 2]), ("moved_from", "a.txt")],
)
def test_a_malformed_history_field_is_kept_aside_and_reported(name: str, bad: object) -> None:
    item = to_w3c(ours()[4]) | {"@context": ANNO_CONTEXT, f"synoptic:{name}": bad}
    made, reasons = import_one(item)
    assert made is not None
    assert reasons == [
        f"its synoptic:{name} is malformed ({shown(bad)}); it is kept in its extra field "
        f"'imported_{name}'"
    ]
    assert made.extra[f"imported_{name}"] == bad


def test_someone_elses_notes_become_the_importers_with_the_creator_kept() -> None:
    notes = ours()
    source = read_w3c(dumps(export_collection(notes, label="x")).encode("utf-8"))
    plan = plan_import(source, documents(), "Cy", existing={})
    assert plan.skipped == []
    by_id = {a.id: a for a in plan.annotations}
    for original in notes:
        imported = by_id[original.id]
        assert imported.author == "Cy"
        assert imported.extra["imported_creator"] == original.author
        assert replace(imported, author=original.author, extra=original.extra) == original
    order = [a.id for a in plan.annotations]
    assert order.index(notes[0].id) < order.index(notes[1].id), "parents before replies"


def test_ids_already_in_the_workspace_are_not_imported_again() -> None:
    notes = ours()
    source = read_w3c(dumps(export_collection(notes, label="x")).encode("utf-8"))
    existing = {notes[0].id: notes[0], notes[4].id: notes[4].tombstone()}
    plan = plan_import(source, documents(), "Ann", existing=existing)
    assert {a.id for a in plan.annotations} == {n.id for n in notes} - set(existing)
    reasons = {s.id: s.reason for s in plan.skipped}
    assert reasons[annotation_iri(notes[0].id)] == "an annotation with its id is already in it"
    assert "deleted" in reasons[annotation_iri(notes[4].id)]


# --- reading files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"[\x80]", "not UTF-8"),
        (b"42", "must hold a JSON object"),
        (b'{"type": "Person"}', 'an object with type "Person"; expected an object with "type"'),
        (b"{}", 'an object with no "type"; expected an object with "type": "Annotation", "Anno'),
        (b'{"type": "AnnotationCollection", "first": "http://x/p1"}', "not embedded"),
        (b'{"type": "AnnotationPage"}', "no 'items' list"),
        (b'[{"a": NaN}]', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        # Read by the parser, but copying the body to keep it would recurse past the limit.
        pytest.param(
            b'{"type": "Annotation", "body": ' + b"[" * 600 + b"]" * 600 + b"}",
            "over 100 levels",
            id="a body nested 600 deep",
        ),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(W3CFormatError, match=message):
        read_w3c(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty; there are no annotations in it."),
        (b" \n\t\r\n", "The file is empty; there are no annotations in it."),
        (b"\xef\xbb\xbf\n", "The file is empty; there are no annotations in it."),
        (b"[1, 2, 3]", "The file holds a list of numbers, not of annotations; it must hold a JSON"),
        (b'[1, "a", null]', "The file holds a list of numbers, text strings and nulls, not of"),
        (b"[[]]", "The file holds a list of lists, not of annotations"),
        (b'"just text"', "The file holds a text string; it must hold a JSON object"),
        (b"null", "The file holds null; it must hold a JSON object"),
        (b"\xff\xfe[\x00]\x00", "The file is UTF-16 text (it starts with a UTF-16 byte-order"),
        (b"[\xc3(]", "The file is not UTF-8 text (byte 2 cannot be read as UTF-8)."),
        (b'{"a": 1', "it ends at line 1, column 8 before the JSON does (cut short?)."),
        (b"[]\n[]", "more follows the JSON value, at line 2, column 1."),
        (b'{"a" 1}', "at line 1, column 6, expecting ':' delimiter."),
    ],
)
def test_a_file_that_holds_no_annotations_says_what_it_holds(data: bytes, message: str) -> None:
    """The parser's own words ("Expecting value: line 1 column 1 (char 0)") describe JSON, not
    the file a user picked; an empty file in particular must say that it is empty."""
    with pytest.raises(W3CFormatError) as raised:
        read_w3c(data)
    assert message in str(raised.value)
    assert "Expecting value" not in str(raised.value) and "(char " not in str(raised.value)


def test_huge_files_are_refused_before_parsing() -> None:
    with pytest.raises(W3CFormatError, match="over"):
        read_w3c(b"[" + b" " * 2000 + b"]", limit=1000)


def test_every_shape_is_read() -> None:
    item = {"type": "Annotation", "id": "http://x/1", "target": "http://x"}
    assert read_w3c(json.dumps(item).encode()).items == [item]
    assert read_w3c(json.dumps([item, item]).encode()).items == [item, item]
    page = {"type": "AnnotationPage", "items": [item], "next": "http://x/page2"}
    read = read_w3c(json.dumps(page).encode())
    assert read.items == [item] and "continues at http://x/page2" in read.notices[0]
    collection = {"type": ["AnnotationCollection"], "first": page}
    assert read_w3c(json.dumps(collection).encode()).items == [item]
    assert read_w3c(b'{"type": "AnnotationCollection", "total": 0}').items == []


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_the_w3c_suite_samples_are_read_and_skipped_with_reasons(path: Path) -> None:
    try:
        source = read_w3c(path.read_bytes())
    except W3CFormatError as exc:
        assert path.name == "example41.json", exc  # a collection whose pages are only IRIs
        return
    plan = plan_import(source, documents(), "Ann", existing={})
    assert plan.annotations == []
    assert len(plan.skipped) == len(source.items)
    assert all(s.reason for s in plan.skipped)


# --- other tools ---------------------------------------------------------------------------------


def foreign(target: object, body: object = None, **more: object) -> dict[str, object]:
    item: dict[str, object] = {
        "@context": ANNO_CONTEXT,
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "created": "2015-10-13T13:00:00Z",
        "creator": {"type": "Person", "name": "Hypo User", "nickname": "hypo"},
        "target": target,
        **more,
    }
    if body is not None:
        item["body"] = body
    return item


def quote_target(source: str, exact: str, prefix: str = "", suffix: str = "") -> dict[str, object]:
    return {
        "source": source,
        "selector": [
            {"type": "RangeSelector", "startSelector": {"type": "XPathSelector", "value": "/p"},
             "endSelector": {"type": "XPathSelector", "value": "/p"}},
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
        ],
    }  # fmt: skip


def import_one(item: object, author: str = "Ann") -> tuple[Annotation | None, list[str]]:
    plan = plan_import(read_w3c(json.dumps(item).encode()), documents(), author, existing={})
    assert len(plan.annotations) + len(plan.skipped) == 1
    reasons = [s.reason for s in plan.skipped] + [w.reason for w in plan.warnings]
    return (plan.annotations[0] if plan.annotations else None), reasons


LONE = json.loads('"\\udc80"')
"""What ``"\\udc80"`` in a file reads as: a lone surrogate, which no UTF-8 file can hold."""


@pytest.mark.parametrize(
    ("more", "why"),
    [
        ({"bodyValue": "a" + LONE}, "note: contains U+DC80"),
        ({"synoptic:superseded": [{"note": LONE}]}, "superseded[0].note: contains U+DC80"),
        ({"synoptic:moved_from": {"note": LONE}}, "moved_from.note: contains U+DC80"),
        ({"synoptic:extra": {"review": LONE}}, "review: contains U+DC80"),
    ],
)
def test_an_import_refuses_a_lone_surrogate_it_cannot_drop(
    more: dict[str, object], why: str
) -> None:
    """Text with a lone surrogate cannot be stored, exported or shown; where it is the note's
    own words (or history kept verbatim), dropping it would change what was said: refused."""
    made, reasons = import_one(foreign(quote_target("a b.txt", "clinical trial"), **more))
    assert made is None
    assert [r for r in reasons if r.startswith("it cannot be stored")] == [
        f"it cannot be stored: {why}, which is not text: bytes in another encoding than UTF-8 "
        "(check the terminal's or the file's encoding)"
    ]


def test_a_link_refused_for_a_lone_surrogate_is_kept_in_the_note_as_the_warning_says() -> None:
    """The warning said "its text is kept in the note" while the note was skipped for holding
    that text: the link's text is kept, the character as its escape, and the note imported."""
    body = [
        {"type": "TextualBody", "value": "Their source is a forum post."},
        {"type": "SpecificResource", "purpose": "linking", "source": "https://x.org/" + LONE},
    ]
    made, reasons = import_one(foreign(quote_target("a b.txt", "clinical trial"), body))
    assert made is not None
    assert made.note == "Their source is a forum post.\n\nLink not imported: https://x.org/\\udc80"
    (reason,) = reasons
    assert reason.startswith("the link 'https://x.org/\\udc80' was not imported as a link (")
    assert reason.endswith(
        "; its text is kept in the note, each character that is not text (a lone surrogate) "
        "written as its \\u escape"
    )


def test_a_skipped_annotation_is_not_said_to_keep_what_it_lost() -> None:
    """A note that cannot be stored is skipped with the reason; what was changed to fit it (a
    link "kept in the note") was kept nowhere, and saying so would contradict the skip."""
    body = [
        {"type": "TextualBody", "value": "a" + LONE},
        {"type": "SpecificResource", "purpose": "linking", "source": "javascript:alert(1)"},
        {"type": "TextualBody", "purpose": "tagging", "value": "two\nlines"},
    ]
    made, reasons = import_one(foreign(quote_target("a b.txt", "clinical trial"), body))
    assert made is None
    assert reasons == [
        "it cannot be stored: note: contains U+DC80, which is not text: bytes in another "
        "encoding than UTF-8 (check the terminal's or the file's encoding)"
    ]


def test_an_import_drops_a_lone_surrogate_from_a_name_tag_or_title_and_says_so() -> None:
    item = foreign(
        quote_target("a b.txt", "clinical trial"),
        [
            {"type": "TextualBody", "purpose": "tagging", "value": "mo" + LONE + "od"},
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": "https://x.org/",
                "synoptic:title": "ti" + LONE + "tle",
            },
        ],
        creator={"type": "Person", "name": "Hy" + LONE + "po"},
    )
    made, reasons = import_one(item)
    assert made is not None
    assert (made.extra["imported_creator"], made.tags, made.links[0].title) == (
        "Hypo",
        ("mood",),
        "title",
    )
    assert len(reasons) == 3 and all("\\udc80" in r for r in reasons)  # shown as an escape


@pytest.mark.parametrize(
    "source",
    [
        "https://example.com/articles/a%20b.txt",
        "file:///home/someone/ws/articles/a%20b.txt",
        "https://example.com/mirror/a%20b.txt",
        "urn:synoptic:doc:articles/a%20b.txt",
    ],
)
def test_a_text_quote_on_a_workspace_document_is_anchored(source: str) -> None:
    item = foreign(
        quote_target(source, "clinical trial"),
        [
            {"type": "TextualBody", "value": "Is it?", "purpose": "commenting"},
            {"type": "TextualBody", "value": "mood", "purpose": "tagging"},
            {"type": "TextualBody", "value": "Needs evidence", "purpose": "assessing"},
            {"type": "SpecificResource", "source": "https://doi.org/10.1000/x",
             "purpose": "linking", "synoptic:relation": "refutes"},
            "https://example.org/source",
            {"id": "javascript:alert(1)"},
        ],
    )  # fmt: skip
    made, reasons = import_one(item)
    assert made is not None
    start = A_TEXT.index("clinical trial")
    assert made.target == Target.from_span(A_ID, A_TEXT, start, start + len("clinical trial"))
    assert made.note == "Is it?\n\nLink not imported: javascript:alert(1)"  # seen, not lost
    assert made.tags == ("mood",)
    assert made.verdict is Verdict.NEEDS_EVIDENCE
    assert [(link.href, link.relation) for link in made.links] == [
        ("https://doi.org/10.1000/x", Relation.REFUTES),
        ("https://example.org/source", Relation.CONTEXT),
    ]
    assert len(reasons) == 1 and "javascript:alert(1)" in reasons[0]
    assert made.id == uuid.uuid5(uuid.NAMESPACE_URL, "https://hypothes.is/a/abc123").hex
    assert made.author == "Ann"
    assert made.extra == {
        "imported_creator": "Hypo User",
        "imported_from": "https://hypothes.is/a/abc123",
    }
    assert made.created == "2015-10-13T13:00:00Z"


def test_the_context_picks_between_copies_of_a_quote() -> None:
    item = foreign(quote_target("a b.txt", "Kratom may lift mood.", prefix="was small. "))
    made, _ = import_one(item)
    assert made is not None and made.target.start == A_TEXT.rindex("Kratom may lift mood.")
    ambiguous, reasons = import_one(foreign(quote_target("a b.txt", "Kratom may lift mood.")))
    assert ambiguous is None
    assert reasons == [
        f"the quote occurs 2 times in {A_ID} and its context does not say which one is meant"
    ]


def test_a_position_alone_or_beside_a_quote_is_used() -> None:
    position = {"type": "TextPositionSelector", "start": 0, "end": 21}
    made, _ = import_one(foreign({"source": "a b.txt", "selector": position}, bodyValue="x"))
    assert made is not None and made.target.quote == "Kratom may lift mood." and made.note == "x"
    beyond = {"type": "TextPositionSelector", "start": 0, "end": 9999}
    missing, reasons = import_one(foreign({"source": "a b.txt", "selector": beyond}))
    assert missing is None and "past the end" in reasons[0]


def test_a_slightly_changed_quote_is_anchored_like_a_stored_note() -> None:
    item = foreign(
        quote_target("b.md", "Doses vary widely!", "several users say. ", ""),
        {"type": "TextualBody", "value": "fuzzy"},
    )
    made, _ = import_one(item)
    assert made is not None and made.target.quote == "Doses vary widely."


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://example.com/page1", "its target http://example.com/page1 is not a document"),
        ("https://example.com/a%20b.txt", "targets the whole of articles/a b.txt"),
        (quote_target("https://elsewhere/c.txt", "x"), "is not a document of this workspace"),
        (quote_target("a b.txt", "not in the text at all"), "is not in articles/a b.txt"),
        ([], "it has no target"),
    ],
)
def test_what_does_not_map_is_skipped_with_the_reason(target: object, reason: str) -> None:
    made, reasons = import_one(foreign(target, {"type": "TextualBody", "value": "x"}))
    assert made is None and reason in reasons[0]


def test_a_target_with_no_name_is_not_named_twice() -> None:
    made, reasons = import_one(foreign(5, bodyValue="x"))
    assert made is None and reasons == ["its target 5 is neither an address nor a resource"]


GROUPED = "a Synoptic note is on one passage of one document"


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        (True, "its target true is neither an address nor a resource"),
        ("", "its target is an empty address"),
        (
            {"selector": {"type": "TextQuoteSelector", "exact": "Doses vary widely."}},
            "its target has no 'source' (the document its selectors are on)",
        ),
        (
            {"type": "Composite", "items": [quote_target("b.md", "Doses vary widely."), "b.md"]},
            f"its target groups 2 resources (Composite; the first is b.md); {GROUPED}",
        ),
        (
            {"type": "Independents", "items": ["http://example.com/image1"]},
            f"its target groups 1 resource (Independents; the first is "
            f"http://example.com/image1); {GROUPED}",
        ),
        ({"type": "List", "items": []}, f"its target groups 0 resources (List); {GROUPED}"),
    ],
)
def test_a_target_that_names_no_resource_says_what_it_is(target: object, reason: str) -> None:
    """The suite's own samples (a Composite of pages, a List of a book's pages, a target of
    9, a selector with no source) were all skipped as "its target is not a document of this
    workspace", which says nothing about what is wrong with them."""
    made, reasons = import_one(foreign(target, bodyValue="x"))
    assert made is None and reasons == [reason]


CANNOT_PLACE = (
    "is not a selector Synoptic can place (it reads TextQuoteSelector and TextPositionSelector)"
)


@pytest.mark.parametrize(
    ("selector", "why"),
    [
        ({"type": "TextQuoteSelector", "prefix": "x"}, "the TextQuoteSelector has no 'exact' text"),
        ({"type": "TextQuoteSelector", "exact": ""}, "the TextQuoteSelector's 'exact' is empty"),
        ({"type": "TextQuoteSelector", "exact": 3}, "the TextQuoteSelector's 'exact' is not text"),
        (
            {"type": "TextPositionSelector", "start": 5},
            "the TextPositionSelector needs whole numbers 'start' and 'end', start before end",
        ),
        ({"type": "CssSelector", "value": "p"}, f"CssSelector {CANNOT_PLACE}"),
        ({"type": "FragmentSelector", "value": "page=2"}, f"FragmentSelector {CANNOT_PLACE}"),
        ({"exact": "trial"}, "a selector has no 'type'"),
        ("trial", "a selector is not a JSON object"),
    ],
)
def test_an_unusable_selector_is_named_with_what_is_wrong(selector: object, why: str) -> None:
    made, reasons = import_one(foreign({"source": "b.md", "selector": selector}, bodyValue="x"))
    assert made is None
    assert reasons == [f"its target on b.md has no usable selector: {why}"]


def test_a_target_without_selectors_says_which_it_needs() -> None:
    made, reasons = import_one(foreign({"source": "b.md"}, bodyValue="x"))
    assert made is None
    assert reasons == [
        "its target on b.md has no selector (Synoptic needs a TextQuoteSelector or a "
        "TextPositionSelector)"
    ]


def test_a_broken_selector_beside_a_usable_one_is_not_a_reason_to_skip() -> None:
    broken = {"type": "TextQuoteSelector"}
    position = {"type": "TextPositionSelector", "start": 0, "end": 5}
    made, reasons = import_one(foreign({"source": "b.md", "selector": [broken, position]}))
    assert made is not None and reasons == []


def test_replies_in_another_tools_file_find_their_parent() -> None:
    parent = foreign(quote_target("b.md", "Doses vary widely."), bodyValue="Which doses?")
    reply = {
        "id": "https://hypothes.is/a/reply1",
        "type": "Annotation",
        "motivation": "replying",
        "creator": "https://example.org/users/ann",
        "body": {"type": "TextualBody", "value": "Any."},
        "target": "https://hypothes.is/a/abc123",
    }
    page = {"type": "AnnotationPage", "items": [reply, parent]}
    plan = plan_import(read_w3c(json.dumps(page).encode()), documents(), "Ann", existing={})
    assert plan.skipped == []
    first, second = plan.annotations
    assert first.note == "Which doses?" and second.note == "Any."
    assert second.reply_to == first.id and second.target == first.target
    assert second.extra["imported_creator"] == "https://example.org/users/ann"


def hypothesis_row(row_id: str, text: str, **more: object) -> dict[str, object]:
    """An annotation as Hypothesis's API and its client's "Export" button write it."""
    return {
        "id": row_id,
        "created": "2024-03-04T09:15:22.123456+00:00",
        "updated": "2024-03-05T10:00:00.000000+00:00",
        "user": "acct:dana@hypothes.is",
        "uri": "https://b.example/",
        "text": text,
        "tags": [],
        "group": "__world__",
        "permissions": {"read": ["group:__world__"]},
        "document": {"title": ["B"]},
        "links": {"html": f"https://hypothes.is/a/{row_id}", "json": "https://api/x"},
        "user_info": {"display_name": "Dana"},
        "flagged": False,
        "hidden": False,
        **more,
    }


@pytest.mark.parametrize("shape", ["client export", "API search", "list of rows"])
def test_hypothesis_s_own_export_is_read_as_its_w3c_annotations(shape: str) -> None:
    """The file a Hypothesis user has is the client's JSON export, not JSON-LD: it was refused
    as 'an object with no "type"'. Its notes, tags and replies come in, with the ids the
    JSON-LD form of the same notes gets, so importing both adds nothing twice."""
    target = quote_target("https://b.example/", "Doses vary widely.", "several users say. ")
    rows = [
        hypothesis_row("Pa1", "Which doses?", tags=["dosage", "unsourced"], target=[target]),
        hypothesis_row(
            "Re2", "Any.", references=["Pa1"], target=[{"source": "https://b.example/"}]
        ),
        hypothesis_row("No3", "A page note.", target=[{"source": "https://b.example/"}]),
        hypothesis_row("Re4", "To someone else.", references=["Zz9"], target=[target]),
    ]
    wrapped: object = {
        "client export": {
            "export_date": "2024-03-06T00:00:00.000Z",
            "export_userid": "acct:dana@hypothes.is",
            "client_version": "1.1400.0",
            "annotations": rows,
        },
        "API search": {"total": 4, "rows": rows},
        "list of rows": rows,
    }[shape]
    texts = Documents(TEXTS, TEXTS.get, {"https://b.example": B_ID})
    plan = plan_import(read_w3c(json.dumps(wrapped).encode()), texts, "Ann", existing={})
    note, reply = plan.annotations
    assert (note.note, note.tags, note.target.quote) == (
        "Which doses?",
        ("dosage", "unsourced"),
        "Doses vary widely.",
    )
    assert (note.writer, note.created, note.modified) == (
        "acct:dana@hypothes.is",
        "2024-03-04T09:15:22.123456+00:00",
        "2024-03-05T10:00:00.000000+00:00",
    )
    assert reply.note == "Any." and reply.reply_to == note.id and reply.target == note.target
    assert [(s.id, s.reason) for s in plan.skipped] == [
        (
            "https://hypothes.is/a/No3",
            f"its target on {B_ID} has no selector (Synoptic needs a TextQuoteSelector or a "
            "TextPositionSelector)",
        ),
        (  # the client exports only the user's own annotations, not the one answered
            "https://hypothes.is/a/Re4",
            "it answers https://hypothes.is/a/Zz9, which is neither in the file nor in this "
            "workspace, so its passage is not known",
        ),
    ]
    assert note.id == imported_id("https://hypothes.is/a/Pa1")  # as from its JSON-LD


def test_a_reply_finds_its_parent_imported_earlier_from_another_file() -> None:
    """Without this, the reply's only target was dropped and the reply refused."""
    parent = foreign(quote_target("b.md", "Doses vary widely."), bodyValue="Which doses?")
    (first,) = plan_import(
        read_w3c(json.dumps(parent).encode()), documents(), "Ann", existing={}
    ).annotations
    reply = foreign("https://hypothes.is/a/abc123", bodyValue="Any.", id="https://h/a/2")
    plan = plan_import(
        read_w3c(json.dumps(reply).encode()), documents(), "Ann", existing={first.id: first}
    )
    (second,) = plan.annotations
    assert second.reply_to == first.id and second.target == first.target
    assert plan.skipped == plan.warnings == []


def test_the_same_foreign_file_imported_twice_adds_nothing_new() -> None:
    item = foreign(quote_target("b.md", "Doses vary widely."), bodyValue="x")
    data = json.dumps([item, item]).encode()
    plan = plan_import(read_w3c(data), documents(), "Ann", existing={})
    assert len(plan.annotations) == 1
    assert [s.reason for s in plan.skipped] == ["it appears twice in the file"]
    again = plan_import(
        read_w3c(data), documents(), "Ann", existing={a.id: a for a in plan.annotations}
    )
    assert again.annotations == []


def test_unreadable_documents_and_odd_items_are_reported() -> None:
    docs = Documents([A_ID], lambda doc_id: None)
    items = [foreign(quote_target("a b.txt", "trial")), "a string", {"type": "Annotation"}]
    plan = plan_import(read_w3c(json.dumps(items).encode()), docs, "Ann", existing={})
    assert [s.reason for s in plan.skipped] == [
        f"the document {A_ID} cannot be read",
        'it is not a JSON object; expected an object with "type": "Annotation"',
        "it has no target",
    ]
    assert [s.id for s in plan.skipped] == ["https://hypothes.is/a/abc123", "items[1]", "items[2]"]


@pytest.mark.parametrize(
    ("item", "described"),
    [
        ({}, 'no "type"'),
        ({"type": "Note"}, 'type "Note"'),
        ({"type": 5}, 'a "type" that is not text'),
    ],
)
def test_an_item_that_is_no_annotation_says_what_one_is(item: object, described: str) -> None:
    plan = plan_import(read_w3c(json.dumps([item]).encode()), documents(), "Ann", existing={})
    assert [s.reason for s in plan.skipped] == [
        f'it has {described}; expected an object with "type": "Annotation"'
    ]


# --- what an import changes to fit, it reports and keeps -----------------------------------------


def test_what_an_import_changes_to_fit_is_reported_and_the_original_kept() -> None:
    """Our model is stricter than the W3C one; no field another tool wrote may silently change
    or vanish: each change is a warning, and the original is kept in the note or its extra."""
    item = foreign(
        [quote_target("a b.txt", "clinical trial"), "https://elsewhere.example/page"],
        [
            {"type": "TextualBody", "purpose": "tagging", "value": "kratom\nmood"},
            {"type": "TextualBody", "purpose": "assessing", "value": "false"},
            {"type": "TextualBody", "purpose": "assessing", "value": "misleading"},
            {"type": "Choice", "items": [
                {"type": "TextualBody", "value": "In English"},
                {"type": "TextualBody", "value": "Auf Deutsch"},
            ]},
            {"type": "TextualBody", "value": 42},
            {"type": "Image"},
            "javascript:alert(1)",
        ],
        creator=[{"name": "Hypo\nUser"}, {"name": "Second Author"}],
        created="last tuesday",
        modified="2015-10-13T13:00:00",
    )  # fmt: skip
    plan = plan_import(read_w3c(json.dumps(item).encode()), documents(), "Ann", existing={})
    (made,) = plan.annotations
    warned = [w.reason for w in plan.warnings]
    assert {w.id for w in plan.warnings} == {"https://hypothes.is/a/abc123"}

    def said(*words: str) -> bool:
        return any(all(word in reason for word in words) for reason in warned)

    assert made.tags == ("kratom mood",) and said('"kratom\\nmood"', '"kratom mood"')
    assert made.original_author == "Hypo User" and said('"Hypo\\nUser"', '"Hypo User"')
    assert made.extra["imported_creators"] == ["Hypo User", "Second Author"]
    assert said("2 creators", "imported_creators")
    assert made.extra["imported_created"] == "last tuesday" and said('"last tuesday"')
    assert made.modified == "2015-10-13T13:00:00+00:00"
    assert made.extra["imported_modified"] == "2015-10-13T13:00:00" and said("no time zone")
    assert made.extra["imported_targets"] == ["https://elsewhere.example/page"]
    assert said("https://elsewhere.example/page", "imported_targets")
    assert made.verdict is Verdict.FALSE and said("several verdicts", "'misleading'")
    assert made.note == "In English\n\nLink not imported: javascript:alert(1)"
    assert said("javascript:alert(1)", "kept in the note")
    assert made.extra["imported_bodies"] == [
        {"type": "TextualBody", "purpose": "assessing", "value": "misleading"},
        {"type": "Choice", "items": [{"type": "TextualBody", "value": "Auf Deutsch"}]},
        {"type": "TextualBody", "value": 42},
        {"type": "Image"},
    ]
    assert said("2 options") and said("42", "not text") and said("neither text nor a link")
    assert len(warned) == 11, warned


MODIFIED = "2016-03-01T09:00:00+00:00"


@pytest.mark.parametrize(
    ("created", "kept", "warning"),
    [
        (None, None, None),  # W3C makes created optional; the modified time is the best known
        ("last tuesday", "last tuesday", "is not a date; its modified time was used"),
        (
            "2030-01-01T00:00:00Z",
            "2030-01-01T00:00:00Z",
            'is after its modified time "2016-03-01T09:00:00+00:00"; the modified time was '
            "used for both",
        ),
        ("2030-01-01T00:00:00", "2030-01-01T00:00:00", "is after its modified time"),
    ],
)
def test_an_imported_note_is_never_created_after_it_was_modified(
    created: str | None, kept: str | None, warning: str | None
) -> None:
    """A created time missing or unreadable used to become the time of the import, after the
    modified time the file gave: a note edited before it was written."""
    item = foreign(quote_target("a b.txt", "clinical trial"), bodyValue="x", modified=MODIFIED)
    if created is None:
        del item["created"]
    else:
        item["created"] = created
    made, reasons = import_one(item)
    assert made is not None
    assert (made.created, made.modified) == (MODIFIED, MODIFIED)
    assert made.extra.get("imported_created") == kept
    if warning is None:
        assert reasons == []
    else:
        assert any(warning in reason and "'imported_created'" in reason for reason in reasons)


def test_an_imported_note_created_before_it_was_modified_keeps_both_times() -> None:
    item = foreign(quote_target("a b.txt", "clinical trial"), bodyValue="x", modified=MODIFIED)
    made, reasons = import_one(item)
    assert made is not None and reasons == []
    assert (made.created, made.modified) == ("2015-10-13T13:00:00Z", MODIFIED)


def test_a_body_whose_only_link_is_refused_keeps_the_link_s_text() -> None:
    made, reasons = import_one(foreign(quote_target("a b.txt", "clinical trial"), "file:///x"))
    assert made is not None and made.note == "Link not imported: file:///x"
    assert made.links == () and "its text is kept in the note" in reasons[0]


def test_a_reply_to_a_note_in_neither_the_file_nor_the_workspace_is_reported() -> None:
    parent = "urn:uuid:0b0b0b0b-0b0b-0b0b-0b0b-0b0b0b0b0b0b"
    made, reasons = import_one(
        foreign([parent, quote_target("a b.txt", "clinical trial")], bodyValue="x")
    )
    assert made is not None and made.reply_to == "0b" * 16
    assert reasons == [
        f'it answers "{parent}", which is neither in the file nor in this workspace; it stays '
        "a reply to it, shown on its own passage until that arrives"
    ]
