"""Turning a file's bytes into the text every offset in Synoptic refers to.

The rules: UTF-8 first (a BOM is dropped), then charset-normalizer's best guess, which is
reported because a guess can be wrong; CRLF and lone CR become LF. A file with NUL bytes or no
plausible decoding is refused, never half-shown, and the file itself is never touched.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Larger files are refused: they are data dumps, not documents a person compares by reading."""

_SNIFF_BYTES = 8192


class UnreadableText(ValueError):
    """The bytes are not text we can decode; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Decoded, newline-normalised text and how it was obtained."""

    text: str
    encoding: str
    guessed: bool
    """True when the encoding was detected rather than declared by valid UTF-8."""


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF, so offsets do not depend on the platform that wrote the file."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start mean an image, archive or UTF-16 file, not a document."""
    return b"\x00" in data[:_SNIFF_BYTES]


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a document's bytes, raising :class:`UnreadableText` with a reason if we cannot."""
    if looks_binary(data):
        raise UnreadableText("looks like a binary file (it contains NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return DecodedText(normalise_newlines(data.decode("utf-8")), "utf-8", guessed=False)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Imported here: detection is needed only for the rare non-UTF-8 file.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnreadableText(
            f"is not UTF-8 (invalid byte at position {utf8_error.start}) "
            "and no other text encoding fits it"
        )
    text = str(best)
    return DecodedText(normalise_newlines(text), best.encoding, guessed=True)
