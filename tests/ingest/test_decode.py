from __future__ import annotations

import pytest

from spinscope import IngestSettings, InputError
from spinscope.ingest.decode import decode_text

LATIN1 = "Un député a dit: «c'est fini», à Bakou, selon l'agence de presse.".encode("latin-1")


@pytest.mark.parametrize(
    ("data", "settings", "code", "message"),
    [
        (b"", IngestSettings(), "input.empty", "is empty"),
        (b"  \n\t\n", IngestSettings(), "input.empty", "is empty"),
        (b"%PDF-1.7\n%...", IngestSettings(), "input.pdf", "pdftotext"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", IngestSettings(), "input.binary", "PNG image"),
        (b"text\x00with\x00nuls", IngestSettings(), "input.binary", "looks binary"),
        (b"x" * 101, IngestSettings(max_bytes=100), "input.too_large", "IngestSettings.max_bytes"),
        (LATIN1, IngestSettings(detect_encoding=False), "input.encoding", "not UTF-8"),
    ],
    ids=["empty", "blank", "pdf", "png", "nul-bytes", "too-large", "latin1-no-detection"],
)
def test_decode_text_refuses_with_a_code_and_advice(
    data: bytes, settings: IngestSettings, code: str, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        decode_text(data, name="input.txt", settings=settings)
    assert caught.value.code == code
    assert "input.txt" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_decode_text_detects_a_legacy_encoding() -> None:
    decoded = decode_text(LATIN1, name="input.txt", settings=IngestSettings())
    assert decoded.text == LATIN1.decode("latin-1")


def test_decode_text_reads_utf16_with_bom() -> None:
    data = "\ufeffKarabakh".encode("utf-16-le")
    assert decode_text(b"\xff\xfe" + data[2:], name="x", settings=IngestSettings()).text == "Karabakh"


def _utf8_with_broken_bytes(count: int) -> bytes:
    data = bytearray(("“Karabakh is Azerbaijan,” he said — the war lasted 44 days. " * 30).encode("utf-8"))
    for place in range(100, 100 + 400 * count, 400):
        # An ASCII letter, so that each broken byte is one bad sequence.
        while not (data[place] < 0x80 and chr(data[place]).isalpha()):
            place += 1
        data[place] = 0xFF
    return bytes(data)


def test_decode_text_keeps_utf8_with_a_few_broken_bytes_and_counts_them() -> None:
    decoded = decode_text(_utf8_with_broken_bytes(4), name="input.txt", settings=IngestSettings())
    assert decoded.encoding == "utf-8" and decoded.replaced == 4
    assert decoded.text.count("\ufffd") == 4 and decoded.text.startswith("“Karabakh is Azerbaijan,”")
    assert decoded.note == "4 invalid UTF-8 byte sequences replaced with U+FFFD (the first at byte 100)"


def test_decode_text_notes_nothing_for_clean_utf8() -> None:
    data = "“Clean” text, with a U+FFFD of its own: \ufffd".encode()
    decoded = decode_text(data, name="x", settings=IngestSettings())
    assert (decoded.replaced, decoded.note) == (0, None)
