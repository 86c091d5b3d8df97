"""Markdown as people really write it: HTML in sentences and between them, linked folders.

A README or a blog post exported to Markdown has ``<br>``, ``<sup>1</sup>`` footnote numbers,
``<a href>`` links, ``<!-- comments -->`` and ``<details>`` blocks. Before, their tags were read
as words (an address's "cures-pain" matched and cued claims), ``synoptic claims`` printed them,
a comment was drawn as code, and the prose of a ``<details>`` block was no sentence at all.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from rich.style import Style

from corpus.blocks import text_blocks
from corpus.document import document_from_bytes
from corpus.inline_markup import Markup, markup_spans, without_link_targets
from corpus.markdown_blocks import markdown_blocks
from corpus.model import BlockKind
from tui.app import SynopticApp, make_app
from tui.widgets.document_view import GUTTER

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.widgets.document_view import DocumentView

README = (
    "# Kratom and pain\n\n"
    "<!-- TODO: check the dosage figures before publishing -->\n\n"
    'A 2020 <a href="https://example.org/kratom-cures-liver-study">survey of users</a> found '
    "that kratom relieves chronic pain in most respondents.<sup>1</sup>\n"
    "Doctors warn it may cause nausea.<br>Regulators have <em>not</em> approved it. "
    "<!-- citation needed -->\n\n"
    "<details>\n<summary>Methods</summary>\n\n"
    "The researchers surveyed 2,798 adults who reported using kratom.\n\n"
    "</details>\n\n"
    '<div align="center">\n  <img src="chart.png" alt="chart">\n</div>\n\n'
    "| Study | Finding |\n|-------|---------|\n"
    "| [Smith 2020](https://example.org/smith) | Kratom reduces pain |\n"
)


def kinds(text: str) -> list[tuple[str, Markup]]:
    return [(text[s:e], kind) for s, e, kind in sorted(markup_spans(text))]


def test_inline_html_is_markup_not_words() -> None:
    text = 'A <a href="https://x.org/liver-damage">survey</a> found <em>it</em> works.<br>'
    blanked = without_link_targets(text)
    assert len(blanked) == len(text)  # offsets are the file's
    assert blanked.split() == ["A", "survey", "found", "it", "works."]
    assert kinds(text) == [
        ('<a href="https://x.org/liver-damage">', Markup.MARKER),
        ("survey", Markup.LINK),
        ("</a>", Markup.MARKER),
        ("<em>", Markup.MARKER),
        ("it", Markup.EMPHASIS),
        ("</em>", Markup.MARKER),
        ("<br>", Markup.MARKER),
    ]
    comment = "Kratom helps. <!-- not <b>this</b> --> 2 < 3 and <https://a.org>"
    assert without_link_targets(comment).split() == [
        "Kratom",
        "helps.",
        "2",
        "<",
        "3",
        "and",
        "<",
        ">",
    ]
    assert ("<!-- not <b>this</b> -->", Markup.MARKER) in kinds(comment)
    assert ("this", Markup.STRONG) not in kinds(comment)  # a comment's tags are the comment's


def test_html_blocks_are_prose_when_they_hold_words_and_quiet_code_when_not() -> None:
    blocks = [(b.kind, b.marked_up, README[b.start : b.end]) for b in markdown_blocks(README)]
    assert (BlockKind.CODE, True, "<!-- TODO: check the dosage figures before publishing -->") in (
        blocks
    )
    assert (BlockKind.PARAGRAPH, False, "<details>\n<summary>Methods</summary>") in blocks
    assert (BlockKind.CODE, True, "</details>") in blocks
    assert blocks[-2][:2] == (BlockKind.CODE, True)  # the <div> of an image: no words
    assert blocks[-1][:2] == (BlockKind.CODE, True)  # the table: its links are drawn as links


def test_claims_read_the_sentences_a_browser_shows(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace({"readme.md": README})
    listed = cli("claims", root)
    assert listed.returncode == 0, listed.stderr
    sentences = [line.strip() for line in listed.stdout.splitlines() if line.startswith("    ")]
    assert sentences == [
        "A 2020 survey of users found that kratom relieves chronic pain in most respondents.\u00b9",
        "Doctors warn it may cause nausea.",
        "Regulators have not approved it.",
        "The researchers surveyed 2,798 adults who reported using kratom.",
    ]
    rows = json.loads(cli("claims", root, "--json").stdout)
    for row in rows:  # the JSON keeps the file's own text, which its offsets slice
        assert README[row["start"] : row["end"]] == row["text"]
        for cue in row["cues"]:
            assert "liver" not in cue["text"] and "href" not in cue["text"], cue
    first = rows[0]
    assert first["text"].endswith("respondents.<sup>1</sup>")  # the note's number goes with it
    assert any(cue["cue"] == "source" for cue in first["cues"])  # the <a href> is a source
    # the address's "liver" is no safety cue: the first sentence is about efficacy alone
    assert first["kind"] == "efficacy"


QUIET = ("dim", "underline", "italic")


def cues(view: DocumentView, y: int) -> list[tuple[str, tuple[str, ...]]]:
    found = []
    for segment in view.render_line(y):
        style = segment.style or Style()
        if segment.text.strip():
            found.append((segment.text, tuple(n for n in QUIET if getattr(style, n))))
    return found


async def opened(pilot: Pilot[None], doc_id: str) -> DocumentView:
    app = pilot.app
    assert isinstance(app, SynopticApp)
    view = app.panes[0].view
    await wait_for(pilot, lambda: view._layout is not None, timeout=30)
    view.show_document(app.workspace.load(doc_id))
    await wait_for(pilot, lambda: view._layout is not None)
    return view


async def test_the_pane_dims_tags_and_comments_and_draws_links_in_tables(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"readme.md": README})
    app = make_app(root, panes=1)
    async with app.run_test(size=(150, 40)) as pilot:
        view = await opened(pilot, "readme.md")
        view.cursor = 0
        await pilot.pause()
        shown = ["".join(s.text for s in view.render_line(y)) for y in range(40)]

        def drawn(text: str) -> list[tuple[str, tuple[str, ...]]]:
            return cues(view, next(i for i, row in enumerate(shown) if text in row))

        comment = "<!-- TODO: check the dosage figures before publishing -->"
        assert drawn(comment) == [(comment, ("dim",))]
        paragraph = drawn("A 2020")
        assert ('<a href="https://example.org/kratom-cures-liver-study">', ("dim",)) in paragraph
        assert ("survey of users", ("underline",)) in paragraph
        assert ("<sup>", ("dim",)) in drawn("respondents.")
        assert ("<em>", ("dim",)) in drawn("Regulators") and ("not", ("italic",)) in drawn(
            "Regulators"
        )
        assert ("<summary>", ("dim",)) in drawn("Methods")
        row = drawn("Smith 2020")
        assert ("Smith 2020", ("underline",)) in row
        assert ("](https://example.org/smith)", ("dim",)) in row
        y = next(i for i, r in enumerate(shown) if "Smith 2020" in r)
        x = shown[y].index("Smith 2020")
        assert view.offset_at(x, y) == README.index("Smith 2020")  # clicks land as before
        assert shown[y][GUTTER:].rstrip() == "| [Smith 2020](https://example.org/smith) | " + (
            "Kratom reduces pain |"
        )  # every character is drawn as written


TAB_TABLE = (
    "Kratom doses reported\n\n"
    "Name\tDose\tEffect\nAlice\t2 g\tless pain\nBob\t5 g\tnausea\n\n"
    "Kratom is a tree native to Southeast Asia, and its leaves are sold as powder.\n\n"
    "\tAn indented paragraph says kratom\n\thelps some users sleep.\n"
)


def test_a_table_pasted_from_a_spreadsheet_is_one_block_of_rows(
    cli, make_workspace: Callable[..., Path]
) -> None:
    root = make_workspace({"doses.txt": TAB_TABLE, "rows.txt": TAB_TABLE.split("\n\n", 1)[1]})
    found = [(b.kind, TAB_TABLE[b.start : b.end]) for b in text_blocks(TAB_TABLE)]
    assert found == [
        (BlockKind.HEADING, "Kratom doses reported"),
        (BlockKind.CODE, "Name\tDose\tEffect\nAlice\t2 g\tless pain\nBob\t5 g\tnausea"),
        (BlockKind.PARAGRAPH, found[2][1]),
        (BlockKind.PARAGRAPH, "An indented paragraph says kratom\n\thelps some users sleep."),
    ]  # a tab-indented paragraph is no table
    rows = {row["id"]: row for row in json.loads(cli("docs", root, "--json").stdout)}
    assert rows["doses.txt"]["sentences"] == 3  # the heading and two paragraphs, no rows
    assert rows["rows.txt"]["title"] == "Name Dose Effect"  # the table's header, not all of it


def test_an_html_block_is_cut_into_sentences_where_a_browser_breaks_its_lines() -> None:
    text = (
        "<details>\n<summary>Methods</summary>\n"
        "The researchers surveyed 2,798 adults who used kratom.\n</details>\n\n"
        "<p>Kratom relieves pain in most users.</p>\n"
    )
    document = document_from_bytes("x.md", text.encode(), markdown=True)
    assert [document.sentence_text(i) for i in range(len(document.sentences))] == [
        "Methods",
        "The researchers surveyed 2,798 adults who used kratom.",
        "Kratom relieves pain in most users.",
    ]  # no sentence of a "</details>" alone, and the summary is no sentence's first word
