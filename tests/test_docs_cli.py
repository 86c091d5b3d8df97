"""The README's command lines against the commands themselves, so that neither drifts alone.

The truth is click's own: the group's commands and their parameters, as `synoptic --help` and
each `synoptic CMD --help` print them. A synopsis (`synoptic notes [WS] [--doc ID] ...`) that
names an option a command does not have sends a reader to an error; an option no synopsis
names is one nobody learns of.
"""

from __future__ import annotations

import re

import click
import pytest
from readme_text import code_spans

from tui.cli import cli

UNDOCUMENTED: dict[str, str] = {
    "merge-driver": "git runs it, with the arguments `synoptic init` configures; a person never "
    "types it (the README shows the driver line under Sharing through git)",
}
"""Commands no synopsis shows on purpose, and why."""

GROUP_OPTIONS = {"--help", "-h", "--version"}


def commands() -> dict[str, click.Command]:
    """Every command a user can type, by its full name (``note add``)."""
    found: dict[str, click.Command] = {}

    def walk(command: click.Command, name: str) -> None:
        if isinstance(command, click.Group):
            for sub_name, sub in command.commands.items():
                walk(sub, f"{name} {sub_name}".strip())
        else:
            found[name] = command

    walk(cli, "")
    return found


def options_of(command: click.Command) -> set[str]:
    return {
        name
        for param in command.params
        if isinstance(param, click.Option)
        for name in (*param.opts, *param.secondary_opts)
    }


def command_of(line: str) -> str:
    """The command a README line runs: ``synoptic note add ...`` is ``note add``; a first word
    that names none is the workspace of the default command, ``open``."""
    words = line.split()[1:]
    known = commands()
    for length in (2, 1):
        name = " ".join(words[:length])
        if name in known:
            return name
    return "open"


def synopses() -> list[tuple[str, str]]:
    """(command, line) for every README line that runs synoptic with something after it,
    except the general shape ``synoptic NAME [WORKSPACE] [options]``."""
    lines = [line for line in code_spans() if line != "synoptic" and " NAME " not in line]
    return [(command_of(line), line) for line in lines]


def test_the_readme_names_commands_and_options_the_cli_has() -> None:
    wrong = []
    for name, line in synopses():
        command = commands()[name]
        typed = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", line))
        allowed = options_of(command) | GROUP_OPTIONS
        if typed - allowed:
            wrong.append(f"{line!r}: `synoptic {name}` has no {sorted(typed - allowed)}")
    assert wrong == []


def test_every_option_of_every_command_is_in_a_readme_synopsis() -> None:
    """Each option is shown in a line of its own command, where a reader looking up that
    command finds it; a mention in a paragraph about something else does not count."""
    shown: dict[str, set[str]] = {}
    for name, line in synopses():
        shown.setdefault(name, set()).update(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", line))
    missing = {}
    for name, command in commands().items():
        if name in UNDOCUMENTED:
            continue
        assert name in shown, f"no README line shows `synoptic {name}`"
        left_out = options_of(command) - {"--help", "-h"} - shown[name]
        # -o and --output are one option: a synopsis shows one of its names
        for param in command.params:
            if isinstance(param, click.Option) and set(param.opts) & shown[name]:
                left_out -= set(param.opts)
            elif isinstance(param, click.Option) and param.hidden:
                left_out -= set(param.opts)  # an old name kept for scripts, said in prose
        if left_out:
            missing[name] = sorted(left_out)
    assert missing == {}


@pytest.mark.parametrize("name", sorted(UNDOCUMENTED))
def test_a_deliberately_undocumented_command_exists(name: str) -> None:
    """The list of exceptions does not outlive the commands it excuses."""
    assert name in commands()


def test_every_author_option_names_where_the_author_comes_from() -> None:
    """`open --author` said "(default: config, git)" and `status --author` left out the login
    name, which `annotations.author.resolve_author` falls back to for every command alike:
    without git, the help did not say whose name the notes would carry."""
    chain = "(default: config, git user.name, login)"
    helps = {
        name: param.help
        for name, command in commands().items()
        for param in command.params
        if isinstance(param, click.Option) and "--author" in param.opts and param.help
    }
    fallbacks = {name: text for name, text in helps.items() if "default" in text}
    assert set(fallbacks) >= {"open", "status", "import", "note add"}
    assert {name: text for name, text in fallbacks.items() if chain not in text} == {}
