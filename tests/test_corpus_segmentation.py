"""Sentence segmentation: sentencex on prose blocks, and the invariants every span keeps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.document import document_from_bytes, load_document, why_no_sentences
from corpus.model import Block, BlockKind, Document, Sentence
from corpus.sentences import split_sentences

SAMPLE_DIR = Path(__file__).parents[1] / "corpus" / "sample"
SEED_FILES = sorted(p.name for p in SAMPLE_DIR.glob("*.txt"))


def seed(name: str) -> Document:
    return load_document(SAMPLE_DIR / name, name)


def sentence_texts(doc: Document) -> list[str]:
    return [doc.sentence_text(i) for i in range(len(doc.sentences))]


def from_text(text: str, *, markdown: bool = False) -> Document:
    return document_from_bytes(
        "doc.md" if markdown else "doc.txt", text.encode(), markdown=markdown
    )


def test_there_are_five_seed_files() -> None:
    assert len(SEED_FILES) == 5


# --- the seeds ---------------------------------------------------------------------------------


def test_fda_sentence_with_us_abbreviation_is_one_sentence() -> None:
    doc = seed("001_55d807d69666449d.txt")
    texts = sentence_texts(doc)
    matches = [
        t for t in texts if t.startswith("The U.S. Food and Drug Administration (FDA) has issued")
    ]
    assert len(matches) == 1
    sentence = matches[0]
    assert sentence.endswith("adverse interactions with other medications.")
    assert sentence == (
        "The U.S. Food and Drug Administration (FDA) has issued warnings regarding the safety "
        "of Kratom, citing potential risks such as dependency, withdrawal symptoms, and adverse "
        "interactions with other medications."
    )
    assert "The U.S." not in texts
    assert not any(t.startswith("Food and Drug Administration") for t in texts)


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("000_c4c750e82b5b3139.txt", 54),
        ("001_55d807d69666449d.txt", 47),
        ("002_168a9ddd2ba1cce5.txt", 47),
        ("003_b16bf23216b1dd1d.txt", 25),
        ("004_7c2eab990f88949c.txt", 37),
    ],
)
def test_seed_sentence_counts(name: str, count: int) -> None:
    assert len(seed(name).sentences) == count


def test_seed_sentences_end_with_terminal_punctuation_in_paragraphs() -> None:
    for name in SEED_FILES:
        doc = seed(name)
        for i, sentence in enumerate(doc.sentences):
            if doc.blocks[sentence.block].kind is BlockKind.PARAGRAPH:
                assert doc.sentence_text(i)[-1] in '.!?"”’)', (name, doc.sentence_text(i))


# --- edge cases (only ones sentencex gets right; see the report for the others) ---------------

EDGE_CASES = [
    ("Dr. Smith arrived late. He apologised.", ["Dr. Smith arrived late.", "He apologised."]),
    (
        "Mr. Jones and Mrs. Brown met. Prof. Green did not.",
        ["Mr. Jones and Mrs. Brown met.", "Prof. Green did not."],
    ),
    (
        "Some herbs, e.g. kratom, are sold online. Others are not.",
        ["Some herbs, e.g. kratom, are sold online.", "Others are not."],
    ),
    (
        "Use a broad term, i.e. a category. Then refine it.",
        ["Use a broad term, i.e. a category.", "Then refine it."],
    ),
    (
        "They compared drugs (e.g. SSRIs) with kratom. The results varied.",
        ["They compared drugs (e.g. SSRIs) with kratom.", "The results varied."],
    ),
    (
        "Smith et al. reported the effect in 2019. The study was small.",
        ["Smith et al. reported the effect in 2019.", "The study was small."],
    ),
    (
        "Smith et al. (2020) disagreed. Jones agreed.",
        ["Smith et al. (2020) disagreed.", "Jones agreed."],
    ),
    (
        "The dose was 3.5 mg per day. It was well tolerated.",
        ["The dose was 3.5 mg per day.", "It was well tolerated."],
    ),
    ("Take 15 mg. Start low.", ["Take 15 mg.", "Start low."]),
    ("The result was 0.05. It was significant.", ["The result was 0.05.", "It was significant."]),
    ("It costs $4.99 at most stores. Buy it.", ["It costs $4.99 at most stores.", "Buy it."]),
    (
        "Section 3.2.1 describes it. Version 2.0 fixed it.",
        ["Section 3.2.1 describes it.", "Version 2.0 fixed it."],
    ),
    (
        "The paper by J. R. Smith was cited. It was influential.",
        ["The paper by J. R. Smith was cited.", "It was influential."],
    ),
    ("Ask Dr. J. Smith. He knows.", ["Ask Dr. J. Smith.", "He knows."]),
    (
        "The U.S. government acted. Europe did not.",
        ["The U.S. government acted.", "Europe did not."],
    ),
    ("He lives in the U.S. He likes it.", ["He lives in the U.S.", "He likes it."]),
    (
        "The meeting is at 5 p.m. tomorrow. Please come.",
        ["The meeting is at 5 p.m. tomorrow.", "Please come."],
    ),
    (
        "He holds a Ph.D. in chemistry. She does too.",
        ["He holds a Ph.D. in chemistry.", "She does too."],
    ),
    (
        'He said, "The trial failed." Then he left.',
        ['He said, "The trial failed."', "Then he left."],
    ),
    ("He said “it works.” She disagreed.", ["He said “it works.”", "She disagreed."]),
    ('"Is it safe?" she asked. Nobody answered.', ['"Is it safe?" she asked.', "Nobody answered."]),
    ("He asked, 'Is it safe?' Nobody knew.", ["He asked, 'Is it safe?'", "Nobody knew."]),
    ("Wait... what happened? Nobody knew.", ["Wait... what happened?", "Nobody knew."]),
    (
        "The results were mixed... Further work is needed.",
        ["The results were mixed...", "Further work is needed."],
    ),
    (
        "Is kratom safe? Nobody knows for sure. Be careful!",
        ["Is kratom safe?", "Nobody knows for sure.", "Be careful!"],
    ),
    ("It works! Really? Yes.", ["It works!", "Really?", "Yes."]),
    ("What?! No way.", ["What?!", "No way."]),
    (
        "Contact us at info@example.com. Visit www.example.com for more.",
        ["Contact us at info@example.com.", "Visit www.example.com for more."],
    ),
    ("One sentence without a full stop", ["One sentence without a full stop"]),
    ("It was good.  Then it wasn't.", ["It was good.", "Then it wasn't."]),
]


@pytest.mark.parametrize(("text", "expected"), EDGE_CASES, ids=[c[0][:30] for c in EDGE_CASES])
def test_edge_case_segmentation(text: str, expected: list[str]) -> None:
    doc = from_text(text)
    assert sentence_texts(doc) == expected
    assert_invariants(doc)


def test_soft_line_breaks_inside_a_paragraph_do_not_split_sentences() -> None:
    text = (
        "Permission is granted to anyone to use\n"
        "this software for any purpose. The authors\n"
        "are not liable.\n"
    )
    doc = from_text(text)
    assert len(doc.blocks) == 1
    assert sentence_texts(doc) == [
        "Permission is granted to anyone to use\nthis software for any purpose.",
        "The authors\nare not liable.",
    ]
    assert_invariants(doc)


def test_a_sentence_never_runs_across_blocks() -> None:
    text = "A paragraph with no full stop\n\nThe next paragraph starts here. It ends.\n"
    doc = from_text(text)
    assert len(doc.blocks) == 2
    assert sentence_texts(doc) == [
        "A paragraph with no full stop",
        "The next paragraph starts here.",
        "It ends.",
    ]
    assert [s.block for s in doc.sentences] == [0, 1, 1]


def test_headings_and_list_items_are_single_sentences() -> None:
    text = "# Dr. Who. The return\n\n- First point. Second point.\n- Other item\n"
    doc = from_text(text, markdown=True)
    assert [b.kind for b in doc.blocks] == [
        BlockKind.HEADING,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
    ]
    texts = sentence_texts(doc)
    assert texts[0] == "Dr. Who. The return"
    # List items are prose: a long item can hold several sentences.
    assert texts[1:] == ["First point.", "Second point.", "Other item"]


@pytest.mark.parametrize(
    "source",
    [
        "> One sentence here.\n> Two sentence here.\n",
        "> > One sentence here.\n> > Two sentence here.\n",
        ">One sentence here.\n>Two sentence here.\n",
    ],
    ids=["quote", "nested-quote", "no-space"],
)
def test_sentences_in_block_quotes_start_after_the_markers(source: str) -> None:
    doc = from_text(source, markdown=True)
    assert sentence_texts(doc) == ["One sentence here.", "Two sentence here."]
    assert_invariants(doc)


def test_code_blocks_have_no_sentences() -> None:
    text = (
        "Intro sentence.\n\n```\nx = 1. y = 2.\nprint('Hi. There.')\n```\n\n    indented. code.\n"
    )
    doc = from_text(text, markdown=True)
    code = [i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.CODE]
    assert len(code) == 2
    assert all(s.block not in code for s in doc.sentences)
    assert sentence_texts(doc) == ["Intro sentence."]


def test_split_sentences_directly_on_blocks() -> None:
    text = "Ignored code.\nOne. Two.\n"
    blocks = [Block(BlockKind.CODE, 0, 13), Block(BlockKind.PARAGRAPH, 14, 23)]
    assert split_sentences(text, blocks) == [Sentence(14, 18, 1), Sentence(19, 23, 1)]


def test_whitespace_only_block_has_no_sentences() -> None:
    assert split_sentences("   ", [Block(BlockKind.PARAGRAPH, 0, 3)]) == []


# --- invariants on every span ------------------------------------------------------------------


def assert_invariants(doc: Document) -> None:
    previous_end = 0
    for i, sentence in enumerate(doc.sentences):
        text = doc.text[sentence.start : sentence.end]
        assert text, f"empty sentence {i}"
        assert text == text.strip(), f"sentence {i} has surrounding whitespace: {text!r}"
        # what is shown is the text, less the ">" markers of a quote's later lines
        assert doc.sentence_text(i) == re.sub(r"\n[ \t]*(?:>[ \t]*)+", "\n", text)
        assert sentence.start >= previous_end, f"sentence {i} overlaps or is out of order"
        previous_end = sentence.end
        assert 0 <= sentence.block < len(doc.blocks)
        block = doc.blocks[sentence.block]
        assert block.kind is not BlockKind.CODE
        assert block.start <= sentence.start < sentence.end <= block.end, (
            f"sentence {i} leaves its block"
        )
        assert doc.block_of_sentence(i) == sentence.block
    blocks_with_sentences = [s.block for s in doc.sentences]
    assert blocks_with_sentences == sorted(blocks_with_sentences)
    for index, block in enumerate(doc.blocks):
        if block.kind is BlockKind.HEADING:
            assert blocks_with_sentences.count(index) == 1
        elif block.kind is not BlockKind.CODE:
            assert index in blocks_with_sentences, f"prose block {index} has no sentence"


MARKDOWN_SAMPLE = """\
# Title of the note

Intro paragraph that is
hard wrapped. It has two sentences.

Setext heading
--------------

- bullet one. Still bullet one.
- bullet two
  - nested item

1. ordered item

```
code. not. sentences.
```

| a. | b. |
|----|----|
| 1. | 2. |

> Quoted text here. Another one.

Final paragraph. Ends here.
"""

HARD_WRAPPED = """\
MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction. Dr. Smith agreed.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED.
"""


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_invariants(name: str) -> None:
    doc = seed(name)
    assert doc.sentences
    assert_invariants(doc)


@pytest.mark.parametrize(
    ("text", "markdown"),
    [(MARKDOWN_SAMPLE, True), (HARD_WRAPPED, False), (MARKDOWN_SAMPLE, False)],
    ids=["markdown", "hard-wrapped", "markdown-read-as-text"],
)
def test_constructed_document_invariants(text: str, markdown: bool) -> None:
    doc = from_text(text, markdown=markdown)
    assert doc.sentences
    assert_invariants(doc)


@pytest.mark.parametrize("name", SEED_FILES)
def test_offsets_match_what_a_cli_user_computes(name: str) -> None:
    doc = seed(name)
    with open(SAMPLE_DIR / name, encoding="utf-8") as handle:
        plain = handle.read()
    assert plain == doc.text
    for i, sentence in enumerate(doc.sentences):
        assert plain[sentence.start : sentence.end] == doc.sentence_text(i)


def test_offsets_match_a_cli_read_of_a_crlf_file(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"Title Line\r\n\r\nFirst one. Second one.\r\nThird line here.\r\n")
    doc = load_document(path, "windows.txt")
    with open(path, encoding="utf-8") as handle:  # universal newlines, like the core
        plain = handle.read()
    assert plain == doc.text
    for i, sentence in enumerate(doc.sentences):
        assert plain[sentence.start : sentence.end] == doc.sentence_text(i)
    assert doc.sentence_text(len(doc.sentences) - 1).endswith("Third line here.")


@pytest.mark.parametrize(
    ("text", "markdown", "says"),
    [
        ("    Kratom relieves pain.\n    It is sold widely.\n", True, "remove the indentation"),
        ("\tKratom relieves pain.\n\n\tIt is sold widely.\n", True, "remove the indentation"),
        ("```\nKratom relieves pain.\n```\n", True, "all code blocks"),
        ("", True, "is empty"),
        (" \n\n\t\n", False, "is empty"),
        ("---\n\n***\n", True, "no text that reads as sentences"),
    ],
)
def test_a_document_without_sentences_says_why(text: str, markdown: bool, says: str) -> None:
    """A user who sees words in the file must learn why none of them are read as sentences."""
    document = from_text(text, markdown=markdown)
    assert document.sentences == []
    reason = why_no_sentences(document)
    assert reason is not None and says in reason


def test_a_document_with_sentences_needs_no_reason() -> None:
    assert why_no_sentences(from_text("    Indented, but plain text.\n")) is None
    assert why_no_sentences(from_text("# Only a heading\n", markdown=True)) is None


# --- other scripts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "中文标题\n\n研究表明，卡痛可以改善情绪。但是它也可能导致依赖！你相信吗？\n",
            ["中文标题", "研究表明，卡痛可以改善情绪。", "但是它也可能导致依赖！", "你相信吗？"],
        ),
        (
            "日本語の文書\n\nクラトムは気分を改善する。依存症もある！本当ですか？\n",
            ["日本語の文書", "クラトムは気分を改善する。", "依存症もある！", "本当ですか？"],
        ),
        (
            "हिंदी दस्तावेज़\n\nक्रेटम मूड में सुधार कर सकता है। क्या यह सच है?\n",
            ["हिंदी दस्तावेज़", "क्रेटम मूड में सुधार कर सकता है।", "क्या यह सच है?"],
        ),
        (
            "เอกสารภาษาไทย\n\nกระท่อมอาจช่วยปรับปรุงอารมณ์ได้ แต่ก็อาจทำให้เกิดการเสพติดได้\n",
            ["เอกสารภาษาไทย", "กระท่อมอาจช่วยปรับปรุงอารมณ์ได้", "แต่ก็อาจทำให้เกิดการเสพติดได้"],
        ),
        (
            "Quotes\n\n\u201cKratom works.\u201d\n",
            ["Quotes", "\u201cKratom works.\u201d"],
        ),
    ],
    ids=["chinese", "japanese", "hindi", "thai", "closing-quote"],
)
def test_a_one_line_paragraph_in_another_script_is_split_into_its_sentences(
    text: str, expected: list[str]
) -> None:
    """A line ending in ``。``, ``？`` or ``।`` (or after a closing quote) is a paragraph, and a
    long Thai line, which has no full stop at all, too: they read as headings, one "sentence"
    that claims and matching skipped. Thai sentences end at a space."""
    doc = from_text(text)
    assert [b.kind for b in doc.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]
    assert sentence_texts(doc) == expected
