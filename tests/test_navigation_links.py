"""Links in Markdown: a line of links is navigation, and a link's destination is no text.

A table of contents in links ("- [Effects](#effects)"), "[Back to top](#top)" or a line of
links separated by "|" came out as a match for `m` and as a claim, its anchors' words counted
("#pain-relief-studies-show-benefits" made a line of links an efficacy claim). And the words of
a URL (``[the survey](https://example.org/kratom-relieves-pain)``) fed matching and claim cues.
"""

from __future__ import annotations

import pytest

from corpus.claim_rules import load_rules
from corpus.claims import Role, assess_document
from corpus.document import document_from_bytes
from corpus.inline_markup import is_navigation, without_link_targets
from corpus.match_terms import Analyzer, load_vocabulary, shared_spans
from corpus.model import Document
from corpus.passages import build_index, passages_of

ARTICLE = (
    "# Kratom and mood\n\n"
    "[Effects on mood](#effects-on-mood) | [Pain relief studies show benefits](#pain-relief)"
    " | [Risks of dependence](#risks-of-dependence)\n\n"
    "- [Effects](#effects)\n"
    "- [How kratom improves mood and reduces anxiety](#how-kratom-improves-mood)\n\n"
    "## Effects on mood\n\n"
    "Many users report that kratom lifts their mood within an hour, as [the survey]"
    "(https://example.org/kratom-relieves-anxiety-and-chronic-pain-study) found.\n\n"
    "[Back to top](#top)\n"
)
NAVIGATION = [
    "[Effects on mood](#effects-on-mood) | [Pain relief studies show benefits](#pain-relief)"
    " | [Risks of dependence](#risks-of-dependence)",
    "[Effects](#effects)",
    "[How kratom improves mood and reduces anxiety](#how-kratom-improves-mood)",
    "[Back to top](#top)",
]
STATEMENT = (
    "Many users report that kratom lifts their mood within an hour, as [the survey]"
    "(https://example.org/kratom-relieves-anxiety-and-chronic-pain-study) found."
)


def article() -> Document:
    return document_from_bytes("article.md", ARTICLE.encode(), markdown=True)


@pytest.mark.parametrize(
    ("text", "navigation"),
    [
        ("[Back to top](#top)", True),
        ("[A](#a) | [B](#b) \N{MIDDLE DOT} [C](#c)", True),
        ("**[Top](#top)**", True),
        ("<https://example.org>", True),
        ('<a href="#x">Effects</a> | <a href="#y">Risks</a>', True),
        ("[Effects][effects]", True),
        ("Read [the survey](https://example.org) first.", False),
        ("Kratom lifts mood [1](#fn1).", False),
        ("[sic] is a bracket, not a link", False),
        ("No links here at all.", False),
    ],
)
def test_a_text_of_links_alone_is_navigation(text: str, navigation: bool) -> None:
    assert is_navigation(text) is navigation


def test_lines_of_links_are_neither_passages_nor_claims() -> None:
    document = article()
    passages = [document.text[p.start : p.end] for p in passages_of(document)]
    assert passages == [STATEMENT]
    rules, _ = load_rules()
    verdicts = {document.text[a.start : a.end]: a for a in assess_document(document, rules)}
    for line in NAVIGATION:
        assert verdicts[line].role is Role.OTHER, line
        assert verdicts[line].reason == "only links: navigation, not a statement"


def test_a_link_s_destination_is_no_cue_but_still_a_source() -> None:
    document = article()
    rules, _ = load_rules()
    start = ARTICLE.index("Many")
    (verdict,) = [a for a in assess_document(document, rules) if a.start == start]
    url = ARTICLE.index("(https://"), ARTICLE.index(") found")
    inside = [cue for cue in verdict.cues if url[0] <= cue.start < url[1]]
    # "relieves", "anxiety", "study" in the URL are no cues; the address itself is a source
    assert [(cue.group, cue.text) for cue in inside] == [("source", "https://")]
    assert not verdict.unsourced


def test_a_link_s_destination_gives_no_matching_terms() -> None:
    analyzer = Analyzer(load_vocabulary())
    terms = analyzer.terms(STATEMENT)
    assert "anxieti" not in terms and "chronic" not in terms and "studi" not in terms
    assert "survey" in terms and "mood" in terms
    # the words found keep their offsets in the text as written
    spans = shared_spans(analyzer, STATEMENT, 100, [analyzer.term("survey")])
    assert [STATEMENT[s - 100 : e - 100] for s, e in spans] == ["survey"]
    assert len(without_link_targets(STATEMENT)) == len(STATEMENT)


TITLED = '(a.org/pain "Pain")'
"""A destination with a title, blanked whole."""


def blank(text: str) -> str:
    return " " * len(text)


@pytest.mark.parametrize(
    ("text", "blanked"),
    [
        ("see [x](https://a.org/pain) now", f"see [x]{blank('(https://a.org/pain)')} now"),
        ("see [x](<https://a.org/pain>) now", f"see [x]{blank('(<https://a.org/pain>)')} now"),
        (f"[x]{TITLED} <https://b.org/c>", f"[x]{blank(TITLED)} <{blank('https://b.org/c')}>"),
        ("no links (here) at all", "no links (here) at all"),
    ],
)
def test_destinations_are_blanked_and_nothing_else(text: str, blanked: str) -> None:
    assert without_link_targets(text) == blanked


def test_a_url_s_words_make_no_match() -> None:
    """Only the URL of B's sentence says "chronic pain": A's sentence must not match it."""
    a = document_from_bytes(
        "a.md", b"Kratom relieves chronic pain in many long-term users.\n", markdown=True
    )
    b = document_from_bytes(
        "b.md",
        b"Readers liked the market visit, see [the page]"
        b"(https://example.org/kratom-relieves-chronic-pain-in-many-long-term-users).\n",
        markdown=True,
    )
    c = document_from_bytes(
        "c.md", b"The weather in the valley was mild all through the spring.\n", markdown=True
    )
    index = build_index([a, b, c])
    result = index.match("a.md", 0, a.sentences[0].end, a.sentence_text(0), per_doc=1)
    assert "b.md" not in {m.passage.doc_id for m in result.matches}
