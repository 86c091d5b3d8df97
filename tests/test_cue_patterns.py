"""Cue patterns find exactly what the RE2 binding's own ``finditer`` finds, only faster."""

from __future__ import annotations

import gc

import pytest

from corpus import cue_patterns
from corpus.claim_rules import load_rules
from corpus.claims import assess_document
from corpus.cue_patterns import EncodedText, alternation
from corpus.document import document_from_bytes

TEXTS = [
    "",
    "Kratom may relieve pain.",
    "Kratom\u2019s alkaloids may relieve pain; caf\u00e9 owners say so.",
    "\u00e9\u00e9 risk \u4e2d\u6587 risk \U0001f600 risk \u00e9",
    "e\u0301 combining marks, then risk, then \u2014 a dash and risk\u2026",
    "\u4e2d\u6587\u4e2d\u6587",
    "ASCII only, but risks and side effects and withdrawal.",
]
PATTERNS = [
    [r"\brisks?\b", r"\bpain\b", r"\balkaloids?\b"],
    ["\u2019s", "caf\u00e9", "\u4e2d"],
    [r".{0,3}risk"],
    [r"x*"],  # matches empty everywhere: the binding steps one character, not one byte
    [r"\b", r"risk"],
    [r"(?-i:RISK)", r"\bRisk\b"],
]


def reference(patterns: list[str], text: str) -> list[tuple[int, int]]:
    """What detection used before: the binding's ``finditer`` over the string."""
    return [(m.start(), m.end()) for m in alternation(patterns)._regex.finditer(text)]


@pytest.mark.parametrize("patterns", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_spans_are_the_bindings_matches_in_characters(patterns, text) -> None:
    pattern = alternation(patterns)
    assert pattern.spans(text) == reference(patterns, text)
    assert pattern.spans(EncodedText(text)) == reference(patterns, text)


def test_one_encoding_serves_every_pattern() -> None:
    text = " ".join(TEXTS)
    encoded = EncodedText(text)
    for patterns in PATTERNS:
        assert alternation(patterns).spans(encoded) == reference(patterns, text)


def test_a_pattern_that_matches_empty_is_searched_as_a_string() -> None:
    """Searching bytes would step into the middle of "\u00e9" after an empty match."""
    text = "\u00e9a\u00e9"
    assert alternation([r"a*"]).spans(text) == [(0, 0), (1, 2), (2, 2), (3, 3)]


@pytest.mark.parametrize("chunk", [4, 5, 7, 64])  # a character is up to 4 bytes
def test_long_stretches_are_decoded_in_pieces_cut_between_characters(monkeypatch, chunk) -> None:
    """Offsets stay exact when the bytes before a match are decoded a few at a time."""
    monkeypatch.setattr(cue_patterns, "_DECODE_BYTES", chunk)
    text = ("\u00e9\u4e2d\U0001f600 a" * 40 + " risk ") * 3 + "\u00e9 risk"
    for patterns in ([r"\brisk\b"], ["\u4e2d\U0001f600", r"a\W"], [r"x*"]):
        assert alternation(patterns).spans(text) == reference(patterns, text)


def test_fullmatches_is_remembered_and_still_right() -> None:
    strong = alternation([r"\bFDA\b", r"(?-i:WHO)"])
    for _ in range(2):
        assert strong.fullmatches("fda")
        assert strong.fullmatches("WHO")
        assert not strong.fullmatches("who")
        assert not strong.fullmatches("the FDA")


def test_detection_leaves_the_cycle_collector_as_it_found_it() -> None:
    rules, _ = load_rules()
    document = document_from_bytes(
        "a.txt", b"Kratom may relieve pain, studies suggest.", markdown=False
    )
    assert gc.isenabled()
    assert assess_document(document, rules)
    assert gc.isenabled()
    gc.disable()
    try:
        assert assess_document(document, rules)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cues_in_non_ascii_text_index_the_text() -> None:
    """Offsets are characters, not UTF-8 bytes, after curly quotes, accents and emoji."""
    rules, _ = load_rules()
    text = (
        "\U0001f600 Caf\u00e9 owners\u2019 reports suggest kratom\u2019s alkaloids may relieve "
        "pain and reduce anxiety.\n\n\u4e2d\u6587 Studies show a risk of dependence and "
        "withdrawal \u2014 according to experts."
    )
    document = document_from_bytes("u.txt", text.encode("utf-8"), markdown=False)
    cues = [cue for a in assess_document(document, rules) for cue in a.cues]
    assert len(cues) > 5
    for cue in cues:
        assert document.text[cue.start : cue.end] == cue.text
