"""The reader takes claim verdicts from the claims cache when a workspace is opened again.

A verdict read from the cache is told apart from one detection gives by a marker reason that
detection never writes, put into the cache file between two openings; the user sees it with
``w`` on a claim. A changed document, changed rules or a damaged file mean detection again.
The documents on screen are assessed while the others are still being read, before the file
is read (see ``VerdictStore.verdicts``), so the marker is looked for in the others.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import SAMPLE_IDS
from test_claim_cache import MARKER, mark_cached_reasons
from test_reader_claims import SIZE, is_claim, move_cursor, wait_claims, why_text

from corpus.claim_cache import cache_file
from corpus.claim_rules import WORKSPACE_RULES, load_rules
from corpus.claims import assess_document
from corpus.workspace import Workspace
from tui.app import make_app
from tui.screens.claims import WhyScreen

if TYPE_CHECKING:
    from pathlib import Path

    from tui.app import SynopticApp

CHANGED = SAMPLE_IDS[2]


def reasons(app: SynopticApp) -> dict[str, set[str]]:
    """The reasons of every document's verdicts in the reader, by document."""
    return {
        doc_id: {found.reason for found in verdicts}
        for doc_id, verdicts in app.claims.by_document.items()
    }


def detected(root: Path) -> dict[str, list[str]]:
    """What detection alone says of every document, as reasons."""
    workspace = Workspace.open(root)
    rules, _ = load_rules(root)
    return {
        doc_id: [found.reason for found in assess_document(workspace.load(doc_id), rules)]
        for doc_id in workspace.document_ids
    }


async def open_and_read(root: Path) -> dict[str, set[str]]:
    """Open the reader on ``root`` until every claim is known; the reasons it holds for the
    documents not on screen at first, and the one ``w`` shows on the first claim of the first
    document."""
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_claims(pilot)
        assert not [n for n in app._notifications if n.severity == "error"]
        found = reasons(app)
        shown_first = {pane.doc_id for pane in app.panes}
        assert set(found) == set(SAMPLE_IDS)
        assert CHANGED not in shown_first
        for doc_id in shown_first:  # assessed while the others were read: by detection
            assert MARKER not in found.pop(doc_id)
        view = app.active_pane.view
        marks = view.marks
        assert marks is not None
        assert view.document is not None
        claim = next(a for a in marks.assessments if is_claim(a))
        await move_cursor(pilot, view, claim.sentence)
        await pilot.press("w")
        why = app.screen
        assert isinstance(why, WhyScreen)
        await pilot.pause()
        shown = why_text(why)
        assert MARKER not in shown
        await pilot.press("escape")
    return found


async def test_a_second_opening_takes_the_verdicts_from_the_cache(
    sample_workspace: Path,
) -> None:
    first = await open_and_read(sample_workspace)
    assert MARKER not in set().union(*first.values())
    assert cache_file(sample_workspace).is_file()  # written by the reader, as by the CLI

    mark_cached_reasons(sample_workspace)
    assert await open_and_read(sample_workspace) == {doc_id: {MARKER} for doc_id in first}
    # The marker differed from what detection said of the documents on screen: their entries
    # were written anew. Now that file and detection agree, opening again writes nothing.
    written = cache_file(sample_workspace).stat()
    assert await open_and_read(sample_workspace) == {doc_id: {MARKER} for doc_id in first}
    again = cache_file(sample_workspace).stat()  # an atomic write would be a new file
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


async def test_a_changed_document_is_assessed_again(sample_workspace: Path) -> None:
    await open_and_read(sample_workspace)
    mark_cached_reasons(sample_workspace)
    path = sample_workspace / CHANGED
    path.write_text(
        path.read_text(encoding="utf-8") + "\n\nKratom may reduce anxiety in most users.\n",
        encoding="utf-8",
    )
    found = await open_and_read(sample_workspace)
    assert found[CHANGED] == set(detected(sample_workspace)[CHANGED])
    assert all(found[doc_id] == {MARKER} for doc_id in found if doc_id != CHANGED)
    # the new verdicts were written back: a third opening reads them
    cached = json.loads(cache_file(sample_workspace).read_text(encoding="utf-8"))
    assert MARKER not in {row[4] for row in cached["documents"][CHANGED]["sentences"]}


async def test_changed_rules_mean_every_document_is_assessed_again(
    sample_workspace: Path,
) -> None:
    await open_and_read(sample_workspace)
    mark_cached_reasons(sample_workspace)
    rules = sample_workspace / WORKSPACE_RULES
    rules.parent.mkdir()
    rules.write_text("[decision]\nclaim_score = 2.5\n", encoding="utf-8")
    found = await open_and_read(sample_workspace)
    expected = detected(sample_workspace)
    assert found == {doc_id: set(expected[doc_id]) for doc_id in found}


async def test_a_damaged_cache_is_rebuilt_and_never_trusted(sample_workspace: Path) -> None:
    await open_and_read(sample_workspace)
    path = cache_file(sample_workspace)
    whole = path.read_text(encoding="utf-8")
    expected = {doc_id: set(reasons) for doc_id, reasons in detected(sample_workspace).items()}
    for damage in (whole[: len(whole) // 2], "\0\xff garbage", "[]", '{"format": 1}'):
        path.write_text(damage, encoding="utf-8")
        found = await open_and_read(sample_workspace)
        assert found == {doc_id: expected[doc_id] for doc_id in found}
        assert json.loads(path.read_text(encoding="utf-8"))["documents"].keys() == set(SAMPLE_IDS)
    # a verdict that does not fit its sentence: that document is assessed again
    data = json.loads(whole)
    data["documents"][CHANGED]["sentences"][0] = ["claim", None, None, "yes", 7, [[1]]]
    path.write_text(json.dumps(data), encoding="utf-8")
    mark_cached_reasons(sample_workspace)
    found = await open_and_read(sample_workspace)
    assert found[CHANGED] == expected[CHANGED]
    assert all(found[doc_id] == {MARKER} for doc_id in found if doc_id != CHANGED)
