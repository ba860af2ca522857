"""A bounded load test of the web app, on loopback only: pages and hostile searches at once.

The app (``spinscope serve``, whole pipeline) listens on 127.0.0.1 over a fresh store of the
first ``--documents`` PTC training articles (cut to 3,000 characters, analysed with the
entities stage in this process). ``--clients`` threads, each with its own keep-alive
connection, then send requests in turn from two mixes until ``--requests`` have been sent
or ``--seconds`` (at most 60) have passed:

- pages: ``/``, ``/search?q=...``, ``/corpus``, a report ``/documents/{id}``, ``/api/documents``
  and ``/api/documents/{id}``;
- hostile searches on ``/api/search``: a word repeated 300 and 10,000 times, NUL and other
  control characters, FTS5 syntax, unbalanced quotes, 17 different words, an over-long word,
  a lone-surrogate escape, an offset of 2^63, limit 0.

It prints the requests sent, the answers by status class (target: 0 answers 5xx, 0 failed
connections), and the median and 95th-percentile latency of each mix. Hostile searches are
expected to answer 200 or 4xx; each 4xx from the app carries the one error shape. The server
itself (uvicorn's h11) may refuse a request head over 16 KB (the 10,000-word query, when it
does not arrive in one piece) with a plain-text 400 before the app sees it: such answers are
printed apart.

Run it from the repository root (about a minute and a half on 2 cores, with the app's start):

    python benchmarks/webload.py
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

DEFAULT_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020-task11" / "train-articles"
HOST = "127.0.0.1"
MAX_SECONDS = 60.0

HOSTILE = [
    {"q": "the " * 300},
    {"q": "Shusha " * 10_000},
    {"q": "\x00"},
    {"q": "trump\x00\x1b[31m\x7f"},
    {"q": 'NEAR(trump president) OR "'},
    {"q": '"' * 500},
    {"q": "title:* AND -"},
    {"q": " ".join(f"word{n}" for n in range(17))},
    {"q": "x" * 5000},
    {"q": "\\ud800 president"},
    {"q": "president", "offset": str(2**63)},
    {"q": "president", "limit": "0"},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000, help="stop after this many requests")
    parser.add_argument(
        "--seconds", type=float, default=MAX_SECONDS, help=f"stop after this long (at most {MAX_SECONDS:g})"
    )
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS)
    with tempfile.TemporaryDirectory(prefix="spinscope-webload-") as scratch:
        store = Path(scratch) / "store.db"
        ids = fill_store(store, args.articles, args.documents)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "spinscope", "serve", "--db", str(store), "--host", HOST, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port)
            results = load(port, ids, clients=args.clients, requests=args.requests, seconds=seconds)
        finally:
            server.terminate()
            server.wait(30)
    report(results, clients=args.clients, seconds=seconds)


def fill_store(path: Path, articles: Path, count: int) -> list[str]:
    from spinscope import Settings, StoreSettings
    from spinscope.ingest import read_bytes
    from spinscope.pipeline import build_pipeline
    from spinscope.store import Store

    settings = Settings(stages=("entities",), store=StoreSettings(path=str(path)))
    pipeline = build_pipeline(settings)
    files = sorted(articles.glob("*.txt"))[:count]
    documents = [read_bytes(file.read_bytes()[:3000], name=file.name, settings=settings) for file in files]
    with Store(path) as store:
        for document in pipeline.run(documents):
            store.add(document)
        return store.ids()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_up(port: int, limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/api/documents?limit=1")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the app did not start on {HOST}:{port} within {limit:g} s")


def targets(ids: list[str]) -> dict[str, list[str]]:
    pages = ["/", "/corpus", "/api/documents?limit=20"]
    pages += [f"/search?{urlencode({'q': word})}" for word in ("president", "Trump police", "the")]
    pages += [f"/documents/{document}" for document in ids[:10]]
    pages += [f"/api/documents/{document}" for document in ids[:10]]
    hostile = [f"/api/search?{urlencode(params)}" for params in HOSTILE]
    return {"pages": pages, "hostile search": hostile}


def load(
    port: int, ids: list[str], *, clients: int, requests: int, seconds: float
) -> list[tuple[str, int, float, bool]]:
    """(mix, status or 0 for a failed connection, seconds, carries the error shape) per request."""
    mixes = targets(ids)
    plan = [(mix, path) for mix, paths in mixes.items() for path in paths]
    results: list[tuple[str, int, float, bool]] = []
    unshaped: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        for number in counter:
            if time.monotonic() > deadline:
                break
            mix, path = plan[(number + offset) % len(plan)]
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "application/json"})
                response = connection.getresponse()
                body = response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=120)
                status, body = 0, b""
            elapsed = time.perf_counter() - started
            shaped = status < 400 or _has_error_shape(body)
            with lock:
                results.append((mix, status, elapsed, shaped))
                if not shaped:
                    unshaped.append(f"{status} {path[:60]} {body[:80]!r}")
        connection.close()

    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for example in sorted(set(unshaped))[:5]:
        print(f"an answer without the error shape: {example}")
    return results


def _has_error_shape(body: bytes) -> bool:
    try:
        error = json.loads(body)["error"]
    except (ValueError, KeyError, TypeError):
        return False
    return set(error) == {"code", "message"}


def report(results: list[tuple[str, int, float, bool]], *, clients: int, seconds: float) -> None:
    statuses = Counter(f"{status // 100}xx" if status else "failed" for _, status, _, _ in results)
    print(f"requests:            {len(results)} from {clients} clients on {HOST} (bounded to {seconds:g} s)")
    print(f"answers:             {', '.join(f'{name} {count}' for name, count in sorted(statuses.items()))}")
    print(f"5xx errors:          {statuses.get('5xx', 0)} (target 0); failed connections: {statuses.get('failed', 0)}")
    print(
        f"4xx without shape:   {sum(1 for _, status, _, shaped in results if status >= 400 and not shaped)} "
        "(see the answers printed above, if any)"
    )
    for mix in ("pages", "hostile search"):
        times = sorted(elapsed for name, _, elapsed, _ in results if name == mix)
        if times:
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            p50 = statistics.median(times)
            print(f"{mix + ':':<20} {len(times)} requests, p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")


if __name__ == "__main__":
    main()
