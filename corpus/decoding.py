"""Turning a file's bytes into the text every offset in Synoptic refers to.

The rules: a UTF-16 or UTF-32 byte order mark is obeyed (Windows Notepad saves "Unicode" text as
UTF-16 with one), and UTF-16 without one is recognised by its NUL bytes in every other place and
reported as a guess; otherwise UTF-8 first (a BOM is dropped), then charset-normalizer's best guess,
which is reported because a guess can be wrong; CRLF and lone CR become LF. A file with NUL bytes
or no plausible decoding is refused, never half-shown, and the file itself is never touched.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

MAX_DOCUMENT_BYTES = 6 * 1024 * 1024
"""Larger files are refused, before they are read: they are data dumps or whole libraries, not
documents a person compares by reading, and Synoptic cannot open them in reasonable time.

Claim detection, which ``claims``, ``match``, ``synopsis`` and the reader all run, costs about
0.8 s and 20-35 MB per megabyte of prose (its cue patterns run over every sentence), so a
command on one large file took (2-CPU machine; ``claims``, then ``match`` with a warm cache):
4 MB 3.3 s and 3.5 s, 6 MB 4.6 s and 5.3 s (240 MB), 8 MB 6.7 s and 7.2 s (300 MB), 50 MB 48 s
and 1.1 GB for ``claims`` alone. Six megabytes takes about five seconds and holds the longest
books with room to spare: War and Peace is 3.2 MB of text, the King James Bible 4.3 MB, the
complete works of Shakespeare 5.5 MB. Since the cue search was made faster (corpus/cue_patterns.py),
``claims`` on 6 MB takes 3.6 s and 370 MB on the sample's prose repeated, 1.4 s on licence text;
the limit stays, as memory grows with the text."""

_SNIFF_BYTES = 8192


class UnreadableText(ValueError):
    """The bytes are not text we can decode; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Decoded, newline-normalised text and how it was obtained."""

    text: str
    encoding: str
    guessed: bool
    """True when the encoding was detected rather than declared by valid UTF-8 or a BOM."""
    replaced: int = 0
    """Invalid sequences shown as U+FFFD in an otherwise valid UTF-8 (or BOM-marked) file."""


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF, so offsets do not depend on the platform that wrote the file."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start mean an image, an archive or BOM-less UTF-16, not a document."""
    return b"\x00" in data[:_SNIFF_BYTES]


_WIDE_BOMS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _declared_wide(data: bytes) -> DecodedText | None:
    """Decode UTF-16 or UTF-32 text whose byte order mark says so, else None.

    Without a BOM, only a strong pattern is taken for UTF-16 (see :func:`_undeclared_utf16`):
    guessing it from weak ones turns binary files into pages of CJK-looking noise. A damaged
    code unit (a file cut off mid-character) is shown as U+FFFD and counted, as in damaged
    UTF-8; NUL characters in the decoded text still mean the file is not a document.
    """
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = body.decode(encoding, errors="replace")
            if "\x00" in text:
                raise UnreadableText(
                    f"looks like a binary file (it has a {encoding.upper()} byte order mark "
                    "but contains NUL characters)"
                )
            marker = "\N{REPLACEMENT CHARACTER}"
            genuine = body.decode(encoding, errors="ignore").count(marker)
            replaced = text.count(marker) - genuine
            return DecodedText(normalise_newlines(text), encoding, guessed=False, replaced=replaced)
    return None


UTF16_NUL_SHARE = 0.3
"""The least share of the code units of text without a byte order mark that must have a NUL
byte (in one and the same half) for it to be read as UTF-16: Latin text has one in nearly
every unit, Cyrillic or Greek none, and those are left to be refused as before."""
_CONTROLS = frozenset(chr(code) for code in range(0x20)) - set("\t\n\r\f")


def _undeclared_utf16(data: bytes) -> DecodedText | None:
    """UTF-16 text saved without a byte order mark (some Windows tools, PowerShell's redirect
    on older versions), else None.

    Binary files have NUL bytes too, so only a strong pattern is taken: an even length, NUL
    bytes in one half of the code units (the high byte of Latin letters; a rare character
    such as U+4E00 puts one in the other), enough of them, and a clean decoding with no
    control characters. It is reported as a guess, as the legacy encodings are.
    """
    if len(data) % 2:
        return None
    sample = data[: _SNIFF_BYTES * 2]
    units = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if min(even, odd) > max(even, odd) // 50 or max(even, odd) < UTF16_NUL_SHARE * units:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or not _CONTROLS.isdisjoint(text):
        return None
    return DecodedText(normalise_newlines(text), encoding, guessed=True)


PREFERRED_LEGACY = "cp1252"
"""Western legacy encoding, preferred when detection finds it as plausible as its first pick."""


def _damaged_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few broken bytes (a bad copy-paste, a truncated download).

    Such a file is clearly UTF-8: re-detecting it would garble every other accented letter to
    save one. We keep UTF-8, show the broken bytes as U+FFFD and say how many there were.
    """
    text = data.decode("utf-8", errors="replace")
    marker = "\N{REPLACEMENT CHARACTER}"
    replaced = text.count(marker) - data.count(marker.encode())
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - replaced
    # Legacy single-byte text almost never forms valid multi-byte UTF-8 by accident, so more
    # valid sequences than broken ones means UTF-8 with damage, not another encoding.
    if multibyte <= replaced:
        return None
    return DecodedText(normalise_newlines(text), "utf-8", guessed=False, replaced=replaced)


def _detected(data: bytes) -> DecodedText | None:
    """Decode with charset-normalizer's best guess, leaning to cp1252 when it fits as well.

    Among equally plausible single-byte encodings its first pick is often cp1250 (or
    worse) for Western text, which turns "crème" into "crčme"; cp1252 is far more common in
    the English and Western European documents Synoptic is used on, and it is still reported
    as a guess.
    """
    from charset_normalizer import from_bytes  # only the rare non-UTF-8 file needs it

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        return None
    encoding, text = best.encoding, str(best)
    if encoding != PREFERRED_LEGACY:
        from charset_normalizer.md import mess_ratio

        try:
            western = data.decode(PREFERRED_LEGACY)
        except UnicodeDecodeError:
            pass  # bytes cp1252 leaves undefined: not Western text
        else:
            if mess_ratio(western) <= best.chaos:
                encoding, text = PREFERRED_LEGACY, western
    return DecodedText(normalise_newlines(text), encoding, guessed=True)


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a document's bytes, raising :class:`UnreadableText` with a reason if we cannot."""
    declared = _declared_wide(data)
    if declared is not None:
        return declared
    if looks_binary(data):
        undeclared = _undeclared_utf16(data)
        if undeclared is None:
            raise UnreadableText("looks like a binary file (it contains NUL bytes)")
        return undeclared
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return DecodedText(normalise_newlines(data.decode("utf-8")), "utf-8", guessed=False)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    decoded = _damaged_utf8(data) or _detected(data)
    if decoded is None:
        raise UnreadableText(
            f"is not UTF-8 (invalid byte at position {utf8_error.start}) "
            "and no other text encoding fits it"
        )
    return decoded
