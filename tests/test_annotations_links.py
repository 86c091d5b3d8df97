"""Evidence links: every accepted spelling and its normal form, every refused kind and why."""

from __future__ import annotations

import unicodedata

import pytest

from annotations.errors import AnnotationError, LinkError
from annotations.links import (
    EvidenceLink,
    LinkKind,
    Relation,
    parse_link,
    parse_relation,
    passage_link,
)
from annotations.target import Target

DOI = "https://doi.org/10.1234/abc"
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/12345678/"


@pytest.mark.parametrize(
    ("ref", "kind", "href"),
    [
        # web addresses
        ("https://example.org/page?q=1#top", LinkKind.URL, "https://example.org/page?q=1#top"),
        ("http://example.org", LinkKind.URL, "http://example.org"),
        ("HTTPS://Example.ORG/Path/Case", LinkKind.URL, "https://example.org/Path/Case"),
        ("https://example.org:8443/x", LinkKind.URL, "https://example.org:8443/x"),
        ("https://user:pw@example.org/", LinkKind.URL, "https://user:pw@example.org/"),
        ("https://[2001:db8::1]/x", LinkKind.URL, "https://[2001:db8::1]/x"),
        ("https://example.org/a%20b", LinkKind.URL, "https://example.org/a%20b"),
        ("https://bücher.example/ü", LinkKind.URL, "https://bücher.example/ü"),
        ("  https://example.org/  ", LinkKind.URL, "https://example.org/"),
        # DOIs
        ("10.1234/abc", LinkKind.DOI, DOI),
        ("doi:10.1234/abc", LinkKind.DOI, DOI),
        ("DOI: 10.1234/abc", LinkKind.DOI, DOI),
        ("https://doi.org/10.1234/abc", LinkKind.DOI, DOI),
        ("http://dx.doi.org/10.1234/abc", LinkKind.DOI, DOI),
        ("https://www.doi.org/10.1234/abc", LinkKind.DOI, DOI),
        ("https://doi.org/10.1234%2Fabc", LinkKind.DOI, DOI),
        (
            "10.1002/(SICI)1097-4636(199601)30:1<1::AID-JBM1>3.0.CO;2-U",
            LinkKind.DOI,
            "https://doi.org/10.1002/(SICI)1097-4636(199601)30:1%3C1::AID-JBM1%3E3.0.CO;2-U",
        ),
        ("10.1000/a#b?c", LinkKind.DOI, "https://doi.org/10.1000/a%23b%3Fc"),
        # PubMed
        ("PMID:12345678", LinkKind.PMID, PUBMED),
        ("pmid 12345678", LinkKind.PMID, PUBMED),
        ("PMID: 12345678", LinkKind.PMID, PUBMED),
        ("pmid12345678", LinkKind.PMID, PUBMED),
        ("PMID:0012345678", LinkKind.PMID, PUBMED),
        ("https://pubmed.ncbi.nlm.nih.gov/12345678/", LinkKind.PMID, PUBMED),
        ("https://pubmed.ncbi.nlm.nih.gov/12345678", LinkKind.PMID, PUBMED),
        ("https://www.ncbi.nlm.nih.gov/pubmed/12345678", LinkKind.PMID, PUBMED),
    ],
)
def test_accepted_links_and_their_normal_form(ref: str, kind: LinkKind, href: str) -> None:
    link = parse_link(ref)
    assert (link.kind, link.href) == (kind, href)
    assert link.relation is Relation.CONTEXT
    assert link.title == ""
    assert link.target is None
    again = parse_link(link.href)
    assert (again.kind, again.href) == (kind, href), "normal forms are stable"


def test_other_pages_on_doi_and_pubmed_hosts_stay_urls() -> None:
    assert parse_link("https://doi.org/").kind is LinkKind.URL
    assert parse_link("https://pubmed.ncbi.nlm.nih.gov/?term=kratom").kind is LinkKind.URL


REFUSED = {
    "javascript": "javascript:alert(1)",
    "javascript upper": "JaVaScRiPt:alert(document.cookie)",
    "file": "file:///etc/passwd",
    "data": "data:text/html;base64,PHNjcmlwdD4=",
    "ftp": "ftp://example.org/file",
    "mailto": "mailto:someone@example.org",
    "vbscript": "vbscript:msgbox",
    "custom scheme": "synoptic://open",
    "typed passage": "passage:a.txt#1-2",
    "no scheme": "www.example.org/page",
    "bare word": "example",
    "empty": "",
    "spaces only": "   ",
    "no host": "https://",
    "no host path": "https:///path",
    "bad port": "https://example.org:99999/",
    "space inside": "https://exa mple.org/",
    "space in path": "https://example.org/a b",
    "newline inside": "https://example.org/\nhttps://evil.example",
    "trailing newline": "https://example.org/\n",
    "leading tab": "\thttps://example.org/",
    "trailing carriage return": "https://example.org/\r",
    "leading nbsp": "\u00a0https://example.org/",
    "ideographic space": "https://example.org/\u3000",
    "line separator": "https://example.org/\u2028x",
    "escape sequence": "https://example.org/\x1b[2J",
    "osc 8 hyperlink": "\x1b]8;;https://evil.example\x07https://example.org/",
    "nul": "https://example.org/\x00",
    "del": "https://example.org/\x7f",
    "c1 control": "https://example.org/\x9b31m",
    "next line c1": "https://example.org/\x85",
    "zero width space": "https://exam\u200bple.org/",
    "zero width joiner": "https://example.org/\u200d",
    "bidi override": "https://example.org/\u202egnp.exe",
    "bidi isolate": "https://example.org/\u2066x\u2069",
    "byte order mark": "\ufeffhttps://example.org/",
    "soft hyphen": "https://exam\u00adple.org/",
    "backslash trick": "https://evil.example\\@good.example/",
    "angle brackets": "https://example.org/<script>",
    "doi with space": "doi:10.1234/a b",
    "not a doi": "doi:hello",
    "pmid zero": "PMID:0",
    "pmid letters": "PMID:12ab",
    "pmid too long": "PMID:1234567890",
}


@pytest.mark.parametrize("ref", REFUSED.values(), ids=REFUSED.keys())
def test_refused_links(ref: str) -> None:
    with pytest.raises(LinkError) as caught:
        parse_link(ref)
    message = str(caught.value)
    assert message.endswith((".", ")"))
    assert len(message) > 15
    # The message quotes the input safely: nothing in it can drive a terminal.
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in message), message
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, AnnotationError)


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("javascript:alert(1)", "javascript: links are not allowed"),
        ("file:///etc/passwd", "file: links are not allowed"),
        ("", "empty"),
        ("https://example.org/\n", "line break"),
        ("https://exam\u200bple.org/", "U+200B"),
        ("https://example.org/\x1b[2J", "U+001B"),
        ("https://exa mple.org/", "space"),
        ("www.example.org", "https://"),
    ],
)
def test_refusals_say_why(ref: str, words: str) -> None:
    with pytest.raises(LinkError, match=words.replace("+", r"\+").replace("/", "/")):
        parse_link(ref)


def test_relation_and_title_are_kept() -> None:
    link = parse_link("doi:10.1234/abc", Relation.REFUTES, "  Smith et al. 2020  ")
    assert link.relation is Relation.REFUTES
    assert link.title == "Smith et al. 2020"


def test_titles_are_prose() -> None:
    title = "Smith\u00a0et\u00a0al. \u2014 caf\u00e9 \U0001f469\u200d\U0001f52c"
    assert parse_link("https://example.org/", title=title).title == title


@pytest.mark.parametrize("title", ["bad\x1b[31m", "line\nbreak", "rtl\u202e", "sep\u2028"])
def test_titles_with_control_characters_are_refused(title: str) -> None:
    with pytest.raises(LinkError):
        parse_link("https://example.org/", title=title)


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("supports", Relation.SUPPORTS),
        ("SUPPORTS", Relation.SUPPORTS),
        (" Refutes ", Relation.REFUTES),
        ("context", Relation.CONTEXT),
    ],
)
def test_parse_relation(text: str, relation: Relation) -> None:
    assert parse_relation(text) is relation


@pytest.mark.parametrize("text", ["", "support", "contradicts", "supports!"])
def test_parse_relation_refuses_other_words(text: str) -> None:
    with pytest.raises(LinkError, match="supports, refutes, context"):
        parse_relation(text)


def test_passage_link() -> None:
    text = "One claim here. Another claim there."
    target = Target.from_span("dir/b.txt", text, 16, 35)
    link = passage_link(target, Relation.SUPPORTS, "Same claim")
    assert link.kind is LinkKind.PASSAGE
    assert link.href == "passage:dir/b.txt#16-35"
    assert link.target == target
    assert EvidenceLink.from_record(link.to_record()) == link


@pytest.mark.parametrize(
    "ref", ["https://example.org/x", "doi:10.1000/xyz", "PMID 42", "https://dx.doi.org/10.5555/1"]
)
def test_records_round_trip(ref: str) -> None:
    link = parse_link(ref, Relation.SUPPORTS, "Title")
    record = link.to_record()
    assert set(record) == {"kind", "href", "relation", "title", "target"}
    assert EvidenceLink.from_record(record) == link


@pytest.mark.parametrize(
    "record",
    [
        {"kind": "url", "href": "javascript:alert(1)", "relation": "context", "title": ""},
        {"kind": "url", "href": "https://doi.org/10.1000/x", "relation": "context", "title": ""},
        {"kind": "doi", "href": "https://example.org/", "relation": "context", "title": ""},
        {"kind": "url", "href": "https://example.org/", "relation": "agrees", "title": ""},
        {"kind": "url", "href": 5, "relation": "context", "title": ""},
        {"kind": "passage", "href": "passage:a#1-2", "relation": "context", "target": None},
        {"kind": "url", "href": "https://e.org/", "target": {"doc": "a"}},
        {"kind": "nope", "href": "https://example.org/"},
        "https://example.org/",
    ],
)
def test_stored_links_are_checked_again(record: object) -> None:
    with pytest.raises(LinkError):
        EvidenceLink.from_record(record)
