from __future__ import annotations

from pathlib import Path

import pytest

from spinscope import IngestSettings
from spinscope.ingest.jsonl import count_records, read_jsonl

from ..conftest import FIXTURES


@pytest.fixture(scope="module")
def corpus():
    return list(read_jsonl(FIXTURES / "corpus.jsonl", settings=IngestSettings()))


def test_read_jsonl_yields_one_document_per_line(corpus) -> None:
    assert [d.source.name for d in corpus] == ["a1", "a2", f"{FIXTURES / 'corpus.jsonl'}:3", "a4"]


def test_read_jsonl_reports_the_broken_line_and_reads_the_rest(corpus) -> None:
    broken = corpus[2]
    assert broken.error is not None and broken.error.code == "input.jsonl"
    assert "corpus.jsonl:3" in broken.error.message
    assert all(d.error is None for d in corpus[:2] + corpus[3:])


def test_read_jsonl_takes_metadata_from_the_record(corpus) -> None:
    metadata = corpus[0].metadata
    assert (metadata.title, metadata.published, metadata.byline, metadata.site, metadata.url) == (
        "Extra morning trains for Oldham Cross commuters",
        "2024-05-02",
        ("Anna Berg",),
        "Example Daily",
        "https://example-daily.example/a1",
    )


def test_read_jsonl_reads_html_records(corpus) -> None:
    assert corpus[1].metadata.title == "Central library reopens after eighteen-month renovation"
    assert "<p>" not in corpus[1].text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('["a list"]', "not an object"),
        ('{"id": "x", "title": "no text"}', "no 'text' or 'html'"),
        ('{"id": "x", "text": "Some text.", "published": "last week"}', "not a date"),
    ],
    ids=["not-object", "no-text", "bad-date"],
)
def test_read_jsonl_refuses_bad_records(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    [document] = read_jsonl(path, settings=IngestSettings())
    assert document.error is not None and message in document.error.message
    assert f"{path}:1" in document.error.message


def _corpus(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_bytes(content)
    return path


# case, the line, what its record's error says (each line is its own failed record)
BAD_FIELDS = [
    ("byline-number", '{"text": "Some text.", "byline": 42}', "'byline' is a JSON number"),
    ("byline-bool", '{"text": "Some text.", "byline": true}', "'byline' is a JSON boolean"),
    (
        "byline-list-of-numbers",
        '{"text": "Some text.", "byline": ["Ann", 7]}',
        "'byline' is a JSON list of other things",
    ),
    ("title-object", '{"text": "Some text.", "title": {"a": 1}}', "'title' is a JSON object; it must be a string"),
    ("nested-1000", '{"text": "Some text.", "extra": ' + "[" * 1000 + "]" * 1000 + "}", "nests its JSON too deeply"),
    ("nested-100000", "[" * 100_000 + "]" * 100_000, "nests its JSON too deeply"),
    (
        "published-with-markup",
        '{"text": "Some text.", "published": "2024-01-01<script>x</script>"}',
        "not a date alone",
    ),
    ("published-inside-words", '{"text": "Some text.", "published": "last week, 8 May 2024"}', "not a date alone"),
]


@pytest.mark.parametrize(("line", "message"), [c[1:] for c in BAD_FIELDS], ids=[c[0] for c in BAD_FIELDS])
def test_read_jsonl_isolates_a_bad_record(tmp_path: Path, line: str, message: str) -> None:
    good = '{"id": "good", "text": "The next record is read."}'
    path = _corpus(tmp_path, f"{line}\n{good}\n".encode())
    [bad, kept] = read_jsonl(path, settings=IngestSettings())
    assert bad.error is not None and bad.error.code == "input.jsonl" and message in bad.error.message
    assert f"{path}:1" in bad.error.message and "\n" not in bad.error.message
    assert kept.error is None and kept.source.name == "good"


@pytest.mark.parametrize(
    ("fields", "name", "title", "published"),
    [
        ('"id": 42, "title": 7', "42", "7", None),
        ('"id": "a", "published": "2024-11-08T09:30:00+02:00"', "a", None, "2024-11-08T09:30:00+02:00"),
        ('"id": "b", "published": " 8 November 2024 "', "b", None, "2024-11-08"),
    ],
    ids=["numbers-as-strings", "iso-date-time-kept", "written-date-read"],
)
def test_read_jsonl_takes_harmless_values(
    tmp_path: Path, fields: str, name: str, title: str | None, published: str | None
) -> None:
    path = _corpus(tmp_path, f'{{{fields}, "text": "Some text."}}\n'.encode())
    [document] = read_jsonl(path, settings=IngestSettings())
    assert document.error is None
    assert (document.source.name, document.metadata.title, document.metadata.published) == (name, title, published)


def test_read_jsonl_reads_the_first_record_after_a_bom(tmp_path: Path) -> None:
    path = _corpus(tmp_path, b'\xef\xbb\xbf{"id": "first", "text": "One."}\n{"id": "second", "text": "Two."}\n')
    assert [(d.source.name, d.text, d.error) for d in read_jsonl(path, settings=IngestSettings())] == [
        ("first", "One.", None),
        ("second", "Two.", None),
    ]


@pytest.mark.parametrize("content", [b"", b"\n  \n\n"], ids=["empty", "blank-lines"])
def test_read_jsonl_without_records_gives_one_failed_record(tmp_path: Path, content: bytes) -> None:
    path = _corpus(tmp_path, content)
    [document] = read_jsonl(path, settings=IngestSettings())
    assert document.error is not None and document.error.code == "input.empty"
    assert "holds no records" in document.error.message and document.source.name == str(path)
    assert count_records(path) == 1


def test_read_jsonl_cuts_a_line_over_the_cap_and_reads_the_next(tmp_path: Path) -> None:
    huge = '{"id": "huge", "text": "' + "word " * 100 + '"}'
    path = _corpus(tmp_path, f'{huge}\n{{"id": "next", "text": "Read."}}\n'.encode())
    [too_large, kept] = read_jsonl(path, settings=IngestSettings(max_bytes=100))
    assert too_large.error is not None and too_large.error.code == "input.too_large"
    assert kept.source.name == "next" and kept.error is None
    assert count_records(path) == 2


def test_count_records_skips_a_bom_on_a_blank_first_line(tmp_path: Path) -> None:
    path = _corpus(tmp_path, b'\xef\xbb\xbf\n{"id": "only", "text": "One."}\n')
    assert count_records(path) == len(list(read_jsonl(path, settings=IngestSettings()))) == 1
