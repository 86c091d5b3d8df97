"""What people read about a note says its verdict and claim mark in words, as the note editor
offers them ("needs evidence", "marked as not a claim"); ``--json`` keeps the stored values a
script types back (``needs-evidence``, ``not-claim``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import SAMPLE_IDS

from annotations.anchoring import Anchor, AnchorState
from annotations.labels import ClaimMark, Verdict
from annotations.model import Annotation
from annotations.placement import Placed
from annotations.target import Target
from tui.widgets.notes_panel import describe_note

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]
QUOTE = "Emerging research is examining how kratom"


def test_notes_and_the_notes_commands_say_the_verdict_and_claim_mark_in_words(
    cli, sample_workspace: Path
) -> None:
    made = cli(
        "note", "add", sample_workspace, "--doc", DOC, "--quote", QUOTE, "--text", "Which?",
        "--verdict", "needs-evidence", "--claim", "not-claim", "--tag", "mood", "--author", "Ann",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    listed = cli("notes", sample_workspace)
    assert listed.returncode == 0, listed.stderr
    for said in (made.stdout, listed.stdout):
        assert "    verdict: needs evidence #mood marked as not a claim" in said.splitlines()
        assert "needs-evidence" not in said and "not-claim" not in said
    [note] = json.loads(cli("notes", sample_workspace, "--json").stdout)
    assert (note["verdict"], note["claim"]) == ("needs-evidence", "not-claim")


def test_the_notes_panel_says_the_claim_mark_in_words() -> None:
    text = "Kratom lifts mood."
    note = Annotation.create(
        "Ann",
        Target.from_span("a.txt", text, 0, len(text)),
        "Hm.",
        verdict=Verdict.NEEDS_EVIDENCE,
        claim=ClaimMark.NOT_CLAIM,
    )
    shown = describe_note(Placed(note, Anchor(AnchorState.ANCHORED, 0, len(text), 1.0))).plain
    assert "needs evidence" in shown and "marked as not a claim" in shown
    assert "not-claim" not in shown
