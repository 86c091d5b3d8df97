"""The claim rules: a TOML file a person can read, extended per workspace, compiled once.

The built-in rules ship as ``corpus/rules/claims.toml``. A workspace may add
``.synoptic/claims.toml``: its sections add patterns to the built-in ones (or replace them with
``replace = true``) and its numbers win. A workspace file that cannot be used is reported with
its path and line, and the built-in rules stay in force: a typo never switches detection off.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from corpus.errors import SynopticError

WORKSPACE_RULES = Path(".synoptic") / "claims.toml"
KIND_ORDER = ("efficacy", "mechanism", "safety", "legal", "evidence", "background")
"""Claim kinds, in the order ties are broken and legends are drawn."""

_GROUPS = {
    "hedges": ("patterns",),
    "unsourced": ("appeals", "sources"),
    "advice": ("patterns", "reasons", "claims"),
    "meta": ("patterns", "openers"),
    "rhetoric": ("patterns",),
    "assertion": ("patterns",),
}
_WEIGHTED = {"rhetoric", "assertion"}
_DECISION_KEYS = {"claim_score": float, "min_words": int, "heading_max_words": int}


class RulesError(SynopticError):
    """A rules file that cannot be used, located by path and line."""


@dataclass(frozen=True, slots=True)
class KindRule:
    """One claim kind: its label, how much a cue of it counts, and its compiled patterns."""

    label: str
    weight: float
    pattern: re.Pattern[str]
    strong: re.Pattern[str]
    """Cues that settle what a sentence is about; they count three times when choosing."""


@dataclass(frozen=True, slots=True)
class ClaimRules:
    """Compiled rules, ready for :func:`corpus.claims.detect_claims`."""

    claim_score: float
    min_words: int
    heading_max_words: int
    kinds: tuple[KindRule, ...]
    hedges: re.Pattern[str]
    appeals: re.Pattern[str]
    sources: re.Pattern[str]
    advice: re.Pattern[str]
    reasons: re.Pattern[str]
    advice_claims: re.Pattern[str]
    meta: re.Pattern[str]
    openers: re.Pattern[str]
    rhetoric: re.Pattern[str]
    rhetoric_weight: float
    assertion: re.Pattern[str]
    assertion_weight: float


def _line_of(text: str, needle: str) -> int:
    """1-based line where ``needle`` first appears in ``text`` (1 when it does not)."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


class _Source:
    """A parsed rules file and its text, so errors can point at a line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        try:
            self.data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{path}: {exc}") from exc

    def error(self, needle: str, reason: str) -> RulesError:
        return RulesError(f"{self.path}:{_line_of(self.text, needle)}: {reason}")

    def patterns(self, section: str, key: str, value: object) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
            raise self.error(key, f"[{section}] {key} must be a list of strings")
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise self.error(
                    pattern,
                    f"[{section}] pattern {pattern!r} is not a valid regular expression: {exc}",
                ) from exc
        return value

    def number(self, section: str, key: str, value: object, kind: type) -> float | int:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (kind is int and not isinstance(value, int))
        ):
            raise self.error(
                key, f"[{section}] {key} must be a {'whole ' if kind is int else ''}number"
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
                    raise source.error(key, f"[decision] has no setting {key!r}")
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
                raise source.error(key, f"[{where}] label must be a non-empty string")
            current["label"] = value
        elif key != "replace":
            raise source.error(key, f"[{where}] has no setting {key!r}")


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
            raise source.error(key, f"[{section}] has no setting {key!r}")


def _empty() -> dict[str, Any]:
    base: dict[str, Any] = {"decision": {}, "kinds": {}}
    for section in _GROUPS:
        base[section] = {}
    return base


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    """One regex for a list of patterns; a never-matching one for an empty list."""
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _compile(merged: dict[str, Any]) -> ClaimRules:
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
                _alternation(spec["patterns"] + spec.get("strong", [])),
                _alternation(spec.get("strong", [])),
            )
            for _, spec in kinds
        ),
        hedges=_alternation(merged["hedges"].get("patterns", [])),
        appeals=_alternation(merged["unsourced"].get("appeals", [])),
        sources=_alternation(merged["unsourced"].get("sources", [])),
        advice=_alternation(merged["advice"].get("patterns", [])),
        reasons=_alternation(merged["advice"].get("reasons", [])),
        advice_claims=_alternation(merged["advice"].get("claims", [])),
        meta=_alternation(merged["meta"].get("patterns", [])),
        openers=_alternation(merged["meta"].get("openers", [])),
        rhetoric=_alternation(merged["rhetoric"].get("patterns", [])),
        rhetoric_weight=float(merged["rhetoric"].get("weight", 0.0)),
        assertion=_alternation(merged["assertion"].get("patterns", [])),
        assertion_weight=float(merged["assertion"].get("weight", 0.0)),
    )


def builtin_rules_text() -> str:
    """The shipped rules file, for ``--help``-style display and for tests."""
    return (resources.files("corpus") / "rules" / "claims.toml").read_text(encoding="utf-8")


def _builtin_merged() -> dict[str, Any]:
    merged = _empty()
    _merge(merged, _Source(Path("corpus/rules/claims.toml"), builtin_rules_text()))
    return merged


def load_rules(workspace: Path | None = None) -> tuple[ClaimRules, list[RulesError]]:
    """The rules in force for ``workspace``, and any problem with its own rules file.

    A broken workspace file is returned as an error, never raised: detection goes on with the
    built-in rules and the caller tells the user.
    """
    merged = _builtin_merged()
    errors: list[RulesError] = []
    if workspace is not None:
        path = workspace / WORKSPACE_RULES
        if path.is_file():
            try:
                extra = _Source(path, path.read_text(encoding="utf-8"))
                candidate = _builtin_merged()
                _merge(candidate, extra)
                merged = candidate
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(RulesError(f"{path}: cannot be read ({exc})"))
            except RulesError as exc:
                errors.append(exc)
    return _compile(merged), errors
