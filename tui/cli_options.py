"""Checks of what a user typed in the commands, made while the options are read.

The exit status tells a script whose mistake it was. A mistake in what was typed (an unknown
verdict, a ``javascript:`` link, an empty quote or --author, a missing argument) is found
before any file is read, as click's own checks are, and exits with 2 and one line naming the
--help to read; a problem found in the data (no such note or document, a quote that is not
in the text, an unusable author in the workspace's config) exits with 1. These callbacks
are what puts the first kind with click's: before them, ``--verdict maybe`` exited 1 while
``--claim maybe`` exited 2.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotations.errors import AnnotationError, AnnotationFormatError, LinkError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from click.decorators import FC

PASSAGE_REF = re.compile(r"passage:(?P<doc>.+)#(?P<start>\d+)-(?P<end>\d+)")
"""``passage:DOC#START-END``, a link to characters START-END of a workspace document."""
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""What Python makes of an argument's bytes that are not UTF-8 (see :func:`_not_utf8`)."""


def shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a message: escapes and invisible characters spelt out as ``\\x1b``.

    click prints a usage error as it is, so what the user typed must be made safe before it
    goes into one: an id or tag typed with an escape sequence would otherwise reach the
    terminal raw. A pasted page of text is cut short, since it only has to be recognisable.
    """
    cut = value if len(value) <= limit else value[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"
    return repr(cut)


def usage_line(error: click.UsageError) -> str:
    """A mistake in what was typed as one line, as every other error of ours is one sentence.

    click's own three lines (the usage, "Try ... --help", a blank line, then "Error: ...")
    buried the one that mattered, and a script's log read them as three errors. The line
    names the ``--help`` that says how to type the command, unless it already suggests what
    was meant ("Did you mean 'match'?"), which is the better help.
    """
    message = " ".join(error.format_message().splitlines()).strip()
    if error.ctx is None or "Did you mean" in message or "Possible " in message:
        return message
    ended = message if message.endswith((".", "?", "!")) else message + "."
    return f"{ended} See '{error.ctx.command_path} --help'."


def usage_error(message: str) -> click.UsageError:
    """A mistake in what was typed, found in a command: exit 2, one line (:func:`usage_line`)."""
    return click.UsageError(message, click.get_current_context(silent=True))


def check_verdict(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from annotations.labels import parse_verdict

    if value is not None:
        try:
            parse_verdict(value)
        except AnnotationFormatError as exc:
            raise click.BadParameter(exc.problem) from None
    return value


def check_verdict_or_none(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    """A verdict, or ``none`` where it removes one (``note edit``)."""
    if value is not None and value.strip().lower() == "none":
        return value
    return check_verdict(ctx, param, value)


def check_relations(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    from annotations.links import parse_relation

    for value in values:
        try:
            parse_relation(value)
        except LinkError as exc:
            raise click.BadParameter(str(exc)) from None
    return values


def check_links(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Links that are links; whether a passage link's document has those characters is a
    question for the data, answered when the note is made."""
    from annotations.links import parse_link

    for value in values:
        passage = PASSAGE_REF.fullmatch(value)
        if passage is not None:
            if int(passage["start"]) >= int(passage["end"]):
                raise click.BadParameter(f"{value}: its end must come after its start.")
            continue
        try:
            parse_link(value)
        except LinkError as exc:
            raise click.BadParameter(str(exc)) from None
    return values


def check_quote(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A quote with something in it: a blank one names no passage."""
    if value is not None and not value.strip():
        raise click.BadParameter("The quote is empty.")
    return value


def check_author_option(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """A name given with --author that can name someone; a configured one that cannot is a
    problem in the workspace's data, found later (exit 1)."""
    from annotations.author import check_author

    if value is not None:
        try:
            check_author(value)
        except AnnotationError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


def check_author_filter(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """An --author that narrows a listing: a blank one matches no note, so it can only be a
    slip (an unset shell variable), and "no notes" would hide it."""
    if value is not None and not value.strip():
        raise click.BadParameter("The author name is empty.")
    return value


def check_author_filters(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Repeated --author filters, each checked as :func:`check_author_filter`, without repeats
    (naming an author twice, in any case, would name them twice in the report's header)."""
    from annotations.note_filters import distinct_names

    for value in values:
        check_author_filter(ctx, param, value)
    return distinct_names(values)


def check_tags(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Tags the note can keep, refused here rather than lost. An empty tag used to vanish
    silently (with ``note edit``, taking every other tag with it); a control character the
    note's model refuses anyway, but only once the files were read, as if the data were wrong."""
    from annotations.labels import normalise_tags

    for value in values:
        if not value.strip():
            raise click.BadParameter("A tag cannot be empty.")
        try:
            normalise_tags((value,))
        except AnnotationFormatError as exc:
            raise click.BadParameter(f"The tag {shown(value)} {exc.problem}.") from None
    return values


def check_tag_filter(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --tag that narrows a listing, checked as a new note's tag is (:func:`check_tags`): a
    blank one or one with a control character matches no note, and "no notes" would hide the
    slip. It is stripped as stored tags are, so the words that tagged a note find it."""
    if value is None:
        return None
    return check_tag_filters(ctx, param, (value,))[0]


def check_tag_filters(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Repeated --tag filters, each checked as :func:`check_tag_filter`, without repeats (in
    any case, as they match)."""
    from annotations.labels import normalise_tags
    from annotations.note_filters import distinct_names

    return distinct_names(normalise_tags(check_tags(ctx, param, values)))


def check_doc_filter(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A --doc that narrows a listing: no document has a blank id (it is a file's path), so a
    blank one is a slip (an unset shell variable) that "no notes" would hide."""
    if value is not None and not value.strip():
        raise click.BadParameter("The document id is empty.")
    return value


def check_doc_filters(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Repeated --doc filters, each checked as :func:`check_doc_filter`, without repeats."""
    for value in values:
        check_doc_filter(ctx, param, value)
    return tuple(dict.fromkeys(values))


# --- files named on the command line ------------------------------------------------------------

STANDARD_STREAM = "-"
"""The file name that means standard output to ``-o`` and standard input to ``import``, as it
does to cat, sort, jq or curl; a file that is really named so is ``./-``."""


def output_option(help_text: str) -> Callable[[FC], FC]:
    """``-o/--output FILE`` of a command that otherwise prints: ``-o -`` prints too.

    A script writes ``-o -`` (or ``-o "$OUT"`` with ``OUT=-``) to mean standard output; taken
    as a file name, it left a file named "-" in the current folder and printed nothing. The
    value stays a string for :func:`output_file`: pathlib reads ``./-`` as ``-``. Folders are
    not refused here (no ``dir_okay=False``): click's usage error ("Usage: ... Try --help")
    would reach the reader's dialogs too; ``check_output`` says it in words to both.
    """
    return click.option(
        "-o",
        "--output",
        type=click.Path(allow_dash=True),
        metavar="FILE",
        help=f"{help_text}; - is standard output.",
    )


def output_file(value: str | None) -> Path | None:
    """The file ``-o`` names, or None when the output goes to standard output (no ``-o``, or
    ``-o -``)."""
    return None if value is None or value == STANDARD_STREAM else Path(value)


# --- text that is not UTF-8 ----------------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    """The strings in an option's raw value: one, or several for a repeated option."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _not_utf8(value: str) -> str | None:
    """Why ``value`` is not text that can be stored as UTF-8, or None when it is.

    Python hands a program the bytes of an argument that are not UTF-8 as lone surrogates
    (U+DC80-U+DCFF stand for the bytes 0x80-0xFF): that is what a terminal or a shell variable
    in another encoding (Latin-1, cp1252) gives.
    """
    lone = _LONE_SURROGATE.search(value)
    if lone is None:
        return None
    code = ord(lone.group())
    at = lone.start()
    where = f"after {shown(value[max(0, at - 20) : at])}" if at else "at its start"
    what = f"the byte 0x{code - 0xDC00:02X}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
    return (
        f"Not valid UTF-8: {what} {where} cannot be read as text (check the encoding of the "
        "terminal, file or variable it came from)."
    )


def refuse_text_not_utf8(command: click.Command, ctx: click.Context, args: list[str]) -> None:
    """Refuse, as a typing mistake, an option of ``command`` whose text is not UTF-8.

    Every such option used to fail its own way: a --tag as a usage error, a note's --text once
    the files were read (exit 1), and an --author or --link not at all, writing the bytes into
    the notes where every export then broke. Checked on the raw values, before any callback,
    so every option says the same. Paths (the workspace, ``-o``) are left alone: a file name
    may be in any encoding.
    """
    if ctx.resilient_parsing or not any(_LONE_SURROGATE.search(arg) for arg in args):
        return
    # click's own parser says which option each word belongs to; it consumes its list.
    given, _, _ = command.make_parser(ctx).parse_args(args=list(args))
    for option in command.get_params(ctx):
        if not isinstance(option, click.Option) or isinstance(option.type, click.Path):
            continue
        for value in _strings(given.get(option.name)):
            problem = _not_utf8(value)
            if problem is not None:
                raise click.BadParameter(problem, ctx=ctx, param=option)


class TypedCommand(click.Command):
    """A command whose options are refused when they are not UTF-8 text (exit 2)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        refuse_text_not_utf8(self, ctx, args)
        return super().parse_args(ctx, args)


class TypedGroup(click.Group):
    """A group whose commands and subgroups check their options as :class:`TypedCommand`."""

    command_class = TypedCommand


TypedGroup.group_class = TypedGroup  # not ``type``: the top group's subclass opens the reader
