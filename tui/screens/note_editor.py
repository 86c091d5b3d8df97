"""``a`` / ``e`` / ``r``: writing a note, and ``x``'s "are you sure?".

The editor returns a :class:`NoteDraft`; the app turns it into an annotation and saves it.
"Link a passage" closes the editor with the draft kept, so the user can go to the evidence in
any pane and press Enter there; the editor then comes back with the link added. The draft it
comes back with already holds the typing, so what Cancel (and quitting) compare with is the
note as it was before editing began, carried along as ``original``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from annotations.drafts import NoteDraft
from annotations.labels import Verdict
from annotations.links import Relation, follow_rename, parse_link
from annotations.model import says_nothing
from corpus.text import inert, one_line
from tui.note_text import for_editor, kept_as_written
from tui.screens.claims import MODAL_CSS
from tui.screens.confirm import ConfirmScreen as ConfirmScreen
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from annotations.links import EvidenceLink


@dataclass(frozen=True)
class PickPassage:
    """The user wants to link a passage: keep the draft while they go and find it."""

    draft: NoteDraft
    original: NoteDraft
    """The note before editing began: what the draft is unsaved against."""
    relation: Relation
    """How the passage to be picked bears on the claim, as the user chose it before going."""

    @property
    def unsaved(self) -> bool:
        """Whether leaving now would throw away typing, links or tags."""
        return self.draft != self.original

    def renamed(self, old: str, new: str) -> PickPassage:
        """The draft with its passage links into ``old`` on ``new``: renamed on disk."""
        return PickPassage(
            self.draft.renamed(old, new), self.original.renamed(old, new), self.relation
        )


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the tags already in use."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip()
        if not stem:
            return None
        for tag in self.tags:
            if tag.lower().startswith(stem.lower()) and tag != stem:
                prefix = f"{head}, " if head else ""
                return prefix + tag
        return None


class TagInput(Input):
    """The tags field: Tab takes the suggested tag when there is one, else moves on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete_or_next", "Complete the tag", show=False),
    ]

    def action_complete_or_next(self) -> None:
        suggestion = self._suggestion
        if suggestion and len(suggestion) > len(self.value) and self.cursor_at_end:
            self.value = suggestion
            self.cursor_position = len(suggestion)
        else:
            self.screen.focus_next()


def split_tags(value: str) -> tuple[str, ...]:
    """Tags typed as "a, b, c" (spaces inside a tag are kept)."""
    return tuple(tag.strip() for tag in value.split(",") if tag.strip())


def link_text(link: EvidenceLink) -> Text:
    """One evidence link as the editor lists it: its relation, then where it points."""
    where = link.shown_address if link.target is None else f"{link.target.doc}: {link.target.quote}"
    return Text.assemble((f"{link.relation.value}: ", "bold"), inert(one_line(where, 120)))


class LinkRows(Vertical):
    """Every link in full, each with its own Remove button (Tab to it and Enter, or a click).

    Rows in the editor's own scroll: a box of its own took a Tab stop that swallowed typing and
    was one line tall, hiding all but the first link.
    """

    def __init__(self, links: list[EvidenceLink], *, id: str) -> None:
        super().__init__(id=id)
        self.links = list(links)

    def compose(self) -> ComposeResult:
        if not self.links:
            yield Static(Text("no evidence links yet", style="dim"))
        for index, link in enumerate(self.links):
            with Horizontal():
                yield Static(link_text(link))
                yield Button(
                    "Remove",
                    compact=True,
                    name=str(index),
                    classes="remove-link",
                    tooltip="Remove this link from the note",
                )

    async def show(self, links: list[EvidenceLink]) -> None:
        """List ``links`` instead."""
        self.links = list(links)
        await self.recompose()


class NoteEditor(ModalScreen["NoteDraft | PickPassage | None"]):
    """A note (Markdown), tags with completion, a verdict and evidence links."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="NoteEditor").replace("> Vertical", "> VerticalScroll")
        + """
    NoteEditor TextArea { height: 8; }
    NoteEditor.-short TextArea { height: 4; }  /* room for the fields under it */
    NoteEditor .quote { color: $text-muted; text-style: italic; margin-bottom: 1; }
    NoteEditor Horizontal { height: auto; }
    NoteEditor #link-ref { width: 1fr; }
    NoteEditor #relation { width: 18; }
    NoteEditor #links { height: auto; color: $text-muted; margin-bottom: 1; }
    NoteEditor #links Static { width: 1fr; }
    NoteEditor #buttons { margin-top: 1; }
    NoteEditor Label.error { color: $error; width: 1fr; }  /* wraps: cut at 80 columns */
    /* below 80 columns a row of three cut off "Cancel" and "Add link": two to a row */
    NoteEditor.-narrow #link-row, NoteEditor.-narrow #buttons {
        layout: grid; grid-size: 2; grid-rows: auto; grid-gutter: 0 1;
    }
    NoteEditor.-narrow #link-ref { column-span: 2; }
    NoteEditor.-narrow #link-row > *, NoteEditor.-narrow #buttons > * { width: 100%; }
    NoteEditor.-narrow #buttons > Button { min-width: 0; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(
        self,
        title: str,
        quote: str,
        draft: NoteDraft,
        known_tags: list[str],
        original: NoteDraft | None = None,
        relation: Relation | None = None,
        *,
        marked: bool = False,
    ) -> None:
        super().__init__()
        self.heading = title
        self.quote = quote
        self.draft = draft
        self.original = draft if original is None else original
        """The note before editing began (``draft`` holds the typing after a link was picked)."""
        self.known_tags = known_tags
        self.links: list[EvidenceLink] = list(draft.links)
        self.relation = relation
        """The relation chosen for the last link (back from picking a passage), else None:
        none is chosen for the user, as a refuting source filed as "supports" by default
        reads as the opposite of what the fact-checker found."""
        self.marked = marked
        """Whether the note edited carries a claim mark, which says something on its own:
        emptied, it is saved as the mark that ``C`` makes."""

    def compose(self) -> ComposeResult:
        # scrolls, so a short terminal can still reach the link fields and the buttons: focus
        # (Tab) brings each into view
        with VerticalScroll(id="editor"):
            yield Label(Text(self.heading, style="bold"), id="heading")
            yield Static(Text(inert(one_line(self.quote, 300))), classes="quote")
            yield TextArea(
                for_editor(self.draft.note), id="note", soft_wrap=True, show_line_numbers=False
            )
            yield TagInput(
                ", ".join(self.draft.tags),
                placeholder="tags, separated by commas (Tab completes)",
                id="tags",
                suggester=TagSuggester(self.known_tags),
            )
            yield Select(
                [(verdict.label, verdict) for verdict in Verdict],
                prompt="verdict (none)",
                value=self.draft.verdict if self.draft.verdict else Select.NULL,
                id="verdict",
            )
            with Horizontal(id="link-row"):
                yield Input(placeholder="URL, DOI or PMID", id="link-ref")
                yield Select(
                    [(relation.value, relation) for relation in Relation],
                    prompt="relation?",
                    value=self.relation or Select.NULL,
                    id="relation",
                    tooltip="How the source bears on the claim: supports, refutes or context",
                )
                yield Button("Add link", id="add-link")
            yield Label("", id="problem", classes="error")
            # below the field that adds them, so Tab from the verdict reaches that field first
            # and an Enter meant for it cannot land on a Remove button
            yield LinkRows(self.links, id="links")
            with Horizontal(id="buttons"):
                yield Button("Save (Ctrl+S)", variant="primary", id="save")
                yield Button("Link a passage\N{HORIZONTAL ELLIPSIS}", id="pick")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()  # its own keys, not the reader's under it

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        # after the text, as editors open: typing at once adds to the note rather than
        # prepending to it (a TextArea starts with its cursor at the top)
        area.move_cursor(area.document.end)
        area.focus()

    def retitle(self, heading: str) -> None:
        """Say ``heading`` instead: the note's document was renamed on disk meanwhile."""
        self.heading = heading
        if self.is_mounted:
            self.query_one("#heading", Label).update(Text(heading, style="bold"))

    def renamed(self, old: str, new: str) -> None:
        """Document ``old`` was renamed to ``new`` on disk: the passage links into it point
        into ``new`` (the same passages), and the list says so."""
        self.draft = self.draft.renamed(old, new)
        self.original = self.original.renamed(old, new)
        links = list(follow_rename(tuple(self.links), old, new))
        if links == self.links:
            return
        self.links = links
        if self.is_mounted:
            rows = self.query_one(LinkRows)
            self.call_later(rows.show, links)

    def current(self) -> NoteDraft:
        """The draft as the fields say now."""
        verdict = self.query_one("#verdict", Select).value
        return replace(
            self.draft,
            # what the user did not touch stays as stored (see tui.note_text)
            note=kept_as_written(self.draft.note, self.query_one(TextArea).text),
            tags=split_tags(self.query_one("#tags", Input).value),
            verdict=verdict if isinstance(verdict, Verdict) else None,
            links=tuple(self.links),
        )

    @property
    def unsaved(self) -> bool:
        """Whether closing now would throw away typing, links, tags or a verdict."""
        try:
            now = self.current()
        except NoMatches:  # not composed yet: it holds what it opened with
            return self.draft != self.original
        return now != self.original or bool(self.query_one("#link-ref", Input).value.strip())

    @on(Button.Pressed, "#add-link")
    @on(Input.Submitted, "#link-ref")
    async def add_link(self) -> bool:
        """Check the typed link and add it; a refused link is explained, not saved (False)."""
        ref = self.query_one("#link-ref", Input)
        chosen = self.query_one("#relation", Select).value
        problem = self.query_one("#problem", Label)
        try:  # what is wrong with the address is said first: it is what was just typed
            link = parse_link(
                ref.value, chosen if isinstance(chosen, Relation) else Relation.CONTEXT
            )
        except ValueError as exc:
            problem.update(Text(inert(str(exc))))
            ref.focus()
            return False
        if self.chosen_relation() is None:
            return False
        problem.update("")
        self.links.append(link)
        ref.value = ""
        await self.query_one(LinkRows).show(self.links)
        return True

    async def took_typed_link(self) -> bool:
        """Add a link typed but not added before the note is saved or left for a passage: a
        DOI typed and Save pressed was dropped without a word. False when it cannot be added
        yet (the reason is shown), so nothing typed is lost."""
        return not self.query_one("#link-ref", Input).value.strip() or await self.add_link()

    @on(Button.Pressed, ".remove-link")
    async def remove_link(self, event: Button.Pressed) -> None:
        """Drop one link from the draft: a wrong link must not cost the whole note."""
        event.stop()
        index = int(event.button.name or 0)
        del self.links[index]
        rows = self.query_one(LinkRows)
        await rows.show(self.links)
        # keyboard users stay in the list (on the link that moved up), or go back to the field
        buttons = list(rows.query(".remove-link").results(Button))
        if buttons:
            buttons[min(index, len(buttons) - 1)].focus()
        else:
            self.query_one("#link-ref", Input).focus()

    def chosen_relation(self) -> Relation | None:
        """The relation chosen for a new link; None, with the user asked to choose one, when
        none is: the link is not made until they do."""
        relation = self.query_one("#relation", Select).value
        if isinstance(relation, Relation):
            return relation
        self.query_one("#problem", Label).update(
            "Choose the link's relation first: does the source support the claim, refute it, "
            "or give context?"
        )
        self.query_one("#relation", Select).focus()
        return None

    @on(Select.Changed, "#relation")
    def _relation_chosen(self) -> None:
        """A relation chosen answers the request for one (or makes a refusal moot)."""
        self.query_one("#problem", Label).update("")

    @on(Button.Pressed, "#pick")
    async def action_pick(self) -> None:
        """Close for now and let the user point at the evidence passage in a pane."""
        if not await self.took_typed_link():
            return
        relation = self.chosen_relation()
        if relation is not None:
            self.dismiss(PickPassage(self.current(), self.original, relation))

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        if not await self.took_typed_link():
            return
        draft = self.current()
        if not self.marked and says_nothing(draft.note, draft.tags, draft.verdict, draft.links):
            # refused as `synoptic note add` refuses it: a mark on a passage that says nothing
            self.query_one("#problem", Label).update(
                "An empty note says nothing: write something, or give it a tag, a verdict or "
                "a link"
                + (" (Esc cancels)." if self.original == NoteDraft() else " (x deletes a note).")
            )
            return
        self.dismiss(draft)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; typed work is thrown away only after a yes (Esc is also what
        closes the dropdowns here, so one press too many must not lose a note)."""
        if not self.unsaved:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        # Said as what Yes loses: "nothing ... is saved" read as a promise that nothing would
        # be, and an edit's question must not sound like deleting the note itself.
        if self.original == NoteDraft():
            question = "Discard this note?"
            lost = "What you typed, tagged and linked will be lost."
        else:
            question = "Discard your changes to this note?"
            lost = (
                "The note stays as it was saved; what you typed, tagged and linked since you "
                "began editing it will be lost."
            )
        self.app.push_screen(ConfirmScreen(question, lost), answered)
