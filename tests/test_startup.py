"""The reader's start-up: work a bare Textual app does not do stays out of the first frames.

The figures are the benchmark's (``benchmarks/bench_foundation.py``, start-up within 1.5x a bare
Textual app); these tests pin the causes found there, so none can come back unnoticed. What
must not be imported at start-up is checked in ``test_import_hygiene.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pilot_helpers import wait_for
from textual.geometry import Region

from tui.app import make_app
from tui.widgets.document_view import DocumentView

if TYPE_CHECKING:
    import pytest
    from rich.style import Style
    from textual.strip import Strip

ROOT = Path(__file__).parents[1]


def run_python(code: str, *args: str) -> None:
    """Run ``code`` in a fresh interpreter (start-up state is per process); it must succeed."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_objects_start_up_made_are_frozen_once_and_the_app_is_not(
    sample_workspace: Path,
) -> None:
    """A full collection over everything Textual and the reader's modules made used to fall
    in the first frame (20-35 ms). The app itself stays collectable, and a second app does
    not freeze the first one's garbage."""
    code = (
        "import gc, sys\n"
        "from pathlib import Path\n"
        "from tui.app import make_app\n"
        "assert gc.get_freeze_count() == 0\n"
        "first = make_app(Path(sys.argv[1]))\n"
        "frozen = gc.get_freeze_count()\n"
        "assert frozen > 10_000, frozen\n"
        "assert any(o is first for o in gc.get_objects()), 'the app was frozen'\n"
        "second = make_app(Path(sys.argv[1]))\n"
        "assert gc.get_freeze_count() == frozen, (gc.get_freeze_count(), frozen)\n"
    )
    run_python(code, str(sample_workspace))


async def test_a_pane_works_out_its_style_once_per_drawing_pass(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``rich_style`` walks every ancestor's styles; asked twice for each line, it was half of
    what drawing a pane cost, in the first frame as on every scroll."""
    app = make_app(sample_workspace)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: app.first_document_at is not None)
        view = app.panes[0].view
        asked: list[object] = []
        real = DocumentView.rich_style

        def counted(node: DocumentView) -> object:
            asked.append(node)
            return real.fget(node) if real.fget else None

        monkeypatch.setattr(DocumentView, "rich_style", property(counted))
        view.set_marks(view.marks)  # forget the drawn lines: every one is drawn again
        strips = view.render_lines(Region(0, 0, view.size.width, view.size.height))
        monkeypatch.undo()
        assert len(strips) == view.size.height > 20
        assert any(segment.text.strip() for strip in strips for segment in strip)
        assert asked.count(view) == 1


def test_the_json_escapes_are_made_for_json_output_only() -> None:
    """The reader imports :mod:`corpus.text` at start-up; the two thousand escapes of
    ``--json`` output took most of that import, and the reader never prints JSON."""
    code = (
        "import tui.app\n"
        "from corpus import text\n"
        "assert text._json_escapes.cache_info().currsize == 0, 'made at import'\n"
        "assert text.json_text('\\x9b\\ud800') == '\"\\\\u009b\\\\ud800\"'\n"
    )
    run_python(code)


async def test_the_first_frame_shows_the_documents_text(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame is drawn before the Resize event that used to wrap the text: for a frame
    each pane said "No document" while its document was there, and the text came a frame
    (30-40 ms) later."""
    first_lines: dict[DocumentView, str] = {}
    draw = DocumentView._render_document_line

    def noting_first_line(view: DocumentView, line: int, base: Style) -> Strip:
        strip = draw(view, line, base)
        if line == 0:
            first_lines.setdefault(view, strip.text.strip())
        return strip

    monkeypatch.setattr(DocumentView, "_render_document_line", noting_first_line)
    app = make_app(sample_workspace)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: app.first_document_at is not None)
        shown = {pane.view: pane.view.document for pane in app.panes}
    assert len(shown) == 2
    for view, document in shown.items():
        assert document is not None
        assert first_lines[view] == document.text.split("\n")[0][: len(first_lines[view])]
        assert len(first_lines[view]) > 20
