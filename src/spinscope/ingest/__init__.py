"""Turn inputs (paths, folders, URLs, ``-`` for standard input) into documents.

Invariant: `load_documents` yields at least one document for every input, and exactly one
per file, page or JSONL line; an input that cannot be read yields a failed document whose
`error` says why, so nothing given is ever silently lost.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, TypeAlias

from spinscope.document import Document, Source
from spinscope.errors import InputError, SpinscopeError
from spinscope.ingest.decode import check_length, check_size, decode_text
from spinscope.ingest.fetch import fetch_url
from spinscope.ingest.files import open_regular, read_capped
from spinscope.ingest.html import read_html
from spinscope.ingest.jsonl import count_records, read_jsonl
from spinscope.ingest.nesting import read_html_checked
from spinscope.ingest.text import find_metadata, read_text
from spinscope.settings import Settings

__all__ = [
    "SUPPORTED_SUFFIXES",
    "count_documents",
    "Inputs",
    "expand_inputs",
    "input_list",
    "find_metadata",
    "load_documents",
    "may_hold_several",
    "read_bytes",
    "read_html",
    "read_text",
    "read_url",
]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
SUPPORTED_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | {".jsonl"}
_GLOB = re.compile(r"[*?\[]")

Inputs: TypeAlias = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""What the readers take: one input, or several; each a string or a path object."""
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def load_documents(
    inputs: Inputs, *, settings: Settings | None = None, stdin: BinaryIO | None = None
) -> Iterator[Document]:
    """Yield the documents of each input in turn, failed ones included.

    Args:
        inputs: File or folder paths, glob patterns, http(s) URLs, or ``-`` for standard
            input, expanded as `expand_inputs` says; one of them alone, or several.
        settings: Limits for reading and fetching; the defaults when None.
        stdin: Where ``-`` reads from; the process's standard input when None.
    """
    settings = settings or Settings()
    for spec in expand_inputs(inputs):
        yield from _load_one(spec, settings=settings, stdin=stdin)


def expand_inputs(inputs: Inputs) -> Iterator[str]:
    """Each input as the inputs it stands for, without reading any file.

    A folder becomes its files with a supported suffix (.txt, .text, .md, .html, .htm,
    .xhtml, .jsonl), recursively, in name order; a glob pattern that names no existing path
    becomes its matches in name order (folders among them expanded in turn). Anything else,
    including an empty folder and a pattern that matches nothing, stays as it is, so that
    reading it reports the error. A single string or path is one input, not its characters.
    """
    for spec in input_list(inputs):
        path = Path(spec)
        if spec == "-" or _source_of(spec).kind == "url":
            yield spec
        elif path.is_dir():
            files = _folder_files(path)
            yield from ([str(file) for file in files] if files else [spec])
        elif not path.exists() and _GLOB.search(spec) and (matches := sorted(glob.glob(spec, recursive=True))):
            yield from expand_inputs(matches)
        else:
            yield spec


def input_list(inputs: Inputs) -> list[str]:
    """`inputs` as a list of strings: a single string or path is one input, not its characters."""
    return [os.fspath(spec) for spec in ([inputs] if isinstance(inputs, str | os.PathLike) else inputs)]


def may_hold_several(spec: str) -> bool:
    """Whether the input `spec` may hold several documents, told without reading it: a folder,
    or a JSONL corpus (one document a line). Standard input (``-``) is one document."""
    path = Path(spec)
    return spec != "-" and (path.is_dir() or path.suffix.lower() == ".jsonl")


def count_documents(inputs: Inputs) -> int:
    """How many documents `load_documents` will yield for `inputs` (URLs and stdin count one)."""
    total = 0
    for spec in expand_inputs(inputs):
        path = Path(spec)
        is_corpus = spec != "-" and path.suffix.lower() == ".jsonl" and path.is_file()
        total += count_records(path) if is_corpus else 1
    return total


def _load_one(spec: str, *, settings: Settings, stdin: BinaryIO | None) -> Iterator[Document]:
    source = _source_of(spec)
    try:
        if source.kind == "stdin":
            yield _read_stdin(stdin, source=source, settings=settings)
        elif source.kind == "url":
            yield read_url(spec, settings=settings)
        else:
            yield from _read_path(Path(spec), settings=settings)
    except SpinscopeError as error:
        yield Document.failed(source, error)


def _source_of(spec: str) -> Source:
    if spec == "-":
        return Source("stdin", "-")
    if re.match(r"^https?://", spec, re.IGNORECASE):
        return Source("url", spec)
    return Source("html" if Path(spec).suffix.lower() in HTML_SUFFIXES else "text", spec)


def _read_path(path: Path, *, settings: Settings) -> Iterator[Document]:
    if not path.exists():
        if _GLOB.search(str(path)):
            raise InputError(
                f"no file matches {path}; check the pattern (quote it so the shell leaves it to spinscope)",
                code="input.not_found",
            )
        raise InputError(f"{path} does not exist; check the path", code="input.not_found")
    if path.is_dir():
        files = _folder_files(path)
        if not files:
            raise InputError(
                f"{path} is a folder with no .txt, .html or .jsonl files in it",
                code="input.empty_folder",
            )
        for file in files:
            yield from _load_one(str(file), settings=settings, stdin=None)
        return
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl(path, settings=settings.ingest)
        return
    with open_regular(path) as stream:
        try:
            data = read_capped(stream, limit=settings.ingest.max_bytes)
        except OSError as error:
            raise InputError(
                f"{path} could not be read ({error.strerror or error}); check that it is a readable file",
                code="input.unreadable",
            ) from error
    yield read_bytes(data, name=str(path), settings=settings)


def read_bytes(data: bytes, *, name: str, settings: Settings | None = None) -> Document:
    """Read one uploaded file's bytes as a document: HTML by its name's suffix or its first
    bytes, plain text otherwise (decoded as `IngestSettings` allow).

    Raises:
        InputError: The bytes are too large, binary, empty or undecodable.
    """
    settings = settings or Settings()
    check_size(len(data), name=name, settings=settings.ingest)
    suffix = Path(name).suffix.lower()
    is_html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and bool(_HTML_START.match(data[:4096])))
    return _from_bytes(data, source=Source("html" if is_html else "text", name), settings=settings, html=is_html)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith(".")
    )


def _read_stdin(stdin: BinaryIO | None, *, source: Source, settings: Settings) -> Document:
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = read_capped(stream, limit=settings.ingest.max_bytes)
    return _from_bytes(data, source=source, settings=settings, html=bool(_HTML_START.match(data[:4096])))


def read_url(url: str, *, settings: Settings | None = None) -> Document:
    """Fetch one http(s) URL, under `FetchSettings`' rules, and read the page or text it returns.

    Raises:
        FetchError: The URL is refused, cannot be fetched, or is neither HTML nor text.
        InputError: No article text can be read from what it returned.
    """
    settings = settings or Settings()
    page = fetch_url(url, settings=settings.fetch)
    source = Source("url", url)
    if page.content_type in ("text/html", "application/xhtml+xml") or _HTML_START.match(page.body[:4096]):
        html = _decode_page(page.body, page.charset, name=url, settings=settings)
        return _checked(read_html_checked(html, source=source, url=page.url), settings=settings)
    if page.content_type.startswith("text/"):
        return _checked(read_text(page.body, source=source, settings=settings.ingest), settings=settings)
    raise InputError(
        f"{url} is {page.content_type}, not a web page or text; spinscope reads HTML and plain text",
        code="fetch.content_type",
    )


def _from_bytes(data: bytes, *, source: Source, settings: Settings, html: bool) -> Document:
    if not html:
        return _checked(read_text(data, source=source, settings=settings.ingest), settings=settings)
    decoded = decode_text(data, name=source.name or "input", settings=settings.ingest)
    document = _checked(read_html_checked(decoded.text, source=source), settings=settings)
    if decoded.note is None:
        return document
    return Document(document.text, source=source, metadata=replace(document.metadata, encoding_note=decoded.note))


def _checked(document: Document, *, settings: Settings) -> Document:
    check_length(document.text, name=document.source.name or "the input", settings=settings.ingest)
    return document


def _decode_page(body: bytes, charset: str | None, *, name: str, settings: Settings) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # the header lied about the charset: detect it from the bytes instead
    return decode_text(body, name=name, settings=settings.ingest).text
