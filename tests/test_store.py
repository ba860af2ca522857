from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

import spinscope.store as store_module
from spinscope.document import (
    Claim,
    Document,
    DocumentError,
    Entity,
    Finding,
    Mention,
    Metadata,
    Quote,
    Source,
    Span,
    Speaker,
    StageRecord,
    Technique,
    Term,
    TimelineEntry,
    Timex,
)
from spinscope.errors import ConfigError, ContractError, DocumentNotFoundError, InputError, StoreError
from spinscope.settings import StoreSettings
from spinscope.store import (
    MIGRATIONS,
    SearchHit,
    Store,
    TechniqueCount,
    is_document_id,
    load_records,
    open_store,
)

from .conftest import GOLDEN


def _article(
    text: str,
    *,
    name: str = "article.txt",
    title: str | None = None,
    published: str | None = None,
    site: str | None = None,
    url: str | None = None,
    techniques: Sequence[tuple[str, str]] = (),
) -> Document:
    """A document with one sentence and a technique span on each (words, technique) given."""
    document = Document(
        text, source=Source("text", name), metadata=Metadata(title=title, published=published, site=site, url=url)
    )
    document.add_layer("sentences", [document.span(0, len(text))])
    spans = []
    for words, technique in techniques:
        start = text.index(words)
        spans.append(Technique(start, start + len(words), words, technique=technique, score=0.5, why="test"))
    document.add_layer("techniques", spans)
    document.add_stage(StageRecord("nlp", "ok", "1", seconds=0.01))
    return document


_TEXT = (
    'President Ilham Aliyev spoke on 10 November 2020. "The war is over," Aliyev said. '
    'The so-called "peace process" failed.'
)
_SENTENCES = (
    "President Ilham Aliyev spoke on 10 November 2020.",
    '"The war is over," Aliyev said.',
    'The so-called "peace process" failed.',
)


def _every_layer() -> Document:
    """A document with an item in every layer the contract knows."""
    document = Document(_TEXT, source=Source("text", "speech.txt"), metadata=Metadata(title="Speech"))

    def span(words: str, after: int = 0) -> Span:
        start = _TEXT.index(words, after)
        return document.span(start, start + len(words))

    sentences = [span(sentence) for sentence in _SENTENCES]
    quote, said = span('"The war is over,"'), span("said")
    aliyev = span("Aliyev", quote.end)
    document.add_layers(
        {
            "sentences": sentences,
            "entities": [
                Entity(
                    "E1",
                    "Ilham Aliyev",
                    "PERSON",
                    (Mention(10, 22, "Ilham Aliyev"), Mention(aliyev.start, aliyev.end, "Aliyev")),
                    ("President",),
                )
            ],
            "quotes": [
                Quote(
                    quote.start,
                    quote.end,
                    quote.text,
                    kind="direct",
                    speaker=Speaker("Ilham Aliyev", "E1", aliyev.start, aliyev.end),
                    cue=said,
                )
            ],
            "terms": [Term(*_parts(span('"peace process"')), kind="scare_quote", reason="after so-called")],
            "techniques": [
                Technique(
                    *_parts(span("so-called")), technique="Doubt", score=0.4, why="cue", cues=(span("so-called"),)
                )
            ],
            "timexes": [Timex(*_parts(span("10 November 2020")), type="DATE", value="2020-11-10")],
            "timeline": [TimelineEntry("2020-11-10", sentences[0])],
            "claims": [Claim(*_parts(sentences[1]), score=0.75, checkworthy=True, kind="event")],
            "findings": [Finding("duration", "One war, two ends.", (span("10 November 2020"), sentences[1]))],
        }
    )
    document.add_stage(StageRecord("nlp", "ok", "1", seconds=0.5))
    return document


def _parts(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.text


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "corpus.db") as opened:
        yield opened


@pytest.fixture(scope="module")
def golden() -> Document:
    return Document.from_dict(json.loads((GOLDEN / "victory-day.json").read_text(encoding="utf-8")))


def _sql(path: Path | str, query: str, *parameters: Any) -> list[tuple[Any, ...]]:
    """Run SQL on a store's file from a connection of its own, as a user of the schema would."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(query, parameters).fetchall()


# Round trips and replacement


@pytest.mark.parametrize("build", ["golden", "every-layer"])
def test_store_round_trips_a_document(store: Store, golden: Document, build: str) -> None:
    document = golden if build == "golden" else _every_layer()
    store.add(document)
    assert store.get(document.id) == document
    assert store.get(document.id).to_dict() == document.to_dict()


def test_store_exports_contract_records(store: Store, golden: Document, validate) -> None:
    documents = [golden, _every_layer()]
    for document in documents:
        store.add(document)
    records = list(store.export())
    assert records == [document.to_dict() for document in documents]
    for record in records:
        validate(record)


def test_store_export_with_a_query_gives_only_the_matches(store: Store, golden: Document) -> None:
    store.add(golden)
    store.add(_every_layer())
    assert [record["id"] for record in store.export("fortress")] == [golden.id]


def test_store_add_twice_keeps_one_copy(store: Store, golden: Document) -> None:
    assert store.add(golden) is True
    assert store.add(golden) is False
    assert len(store) == 1 and store.ids() == [golden.id]
    assert store.count_matches("Shusha") == 1


def test_store_replacing_a_document_replaces_its_spans(store: Store) -> None:
    text = "The brutal occupiers fled. Victory is ours!"
    store.add(_article(text, techniques=[("brutal occupiers", "Loaded_Language")]))
    newer = _article(text, title="Victory", techniques=[("Victory is ours!", "Slogans")])
    assert store.add(newer) is False
    assert store.get(newer.id) == newer
    rows = _sql(store.path, "SELECT text, label FROM spans WHERE layer = 'techniques'")
    assert rows == [("Victory is ours!", "Slogans")]
    assert [hit.title for hit in store.search("occupiers")] == ["Victory"]


# The spans table: one table per layer of what a user can query.
SPAN_ROWS = [
    ("sentences", [(sentence, None, None, None) for sentence in _SENTENCES]),
    ("entities", [("Ilham Aliyev", "PERSON", "Ilham Aliyev", None), ("Aliyev", "PERSON", "Ilham Aliyev", None)]),
    ("quotes", [('"The war is over,"', "direct", "Ilham Aliyev", None)]),
    ("terms", [('"peace process"', "scare_quote", None, None)]),
    ("techniques", [("so-called", "Doubt", None, 0.4)]),
    ("timexes", [("10 November 2020", "DATE", "2020-11-10", None)]),
    ("timeline", [(_SENTENCES[0], None, "2020-11-10", None)]),
    ("claims", [(_SENTENCES[1], "event", None, 0.75)]),
    ("findings", [("10 November 2020", "duration", None, None), (_SENTENCES[1], "duration", None, None)]),
]


@pytest.mark.parametrize(("layer", "expected"), SPAN_ROWS, ids=[row[0] for row in SPAN_ROWS])
def test_store_keeps_each_layer_as_span_rows(
    store: Store, layer: str, expected: list[tuple[str, str | None, str | None, float | None]]
) -> None:
    document = _every_layer()
    store.add(document)
    rows = _sql(
        store.path,
        'SELECT start, "end", text, label, value, score FROM spans '
        "WHERE document = ? AND layer = ? ORDER BY item, start",
        document.id,
        layer,
    )
    assert [row[2:] for row in rows] == expected
    assert all(_TEXT[start:end] == text for start, end, text, *_ in rows)


def test_store_documents_row_holds_the_metadata(store: Store) -> None:
    document = _article(
        "Cranes stood still in Larsford harbour all week.",
        name="wire/harbour.txt",
        title="Harbour strike",
        published="2024-11-08",
        url="https://www.herald.example/harbour",
    )
    document.add_stage(StageRecord("techniques", "failed", "1", error="no model", code="model.missing"))
    store.add(document)
    [row] = _sql(
        store.path,
        "SELECT id, source_kind, source_name, title, published, url, outlet, words, error_code FROM documents",
    )
    assert row == (
        document.id,
        "text",
        "wire/harbour.txt",
        "Harbour strike",
        "2024-11-08",
        "https://www.herald.example/harbour",
        "herald.example",
        8,
        "model.missing",
    )


def test_store_refuses_a_failed_input(store: Store) -> None:
    failed = Document.failed(
        Source("text", "missing.txt"), InputError("missing.txt does not exist; check the path", code="input.not_found")
    )
    with pytest.raises(StoreError, match="missing.txt was not stored") as caught:
        store.add(failed)
    assert caught.value.code == "store.failed_document"
    summary = store.add_all([failed, _article("Cranes stood still.")])
    assert (summary.added, summary.updated) == (1, 0)
    assert summary.failed == (DocumentError("input.not_found", "missing.txt does not exist; check the path"),)
    assert len(store) == 1


# Search


def _search_corpus(store: Store) -> dict[str, str]:
    documents = {
        "shusha": _article(
            "The liberation of Şuşa was celebrated. Programmers wrote C++ near the fortress walls.",
            name="shusha.txt",
            title="Shusha is free",
            published="2020-11-10",
        ),
        "harbour": _article(
            "Dockers stopped work, and the liberation of the port from its debts was postponed.",
            name="harbour.txt",
            title="Harbour strike",
        ),
    }
    for document in documents.values():
        store.add(document)
    return {key: document.id for key, document in documents.items()}


# query, the documents it finds
QUERIES = [
    ("word", "fortress", {"shusha"}),
    ("any-case", "LIBERATION", {"shusha", "harbour"}),
    ("quoted-word", 'Shusha "liberation"', {"shusha"}),
    ("plus-signs", "C++", {"shusha"}),
    ("near-syntax", "NEAR(", {"shusha"}),
    ("unbalanced-quote", 'liberation "', {"shusha", "harbour"}),
    ("or-is-a-word", "shusha OR harbour", set()),
    ("column-syntax", "title:harbour", set()),
    ("star-only", "*", set()),
    ("diacritics-ignored", "susa", {"shusha"}),
]


@pytest.mark.parametrize(("query", "expected"), [q[1:] for q in QUERIES], ids=[q[0] for q in QUERIES])
def test_store_search_takes_plain_words(store: Store, query: str, expected: set[str]) -> None:
    ids = _search_corpus(store)
    assert {hit.id for hit in store.search(query)} == {ids[key] for key in expected}
    assert store.count_matches(query) == len(expected)


@pytest.mark.parametrize("query", ["", "   \n"], ids=["empty", "blank"])
def test_store_search_refuses_an_empty_query(store: Store, query: str) -> None:
    with pytest.raises(InputError, match="the search query is empty: type one or more words") as caught:
        store.search(query)
    assert caught.value.code == "input.empty_query"
    with pytest.raises(InputError):
        store.export(query)


def test_store_search_hit_carries_a_snippet_in_parts(store: Store) -> None:
    ids = _search_corpus(store)
    [hit] = store.search("fortress walls")
    assert hit == SearchHit(
        id=ids["shusha"],
        title="Shusha is free",
        source="shusha.txt",
        published="2020-11-10",
        score=hit.score,
        snippet=hit.snippet,
    )
    assert "".join(text for text, _ in hit.snippet) == (
        "The liberation of Şuşa was celebrated. Programmers wrote C++ near the fortress walls."
    )
    assert [text for text, matched in hit.snippet if matched] == ["fortress", "walls"]


def test_store_search_ranks_a_title_match_first(store: Store) -> None:
    store.add(_article("Dockers watched the cranes all week long in the rain.", title="Strike goes on"))
    store.add(_article("Work stopped again.", title="Cranes still idle"))
    hits = store.search("cranes")
    assert [hit.title for hit in hits] == ["Cranes still idle", "Strike goes on"]
    assert hits[0].score > hits[1].score


def test_store_search_pages_through_the_matches(store: Store) -> None:
    for number in range(7):
        store.add(_article(f"Tram line {number} opens after a debate of {number + 2} years.", name=f"{number}.txt"))
    everything = [hit.id for hit in store.search("tram", limit=50)]
    pages = [[hit.id for hit in store.search("tram", limit=3, offset=offset)] for offset in (0, 3, 6, 9)]
    assert [len(page) for page in pages] == [3, 3, 1, 0]
    assert sum(pages, []) == everything and len(set(everything)) == 7
    assert store.count_matches("tram") == 7


@pytest.mark.parametrize(
    ("limit", "offset"),
    [(0, 0), (10, -1), (10, 2**63), (2**63, 0)],
    ids=["no-limit", "negative-offset", "offset-past-sqlite-integers", "limit-past-sqlite-integers"],
)
def test_store_search_refuses_a_bad_page(store: Store, limit: int, offset: int) -> None:
    with pytest.raises(ConfigError, match="a page needs a limit from 1") as caught:
        store.search("tram", limit=limit, offset=offset)
    assert caught.value.code == "config.page"
    with pytest.raises(ConfigError):
        store.list_documents(limit=limit, offset=offset)


def _wordy_corpus(store: Store, documents: int = 5) -> None:
    for number in range(documents):
        store.add(
            _article(
                f"The tram {number} and the city of the river, the bridge and the port. " * 20, name=f"{number}.txt"
            )
        )


@pytest.mark.parametrize(
    "query", ["the " * 200, "The the, THE thé “the” " * 60], ids=["one-word-repeated", "one-word-spelt-many-ways"]
)
def test_store_search_asks_for_a_repeated_word_once(store: Store, query: str) -> None:
    _wordy_corpus(store)
    started = time.monotonic()
    hits = store.search(query)
    assert time.monotonic() - started < 1  # FTS5 took over 10 s here for 200 repeats
    assert [hit.id for hit in hits] == [hit.id for hit in store.search("the")]
    assert store.count_matches(query) == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (" ".join(f"word{number}" for number in range(17)), "17 different words; at most 16"),
        ("tram " + "x" * 101, "101 characters long; words of at most 100"),
    ],
    ids=["too-many-words", "word-too-long"],
)
def test_store_search_refuses_an_oversized_query(store: Store, query: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        store.search(query)
    assert caught.value.code == "input.query_too_long"


@pytest.mark.parametrize(
    ("query", "found"),
    [("\x00", None), ("tram\x00river", 5), ("tram\x1bbridge", 5)],
    ids=["nul-alone", "nul-between-words", "escape-between-words"],
)
def test_store_search_takes_control_characters_as_spaces(store: Store, query: str, found: int | None) -> None:
    _wordy_corpus(store)
    if found is None:
        with pytest.raises(InputError) as caught:
            store.search(query)
        assert caught.value.code == "input.empty_query"
    else:
        assert store.count_matches(query) == found


def test_store_search_that_runs_too_long_is_stopped_and_frees_the_store(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _wordy_corpus(store, documents=100)
    monkeypatch.setattr(store_module, "_QUERY_SECONDS", 0.0)
    with pytest.raises(InputError, match="was stopped") as caught:
        store.search("the river")
    assert caught.value.code == "input.query_too_slow"
    monkeypatch.undo()
    assert store.count_matches("river") == 100
    assert len(store.list_documents(limit=5)) == 5


# Listing, counting, deleting


def _three_outlets(store: Store) -> list[Document]:
    documents = [
        _article(
            "The brutal regime lied. Its shameful lies shall fail, or so we doubt.",
            name="a.txt",
            site="Herald",
            published="2024-11-08",
            techniques=[
                ("brutal regime", "Loaded_Language"),
                ("shameful lies", "Loaded_Language"),
                ("we doubt", "Doubt"),
            ],
        ),
        _article(
            "A disgraceful vote.",
            name="b.html",
            url="https://www.example.org/news/1",
            published="2024-11-20T10:00:00Z",
            techniques=[("disgraceful", "Loaded_Language")],
        ),
        _article("Karabakh is ours!", name="wire/c.txt", techniques=[("Karabakh is ours!", "Slogans")]),
    ]
    for document in documents:
        store.add(document)
    return documents


COUNTS = [
    (
        "source",
        [
            ("Herald", "Loaded_Language", 2),
            ("Herald", "Doubt", 1),
            ("example.org", "Loaded_Language", 1),
            ("wire/c.txt", "Slogans", 1),
        ],
    ),
    ("month", [("2024-11", "Loaded_Language", 3), ("2024-11", "Doubt", 1), ("undated", "Slogans", 1)]),
]


@pytest.mark.parametrize(("by", "expected"), COUNTS, ids=[row[0] for row in COUNTS])
def test_store_counts_techniques_by_group(store: Store, by: str, expected: list[tuple[str, str, int]]) -> None:
    _three_outlets(store)
    assert store.technique_counts(by=by) == [TechniqueCount(*row) for row in expected]


def test_store_technique_counts_refuse_an_unknown_grouping(store: Store) -> None:
    with pytest.raises(ConfigError, match="'source' or 'month', not 'author'"):
        store.technique_counts(by="author")  # type: ignore[arg-type]


def test_store_lists_documents_newest_first(store: Store) -> None:
    a, b, c = _three_outlets(store)
    summaries = store.list_documents()
    assert [(s.id, s.source, s.outlet, s.techniques, s.quotes, s.claims) for s in summaries] == [
        (c.id, "wire/c.txt", "wire/c.txt", 1, 0, 0),
        (b.id, "b.html", "example.org", 1, 0, 0),
        (a.id, "a.txt", "Herald", 3, 0, 0),
    ]
    assert summaries[0].added.endswith("Z")
    assert [s.id for s in store.list_documents(limit=1, offset=1)] == [b.id]
    assert store.ids() == [a.id, b.id, c.id]


def test_store_delete_removes_the_document_its_spans_and_its_words(store: Store) -> None:
    a, b, _ = _three_outlets(store)
    store.delete(a.id)
    assert a.id not in store and b.id in store and len(store) == 2
    assert _sql(store.path, "SELECT count(*) FROM spans WHERE document = ?", a.id) == [(0,)]
    assert store.search("brutal") == []


@pytest.mark.parametrize(
    ("document_id", "hint"),
    [("doc-0123456789abcdef", "search the store by words"), ("victory-day", "ids are 'doc-' and 16 hex digits")],
    ids=["well-formed", "malformed"],
)
@pytest.mark.parametrize("operation", ["get", "delete"])
def test_store_missing_document_is_not_found(store: Store, operation: str, document_id: str, hint: str) -> None:
    with pytest.raises(DocumentNotFoundError, match=hint) as caught:
        getattr(store, operation)(document_id)
    assert caught.value.code == "store.not_found" and repr(document_id) in caught.value.message
    assert isinstance(caught.value, LookupError)


# The file: opening, versions, restarts, threads


def test_store_survives_a_restart_and_finds_documents_by_words_in_them(tmp_path: Path, golden: Document) -> None:
    path = tmp_path / "corpus.db"
    with open_store(StoreSettings(path=str(path))) as store:
        store.add(golden)
    assert not (tmp_path / "corpus.db-wal").exists()  # closing folded the log back into the file
    with Store(path, create=False) as store:
        [hit] = store.search("Shusha fortress")
        assert hit.id == golden.id and store.get(hit.id) == golden


def test_store_opens_in_wal_mode_with_foreign_keys(store: Store) -> None:
    with store._connected() as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_store_opening_twice_changes_nothing(tmp_path: Path, golden: Document) -> None:
    path = tmp_path / "corpus.db"
    with Store(path) as store:
        store.add(golden)
    with Store(path) as store:
        assert store.ids() == [golden.id]
    assert _sql(path, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_store_refuses_a_file_of_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    Store(path).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="written by a newer spinscope") as caught:
        Store(path)
    assert caught.value.code == "store.version"


def _version_1_by_hand(path: Path, document: Document) -> None:
    """A version-1 file written without the Store: the first migration, and a row inserted by SQL."""
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        MIGRATIONS[0](connection)
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO documents (id, source_kind, source_name, title, outlet, words, added, text, record) "
            "VALUES (?, 'text', 'old.txt', 'Old news', 'old.txt', 3, '2024-01-01T00:00:00Z', ?, ?)",
            (document.id, document.text, json.dumps(document.to_dict())),
        )


def _add_notes(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE documents ADD COLUMN notes TEXT")


def test_store_upgrades_a_version_1_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, document = tmp_path / "corpus.db", _article("Trams run again in Larsford.")
    _version_1_by_hand(path, document)
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, _add_notes))
    with Store(path) as store:
        assert store.get(document.id) == document
        assert [hit.id for hit in store.search("trams")] == [document.id]
    assert _sql(path, "PRAGMA user_version") == [(len(MIGRATIONS) + 1,)]
    assert ("notes",) in _sql(path, "SELECT name FROM pragma_table_info('documents')")


def test_store_failed_migration_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, document = tmp_path / "corpus.db", _article("Trams run again in Larsford.")
    _version_1_by_hand(path, document)

    def broken(connection: sqlite3.Connection) -> None:
        _add_notes(connection)
        raise RuntimeError("a bug in migration 2")

    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(RuntimeError, match="a bug in migration 2"):
        Store(path)
    assert _sql(path, "PRAGMA user_version") == [(1,)]
    assert ("notes",) not in _sql(path, "SELECT name FROM pragma_table_info('documents')")


def _text_file(path: Path) -> None:
    path.write_text("id,title\n1,not a database\n" * 50, encoding="utf-8")


def _other_database(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE people (name TEXT)")


# what is at the path, the error's code and what its message says
NOT_STORES = [
    ("text-file", _text_file, "store.not_a_store", "is not an SQLite database, so not a spinscope store"),
    ("other-database", _other_database, "store.not_a_store", "is an SQLite database, but not a spinscope store"),
    ("folder", Path.mkdir, "store.open", "check that its folder exists and is writable"),
]


@pytest.mark.parametrize(("make", "code", "message"), [case[1:] for case in NOT_STORES], ids=[c[0] for c in NOT_STORES])
def test_store_refuses_a_path_that_is_not_a_store(tmp_path: Path, make, code: str, message: str) -> None:
    path = tmp_path / "corpus.db"
    make(path)
    with pytest.raises(StoreError, match=message) as caught:
        Store(path)
    assert caught.value.code == code and "\n" not in caught.value.message and str(path) in caught.value.message


def test_store_not_created_when_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    with pytest.raises(StoreError, match=f"no store at {path}: add documents with `spinscope store add`") as caught:
        Store(path, create=False)
    assert caught.value.code == "store.missing" and not path.exists()


def test_store_closed_refuses_use_and_closes_again_quietly(tmp_path: Path) -> None:
    store = Store(tmp_path / "corpus.db")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="is closed") as caught:
        len(store)
    assert caught.value.code == "store.closed"


def test_store_serves_many_threads_at_once(store: Store) -> None:
    documents = [
        _article(f"Harbour report number {n}: the cranes stood still.", name=f"{n}.txt", title=f"Report {n}")
        for n in range(20)
    ]
    for document in documents:
        store.add(document)

    def read(n: int) -> int:
        document = documents[n % 20]
        assert store.get(document.id) == document
        assert len(store.search("cranes", limit=50)) == 20
        assert [hit.id for hit in store.search(f"number {n % 20}")] == [document.id]
        assert len(store.list_documents(limit=5)) == 5
        return n

    def write(n: int) -> int:
        store.add(_article(f"Orchard note {n}: the apples are in.", name=f"orchard-{n}.txt"))
        return n

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(write if n % 10 == 0 else read, n) for n in range(200)]
        assert [future.result() for future in futures] == list(range(200))
    assert len(store) == 40
    assert store.count_matches("orchard") == 20


def test_store_lives_in_memory_too() -> None:
    with Store(":memory:") as store:
        store.add(_article("Cranes stood still."))
        assert store.count_matches("cranes") == 1


# Reading records back


def _records(*documents: Document) -> list[dict[str, Any]]:
    return [document.to_dict() for document in documents]


def test_load_records_reads_json_lines_json_and_lists(tmp_path: Path, golden: Document) -> None:
    other = _every_layer()
    files = {
        "results.jsonl": "\n".join(json.dumps(r) for r in _records(golden, other)) + "\n\n",
        "one.json": json.dumps(golden.to_dict(), indent=2),
        "list.json": json.dumps(_records(other, golden)),
        "lines.json": "\n".join(json.dumps(r) for r in _records(other)),  # `analyze -f json` of several inputs
    }
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    documents = list(load_records(tmp_path / name for name in files))
    assert documents == [golden, other, golden, other, golden, other]


# file content (the second line is wrong), what the error says
BAD_RECORDS = [
    ("not-json", "{oops", "line 2 is not a spinscope record (not JSON"),
    ("not-an-object", "[1, 2]", "line 2 is not a spinscope record (a JSON list, not an object)"),
    ("newer-schema", json.dumps({"schema_version": "9", "text": "x"}), "line 2 is not a spinscope record (schema_v"),
    ("bad-layers", json.dumps({"schema_version": "1", "id": "doc-1", "text": "x", "layers": [1]}), "line 2 is not a"),
]


@pytest.mark.parametrize(("line", "message"), [case[1:] for case in BAD_RECORDS], ids=[c[0] for c in BAD_RECORDS])
def test_load_records_names_the_line_that_is_not_a_record(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text(json.dumps(_article("Fine.").to_dict()) + "\n" + line + "\n", encoding="utf-8")
    records = load_records([path])
    assert next(records).text == "Fine."
    with pytest.raises(ContractError, match="^" + re.escape(f"{path} {message}")):
        next(records)


def test_load_records_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.jsonl does not exist") as caught:
        list(load_records([tmp_path / "missing.jsonl"]))
    assert caught.value.code == "input.not_found"


def test_load_records_reads_parquet_batch_results(tmp_path: Path, golden: Document) -> None:
    pytest.importorskip("pyarrow")
    from spinscope.batch.outputs import ParquetOutput

    output = ParquetOutput(tmp_path / "results.parquet")
    output.start()
    for record in _records(golden, _every_layer()):
        output.write(record)
    output.close()
    assert list(load_records([tmp_path / "results.parquet"])) == [golden, _every_layer()]


@pytest.mark.parametrize(
    ("text", "is_id"),
    [
        ("doc-8e11c77c3150e2bf", True),
        ("doc-8E11C77C3150E2BF", False),
        ("doc-8e11c77c3150e2b", False),
        ("doc-8e11c77c3150e2bf.txt", False),
        ("examples/victory-day.txt", False),
    ],
    ids=["an-id", "upper-case", "too-short", "a-file-named-like-one", "a-path"],
)
def test_is_document_id_knows_the_form_of_ids(text: str, is_id: bool) -> None:
    assert is_document_id(text) is is_id
