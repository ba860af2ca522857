"""JSON Lines corpora: one article per line.

Each line is an object with ``text`` or ``html`` and optional ``id`` (kept as the
document's `Source.name`), ``url``, ``title``, ``published``, ``byline`` (a string or a list),
``site``. Record fields take precedence over what the text or HTML says of itself. A line
that is broken yields a failed document naming its line number; the other lines are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from spinscope.document import Document, Metadata, Source
from spinscope.errors import InputError, SpinscopeError
from spinscope.ingest.dates import parse_date
from spinscope.ingest.decode import check_size, decode_text
from spinscope.ingest.html import read_html
from spinscope.ingest.text import find_metadata
from spinscope.settings import IngestSettings

__all__ = ["count_records", "read_jsonl"]

_FIELDS = ("id", "text", "html", "url", "title", "published", "byline", "site")


def read_jsonl(path: Path, *, settings: IngestSettings) -> Iterator[Document]:
    """Yield one document per non-blank line of a JSON Lines file, failed lines included."""
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = _parse_line(raw, where=where, settings=settings)
                yield _document(record, where=where)
            except SpinscopeError as error:
                yield Document.failed(Source("jsonl", _record_name(raw, where)), error)


def count_records(path: Path) -> int:
    """How many documents `read_jsonl` yields for `path`: its non-blank lines (1 if unreadable)."""
    try:
        with path.open("rb") as lines:
            return sum(1 for raw in lines if raw.strip())
    except OSError:
        return 1


def _parse_line(raw: bytes, *, where: str, settings: IngestSettings) -> Mapping[str, Any]:
    check_size(len(raw), name=where, settings=settings)
    line = decode_text(raw, name=where, settings=settings).text
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{where} is not valid JSON ({error.msg.removesuffix(' at')}, column {error.colno}); "
            "fix the line or remove it",
            code="input.jsonl",
        ) from error
    if not isinstance(record, dict):
        raise InputError(
            f"{where} is a JSON {type(record).__name__}, not an object with 'text' or 'html'",
            code="input.jsonl",
        )
    has_text = isinstance(record.get("text"), str) and record["text"].strip()
    has_html = isinstance(record.get("html"), str) and record["html"].strip()
    if not has_text and not has_html:
        raise InputError(
            f"{where} has no 'text' or 'html' field with content; "
            f"a record's fields are: {', '.join(_FIELDS)}",
            code="input.jsonl",
        )
    return record


def _document(record: Mapping[str, Any], *, where: str) -> Document:
    name = str(record["id"]) if record.get("id") is not None else where
    source = Source("jsonl", name)
    if isinstance(record.get("text"), str) and record["text"].strip():
        text = record["text"]
        base = Document(text, source=source, metadata=find_metadata(text))
    else:
        base = read_html(record["html"], source=source, url=record.get("url"))
    metadata = _with_record_fields(base.metadata, record, where=where)
    return Document(base.text, source=source, metadata=metadata)


def _with_record_fields(metadata: Metadata, record: Mapping[str, Any], *, where: str) -> Metadata:
    changes: dict[str, Any] = {}
    for field in ("title", "site", "url"):
        if record.get(field) is not None:
            changes[field] = str(record[field])
    if record.get("published") is not None:
        changes["published"] = _published(record["published"], where=where)
    byline = record.get("byline")
    if byline is not None:
        changes["byline"] = (byline,) if isinstance(byline, str) else tuple(map(str, byline))
    return replace(metadata, **changes)


def _published(value: Any, *, where: str) -> str:
    text = str(value).strip()
    found = parse_date(text)
    if found is None:
        raise InputError(
            f"{where}: 'published' is {text!r}, which is not a date; use YYYY-MM-DD",
            code="input.jsonl",
        )
    iso, match = found
    # An ISO date-time keeps its time; any other form becomes its calendar date.
    return text if match.start() == 0 and text[:10] == iso else iso


def _record_name(raw: bytes, where: str) -> str:
    """The record's id where the line still parses far enough to have one, else its place."""
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return where
    if isinstance(record, dict) and record.get("id") is not None:
        return str(record["id"])
    return where
