"""The Markdown report: its structure, its escaping of hostile text, and its determinism.

The report is parsed with markdown-it (CommonMark plus tables, as GitHub reads it) and checked
token by token: user text must never add a heading, a table row, a link, HTML or a list.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from annotations.export_markdown import ReportDocument, Selection, markdown_report
from annotations.export_selection import select_annotations
from annotations.labels import ClaimMark, Verdict
from annotations.links import Relation, parse_link, passage_link
from annotations.markdown_escape import escape_inline, link_destination, text_block
from annotations.model import Annotation
from annotations.target import Target
from corpus.export_guard import SEAL_PREFIX
from corpus.passage_vectors import Passage
from corpus.synopsis import ClaimGroup
from corpus.text import inert

A_TEXT = (
    "Kratom may lift mood. Few articles cite a clinical trial.\n\n"
    "Some users report less pain. Kratom may lift mood."
)
B_TEXT = "Kratom may lift mood, several users say. Doses vary widely between products."
DOCS = [ReportDocument("a.txt", "Article A", A_TEXT), ReportDocument("b.txt", "B", B_TEXT)]
HOSTILE = [
    "# heading",
    "## two\n### three",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "a | b\n--- | ---",
    "Dose | effect\n:--",
    "Dose | effect\n:---:",
    "[x](javascript:alert(1))",
    "[x]: https://evil.example/\n\n[x]",
    "![img](https://evil.example/i.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<https://evil.example/>",
    "```\nfenced\n```",
    "~~~\nfenced\n~~~",
    "    indented code\n\n    more",
    "]]",
    "[[",
    "line one\nline two\n\nparagraph two",
    "> quote\n> more",
    "- item\n* item\n+ item",
    "1. one\n2) two",
    "title\n=====",
    "title\n-----",
    "***\n___\n---",
    "*em* _em_ **strong** __strong__ ~~strike~~ `code`",
    "$x^2$ and $$y$$",
    "&lt;script&gt; &amp; &#60; &#x3C;",
    "back\\slash\\",
    "trailing backslash \\",
    "\x1b[31mred\x1b[0m \x07 \x00 \x9b",
    "\u202eevil\u202c text",
    "tab\tseparated\r\nwindows\rmac\u2028sep",
    "emoji 🧪 and 中文 and العربية",
    "- [ ] task\n- [x] done",
    "[^1]\n\n[^1]: footnote",
    "a\\\n# after hard break",
    "",
]


def report_text(*args: Any, **kwargs: Any) -> str:
    """The report's text: most tests read only that, not what it could not place."""
    return markdown_report(*args, **kwargs).text


def parse(markdown: str) -> list[Token]:
    """The report's tokens, its last line (the seal, an HTML comment) checked and left out."""
    body, _, last = markdown.rstrip("\n").rpartition("\n")
    if last.startswith(SEAL_PREFIX):
        (comment,) = MarkdownIt("commonmark").parse(last)
        assert comment.type == "html_block", "the seal is invisible when rendered"
        markdown = body + "\n"
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def inline_children(tokens: list[Token]) -> list[Token]:
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((token.tag, plain(tokens[index + 1])))
    return found


def links(tokens: list[Token]) -> list[str]:
    return [str(c.attrs["href"]) for c in inline_children(tokens) if c.type == "link_open"]


def html(tokens: list[Token]) -> list[Token]:
    return [t for t in [*tokens, *inline_children(tokens)] if t.type.startswith("html")]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    result: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            result.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            assert row is not None
            result[-1].append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(plain(token))
    return result


def plain(inline: Token) -> str:
    """The text of an inline token as a reader sees it, breaks as newlines."""
    parts = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def types_in(tokens: list[Token]) -> set[str]:
    return {t.type for t in [*tokens, *inline_children(tokens)]}


def note(text: str = "", **fields: object) -> Annotation:
    doc = str(fields.pop("doc", "a.txt"))
    source = A_TEXT if doc == "a.txt" else B_TEXT
    start, end = fields.pop("span", (0, 21))  # type: ignore[misc]
    target = Target.from_span(doc, source, start, end)
    created = str(fields.pop("created", "2024-05-01T10:00:00.000000+00:00"))
    made = Annotation.create(str(fields.pop("author", "Ann")), target, text, **fields)  # type: ignore[arg-type]
    return replace(made, created=created, modified=created)


def expected_paragraphs(text: str) -> list[str]:
    """What a reader should see of a note: its lines (split at newlines only) made inert, with
    their indentation (tabs as four columns) as no-break spaces, and no trailing blanks."""
    paragraphs: list[list[str]] = [[]]
    for raw in re.split(r"\r\n|[\r\n]", text):
        line = inert(raw)
        if line.strip():
            body = line.lstrip()
            blanks = raw[: len(raw) - len(inert(raw).lstrip())].expandtabs(4)
            paragraphs[-1].append(inert(blanks).replace(" ", "\xa0") + body.rstrip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return ["\n".join(p) for p in paragraphs if p]


def note_paragraphs(tokens: list[Token]) -> list[str]:
    """The paragraphs of the first note (the first list after a passage heading), after its
    header line."""
    heading = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3")
    start = next(i for i, t in enumerate(tokens) if i > heading and t.type == "bullet_list_open")
    item_level = tokens[start + 1].level
    texts = []
    for token in tokens[start + 2 :]:
        if token.type == "list_item_close" and token.level == item_level:
            break
        if token.type == "inline" and token.level == item_level + 2:
            texts.append(plain(token))
    return texts[1:]


# --- escaping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_note_is_shown_as_its_literal_text_and_changes_no_structure(text: str) -> None:
    report = report_text("ws", DOCS[:1], [note(text)])
    tokens = parse(report)
    assert headings(tokens) == [
        ("h1", "Notes on ws"),
        ("h2", "a.txt: Article A"),
        ("h3", "a.txt, characters 0–21"),
    ]
    assert links(tokens) == []
    assert html(tokens) == []
    assert [len(t) for t in tables(tokens)] == [2], "only the documents table, header + 1 row"
    assert types_in(tokens) <= {
        "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline", "text",
        "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
        "blockquote_open", "blockquote_close", "strong_open", "strong_close", "hardbreak",
        "softbreak", "table_open", "table_close", "thead_open", "thead_close", "tbody_open",
        "tbody_close", "tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close",
    }  # fmt: skip
    assert note_paragraphs(tokens) == expected_paragraphs(text)
    assert "\x1b" not in report and "\x00" not in report and "\u202e" not in report


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_note_text_keeps_the_report_structure(text: str) -> None:
    tokens = parse(report_text("ws", DOCS[:1], [note(text)]))
    assert len(headings(tokens)) == 3
    assert links(tokens) == [] and html(tokens) == []
    assert [len(t) for t in tables(tokens)] == [2]
    assert note_paragraphs(tokens) == expected_paragraphs(text)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_any_author_tag_title_and_doc_id_stay_in_their_place(name: str) -> None:
    try:
        made = note("x", author=name.strip(), tags=[name])
    except ValueError:  # a tag with a control character is refused by the model itself
        made = note("x", author=name.strip())
    doc = ReportDocument("a.txt", name, A_TEXT)
    tokens = parse(report_text(name, [doc], [made]))
    found = headings(tokens)
    assert [tag for tag, _ in found] == ["h1", "h2", "h3"]
    shown = " ".join(inert(re.sub(r"\r\n|[\r\n]", " ", name)).split())  # U+2028: ⍰
    assert found[0][1] == "Notes on " + shown
    assert links(tokens) == [] and html(tokens) == []
    (documents,) = tables(tokens)
    assert [len(row) for row in documents] == [4, 4]


def test_a_note_s_indentation_and_invisible_characters_are_shown_as_written() -> None:
    """Indented lines stay indented (in replies too) without becoming code; NEL, U+2028 and
    U+2029 are characters of the note, shown as the placeholder the README promises, not
    as the mark of a decoding error or as line breaks the note does not have."""
    text = "Code:\n    indented code\n\tx = 1\nnext\x85line sep\u2028para sep\u2029end"
    parent = note(text)
    reply = note("Reply:\n    indented reply", reply_to=parent.id, created="2024-05-02T00:00:00Z")
    tokens = parse(report_text("ws", DOCS[:1], [parent, reply]))
    shown = [plain(t) for t in tokens if t.type == "inline"]
    nbsp = "\N{NO-BREAK SPACE}"
    expected = f"Code:\n{nbsp * 4}indented code\n{nbsp * 4}x = 1\nnext⍰line sep⍰para sep⍰end"
    assert expected in shown
    assert f"Reply:\n{nbsp * 4}indented reply" in shown
    assert not [t for t in tokens if t.type in ("code_block", "fence")]
    assert not any("\ufffd" in line for line in shown)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("snake_case", "snake_case"),
        ("_em_", "\\_em\\_"),
        ("A & B", "A & B"),
        ("&amp;", "\\&amp;"),
        ("&#60;", "\\&#60;"),
        ("#tag and a#b", "\\#tag and a#b"),
        ("a > b", "a > b"),
        ("<b>", "\\<b>"),
        ("x|y", "x\\|y"),
        ("\x1b[1m", "␛\\[1m"),
        ("see https://x.org/a//b", "see https:\\//x.org/a\\//b"),
        ("www.x.org, (WWW.x.org) and awww.x", "www\\.x.org, (WWW\\.x.org) and awww.x"),
        # where a neighbour is missing: the first and last characters
        ("_", "\\_"),
        ("a_", "a\\_"),
        ("&", "&"),
        ("a&", "a&"),
        ("#", "\\#"),
        ("/", "/"),
        ("//", "\\//"),
        (".", "."),
        ("www.", "www\\."),
        ("", ""),
        ("plain words. Nothing to escape/here", "plain words. Nothing to escape/here"),
    ],
)
def test_escape_inline_escapes_syntax_only(text: str, escaped: str) -> None:
    assert escape_inline(text) == escaped


def test_multi_line_text_keeps_its_prefix_on_every_line() -> None:
    lines = text_block("one\n> two\n\n# three\n  - four", "  ", quoted=True)
    assert lines == ["  > one\\", "  > \\> two", "  >", "  > \\# three\\", "  > &nbsp;\xa0\\- four"]


@pytest.mark.parametrize(
    ("url", "destination"),
    [
        ("https://en.wikipedia.org/wiki/Kratom_(plant)", "https://en.wikipedia.org/wiki/Kratom_%28plant%29"),
        ("https://doi.org/10.1000/a[1]", "https://doi.org/10.1000/a%5B1%5D"),
        ("https://example.org/?a=1&b=2", "https://example.org/?a=1\\&b=2"),
        ("https://example.org/é", "https://example.org/%C3%A9"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
    ],
)  # fmt: skip
def test_link_destinations_are_percent_encoded_and_only_http(url: str, destination: str) -> None:
    assert link_destination(url) == destination


# --- structure -----------------------------------------------------------------------------------


def sample_notes() -> list[Annotation]:
    parent = note(
        "Which trial?",
        tags=["mood", "trial"],
        verdict=Verdict.NEEDS_EVIDENCE,
        links=[
            parse_link("https://en.wikipedia.org/wiki/Kratom_(plant)", Relation.CONTEXT, "Wiki"),
            parse_link("doi:10.1000/xyz", Relation.REFUTES),
            passage_link(Target.from_span("b.txt", B_TEXT, 0, 21), Relation.SUPPORTS),
        ],
        span=(22, 57),
        created="2024-05-01T10:00:00.000000+00:00",
    )
    reply = note(
        "A 2020 study.\n# not a heading",
        author="Bob",
        reply_to=parent.id,
        span=(22, 57),
        created="2024-05-02T09:30:00.000000+00:00",
    )
    answer = note(
        "Thanks",
        reply_to=reply.id,
        span=(22, 57),
        created="2024-05-03T08:00:00.000000+00:00",
    )
    first = note(
        "Lifts mood, says who?", verdict=Verdict.UNSUPPORTED, claim=ClaimMark.CLAIM, span=(0, 21)
    )
    on_b = note("Same claim here.", doc="b.txt", span=(0, 40), author="Bob", verdict=Verdict.FALSE)
    gone = replace(
        note("This sentence was removed.", author="Cy", created="2024-04-01T00:00:00+02:00"),
        target=Target("a.txt", "A sentence that is gone.", "", "", 3, 27, "0" * 64),
    )
    return [parent, reply, answer, first, on_b, gone]


def groups() -> list[ClaimGroup]:
    a_mood = Passage("a.txt", 0, 0, 21, 0.0, "effect")
    b_mood = Passage("b.txt", 0, 0, 40, 0.0, "effect")
    a_trial = Passage("a.txt", 1, 22, 57, 0.3, "effect")
    a_pain = Passage("a.txt", 2, 59, 87, 0.6, "effect")
    b_dose = Passage("b.txt", 1, 41, 77, 0.9, "effect")
    return [
        ClaimGroup("g1", {"a.txt": a_mood, "b.txt": b_mood}, "effect", 0.8),
        ClaimGroup("g2", {"a.txt": a_trial}, "effect", 1.0),
        ClaimGroup("g3", {"a.txt": a_pain}, "effect", 1.0),
        ClaimGroup("g4", {"b.txt": b_dose}, "effect", 1.0),
    ]


def test_the_report_has_documents_passages_synopsis_and_orphans() -> None:
    report = report_text("field notes", DOCS, sample_notes(), synopsis=groups())
    tokens = parse(report)
    assert headings(tokens) == [
        ("h1", "Notes on field notes"),
        ("h2", "a.txt: Article A"),
        ("h3", "a.txt, characters 0–21"),
        ("h3", "a.txt, characters 22–57"),
        ("h2", "b.txt: B"),
        ("h3", "b.txt, characters 0–40"),
        ("h2", "Synopsis"),
        ("h2", "Orphaned notes"),
        ("h3", "a.txt, was characters 3–27"),
    ]
    assert links(tokens) == [
        "https://en.wikipedia.org/wiki/Kratom_%28plant%29",
        "https://doi.org/10.1000/xyz",
    ]
    assert html(tokens) == []
    documents, synopsis = tables(tokens)
    assert documents == [
        ["Document", "Title", "Notes", "SHA-256"],
        ["a.txt", "Article A", "5", ""],
        ["b.txt", "B", "1", ""],
    ], "no checksum is made up for a document given without one"
    assert synopsis == [
        ["Claim", "a.txt", "b.txt"],
        ["Kratom may lift mood.", "✓ 1 note (1 unsupported)", "✓ 1 note (1 false)"],
        ["Few articles cite a clinical trial.", "✓ 3 notes (1 needs evidence)", ""],
    ], "single-document claims appear only when they have notes"
    assert "notes up to 2024-05-03 08:00 UTC" in report
    assert "6 notes by 3 authors on 2 of 2 documents" in report
    assert "- Authors: Ann (3), Bob (2), Cy (1)" in report
    assert "- Orphaned: 1 note whose passage could not be found" in report
    assert "* supports: passage of b.txt, characters 0–21: “Kratom may lift mood,”" in report
    assert "> A sentence that is gone." in report


def test_replies_are_nested_under_the_note_they_answer() -> None:
    report = report_text("ws", DOCS, sample_notes())
    section = report[report.index("### a.txt, characters 22–57") :]
    section = section[: section.index("## b.txt")]
    header = "- **Ann**, 2024-05-01 10:00 UTC · verdict: **needs evidence** · tags: mood, trial"
    assert f"\n{header}\n" in section
    reply = "  - **Bob** replied, 2024-05-02 09:30 UTC\n\n    A 2020 study.\\\n    \\# not"
    assert f"\n{reply}" in section
    assert "\n    - **Ann** replied, 2024-05-03 08:00 UTC\n\n      Thanks\n" in section
    tokens = parse(section)
    depths = [t.level for t in tokens if t.type == "bullet_list_open"]
    assert depths == [0, 2, 2, 4], "notes, evidence, reply, reply to the reply"


def test_verdicts_are_in_peoples_words_and_the_summary_counts_notes_without_one() -> None:
    """The report says "needs evidence", as the note editor and the README do, and its summary
    adds up to the notes: what no one has judged yet is the fact-checker's to-do list."""
    report = report_text("ws", DOCS, sample_notes())
    summary = "- Verdicts: 1 unsupported, 1 false, 1 needs evidence, 3 no verdict"
    assert f"\n{summary}\n" in report
    assert "needs-evidence" not in report
    undecided = report_text("ws", DOCS, [note("Hmm."), note("Check.", author="Bob")])
    assert "\n- Verdicts: 2 no verdict\n" in undecided
    assert "Verdicts" not in report_text("ws", DOCS, []), "no notes, no verdicts to count"


def test_a_reply_whose_parent_is_not_exported_says_so() -> None:
    notes = sample_notes()
    report = report_text("ws", DOCS, [n for n in notes if n.author == "Bob"])
    assert "**Bob** replied to a note not in this report, 2024-05-02 09:30 UTC" in report


def test_an_evidence_link_shows_its_address_as_cited_and_links_to_it_encoded() -> None:
    """Parentheses (Wikipedia, SICI DOIs) and a DOI's ``<`` ``>`` are shown as written; only
    the destination is percent-encoded, where Markdown needs it."""
    wiki = "https://en.wikipedia.org/wiki/Kratom_(plant)"
    doi = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    made = note("Sources.", links=[parse_link(wiki), parse_link(doi, Relation.SUPPORTS)])
    tokens = parse(report_text("ws", DOCS[:1], [made]))
    children = inline_children(tokens)
    shown, inside = [], False
    for child in children:
        if child.type == "link_open":
            shown.append("")
            inside = True
        elif child.type == "link_close":
            inside = False
        elif inside:
            shown[-1] += child.content
    assert shown == [wiki, "DOI " + doi]
    assert [unquote(href) for href in links(tokens)] == [wiki, "https://doi.org/" + doi]
    assert all("(" not in href and "<" not in href for href in links(tokens))


@pytest.mark.parametrize(
    ("typed", "cited", "href"),
    [
        ("doi:10.1000/xyz", "DOI 10.1000/xyz", "https://doi.org/10.1000/xyz"),
        ("https://dx.doi.org/10.1000/a_b", "DOI 10.1000/a_b", "https://doi.org/10.1000/a_b"),
        ("10.1000/_x*y*_[1]`z`", "DOI 10.1000/_x*y*_[1]`z`",
         "https://doi.org/10.1000/_x*y*_%5B1%5D%60z%60"),
        ("10.1000/x//www.y|z", "DOI 10.1000/x//www.y|z", "https://doi.org/10.1000/x//www.y%7Cz"),
        ("PMID:27231963", "PMID 27231963", "https://pubmed.ncbi.nlm.nih.gov/27231963/"),
        ("https://www.ncbi.nlm.nih.gov/pubmed/27231963", "PMID 27231963",
         "https://pubmed.ncbi.nlm.nih.gov/27231963/"),
        ("https://example.org/a_b?c=1&d=2", "https://example.org/a_b?c=1&d=2",
         "https://example.org/a_b?c=1&d=2"),
    ],
)  # fmt: skip
def test_dois_and_pmids_are_cited_as_such_and_link_to_their_address(
    typed: str, cited: str, href: str
) -> None:
    """An editor cites "DOI 10.1000/xyz" and "PMID 27231963", not the resolver's address; the
    link still goes there, and the stored link (so the W3C export) is the address."""
    link = parse_link(typed, Relation.REFUTES)
    tokens = parse(report_text("ws", DOCS[:1], [note("Sources.", links=[link])]))
    children = inline_children(tokens)
    start = next(i for i, child in enumerate(children) if child.type == "link_open")
    end = next(i for i, child in enumerate(children) if child.type == "link_close")
    assert "".join(child.content for child in children[start + 1 : end]) == cited
    assert links(tokens) == [href]
    assert unquote(link.href) == unquote(href), "the stored address is unchanged"
    assert html(tokens) == []


def test_bare_addresses_in_quotes_and_notes_are_not_links_on_github() -> None:
    """GitHub links bare ``https://`` and ``www.`` text (its autolink extension, as markdown-it's
    linkify does without fuzzy links): a quoted article or a note must not make a link nobody
    vetted. The only links are the evidence links the user made; the text reads the same."""
    quoted = "See www.kratom-facts.biz or https://evil.example/buy now."
    text = quoted + " Kratom may lift mood."
    made = Annotation.create(
        "Ann",
        Target.from_span("a.txt", text, 0, len(quoted)),
        "Check http://x.example/a and www.y.example",
        links=[parse_link("https://en.wikipedia.org/wiki/Kratom")],
    )
    document = ReportDocument("a.txt", "Kratom at www.kratom-facts.biz", text)
    gfm = MarkdownIt("gfm-like")
    gfm.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    tokens = gfm.parse(report_text("https://ws.example", [document], [made], synopsis=[]))
    assert links(tokens) == ["https://en.wikipedia.org/wiki/Kratom"]
    shown = [plain(t) for t in tokens if t.type == "inline"]
    assert "Notes on https://ws.example" in shown
    assert "a.txt: Kratom at www.kratom-facts.biz" in shown
    assert quoted in shown and "Check http://x.example/a and www.y.example" in shown


def test_a_moved_passage_says_so_and_quotes_the_current_text() -> None:
    moved_text = "New first sentence.\n" + A_TEXT
    made = note("On the trial.", span=(22, 57))
    report = report_text("ws", [ReportDocument("a.txt", "A", moved_text)], [made])
    assert "### a.txt, characters 42–77 (moved since the notes were made)" in report
    assert "> Few articles cite a clinical trial.\n" in report


LONG_CLAIM = "A small trial in twelve adults found that kratom lifts mood within one week of use."


def _cited(text: str) -> list[str]:
    """The report's lines for the evidence of one note on a.txt citing three passages of the
    document cited.txt as it was, once cited.txt reads ``text``."""
    was = f"Intro line here.\n\n{LONG_CLAIM} Then more.\n\nDoses vary widely."
    at = was.index(LONG_CLAIM)
    made = note(
        "See the trial.",
        links=[
            passage_link(Target.from_span("cited.txt", was, at, at + len(LONG_CLAIM))),
            passage_link(Target.from_span("cited.txt", was, was.index("Doses"), len(was))),
            passage_link(Target.from_span("cited.txt", was, 0, 16), Relation.REFUTES),
        ],
    )
    documents = [*DOCS[:1], ReportDocument("cited.txt", "Cited", text)]
    lines = _cited_lines(report_text("ws", documents, [made]))
    left_out = report_text("ws", DOCS[:1], [made], linked={"cited.txt": text})
    assert _cited_lines(left_out) == lines, "a document a --doc export leaves out too"
    return lines


def _cited_lines(report: str) -> list[str]:
    return [line.strip() for line in report.splitlines() if "passage of cited.txt" in line]


def test_a_cited_passage_is_described_where_it_is_now_not_where_it_was() -> None:
    """A reader of the report goes to the characters it names: after the cited document
    changed, the stored offsets (and even the stored quote) may hold something else."""
    unchanged = f"Intro line here.\n\n{LONG_CLAIM} Then more.\n\nDoses vary widely."
    assert _cited(unchanged) == [
        f"* context: passage of cited.txt, characters 18–101: “{LONG_CLAIM}”",
        "* context: passage of cited.txt, characters 114–132: “Doses vary widely.”",
        "* refutes: passage of cited.txt, characters 0–16: “Intro line here.”",
    ]
    edited = unchanged.replace("one week", "one month")
    assert _cited("Preface.\n\n" + edited) == [
        "* context: passage of cited.txt, now characters 28–112, changed since the link was "
        f"made: it now reads “{LONG_CLAIM.replace('week', 'month')}” (was characters 18–101: "
        f"“{LONG_CLAIM}”)",
        "* context: passage of cited.txt, now characters 125–143 (moved since the link was "
        "made, from 114–132): “Doses vary widely.”",
        "* refutes: passage of cited.txt, now characters 10–26 (moved since the link was made, "
        "from 0–16): “Intro line here.”",
    ]
    assert _cited("Something else entirely.")[-1] == (
        "* refutes: passage of cited.txt, no longer found in it: the text changed since the "
        "link was made (was characters 0–16: “Intro line here.”)"
    )


def test_a_passage_cited_in_a_document_the_report_cannot_read_says_so() -> None:
    was = "Doses vary widely."
    made = note("See.", links=[passage_link(Target.from_span("gone.txt", was, 0, len(was)))])
    report = report_text("ws", DOCS[:1], [made])
    assert (
        "* context: passage of gone.txt, which is not a readable document of the workspace "
        "(was characters 0–18: “Doses vary widely.”)"
    ) in report


def test_a_multi_paragraph_passage_stays_inside_its_blockquote() -> None:
    made = note("Spans two paragraphs.", span=(22, 87))
    report = report_text("ws", DOCS[:1], [made])
    assert "> Few articles cite a clinical trial.\n>\n> Some users report less pain.\n" in report
    tokens = parse(report)
    assert [t.type for t in tokens].count("blockquote_open") == 1


def test_an_empty_workspace_report_still_has_its_header() -> None:
    report = report_text("ws", DOCS, [], synopsis=[])
    assert headings(parse(report)) == [("h1", "Notes on ws"), ("h2", "Synopsis")]
    assert "0 notes by 0 authors on 0 of 2 documents; no notes." in report
    assert "No notes." in report


def test_the_header_names_filters_and_unreadable_files() -> None:
    report = report_text(
        "ws",
        DOCS,
        sample_notes()[:1],
        selection=Selection(docs=("a.txt",), tags=("mood",)),
        unreadable_files=2,
    )
    assert "- Only documents a.txt; tags mood" in report
    assert "- Unreadable: 2 annotation files could not be read" in report


def test_same_input_gives_the_same_bytes_whatever_the_order() -> None:
    notes = sample_notes()
    first = report_text("ws", DOCS, notes, synopsis=groups())
    shuffled = list(notes)
    random.Random(4).shuffle(shuffled)
    assert report_text("ws", DOCS, shuffled, synopsis=groups()) == first
    assert report_text("ws", DOCS, notes, synopsis=groups()).encode() == first.encode()


def test_the_date_is_the_newest_modified_time_not_the_clock() -> None:
    made = replace(note("x"), modified="2030-01-02T03:04:05+01:00")
    report = report_text("ws", DOCS, [made, note("y")])
    assert "notes up to 2030-01-02 02:04 UTC" in report
    assert "(edited 2030-01-02 02:04 UTC)" in report


def test_tombstones_are_never_reported() -> None:
    gone = note("secret").tombstone()
    report = report_text("ws", DOCS, [gone])
    assert "secret" not in report and "0 notes" in report


# --- selection -----------------------------------------------------------------------------------


def test_selection_by_document_author_and_tag_keeps_threads_whole() -> None:
    parent, reply, answer, first, on_b, gone = sample_notes()
    notes = [parent, reply, answer, first, on_b, gone]
    assert select_annotations(notes, docs=["b.txt"]) == [on_b]
    assert select_annotations(notes, authors=["Bob"]) == [reply, on_b]
    assert select_annotations(notes, tags=["trial"]) == [parent, reply, answer]
    assert select_annotations(notes, docs=["a.txt"], authors=["Ann"], tags=["mood"]) == [
        parent,
        answer,
    ]
    with_tombstone = [*notes[:3], first.tombstone(), *notes[4:]]
    assert select_annotations(with_tombstone) == notes[:3] + notes[4:]


def test_deep_threads_stop_indenting_and_reply_cycles_are_still_shown() -> None:
    chain = [note("reply 0")]
    for depth in range(1, 9):
        made = note(
            f"reply {depth}", reply_to=chain[-1].id, created=f"2024-05-0{depth}T00:00:00+00:00"
        )
        chain.append(made)
    first = note("loop a")
    second = note("loop b", span=(22, 57), created="2024-04-01T00:00:00+00:00")
    loop = [replace(first, reply_to=second.id), replace(second, reply_to=first.id)]
    report = report_text("ws", DOCS[:1], [*chain, *loop])
    for depth in range(9):
        assert f"reply {depth}" in report
    # capped at four levels, where a reply names the note it answers (the indent no longer does)
    assert "\n        - **Ann** replied, 2024-05-04" in report
    assert (
        "\n        - **Ann** replied to **Ann** (note of 2024-05-07 00:00 UTC), 2024-05-08"
        in report
    )
    assert "\n          -" not in report
    assert "loop a" in report and "loop b" in report
    tokens = parse(report)
    assert headings(tokens)[2:] == [
        ("h3", "a.txt, characters 0–21"),
        ("h3", "a.txt, characters 22–57"),
    ], "the cycle is one thread, under the passage of its oldest note"
    assert "- **Ann** replied, 2024-04-01 00:00 UTC\n\n  loop b\n\n  - **Ann** replied" in report
    assert html(tokens) == [] and links(tokens) == []


def test_the_report_gives_times_in_utc_wherever_it_is_made() -> None:
    """A report is read by others, in any time zone: it says UTC rather than the maker's own
    clock, and the same notes give the same bytes on every machine."""
    from conftest import NEW_YORK, local_time_zone

    made = note("Written in Berlin.", created="2026-03-01T16:30:00.000000+02:00")
    in_utc = report_text("ws", DOCS, [made])
    with local_time_zone(NEW_YORK):
        in_new_york = report_text("ws", DOCS, [made])
    assert in_new_york == in_utc
    assert "notes up to 2026-03-01 14:30 UTC" in in_new_york
