"""Checks of what a user typed in the commands, made while the options are read.

The exit status tells a script whose mistake it was. A mistake in what was typed (an unknown
verdict, a ``javascript:`` link, an empty quote or --author, a missing argument) is found
before any file is read, as click's own checks are, and exits with 2 and the usage line; a
problem found in the data (no such note or document, a quote that is not in the text, an
unusable author in the workspace's config) exits with 1. These callbacks
are what puts the first kind with click's: before them, ``--verdict maybe`` exited 1 while
``--claim maybe`` exited 2.
"""

from __future__ import annotations

import re

import click

from annotations.errors import AnnotationError, AnnotationFormatError, LinkError

PASSAGE_REF = re.compile(r"passage:(?P<doc>.+)#(?P<start>\d+)-(?P<end>\d+)")
"""``passage:DOC#START-END``, a link to characters START-END of a workspace document."""


def shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a message: escapes and invisible characters spelt out as ``\\x1b``.

    click prints a usage error as it is, so what the user typed must be made safe before it
    goes into one: an id or tag typed with an escape sequence would otherwise reach the
    terminal raw. A pasted page of text is cut short, since it only has to be recognisable.
    """
    cut = value if len(value) <= limit else value[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"
    return repr(cut)


def usage_error(message: str) -> click.UsageError:
    """A mistake in what was typed, found inside a command: exit 2 with the usage line."""
    return click.UsageError(message, click.get_current_context(silent=True))


def check_verdict(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from annotations.model import parse_verdict

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
    (naming an author twice would list their notes twice)."""
    for value in values:
        check_author_filter(ctx, param, value)
    return tuple(dict.fromkeys(values))


def check_tags(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Tags the note can keep, refused here rather than lost. An empty tag used to vanish
    silently (with ``note edit``, taking every other tag with it); a control character the
    note's model refuses anyway, but only once the files were read, as if the data were wrong."""
    from annotations.model import normalise_tags

    for value in values:
        if not value.strip():
            raise click.BadParameter("A tag cannot be empty.")
        undecodable = next((char for char in value if "\ud800" <= char <= "\udfff"), None)
        if undecodable is not None:  # the model would call it a control character
            raise click.BadParameter(
                f"The tag {shown(value)} contains U+{ord(undecodable):04X}, which is not text: "
                "bytes in another encoding than UTF-8 (check the terminal's encoding)."
            )
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
    """Repeated --tag filters, each checked as :func:`check_tag_filter`, without repeats."""
    from annotations.model import normalise_tags

    return normalise_tags(check_tags(ctx, param, values))


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
