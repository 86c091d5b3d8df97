"""Copying a passage to the clipboard, as it is or as a quote with its source.

What reaches the clipboard is the document's own text, not what the pane draws: the pane shows
a control character as a placeholder (``␛``), which is no part of the quote. The controls
themselves are left out, though: C0 and C1 controls other than newline and tab, pasted into a
terminal, a chat box or a shell, can act instead of being read (an ESC sequence can end a
bracketed paste and run what follows). Line ends become newlines. Everything else, invisible
formatting characters included, is copied as the document has it, since a quote must be the
document's words. Textual sends the text to the terminal (OSC 52) base64-encoded, so nothing
in it can act on the terminal on the way there; when the reader runs on the user's own
computer, the desktop's clipboard command is handed it as well (see :mod:`tui.system_clipboard`),
since many terminals ignore OSC 52.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from corpus.text import LINE_BREAK
from tui.system_clipboard import CLIPBOARD_ENV, Latest, choose_command, hand_over

if TYPE_CHECKING:
    from corpus.model import Document
    from tui.app import SynopticApp

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, and the C1 controls (U+0080..U+009F)."""
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")
"""An undecodable byte kept by its escape: it cannot be written as UTF-8, so the clipboard
would refuse the whole text (Textual encodes it as UTF-8 and raised)."""


def clipboard_text(text: str) -> tuple[str, int]:
    """``text`` made safe to paste anywhere, and how many control characters were left out."""
    text = LINE_BREAK.sub("\n", text)  # a CR alone or in CRLF, as documents are read
    text, removed = _CONTROLS.subn("", text)
    return _LONE_SURROGATES.sub("\N{REPLACEMENT CHARACTER}", text), removed


def citation(document: Document, start: int, end: int) -> str:
    """The quote ``start:end`` as a Markdown blockquote, its source on its last line.

    The source is the document's title and the ``passage:DOC#START-END`` reference that
    ``synoptic note add --link`` takes as evidence, so whoever receives the quote can find it
    again in the workspace, to the character.
    """
    quote = document.text[start:end]
    lines = [f"> {line}" if line.strip() else ">" for line in quote.split("\n")]
    title = " ".join(document.title.split())
    reference = f"passage:{document.id}#{start}-{end}"
    source = f"{title}, {reference}" if title and title != document.id else reference
    return "\n".join([*lines, ">", f"> \N{EM DASH} {source}"])


def copy_passage(app: SynopticApp, *, cite: bool = False) -> None:
    """Copy the focused pane's selection, else its cursor's sentence; say what was copied.

    Text selected with the mouse outside the panes (a note in the notes panel, the status
    line) is what Textual copies on Ctrl+C: while the pane has no selection of its own, that
    text is copied as it would have been. A citation needs a passage of a document, so it
    always quotes the pane.
    """
    view = app.active_pane.view
    document = view.document
    outside = None if cite or view.selection is not None else app.screen.get_selected_text()
    if outside:
        text, removed = clipboard_text(outside)
        count = _count(len(text))
        _deliver(app, text, Copy(count, f"{count} of the selected text", removed))
        return
    span = view.selected_span()
    if document is None or span is None:
        _say(app, "Nothing to copy: no passage is selected and there is no sentence here")
        return
    start, end = span
    quote, removed = clipboard_text(document.text[start:end])
    text, count = quote, _count(len(quote))
    copy = Copy(count, f"{count} from {document.id}", removed)
    if cite:
        text, removed = clipboard_text(citation(document, start, end))
        count = f"a quote of {count}"
        copy = Copy(count, f"{count} from {document.id}, with its source", removed)
    _deliver(app, text, copy)


@dataclass(frozen=True, slots=True)
class Copy:
    """What a copy holds, as its news says it."""

    count: str
    """How much ("142 characters"), where the line is short."""
    what: str
    """How much and from where ("142 characters from b.md")."""
    removed: int
    """Control characters left out."""


_LATEST = Latest()
"""The newest copy: only its text is handed to the clipboard command."""


def _deliver(app: SynopticApp, text: str, copy: Copy) -> None:
    """Copy ``text`` as every copy in the reader goes (:meth:`SynopticApp.copy_to_clipboard`),
    with ``copy``'s news of how it went."""
    app.copy_to_clipboard(text, news=copy)


def hand_to_command(app: SynopticApp, text: str, copy: Copy | None) -> None:
    """Hand ``text``, just sent to the terminal (OSC 52), to the system clipboard's command.

    OSC 52 always goes, since over SSH or in tmux only the terminal can reach the user's
    clipboard; whether it arrived cannot be known, so the news says it was sent, not copied.
    The command runs in a thread: it may take a moment, or hang until its time is up. A copy
    of the reader's own (``copy``) says in the status bar how it went; Textual's (Ctrl+C in a
    text field, ``copy`` None) says nothing, as it never did, unless the command failed.
    """
    choice = choose_command()
    if choice.problem is not None:
        _failed(app, copy, choice.problem, name="The clipboard command")
        return
    command = choice.command
    if command is None:
        if copy is not None:
            _say(app, f"Sent {copy.count} by OSC 52 only (see help)", copy.removed)
        return
    number = _LATEST.next()

    def hand_over_in_thread() -> None:
        with _LATEST.running:
            if not _LATEST.is_newest(number):
                return  # a newer copy follows: its text is the one to paste
            problem = hand_over(command, text)
        if not get_current_worker().is_cancelled and app.is_running:
            if problem is None:
                if copy is not None:
                    app.call_from_thread(_say, app, f"Copied {copy.what}", copy.removed)
            else:
                chosen = os.environ.get(CLIPBOARD_ENV, "").strip().lower() not in ("", "auto")
                how = "" if chosen else f"; {CLIPBOARD_ENV}=osc52 stops trying it"
                why = f"{command.name} could not take the text ({problem}){how}"
                app.call_from_thread(_failed, app, copy, why, name=command.name)

    app.run_worker(
        hand_over_in_thread,
        thread=True,
        group="clipboard",
        description=f"Copying with {command.name}",
        exit_on_error=False,  # a clipboard that fails is news, never the end of the reader
    )


def _failed(app: SynopticApp, copy: Copy | None, why: str, *, name: str) -> None:
    """Say that the command failed and that the terminal was sent the text all the same."""
    if copy is not None:
        _say(app, f"{name} failed; sent {copy.count} by OSC 52", copy.removed)
    app.tell(f"{why}. The text was sent to the terminal (OSC 52) instead.", "Clipboard")


def _count(number: int, noun: str = "character") -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _say(app: SynopticApp, news: str, removed: int = 0) -> None:
    """``news`` in the status bar, with the control characters left out, if any."""
    from tui.reloading import say  # the status bar's news, faded after a while

    if removed:
        news += f" ({_count(removed, 'control character')} left out)"
    say(app, news)
