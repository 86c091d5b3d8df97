"""Opening the reader's dialogs and acting on their answers.

Each function is the body of one of the app's actions; keeping them here keeps ``tui.app``
about panes, documents and messages. The screens themselves are imported on first use, so
none of them is on the start-up path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from corpus.text import shown_path
from tui import side_panels
from tui.widgets.document_view import DocumentView
from tui.widgets.notes_panel import NoteEntries, NotesPanel

if TYPE_CHECKING:
    from subprocess import CompletedProcess

    from textual.binding import BindingType
    from textual.notifications import SeverityLevel

    from annotations.export_result import LeftOutOfExport
    from corpus.search import SearchHit
    from corpus.synopsis import ClaimGroup
    from tui.app import SynopticApp
    from tui.screens.export import ExportChoice


def open_why(app: SynopticApp) -> None:
    """Explain the verdict on the sentence under the cursor, cue by cue."""
    from tui.screens.claims import WhyScreen

    view = app.active_pane.view
    marks = app.claims.marks_for(view.document.id if view.document else None)
    if view.document is None or marks is None or view.cursor < 0:
        app.notify("Claims are not known for this document yet.", severity="warning")
        return
    app.push_screen(
        WhyScreen(view.document.sentence_text(view.cursor), marks.assessments[view.cursor])
    )


def open_kind_picker(app: SynopticApp) -> None:
    """Choose which kinds of claim are highlighted."""
    from tui.screens.claims import KindPicker

    if not app.claims.kinds:
        app.notify("Claims are still being found.", severity="warning")
        return

    def apply(hidden: frozenset[str] | None) -> None:
        if hidden is not None:
            side_panels.set_hidden_kinds(app, hidden)

    claims = app.claims
    letters = {kind: claims.letter_of(kind) for kind in claims.choosable}
    app.push_screen(KindPicker(claims.choosable, letters, claims.hidden), apply)


def open_help(app: SynopticApp) -> None:
    """Show the key reference."""
    from tui.screens.help import HelpScreen  # screens load on first use, off the startup path

    if isinstance(app.screen, HelpScreen):
        return
    sections: list[tuple[str, list[BindingType]]] = [
        ("Reading", list(DocumentView.BINDINGS)),
        # the keys of link picking are first for the footer's sake; in help, they come last
        ("Panes and documents", sorted(app.BINDINGS, key=_linking)),
        # the panel's own: how to choose a note there, which no other table said
        ("Notes panel", [*NoteEntries.BINDINGS, *NotesPanel.BINDINGS]),
    ]
    # from a full screen over the panes (the synopsis, the notes list), its own keys are what
    # is asked about
    title = getattr(app.screen, "HELP_TITLE", None)
    if title is not None:
        sections.insert(0, (title, list(app.screen.BINDINGS)))
    about = getattr(app.screen, "HELP_ABOUT", None)
    app.push_screen(
        HelpScreen(
            sections, screen_keys_first=title is not None, about=about, place=place_of_notes(app)
        )
    )


def place_of_notes(app: SynopticApp) -> str:
    """Where the workspace is and the notes go: a student asked to hand in their notes, or
    coming back on another day, looks for the folder, and the title bar cuts long paths."""
    root = shown_path(app.workspace.root)
    if app.workspace.is_sample:
        return (
            f"This is your own copy of the sample workspace, in {root}: it is never "
            "overwritten, and your notes are kept in its annotations folder."
        )
    return f"This workspace is {root}; your notes are kept in its annotations folder."


def _linking(binding: BindingType) -> bool:
    return isinstance(binding, Binding) and binding.action.startswith("pick(")


def open_search(app: SynopticApp, all_documents: bool | None = None) -> None:
    """Search the focused document or all documents (None: as the last search did) and jump
    to the chosen hit."""
    from tui.screens.search import SearchScreen

    current = app.active_pane.doc_id
    everywhere = app.search_everywhere if all_documents is None else all_documents
    screen = SearchScreen(app.loaded_documents(), current, all_documents=everywhere)

    def jump(hit: SearchHit | None) -> None:
        if current is not None:  # with no document shown the search had no choice
            app.search_everywhere = screen.all_documents
        if hit is None:
            return
        pane = app.active_pane
        if pane.doc_id != hit.doc_id:
            app.open_document(hit.doc_id, pane)
        pane.view.go_to_offset(hit.start, hit.end)
        pane.view.focus()

    app.push_screen(screen, jump)


def open_outline(app: SynopticApp) -> None:
    """Jump to a heading of the focused document."""
    from tui.screens.pickers import OutlinePicker

    view = app.active_pane.view
    if view.document is None:
        app.notify("No document is shown in this pane yet.", severity="warning")
        return

    def jump(offset: int | None) -> None:
        if offset is not None:
            view.go_to_offset(offset)  # the heading goes a line below the top
            view.focus()

    document = view.document
    at = (
        document.sentences[view.cursor].start
        if 0 <= view.cursor < len(document.sentences)
        else None
    )
    app.push_screen(OutlinePicker(document, at), jump)


def open_documents(app: SynopticApp) -> None:
    """Choose the focused pane's document from the list."""
    from tui.arrivals import encoding_notices
    from tui.screens.pickers import DocumentPicker

    entries: list[tuple[str, str, int | None]] = []
    problems: dict[str, str] = {}
    for doc_id in app.workspace.document_ids:
        document = app.workspace.loaded(doc_id)
        if document is not None:
            entries.append((doc_id, document.title, document.words))
            problems[doc_id] = "; ".join(encoding_notices(document))
        else:
            if doc_id in app.failures:
                problems[doc_id] = app.failures[doc_id].reason
            status = (
                "cannot be read" if doc_id in app.failures else "loading\N{HORIZONTAL ELLIPSIS}"
            )
            entries.append((doc_id, status, None))
    pane = app.active_pane

    def choose(doc_id: str | None) -> None:
        if doc_id is not None:
            app.open_document(doc_id, pane)
            pane.view.focus()

    app.push_screen(DocumentPicker(entries, pane.doc_id, problems), choose)


def open_synopsis(app: SynopticApp, groups: list[ClaimGroup]) -> None:
    """The claim table, when ``s`` asked for it; a chosen row is laid out side by side in the
    panes. An open table takes in ``groups`` instead: they are of texts changed on disk."""
    from tui.panes import show_group
    from tui.screens.synopsis import SynopsisScreen
    from tui.synopsis_building import open_synopsis_screen

    shown = open_synopsis_screen(app)
    if shown is not None:
        shown.renew(groups)
        return
    if not app.parallel.synopsis_asked:
        return  # it was closed while it was being grouped again
    app.parallel.synopsis_asked = False
    screen = SynopsisScreen(groups, app.workspace)

    async def show(group: ClaimGroup | None) -> None:
        if group is not None:  # the documents whose columns were on screen come first
            number, rows = screen.chosen_row
            await show_group(app, group, screen.shown_documents, f"synopsis row {number} of {rows}")

    app.push_screen(screen, show)


def open_export(app: SynopticApp, chosen: ExportChoice | None = None) -> None:
    """Ask for a format, a file and the filters, then export (see :func:`export_notes`).
    Unless told otherwise, the dialog offers what the last export of the session chose:
    exporting again after more notes is the common case, and retyping a path or choosing the
    same tag again is where mistakes happen."""
    from annotations.export_selection import filter_choices
    from tui.screens.export import ExportChoice, ExportScreen, suggested_file

    def run(answer: ExportChoice | None) -> None:
        if answer is not None:
            app.last_export = answer
            export_notes(app, answer)

    titles = {}
    for doc_id in app.workspace.document_ids:
        document = app.workspace.loaded(doc_id)
        if document is not None:
            titles[doc_id] = document.title
    choices = filter_choices(placed.annotation for placed in app.notes.placed)
    offered = chosen or app.last_export or ExportChoice()
    suggested = suggested_file(app.workspace, "notes.md")  # never inside: see there
    app.push_screen(ExportScreen(suggested, offered, choices, titles), run)


def export_notes(app: SynopticApp, chosen: ExportChoice, *, force: bool = False) -> None:
    """Export in a worker with the command line's own code, filters included, so the reader
    and ``synoptic export`` can never write different reports. A file the export keeps (edited
    since Synoptic wrote it, or not an export) is not a dead end: the user may choose another
    file or, as a second deliberate step, replace it (the command line's ``--force``)."""
    from pathlib import Path

    from tui.screens.export import kept_by_the_guard

    def work() -> None:
        import subprocess
        import sys

        # -P: the reader may have been started in a folder holding a tui.py of its own
        command = [sys.executable, "-P", "-m", "tui", "export", str(app.workspace.root)]
        command += [*chosen.command_options(), *(["--force"] if force else [])]
        command += ["--json", "--quiet"]  # what was left out, as data; no progress lines
        done = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", check=False
        )
        notice = export_notice(done)
        if notice is not None:
            app.call_from_thread(app.tell, *notice)
        elif not force and kept_by_the_guard(Path(chosen.path)):
            app.call_from_thread(_offer_ways_on, app, chosen, _said(done))
        else:
            app.call_from_thread(app.tell, _said(done), "Export failed", "error")

    app.run_worker(work, thread=True, group="export", description="Exporting notes")


def _said(done: CompletedProcess[str]) -> str:
    """What the command line said, as one paragraph without its "synoptic: " prefixes."""
    said = (done.stderr or done.stdout).strip().splitlines()
    return " ".join(line.removeprefix("synoptic: ") for line in said)


def export_notice(done: CompletedProcess[str]) -> tuple[str, str, SeverityLevel] | None:
    """The message, title and severity of the notice of an export that wrote its file; None
    when it wrote none.

    The message is what the command line said, which names each file it could not read and
    why; the title, what the report lacks, comes from the outcome it printed as data
    (:class:`~annotations.export_result.ExportOutcome`), not from its wording.
    """
    from annotations.export_result import ExportOutcome

    outcome = ExportOutcome.from_json(done.stdout)
    if outcome is None:
        return None
    message = " ".join(line.removeprefix("synoptic: ") for line in done.stderr.strip().splitlines())
    if done.returncode == 0:
        return message, "Exported", "information"
    # exit 1 after writing: a notes file, a document or a folder could not be read
    return message, left_out_title(outcome.left_out), "warning"


def left_out_title(left_out: LeftOutOfExport) -> str:
    """The title of an export written without something.

    A notes file that could not be read leaves its notes out. A document that could not be read
    leaves none out: its notes are in the report, "not placed" (its text is not there to place
    them in), so "without some notes" would send the user looking for notes that are there.
    """
    unread = [_count(len(left_out.documents), "document")] if left_out.documents else []
    unread += [_count(len(left_out.folders), "folder")] if left_out.folders else []
    title = "Exported without some notes" if left_out.notes_files else "Exported"
    if unread:
        return f"{title}; {' and '.join(unread)} could not be read"
    return title if left_out.notes_files else "Exported, but something was left out"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _offer_ways_on(app: SynopticApp, chosen: ExportChoice, why: str) -> None:
    from tui.screens.export import KeptFileScreen, reader_wording

    def answer(way_on: str | None) -> None:
        if way_on == "overwrite":
            export_notes(app, chosen, force=True)
        elif way_on == "another":
            open_export(app, chosen)

    app.push_screen(KeptFileScreen(chosen.path, reader_wording(why)), answer)
