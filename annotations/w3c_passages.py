"""Placing an imported annotation on a passage of the current text, or refusing to.

Another tool's annotation names its document by any IRI and its passage by selectors taken
from a text that may since have changed. The rule is the one anchoring follows: better no
annotation than one attached to a lookalike passage.

* The passage comes from the first target that is a ``SpecificResource`` (or any object with
  a ``source``) naming a workspace document: our ``urn:synoptic:doc:`` IRI, or any IRI whose
  path ends with a document id or, failing that, has the file name of exactly one document.
  Synoptic's own targets (with ``synoptic:sha256``) are taken verbatim. Otherwise the
  ``TextQuoteSelector``'s ``exact`` text is looked up in the current text: a single occurrence,
  or the one its ``prefix``/``suffix`` (or a ``TextPositionSelector``) singles out; a quote
  that is not there verbatim is anchored like any stored note (:mod:`annotations.anchoring`).
  A quote found in several places with nothing to choose between them is refused rather than
  attached to a lookalike. A ``TextPositionSelector`` alone is used as it is. Selectors inside
  ``refinedBy`` count for their quote only, since their positions are relative to the refined
  selection. When no selector can be used, the refusal says what was wrong with each (a
  ``TextQuoteSelector`` without ``exact``, a kind of selector Synoptic cannot place...).
* A web page annotated in another tool (Hypothesis names a target by the page's address) is
  a document of the workspace only when the person importing says which one (``sources``):
  it is never guessed from where its quotes occur, since articles that copy one another share
  sentences word for word.
* A target that names no resource (a number, selectors without a ``source``) or groups several
  (``Composite``, ``List``, ``Independents``, ``Choice``) is refused saying so
  (:func:`unnamed_target`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from annotations.anchoring import anchor
from annotations.target import CONTEXT_CHARS, Target
from annotations.w3c_read import _as_list, _iri_of, _types
from annotations.w3c_vocab import doc_id_from_iri

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

MAX_OCCURRENCES = 10_000
"""Occurrences of an imported quote looked at before giving up on telling them apart."""


class _Refused(Exception):
    """This annotation cannot be imported; the message says why."""


def source_key(iri: str) -> str:
    """An address as compared with one the user gave: without its fragment or a final ``/``,
    which a browser's address bar and the annotating tool may write differently."""
    return iri.split("#", 1)[0].rstrip("/")


class Documents:
    """The workspace's documents as an import sees them: ids, and text read on demand."""

    def __init__(
        self,
        doc_ids: Iterable[str],
        text_of: Callable[[str], str | None],
        sources: Mapping[str, str] | None = None,
    ) -> None:
        """``sources``: the document each of these addresses is (``import --source URL=ID``)."""
        self.ids = list(doc_ids)
        self._id_set = set(self.ids)
        self._sources = {source_key(iri): doc for iri, doc in (sources or {}).items()}
        self._text_of = text_of
        self._texts: dict[str, str | None] = {}
        by_name: dict[str, list[str]] = {}
        for doc_id in self.ids:
            by_name.setdefault(PurePosixPath(doc_id).name, []).append(doc_id)
        self._by_name = by_name

    def text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = self._text_of(doc_id)
        text = self._texts[doc_id]
        if text is None:
            raise _Refused(f"the document {doc_id} cannot be read")
        return text

    def resolve(self, iri: str) -> str | None:
        """The document an IRI names: ours, a path ending in a document id, or a unique name."""
        given = self._sources.get(source_key(iri))
        if given is not None:
            return given
        own = doc_id_from_iri(iri)
        if own is not None:
            return own if own in self._id_set else None
        if iri in self._id_set:
            return iri
        try:
            path = unquote(urlsplit(iri).path)
        except ValueError:
            return None
        path = path.replace("\\", "/")
        found = [d for d in self.ids if path == d or path.endswith("/" + d)]
        if found:
            return max(found, key=len)
        named = self._by_name.get(PurePosixPath(path).name, [])
        return named[0] if len(named) == 1 else None


@dataclass(frozen=True, slots=True)
class _Selection:
    exact: str | None = None
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    sha256: str | None = None
    problems: tuple[str, ...] = ()
    """What was wrong with each selector that gave nothing, to say why none could be used."""


_PLACEABLE = "TextQuoteSelector and TextPositionSelector"


def _selector_problem(selector: Any, refined: bool) -> str | None:
    """Why this selector gave no quote and no position (None when that is not a fault: a
    refined position, or a selector whose refinement may give one)."""
    if not isinstance(selector, dict):
        return "a selector is not a JSON object"
    kinds = _types(selector)
    if not kinds:
        return "a selector has no 'type'"
    if "TextQuoteSelector" in kinds:
        exact = selector.get("exact")
        if exact is None:
            return "the TextQuoteSelector has no 'exact' text"
        return f"the TextQuoteSelector's 'exact' is {'empty' if exact == '' else 'not text'}"
    if "TextPositionSelector" in kinds:
        if refined:
            return None
        return "the TextPositionSelector needs whole numbers 'start' and 'end', start before end"
    if selector.get("refinedBy") is not None:
        return None
    shown = ", ".join(_shorten(kind, 40) for kind in sorted(kinds))
    return f"{shown} is not a selector Synoptic can place (it reads {_PLACEABLE})"


def _int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _read_selectors(resource: Mapping[str, Any]) -> _Selection:
    exact: str | None = None
    prefix = suffix = ""
    start = end = None
    problems: list[str] = []

    def visit(selector: Any, refined: bool) -> None:
        nonlocal exact, prefix, suffix, start, end
        found = exact, start
        kinds = _types(selector) if isinstance(selector, dict) else set()
        if "TextQuoteSelector" in kinds and exact is None:
            value = selector.get("exact")
            if isinstance(value, str) and value:
                exact = value
                before, after = selector.get("prefix", ""), selector.get("suffix", "")
                prefix = before if isinstance(before, str) else ""
                suffix = after if isinstance(after, str) else ""
        if "TextPositionSelector" in kinds and start is None and not refined:
            first, last = _int(selector.get("start")), _int(selector.get("end"))
            if first is not None and last is not None and first < last:
                start, end = first, last
        if (exact, start) == found and (problem := _selector_problem(selector, refined)):
            problems.append(problem)
        for inner in _as_list(selector.get("refinedBy") if isinstance(selector, dict) else None):
            visit(inner, True)

    for selector in _as_list(resource.get("selector")):
        visit(selector, False)
    sha = resource.get("synoptic:sha256")
    sha256 = sha if isinstance(sha, str) else None
    return _Selection(exact, prefix, suffix, start, end, sha256, tuple(dict.fromkeys(problems)))


def _context_score(text: str, at: int, selection: _Selection, length: int) -> int:
    """How many characters of the stored prefix and suffix agree with the text around ``at``."""
    score = 0
    before = text[max(0, at - len(selection.prefix)) : at]
    for a, b in zip(reversed(before), reversed(selection.prefix), strict=False):
        if a != b:
            break
        score += 1
    after = text[at + length : at + length + len(selection.suffix)]
    for a, b in zip(after, selection.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _find_quote(text: str, doc_id: str, selection: _Selection) -> tuple[int, int]:
    exact = selection.exact
    assert exact is not None
    length = len(exact)
    if selection.start is not None and text.startswith(exact, selection.start):
        return selection.start, selection.start + length
    starts: list[int] = []
    position = text.find(exact)
    while position >= 0 and len(starts) < MAX_OCCURRENCES:
        starts.append(position)
        position = text.find(exact, position + 1)
    if len(starts) == 1:
        return starts[0], starts[0] + length
    if starts:
        scored = sorted(
            ((_context_score(text, s, selection, length), s) for s in starts), reverse=True
        )
        if scored[0][0] > scored[1][0]:
            return scored[0][1], scored[0][1] + length
        if selection.start is not None:
            hint = selection.start
            best = [s for score, s in scored if score == scored[0][0]]
            nearest = min(best, key=lambda s: (abs(s - hint), s))
            return nearest, nearest + length
        raise _Refused(
            f"the quote occurs {len(starts)} times in {doc_id} and its context does not say "
            "which one is meant"
        )
    hint = selection.start or 0
    provisional = Target(
        doc=doc_id,
        quote=exact,
        prefix=selection.prefix[-CONTEXT_CHARS:],
        suffix=selection.suffix[:CONTEXT_CHARS],
        start=hint,
        end=hint + length,
        sha256="",
    )
    found = anchor(provisional, text)
    if found.start is None or found.end is None:
        raise _Refused(f"the quote {_shorten(exact)!r} is not in {doc_id}")
    return found.start, found.end


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _passage(resource: Mapping[str, Any], documents: Documents) -> Target | None:
    """The passage a target or body resource selects, None if it names no workspace document.

    Raises:
        _Refused: it names a document but no usable passage of it.
    """
    source = _iri_of(resource.get("source"))
    if source is None:
        return None
    doc_id = documents.resolve(source)
    if doc_id is None:
        return None
    selection = _read_selectors(resource)
    if selection.sha256 is not None and selection.exact is not None and selection.start is not None:
        try:  # our own export: the target exactly as it was stored
            return Target.from_record(
                {
                    "doc": doc_id,
                    "quote": selection.exact,
                    "prefix": selection.prefix,
                    "suffix": selection.suffix,
                    "start": selection.start,
                    "end": selection.end,
                    "sha256": selection.sha256,
                }
            )
        except ValueError:
            pass
    text = documents.text(doc_id)
    if selection.exact is not None:
        start, end = _find_quote(text, doc_id, selection)
    elif selection.start is not None and selection.end is not None:
        start, end = selection.start, selection.end
        if end > len(text):
            raise _Refused(f"characters {start}-{end} are past the end of {doc_id}")
    elif selection.problems:
        why = "; ".join(selection.problems[:3])
        raise _Refused(f"its target on {doc_id} has no usable selector: {why}")
    else:
        raise _Refused(
            f"its target on {doc_id} has no selector (Synoptic needs a TextQuoteSelector or a "
            "TextPositionSelector)"
        )
    return Target.from_span(doc_id, text, start, end)


_GROUPS = ("Composite", "List", "Independents", "Choice")
"""The W3C's kinds of target made of several resources (section 3.2.7)."""


def unnamed_target(target: Any) -> str | None:
    """Why ``target`` names no resource to look for, or None when it names one.

    A skip must say what is wrong: "its target is not a document of this workspace" about a
    number, a selector without a source or a set of four images told the reader nothing.
    """
    if isinstance(target, dict):
        kinds = [kind for kind in _GROUPS if kind in _types(target)]
        if kinds:
            items = _as_list(target.get("items"))
            named_items = (_iri_of(item) or _iri_of(_source(item)) for item in items)
            first = next((iri for iri in named_items if iri is not None), None)
            named = f"; the first is {_shorten(first, 120)}" if first is not None else ""
            count = "1 resource" if len(items) == 1 else f"{len(items)} resources"
            return (
                f"its target groups {count} ({kinds[0]}{named}); a Synoptic note is on one "
                "passage of one document"
            )
        if _iri_of(target.get("source")) is None and _iri_of(target) is None:
            return "its target has no 'source' (the document its selectors are on)"
        return None
    if isinstance(target, str):
        return None if target else "its target is an empty address"
    # only a number, true, false or null is left (a list was flattened into targets)
    return f"its target {json.dumps(target)[:60]} is neither an address nor a resource"


def _source(item: Any) -> Any:
    return item.get("source") if isinstance(item, dict) else None
