"""Property-based tests of the ingest paths: whatever the input, one record per input, no traceback.

Hypothesis generates plain-text bytes, HTML bytes, JSON Lines corpora (valid records, broken
lines, fields of every JSON type, deep nesting, BOMs, blank lines) and sets of files with
arbitrary suffixes. The properties: `read_bytes` returns a document or raises a
`SpinscopeError` (never another exception); `read_jsonl` and `load_documents` yield exactly
one document per non-blank line or per input, failed ones included, and never raise. The
`check_*` functions are shared with ``benchmarks/fuzz.py``, which runs them far longer.
"""

from __future__ import annotations

import codecs
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinscope import IngestSettings, Settings, SpinscopeError, load_documents
from spinscope.ingest import count_documents, read_bytes
from spinscope.ingest.jsonl import count_records, read_jsonl

LIMITS = Settings(ingest=IngestSettings(max_bytes=20_000, max_chars=10_000))
SUITE = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _words,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_words, inner, max_size=4),
    max_leaves=12,
)
_record = st.fixed_dictionaries(
    {},
    optional={field: _json for field in ("id", "url", "title", "published", "byline", "site")}
    | {"text": _words | _json, "html": _words | _json},
)
_deep = st.integers(min_value=1, max_value=3000).map(lambda depth: "[" * depth + "]" * depth)
_line = st.one_of(
    _record.map(lambda record: json.dumps(record, ensure_ascii=False)),
    _json.map(json.dumps),
    _deep,
    _words.filter(lambda text: "\n" not in text),
    st.just(""),
    st.just('{"text": "An article with a \\u00e9 and a date.", "published": "8 November 2024"}'),
)
JSONL_CORPORA = st.tuples(st.booleans(), st.lists(_line, max_size=6)).map(
    lambda parts: (codecs.BOM_UTF8 if parts[0] else b"") + "\n".join(parts[1]).encode("utf-8", "surrogatepass")
)
_tags = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<html>",
        "<body>",
        "<script>",
        "</script>",
        "<!doctype html>",
        "<title>",
        "</title>",
        "<br>",
        "<a href='x'>",
        "&amp;",
        "&#xD800;",
    ]
)
HTML_PAGES = st.one_of(
    st.lists(_tags | _words, max_size=40).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    st.binary(max_size=2000).map(lambda data: b"<html><body><p>" + data),
    st.integers(min_value=200, max_value=2000).map(lambda depth: ("<div>" * depth + "<p>Text.</p>").encode()),
)
TEXTS = st.one_of(st.binary(max_size=3000), _words.map(lambda text: text.encode("utf-8", "surrogatepass")))
SUFFIXES = st.sampled_from([".txt", ".html", ".jsonl", ".md", ".bin", ""])


def check_bytes(data: bytes, *, name: str) -> None:
    """`read_bytes` gives a document or a `SpinscopeError`, nothing else."""
    try:
        document = read_bytes(data, name=name, settings=LIMITS)
    except SpinscopeError as error:
        assert error.code and "\n" not in error.code
        return
    assert document.error is None and document.text


def check_jsonl(content: bytes) -> None:
    """A corpus yields one document per non-blank line (one for a corpus with none)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        path.write_bytes(content)
        documents = list(read_jsonl(path, settings=LIMITS.ingest))
        lines = content.removeprefix(codecs.BOM_UTF8).split(b"\n")
        assert len(documents) == max(1, sum(1 for line in lines if line.strip())) == count_records(path)
        assert all(isinstance(d.text, str) and (d.error is None) != (d.text == "") for d in documents)


def check_files(contents: list[tuple[str, bytes]]) -> None:
    """`load_documents` yields one document per file (per record of a corpus), never raising."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, (suffix, data) in enumerate(contents):
            path = Path(folder) / f"input{number}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        paths.append(str(Path(folder) / "missing.txt"))
        documents = list(load_documents(paths, settings=LIMITS))
        assert len(documents) == count_documents(paths)
        # a JSONL record is named by its id; every other document by its input's path
        assert {d.source.name for d in documents if d.source.kind != "jsonl"} <= set(paths)


@SUITE
@given(TEXTS)
def test_fuzz_plain_text_bytes(data: bytes) -> None:
    check_bytes(data, name="input.txt")


@SUITE
@given(HTML_PAGES)
def test_fuzz_html_bytes(data: bytes) -> None:
    check_bytes(data, name="page.html")


@SUITE
@given(JSONL_CORPORA)
def test_fuzz_jsonl_corpus(content: bytes) -> None:
    check_jsonl(content)


@SUITE
@given(st.lists(st.tuples(SUFFIXES, TEXTS | HTML_PAGES | JSONL_CORPORA), max_size=4))
def test_fuzz_loading_files(contents: list[tuple[str, bytes]]) -> None:
    check_files(contents)
