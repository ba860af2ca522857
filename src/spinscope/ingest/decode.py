"""Turn the bytes of an input into text, refusing what is not text.

Invariant: UTF-8 input decodes to exactly the characters of the file (BOM and line endings
included), so offsets into `Document.text` are offsets into the file as read with UTF-8.
UTF-8 with a few broken bytes (at least `MIN_VALID_SHARE` of its non-ASCII characters valid)
stays UTF-8: each invalid sequence becomes U+FFFD and `DecodedText.replaced` counts them,
rather than the whole text being decoded as some legacy encoding.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from spinscope.errors import InputError
from spinscope.settings import IngestSettings

__all__ = ["MIN_VALID_SHARE", "DecodedText", "check_length", "check_size", "decode_text"]

# Leading bytes of common binary formats, for a message that says what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
)
_SNIFF_BYTES = 8192
# Share of non-ASCII characters that must be valid UTF-8 for text with broken bytes to be read
# as UTF-8 with replacements; below it, the text is taken to be in another encoding.
MIN_VALID_SHARE = 0.9
_REPLACEMENT = "\ufffd"


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from an input, the encoding it was decoded from, and how many invalid byte
    sequences were replaced with U+FFFD (0 unless the input is UTF-8 with broken bytes)."""

    text: str
    encoding: str
    replaced: int = 0
    first_replaced: int | None = None

    @property
    def note(self) -> str | None:
        """What decoding had to repair, in words; None when nothing."""
        if not self.replaced:
            return None
        sequences = "sequence" if self.replaced == 1 else "sequences"
        return (
            f"{self.replaced} invalid UTF-8 byte {sequences} replaced with U+FFFD "
            f"(the first at byte {self.first_replaced})"
        )


def check_size(size: int, *, name: str, settings: IngestSettings) -> None:
    """Refuse an input larger than the configured cap.

    Inputs are read only to the cap plus one byte, so a `size` of exactly that means "more
    than the cap", and the message says no more than that.
    """
    if size > settings.max_bytes:
        size_text = "" if size == settings.max_bytes + 1 else f" {_megabytes(size)},"
        raise InputError(
            f"{name} is{size_text} over the {_megabytes(settings.max_bytes)} limit; "
            "raise the limit with IngestSettings.max_bytes, or split the input",
            code="input.too_large",
        )


def check_length(text: str, *, name: str, settings: IngestSettings) -> None:
    """Refuse an article text longer than the configured cap, which bounds the analysis's memory."""
    if len(text) > settings.max_chars:
        raise InputError(
            f"{name} holds {len(text):,} characters of text, over the {settings.max_chars:,} limit "
            "(analysis takes about 7.5 KB of memory per character); split the article, or raise the "
            "limit with IngestSettings.max_chars",
            code="input.too_large",
        )


def decode_text(data: bytes, *, name: str, settings: IngestSettings) -> DecodedText:
    """Decode an input's bytes, refusing empty, PDF and binary input.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as they are; other bytes are
    decoded with the encoding charset-normalizer detects, when `settings.detect_encoding`.
    """
    check_size(len(data), name=name, settings=settings)
    if not data.strip():
        raise InputError(f"{name} is empty; give a file that contains the article's text", code="input.empty")
    if data.lstrip().startswith(b"%PDF-"):
        raise InputError(
            f"{name} is a PDF; spinscope reads text and HTML, so extract the text first "
            "(for example: pdftotext FILE.pdf FILE.txt)",
            code="input.pdf",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(_decode_utf16(data, name=name), "utf-16")
    _refuse_binary(data, name=name)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        if settings.detect_encoding and (repaired := _mostly_utf8(data, first_bad=error.start)):
            return repaired
        if not settings.detect_encoding:
            raise InputError(
                f"{name} is not UTF-8 (byte {data[error.start]:#04x} at offset {error.start}); "
                "convert it (iconv -f ENCODING -t UTF-8) or enable encoding detection",
                code="input.encoding",
            ) from error
        return _decode_detected(data, name=name, bad_offset=error.start)


def _mostly_utf8(data: bytes, *, first_bad: int) -> DecodedText | None:
    """`data` as UTF-8 with its invalid sequences replaced, when nearly all of it is UTF-8."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    non_ascii = sum(1 for char in text if char > "\x7f") - replaced
    if non_ascii < MIN_VALID_SHARE * (non_ascii + replaced):
        return None
    return DecodedText(text, "utf-8", replaced=replaced, first_replaced=first_bad)


def _refuse_binary(data: bytes, *, name: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(
                f"{name} is {what}, not text; give the article as text or HTML",
                code="input.binary",
            )
    head = data[:_SNIFF_BYTES]
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) // 10:
        raise InputError(
            f"{name} looks binary (it contains control bytes), not text; give the article as text or HTML",
            code="input.binary",
        )


def _decode_utf16(data: bytes, *, name: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name} starts with a UTF-16 byte-order mark but is not valid UTF-16; save it as UTF-8",
            code="input.encoding",
        ) from error


def _decode_detected(data: bytes, *, name: str, bad_offset: int) -> DecodedText:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            f"{name} is not UTF-8 (invalid byte at offset {bad_offset}) and its encoding "
            "could not be detected; convert it to UTF-8 (iconv -f ENCODING -t UTF-8)",
            code="input.encoding",
        )
    return DecodedText(str(best), best.encoding)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"
