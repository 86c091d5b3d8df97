"""Documents that change on disk while the reader is open: edited, added, deleted, spoilt.

Real files in a temporary workspace, changed as a user's editor or ``git pull`` would change
them; the reader is driven with keys, and learns of the change by itself (its timer) or when
the terminal reports that it has the focus back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual import events
from textual.widgets import Static

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from corpus.workspace import Workspace
from tui.app import SynopticApp, make_app
from tui.screens.note_editor import NoteEditor
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

    from annotations.placement import Placed
    from tui.widgets.document_pane import DocumentPane

SIZE = (160, 30)
LONG = "long.txt"
OTHER = "other.txt"
NOTED = "Paragraph 40 says that study 40 found a calmer mood in 40 of its users."
CURSOR_ON = "Paragraph 30 says that study 30 found a calmer mood in 30 of its users."
ADDED_ON_TOP = (
    "A colleague added this paragraph. It says more about the tree.\n"
    "And this one too, with a second sentence. It moves everything below it.\n"
    "A third line of news from the field. Its sentences push the rest further down.\n"
)


def long_text() -> str:
    """Sixty paragraphs of distinct sentences: longer than the pane, so it scrolls."""
    lines = ["Kratom and mood", ""]
    for number in range(1, 61):
        lines.append(
            f"Paragraph {number} says that study {number} found a calmer mood in {number} of "
            f"its users. The authors of report {number} call for a larger trial."
        )
    return "\n".join(lines) + "\n"


def workspace(make_workspace: Callable[..., Path]) -> Path:
    root = make_workspace(
        {
            LONG: long_text(),
            OTHER: "Other findings\n\nA different article says that kratom is risky. It cites "
            "no study at all.\n",
        }
    )
    text = Workspace.open(root).load(LONG).text
    start = text.index(NOTED)
    target = Target.from_span(LONG, text, start, start + len(NOTED))
    AnnotationStore(root, "Ann").add(Annotation.create("Ann", target, "Check study 40."))
    return root


async def started(pilot: Pilot[None]) -> SynopticApp:
    """Everything read, the notes placed and the passage index built."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
    await wait_for(pilot, lambda: app.notes.author == "Ann", timeout=20)
    return app


def focus_back(app: SynopticApp) -> None:
    """What a terminal reports when its window gets the focus back (from the editor)."""
    app.post_message(events.AppFocus())


def notice(pane: DocumentPane) -> str:
    return str(pane.query_one(".pane-notice", Static).render())


def cursor_text(pane: DocumentPane) -> str:
    document = pane.view.document
    assert document is not None and pane.view.cursor >= 0
    return document.sentence_text(pane.view.cursor)


async def down_to(pilot: Pilot[None], pane: DocumentPane, sentence: str) -> None:
    """Move ``pane``'s cursor down with ``j``, as a reader would, until it is on ``sentence``."""
    document = pane.view.document
    assert document is not None
    for _ in range(len(document.sentences)):
        if cursor_text(pane) == sentence:
            return
        await pilot.press("j")
    assert cursor_text(pane) == sentence, f"j never reached {sentence!r}"


def note(app: SynopticApp, words: str) -> Placed:
    return next(p for p in app.notes.placed if p.annotation.note == words)


async def test_an_edit_on_disk_is_shown_where_the_reader_was_and_the_note_follows(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        view = pane.view
        assert view.document is not None
        await down_to(pilot, pane, CURSOR_ON)
        row = view.cursor_row()
        assert row is not None and view.scroll_y > 0, "the test wants a scrolled pane"
        noted = note(app, "Check study 40.")

        old = (root / LONG).read_text(encoding="utf-8")
        (root / LONG).write_text(
            old.replace("Kratom and mood\n\n", "Kratom and mood\n\n" + ADDED_ON_TOP),
            encoding="utf-8",
        )
        new_text = (root / LONG).read_text(encoding="utf-8")
        # no focus event: the reader's own timer notices
        await wait_for(pilot, lambda: view.document is not None and view.document.text == new_text)

        assert cursor_text(pane) == CURSOR_ON, "the cursor stays on its sentence"
        assert view.cursor_row() == row, "and that sentence on its row of the screen"
        await wait_for(pilot, lambda: note(app, "Check study 40.") is not noted)
        placed = note(app, "Check study 40.")
        start = new_text.index(NOTED)
        assert (placed.start, placed.end) == (start, start + len(NOTED))
        assert (start, start + len(NOTED)) in view.note_spans
        bar = app.query_one(StatusBar)
        await wait_for(pilot, lambda: "1 note moved" in bar.news)
        assert bar.news.startswith(f"{LONG} changed on disk; reloaded")
        # Claims and the index are about the new sentences, so m matches the new text.
        document = app.workspace.loaded(LONG)
        assert document is not None and document.text == new_text
        await wait_for(
            pilot, lambda: len(app.claims.by_document.get(LONG, ())) == len(document.sentences)
        )
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=20)
        assert [a.note for a in AnnotationStore(root, "Ann").all()] == ["Check study 40."]


async def test_a_note_being_written_survives_a_reload_and_is_saved_on_the_new_text(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        await down_to(pilot, pane, CURSOR_ON)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Typed", "space", *"before")

        old = (root / LONG).read_text(encoding="utf-8")
        (root / LONG).write_text(ADDED_ON_TOP + old, encoding="utf-8")
        new_text = (root / LONG).read_text(encoding="utf-8")
        focus_back(app)
        await wait_for(
            pilot, lambda: pane.view.document is not None and pane.view.document.text == new_text
        )
        assert isinstance(app.screen, NoteEditor), "the editor is still open, text and all"

        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: any(p.annotation.note == "Typed before" for p in app.notes.placed)
        )
        placed = note(app, "Typed before")
        start = new_text.index(CURSOR_ON)
        assert (placed.start, placed.end) == (start, start + len(CURSOR_ON))
        assert any(a.note == "Typed before" for a in AnnotationStore(root, "Ann").all())


async def test_a_new_file_can_be_opened(make_workspace: Callable[..., Path]) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=1, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        (root / "arrived.md").write_text(
            "# Arrived\n\nA new article arrived by git pull. It says kratom is popular.\n",
            encoding="utf-8",
        )
        focus_back(app)
        await wait_for(pilot, lambda: "arrived.md" in app.workspace.document_ids)
        assert app.workspace.document_ids == ["arrived.md", LONG, OTHER]
        assert "arrived.md is new" in app.query_one(StatusBar).news
        await pilot.press("1")  # the first document in id order
        view = app.active_pane.view
        assert view.document is not None and view.document.id == "arrived.md"
        assert "arrived by git pull" in view.document.text
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=20)
        await wait_for(pilot, lambda: "arrived.md" in app.claims.by_document)


async def test_a_deleted_file_keeps_its_text_on_screen_and_its_notes(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        shown = pane.view.document
        assert shown is not None and shown.id == LONG
        (root / LONG).unlink()
        focus_back(app)
        await wait_for(pilot, lambda: LONG not in app.workspace.document_ids)

        assert pane.view.document is shown, "the text stays until the pane shows another"
        assert "Deleted or renamed on disk" in notice(pane)
        assert any(n.title == "Document gone" and LONG in n.message for n in app._notifications)
        bar = app.query_one(StatusBar)
        await wait_for(pilot, lambda: "1 note could not be placed" in bar.news)
        assert bar.news.startswith(f"{LONG} was deleted or renamed on disk")
        assert note(app, "Check study 40.").orphaned
        assert [a.note for a in AnnotationStore(root, "Ann").all()] == ["Check study 40."]

        await pilot.press("right_square_bracket")  # the next document: the gone one is not listed
        assert pane.view.document is not None and pane.view.document.id == OTHER
        await pilot.press("right_square_bracket")
        assert pane.view.document is not None and pane.view.document.id == OTHER


async def test_a_file_replaced_by_binary_garbage_is_reported_and_its_text_kept(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        shown = pane.view.document
        assert shown is not None
        good = (root / LONG).read_bytes()
        (root / LONG).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        focus_back(app)
        await wait_for(pilot, lambda: "cannot be read now" in notice(pane))

        assert pane.view.document is shown
        assert app.workspace.loaded(LONG) is shown
        assert any(
            n.title == "Cannot read a document" and LONG in n.message for n in app._notifications
        )
        assert not note(app, "Check study 40.").orphaned
        assert (root / LONG).read_bytes().startswith(b"\x89PNG"), "the file is left untouched"

        # Put back as it was (git checkout): the notice goes, the text and its notes stay.
        (root / LONG).write_bytes(good)
        focus_back(app)
        await wait_for(pilot, lambda: notice(pane) == "")
        assert pane.view.document is shown
        assert pane.view.note_spans and pane.view.marks is not None

        # Then edited: shown again, as any edit is.
        (root / LONG).write_bytes(good.replace(b"Kratom and mood", b"Kratom and sleep"))
        focus_back(app)
        await wait_for(
            pilot,
            lambda: (
                pane.view.document is not None
                and pane.view.document.text.startswith("Kratom and sleep")
            ),
        )
        assert notice(pane) == ""


async def test_a_file_saved_in_two_steps_is_never_shown_half_written(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        pane = app.panes[0]
        shown = pane.view.document
        assert shown is not None
        new_text = ADDED_ON_TOP + shown.text
        data = new_text.encode("utf-8")
        watch = app.disk_watch

        async def look_now() -> None:
            """A look, forced here rather than left to the timer, so it surely falls between
            the two steps of the save."""
            await wait_for(pilot, lambda: not watch.looking)
            watch.look()
            assert watch.looking, "the look started"
            await wait_for(pilot, lambda: not watch.looking)

        with (root / LONG).open("r+b") as file:  # as an editor saves: truncate, then write
            file.truncate(0)
            file.flush()
            await look_now()
            assert pane.view.document is shown, "an emptied file is not shown yet"
            file.write(data[: len(data) // 2])
            file.flush()
            await look_now()
            assert pane.view.document is shown, "nor a half-written one"
            assert app.workspace.loaded(LONG) is shown
            assert not note(app, "Check study 40.").orphaned, "its notes never look lost"
            file.write(data[len(data) // 2 :])

        # Once the save is done, a look shortly after shows it whole.
        await wait_for(
            pilot, lambda: pane.view.document is not None and pane.view.document.text == new_text
        )
        await wait_for(pilot, lambda: "1 note moved" in app.query_one(StatusBar).news)
        assert not note(app, "Check study 40.").orphaned


async def test_a_note_a_reload_leaves_without_its_passage_is_reported_once(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    app = make_app(root, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        await wait_for(pilot, lambda: app.sharing.status is not None, timeout=20)
        lost = note(app, "Check study 40.").annotation.id
        old = (root / LONG).read_text(encoding="utf-8")
        (root / LONG).write_text(old.replace(NOTED, "Paragraph 40 was withdrawn."), "utf-8")
        focus_back(app)
        bar = app.query_one(StatusBar)
        await wait_for(pilot, lambda: "1 note could not be placed" in bar.news)

        def orphans() -> frozenset[str]:
            status = app.sharing.status
            return frozenset() if status is None or status.orphans is None else status.orphans.ids

        await wait_for(pilot, lambda: lost in orphans(), timeout=20)
        assert "orphaned" in bar.sharing, "the count of orphans stays in the status bar"
        told = [n.message for n in app._notifications if n.title == "Orphaned notes"]
        assert not told, "the status bar said it already"
