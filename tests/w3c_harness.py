"""Check Web Annotation JSON against the W3C Web Annotation test suite's MUST assertions.

The suite (vendored, unmodified, under ``tests/data/w3c/``; see the README there) evaluates an
annotation the way its browser runner ``annotation-model/scripts/JSONtest.js`` in
web-platform-tests does: the ``.test`` file ``annotations/annotationMusts.test`` lists assertion
files; each one is a draft-04 JSON Schema plus a few extra keys, and the annotation is validated
against each in order. This module re-implements that runner with ``jsonschema``, offline: the
``$ref``s into ``definitions/*.json`` resolve through a ``referencing`` Registry.

Typical use, from a test (pytest puts ``tests/`` on ``sys.path``, as for ``pilot_helpers``; the
package code must not import this module, since ``tests/`` is not shipped)::

    from w3c_harness import (
        assert_valid_annotation, check_annotation, check_collection, format_failures,
    )

    failures = check_annotation(exported)   # [] when every MUST assertion passes
    assert not failures, format_failures(failures)
    assert_valid_annotation(exported)       # the same, in one line

    results = check_collection(collection)  # {id: [Failure, ...]} for the collection and each item
    assert not any(results.values())

How an assertion is evaluated (JSONtest.js and the suite's README, mirrored here):

* ``expectedResult`` (default ``"valid"``): the assertion holds when validating the annotation
  against its schema gives that result.
* ``assertionType`` (default ``"must"``; also ``"should"``, ``"may"``): how severe a miss is.
  ``check_annotation`` reports only misses of ``"must"`` assertions (every assertion in
  ``annotationMusts.test`` is a ``"must"``).
* ``onUnexpectedResult`` (default ``"failAndContinue"``): what happens on a miss. The
  ``continue``/``skip``/``abort`` half decides whether the rest of the current list (``skip``) or
  of the whole test (``abort``) still runs. The ``fail``/``pass`` half decides whether the miss
  counts as a failure; ``pass...`` marks it ``"not_met"`` (not a failure). JSONtest.js itself
  ignores that half and relies on the test's ``skipFailures`` list (assertion types whose misses
  are not reported), which is honoured too.
* An assertion list may nest lists, inline assertion objects, ``{"assertionFile": ...}`` objects
  whose other keys override the loaded file, and condition objects (``"assertions"`` plus
  ``"compareWith": "and" | "or"``), whose result is the and/or of their children's results.
  The children of a condition object only feed that result: they are not failures on their own
  (JSONtest.js also reports each child as a subtest, which would defeat ``"or"``). An ``abort``
  inside a nested list ends the whole test (JSONtest.js means to, but checks a misspelt field).
  Paths with a slash are relative to the suite root, paths without one to the ``.test`` file's
  folder.
* Formats: the runner's Ajv checks ``format`` in its "fast" regex mode; jsonschema's defaults
  would need optional packages and differ. ``date-time`` and ``uri`` (the only formats the MUST
  schemas use) are checked with the stricter of the Ajv 4 and Ajv 5/6 fast regexes: a date-time
  needs seconds and a ``Z`` or ``+hh:mm`` offset; a uri needs a scheme (``urn:x`` is fine).
  Like Ajv, the check is syntactic (``2026-19-39T...`` passes).
* Text that is not JSON fails, as in the runner ("Parse of JSON failed"): see
  :func:`check_annotation_json`.
* Numbers: JavaScript cannot tell ``1.0`` from ``1``, so a float with an integral value counts as
  an ``integer``, as it did under Ajv.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeAlias

from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

__all__ = [
    "ANNO_CONTEXT",
    "DATA_DIR",
    "MUSTS_TEST",
    "Assertion",
    "AssertionResult",
    "Failure",
    "assert_valid_annotation",
    "check_annotation",
    "check_annotation_json",
    "check_collection",
    "collection_assertions",
    "format_failures",
    "must_assertions",
    "run_test",
]

DATA_DIR = Path(__file__).resolve().parent / "data" / "w3c"
"""Root of the vendored suite: ``annotations/``, ``definitions/``, ``tools/samples/``."""

MUSTS_TEST = "annotations/annotationMusts.test"
"""The suite's list of MUST assertions, relative to :data:`DATA_DIR`."""

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

# Definitions the runner page annotationMusts-manual.html preloads, plus collections.json (used by
# the collection checks below). Each is registered under its own draft-04 "id" ("annotations.json"
# and so on), which is how the assertion files' relative $refs name them.
_DEFINITION_FILES = (
    "annotations",
    "bodyTarget",
    "choiceSet",
    "collections",
    "id",
    "otherProperties",
    "specificResource",
)

Status = Literal["pass", "fail", "not_met", "skipped"]


# --------------------------------------------------------------------------------------------
# Data types


@dataclass(frozen=True)
class Assertion:
    """One assertion object: a JSON Schema plus the suite's JSONtest keys.

    ``path`` names its file relative to :data:`DATA_DIR` (``"annotations/3.1-...json"``), or
    ``"inline"``/a ``synoptic:`` name for assertions that are not suite files. ``children`` is
    set (possibly empty) only for condition objects.
    """

    path: str
    title: str
    description: str
    error_message: str
    assertion_type: str
    expected_result: str
    on_unexpected_result: str
    schema: Mapping[str, Any] = field(repr=False, compare=False)
    compare_with: str = "and"
    children: tuple[Node, ...] | None = field(default=None, repr=False)

    @property
    def plain_title(self) -> str:
        """The title without its Markdown (emphasis and links)."""
        return _strip_markdown(self.title)


Node: TypeAlias = Assertion | tuple["Node", ...]
"""An entry of an assertion list: an assertion, or a nested list."""


@dataclass(frozen=True)
class Failure:
    """A MUST assertion the checked object does not satisfy.

    ``assertion`` is the assertion file relative to :data:`DATA_DIR` (for example
    ``"annotations/3.1-annotationContextValidated.json"``); ``title`` and ``description`` come from
    that file (``title`` is Markdown; :attr:`plain_title` is not); ``error_message`` is the file's
    ``errorMessage``; ``messages`` are the validator's own messages, one per top-level error.
    """

    assertion: str
    title: str
    description: str
    error_message: str
    messages: tuple[str, ...]
    assertion_type: str = "must"

    @property
    def plain_title(self) -> str:
        return _strip_markdown(self.title)

    def __str__(self) -> str:
        lines = [f"{self.assertion}: {self.plain_title}", f"  {self.error_message}"]
        lines += [f"  - {m}" for m in self.messages]
        return "\n".join(lines)


@dataclass(frozen=True)
class AssertionResult:
    """How one assertion came out: ``pass``, ``fail``, ``not_met`` (missed, but a ``pass...`` or
    ``skipFailures`` miss), or ``skipped`` (an earlier ``skip``/``abort`` stopped it running)."""

    assertion: Assertion
    status: Status
    messages: tuple[str, ...] = ()
    children: tuple[AssertionResult, ...] = ()

    def failure(self) -> Failure:
        a = self.assertion
        return Failure(
            assertion=a.path,
            title=a.title,
            description=a.description,
            error_message=a.error_message,
            messages=self.messages,
            assertion_type=a.assertion_type,
        )


# --------------------------------------------------------------------------------------------
# Public API


def must_assertions() -> list[Assertion]:
    """The assertions of ``annotationMusts.test``, in the suite's order (54 of them)."""
    return list(_flatten(_load_test(MUSTS_TEST).assertions))


def check_annotation(annotation: Mapping[str, Any]) -> list[Failure]:
    """Check one annotation (parsed JSON) against every MUST assertion of the suite.

    Returns one :class:`Failure` per MUST assertion that does not hold, in the suite's order; an
    empty list means the annotation passes them all. The annotation is not modified.
    """
    results = run_test(MUSTS_TEST, annotation)
    return [
        r.failure() for r in results if r.status == "fail" and r.assertion.assertion_type == "must"
    ]


def check_annotation_json(text: str | bytes) -> list[Failure]:
    """Like :func:`check_annotation`, from JSON text. Text that is not JSON fails, as in the
    suite's runner ("Parse of JSON failed"), with the single failure ``assertion="<parse>"``."""
    try:
        content = json.loads(text)
    except ValueError as err:
        return [
            Failure(
                assertion="<parse>",
                title="Parsing submitted input",
                description="The input must be JSON.",
                error_message="Parse of JSON failed",
                messages=(str(err),),
            )
        ]
    return check_annotation(content)


def assert_valid_annotation(annotation: Mapping[str, Any]) -> None:
    """Raise ``AssertionError`` listing every failed MUST assertion, if there is any."""
    failures = check_annotation(annotation)
    if failures:
        raise AssertionError(format_failures(failures))


def format_failures(failures: Iterable[Failure]) -> str:
    """A readable multi-line report of failures (for assertion messages)."""
    return "\n".join(str(f) for f in failures) or "no failures"


def check_collection(collection: Mapping[str, Any]) -> dict[str, list[Failure]]:
    """Check an ``AnnotationCollection`` whose ``first`` page embeds its annotations.

    Returns ``{key: failures}`` with one entry for the collection itself (key: its ``id``, or
    ``"<collection>"`` when it has no string id) followed by one entry per item of
    ``first.items`` (key: the item's ``id``, or ``"first.items[i]"`` when the id is missing, not a
    string, or already used). The whole collection passes when every list is empty.

    The collection's own checks (see :func:`collection_assertions`; harness-made, as the suite's
    snapshot has no collection assertion files, but built from ``definitions/collections.json``
    and ``id.json`` where those define the rule) are: ``@context`` includes the anno.jsonld
    context; ``id`` is one uri; ``type`` includes ``AnnotationCollection``; ``total``, if
    present, is an integer >= 0 (a JSON number, not the ``[n]`` the suite also tolerates);
    ``first`` is an embedded object whose ``type`` includes ``AnnotationPage`` and which has an
    ``items`` array (``first`` may only be missing when ``total`` is 0; a ``first`` that is just
    an IRI fails, since its items could not be checked); and when the page has no ``next``, so
    it holds the whole collection, ``total`` (if present) equals the number of items.

    Each item must be an embedded annotation and is checked with :func:`check_annotation`. An
    item without ``@context`` is checked as if it had the collection's ``@context``, since an
    embedded JSON-LD node is interpreted in its container's context (the W3C examples omit it).
    """
    results = _run_list(_collection_assertions(), collection, ())
    own = [r.failure() for r in results if r.status == "fail"]
    own += _total_matches_items(collection)
    raw_id = collection.get("id")
    coll_key = raw_id if isinstance(raw_id, str) and raw_id else "<collection>"
    out: dict[str, list[Failure]] = {coll_key: own}

    first = collection.get("first")
    items = first.get("items") if isinstance(first, Mapping) else None
    if not isinstance(items, list):
        return out
    context = collection.get("@context")
    for i, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, Mapping) else None
        key = item_id if isinstance(item_id, str) and item_id and item_id not in out else None
        key = key or f"first.items[{i}]"
        if not isinstance(item, Mapping):
            out[key] = [_item_not_embedded(i, item)]
            continue
        if "@context" not in item and context is not None:
            item = {"@context": context, **item}
        out[key] = check_annotation(item)
    return out


def run_test(test: str | Path | Mapping[str, Any], content: Any) -> list[AssertionResult]:
    """Run a JSONtest ``.test`` (a path relative to :data:`DATA_DIR`, an absolute path, or the
    parsed object) against ``content``; returns the results of its top-level entries in order
    (a nested list contributes its results in place)."""
    loaded = _load_test(test) if not isinstance(test, Mapping) else _build_test(test, DATA_DIR)
    return _run_list(loaded.assertions, content, loaded.skip_failures)


def collection_assertions() -> list[Assertion]:
    """The JSON Schema checks :func:`check_collection` applies to the collection object itself
    (it adds two computed ones: ``synoptic:collection/total-matches-items`` and, per item,
    ``synoptic:collection/item-embedded``)."""
    return list(_collection_assertions())


# --------------------------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class _Test:
    name: str
    assertions: tuple[Node, ...]
    skip_failures: tuple[str, ...]


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _resolve(ref: str, test_dir: Path) -> Path:
    # JSONtest._parseURI: no slash -> next to the .test file; otherwise from the suite root.
    return test_dir / ref if "/" not in ref else DATA_DIR / ref.lstrip("/")


@cache
def _load_test(test: str | Path) -> _Test:
    path = Path(test) if Path(test).is_absolute() else DATA_DIR / test
    return _build_test(_read_json(path), path.parent)


def _build_test(raw: Mapping[str, Any], test_dir: Path) -> _Test:
    entries = raw.get("assertions")
    if not isinstance(entries, list) or not entries:
        raise ValueError("a JSONtest .test needs a non-empty 'assertions' list")
    skip = raw.get("skipFailures", [])
    return _Test(
        name=str(raw.get("name", "")),
        assertions=tuple(_build_node(e, test_dir) for e in entries),
        skip_failures=tuple(str(s).lower() for s in skip) if isinstance(skip, list) else (),
    )


def _build_node(entry: Any, test_dir: Path) -> Node:
    if isinstance(entry, list):
        return tuple(_build_node(e, test_dir) for e in entry)
    if isinstance(entry, str):
        return _assertion(_assertion_file(_resolve(entry, test_dir)), entry, test_dir)
    if isinstance(entry, Mapping):
        if "assertionFile" in entry:
            ref = str(entry["assertionFile"])
            merged = {**_assertion_file(_resolve(ref, test_dir))}
            merged.update({k: v for k, v in entry.items() if k != "assertionFile"})
            return _assertion(merged, ref, test_dir)
        return _assertion(dict(entry), "inline", test_dir)
    raise TypeError(f"unexpected assertion list entry: {entry!r}")


@cache
def _assertion_file(path: Path) -> Mapping[str, Any]:
    data = _read_json(path)
    if not isinstance(data, dict):
        raise TypeError(f"{path} is not a JSON object")
    return data


def _assertion(raw: Mapping[str, Any], path: str, test_dir: Path) -> Assertion:
    children = None
    if isinstance(raw.get("assertions"), list):
        children = tuple(_build_node(e, test_dir) for e in raw["assertions"])
    atype = str(raw.get("assertionType", "must")).lower()
    return Assertion(
        path=path,
        title=str(raw.get("title", path)),
        description=str(raw.get("description", "")),
        error_message=str(
            raw.get("errorMessage", f"Result was not {raw.get('expectedResult', 'valid')}")
        ),
        assertion_type=atype if atype in ("must", "should", "may") else "must",
        expected_result=str(raw.get("expectedResult", "valid")),
        on_unexpected_result=str(raw.get("onUnexpectedResult", "failAndContinue")),
        schema=raw,
        compare_with=str(raw.get("compareWith", "and")),
        children=children,
    )


# --------------------------------------------------------------------------------------------
# Validation


# JavaScript semantics: \d is ASCII, \s is Unicode, /i does not fold beyond ASCII letters here.
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-1][0-9]-[0-3][0-9][tT\s][0-2][0-9]:[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
    r"(?:[zZ]|[+-][0-9]{2}:[0-9]{2})"
)
_URI = re.compile(r"(?ai:[a-z][a-z0-9+\-.]*:)(?://?)?[^\s]*")

_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or _DATE_TIME.fullmatch(value) is not None


@_FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


def _js_integer(_checker: Any, instance: object) -> bool:
    if isinstance(instance, bool):
        return False
    return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())


_Validator = extend(
    Draft4Validator,
    type_checker=Draft4Validator.TYPE_CHECKER.redefine("integer", _js_integer),
)


@cache
def _registry() -> Registry[Any]:
    resources = []
    for name in _DEFINITION_FILES:
        contents = _read_json(DATA_DIR / "definitions" / f"{name}.json")
        resource = Resource.from_contents(contents, default_specification=DRAFT4)
        resources.append((str(contents.get("id", f"{name}.json")), resource))
    # No retrieve function: an unknown $ref fails loudly instead of reaching the network.
    return Registry().with_resources(resources).crawl()


_SCHEMA_IGNORED = (
    "assertionType",
    "expectedResult",
    "onUnexpectedResult",
    "errorMessage",
    "assertionFile",
    "assertions",
    "compareWith",
)


def _validator(assertion: Assertion) -> Any:
    key = id(assertion.schema)
    cached = _VALIDATORS.get(key)
    if cached is not None and cached[0] is assertion.schema:
        return cached[1]
    schema = {k: v for k, v in assertion.schema.items() if k not in _SCHEMA_IGNORED}
    validator = _Validator(schema, registry=_registry(), format_checker=_FORMATS)
    _VALIDATORS[key] = (assertion.schema, validator)
    return validator


_VALIDATORS: dict[int, tuple[Mapping[str, Any], Any]] = {}


def _messages(errors: Sequence[ValidationError]) -> tuple[str, ...]:
    out = []
    for err in errors:
        where = err.json_path
        text = _shorten(err.message)
        leaves = _deepest(err) if err.context else []
        if leaves:
            subs = "; ".join(f"{e.json_path}: {_shorten(e.message, 120)}" for e in leaves)
            text += f" (deepest sub-errors: {subs})"
        out.append(f"{where}: {text}")
    return tuple(out)


def _deepest(err: ValidationError, limit: int = 3) -> list[ValidationError]:
    """The sub-errors of an anyOf/oneOf/allOf that got furthest into the instance (usually the
    branch that was meant), those not about a ``type`` discriminator first."""
    leaves, stack = [], list(err.context)
    while stack:
        sub = stack.pop(0)
        if sub.context:
            stack.extend(sub.context)
        else:
            leaves.append(sub)

    def rank(e: ValidationError) -> tuple[int, bool]:
        path = list(e.absolute_path)
        return -len(path), bool(path) and path[-1] == "type"

    out: list[ValidationError] = []
    for leaf in sorted(leaves, key=rank):
        if all(leaf.message != o.message or leaf.json_path != o.json_path for o in out):
            out.append(leaf)
    return out[:limit]


def _shorten(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _evaluate(assertion: Assertion, content: Any) -> tuple[bool, tuple[str, ...]]:
    errors = sorted(_validator(assertion).iter_errors(content), key=lambda e: e.json_path)
    valid = not errors
    held = valid if assertion.expected_result != "invalid" else not valid
    if held:
        return True, ()
    if valid:
        return False, ("the input is valid against the schema; the assertion expects invalid",)
    return False, _messages(errors)


# --------------------------------------------------------------------------------------------
# Running (JSONtest.runTests)


def _action_on_miss(assertion: Assertion) -> str:
    mode = assertion.on_unexpected_result
    for action in ("continue", "skip", "abort"):
        if mode.lower().endswith(action):
            return action
    return "continue"


def _miss_status(assertion: Assertion, skip_failures: Sequence[str]) -> Status:
    if assertion.on_unexpected_result.startswith("pass"):
        return "not_met"
    if assertion.assertion_type in skip_failures:
        return "not_met"
    return "fail"


def _run_list(
    nodes: Sequence[Node], content: Any, skip_failures: Sequence[str]
) -> list[AssertionResult]:
    return _run_level(nodes, content, skip_failures)[0]


def _run_level(
    nodes: Sequence[Node], content: Any, skip_failures: Sequence[str]
) -> tuple[list[AssertionResult], bool]:
    """Run one assertion list; returns its results and whether an ``abort`` happened.

    After a miss whose action is ``skip``, the rest of this list is reported ``skipped``; after
    ``abort``, the rest of this list and of every enclosing list is.
    """
    results: list[AssertionResult] = []
    stopped = False
    aborted = False
    for node in nodes:
        if stopped:
            results += [AssertionResult(a, "skipped") for a in _flatten((node,))]
            continue
        if isinstance(node, tuple):
            sub, aborted = _run_level(node, content, skip_failures)
            results += sub
            stopped = aborted
            continue
        if node.children is not None:
            children, aborted = _run_level(node.children, content, skip_failures)
            if aborted:
                results.append(AssertionResult(node, "skipped", (), tuple(children)))
                stopped = True
                continue
            outcomes = [c.status == "pass" for c in children if c.status != "skipped"]
            combined = any(outcomes) if node.compare_with == "or" else all(outcomes)
            held = combined if node.expected_result != "invalid" else not combined
            messages = tuple(
                f"{c.assertion.path}: {c.status}"
                for c in children
                if not held and c.status != "skipped"
            )
        else:
            held, messages = _evaluate(node, content)
            children = []
        status: Status = "pass" if held else _miss_status(node, skip_failures)
        results.append(AssertionResult(node, status, messages, tuple(children)))
        if not held:
            action = _action_on_miss(node)
            aborted = action == "abort"
            stopped = action in ("skip", "abort")
    return results, aborted


def _flatten(nodes: Iterable[Node]) -> Iterable[Assertion]:
    for node in nodes:
        if isinstance(node, tuple):
            yield from _flatten(node)
        else:
            yield node


# --------------------------------------------------------------------------------------------
# Collections


def _collection_assertion(name: str, title: str, message: str, schema: dict[str, Any]) -> Assertion:
    return _assertion(
        {
            "$schema": "http://json-schema.org/draft-04/schema#",
            "title": title,
            "description": title,
            "errorMessage": message,
            **schema,
        },
        f"synoptic:collection/{name}",
        DATA_DIR,
    )


@cache
def _collection_assertions() -> tuple[Assertion, ...]:
    coll = "collections.json#/definitions/"
    return (
        _collection_assertion(
            "context",
            "Collection has @context including http://www.w3.org/ns/anno.jsonld",
            "ERROR: Collection is missing @context or it does not include the anno.jsonld context.",
            {
                "type": "object",
                "required": ["@context"],
                "properties": {
                    "@context": {
                        "oneOf": [
                            {"$ref": coll + "contextValueFound"},
                            {"$ref": coll + "contextValueInArrayFound"},
                        ]
                    }
                },
            },
        ),
        _collection_assertion(
            "id",
            "Collection has exactly one id, a string of format uri",
            "ERROR: Collection is missing id or its value is not a single uri.",
            {"$ref": "id.json#/definitions/idValueFound"},
        ),
        _collection_assertion(
            "type",
            "Collection type includes AnnotationCollection",
            "ERROR: Collection is missing type or AnnotationCollection is not one of its values.",
            {"$ref": coll + "annotationCollectionTypeValueFound"},
        ),
        _collection_assertion(
            "total",
            "If present, total is a single integer >= 0",
            "ERROR: Collection total is not a non-negative integer.",
            {"type": "object", "properties": {"total": {"type": "integer", "minimum": 0}}},
        ),
        _collection_assertion(
            "first",
            "Collection has an embedded first AnnotationPage with an items array"
            " (first may be omitted only when total is 0)",
            "ERROR: Collection first is missing, is not an embedded AnnotationPage, or has no"
            " items array.",
            {
                "type": "object",
                "oneOf": [
                    {
                        "required": ["first"],
                        "properties": {
                            "first": {
                                "allOf": [
                                    {"$ref": coll + "annotationPageTypeValueFound"},
                                    {"$ref": coll + "itemsFound"},
                                ]
                            }
                        },
                    },
                    {
                        "not": {"required": ["first"]},
                        "required": ["total"],
                        "properties": {"total": {"enum": [0]}},
                    },
                ],
            },
        ),
    )


def _total_matches_items(collection: Mapping[str, Any]) -> list[Failure]:
    """total == len(items) when the first page is the only one (no ``next``). Not expressible in
    draft-04 JSON Schema, hence Python."""
    first = collection.get("first")
    total = collection.get("total")
    if not isinstance(first, Mapping) or "next" in first or not _js_integer(None, total):
        return []
    items = first.get("items")
    if not isinstance(items, list) or total == len(items):
        return []
    return [
        Failure(
            assertion="synoptic:collection/total-matches-items",
            title="When the first page has no next page, total equals the number of its items",
            description="A collection whose only page is first holds len(first.items) annotations.",
            error_message="ERROR: Collection total does not match the number of items.",
            messages=(f"$.total: {total!r} != {len(items)} items in $.first.items",),
        )
    ]


def _item_not_embedded(index: int, item: Any) -> Failure:
    return Failure(
        assertion="synoptic:collection/item-embedded",
        title="Each item of the first page is an embedded annotation object",
        description="check_collection checks embedded annotations; a reference cannot be checked.",
        error_message="ERROR: Collection item is not an embedded annotation object.",
        messages=(f"$.first.items[{index}]: {_shorten(repr(item))} is not an object",),
    )


def _strip_markdown(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "")
    return re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", "", text)
