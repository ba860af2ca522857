from __future__ import annotations

import io
from pathlib import Path

from spinscope import FetchSettings, Settings, load_documents
from spinscope.ingest import count_documents

from ..conftest import FIXTURES


def test_load_documents_gives_one_record_per_input_failures_included(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    inputs = [str(FIXTURES / "scraped_page.txt"), str(tmp_path / "missing.txt"), str(empty)]
    documents = list(load_documents(inputs))
    assert [d.source.name for d in documents] == inputs
    assert [d.error.code if d.error else None for d in documents] == [None, "input.not_found", "input.empty"]


def test_load_documents_expands_folders_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second article.\n\nIt has a body.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article.\n\nIt has a body.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored,file", encoding="utf-8")
    names = [Path(d.source.name).name for d in load_documents([str(tmp_path)])]
    assert names == ["a.txt", "b.txt"]


def test_load_documents_expands_glob_patterns_and_counts_documents(tmp_path: Path) -> None:
    (tmp_path / "2020").mkdir()
    (tmp_path / "2020" / "b.txt").write_text("Second article.\n\nIt has a body.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article.\n\nIt has a body.", encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text('{"text": "One."}\n\n{"text": "Two."}\n', encoding="utf-8")
    pattern, nothing = str(tmp_path / "**" / "*.txt"), str(tmp_path / "*.html")
    documents = list(load_documents([pattern, str(tmp_path / "*.jsonl"), nothing]))
    assert [Path(d.source.name).name for d in documents[:2]] == ["b.txt", "a.txt"]
    assert [d.text for d in documents[2:4]] == ["One.", "Two."]
    assert documents[4].error.code == "input.not_found" and "no file matches" in documents[4].error.message
    assert count_documents([pattern, str(tmp_path / "*.jsonl"), nothing]) == len(documents) == 5
    assert count_documents([str(tmp_path)]) == 4  # the folder: two texts and two JSONL records


def test_load_documents_reads_stdin_and_sniffs_html() -> None:
    html = (FIXTURES / "news_page.html").read_bytes()
    [document] = load_documents(["-"], stdin=io.BytesIO(html))
    assert document.source.kind == "stdin"
    assert document.metadata.site == "The Merrow Courier"


def test_load_documents_reads_urls(local_site: str) -> None:
    settings = Settings(fetch=FetchSettings(allow_private=True))
    [page, text] = load_documents([f"{local_site}/article.html", f"{local_site}/page.txt"], settings=settings)
    assert page.source.kind == "url" and page.metadata.title.startswith("River Merrow")
    assert text.metadata.published == "2024-11-08"


def test_load_documents_refuses_a_pdf_url(local_site: str) -> None:
    settings = Settings(fetch=FetchSettings(allow_private=True))
    [document] = load_documents([f"{local_site}/file.pdf"], settings=settings)
    assert document.error is not None and document.error.code == "fetch.content_type"
