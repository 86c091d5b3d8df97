"""Notes in the reader, driven like a person would: a, e, r, x, p, l, C, pick mode, the mouse.

Every test checks the screen and what reached the disk (a fresh :class:`AnnotationStore`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from conftest import NEW_YORK, SAMPLE_IDS, local_time_zone
from pilot_helpers import wait_for
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TextArea,
)

from annotations.conflicts import kept_versions, resolved_versions
from annotations.labels import ClaimMark, Verdict
from annotations.links import Relation
from annotations.markdown_escape import text_block
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from corpus.claims import Role
from corpus.export_guard import FileState, seal_state
from corpus.text import one_line
from corpus.workspace import Workspace
from tui.app import SynopticApp, make_app
from tui.screens.note_editor import ConfirmScreen, NoteEditor
from tui.screens.notes_list import NotesListScreen
from tui.widgets.document_view import GUTTER
from tui.widgets.line_painter import NOTE_MARK
from tui.widgets.notes_panel import NotesPanel

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.pilot import Pilot
    from textual.widget import Widget

    from annotations.placement import Placed
    from corpus.claims import Assessment
    from corpus.model import Document
    from tui.widgets.document_view import DocumentView

SIZE = (200, 50)
FIRST_DOC, SECOND_DOC, THIRD_DOC = SAMPLE_IDS[:3]


# -- helpers --------------------------------------------------------------------------------------


async def started(pilot: Pilot[None], *, author: str = "Ann") -> SynopticApp:
    """Wait until every document is read and the notes are placed; returns the app."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
    await wait_for(pilot, lambda: app.notes.author == author, timeout=20)
    return app


def document(root: Path, doc_id: str) -> Document:
    return Workspace.open(root).load(doc_id)


def sentence_target(root: Path, doc_id: str, index: int) -> Target:
    doc = document(root, doc_id)
    sentence = doc.sentences[index]
    return Target.from_span(doc_id, doc.text, sentence.start, sentence.end)


def seed(root: Path, author: str, target: Target, note: str = "", **fields: object) -> Annotation:
    """Save a note through the store API, as another reader (or an earlier session) would."""
    annotation = Annotation.create(author, target, note, **fields)  # type: ignore[arg-type]
    return AnnotationStore(root, author).add(annotation)


def on_disk(root: Path, *, deleted: bool = False) -> list[Annotation]:
    """Every annotation in the workspace as a fresh store reads it."""
    return AnnotationStore(root, "Reader").all(include_deleted=deleted)


def by_note(root: Path, text: str) -> Annotation:
    found = [a for a in on_disk(root) if a.note == text]
    assert len(found) == 1, [a.note for a in on_disk(root)]
    return found[0]


def shard(root: Path, author: str, doc_id: str) -> Path:
    return AnnotationStore(root, author).shard_path(doc_id)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key into the focused widget."""
    keys = {" ": "space"}
    await pilot.press(*(keys.get(char, char) for char in text))


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal's bracketed paste delivers it."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def wait_note(
    pilot: Pilot[None], app: SynopticApp, condition: Callable[[list[Placed]], object]
) -> None:
    """Let the app run until its placed notes (re-read after a save) pass ``condition``."""
    await wait_for(pilot, lambda: condition(app.notes.placed))


def gutter(view: DocumentView, line: int) -> str:
    """The gutter of screen line ``line`` (claim letter, then the note mark)."""
    return view.render_line(line).text[:GUTTER]


def line_of(view: DocumentView, offset: int) -> int:
    """The screen row showing document offset ``offset`` (which must be on screen)."""
    assert view._layout is not None
    row = view._layout.line_of_offset(offset) - round(view.scroll_y)
    assert 0 <= row < view.scrollable_content_region.height
    return row


def widget_text(widget: Widget) -> str:
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


async def open_export_dialog(pilot: Pilot[None], app: SynopticApp) -> None:
    """Command palette -> "Export notes", as a user does."""
    await pilot.press("ctrl+p", *"Export notes")
    options = app.screen.query_one(OptionList)
    await wait_for(pilot, lambda: options.option_count > 0)
    await pilot.press("enter")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "ExportScreen")


def links_shown(note_editor: NoteEditor) -> str:
    """The note editor's list of evidence links, as shown."""
    return "\n".join(widget_text(row) for row in note_editor.query("#links Static"))


def screen_text(app: SynopticApp) -> str:
    """Everything on the screen, as plain text (modal screens included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notifications(app: SynopticApp) -> list[tuple[str, str, str]]:
    return [(n.title, n.message, n.severity) for n in app._notifications]


def editor(app: SynopticApp) -> NoteEditor:
    screen = app.screen
    assert isinstance(screen, NoteEditor), f"the note editor is not open: {screen!r}"
    return screen


async def choose(pilot: Pilot[None], select: Select, value: object) -> None:
    """Open ``select`` with a click, move to ``value`` with the arrow keys, press Enter."""
    await pilot.click(select)
    await wait_for(pilot, lambda: select.expanded)
    values = [v for _, v in select._options]
    overlay = select.query_one(OptionList)
    target = values.index(value)
    while overlay.highlighted != target:
        await pilot.press("down" if (overlay.highlighted or 0) < target else "up")
    await pilot.press("enter")
    assert select.value == value


async def choose_by_keys(pilot: Pilot[None], select: Select, value: object) -> None:
    """With ``select`` focused, open it with Enter, move to ``value`` with the arrows, press
    Enter: as a user without a mouse chooses (a link's relation, say)."""
    assert pilot.app.focused is select
    await pilot.press("enter")
    await wait_for(pilot, lambda: select.expanded)
    values = [v for _, v in select._options]
    overlay = select.query_one(OptionList)
    target = values.index(value)
    while overlay.highlighted != target:
        await pilot.press("down" if (overlay.highlighted or 0) < target else "up")
    await pilot.press("enter")
    assert select.value == value


def panel(app: SynopticApp) -> NotesPanel:
    return app.query_one(NotesPanel)


def panel_prompts(app: SynopticApp) -> list[Text]:
    options = panel(app).query_one(OptionList)
    prompts = []
    for index in range(options.option_count):
        prompt = options.get_option_at_index(index).prompt
        assert isinstance(prompt, Text)
        prompts.append(prompt)
    return prompts


async def drag(pilot: Pilot[None], view: DocumentView, start: int, end: int) -> None:
    """Press the left button at document offset ``start``, move to ``end`` and release, as a
    terminal reports it (the app makes the Click that ends the drag itself)."""

    def cell(offset: int) -> tuple[int, int]:
        assert view._layout is not None and view.document is not None
        line = view._layout.line_of_offset(offset)
        column = offset - view._layout.starts[line]
        region = view.content_region
        return region.x + GUTTER + column, region.y + line - round(view.scroll_y)

    app = pilot.app
    (x0, y0), (x1, y1) = cell(start), cell(end)
    xm = (x0 + x1) // 2 if y0 == y1 else x1
    for event in (
        events.MouseDown(None, x0, y0, 0, 0, 1, False, False, False, screen_x=x0, screen_y=y0),
        events.MouseMove(None, xm, y1, 0, 0, 1, False, False, False, screen_x=xm, screen_y=y1),
        events.MouseMove(None, x1, y1, 0, 0, 1, False, False, False, screen_x=x1, screen_y=y1),
        events.MouseUp(None, x1, y1, 0, 0, 1, False, False, False, screen_x=x1, screen_y=y1),
    ):
        app.post_message(event)
        await pilot.pause()


# -- 1. a new note with tags, a verdict and links -------------------------------------------------


async def test_add_a_note_with_tags_verdict_and_links(sample_workspace: Path) -> None:
    # A tag already in use (from another document) is offered as a completion.
    seed(
        sample_workspace,
        "Ann",
        sentence_target(sample_workspace, THIRD_DOC, 2),
        "seed",
        tags=("evidence-review",),
    )
    app = make_app(sample_workspace, panes=2, author="Ann")
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        view = app.active_pane.view
        assert view.document is not None and view.document.id == FIRST_DOC
        assert app.notes.tags == ["evidence-review"]
        text = view.document.text
        first = view.document.sentences[0]
        assert gutter(view, 0)[1] != NOTE_MARK
        assert view.note_spans == []

        # Shift+right twice moves the end of the sentence by two words.
        await pilot.press("shift+right", "shift+right")
        span = view.selected_span()
        assert span == (first.start, text.index("Its active") + len("Its active"))
        quote = text[span[0] : span[1]]
        assert quote.endswith("depression. Its active")

        await pilot.press("a")
        note_editor = editor(app)
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Needs a trial.")
        await pilot.press("tab")
        tags = note_editor.query_one("#tags", Input)
        assert app.focused is tags
        await type_text(pilot, "evi")
        await wait_for(pilot, lambda: tags._suggestion == "evidence-review")
        await pilot.press("right")
        assert tags.value == "evidence-review"
        await type_text(pilot, ", mood")
        await choose(pilot, note_editor.query_one("#verdict", Select), Verdict.NEEDS_EVIDENCE)

        # A javascript: link is refused with a reason and not added.
        reference = note_editor.query_one("#link-ref", Input)
        problem = note_editor.query_one("#problem", Label)
        await pilot.click(reference)
        await paste(pilot, "javascript:alert(1)")
        await pilot.press("enter")
        assert "not allowed" in str(problem.render())
        assert note_editor.links == []
        assert reference.value == "javascript:alert(1)", "the refused text stays to be fixed"
        await pilot.press("ctrl+u")
        assert reference.value == ""

        # A web address (Enter, as "supports") and a DOI (the button, as "refutes").
        await choose(pilot, note_editor.query_one("#relation", Select), Relation.SUPPORTS)
        await pilot.click(reference)
        await paste(pilot, "https://example.org/study?id=1")
        await pilot.press("enter")
        assert str(problem.render()) == ""
        assert reference.value == ""
        await paste(pilot, "doi:10.1000/xyz123")
        await choose(pilot, note_editor.query_one("#relation", Select), Relation.REFUTES)
        await pilot.click(note_editor.query_one("#add-link", Button))
        assert [link.href for link in note_editor.links] == [
            "https://example.org/study?id=1",
            "https://doi.org/10.1000/xyz123",
        ]
        assert "https://doi.org/10.1000/xyz123" in links_shown(note_editor)

        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, NoteEditor)
        await wait_note(
            pilot, app, lambda placed: any(p.annotation.note == "Needs a trial." for p in placed)
        )

        # On disk: Ann's note on exactly the selected words.
        saved = by_note(sample_workspace, "Needs a trial.")
        assert saved.author == "Ann"
        assert saved.target.doc == FIRST_DOC
        assert saved.target.quote == quote
        assert (saved.target.start, saved.target.end) == span
        assert saved.tags == ("evidence-review", "mood")
        assert saved.verdict is Verdict.NEEDS_EVIDENCE
        assert [(link.kind.value, link.href, link.relation) for link in saved.links] == [
            ("url", "https://example.org/study?id=1", Relation.SUPPORTS),
            ("doi", "https://doi.org/10.1000/xyz123", Relation.REFUTES),
        ]
        assert shard(sample_workspace, "Ann", FIRST_DOC).is_file()

        # On screen: the span is marked, its lines carry the note mark, the next line not.
        assert view.selection is None
        assert span in view.note_spans
        last_line = line_of(view, span[1] - 1)
        for row in range(line_of(view, span[0]), last_line + 1):
            assert gutter(view, row)[1] == NOTE_MARK
        assert gutter(view, last_line + 1)[1] != NOTE_MARK

        # The notes panel lists it with its links; choosing the web link opens it.
        await pilot.press("p")
        prompts = [p.plain for p in panel_prompts(app)]
        assert len(prompts) == 3
        assert "Ann" in prompts[0] and "needs evidence" in prompts[0] and "#mood" in prompts[0]
        assert "Needs a trial." in prompts[0]
        assert "example.org/study" in prompts[1] and "refutes" in prompts[2]
        assert "DOI 10.1000/xyz123" in prompts[2], "cited as people cite it, as the report does"
        options = panel(app).query_one(OptionList)
        options.focus()
        await pilot.pause()
        await pilot.press("home", "down", "enter")
        assert opened == ["https://example.org/study?id=1"]


async def test_tab_completes_a_tag_as_the_placeholder_says(sample_workspace: Path) -> None:
    seed(
        sample_workspace,
        "Ann",
        sentence_target(sample_workspace, THIRD_DOC, 2),
        "seed",
        tags=("evidence-review",),
    )
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a", "tab")
        tags = editor(app).query_one("#tags", Input)
        assert "Tab completes" in str(tags.placeholder)
        await type_text(pilot, "evi")
        await wait_for(pilot, lambda: tags._suggestion == "evidence-review")
        await pilot.press("tab")
        assert tags.value == "evidence-review"


# -- 2. selecting with the mouse ------------------------------------------------------------------


async def test_a_mouse_drag_selects_whole_words_and_the_note_quotes_them(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        view = app.active_pane.view
        assert view.document is not None
        text = view.document.text
        # From the middle of "alkaloids" to the middle of "7-hydroxymitragynine".
        start = text.index("alkaloids") + 3
        end = text.index("7-hydroxymitragynine") + 5
        await drag(pilot, view, start, end)
        expected = "alkaloids, mitragynine and 7-hydroxymitragynine,"
        span = view.selected_span()
        assert span is not None
        assert text[span[0] : span[1]] == expected
        assert view.cursor == 1, "the click that ends the drag puts the cursor on the sentence"

        await pilot.press("a")
        assert expected in widget_text(editor(app).query_one(".quote"))
        await type_text(pilot, "dragged")
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 1)
        saved = by_note(sample_workspace, "dragged")
        assert saved.target.quote == expected
        assert (saved.target.start, saved.target.end) == span
        assert view.note_spans == [span]


async def test_a_drag_released_on_the_space_after_a_word_keeps_the_selection(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        view = app.active_pane.view
        assert view.document is not None
        text = view.document.text
        end = text.index("mitragynine and") + len("mitragynine")
        assert text[end] == " "
        await drag(pilot, view, text.index("alkaloids") + 3, end)
        span = view.selected_span()
        assert span is not None
        assert text[span[0] : span[1]] == "alkaloids, mitragynine"


# -- 3. editing: your own notes only --------------------------------------------------------------


async def test_edit_your_own_note_but_not_someone_elses(sample_workspace: Path) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 0)
    mine = seed(sample_workspace, "Ann", target, "First thoughts.", tags=("mood",))
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.active_pane.view.cursor == 0
        await pilot.press("e")
        note_editor = editor(app)
        area = note_editor.query_one("#note", TextArea)
        assert area.text == "First thoughts."
        assert note_editor.query_one("#tags", Input).value == "mood"
        await pilot.press("end")
        await type_text(pilot, " Revised.")
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: placed[0].annotation.note != "First thoughts.")
        assert app.notes.by_id[mine.id].annotation.note == "First thoughts. Revised."

    edited = by_note(sample_workspace, "First thoughts. Revised.")
    assert edited.id == mine.id
    assert edited.created == mine.created
    assert edited.modified > mine.modified
    assert edited.tags == ("mood",)
    assert edited.target == mine.target
    assert len(on_disk(sample_workspace)) == 1

    # Bob's note (written meanwhile) is there when the reader is opened again; e refuses it.
    bobs = seed(sample_workspace, "Bob", sentence_target(sample_workspace, FIRST_DOC, 2), "Bob's.")
    bob_file = shard(sample_workspace, "Bob", FIRST_DOC)
    before = bob_file.read_bytes()
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert bobs.id in app.notes.by_id
        view = app.active_pane.view
        await pilot.press("j", "j")
        assert view.cursor == 2
        assert [p.annotation.id for p in app.notes.at(FIRST_DOC, view.selected_span())] == [bobs.id]
        await pilot.press("e")
        assert not isinstance(app.screen, NoteEditor)
        _, message, severity = notifications(app)[-1]
        assert severity == "warning"
        assert "only your own" in message
        # Highlighting Bob's note in the panel (a click) does not make it editable either.
        await pilot.press("p")
        await pilot.click(panel(app).query_one(OptionList), offset=(4, 1))
        highlighted = panel(app).current()
        assert highlighted is not None and highlighted.id == bobs.id
        await pilot.press("e")
        assert not isinstance(app.screen, NoteEditor)
        assert [m for _, m, _ in notifications(app) if "only your own" in m] == [
            message,
            "The highlighted note is Bob's: you can edit only your own notes (r replies to it).",
        ]
        await pilot.pause(0.2)
    assert bob_file.read_bytes() == before
    assert [a.note for a in on_disk(sample_workspace) if a.author == "Bob"] == ["Bob's."]


async def test_saving_over_an_edit_made_elsewhere_keeps_it_and_says_so(
    sample_workspace: Path,
) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 0)
    mine = seed(sample_workspace, "Ann", target, "First thoughts.")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("e")
        editor(app)
        # While the editor is open, a script changes the same note.
        script = AnnotationStore(sample_workspace, "Ann")
        current = script.get(mine.id)
        assert current is not None
        script.update(current.edited(note="Edited by a script.", tags=("script",)))
        await pilot.press("end")
        await type_text(pilot, " Revised.")
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: placed[0].annotation.note.endswith("Revised."))
        await wait_for(
            pilot, lambda: any("changed elsewhere" in m for _, m, _ in notifications(app))
        )

    saved = by_note(sample_workspace, "First thoughts. Revised.")
    assert [(v["note"], v["tags"]) for v in saved.superseded] == [
        ("Edited by a script.", ["script"])
    ]


async def test_an_unusable_author_setting_leaves_the_documents_readable(
    sample_workspace: Path,
) -> None:
    """A typo in the workspace's config.toml used to crash the reader with a traceback."""
    config = sample_workspace / ".synoptic" / "config.toml"
    config.parent.mkdir()
    config.write_text("author = \n", encoding="utf-8")
    app = make_app(sample_workspace, panes=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.loading_finished_at is not None, timeout=20)
        await wait_for(pilot, lambda: app.notes.unavailable is not None)
        title, message, severity = notifications(app)[-1]
        assert (title, severity) == ("Notes cannot be read", "error")
        assert "config.toml" in message and "notes are off" in message
        await pilot.press("j", "a")  # the reader goes on; adding a note says why it cannot
        assert not isinstance(app.screen, NoteEditor)
        assert notifications(app)[-1][1].startswith("Notes are off: ")
        assert app.active_pane.view.cursor == 1
    assert not app.return_code  # no error ended it
    assert config.read_text(encoding="utf-8") == "author = \n"


async def test_escape_in_the_editor_asks_before_throwing_typing_away(
    sample_workspace: Path,
) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        editor(app)
        await pilot.press("escape")  # nothing typed: closes at once
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("a")
        await type_text(pilot, "Ten minutes of careful thought.")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep typing
        assert editor(app).query_one(TextArea).text == "Ten minutes of careful thought."
        await pilot.press("escape")
        await pilot.press("y")
        assert not isinstance(app.screen, (NoteEditor, ConfirmScreen))
        await pilot.pause(0.2)
    assert on_disk(sample_workspace) == []


async def test_the_editor_scrolls_to_its_buttons_in_a_small_terminal(
    sample_workspace: Path,
) -> None:
    """At 80x24 the editor is taller than the screen: Tab must bring each field into view."""
    app = make_app(sample_workspace, panes=1, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await type_text(pilot, "Reached.")
        save = note_editor.query_one("#save", Button)
        for _ in range(12):
            if app.focused is save:
                break
            await pilot.press("tab")
        assert app.focused is save
        await pilot.pause(0.1)
        assert save.region.bottom <= app.screen.region.bottom
        assert save.region in note_editor.query_one("#editor").region
        await pilot.press("enter")
        await wait_note(pilot, app, lambda placed: len(placed) == 1)
    assert [a.note for a in on_disk(sample_workspace)] == ["Reached."]


async def test_tab_from_the_verdict_reaches_the_link_field_and_every_link_shows(
    sample_workspace: Path,
) -> None:
    """Tab after the verdict stopped on the box listing the links, where a DOI typed went
    nowhere; and that box was one line tall, so a second link (the passage) looked lost."""
    app = make_app(sample_workspace, panes=1, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("a")
        note_editor = editor(app)
        await type_text(pilot, "Two sources.")
        await pilot.press("tab", "tab", "tab")  # tags, verdict, then the link field
        assert app.focused is note_editor.query_one("#link-ref", Input)
        await type_text(pilot, "doi:10.1000/182")
        await pilot.press("enter")  # no relation is chosen for the user: it is asked for
        relation = note_editor.query_one("#relation", Select)
        await choose_by_keys(pilot, relation, Relation.CONTEXT)
        await pilot.press("shift+tab", "enter")  # back to the address, kept as typed
        await type_text(pilot, "pmid:12345")
        await pilot.press("enter")
        assert len(note_editor.links) == 2
        shown = links_shown(note_editor)
        assert "https://doi.org/10.1000/182" in shown
        assert "https://pubmed.ncbi.nlm.nih.gov/12345/" in shown


# -- 4. replies -----------------------------------------------------------------------------------


async def test_reply_to_someone_elses_note(sample_workspace: Path) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 1)
    bobs = seed(sample_workspace, "Bob", target, "Is this sourced?", verdict=Verdict.UNSUPPORTED)
    bob_file = shard(sample_workspace, "Bob", FIRST_DOC)
    before = bob_file.read_bytes()
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        view = app.active_pane.view
        await pilot.press("j", "p")
        assert view.cursor == 1
        assert [p.plain.count("Is this sourced?") for p in panel_prompts(app)] == [1]
        await pilot.press("r")
        editor(app)
        assert "Reply to Bob" in screen_text(app)
        await type_text(pilot, "Yes, ref 3.")
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 2)

        reply = by_note(sample_workspace, "Yes, ref 3.")
        assert reply.author == "Ann"
        assert reply.reply_to == bobs.id
        assert reply.target.quote == bobs.target.quote
        assert reply.target.doc == FIRST_DOC

        # The panel threads them: Bob's note, then Ann's reply, indented under it.
        prompts = [p.plain for p in panel_prompts(app)]
        assert len(prompts) == 2
        assert prompts[0].startswith("Bob") and "Is this sourced?" in prompts[0]
        assert "Ann" in prompts[1] and "Yes, ref 3." in prompts[1] and "(yours)" in prompts[1]
        assert prompts[1].startswith("  \N{RIGHTWARDS ARROW WITH HOOK} Ann")
        assert [entry.id for entry, _ in panel(app).entries] == [bobs.id, reply.id]
        assert "2 notes on sentence 2" in widget_text(panel(app).query_one(Label))
    assert bob_file.read_bytes() == before


async def test_a_reply_to_a_note_deleted_meanwhile_is_refused_and_keeps_its_text(
    sample_workspace: Path,
) -> None:
    bobs = seed(sample_workspace, "Bob", sentence_target(sample_workspace, FIRST_DOC, 1), "Sure?")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("j", "p", "r")
        editor(app)
        await type_text(pilot, "Yes, ref 3.")
        AnnotationStore(sample_workspace, "Bob").delete(bobs.id)  # Bob, in another window
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(n.title == "Not saved" for n in app._notifications))
        (refusal,) = [n.message for n in app._notifications if n.title == "Not saved"]
        # named as the reader shows notes, not by an id it shows nowhere
        assert bobs.id not in refusal
        quote = one_line(bobs.target.quote, 60)
        assert refusal.startswith(
            f"Bob's note on \u201c{quote}\u201d in {FIRST_DOC} was deleted meanwhile (in "
            "another window or by a pull): a reply to it is not saved."
        )
        assert "Yes, ref 3." in refusal
    assert on_disk(sample_workspace) == []


# -- 5. deleting ----------------------------------------------------------------------------------


async def test_delete_asks_first_and_leaves_a_tombstone(sample_workspace: Path) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 0)
    mine = seed(sample_workspace, "Ann", target, "Delete me.")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        view = app.active_pane.view
        span = (target.start, target.end)
        assert view.note_spans == [span]
        assert gutter(view, 0)[1] == NOTE_MARK
        await pilot.press("p")
        assert len(panel_prompts(app)) == 1

        # n keeps the note.
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete this note?" in screen_text(app)
        assert "Delete me." in screen_text(app)
        await pilot.press("n")
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.pause(0.2)
        assert [a.id for a in on_disk(sample_workspace)] == [mine.id]
        assert view.note_spans == [span]

        # Escape keeps it too; y deletes it.
        await pilot.press("x")
        await pilot.press("escape")
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await wait_note(pilot, app, lambda placed: placed == [])
        assert view.note_spans == []
        assert gutter(view, 0)[1] != NOTE_MARK
        assert panel_prompts(app) == []
        assert "0 notes" in widget_text(panel(app).query_one(Label))

    assert on_disk(sample_workspace) == []
    (tombstone,) = on_disk(sample_workspace, deleted=True)
    assert tombstone.id == mine.id
    assert tombstone.deleted
    assert tombstone.note == ""


# -- 6. linking a passage in another pane ---------------------------------------------------------


async def test_link_a_passage_by_pointing_at_it_in_another_pane(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        left, right = app.panes
        assert (left.doc_id, right.doc_id) == (FIRST_DOC, SECOND_DOC)

        # Escape while picking goes back to the note as it was, without a link.
        await pilot.press("a")
        await type_text(pilot, "Same claim")
        await choose(pilot, editor(app).query_one("#relation", Select), Relation.SUPPORTS)
        await pilot.click(editor(app).query_one("#pick", Button))
        assert not isinstance(app.screen, NoteEditor)
        assert app.picking is not None
        assert app.has_class("-picking")
        await pilot.press("tab", "j")
        assert app.active_pane is right
        await pilot.press("escape")
        assert app.picking is None
        assert not app.has_class("-picking")
        note_editor = editor(app)
        assert note_editor.links == []
        assert note_editor.query_one("#note", TextArea).text == "Same claim"

        # Again, and this time Enter takes the sentence under the right pane's cursor.
        await pilot.click(note_editor.query_one("#pick", Button))
        assert app.picking is not None
        assert app.active_pane is right, "focus went back to where the user left it"
        await pilot.press("j", "j")
        sentence = right.view.cursor
        assert right.view.document is not None
        evidence = right.view.document.sentences[sentence]
        evidence_text = right.view.document.sentence_text(sentence)
        await pilot.press("enter")
        assert app.picking is None
        note_editor = editor(app)
        assert note_editor.query_one("#note", TextArea).text == "Same claim"
        (link,) = note_editor.links
        assert link.target is not None and link.target.doc == SECOND_DOC
        assert evidence_text[:40] in links_shown(note_editor)
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 1)

        saved = by_note(sample_workspace, "Same claim")
        assert saved.target.doc == FIRST_DOC
        assert saved.target.start == left.view.document.sentences[0].start
        (link,) = saved.links
        assert link.kind.value == "passage"
        assert link.relation is Relation.SUPPORTS
        assert link.target is not None
        assert link.target.doc == SECOND_DOC
        assert (link.target.start, link.target.end) == (evidence.start, evidence.end)
        assert link.target.quote == right.view.document.text[evidence.start : evidence.end]
        assert link.href == f"passage:{SECOND_DOC}#{evidence.start}-{evidence.end}"

        # From the notes panel, choosing the passage link shows it in the other pane.
        await pilot.press("g")  # the right pane goes back to its top
        assert right.view.cursor == 0 and right.view.passage is None
        await pilot.click(left.view, offset=(4, 0))
        assert app.active_pane is left and left.view.cursor == 0
        await pilot.press("p")
        assert "Same claim" in panel_prompts(app)[0].plain
        assert evidence_text[:30] in panel_prompts(app)[1].plain
        await pilot.click(panel(app).query_one(OptionList), offset=(6, 3))
        assert right.doc_id == SECOND_DOC
        assert right.view.passage == (evidence.start, evidence.end)
        assert right.view.cursor == sentence
        assert left.doc_id == FIRST_DOC and left.view.cursor == 0


# -- 7. the notes list: filters, jumping, orphans ------------------------------------------------


def list_rows(app: SynopticApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, NotesListScreen), f"the notes list is not open: {screen!r}"
    return [row.key.value or "" for row in screen.query_one(DataTable).ordered_rows]


async def focus_by_tab(pilot: Pilot[None], widget: Widget) -> None:
    for _ in range(10):
        if pilot.app.focused is widget:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached {widget!r}")


async def test_notes_list_filters_jumps_and_reattaches_an_orphan(sample_workspace: Path) -> None:
    ws = sample_workspace
    mood = seed(
        ws,
        "Ann",
        sentence_target(ws, FIRST_DOC, 3),
        "Ann on mood",
        tags=("mood",),
        verdict=Verdict.SUPPORTED,
    )
    trial = seed(
        ws,
        "Bob",
        sentence_target(ws, SECOND_DOC, 1),
        "Bob on trials",
        tags=("trial",),
        verdict=Verdict.FALSE,
    )
    both = seed(
        ws,
        "Bob",
        sentence_target(ws, FIRST_DOC, 5),
        "Bob on both",
        tags=("mood", "trial"),
        verdict=Verdict.FALSE,
    )
    lost = sentence_target(ws, THIRD_DOC, 4)
    orphan = seed(ws, "Ann", lost, "Ann on the law", tags=("law",))
    # The quoted sentence is then cut out of the document, before the reader opens.
    path = ws / THIRD_DOC
    original = path.read_text(encoding="utf-8")
    assert original.count(lost.quote + " ") == 1
    path.write_text(original.replace(lost.quote + " ", ""), encoding="utf-8")

    app = make_app(ws, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.notes.by_id[orphan.id].anchor.state.value == "orphaned"
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, NotesListScreen)
        everything = {mood.id, trial.id, both.id, orphan.id}
        assert set(list_rows(app)) == everything

        await pilot.click(screen.query_one("#author", Input))
        await type_text(pilot, "bob")
        assert set(list_rows(app)) == {trial.id, both.id}
        await pilot.press("ctrl+u")
        assert set(list_rows(app)) == everything

        await pilot.click(screen.query_one("#tag", Input))
        await type_text(pilot, "mood")
        assert set(list_rows(app)) == {mood.id, both.id}
        await pilot.press("backspace")  # "moo" is no tag: tags match whole
        assert list_rows(app) == []
        await pilot.press("ctrl+u")

        await pilot.click(screen.query_one("#doc", Input))
        await type_text(pilot, SECOND_DOC[:3])
        assert list_rows(app) == [trial.id]
        await pilot.press("ctrl+u")

        verdict = screen.query_one("#verdict", Select)
        await choose(pilot, verdict, "false")
        assert set(list_rows(app)) == {trial.id, both.id}
        await choose(pilot, verdict, Select.NULL)
        anchor = screen.query_one("#anchor", Select)
        await choose(pilot, anchor, "orphaned")
        assert list_rows(app) == [orphan.id]
        assert "Ann on the law" in widget_text(screen.query_one(DataTable))
        await choose(pilot, anchor, "anchored")
        assert set(list_rows(app)) == {mood.id, trial.id, both.id}

        # Enter on a row jumps there: the focused pane shows its document, cursor on it.
        table = screen.query_one(DataTable)
        await focus_by_tab(pilot, table)
        while list_rows(app)[table.cursor_row] != trial.id:
            await pilot.press("down")
        await pilot.press("enter")
        assert not isinstance(app.screen, NotesListScreen)
        left = app.active_pane
        assert left is app.panes[0]
        assert left.doc_id == SECOND_DOC
        assert left.view.cursor == 1
        assert left.view.selected_span() == (trial.target.start, trial.target.end)

        # The orphan: show its document, go to where it belongs, select, l, R.
        await pilot.press("3")
        assert left.doc_id == THIRD_DOC
        await pilot.press("j", "j", "j", "shift+right")
        view = left.view
        assert view.document is not None
        place = view.selected_span()
        assert place is not None
        new_quote = view.document.text[place[0] : place[1]]
        assert new_quote.startswith("Kratom's interaction") and new_quote.endswith(" For")
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, NotesListScreen)
        await choose(pilot, screen.query_one("#anchor", Select), "orphaned")
        assert list_rows(app) == [orphan.id]
        await focus_by_tab(pilot, screen.query_one(DataTable))
        await pilot.press("R")
        assert not isinstance(app.screen, NotesListScreen)
        await wait_note(
            pilot,
            app,
            lambda placed: any(p.annotation.id == orphan.id and not p.orphaned for p in placed),
        )
        assert app.notes.by_id[orphan.id].anchor.state.value == "anchored"
        assert place in view.note_spans

    moved = next(a for a in on_disk(ws) if a.id == orphan.id)
    assert moved.target.quote == new_quote
    assert (moved.target.start, moved.target.end) == place
    assert moved.target.quote != lost.quote
    assert moved.note == "Ann on the law" and moved.tags == ("law",)
    assert moved.modified > orphan.modified


async def test_notes_list_finds_a_note_by_its_words_at_80_columns(sample_workspace: Path) -> None:
    """Finding a note again by what it says: the list had no such filter, and at 80 columns
    its three text fields were four cells wide, too narrow to show what was typed."""
    ws = sample_workspace
    anxiety = seed(ws, "Ann", sentence_target(ws, FIRST_DOC, 3), "Eases anxiety; no source.")
    seed(ws, "Bob", sentence_target(ws, SECOND_DOC, 1), "Dose advice is vague", tags=("dose",))
    tagged = seed(ws, "Bob", sentence_target(ws, SECOND_DOC, 2), "See above", tags=("anxiety",))
    app = make_app(ws, panes=2, author="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, NotesListScreen)
        for field in ("#words", "#author", "#tag", "#doc"):
            assert screen.query_one(field, Input).content_region.width >= 10, field
        await pilot.press("slash")
        assert app.focused is screen.query_one("#words", Input)
        await type_text(pilot, "ANXIETY")  # in a note's words or its tags, any case
        assert set(list_rows(app)) == {anxiety.id, tagged.id}
        await type_text(pilot, " source")  # every word must be found
        assert list_rows(app) == [anxiety.id]


async def test_an_orphan_of_a_renamed_document_is_reattached_there_and_its_reply_follows(
    sample_workspace: Path,
) -> None:
    ws = sample_workspace
    target = sentence_target(ws, FIRST_DOC, 3)
    parent = seed(ws, "Ann", target, "Ann on mood", tags=("mood",))
    answer = seed(ws, "Bob", target, "Bob answers", reply_to=parent.id)
    renamed = "zz_renamed.txt"  # sorted last: the fifth document
    (ws / FIRST_DOC).rename(ws / renamed)

    app = make_app(ws, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.notes.by_id[parent.id].orphaned and app.notes.by_id[answer.id].orphaned
        await pilot.press("5")
        left = app.active_pane
        assert left.doc_id == renamed
        await pilot.press("j", "j", "j")
        assert left.view.selected_span() == (target.start, target.end)
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, NotesListScreen)
        await focus_by_tab(pilot, screen.query_one(DataTable))
        while list_rows(app)[screen.query_one(DataTable).cursor_row] != parent.id:
            await pilot.press("down")
        await pilot.press("R")
        await wait_note(pilot, app, lambda placed: not app.notes.by_id[parent.id].orphaned)
        for note in (parent, answer):
            placed = app.notes.by_id[note.id]
            assert placed.annotation.target.doc == renamed
            assert (placed.start, placed.end) == (target.start, target.end)
        assert (target.start, target.end) in left.view.note_spans
        assert any(f"to {renamed}" in n.message for n in app._notifications)

    moved = next(a for a in on_disk(ws) if a.id == parent.id)
    assert moved.target.doc == renamed and moved.note == "Ann on mood"
    assert moved.created == parent.created and moved.tags == ("mood",)


# -- 8. marking claims ----------------------------------------------------------------------------


async def test_C_cycles_claim_not_claim_and_detection(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app.claims_finished_at is not None, timeout=20)
        view = app.active_pane.view
        assert view.document is not None
        assessments = app.claims.by_document[FIRST_DOC]
        index = next(a.sentence for a in assessments if not a.is_claim and a.reason != "a heading")
        detected = assessments[index]
        assert not detected.overridden
        sentence = view.document.sentences[index]
        for _ in range(index):
            await pilot.press("j")
        assert view.cursor == index

        def assessed_at(sentence: int) -> Assessment:
            return app.claims.by_document[FIRST_DOC][sentence]

        def assessed() -> Assessment:
            return assessed_at(index)

        def marks_on_disk() -> list[Annotation]:
            return [a for a in on_disk(sample_workspace) if a.claim is not None]

        # A claim.
        await pilot.press("C")
        await wait_for(pilot, lambda: assessed().overridden)
        assert assessed().role is Role.CLAIM
        assert assessed().kind is not None
        assert marks_of_view_is_claim(view, index)
        (mark,) = marks_on_disk()
        assert mark.author == "Ann" and mark.claim is ClaimMark.CLAIM and mark.note == ""
        assert mark.target.quote == view.document.text[sentence.start : sentence.end]
        assert f"Sentence {index + 1} marked as a claim." in [m for _, m, _ in notifications(app)]

        # Not a claim: the same annotation, changed.
        await pilot.press("C")
        await wait_for(pilot, lambda: assessed().overridden and not assessed().is_claim)
        assert assessed().role is detected.role  # not a claim, as detected before
        assert assessed().reason == "marked not a claim by you"
        assert not marks_of_view_is_claim(view, index)
        (again,) = marks_on_disk()
        assert again.id == mark.id and again.claim is ClaimMark.NOT_CLAIM

        # Back to detection: the mark is deleted.
        await pilot.press("C")
        await wait_for(pilot, lambda: not assessed().overridden)
        assert assessed().role is detected.role
        assert assessed().reason == detected.reason
        assert marks_on_disk() == []
        assert [a.id for a in on_disk(sample_workspace, deleted=True)] == [mark.id]

        # A detected claim marked "not a claim" loses its letter in the gutter.
        await pilot.press("g")
        assert assessed_at(0).is_claim and gutter(view, 0)[0] != " "
        await pilot.press("C")
        await wait_for(pilot, lambda: assessed_at(0).overridden)
        await pilot.press("C")
        await wait_for(pilot, lambda: not assessed_at(0).is_claim)
        assert gutter(view, 0)[0] == " "
        assert [a.claim for a in marks_on_disk()] == [ClaimMark.NOT_CLAIM]


def marks_of_view_is_claim(view: DocumentView, index: int) -> bool:
    assert view.marks is not None
    return view.marks.assessments[index].is_claim


async def test_C_pressed_twice_quickly_means_not_a_claim(sample_workspace: Path) -> None:
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app.claims_finished_at is not None, timeout=20)
        await pilot.press("j")
        # Two key presses arriving together, as a terminal delivers a quick double tap.
        app.post_message(events.Key("C", "C"))
        app.post_message(events.Key("C", "C"))
        await pilot.pause()
        await wait_for(pilot, lambda: not notes_busy(app))
        marks = [a for a in on_disk(sample_workspace) if a.claim is not None]
        assert [a.claim for a in marks] == [ClaimMark.NOT_CLAIM]


def notes_busy(app: SynopticApp) -> bool:
    return any(w.group == "notes" and not w.is_finished for w in app.workers)


# -- 9. hostile text ------------------------------------------------------------------------------

CONTROL = frozenset(chr(c) for c in range(0x20)) - {"\n"} | {"\x7f", "\x9b"}


async def test_markup_and_escape_sequences_in_a_note_are_stored_and_shown_literally(
    sample_workspace: Path,
) -> None:
    seed(
        sample_workspace,
        "Bob",
        sentence_target(sample_workspace, FIRST_DOC, 0),
        "[link=https://evil.example]click[/link] \x1b[2J\x9b31m",
    )
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("a")
        await type_text(pilot, "[bold red]x[/] ")
        await paste(pilot, "\x1b]0;title\x07 \x1b[31mred")
        hostile = "[bold red]x[/] \x1b]0;title\x07 \x1b[31mred"
        assert editor(app).query_one("#note", TextArea).text == hostile
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 2)
        assert [a.note for a in on_disk(sample_workspace) if a.author == "Ann"] == [hostile]

        await pilot.press("p")
        prompts = panel_prompts(app)
        assert len(prompts) == 2
        shown = "\n".join(p.plain for p in prompts)
        assert "[bold red]x[/]" in shown
        assert "[link=https://evil.example]click[/link]" in shown
        assert not CONTROL & set(shown)
        for prompt in prompts:
            styles = [str(span.style) for span in prompt.spans]
            assert not any("red" in s or "link" in s for s in styles), styles
        drawn = widget_text(panel(app).query_one(OptionList))
        assert "[bold red]x[/]" in drawn
        assert "click[/link]" in drawn
        assert not CONTROL & set(drawn)

        await pilot.press("l")
        table = app.screen.query_one(DataTable)
        listed = widget_text(table)
        assert "[bold red]x[/]" in listed
        assert not CONTROL & set(listed)


async def test_line_separators_in_a_note_are_shown_as_the_report_shows_them_and_kept(
    sample_workspace: Path,
) -> None:
    """NEL, U+2028 and U+2029 are characters to the report (shown as placeholders), not line
    breaks: the panel cuts the note where the report does, and editing another part of the
    note saves those characters, the literal placeholder and the mixed newlines unchanged."""
    written = "one\x85two\u2028three\u2029four \u2370 \r\nfive\n\tsix"
    mine = seed(sample_workspace, "Ann", sentence_target(sample_workspace, FIRST_DOC, 0), written)
    report_lines = [
        line.removesuffix("\\") for line in text_block(written) if line.strip()
    ]  # the hard breaks
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("p")
        shown = panel_prompts(app)[0].plain.split("\n")[1:]
        assert [line.strip() for line in shown] == [
            "one\u2370two\u2370three\u2370four \u2370",
            "five",
            "six",
        ]
        assert len(report_lines) == len(shown)
        assert report_lines[0].startswith("one\u2370two\u2370three\u2370four")

        # open and save untouched: nothing changes
        await pilot.press("e")
        area = editor(app).query_one("#note", TextArea)
        assert area.document.line_count == 3
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))
        await pilot.pause(0.3)
        assert app.notes.by_id[mine.id].annotation.note == written

        # edit the first line (which holds the separators) and the last: only that typing changes
        await pilot.press("e")  # the cursor starts after the note, on its last line
        await pilot.press("up", "up", "end")
        await type_text(pilot, "!")
        await pilot.press("down", "down", "end")
        await type_text(pilot, ".")
        await pilot.press("ctrl+s")
        edited = written.replace(" \r\n", " !\r\n") + "."
        await wait_note(pilot, app, lambda placed: placed[0].annotation.note == edited)

        await pilot.press("l")  # the list shows the note on one line, as the report's cells do
        assert "one\u2370two\u2370three\u2370four" in widget_text(app.screen.query_one(DataTable))
    assert [a.note for a in on_disk(sample_workspace)] == [edited]


# -- 10. an unreadable annotation file ------------------------------------------------------------


async def test_an_unreadable_annotation_file_is_reported_and_left_alone(
    sample_workspace: Path,
) -> None:
    ws = sample_workspace
    mine = seed(ws, "Ann", sentence_target(ws, FIRST_DOC, 0), "Ann's note")
    seed(ws, "Bob", sentence_target(ws, FIRST_DOC, 2), "Bob's note")
    bob_file = shard(ws, "Bob", FIRST_DOC)
    theirs = bob_file.read_text(encoding="utf-8")
    bob_file.write_text(
        f"<<<<<<< HEAD\n{theirs}=======\n{theirs}>>>>>>> origin/main\n", encoding="utf-8"
    )
    broken = bob_file.read_bytes()

    app = make_app(ws, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        told = [(t, m) for t, m, _ in notifications(app) if t == "Cannot read an annotation file"]
        assert len(told) == 1, notifications(app)
        assert bob_file.name in told[0][1]
        assert "bob" in told[0][1]
        assert "left untouched" in told[0][1]

        # Ann's note is there and marked; Bob's is missing, not half-read.
        assert [p.annotation.id for p in app.notes.placed] == [mine.id]
        view = app.active_pane.view
        assert view.note_spans == [(mine.target.start, mine.target.end)]
        assert gutter(view, 0)[1] == NOTE_MARK

        # Ann can still write (to her own file), on the same document, and reply-less r warns.
        await pilot.press("j", "j")
        await pilot.press("r")
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("a")
        await type_text(pilot, "still works")
        await pilot.press("ctrl+s")
        await wait_note(pilot, app, lambda placed: len(placed) == 2)
        assert (
            len([t for t, _, _ in notifications(app) if t == "Cannot read an annotation file"]) == 1
        ), "the same problem is not reported again after every save"

    assert bob_file.read_bytes() == broken
    assert sorted(a.note for a in on_disk(ws)) == ["Ann's note", "still works"]


async def test_export_from_the_palette_writes_the_report_and_says_so(
    sample_workspace: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input, OptionList

    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from annotations.target import Target

    text = (sample_workspace / SAMPLE_IDS[0]).read_text(encoding="utf-8")
    start = text.index("Emerging research")
    AnnotationStore(sample_workspace, "Ann").add(
        Annotation.create(
            "Ann", Target.from_span(SAMPLE_IDS[0], text, start, start + 17), "Which research?"
        )
    )
    app = make_app(sample_workspace, panes=2, author="Ann")
    destination = tmp_path / "report.md"
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready, timeout=30)
        await open_export_dialog(pilot, app)
        path = app.screen.query_one("#path", Input)
        # Suggested beside the workspace: a report inside it would be listed as a document.
        assert Path(path.value) == sample_workspace.parent / f"{sample_workspace.name}-notes.md"
        path.value = str(destination)
        await pilot.click("#export")
        await wait_for(pilot, destination.exists, timeout=60)
        await wait_for(pilot, lambda: any(n.title == "Exported" for n in app._notifications))
        # Where the user insists on the workspace, the warning and the result read as prose.
        await pilot.press("ctrl+p", *"Export notes")
        await wait_for(pilot, lambda: app.screen.query(OptionList))
        await wait_for(pilot, lambda: app.screen.query_one(OptionList).option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ExportScreen")
        inside = sample_workspace / "report.md"
        app.screen.query_one("#path", Input).value = str(inside)
        await pilot.click("#export")
        await wait_for(pilot, inside.exists, timeout=60)
        await wait_for(
            pilot, lambda: len([n for n in app._notifications if n.title == "Exported"]) == 2
        )
        said = [n.message for n in app._notifications if n.title == "Exported"][-1]
        assert (
            "the reader leaves it out of the documents, as a report of its own "
            "(delete its last line to read it as one) Wrote" in said
        )
        assert "\N{SYMBOL FOR LINE FEED}" not in said
    report = destination.read_text(encoding="utf-8")
    assert "Which research?" in report and "Emerging research" in report


async def test_a_claim_mark_changes_the_synopsis(sample_workspace: Path) -> None:
    """The synopsis groups claims; a sentence marked "not a claim" after the index was built
    must leave its row (the index keeps kinds, and they follow the mark)."""
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app.parallel.index is not None, timeout=30)
        view = app.active_pane.view
        assert view.document is not None
        first = view.document.sentences[0].start

        async def grouped() -> set[tuple[str, int]]:
            await pilot.press("s")
            await wait_for(pilot, lambda: app.parallel.synopsis is not None, timeout=30)
            groups = app.parallel.synopsis
            assert groups is not None
            await pilot.press("escape")
            return {(p.doc_id, p.start) for g in groups for p in g.passages.values()}

        assert (FIRST_DOC, first) in await grouped()
        await pilot.press("g", "C")
        await wait_for(pilot, lambda: app.claims.by_document[FIRST_DOC][0].overridden)
        await pilot.press("C")
        await wait_for(pilot, lambda: not app.claims.by_document[FIRST_DOC][0].is_claim)
        assert (FIRST_DOC, first) not in await grouped()


async def test_export_dialog_keeps_an_edited_report_and_overwrites_it_only_when_told(
    sample_workspace: Path, tmp_path: Path, cli
) -> None:
    """The dialog writes with the command line's rules: a report with the user's conclusions
    added is not replaced; the dialog says why and offers another file (the default, so Enter
    can never replace it) or, as a deliberate second step, overwriting it anyway."""
    destination = tmp_path / "report.md"
    assert cli("export", sample_workspace, "-o", destination).returncode == 0
    edited = destination.read_text(encoding="utf-8") + "\n## My editorial conclusions\n"
    destination.write_text(edited, encoding="utf-8")
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.notes.ready, timeout=30)

        async def export_there() -> None:
            await open_export_dialog(pilot, app)
            app.screen.query_one("#path", Input).value = str(destination)
            await pilot.click("#export")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "KeptFileScreen", timeout=60)

        await export_there()
        said = "\n".join(widget_text(static) for static in app.screen.query(Static))
        assert "has been changed since Synoptic wrote it" in " ".join(said.split())
        assert "another file, or overwrite it anyway" in " ".join(said.split())
        assert "--force" not in said
        await pilot.press("enter")  # the default: choose another file, in the same dialog
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ExportScreen")
        assert app.screen.query_one("#path", Input).value == str(destination)
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert destination.read_text(encoding="utf-8") == edited
        assert not [t for t, _, _ in notifications(app) if t == "Exported"]

        await export_there()
        await pilot.click("#overwrite")
        await wait_for(
            pilot, lambda: any(t == "Exported" for t, _, _ in notifications(app)), timeout=60
        )
    report = destination.read_bytes()
    assert b"My editorial conclusions" not in report
    assert seal_state(report) is FileState.UNCHANGED  # a fresh report, as Synoptic writes it


async def test_the_notes_panel_shows_times_in_the_local_time_zone(sample_workspace: Path) -> None:
    """Ours are stored in UTC, an imported one keeps its tool's offset: written at the same
    moment, they showed different clock times, and a user in New York saw UTC unawares."""
    target = sentence_target(sample_workspace, FIRST_DOC, 1)
    ours = Annotation.create("Ann", target, "Stored in UTC.")
    theirs = Annotation.create("Ann", target, "Imported with an offset.")
    lost = {"note": "Kept from a conflict.", "modified": "2026-03-01T16:30:00.000000+02:00"}
    store = AnnotationStore(sample_workspace, "Ann")
    store.add(dataclasses.replace(ours, modified="2026-03-01T14:30:00.000000+00:00"))
    store.add(
        dataclasses.replace(theirs, modified="2026-03-01T16:30:00.000000+02:00", superseded=(lost,))
    )
    with local_time_zone(NEW_YORK):
        app = make_app(sample_workspace, panes=2, author="Ann")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await pilot.press("j", "p")
            prompts = [p.plain for p in panel_prompts(app)]
    assert len(prompts) == 2
    assert all("Ann \N{MIDDLE DOT} 2026-03-01 09:30" in prompt for prompt in prompts)
    [imported] = [prompt for prompt in prompts if "Imported with an offset." in prompt]
    assert "the latest of 2026-03-01 09:30: \u201cKept from a conflict.\u201d" in imported


async def test_the_notes_panel_says_what_a_version_kept_from_a_conflict_said(
    sample_workspace: Path,
) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 1)
    lost = {"note": "Written on the laptop.", "modified": "2026-03-01T10:00:00.000000+00:00"}
    shown = Annotation.create("Ann", target, "Written on the desktop.")
    AnnotationStore(sample_workspace, "Ann").add(dataclasses.replace(shown, superseded=(lost,)))
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("j", "p")
        [prompt] = [p.plain for p in panel_prompts(app)]
        assert "Written on the desktop." in prompt
        assert (
            "1 other version kept from conflicting changes; the latest of "
            "2026-03-01 10:00: \u201cWritten on the laptop.\u201d"
        ) in prompt


async def test_K_in_the_notes_panel_marks_a_kept_version_as_seen(sample_workspace: Path) -> None:
    target = sentence_target(sample_workspace, FIRST_DOC, 1)
    lost = {"note": "Written on the laptop.", "modified": "2026-03-01T10:00:00.000000+00:00"}
    shown = Annotation.create("Ann", target, "Written on the desktop.")
    AnnotationStore(sample_workspace, "Ann").add(dataclasses.replace(shown, superseded=(lost,)))
    app = make_app(sample_workspace, panes=2, author="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("j", "p")
        [prompt] = [p.plain for p in panel_prompts(app)]
        assert "K marks it as seen" in prompt
        await pilot.press("K")
        await wait_for(pilot, lambda: "kept" not in panel_prompts(app)[0].plain)
        assert "Written on the desktop." in panel_prompts(app)[0].plain
        assert any("1 kept version marked as seen" in m for _, m, _ in notifications(app))
        await pilot.press("K")  # nothing left to resolve: says so, changes nothing
        await wait_for(
            pilot, lambda: any("keeps no versions" in m for _, m, _ in notifications(app))
        )
    [stored] = on_disk(sample_workspace)
    assert stored.superseded == (lost,)  # still kept
    assert stored.modified == shown.modified
    assert [v.text for v in resolved_versions(stored)] == ["Written on the laptop."]
    assert kept_versions(stored) == []
