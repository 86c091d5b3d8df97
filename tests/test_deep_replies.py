"""A chain of replies thirty deep stays on screen: the notes panel, ``synoptic notes`` and the
Markdown report indent at most MAX_REPLY_DEPTH levels, and a reply deeper than that names the
note it answers (test_export_markdown tests the report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_notes import FIRST_DOC, panel_prompts, sentence_target, started

from annotations.model import MAX_REPLY_DEPTH, Annotation
from annotations.store import AnnotationStore
from tui.app import make_app

if TYPE_CHECKING:
    from pathlib import Path

ARROW = "\N{DOWNWARDS ARROW WITH TIP RIGHTWARDS}"
CHAIN = 30


def reply_chain(root: Path) -> list[Annotation]:
    """A note on the first sentence and CHAIN replies, each to the one before, by turns."""
    store = AnnotationStore(root, "Ann")
    target = sentence_target(root, FIRST_DOC, 0)
    chain = [store.add(Annotation.create("Ann", target, "note 0"))]
    for number in range(1, CHAIN + 1):
        author = ("Ann", "Bob")[number % 2]
        reply = Annotation.create(author, target, f"note {number}", reply_to=chain[-1].id)
        chain.append(AnnotationStore(root, author).add(reply))
    return chain


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def test_synoptic_notes_indents_a_deep_thread_at_most_max_reply_depth_levels(
    cli, sample_workspace: Path
) -> None:
    chain = reply_chain(sample_workspace)
    result = cli("notes", sample_workspace)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    deepest = 4 * MAX_REPLY_DEPTH  # the header of a reply at the cap; its text 4 more
    assert max(indent(line) for line in lines) == deepest + 4
    for number, note in enumerate(chain[1:], 1):  # each reply names the note it answers
        (header,) = [line for line in lines if line.lstrip().startswith(note.id)]
        assert header.endswith(f"{ARROW} reply to {chain[number - 1].id}")
        assert indent(header) == 4 * min(number, MAX_REPLY_DEPTH)
    texts = [line.strip() for line in lines if line.strip().startswith("note ")]
    assert texts == [f"note {n}" for n in range(CHAIN + 1)], "the thread in order"


async def test_the_notes_panel_indents_a_deep_thread_at_most_max_reply_depth_levels(
    sample_workspace: Path,
) -> None:
    chain = reply_chain(sample_workspace)
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: len(panel_prompts(app)) == CHAIN + 1)
        prompts = [prompt.plain for prompt in panel_prompts(app)]
        cap = 2 * MAX_REPLY_DEPTH
        for number, prompt in enumerate(prompts):
            header, *rest = prompt.splitlines()
            assert indent(header) == 2 * min(number, MAX_REPLY_DEPTH)
            assert all(indent(line) <= cap + 2 for line in rest), prompt
            assert rest[-1].strip() == f"note {number}"
            parent = chain[number - 1] if number else None
            if number > MAX_REPLY_DEPTH:  # the indent no longer says which note it answers
                assert parent is not None
                assert rest[0].strip().startswith(f"{ARROW} reply to {parent.credit} ·")
            else:
                assert ARROW not in prompt
