"""The claim rules: a TOML file a person can read, extended per workspace, compiled once.

The built-in rules ship as ``corpus/rules/claims.toml``. A workspace may add
``.synoptic/claims.toml``: its sections add patterns to the built-in ones (or replace them with
``replace = true``) and its numbers win. A workspace file that cannot be used is reported with
its path and line, and the built-in rules stay in force: a typo never switches detection off.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

try:  # Python 3.11 calls the parser sre_parse; later versions re._parser
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the Python version
    import sre_parse as _sre_parse

from corpus.cue_patterns import CuePattern, Openers, alternation, anchored
from corpus.errors import SynopticError
from corpus.files import follow_outside_links, outside_reason, outside_target

WORKSPACE_RULES = Path(".synoptic") / "claims.toml"
KIND_ORDER = ("efficacy", "mechanism", "safety", "legal", "evidence", "background")
"""Claim kinds, in the order ties are broken and legends are drawn."""

_GROUPS = {
    "hedges": ("patterns",),
    "unsourced": ("appeals", "sources"),
    "advice": ("patterns", "reasons", "consequences", "claims", "openers"),
    "meta": ("patterns", "openers", "platitudes"),
    "rhetoric": ("patterns",),
    "assertion": ("patterns",),
}
_WEIGHTED = {"rhetoric", "assertion"}
_DECISION_KEYS = {"claim_score": float, "min_words": int, "heading_max_words": int}


_UNSUPPORTED = {"ASSERT": "look-around", "ASSERT_NOT": "look-around", "GROUPREF": "back-reference"}


def _unsupported(pattern: str) -> str | None:
    """The first construct RE2 cannot run (look-around, back-reference), or None."""
    stack = [_sre_parse.parse(pattern)]
    while stack:
        for op, argument in stack.pop():
            name = str(op)
            for key, description in _UNSUPPORTED.items():
                if name == key or name.startswith(key + "_"):
                    return description
            for item in argument if isinstance(argument, (list, tuple)) else (argument,):
                if isinstance(item, _sre_parse.SubPattern):
                    stack.append(item)
                elif isinstance(item, (list, tuple)):
                    stack.extend(x for x in item if isinstance(x, _sre_parse.SubPattern))
    return None


def _re2_refusal(pattern: str) -> str | None:
    """Why RE2 will not compile ``pattern`` though Python's engine does, or None.

    Python accepts more than RE2 (a repeat over 1000, ``(?a)``, possessive ``x*+``, atomic
    groups); such a pattern would otherwise pass the checks above and fail when the rules are
    compiled, taking the whole command down instead of falling back to the built-in rules.
    """
    import re2  # loaded with the rules, not at start-up

    options = re2.Options()
    options.log_errors = False  # RE2 would also print its own line to stderr
    try:
        re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
    return None


class RulesError(SynopticError):
    """A rules file that cannot be used, located by path and line."""


@dataclass(frozen=True, slots=True)
class KindRule:
    """One claim kind: its label, how much a cue of it counts, and its compiled patterns."""

    label: str
    weight: float
    pattern: CuePattern
    strong: CuePattern
    """Cues that settle what a sentence is about; they count three times when choosing."""


@dataclass(frozen=True, slots=True)
class ClaimRules:
    """Compiled rules, ready for :func:`corpus.claims.detect_claims`."""

    claim_score: float
    min_words: int
    heading_max_words: int
    kinds: tuple[KindRule, ...]
    hedges: CuePattern
    appeals: CuePattern
    sources: CuePattern
    advice: CuePattern
    reasons: CuePattern
    consequences: CuePattern
    advice_claims: CuePattern
    meta: CuePattern
    platitudes: CuePattern
    openers: Openers
    advice_openers: Openers
    rhetoric: CuePattern
    rhetoric_weight: float
    assertion: CuePattern
    assertion_weight: float
    digest: str
    """A hash of the rules as merged (built-in plus the workspace's): cached verdicts are only
    good for the very rules they were reached with."""


_TABLE = re.compile(r"\s*\[\[?([^\]]*)\]")


def _without_comment(line: str) -> str:
    """``line`` up to its comment: the first ``#`` outside a quoted string."""
    quote = ""
    escaped = False
    for index, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#":
            return line[:index]
    return line


def _line_of(text: str, needle: str, section: str | None = None) -> int:
    """1-based line where ``needle`` first appears in ``text`` (1 when it does not).

    Comments are skipped, and a line inside the table ``[section]`` wins over an earlier one
    elsewhere, so a key named in a comment or set in another section is not blamed. A value is
    also looked for as a basic string spells it, with backslashes and quotes escaped.
    """
    forms = {needle, needle.replace("\\", "\\\\").replace('"', '\\"')}
    table = ""
    elsewhere = 0
    for number, line in enumerate(text.split("\n"), 1):
        code = _without_comment(line)
        header = _TABLE.match(code)
        if header:
            table = "".join(header.group(1).split()).replace('"', "").replace("'", "")
        if any(form in code for form in forms):
            if section is None or table == section:
                return number
            elsewhere = elsewhere or number
    return elsewhere or 1


class _Source:
    """A parsed rules file and its text, so errors can point at a line."""

    def __init__(self, path: Path, text: str, *, shipped: bool = False) -> None:
        self.path = path
        self.text = text
        self.shipped = shipped
        """The built-in file: RE2 compiles its patterns on every run (and in the tests), so
        asking RE2 about each one again would only add to every start."""
        try:
            self.data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{path}: {exc}") from exc

    def error(self, needle: str, reason: str, section: str | None = None) -> RulesError:
        return RulesError(f"{self.path}:{_line_of(self.text, needle, section)}: {reason}")

    def patterns(self, section: str, key: str, value: object) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
            raise self.error(key, f"[{section}] {key} must be a list of strings", section)
        for pattern in value:
            problem = None
            try:
                re.compile(pattern)
                problem = _unsupported(pattern)
            except re.error as exc:
                raise self.error(
                    pattern,
                    f"[{section}] pattern {pattern!r} is not a valid regular expression: {exc}",
                    section,
                ) from exc
            if problem:
                raise self.error(
                    pattern,
                    f"[{section}] pattern {pattern!r} uses a {problem}, which the rules engine "
                    "(RE2) does not support",
                    section,
                )
            refusal = None if self.shipped else _re2_refusal(pattern)
            if refusal:
                raise self.error(
                    pattern,
                    f"[{section}] pattern {pattern!r} cannot be run by the rules engine (RE2): "
                    f"{refusal}",
                    section,
                )
        return value

    def number(self, section: str, key: str, value: object, kind: type) -> float | int:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (kind is int and not isinstance(value, int))
        ):
            raise self.error(
                key,
                f"[{section}] {key} must be a {'whole ' if kind is int else ''}number",
                section,
            )
        return value


def _merge(base: dict[str, Any], source: _Source) -> None:
    """Fold a rules file into ``base`` in place, validating every value on the way."""
    for section, body in source.data.items():
        if section == "version":
            continue
        if not isinstance(body, dict):
            raise source.error(f"{section}", f"{section} must be a [section]")
        if section == "decision":
            for key, value in body.items():
                if key not in _DECISION_KEYS:
                    raise source.error(key, f"[decision] has no setting {key!r}", "decision")
                base["decision"][key] = source.number("decision", key, value, _DECISION_KEYS[key])
        elif section == "kinds":
            for name, spec in body.items():
                _merge_kind(base["kinds"], name, spec, source)
        elif section in _GROUPS:
            _merge_group(base[section], section, body, source)
        else:
            raise source.error(f"[{section}", f"unknown section [{section}]")


def _merge_kind(kinds: dict[str, Any], name: str, spec: object, source: _Source) -> None:
    where = f"kinds.{name}"
    if not isinstance(spec, dict):
        raise source.error(where, f"[{where}] must be a section")
    current = kinds.setdefault(name, {"label": name, "weight": 1.0, "patterns": []})
    for key, value in spec.items():
        if key in ("patterns", "strong"):
            patterns = source.patterns(where, key, value)
            current[key] = patterns if spec.get("replace") else current.get(key, []) + patterns
        elif key == "weight":
            current["weight"] = float(source.number(where, key, value, float))
        elif key == "label":
            if not isinstance(value, str) or not value:
                raise source.error(key, f"[{where}] label must be a non-empty string", where)
            current["label"] = value
        elif key != "replace":
            raise source.error(key, f"[{where}] has no setting {key!r}", where)


def _merge_group(
    group: dict[str, Any], section: str, body: dict[str, Any], source: _Source
) -> None:
    for key, value in body.items():
        if key in _GROUPS[section]:
            patterns = source.patterns(section, key, value)
            group[key] = patterns if body.get("replace") else group.get(key, []) + patterns
        elif key == "weight" and section in _WEIGHTED:
            group[key] = float(source.number(section, key, value, float))
        elif key != "replace":
            raise source.error(key, f"[{section}] has no setting {key!r}", section)


def _empty() -> dict[str, Any]:
    base: dict[str, Any] = {"decision": {}, "kinds": {}}
    for section in _GROUPS:
        base[section] = {}
    return base


def _compile(merged: dict[str, Any], builtin: dict[str, Any] | None = None) -> ClaimRules:
    """The rules of ``merged``; ``builtin`` (when a workspace file was merged in) tells which
    opener patterns are the shipped ones, which alone may run on Python's engine."""
    decision = merged["decision"]
    order = {name: index for index, name in enumerate(KIND_ORDER)}
    kinds = sorted(
        merged["kinds"].items(), key=lambda item: (order.get(item[0], len(order)), item[0])
    )
    return ClaimRules(
        claim_score=float(decision.get("claim_score", 1.0)),
        min_words=int(decision.get("min_words", 5)),
        heading_max_words=int(decision.get("heading_max_words", 20)),
        kinds=tuple(
            KindRule(
                spec["label"],
                spec["weight"],
                alternation(spec["patterns"] + spec.get("strong", [])),
                alternation(spec.get("strong", [])),
            )
            for _, spec in kinds
        ),
        hedges=alternation(merged["hedges"].get("patterns", [])),
        appeals=alternation(merged["unsourced"].get("appeals", [])),
        sources=alternation(merged["unsourced"].get("sources", [])),
        advice=alternation(merged["advice"].get("patterns", [])),
        reasons=alternation(merged["advice"].get("reasons", [])),
        consequences=alternation(merged["advice"].get("consequences", [])),
        advice_claims=alternation(merged["advice"].get("claims", [])),
        meta=alternation(merged["meta"].get("patterns", [])),
        platitudes=alternation(merged["meta"].get("platitudes", [])),
        openers=_openers(merged, builtin, "meta"),
        advice_openers=_openers(merged, builtin, "advice"),
        rhetoric=alternation(merged["rhetoric"].get("patterns", [])),
        rhetoric_weight=float(merged["rhetoric"].get("weight", 0.0)),
        assertion=alternation(merged["assertion"].get("patterns", [])),
        assertion_weight=float(merged["assertion"].get("weight", 0.0)),
        digest=_digest(merged, builtin),
    )


def _digest(merged: dict[str, Any], builtin: dict[str, Any] | None) -> str:
    """What the compiled rules are made of: every merged value, and whether the openers are
    the shipped ones (they then run on another engine)."""
    shipped = [
        builtin is None or merged[section].get("openers") == builtin[section].get("openers")
        for section in ("meta", "advice")
    ]
    text = json.dumps([merged, shipped], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def builtin_rules_text() -> str:
    """The shipped rules file, for ``--help``-style display and for tests."""
    return (resources.files("corpus") / "rules" / "claims.toml").read_text(encoding="utf-8")


def _builtin_merged() -> dict[str, Any]:
    merged = _empty()
    _merge(merged, _Source(Path("corpus/rules/claims.toml"), builtin_rules_text(), shipped=True))
    return merged


def _openers(merged: dict[str, Any], builtin: dict[str, Any] | None, section: str) -> Openers:
    patterns = merged[section].get("openers", [])
    shipped = builtin is None or patterns == builtin[section].get("openers", [])
    return anchored(patterns, trusted=shipped)


def load_rules(workspace: Path | None = None) -> tuple[ClaimRules, list[RulesError]]:
    """The rules in force for ``workspace``, and any problem with its own rules file.

    A broken workspace file is returned as an error, never raised: detection goes on with the
    built-in rules and the caller tells the user.
    """
    merged = builtin = _builtin_merged()
    errors: list[RulesError] = []
    if workspace is not None:
        path = workspace / WORKSPACE_RULES
        outside = None if follow_outside_links() else outside_target(path, workspace.resolve())
        if outside is not None and path.is_file():
            errors.append(RulesError(f"{path}: {outside_reason(outside)}"))
        elif path.is_file():
            try:
                extra = _Source(path, path.read_text(encoding="utf-8"))
                candidate = _builtin_merged()
                _merge(candidate, extra)
                merged = candidate
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(RulesError(f"{path}: cannot be read ({exc})"))
            except RulesError as exc:
                errors.append(exc)
    return _compile(merged, None if merged is builtin else builtin), errors
