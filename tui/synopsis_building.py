"""The claim synopsis's groups: built in a worker from the passage index, and built again
whenever what they were built from changes.

The groups hold passages by their offsets in the texts they were built from. Shown on other
texts (a document changed on disk), those offsets light up the wrong sentences, so every
grouping carries a number, and one that finishes after the texts or the claims changed is
dropped; an open synopsis (or one asked for with ``s``) is grouped again once the rebuilt
index is ready, and the open table takes in the new rows keeping the reader's place
(:mod:`tui.screens.synopsis_renewal`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from tui.messages import LoadingProgress, SynopsisReady
from tui.synopsis_steps import RowOrder, lay_out_row

if TYPE_CHECKING:
    from collections.abc import Iterable

    from corpus.matching import PassageIndex
    from corpus.synopsis import ClaimGroup
    from tui.app import SynopticApp
    from tui.screens.synopsis import SynopsisScreen
    from tui.screens.synopsis_place import SynopsisPlace


def open_synopsis_screen(app: SynopticApp) -> SynopsisScreen | None:
    """The synopsis, if it is open: on top, or under a dialog (help) opened over it."""
    if "tui.screens.synopsis" not in sys.modules:
        return None  # never opened: not worth importing it to find out
    from tui.screens.synopsis import SynopsisScreen

    return next((s for s in app.screen_stack if isinstance(s, SynopsisScreen)), None)


class SynopsisBuilding:
    """The synopsis part of :class:`~tui.parallel.ParallelReading`."""

    if TYPE_CHECKING:  # set up by ParallelReading
        app: SynopticApp
        index: PassageIndex | None
        unavailable: str | None

        def build_index(self) -> None: ...

    synopsis: list[ClaimGroup] | None = None
    """The groups of the texts and claims shown now, once built: ``s`` shows them at once."""
    synopsis_build = 0
    """The number of the last grouping started, or of the texts and claims it is of."""
    synopsis_asked = False
    """``s`` was pressed and its table has not been shown yet."""
    synopsis_place: SynopsisPlace | None = None
    """Where the last table was left (filter, order, cursor): the next one opens there."""
    row_order: RowOrder | None = None
    """The groups as the steps (:mod:`tui.synopsis_steps`) filter and order them: made once
    per grouping, not at every step."""
    step_asked = 0
    """A step to the next (1) or previous (-1) row, asked for while the groups were being made
    again: it is taken once they are ready."""

    def synopsis_key(self) -> None:
        """``s``: the claim table, once the index is ready."""
        if self.index is None and self.unavailable is not None:
            self.build_index()  # the last build failed: asking is trying again
            self.app.notify("Indexing passages again: press s once it is done.")
        elif self.build_synopsis():
            self.synopsis_asked = True
        else:
            self.app.notify("Still indexing passages: the synopsis needs the index.")

    def step_key(self, step: int) -> None:
        """``)`` or ``(``: lay out the row after or before the one the table was left on (see
        :mod:`tui.synopsis_steps`), once the groups of the texts shown now are ready."""
        if self.synopsis_place is None:
            self.app.notify(
                "No synopsis row to go on from yet: s opens the claim synopsis, and Enter there "
                "lays a row out.",
                title="Synopsis",
            )
        elif self.synopsis is not None:
            self.app.call_later(lay_out_row, self.app, step)
        elif self.index is None and self.unavailable is not None:
            self.build_index()  # the last build failed: asking is trying again
            self.app.notify("Indexing passages again: press the key again once it is done.")
        elif self.build_synopsis():
            self.step_asked = step  # the texts or claims changed: taken when regrouped
        else:
            self.app.notify("Still indexing passages: the synopsis needs the index.")

    def forget_synopsis(self) -> None:
        """The texts or the claims changed: the groups are of the old ones, and so is any
        grouping under way."""
        self.synopsis = None
        self.row_order = None
        self.synopsis_build += 1

    def group_again(self) -> None:
        """The groups were forgotten: build them again if they are on screen, or asked for."""
        asked = self.synopsis_asked or self.step_asked
        if self.synopsis is None and (asked or open_synopsis_screen(self.app)):
            self.build_synopsis()

    def documents_changed(self, doc_ids: Iterable[str]) -> None:
        """Documents changed on disk: the groups are forgotten, and an open table says it is
        being updated (and refuses Enter until it is: its offsets are of the old texts)."""
        self.forget_synopsis()
        screen = open_synopsis_screen(self.app)
        if screen is not None:
            screen.outdated(doc_ids)

    def synopsis_ready(self, message: SynopsisReady) -> list[ClaimGroup] | None:
        """Keep the groups, unless the texts or the claims changed while they were built."""
        if message.build != self.synopsis_build:
            return None
        self.synopsis = message.groups
        if self.step_asked:
            self.app.call_later(lay_out_row, self.app, self.step_asked)
            self.step_asked = 0
        return message.groups

    def build_synopsis(self) -> bool:
        """Group the workspace's claims in a worker (cached between runs, as the CLI caches
        them); False while the index is not ready."""
        index = self.index
        if index is None:
            return False
        if self.synopsis is not None:
            self.app.post_message(SynopsisReady(self.synopsis, self.synopsis_build))
            return True
        documents = self.app.loaded_documents()
        root = self.app.workspace.root
        app = self.app
        build = self.synopsis_build

        def group() -> None:
            from textual.worker import get_current_worker

            from corpus.claim_rules import load_rules
            from corpus.synopsis_cache import cached_synopsis

            worker = get_current_worker()

            def progress(done: int, total: int) -> None:
                app.post_message(LoadingProgress("Grouping claims", done, total))

            # the loader said what is wrong with the rules file, if anything, when it read it
            rules, _ = load_rules(root)
            groups = cached_synopsis(
                root,
                documents,
                index,
                rules.digest,
                cancelled=lambda: worker.is_cancelled,
                progress=progress,
            )
            if not worker.is_cancelled:
                app.post_message(SynopsisReady(groups, build))

        app.run_worker(
            group, thread=True, exclusive=True, group="synopsis", description="Grouping claims"
        )
        return True
