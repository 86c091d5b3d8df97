"""Making a workspace ready to share annotations through git.

Two pieces are needed, and git keeps them in different places:

* ``WORKSPACE/.gitattributes`` says which files use the Synoptic merge driver. It is committed,
  so every clone agrees.
* The driver itself (``merge.synoptic.driver``, the command git runs) lives in the clone's own
  ``.git/config``: git never takes commands from committed files, so each clone runs
  ``synoptic init`` once.

Setting up is planned first (:func:`plan_setup`), so the command line can say what it will do
before doing it, then applied (:func:`apply_setup`). Every step checks the current state, so
running it again changes nothing.
"""

from __future__ import annotations

import contextlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from annotations.errors import AnnotationError
from annotations.store import ANNOTATIONS_FOLDER, GITIGNORE
from corpus.files import outside_reason, outside_target

DRIVER = "synoptic"
"""The merge driver's name in ``.gitattributes`` and ``merge.<name>.*``."""
DRIVER_DESCRIPTION = "Synoptic annotation merge"
GITATTRIBUTES = ".gitattributes"
GITATTRIBUTES_LINE = f"{ANNOTATIONS_FOLDER}/**/*.json merge={DRIVER}"
GIT_TIMEOUT_S = 10.0


def driver_command(invocation: str) -> str:
    """The ``merge.synoptic.driver`` value for a shell-quoted way of running ``synoptic``."""
    return f"{invocation} merge-driver %O %A %B %P"


@dataclass(frozen=True)
class SetupStep:
    """One thing a workspace needs, and whether it is there already."""

    action: str
    """``folder``, ``file``, ``gitattributes`` or ``git-config``."""
    target: str
    """The path inside the workspace, or the git config key."""
    value: str | None
    """What is written: the file content, the attributes line or the config value."""
    needed: bool
    """False when the workspace has it already."""
    previous: str | None = None
    """A config value being replaced (a driver set up from another installation)."""

    def describe(self) -> str:
        """One line for a person: what this step does (or found done)."""
        if self.action == "folder":
            return f"create the folder {self.target}/"
        if self.action == "file":
            return f"create {self.target} (lock and temporary files stay out of git)"
        if self.action == "gitattributes":
            return f"add the line '{self.value}' to {self.target}"
        verb = "replace" if self.previous is not None else "set"
        return f"{verb} git config {self.target} = {self.value}"


@dataclass(frozen=True)
class SetupPlan:
    """What :func:`apply_setup` will do to one workspace."""

    workspace: Path
    git_root: Path | None
    """The top of the git working tree holding the workspace; None outside git."""
    git_problem: str | None
    """Why the merge driver cannot be configured (no repository, no git), or None."""
    steps: tuple[SetupStep, ...]

    @property
    def changes(self) -> tuple[SetupStep, ...]:
        """The steps that change something."""
        return tuple(step for step in self.steps if step.needed)


def run_git(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in ``workspace``.

    Raises:
        FileNotFoundError: there is no git.
        AnnotationError: git could not be run for another reason (or hung).
    """
    try:
        return subprocess.run(
            ["git", "-C", str(workspace), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError:
        raise
    except (OSError, subprocess.SubprocessError) as exc:
        raise AnnotationError(f"git could not be run ({exc}).") from exc


def git_root(workspace: Path) -> tuple[Path | None, str | None]:
    """The working tree holding ``workspace``, or None and the reason there is none."""
    try:
        result = run_git(workspace, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        return None, "git is not installed (or not on PATH)"
    except AnnotationError as exc:
        return None, str(exc).rstrip(".")
    top = result.stdout.strip()
    if result.returncode != 0 or not top:
        return None, "not a git repository; run `git init` first"
    return Path(top), None


def _config_value(workspace: Path, key: str) -> str | None:
    result = run_git(workspace, "config", "--local", "--get", key)
    return result.stdout.rstrip("\n") if result.returncode == 0 else None


def _has_line(path: Path, line: str) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise AnnotationError(f"Cannot read {path} ({exc.strerror or exc}).") from exc
    return any(existing.strip() == line for existing in text.splitlines())


def plan_setup(workspace: Path, invocation: str) -> SetupPlan:
    """What ``workspace`` still needs; nothing is changed.

    Args:
        workspace: the workspace folder (it must exist).
        invocation: a shell-quoted command that runs ``synoptic`` from any folder, used in the
            driver command line (see :func:`driver_command`).

    Raises:
        AnnotationError: ``.gitattributes`` exists but cannot be read.
    """
    folder = workspace / ANNOTATIONS_FOLDER
    steps = [
        SetupStep("folder", ANNOTATIONS_FOLDER, None, not folder.is_dir()),
        SetupStep(
            "file",
            f"{ANNOTATIONS_FOLDER}/.gitignore",
            GITIGNORE,
            not (folder / ".gitignore").exists(),
        ),
        SetupStep(
            "gitattributes",
            GITATTRIBUTES,
            GITATTRIBUTES_LINE,
            not _has_line(workspace / GITATTRIBUTES, GITATTRIBUTES_LINE),
        ),
    ]
    root, problem = git_root(workspace)
    if root is not None:
        for key, value in (
            (f"merge.{DRIVER}.name", DRIVER_DESCRIPTION),
            (f"merge.{DRIVER}.driver", driver_command(invocation)),
        ):
            current = _config_value(workspace, key)
            needed = current != value
            steps.append(SetupStep("git-config", key, value, needed, current if needed else None))
    return SetupPlan(workspace, root, problem, tuple(steps))


def _append_line(path: Path, line: str) -> None:
    try:
        existing = path.read_bytes()
    except FileNotFoundError:
        existing = b""
    newline = b"\r\n" if b"\r\n" in existing else b"\n"
    prefix = b"" if not existing or existing.endswith(b"\n") else newline
    with path.open("ab") as out:
        out.write(prefix + line.encode("utf-8") + newline)


def apply_setup(plan: SetupPlan) -> None:
    """Carry out the plan's needed steps, in order.

    Raises:
        AnnotationError: a file could not be written or git refused a setting; the steps
            before it are done.
    """
    root = plan.workspace.resolve()
    for step in plan.changes:
        path = plan.workspace / step.target
        outside = None if step.action == "git-config" else outside_target(path, root)
        if outside is not None:  # a committed link must not make us write elsewhere
            raise AnnotationError(
                f"Could not {step.describe()}: {path} {outside_reason(outside, written=True)}."
            )
        try:
            if step.action == "folder":
                path.mkdir(parents=True, exist_ok=True)
            elif step.action == "file":
                with (
                    contextlib.suppress(FileExistsError),
                    path.open("x", encoding="utf-8", newline="\n") as out,
                ):
                    out.write(step.value or "")
            elif step.action == "gitattributes":
                _append_line(path, step.value or "")
            else:
                result = run_git(plan.workspace, "config", "--local", step.target, step.value or "")
                if result.returncode != 0:
                    raise AnnotationError(
                        f"git config {step.target} failed: {result.stderr.strip() or 'no reason'}"
                    )
        except OSError as exc:
            raise AnnotationError(f"Could not {step.describe()} ({exc.strerror or exc}).") from exc
