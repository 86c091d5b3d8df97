"""A Markdown document in the reader: its numbered lists as drawn.

Nothing of the file is hidden or changed: the numbers stand where the markers were left out of
the blocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_helpers import wait_for

from tui.app import SynopticApp, make_app
from tui.widgets.document_view import GUTTER

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

    from tui.widgets.document_view import DocumentView

SIZE = (100, 40)
STEPS = "# Steps\n\n3. Third step.\n4. Fourth step.\n\nAll ten:\n\n" + "".join(
    f"{n}. Item number {n} of the list.\n" for n in range(1, 11)
)


def rows(view: DocumentView) -> list[str]:
    """The view's visible rows as drawn, margin included."""
    return ["".join(s.text for s in view.render_line(y)) for y in range(view.size.height)]


async def opened(pilot: Pilot[None], doc_id: str) -> DocumentView:
    """The first pane's view showing ``doc_id``, wrapped."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    view = app.panes[0].view
    await wait_for(pilot, lambda: view._layout is not None, timeout=30)
    view.show_document(app.workspace.load(doc_id))
    await wait_for(pilot, lambda: view._layout is not None)
    return view


async def test_numbered_lists_are_drawn_with_their_numbers_and_clicks_land_on_the_text(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"steps.md": STEPS})
    app = make_app(root, panes=1)
    async with app.run_test(size=SIZE) as pilot:
        view = await opened(pilot, "steps.md")
        shown = [row[GUTTER:].rstrip() for row in rows(view)]
        assert "3. Third step." in shown and "4. Fourth step." in shown
        assert " 9. Item number 9 of the list." in shown
        assert "10. Item number 10 of the list." in shown
        assert not any("\N{BULLET}" in row for row in shown)
        # a click on the first letter of the tenth item's text, after its four-cell number
        y = shown.index("10. Item number 10 of the list.")
        assert view.offset_at(GUTTER + 4, y) == STEPS.index("Item number 10")
        assert view.offset_at(GUTTER + 3, shown.index("3. Third step.")) == STEPS.index("Third")
        left, top = view.content_region.x - view.region.x, view.content_region.y - view.region.y
        await pilot.click(view, offset=(left + GUTTER + 4, top + y))
        document = view.document
        assert document is not None
        assert document.sentence_text(view.cursor) == "Item number 10 of the list."
