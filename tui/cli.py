"""The ``synoptic`` command: the reader, and headless subcommands with ``--json``.

Every subcommand has the shape ``synoptic NAME [WORKSPACE] [options] [--json]``; without a
WORKSPACE it uses the sample (see :func:`check_default_workspace`). ``synoptic [WORKSPACE]``
with no NAME opens the reader. Textual is imported only by the reader, so the headless
commands start fast. User errors print one sentence to stderr and never show a traceback: a
mistake in what was typed exits 2 (click's usage errors, and :mod:`tui.cli_options`), a
problem found in the data exits 1.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from corpus.errors import DocumentError, SynopticError
from corpus.text import inert
from tui.cli_options import TypedGroup, check_author_option, usage_line
from tui.cli_output import OutputFailed, end_after, guard_closed_stdout, printing_failures_raised
from tui.cli_progress import clear_line, interrupted_stage

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from annotations.model import Annotation
    from corpus.claim_rules import ClaimRules
    from corpus.model import Document
    from corpus.workspace import Workspace

WORKSPACE_ARGUMENT = click.argument(
    "workspace",
    required=False,
    # Not readable=True: a folder we may not read is a problem in the data (exit 1, said by
    # Workspace.open), not a mistake in what was typed (click's exit 2).
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True, readable=False),
)

LEFT_OUT = "synoptic.left_out"
"""Set in the command's context (:func:`unreadable_notes`, :func:`unreadable_document`) when
its output lacks what a file it could not read holds."""
NOT_READ = "synoptic.documents_not_read"
"""The ids of the documents the command could not read, in its context: each is named once,
and the notes on it are shown as "unreadable", not "orphaned" (:func:`documents_not_read`)."""
UNREADABLE = "unreadable"
"""The anchor state the commands give a note whose document could not be read: its passage is
not lost, as an orphan's is, only not known until the file can be read again."""


class LeftOut(Exception):
    """The command printed all it could read, but not what a notes file or a document it
    could not read holds (named on stderr, or in the output itself): it ends with status 1,
    after its output."""


class Interrupted(Exception):
    """Ctrl+C stopped the command. Raised in place of KeyboardInterrupt, which click would
    take for an "aborted" prompt (exit 1, after an empty line)."""


INTERRUPTED_STATUS = 128 + 2
"""What a shell reports for a program ended by SIGINT (Ctrl+C), as for ``cat`` or ``grep``."""


SEPARATORS = (os.sep, os.altsep)
"""A word with one of these is a path, never a mistyped command."""


def distinct(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """A repeatable option's values without repeats, in the order given (a click callback).

    ``--doc a --doc a`` means document a once: listing it twice would print every row twice.
    """
    return tuple(dict.fromkeys(values))


class ReaderGroup(TypedGroup):
    """A group whose default command is ``open``: ``synoptic [WORKSPACE]`` opens the reader."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is None or (
            first not in self.commands and first not in ("--help", "-h", "--version")
        ):
            if first is not None:
                self._refuse_a_mistyped_command(ctx, first)
            args = ["open", *args]
        with printing_failures_raised():  # --help and --version print here
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with printing_failures_raised():  # before click takes a closed pipe for an exit 1
                done = super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None
        if ctx.meta.get(LEFT_OUT):
            raise LeftOut
        return done

    def _refuse_a_mistyped_command(self, ctx: click.Context, word: str) -> None:
        """Fail as click does for an unknown command when ``word`` is a misspelt one.

        Without this, ``synoptic synopsys`` would try to open a workspace called "synopsys" and
        say there is no such folder, hiding the typo. Only a bare word that is no existing path
        and is close to (or the start of) a command name counts, so a folder of that name in
        the current directory still opens.
        """
        if word.startswith(("-", ".", "~")) or any(sep and sep in word for sep in SEPARATORS):
            return
        if Path(word).exists() or Path(word).is_symlink():
            return
        names = sorted(self.commands)
        lowered = word.lower()
        close = set(difflib.get_close_matches(lowered, names, n=3, cutoff=0.6))
        close.update(name for name in names if len(lowered) >= 2 and name.startswith(lowered))
        if not close:
            return
        names = [repr(name) for name in sorted(close)]
        quoted = " or ".join(names) if len(names) < 3 else f"{', '.join(names[:-1])} or {names[-1]}"
        hint = f"Did you mean {quoted}?"
        ctx.fail(f"No such command {word!r}. {hint}")


@click.group(cls=ReaderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="synoptic", prog_name="synoptic")
def cli() -> None:
    """Synoptic: read several documents side by side and compare what they claim.

    Run `synoptic [WORKSPACE]` to open the reader on a folder of .txt and .md files; without a
    WORKSPACE it opens your copy of the bundled sample workspace.
    """


@cli.command("open")
@WORKSPACE_ARGUMENT
@click.option(
    "--panes",
    type=click.IntRange(1, 6),
    default=None,
    help="Number of side-by-side panes (default: by terminal width).",
)
@click.option(
    "--author",
    metavar="NAME",
    callback=check_author_option,
    help="Write notes as NAME (default: config, git user.name, login).",
)
def open_reader(workspace: Path | None, panes: int | None, author: str | None) -> None:
    """Open the reader on WORKSPACE (the default command)."""
    from tui.app import make_app  # Textual is loaded only for the reader

    app = make_app(workspace, panes=panes, author=author)
    app.run()
    if app.return_code:  # the reader stopped on an error (shown above): say so to the shell
        sys.exit(app.return_code)


def echo_error(message: str) -> None:
    """A word on stderr, made inert: messages quote file names and text from the data."""
    clear_line()  # a build's progress line, which the message would otherwise follow
    click.echo(f"synoptic: {inert(message)}", err=True)


SHARED_COMMANDS = {"init": "set up", "status": "see the sharing status of"}
"""Commands whose whole point is a shared workspace: given no folder inside a clone, they
refuse rather than act on the sample (what each would do to the folder meant)."""


def check_default_workspace() -> None:
    """Before a command uses the sample because it was given no WORKSPACE: refuse, or say so,
    when it runs inside a workspace or git clone the user more likely meant.

    ``init`` and ``status`` exist for a shared workspace, so there they refuse (exit 2, as any
    mistake in what was typed); the others say on stderr which folder they use instead, since
    using the sample from anywhere is what they are documented to do.
    """
    from tui.cli_options import usage_error
    from tui.workspace_here import folder_here, sample_folder

    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return
    cwd = Path.cwd()
    here = folder_here(cwd)
    if here is None:
        return
    command = " ".join(ctx.command_path.split()[1:]) or ctx.info_name or "open"
    named = f"`synoptic {command} {here.argument(cwd)}`"
    purpose = SHARED_COMMANDS.get(command)
    if purpose is not None:
        raise usage_error(
            f"No WORKSPACE given, so this would act on the sample workspace ({sample_folder()}), "
            f"but you are in a {here.kind} ({here.root}). To {purpose} this one, run "
            f"{named}; for the sample, give its folder."
        )
    if here.workspace:
        echo_error(
            f"note: no WORKSPACE given, so this uses the sample workspace ({sample_folder()}), "
            f"not the {here.kind} you are in ({here.root}); to use it, run {named}."
        )


def open_workspace(path: Path | None) -> Workspace:
    """The workspace at ``path``, having said on stderr which of its folders cannot be read
    (their documents are missing from whatever the command prints); without a ``path``, the
    sample, unless :func:`check_default_workspace` finds the user meant the folder they are in."""
    from corpus.workspace import Workspace

    if path is None:
        check_default_workspace()
    opened = Workspace.open(path)
    for message in opened.unlisted_messages():
        echo_error(f"skipped {message}")
    return opened


def claim_rules(opened: Workspace) -> ClaimRules:
    """The claim rules of ``opened``, having said on stderr what is wrong with its own rules
    file, if anything: the built-in rules are used instead, which changes every verdict."""
    from corpus.claim_rules import load_rules

    rules, problems = load_rules(opened.root)
    for problem in problems:
        echo_error(f"{problem}; using the built-in rules")
    return rules


def unreadable_notes(problems: Sequence[object], consequence: str | None) -> None:
    """Say on stderr which notes files cannot be read and what that leaves out of this output
    (``consequence``; None when the output names them itself, as ``status`` does), and have
    the command exit 1 once it has printed everything else.

    Each command goes on with the notes it can read, so a person or a script still gets them;
    but exiting 0 let a cron job that pipes ``notes --json`` somewhere miss a colleague's notes
    for weeks. Status 1 is the README's rule for a file that cannot be read; a script that can
    use what was read tells the two apart by the output, which an error leaves empty.
    """
    if not problems:
        return
    if consequence is not None:
        for problem in problems:
            echo_error(f"{problem} (left untouched; {consequence})")
    left_out()


def left_out() -> None:
    """Have the command exit 1 once it has printed everything else: its output lacks
    something, named on stderr (a file it could not read, a change it could not save)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[LEFT_OUT] = True


def unreadable_document(error: DocumentError, consequence: str | None = None) -> None:
    """Say on stderr that a document cannot be read, why, and what that leaves out of this
    output (``consequence``; without one, that it is skipped), and have the command exit 1
    once it has printed the rest, as for a notes file it cannot read.

    A document binary, in a broken encoding or not ours to read is not gone: it is named once
    per command however many of its parts need it, and the notes on it are "unreadable", not
    "orphaned" (whose passage was deleted), so nobody re-attaches or deletes them for nothing.
    A command that does not need a document never reads it, so it never gets here.
    """
    ctx = click.get_current_context(silent=True)
    named: set[str] = set() if ctx is None else ctx.meta.setdefault(NOT_READ, set())
    if error.doc_id not in named:
        named.add(error.doc_id)
        echo_error(f"skipped {error}" if consequence is None else f"{error}; {consequence}")
    left_out()


def every_document_needed(opened: Workspace) -> None:
    """For a command whose output covers every document (``docs``, ``claims``, ``synopsis``,
    ``match``, the report): a folder that could not be listed (named by :func:`open_workspace`)
    leaves its documents out, so the command exits 1 after its output, as for one document."""
    if opened.unlisted:
        left_out()


def documents_not_read() -> frozenset[str]:
    """The documents this command has found it cannot read (:func:`unreadable_document`)."""
    ctx = click.get_current_context(silent=True)
    return frozenset(() if ctx is None else ctx.meta.get(NOT_READ, ()))


def notes_for_claim_marks(opened: Workspace) -> tuple[Annotation, ...]:
    """Every author's notes, for the claim marks in them, having said on stderr which notes
    files cannot be read: the marks in those are not applied, so a sentence someone marked
    "not a claim" is listed as one again, and the user must know why (and a script, by the
    status: :func:`unreadable_notes`)."""
    from annotations.store import AnnotationStore

    loaded = AnnotationStore(opened.root, "reader").load()
    unreadable_notes(loaded.problems, "the claims marked in it are not applied")
    return loaded.annotations


def note_documents_without_sentences(documents: Iterable[Document], what: str) -> int:
    """Say on stderr why each of ``documents`` that has no sentences has none; how many.

    Claims and matches are read from sentences, so such a document silently contributes
    nothing; ``what`` is what it therefore lacks ("claims"). A Markdown file indented
    throughout is the usual case, and the user can fix it once told.
    """
    from corpus.document import why_no_sentences

    silent = 0
    for document in documents:
        reason = why_no_sentences(document)
        if reason is not None:
            silent += 1
            echo_error(f"note: {document.id} has no sentences, so no {what}: it {reason}.")
    return silent


# Further subcommands live in their own modules; importing them registers them with ``cli``.
from tui import cli_corpus, cli_export, cli_git, cli_import, cli_notes, cli_parallel, cli_search  # noqa: E402, F401


def _show_inert(error: click.ClickException) -> None:
    """Show ``error`` on one line, its message made inert: some of click's messages quote
    what was typed as it is ("Got unexpected extra argument (...)"), and an escape sequence
    in an argument must not reach the terminal."""
    if isinstance(error, click.UsageError):
        echo_error(usage_line(error))
    else:
        echo_error(" ".join(error.format_message().splitlines()))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``synoptic`` script."""
    guard_closed_stdout()
    try:
        with printing_failures_raised():
            cli.main(args=argv, prog_name="synoptic", standalone_mode=False)
    except OutputFailed as failure:
        end_after(failure)
    except LeftOut:
        sys.exit(1)
    except Interrupted:
        _say_interrupted()
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # Ctrl+C while click read the options
            _say_interrupted()
        echo_error("aborted.")
        sys.exit(1)
    except click.ClickException as exc:
        _show_inert(exc)
        sys.exit(exc.exit_code)
    except SynopticError as exc:
        echo_error(str(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED_STATUS)


def _say_interrupted() -> NoReturn:
    """Say in one line that Ctrl+C stopped the command, and what of a build it stopped:
    every cache file is written whole or not at all (:func:`corpus.files.atomic_write`), so
    the next run starts the unfinished part again."""
    stage = interrupted_stage()
    if stage is None:
        echo_error("interrupted.")
    else:
        echo_error(f"interrupted while {stage.lower()} (nothing half-done is cached).")
    sys.exit(INTERRUPTED_STATUS)
