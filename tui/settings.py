"""The reader's own settings (for now its theme), kept between runs.

A small JSON object, ``settings.json``, in ``$SYNOPTIC_CONFIG_DIR``, else in
``$SYNOPTIC_DATA_DIR`` when that is set (so the tests, and a user who keeps Synoptic's files
elsewhere, never touch the home folder), else in the platform's config folder. It is read
once at start-up. A file that cannot be read or understood is reported and left exactly as it
is, never rewritten (it may hold what someone typed by hand): the reader then starts with the
defaults and saves nothing until it is fixed. Keys this version does not know are kept when the
theme is saved.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.locations import DATA_DIR_ENV

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.app import SynopticApp

CONFIG_DIR_ENV = "SYNOPTIC_CONFIG_DIR"
FILE_NAME = "settings.json"
THEME = "theme"


def config_dir() -> Path:
    """Where the settings live (not created here: only saving needs the folder)."""
    for name in (CONFIG_DIR_ENV, DATA_DIR_ENV):
        if override := os.environ.get(name):
            return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("synoptic", appauthor=False)


@dataclass(slots=True)
class ReaderSettings:
    """What ``settings.json`` holds, and whether it may be written."""

    path: Path
    values: dict[str, object] = field(default_factory=dict)
    problem: str | None = None
    """Why the file was not used, naming it (and the line, as for a notes file); while set,
    nothing is written over it."""

    @classmethod
    def load(cls, folder: Path | None = None) -> ReaderSettings:
        """The settings on disk; the defaults (with a problem to report) if they are unusable."""
        from annotations.errors import file_place
        from annotations.store_format import (
            JSON_FILE_ADVICE,
            UnreadableText,
            decode_text,
            parse_json,
        )

        path = (folder or config_dir()) / FILE_NAME
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path)
        except OSError as exc:
            return cls(path, problem=f"{path}: cannot be read ({exc.strerror or exc})")
        try:
            # read as a notes file is, so a mistake is said as for one: line, column, what to do
            values = parse_json(decode_text(raw))
        except UnreadableText as unreadable:
            advice = {**JSON_FILE_ADVICE, "repeat": "keep one of them"}.get(unreadable.case)
            said = unreadable.problem + (f"; {advice}" if advice else "")
            return cls(path, problem=f"{file_place(path, unreadable.line)}: {said}")
        if not isinstance(values, dict):
            return cls(path, problem=f"{path}: does not hold a JSON object")
        if not isinstance(values.get(THEME, ""), str):
            return cls(path, problem=f'{path}: its "{THEME}" is not a theme\'s name')
        return cls(path, values)

    @property
    def theme(self) -> str | None:
        """The theme chosen last time, if any."""
        theme = self.values.get(THEME)
        return theme if isinstance(theme, str) and theme else None

    def save_theme(self, name: str) -> None:
        """Remember ``name`` as the theme, keeping every other setting as it was.

        Raises:
            OSError: the file could not be written (it is then as it was).
        """
        if self.problem is not None or self.values.get(THEME) == name:
            return
        from corpus.files import atomic_write_text

        values = {**self.values, THEME: name}
        atomic_write_text(self.path, json.dumps(values, indent=2, sort_keys=True) + "\n")
        self.values = values


def restore_theme(app: SynopticApp) -> None:
    """Start in the theme chosen last time (unless ``TEXTUAL_THEME`` asks for one for this
    run), then remember every theme the user picks. Problems are said, never fatal."""
    settings = app.settings
    if settings.problem is not None:
        app.tell(
            f"{settings.problem}. It is left as it is; the reader starts in its "
            "default theme and will not save your choice of theme until the file is fixed or "
            "removed.",
            "Settings not used",
        )
    elif settings.theme is not None and not os.environ.get("TEXTUAL_THEME"):
        if settings.theme in app.available_themes:
            app.theme = settings.theme
        else:
            app.tell(
                f'The theme "{settings.theme}" saved in {settings.path} is not available; '
                f'using "{app.theme}".',
                "Settings",
            )
    app.theme_changed_signal.subscribe(app, lambda theme: _remember(app, theme))


def _remember(app: SynopticApp, theme: Theme) -> None:
    try:
        app.settings.save_theme(theme.name)
    except OSError as exc:
        app.tell(
            f"Could not save the theme in {app.settings.path} ({exc.strerror or exc}); "
            "it applies to this session only.",
            "Settings",
        )
