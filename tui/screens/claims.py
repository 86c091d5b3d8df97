"""``w``: why a sentence is (or is not) a claim; ``h``: which kinds are highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList, Static

from corpus.text import inert
from tui.claim_marks import describe
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from corpus.claims import Assessment

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90%; max-width: 110; height: auto; max-height: 90%;
    border: thick $primary; background: $surface; padding: 1 2;
    overflow-y: auto;
}}
{name}.-narrow > Vertical {{ width: 100%; padding: 0 1; }}
{name}.-short > Vertical {{ max-height: 100%; padding: 0 1; }}
"""
"""The frame of every dialog. A dialog taller than the terminal scrolls (Tab brings each field
into view, the wheel or the scroll bar any of them), and in a small terminal (the app's
``-narrow`` and ``-short`` breakpoints) it gives up its margins: at 40x15 the export dialog's
button was cut off below the screen, out of reach of the mouse."""


HOW_CLAIMS_ARE_FOUND = (
    "How it is decided: Synoptic looks for signal words. Each kind of claim the sentence has "
    'words of (efficacy, safety, ...) and each plain statement ("causes", "leads to", a '
    "number) adds to the claim score; a sentence scoring enough is a claim, of the kind it "
    "has the most signals of. "
    'A hedge ("may", "might") makes it hedged; an appeal to unnamed studies ("research shows") '
    "with no source named makes it unsourced. The lists of signal words come with Synoptic; "
    "a workspace can add its own in the file .synoptic/claims.toml inside its folder (the "
    "README says how). C marks a sentence as a claim, or not, when they get it wrong."
)
"""Under the cues: how they make a verdict, in words (it named the rules' source file, which
told a student nothing)."""


class WhyScreen(ModalScreen[None]):
    """The verdict on one sentence and every cue that led to it."""

    DEFAULT_CSS = MODAL_CSS.format(name="WhyScreen") + "WhyScreen Static { margin-bottom: 1; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,w", "dismiss(None)", "Close")]

    def __init__(self, sentence_text: str, found: Assessment) -> None:
        super().__init__()
        self.sentence_text = sentence_text
        self.found = found

    def compose(self) -> ComposeResult:
        found = self.found
        with Vertical(), VerticalScroll():
            yield Static(Text(inert(self.sentence_text), style="italic"))
            verdict = Text("Verdict: ", style="bold")
            verdict.append(describe(found))
            verdict.append(f"  \N{EM DASH} {found.reason}", style="dim")
            yield Static(verdict)
            if found.cues:
                # in the sentence's order; where they are in the file (character offsets)
                # meant nothing to a reader
                table = Table("signal", "words", box=None, padding=(0, 2), show_edge=False)
                for cue in found.cues:
                    table.add_row(Text(cue.group), Text(inert(cue.text)))
                yield Static(table)
            else:
                yield Static(Text("No cue matched this sentence.", style="dim"))
            yield Static(Text(HOW_CLAIMS_ARE_FOUND, style="dim"))
        yield KeyFooter()  # its own keys, not the reader's under it


class KindPicker(ModalScreen[frozenset[str] | None]):
    """Tick the claim kinds to highlight; returns the kinds to hide."""

    DEFAULT_CSS = MODAL_CSS.format(name="KindPicker") + "KindPicker SelectionList { height: auto; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(
        self, kinds: tuple[str, ...], letters: dict[str, str], hidden: frozenset[str]
    ) -> None:
        super().__init__()
        self.kinds = kinds
        self.letters = letters
        self.hidden = hidden

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                "Mark these kinds of claim, and advice (Space toggles, Enter on Done applies):"
            )
            yield SelectionList[str](
                *((f"{self.letters.get(k, '?')}  {k}", k, k not in self.hidden) for k in self.kinds)
            )
            yield Button("Done", variant="primary")
        yield KeyFooter()  # its own keys, not the reader's under it

    @on(Button.Pressed)
    def _done(self) -> None:
        shown = set(self.query_one(SelectionList).selected)
        self.dismiss(frozenset(k for k in self.kinds if k not in shown))
