"""JSON Lines corpora: one article per line.

Each line is an object with ``text`` or ``html`` and optional ``id`` (kept as the
document's `Source.name`), ``url``, ``title``, ``published``, ``byline`` (a string or a list
of strings), ``site``. Record fields take precedence over what the text or HTML says of itself.

Invariants: every non-blank line yields exactly one document, and a file with no record
yields one failed document, so nothing is lost silently. A line that is broken (not JSON,
nested too deeply, over the size cap, a field of the wrong type, a ``published`` that is not
a date) yields a failed document naming its line number; the other lines are read. A field
is taken only when it has its documented type, except that a number is accepted where a
string is expected (``"id": 42``); nothing is ever turned into a Python repr. No line is
read past the size cap plus one byte.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from spinscope.document import Document, Metadata, Source
from spinscope.errors import InputError, SpinscopeError
from spinscope.ingest.dates import parse_published
from spinscope.ingest.decode import check_length, check_size, decode_text
from spinscope.ingest.files import open_regular
from spinscope.ingest.nesting import read_html_checked
from spinscope.ingest.text import find_metadata
from spinscope.settings import IngestSettings

__all__ = ["count_records", "read_jsonl"]

_FIELDS = ("id", "text", "html", "url", "title", "published", "byline", "site")
_CHUNK = 1 << 20


def read_jsonl(path: Path, *, settings: IngestSettings) -> Iterator[Document]:
    """Yield one document per non-blank line of a JSON Lines file, failed lines included."""
    try:
        stream = open_regular(path)
    except SpinscopeError as error:
        yield Document.failed(Source("jsonl", str(path)), error)
        return
    records = 0
    with stream:
        for number, raw, complete in _lines(stream, limit=settings.max_bytes):
            if complete and not raw.strip():
                continue
            records += 1
            where = f"{path}:{number}"
            try:
                if not complete:
                    check_size(settings.max_bytes + 1, name=where, settings=settings)
                record = _parse_line(raw, where=where, settings=settings)
                yield _document(record, where=where, settings=settings)
            except SpinscopeError as error:
                yield Document.failed(Source("jsonl", _record_name(raw, where)), error)
    if records == 0:
        empty = InputError(
            f"{path} holds no records (it is empty or has only blank lines); "
            "give one JSON object with 'text' or 'html' per line",
            code="input.empty",
        )
        yield Document.failed(Source("jsonl", str(path)), empty)


def count_records(path: Path) -> int:
    """How many documents `read_jsonl` yields for `path`: its non-blank lines, at least 1."""
    try:
        with open_regular(path) as stream:
            return max(1, sum(1 for _, raw, complete in _lines(stream, limit=_CHUNK) if raw.strip() or not complete))
    except (SpinscopeError, OSError):
        return 1


def _lines(stream: BinaryIO, *, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    """Each line's number, its bytes without the line break (and the first without a BOM),
    and whether it is whole.

    A line longer than `limit` bytes is cut there (``complete`` False) and the rest of it is
    skipped without being kept, so one huge line cannot exhaust memory.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line.rstrip(b"\r\n"), True
            continue
        while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield number, line, False


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
    except RecursionError as error:
        raise InputError(
            f"{where} nests its JSON too deeply to read; a record is one flat object with 'text' or 'html'",
            code="input.jsonl",
        ) from error
    if not isinstance(record, dict):
        raise InputError(
            f"{where} is a JSON {_json_type(record)}, not an object with 'text' or 'html'",
            code="input.jsonl",
        )
    has_text = isinstance(record.get("text"), str) and record["text"].strip()
    has_html = isinstance(record.get("html"), str) and record["html"].strip()
    if not has_text and not has_html:
        raise InputError(
            f"{where} has no 'text' or 'html' field with content; a record's fields are: {', '.join(_FIELDS)}",
            code="input.jsonl",
        )
    return record


def _document(record: Mapping[str, Any], *, where: str, settings: IngestSettings) -> Document:
    name = _string(record, "id", where=where) or where
    source = Source("jsonl", name)
    url = _string(record, "url", where=where)
    if isinstance(record.get("text"), str) and record["text"].strip():
        text = record["text"]
        base = Document(text, source=source, metadata=find_metadata(text))
    else:
        base = read_html_checked(record["html"], source=source, url=url)
    check_length(base.text, name=where, settings=settings)
    metadata = _with_record_fields(base.metadata, record, where=where)
    return Document(base.text, source=source, metadata=metadata)


def _with_record_fields(metadata: Metadata, record: Mapping[str, Any], *, where: str) -> Metadata:
    changes: dict[str, Any] = {}
    for field in ("title", "site", "url"):
        if (value := _string(record, field, where=where)) is not None:
            changes[field] = value
    if (published := _string(record, "published", where=where)) is not None:
        changes["published"] = _published(published, where=where)
    if (byline := _byline(record.get("byline"), where=where)) is not None:
        changes["byline"] = byline
    return replace(metadata, **changes)


def _string(record: Mapping[str, Any], field: str, *, where: str) -> str | None:
    """A string field's value; a number counts as its digits, and null or absent as None."""
    value = record.get(field)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return json.dumps(value)
    raise InputError(
        f"{where}: '{field}' is a JSON {_json_type(value)}; it must be a string",
        code="input.jsonl",
    )


def _byline(value: Any, *, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return tuple(value)
    raise InputError(
        f"{where}: 'byline' is a JSON {_json_type(value)}; give a string or a list of strings",
        code="input.jsonl",
    )


def _published(value: str, *, where: str) -> str:
    found = parse_published(value)
    if found is None:
        shown = value if len(value) <= 40 else value[:40] + "..."
        raise InputError(
            f"{where}: 'published' is {shown!r}, which is not a date alone; use YYYY-MM-DD (or an ISO 8601 date-time)",
            code="input.jsonl",
        )
    return found


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "list of other things than strings" if value else "list"
    kinds = {dict: "object", str: "string", bool: "boolean", int: "number", float: "number"}
    return kinds.get(type(value), type(value).__name__)


def _record_name(raw: bytes, where: str) -> str:
    """The record's id where the line still parses far enough to have one, else its place."""
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return where
    if not isinstance(record, dict):
        return where
    try:
        return _string(record, "id", where=where) or where
    except InputError:
        return where
