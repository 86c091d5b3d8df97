"""The claim synopsis: grouping claims across documents, and ``synoptic synopsis``."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLE_DIR, SAMPLE_IDS

from corpus.claim_rules import load_rules
from corpus.claims import assess_document
from corpus.document import load_document
from corpus.passages import build_index
from corpus.synopsis import build_synopsis, contains_all, excerpt, group_words, order_key
from corpus.text import WORD_CUT_REACH, one_line
from corpus.workspace import Workspace


@pytest.fixture(scope="module")
def sample() -> tuple[object, dict[str, str]]:
    workspace = Workspace.open(SAMPLE_DIR)
    documents = [workspace.load(doc_id) for doc_id in workspace.document_ids]
    rules, _ = load_rules(SAMPLE_DIR)
    kinds = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    return build_index(documents, kinds), {d.id: d.text for d in documents}


def test_every_claim_is_in_exactly_one_group_with_one_passage_per_document(sample) -> None:
    index, texts = sample
    groups = build_synopsis(index, texts)
    claims = {(p.doc_id, p.start) for p in index.passages if p.kind is not None}
    placed = Counter((p.doc_id, p.start) for g in groups for p in g.passages.values())
    assert set(placed) == claims
    assert max(placed.values()) == 1
    for group in groups:
        assert all(doc == p.doc_id for doc, p in group.passages.items())
        assert group.size == len(group.passages) >= 1
        assert 0 < group.cohesion <= 1
        assert len(group.links) == group.size - 1, "a group is a tree of mutual best matches"


def test_groups_come_most_widely_made_first_and_ids_are_stable(sample) -> None:
    index, texts = sample
    groups = build_synopsis(index, texts)
    sizes = [g.size for g in groups]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(1 for s in sizes if s > 1) >= 20, "the articles repeat each other a lot"
    again = build_synopsis(index, texts)
    assert [g.id for g in again] == [g.id for g in groups]
    assert len({g.id for g in groups}) == len(groups)


def test_the_alkaloid_claim_is_grouped_across_the_articles(sample) -> None:
    index, texts = sample
    groups = build_synopsis(index, texts)
    alkaloids = [
        g
        for g in groups
        if g.size >= 4
        and all("mitragynine" in texts[d][p.start : p.end] for d, p in g.passages.items())
    ]
    # every article names the two alkaloids; some more than once, so they may fill two rows
    assert alkaloids, "no row of four or five articles naming mitragynine"
    assert set().union(*(g.passages for g in alkaloids)) == set(SAMPLE_IDS)
    assert all(g.kind == "mechanism" for g in alkaloids)


DEV_ARTICLES = Path(__file__).parent / "data" / "dev" / "articles"


@pytest.fixture(scope="module")
def wider() -> tuple[object, dict[str, str]]:
    """The sample and the development articles (kava, ashwagandha) in one workspace: twelve
    documents on three topics, so many claims have no partner and some several."""
    documents = [
        load_document(path, path.name)
        for path in [*sorted(SAMPLE_DIR.glob("*.txt")), *sorted(DEV_ARTICLES.glob("*.txt"))]
    ]
    rules, _ = load_rules(SAMPLE_DIR)
    kinds = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    return build_index(documents, kinds), {d.id: d.text for d in documents}


def test_groups_join_exactly_the_claims_the_reader_shows_as_each_other_s_best(wider) -> None:
    """The synopsis must not disagree with the reader's ``m``: a link is two claims that
    ``match`` gives as each other's best passage, with the score it shows."""
    index, texts = wider
    best: dict[tuple[str, int], dict[str, tuple[tuple[str, int], float]]] = {}
    for passage in index.passages:
        if passage.kind is not None:
            text = texts[passage.doc_id][passage.start : passage.end]
            result = index.match(passage.doc_id, passage.start, passage.end, text)
            best[passage.doc_id, passage.start] = {
                m.passage.doc_id: ((m.passage.doc_id, m.passage.start), m.score)
                for m in result.matches
            }
    mutual = {
        (min(a, b), max(a, b)): score
        for a, targets in best.items()
        for b, score in targets.values()
        if b in best and best[b].get(a[0], (None,))[0] == a and a < b
    }
    groups = build_synopsis(index, texts)
    group_of = {(p.doc_id, p.start): g.id for g in groups for p in g.passages.values()}
    assert set(group_of) == set(best)
    linked = Counter((frozenset((d1, d2)), s) for g in groups for d1, d2, s in g.links)
    within = Counter(
        (frozenset((a[0], b[0])), s) for (a, b), s in mutual.items() if group_of[a] == group_of[b]
    )
    assert linked and not linked - within, "every link is a mutual best match, with its score"
    for (a, b), _ in mutual.items():
        if group_of[a] != group_of[b]:
            # refused only because the two groups already had a passage of one document
            left = {p.doc_id for g in groups if g.id == group_of[a] for p in g.passages.values()}
            right = {p.doc_id for g in groups if g.id == group_of[b] for p in g.passages.values()}
            assert left & right
    assert sum(1 for g in groups if g.size >= 3) >= 10


def test_a_cancelled_synopsis_stops_and_progress_reaches_the_end(sample) -> None:
    index, texts = sample
    assert build_synopsis(index, texts, cancelled=lambda: True) == []
    seen: list[tuple[int, int]] = []
    build_synopsis(index, texts, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] > 0


def test_documents_without_claims_give_an_empty_synopsis(make_workspace) -> None:
    root = make_workspace({"a.txt": "Hello there.\n", "b.txt": "Good morning.\n"})
    workspace = Workspace.open(root)
    documents = [workspace.load(d) for d in workspace.document_ids]
    assert build_synopsis(build_index(documents), {d.id: d.text for d in documents}) == []


def test_cli_synopsis_json(cli) -> None:
    result = cli("synopsis", str(SAMPLE_DIR), "--json")
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)
    assert groups and all(
        set(g) == {"id", "documents", "kind", "cohesion", "passages"} for g in groups
    )
    assert [g["documents"] for g in groups] == sorted(
        (g["documents"] for g in groups), reverse=True
    )
    for group in groups:
        assert group["documents"] == len(group["passages"])
        for cell in group["passages"]:
            text = (SAMPLE_DIR / cell["doc"]).read_text(encoding="utf-8")
            assert text[cell["start"] : cell["end"]] == cell["text"]


def test_cli_synopsis_min_docs_and_table(cli) -> None:
    result = cli("synopsis", str(SAMPLE_DIR), "--min-docs", "4", "--json")
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)
    assert groups and all(g["documents"] >= 4 for g in groups)
    table = cli("synopsis", str(SAMPLE_DIR), "--min-docs", "5")
    assert table.returncode == 0, table.stderr
    assert "5 documents" in table.stdout and "mitragynine" in table.stdout


def test_cli_synopsis_of_a_missing_workspace_is_a_clear_error(cli, tmp_path) -> None:
    result = cli("synopsis", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr


def test_cli_synopsis_of_documents_without_claims_says_why_not_blames_filters(
    cli, make_workspace
) -> None:
    root = make_workspace(
        {
            "code.md": "\tKratom relieves pain in many users.\n\tStudies show it works.\n",
            "headings.md": "# Kratom\n\n## Its effects\n",
        }
    )
    result = cli("synopsis", root)
    assert result.returncode == 0 and result.stdout == ""
    assert "note: code.md has no sentences, so no claims: it is indented" in result.stderr
    assert "no claim found" in result.stderr
    assert "filters" not in result.stderr  # none was given


def test_orders_and_the_word_filter(sample) -> None:
    index, texts = sample
    groups = build_synopsis(index, texts)
    shared = [g for g in groups if g.size > 1]
    by_agreement = sorted(groups, key=lambda g: order_key(g, "agreement"))
    assert by_agreement[: len(shared)] == sorted(shared, key=lambda g: -g.cohesion)
    assert all(g.size == 1 for g in by_agreement[len(shared) :]), "lone claims agree with none"
    fewest = sorted(groups, key=lambda g: order_key(g, "documents", fewest_first=True))
    assert [g.size for g in fewest] == sorted(g.size for g in groups)
    kinds = [g.kind for g in sorted(groups, key=lambda g: order_key(g, "kind"))]
    assert kinds == sorted(kinds, key=lambda k: (k is None, k or ""))
    second = SAMPLE_IDS[1]
    reading = sorted(groups, key=lambda g: order_key(g, f"doc:{second}"))
    starts = [g.passages[second].start for g in reading if second in g.passages]
    assert starts == sorted(starts) and len(starts) > 3
    assert all(second not in g.passages for g in reading[len(starts) :])
    with pytest.raises(ValueError, match="unknown order"):
        order_key(groups[0], "alphabetical")
    words = group_words(groups[0], texts)
    assert words == words.casefold() and "  " not in words
    assert contains_all(words, "") and contains_all(words, words.split()[0].upper())
    assert not contains_all(words, f"{words.split()[0]} zzzunlikely")
    curly = next(g for g in groups if "\u2019s " in " ".join(
        texts[d][p.start : p.end] for d, p in g.passages.items()
    ))  # fmt: skip
    said = " ".join(texts[d][p.start : p.end] for d, p in curly.passages.items())
    word = next(w for w in said.split() if w.endswith("\u2019s"))
    typed = word.replace("\u2019", "'").upper()  # as a plain keyboard types it
    assert contains_all(group_words(curly, texts), typed)
    assert contains_all(group_words(curly, texts), word)


def test_cli_synopsis_contains_and_order(cli) -> None:
    result = cli(
        "synopsis",
        str(SAMPLE_DIR),
        "--contains",
        "Opioid receptors",
        "--order",
        "agreement",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)
    assert groups
    for group in groups:
        words = " ".join(cell["text"] for cell in group["passages"]).casefold()
        assert "opioid" in words and "receptors" in words
    shared = [g["cohesion"] for g in groups if g["documents"] > 1]
    assert shared == sorted(shared, reverse=True)
    second = SAMPLE_IDS[1]
    reading = json.loads(cli("synopsis", str(SAMPLE_DIR), "--order", second, "--json").stdout)
    starts = [c["start"] for g in reading for c in g["passages"] if c["doc"] == second]
    assert starts == sorted(starts)
    table = cli("synopsis", str(SAMPLE_DIR), "--contains", "supervision")
    rows = re.split(r" \d+ documents? ", table.stdout)[1:]  # each group's passages, as printed
    # the word or another form of it ("supervised"), as the reader's filter finds them
    assert rows and all("supervis" in row.casefold() for row in rows), "a late word is shown"
    assert any("supervised" in row for row in rows)
    none = cli("synopsis", str(SAMPLE_DIR), "--contains", "zzzunlikely")
    assert none.returncode == 0 and none.stdout == "" and "no claim" in none.stderr
    bad = cli("synopsis", str(SAMPLE_DIR), "--order", "alphabetical")
    assert bad.returncode != 0 and "alphabetical" in bad.stderr and "Traceback" not in bad.stderr


PASSAGE = (
    "Kratom, a tropical evergreen tree native to Southeast Asia,\n  has garnered attention in the "
    "realm of natural remedies for mood disorders, including the patient\u2019s anxiety."
)


def test_an_excerpt_without_a_filter_is_the_passage_s_start() -> None:
    assert excerpt(PASSAGE, "", 60) == (one_line(PASSAGE, 60), [])
    line, hits = excerpt(PASSAGE, "tropical", 60)
    assert line == one_line(PASSAGE, 60) and [line[a:b] for a, b in hits] == ["tropical"]


def test_an_excerpt_starts_before_a_word_that_a_cell_would_cut_off() -> None:
    line, hits = excerpt(PASSAGE, "ANXIETY patient's", 60)
    assert len(line) <= 60
    assert line.startswith("\N{HORIZONTAL ELLIPSIS}") and line.endswith("anxiety.")
    assert line[1] != " " and f" {line[1:].split()[0]} " in f" {' '.join(PASSAGE.split())} "
    assert [line[a:b] for a, b in hits] == ["patient\u2019s", "anxiety"]


def test_an_excerpt_of_a_long_passage_ends_in_an_ellipsis_and_lights_only_what_shows() -> None:
    long = PASSAGE + " More about anxiety follows here." * 5
    line, hits = excerpt(long, "anxiety", 60)
    # cut between two words, so up to WORD_CUT_REACH short of the limit
    assert 60 - WORD_CUT_REACH <= len(line) <= 60
    assert line[0] == line[-1] == "\N{HORIZONTAL ELLIPSIS}" and line[-2] != " "
    assert all(b <= 59 for _, b in hits) and all(line[a:b] == "anxiety" for a, b in hits)
    assert len(hits) >= 2


def test_cli_synopsis_csv_is_the_table_for_a_spreadsheet(cli) -> None:
    import csv
    import io

    result = cli("synopsis", str(SAMPLE_DIR), "--csv", "--order", "agreement")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["claim", "documents", "kind", "agreement", *SAMPLE_IDS]
    listed = json.loads(cli("synopsis", str(SAMPLE_DIR), "--order", "agreement", "--json").stdout)
    assert [row[0] for row in rows[1:]] == [group["id"] for group in listed]
    for row, group in zip(rows[1:], listed, strict=True):
        assert int(row[1]) == group["documents"] == sum(1 for cell in row[4:] if cell)
        said = {cell["doc"]: " ".join(cell["text"].split()) for cell in group["passages"]}
        assert {doc: row[4 + n] for n, doc in enumerate(SAMPLE_IDS) if row[4 + n]} == said
        assert (row[3] == "") == (group["documents"] == 1)
    both = cli("synopsis", str(SAMPLE_DIR), "--csv", "--json")
    assert both.returncode == 2 and "one of them" in both.stderr


def test_cli_synopsis_csv_file_opens_as_utf8_in_a_spreadsheet_and_keeps_the_export_rules(
    cli, tmp_path: Path
) -> None:
    import csv

    out = tmp_path / "table.csv"
    result = cli("synopsis", str(SAMPLE_DIR), "--csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and "Wrote" in result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel reads a CSV as UTF-8 only with the mark"
    assert not cli("synopsis", str(SAMPLE_DIR), "--csv").stdout.startswith("\ufeff")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["claim", "documents", "kind", "agreement", *SAMPLE_IDS]
    assert any("\N{RIGHT SINGLE QUOTATION MARK}" in cell for row in rows for cell in row)
    again = cli("synopsis", str(SAMPLE_DIR), "--csv", "-o", str(out), "--min-docs", "3")
    assert again.returncode == 0, "an earlier synopsis file, mark and all, may be replaced"
    assert len(out.read_bytes()) < len(data)
    mine = tmp_path / "mine.csv"
    mine.write_bytes(b"\xef\xbb\xbfmy,own,table\n")
    refused = cli("synopsis", str(SAMPLE_DIR), "--csv", "-o", str(mine))
    assert refused.returncode != 0 and "not an earlier Synoptic export" in refused.stderr
    assert mine.read_bytes() == b"\xef\xbb\xbfmy,own,table\n"


def test_synopsis_csv_defuses_formulas_and_control_characters() -> None:
    import csv
    import io

    from corpus.passage_vectors import Passage
    from corpus.synopsis import ClaimGroup, synopsis_csv

    texts = {
        "=cmd.txt": '=HYPERLINK("http://evil") kratom eases pain.',
        "b.txt": "@SUM(1) kratom \x1b[31meases\x1b[0m\n  pain.",
        "c.txt": "Nothing on it.",
    }
    passages = {d: Passage(d, 0, 0, len(t), 0.0, "efficacy") for d, t in texts.items()}
    del passages["c.txt"]
    group = ClaimGroup("g1", passages, "efficacy", 0.5)
    rows = list(csv.reader(io.StringIO(synopsis_csv([group], texts, list(texts)))))
    assert rows[0][4:] == ["'=cmd.txt", "b.txt", "c.txt"]
    assert rows[1][:4] == ["g1", "2", "efficacy", "0.50"]
    first, second, third = rows[1][4:]
    assert first == "'" + texts["=cmd.txt"]
    assert second == "'@SUM(1) kratom \u241b[31meases\u241b[0m pain."
    assert third == ""


def test_synopsis_csv_headers_name_each_document_as_it_is_shown_elsewhere() -> None:
    """A file name with a newline or an escape sequence makes one inert header line, and a
    column stays told apart from a document whose name differs only in that character."""
    import csv
    import io

    from corpus.passage_vectors import Passage
    from corpus.synopsis import ClaimGroup, synopsis_csv
    from corpus.text import inert

    ids = ["bad\nname.txt", "bad name.txt", "\x1b]0;title\x07.txt", "-1+2.txt", "\rx.txt"]
    texts = {doc_id: "Kratom eases pain." for doc_id in ids}
    passages = {d: Passage(d, 0, 0, 18, 0.0, "efficacy") for d in ids}
    table = synopsis_csv([ClaimGroup("g1", passages, "efficacy", 0.5)], texts, ids)
    assert len(table.splitlines()) == 2, "a header line and a row, nothing broken in between"
    header = next(csv.reader(io.StringIO(table)))[4:]
    assert header == [
        "bad\u240aname.txt",
        "bad name.txt",
        "\u241b]0;title\u2407.txt",
        "'-1+2.txt",
        "\u240dx.txt",
    ]
    assert inert("".join(header)) == "".join(header)


def test_cli_synopsis_csv_with_a_column_added_in_a_spreadsheet_is_not_overwritten(
    cli, tmp_path: Path
) -> None:
    """A spreadsheet saves the table back with its mark and the user's column: the file still
    starts like an earlier export, but replacing it would lose the column."""
    out = tmp_path / "table.csv"
    assert cli("synopsis", str(SAMPLE_DIR), "--csv", "-o", str(out)).returncode == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    saved = "\ufeff" + "\r\n".join(f"{line},my verdict" for line in lines) + "\r\n"
    out.write_bytes(saved.encode("utf-8"))
    refused = cli("synopsis", str(SAMPLE_DIR), "--csv", "-o", str(out))
    assert refused.returncode == 1 and "changed since Synoptic wrote it" in refused.stderr
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    assert out.read_bytes() == saved.encode("utf-8")
    forced = cli("synopsis", str(SAMPLE_DIR), "--csv", "-o", str(out), "--force")
    assert forced.returncode == 0 and "my verdict" not in out.read_text(encoding="utf-8")


NEAR_COPIES = (
    "Kratom is a tropical tree native to Southeast Asia. Studies suggest that mitragynine, its "
    "main alkaloid, may relieve chronic pain in adults. Users report that high doses cause "
    "nausea and constipation. Regulators in several countries have banned its sale.\n"
)
"""Claims that a second document copies with one mark changed and a third word for word."""


def near_copy_workspace(make_workspace) -> Path:
    changed = NEAR_COPIES.replace("in adults.", "in adults!")
    same = NEAR_COPIES.replace("Kratom is", "KRATOM  is")  # case and spacing are not the text
    return make_workspace({"a.txt": NEAR_COPIES, "b.txt": changed, "c.txt": same})


def test_agreement_shows_1_only_when_every_passage_is_identical(make_workspace, cli) -> None:
    import csv
    import io

    root = near_copy_workspace(make_workspace)
    workspace = Workspace.open(root)
    documents = [workspace.load(doc_id) for doc_id in workspace.document_ids]
    rules, _ = load_rules(root)
    kinds = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    texts = {d.id: d.text for d in documents}
    for ids in (["a.txt", "b.txt"], ["a.txt", "b.txt", "c.txt"]):
        chosen = [d for d in documents if d.id in ids]
        groups = build_synopsis(build_index(chosen, kinds), texts)
        by_start = {next(iter(g.passages.values())).start: g for g in groups}
        pain = by_start[NEAR_COPIES.index("Studies")]
        assert pain.size == len(ids) and not pain.identical
        assert f"{pain.cohesion:.2f}" == "1.00", "near-copies: the mean rounds to 1"
        assert pain.shown_agreement == 0.99
        nausea = by_start[NEAR_COPIES.index("Users")]
        assert nausea.identical and nausea.shown_agreement == nausea.cohesion == 1.0

    table = cli("synopsis", str(root), "--csv")
    assert table.returncode == 0, table.stderr
    agreement = {row[4][:5]: row[3] for row in csv.reader(io.StringIO(table.stdout))}
    assert agreement["Studi"] == "0.99"
    assert agreement["Users"] == "1.00"
    listed = json.loads(cli("synopsis", str(root), "--json").stdout)
    exact = {g["passages"][0]["text"][:5]: g["cohesion"] for g in listed}
    assert exact["Studi"] > 0.99, "the JSON keeps the exact mean"


def test_a_synopsis_of_many_documents_holds_no_claims_by_documents_table() -> None:
    """Two thousand short articles that all share words took gigabytes: every claim's best
    passage in every document was held as a table, then spread into arrays of every cell.
    What a synopsis holds must grow with the links it finds, not with claims x documents."""
    import random
    import tracemalloc

    from corpus.document import document_from_bytes

    chooser = random.Random(5)

    def word() -> str:
        return "".join(chooser.choice("bdgklmnprstvz") + chooser.choice("aeiou") for _ in range(4))

    lines = [f"{word()} {word()} {word()}.\n".encode() for _ in range(1200)]
    documents = [
        document_from_bytes(f"{n:04d}.txt", line, markdown=False) for n, line in enumerate(lines)
    ]
    index = build_index(documents, {d.id: ["effect"] for d in documents})
    texts = {d.id: d.text for d in documents}
    build_synopsis(index, texts)  # the caches a first synopsis fills are not what is measured
    tracemalloc.start()
    try:
        groups = build_synopsis(index, texts)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(groups) == len(documents)
    assert peak < len(documents) * len(documents) * 4, f"{peak / 2**20:.1f} MB"


def test_a_claim_is_asked_only_about_earlier_documents_it_could_link_with(wider) -> None:
    """Every claim of an earlier document has been asked when a claim's turn comes: a document
    none of whose claims chose this one can form no link with it, and is not asked about. The
    documents that are asked get the very answer of a full question, to the last bit."""
    from corpus.mutual_links import MutualLinks

    index, texts = wider
    claims = [n for n, p in enumerate(index.passages) if p.kind is not None]
    links = MutualLinks(claims, list(index.by_document.values()))
    chose: dict[int, set[int]] = {}  # claim -> the documents with a claim choosing it
    document_of = {n: d for d, span in enumerate(index.by_document.values()) for n in span}
    left_out = 0
    for number in claims:
        passage = index.passages[number]
        text = texts[passage.doc_id][passage.start : passage.end]
        full = index.best_in_documents(number, text)
        wanted = links.documents_for(number)
        own = document_of[number]
        assert not wanted[own] and wanted[own + 1 :].all()
        assert set(wanted[:own].nonzero()[0].tolist()) == chose.get(number, set())
        left_out += own - int(wanted[:own].sum())
        asked = index.best_in_documents(number, text, documents=wanted)
        keep = wanted[full[0]]
        for mine, theirs in zip(asked, full, strict=True):
            assert mine.tobytes() == theirs[keep].tobytes()
        for target in full[1].tolist():
            if target > number and index.passages[target].kind is not None:
                chose.setdefault(target, set()).add(own)
        links.add(number, full[1], full[2])
    earlier = sum(document_of[n] for n in claims)
    assert left_out > earlier // 3, "most earlier documents chose none of a claim's words"
