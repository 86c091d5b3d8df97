"""The command palette's Synoptic entries: every reader action and every document.

Titles come from documents, so they are shown as literal :class:`Content`; Textual's
``Matcher.highlight`` would parse a title such as ``[bold]`` as markup.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from corpus.text import inert, one_line
from tui.claim_marks import ADVICE

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.app import SynopticApp


PALETTE_ACTIONS: list[tuple[str, str, str]] = [
    ("Search this document", "Find text in the focused pane's document (/)", "search"),
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
    ("Help", "Show keys and how Synoptic works (?)", "help"),
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
    ("Claim synopsis", "Table of the claims each document makes (s)", "synopsis"),
    ("Add a note", "A note on the selection or the cursor's sentence (a)", "annotate"),
    ("Notes on this passage", "Show or hide the notes under the cursor (p)", "toggle_notes_panel"),
    ("All notes", "Every note of the workspace, with filters (l)", "notes_list"),
    ("Export notes", "A Markdown report or W3C JSON-LD of the notes, to a file", "export_notes"),
    (
        "Sharing status",
        "New notes by others since your last visit; unmerged or unshared files (u)",
        "sharing_status",
    ),
    ("Claims panel", "Show or hide the focused document's claims (c)", "toggle_claims_panel"),
    ("Why is this a claim?", "Show the cues behind the cursor sentence's verdict (w)", "why"),
    ("Choose highlighted kinds", "Pick which kinds of claim are highlighted (h)", "pick_kinds"),
    ("Next claim", "Move to the next highlighted claim (n)", "focused.next_claim"),
    ("Previous claim", "Move to the previous highlighted claim (N)", "focused.previous_claim"),
]
"""(name, help, action) of every reader action, in the order the palette lists them."""


def literal(text: str) -> Content:
    """Plain, inert content for the palette: never markup, never control characters."""
    return Content(inert(text))


class ReaderCommands(Provider):
    """Reader actions and "open document" commands."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: SynopticApp = self.app  # type: ignore[assignment]
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
                    partial(app.toggle_kind, kind),
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

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(literal(name), callback, text=name, help=inert(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, literal(name), callback, text=name, help=inert(help_text))
