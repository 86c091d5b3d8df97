"""The annotation model: records, round trips, normalisation and the errors that name a field."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.errors import AnnotationError, AnnotationFormatError, LinkError
from annotations.labels import ClaimMark, Verdict, normalise_tags, parse_verdict
from annotations.links import EvidenceLink, Relation, parse_link, passage_link
from annotations.model import Annotation
from annotations.model_record import KNOWN_FIELDS
from annotations.target import Target
from annotations.times import next_modified

TEXT = "Kratom may lift mood. Several users report it. A trial found no effect at all."
ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")


def target(start: int = 0, end: int = 21, doc: str = "a.txt") -> Target:
    return Target.from_span(doc, TEXT, start, end)


def full_annotation() -> Annotation:
    return Annotation.create(
        "Alice",
        target(),
        "This is **not** what the trial says.\n\n- see below",
        tags=["mood", "trial"],
        verdict=Verdict.MISLEADING,
        links=[
            parse_link("doi:10.1234/abc", Relation.REFUTES, "The trial"),
            passage_link(target(48, 78, "b.txt"), Relation.SUPPORTS),
        ],
        reply_to="f" * 32,
        claim=ClaimMark.CLAIM,
    )


def test_create_makes_a_string_id_and_utc_microsecond_times() -> None:
    annotation = Annotation.create("Alice", target())
    assert re.fullmatch(r"[0-9a-f]{32}", annotation.id)
    assert ISO_UTC.fullmatch(annotation.created)
    assert annotation.modified == annotation.created
    assert not annotation.deleted
    assert Annotation.create("Alice", target()).id != annotation.id


def test_record_has_every_known_field_and_round_trips() -> None:
    annotation = full_annotation()
    record = annotation.to_record()
    # ``resolved`` only once a kept version is resolved, ``restored`` once the note is brought
    # back after a deletion, so older notes' diffs stay quiet.
    assert set(record) == set(KNOWN_FIELDS) - {"resolved", "restored"}
    settled = replace(annotation, resolved=("b" * 16, "a" * 16, "b" * 16))
    assert settled.to_record()["resolved"] == ["a" * 16, "b" * 16]
    assert Annotation.from_record(settled.to_record()) == settled
    back = replace(annotation, restored="2026-03-01T09:30:00+00:00")
    assert back.to_record()["restored"] == "2026-03-01T09:30:00+00:00"
    assert Annotation.from_record(back.to_record()) == back
    assert record["verdict"] == "misleading"
    assert record["claim"] == "claim"
    assert record["links"][0]["href"] == "https://doi.org/10.1234/abc"
    assert record["links"][1]["target"]["doc"] == "b.txt"
    assert Annotation.from_record(record) == annotation
    assert Annotation.from_record(json.loads(json.dumps(record))) == annotation


def test_note_is_stored_literally() -> None:
    note = "  *Markdown* stays\n\n  with its spaces  \n"
    annotation = Annotation.create("Alice", target(), note)
    assert Annotation.from_record(annotation.to_record()).note == note


def test_unknown_fields_are_kept_and_written_back() -> None:
    record = full_annotation().to_record()
    record["colour"] = "amber"
    record["future"] = {"nested": [1, 2, {"deep": True}]}
    annotation = Annotation.from_record(record)
    assert dict(annotation.extra) == {
        "colour": "amber",
        "future": {"nested": [1, 2, {"deep": True}]},
    }
    assert annotation.to_record() == record
    assert annotation.edited(note="changed").to_record()["future"] == record["future"]


def test_extra_is_not_shared_with_the_record() -> None:
    record = full_annotation().to_record()
    record["future"] = {"list": [1]}
    annotation = Annotation.from_record(record)
    record["future"]["list"].append(2)
    out = annotation.to_record()
    out["future"]["list"].append(3)
    assert annotation.extra["future"] == {"list": [1]}


def test_extra_may_not_shadow_a_known_field() -> None:
    with pytest.raises(AnnotationFormatError) as caught:
        Annotation.create("Alice", target()).edited(extra={"note": "x"})
    assert caught.value.field == "note"


def test_missing_optional_fields_take_defaults() -> None:
    full = full_annotation().to_record()
    minimal = {k: full[k] for k in ("id", "author", "created", "modified", "target")}
    annotation = Annotation.from_record(minimal)
    assert annotation.note == ""
    assert annotation.tags == ()
    assert annotation.links == ()
    assert annotation.verdict is None
    assert annotation.claim is None
    assert annotation.reply_to is None
    assert not annotation.deleted
    assert annotation.superseded == ()


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["mood", " mood ", "trial", "", "  ", "Mood"], ("mood", "trial", "Mood")),
        (["b", "a", "b"], ("b", "a")),
        (["needs review"], ("needs review",)),
        (["naïve", "名前"], ("naïve", "名前")),
        ([], ()),
    ],
)
def test_tags_are_normalised(tags: list[str], expected: tuple[str, ...]) -> None:
    assert normalise_tags(tags) == expected
    assert Annotation.create("Alice", target(), tags=tags).tags == expected


@pytest.mark.parametrize(
    "bad", ["a\nb", "tab\there", "\x1b[31mred", "nul\x00", "del\x7f", "\x85", "rtl\u202e"]
)
def test_tags_with_control_characters_are_refused(bad: str) -> None:
    with pytest.raises(AnnotationFormatError) as caught:
        normalise_tags(["ok", bad])
    assert caught.value.field == "tags[1]"


def test_tags_must_be_a_list_not_one_string() -> None:
    with pytest.raises(AnnotationFormatError):
        normalise_tags("mood")


def test_edited_keeps_the_identity_and_moves_the_time_on() -> None:
    annotation = full_annotation()
    edited = annotation.edited(note="Better wording.", tags=["x", "x"])
    assert edited.id == annotation.id
    assert edited.created == annotation.created
    assert edited.author == annotation.author
    assert edited.modified > annotation.modified
    assert edited.note == "Better wording."
    assert edited.tags == ("x",)
    with pytest.raises(TypeError):
        annotation.edited(id="other")


def test_tombstone_keeps_who_where_when_and_drops_what() -> None:
    annotation = full_annotation()
    dead = annotation.tombstone()
    assert dead.deleted
    assert (dead.id, dead.author, dead.target, dead.created) == (
        annotation.id,
        annotation.author,
        annotation.target,
        annotation.created,
    )
    assert dead.modified > annotation.modified
    assert (dead.note, dead.tags, dead.links, dead.verdict, dead.claim) == ("", (), (), None, None)
    assert Annotation.from_record(dead.to_record()) == dead


def test_modified_moves_on_even_when_the_stored_time_is_in_the_future() -> None:
    future = (datetime.now().astimezone() + timedelta(days=1)).isoformat(timespec="microseconds")
    later = next_modified(future)
    assert ISO_UTC.fullmatch(later)
    assert datetime.fromisoformat(later) > datetime.fromisoformat(future)


def _record_with(**changes: object) -> dict[str, object]:
    record = full_annotation().to_record()
    for key, value in changes.items():
        if value is KeyError:
            del record[key]
        else:
            record[key] = value
    return record


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": KeyError}, "id"),
        ({"id": 7}, "id"),
        ({"id": ""}, "id"),
        ({"author": None}, "author"),
        ({"author": "  "}, "author"),
        ({"created": "yesterday"}, "created"),
        ({"modified": "2026-11-21T10:00:00"}, "modified"),
        ({"modified": 1700000000}, "modified"),
        ({"target": None}, "target"),
        ({"target": {"doc": "a.txt"}}, "target"),
        ({"note": ["a"]}, "note"),
        ({"tags": "mood"}, "tags"),
        ({"tags": ["ok", 3]}, "tags[1]"),
        ({"verdict": "maybe"}, "verdict"),
        ({"claim": "perhaps"}, "claim"),
        ({"links": {}}, "links"),
        ({"links": [{"kind": "url", "href": "javascript:alert(1)"}]}, "links[0]"),
        ({"links": [{"kind": "gopher", "href": "x"}]}, "links[0]"),
        ({"reply_to": 5}, "reply_to"),
        ({"deleted": "no"}, "deleted"),
        ({"superseded": [1]}, "superseded"),
        ({"superseded": {}}, "superseded"),
        # JSON has no NaN or infinity; Python's parser reads NaN, Infinity and 1e999 as them.
        ({"superseded": [{"note": "x", "score": float("nan")}]}, "superseded[0].score"),
        ({"moved_from": {"target": {"start": float("-inf")}}}, "moved_from.target.start"),
        ({"score": [1.5, float("inf")]}, "score[1]"),
    ],
)
def test_from_record_names_the_bad_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(AnnotationFormatError) as caught:
        Annotation.from_record(_record_with(**changes))
    assert caught.value.field == field
    assert str(caught.value).startswith(field)
    assert isinstance(caught.value, AnnotationError)
    assert isinstance(caught.value, ValueError)


LONE = json.loads('"\\udc80"')
"""What the JSON escape ``\\udc80`` reads as: a lone surrogate, which is not text."""


def _link_record(**changes: object) -> dict[str, object]:
    return {**parse_link("doi:10.1234/abc").to_record(), **changes}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": "ab" + LONE}, "id"),
        ({"author": "Ann" + LONE}, "author"),
        ({"note": "a" + LONE + "b"}, "note"),
        ({"tags": ["ok", "mo" + LONE + "od"]}, "tags[1]"),
        ({"reply_to": "f" + LONE}, "reply_to"),
        ({"links": [_link_record(title="The" + LONE)]}, "links[0]"),
        ({"links": [_link_record(href="https://example.org/" + LONE, kind="url")]}, "links[0]"),
        ({"links": [_link_record(comment=LONE)]}, "links[0].comment"),
        ({"target": {**target().to_record(), "quote": "Kratom" + LONE}}, "target.quote"),
        ({"target": {**target().to_record(), "doc": LONE + ".txt"}}, "target.doc"),
        ({"target": {**target().to_record(), "tool": {"x": LONE}}}, "target.tool.x"),
        ({"superseded": [{"note": "old " + LONE}]}, "superseded[0].note"),
        ({"moved_from": {"note": LONE}}, "moved_from.note"),
        ({"resolved": ["0123", "ab" + LONE]}, "resolved[1]"),
        ({"score": ["fine", LONE]}, "score[1]"),
        ({"review": {LONE: 1}}, "review (a field's name)"),
        ({"odd" + LONE: 1}, "the name of the field 'odd\\udc80'"),
    ],
)
def test_a_lone_surrogate_is_refused_wherever_it_is(changes: dict[str, object], field: str) -> None:
    """A hand-edited or imported file can hold ``"\\udc80"`` in any string; no UTF-8 file,
    terminal or report can hold what Python reads it as, so the note is refused, naming where."""
    with pytest.raises(AnnotationFormatError) as caught:
        Annotation.from_record(_record_with(**changes))
    assert caught.value.field.startswith(field)
    assert "U+DC80" in caught.value.problem and LONE not in str(caught.value)
    str(caught.value).encode("utf-8")  # the message itself can be printed


DEEP = json.loads("[" * 600 + "]" * 600)
"""Lists nested 600 deep: JSON's parser reads them, copying them recursed past Python's limit."""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"review": DEEP}, "review"),
        ({"superseded": [{"note": "old", "tool": DEEP}]}, "superseded"),
        ({"moved_from": {"note": "x", "tool": DEEP}}, "moved_from"),
        ({"target": {**target().to_record(), "tool": DEEP}}, "target"),
        ({"links": [_link_record(tool=DEEP)]}, "links[0]"),
    ],
)
def test_a_value_nested_too_deeply_is_refused_naming_its_field(
    changes: dict[str, object], field: str
) -> None:
    with pytest.raises(AnnotationFormatError) as caught:
        Annotation.from_record(_record_with(**changes))
    assert caught.value.field == field
    assert "nests lists or objects over 100 deep" in str(caught.value)


def test_a_value_nested_as_deep_as_allowed_is_kept() -> None:
    nested = json.loads("[" * 100 + "]" * 100)
    record = _record_with(review=nested)
    assert Annotation.from_record(record).to_record()["review"] == nested


def test_a_lone_surrogate_is_refused_in_a_note_made_in_code() -> None:
    with pytest.raises(AnnotationFormatError, match=r"^author: contains U\+DC80, which is not"):
        Annotation.create("Ann" + LONE, target())
    with pytest.raises(LinkError, match=r"U\+DC80, which is not text"):
        parse_link("https://example.org/" + LONE)


def test_from_record_refuses_a_non_object() -> None:
    with pytest.raises(AnnotationFormatError):
        Annotation.from_record(["not", "a", "record"])


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("supported", Verdict.SUPPORTED),
        ("Unsupported", Verdict.UNSUPPORTED),
        (" MISLEADING ", Verdict.MISLEADING),
        ("false", Verdict.FALSE),
        ("needs-evidence", Verdict.NEEDS_EVIDENCE),
        ("needs evidence", Verdict.NEEDS_EVIDENCE),
        ("needs_evidence", Verdict.NEEDS_EVIDENCE),
        ("Needs  Evidence", Verdict.NEEDS_EVIDENCE),
    ],
)
def test_parse_verdict(text: str, verdict: Verdict) -> None:
    assert parse_verdict(text) is verdict


@pytest.mark.parametrize("text", ["", "true", "maybe", "needs", "supported!"])
def test_parse_verdict_refuses_other_words(text: str) -> None:
    with pytest.raises(AnnotationFormatError, match="supported, unsupported"):
        parse_verdict(text)


# --- property: any annotation survives the trip to JSON and back ---------------------------------

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
tag_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf")), min_size=1, max_size=12
)
times = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.timezones()
).map(lambda moment: moment.isoformat(timespec="microseconds"))
json_scalars = st.none() | st.booleans() | st.integers() | texts
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def targets(draw: st.DrawFn) -> Target:
    text = draw(st.text(min_size=1, max_size=80))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    doc = draw(st.from_regex(r"[a-z0-9_]{1,8}(/[a-z0-9_]{1,8})?\.(txt|md)", fullmatch=True))
    return Target.from_span(doc, text, start, end)


web_links = st.builds(
    lambda ref, relation, title: parse_link(ref, relation, title),
    st.sampled_from(
        ["https://example.org/a?b=c#d", "doi:10.1000/xyz", "PMID: 123", "http://EXAMPLE.com"]
    ),
    st.sampled_from(list(Relation)),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=10
    ),
)
links = web_links | st.builds(passage_link, targets(), st.sampled_from(list(Relation)), st.just(""))


@st.composite
def annotations(draw: st.DrawFn) -> Annotation:
    extra = draw(
        st.dictionaries(texts.filter(lambda k: k not in KNOWN_FIELDS), json_values, max_size=3)
    )
    return Annotation(
        id=draw(st.text(alphabet="0123456789abcdef", min_size=1, max_size=32)),
        author=draw(texts.filter(lambda a: bool(a.strip()))),
        created=draw(times),
        modified=draw(times),
        target=draw(targets()),
        note=draw(texts),
        tags=tuple(draw(st.lists(tag_texts, max_size=4))),
        verdict=draw(st.none() | st.sampled_from(list(Verdict))),
        links=tuple(draw(st.lists(links, max_size=3))),
        reply_to=draw(st.none() | st.text(alphabet="0123456789abcdef", min_size=1, max_size=32)),
        claim=draw(st.none() | st.sampled_from(list(ClaimMark))),
        deleted=draw(st.booleans()),
        superseded=tuple(
            draw(st.lists(st.dictionaries(texts, json_values, max_size=2), max_size=2))
        ),
        extra=extra,
    )


@settings(max_examples=200, deadline=None)
@given(annotations())
def test_any_annotation_round_trips_through_its_record(annotation: Annotation) -> None:
    record = annotation.to_record()
    assert Annotation.from_record(record) == annotation
    through_json = json.loads(json.dumps(record, ensure_ascii=False))
    again = Annotation.from_record(through_json)
    assert again == annotation
    assert again.to_record() == record


def test_plain_strings_become_enums_or_are_refused() -> None:
    annotation = Annotation.create("Alice", target()).edited(verdict="false", claim="not-claim")
    assert annotation.verdict is Verdict.FALSE
    assert annotation.claim is ClaimMark.NOT_CLAIM
    with pytest.raises(AnnotationFormatError) as caught:
        annotation.edited(verdict="dubious")
    assert caught.value.field == "verdict"


def test_links_are_evidence_links() -> None:
    annotation = full_annotation()
    assert all(isinstance(link, EvidenceLink) for link in annotation.links)


def test_an_imported_note_is_credited_to_its_writer() -> None:
    mine = Annotation.create("Ann", target(), "mine")
    assert (mine.original_author, mine.credit) == (None, "Ann")
    imported = replace(mine, extra={"imported_creator": "Bob"})
    assert imported.original_author == "Bob"
    assert imported.credit == "Bob (imported by Ann)"
    assert imported.by({"Bob"}) and imported.by({"Ann"}) and not imported.by({"Cy"})
    # Back with its writer, or a creator that is no name: the note is simply the author's.
    for creator in ("Ann", "", "   ", 42, None):
        plain = replace(mine, extra={"imported_creator": creator})
        assert plain.original_author is None and plain.credit == "Ann"
