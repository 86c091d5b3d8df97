"""A new evidence link has no relation until the user chooses one: it defaulted to "supports",
so on a note whose verdict is "false" a refuting source was easily filed as supporting it.
Links already stored keep the relation they have."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from test_reader_notes import (
    FIRST_DOC,
    SIZE,
    by_note,
    choose,
    choose_by_keys,
    editor,
    links_shown,
    notifications,
    on_disk,
    paste,
    screen_text,
    seed,
    sentence_target,
    started,
    type_text,
    wait_note,
)
from textual.widgets import Button, Input, Label, Select

from annotations.labels import Verdict
from annotations.links import Relation, parse_link
from tui.app import make_app
from tui.screens.confirm import ConfirmScreen
from tui.screens.note_editor import NoteEditor

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.app import SynopticApp

ASKED = (
    "Choose the link's relation first: does the source support the claim, refute it, or give "
    "context?"
)


def problem(app: SynopticApp) -> str:
    return str(editor(app).query_one("#problem", Label).render())


async def press_button(pilot: Pilot[None], app: SynopticApp, name: str) -> None:
    button = editor(app).query_one(f"#{name}", Button)
    button.scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click(button)
    await pilot.pause()


async def test_a_new_link_waits_for_its_relation_on_a_note_found_false(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await type_text(pilot, "Wrong.")
        await choose(pilot, note_editor.query_one("#verdict", Select), Verdict.FALSE)
        relation = note_editor.query_one("#relation", Select)
        assert relation.value is Select.NULL, "no relation is chosen for the user"
        assert "relation?" in screen_text(app), "and the box says so"

        # A web link: refused until a relation is chosen, the choice asked for and focused.
        await pilot.click(note_editor.query_one("#link-ref", Input))
        await paste(pilot, "https://example.org/retraction")
        await pilot.press("enter")
        assert note_editor.links == []
        assert problem(app) == ASKED
        assert app.focused is relation
        assert note_editor.query_one("#link-ref", Input).value == "https://example.org/retraction"
        await choose(pilot, relation, Relation.REFUTES)
        assert problem(app) == ""
        await press_button(pilot, app, "add-link")
        assert [link.relation for link in note_editor.links] == [Relation.REFUTES]
        assert "refutes: https://example.org/retraction" in links_shown(note_editor)

        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 1)
    [link] = by_note(sample_workspace, "Wrong.").links
    assert (link.href, link.relation) == ("https://example.org/retraction", Relation.REFUTES)


async def test_a_linked_passage_takes_the_relation_chosen_before_going_to_it(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        left, right = app.panes
        await pilot.press("a")
        await type_text(pilot, "Contradicted.")
        # Without a relation, "Link a passage…" asks for one and stays in the editor.
        await press_button(pilot, app, "pick")
        assert app.picking is None and isinstance(app.screen, NoteEditor)
        assert problem(app) == ASKED
        await choose(pilot, editor(app).query_one("#relation", Select), Relation.REFUTES)
        await press_button(pilot, app, "pick")
        await wait_for(pilot, lambda: app.picking is not None)
        title, message, _ = notifications(app)[-1]
        assert title == "Link a passage (refutes)"
        assert message.startswith("Go to the passage that refutes the claim in any pane")
        await pilot.click(right.view, offset=(8, 1))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        note_editor = editor(app)
        [link] = note_editor.links
        assert link.relation is Relation.REFUTES
        assert f"refutes: {right.doc_id}" in links_shown(note_editor)
        # still chosen, for the next link of this note
        assert note_editor.query_one("#relation", Select).value is Relation.REFUTES
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 1)
    [saved] = by_note(sample_workspace, "Contradicted.").links
    assert saved.relation is Relation.REFUTES and saved.target is not None
    assert saved.target.doc == right.doc_id and left.doc_id == FIRST_DOC


async def test_a_stored_link_keeps_its_relation_when_the_note_is_edited(
    sample_workspace: Path,
) -> None:
    link = parse_link("https://example.org/trial", Relation.SUPPORTS)
    seed(
        sample_workspace,
        "Ann",
        sentence_target(sample_workspace, FIRST_DOC, 0),
        "Backed.",
        links=(link,),
    )
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await type_text(pilot, " Twice.")
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: placed[0].annotation.note == "Backed. Twice.")
    assert by_note(sample_workspace, "Backed. Twice.").links == (link,)


# -- when linking ends, what only helped to find the passage goes ----------------------------


async def link_after_matching(pilot: Pilot[None], app: SynopticApp, *, match_first: bool) -> None:
    """Begin a note in the left pane and link the right pane's match of its sentence: ``m``
    pressed before the note was begun, or while linking, to find the evidence."""
    left, right = app.panes
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=60)
    if match_first:
        await pilot.press("m")
        await wait_for(pilot, lambda: right.view.passage is not None)
    await pilot.press("a")
    await type_text(pilot, "Same finding.")
    await choose(pilot, editor(app).query_one("#relation", Select), Relation.SUPPORTS)
    await press_button(pilot, app, "pick")
    await wait_for(pilot, lambda: app.picking is not None)
    assert app.active_pane is left
    if not match_first:
        await pilot.press("m")
        await wait_for(pilot, lambda: right.view.passage is not None)
    await pilot.press("tab", "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
    await pilot.press("ctrl+s")
    await wait_note(pilot, app, lambda placed: len(placed) == 1)


async def test_a_match_made_while_linking_and_the_notice_go_when_linking_ends(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        left, right = app.panes
        await link_after_matching(pilot, app, match_first=False)
        [link] = by_note(sample_workspace, "Same finding.").links
        assert link.target is not None and link.target.doc == right.doc_id
        assert [t for t, _, _ in notifications(app) if t.startswith("Link a passage")] == []
        assert right.view.passage is None, "the linked passage keeps no match mark"
        assert right.match_label == "" and left.view.terms == []


async def test_a_match_made_before_the_note_was_begun_stays(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        left, right = app.panes
        await link_after_matching(pilot, app, match_first=True)
        assert right.view.passage is not None and right.match_label.startswith("match ")
        assert left.view.terms != [], "the words it shares are still marked"
        assert [t for t, _, _ in notifications(app) if t.startswith("Link a passage")] == []


# -- a link typed but not added (Enter or "Add link") is not lost -------------------------------


async def test_save_adds_the_link_typed_but_not_added(sample_workspace: Path) -> None:
    """Maya typed a DOI, chose its relation and pressed Ctrl+S: the note was saved without
    the DOI and nothing said so (the link was added only by Enter in the field or "Add
    link")."""
    app = make_app(sample_workspace, panes=1, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await type_text(pilot, "Overstated.")
        await pilot.press("tab", "tab", "tab")  # tags, verdict, then the link field
        await type_text(pilot, "10.1016/j.drugalcdep.2017.10.012")
        await pilot.press("tab")
        await choose_by_keys(pilot, note_editor.query_one("#relation", Select), Relation.REFUTES)
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 1)
    [link] = by_note(sample_workspace, "Overstated.").links
    assert (link.href, link.relation) == (
        "https://doi.org/10.1016/j.drugalcdep.2017.10.012",
        Relation.REFUTES,
    )


async def test_save_with_a_typed_link_but_no_relation_asks_and_saves_nothing_yet(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=1, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await type_text(pilot, "Check.")
        await pilot.press("tab", "tab", "tab")  # tags, verdict, then the link field
        await type_text(pilot, "PMID 28834245")
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert app.screen is note_editor, "the editor stays open"
        assert problem(app) == ASKED
        relation = note_editor.query_one("#relation", Select)
        assert app.focused is relation
        # the whole question is on the screen at 80 columns (it was cut at "the cl")
        assert "or give" in screen_text(app) and "context?" in screen_text(app)
        assert on_disk(sample_workspace) == []
        await choose_by_keys(pilot, relation, Relation.SUPPORTS)
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 1)
    [link] = by_note(sample_workspace, "Check.").links
    assert (link.href, link.relation) == (
        "https://pubmed.ncbi.nlm.nih.gov/28834245/",
        Relation.SUPPORTS,
    )


async def test_save_with_a_refused_link_typed_keeps_the_editor_open(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=1, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await type_text(pilot, "Source?")
        await choose(pilot, note_editor.query_one("#relation", Select), Relation.CONTEXT)
        ref = note_editor.query_one("#link-ref", Input)
        await pilot.click(ref)
        await paste(pilot, "ftp://example.org/paper")
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert app.screen is note_editor
        assert problem(app) != "" and app.focused is ref
        assert ref.value == "ftp://example.org/paper", "kept to be corrected"
        assert on_disk(sample_workspace) == []


async def test_escape_with_only_a_link_typed_asks_first(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=1, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await pilot.click(note_editor.query_one("#link-ref", Input))
        await paste(pilot, "https://example.org/trial")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen), "a typed link is not thrown away unasked"
