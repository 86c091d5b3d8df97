"""The claims cache: a warm cache gives detection's very verdicts, and nothing that does not
fit (other rules, other code, damage of any kind) is ever trusted."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from conftest import SAMPLE_IDS

from corpus.claim_cache import assess_documents, cache_file, claim_kinds
from corpus.claim_rules import WORKSPACE_RULES, load_rules
from corpus.claims import ClaimOverride, Role, assess_document
from corpus.workspace import Workspace

MARKER = "read from the cache"
"""A reason no detection gives: seeing it proves a verdict came from the cache file."""


def opened(root: Path):
    workspace = Workspace.open(root)
    return workspace, [workspace.load(doc_id) for doc_id in workspace.document_ids]


def fresh(documents, rules, overrides=None):
    """What detection says without any cache."""
    return {d.id: assess_document(d, rules, (overrides or {}).get(d.id, ())) for d in documents}


def mark_cached_reasons(root: Path) -> None:
    """Rewrite every cached reason as :data:`MARKER` (the file stays well-formed)."""
    path = cache_file(root)
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["documents"].values():
        for row in entry["sentences"]:
            row[4] = MARKER
    path.write_text(json.dumps(data), encoding="utf-8")


def kinds_file(root: Path) -> Path:
    return cache_file(root).with_suffix(".kinds.json")


def test_a_warm_cache_gives_the_very_assessments_detection_gives(sample_workspace: Path) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    expected = fresh(documents, rules)
    ids = workspace.document_ids
    assert assess_documents(sample_workspace, documents, rules, listed=ids) == expected  # cold
    assert cache_file(sample_workspace).is_file()
    assert assess_documents(sample_workspace, documents, rules, listed=ids) == expected  # warm
    kinds = {doc_id: [a.kind for a in found] for doc_id, found in expected.items()}
    assert claim_kinds(sample_workspace, documents, rules, listed=ids) == kinds
    assert kinds_file(sample_workspace).is_file()
    assert claim_kinds(sample_workspace, documents, rules, listed=ids) == kinds
    mark_cached_reasons(sample_workspace)  # the warm call reads the file, not the text
    found = assess_documents(sample_workspace, documents, rules, listed=ids)
    assert {a.reason for verdicts in found.values() for a in verdicts} == {MARKER}


def test_the_users_marks_apply_over_cached_verdicts(sample_workspace: Path) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    verdicts = fresh(documents, rules)[documents[1].id]
    claim = next(a for a in verdicts if a.role is Role.CLAIM)
    other = next(a for a in verdicts if a.role is Role.OTHER and a.cues)
    marks = {
        documents[1].id: [
            ClaimOverride(documents[1].id, claim.start, claim.end, False),
            ClaimOverride(documents[1].id, other.start, other.end, True),
        ]
    }
    expected = fresh(documents, rules, marks)
    kinds = {doc_id: [a.kind for a in found] for doc_id, found in expected.items()}
    ids = workspace.document_ids
    for _ in range(2):  # cold, then warm
        assert assess_documents(sample_workspace, documents, rules, marks, ids) == expected
        assert claim_kinds(sample_workspace, documents, rules, marks, ids) == kinds
    # The marks are applied afresh, never stored: without them, detection's verdict is back.
    assert assess_documents(sample_workspace, documents, rules, listed=ids) == fresh(
        documents, rules
    )


def test_changed_rules_are_not_served_the_old_verdicts(sample_workspace: Path) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    ids = workspace.document_ids
    assess_documents(sample_workspace, documents, rules, listed=ids)
    claim_kinds(sample_workspace, documents, rules, listed=ids)
    mark_cached_reasons(sample_workspace)
    kinds = json.loads(kinds_file(sample_workspace).read_text(encoding="utf-8"))
    for entry in kinds["documents"].values():
        entry["kinds"] = ["stale"] * len(entry["kinds"])
    kinds_file(sample_workspace).write_text(json.dumps(kinds), encoding="utf-8")

    rules_file = sample_workspace / WORKSPACE_RULES
    rules_file.parent.mkdir()
    rules_file.write_text("[decision]\nclaim_score = 2.5\n", encoding="utf-8")
    stricter, problems = load_rules(sample_workspace)
    assert not problems
    expected = fresh(documents, stricter)
    assert expected != fresh(documents, rules)  # the edit matters
    assert assess_documents(sample_workspace, documents, stricter, listed=ids) == expected
    assert claim_kinds(sample_workspace, documents, stricter, listed=ids) == {
        doc_id: [a.kind for a in found] for doc_id, found in expected.items()
    }


def test_verdicts_cached_by_other_code_are_not_reused(sample_workspace: Path) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    assess_documents(sample_workspace, documents, rules, listed=workspace.document_ids)
    mark_cached_reasons(sample_workspace)
    path = cache_file(sample_workspace)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["code"] = "an older Synoptic"
    path.write_text(json.dumps(data), encoding="utf-8")
    found = assess_documents(sample_workspace, documents, rules, listed=workspace.document_ids)
    assert found == fresh(documents, rules)


def _set_row(data: dict, row: list) -> None:
    first = data["documents"][SAMPLE_IDS[1]]["sentences"]
    first[0] = row


def _claim_row(data: dict) -> list:
    rows = data["documents"][SAMPLE_IDS[1]]["sentences"]
    return next(row for row in rows if row[0] == "claim" and row[5])


DAMAGE = {
    "not JSON": lambda text: "{not json",
    "truncated": lambda text: text[: len(text) // 2],
    "empty": lambda text: "",
    "not text": lambda text: "\udc80",  # written as bytes below
    "nested past the recursion limit": lambda text: "[" * 100_000 + "]" * 100_000,
    "a list": lambda text: "[]",
    "foreign format": lambda text: text.replace('"synoptic-claims"', '"synoptic-passage-index"'),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_foreign_cache_file_is_rebuilt(sample_workspace: Path, damage: str) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    ids = workspace.document_ids
    assess_documents(sample_workspace, documents, rules, listed=ids)
    path = cache_file(sample_workspace)
    damaged = DAMAGE[damage](path.read_text(encoding="utf-8"))
    path.write_bytes(damaged.encode("utf-8", "surrogateescape"))
    assert assess_documents(sample_workspace, documents, rules, listed=ids) == fresh(
        documents, rules
    )
    rebuilt = json.loads(path.read_text(encoding="utf-8"))  # and it is whole again
    assert rebuilt["format"] == "synoptic-claims"
    assert set(rebuilt["documents"]) == set(ids)


def _bad_cue_offset(data: dict) -> None:
    _claim_row(data)[5][0][2] = 10**9  # a cue ending past its sentence


def _bool_offset(data: dict) -> None:
    _claim_row(data)[5][0][1] = True


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda data: _set_row(data, ["banana", None, None, False, "", []]), id="role"),
        pytest.param(
            lambda data: _set_row(data, ["other", "safety", None, False, "", []]), id="kind"
        ),
        pytest.param(
            lambda data: _set_row(data, ["claim", "safety", None, False, "", []]), id="certainty"
        ),
        pytest.param(lambda data: _set_row(data, ["other", None, None, "no", "", []]), id="flag"),
        pytest.param(lambda data: _set_row(data, ["other", None, None, False, 7, []]), id="reason"),
        pytest.param(lambda data: _set_row(data, ["other", None, None]), id="short row"),
        pytest.param(lambda data: _set_row(data, {"role": "other"}), id="row not a list"),
        pytest.param(
            lambda data: _set_row(data, ["other", None, None, False, "", [[1, 2]]]), id="cue"
        ),
        pytest.param(_bad_cue_offset, id="cue offset"),
        pytest.param(_bool_offset, id="cue offset a bool"),
        pytest.param(
            lambda data: data["documents"][SAMPLE_IDS[1]]["sentences"].pop(), id="a row missing"
        ),
        pytest.param(
            lambda data: data["documents"][SAMPLE_IDS[1]].update(sha256="0" * 64), id="other bytes"
        ),
        pytest.param(lambda data: data["documents"].update({SAMPLE_IDS[1]: []}), id="entry"),
        pytest.param(lambda data: data.update(documents=[]), id="documents"),
        pytest.param(lambda data: data.update(rules="other rules"), id="rules"),
    ],
)
def test_a_cache_with_values_that_do_not_fit_is_rebuilt(sample_workspace: Path, tamper) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    ids = workspace.document_ids
    assess_documents(sample_workspace, documents, rules, listed=ids)
    path = cache_file(sample_workspace)
    data = json.loads(path.read_text(encoding="utf-8"))
    tamper(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert assess_documents(sample_workspace, documents, rules, listed=ids) == fresh(
        documents, rules
    )
    warm = assess_documents(sample_workspace, documents, rules, listed=ids)
    assert warm == fresh(documents, rules)


@pytest.mark.parametrize(
    "kinds",
    [["efficacy"], None, "claim", [3] * 500],
    ids=["too few", "null", "a string", "not labels"],
)
def test_a_kinds_file_that_does_not_fit_is_rebuilt(sample_workspace: Path, kinds) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    ids = workspace.document_ids
    claim_kinds(sample_workspace, documents, rules, listed=ids)
    data = json.loads(kinds_file(sample_workspace).read_text(encoding="utf-8"))
    data["documents"][SAMPLE_IDS[0]]["kinds"] = kinds
    kinds_file(sample_workspace).write_text(json.dumps(data), encoding="utf-8")
    expected = {d.id: [a.kind for a in assess_document(d, rules)] for d in documents}
    assert claim_kinds(sample_workspace, documents, rules, listed=ids) == expected
    rebuilt = json.loads(kinds_file(sample_workspace).read_text(encoding="utf-8"))
    assert rebuilt["documents"][SAMPLE_IDS[0]]["kinds"] == expected[SAMPLE_IDS[0]]


def test_asking_about_one_document_keeps_the_others_and_forgets_deleted_ones(
    sample_workspace: Path,
) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    assess_documents(sample_workspace, documents, rules, listed=workspace.document_ids)
    (sample_workspace / SAMPLE_IDS[4]).unlink()
    workspace, _ = opened(sample_workspace)
    assess_documents(sample_workspace, documents[:1], rules, listed=workspace.document_ids)
    data = json.loads(cache_file(sample_workspace).read_text(encoding="utf-8"))
    assert set(data["documents"]) == set(SAMPLE_IDS[:4])


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    sample_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("SYNOPTIC_CACHE_DIR", str(blocker))
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    ids = workspace.document_ids
    expected = fresh(documents, rules)
    for _ in range(2):
        assert assess_documents(sample_workspace, documents, rules, listed=ids) == expected
        assert claim_kinds(sample_workspace, documents, rules, listed=ids) == {
            doc_id: [a.kind for a in found] for doc_id, found in expected.items()
        }
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_writers_at_the_same_time_leave_a_whole_file(sample_workspace: Path) -> None:
    workspace, documents = opened(sample_workspace)
    rules, _ = load_rules(sample_workspace)
    ids = workspace.document_ids
    errors: list[BaseException] = []

    def write(which: int) -> None:
        try:
            for _ in range(3):
                cache_file(sample_workspace).unlink(missing_ok=True)  # each run writes
                assess_documents(sample_workspace, documents[which:], rules, listed=ids)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    data = json.loads(cache_file(sample_workspace).read_text(encoding="utf-8"))
    assert data["format"] == "synoptic-claims"
    assert not [p for p in cache_file(sample_workspace).parent.iterdir() if p.suffix == ".tmp"]
    assert assess_documents(sample_workspace, documents, rules, listed=ids) == fresh(
        documents, rules
    )


def test_the_claims_command_caches_and_prints_the_same(
    cli, sample_workspace: Path, isolated_data_dir: Path
) -> None:
    cold = cli("claims", sample_workspace, "--json")
    assert cold.returncode == 0, cold.stderr
    folder = Path(os.environ["SYNOPTIC_CACHE_DIR"]) / "claims"
    assert [p.suffix for p in folder.iterdir()] == [".json"]
    warm = cli("claims", sample_workspace, "--json")
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout == cold.stdout
    synopsis = [cli("synopsis", sample_workspace, "--json") for _ in range(2)]
    assert synopsis[0].returncode == 0, synopsis[0].stderr
    assert synopsis[1].stdout == synopsis[0].stdout
    assert sorted(p.name.split(".", 1)[1] for p in folder.iterdir()) == ["json", "kinds.json"]
