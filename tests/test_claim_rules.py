"""The claim rules: the shipped TOML file, a workspace's own file, and its mistakes."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import SAMPLE_DIR, SAMPLE_IDS

from corpus.claim_rules import (
    KIND_ORDER,
    WORKSPACE_RULES,
    ClaimRules,
    RulesError,
    builtin_rules_text,
    load_rules,
)
from corpus.claims import Assessment, Certainty, Role, assess_document
from corpus.document import document_from_bytes, load_document

SAMPLE_DOC = SAMPLE_IDS[0]


def one_sentence(text: str, rules: ClaimRules) -> Assessment:
    """The assessment of a document made of the single sentence ``text``."""
    document = document_from_bytes("hand.txt", text.encode("utf-8"), markdown=False)
    assessments = assess_document(document, rules)
    assert len(assessments) == 1, [document.sentence_text(i) for i in range(len(assessments))]
    return assessments[0]


def with_rules(make_workspace, toml: str | bytes) -> Path:
    """A workspace with one sample article and ``toml`` as its own rules file."""
    return make_workspace(
        {
            SAMPLE_DOC: (SAMPLE_DIR / SAMPLE_DOC).read_text(encoding="utf-8"),
            str(WORKSPACE_RULES): toml,
        }
    )


def sample_assessments(rules: ClaimRules) -> list[Assessment]:
    return assess_document(load_document(SAMPLE_DIR / SAMPLE_DOC, SAMPLE_DOC), rules)


@pytest.fixture(scope="module")
def builtin() -> ClaimRules:
    rules, errors = load_rules()
    assert errors == []
    return rules


# --- the built-in rules ------------------------------------------------------------------------


def test_builtin_rules_load_without_errors_and_have_six_kinds_in_order(builtin) -> None:
    assert tuple(kind.label for kind in builtin.kinds) == KIND_ORDER
    assert KIND_ORDER == ("efficacy", "mechanism", "safety", "legal", "evidence", "background")
    assert all(kind.weight > 0 for kind in builtin.kinds)
    assert builtin.claim_score > 0
    assert builtin.min_words >= 1


def test_a_workspace_without_a_rules_file_gets_the_builtin_rules(make_workspace, builtin) -> None:
    root = make_workspace({SAMPLE_DOC: (SAMPLE_DIR / SAMPLE_DOC).read_text(encoding="utf-8")})
    rules, errors = load_rules(root)
    assert errors == []
    assert sample_assessments(rules) == sample_assessments(builtin)


def test_shipped_rules_file_is_commented_toml_with_enough_patterns_per_kind() -> None:
    text = builtin_rules_text()
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 10
    data = tomllib.loads(text)
    assert list(data["kinds"]) == list(KIND_ORDER)
    for name, spec in data["kinds"].items():
        assert spec["label"] == name
        assert len(spec["patterns"]) >= 5, name
    for group in ("hedges", "unsourced", "advice", "meta", "rhetoric", "assertion", "decision"):
        assert group in data


# --- a workspace's own rules -------------------------------------------------------------------

SOOTHE = "Kratom tea can soothe a sore throat within an hour."
PRICE = "A small bag costs about twelve dollars at most corner shops."


def test_workspace_pattern_added_to_an_existing_kind(make_workspace, builtin) -> None:
    before = one_sentence(SOOTHE, builtin)
    assert before.role is Role.OTHER
    root = with_rules(
        make_workspace,
        "# Our desk's additions\n[kinds.efficacy]\npatterns = ['\\bsooth\\w*']\n",
    )
    rules, errors = load_rules(root)
    assert errors == []
    after = one_sentence(SOOTHE, rules)
    assert after.role is Role.CLAIM
    assert after.kind == "efficacy"
    assert [(cue.group, cue.text) for cue in after.cues if cue.group == "efficacy"] == [
        ("efficacy", "soothe")
    ]
    # Added, not replaced: the built-in efficacy cues still work.
    assert one_sentence("Kratom relieves chronic pain in most users.", rules).kind == "efficacy"


def test_workspace_adds_a_new_kind(make_workspace, builtin) -> None:
    assert one_sentence(PRICE, builtin).role is Role.OTHER
    root = with_rules(
        make_workspace,
        """\
# Prices are checked against the shops' own lists.
[kinds.price]
label = "price"
weight = 1.0
patterns = ['\\bcosts?\\b', '\\bdollars?\\b', '\\bcorner shops?\\b']
""",
    )
    rules, errors = load_rules(root)
    assert errors == []
    labels = [kind.label for kind in rules.kinds]
    assert labels == [*KIND_ORDER, "price"]
    found = one_sentence(PRICE, rules)
    assert found.role is Role.CLAIM
    assert found.kind == "price"
    assert {cue.text for cue in found.cues if cue.group == "price"} == {
        "costs",
        "dollars",
        "corner shops",
    }


def test_workspace_replace_true_replaces_a_groups_patterns(make_workspace, builtin) -> None:
    text = "Studies suggest it may relieve pain."
    assert one_sentence(text, builtin).certainty is Certainty.HEDGED
    root = with_rules(make_workspace, "[hedges]\nreplace = true\npatterns = ['\\bmight\\b']\n")
    rules, errors = load_rules(root)
    assert errors == []
    replaced = one_sentence(text, rules)
    assert replaced.role is Role.CLAIM
    assert replaced.certainty is Certainty.ASSERTIVE
    assert not [cue for cue in replaced.cues if cue.group == "hedge"]
    might = one_sentence("Studies suggest it might relieve pain.", rules)
    assert might.certainty is Certainty.HEDGED
    assert [cue.text for cue in might.cues if cue.group == "hedge"] == ["might"]


def test_workspace_replace_true_replaces_a_kinds_patterns(make_workspace, builtin) -> None:
    text = "Kratom is a tropical tree native to Southeast Asia."
    assert {cue.text for cue in one_sentence(text, builtin).cues} >= {"tree", "native to"}
    root = with_rules(
        make_workspace, "[kinds.background]\nreplace = true\npatterns = ['\\bnative to\\b']\n"
    )
    rules, errors = load_rules(root)
    assert errors == []
    found = one_sentence(text, rules)
    assert found.kind == "background"
    assert [cue.text for cue in found.cues] == ["native to"]


def test_workspace_overrides_the_claim_score(make_workspace, builtin) -> None:
    text = "Kratom relieves chronic pain in most users."
    assert one_sentence(text, builtin).role is Role.CLAIM
    root = with_rules(make_workspace, "[decision]\nclaim_score = 5.0\n")
    rules, errors = load_rules(root)
    assert errors == []
    assert rules.claim_score == 5.0
    assert rules.min_words == builtin.min_words  # numbers not given stay built-in
    stricter = one_sentence(text, rules)
    assert stricter.role is Role.OTHER
    assert "below 5.0" in stricter.reason
    claims = sum(a.is_claim for a in sample_assessments(rules))
    assert claims < sum(a.is_claim for a in sample_assessments(builtin))


# --- mistakes in a workspace's rules -----------------------------------------------------------

MALFORMED = {
    "invalid regex": (
        """\
# Extra cues for our desk.
[kinds.efficacy]
patterns = [
  '\\bsooth\\w*',
  '(unclosed',
]
""",
        5,
        ["not a valid regular expression", "(unclosed"],
    ),
    "look-around": (
        """\
[kinds.efficacy]
patterns = ['\\bsooth\\w*']

[hedges]
patterns = ['(?=x)y']
""",
        5,
        ["look-around", "RE2"],
    ),
    "a repeat RE2 refuses": (  # Python's engine takes it: only RE2 says no
        """\
[kinds.efficacy]
patterns = ['\\bsooth\\w*']

[hedges]
patterns = ['a{1001}']
""",
        5,
        ["'a{1001}'", "cannot be run by the rules engine (RE2)", "invalid repetition size"],
    ),
    "a flag RE2 refuses": (
        """\
[meta]
openers = ['(?a)perhaps']
""",
        2,
        ["'(?a)perhaps'", "RE2"],
    ),
    "unknown section": (
        """\
# kinds are spelled [kinds.NAME]
[decision]
claim_score = 0.8

[kindz]
patterns = ['\\bsooth\\w*']
""",
        5,
        ["unknown section [kindz]"],
    ),
    "unknown decision key": (
        """\
# claim_score is the only threshold; min_words the shortest claim.
[decision]
claim_score = 0.8
threshold = 2
""",
        4,
        ["[decision]", "'threshold'"],
    ),
    "claim_score not a number": (
        """\
# Raise claim_score to see fewer claims.
[kinds.efficacy]
patterns = ['\\bsooth\\w*']

[decision]
claim_score = "high"
""",
        6,
        ["claim_score must be a number"],
    ),
    "patterns not a list": (
        """\
[kinds.efficacy]
patterns = ['\\bsooth\\w*']

[kinds.dosage]
label = "dosage"
patterns = "not a list"
""",
        6,
        ["[kinds.dosage] patterns must be a list of strings"],
    ),
    "invalid regex in a basic string": (
        """\
[kinds.efficacy]
patterns = [
  "\\\\bsooth\\\\w*",
  "\\\\bcalm\\\\w(",
]
""",
        4,
        ["not a valid regular expression"],
    ),
    "unknown key in a kind": (
        """\
[kinds.efficacy]
patterns = ['\\bsooth\\w*']

[kinds.dosage]
label = "dosage"
pattern = ['\\bdose\\b']
""",
        6,
        ["[kinds.dosage] has no setting 'pattern'"],
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_malformed_rules_give_one_error_at_the_right_line_and_keep_builtin_rules(
    case: str, make_workspace, builtin
) -> None:
    toml, line, phrases = MALFORMED[case]
    root = with_rules(make_workspace, toml)
    rules, errors = load_rules(root)
    assert len(errors) == 1
    error = errors[0]
    assert isinstance(error, RulesError)
    message = str(error)
    path = root / WORKSPACE_RULES
    assert message.startswith(f"{path}:{line}: "), message
    for phrase in phrases:
        assert phrase in message
    # The whole file is set aside, even its valid sections: detection is the built-in one.
    assert sample_assessments(rules) == sample_assessments(builtin)
    assert one_sentence(SOOTHE, rules).role is Role.OTHER


def test_toml_syntax_error_names_the_file_and_the_line(make_workspace, builtin) -> None:
    root = with_rules(
        make_workspace,
        "# Stricter than the default\n[decision]\nclaim_score = 0.8.5\n",
    )
    rules, errors = load_rules(root)
    assert len(errors) == 1
    message = str(errors[0])
    assert str(root / WORKSPACE_RULES) in message
    assert "line 3" in message
    assert sample_assessments(rules) == sample_assessments(builtin)


def test_undecodable_rules_file_is_reported_not_raised(make_workspace, builtin) -> None:
    root = with_rules(make_workspace, b"\xff\xfe")
    rules, errors = load_rules(root)
    assert len(errors) == 1
    assert isinstance(errors[0], RulesError)
    assert str(root / WORKSPACE_RULES) in str(errors[0])
    assert "cannot be read" in str(errors[0])
    assert sample_assessments(rules) == sample_assessments(builtin)


def test_rules_error_is_a_user_error() -> None:
    from corpus.errors import SynopticError

    assert issubclass(RulesError, SynopticError)


def test_groups_become_non_capturing_without_changing_what_matches() -> None:
    from corpus.cue_patterns import _without_captures

    assert _without_captures(r"\b(is|are) (a |an )?x") == r"\b(?:is|are) (?:a |an )?x"
    assert _without_captures(r"[(]a\(b\)(?-i:C)") == r"[(]a\(b\)(?-i:C)"
    assert _without_captures(r"[]()](x)") == r"[]()](?:x)"


def test_an_opener_a_workspace_adds_cannot_hang_detection(make_workspace) -> None:
    """Openers ran on Python's backtracking engine, the built-in ones and a workspace's alike,
    and the workspace's rules file is shared through git: ``(a|aa)*c`` took seconds on a
    sentence opening with 34 a's, doubling with about every two more. It runs on RE2 now.
    (A subprocess, as a user runs it: a regex stuck in Python's engine holds the GIL, so no
    thread of the test could stop it.)"""
    rules_text = "[meta]\nopeners = ['(a|aa)*c', 'as we see']\n"
    root = make_workspace(
        {"a.txt": "a" * 48 + " is one long word here.\n", str(WORKSPACE_RULES): rules_text}
    )
    result = subprocess.run(
        [sys.executable, "-m", "tui", "claims", str(root), "--json"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    # the workspace's openers still work, without regard to case, at the start only
    rules, errors = load_rules(root)
    assert errors == []
    framing = one_sentence("As we see, kratom relieves pain in most adults.", rules)
    assert framing.role is Role.OTHER
    assert [(cue.group, cue.text) for cue in framing.cues] == [("meta", "As we see")]
    assert one_sentence("Kratom relieves pain, as we see in most adults.", rules).role is Role.CLAIM


def test_the_built_in_openers_keep_python_s_engine() -> None:
    """Cheaper per call at one position, and written not to backtrack (see anchored)."""
    rules, _ = load_rules(None)
    assert isinstance(rules.openers, re.Pattern)
    assert isinstance(rules.advice_openers, re.Pattern)
