"""What a pane shows of a match result: its candidates and which one is up, and whether a
result answers the sentence under a view's cursor, and what ``>`` says in a pane that has
nothing to step through.

Apart from :mod:`tui.parallel`, which starts the workers and owns the keys, so that a
benchmark or a test can ask whether a result is the current one without the reader's state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.matching import Match, MatchResult
    from tui.widgets.document_pane import DocumentPane
    from tui.widgets.document_view import DocumentView


@dataclass(slots=True)
class PaneMatches:
    """The candidates for one pane's document, and which one it shows."""

    candidates: list[Match]
    chosen: int = 0

    @property
    def current(self) -> Match:
        return self.candidates[self.chosen]

    def label(self) -> str:
        dot = "\N{MIDDLE DOT}"
        return f"match {self.current.shown_score:.2f} {dot} {self.position}"

    def short_label(self) -> str:
        """The label for a narrow pane, where the document's name needs the room (the matches
        panel still says which candidate this is)."""
        return f"{self.current.shown_score:.2f}"

    @property
    def position(self) -> str:
        return f"{self.chosen + 1}/{len(self.candidates)}"


def sentence_under(view: DocumentView) -> tuple[str, int, int] | None:
    """The document and offsets of the sentence under ``view``'s cursor (None: no sentence):
    what a match is asked for, whichever pane the sentence is then in."""
    document = view.document
    if document is None or view.cursor < 0:
        return None
    sentence = document.sentences[view.cursor]
    return document.id, sentence.start, sentence.end


def answers(result: MatchResult, view: DocumentView) -> bool:
    """Whether ``result`` is for the sentence under ``view``'s cursor.

    By its offsets, not its number: a heading is no passage of the index, which numbers such
    a query after the passage before it, and its answer was dropped as late, leaving the
    previous sentence's matches up in follow mode.
    """
    query = result.query
    return sentence_under(view) == (query.doc_id, query.start, query.end)


def why_not_to_match(view: DocumentView) -> str | None:
    """Why the sentence under ``view``'s cursor is not matched, or None when it is: a line of
    links (a table of contents, "Back to top") listed arbitrary "matches" for its anchors."""
    from corpus.passages import NAVIGATION_SAID, is_navigation_span

    document = view.document
    if document is None or not 0 <= view.cursor < len(document.sentences):
        return None
    sentence = document.sentences[view.cursor]
    if is_navigation_span(document, sentence.start, sentence.end):
        return f"This line {NAVIGATION_SAID}."
    return None


def why_nothing_to_cycle(
    pane: DocumentPane, result: MatchResult | None, query_view: DocumentView | None, panes: int
) -> str:
    """What ``>`` in ``pane`` could not do, and what would. Pressed in the pane whose
    sentence was just matched (the natural place after ``m``), the reader said "press m on
    a sentence of another pane", which the user had just done in this one."""
    if result is None or query_view is None:
        return "Nothing is matched yet: press m on a sentence, then > and < in another pane."
    if pane.view is query_view:
        if panes == 1:
            return (
                "This pane holds the sentence being matched: M lists its matches, + opens "
                "a pane to step through them with > and <."
            )
        return (
            "This pane holds the sentence being matched: > and < step through its "
            "matches in another pane (Tab to it)."
        )
    if pane.doc_id == result.query.doc_id:
        return "This pane shows the document being matched: it has no matches of its own."
    return (
        f"{pane.doc_id} has no good match for the sentence being matched "
        "(M lists the documents that do)."
    )
