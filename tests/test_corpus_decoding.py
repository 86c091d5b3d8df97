"""Decoding a document's bytes: encodings, newlines, refusals and unsafe characters."""

from __future__ import annotations

import codecs
import hashlib
import json
from pathlib import Path

import pytest

import corpus.decoding
import corpus.document
from corpus.decoding import UnreadableText, decode_bytes, normalise_newlines
from corpus.document import load_document
from corpus.errors import DocumentError
from corpus.model import Document, Notice
from corpus.text import _json_escapes, inert, json_text


def write_and_load(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Document:
    path = tmp_path / name
    path.write_bytes(data)
    return load_document(path, name)


def sentence_texts(doc: Document) -> list[str]:
    return [doc.sentence_text(i) for i in range(len(doc.sentences))]


# --- UTF-8 -------------------------------------------------------------------------------------


def test_utf8_file_loads_as_is(tmp_path: Path) -> None:
    text = "Café culture – “quoted” words. Naïve résumé, 3 € each.\n"
    data = text.encode("utf-8")
    doc = write_and_load(tmp_path, data)
    assert doc.text == text
    assert doc.encoding == "utf-8"
    assert doc.notices == []
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert sentence_texts(doc) == ["Café culture – “quoted” words.", "Naïve résumé, 3 € each."]


def test_utf8_bom_is_stripped_and_offsets_start_after_it(tmp_path: Path) -> None:
    body = "First sentence here. Second sentence here.\n"
    data = codecs.BOM_UTF8 + body.encode("utf-8")
    doc = write_and_load(tmp_path, data)
    assert doc.text == body
    assert not doc.text.startswith("\ufeff")
    assert doc.encoding == "utf-8"
    assert doc.notices == []
    assert doc.blocks[0].start == 0
    assert doc.sentences[0].start == 0
    assert doc.sentence_text(0) == "First sentence here."
    # The hash is of the file as stored, BOM included, so a changed file is noticed.
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_decode_bytes_reports_utf8_as_not_guessed() -> None:
    decoded = decode_bytes(b"plain ascii")
    assert decoded.text == "plain ascii"
    assert decoded.encoding == "utf-8"
    assert decoded.guessed is False


# --- UTF-16 and UTF-32 with a byte order mark ---------------------------------------------------

WIDE_BOMS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@pytest.mark.parametrize("encoding", list(WIDE_BOMS))
def test_text_with_a_utf16_or_utf32_bom_is_decoded(tmp_path: Path, encoding: str) -> None:
    """What Windows Notepad saves as "Unicode" (UTF-16 LE with a BOM) is a document, not binary."""
    body = "Café culture – “quoted” words.\r\nNaïve 🙂 résumé, 3 € each.\r\n"
    data = WIDE_BOMS[encoding] + body.encode(encoding)
    doc = write_and_load(tmp_path, data)
    assert doc.text == normalise_newlines(body)
    assert doc.encoding == encoding
    assert doc.notices == []
    assert decode_bytes(data).guessed is False
    # Offsets index the decoded text, after the BOM, like a UTF-8 file's.
    assert doc.sentences[0].start == 0
    assert sentence_texts(doc) == ["Café culture – “quoted” words.", "Naïve 🙂 résumé, 3 € each."]
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert (tmp_path / "doc.txt").read_bytes() == data


def test_utf16_cut_off_mid_character_is_shown_with_a_replacement_and_a_notice(
    tmp_path: Path,
) -> None:
    data = codecs.BOM_UTF16_LE + "Complete sentence. Ha\ufffd kept.".encode("utf-16-le") + b"A"
    doc = write_and_load(tmp_path, data)
    assert doc.text == "Complete sentence. Ha\ufffd kept.\ufffd"
    assert doc.notices == [
        Notice("doc.txt", "has 1 invalid UTF-16-LE byte sequence, shown as \ufffd")
    ]


def test_a_utf16_bom_does_not_make_a_file_with_nul_characters_a_document(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "text\x00\x00\x01".encode("utf-16-le")
    with pytest.raises(DocumentError, match="UTF-16-LE byte order mark but contains NUL"):
        write_and_load(tmp_path, data)


# --- newlines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\r\n", "a\nb\n"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\rb", "a\n\nb"),
        ("a\n\r\nb\r\n\r", "a\n\nb\n\n"),
        ("no carriage return\n", "no carriage return\n"),
    ],
)
def test_normalise_newlines(raw: str, expected: str) -> None:
    assert normalise_newlines(raw) == expected


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_newlines_are_normalised_and_offsets_index_the_normalised_text(
    tmp_path: Path, newline: str
) -> None:
    lines = [
        "Heading Of The Article",
        "",
        "The first paragraph has one sentence. It has a second one too.",
        "",
        "- a list item",
    ]
    data = newline.join(lines).encode("utf-8") + newline.encode("ascii")
    doc = write_and_load(tmp_path, data)
    normalised = "\n".join(lines) + "\n"
    assert "\r" not in doc.text
    assert doc.text == normalised
    expected = [
        "Heading Of The Article",
        "The first paragraph has one sentence.",
        "It has a second one too.",
        "a list item",
    ]
    assert sentence_texts(doc) == expected
    for sentence, text in zip(doc.sentences, expected, strict=True):
        assert normalised[sentence.start : sentence.end] == text
    # Loading never rewrites the file: its CRs are still there.
    assert (tmp_path / "doc.txt").read_bytes() == data


# --- guessed encodings -------------------------------------------------------------------------

WESTERN_TEXT = (
    "The café on the corner serves crème brûlée every day, and the owner says it is the best "
    "in town. Visitors from Zürich and São Paulo agree that the façade looks charming. "
    "Prices start at 5 francs and the menu changes every week.\n"
)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_western_file_is_decoded_and_the_guess_is_reported(
    tmp_path: Path, encoding: str
) -> None:
    text = WESTERN_TEXT
    if encoding == "cp1252":
        text = text.replace("it is the best", "it\u2019s \u201cthe best\u201d")
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = write_and_load(tmp_path, data)
    assert doc.encoding != "utf-8"
    assert doc.notices == [Notice("doc.txt", f"is not UTF-8; decoded as {doc.encoding} (detected)")]
    assert decode_bytes(data).guessed is True
    # Western text comes back with its own letters (cp1252 is preferred when it fits as well
    # as the detector's first pick, which for this text is cp1250: "crème" would be "crčme").
    assert doc.encoding == "cp1252"
    assert doc.text == text
    assert len(doc.text) == len(data)
    assert "\ufffd" not in doc.text
    assert doc.text.startswith("The caf")
    assert "Prices start at 5 francs and the menu changes every week." in doc.text
    assert len(doc.sentences) == 3


def test_a_lone_latin_byte_in_ascii_text_is_read_as_western() -> None:
    decoded = decode_bytes(b"plain ascii with one caf\xe9 in it")
    assert decoded.text == "plain ascii with one caf\u00e9 in it"
    assert decoded.guessed is True


def test_central_european_text_keeps_its_detected_encoding() -> None:
    text = "Příliš žluťoučký kůň úpěl ďábelské ódy"
    decoded = decode_bytes(text.encode("cp1250"))
    assert decoded.encoding == "cp1250"
    assert decoded.text == text


def test_damaged_utf8_stays_utf8_with_the_broken_bytes_replaced(tmp_path: Path) -> None:
    data = "Café ok. Naïve résumé, ça va.".encode() + b"\xff" + " Piñata élan.".encode()
    doc = write_and_load(tmp_path, data)
    assert doc.encoding == "utf-8"
    assert doc.text == "Café ok. Naïve résumé, ça va.\ufffd Piñata élan."
    assert doc.notices == [Notice("doc.txt", "has 1 invalid UTF-8 byte sequence, shown as \ufffd")]


# --- refusals ----------------------------------------------------------------------------------

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


@pytest.mark.parametrize(
    "data",
    [
        PNG_HEADER,
        b"text then\x00a NUL byte",
        # NULs in alternate places, but a control character in the "text": not UTF-16
        "Hello,\x01 world.".encode("utf-16-le"),
        # an odd length cannot be UTF-16
        "Hello, world.".encode("utf-16-le") + b"!",
        # NULs in both halves of the code units: a binary record, not text
        b"\x00\x01\x02\x00" * 8,
    ],
    ids=["png", "nul-in-text", "utf-16-with-control", "odd-length", "nuls-in-both-halves"],
)
def test_binary_file_is_refused_with_a_clear_message(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentError) as caught:
        write_and_load(tmp_path, data, name="picture.txt")
    error = caught.value
    assert error.doc_id == "picture.txt"
    assert error.reason == "looks like a binary file (it contains NUL bytes)"
    assert str(error) == "picture.txt: looks like a binary file (it contains NUL bytes)"
    # Refusing is read-only.
    assert (tmp_path / "picture.txt").read_bytes() == data


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_and_said_to_be_a_guess(
    tmp_path: Path, encoding: str
) -> None:
    """It was refused as "looks like a binary file (it contains NUL bytes)": UTF-16 without a
    BOM has a NUL byte in every other place, and it decodes cleanly."""
    text = (
        "Notes from Windows\r\n\r\nMeditation reduces stress. Caf\u00e9 and \u201cmood\u201d.\r\n"
    )
    doc = write_and_load(tmp_path, text.encode(encoding))
    assert doc.text == normalise_newlines(text)
    assert doc.encoding == encoding
    assert sentence_texts(doc)[-1] == "Caf\u00e9 and \u201cmood\u201d."
    assert doc.notices == [Notice("doc.txt", f"is not UTF-8; decoded as {encoding} (detected)")]


def test_decode_bytes_refuses_binary() -> None:
    with pytest.raises(UnreadableText, match="binary"):
        decode_bytes(PNG_HEADER)


UNDECODABLE = bytes(range(0x80, 0x100)) * 4


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        write_and_load(tmp_path, UNDECODABLE, name="garbage.txt")
    error = caught.value
    assert error.doc_id == "garbage.txt"
    assert error.reason == (
        "is not UTF-8 (invalid byte at position 0) and no other text encoding fits it"
    )
    assert isinstance(error.__cause__, UnreadableText)


@pytest.mark.parametrize("data", [b"", b"  \n\n\t\n   "], ids=["empty", "whitespace"])
def test_empty_file_loads_with_a_notice(tmp_path: Path, data: bytes) -> None:
    doc = write_and_load(tmp_path, data, name="empty.txt")
    assert doc.blocks == []
    assert doc.sentences == []
    assert doc.notices == [Notice("empty.txt", "is empty")]
    assert doc.title == "empty.txt"
    assert doc.words == 0
    assert doc.sentence_at(0) is None
    assert doc.headings() == []


# --- size limit --------------------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 1024 * 1024
    monkeypatch.setattr(corpus.decoding, "MAX_DOCUMENT_BYTES", limit)
    monkeypatch.setattr(corpus.document, "MAX_DOCUMENT_BYTES", limit)
    data = b"A short sentence that repeats.\n" * (3 * limit // 31)
    assert len(data) > limit
    with pytest.raises(DocumentError) as caught:
        write_and_load(tmp_path, data, name="dump.txt")
    assert caught.value.doc_id == "dump.txt"
    assert caught.value.reason == "is 3 MB; Synoptic opens documents up to 1 MB"


def test_file_at_the_size_limit_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"A short sentence that repeats.\n" * 100
    monkeypatch.setattr(corpus.decoding, "MAX_DOCUMENT_BYTES", len(data))
    monkeypatch.setattr(corpus.document, "MAX_DOCUMENT_BYTES", len(data))
    doc = write_and_load(tmp_path, data)
    assert len(doc.sentences) == 100


def test_default_size_limit_holds_a_long_book_but_not_what_takes_minutes() -> None:
    """A long book is 1-5 MB of text; a 50 MB file took 48 s and 1.1 GB to read for claims."""
    assert corpus.document.MAX_DOCUMENT_BYTES == corpus.decoding.MAX_DOCUMENT_BYTES
    assert 5 * 1024 * 1024 < corpus.document.MAX_DOCUMENT_BYTES <= 8 * 1024 * 1024


def sparse_file(path: Path, size: int) -> str:
    """A file of ``size`` bytes, prose first, then a hole (no disk, no time); its sha256."""
    with path.open("wb") as out:
        out.write(b"A long book starts here. It goes on for a while.\n")
        out.truncate(size)
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("over", [1, 50 * 1024 * 1024], ids=["one-byte-over", "fifty-megabytes"])
def test_a_file_over_the_default_limit_is_refused_unread_and_untouched(
    tmp_path: Path, over: int
) -> None:
    limit = corpus.document.MAX_DOCUMENT_BYTES
    path = tmp_path / "library.txt"
    size = limit + 1 if over == 1 else over
    digest = sparse_file(path, size)
    before = path.stat()
    with pytest.raises(DocumentError) as caught:
        load_document(path, "library.txt")
    shown = "over 6 MB" if over == 1 else "50 MB"  # not "is 6 MB; ... up to 6 MB"
    assert caught.value.reason == f"is {shown}; Synoptic opens documents up to 6 MB"
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_a_file_at_the_default_limit_is_read(tmp_path: Path) -> None:
    """At the limit the bytes are read and judged: here, refused for what they are (the hole
    reads as NUL bytes), not for their size."""
    path = tmp_path / "book.txt"
    sparse_file(path, corpus.document.MAX_DOCUMENT_BYTES)
    with pytest.raises(DocumentError) as caught:
        load_document(path, "book.txt")
    assert caught.value.reason.startswith("looks like a binary file")


# --- control characters and markup -------------------------------------------------------------

ESCAPES = (
    "\x1b]0;pwned title\x07Red \x1b[31malert\x1b[0m text here. Another sentence.\n"
    "Bell\x07 and backspace\x08 and form feed\x0c and delete\x7f and CSI\x9b.\n"
)


def test_escape_sequences_load_intact(tmp_path: Path) -> None:
    doc = write_and_load(tmp_path, ESCAPES.encode("utf-8"), name="escapes.txt")
    assert doc.text == ESCAPES
    assert doc.notices == []
    assert "\x1b[31m" in doc.sentence_text(0)
    assert "\x1b]0;pwned title\x07" in doc.sentence_text(0)


@pytest.mark.parametrize("keep_newlines", [False, True])
def test_inert_makes_control_characters_visible_one_for_one(keep_newlines: bool) -> None:
    shown = inert(ESCAPES, keep_newlines=keep_newlines)
    assert len(shown) == len(ESCAPES)
    allowed = {"\n"} if keep_newlines else set()
    assert [c for c in shown if ord(c) < 0x20 and c not in allowed] == []
    assert "\x7f" not in shown
    assert not any(0x80 <= ord(c) < 0xA0 for c in shown)
    assert shown.count("\n") == (ESCAPES.count("\n") if keep_newlines else 0)
    assert shown.startswith("\N{SYMBOL FOR ESCAPE}]0;pwned title\N{SYMBOL FOR BELL}Red ")
    assert "\N{SYMBOL FOR ESCAPE}[31malert" in shown
    # Every character that was not a control character is unchanged, so offsets still match.
    for original, visible in zip(ESCAPES, shown, strict=True):
        if ord(original) >= 0x20 and original != "\x7f" and not 0x80 <= ord(original) < 0xA0:
            assert visible == original


def test_inert_maps_tab_to_space_and_hides_bidi_overrides() -> None:
    text = "a\tb \u202eevil\u202c \u2066x\u2069 \u200f"
    shown = inert(text)
    assert len(shown) == len(text)
    assert shown[1] == " "
    assert not any(c in shown for c in "\u202e\u202c\u2066\u2069\u200f")
    assert "evil" in shown


def test_inert_leaves_ordinary_text_alone() -> None:
    text = "Plain text, [bold]markup[/bold], accents é ü and emoji 🙂."
    assert inert(text) == text


def test_rich_markup_is_plain_text(tmp_path: Path) -> None:
    text = (
        "[bold red]x[/] is [link=https://example.com]a link[/link]. "
        "Next [i]sentence[/i] here.\n"
        "[/]\n"
        "\\[escaped] and [red on blue]colours[/red on blue].\n"
    )
    doc = write_and_load(tmp_path, text.encode("utf-8"), name="markup.txt")
    assert doc.text == text
    assert doc.notices == []
    assert sentence_texts(doc) == [
        "[bold red]x[/] is [link=https://example.com]a link[/link].",
        "Next [i]sentence[/i] here.",
        "[/]\n\\[escaped] and [red on blue]colours[/red on blue].",
    ]


def test_inert_shows_c1_controls_and_unicode_separators_but_not_as_decoding_errors() -> None:
    """The replacement character means broken bytes (README); a NEL or CSI the text really
    holds, or a line separator that terminals draw as nothing, gets the placeholder instead."""
    shown = inert("next\x85line csi\x9b sep\u2028para\u2029end")
    assert shown == "next⍰line csi⍰ sep⍰para⍰end"


def test_json_text_escapes_only_what_json_leaves_raw_and_a_terminal_obeys() -> None:
    value = {"id": "caf\u00e9 \u201cq\u201d", "text": "a\x1b[31m\x7f\x9b\u202e\u2028\ufffd"}
    printed = json_text(value)
    assert json.loads(printed) == value
    assert "caf\u00e9 \u201cq\u201d" in printed  # readable text stays as it is
    assert "\\u001b[31m\\u007f\\u009b\\u202e\\u2028\ufffd" in printed


def test_json_text_escapes_every_character_a_terminal_could_obey() -> None:
    """Each of the two thousand escapes, alone and amid text, as its ``\\u`` escape; the
    characters on either side of each range are left as they are."""
    for code, escape in _json_escapes().items():
        assert json_text(f"a{chr(code)}\u00e9") == f'"a{escape}\u00e9"', hex(code)
    for code in (0x7E, 0xA0, 0x061B, 0x061D, 0x200D, 0x2010, 0x2027, 0x202F, 0x2065, 0x206A):
        assert json_text(chr(code)) == f'"{chr(code)}"', hex(code)


def test_json_text_writes_a_lone_surrogate_as_its_escape() -> None:
    """An imported file's ``\\ud800`` is a string Python can hold but not write as UTF-8: raw,
    it cannot be printed at all (a UnicodeEncodeError), as ``import --json`` prints its ids."""
    value = {"id": "urn:x:\ud800", "text": "caf\u00e9"}
    printed = json_text(value)
    printed.encode("utf-8")  # printable at all
    assert json.loads(printed) == value
    assert '"urn:x:\\ud800"' in printed and "caf\u00e9" in printed
