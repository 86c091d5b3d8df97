"""Search across Unicode's spellings of one text: typed one way, found however the file has it,
and highlighted on whole characters of the document."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import pytest
from pilot_helpers import wait_for

from corpus.document import document_from_bytes
from corpus.search import search_documents
from tui.app import make_app
from tui.screens.search import SearchScreen

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

NFC = "caf\u00e9"
NFD = unicodedata.normalize("NFD", NFC)
TEXT = (
    f"The {NFC} on the corner sells kratom. The {NFD} across the street does not. "
    "Die Stra\u00dfe ist lang, GROSSE STRASSE. \u0130stanbul is big. "
    "Zero\u200bwidth and extra\u00adordinary words. An \ufb01brosis study."
)


def found(query: str) -> list[str]:
    document = document_from_bytes("doc.txt", TEXT.encode(), markdown=False)
    hits, _ = search_documents([document], query)
    return [TEXT[hit.start : hit.end] for hit in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (NFC, [NFC, NFD]),  # typed as one character: both spellings in the file
        (NFD, [NFC, NFD]),  # typed as e and an accent (macOS): both too
        ("CAF\u00c9", [NFC, NFD]),
        ("cafe", [NFC, NFD]),  # no accent typed: accents are optional, as in a browser
        ("strasse", ["Stra\u00dfe", "STRASSE"]),  # full case folding: ß is ss
        ("STRA\u1e9eE", ["Stra\u00dfe", "STRASSE"]),
        ("istanbul", ["\u0130stanbul"]),
        ("zerowidth", ["Zero\u200bwidth"]),  # invisible characters inside a word
        ("extraordinary", ["extra\u00adordinary"]),
        ("fibrosis", ["\ufb01brosis"]),  # a PDF's ligature
    ],
)
def test_a_query_finds_every_spelling_and_the_hit_is_the_documents_own_text(
    query: str, expected: list[str]
) -> None:
    """Typed in NFC, an NFD "café" in the file was not found (nor the other way round), nor
    "cafe" either; the hit is mapped back to whole characters, accent included."""
    assert found(query) == expected


def test_an_accent_typed_is_an_accent_asked_for() -> None:
    document = document_from_bytes("doc.txt", b"cafe and caf\xc3\xa9", markdown=False)
    hits, _ = search_documents([document], NFC)
    assert [(hit.start, hit.end) for hit in hits] == [(9, 13)]


async def test_searching_nfc_highlights_the_nfd_spelling_whole(
    make_workspace: Callable[..., Path],
) -> None:
    """In the reader: the jump's match covers the combining accent too, so the highlight
    does not stop between the ``e`` and its accent."""
    root = make_workspace({"cafe.txt": f"Cafes\n\nThe {NFD} across the street sells kratom.\n"})
    app = make_app(root, panes=1)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.panes[0].view
        await wait_for(pilot, lambda: view.document is not None)
        await pilot.press("slash", *NFC)
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_for(pilot, lambda: search.hits)
        await pilot.press("enter")
        await pilot.pause()
        assert view.document is not None and view.match is not None
        start, end = view.match
        assert view.document.text[start:end] == NFD
