"""``synoptic search``: the reader's search from scripts, its lines, JSON and statuses.

`synoptic search WS depression` failed with "Got unexpected extra arguments": search was the
one feature with no command of its own.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from corpus.document import document_from_bytes
from corpus.search import search

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

ARTICLES = {
    "a.txt": "Kratom is sold as a supplement. Users report relieving depressive\n"
    "symptoms within days. Doctors are unconvinced.",
    "b.txt": "Some say kratom relieves depression. Evidence is thin.",
    "c.txt": "The leaf is chewed in Southeast Asia. It is not approved anywhere.",
    "d.txt": "Kratom relieves depression, she said. Kratom relieves depression, he said.",
}
OPEN, CLOSE = (
    "\N{MATHEMATICAL LEFT WHITE SQUARE BRACKET}",
    "\N{MATHEMATICAL RIGHT WHITE SQUARE BRACKET}",
)


def test_a_line_per_hit_the_phrase_first_then_its_words_in_other_forms(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace(ARTICLES)
    result = cli("search", root, "relieves depression")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"b.txt:16-35  Some say kratom {OPEN}relieves depression{CLOSE}.",
        f"d.txt:7-26  Kratom {OPEN}relieves depression{CLOSE}, she said.",
        f"d.txt:45-64  Kratom {OPEN}relieves depression{CLOSE}, he said.",
        # the other forms, marked as the reader marks them; the line break read as a space
        f"a.txt:45-65  \N{ALMOST EQUAL TO} Users report {OPEN}relieving{CLOSE} "
        f"{OPEN}depressive{CLOSE} symptoms within days.",
    ]


def test_json_gives_the_documents_offsets_and_the_readers_hits(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace(ARTICLES)
    result = cli("search", root, "relieve depression", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {
        "query",
        "phrase_only",
        "hits",
        "truncated",
        "found",
        "unreadable_documents",
    }
    assert payload["query"] == "relieve depression" and payload["phrase_only"] is False
    assert payload["truncated"] is False
    assert payload["hits"] and payload["found"] == {"exact": 0, "word_forms": len(payload["hits"])}
    assert payload["unreadable_documents"] == []
    documents = [
        document_from_bytes(name, text.encode(), markdown=False)
        for name, text in sorted(ARTICLES.items())
    ]
    expected = search(documents, "relieve depression").hits
    hits = payload["hits"]
    assert [(h["doc"], h["start"], h["end"], h["exact"]) for h in hits] == [
        (h.doc_id, h.start, h.end, h.exact) for h in expected
    ]
    for hit in hits:
        assert set(hit) == {"doc", "start", "end", "text", "exact", "words", "sentence"}
        text = ARTICLES[hit["doc"]]
        assert text[hit["start"] : hit["end"]] == hit["text"]
        assert all(text[w["start"] : w["end"]] == w["text"] for w in hit["words"])
        sentence = hit["sentence"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert sentence["start"] <= hit["start"] < hit["end"] <= sentence["end"]
    first = hits[0]
    assert first["doc"] == "a.txt" and first["exact"] is False
    assert [w["text"] for w in first["words"]] == ["relieving", "depressive"]
    assert first["sentence"]["text"] == "Users report relieving depressive\nsymptoms within days."


def test_a_query_in_double_quotes_is_the_phrase_only(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace(ARTICLES)
    result = cli("search", root, '"relieves depression"', "--json")
    payload = json.loads(result.stdout)
    assert payload["phrase_only"] is True
    assert [(h["doc"], h["exact"]) for h in payload["hits"]] == [
        ("b.txt", True),
        ("d.txt", True),
        ("d.txt", True),
    ]


def test_no_hit_is_status_0_with_nothing_on_standard_output(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace(ARTICLES)
    plain = cli("search", root, "relieve anxiety")
    assert (plain.returncode, plain.stdout) == (0, "")
    assert "no match for 'relieve anxiety' in 4 documents" in plain.stderr
    as_json = cli("search", root, "relieve anxiety", "--json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["hits"] == []


def test_doc_searches_only_those_documents(cli, make_workspace: Callable[..., Path]) -> None:
    root = make_workspace(ARTICLES)
    result = cli("search", root, "kratom", "--doc", "d.txt", "--doc", "b.txt")
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["b.txt"] + ["d.txt"] * 2
    unknown = cli("search", root, "kratom", "--doc", "e.txt")
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert "There is no document 'e.txt'" in unknown.stderr


def test_an_unreadable_document_is_named_and_the_rest_searched(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace({**ARTICLES, "e.txt": b"\x00\x01 bytes"})
    result = cli("search", root, "kratom", "--json")
    assert result.returncode == 1
    assert "e.txt" in result.stderr and "not searched" in result.stderr
    payload = json.loads(result.stdout)
    assert {h["doc"] for h in payload["hits"]} == {"a.txt", "b.txt", "d.txt"}
    assert [u["doc"] for u in payload["unreadable_documents"]] == ["e.txt"]


def test_what_was_typed_wrong_is_said(cli, make_workspace: Callable[..., Path]) -> None:
    root = make_workspace(ARTICLES)
    three = cli("search", root, "relieve", "depression")
    assert three.returncode == 2 and "in quotes" in three.stderr and three.stdout == ""
    empty = cli("search", root, "  ")
    assert empty.returncode == 2 and "The query is empty" in empty.stderr
    unquoted = cli("search", "relieve", "depression")
    assert unquoted.returncode == 1 and unquoted.stdout == ""
    assert "There is no folder at relieve" in unquoted.stderr
    assert "synoptic search 'relieve depression'" in unquoted.stderr


def test_a_long_sentence_is_cut_around_the_hit(cli, make_workspace: Callable[..., Path]) -> None:
    words = " ".join(f"word{n}" for n in range(60))
    root = make_workspace({"long.txt": f"{words} serotonin {words}."})
    (line,) = cli("search", root, "serotonin").stdout.splitlines()
    shown = line.split("  ", 1)[1]
    assert shown.startswith("\N{HORIZONTAL ELLIPSIS}word") and shown.endswith(
        "\N{HORIZONTAL ELLIPSIS}"
    )
    assert f"{OPEN}serotonin{CLOSE}" in shown
    assert len(shown) < 230
