"""The synopsis cache: a warm cache gives the very groups the builder gives, the command line
and the reader share it, and nothing that does not fit (a changed document, other rules, other
matching settings, other code, damage of any kind) is ever trusted or reported as an error."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pilot_helpers import wait_for

from corpus.claim_rules import WORKSPACE_RULES, load_rules
from corpus.claims import assess_document
from corpus.passage_cache import open_index
from corpus.synopsis import build_synopsis
from corpus.synopsis_cache import cache_file, cached_synopsis
from corpus.workspace import Workspace
from tui.app import make_app
from tui.screens.synopsis import SynopsisScreen
from tui.widgets.synopsis_table import SynopsisTable

if TYPE_CHECKING:
    from collections.abc import Callable

    from corpus.matching import PassageIndex
    from corpus.model import Document
    from corpus.synopsis import ClaimGroup

MARKER = 0.12345
"""A cohesion no build gives (it rounds to four decimals): seeing it proves the groups were
read from the cache file, not matched again."""


def indexed(root: Path) -> tuple[list[Document], PassageIndex, str]:
    """The workspace's documents, its passage index with claim kinds, and the rules' digest."""
    workspace = Workspace.open(root)
    documents = [workspace.load(doc_id) for doc_id in workspace.document_ids]
    rules, problems = load_rules(root)
    assert not problems
    kinds = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    index, _ = open_index(root, documents, kinds)
    return documents, index, rules.digest


def synopsis(root: Path) -> list[ClaimGroup]:
    documents, index, rules = indexed(root)
    return cached_synopsis(root, documents, index, rules)


def fresh(root: Path) -> list[ClaimGroup]:
    """What the builder says, with no cache anywhere near."""
    documents, index, _ = indexed(root)
    return build_synopsis(index, {d.id: d.text for d in documents})


def cached(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(cache_file(root).read_text(encoding="utf-8"))
    return data


def mark_cache(root: Path) -> None:
    """Give the first cached group :data:`MARKER` as its cohesion (the file stays valid)."""
    data = cached(root)
    data["groups"][0][0] = MARKER
    cache_file(root).write_text(json.dumps(data), encoding="utf-8")


def from_cache(groups: list[ClaimGroup]) -> bool:
    return any(group.cohesion == MARKER for group in groups)


def test_a_warm_synopsis_is_read_from_the_cache_and_is_the_very_build(
    sample_workspace: Path,
) -> None:
    expected = fresh(sample_workspace)
    assert len(expected) > 20
    assert synopsis(sample_workspace) == expected  # cold: built and saved
    assert cache_file(sample_workspace).is_file()
    assert synopsis(sample_workspace) == expected  # warm
    mark_cache(sample_workspace)
    warm = synopsis(sample_workspace)
    assert from_cache(warm), "the warm synopsis was matched again, not read"
    assert [replace(g, cohesion=0) for g in warm] == [replace(g, cohesion=0) for g in expected]


def test_the_command_line_reads_and_writes_the_same_cache(cli, sample_workspace: Path) -> None:
    cold = cli("synopsis", sample_workspace, "--json")
    assert cold.returncode == 0, cold.stderr
    assert cache_file(sample_workspace).is_file()
    mark_cache(sample_workspace)
    warm = cli("synopsis", sample_workspace, "--json")
    assert warm.returncode == 0, warm.stderr
    assert MARKER in [group["cohesion"] for group in json.loads(warm.stdout)]

    # The report's table shows no agreement: a row joining two claims no other document makes
    # (a group the builder never makes) shows that it is read from the same cache.
    before = cli("export", sample_workspace)
    assert before.returncode == 0, before.stderr
    first, second = join_two_lone_claims(sample_workspace)
    report = cli("export", sample_workspace)
    assert report.returncode == 0, report.stderr
    rows = [line for line in report.stdout.splitlines() if line.startswith("| ") and "✓" in line]
    joined = [row for row in rows if row.count("✓") == 2 and first[:30] in row]
    assert joined, f"no row joins {first!r} and {second!r}"
    assert report.stdout != before.stdout


def join_two_lone_claims(root: Path) -> tuple[str, str]:
    """Make the cache's first two claims of one document only (of two documents) one group;
    their texts."""
    data = cached(root)
    order = {d: n for n, d in enumerate(Workspace.open(root).document_ids)}
    lone = [row for row in data["groups"] if len(row[1]) == 1]
    one = lone[0]
    other = next(row for row in lone if row[1][0][0] != one[1][0][0])
    members = sorted([one[1][0], other[1][0]], key=lambda m: order[m[0]])
    data["groups"].remove(one)
    data["groups"].remove(other)
    data["groups"].append([MARKER, members, [[members[0][0], members[1][0], MARKER]]])
    cache_file(root).write_text(json.dumps(data), encoding="utf-8")
    return tuple(  # type: ignore[return-value]
        " ".join((root / doc).read_text(encoding="utf-8")[start:end].split())
        for doc, start, end in members
    )


def edit_a_document(root: Path) -> None:
    path = sorted(root.glob("*.txt"))[1]
    path.write_text(
        path.read_text(encoding="utf-8") + "\nStudies show kratom may ease opioid withdrawal.\n",
        encoding="utf-8",
    )


def write_rules(root: Path) -> None:
    rules = root / WORKSPACE_RULES
    rules.parent.mkdir(exist_ok=True)
    rules.write_text("[decision]\nclaim_score = 2.5\n", encoding="utf-8")


def rename_a_document(root: Path) -> None:
    path = sorted(root.glob("*.txt"))[0]
    path.rename(root / "zz_renamed.txt")


@pytest.mark.parametrize("change", [edit_a_document, write_rules, rename_a_document])
def test_a_changed_workspace_is_grouped_again(
    sample_workspace: Path, change: Callable[[Path], None]
) -> None:
    synopsis(sample_workspace)
    mark_cache(sample_workspace)
    change(sample_workspace)
    expected = fresh(sample_workspace)
    found = synopsis(sample_workspace)
    assert not from_cache(found)
    assert found == expected
    assert synopsis(sample_workspace) == expected  # and the cache now holds the new groups


def test_rules_that_name_the_same_claims_still_key_the_cache(sample_workspace: Path) -> None:
    documents, index, rules = indexed(sample_workspace)
    cached_synopsis(sample_workspace, documents, index, rules)
    mark_cache(sample_workspace)
    assert not from_cache(cached_synopsis(sample_workspace, documents, index, "other rules"))


def test_a_claim_mark_changes_the_groups_and_the_cache_follows(sample_workspace: Path) -> None:
    documents, index, rules = indexed(sample_workspace)
    cached_synopsis(sample_workspace, documents, index, rules)
    mark_cache(sample_workspace)
    first = documents[0]
    rules_now, _ = load_rules(sample_workspace)
    kinds = [a.kind for a in assess_document(first, rules_now)]
    unmarked = kinds.copy()
    unmarked[next(n for n, kind in enumerate(kinds) if kind)] = None
    assert index.set_kinds(first.id, unmarked)  # the user marked a claim "not a claim"
    found = cached_synopsis(sample_workspace, documents, index, rules)
    assert not from_cache(found)
    assert found == build_synopsis(index, {d.id: d.text for d in documents})


@pytest.mark.parametrize(
    "setting", [{"no_match_below": 0.5}, {"rerank": 2}, {"digest": "another matching.toml"}]
)
def test_other_matching_settings_are_grouped_again(
    sample_workspace: Path, setting: dict[str, Any]
) -> None:
    documents, index, rules = indexed(sample_workspace)
    cached_synopsis(sample_workspace, documents, index, rules)
    mark_cache(sample_workspace)
    other = index.with_vocabulary(replace(index.vocabulary, **setting))
    found = cached_synopsis(sample_workspace, documents, other, rules)
    assert not from_cache(found)
    assert found == build_synopsis(other, {d.id: d.text for d in documents})


def test_groups_cached_by_other_code_are_not_reused(sample_workspace: Path) -> None:
    synopsis(sample_workspace)
    mark_cache(sample_workspace)
    data = cached(sample_workspace)
    data["code"] = "an older Synoptic"
    cache_file(sample_workspace).write_text(json.dumps(data), encoding="utf-8")
    assert not from_cache(synopsis(sample_workspace))


def first_group(change: Callable[[list[Any]], object]) -> Callable[[dict[str, Any]], object]:
    return lambda data: change(data["groups"][0])


def a_member(change: Callable[[list[Any]], object]) -> Callable[[dict[str, Any]], object]:
    return lambda data: change(data["groups"][0][1][0])


def set_at(place: int, value: object) -> Callable[[list[Any]], object]:
    return lambda row: row.__setitem__(place, value)


DAMAGE: dict[str, Callable[[dict[str, Any]], object]] = {
    "cohesion an int": first_group(set_at(0, 1)),
    "cohesion a string": first_group(set_at(0, "0.9")),
    "cohesion above one": first_group(set_at(0, 3.5)),
    "members not a list": first_group(set_at(1, {"a": 1})),
    "no members": first_group(set_at(1, [])),
    "a member of a document not in the workspace": a_member(set_at(0, "gone.txt")),
    "a member past the end of its document": a_member(set_at(2, 10**9)),
    "a member before the start": a_member(set_at(1, -5)),
    "a member that is no claim": a_member(set_at(1, 0)),
    "an offset that is a bool": a_member(set_at(1, True)),
    "a link to another group's document": lambda data: data["groups"][0][2].append(
        ["gone.txt", data["groups"][0][1][0][0], 0.5]
    ),
    "a group twice": lambda data: data["groups"].append(data["groups"][0]),
    "a claim in no group": lambda data: data["groups"].pop(),
    "groups not a list": lambda data: data.__setitem__("groups", "many"),
    "a row too short": first_group(lambda row: row.pop()),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_cache_that_does_not_fit_is_rebuilt(sample_workspace: Path, damage: str) -> None:
    expected = synopsis(sample_workspace)
    mark_cache(sample_workspace)  # kept by the damage, so a rebuild loses it
    data = cached(sample_workspace)
    DAMAGE[damage](data)
    cache_file(sample_workspace).write_text(json.dumps(data), encoding="utf-8")
    found = synopsis(sample_workspace)
    assert found == expected
    assert not from_cache(found)
    assert cached(sample_workspace)["groups"][0][0] != MARKER, "the damaged file was rewritten"


@pytest.mark.parametrize(
    "content",
    [b"", b'{"format": "synoptic-synopsis", "groups": [[0.5, [', b"[" * 100_000, b"\xff\xfe\x00"],
    ids=["empty", "truncated", "nested too deep", "not text"],
)
def test_a_broken_cache_file_is_rebuilt_and_no_error_is_shown(
    cli, sample_workspace: Path, content: bytes
) -> None:
    before = cli("synopsis", sample_workspace, "--json")
    assert before.returncode == 0, before.stderr
    cache_file(sample_workspace).write_bytes(content)
    after = cli("synopsis", sample_workspace, "--json")
    assert (after.returncode, after.stderr, after.stdout) == (0, "", before.stdout)
    assert cached(sample_workspace)["groups"]


def test_a_cancelled_synopsis_is_not_saved(sample_workspace: Path) -> None:
    documents, index, rules = indexed(sample_workspace)
    found = cached_synopsis(sample_workspace, documents, index, rules, cancelled=lambda: True)
    assert found == []
    assert not cache_file(sample_workspace).exists()


async def test_the_reader_shows_the_groups_the_command_line_cached(
    cli, sample_workspace: Path
) -> None:
    assert cli("synopsis", sample_workspace).returncode == 0
    mark_cache(sample_workspace)
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SynopsisScreen), timeout=30)
        assert from_cache(app.parallel.synopsis or [])
        table = app.screen.query_one(SynopsisTable)
        agreement = {str(table.cells_at(n)[2]) for n in range(table.row_count)}
        assert "0.12" in agreement
