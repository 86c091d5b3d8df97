"""Parallel passages in the reader: from the sentence under the cursor to the same claim in
every other pane.

The app owns the keys and the messages; this object owns the state they act on (the index,
the last result, each pane's candidates, follow mode) and starts the thread workers that do
the slow parts, so the event loop only ever paints. A result that arrives after the cursor
has moved on is dropped: follow mode asks again for the new sentence anyway; so is the index of
a build overtaken by a newer one (its texts are no longer shown). The synopsis's groups, built
from the index, are :mod:`tui.synopsis_building`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from tui.messages import LoadingProgress, MatchesFound, PassagesIndexed, PassagesNotIndexed
from tui.pane_matches import PaneMatches, answers, sentence_under, why_nothing_to_cycle
from tui.panes import MAX_PANES
from tui.synopsis_building import SynopsisBuilding, open_synopsis_screen
from tui.widgets.matches_panel import MatchesPanel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from corpus.claims import Assessment
    from corpus.matching import Match, MatchResult, PassageIndex
    from tui.app import SynopticApp
    from tui.widgets.cursor_moves import CursorMoves
    from tui.widgets.document_pane import DocumentPane
    from tui.widgets.document_view import DocumentView

PER_DOCUMENT = 5
"""Candidates kept per document: the best one is shown, the rest are a key press away."""


class ParallelReading(SynopsisBuilding):
    """Matching state of one reader (and the synopsis's groups, built from its index)."""

    def __init__(self, app: SynopticApp) -> None:
        self.app = app
        self.index: PassageIndex | None = None
        self.result: MatchResult | None = None
        self.spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
        self.query_view: DocumentView | None = None
        self.by_pane: dict[int, PaneMatches] = {}
        """Per pane (by ``id()``), the candidates it cycles through."""
        self.follow = False
        self.pending: DocumentView | None = None
        """A view whose sentence was asked about before the index was ready."""
        self.pending_sentence: tuple[str, int, int] | None = None
        """That sentence (document and offsets): answered once the index is ready only if it
        is still under the view's cursor. Answered for the view alone, another document
        opened meanwhile in its pane had its first sentence matched and called the query."""
        self.unavailable: str | None = None
        """Why the last build of the index failed, until it is built again: matching and the
        synopsis say so instead of waiting for an index that is not coming."""
        self.indexed_at: float | None = None
        self.build = 0
        """The number of the last index build asked for. Builds are exclusive, but a thread
        cannot be stopped: an older build still running posts its index of older texts,
        which must not replace the newer one, whichever comes first."""
        self.running: int | None = None
        """The number of the build whose thread is running (None: none is), until it posts."""
        self.waiting = False
        """A build was asked for while another one ran: it starts when that one posts (two
        builds at once would share two CPUs for an index of which only one is kept)."""
        self.asked = False
        """The pending match was asked for with ``m`` (or a double click), not by follow mode:
        its answer must show somewhere, or say why it does not."""

    # -- the index ----------------------------------------------------------------------------

    def build_index(self) -> None:
        """Index every loaded document's sentences in a worker (cached between runs).

        A build that fails (memory run out, a bug) is reported and leaves no index, rather
        than an index of texts no longer shown; the next change on disk, ``m`` or ``s``
        builds it again (see :meth:`not_indexed`). Asked for while a build runs (the watch
        read a file that was settling meanwhile), it starts once that one is done, taking the
        texts shown then; that one's index, of older texts, is dropped."""
        self.unavailable = None
        self.build += 1
        if self.running is not None:
            self.waiting = True
            return
        self._start(self.build)

    def _start(self, number: int) -> None:
        """Build index ``number`` of the texts shown now, in a worker."""
        app = self.app
        self.running = number
        documents = app.loaded_documents()
        kinds = {
            doc_id: [a.kind for a in assessments]
            for doc_id, assessments in app.claims.by_document.items()
        }
        root = app.workspace.root

        def build() -> None:
            from corpus.passage_cache import open_index  # numpy loads here, not at start-up

            def progress(stage: str, done: int, total: int) -> None:
                # the passages are counted per document; the word pieces in steps of no name
                percent = stage != "passages"
                app.post_message(LoadingProgress(f"Indexing {stage}", done, total, percent=percent))

            started = time.perf_counter()
            try:
                index, analysed = open_index(root, documents, kinds, progress)
            except Exception as exc:  # any: the reader must go on without matching
                app.post_message(PassagesNotIndexed(f"{type(exc).__name__}: {exc}", number))
                return
            seconds = time.perf_counter() - started
            app.post_message(PassagesIndexed(index, analysed, seconds, number))

        app.run_worker(
            build, thread=True, exclusive=True, group="passages", description="Indexing passages"
        )

    def latest(self, message: PassagesIndexed | PassagesNotIndexed) -> bool:
        """Whether ``message`` is about the last build asked for (else it is dropped, and a
        build waiting for it starts)."""
        if message.build == self.running:
            self.running = None
            if self.waiting:
                self.waiting = False
                self._start(self.build)
        return message.build == self.build

    def indexed(self, message: PassagesIndexed) -> None:
        """Keep the index; answer a question asked while it was being built, and group the
        claims again for a synopsis open or asked for."""
        self.index = message.index
        self.forget_synopsis()
        self.indexed_at = time.perf_counter()
        for doc_id, assessments in self.app.claims.by_document.items():
            self.kinds_changed(doc_id, assessments, group=False)  # marks made meanwhile
        pending, self.pending = self.pending, None
        if pending is not None and pending.is_attached:
            if sentence_under(pending) == self.pending_sentence:
                self.request(pending, asked=self.asked)
            elif self.asked:
                self.asked = False
                self.app.notify(
                    "Passages are indexed. The sentence you asked to match is no longer under "
                    "the cursor: press m to match the one that is."
                )
        self.group_again()

    def not_indexed(self, message: PassagesNotIndexed) -> None:
        """The index could not be built: say why, and what builds it again. The watch goes
        on (it waits only for a build under way), so the documents are still followed."""
        self.unavailable = message.reason
        self.pending = None
        self.asked = False
        screen = open_synopsis_screen(self.app)
        if screen is not None:
            screen.cannot_update(message.reason)
        self.app.tell(
            f"Matching unavailable: the passage index could not be built ({message.reason}). "
            "Documents changed on disk are still shown; the index is built again at the "
            "next change, or now with m or s.",
            "Matching unavailable",
            "error",
        )

    def kinds_changed(
        self, doc_id: str, assessments: Sequence[Assessment], *, group: bool = True
    ) -> None:
        """A document was assessed again (a claim mark, a reload): the index and the synopsis
        follow (an open one is grouped again, unless ``group`` is False)."""
        index = self.index
        if index is not None and index.set_kinds(doc_id, [a.kind for a in assessments]):
            self.forget_synopsis()
            if group:
                self.group_again()

    # -- matching -----------------------------------------------------------------------------

    def request(self, view: DocumentView, *, asked: bool = False) -> bool:
        """Find the matches of the sentence under ``view``'s cursor; False if there is none.

        ``asked``: by the user (``m``), not by follow mode, so the answer must be seen.
        """
        from tui.pane_matches import why_not_to_match

        document = view.document
        if document is None or view.cursor < 0 or why_not_to_match(view) is not None:
            return False  # a line of links is not matched, in follow mode either
        self.asked = asked
        if self.index is None:
            self.pending = view
            self.pending_sentence = sentence_under(view)
            if self.unavailable is not None and asked:
                self.build_index()  # the last build failed: asking is trying again
            return True
        sentence = document.sentences[view.cursor]
        start, end, text = sentence.start, sentence.end, document.text
        index = self.index
        self.query_view = view

        def find() -> None:
            from corpus.match_terms import shared_spans

            result = index.match(document.id, start, end, text[start:end], per_doc=PER_DOCUMENT)
            terms = {t for m in result.matches for t in m.shared}
            query_spans = shared_spans(index.analyzer, text[start:end], start, terms)
            spans = {}
            for m in result.matches:
                passage = m.passage
                other = self.app.workspace.loaded(passage.doc_id)
                if other is not None:
                    piece = other.text[passage.start : passage.end]
                    spans[(passage.doc_id, passage.start)] = shared_spans(
                        index.analyzer, piece, passage.start, m.shared
                    )
            self.app.post_message(MatchesFound(result, query_spans, spans))

        self.app.run_worker(
            find, thread=True, exclusive=True, group="match", description="Matching passages"
        )
        return True

    def found(self, message: MatchesFound) -> None:
        """Show each other pane's best match, level with the query sentence."""
        view = self.query_view
        result = message.result
        if view is None or view.document is None or not view.is_attached:
            return
        if not answers(result, view):
            return  # the cursor moved on while this was computed
        self.result = result
        self.spans = message.spans
        self.by_pane.clear()
        view.show_terms(message.query_spans)
        row = view.cursor_row()
        shown_anywhere = False
        for pane in self.app.panes:
            if pane.view is view:
                pane.set_match_label("query")
                continue
            candidates = [m for m in result.matches if m.passage.doc_id == pane.doc_id]
            if pane.doc_id == result.query.doc_id or pane.view.document is None:
                pane.set_match_label("")
                pane.view.clear_passage()
                continue
            shown_anywhere = True
            if not candidates and pane.no_sentences is not None:
                pane.set_match_label("no sentences", short="no sentences")
                pane.view.clear_passage()
            elif not candidates:
                pane.set_match_label("no good match", short="no match")
                if pane.view.passage is not None:  # the cursor is where that match put it
                    pane.view.hide_cursor()
                pane.view.clear_passage()
            else:
                self.by_pane[id(pane)] = PaneMatches(candidates)
                self._show(pane, row)
        asked, self.asked = self.asked, False
        if asked and not shown_anywhere:
            self._say_where_matches_are(result)

    def _say_where_matches_are(self, result: MatchResult) -> None:
        """With no other pane to show them in, ``m`` would seem to do nothing: say what it
        found and how to see it (the matches panel, if open, lists it already)."""
        app = self.app
        if any(panel.has_class("-shown") for panel in app.query(MatchesPanel)):
            return
        if len(app.workspace.document_ids) < 2:
            app.notify("This workspace has only one document: there is nothing to match.")
            return
        if not result.matches:
            app.notify("No other document has a good match for this sentence.")
            return
        documents = len({m.passage.doc_id for m in result.matches})
        found = (
            f"{documents} other documents match" if documents > 1 else "1 other document matches"
        )
        more = "press + to open a pane beside this one, or " if len(app.panes) < MAX_PANES else ""
        app.notify(f"{found} this sentence: {more}press M to list the matches.")

    def _show(self, pane: DocumentPane, row: int | None = None) -> None:
        matches = self.by_pane[id(pane)]
        passage = matches.current.passage
        terms = self.spans.get((passage.doc_id, passage.start), [])
        if row is None and self.query_view is not None:
            row = self.query_view.cursor_row()
        pane.view.show_passage(passage.start, passage.end, terms, row=row)
        pane.set_match_label(matches.label(), short=matches.short_label())

    def cycle(self, pane: DocumentPane, step: int) -> bool:
        """Show the next (or previous) best match in ``pane``; False when it has none."""
        matches = self.by_pane.get(id(pane))
        if matches is None:
            return False
        matches.chosen = (matches.chosen + step) % len(matches.candidates)
        self._show(pane)
        return True

    def show_match(self, match: Match) -> None:
        """Bring one match into view: in a pane showing its document, else in another pane."""
        app = self.app
        doc_id = match.passage.doc_id
        pane = next((p for p in app.panes if p.doc_id == doc_id), None)
        if pane is None:
            others = [p for p in app.panes if p.view is not self.query_view]
            if not others:
                return
            pane = others[-1]
            app.open_document(doc_id, pane)
        candidates = [
            m for m in (self.result.matches if self.result else []) if m.passage.doc_id == doc_id
        ] or [match]
        chosen = next((n for n, m in enumerate(candidates) if m == match), 0)
        self.by_pane[id(pane)] = PaneMatches(candidates, chosen)
        self._show(pane)

    def forget_result(self) -> None:
        """Take the last match off the panes: its passages, shared words and labels."""
        for pane in self.app.panes:
            pane.view.clear_passage()
            pane.set_match_label("")
        if self.query_view is not None and self.query_view.is_attached:
            self.query_view.show_terms([])
        self.result = None
        self.spans = {}
        self.by_pane.clear()

    def cursor_moved(self, view: DocumentView) -> None:
        """The focused pane's cursor moved: in follow mode, match the new sentence."""
        result = self.result
        if view is self.query_view and result is not None and not answers(result, view):
            view.show_terms([])
        if self.follow and view.document is not None:
            self.request(view)

    def wheeled(self, view: CursorMoves) -> None:
        """The wheel scrolled ``view``: in follow mode the cursor comes along when it leaves
        the screen, so the other panes keep to what is being read, not to a sentence scrolled
        out of sight. Out of follow mode the cursor stays, to come back to with a key.

        While the cursor stays on screen, the other panes scroll with it, their passages level
        with it: they stayed put, and after a few turns of the wheel the sentence was a dozen
        rows from its match, which the eye had to hunt for. Scrolled together, the panes read
        side by side, as a diff's do. Not jarring: each moves by the rows the wheel moved
        this one, and a passage already on screen is only levelled, never swapped."""
        if not self.follow or view is not self.app.active_pane.view:
            return
        cursor = view.cursor
        view.keep_cursor_on_screen()
        if view.cursor == cursor:  # a cursor that moved is matched again, and levelled then
            self.level_with(self.app.active_pane.view)

    def level_with(self, view: DocumentView) -> None:
        """Put each pane's passage on the row where the sentence it matches now is in
        ``view`` (as far as its document allows)."""
        result, row = self.result, view.cursor_row()
        if view is not self.query_view or result is None or row is None:
            return
        if not answers(result, view):
            return
        for pane in self.app.panes:
            matches = self.by_pane.get(id(pane))
            if matches is not None and pane.view.passage is not None:
                pane.view.level_passage(row)

    # -- the keys -----------------------------------------------------------------------------

    def match_key(self) -> None:
        """``m``: match the focused pane's sentence."""
        from tui.pane_matches import why_not_to_match

        app = self.app
        pane = app.active_pane
        if pane.no_sentences is not None and pane.doc_id is not None:
            # a bell alone leaves the user wondering why a document they can read has no match
            why = f"{pane.doc_id} has no sentences to match: it {pane.no_sentences}."
            app.tell(why, "No match")
        elif (navigation := why_not_to_match(pane.view)) is not None:
            app.notify(navigation, title="No match")
        elif not self.request(pane.view, asked=True):
            app.bell()
        elif self.index is None:
            app.notify("Still indexing passages: the matches will show when it is done.")

    def cycle_key(self, step: int) -> None:
        """``>`` / ``<``: the next or previous candidate in the focused pane."""
        pane = self.app.active_pane
        if not self.cycle(pane, step):
            self.app.notify(
                why_nothing_to_cycle(pane, self.result, self.query_view, len(self.app.panes))
            )

    def toggle_follow(self) -> bool:
        """``f``: follow mode on or off; matches the current sentence when turned on."""
        self.follow = not self.follow
        if self.follow:
            self.request(self.app.active_pane.view)
        return self.follow
