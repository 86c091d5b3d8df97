"""Splitting documents into blocks: the plain-text conventions, Markdown, and titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.blocks import is_heading_line, split_blocks, text_blocks
from corpus.document import TITLE_LIMIT, document_from_bytes, load_document, why_no_sentences
from corpus.markdown_blocks import markdown_blocks
from corpus.model import Block, BlockKind, Document
from corpus.text import one_line

SAMPLE_DIR = Path(__file__).parents[1] / "corpus" / "sample"
SEED_FILES = sorted(p.name for p in SAMPLE_DIR.glob("*.txt"))

H, P, L, C = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.CODE
KIND_LETTERS = {"h": H, "p": P, "l": L, "c": C}


def seed(name: str) -> Document:
    return load_document(SAMPLE_DIR / name, name)


def kinds(letters: str) -> list[BlockKind]:
    return [KIND_LETTERS[c] for c in letters.split(",")]


def block_texts(text: str, blocks: list[Block]) -> list[tuple[BlockKind, int, str]]:
    return [(b.kind, b.level, text[b.start : b.end]) for b in blocks]


def assert_well_formed(text: str, blocks: list[Block]) -> None:
    previous_end = 0
    for block in blocks:
        span = text[block.start : block.end]
        assert span, block
        assert span == span.strip(), f"block has surrounding whitespace: {span!r}"
        assert block.start >= previous_end, "blocks overlap or are out of order"
        previous_end = block.end


# --- the seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_c4c750e82b5b3139.txt", "p,p,l,l,l,h,p,p,h,p,p,h,p,p,p"),
        ("001_55d807d69666449d.txt", "p,p,l,l,l,h,p,h,p,h,p,p,p"),
        ("002_168a9ddd2ba1cce5.txt", "p,p,l,l,l,h,p,p,h,p,h,p,p"),
        ("003_b16bf23216b1dd1d.txt", "h,p,p,p,h"),
        ("004_7c2eab990f88949c.txt", "p,p,l,l,l,h,p,p,h,p,p,h,p,p,p"),
    ],
)
def test_seed_block_kinds(name: str, expected: str) -> None:
    doc = seed(name)
    assert [b.kind for b in doc.blocks] == kinds(expected)
    assert_well_formed(doc.text, doc.blocks)


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_blocks_are_whole_lines(name: str) -> None:
    """In the one-paragraph-per-line seeds every non-empty line is exactly one block."""
    doc = seed(name)
    lines = [line for line in doc.text.split("\n") if line.strip()]
    assert len(doc.blocks) == len(lines)
    for block, line in zip(doc.blocks, lines, strict=True):
        span = doc.text[block.start : block.end]
        expected = line[2:] if block.kind is L else line
        assert span == expected.strip()


def test_seed_003_starts_with_its_heading() -> None:
    doc = seed("003_b16bf23216b1dd1d.txt")
    first = doc.blocks[0]
    assert first.kind is H
    assert first.level == 2
    assert doc.text[first.start : first.end] == (
        "Revitalizing Spirits – Kratom Powder’s Impact on Depression Relief"
    )
    assert doc.title == "Revitalizing Spirits – Kratom Powder’s Impact on Depression Relief"


@pytest.mark.parametrize("name", [n for n in SEED_FILES if not n.startswith("003")])
def test_seed_list_item_spans_exclude_the_marker(name: str) -> None:
    doc = seed(name)
    items = [b for b in doc.blocks if b.kind is L]
    assert len(items) == 3
    for item in items:
        assert doc.text[item.start - 2 : item.start] == "- "
        assert not doc.text[item.start : item.end].startswith(("-", " "))
        assert item.level == 0


def test_seed_list_items_of_000() -> None:
    doc = seed("000_c4c750e82b5b3139.txt")
    assert [doc.text[b.start : b.end] for b in doc.blocks if b.kind is L] == [
        "Unraveling Neurotransmitter Balance and Its Impact on Mood: A Deep Dive into the Role "
        "of Kratom for Depression",
        "The Science Behind Kratom's Effects on Neurotransmitters and How It Can Alleviate "
        "Symptoms of Depression",
        "Navigating the Complexities of Kratom Use for Depression: Risks, Considerations, and "
        "Responsible Consumption",
    ]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "000_c4c750e82b5b3139.txt",
            "Unraveling Neurotransmitter Balance and Its Impact on Mood: A Deep Dive into the Role "
            "of Kratom for Depression",
        ),
        (
            "001_55d807d69666449d.txt",
            "Unraveling the Complexities of Major Depressive Disorder and the Role of Kratom in "
            "Treatment",
        ),
        (
            "002_168a9ddd2ba1cce5.txt",
            "Unraveling the Role of Kratom in Mood Stabilization: An Overview",
        ),
        (
            "003_b16bf23216b1dd1d.txt",
            "Revitalizing Spirits – Kratom Powder’s Impact on Depression Relief",
        ),
        ("004_7c2eab990f88949c.txt", "Understanding Trauma and Stress Response Regulation"),
    ],
)
def test_seed_titles_are_the_first_heading(name: str, title: str) -> None:
    doc = seed(name)
    assert doc.title == title
    assert len(doc.title) <= TITLE_LIMIT
    first_heading = doc.headings()[0][1]
    assert doc.title == one_line(doc.text[first_heading.start : first_heading.end], TITLE_LIMIT)


def test_title_falls_back_to_the_first_block_then_to_the_id() -> None:
    long_sentence = "This document has no heading at all, only a long paragraph. " * 5
    assert len(long_sentence) > TITLE_LIMIT
    doc = document_from_bytes("notes/plain.txt", long_sentence.encode(), markdown=False)
    assert doc.headings() == []
    assert len(doc.title) <= TITLE_LIMIT
    assert doc.title.endswith("…")
    assert doc.title.startswith("This document has no heading at all, only a long paragraph.")
    blank = document_from_bytes("notes/blank.txt", b"\n\n", markdown=False)
    assert blank.title == "notes/blank.txt"


def test_title_collapses_whitespace() -> None:
    doc = document_from_bytes("t.md", b"#   Spaced\t  out   title  \n\nBody.\n", markdown=True)
    assert doc.title == "Spaced out title"


# --- plain text --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Understanding Trauma and Stress Response Regulation", True),
        ("  Indented Heading  ", True),
        ("A sentence that ends with a full stop.", False),
        ("Is this a question?", False),
        ("A list follows:", False),
        ("", False),
        ("   ", False),
        ("12345 678", False),
        ("word " * 21, False),
        ("x" * 121, False),
    ],
)
def test_is_heading_line(line: str, expected: bool) -> None:
    assert is_heading_line(line) is expected


def test_hard_wrapped_paragraphs_join_into_one_block() -> None:
    text = (
        "MIT License\n"
        "\n"
        "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
        'of this software and associated documentation files (the "Software"), to deal\n'
        "in the Software without restriction.\n"
        "\n"
        "The above copyright notice and this permission notice shall be included in all\n"
        "copies or substantial portions of the Software.\n"
    )
    blocks = text_blocks(text)
    assert [(b.kind, b.level) for b in blocks] == [(H, 2), (P, 0), (P, 0)]
    assert text[blocks[1].start : blocks[1].end] == (
        "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
        'of this software and associated documentation files (the "Software"), to deal\n'
        "in the Software without restriction."
    )
    assert text[blocks[2].start : blocks[2].end].endswith("portions of the Software.")
    assert_well_formed(text, blocks)


def test_hard_wrapped_email_paragraphs() -> None:
    text = (
        "Hi team,\n"
        "\n"
        "the results of the second trial came in this morning and they\n"
        "look better than we hoped. I will send the full numbers\n"
        "tomorrow.\n"
        "\n"
        "Best,\n"
        "Ana\n"
    )
    blocks = text_blocks(text)
    assert [b.kind for b in blocks] == [P, P, P]
    body = text[blocks[1].start : blocks[1].end]
    assert body.startswith("the results of the second trial came in this morning and they\nlook")
    assert body.endswith("the full numbers\ntomorrow.")


def test_one_paragraph_per_line_articles() -> None:
    long = "This paragraph is long enough to be a paragraph of its own on one line, " * 2
    text = (
        "Article Heading\n"
        f"{long}first.\n"
        f"{long}second.\n"
        "- first item\n"
        "- second item\n"
        "Closing Heading\n"
        f"{long}third.\n"
    )
    blocks = text_blocks(text)
    assert [b.kind for b in blocks] == [H, P, P, L, L, H, P]
    assert block_texts(text, blocks)[3] == (L, 0, "first item")
    assert text[blocks[2].start : blocks[2].end] == f"{long}second."


def test_consecutive_heading_lines_stay_separate() -> None:
    text = "Article Title\nBy Jane Doe\n" + "Some long paragraph text follows here. " * 4 + "\n"
    blocks = text_blocks(text)
    assert block_texts(text, blocks)[:2] == [(H, 2, "Article Title"), (H, 2, "By Jane Doe")]
    assert blocks[2].kind is P


def test_plain_text_list_markers_and_nesting() -> None:
    text = (
        "Intro line.\n"
        "- dash item\n"
        "* star item\n"
        "+ plus item\n"
        "\u2022 bullet item\n"
        "1. numbered item\n"
        "2) parenthesis item\n"
        "  - nested item\n"
        "    - deeper item\n"
        "After the list.\n"
    )
    blocks = text_blocks(text)
    assert block_texts(text, blocks) == [
        (P, 0, "Intro line."),
        (L, 0, "dash item"),
        (L, 0, "star item"),
        (L, 0, "plus item"),
        (L, 0, "bullet item"),
        (L, 0, "numbered item"),
        (L, 0, "parenthesis item"),
        (L, 1, "nested item"),
        (L, 2, "deeper item"),
        (P, 0, "After the list."),
    ]


def test_indented_line_continues_a_list_item() -> None:
    text = "- item two\n  continued on the next line\n- item three\n"
    blocks = text_blocks(text)
    assert block_texts(text, blocks) == [
        (L, 0, "item two\n  continued on the next line"),
        (L, 0, "item three"),
    ]


def test_a_dash_without_text_is_not_a_list_item() -> None:
    text = "-\n- \nword-joined text\n"
    blocks = text_blocks(text)
    assert all(b.kind is not L for b in blocks)


def test_plain_text_never_yields_code_blocks() -> None:
    text = "```\nx = 1\n```\n\n    indented\n"
    assert all(b.kind is not C for b in text_blocks(text))


# --- Markdown ----------------------------------------------------------------------------------


def test_atx_headings_with_levels_exclude_the_markers() -> None:
    text = "".join(f"{'#' * n} Level {n} heading {'#' * n}\n\n" for n in range(1, 7))
    blocks = markdown_blocks(text)
    assert block_texts(text, blocks) == [(H, n, f"Level {n} heading") for n in range(1, 7)]


def test_setext_headings() -> None:
    text = "Top heading\n===========\n\nSecond heading\n---\n\nBody text.\n"
    blocks = markdown_blocks(text)
    assert block_texts(text, blocks) == [
        (H, 1, "Top heading"),
        (H, 2, "Second heading"),
        (P, 0, "Body text."),
    ]


def test_multi_line_setext_heading_excludes_the_underline() -> None:
    text = "A heading that\nspans two lines\n===\n"
    blocks = markdown_blocks(text)
    assert block_texts(text, blocks) == [(H, 1, "A heading that\nspans two lines")]


def test_empty_atx_heading_makes_no_block() -> None:
    text = "#\n\nText.\n"
    assert block_texts(text, markdown_blocks(text)) == [(P, 0, "Text.")]


def test_markdown_lists_nested_and_ordered() -> None:
    text = (
        "- bullet one\n"
        "- bullet two\n"
        "  - nested item\n"
        "    - deeper item\n"
        "- bullet three\n"
        "\n"
        "1. first ordered\n"
        "2. second ordered\n"
        "   1. nested ordered\n"
    )
    blocks = markdown_blocks(text)
    assert block_texts(text, blocks) == [
        (L, 0, "bullet one"),
        (L, 0, "bullet two"),
        (L, 1, "nested item"),
        (L, 2, "deeper item"),
        (L, 0, "bullet three"),
        (L, 0, "first ordered"),
        (L, 0, "second ordered"),
        (L, 1, "nested ordered"),
    ]
    assert_well_formed(text, blocks)


def test_ordered_item_whose_text_looks_like_its_marker() -> None:
    text = "1. 1\n2. 2 apples\n"
    assert block_texts(text, markdown_blocks(text)) == [(L, 0, "1"), (L, 0, "2 apples")]


def test_second_paragraph_of_a_list_item_is_a_paragraph() -> None:
    text = "- item one\n  continued line.\n\n  Second paragraph of the item.\n"
    assert block_texts(text, markdown_blocks(text)) == [
        (L, 0, "item one\n  continued line."),
        (P, 0, "Second paragraph of the item."),
    ]


def test_fenced_and_indented_code_are_code_blocks() -> None:
    text = (
        "Before the code.\n"
        "\n"
        "```python\n"
        "x = 1. y = 2.\n"
        "```\n"
        "\n"
        "    indented code. more.\n"
        "\n"
        "After the code.\n"
    )
    doc = document_from_bytes("c.md", text.encode(), markdown=True)
    assert block_texts(text, doc.blocks) == [
        (P, 0, "Before the code."),
        (C, 0, "```python\nx = 1. y = 2.\n```"),
        (C, 0, "indented code. more."),
        (P, 0, "After the code."),
    ]
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == [
        "Before the code.",
        "After the code.",
    ]


def test_table_is_one_block_without_stray_cells() -> None:
    text = (
        "Intro paragraph.\n"
        "\n"
        "| Name | Dose. |\n"
        "|------|-------|\n"
        "| Kratom | 3.5 g. |\n"
        "| Other | 1 g. |\n"
        "\n"
        "Outro paragraph.\n"
    )
    blocks = markdown_blocks(text)
    assert [b.kind for b in blocks] == [P, C, P]
    table = blocks[1]
    assert text[table.start : table.end] == text[18:-18].strip()
    assert text[table.start : table.end].startswith("| Name")
    assert text[table.start : table.end].endswith("| 1 g. |")
    assert_well_formed(text, blocks)


def test_markdown_paragraphs_and_inline_markup() -> None:
    text = "Para with *emphasis* and `code`.\nStill the same paragraph.\n\nSecond **para**.\n"
    blocks = markdown_blocks(text)
    assert block_texts(text, blocks) == [
        (P, 0, "Para with *emphasis* and `code`.\nStill the same paragraph."),
        (P, 0, "Second **para**."),
    ]


def test_markdown_title_is_the_first_heading() -> None:
    text = b"Some intro first.\n\n## The Real Title\n\nBody.\n"
    doc = document_from_bytes("t.md", text, markdown=True)
    assert doc.title == "The Real Title"
    assert doc.headings() == [(1, doc.blocks[1])]


@pytest.mark.parametrize(("suffix", "markdown"), [(".md", True), (".MD", True), (".txt", False)])
def test_suffix_decides_the_grammar(tmp_path: Path, suffix: str, markdown: bool) -> None:
    text = "# Heading\n\nBody text.\n"
    path = tmp_path / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path, path.name)
    assert doc.blocks == split_blocks(text, markdown=markdown)
    heading = doc.blocks[0]
    assert doc.text[heading.start : heading.end] == ("Heading" if markdown else "# Heading")


# --- front matter ------------------------------------------------------------------------------

POST = (
    '---\ntitle: "Kratom and mood"\ndescription: Kratom may reduce anxiety, studies suggest.\n'
    "tags: [kratom, mood]\n---\n\n# Kratom and mood: a review\n\nKratom may ease pain.\n"
)


def test_front_matter_is_one_code_block_not_a_heading_and_sentences() -> None:
    doc = document_from_bytes("post.md", POST.encode(), markdown=True)
    front_end = POST.index("---\n\n") + 3
    assert block_texts(doc.text, doc.blocks) == [
        (C, 0, POST[:front_end]),
        (H, 1, "Kratom and mood: a review"),
        (P, 0, "Kratom may ease pain."),
    ]
    assert doc.title == "Kratom and mood: a review"
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Kratom and mood: a review",
        "Kratom may ease pain.",
    ]
    assert_well_formed(doc.text, doc.blocks)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("---\ntitle: 'Only metadata'\ndate: 2024-01-01\n---\n", "Only metadata"),
        ('+++\ntitle = "TOML front matter"\n+++\n', "TOML front matter"),
        ("---\ndate: 2024-01-01\n...", "only.md"),
    ],
)
def test_a_file_of_front_matter_only_has_no_sentences_and_says_why(text: str, title: str) -> None:
    doc = document_from_bytes("only.md", text.encode(), markdown=True)
    assert [b.kind for b in doc.blocks] == [C]
    assert doc.sentences == []
    assert doc.title == title
    reason = why_no_sentences(doc)
    assert reason is not None and "front matter" in reason


@pytest.mark.parametrize(
    "text",
    [
        "---\n\nA rule, then prose.\n\n---\n\nMore prose.\n",  # rules around text, no fields
        "---\ntitle: never closed\n\nProse.\n",
        "Prose first.\n\n---\ntitle: x\n---\n",
    ],
)
def test_what_only_looks_like_front_matter_stays_markdown(text: str) -> None:
    blocks = markdown_blocks(text)
    assert C not in [b.kind for b in blocks]
    assert "Prose" in text[blocks[0].start : blocks[0].end] or blocks[0].kind is P


def test_a_cached_index_of_the_old_cut_is_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Front matter used to be read as sentences; a passage index cached from that cut (same
    bytes, same hash) would keep them, so the cache records how the text was cut."""
    import json

    from corpus.passage_cache import CACHE_DIR_ENV, cache_file, open_index

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    workspace = tmp_path / "ws"
    workspace.mkdir()
    documents = [document_from_bytes("post.md", POST.encode(), markdown=True)]
    open_index(workspace, documents)
    path = cache_file(workspace)
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("segmentation", None)  # as a cache written before the key existed
    path.write_text(json.dumps(data), encoding="utf-8")
    _, analysed = open_index(workspace, documents)
    assert analysed == 1


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("中文文档标题", True),
        ("研究表明卡痛可以改善情绪但是它也可能导致依赖" * 2, False),
        ("卡痛可以改善情绪。", False),
        ("本当ですか？", False),
        ("「はい。」", False),
        ("यह सच है।", False),
        ("هل هذا صحيح؟", False),
        ("เอกสารภาษาไทย", True),
        ("การศึกษาแสดงให้เห็นว่ากระท่อมอาจช่วยปรับปรุงอารมณ์ได้และก็อาจทำให้เกิดการเสพติด", False),
        ("He said \u201cit works.\u201d", False),
        ("Safety (updated)", True),
    ],
)
def test_headings_in_other_scripts(line: str, heading: bool) -> None:
    """Other scripts' full stops end a sentence, and a line of unspaced script is counted in
    the words it holds, not as one."""
    assert is_heading_line(line) is heading
