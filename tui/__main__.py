"""``python -m tui`` runs the same command line as the ``synoptic`` script."""

from tui.cli import main

main()
