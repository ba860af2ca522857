from __future__ import annotations

import contextlib
import io
import os
import socket
import threading
from pathlib import Path

import pytest

from spinscope import FetchSettings, IngestSettings, Settings, load_documents
from spinscope.ingest import count_documents, may_hold_several
from spinscope.ingest.files import read_capped

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


def test_load_documents_takes_path_objects_and_one_input_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First article.\n\nIt has a body.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second article.\n\nIt has a body.", encoding="utf-8")
    one = str(tmp_path / "a.txt")
    assert [d.source.name for d in load_documents(one)] == [one]  # a string is one input, not its characters
    assert [d.source.name for d in load_documents(tmp_path / "a.txt")] == [one]
    assert [Path(d.source.name).name for d in load_documents([tmp_path])] == ["a.txt", "b.txt"]
    assert count_documents(tmp_path) == 2


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


def _fifo(folder: Path) -> str:
    path = folder / "pipe.txt"
    os.mkfifo(path)

    # A writer that would feed the pipe if spinscope opened it: reading it must not be tried.
    def feed() -> None:
        with contextlib.suppress(BrokenPipeError):  # the test closes its reading end unread
            path.write_bytes(b"An article fed through a pipe. " * 10)

    threading.Thread(target=feed, daemon=True).start()
    return str(path)


def _socket(folder: Path) -> str:
    path = folder / "service.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return str(path)


@pytest.mark.parametrize(
    ("make", "kind"),
    [(_fifo, "a named pipe (FIFO)"), (lambda folder: "/dev/null", "a character device"), (_socket, "a socket")],
    ids=["fifo", "device", "socket"],
)
def test_load_documents_refuses_what_is_not_a_regular_file(tmp_path: Path, make, kind: str) -> None:
    special = make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text("An article that is read after the special file.", encoding="utf-8")
    try:
        refused, kept = load_documents([special, str(good)])
    finally:
        if special.endswith("pipe.txt"):  # let the writer finish, so that no thread waits on the pipe
            os.close(os.open(special, os.O_RDONLY | os.O_NONBLOCK))
    assert refused.error is not None and refused.error.code == "input.special_file"
    assert refused.error.message.startswith(f"{special} is {kind}, not a regular file")
    assert kept.error is None


def test_read_capped_reads_no_more_than_the_cap_and_one_byte() -> None:
    stream = io.BytesIO(b"x" * 10_000)
    assert len(read_capped(stream, limit=1_000)) == 1_001 and stream.tell() == 1_001


def test_load_documents_refuses_stdin_over_the_cap_without_reading_it_all() -> None:
    stream = io.BytesIO(b"word " * 1_000)
    [document] = load_documents(["-"], settings=Settings(ingest=IngestSettings(max_bytes=100)), stdin=stream)
    assert document.error is not None and document.error.code == "input.too_large"
    assert document.error.message.startswith("- is over the 100 bytes limit")  # its size is not known, and not said
    assert stream.tell() == 101


def test_load_documents_notes_broken_utf8_in_html(tmp_path: Path) -> None:
    page = (FIXTURES / "news_page.html").read_bytes()
    body = page.index(b"<p>")
    path = tmp_path / "page.html"
    quoted = "<p>“Yes,” she said — twice. “No,” he said.</p>".encode() * 6  # UTF-8 around the broken bytes
    path.write_bytes(page[:body] + quoted + b"<p>\xff\xfe</p>" + page[body:])
    [document] = load_documents([str(path)])
    assert document.error is None
    assert document.metadata.encoding_note.startswith("2 invalid UTF-8 byte sequences replaced with U+FFFD")


def test_load_documents_says_when_deep_nesting_hid_the_text(tmp_path: Path) -> None:
    paragraph = "<p>" + "The council approved the new tram line after two years of debate. " * 3 + "</p>"
    path = tmp_path / "nested.html"
    path.write_text(f"<html><body>{'<div>' * 10_000}{paragraph}{'</div>' * 10_000}</body></html>", encoding="utf-8")
    [document] = load_documents([str(path)])
    assert document.error is not None and document.error.code == "input.html"
    assert "nests its elements more than 255 levels deep" in document.error.message


@pytest.mark.parametrize(
    ("spec", "several"),
    [
        (str(FIXTURES), True),
        (str(FIXTURES / "corpus.jsonl"), True),
        ("missing.JSONL", True),
        (str(FIXTURES / "two_sides.txt"), False),
        ("-", False),
    ],
    ids=["folder", "jsonl-corpus", "jsonl-by-name", "one-file", "stdin"],
)
def test_may_hold_several_tells_folders_and_corpora_without_reading(spec: str, several: bool) -> None:
    assert may_hold_several(spec) is several
