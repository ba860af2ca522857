"""An embedded SQLite corpus of analysed documents: kept, searched by words, counted, exported.

Invariants:
- A document is kept once, under its id (a hash of its text). Adding it again replaces the
  older analysis, its spans included, in one transaction.
- `Store.get` returns a document equal to the one added: ``documents.record`` holds its whole
  contract record, and every other column and every span row is derived from that record.
- Only documents with text are kept. A failed input (`Document.error` set) is refused: it has
  no text to search or count, and its id hashes its source rather than a text, so a later
  successful analysis of the same input would get another id and leave the failure beside
  it. A batch results file keeps failures as data; the store is the corpus of articles.
- Any thread may call any method: the store holds one connection, and a lock lets one call
  at a time use it. The file is in WAL mode, so other processes can read while one writes.
- Opening a file brings it to this spinscope's schema version, applying the pending
  `MIGRATIONS` in one transaction; a file of a newer version is refused, never downgraded.

The schema (version 2), for SQL against the file (``sqlite3 spinscope.db``):

``documents``, one row per document:
    ``number`` (INTEGER PRIMARY KEY, the row the full-text index points at), ``id`` (TEXT
    UNIQUE, `Document.id`), ``source_kind``, ``source_name``, ``title``, ``published``
    (``YYYY-MM-DD`` or an ISO date-time), ``site``, ``url``, ``outlet`` (the site, else the
    URL's host without ``www.``, else the source name; what ``technique_counts`` groups by
    source), ``language``, ``words`` (INTEGER, whitespace-separated words), ``added``
    (ISO 8601 UTC time the row was written; replacing a document rewrites it), ``error_code``
    (the code of the first stage that failed on the document, NULL when none did), ``text``,
    ``record`` (the whole contract record as JSON, for ``json_extract``) and ``stems`` (the
    Russian stems the full-text index reads; empty for a text without Cyrillic words).

``spans``, one row per span of a layer item:
    ``document`` (TEXT, ``documents.id``; deleted with the document), ``layer`` (``sentences``,
    ``entities``, ``quotes``, ``terms``, ``techniques``, ``timexes``, ``timeline``, ``claims``,
    ``findings``), ``item`` (INTEGER, the item's index in its layer), ``start`` and ``end``
    (code points into ``documents.text``, ``[start, end)``), ``text``, ``label`` (the
    technique name; the quote, term, claim or finding kind; the entity label; the timex type),
    ``value`` (the quote's speaker name, the entity's name, the timex or timeline value) and
    ``score`` (techniques and claims). ``label``, ``value`` and ``score`` are NULL where a
    layer has no such field. An entity has one row per mention, a finding one per span it
    cites, a timeline entry the row of its sentence; sub-spans (technique cue words, quote
    cues and parts, speaker mentions) are in ``record`` only. Indexed on ``(layer, label)``
    and on ``(document, layer)``.

``documents_fts``, an FTS5 index of ``documents.title``, ``documents.text`` and
    ``documents.stems`` (tokenizer ``unicode61 remove_diacritics 2``, so "Susa" finds "Şuşa";
    no stemming of the text, so an English hit holds the very words asked for). ``stems`` (from
    schema version 2) holds the Snowball Russian stem of every Cyrillic word of the title and
    text, in order, and a Cyrillic search word also matches its stem there, so «Шушой» finds
    «Шуша» and «Шуши» in any inflection; a hit by stem alone has no marked words in its snippet.
    It is an external-content table: the article text is stored
    once, in ``documents.text``, and triggers on ``documents`` keep the index in step with
    every insert, update and delete, in the same transaction, also when the rows are changed
    by hand with SQL. A contentless index could not build snippets, and a plain FTS table
    would hold every text twice.

For example, the speakers quoted most often, and the articles that name a place::

    SELECT value, count(*) FROM spans WHERE layer = 'quotes' GROUP BY value ORDER BY 2 DESC;
    SELECT d.id, d.title FROM documents_fts JOIN documents d ON d.number = documents_fts.rowid
    WHERE documents_fts MATCH '"shusha"' ORDER BY bm25(documents_fts, 10.0, 1.0);
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple, Self
from urllib.parse import urlsplit

from spinscope.batch.outputs import load_records, record_columns
from spinscope.document import (
    Claim,
    Document,
    DocumentError,
    Entity,
    Finding,
    Quote,
    Span,
    Technique,
    Term,
    TimelineEntry,
    Timex,
)
from spinscope.errors import (
    ConfigError,
    DocumentNotFoundError,
    InputError,
    MissingDependencyError,
    StoreError,
)
from spinscope.settings import StoreSettings

__all__ = [
    "MAX_QUERY_WORDS",
    "MAX_WORD_CHARS",
    "MIGRATIONS",
    "AddSummary",
    "DocumentSummary",
    "SearchHit",
    "Store",
    "TechniqueCount",
    "is_document_id",
    "load_records",
    "open_store",
]

_SCHEMA_V1 = (
    """CREATE TABLE documents (
        number INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_kind TEXT NOT NULL,
        source_name TEXT,
        title TEXT,
        published TEXT,
        site TEXT,
        url TEXT,
        outlet TEXT NOT NULL,
        language TEXT,
        words INTEGER NOT NULL,
        added TEXT NOT NULL,
        error_code TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL
    )""",
    """CREATE TABLE spans (
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        layer TEXT NOT NULL,
        item INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT,
        value TEXT,
        score REAL
    )""",
    "CREATE INDEX spans_by_label ON spans(layer, label)",
    "CREATE INDEX spans_by_document ON spans(document, layer)",
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='number', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.number, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.number, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.number, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.number, new.title, new.text);
    END""",
)


def _create_tables(connection: sqlite3.Connection) -> None:
    """Version 1: documents, spans and the full-text index."""
    for statement in _SCHEMA_V1:
        connection.execute(statement)


_FTS_V2 = (
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, stems, content='documents', content_rowid='number', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text, stems) VALUES (new.number, new.title, new.text, new.stems);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text, stems)
        VALUES ('delete', old.number, old.title, old.text, old.stems);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text, stems)
        VALUES ('delete', old.number, old.title, old.text, old.stems);
        INSERT INTO documents_fts(rowid, title, text, stems) VALUES (new.number, new.title, new.text, new.stems);
    END""",
)


def _add_stems(connection: sqlite3.Connection) -> None:
    """Version 2: ``documents.stems`` (Russian stems) in the full-text index, filled for stored rows."""
    connection.execute("ALTER TABLE documents ADD COLUMN stems TEXT NOT NULL DEFAULT ''")
    for name in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
        connection.execute(f"DROP TRIGGER {name}")
    connection.execute("DROP TABLE documents_fts")
    rows = connection.execute("SELECT number, title, text FROM documents").fetchall()
    connection.executemany(
        "UPDATE documents SET stems = ? WHERE number = ?",
        [(_stems(f"{title or ''}\n{text}"), number) for number, title, text in rows],
    )
    for statement in _FTS_V2:
        connection.execute(statement)
    connection.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


# Migration N brings a database from schema version N to N + 1 (PRAGMA user_version); append
# new ones, never edit old ones. Each runs inside the opening transaction, so it must not
# commit: plain `execute` only (`executescript` would commit first).
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_create_tables, _add_stems)

_PAGE = 100  # records read per lock taken while exporting, so a long export does not block others
_TITLE_WEIGHT = 10.0  # a word in the title counts as much as ten in the text
_SNIPPET_WORDS = 24
_MARK_START, _MARK_END = "\x02", "\x03"  # control characters articles do not hold
_MARKED = re.compile(f"({_MARK_START}.*?{_MARK_END})", re.DOTALL)
_ID = re.compile(r"doc-[0-9a-f]{16}")
MAX_QUERY_WORDS = 16  # different words in one search
MAX_WORD_CHARS = 100  # characters in one search word
_QUERY_SECONDS = 2.0  # a search's SQL is stopped after this long, so that it cannot hold the store
_WORD_SEPARATORS = re.compile(r"[\s\x00-\x1f\x7f]+")
_TOKEN = re.compile(r"[^\W_]+")
_CYRILLIC_WORD = re.compile(r"[^\W\d_]*[\u0400-\u04ff][^\W_]*")
_SQLITE_MAX = 2**63 - 1
_MONTH = (
    "CASE WHEN d.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(d.published, 1, 7) ELSE 'undated' END"
)
_GROUPS = {"source": "d.outlet", "month": _MONTH}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A stored document that matches a search, with the stretch of its text that matched.

    `snippet` is the text around the matches as ``(text, matched)`` parts, in order: a caller
    escapes each part and marks up the matched ones as it likes. `score` is the relevance
    (FTS5's bm25, negated, titles weighted ten times the text): higher is better.
    """

    id: str
    title: str | None
    source: str | None
    published: str | None
    score: float
    snippet: tuple[tuple[str, bool], ...]

    def to_dict(self) -> dict[str, Any]:
        """Convert to a JSON-ready dict (snippet parts as ``[text, matched]`` pairs)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What a listing shows of a stored document, without reading its record."""

    id: str
    title: str | None
    source: str | None
    outlet: str
    published: str | None
    added: str
    techniques: int
    quotes: int
    claims: int

    def to_dict(self) -> dict[str, Any]:
        """Convert to a JSON-ready dict."""
        return asdict(self)


class TechniqueCount(NamedTuple):
    """How many technique spans the documents of one group (outlet or month) hold: a row."""

    group: str
    technique: str
    # The public name of the field (the API's and the README's), though it hides tuple.count.
    count: int  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class AddSummary:
    """What `Store.add_all` did: documents new to the store, documents replaced, and the
    errors of the failed inputs it refused."""

    added: int = 0
    updated: int = 0
    failed: tuple[DocumentError, ...] = ()


class Store:
    """A corpus of analysed documents in one SQLite file; see the module docstring for its schema.

    Use it as a context manager, or call `close` when done.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """Open the store at `path`, creating the file and its tables when `create` allows.

        Args:
            path: The SQLite file (``":memory:"`` for a store that lives as long as the object).
            create: Create a missing file; when False, a missing file is an error.

        Raises:
            StoreError: The file is missing (and `create` is False), cannot be opened, is not
                a spinscope store, or was written by a newer spinscope.
        """
        self.path = str(path)
        if not create and self.path != ":memory:" and not Path(self.path).is_file():
            raise StoreError(f"no store at {self.path}: add documents with `spinscope store add`", code="store.missing")
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise _store_error(error, self.path) from error
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
            # With WAL, a power cut may lose the last commits but never corrupts the file; commits stay fast.
            connection.execute("PRAGMA synchronous = NORMAL")
            _migrate(connection, self.path)
        except sqlite3.Error as error:
            connection.close()
            raise _store_error(error, self.path) from error
        except BaseException:
            connection.close()
            raise
        self._connection = connection

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; closing again does nothing. The WAL is folded back into the file."""
        with self._lock:
            if self._connection is None:
                return
            connection, self._connection = self._connection, None
            try:
                connection.execute("PRAGMA optimize")
            except sqlite3.Error as error:
                raise _store_error(error, self.path) from error
            finally:
                connection.close()

    def add(self, document: Document) -> bool:
        """Keep `document`, replacing any earlier analysis of the same text, spans included.

        Returns:
            True when the document is new to the store, False when it replaced one.

        Raises:
            StoreError: The document failed to load (`Document.error` is set): it has no text
                to keep (code ``store.failed_document``).
        """
        if document.error is not None:
            raise StoreError(
                f"{document.source.name or document.id} was not stored: it failed to load "
                f"({document.error.code}: {document.error.message}); fix the input and analyse it again",
                code="store.failed_document",
            )
        row = _document_row(document)
        spans = list(_span_rows(document))
        with self._transaction() as connection:
            # The older analysis goes, its spans and index entries with it (cascade and trigger).
            replaced = connection.execute("DELETE FROM documents WHERE id = ?", (document.id,)).rowcount > 0
            connection.execute(
                f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
            )
            connection.executemany(
                'INSERT INTO spans (document, layer, item, start, "end", text, label, value, score) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                spans,
            )
        return not replaced

    def add_all(self, documents: Iterable[Document]) -> AddSummary:
        """Keep every document that has text, each in its own transaction, and count what happened.

        Failed inputs are not kept; their errors are returned, in order.
        """
        added = updated = 0
        failed: list[DocumentError] = []
        for document in documents:
            if document.error is not None:
                failed.append(document.error)
            elif self.add(document):
                added += 1
            else:
                updated += 1
        return AddSummary(added=added, updated=updated, failed=tuple(failed))

    def get(self, document_id: str) -> Document:
        """The stored document with this id, equal to the one added.

        Raises:
            DocumentNotFoundError: No document has this id.
        """
        with self._connected() as connection:
            row = connection.execute("SELECT record FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise self._not_found(document_id)
        return Document.from_dict(json.loads(row[0]))

    def delete(self, document_id: str) -> None:
        """Remove a document, its spans and its words from the index.

        Raises:
            DocumentNotFoundError: No document has this id.
        """
        with self._transaction() as connection:
            deleted = connection.execute("DELETE FROM documents WHERE id = ?", (document_id,)).rowcount
        if not deleted:
            raise self._not_found(document_id)

    def ids(self) -> list[str]:
        """The ids of every stored document, in the order they were (last) added."""
        with self._connected() as connection:
            return [row[0] for row in connection.execute("SELECT id FROM documents ORDER BY number")]

    def list_documents(self, *, limit: int = 50, offset: int = 0) -> list[DocumentSummary]:
        """Summaries of the stored documents, the most recently added first, one page at a time."""
        _check_page(limit, offset)
        counts = ", ".join(
            f"(SELECT count(*) FROM spans s WHERE s.document = d.id AND s.layer = '{layer}')"
            for layer in ("techniques", "quotes", "claims")
        )
        with self._connected() as connection:
            rows = connection.execute(
                f"SELECT d.id, d.title, d.source_name, d.outlet, d.published, d.added, {counts} "
                "FROM documents d ORDER BY d.number DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [DocumentSummary(*row) for row in rows]

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """The documents whose title or text holds every word of `query`, best first.

        Each word is matched as typed, whatever punctuation or FTS5 syntax it holds (``C++``,
        ``NEAR(``, a stray quotation mark): the query language is plain words, not FTS5's.

        A word repeated is searched once; control characters separate words.

        Raises:
            InputError: The query has no words (code ``input.empty_query``), more than
                `MAX_QUERY_WORDS` different words or a word over `MAX_WORD_CHARS` characters
                (``input.query_too_long``), or its search took over 2 s (``input.query_too_slow``).
            ConfigError: `limit` or `offset` is out of range.
        """
        match = _match_expression(query)
        _check_page(limit, offset)
        with self._searching(query) as connection:
            rows = connection.execute(
                "SELECT d.id, d.title, d.source_name, d.published, "
                f"-bm25(documents_fts, {_TITLE_WEIGHT}, 1.0), "
                f"snippet(documents_fts, 1, '{_MARK_START}', '{_MARK_END}', '…', {_SNIPPET_WORDS}) "
                "FROM documents_fts JOIN documents d ON d.number = documents_fts.rowid "
                f"WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, {_TITLE_WEIGHT}, 1.0), d.number "
                "LIMIT ? OFFSET ?",
                (match, limit, offset),
            ).fetchall()
        return [
            SearchHit(id=id_, title=title, source=source, published=published, score=score, snippet=_snippet(raw))
            for id_, title, source, published, score, raw in rows
        ]

    def count_matches(self, query: str) -> int:
        """How many documents `search` finds for `query`, over all pages.

        Raises:
            InputError: The query has no words, too many, or takes too long, as for `search`.
        """
        match = _match_expression(query)
        with self._searching(query) as connection:
            query_count = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
            return connection.execute(query_count, (match,)).fetchone()[0]

    def export(self, query: str | None = None) -> Iterator[dict[str, Any]]:
        """The contract records of the stored documents: all, in the order added, or those
        that match `query`, best first.

        Records are read a page at a time, so other threads are not held up by a long export;
        a document added or deleted meanwhile may or may not be in it.

        Raises:
            InputError: `query` is given but has no words (raised here, not at the first record).
        """
        if query is None:
            return self._all_records()
        return self._matching_records(_match_expression(query))

    def technique_counts(self, *, by: Literal["source", "month"] = "source") -> list[TechniqueCount]:
        """How many technique spans each group of documents holds, per technique.

        Args:
            by: ``"source"`` groups by outlet (the site, else the URL's host, else the source
                name); ``"month"`` by the published month, ``YYYY-MM``, with the documents
                that have no date as ``"undated"``.

        Returns:
            Rows of (group, technique, count), by group, then the most used technique first.

        Raises:
            ConfigError: `by` is neither.
        """
        if by not in _GROUPS:
            raise ConfigError(f"technique counts are grouped by 'source' or 'month', not {by!r}")
        with self._connected() as connection:
            rows = connection.execute(
                f"SELECT {_GROUPS[by]} AS grouped, s.label, count(*) AS spans "
                "FROM spans s JOIN documents d ON d.id = s.document WHERE s.layer = 'techniques' "
                "GROUP BY grouped, s.label ORDER BY grouped, spans DESC, s.label"
            ).fetchall()
        return [TechniqueCount(*row) for row in rows]

    def __len__(self) -> int:
        with self._connected() as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]

    def __contains__(self, document_id: object) -> bool:
        with self._connected() as connection:
            return connection.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    def _all_records(self) -> Iterator[dict[str, Any]]:
        last = 0
        while True:
            with self._connected() as connection:
                rows = connection.execute(
                    "SELECT number, record FROM documents WHERE number > ? ORDER BY number LIMIT ?", (last, _PAGE)
                ).fetchall()
            if not rows:
                return
            for _, record in rows:
                yield json.loads(record)
            last = rows[-1][0]

    def _matching_records(self, match: str) -> Iterator[dict[str, Any]]:
        with self._searching(match) as connection:
            numbers = [
                row[0]
                for row in connection.execute(
                    f"SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                    f"ORDER BY bm25(documents_fts, {_TITLE_WEIGHT}, 1.0), rowid",
                    (match,),
                )
            ]
        for first in range(0, len(numbers), _PAGE):
            page = numbers[first : first + _PAGE]
            with self._connected() as connection:
                records = dict(
                    connection.execute(
                        f"SELECT number, record FROM documents WHERE number IN ({', '.join('?' * len(page))})", page
                    )
                )
            yield from (json.loads(records[number]) for number in page if number in records)

    @contextmanager
    def _connected(self) -> Iterator[sqlite3.Connection]:
        """The connection, held by this thread alone; SQLite's errors become `StoreError`s."""
        with self._lock:
            if self._connection is None:
                raise StoreError(f"the store at {self.path} is closed; open it again", code="store.closed")
            try:
                yield self._connection
            except sqlite3.Error as error:
                raise _store_error(error, self.path) from error

    @contextmanager
    def _searching(self, query: str) -> Iterator[sqlite3.Connection]:
        """The connection for one full-text query, which is stopped after `_QUERY_SECONDS`."""
        with self._connected() as connection:
            deadline = time.monotonic() + _QUERY_SECONDS
            connection.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)
            try:
                yield connection
            except sqlite3.OperationalError as error:
                if time.monotonic() <= deadline:
                    raise
                raise InputError(
                    f"the search for {query[:60]!r} took over {_QUERY_SECONDS:g} s and was stopped; "
                    "search for fewer or rarer words",
                    code="input.query_too_slow",
                ) from error
            finally:
                connection.set_progress_handler(None, 0)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside a write transaction: committed when the block ends, rolled back if it raises."""
        with self._connected() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _not_found(self, document_id: str) -> DocumentNotFoundError:
        hint = (
            "search the store by words to find a document's id"
            if is_document_id(document_id)
            else "ids are 'doc-' and 16 hex digits, as the search results show them"
        )
        return DocumentNotFoundError(f"no document {document_id!r} in the store {self.path}; {hint}")


def is_document_id(text: str) -> bool:
    """Whether `text` has the form of a document id (``doc-`` and 16 hex digits), as the store keeps them."""
    return _ID.fullmatch(text) is not None


def open_store(settings: StoreSettings | None = None, *, create: bool = True) -> Store:
    """Open the store that `settings` name (``spinscope.db`` by default); see `Store`."""
    return Store((settings or StoreSettings()).path, create=create)


def _migrate(connection: sqlite3.Connection, path: str) -> None:
    """Bring the database to the latest schema version, in one transaction, or refuse it."""
    if _schema_version(connection, path) == len(MIGRATIONS):
        return  # the usual case: no write lock taken, so opening never waits for a writer
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated the file meanwhile.
        version = _schema_version(connection, path)
        if version == 0:
            tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            if tables:
                raise StoreError(
                    f"{path} is an SQLite database, but not a spinscope store (it has the tables "
                    f"{', '.join(sorted(tables)[:5])}); give StoreSettings.path a new file name or a store's file",
                    code="store.not_a_store",
                )
        for migration in MIGRATIONS[version:]:
            migration(connection)
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _schema_version(connection: sqlite3.Connection, path: str) -> int:
    """The file's schema version, refused when it is newer than this spinscope knows."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{path} is a store of schema version {version}, written by a newer spinscope; "
            f"this one reads versions up to {len(MIGRATIONS)}: upgrade spinscope",
            code="store.version",
        )
    return version


def _store_error(error: sqlite3.Error, path: str) -> StoreError:
    """The one-line `StoreError` for what SQLite reported about the file at `path`."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_NOTADB"):
        return StoreError(
            f"{path} is not an SQLite database, so not a spinscope store; "
            "give StoreSettings.path a new file name or a store's file",
            code="store.not_a_store",
        )
    if name.startswith("SQLITE_CORRUPT"):
        return StoreError(
            f"the store {path} is damaged ({error}); restore it from a copy, or export what still reads "
            "into a new store",
            code="store.corrupt",
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(
            f"the store {path} is busy: another process is writing to it ({error}); try again when it is done",
            code="store.busy",
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_IOERR", "SQLITE_FULL")):
        return StoreError(
            f"cannot open or write the store {path} ({error}); check that its folder exists and is writable",
            code="store.open",
        )
    return StoreError(f"the store {path} failed: {error}", code="store")


def _match_expression(query: str) -> str:
    """An FTS5 query matching every word of `query`: each word quoted, so none is syntax.

    Control characters separate words like spaces do. A word repeated, however it is written
    ("the", "The", "the," and "thé" are one word to the index), is asked for once: FTS5 takes
    time that grows faster than the number of times a word is repeated, and the repetition
    changes nothing of what matches.

    Raises:
        InputError: The query has no words, more than `MAX_QUERY_WORDS` different words, or
            a word longer than `MAX_WORD_CHARS`.
    """
    words: dict[tuple[str, ...] | str, str] = {}
    for word in _WORD_SEPARATORS.split(query):
        if not word:
            continue
        if len(word) > MAX_WORD_CHARS:
            raise InputError(
                f"the search word {word[:20]!r}… is {len(word):,} characters long; words of at most "
                f"{MAX_WORD_CHARS} characters are searched: shorten it",
                code="input.query_too_long",
            )
        words.setdefault(_index_form(word) or word, word)
    if not words:
        raise InputError("the search query is empty: type one or more words to find", code="input.empty_query")
    if len(words) > MAX_QUERY_WORDS:
        raise InputError(
            f"the search query has {len(words)} different words; at most {MAX_QUERY_WORDS} are searched: "
            "keep the words that matter most",
            code="input.query_too_long",
        )
    plain = [_quoted(word) for word in words.values() if not _stems(word)]
    # A Cyrillic word also matches its stems; FTS5 joins such an OR group to others by AND only.
    either = [f"({_quoted(word)} OR stems : {_quoted(_stems(word))})" for word in words.values() if _stems(word)]
    if not either:
        return " ".join(plain)
    return " AND ".join(([f"({' '.join(plain)})"] if plain else []) + either)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _stems(text: str) -> str:
    """The Snowball Russian stems of the Cyrillic words of `text`, in order, folded as the index folds."""
    words = _CYRILLIC_WORD.findall(text.casefold().replace("ё", "е"))
    if not words:
        return ""
    stemmer = _russian_stemmer()
    with _STEMMING:  # a Snowball stemmer keeps its word in the object: one thread at a time
        return " ".join(stemmer.stemWords(words))


_STEMMING = threading.Lock()


@functools.cache
def _russian_stemmer() -> Any:
    try:
        import snowballstemmer
    except ImportError as error:
        raise MissingDependencyError(
            "the store's Russian search needs snowballstemmer: reinstall spinscope with `pip install -e .`"
        ) from error
    return snowballstemmer.stemmer("russian")


def _index_form(word: str) -> tuple[str, ...]:
    """The tokens the full-text index makes of `word`: case and diacritics folded away."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
    return tuple(_TOKEN.findall(folded))


def _check_page(limit: int, offset: int) -> None:
    if not (1 <= limit <= _SQLITE_MAX and 0 <= offset <= _SQLITE_MAX):
        raise ConfigError(
            f"a page needs a limit from 1 and an offset from 0, each at most {_SQLITE_MAX:,}; "
            f"got limit={limit}, offset={offset}",
            code="config.page",
        )


def _snippet(raw: str) -> tuple[tuple[str, bool], ...]:
    """Split FTS5's marked snippet into (text, matched) parts."""
    parts = []
    for piece in _MARKED.split(raw):
        if piece.startswith(_MARK_START) and piece.endswith(_MARK_END):
            parts.append((piece[1:-1], True))
        elif piece:
            parts.append((piece, False))
    return tuple(parts)


def _document_row(document: Document) -> dict[str, Any]:
    """The ``documents`` row of `document`: the columns a results table keeps too, and the store's own."""
    metadata = document.metadata
    failed = next((stage.code or "stage" for stage in document.stages if stage.status == "failed"), None)
    return {
        **record_columns(document.to_dict()),
        "outlet": _outlet(document),
        "language": metadata.language,
        "words": len(document.text.split()),
        "added": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "error_code": failed,
        "text": document.text,
        "stems": _stems(f"{metadata.title or ''}\n{document.text}"),
    }


def _outlet(document: Document) -> str:
    """Where the document was published: its site, else its URL's host, else its source name."""
    if document.metadata.site:
        return document.metadata.site
    url = document.metadata.url or (document.source.name if document.source.kind == "url" else None)
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return document.source.name or "unknown"


_SpanRow = tuple[str, str, int, int, int, str, str | None, str | None, float | None]


def _span_rows(document: Document) -> Iterator[_SpanRow]:
    for layer, items in document.layers.items():
        for index, item in enumerate(items):
            for span, label, value, score in _described_spans(item):
                yield (document.id, layer, index, span.start, span.end, span.text, label, value, score)


def _described_spans(item: Any) -> Iterator[tuple[Span, str | None, str | None, float | None]]:
    """The spans of one layer item that get rows, each with its label, value and score."""
    match item:
        case Technique():
            yield item, item.technique, None, item.score
        case Quote():
            yield item, item.kind, None if item.speaker is None else item.speaker.name, None
        case Term():
            yield item, item.kind, None, None
        case Timex():
            yield item, item.type, item.value, None
        case Claim():
            yield item, item.kind, None, item.score
        case Entity():
            for mention in item.mentions:
                yield mention, item.label, item.name, None
        case TimelineEntry():
            yield item.sentence, None, item.value, None
        case Finding():
            for span in item.cited:
                yield span, item.kind, None, None
        case Span():
            yield item, None, None, None
        case _:  # a layer type added later: its spans, undescribed
            for span in item.spans():
                yield span, None, None, None
