"""Notes, tags and evidence links attached to passages of a workspace's documents.

Like :mod:`corpus`, this package never imports Textual, so the CLI, the merge driver git runs
and the exports work headless (``tests/test_import_hygiene.py`` enforces it). Where to look:
the note and its rules (``model``, ``labels``, ``links``, ``target``); where a note is in an
edited document (``anchoring*``, ``placement``); the per-author TinyDB files, written
atomically under a lock (``store*``); sharing through git (``merge``, ``conflicts``,
``sharing*``, ``gitsetup``); drafts kept while writing (``drafts``); the Markdown report and
W3C Web Annotation export and import (``export_markdown``, ``report_threads``, ``w3c*``).
This file stays empty on purpose so that ``import annotations`` costs nothing.
"""
