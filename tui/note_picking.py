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
    from corpus.matching import MatchResult
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
    earlier = app.parallel.result
    title = f"Link a passage ({pick.relation.value})"

    def back_to_the_note(draft: NoteDraft) -> None:
        _tidy_up(app, title, earlier)
        resume(draft)

    app.picking = (pick, back_to_the_note)
    app.set_class(True, "-picking")
    app.query_one(StatusBar).picking = True
    app.refresh_bindings()  # the footer shows Enter and Escape for as long as it lasts
    app.tell(
        f"Go to the passage that {_BEARS[pick.relation]} in any pane (select it with "
        "Shift+arrows if you like) and press Enter. Escape goes back to the note without a "
        "link.",
        title,
        "information",
    )


def _tidy_up(app: SynopticApp, title: str, earlier: MatchResult | None) -> None:
    """Linking is over: what only helped to find the passage goes.

    The notice still said to press Enter for up to twelve seconds, over the note saved
    meanwhile. A match made while linking (``m`` to find the evidence, or follow mode) had
    served its purpose, and its marks stayed on the passage linked; a match shown when the
    note was begun is the user's own reading, and stays as they left it.
    """
    # Textual dismisses a toast this way itself (Toast._expire); notify returns no handle.
    # Private, so looked up: a Textual without them leaves the notice to fade on its own.
    shown = getattr(app, "_notifications", None)
    unnotify = getattr(app, "_unnotify", None)
    if shown is not None and callable(unnotify):
        for notification in list(shown):
            if getattr(notification, "title", None) == title:
                unnotify(notification)
    if app.parallel.result is not earlier:
        app.parallel.forget_result()


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
