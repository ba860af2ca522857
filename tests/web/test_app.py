from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope import Document, Pipeline, Settings, StoreSettings, WebSettings
from spinscope.render.page import policy_of
from spinscope.web import create_app

ARTICLE = (
    "Shusha celebrates\n\n"
    "The heroic army liberated the ancient city of Shusha on 8 November 2020. "
    '"Shusha is free," the President said. The brutal occupiers fled.\n'
)
HTML = {"Accept": "text/html"}
JSON = {"content-type": "application/json"}


def _raw(body: bytes) -> dict:
    """Request arguments that send `body` as it is, labelled JSON."""
    return {"content": body, "headers": JSON}


def _settings(tmp_path: Path, **web: int) -> Settings:
    return Settings(store=StoreSettings(path=str(tmp_path / "store.db")), web=WebSettings(**web))


@pytest.fixture
def client(tmp_path: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    with TestClient(create_app(_settings(tmp_path), pipeline=pipeline)) as client:
        yield client


@pytest.fixture
def stored(client: TestClient) -> dict:
    response = client.post("/api/analyze", json={"text": ARTICLE, "published": "2025-11-08"})
    assert response.status_code == 200, response.text
    return response.json()


def test_api_analyze_returns_a_valid_document_with_the_requested_date(stored: dict, validate) -> None:
    validate(stored)
    assert stored["metadata"]["published"] == "2025-11-08"
    assert stored["layers"]["techniques"]


def test_api_analyze_without_store_keeps_nothing(client: TestClient) -> None:
    document = client.post("/api/analyze", json={"text": ARTICLE, "store": False}).json()
    assert client.get(f"/api/documents/{document['id']}").status_code == 404


def test_api_get_document_returns_what_was_stored(client: TestClient, stored: dict) -> None:
    fetched = client.get(f"/api/documents/{stored['id']}").json()
    assert Document.from_dict(fetched) == Document.from_dict(stored)


def test_api_search_finds_the_document_by_a_word_in_it(client: TestClient, stored: dict) -> None:
    found = client.get("/api/search", params={"q": "occupiers"}).json()
    assert found["total"] == 1
    assert found["hits"][0]["id"] == stored["id"]
    assert any(part["match"] and part["text"].lower() == "occupiers" for part in found["hits"][0]["snippet"])


def test_api_lists_documents_and_counts_techniques(client: TestClient, stored: dict) -> None:
    assert [item["id"] for item in client.get("/api/documents").json()] == [stored["id"]]
    counts = client.get("/api/corpus/techniques", params={"by": "month"}).json()
    assert {row["group"] for row in counts} == {"2025-11"}
    assert sum(row["count"] for row in counts) == len(stored["layers"]["techniques"])


def test_api_fetches_a_url_under_the_fetch_rules(tmp_path: Path, pipeline: Pipeline, local_site: str) -> None:
    settings = _settings(tmp_path)
    settings = Settings(store=settings.store, fetch=type(settings.fetch)(allow_private=True))
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        response = client.post("/api/analyze", json={"url": f"{local_site}/article.html"})
    assert response.status_code == 200, response.text
    assert response.json()["source"] == {"kind": "url", "name": f"{local_site}/article.html"}


@pytest.mark.parametrize(
    ("method", "path", "request_args", "status", "code"),
    [
        ("post", "/api/analyze", {"json": {}}, 400, "input.request"),
        ("post", "/api/analyze", {"json": {"text": ARTICLE, "url": "https://example.org/"}}, 400, "input.request"),
        ("post", "/api/analyze", {"json": {"text": ARTICLE, "published": "soon"}}, 400, "input.request"),
        ("post", "/api/analyze", {"json": {"text": "   "}}, 400, "input.request"),
        ("post", "/api/analyze", {"json": {"text": ARTICLE, "colour": "red"}}, 422, "request.invalid"),
        ("post", "/api/analyze", _raw(b"{not json"), 400, "request.unparsable"),
        ("post", "/api/analyze", _raw(b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"), 400, "request.unparsable"),
        ("post", "/api/analyze", _raw(b'{"text": "Tram \\ud800 line"}'), 422, "request.invalid"),
        ("post", "/api/analyze", _raw(b'{"text": "Tram line", "title": "\\udc00"}'), 422, "request.invalid"),
        ("post", "/api/analyze", _raw(b'{"url": "https://example.org/\\ud800"}'), 422, "request.invalid"),
        ("post", "/api/analyze", {"json": {"url": "ftp://example.org/a"}}, 400, "fetch.bad_url"),
        ("post", "/api/analyze", {"json": {"url": "http://127.0.0.1/admin"}}, 400, "fetch.forbidden_address"),
        ("post", "/api/analyze", {"json": {"text": "word " * 5000}}, 413, "request.too_large"),
        ("get", "/api/analyze", {}, 405, "request.method"),
        ("get", "/api/documents/doc-missing", {}, 404, "store.not_found"),
        ("get", "/api/documents", {"params": {"limit": 0}}, 422, "request.invalid"),
        ("get", "/api/search", {}, 422, "request.invalid"),
        ("get", "/api/search", {"params": {"q": "  "}}, 400, "input.empty_query"),
        ("get", "/api/corpus/techniques", {"params": {"by": "year"}}, 422, "request.invalid"),
        ("get", "/nowhere", {}, 404, "request.not_found"),
        ("get", "/documents/doc-missing", {}, 404, "store.not_found"),
        ("get", "/search", {"params": {"offset": -1}}, 422, "request.invalid"),
        ("get", "/api/search", {"params": {"q": "tram", "offset": 2**63}}, 400, "config.page"),
        ("get", "/api/documents", {"params": {"offset": 2**63}}, 400, "config.page"),
        ("get", "/search", {"params": {"q": "tram", "offset": 2**63}}, 400, "config.page"),
        ("get", "/api/search", {"params": {"q": "\x00"}}, 400, "input.empty_query"),
        ("get", "/search", {"params": {"q": "\x00"}}, 400, "input.empty_query"),
        ("get", "/api/search", {"params": {"q": "the " * 300 + "x" * 101}}, 400, "input.query_too_long"),
        ("get", "/api/compare", {"params": {"ids": [f"doc-{n:016x}" for n in range(9)]}}, 400, "input.compare"),
        ("get", "/compare", {"params": {"ids": [f"doc-{n:016x}" for n in range(9)]}}, 400, "input.compare"),
    ],
    ids=[
        "nothing-given",
        "text-and-url",
        "bad-date",
        "blank-text",
        "unknown-field",
        "bad-json",
        "json-nested-deep",
        "lone-surrogate-text",
        "lone-surrogate-title",
        "lone-surrogate-url",
        "not-http",
        "private-address",
        "too-large",
        "wrong-method",
        "unknown-document",
        "bad-limit",
        "no-query",
        "blank-query",
        "bad-grouping",
        "unknown-page",
        "unknown-report",
        "bad-offset",
        "api-search-offset-2-63",
        "api-documents-offset-2-63",
        "search-offset-2-63",
        "api-search-nul",
        "search-nul",
        "api-search-oversized",
        "api-compare-too-many",
        "compare-too-many",
    ],
)
def test_every_failure_has_the_one_error_shape(
    tmp_path: Path, pipeline: Pipeline, method: str, path: str, request_args: dict, status: int, code: str
) -> None:
    with TestClient(create_app(_settings(tmp_path, max_request_bytes=20_000), pipeline=pipeline)) as client:
        response = getattr(client, method)(path, **request_args)
        page = getattr(client, method)(path, **request_args, **({} if "headers" in request_args else {"headers": HTML}))
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    if not path.startswith("/api"):
        assert page.status_code == status
        assert page.headers["content-type"].startswith("text/html") and code in page.text


def test_form_analyses_an_uploaded_file_and_shows_its_report(client: TestClient) -> None:
    response = client.post(
        "/analyze", files={"file": ("shusha.txt", ARTICLE.encode(), "text/plain")}, data={"text": ""}, headers=HTML
    )
    assert response.status_code == 200 and response.url.path.startswith("/documents/doc-")
    assert 'id="article"' in response.text or "id=article" in response.text


def test_form_error_shows_the_form_again_with_what_was_typed(client: TestClient) -> None:
    response = client.post(
        "/analyze", data={"text": "", "url": "http://10.0.0.1/secret", "title": "Kept <title>"}, headers=HTML
    )
    assert response.status_code == 400
    assert "fetch.forbidden_address" in response.text
    assert 'value="http://10.0.0.1/secret"' in response.text and "Kept &lt;title&gt;" in response.text


def test_pages_show_search_hits_and_corpus_charts(client: TestClient, stored: dict) -> None:
    index = client.get("/", headers=HTML).text
    assert f"/documents/{stored['id']}" in index
    search = client.get("/search", params={"q": "Shusha"}, headers=HTML).text
    assert "<mark>Shusha</mark>" in search
    corpus = client.get("/corpus", headers=HTML).text
    assert corpus.count("<svg") == 2 and "<rect" in corpus


def test_pages_send_a_policy_that_forbids_scripts(client: TestClient) -> None:
    policy = client.get("/", headers=HTML).headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_openapi_describes_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/analyze", "/api/documents/{document_id}", "/api/search"} <= set(paths)
    assert "/analyze" not in paths


def test_store_survives_a_restart(tmp_path: Path, pipeline: Pipeline) -> None:
    settings = _settings(tmp_path)
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        document_id = client.post("/api/analyze", json={"text": ARTICLE}).json()["id"]
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        hits = client.get("/api/search", params={"q": "brutal occupiers"}).json()["hits"]
    assert [hit["id"] for hit in hits] == [document_id]


def test_a_streamed_body_over_the_cap_is_refused_without_a_length(tmp_path: Path, pipeline: Pipeline) -> None:
    chunks = (b'{"text": "' + b"word " * 1000 for _ in range(10))  # no Content-Length: sent chunked
    with TestClient(create_app(_settings(tmp_path, max_request_bytes=20_000), pipeline=pipeline)) as client:
        response = client.post("/api/analyze", content=chunks, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request.too_large"


def test_index_lets_stored_articles_be_ticked_for_comparison(client: TestClient, stored: dict) -> None:
    index = client.get("/", headers=HTML).text
    assert '<form method=get action="/compare" id=compare>' in index
    assert f'name=ids value="{stored["id"]}"' in index


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=tram", "/corpus", "/documents/{id}", "/api/documents", "/docs", "/nowhere"],
    ids=["index", "search", "corpus", "report", "api", "api-docs", "error-page"],
)
def test_every_response_forbids_framing(client: TestClient, stored: dict, path: str) -> None:
    response = client.get(path.format(id=stored["id"]), headers=HTML)
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_report_sends_its_policy_as_a_header(client: TestClient, stored: dict) -> None:
    response = client.get(f"/documents/{stored['id']}", headers=HTML)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
    assert policy.split("; frame-ancestors")[0] in response.text  # the same policy as the page's meta tag


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=Shusha", "/corpus", "/documents/{id}", "/nowhere"],
    ids=["index", "search", "corpus", "report", "error-page"],
)
def test_every_page_sends_the_policy_its_meta_tag_states(client: TestClient, stored: dict, path: str) -> None:
    response = client.get(path.format(id=stored["id"]), headers=HTML)
    header = response.headers["content-security-policy"].split("; frame-ancestors")[0]
    assert header == policy_of(response.text)
    assert "style-src 'sha256-" in header and "unsafe-inline" not in header
    assert " style=" not in response.text  # the policy would block a style attribute


def test_compare_waits_for_the_one_analysis_lock(client: TestClient) -> None:
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "compare" / "sarvan"
    texts = [path.read_text() for path in sorted(folder.glob("*.txt"))[:2]]
    ids = [client.post("/api/analyze", json={"text": text}).json()["id"] for text in texts]
    assert client.get("/api/compare", params={"ids": ids}).status_code == 200  # loads the encoder
    lock = client.app.state.service._lock
    answers: list[int] = []
    with lock:
        comparing = threading.Thread(
            target=lambda: answers.append(client.get("/api/compare", params={"ids": ids}).status_code)
        )
        comparing.start()
        comparing.join(2)
        assert comparing.is_alive() and not answers  # held up while an analysis runs
    comparing.join(60)
    assert answers == [200]
