from __future__ import annotations

from pathlib import Path

import pytest

from spinscope import IngestSettings
from spinscope.ingest.jsonl import read_jsonl

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
        "Extra morning trains for Oldham Cross commuters", "2024-05-02", ("Anna Berg",),
        "Example Daily", "https://example-daily.example/a1",
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
