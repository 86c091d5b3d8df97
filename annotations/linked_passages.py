"""Where the passage an evidence link cites is now, in words a reader of a report can check.

A passage link stores its target as it was when the link was made: the quote, its context and
its old character offsets. Documents change, so quoting that stored target back ("characters
120–180: ...") would send a reader to a place that may hold something else. The report and
``synoptic notes`` therefore find the target again in the current text, with the same
anchoring as the reader's "follow this link" (:func:`annotations.anchoring.anchor`), and say in
words whether it is where it was, moved, changed or gone. The stored target itself is kept as
it is (the JSON-LD export hands it on unchanged, for other tools to anchor themselves).
``synoptic notes --json`` gives both, the stored target and where it is now
(:func:`passage_json`), so a script reads the same finding a person does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotations.anchoring import Anchor, AnchorState, anchor

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from annotations.target import Target


@dataclass(frozen=True, slots=True)
class LinkedPassage:
    """A linked passage as found in the current text of its document."""

    target: Target
    """As stored with the link."""
    found: Anchor | None
    """How it was found; None when its document is not a readable one of the workspace."""
    now: str | None
    """The passage's current text, when it was found."""

    @property
    def state(self) -> AnchorState | None:
        """How it was found, as people are told: a passage found exactly but elsewhere than
        its stored offsets has moved, whatever stage of anchoring found it."""
        found = self.found
        if found is None:
            return None
        if found.state is AnchorState.ANCHORED and found.start != self.target.start:
            return AnchorState.MOVED
        return found.state


def locate(target: Target, texts: Mapping[str, str]) -> LinkedPassage:
    """``target`` found again in ``texts`` (document id to current text)."""
    text = texts.get(target.doc)
    if text is None:
        return LinkedPassage(target, None, None)
    found = anchor(target, text)
    if found.start is None or found.end is None:
        return LinkedPassage(target, found, None)
    return LinkedPassage(target, found, text[found.start : found.end])


def describe(
    target: Target,
    texts: Mapping[str, str],
    *,
    name: Callable[[str], str],
    quote: Callable[[str], str],
    dash: str = "\u2013",
) -> str:
    """``passage of DOC, ...``: where the passage ``target`` names is now, and whether it moved,
    changed or is gone, quoting what a reader will find there.

    ``name`` and ``quote`` make a document id and a piece of text safe for the output (Markdown
    or a terminal); the curly quotes around a quote are added here.
    """
    passage = locate(target, texts)
    doc = f"passage of {name(target.doc)}"
    was = f"characters {target.start}{dash}{target.end}: \u201c{quote(target.quote)}\u201d"
    found = passage.found
    if found is None:
        return f"{doc}, which is not a readable document of the workspace (was {was})"
    if passage.now is None or found.start is None or found.end is None:
        return f"{doc}, no longer found in it: the text changed since the link was made (was {was})"
    span = f"characters {found.start}{dash}{found.end}"
    if passage.state is AnchorState.FUZZY:
        now = "now " if found.start != target.start else ""
        return (
            f"{doc}, {now}{span}, changed since the link was made: it now reads "
            f"\u201c{quote(passage.now)}\u201d (was {was})"
        )
    if passage.state is AnchorState.MOVED:
        return (
            f"{doc}, now {span} (moved since the link was made, from {target.start}{dash}"
            f"{target.end}): \u201c{quote(passage.now)}\u201d"
        )
    return f"{doc}, {span}: \u201c{quote(passage.now)}\u201d"


def passage_json(target: Target, texts: Mapping[str, str]) -> dict[str, Any]:
    """The ``--json`` keys of a link to ``target``: ``target`` as stored when the link was made
    (``doc``, ``quote``, ``start``, ``end``), and ``now``, where it is in the current text of
    ``texts`` as :func:`describe` words it: ``anchor`` (``anchored``; ``moved``; ``fuzzy``,
    changed; ``orphaned``, no longer found), ``start``, ``end`` and ``text`` (all three None
    when it is not found). ``now`` is None when the document is not one of ``texts`` (not a
    readable document of the workspace), so the passage could not be looked for."""
    passage = locate(target, texts)
    found, state = passage.found, passage.state
    now = None
    if found is not None and state is not None:
        located = passage.now is not None
        now = {
            "anchor": state.value,
            "start": found.start if located else None,
            "end": found.end if located else None,
            "text": passage.now,
        }
    stored = {"doc": target.doc, "quote": target.quote, "start": target.start, "end": target.end}
    return {"target": stored, "now": now}
