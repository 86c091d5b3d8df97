"""Save an SVG screenshot of the reader on the sample workspace, for the README.

Run with ``make screenshot``. Uses a throw-away data folder so the picture never shows a
developer's home path, and the same factory as the CLI and the tests.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path


async def take(target: Path) -> None:
    """Open the sample, move the cursor somewhere telling, and save the screen."""
    from tui.app import make_app

    app = make_app(None, panes=3)
    async with app.run_test(size=(180, 42)) as pilot:
        while app.loading_finished_at is None or app.claims_finished_at is None:
            await pilot.pause(0.05)
        app.sub_title = "sample workspace"
        await pilot.press("j", "j", "j", "tab", "}", "j", "j")
        await pilot.pause(0.2)
        app.save_screenshot(filename=target.name, path=str(target.parent))


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.svg").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        os.environ["SYNOPTIC_DATA_DIR"] = data
        asyncio.run(take(target))
    print(f"saved {target}")


if __name__ == "__main__":
    main()
