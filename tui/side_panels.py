"""The lines and panels around the panes: the status bar, the claim legend, and the claims,
notes and matches panels.

They all follow the focused pane, so every message that moves a cursor, shows a document or
brings claims or notes has to redraw them; doing it in one place keeps ``tui.app`` about routing
those messages. The panels are made on first use and stay mounted, hidden, once closed, so a
refresh that finds none (or a hidden one) costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import OptionList

from corpus.text import inert
from tui.widgets.claims_panel import ClaimLegend, ClaimsPanel
from tui.widgets.matches_panel import MatchesPanel
from tui.widgets.notes_panel import NotesPanel
from tui.widgets.side_panel import SidePanel
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.app import SynopticApp
    from tui.widgets.document_pane import DocumentPane
    from tui.widgets.document_view import DocumentView


def show_position(app: SynopticApp, view: DocumentView) -> None:
    """Say where ``view``'s cursor is, and show the notes there."""
    app.query_one(StatusBar).show_position(view.document, view.cursor)
    refresh_notes(app)


def show_claims(app: SynopticApp, doc_id: str | None = None) -> None:
    """Redraw claims in the panes showing ``doc_id`` (every pane when None), then the
    legend and the panel, which follow the focused pane."""
    for pane in app.panes:
        if pane.view.document is not None and doc_id in (None, pane.doc_id):
            pane.view.set_marks(app.claims.marks_for(pane.doc_id))
    refresh_claims(app)


def claims_panel(app: SynopticApp) -> ClaimsPanel | None:
    """The claims panel, once it has been opened (it is made on first use)."""
    found = app.query(ClaimsPanel)
    return found.first() if found else None


def colour_claims(app: SynopticApp) -> None:
    """Colour the kinds from the active theme (on start and on every change of theme), and
    redraw what shows them."""
    app.claims.set_theme(app.current_theme, app.console.color_system, no_color=app.no_color)
    show_claims(app)


def set_hidden_kinds(app: SynopticApp, hidden: frozenset[str]) -> None:
    """Hide these kinds everywhere (legend, panes, panel, n / N)."""
    app.claims.hidden = hidden
    show_claims(app)


def refresh_claims(app: SynopticApp) -> None:
    """Legend and claims panel follow the focused pane's document."""
    pane = app.active_pane
    view = pane.view
    # by the pane's id: an empty document is known to have no claims, yet the view shows none
    marks = app.claims.marks_for(pane.doc_id)
    failure = app.failures.get(pane.doc_id) if pane.doc_id else None
    legend = app.query_one(ClaimLegend)
    if failure is not None:
        legend.show_none(inert(f"{failure.doc_id} {failure.reason}"))
    elif pane.doc_id is None:
        legend.show_none("no document is open")
    else:
        legend.show_marks(marks)
    panel = claims_panel(app)
    if panel is not None and panel.has_class("-shown"):
        if failure is not None:
            panel.show_none(failure.doc_id, inert(failure.reason))
        elif view.document is None and pane.doc_id and pane.no_sentences:
            panel.show_none(pane.doc_id, pane.no_sentences)  # an empty file: no view document
        else:
            panel.show_claims(view.document, marks, view.cursor)


def refresh_notes(app: SynopticApp) -> None:
    """The notes panel (if open) shows the notes on the focused pane's selection."""
    for panel in app.query(NotesPanel):
        view = app.active_pane.view
        doc_id = view.document.id if view.document else None
        here = app.notes.at(doc_id, view.selected_span())
        own = {p.annotation.id for p in here if app.notes.is_own(p.annotation)}
        where = f"sentence {view.cursor + 1}" if view.cursor >= 0 else "nothing"
        panel.show_notes(here, app.notes.by_id, own, where, deleted=app.notes.deleted)


def show_matches(app: SynopticApp) -> None:
    """The matches panel (if open) lists the latest result."""
    for panel in app.query(MatchesPanel):
        panel.show_result(app.parallel.result, app.workspace)


def _toggle_alone(app: SynopticApp, panel: SidePanel) -> bool:
    """Show ``panel`` in place of any other side panel, or hide it; whether it is shown now.

    The panels share the right edge: docked there together, they were drawn one over the other
    at any width, the one on top hiding lists that still had the keys (``e`` edited the note
    highlighted in a notes panel the user could no longer see). One at a time is what a user
    could see anyway, and what is shown is what has the keys.
    """
    shown = not panel.shown
    if shown:
        keep_beside(app, app.active_pane)
        for other in app.query(SidePanel):
            if other is not panel and other.shown:
                other.show(False)
                if app.focused is not None and other in app.focused.ancestors:
                    app.active_pane.view.focus()  # keys must not go to a hidden list
    panel.show(shown)
    return shown


def keep_beside(app: SynopticApp, pane: DocumentPane | None) -> None:
    """Make ``pane`` the one left beside a side panel on a narrow screen (``app.tcss``).

    It is the pane being read: the focused one, or the one a match chosen in the matches
    panel was just shown in, which would otherwise be hidden behind the very list it was
    chosen from. The other panes keep their documents and cursors, and come back when the
    panel closes or the terminal is widened.
    """
    for other in app.panes:
        other.set_class(other is pane, "-kept")


async def toggle_claims_panel(app: SynopticApp) -> None:
    """Show or hide the list of the focused document's claims."""
    panel = claims_panel(app)
    if panel is None:
        panel = ClaimsPanel()
        await app.screen.mount(panel, before=app.query_one("#panes"))
    shown = _toggle_alone(app, panel)
    refresh_claims(app)
    if shown:
        panel.query_one(OptionList).focus()
    else:
        app.active_pane.view.focus()


async def toggle_notes_panel(app: SynopticApp) -> None:
    """Show the notes on the passage under the cursor with the keys in their list (the first
    note highlighted, for e, r and x), or hide them.

    Opened, the panel takes the keys, as the claims and matches panels do: kept in the pane, a
    user could choose a note only with the mouse, and e, r and x acted on the first note on the
    passage whatever they were looking at. While it is open and a pane has the keys (Tab gave
    them back to read on), ``p`` goes back to the list rather than closing it.
    """
    found = app.query(NotesPanel)
    panel = found.first() if found else NotesPanel()
    if not found:
        await app.screen.mount(panel, before=app.query_one("#panes"))
    if panel.shown and not panel.has_focus_within:
        refresh_notes(app)
        panel.take_keys()
        return
    shown = _toggle_alone(app, panel)
    refresh_notes(app)
    if shown:
        panel.take_keys()
    else:
        app.active_pane.view.focus()


async def toggle_matches_panel(app: SynopticApp) -> None:
    """Show or hide the list of the current sentence's matches with their scores."""
    found = app.query(MatchesPanel)
    panel = found.first() if found else MatchesPanel()
    if not found:
        await app.screen.mount(panel, before=app.query_one("#panes"))
        panel.show_result(app.parallel.result, app.workspace)
    if _toggle_alone(app, panel):
        panel.query_one(OptionList).focus()
    else:
        app.active_pane.view.focus()
