"""The comparison end to end: the evaluation set (the issue's "done when"), rendering, CLI, web."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from spinscope import Document, Pipeline, Settings, StoreSettings
from spinscope.cli import app
from spinscope.compare import compare_documents
from spinscope.compare.evaluate import load_gold, score_comparison
from spinscope.document import Source
from spinscope.ingest.text import find_metadata
from spinscope.render import comparison_to_html
from spinscope.web import create_app

from ..conftest import FIXTURES

EVAL_SET = FIXTURES / "compare"
GROUPS = load_gold(EVAL_SET)
DAM = next(group for group in GROUPS if group.name == "dam")


def _analysed(pipeline: Pipeline, path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    return pipeline(Document(text, source=Source("text", str(path)), metadata=find_metadata(text)))


@pytest.mark.parametrize("group", GROUPS, ids=[group.name for group in GROUPS])
def test_compare_names_every_planted_difference_omission_and_word_choice(group, pipeline: Pipeline) -> None:
    comparison = compare_documents([_analysed(pipeline, path) for path in group.files])
    scores = score_comparison(group, comparison)
    assert scores.missed == []
    assert scores.pairs_right == scores.pairs_gold


def test_word_choices_are_listed_for_every_source_alike(pipeline: Pipeline) -> None:
    [group] = [g for g in GROUPS if g.name == "talks"]
    comparison = compare_documents([_analysed(pipeline, path) for path in group.files])
    [row] = [row for row in comparison.terminology if row.referent == "armed-fighters"]
    assert [[term for term, _ in terms] for terms in row.uses] == [["fighters"], ["militants"], ["terrorists"]]


def test_html_escapes_hostile_text(pipeline: Pipeline) -> None:
    hostile = "Headline\n\nThe council met in Kyiv on 8 May to discuss the <script>alert(1)</script> dam.\n"
    other = "Other\n\nThe council met in Kiev on 8 May to discuss the dam and <b>repairs</b>.\n"
    page = comparison_to_html(compare_documents([pipeline(Document(hostile)), pipeline(Document(other))]))
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>" not in page
    assert "Content-Security-Policy" in page


def test_compare_refuses_a_single_document(pipeline: Pipeline) -> None:
    from spinscope.errors import ConfigError

    with pytest.raises(ConfigError) as raised:
        compare_documents([pipeline(Document("One sentence about the dam."))])
    assert raised.value.code == "config.compare"


def test_cli_compare_writes_json_with_a_column_per_source() -> None:
    files = [str(path) for path in DAM.files]
    result = CliRunner().invoke(app, ["compare", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [source["label"] for source in data["sources"]] == ["A", "B"]
    assert all(set(group["sources"]) == {"A", "B"} for group in data["groups"])
    assert {entry["status"] for group in data["groups"] for entry in group["sources"].values()} <= {
        "asserts",
        "differs",
        "omits",
    }


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ([str(DAM.files[0])], "Error: compare needs at least two articles, got 1"),
        ([str(DAM.files[0].parent), str(DAM.files[0])], "Error: compare takes one article per input"),
        (["missing.txt", str(DAM.files[0])], "Error: missing.txt does not exist; check the path"),
    ],
    ids=["one-input", "a-folder", "a-missing-file"],
)
def test_cli_compare_bad_inputs_are_a_one_line_error(inputs: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["compare", *inputs])
    assert result.exit_code == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


@pytest.fixture
def client(tmp_path: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    settings = Settings(store=StoreSettings(path=str(tmp_path / "store.db")))
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        yield client


def _store(client: TestClient) -> list[str]:
    ids = []
    for path in DAM.files:
        response = client.post("/api/analyze", json={"text": path.read_text(encoding="utf-8")})
        assert response.status_code == 200, response.text
        ids.append(response.json()["id"])
    return ids


def test_api_compare_returns_the_comparison(client: TestClient) -> None:
    ids = _store(client)
    data = client.get("/api/compare", params={"ids": ids}).json()
    assert [source["id"] for source in data["sources"]] == ids
    assert any(d["kind"] == "number" for group in data["groups"] for d in group["differences"])


def test_compare_page_is_side_by_side_html(client: TestClient) -> None:
    ids = _store(client)
    response = client.get("/compare", params={"ids": ids}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert 'data-status="omits"' in response.text


@pytest.mark.parametrize(
    ("ids", "status", "code"),
    [(["doc-0000000000000000", "doc-0000000000000001"], 404, "store.not_found"), (["x"], 400, "config.compare")],
    ids=["unknown-id", "one-id"],
)
def test_api_compare_errors_use_the_error_shape(client: TestClient, ids: list[str], status: int, code: str) -> None:
    if code == "config.compare":
        ids = _store(client)[:1]
    response = client.get("/api/compare", params={"ids": ids})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
