"""Linking a passage to a note being written: leave the editor, go to the evidence in any pane,
press Enter to take it (or Escape to go back without it), and the editor comes back with the
link added. :mod:`tui.note_actions` starts it from the editor's "Link a passage…"; the app's
Enter and Escape end it while it lasts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from annotations.links import Relation, passage_link
from annotations.target import Target
from tui.note_places import selected_passage
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.drafts import NoteDraft
    from annotations.links import EvidenceLink
    from tui.app import SynopticApp
    from tui.screens.note_editor import PickPassage


_BEARS = {
    Relation.SUPPORTS: "supports the claim",
    Relation.REFUTES: "refutes the claim",
    Relation.CONTEXT: "gives context",
}
"""How a passage of each relation bears on the claim, as the notice says it."""


def start_picking(app: SynopticApp, pick: PickPassage, resume: Callable[[NoteDraft], None]) -> None:
    """Let the user go to the evidence passage; Enter takes it, Escape goes back."""
    app.picking = (pick, resume)
    app.set_class(True, "-picking")
    app.query_one(StatusBar).picking = True
    app.refresh_bindings()  # the footer shows Enter and Escape for as long as it lasts
    app.tell(
        f"Go to the passage that {_BEARS[pick.relation]} in any pane (select it with "
        "Shift+arrows if you like) and press Enter. Escape goes back to the note without a "
        "link.",
        f"Link a passage ({pick.relation.value})",
        "information",
    )


def finish_picking(app: SynopticApp, take: bool) -> None:
    """Enter (take the focused pane's selection) or Escape (back to the note as it was)."""
    if app.picking is None:
        return
    pick, resume = app.picking
    draft = pick.draft
    app.picking = None
    app.set_class(False, "-picking")
    app.query_one(StatusBar).picking = False
    app.refresh_bindings()
    if take:
        found = selected_passage(app)
        if found is not None:
            view, doc_id, (start, end) = found
            assert view.document is not None
            target = Target.from_span(doc_id, view.document.text, start, end)
            link: EvidenceLink = passage_link(target, pick.relation)
            draft = replace(draft, links=(*draft.links, link))
    resume(draft)
