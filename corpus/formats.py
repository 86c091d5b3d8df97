"""Which files of a workspace are documents: plain text and Markdown, under their usual names."""

from __future__ import annotations

from pathlib import PurePosixPath

PLAIN_TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
"""Markdown's common extensions: the same format under other names, read alike."""
DOCUMENT_SUFFIXES = PLAIN_TEXT_SUFFIXES | MARKDOWN_SUFFIXES


def is_document_name(name: str) -> bool:
    """Whether a file called ``name`` is read as a document (hidden files aside): the one rule
    that the workspace's listing, the watch and the CLI's warnings share."""
    return PurePosixPath(name).suffix.lower() in DOCUMENT_SUFFIXES


def is_markdown_name(name: str) -> bool:
    """Whether a document called ``name`` is read as Markdown (else as plain text)."""
    return PurePosixPath(name).suffix.lower() in MARKDOWN_SUFFIXES
