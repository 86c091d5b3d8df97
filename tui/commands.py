"""The command palette's Synoptic entries: every reader action and every document, and on the
synopsis screen every action of its table.

Titles come from documents, so they are shown as literal :class:`Content`; Textual's
``Matcher.highlight`` would parse a title such as ``[bold]`` as markup.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from corpus.text import inert, one_line
from tui import side_panels
from tui.claim_marks import ADVICE
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from textual.widget import Widget

    from tui.app import SynopticApp


class Palette(CommandPalette):
    """Textual's palette with a footer of its own keys: under it, the reader's footer offered
    keys that type into the palette instead."""

    def compose(self) -> Iterable[Widget]:
        yield from super().compose()
        yield KeyFooter()

    @classmethod
    def open(cls, app: SynopticApp) -> None:
        """Open the palette over ``app``'s screen, as Textual's own action does."""
        if app.use_command_palette and not CommandPalette.is_open(app):  # type: ignore[arg-type]
            app.push_screen(cls(id="--command-palette"))


PALETTE_ACTIONS: list[tuple[str, str, str]] = [
    (
        "Search",
        "Find text in the focused pane's document, or in all as the last search did (/)",
        "search",
    ),
    ("Search all documents", "Find text across the whole workspace", "search(True)"),
    ("Outline", "Jump to a heading of the focused document (o)", "outline"),
    ("Choose document", "Pick the focused pane's document from a list (d)", "documents"),
    (
        "Next document",
        "Show the next document in the focused pane (])",
        "cycle_document(1)",
    ),
    (
        "Previous document",
        "Show the previous document in the focused pane ([)",
        "cycle_document(-1)",
    ),
    ("Add pane", "Open one more pane side by side (+)", "add_pane"),
    ("Remove pane", "Close the focused pane (-)", "remove_pane"),
    (
        "Next sentence",
        "Move the cursor to the next sentence (j, down)",
        "focused.next_sentence",
    ),
    (
        "Previous sentence",
        "Move the cursor to the previous sentence (k, up)",
        "focused.previous_sentence",
    ),
    ("Next paragraph", "Jump to the next paragraph (})", "focused.next_paragraph"),
    (
        "Previous paragraph",
        "Jump to the previous paragraph ({)",
        "focused.previous_paragraph",
    ),
    ("Top of document", "Go to the first sentence (g, Home)", "focused.first_sentence"),
    ("End of document", "Go to the last sentence (G, End)", "focused.last_sentence"),
    ("Help", "Every key, how Synoptic works, what the colours and marks mean (?)", "help"),
    (
        "Match this sentence",
        "Scroll every other pane to where it says the same thing (m, double click)",
        "match",
    ),
    ("Next match", "Show the next-best match in the focused pane (>)", "cycle_match(1)"),
    ("Previous match", "Show the previous match in the focused pane (<)", "cycle_match(-1)"),
    ("Follow mode", "Keep the other panes on the matches as the cursor moves (f)", "toggle_follow"),
    (
        "Matches panel",
        "Every match of the sentence with its score (M)",
        "toggle_matches_panel",
    ),
    ("Claim synopsis", "All the claims in a table, with the documents making each (s)", "synopsis"),
    (
        "Lay out the next synopsis row",
        "The row after the one laid out, as the synopsis's filter and order have them ())",
        "synopsis_row(1)",
    ),
    (
        "Lay out the previous synopsis row",
        "The row before the one laid out, as the synopsis's filter and order have them (()",
        "synopsis_row(-1)",
    ),
    (
        "Copy",
        "The selection, or the cursor's sentence, to the clipboard (y, Ctrl+C)",
        "app.copy_passage",
    ),
    (
        "Copy with citation",
        "As a Markdown quote with its document's title and place, for an article or a chat (Y)",
        "app.copy_passage(True)",
    ),
    ("Add a note", "A note on the selection or the cursor's sentence (a)", "note('annotate')"),
    ("Notes on this passage", "Show or hide the notes under the cursor (p)", "toggle_notes_panel"),
    ("Edit note", "Change your note at the cursor (e)", "note('edit')"),
    ("Reply to note", "Answer the note at the cursor (r)", "note('reply')"),
    ("Delete note", "Delete your note at the cursor, after asking (x)", "note('delete')"),
    ("Undo delete", "Bring back the note you last deleted (Ctrl+Z)", "note('undo_delete')"),
    (
        "Resolve kept versions",
        "Mark as seen the version of your note kept from a conflicting change (K)",
        "note('resolve')",
    ),
    (
        "Mark claim",
        "The cursor's sentence is a claim; again: is not; again: as detected (C)",
        "note('mark_claim')",
    ),
    ("All notes", "Every note of the workspace, with filters (l)", "note('open_notes_list')"),
    (
        "Export notes",
        "A Markdown report or W3C JSON-LD of the notes, to a file (E)",
        "export_notes",
    ),
    (
        "Sharing status",
        "New notes by others since your last visit; unmerged or unshared files (u)",
        "sharing_status",
    ),
    ("Claims panel", "Show or hide the focused document's claims (c)", "toggle_claims_panel"),
    ("Why is this a claim?", "Show the cues behind the cursor sentence's verdict (w)", "why"),
    ("Choose highlighted kinds", "Pick which kinds of claim are coloured (h)", "pick_kinds"),
    ("Next claim", "Move to the next highlighted claim (n)", "focused.next_claim"),
    ("Previous claim", "Move to the previous highlighted claim (N)", "focused.previous_claim"),
]
"""(name, help, action) of every reader action, in the order the palette lists them."""


def literal(text: str) -> Content:
    """Plain, inert content for the palette: never markup, never control characters."""
    return Content(inert(text))


DESCRIBED = 0.1
"""The score of an entry found by its description: below any found by its name."""


def mentions(text: str, query: str) -> bool:
    """Whether every word of ``query`` (three letters or more in all) starts a word of ``text``.

    A newcomer types what they want, "report" or "colours", not the entry's name ("Export
    notes", "Help"); matched by name only, those found nothing. Whole words, not Textual's
    scattered letters, so a long description does not match every query.
    """
    wanted = query.casefold().split()
    if len("".join(wanted)) < 3:
        return False
    words = re.findall(r"\w+", text.casefold())
    return all(any(word.startswith(part) for word in words) for part in wanted)


def toggle_kind(app: SynopticApp, kind: str) -> None:
    """Hide ``kind`` if shown, show it if hidden (the palette's per-kind commands)."""
    side_panels.set_hidden_kinds(app, app.claims.hidden ^ {kind})


class _Commands(Provider):
    """Entries listed as they are (discover) and found by their names (search)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(literal(name), callback, text=name, help=inert(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name) or (DESCRIBED if mentions(help_text, query) else 0)
            if score > 0:
                yield Hit(score, literal(name), callback, text=name, help=inert(help_text))


class ReaderCommands(_Commands):
    """Reader actions and "open document" commands."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: SynopticApp = self.app  # type: ignore[assignment]
        if self.screen is not app.screen_stack[0]:
            return []  # from the synopsis (or notes list), they would act on the hidden panes
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (name, help_text, partial(app.run_action, action))
            for name, help_text, action in PALETTE_ACTIONS
        ]

        def what(kind: str) -> str:
            return kind if kind == ADVICE else f"{kind} claims"

        for kind in app.claims.choosable:
            state = "shown" if kind not in app.claims.hidden else "hidden"
            commands.append(
                (
                    f"Toggle kind: {kind}",
                    f"Mark {what(kind)} or not (now {state})",
                    partial(toggle_kind, app, kind),
                )
            )
        for number, doc_id in enumerate(app.workspace.document_ids, start=1):
            document = app.workspace.loaded(doc_id)
            title = one_line(document.title, 60) if document else "loading"
            commands.append(
                (
                    f"Open {doc_id}",
                    f"{number}: {title} \N{EM DASH} in the focused pane",
                    partial(app.open_document, doc_id),
                )
            )
        return commands


SYNOPSIS_ACTIONS: list[tuple[str, str, str]] = [
    ("Filter rows", "Keep the rows whose passages contain all of some words (/)", "filter"),
    ("Shared claims only", "Only the claims several documents make; again: all (o)", "shared_only"),
    ("Sort by documents", "Most documents first; again for fewest first (s)", "order('documents')"),
    ("Sort by agreement", "The rows whose passages agree best first (a)", "order('agreement')"),
    ("Sort by kind", "The rows grouped by kind of claim (k)", "order('kind')"),
    ("Save as CSV", "The rows shown, as shown, for a spreadsheet (x)", "save_csv"),
    ("Close the synopsis", "Back to the panes (Esc, q)", "dismiss(None)"),
]
"""(name, help, action) of the synopsis screen's actions that need no document."""


class SynopsisCommands(_Commands):
    """The synopsis's actions, most of which its footer has no room for at 80 columns."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from tui.screens.synopsis import SynopsisScreen
        from tui.screens.synopsis_rows import WINDOW

        screen = self.screen
        if not isinstance(screen, SynopsisScreen):
            return []
        run = partial(self.app.run_action, default_namespace=screen)
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (name, help_text, partial(run, action)) for name, help_text, action in SYNOPSIS_ACTIONS
        ]
        for number, doc_id in enumerate(screen.shown_documents[:9], start=1):
            commands.append(
                (
                    f"Reading order of {doc_id}",
                    f"The rows in the order column {number} makes its claims ({number})",
                    partial(run, f"order_by_document({number})"),
                )
            )
        if len(screen.document_ids) > WINDOW:
            commands.append(("More documents", "The next columns (])", partial(run, "page(1)")))
            commands.append(
                ("Earlier documents", "The previous columns ([)", partial(run, "page(-1)"))
            )
        return commands
