"""Hand-picked anchoring cases: each edit a reader's document really goes through.

The sample articles paraphrase themselves, so several cases check the rule that matters most:
a note whose passage is gone is orphaned rather than moved onto the paraphrase next door.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from annotations.anchoring import Anchor, AnchorState, anchor, anchor_all, reattach
from annotations.target import Target, text_sha256

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"
DEPRESSION = (SAMPLE / "000_c4c750e82b5b3139.txt").read_text(encoding="utf-8")
TRAUMA = (SAMPLE / "004_7c2eab990f88949c.txt").read_text(encoding="utf-8")


def target_of(text: str, quote: str, occurrence: int = 0) -> Target:
    """The target of the ``occurrence``-th (0-based) copy of ``quote`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Target.from_span("doc.txt", text, start, start + len(quote))


def span(found: Anchor, text: str) -> str:
    assert found.start is not None and found.end is not None, found
    return text[found.start : found.end]


def delete(text: str, passage: str) -> str:
    """``text`` without ``passage`` and the space after it (which must occur once)."""
    assert text.count(passage) == 1
    return (
        text.replace(passage + " ", "", 1) if passage + " " in text else text.replace(passage, "")
    )


# Unchanged --------------------------------------------------------------------------------------


def test_unchanged_text_is_anchored_in_place() -> None:
    target = target_of(DEPRESSION, "Neurotransmitter balance is pivotal in regulating mood")
    for known in (None, text_sha256(DEPRESSION)):
        found = anchor(target, DEPRESSION, known)
        assert found == Anchor(AnchorState.ANCHORED, target.start, target.end, 1.0)
        assert found.attached


def test_edit_elsewhere_keeps_the_quote_anchored() -> None:
    target = target_of(DEPRESSION, "Neurotransmitter balance is pivotal in regulating mood")
    edited = DEPRESSION + "\nA new closing paragraph.\n"
    assert anchor(target, edited).state is AnchorState.ANCHORED


# Insertion before -------------------------------------------------------------------------------


def test_insertion_before_moves_the_quote_exactly() -> None:
    target = target_of(DEPRESSION, "Its active alkaloids, mitragynine and 7-hydroxymitragynine")
    inserted = "A new first paragraph about something else entirely.\n"
    found = anchor(target, inserted + DEPRESSION)
    assert found.state is AnchorState.MOVED
    shift = len(inserted)
    assert (found.start, found.end) == (target.start + shift, target.end + shift)
    assert found.score == 1.0


def test_insertion_right_before_a_short_quote_still_finds_it_by_its_suffix() -> None:
    # "Kratom" occurs dozens of times; only this one is followed by its stored suffix.
    target = target_of(DEPRESSION, "Kratom", 3)
    edited = DEPRESSION[: target.start] + "(a botanical, not a drug) " + DEPRESSION[target.start :]
    found = anchor(target, edited)
    assert found.state is AnchorState.MOVED
    assert found.start == target.start + len("(a botanical, not a drug) ")


# Duplicated text --------------------------------------------------------------------------------


def test_short_quote_found_many_times_chooses_the_copy_with_its_context() -> None:
    target = target_of(DEPRESSION, "Kratom for depression", 2)
    edited = "Preface.\n" + DEPRESSION
    found = anchor(target, edited)
    assert found.state is AnchorState.MOVED
    assert found.start == target.start + len("Preface.\n")


def test_paragraph_copied_elsewhere_stays_with_the_original() -> None:
    lines = DEPRESSION.split("\n")
    quote = "The delicate balance among these neurochemicals"
    home = next(i for i, line in enumerate(lines) if quote in line)
    target = target_of(DEPRESSION, quote)
    later = "\n".join([*lines[: home + 3], lines[home], *lines[home + 3 :]])
    assert anchor(target, later) == Anchor(AnchorState.ANCHORED, target.start, target.end, 1.0)
    earlier = "\n".join([*lines[:1], lines[home], *lines[1:]])
    found = anchor(target, earlier)
    assert found.state is AnchorState.MOVED
    assert found.start == target.start + len(lines[home]) + 1


def test_copy_with_different_neighbours_loses_to_the_original_even_when_nearer() -> None:
    # The quote opens its paragraph, so its prefix (the end of the previous paragraph) tells the
    # original from a copy pasted just above, which sits nearer the old offset.
    quote = "Neurotransmitters are chemical messengers within the brain"
    target = target_of(DEPRESSION, quote)
    lines = DEPRESSION.split("\n")
    home = next(i for i, line in enumerate(lines) if line.startswith(quote))
    edited = "\n".join([*lines[: home - 1], lines[home], *lines[home - 1 :]])
    found = anchor(target, edited)
    assert found.start == target.start + len(lines[home]) + 1
    assert span(found, edited) == quote


# One word changed -------------------------------------------------------------------------------


def test_one_word_changed_inside_a_long_quote_is_fuzzy_at_the_right_place() -> None:
    quote = (
        "Emerging research is examining how kratom might influence these systems to "
        "potentially alleviate depressive symptoms."
    )
    target = target_of(DEPRESSION, quote)
    changed = quote.replace("examining", "investigating")
    edited = DEPRESSION.replace(quote, changed)
    found = anchor(target, edited)
    assert found.state is AnchorState.FUZZY
    assert span(found, edited) == changed
    assert 0.85 < found.score < 1.0


@pytest.mark.parametrize(
    ("old", "new"), [("However,", "Still,"), ("complexities", "subtleties")], ids=["first", "last"]
)
def test_changed_first_or_last_word_stays_inside_the_span(old: str, new: str) -> None:
    quote = (
        "However, understanding Kratom’s role requires careful consideration of its complexities"
    )
    target = target_of(DEPRESSION, quote)
    changed = quote.replace(old, new)
    edited = DEPRESSION.replace(quote, changed)
    found = anchor(target, edited)
    assert found.state is AnchorState.FUZZY
    assert span(found, edited) == changed


def test_one_word_changed_and_text_inserted_above_is_still_found() -> None:
    quote = (
        "The variability in legal status across different regions adds another layer of complexity."
    )
    target = target_of(DEPRESSION, quote)
    changed = quote.replace("complexity", "difficulty")
    edited = "Editor's note: updated.\n" + DEPRESSION.replace(quote, changed)
    found = anchor(target, edited)
    assert found.state is AnchorState.FUZZY
    assert span(found, edited) == changed


def test_two_words_changed_in_a_short_quote_orphans() -> None:
    quote = "Neurotransmitter balance is pivotal in regulating mood"
    target = target_of(DEPRESSION, quote)
    edited = DEPRESSION.replace(quote, "Neurotransmitter balance is central in shaping mood", 1)
    assert anchor(target, edited).state is AnchorState.ORPHANED


# Deleted ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence", "lookalike"),
    [
        (
            DEPRESSION,
            "Neurotransmitter balance is pivotal in regulating mood and emotional well-being.",
            "Neurotransmitter balance is pivotal in influencing mood regulation and mental "
            "well-being.",
        ),
        (
            TRAUMA,
            "Trauma and stress response regulation are crucial aspects of mental health, "
            "especially in managing conditions like depression.",
            "Trauma and stress response regulation is a crucial aspect of mental health, "
            "especially in the context of depression treatment.",
        ),
        (
            TRAUMA,
            "Kratom, derived from the tropical plant Mitragyna speciosa, has gained attention as "
            "a potential natural remedy for depression and anxiety.",
            "Kratom, derived from the tropical plant Mitragyna speciosa, has gained attention for "
            "its potential in trauma and stress response regulation.",
        ),
    ],
)
def test_deleted_sentence_orphans_instead_of_jumping_to_its_paraphrase(
    text: str, sentence: str, lookalike: str
) -> None:
    target = target_of(text, sentence)
    edited = delete(text, sentence)
    assert lookalike in edited
    assert anchor(target, edited) == Anchor(AnchorState.ORPHANED, None, None, 0.0)


def test_deleted_fragment_shared_verbatim_with_a_paraphrase_orphans() -> None:
    # Both paraphrases open with these exact 81 characters; the other copy has other neighbours.
    fragment = "Kratom, derived from the tropical plant Mitragyna speciosa, has gained attention"
    target = target_of(TRAUMA, fragment)
    sentence = fragment + " as a potential natural remedy for depression and anxiety."
    edited = delete(TRAUMA, sentence)
    assert fragment in edited
    assert anchor(target, edited).state is AnchorState.ORPHANED


def test_deleted_short_quote_is_not_attached_to_another_occurrence() -> None:
    sentence = (
        "Emerging research is examining how kratom might influence these systems to "
        "potentially alleviate depressive symptoms."
    )
    start = DEPRESSION.index(sentence) + sentence.index("kratom")
    target = Target.from_span("doc.txt", DEPRESSION, start, start + len("kratom"))
    edited = delete(DEPRESSION, sentence)
    assert edited.count("kratom") > 5  # verbatim, but in other sentences
    assert anchor(target, edited).state is AnchorState.ORPHANED


def test_reworded_heading_does_not_jump_to_its_line_in_the_list_of_contents() -> None:
    heading = (
        "Unraveling Neurotransmitter Balance and Its Impact on Mood: A Deep Dive into the Role "
        "of Kratom for Depression"
    )
    target = target_of(DEPRESSION, heading, 1)  # the heading, not the "- " list line
    edited = DEPRESSION.replace("\n" + heading + "\n", "\nHow Kratom May Shift Mood\n")
    assert edited.count(heading) == 1
    assert anchor(target, edited).state is AnchorState.ORPHANED


def test_deleted_span_over_a_paragraph_end_does_not_stretch_onto_the_heading_it_lists() -> None:
    # "...its responsible use.\n- Unraveling ... Mood: A" reads, one word off, like
    # "...Responsible Consumption\nUnraveling ... Mood: A" a few lines down (the list of contents
    # and the heading it repeats), with the same suffix and a similar prefix.
    quote = "use.\n- Unraveling Neurotransmitter Balance and Its Impact on Mood: A"
    target = target_of(DEPRESSION, quote)
    edited = DEPRESSION.replace(quote, "", 1)
    assert anchor(target, edited).state is AnchorState.ORPHANED


def test_sentence_removed_with_its_whole_paragraph_orphans() -> None:
    lines = DEPRESSION.split("\n")
    target = target_of(DEPRESSION, lines[1][:90])
    edited = "\n".join(lines[:1] + lines[2:])
    assert anchor(target, edited).state is AnchorState.ORPHANED


# Whitespace and case ----------------------------------------------------------------------------


def test_rewrapped_lines_are_fuzzy_with_full_score() -> None:
    quote = "However, it's crucial to approach this plant extract with caution due to the lack"
    target = target_of(DEPRESSION, quote)
    rewrapped = quote.replace(" approach ", "\napproach  ")
    edited = DEPRESSION.replace(quote, rewrapped)
    found = anchor(target, edited)
    assert found.state is AnchorState.FUZZY
    assert span(found, edited) == rewrapped
    assert found.score == 1.0


def test_case_changes_are_fuzzy_at_the_right_place() -> None:
    quote = "Kratom, derived from Southeast Asian trees, has garnered attention"
    target = target_of(DEPRESSION, quote)
    edited = DEPRESSION.replace(quote, quote.upper(), 1)
    found = anchor(target, edited)
    assert found.state is AnchorState.FUZZY
    assert span(found, edited) == quote.upper()


def test_context_whitespace_change_still_moves_exactly() -> None:
    quote = "Join us as we navigate this nuanced topic"
    target = target_of(DEPRESSION, quote)
    edited = DEPRESSION.replace("associated risks. " + quote, "associated risks.  " + quote)
    found = anchor(target, edited)
    assert found.state is AnchorState.MOVED
    assert found.start == target.start + 1


# Edges ------------------------------------------------------------------------------------------


def test_empty_document_orphans_everything() -> None:
    target = target_of(DEPRESSION, "Kratom")
    assert anchor(target, "").state is AnchorState.ORPHANED
    assert anchor_all([target], "") == [Anchor(AnchorState.ORPHANED, None, None, 0.0)]


def test_empty_quote_orphans() -> None:
    target = Target("doc.txt", "", "", "", 0, 0, text_sha256(""))
    assert anchor(target, "anything").state is AnchorState.ORPHANED


def test_offsets_past_the_end_of_a_shorter_text_do_not_fail() -> None:
    target = target_of(DEPRESSION, "mitragynine", 3)
    short = DEPRESSION[:500]
    assert anchor(target, short).state in {AnchorState.ORPHANED, AnchorState.MOVED}


def test_quote_at_the_very_start_with_no_prefix() -> None:
    quote = "Kratom, derived from Southeast Asian trees, has garnered attention for its potential"
    target = target_of(DEPRESSION, quote)
    assert target.start == 0 and target.prefix == ""
    assert anchor(target, DEPRESSION).state is AnchorState.ANCHORED
    moved = anchor(target, "Title\n\n" + DEPRESSION)
    assert (moved.state, moved.start) == (AnchorState.MOVED, 7)
    changed = DEPRESSION.replace("has garnered", "has attracted", 1)
    fuzzy = anchor(target, changed)
    assert fuzzy.state is AnchorState.FUZZY
    assert span(fuzzy, changed) == quote.replace("garnered", "attracted")


def test_quote_at_the_very_end_with_no_suffix() -> None:
    text = DEPRESSION.rstrip()
    tail = text[-60:]
    target = Target.from_span("doc.txt", text, len(text) - 60, len(text))
    assert target.suffix == ""
    assert anchor(target, text).state is AnchorState.ANCHORED
    assert anchor(target, text + "\nAppendix.").state is AnchorState.ANCHORED
    moved = anchor(target, "Title\n" + text)
    assert (moved.state, span(moved, "Title\n" + text)) == (AnchorState.MOVED, tail)


def test_title_with_a_copy_below_stays_at_the_top_when_the_next_line_changes() -> None:
    # The sample's 003 article: its title opens it and is repeated in "Comments Off on ...".
    title = "Revitalizing Spirits: Kratom and Depression"
    text = f"{title}\n\nIn the realm of medicine, kratom is here.\n\nComments Off on {title}\n"
    target = Target.from_span("doc.txt", text, 0, len(title))
    found = anchor(target, text.replace("In the realm of medicine", "A new first line"))
    assert (found.state, found.start, found.end) == (AnchorState.ANCHORED, 0, len(title))


def test_edge_vouches_for_a_short_quote_only_when_it_is_the_sole_copy() -> None:
    text = "Kratom is a plant. It grows in Asia.\nKratom is used by many."
    target = Target.from_span("doc.txt", text, 0, len("Kratom"))
    sole = anchor(target, "Kratom was banned somewhere. Other text.\nNothing more.")
    assert (sole.state, sole.start) == (AnchorState.ANCHORED, 0)
    # With another copy, "Kratom" opening the document may begin any new first sentence.
    assert not anchor(target, "Kratom was banned somewhere. Other text.\nKratom is used.").attached


def test_last_line_survives_an_edit_of_the_line_before_it() -> None:
    text = "First line of the text.\nSecond line, about to be edited.\nFinal words.\n"
    target = Target.from_span("doc.txt", text, text.index("Final"), len(text) - 1)
    edited = text.replace("Second line, about to be edited.", "Quite different.")
    found = anchor(target, edited)
    assert found.state is AnchorState.MOVED
    assert span(found, edited) == "Final words."


def test_whole_text_as_the_quote() -> None:
    text = "A short note that is all there is."
    target = Target.from_span("doc.txt", text, 0, len(text))
    assert anchor(target, text).state is AnchorState.ANCHORED
    assert anchor(target, "Intro. " + text).state is AnchorState.MOVED
    assert anchor(target, "Something else entirely.").state is AnchorState.ORPHANED


# Unicode ----------------------------------------------------------------------------------------


def unicode_text() -> str:
    decomposed = unicodedata.normalize("NFD", "Le café crème de Zoë est réputé. ")
    return (
        "Intro line for the document.\n"
        + decomposed
        + "Party time 🎉🎉 with family 👨‍👩‍👧 tonight. "
        + "日本語の文章はここにあります。次の文もここにあります。\n"
        + "The end of the text arrives here.\n"
    )


@pytest.mark.parametrize(
    "quote",
    [
        unicodedata.normalize("NFD", "café crème de Zoë"),
        "🎉🎉 with family 👨‍👩‍👧",
        "日本語の文章はここにあります。",
    ],
)
def test_unicode_quotes_anchor_and_move(quote: str) -> None:
    text = unicode_text()
    target = target_of(text, quote)
    assert anchor(target, text).state is AnchorState.ANCHORED
    edited = "ÄÖÜ — a new first line ✓\n" + text
    found = anchor(target, edited)
    assert found.state is AnchorState.MOVED
    assert span(found, edited) == quote


def test_composed_accents_are_the_same_text() -> None:
    # More cases in test_anchoring_respelt.py.
    text = unicode_text()
    quote = unicodedata.normalize("NFD", "Le café crème de Zoë est réputé.")
    target = target_of(text, quote)
    edited = unicodedata.normalize("NFC", text)
    found = anchor(target, edited)
    assert found.state is AnchorState.ANCHORED
    assert span(found, edited) == unicodedata.normalize("NFC", quote)
    assert found.score == 1.0


def test_cjk_one_character_changed_in_a_long_sentence_is_fuzzy() -> None:
    sentence = "東京の図書館では毎週土曜日に子供向けの読み聞かせ会が開かれています。"
    text = "前の段落です。\n" + sentence + "\n次の段落もあります。\n"
    target = target_of(text, sentence)
    changed = sentence.replace("土曜日", "日曜日")
    found = anchor(target, text.replace(sentence, changed))
    assert found.state is AnchorState.FUZZY
    assert span(found, text.replace(sentence, changed)) == changed


# Bulk and re-attachment -------------------------------------------------------------------------


def test_anchor_all_matches_anchor_one_by_one() -> None:
    quotes = [
        "Neurotransmitter balance is pivotal in regulating mood",
        "Its active alkaloids, mitragynine and 7-hydroxymitragynine",
        "Emerging research is examining how kratom might influence these systems",
        "The variability in legal status across different regions",
    ]
    targets = [target_of(DEPRESSION, q) for q in reversed(quotes)]
    edited = "Preface.\n" + DEPRESSION.replace("Emerging research is", "New research is")
    edited = edited.replace("The variability in legal status across different regions", "")
    one_by_one = [anchor(t, edited) for t in targets]
    assert anchor_all(targets, edited) == one_by_one
    assert [a.state for a in one_by_one] == [
        AnchorState.ORPHANED,
        AnchorState.FUZZY,
        AnchorState.MOVED,
        AnchorState.MOVED,
    ]


def test_anchor_all_of_ten_thousand_unchanged_targets_is_fast() -> None:
    text = DEPRESSION * 4
    sha = text_sha256(text)
    targets = [
        Target("doc.txt", text[s : s + 40], "", "", s, s + 40, sha) for s in range(0, 10_000 * 3, 3)
    ]
    anchor_all(targets[:10], text)  # warm up
    started = time.perf_counter()
    found = anchor_all(targets, text)
    elapsed = time.perf_counter() - started
    assert all(a.state is AnchorState.ANCHORED for a in found)
    assert elapsed < 0.5  # about 20 ms here; generous for slow CI machines


def test_anchor_all_follows_the_shift_of_an_insertion_at_the_top() -> None:
    targets = [target_of(DEPRESSION, DEPRESSION[s : s + 30]) for s in range(0, 7000, 350)]
    edited = "A new introduction.\n" + DEPRESSION
    for found, target in zip(anchor_all(targets, edited), targets, strict=True):
        assert found.state is AnchorState.MOVED
        assert found.start == target.start + 20


def test_reattach_makes_a_fresh_target_that_anchors_in_place() -> None:
    target = target_of(DEPRESSION, "Neurotransmitter balance is pivotal in regulating mood")
    edited = delete(
        DEPRESSION,
        "Neurotransmitter balance is pivotal in regulating mood and emotional well-being.",
    )
    assert anchor(target, edited).state is AnchorState.ORPHANED
    start = edited.index("Neurotransmitter balance is pivotal in influencing")
    fresh = reattach(target, edited, start, start + 60)
    assert fresh == Target.from_span(target.doc, edited, start, start + 60)
    assert anchor(fresh, edited).state is AnchorState.ANCHORED


def test_states_are_plain_strings_for_storage() -> None:
    assert AnchorState.FUZZY == "fuzzy"
    assert [s.value for s in AnchorState] == ["anchored", "moved", "fuzzy", "orphaned"]
    assert not Anchor(AnchorState.ORPHANED, None, None, 0.0).attached
