"""Marking the cursor's sentence as a claim or not (``C``): the reader's override of claim
detection, stored as a note with a claim mark so it is shared, merged and exported as notes are.

Apart from :mod:`tui.note_actions` because it answers to detection, not to the note editor: no
text is written, the mark cycles in place, and detection defers to it
(:mod:`corpus.claims` reads the marks back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.labels import ClaimMark
from annotations.model import Annotation
from annotations.target import Target
from tui.note_places import notes_ready

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.store import AnnotationStore
    from tui.app import SynopticApp


def mark_claim(app: SynopticApp) -> None:
    """Cycle the cursor sentence's mark: claim, then not a claim, then no mark."""
    view = app.active_pane.view
    if not notes_ready(app) or view.document is None or view.cursor < 0:
        return
    if app.notes.when_saved(lambda: mark_claim(app)):
        return
    sentence = view.document.sentences[view.cursor]
    span = (sentence.start, sentence.end)
    mine = [
        p
        for p in app.notes.at(view.document.id, span)
        if p.annotation.claim is not None and app.notes.is_own(p.annotation)
    ]
    change: Callable[[AnnotationStore], Annotation]
    if not mine:
        target = Target.from_span(view.document.id, view.document.text, *span)
        note = Annotation.create(app.notes.author, target, claim=ClaimMark.CLAIM)
        change = lambda store: store.add(note)  # noqa: E731
        said = "marked as a claim"
    else:
        current = mine[-1].annotation
        if current.claim is ClaimMark.CLAIM:
            changed = current.edited(claim=ClaimMark.NOT_CLAIM)
            change = lambda store: store.update(changed)  # noqa: E731
            said = "marked as not a claim"
        elif current.note or current.tags or current.links or current.verdict:
            unmarked = current.edited(claim=None)
            change = lambda store: store.update(unmarked)  # noqa: E731
            said = "left to detection again"
        else:
            change = lambda store: store.delete(current.id)  # noqa: E731
            said = "left to detection again"
    app.notes.save(change, "Marking a sentence")
    app.notify(f"Sentence {view.cursor + 1} {said}.")
