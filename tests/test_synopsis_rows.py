"""Which synopsis rows are shown, in which order (:class:`corpus.synopsis.RowChoice`): the rule
the reader's table and its steps ``)``/``(`` share, tested without Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from corpus.passage_vectors import Passage
from corpus.synopsis import ClaimGroup, GroupWords, RowChoice, group_words

TEXTS = {
    "a.md": "Kratom alleviated anxiety. Sleep improved.",
    "b.md": "Users said kratom alleviates anxiety. Nothing else.",
    "c.md": "Patients were supervised closely. Mood lifted.",
}


def passage(doc_id: str, sentence: str) -> Passage:
    start = TEXTS[doc_id].index(sentence)
    return Passage(doc_id, 0, start, start + len(sentence), 0.0, "finding")


def group(key: str, kind: str | None, cohesion: float, *passages: tuple[str, str]) -> GroupWords:
    made = ClaimGroup(
        key, {d: passage(d, s) for d, s in passages}, kind, cohesion if len(passages) > 1 else 1.0
    )
    return GroupWords(made, group_words(made, TEXTS))


# as the synopsis lists them: most widely made first
ROWS = [
    group("anxiety", "effect", 0.6, ("a.md", "Kratom alleviated anxiety."),
          ("b.md", "Users said kratom alleviates anxiety.")),
    group("mood", "mood", 0.9, ("a.md", "Sleep improved."), ("c.md", "Mood lifted.")),
    group("supervision", None, 1.0, ("c.md", "Patients were supervised closely.")),
    group("nothing", "effect", 1.0, ("b.md", "Nothing else.")),
]  # fmt: skip


def shown(**choice: object) -> list[str]:
    return [row.group.id for row in RowChoice(**choice).shown(ROWS)]  # type: ignore[arg-type]


def test_without_a_filter_every_row_is_shown_in_the_synopsis_order() -> None:
    assert shown() == ["anxiety", "mood", "supervision", "nothing"]


@pytest.mark.parametrize(
    ("needle", "rows"),
    [
        ("kratom", ["anxiety"]),
        ("KRATOM anxiety", ["anxiety"]),
        ("alleviating", ["anxiety"]),  # another form of "alleviated" and "alleviates"
        ("supervision", ["supervision"]),  # "supervised"
        ("kratom mood", []),  # every word, in the same row
        ("   ", ["anxiety", "mood", "supervision", "nothing"]),
    ],
)
def test_the_filter_keeps_rows_holding_every_word_in_some_form(
    needle: str, rows: list[str]
) -> None:
    assert shown(needle=needle) == rows


def test_shared_only_keeps_the_claims_several_documents_make() -> None:
    assert shown(shared_only=True) == ["anxiety", "mood"]
    assert shown(shared_only=True, needle="supervised") == []


@pytest.mark.parametrize(
    ("order", "descending", "rows"),
    [
        ("documents", True, ["anxiety", "mood", "supervision", "nothing"]),
        ("documents", False, ["supervision", "nothing", "anxiety", "mood"]),
        ("agreement", True, ["mood", "anxiety", "supervision", "nothing"]),
        ("kind", True, ["anxiety", "nothing", "mood", "supervision"]),
        ("doc:a.md", True, ["anxiety", "mood", "supervision", "nothing"]),
        ("doc:c.md", True, ["supervision", "mood", "anxiety", "nothing"]),
    ],
)
def test_each_order_keeps_ties_in_the_synopsis_order(
    order: str, descending: bool, rows: list[str]
) -> None:
    assert shown(order=order, descending=descending) == rows


def test_an_order_applies_to_the_rows_the_filter_keeps() -> None:
    assert shown(needle="kratom", order="doc:c.md") == ["anxiety"]
    assert shown(shared_only=True, order="agreement") == ["mood", "anxiety"]


def test_choosing_rows_needs_no_textual() -> None:
    """The steps ``)`` and ``(`` choose rows as the table does without making one."""
    code = "import sys, corpus.synopsis; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
