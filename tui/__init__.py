"""The Synoptic reader (Textual) and the ``synoptic`` command line.

Kept free of imports so that ``synoptic docs --json`` and other headless commands do not pay
for Textual; :mod:`tui.app` is imported only when the reader is opened.
"""
