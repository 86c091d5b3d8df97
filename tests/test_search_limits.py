"""Search's limits say what they cut: the reader lists 500 hits of each kind, and a phrase with
500 hits used to hide its words' other forms and show "500+"; ``synoptic search`` had no limit.

The workspace is many short documents, each with the phrase nine times and its words once in
another form: 540 exact hits and 60 sentences of other forms.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for
from textual.widgets import Label, OptionList

from corpus.document import document_from_bytes
from corpus.search import search
from tui.app import make_app
from tui.screens.search import OTHER_FORMS, SearchScreen, summary

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from corpus.model import Document

DOCUMENTS = 60
EXACT_EACH = 9
TEXT = "Kratom relieves pain. " * EXACT_EACH + "A user said it relieved her pain."
QUERY = "relieves pain"
FILES = {f"doc-{number:03}.txt": TEXT for number in range(DOCUMENTS)}
EXACT = DOCUMENTS * EXACT_EACH  # 540, past the reader's 500


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [
        document_from_bytes(name, text.encode(), markdown=False)
        for name, text in sorted(FILES.items())
    ]


def test_a_phrase_past_the_limit_still_gives_its_other_forms_and_counts_both(
    documents: list[Document],
) -> None:
    results = search(documents, QUERY)
    assert len(results.exact) == 500 and results.exact_found == EXACT
    # the other forms were not looked for once the phrase had 500 hits
    assert len(results.word_forms) == results.word_forms_found == DOCUMENTS
    assert all(TEXT[hit.start : hit.end] == "relieved her pain" for hit in results.word_forms)
    assert results.truncated


def test_the_other_forms_are_cut_at_the_limit_and_counted(documents: list[Document]) -> None:
    results = search(documents, QUERY, limit=3)
    assert [len(results.exact), len(results.word_forms)] == [3, 3]
    assert [results.exact_found, results.word_forms_found] == [EXACT, DOCUMENTS]
    assert search(documents, QUERY, limit=3).word_forms == search(documents, QUERY).word_forms[:3]


def test_a_sentence_with_an_unlisted_exact_hit_is_not_listed_as_other_forms() -> None:
    """The exact hits past the limit are not listed, but their sentences have the phrase, so
    they are not 'other forms' of it either."""
    text = "It relieves pain. It relieves pain and relieved pain. It relieved the pain."
    document = document_from_bytes("a.txt", text.encode(), markdown=False)
    results = search([document], QUERY, limit=1)
    assert results.exact_found == 2 and len(results.exact) == 1
    assert [text[h.start : h.end] for h in results.word_forms] == ["relieved the pain"]
    assert results.word_forms_found == 1


def test_nothing_cut_is_not_truncated(documents: list[Document]) -> None:
    results = search(documents[:2], QUERY)
    assert (results.exact_found, results.word_forms_found) == (2 * EXACT_EACH, 2)
    assert not results.truncated


def test_the_summary_says_how_many_of_how_many_when_the_other_forms_are_cut() -> None:
    document = document_from_bytes("a.txt", TEXT.encode(), markdown=False)
    results = search([document], "relieve pain", limit=4)  # no exact hit: "relieves"
    assert summary("relieve pain", "this document", results, documents=60) == (
        "No exact match for \N{LEFT DOUBLE QUOTATION MARK}relieve pain"
        "\N{RIGHT DOUBLE QUOTATION MARK} in this document; 10 sentences (the first 4 listed) "
        "have these words in other forms. Type more of the phrase to narrow it down"
    )


async def test_the_reader_says_how_many_it_found_and_lists_the_other_forms_too(
    make_workspace: Callable[..., Path],
) -> None:
    app = make_app(make_workspace(FILES), panes=1)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: app.loading_finished_at is not None)
        await pilot.press("slash", *QUERY, "ctrl+t")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(pilot, lambda: len(screen.hits) == 500 + DOCUMENTS)
        said = str(screen.query_one("#search-summary", Label).render())
        assert said == (
            f"{EXACT} results in all documents (the first 500 listed), then ({OTHER_FORMS}) "
            f"{DOCUMENTS} sentences with these words in other forms. Type more of the phrase "
            "to narrow it down"
        )
        listed = screen.query_one(OptionList)
        assert listed.option_count == 500 + 1 + DOCUMENTS  # the line before the other forms
        last = str(listed.get_option_at_index(listed.option_count - 1).prompt)
        assert last.startswith(OTHER_FORMS) and "relieved her pain" in last


def test_the_command_lists_every_hit_unless_limited(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace(FILES)
    every = cli("search", root, QUERY)
    assert every.returncode == 0, every.stderr
    assert len(every.stdout.splitlines()) == EXACT + DOCUMENTS and every.stderr == ""

    limited = cli("search", root, QUERY, "--limit", "5")
    assert limited.returncode == 0, limited.stderr
    assert limited.stdout.splitlines() == every.stdout.splitlines()[:5]
    assert limited.stderr == (
        f"synoptic: listed the first 5 of {EXACT + DOCUMENTS} hits ({EXACT} of the phrase, "
        f"{DOCUMENTS} with its words in other forms); a larger --limit lists more.\n"
    )
    # past the phrase's hits, the limit takes in the other forms, the phrase's first
    lines = cli("search", root, QUERY, "--limit", str(EXACT + 2)).stdout.splitlines()
    assert lines == every.stdout.splitlines()[: EXACT + 2]
    assert lines[-1].split("  ")[1].startswith(OTHER_FORMS)


def test_json_says_whether_the_limit_cut_the_hits(cli, make_workspace: Callable[..., Path]) -> None:
    root = make_workspace(FILES)
    cut = json.loads(cli("search", root, QUERY, "--limit", "3", "--json").stdout)
    assert len(cut["hits"]) == 3 and cut["truncated"] is True
    assert cut["found"] == {"exact": EXACT, "word_forms": DOCUMENTS}
    whole = json.loads(cli("search", root, QUERY, "--json", "--doc", "doc-000.txt").stdout)
    assert len(whole["hits"]) == EXACT_EACH + 1 and whole["truncated"] is False
    assert whole["found"] == {"exact": EXACT_EACH, "word_forms": 1}


def test_a_limit_below_one_is_a_usage_error(cli, make_workspace: Callable[..., Path]) -> None:
    result = cli("search", make_workspace(FILES), QUERY, "--limit", "0")
    assert result.returncode == 2 and result.stdout == ""
    assert "'--limit': 0 is not in the range" in result.stderr
