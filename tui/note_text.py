"""A note's text in the editor, and back, without changing what the user did not touch.

Textual's text area cuts its text into lines with ``str.splitlines``, which also breaks at NEL,
U+2028, U+2029 and a few ASCII separators, and joins the lines again with one newline style
(the first it found). A note holding those characters, or both ``\\r\\n`` and ``\\n``, would be
saved changed by merely opening and saving it. So the editor is given the note with those
characters shown as the placeholders the notes panel and the report show (:func:`for_editor`),
and what the user saves is compared with what they were shown (:func:`kept_as_written`): every
stretch they did not touch is taken from the note as stored, character for character.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from corpus.text import inert

_SPLITLINES_ONLY = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""The line boundaries of ``str.splitlines`` that are not newlines to the reader and report."""
_SHOWN = str.maketrans({char: inert(char) for char in _SPLITLINES_ONLY})
_TOKEN = re.compile(r"\r\n|.", re.DOTALL)
_NEWLINES = frozenset(("\r\n", "\r", "\n"))


def for_editor(note: str) -> str:
    """``note`` as the text area should hold it: one character for one, so no new lines."""
    return note.translate(_SHOWN)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    """Tokens that match: any newline matches any other (the text area rewrites them all)."""
    return "\n" if token in _NEWLINES else token


def kept_as_written(note: str, edited: str) -> str:
    """``edited`` (the text area's text, the editor having opened on ``for_editor(note)``),
    with every part the user left alone as it is in ``note``.

    The shown text is ``note`` one character for one (a ``\\r\\n`` being one token), so the
    parts of ``edited`` equal to the shown text map back to ``note`` exactly; what the user
    typed, pasted or deleted is taken as the text area has it.
    """
    original = _tokens(note)
    shown = [_key(token) for token in _tokens(for_editor(note))]
    now = _tokens(edited)
    if shown == [_key(token) for token in now]:
        return note
    matcher = SequenceMatcher(None, shown, [_key(token) for token in now], autojunk=False)
    pieces: list[str] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            pieces += original[old_start:old_end]
        else:
            pieces += now[new_start:new_end]
    return "".join(pieces)
