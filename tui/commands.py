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

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.app import SynopticApp


def literal(text: str) -> Content:
    """Plain, inert content for the palette: never markup, never control characters."""
    return Content(inert(text))


class ReaderCommands(Provider):
    """Reader actions and "open document" commands."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: SynopticApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (name, help_text, partial(app.run_action, action))
            for name, help_text, action in app.palette_actions()
        ]
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
