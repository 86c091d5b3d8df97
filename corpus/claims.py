"""Finding what each sentence asserts: claim (of a kind, hedged or not, sourced or not), advice,
or neither, with the cues that decided it.

Each cue group of the rules is run once over a document's whole text and its matches are
sorted into sentences, which is what makes detection fast enough for a million words. The
decision for one sentence is then a few comparisons, and every cue behind it is kept so the
reader can show *why* a sentence is lit up.
"""

from __future__ import annotations

import bisect
import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from corpus.cue_patterns import EncodedText
from corpus.inline_markup import is_navigation_sentence, without_link_targets
from corpus.model import BlockKind, Document

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from corpus.claim_rules import ClaimRules, KindRule
    from corpus.cue_patterns import CuePattern


class Role(StrEnum):
    """What a sentence does: asserts something checkable, recommends something, or neither."""

    CLAIM = "claim"
    ADVICE = "advice"
    OTHER = "other"


class Certainty(StrEnum):
    """How firmly a claim is made."""

    HEDGED = "hedged"
    ASSERTIVE = "assertive"


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or pattern that counted in a decision, with where it is in the document."""

    group: str
    """The rules section it comes from: a kind label, "hedge", "advice", "meta", ..."""
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Assessment:
    """The verdict on one sentence."""

    doc_id: str
    sentence: int
    start: int
    end: int
    role: Role
    kind: str | None = None
    """The claim kind (a label from the rules) for claims; None otherwise."""
    certainty: Certainty | None = None
    unsourced: bool = False
    """A claim that appeals to unnamed evidence ("studies suggest") and names no source."""
    cues: tuple[Cue, ...] = ()
    reason: str = ""
    """One line saying what decided, for the "why" view: "heading", "advice without a reason" ..."""
    overridden: bool = False
    """The user marked this sentence; detection was not consulted for the role."""

    @property
    def is_claim(self) -> bool:
        return self.role is Role.CLAIM


@dataclass(frozen=True, slots=True)
class ClaimOverride:
    """A user's mark on a sentence: it is a claim (True) or it is not (False).

    Stored as an annotation once annotations exist; here it is matched to the sentence that
    contains ``start``, so a mark survives re-segmentation that moves a boundary slightly.
    """

    doc_id: str
    start: int
    end: int
    is_claim: bool


_GROUP_NAMES = (
    "hedge",
    "advice",
    "reason",
    "consequence",
    "advice-claim",
    "meta",
    "platitude",
    "rhetoric",
    "assertion",
)
_MAIN_CLAUSE = 80
"""How far into a sentence its main clause's verb may start, in characters."""
_CLAUSE_BREAK = re.compile(r"[,;:\N{EM DASH}\N{EN DASH}]")
_TERMINAL = (".", "!", "?", ":", ";", "\N{HORIZONTAL ELLIPSIS}")


def _cue_groups(rules: ClaimRules) -> list[tuple[str, CuePattern]]:
    """Every cue group that is run over a whole document, by the name its cues are filed under."""
    groups: list[tuple[str, CuePattern]] = [(kind.label, kind.pattern) for kind in rules.kinds]
    groups += zip(
        _GROUP_NAMES,
        (
            rules.hedges,
            rules.advice,
            rules.reasons,
            rules.consequences,
            rules.advice_claims,
            rules.meta,
            rules.platitudes,
            rules.rhetoric,
            rules.assertion,
        ),
        strict=True,
    )
    return groups


def _collect(document: Document, rules: ClaimRules, prose: str) -> list[dict[str, list[Cue]]]:
    """Run every cue group over the whole text and file each match under its sentence.

    ``prose`` is the text without its links' destinations (:func:`without_link_targets`):
    the words of a URL are no cue. The text is encoded for RE2 once, not once per group.
    """
    encoded = EncodedText(prose)
    starts = [s.start for s in document.sentences]
    ends = [s.end for s in document.sentences]
    found: list[dict[str, list[Cue]]] = [{} for _ in document.sentences]
    for name, pattern in _cue_groups(rules):
        for index, cues in _sentence_cues(name, pattern, encoded, starts, ends).items():
            if name in found[index]:  # two kinds may share a label
                found[index][name] += cues
            else:
                found[index][name] = cues
    return found


def _sentence_cues(
    name: str, pattern: CuePattern, encoded: EncodedText, starts: list[int], ends: list[int]
) -> dict[int, list[Cue]]:
    """The matches of ``pattern`` inside each sentence, as cues of group ``name``, by sentence.

    The pattern runs over the whole text at once. A match that runs past the end of its
    sentence would hide what the next sentence says, so every sentence it touches is searched
    again on its own (a slice of the text, which keeps the cost linear).
    """
    text = encoded.text
    found: dict[int, list[Cue]] = {}
    rescan: set[int] = set()
    for start, end in pattern.spans(encoded):
        index = bisect.bisect_right(starts, start) - 1
        if index < 0:
            continue
        if end <= ends[index]:
            cue = Cue(name, text[start:end], start, end)
            cues = found.get(index)
            if cues is None:
                found[index] = [cue]
            else:
                cues.append(cue)
        else:
            rescan.update(range(index, bisect.bisect_left(starts, end)))
    for index in rescan:
        start = starts[index]
        found[index] = [
            Cue(name, text[start + s : start + e], start + s, start + e)
            for s, e in pattern.spans(text[start : ends[index]])
        ]
    return found


def _assess(
    document: Document,
    index: int,
    groups: dict[str, list[Cue]],
    rules: ClaimRules,
    prose: str,
    navigation: dict[int, bool],
) -> Assessment:
    """The verdict on sentence ``index``, given its cues by group.

    Read in ``prose``, the text without its links' destinations, except for sources: a link
    to a study is one (``https://``, a DOI), even though its words are not the sentence's.
    ``navigation`` keeps which blocks are only links, for the document's next sentences.
    """
    sentence = document.sentences[index]
    text = prose[sentence.start : sentence.end]
    block = document.blocks[sentence.block]

    def verdict(role: Role, **details: Any) -> Assessment:
        return Assessment(document.id, index, sentence.start, sentence.end, role, **details)

    words = len(text.split())

    if block.kind is BlockKind.HEADING:
        return verdict(Role.OTHER, reason="a heading")
    if is_navigation_sentence(document, index, navigation):
        return verdict(Role.OTHER, reason="only links: navigation, not a statement")
    if (
        block.kind is BlockKind.LIST_ITEM
        and not text.rstrip().endswith(_TERMINAL)
        and words <= rules.heading_max_words
    ):
        return verdict(Role.OTHER, reason="a list item that reads as a heading")
    if words < rules.min_words:
        return verdict(Role.OTHER, reason=f"fewer than {rules.min_words} words")
    if text.rstrip().endswith("?"):
        return verdict(Role.OTHER, reason="a question, which asserts nothing")
    imperative = rules.advice_openers.match(text)
    if imperative:
        cue = Cue("advice", imperative.group(), sentence.start, sentence.start + imperative.end())
        return verdict(Role.ADVICE, cues=(cue,), reason="an instruction to the reader")
    opener = rules.openers.match(text)
    if opener:
        cue = Cue("meta", opener.group(), sentence.start, sentence.start + opener.end())
        return verdict(Role.OTHER, cues=(cue,), reason="framing, not a claim")
    if groups.get("meta"):
        return verdict(
            Role.OTHER,
            cues=tuple(groups["meta"]),
            reason="text about the article itself",
        )
    # A platitude counts only as the sentence's main clause: near its start, no comma before it
    # ("It can improve sleep, all of which are key aspects of recovery" is still a claim).
    platitudes = [
        cue
        for cue in groups.get("platitude", ())
        if cue.start - sentence.start <= _MAIN_CLAUSE
        and not _CLAUSE_BREAK.search(text, 0, cue.start - sentence.start)
    ]
    if platitudes:
        return verdict(Role.OTHER, cues=tuple(platitudes), reason="a platitude, nothing to check")

    kinds = [(kind, groups.get(kind.label, [])) for kind in rules.kinds]
    kinds = [(kind, found) for kind, found in kinds if found]
    score = sum(kind.weight for kind, _ in kinds)
    score += rules.assertion_weight * len(groups.get("assertion", ()))
    score -= rules.rhetoric_weight * len(groups.get("rhetoric", ()))
    kind_cues = [cue for _, found in kinds for cue in found]

    advice = groups.get("advice", [])
    if advice:
        reasons = groups.get("reason", [])
        grounded = [r for r in reasons if any(c.start >= r.end for c in kind_cues)]
        # "X harms the liver, so ... should ...": the claim comes before the consequence.
        consequences = groups.get("consequence", [])
        grounded += [r for r in consequences if any(c.end <= r.start for c in kind_cues)]
        grounded += groups.get("advice-claim", [])
        if not grounded:
            return verdict(Role.ADVICE, cues=tuple(advice), reason="a recommendation")
        advice = advice + grounded

    if score < rules.claim_score or not kinds:
        shown = tuple(kind_cues + groups.get("rhetoric", []))
        return verdict(
            Role.OTHER,
            cues=shown,
            reason=f"claim score {score:.1f} below {rules.claim_score:.1f}",
        )

    best = max(kinds, key=lambda item: _kind_strength(item[0], item[1]))[0]
    hedges = groups.get("hedge", [])
    appeals = [
        Cue("unsourced", text[s:e], sentence.start + s, sentence.start + e)
        for s, e in rules.appeals.spans(text)
    ]
    written = document.text[sentence.start : sentence.end]
    sources = [
        Cue("source", written[s:e], sentence.start + s, sentence.start + e)
        for s, e in rules.sources.spans(written)
    ]
    unsourced = bool(appeals) and not sources
    all_cues = kind_cues + hedges + appeals + sources + groups.get("assertion", []) + advice
    return verdict(
        Role.CLAIM,
        kind=best.label,
        certainty=Certainty.HEDGED if hedges else Certainty.ASSERTIVE,
        unsourced=unsourced,
        cues=tuple(sorted(all_cues, key=lambda c: c.start)),
        reason=f"claim score {score:.1f}",
    )


def _kind_strength(kind: KindRule, cues: list[Cue]) -> float:
    """How much a sentence is about ``kind``: its cues, strong ones counted three times."""
    return kind.weight * sum(3 if kind.strong.fullmatches(cue.text) else 1 for cue in cues)


def _apply_override(assessment: Assessment, is_claim: bool, rules: ClaimRules) -> Assessment:
    """The user's mark wins over detection; the cues stay for the "why" view."""
    reason = "marked a claim by you" if is_claim else "marked not a claim by you"
    if is_claim == assessment.is_claim:
        return replace(assessment, overridden=True, reason=reason)
    if not is_claim:
        return replace(
            assessment,
            role=Role.OTHER,
            kind=None,
            certainty=None,
            unsourced=False,
            overridden=True,
            reason=reason,
        )
    labels = {kind.label for kind in rules.kinds}
    kinds = [cue.group for cue in assessment.cues if cue.group in labels]
    hedged = any(cue.group == "hedge" for cue in assessment.cues)
    return replace(
        assessment,
        role=Role.CLAIM,
        kind=kinds[0] if kinds else rules.kinds[-1].label,
        certainty=Certainty.HEDGED if hedged else Certainty.ASSERTIVE,
        overridden=True,
        reason=reason,
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while a document's cues are gathered and judged.

    Detection makes a few hundred thousand small objects per 5 MB (cues, the lists filing them,
    assessments), and most live until the assessments are returned. Each time that many
    survive, the collector walks every object of the process (every loaded document, the
    reader's widgets) and finds no garbage: none of these objects refer back to each other.
    That was a third of detection's time on a long article. Reference counting still frees
    everything as usual; the collector resumes, unless something else had turned it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def assess_document(
    document: Document, rules: ClaimRules, overrides: Iterable[ClaimOverride] = ()
) -> list[Assessment]:
    """An assessment for every sentence of ``document``, in order."""
    return with_overrides(document, detect(document, rules), overrides, rules)


def detect(document: Document, rules: ClaimRules) -> list[Assessment]:
    """Detection's own verdict on every sentence of ``document``, before the user's marks:
    what the claim cache keeps, since it depends on nothing but the text and the rules."""
    prose = without_link_targets(document.text)
    navigation: dict[int, bool] = {}
    with collector_paused():  # the cues filed by sentence are freed before it resumes
        return [
            _assess(document, i, groups, rules, prose, navigation)
            for i, groups in enumerate(_collect(document, rules, prose))
        ]


def with_overrides(
    document: Document,
    assessments: list[Assessment],
    overrides: Iterable[ClaimOverride],
    rules: ClaimRules,
) -> list[Assessment]:
    """``assessments`` (detection's, one per sentence) with the user's marks applied."""
    marks: dict[int, bool] = {}
    for override in overrides:  # later marks win, as the most recent decision should
        if override.doc_id == document.id:
            index = document.sentence_at(override.start)
            if index is not None:
                marks[index] = override.is_claim
    if not marks:
        return assessments
    assessments = list(assessments)  # the caller's list (perhaps the cache's) stays as it was
    for index, is_claim in marks.items():
        assessments[index] = _apply_override(assessments[index], is_claim, rules)
    return assessments


def detect_claims(
    document: Document, rules: ClaimRules, overrides: Iterable[ClaimOverride] = ()
) -> list[Assessment]:
    """Claims and advice of ``document`` (sentences that are neither are left out)."""
    return [a for a in assess_document(document, rules, overrides) if a.role is not Role.OTHER]
