"""The user's claim marks survive the claims stage, whatever order the background work ends in.

The notes (and so the claim marks) are read once every document is read, while the documents
not on screen may still be having their claims found. The marks' worker then posts the marked
documents' verdicts with the marks; the claims stage, which fixed its list of documents before
the notes arrived, used to post the same documents again without them, and the marks vanished
from view until the notes were read again. The stage is held here, by the test, right after it
fixed that list, until the marks' verdicts have arrived: no sleeps, the same order every run.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from conftest import SAMPLE_IDS
from pilot_helpers import wait_for
from test_reader_claims import SIZE

from annotations.labels import ClaimMark
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from corpus.claim_rules import load_rules
from corpus.claims import assess_document
from corpus.workspace import Workspace
from tui.app import make_app
from tui.messages import LoadingProgress

if TYPE_CHECKING:
    from pathlib import Path

    from textual.message import Message

MARKED = SAMPLE_IDS[-1]
"""Not on screen at first (two panes show the first two), so its claims come in the stage."""


def mark_a_sentence_as_a_claim(root: Path) -> int:
    """Store, as an earlier session would, a mark on a sentence detection calls no claim."""
    document = Workspace.open(root).load(MARKED)
    rules, _ = load_rules(root)
    index = next(
        found.sentence
        for found in assess_document(document, rules)
        if not found.is_claim and found.reason != "a heading"
    )
    sentence = document.sentences[index]
    target = Target.from_span(MARKED, document.text, sentence.start, sentence.end)
    AnnotationStore(root, "Ann").add(Annotation.create("Ann", target, "", claim=ClaimMark.CLAIM))
    return index


async def test_claim_marks_that_arrive_during_the_claims_stage_are_kept(
    sample_workspace: Path,
) -> None:
    index = mark_a_sentence_as_a_claim(sample_workspace)
    app = make_app(sample_workspace, panes=2, author="Ann")
    held, release = threading.Event(), threading.Event()
    post = app.loader.post

    def hold_the_claims_stage(message: Message) -> None:
        """Let the first "Finding claims" progress through, then wait: the stage's list of
        documents is fixed by then and the marked document is still in it."""
        post(message)
        stage = isinstance(message, LoadingProgress) and message.stage == "Finding claims"
        if stage and not held.is_set():
            held.set()
            release.wait(timeout=30)

    app.loader.post = hold_the_claims_stage

    def marked() -> bool:
        verdicts = app.claims.by_document.get(MARKED)
        return verdicts is not None and verdicts[index].overridden and verdicts[index].is_claim

    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_for(pilot, held.is_set, timeout=20)
            assert MARKED not in {pane.doc_id for pane in app.panes}
            await wait_for(pilot, marked, timeout=20)  # the marks' worker got there first
        finally:
            release.set()
        # the stage's verdicts all reach the loop before the message that it is finished
        await wait_for(pilot, lambda: app.claims_finished_at is not None, timeout=20)
        assert marked(), "the claims stage posted the marked document without the user's mark"

        await pilot.press(str(SAMPLE_IDS.index(MARKED) + 1))  # open it, as the user would
        pane = app.active_pane
        view = pane.view
        await wait_for(pilot, lambda: pane.doc_id == MARKED and view.marks is not None)
        assert view.marks is not None
        found = view.marks.assessments[index]
        assert found.overridden and found.is_claim
        assert index in view.marks.claim_sentences()
