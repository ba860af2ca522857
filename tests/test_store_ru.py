"""The store's full-text search finds Russian words in any inflection (the ``stems`` column)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from spinscope.document import Document, Metadata, Source
from spinscope.store import MIGRATIONS, Store


def _article(text: str, *, name: str, title: str | None = None) -> Document:
    document = Document(text, source=Source("text", name), metadata=Metadata(title=title, language="ru"))
    document.add_layer("sentences", [document.span(0, len(text))])
    return document


SHUSHA = _article("Шуша снова стала центром восстановления региона.", name="shusha.txt")
SHELLING = _article("Снаряды разорвались у лагеря строителей под Шушой.", name="shelling.txt", title="Обстрел у Шуши")
ENGLISH = _article("Shusha was rebuilt after the war.", name="english.txt")


@pytest.fixture
def store() -> Store:
    with Store(":memory:") as opened:
        for document in (SHUSHA, SHELLING, ENGLISH):
            opened.add(document)
        yield opened


# query, the documents it finds
QUERIES = [
    ("instrumental-finds-nominative", "Шушой", {"shusha.txt", "shelling.txt"}),
    ("nominative-finds-instrumental", "шуша", {"shusha.txt", "shelling.txt"}),
    ("genitive", "Шуши", {"shusha.txt", "shelling.txt"}),
    ("common-noun-other-case", "снарядами", {"shelling.txt"}),
    ("two-words-both-needed", "Шуше строителям", {"shelling.txt"}),
    ("latin-unchanged", "Shusha", {"english.txt"}),
    ("unrelated-word", "Степанакерт", set()),
]


@pytest.mark.parametrize(("query", "expected"), [q[1:] for q in QUERIES], ids=[q[0] for q in QUERIES])
def test_store_search_finds_russian_words_in_any_inflection(store: Store, query: str, expected: set[str]) -> None:
    hits = store.search(query)
    assert {store.get(hit.id).source.name for hit in hits} == expected
    assert store.count_matches(query) == len(expected)


def test_store_search_by_stem_still_marks_words_typed_as_written(store: Store) -> None:
    hits = {store.get(hit.id).source.name: hit for hit in store.search("Шуша")}
    assert ("Шуша", True) in hits["shusha.txt"].snippet
    assert not any(marked for _, marked in hits["shelling.txt"].snippet)  # «Шушой» matched by its stem


def test_store_upgrade_fills_the_stems_of_stored_russian_rows(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        MIGRATIONS[0](connection)
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO documents (id, source_kind, source_name, title, outlet, words, added, text, record) "
            "VALUES ('doc-0000000000000001', 'text', 'old.txt', NULL, 'old.txt', 4, '2024-01-01T00:00:00Z', ?, '{}')",
            ("Жители вернулись в Шушу.",),
        )
    with Store(path) as store:
        assert store.count_matches("Шушой") == 1
        assert store.count_matches("жителей") == 1
