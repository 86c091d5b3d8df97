"""The W3C Web Annotation harness (tests/w3c_harness.py) judges annotations as the suite does.

Proof by the suite's own samples (tools/samples/correct and incorrect), hand-written annotations
around a minimal valid one, collections, and the JSONtest runner semantics on small inline tests.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from referencing.exceptions import Unresolvable
from w3c_harness import (
    ANNO_CONTEXT,
    DATA_DIR,
    MUSTS_TEST,
    Failure,
    assert_valid_annotation,
    check_annotation,
    check_annotation_json,
    check_collection,
    collection_assertions,
    format_failures,
    must_assertions,
    run_test,
)

SAMPLES = DATA_DIR / "tools" / "samples"


def _sample_key(path: Path) -> tuple[int, str]:
    digits = re.search(r"\d+", path.stem)
    return (int(digits.group()) if digits else 0, path.name)


CORRECT = sorted((SAMPLES / "correct").glob("*.json"), key=_sample_key)
INCORRECT = sorted((SAMPLES / "incorrect").glob("*.json"), key=_sample_key)

# Correct samples that are not annotations: a collection, its first-as-IRI form, two pages.
NOT_ANNOTATIONS = {"collection1.json", "example41.json", "example42.json", "example43.json"}
# Correct samples whose target is a Composite, List or Independents: classes of the 2016
# Candidate Recommendation that the final model dropped. The suite's definitions
# (bodyTarget.json#/definitions/targetResourcesFound) no longer recognise them, so the suite's
# runner fails them on exactly this assertion; so must the harness.
STALE_CORRECT = {"anno11.json", "anno12.json", "anno13.json"}

CONTEXT = "annotations/3.1-annotationContextValidated.json"
ID = "annotations/3.1-annotationIdValidated.json"
TYPE = "annotations/3.1-annotationTypeValidated.json"
TARGET_KEY = "annotations/3.1-targetKeyFound.json"
TARGET_OBJECTS = "annotations/3.2-targetObjectsRecognized.json"
BODY_OBJECTS = "annotations/3.2-bodyObjectsRecognized.json"
NOT_BODY_AND_BODYVALUE = "annotations/3.2.5-notBodyBodyValue.json"
BODYVALUE = "annotations/3.2.5-bodyValueValidated.json"
CREATED = "annotations/3.3.1-annotationCreatedValidated.json"
MODIFIED = "annotations/3.3.1-annotationModifiedValidated.json"
GENERATED = "annotations/3.3.1-annotationGeneratedValidated.json"
RIGHTS = "annotations/3.3.6-annotationRightsValidated.json"
CANONICAL = "annotations/3.3.7-annotationCanonicalValidated.json"
VIA = "annotations/3.3.7-annotationViaValidated.json"
BODY_TEXT_DIRECTION = "annotations/bodiesTargets/3.2.1-bodyTextDirectionValidated.json"
SELECTOR = "annotations/specificResource/4.2-selectorValidIfPresent.json"
FRAGMENT_SELECTOR = "annotations/specificResource/4.2-fragmentCssXPathSelectorValid.json"
TEXT_QUOTE = "annotations/specificResource/4.2.4-textQuoteSelectorValid.json"
TEXT_POSITION = "annotations/specificResource/4.2-TextDataPositionSelectorValid.json"
PARSE = "<parse>"

# What each incorrect sample's "label" says is wrong, as the MUST assertion that catches it.
# None: the label names a defect no MUST assertion covers (format, language, processingLanguage,
# creator and generator are checked only by the suite's SHOULD/MAY tests), so the sample fails
# only on its other defect, the two-valued "id" most of these samples share.
INCORRECT_EXPECTED: dict[str, set[str] | None] = {
    "anno1.json": {PARSE},  # "this is not json"
    "anno2.json": {CONTEXT, ID, TYPE, TARGET_KEY},  # {}
    "anno3.json": {CONTEXT},  # no context
    "anno4.json": {CONTEXT},  # bad context
    "anno5.json": {CONTEXT},  # other contexts only
    "anno6.json": {ID},  # bad id
    "anno7.json": {ID},  # multiple identifiers
    "anno8.json": {TYPE},  # no type
    "anno9.json": {TYPE},  # bad type
    "anno10.json": {TARGET_KEY},  # no target
    "anno11.json": {TARGET_OBJECTS},  # bad target
    "anno12.json": {BODY_OBJECTS},  # bad body
    "anno13.json": {BODY_OBJECTS},  # bad body id
    "anno14.json": None,  # bad format
    "anno15.json": None,  # bad language (and a misspelt key)
    "anno16.json": {BODY_TEXT_DIRECTION},  # bad text direction
    "anno17.json": {BODY_OBJECTS},  # no value for textual body
    "anno18.json": {BODY_OBJECTS},  # bad value for textual body
    "anno19.json": {NOT_BODY_AND_BODYVALUE},  # body and bodyValue
    "anno20.json": {BODYVALUE},  # bad bodyValue
    "anno21.json": {BODYVALUE},  # bad bodyValue
    "anno22.json": {BODY_OBJECTS},  # too many composite types
    "anno23.json": None,  # too many processing languages
    "anno24.json": {BODY_TEXT_DIRECTION},  # bad text direction
    "anno25.json": {BODY_OBJECTS},  # uninterpretable body
    "anno26.json": None,  # bad creator
    "anno27.json": None,  # bad generator
    "anno28.json": {CREATED},
    "anno29.json": {MODIFIED},
    "anno30.json": {GENERATED},
    "anno31.json": {MODIFIED},
    "anno32.json": {CREATED},
    "anno33.json": {GENERATED},
    "anno34.json": {RIGHTS},
    "anno35.json": {VIA},
    "anno36.json": {CANONICAL},
    "anno37.json": {TARGET_OBJECTS},  # no source for specific resource
    "anno38.json": {SELECTOR, FRAGMENT_SELECTOR},  # no value for Fragment Selector
    "anno39.json": {SELECTOR, FRAGMENT_SELECTOR},  # multiple values for Fragment Selector
}

MINIMAL: dict[str, Any] = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
    "type": "Annotation",
    "body": {"type": "TextualBody", "value": "x", "purpose": "commenting"},
    "target": {
        "source": "urn:x",
        "selector": [
            {"type": "TextQuoteSelector", "exact": "a", "prefix": "", "suffix": ""},
            {"type": "TextPositionSelector", "start": 0, "end": 1},
        ],
    },
    "created": "2026-11-21T10:00:00Z",
}


def failed(failures: list[Failure]) -> set[str]:
    return {f.assertion for f in failures}


def lenient_json(text: str) -> Any:
    """Parse a sample, forgiving the trailing commas that make many incorrect samples invalid
    JSON, so that the defect their label names can be checked too."""
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", text))


def mutated(path: tuple[str | int, ...], value: Any = None, *, delete: bool = False) -> Any:
    annotation = copy.deepcopy(MINIMAL)
    node = annotation
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return annotation


# --- the vendored suite ---------------------------------------------------------------------


def test_vendored_suite_has_every_file_the_must_test_lists() -> None:
    listed = json.loads((DATA_DIR / MUSTS_TEST).read_text(encoding="utf-8"))["assertions"]
    assert len(listed) == 54
    assert all((DATA_DIR / path).is_file() for path in listed)
    assert (DATA_DIR / "license.md").is_file()
    assert (DATA_DIR / "README.md").is_file()
    assert [a.path for a in must_assertions()] == listed


def test_must_assertions_carry_the_suite_metadata() -> None:
    assertions = must_assertions()
    assert {a.assertion_type for a in assertions} == {"must"}
    assert {a.expected_result for a in assertions} == {"valid"}
    assert {a.on_unexpected_result for a in assertions} == {"failAndContinue"}
    assert all(a.title and a.error_message for a in assertions)
    # Every assertion file has a description but one, which the suite shipped without.
    assert [a.path for a in assertions if not a.description] == [TYPE]
    context = assertions[0]
    assert context.path == CONTEXT
    assert context.plain_title.startswith("Implements @context key")


# --- the suite's samples --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sample",
    [p for p in CORRECT if p.name not in NOT_ANNOTATIONS | STALE_CORRECT],
    ids=lambda p: p.name,
)
def test_correct_sample_passes_every_must(sample: Path) -> None:
    failures = check_annotation_json(sample.read_text(encoding="utf-8"))
    assert failures == [], format_failures(failures)


@pytest.mark.parametrize("name", sorted(STALE_CORRECT))
def test_correct_samples_with_dropped_target_classes_fail_only_target_objects(name: str) -> None:
    annotation = json.loads((SAMPLES / "correct" / name).read_text(encoding="utf-8"))
    assert annotation["target"]["type"] in {"Composite", "List", "Independents"}
    assert failed(check_annotation(annotation)) == {TARGET_OBJECTS}


def test_every_correct_sample_is_accounted_for() -> None:
    names = {p.name for p in CORRECT}
    assert len(names) == 45
    assert names >= NOT_ANNOTATIONS | STALE_CORRECT


@pytest.mark.parametrize("sample", INCORRECT, ids=lambda p: p.name)
def test_incorrect_sample_fails(sample: Path) -> None:
    assert check_annotation_json(sample.read_text(encoding="utf-8"))


@pytest.mark.parametrize("sample", INCORRECT, ids=lambda p: p.name)
def test_incorrect_sample_fails_the_assertion_its_label_names(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    expected = INCORRECT_EXPECTED[sample.name]
    try:
        annotation = lenient_json(text)
    except ValueError:
        assert expected == {PARSE}
        assert failed(check_annotation_json(text)) == {PARSE}
        return
    got = failed(check_annotation(annotation))
    if expected is None:
        # Only the two-valued id fails; with one id the sample passes every MUST.
        assert got == {ID}
        assert check_annotation({**annotation, "id": "http://example.org/1"}) == []
    else:
        assert expected <= got, format_failures(check_annotation(annotation))


def test_incorrect_samples_map_is_complete() -> None:
    assert {p.name for p in INCORRECT} == set(INCORRECT_EXPECTED)


def test_text_that_is_not_json_fails_to_parse() -> None:
    [failure] = check_annotation_json((SAMPLES / "incorrect" / "anno1.json").read_text())
    assert failure.assertion == PARSE
    assert failure.messages


@pytest.mark.parametrize("name", ["example42.json", "example43.json"])
def test_annotation_page_samples_items_pass(name: str) -> None:
    page = json.loads((SAMPLES / "correct" / name).read_text(encoding="utf-8"))
    assert page["type"] == "AnnotationPage"
    for item in page["items"]:
        failures = check_annotation({"@context": page["@context"], **item})
        assert failures == [], format_failures(failures)


def test_collection_sample_checks_item_by_item() -> None:
    collection = json.loads((SAMPLES / "correct" / "collection1.json").read_text(encoding="utf-8"))
    results = check_collection(collection)
    assert next(iter(results)) == "http://example.org/collection1"
    assert len(results) == 1 + len(collection["first"]["items"]) == 42
    failing = {key: failed(failures) for key, failures in results.items() if failures}
    # The same three CR-era targets as the stand-alone samples anno11-13; nothing else.
    assert failing == {
        "http://example.org/anno11": {TARGET_OBJECTS},
        "http://example.org/anno12": {TARGET_OBJECTS},
        "http://example.org/anno13": {TARGET_OBJECTS},
    }


def test_collection_sample_with_first_as_iri_cannot_be_checked_item_by_item() -> None:
    collection = json.loads((SAMPLES / "correct" / "example41.json").read_text(encoding="utf-8"))
    results = check_collection(collection)
    assert list(results) == ["http://example.org/collection1"]
    assert failed(results["http://example.org/collection1"]) == {"synoptic:collection/first"}


# --- hand-written annotations ---------------------------------------------------------------


def test_minimal_annotation_passes() -> None:
    assert check_annotation(MINIMAL) == []
    assert_valid_annotation(MINIMAL)


def test_check_does_not_modify_the_annotation() -> None:
    annotation = mutated(("created",), "yesterday")
    before = copy.deepcopy(annotation)
    check_annotation(annotation)
    assert annotation == before


@pytest.mark.parametrize(
    ("case", "annotation", "expected"),
    [
        ("no @context", mutated(("@context",), delete=True), {CONTEXT}),
        ("other @context", mutated(("@context",), "http://example.org/ctx"), {CONTEXT}),
        ("@context object", mutated(("@context",), {"as": "x"}), {CONTEXT}),
        ("no id", mutated(("id",), delete=True), {ID}),
        ("relative id", mutated(("id",), "annotations/1"), {ID}),
        ("two ids", mutated(("id",), ["urn:a", "urn:b"]), {ID}),
        ("wrong type", mutated(("type",), "Note"), {TYPE}),
        ("no type", mutated(("type",), delete=True), {TYPE}),
        ("no target", mutated(("target",), delete=True), {TARGET_KEY, TARGET_OBJECTS}),
        ("target without source", mutated(("target", "source"), delete=True), {TARGET_OBJECTS}),
        ("created is a date", mutated(("created",), "2026-11-21"), {CREATED}),
        ("created has no zone", mutated(("created",), "2026-11-21T10:00:00"), {CREATED}),
        ("created is prose", mutated(("created",), "yesterday"), {CREATED}),
        ("created is a number", mutated(("created",), 1795255200), {CREATED}),
        ("two created", mutated(("created",), ["2026-11-21T10:00:00Z"] * 2), {CREATED}),
        ("modified is prose", mutated(("modified",), "now"), {MODIFIED}),
        ("rights not uri", mutated(("rights",), "CC BY 4.0"), {RIGHTS}),
        ("body and bodyValue", mutated(("bodyValue",), "x"), {NOT_BODY_AND_BODYVALUE}),
        ("bodyValue not string", {**mutated(("body",), delete=True), "bodyValue": 3}, {BODYVALUE}),
        ("TextualBody no value", mutated(("body", "value"), delete=True), {BODY_OBJECTS}),
        ("bad textDirection", mutated(("body", "textDirection"), "up"), {BODY_TEXT_DIRECTION}),
        (
            "quote without exact",
            mutated(("target", "selector", 0, "exact"), delete=True),
            {SELECTOR, TEXT_QUOTE},
        ),
        (
            "position start not integer",
            mutated(("target", "selector", 1, "start"), "0"),
            {SELECTOR, TEXT_POSITION},
        ),
        (
            "position without end",
            mutated(("target", "selector", 1, "end"), delete=True),
            {SELECTOR, TEXT_POSITION},
        ),
        ("unknown selector", mutated(("target", "selector", 1), {"type": "X"}), {SELECTOR}),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_broken_annotation_fails_exactly(case: str, annotation: Any, expected: set[str]) -> None:
    assert failed(check_annotation(annotation)) == expected, case


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (mutated(("target",), "page one"), TARGET_OBJECTS),
        (mutated(("body",), "a comment"), BODY_OBJECTS),
    ],
    ids=["target", "body"],
)
def test_string_that_is_not_a_uri_fails_as_body_or_target(annotation: Any, expected: str) -> None:
    # Every body*/targ*Validated assertion also expects a string body or target to be a uri, so
    # these fail more than one assertion; the telling one is among them.
    assert expected in failed(check_annotation(annotation))


@pytest.mark.parametrize(
    ("case", "annotation"),
    [
        # No MUST checks purpose or motivation values: the suite tests them only in
        # annotations/bodiesTargets/3.3.5-bodyPurpose.json and 3.3.5-annotationMotivation-
        # Implemented.json, both "assertionType": "may" in annotationOptionals.test.
        ("unknown body purpose", mutated(("body", "purpose"), "frobnicating")),
        ("unknown motivation", mutated(("motivation",), "frobnicating")),
        # body is optional (3.1-bodyKeyFound.json is in annotationOptionals.test too).
        ("no body", mutated(("body",), delete=True)),
        ("bodyValue instead", {**mutated(("body",), delete=True), "bodyValue": "x"}),
        ("@context array", mutated(("@context",), [ANNO_CONTEXT, {"ex": "urn:ex:"}])),
        ("type array", mutated(("type",), ["Annotation", "ex:Note"])),
        ("created with offset", mutated(("created",), "2026-11-21T11:00:00.250+01:00")),
        ("target uri", mutated(("target",), "urn:x")),
        ("position floats", mutated(("target", "selector", 1, "start"), 0.0)),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_variant_without_must_failure_passes(case: str, annotation: Any) -> None:
    failures = check_annotation(annotation)
    assert failures == [], f"{case}: {format_failures(failures)}"


def test_failure_names_assertion_title_and_validator_message() -> None:
    [failure] = check_annotation(mutated(("created",), "yesterday"))
    assert failure.assertion == CREATED
    assert "created" in failure.title
    assert failure.description.startswith("True when")
    assert failure.error_message.startswith("ERROR:")
    assert any("$.created" in m and "date-time" in m for m in failure.messages)
    text = str(failure)
    assert CREATED in text and "**" not in text.splitlines()[0]
    with pytest.raises(AssertionError, match=re.escape(CREATED)):
        assert_valid_annotation(mutated(("created",), "yesterday"))


# --- collections ----------------------------------------------------------------------------


def annotation_item(n: int, **extra: Any) -> dict[str, Any]:
    item = {k: v for k, v in copy.deepcopy(MINIMAL).items() if k != "@context"}
    return {**item, "id": f"urn:uuid:00000000-0000-4000-8000-00000000000{n}", **extra}


def collection(**overrides: Any) -> dict[str, Any]:
    coll: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": "urn:uuid:c0000000-0000-4000-8000-000000000000",
        "type": "AnnotationCollection",
        "label": "Synoptic annotations",
        "total": 2,
        "first": {
            "id": "urn:uuid:c0000000-0000-4000-8000-000000000000#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [annotation_item(1), {"@context": ANNO_CONTEXT, **annotation_item(2)}],
        },
    }
    coll.update(overrides)
    return {k: v for k, v in coll.items() if v is not None}


COLL_ID = "urn:uuid:c0000000-0000-4000-8000-000000000000"


def test_collection_passes_and_lists_every_item() -> None:
    results = check_collection(collection())
    assert list(results) == [
        COLL_ID,
        "urn:uuid:00000000-0000-4000-8000-000000000001",
        "urn:uuid:00000000-0000-4000-8000-000000000002",
    ]
    assert not any(results.values())


@pytest.mark.parametrize(
    ("case", "coll", "expected"),
    [
        ("no @context", collection(**{"@context": None}), "context"),
        ("wrong type", collection(type="AnnotationPage"), "type"),
        ("no id", collection(id=None), "id"),
        ("no first", collection(first=None), "first"),
        ("first is an IRI", collection(first="urn:page1"), "first"),
        ("page type", collection(first={"type": "Page", "items": []}), "first"),
        ("page without items", collection(first={"type": "AnnotationPage"}), "first"),
        ("total is a string", collection(total="2"), "total"),
        ("total is a bool", collection(total=True), "total"),
        ("total is negative", collection(total=-1), "total"),
        ("total is wrong", collection(total=3), "total-matches-items"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_collection_own_checks(case: str, coll: Any, expected: str) -> None:
    results = check_collection(coll)
    own = results[coll.get("id", "<collection>")]
    assert f"synoptic:collection/{expected}" in failed(own), case


def test_collection_checks_are_documented_assertions() -> None:
    names = [a.path for a in collection_assertions()]
    assert names == [
        f"synoptic:collection/{n}" for n in ("context", "id", "type", "total", "first")
    ]


def test_empty_collection_needs_no_first_page() -> None:
    assert not any(check_collection(collection(total=0, first=None)).values())


def test_total_is_not_compared_when_there_are_more_pages() -> None:
    coll = collection(total=40)
    coll["first"]["next"] = "urn:page2"
    assert not any(check_collection(coll).values())


def test_items_inherit_the_collection_context_only_when_it_has_one() -> None:
    results = check_collection(collection(**{"@context": None}))
    item_1, item_2 = list(results)[1:]
    assert failed(results[item_1]) == {CONTEXT}  # nothing to inherit
    assert results[item_2] == []  # carries its own


def test_collection_reports_each_bad_item_under_its_id() -> None:
    coll = collection(total=4)
    coll["first"]["items"] += [
        annotation_item(3, created="yesterday"),
        "urn:uuid:00000000-0000-4000-8000-000000000004",
    ]
    results = check_collection(coll)
    assert failed(results["urn:uuid:00000000-0000-4000-8000-000000000003"]) == {CREATED}
    assert failed(results["first.items[3]"]) == {"synoptic:collection/item-embedded"}
    assert results[COLL_ID] == []


def test_collection_keys_duplicate_or_missing_ids_by_position() -> None:
    coll = collection(total=3)
    coll["first"]["items"] += [annotation_item(1)]
    del coll["first"]["items"][1]["id"]
    results = check_collection(coll)
    assert list(results)[1:] == [
        "urn:uuid:00000000-0000-4000-8000-000000000001",
        "first.items[1]",
        "first.items[2]",
    ]
    assert failed(results["first.items[1]"]) == {ID}
    assert results["first.items[2]"] == []


# --- the JSONtest runner semantics ----------------------------------------------------------


def schema(title: str, **keys: Any) -> dict[str, Any]:
    return {"$schema": "http://json-schema.org/draft-04/schema#", "title": title, **keys}


HAS_A = {"type": "object", "required": ["a"]}
HAS_B = {"type": "object", "required": ["b"]}


def statuses(test: dict[str, Any], content: Any) -> list[tuple[str, str]]:
    return [(r.assertion.title, r.status) for r in run_test(test, content)]


def test_expected_result_invalid_inverts_the_validation() -> None:
    test = {"assertions": [schema("no a", expectedResult="invalid", **HAS_A)]}
    assert statuses(test, {"b": 1}) == [("no a", "pass")]
    [result] = run_test(test, {"a": 1})
    assert result.status == "fail"
    assert "expects invalid" in result.messages[0]


def test_fail_and_skip_skips_the_rest_of_its_own_list_only() -> None:
    test = {
        "assertions": [
            [schema("A", onUnexpectedResult="failAndSkip", **HAS_A), schema("B", **HAS_B)],
            schema("C", **HAS_B),
        ]
    }
    assert statuses(test, {"b": 1}) == [("A", "fail"), ("B", "skipped"), ("C", "pass")]


def test_fail_and_abort_stops_everything() -> None:
    test = {
        "assertions": [
            [schema("A", onUnexpectedResult="failAndAbort", **HAS_A), schema("B", **HAS_B)],
            schema("C", **HAS_B),
        ]
    }
    assert statuses(test, {"b": 1}) == [("A", "fail"), ("B", "skipped"), ("C", "skipped")]


def test_pass_and_continue_and_skip_failures_are_not_failures() -> None:
    test = {
        "skipFailures": ["should"],
        "assertions": [
            schema("optional", onUnexpectedResult="passAndContinue", assertionType="may", **HAS_A),
            schema("recommended", assertionType="should", **HAS_A),
            schema("required", **HAS_A),
        ],
    }
    assert statuses(test, {}) == [
        ("optional", "not_met"),
        ("recommended", "not_met"),
        ("required", "fail"),
    ]


@pytest.mark.parametrize(
    ("compare_with", "content", "expected"),
    [("or", {"b": 1}, "pass"), ("or", {}, "fail"), ("and", {"b": 1}, "fail")],
)
def test_condition_object_combines_its_children(
    compare_with: str, content: dict[str, int], expected: str
) -> None:
    test = {
        "assertions": [
            {
                "title": "a or b",
                "compareWith": compare_with,
                "assertions": [schema("A", **HAS_A), schema("B", **HAS_B)],
            }
        ]
    }
    [result] = run_test(test, content)
    assert result.status == expected
    assert [c.assertion.title for c in result.children] == ["A", "B"]


def test_assertion_file_entries_are_loaded_and_overridden() -> None:
    test = {
        "assertions": [
            "annotations/3.1-targetKeyFound.json",
            {
                "assertionFile": "annotations/3.1-targetKeyFound.json",
                "title": "target must be absent",
                "expectedResult": "invalid",
            },
        ]
    }
    results = run_test(test, {"type": "Annotation"})
    assert [(r.assertion.path, r.status) for r in results] == [
        (TARGET_KEY, "fail"),
        (TARGET_KEY, "pass"),
    ]
    assert results[1].assertion.title == "target must be absent"


def test_unknown_refs_fail_instead_of_reaching_the_network() -> None:
    test = {"assertions": [schema("remote", **{"$ref": "http://example.invalid/s.json"})]}
    with pytest.raises(Unresolvable):
        run_test(test, {})
