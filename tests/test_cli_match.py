"""``synoptic match``: the JSON shape, the query forms and their errors."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_DIR, SAMPLE_IDS

SOURCE = SAMPLE_IDS[2]
FIRST = (SAMPLE_DIR / SOURCE).read_text(encoding="utf-8").split(". ")[0] + "."


def test_match_by_offset_gives_the_best_passage_of_each_other_document(cli) -> None:
    result = cli("match", "--doc", SOURCE, "--offset", "5", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"query", "matches", "unmatched"}
    query = payload["query"]
    assert set(query) == {"doc", "start", "end", "text"}
    assert (query["doc"], query["start"], query["text"]) == (SOURCE, 0, FIRST)
    matches = payload["matches"]
    assert matches, "the sample's opening sentence has paraphrases in the other articles"
    assert all(
        set(m) == {"doc", "start", "end", "text", "score", "identical", "shared"} for m in matches
    )
    docs = [m["doc"] for m in matches]
    # every other document is either matched or named as having no good match
    assert sorted([*docs, *payload["unmatched"]]) == [d for d in SAMPLE_IDS if d != SOURCE]
    assert all(m["shared"] and all(isinstance(t, str) for t in m["shared"]) for m in matches)
    assert "tropic" in matches[0]["shared"]  # the terms behind the match: stems and concepts
    assert SOURCE not in docs
    assert len(docs) == len(set(docs))  # --per-doc defaults to 1
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    for m in matches:
        text = (SAMPLE_DIR / m["doc"]).read_text(encoding="utf-8")
        assert text[m["start"] : m["end"]] == m["text"]
    assert "tropical" in matches[0]["text"]


def test_per_doc_gives_up_to_k_passages_per_document(cli) -> None:
    result = cli("match", "--doc", SOURCE, "--offset", "0", "--per-doc", "3", "--json")
    assert result.returncode == 0, result.stderr
    counts: dict[str, int] = {}
    for m in json.loads(result.stdout)["matches"]:
        counts[m["doc"]] = counts.get(m["doc"], 0) + 1
    assert max(counts.values()) > 1
    assert max(counts.values()) <= 3


def test_match_by_quote_uses_the_quoted_span(cli) -> None:
    quote = "tropical evergreen tree's extract from Southeast Asia"
    result = cli("match", "--doc", SOURCE, "--quote", quote, "--json")
    assert result.returncode == 0, result.stderr
    query = json.loads(result.stdout)["query"]
    assert query["text"] == quote
    text = (SAMPLE_DIR / SOURCE).read_text(encoding="utf-8")
    assert text[query["start"] : query["end"]] == quote


def test_absent_and_ambiguous_quotes_are_clear_errors(cli) -> None:
    absent = cli("match", "--doc", SOURCE, "--quote", "no such words anywhere here")
    ambiguous = cli("match", "--doc", SOURCE, "--quote", "Kratom")
    for result, words in ((absent, "does not occur"), (ambiguous, "occurs")):
        assert result.returncode == 1
        assert result.stdout == ""
        assert words in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_repeated_quote_is_chosen_with_occurrence(cli) -> None:
    text = (SAMPLE_DIR / SOURCE).read_text(encoding="utf-8")
    copies = text.count("Kratom")
    assert copies > 1
    second = cli("match", "--doc", SOURCE, "--quote", "Kratom", "--occurrence", "2", "--json")
    assert second.returncode == 0, second.stderr
    place = text.index("Kratom", text.index("Kratom") + 1)
    query = json.loads(second.stdout)["query"]
    assert query["start"] <= place < query["end"]
    beyond = cli("match", "--doc", SOURCE, "--quote", "Kratom", "--occurrence", str(copies + 1))
    assert beyond.returncode == 1 and "is not one of them" in beyond.stderr
    # what was typed (exit 2, with the usage line) as against what the data says (exit 1)
    empty = cli("match", "--doc", SOURCE, "--quote", "  ")
    assert empty.returncode == 2
    assert empty.stderr.startswith("synoptic: Invalid value for '--quote': The quote is empty. See")
    alone = cli("match", "--doc", SOURCE, "--offset", "0", "--occurrence", "2")
    assert alone.returncode == 2 and "give --quote too" in alone.stderr


def test_query_form_and_document_errors(cli, tmp_path) -> None:
    """A query form mistyped is refused before the workspace is read (exit 2, so even a
    workspace that does not exist is not the error); a document or offset the data does not
    have is found after (exit 1)."""
    missing = tmp_path / "no-such-workspace"
    neither = cli("match", missing, "--doc", SOURCE)
    both = cli("match", missing, "--doc", SOURCE, "--offset", "0", "--quote", "Kratom")
    blank = cli("match", missing, "--doc", SOURCE, "--quote", "")
    negative = cli("match", missing, "--doc", SOURCE, "--offset", "-1")
    none_per_doc = cli("match", missing, "--doc", SOURCE, "--offset", "0", "--per-doc", "0")
    zeroth = cli("match", missing, "--doc", SOURCE, "--quote", "Kratom", "--occurrence", "0")
    for result in (neither, both, blank, negative, none_per_doc, zeroth):
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
        assert result.stderr.startswith("synoptic: ") and result.stderr.count("\n") == 1
        assert result.stderr.endswith(" See 'synoptic match --help'.\n")
        assert str(missing) not in result.stderr
    assert "synoptic: Give exactly one of --offset N and --quote TEXT. See" in neither.stderr
    assert "exactly one of" in both.stderr and "The quote is empty." in blank.stderr
    unknown = cli("match", "--doc", "nope.txt", "--offset", "0")
    past_end = cli("match", "--doc", SOURCE, "--offset", "99999999")
    for result in (unknown, past_end):
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("synoptic: ")
    assert "nope.txt" in unknown.stderr


def test_a_document_with_nothing_alike_is_named_on_stderr(cli, make_workspace) -> None:
    root = make_workspace(
        {
            "a.txt": "Kratom contains mitragynine, an alkaloid that binds opioid receptors.\n",
            "b.txt": "The harbour ferry departs at noon and returns before the evening tide.\n",
        }
    )
    result = cli("match", root, "--doc", "a.txt", "--offset", "0", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["matches"] == []
    assert json.loads(result.stdout)["unmatched"] == ["b.txt"]
    assert "no good match in b.txt" in result.stderr


def test_a_workspace_of_one_document_says_there_is_nothing_to_match(cli, make_workspace) -> None:
    root = make_workspace({"a.txt": "Kratom contains mitragynine, an alkaloid.\n"})
    result = cli("match", root, "--doc", "a.txt", "--offset", "0", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["matches"] == []
    assert "no other readable document" in result.stderr


def test_a_quote_typed_with_straight_quotes_and_a_line_break_finds_the_passage(cli) -> None:
    typed = "interact with the brain's receptors,\npotentially offering anxiolytic effects"
    result = cli("match", "--doc", SOURCE, "--quote", typed, "--json")
    assert result.returncode == 0, result.stderr
    query = json.loads(result.stdout)["query"]
    text = (SAMPLE_DIR / SOURCE).read_text(encoding="utf-8")
    assert query["text"] == text[query["start"] : query["end"]]
    assert query["text"] == typed.replace("'", "\u2019").replace("\n", " ")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("    Kratom relieves pain in many users.\n    It is sold in smoke shops.\n", "indented"),
        ("\tKratom relieves pain in many users.\n\tIt is sold in smoke shops.\n", "indented"),
        ("```\nKratom relieves pain in many users.\n```\n", "all code blocks"),
        ("", "is empty"),
    ],
)
def test_a_document_without_sentences_says_why_there_is_nothing_to_match(
    cli, make_workspace, content: str, says: str
) -> None:
    root = make_workspace(
        {"query.md": content, "other.txt": "Kratom relieves pain in many users.\n"}
    )
    result = cli("match", root, "--doc", "query.md", "--offset", "0")
    assert result.returncode == 1
    assert result.stderr.startswith("synoptic: query.md has no sentences to match: it ")
    assert says in result.stderr and "Traceback" not in result.stderr


def test_a_near_copy_is_shown_below_1_and_only_the_very_text_at_1(cli, make_workspace) -> None:
    before, after = "Kratom is sold in smoke shops.", "Researchers remain cautious about it."
    claim = "The owner said the leaves bring fine relief from chronic pain."
    root = make_workspace(
        {
            "a.txt": f"{before} {claim} {after}\n",
            "b.txt": f"{before} {claim.replace('chronic', 'severe')} {after}\n",
            "c.txt": f"{before} {claim} {after}\n",
        }
    )
    offset = str(len(before) + 1)
    table = cli("match", root, "--doc", "a.txt", "--offset", offset)
    assert table.returncode == 0, table.stderr
    scores = {
        line.split()[1].split(":")[0]: line.split()[0]
        for line in table.stdout.splitlines()
        if line.startswith("  ") and ":" in line and line.split()[0][0].isdigit()
    }
    assert scores == {"c.txt": "1.000", "b.txt": "0.990"}
    result = cli("match", root, "--doc", "a.txt", "--offset", offset, "--json")
    matches = {m["doc"]: m for m in json.loads(result.stdout)["matches"]}
    assert matches["c.txt"]["identical"] is True and matches["c.txt"]["score"] == 1.0
    assert matches["b.txt"]["identical"] is False and 0 <= matches["b.txt"]["score"] < 1


def test_match_help_says_what_each_option_is_for(cli) -> None:
    """--per-doc had no help at all, and --offset and --per-doc read "INTEGER RANGE", click's
    word for its own type, not what to give."""
    said = cli("match", "--help").stdout
    assert "INTEGER RANGE" not in said
    assert "--per-doc N" in said and "best matches in each other document" in " ".join(said.split())
    assert "--offset N" in said


def test_many_documents_with_nothing_alike_are_one_line_on_stderr(cli, make_workspace) -> None:
    """In a folder of 300 licences and articles, a line per unmatched document (281 of them)
    buried the few matches on the terminal."""
    others = {
        f"other{n}.txt": f"The harbour ferry number {n} departs at noon before the tide.\n"
        for n in range(7)
    }
    root = make_workspace(
        {"a.txt": "Kratom contains mitragynine, an alkaloid that binds opioid receptors.\n"}
        | others
    )
    result = cli("match", root, "--doc", "a.txt", "--offset", "0", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unmatched"] == sorted(others)
    assert result.stderr.splitlines() == [
        "synoptic: no good match in 7 documents: other0.txt, other1.txt, other2.txt, "
        "other3.txt and 3 more (--json lists them all under unmatched)"
    ]


E_MAIL = (
    "From: Ann <ann@example.org>\nSubject: Re: kratom\n\n"
    "Thanks for the paper.\n\n"
    "On Tue, Bob wrote:\n"
    "> It was a\n"
    "> randomised trial of kratom for chronic pain in adults.\n"
)


def test_a_quote_copied_without_an_e_mail_s_markers_names_the_quoted_passage(
    cli, make_workspace
) -> None:
    """The reader and ``synoptic claims`` show the quoted sentence without the ``>`` of its
    second line; that is what people copy into --quote, for match and note add alike."""
    root = make_workspace(
        {"mail.txt": E_MAIL, "paper.txt": "A randomised trial of kratom for chronic pain.\n"}
    )
    quote = "It was a randomised trial of kratom"
    result = cli("match", root, "--doc", "mail.txt", "--quote", quote, "--json")
    assert result.returncode == 0, result.stderr
    query = json.loads(result.stdout)["query"]
    assert query["text"] == "It was a\n> randomised trial of kratom"
    assert E_MAIL[query["start"] : query["end"]] == query["text"]
    added = cli("note", "add", root, "--doc", "mail.txt", "--quote", quote, "--text", "Which?")
    assert added.returncode == 0, added.stderr
    shown = cli("notes", root, "--json")
    assert [note["quote"] for note in json.loads(shown.stdout)] == [query["text"]]
    absent = cli("match", root, "--doc", "mail.txt", "--quote", "It was a blinded trial")
    assert absent.returncode == 1
    assert "does not occur in mail.txt" in absent.stderr


def test_a_line_of_links_says_it_is_navigation_with_nothing_to_match(cli, make_workspace) -> None:
    contents = (
        "# Kratom and mood\n\n"
        "- [How kratom improves mood and reduces anxiety](#how-kratom-improves-mood)\n\n"
        "Many users say kratom improves their mood and reduces anxiety.\n"
    )
    root = make_workspace(
        {"contents.md": contents, "survey.txt": "Kratom improves mood and reduces anxiety.\n"}
    )
    at = contents.index("[How")
    by_offset = cli("match", root, "--doc", "contents.md", "--offset", str(at + 3), "--json")
    assert (by_offset.returncode, by_offset.stdout) == (1, "")
    assert by_offset.stderr == (
        f"synoptic: The line at offset {at + 3} of contents.md is only links (navigation, like a"
        " table of contents): it states nothing to match.\n"
    )
    by_quote = cli("match", root, "--doc", "contents.md", "--quote", "How kratom improves mood")
    assert by_quote.returncode == 1
    assert "The quoted line of contents.md is only links" in by_quote.stderr
    prose = cli("match", root, "--doc", "contents.md", "--quote", "Many users say", "--json")
    assert prose.returncode == 0, prose.stderr
