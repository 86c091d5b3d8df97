"""Documents of a workspace: loading, decoding, blocks and sentences.

This package is the reading core of Synoptic. It never imports Textual, so the CLI, the
benchmarks and later the matching and export code can use it headless and import it cheaply.
Import the submodules you need (``corpus.workspace``, ``corpus.document`` ...); this file stays
empty on purpose so that ``import corpus`` costs nothing.
"""
