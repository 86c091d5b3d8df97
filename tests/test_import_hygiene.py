"""The core packages never import Textual (or, at package level, Rich).

Each module is imported in a fresh interpreter, so one module's imports cannot hide another's.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CORE_PACKAGES = ("corpus", "annotations")


def core_modules() -> list[str]:
    names: list[str] = []
    for package in CORE_PACKAGES:
        names.append(package)
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            names.append(info.name)
    return sorted(names)


MODULES = core_modules()


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_discovery_finds_the_core_modules() -> None:
    assert "corpus" in MODULES
    assert "annotations" in MODULES
    for module in ("corpus.workspace", "corpus.document", "corpus.decoding", "corpus.text"):
        assert module in MODULES
    on_disk = {p.stem for p in (ROOT / "corpus").glob("*.py") if p.stem != "__init__"}
    assert {f"corpus.{stem}" for stem in on_disk} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_textual(module: str) -> None:
    result = run_python(
        f"import {module}, sys; "
        "assert 'textual' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith('textual'))"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_package_import_pulls_in_neither_textual_nor_rich(package: str) -> None:
    result = run_python(
        f"import {package}, sys; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "assert not bad, bad"
    )
    assert result.returncode == 0, result.stderr


def test_loading_documents_does_not_import_textual() -> None:
    """The lazy imports (sentencex, markdown-it, charset-normalizer) stay Textual-free too."""
    code = (
        "import sys\n"
        "from corpus.document import document_from_bytes\n"
        "document_from_bytes('a.md', b'# T\\n\\nOne. Two.\\n\\n- item\\n', markdown=True)\n"
        "document_from_bytes('b.txt', 'caf\\u00e9 cr\\u00e8me tr\\u00e8s'.encode('latin-1'), "
        "markdown=False)\n"
        "assert 'sentencex' in sys.modules and 'markdown_it' in sys.modules\n"
        "assert 'charset_normalizer' in sys.modules\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr


def test_the_check_itself_can_fail() -> None:
    """Guard against a vacuous check: importing Textual is detected."""
    result = run_python("import textual, sys; assert 'textual' not in sys.modules")
    assert result.returncode != 0
    assert "AssertionError" in result.stderr


READER_LATER = (
    "click",
    "tinydb",
    "filelock",
    "numpy",
    "rapidfuzz",
    "annotations.store",
    "corpus.matching",
    "corpus.synopsis",
    "corpus.claim_rules",
    "tui.note_actions",
    "tui.screens",
)
"""What the reader needs only after its first frame (notes, matching, rules, dialogs) or never
(the command line's own parser): kept out of ``tui.app``'s imports, which every start pays."""


@pytest.mark.parametrize("module", READER_LATER)
def test_the_reader_module_does_not_import_what_it_needs_later(module: str) -> None:
    result = run_python(f"import tui.app, sys; assert {module!r} not in sys.modules")
    assert result.returncode == 0, result.stderr


def test_the_colour_rules_do_not_import_the_widgets_that_use_them() -> None:
    """:mod:`tui.theme_colours` (readable colours for a theme and a terminal) is used by the
    document view's styles; it took the tints from them in turn, and the styles had to import
    it inside a function to break the circle."""
    result = run_python(
        "import sys, tui.theme_colours; "
        "found = sorted(m for m in sys.modules if m.startswith('tui.widgets')); "
        "assert not found, found"
    )
    assert result.returncode == 0, result.stderr


def test_every_cli_module_can_be_imported_first() -> None:
    """`tui.cli` imports the command modules to register them, and some of those import
    shared helpers from their siblings: a helper module that imported `tui.cli` at its top
    was found half made when it was the first one imported (a test importing it did)."""
    code = (
        "import importlib, pkgutil, sys\n"
        "names = [i.name for i in pkgutil.iter_modules(['tui'], 'tui.') "
        "if i.name.startswith('tui.cli')]\n"
        "assert len(names) > 10, names\n"
        "failed = []\n"
        "for name in names:\n"
        "    for loaded in [m for m in sys.modules if m == 'tui' or m.startswith('tui.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError as exc:\n"
        "        failed.append(f'{name}: {exc}')\n"
        "assert not failed, failed\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
