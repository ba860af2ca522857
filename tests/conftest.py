"""Shared fixtures: paths, schemas, a document builder from markup, the pipeline, a local web server."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from spinscope import Document, Pipeline, Settings, build_pipeline
from spinscope.contract import load_schema
from spinscope.stages.entities import RawMention

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
EXAMPLE = ROOT / "examples" / "victory-day.txt"
SHARED_SCHEMA = ROOT.parent / "shared" / "contracts" / "analysis.schema.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared_schema() -> dict[str, Any]:
    if not SHARED_SCHEMA.exists():
        pytest.fail(f"the shared contract is missing at {SHARED_SCHEMA}; tests need ../shared beside the repo")
    return json.loads(SHARED_SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate(shared_schema: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """Check a JSON document against the shared contract and against spinscope's extension."""
    validators = [
        jsonschema.Draft202012Validator(shared_schema),
        jsonschema.Draft202012Validator(load_schema()),
    ]

    def check(data: dict[str, Any]) -> None:
        for validator in validators:
            validator.validate(data)
        for span in _all_spans(data):
            assert data["text"][span["start"] : span["end"]] == span["text"]

    return check


def _all_spans(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys() and isinstance(node["start"], int):
            yield node
        for key, value in node.items():
            if key != "text":
                yield from _all_spans(value)
    elif isinstance(node, list):
        for item in node:
            yield from _all_spans(item)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return build_pipeline(Settings())


_MARKUP = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<label>[A-Z_]+)\)")


@pytest.fixture(scope="session")
def markup() -> Callable[[str], tuple[Document, list[RawMention]]]:
    """Build a document and its tagged mentions from ``[Anna Berg](PERSON) said ...`` markup."""

    def build(source: str) -> tuple[Document, list[RawMention]]:
        text, mentions, position = [], [], 0
        offset = 0
        for match in _MARKUP.finditer(source):
            text.append(source[position : match.start()])
            offset += match.start() - position
            mentions.append(RawMention(offset, offset + len(match.group("text")), match.group("label")))
            text.append(match.group("text"))
            offset += len(match.group("text"))
            position = match.end()
        text.append(source[position:])
        return Document("".join(text)), mentions

    return build


class _Site(BaseHTTPRequestHandler):
    """A small local site for fetch tests."""

    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may stop reading on purpose (size cap, timeout).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def local_site() -> Iterator[str]:
    """Serve fixture pages on 127.0.0.1; yields the base URL."""
    _Site.routes = {
        "/article.html": (200, "text/html; charset=utf-8", (FIXTURES / "news_page.html").read_bytes()),
        "/page.txt": (200, "text/plain; charset=utf-8", (FIXTURES / "scraped_page.txt").read_bytes()),
        "/big.txt": (200, "text/plain", b"word " * 400_000),
        "/slow": (200, "text/plain", b"late"),
        "/file.pdf": (200, "application/pdf", b"%PDF-1.4 ..."),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class ProgressLog:
    """A `spinscope.progress.Progress` that keeps every call, and checks the convention."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, step: str, done: int, total: int) -> None:
        self.calls.append((step, done, total))

    def steps(self) -> dict[str, list[int]]:
        """Each step's `done` counts, in the order they came."""
        counts: dict[str, list[int]] = {}
        for step, done, _ in self.calls:
            counts.setdefault(step, []).append(done)
        return counts

    def check(self) -> None:
        """Within each step: one total, running counts that never go down, the last one the total."""
        for step, counts in self.steps().items():
            totals = {total for name, _, total in self.calls if name == step}
            assert len(totals) == 1, (step, totals)
            assert counts == sorted(counts), (step, counts)
            assert counts[-1] == totals.pop(), (step, counts)


@pytest.fixture
def progress_log() -> ProgressLog:
    """A fresh `ProgressLog` to pass as `progress=`."""
    return ProgressLog()
