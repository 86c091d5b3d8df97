"""Placing annotations on the current texts: a reply is where the note it answers is."""

from __future__ import annotations

import dataclasses

from annotations.anchoring import AnchorState
from annotations.model import Annotation
from annotations.placement import claim_overrides, follow_parents, place_all
from annotations.target import Target

TEXT = "Kratom may lift mood. Few trials exist. Dependence is a concern. Doses vary."
MOVED = "Kratom may lift mood. Dependence is a concern, as is the lack of trials."


def on(quote: str, text: str = TEXT, doc: str = "a.txt") -> Target:
    start = text.index(quote)
    return Target.from_span(doc, text, start, start + len(quote))


def test_a_thread_is_placed_where_its_first_note_is_after_a_reattach() -> None:
    parent = Annotation.create("Ann", on("Few trials exist."), "parent")
    reply = Annotation.create("Bob", parent.target, "reply", reply_to=parent.id)
    deeper = Annotation.create("Ann", parent.target, "reply to reply", reply_to=reply.id)
    # The quoted sentence was deleted; Ann re-attached her note to another document.
    moved = parent.edited(target=on("the lack of trials", MOVED, "b.txt"))
    placed = place_all([moved, reply, deeper], {"a.txt": MOVED, "b.txt": MOVED})
    assert [p.annotation.target.doc for p in placed] == ["b.txt"] * 3
    assert {(p.anchor.state, p.start, p.end) for p in placed} == {
        (AnchorState.ANCHORED, MOVED.index("the lack"), len(MOVED) - 1)
    }
    assert [p.annotation.note for p in placed] == ["parent", "reply", "reply to reply"]


def test_a_reply_is_followed_through_parents_given_apart() -> None:
    parent = Annotation.create("Ann", on("Doses vary."), "parent")
    reply = Annotation.create("Bob", on("Few trials exist."), "elsewhere", reply_to=parent.id)
    (alone,) = place_all([reply], {"a.txt": TEXT}, others=[parent])
    assert (alone.start, alone.end) == (TEXT.index("Doses"), len(TEXT))


def test_a_reply_to_a_deleted_or_unknown_note_and_a_cycle_keep_their_own_passage() -> None:
    gone = Annotation.create("Ann", on("Doses vary."), "deleted").tombstone()
    orphan = Annotation.create("Bob", on("Few trials exist."), "x", reply_to=gone.id)
    unknown = Annotation.create("Bob", on("Few trials exist."), "y", reply_to="nobody")
    first = Annotation.create("Ann", on("Doses vary."), "cycle 1", reply_to="later")
    second = Annotation.create("Bob", on("Few trials exist."), "cycle 2", reply_to=first.id)
    first = dataclasses.replace(first, reply_to=second.id)
    notes = [gone, orphan, unknown, first, second]
    assert follow_parents(notes) == [orphan, unknown, first, second]


def test_the_latest_claim_mark_wins_by_its_moment_not_its_text() -> None:
    """An imported mark keeps its tool's offset: 13:30+02:00 is before 12:00+00:00, though it
    sorts after it as text."""
    sentence = on("Few trials exist.")
    first = dataclasses.replace(
        Annotation.create("Ann", sentence, claim="not-claim"),
        modified="2025-03-01T13:30:00.000000+02:00",
    )
    last = dataclasses.replace(
        Annotation.create("Ann", sentence, claim="claim"),
        modified="2025-03-01T12:00:00.000000+00:00",
    )
    for given in ([first, last], [last, first]):
        overrides = claim_overrides(place_all(given, {"a.txt": TEXT}))
        assert [o.is_claim for o in overrides] == [False, True]  # the last one applies
