"""``?``: what Synoptic is for and every key, generated from the bindings so it cannot drift."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import printed_key
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import ComposeResult

INTRO = (
    "Synoptic shows several documents side by side so you can compare what they claim. "
    "Each pane has its own document and sentence cursor; the focused pane's title is "
    "highlighted; Tab and Shift+Tab move between panes. Mouse: click a pane or a sentence to "
    "select it, double-click a sentence to match it (as m does), drag to select a span, "
    "scroll with the wheel (in follow mode the cursor comes along)."
)

MARKS = (
    "On the page: a sentence's colour and the letter in its margin say what kind of claim it "
    "makes; the legend under the panes names the kinds and counts them (under 24 lines, only "
    "their letters and counts; h lists the names and chooses which kinds are marked, w says "
    'why a sentence is one). Hedged claims ("may", "suggests") are in '
    'italics, unsourced ones ("studies show", no source named) underlined; a * in the margin '
    "marks a passage with a note."
)
"""What the colours, letters and marks mean: the legend names the kinds, not the rest."""

SCORES = (  # the "no good match" line is matching.toml's no_match_below
    "Scores: a match's score (in the matches panel, M, and in a pane's title after m) says how "
    "much a passage says what your sentence says, from 0 to 1. It counts the words the two "
    'share (rare words more than the workspace\'s common ones: "mitragynine" more than '
    '"kratom"), shared parts of words, and whether the sentences around them are alike too. '
    "Only the very same text scores 1.00 (a near-copy shows 0.99); below 0.12 a document has no "
    "good match. Compare a number with the other candidates rather than read it alone: the "
    "best is a first guess to check by eye, and the right passage is often the next one (>). "
    "In the claim synopsis (s), Agree is the average score between the passages of a row: how "
    "alike the documents word that claim. A score measures wording, not truth: two passages "
    "can match well and disagree, so read them both."
)
"""What the numbers beside matches and synopsis rows mean, for a reader who is not a
programmer: "0.62" alone says nothing."""

FIRST_STEPS = (
    "To compare: put the cursor on a sentence and press m; the other panes scroll to where "
    "their documents say the same thing. s lists every claim with the documents that make it, "
    "a writes a note on the sentence (or a selection), E exports the notes as a report."
)
"""The four things a newcomer came for, said once in the words of the task."""


COPYING = (
    "Copying (y, Ctrl+C, and Ctrl+C in the note editor or any field): the text goes to the "
    "desktop's clipboard command when the reader runs on this "
    "computer (wl-copy, xclip or xsel, pbcopy, clip.exe), and to the terminal by OSC 52, the "
    'only way over SSH. "Sent … by OSC 52" means only the terminal got it, and many ignore '
    "it: if nothing pastes, install xclip or wl-clipboard, or allow OSC 52 (in tmux: set -g "
    "set-clipboard on; macOS's Terminal cannot), or hold Shift (in iTerm2, Option) while "
    "dragging to use the terminal's own selection. SYNOPTIC_CLIPBOARD=osc52 turns the "
    "command off; set to a command, that one is used."
)
"""Why a copy may not arrive, said once here rather than on every copy."""


def _keys(binding: Binding) -> str:
    """The keys as the README prints them (">" and "PgDn", not "greater_than_sign" and
    "pagedown"), so that help and the README name a key the same way."""
    return " / ".join(printed_key(key.strip()) for key in binding.key.split(","))


def _key_run(keys: list[str]) -> str:
    """Keys joined as help prints them: nine digits in a row are "1\N{EN DASH}9"."""
    if len(keys) > 2 and all(key.isdigit() and len(key) == 1 for key in keys):
        numbers = [int(key) for key in keys]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{keys[0]}\N{EN DASH}{keys[-1]}"
    return " / ".join(keys)


def bindings_table(title: str, bindings: Iterable[BindingType]) -> Table:
    """A two-column table of keys and what they do."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    # Bindings with one description are one row: the synopsis's "q", a second "Close" after
    # Esc, was left out, so help never said that q closes it. A binding without a description
    # is a further key of the row of its action ("2" to "9" of the synopsis's reading order,
    # which "1" describes), so help names every key it has.
    rows: dict[str, tuple[list[str], str]] = {}
    row_of_action: dict[str, str] = {}
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        action = binding.action.partition("(")[0]
        description = binding.description or row_of_action.get(action)
        if not description:
            continue
        row_of_action.setdefault(action, description)
        keys, meaning = rows.setdefault(description, ([], ""))
        # a footer's short word ("By docs") has its longer meaning in the tooltip
        rows[description] = ([*keys, _keys(binding)], meaning or binding.tooltip)
    for description, (keys, meaning) in rows.items():
        table.add_row(Text(_key_run(keys)), Text(meaning or description))
    return table


class HelpScreen(ModalScreen[None]):
    """Key reference; Escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    HelpScreen Static { margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close help"),
    ]

    def __init__(
        self,
        sections: list[tuple[str, list[BindingType]]],
        *,
        screen_keys_first: bool = False,
        about: str | None = None,
        place: str | None = None,
    ) -> None:
        super().__init__()
        self.sections = sections
        self.place = place
        """Where the workspace and its notes are, said under the title."""
        self.about = about
        """What the full screen's own words mean (its columns, its states), under its keys."""
        self.screen_keys_first = screen_keys_first
        """The first section holds the keys of the full screen help was opened from (the
        synopsis, the notes list): shown before the introduction, which is about the panes.
        Under it, at 80x24, they began below the fold, where no one looks for them."""

    def compose(self) -> ComposeResult:
        lead = 1 if self.screen_keys_first else 0
        with VerticalScroll():
            yield Static(Text("Synoptic \N{EM DASH} help", style="bold"))
            for title, bindings in self.sections[:lead]:
                yield Static(bindings_table(title, bindings))
            if self.about:
                yield Static(Text(self.about))
            if self.place:
                yield Static(Text(self.place))
            yield Static(Text(INTRO))
            yield Static(Text(FIRST_STEPS))
            yield Static(Text(MARKS))
            for title, bindings in self.sections[lead:]:
                yield Static(bindings_table(title, bindings))
            # after the keys: above them, at 140x40 it pushed the first key below the fold
            yield Static(Text(SCORES))
            yield Static(
                Text(
                    "Ctrl+P opens the command palette: every action, every document, the themes "
                    "(the one chosen is kept for next time). Ctrl+Q quits, as q does over the "
                    "panes (on a full screen, q only closes it). A document changed on disk (saved "
                    "in an editor, brought by git pull, added or deleted) is shown again within "
                    "seconds, on the same sentence, its notes placed again; the status bar says "
                    "what changed.",
                    style="italic",
                )
            )
            yield Static(Text(COPYING, style="italic"))
        yield KeyFooter()  # its own keys, not the reader's under it
