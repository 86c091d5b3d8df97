"""Text measured in terminal cells, as the status line and the ``docs`` table lay it out.

A CJK character or an emoji takes two cells: text cut or padded by its length overflowed
its room, or pushed the columns after it out of line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size

if TYPE_CHECKING:
    from collections.abc import Iterator


def shorten_middle(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` cells, an ellipsis in its middle (ids end with the name).

    Counted in terminal cells, not characters: a CJK character or an emoji takes two, and an
    id of them cut by its length overflowed the line by as much again.
    """
    if cell_len(text) <= cells:
        return text
    if cells < 3:  # no room for a character on each side of the ellipsis
        return "\N{HORIZONTAL ELLIPSIS}" if cells > 0 else ""
    room = cells - 1
    end = _fitting(reversed(text), room - room // 3)[::-1]  # the file name matters most
    start = _fitting(iter(text), room - cell_len(end))
    return f"{start}\N{HORIZONTAL ELLIPSIS}{end}"


def shorten_path(text: str, cells: int) -> str:
    """``text``, a document's path, in at most ``cells`` cells: the whole file name after as
    much of its folder as fits, else the file name's start (its extension tells nothing)."""
    if cell_len(text) <= cells:
        return text
    if cells < 1:
        return ""
    folder, slash, name = text.rpartition("/")
    if cell_len(name) < cells:
        return _fitting(iter(folder + slash), cells - 1 - cell_len(name)) + ELLIPSIS + name
    return _fitting(iter(name), cells - 1) + ELLIPSIS


ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


def _fitting(characters: Iterator[str], cells: int) -> str:
    """The first of ``characters`` that fit in ``cells`` cells, in the order given."""
    taken: list[str] = []
    used = 0
    for character in characters:
        used += get_character_cell_size(character)
        if used > cells:
            break
        taken.append(character)
    return "".join(taken)


def in_cells(text: str, cells: int) -> str:
    """``text`` taking exactly ``cells`` cells: padded, or shortened in its middle."""
    shown = shorten_middle(text, cells)
    return shown + " " * (cells - cell_len(shown))
