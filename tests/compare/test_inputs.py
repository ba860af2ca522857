"""`load_articles`: what a user names for `compare` (stored ids, files) as analysed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope import Pipeline, Settings, StoreSettings, open_store
from spinscope.compare import load_articles
from spinscope.errors import ConfigError, DocumentNotFoundError
from spinscope.ingest import load_documents

from ..conftest import FIXTURES

DAM = sorted((FIXTURES / "compare" / "dam").glob("*.txt"))


def test_load_articles_reads_stored_ids_and_analyses_files_in_order(tmp_path: Path, pipeline: Pipeline) -> None:
    settings = Settings(stages=("nlp",), store=StoreSettings(path=str(tmp_path / "store.db")))
    stored = pipeline(next(load_documents([str(DAM[0])])))
    with open_store(settings.store) as store:
        store.add(stored)
    documents = load_articles([str(DAM[1]), stored.id], settings=settings)
    assert documents[1] == stored
    assert documents[0].source.name == str(DAM[1]) and "sentences" in documents[0].layers


@pytest.mark.parametrize(
    ("inputs", "error", "message"),
    [
        ([str(DAM[0])], ConfigError, "compare needs at least two articles, got 1"),
        ([str(DAM[0].parent), str(DAM[0])], ConfigError, "holds several; name the files"),
        (["doc-0000000000000000", str(DAM[0])], DocumentNotFoundError, "no document 'doc-0000000000000000'"),
    ],
    ids=["one-input", "a-folder", "an-id-not-stored"],
)
def test_load_articles_refuses(tmp_path: Path, inputs: list[str], error: type[Exception], message: str) -> None:
    path = tmp_path / "store.db"
    open_store(StoreSettings(path=str(path))).close()
    with pytest.raises(error, match=message):
        load_articles(inputs, settings=Settings(stages=("nlp",), store=StoreSettings(path=str(path))))
