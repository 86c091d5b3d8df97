"""The reader orders notes by the moment they were written, as the CLI and the report do.

An imported note keeps its tool's time zone: 13:30+02:00 is an hour and a half before
12:00+00:00, though it sorts after it as text. These check the reader's own orderings (claim
marks applied, replies under a note) without starting the app: they are plain functions of
the placed notes.
"""

from __future__ import annotations

import dataclasses
from typing import Any, cast

from annotations.labels import ClaimMark
from annotations.model import Annotation
from annotations.placement import place_all
from annotations.target import Target
from tui.notes import ReaderNotes, thread

TEXT = "Kratom may lift mood. Few trials exist. Dependence is a concern. Doses vary."
EARLIER_BUT_LATER_AS_TEXT = "2025-03-01T13:30:00.000000+02:00"
LATER = "2025-03-01T12:00:00.000000+00:00"


def on(quote: str) -> Target:
    start = TEXT.index(quote)
    return Target.from_span("a.txt", TEXT, start, start + len(quote))


def test_the_reader_applies_the_latest_claim_mark_by_its_moment() -> None:
    sentence = on("Few trials exist.")
    first = dataclasses.replace(
        Annotation.create("Ann", sentence, claim=ClaimMark.NOT_CLAIM),
        modified=EARLIER_BUT_LATER_AS_TEXT,
    )
    last = dataclasses.replace(
        Annotation.create("Ann", sentence, claim=ClaimMark.CLAIM), modified=LATER
    )
    notes = ReaderNotes(cast("Any", None))
    for given in ([first, last], [last, first]):
        notes.placed = place_all(given, {"a.txt": TEXT})
        marks = notes.claim_marks()["a.txt"]
        assert [is_claim for _, _, is_claim in marks] == [False, True]  # the last one applies


def test_replies_are_listed_in_the_order_they_were_written() -> None:
    root = Annotation.create("Ann", on("Dependence is a concern."), "Source?")
    early = dataclasses.replace(
        Annotation.create("Bob", root.target, "first reply", reply_to=root.id),
        created=EARLIER_BUT_LATER_AS_TEXT,
    )
    late = dataclasses.replace(
        Annotation.create("Cy", root.target, "second reply", reply_to=root.id),
        created=LATER,
    )
    for given in ([root, early, late], [root, late, early]):
        placed = place_all(given, {"a.txt": TEXT})
        roots = [p for p in placed if p.annotation.reply_to is None]
        ordered = [p.annotation.note for p in thread(roots, placed)]
        assert ordered == ["Source?", "first reply", "second reply"]
