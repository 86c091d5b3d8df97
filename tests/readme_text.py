"""The README read as the tests that keep it true read it: its key tables and its command
synopses, parsed from the file a newcomer reads, not from a copy kept beside the tests."""

from __future__ import annotations

import re
from pathlib import Path

from textual.keys import _character_to_key

from tui.keys import PRINTED_KEYS

README = Path(__file__).resolve().parent.parent / "README.md"

NAMED_KEYS = {printed: name for name, printed in PRINTED_KEYS.items()}
"""How the README and help print keys that are not one character, by Textual's names (help
prints them with :func:`tui.keys.printed_key`, from the same table)."""


def key_name(printed: str) -> str:
    """Textual's name of a key as printed (``Ctrl+↓`` is ``ctrl+down``, ``}`` is
    ``right_curly_bracket``)."""
    *modifiers, key = printed.split("+") if len(printed) > 1 else [printed]
    if modifiers and key.isalpha():
        key = key.lower()  # Ctrl+P is ctrl+p, as Textual names it
    name = NAMED_KEYS.get(key) or (_character_to_key(key) if len(key) == 1 else key.lower())
    return "+".join([*(modifier.lower() for modifier in modifiers), name])


def key_tables() -> dict[str, list[tuple[set[str], str]]]:
    """Each README table whose first heading is "Key" or names a screen's keys, by that heading:
    its rows as (the keys of the first cell, by Textual's names; what the row says)."""
    tables: dict[str, list[tuple[set[str], str]]] = {}
    title: str | None = None
    lines = README.read_text(encoding="utf-8").splitlines()
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if not line.startswith("| "):
            title = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if title is None:
            if following.startswith("| --- |"):
                title = cells[0]
                tables[title] = []
        elif not set(cells[0]) <= set("- "):
            tables[title].append((row_keys(cells[0]), cells[1]))
    return tables


def row_keys(cell: str) -> set[str]:
    """The keys a table cell names: `` `1` … `9` `` is nine keys, `` `Shift+→ ← ↓ ↑` `` four."""
    spans = re.findall(r"`([^`]+)`", cell)
    if re.search(r"`1` … `9`", cell):
        return {str(number) for number in range(1, 10)}
    keys: set[str] = set()
    for span in spans:
        modifier, _, rest = span.rpartition("+") if " " in span else ("", "", span)
        for part in rest.split():
            keys.add(key_name(f"{modifier}+{part}" if modifier else part))
    return keys


def code_spans() -> list[str]:
    """Every piece of code in the README that runs ``synoptic``: each line of a code block
    (with the lines that continue it, indented) and each inline code span, joined across the
    README's line breaks, one command per pipe stage."""
    text = README.read_text(encoding="utf-8")
    commands: list[str] = []
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.M | re.S):
        for line in block.splitlines():
            if line.startswith(" ") and commands and commands[-1].startswith("synoptic"):
                commands[-1] += " " + line.strip()
            else:
                commands.append(line.strip())
    outside = re.sub(r"^```[a-z]*\n.*?^```", "", text, flags=re.M | re.S)
    # a code span opens and closes with runs of as many backticks (CommonMark), so ``a `b` c``
    # is one span holding single backticks, not two spans and a stray
    spans = re.findall(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", outside, flags=re.S)
    commands += [" ".join(span.split()) for _, span in spans]
    # a pipe into another command is followed by its name; one in a synopsis by a value
    # (markdown|w3c) or an option ([--json | --csv])
    stages = (
        stage.strip() for command in commands for stage in re.split(r" \| (?=[a-z])", command)
    )
    return [
        stage.split(" # ")[0].strip()
        for stage in stages
        if stage == "synoptic" or stage.startswith("synoptic ")
    ]
