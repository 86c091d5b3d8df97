"""The README's "Set up" commands against what a fresh clone holds, checked without running them
(the second one is the whole suite): the files they name, the script the first one ends with,
and what the second one installs and runs."""

from __future__ import annotations

import os
import re
import tomllib

from readme_text import README

ROOT = README.parent
OPEN_SAMPLE = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/synoptic"
RUN_TESTS = "./scripts/test"


def set_up_blocks() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Set up\n", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S)]


def test_set_up_gives_the_two_commands() -> None:
    assert set_up_blocks() == [OPEN_SAMPLE, RUN_TESTS]


def test_the_first_command_ends_in_the_synoptic_script() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"  # "only Python 3.11 or newer"
    assert project["scripts"]["synoptic"] == "tui.cli:main"
    from tui.cli import main

    assert callable(main)


def test_the_second_command_installs_what_it_runs_and_ci_runs_it() -> None:
    script = ROOT / RUN_TESTS
    assert os.access(script, os.X_OK), "a fresh clone's ./scripts/test must be executable"
    text = script.read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = {
        re.split(r"[<>=\[ ]", spec)[0]
        for spec in project["project"]["optional-dependencies"]["dev"]
    }
    assert "-m venv .venv" in text and "-e '.[dev]'" in text
    # README: "runs ruff, mypy and pytest", each from the .venv it made
    for tool in ("ruff check .", "ruff format --check .", "mypy", "python -m pytest"):
        assert f".venv/bin/{tool}" in text
    assert {"ruff", "mypy", "pytest", "pytest-asyncio", "pytest-textual-snapshot"} <= dev
    assert project["tool"]["mypy"]["packages"], "bare `mypy` needs the packages to check"
    ci = ROOT / ".ci" / "run"
    assert os.access(ci, os.X_OK)
    assert "exec ./scripts/test" in ci.read_text(encoding="utf-8")
