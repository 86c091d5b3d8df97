"""Evidence links into a document renamed on disk (``git mv``, seen by the watch).

A note cites a passage of another document; that document is renamed while the reader is
open. A link left naming the old id points at a document that is no longer there. The note
being written (in the editor, or waiting while another passage is linked) and the user's own
saved notes follow the rename; another author's notes are not rewritten, but their links are
still followed to the document under its new name.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from git_helpers import git, git_defaults_only_fixture  # noqa: F401 - a fixture
from pilot_helpers import wait_for
from test_reader_notes import choose
from test_reader_reload import CURSOR_ON, LONG, NOTED, OTHER, SIZE, down_to, focus_back, started
from test_reader_reload import workspace as noted_workspace
from test_reader_rename import RENAMED
from test_reader_rename_drafts import drafts_on_disk
from textual.widgets import Select

from annotations.links import Relation, passage_link
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from tui.app import make_app
from tui.note_places import open_link
from tui.screens.note_editor import NoteEditor

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CITED = "A different article says that kratom is risky."


def linked_docs(record: dict[str, object]) -> list[str]:
    draft = record["draft"]
    assert isinstance(draft, dict)
    return [link["target"]["doc"] for link in draft["links"]]


@pytest.mark.parametrize("while_", ["in the editor", "linking another passage"])
async def test_a_note_being_written_keeps_its_links_into_a_document_renamed_meanwhile(
    make_workspace: Callable[..., Path], while_: str
) -> None:
    root = noted_workspace(make_workspace)
    git(root, "init", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-m", "Two documents")
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        cited, noted = app.panes
        assert (cited.doc_id, noted.doc_id) == (LONG, OTHER)
        noted.view.focus()
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Backed", "space", *"up")
        await choose(pilot, app.screen.query_one("#relation", Select), Relation.SUPPORTS)
        await app.screen.action_pick()
        await wait_for(pilot, lambda: app.picking is not None)
        cited.view.focus()
        await down_to(pilot, cited, CURSOR_ON)
        await pilot.press("enter")  # the passage of LONG taken as evidence
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert [link.target.doc for link in app.screen.links if link.target] == [LONG]
        if while_ == "linking another passage":
            await app.screen.action_pick()
            await wait_for(pilot, lambda: app.picking is not None)
        await wait_for(pilot, lambda: [linked_docs(d) for d in drafts_on_disk(root)] == [[LONG]])

        git(root, "mv", LONG, RENAMED)
        focus_back(app)
        await wait_for(pilot, lambda: cited.doc_id == RENAMED)

        # A crash now must offer the draft with its link on the document's new name.
        await wait_for(pilot, lambda: [linked_docs(d) for d in drafts_on_disk(root)] == [[RENAMED]])
        if while_ == "linking another passage":
            await pilot.press("escape")  # back to the note, without a second link
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+s")

        def saved() -> list[Annotation]:
            return [a for a in AnnotationStore(root, "Ann").all() if a.note == "Backed up"]

        await wait_for(pilot, saved)
        (note,) = saved()
        (link,) = note.links
        assert link.target is not None and link.target.doc == RENAMED
        assert link.href.startswith(f"passage:{RENAMED}#")
        assert app.workspace.loaded(RENAMED).text[link.target.start : link.target.end] == (
            CURSOR_ON
        )
        await wait_for(pilot, lambda: drafts_on_disk(root) == [])


async def test_saved_notes_citing_a_renamed_document_yours_follow_and_others_still_lead_there(
    make_workspace: Callable[..., Path],
) -> None:
    root = noted_workspace(make_workspace)
    long_text = (root / LONG).read_text(encoding="utf-8")
    other_text = (root / OTHER).read_text(encoding="utf-8")
    start = long_text.index(NOTED)
    evidence = passage_link(
        Target.from_span(LONG, long_text, start, start + len(NOTED)), Relation.SUPPORTS
    )
    begin = other_text.index(CITED)
    on_other = Target.from_span(OTHER, other_text, begin, begin + len(CITED))
    for author in ("Ann", "Bob"):
        note = Annotation.create(author, on_other, f"{author}'s", links=(evidence,))
        AnnotationStore(root, author).add(note)
    git(root, "init", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-m", "Two notes citing long.txt")
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        git(root, "mv", LONG, RENAMED)
        focus_back(app)
        await wait_for(pilot, lambda: app.panes[0].doc_id == RENAMED)

        def stored(author: str) -> Annotation:
            return next(a for a in AnnotationStore(root, author).all() if a.note == f"{author}'s")

        # Yours: the link is rewritten to the new name (the note stays on other.txt).
        await wait_for(pilot, lambda: stored("Ann").links[0].target.doc == RENAMED)
        ann = stored("Ann")
        assert ann.target.doc == OTHER
        assert ann.links[0].href == f"passage:{RENAMED}#{start}-{start + len(NOTED)}"
        # Bob's: not rewritten by your reader, but his link still leads to the passage.
        bob = stored("Bob")
        assert bob.links[0].target.doc == LONG
        open_link(app, bob.links[0])
        await pilot.pause(0.2)
        shown = [p for p in app.panes if p.view.passage is not None]
        assert shown and shown[0].doc_id == RENAMED
        first, last = shown[0].view.passage
        assert app.workspace.loaded(RENAMED).text[first:last] == NOTED


async def test_a_note_being_edited_whose_link_follows_a_rename_is_saved_as_one_edit(
    make_workspace: Callable[..., Path],
) -> None:
    """The rename rewrites the link of the note being edited: the edit is saved over that
    version, not kept beside it as if someone else had changed the note meanwhile."""
    root = noted_workspace(make_workspace)
    long_text = (root / LONG).read_text(encoding="utf-8")
    other_text = (root / OTHER).read_text(encoding="utf-8")
    start = long_text.index(NOTED)
    evidence = passage_link(Target.from_span(LONG, long_text, start, start + len(NOTED)))
    begin = other_text.index(CITED)
    on_other = Target.from_span(OTHER, other_text, begin, begin + len(CITED))
    AnnotationStore(root, "Ann").add(Annotation.create("Ann", on_other, "Ann's", links=(evidence,)))
    git(root, "init", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-m", "A note citing long.txt")
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        noted = app.panes[1]
        noted.view.focus()
        await down_to(pilot, noted, CITED)
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*" Done")
        git(root, "mv", LONG, RENAMED)
        focus_back(app)
        await wait_for(pilot, lambda: app.panes[0].doc_id == RENAMED)
        await wait_for(pilot, lambda: [link.target.doc for link in app.screen.links] == [RENAMED])
        await pilot.press("ctrl+s")

        def saved() -> list[Annotation]:
            return [a for a in AnnotationStore(root, "Ann").all() if a.note == "Ann's Done"]

        await wait_for(pilot, saved)
        (note,) = saved()
        assert [link.target.doc for link in note.links if link.target] == [RENAMED]
        assert note.superseded == (), "the rename is no conflicting change"
        assert not [n for n in app._notifications if n.title == "Note saved over another edit"]
