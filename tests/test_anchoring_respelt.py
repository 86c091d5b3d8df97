"""A document re-saved in another Unicode form (NFC for NFD, or back) keeps its notes in place.

An editor that normalises on save spells "café" with one character where the file had ``e``
and a combining accent. Nothing a reader sees changed, so a note there stays anchored (moved,
when the re-spelling shifted its offsets), the report does not say "the text changed", reading
the notes rewrites no file, and the next save of the note stores the document's spelling.
"""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING

import pytest

from annotations.anchoring import Anchor, AnchorState, anchor, anchor_all
from annotations.store import AnnotationStore
from annotations.target import Target

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


TEXT = (
    "Le café de Zoë ouvre tôt.\n"
    "Kratom is sold there as a tea, which the owner calls an ordinary drink.\n"
    "Un café crème y est réputé, très bon et pas cher du tout.\n"
    "Hangul too: 한국어 문장입니다. The end.\n"
)


def target_of(text: str, quote: str, doc: str = "doc.txt") -> Target:
    start = text.index(quote)
    return Target.from_span(doc, text, start, start + len(quote))


@pytest.mark.parametrize("old, new", [(nfd, nfc), (nfc, nfd)])
@pytest.mark.parametrize(
    "quote, state",
    [
        ("Le café de Zoë", AnchorState.ANCHORED),  # at the start, only its own length changed
        ("café crème y est réputé", AnchorState.MOVED),  # accents above it were re-spelt
        ("très", AnchorState.MOVED),  # short: stands on its (re-spelt) context
        ("한국어 문장입니다", AnchorState.MOVED),  # Hangul syllables decompose into jamo
    ],
)
def test_a_re_spelt_quote_is_anchored_or_moved_not_fuzzy(
    old: Callable[[str], str], new: Callable[[str], str], quote: str, state: AnchorState
) -> None:
    before, after = old(TEXT), new(TEXT)
    target = target_of(before, old(quote))
    for found in (anchor(target, after), anchor_all([target], after)[0]):
        assert found.state is state, found
        assert found.start is not None and found.end is not None
        assert after[found.start : found.end] == new(quote)
        assert found.score == 1.0


def test_a_re_spelt_quote_that_was_also_edited_is_still_fuzzy() -> None:
    target = target_of(nfd(TEXT), nfd("Un café crème y est réputé, très bon et pas cher du tout."))
    edited = nfc(TEXT).replace("très bon", "très doux")
    found = anchor(target, edited)
    assert found.state is AnchorState.FUZZY
    assert found.start is not None and edited[found.start :].startswith("Un café")


def test_a_quote_is_never_found_in_half_a_character() -> None:
    # "cafe" is not "café": the accent cannot be left out of the place found.
    text = nfc("Un cafe noir. Le café de Zoë est là, le cafe du coin aussi.")
    target = target_of(nfd(text), nfd("Le café de Zoë"))
    found = anchor(target, text)
    assert found.state is AnchorState.ANCHORED
    other = Target.from_span("doc.txt", nfd(text), 0, len("Un cafe"))
    assert anchor(other, text) == Anchor(AnchorState.ANCHORED, 0, len("Un cafe"), 1.0)


def test_respelt_takes_the_current_spelling_and_keeps_unknown_fields() -> None:
    from annotations.placement import respelt

    old = target_of(nfd(TEXT), nfd("café crème y est réputé"))
    old = Target.from_record({**old.to_record(), "from_another_tool": [1, 2]})
    found = anchor(old, nfc(TEXT))
    fresh = respelt(old, found, nfc(TEXT))
    current = target_of(nfc(TEXT), nfc("café crème y est réputé"))
    assert fresh.to_record() == {**current.to_record(), "from_another_tool": [1, 2]}
    assert respelt(fresh, anchor(fresh, nfc(TEXT)), nfc(TEXT)) is fresh


def test_a_document_re_saved_in_nfc_keeps_its_note_and_the_next_save_respells_it(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace({"cafe.txt": nfd(TEXT)})
    quote = nfd("café crème y est réputé")
    made = cli("note", "add", root, "--doc", "cafe.txt", "--quote", quote, "--text", "Source?")
    assert made.returncode == 0, made.stderr
    (root / "cafe.txt").write_text(nfc(TEXT), encoding="utf-8")  # an editor's save
    notes_dir = root / "annotations"
    files = {p: p.read_bytes() for p in notes_dir.rglob("*") if p.is_file()}

    listed = cli("notes", root, "--json")
    assert listed.returncode == 0, listed.stderr
    (shown,) = json.loads(listed.stdout)
    assert shown["anchor"] == "moved"
    assert nfc(TEXT)[shown["start"] : shown["end"]] == nfc(quote)
    report = cli("export", root)
    assert report.returncode == 0, report.stderr
    assert "the text changed" not in report.stdout
    assert "(moved since the notes were made)" in report.stdout
    # Reading the notes rewrote nothing.
    assert {p: p.read_bytes() for p in notes_dir.rglob("*") if p.is_file()} == files

    edited = cli("note", "edit", root, shown["id"], "--text", "Source? Asked the owner.", "--json")
    assert edited.returncode == 0, edited.stderr
    (stored,) = AnnotationStore(root, "reader").load().annotations
    assert stored.target == target_of(nfc(TEXT), nfc(quote), "cafe.txt")
    assert json.loads(edited.stdout)["anchor"] == "anchored"
