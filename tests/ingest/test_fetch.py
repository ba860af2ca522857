from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from spinscope import FetchError, FetchSettings, Settings
from spinscope.ingest import load_documents, read_url
from spinscope.ingest.fetch import check_url, fetch_url

LOCAL = FetchSettings(allow_private=True, timeout=5)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/x",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
    ids=["loopback", "localhost", "private-10", "private-192", "link-local-metadata", "ipv6-loopback", "unspecified"],
)
def test_check_url_refuses_local_and_private_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="FetchSettings.allow_private") as caught:
        check_url(url, settings=FetchSettings())
    assert caught.value.code == "fetch.forbidden_address"


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "file:///etc/passwd", "http:///nohost"], ids=["ftp", "file", "no-host"]
)
def test_check_url_refuses_other_schemes(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url, settings=FetchSettings())
    assert caught.value.code == "fetch.bad_url"


def test_fetch_url_refuses_the_local_site_by_default(local_site: str) -> None:
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(f"{local_site}/article.html", settings=FetchSettings())


def test_fetch_url_fetches_when_allowed(local_site: str) -> None:
    page = fetch_url(f"{local_site}/article.html", settings=LOCAL)
    assert page.content_type == "text/html"
    assert b"River Merrow" in page.body


def test_fetch_url_follows_redirects(local_site: str) -> None:
    page = fetch_url(f"{local_site}/redirect", settings=LOCAL)
    assert page.url.endswith("/article.html")


@pytest.mark.parametrize(
    ("path", "settings", "code"),
    [
        ("/big.txt", FetchSettings(allow_private=True, max_bytes=10_000), "fetch.too_large"),
        ("/slow", FetchSettings(allow_private=True, timeout=0.3), "fetch.timeout"),
        ("/missing", LOCAL, "fetch.http_status"),
    ],
    ids=["size-cap", "timeout", "http-404"],
)
def test_fetch_url_fails_with_a_code(local_site: str, path: str, settings: FetchSettings, code: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(local_site + path, settings=settings)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "url",
    [
        "http://100.100.100.200/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[2002:7f00:1::]/",
        "http://[2002:a9fe:a9fe::]/latest/meta-data/",
        "http://[64:ff9b::7f00:1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
    ],
    ids=["shared-metadata", "shared-space", "6to4-loopback", "6to4-metadata", "nat64-loopback", "nat64-metadata"],
)
def test_check_url_refuses_non_global_and_embedded_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="FetchSettings.allow_private") as caught:
        check_url(url, settings=FetchSettings())
    assert caught.value.code == "fetch.forbidden_address"


@pytest.mark.parametrize("url", ["http://[2002:808:808::]/", "http://8.8.8.8/"], ids=["6to4-public", "public-ipv4"])
def test_check_url_allows_global_addresses(url: str) -> None:
    check_url(url, settings=FetchSettings())


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/a page.html", "http://127.0.0.1:port/", "http://127.0.0.1:99999/", "http://127.0.0.1/\nx"],
    ids=["space", "non-numeric-port", "port-out-of-range", "newline"],
)
def test_fetch_url_refuses_a_malformed_url_in_one_line(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(url, settings=LOCAL)
    assert caught.value.code == "fetch.bad_url"
    assert "\n" not in str(caught.value)


def test_a_malformed_url_is_one_failed_record_among_the_inputs(local_site: str) -> None:
    documents = list(
        load_documents(["http://127.0.0.1:port/", f"{local_site}/page.txt"], settings=Settings(fetch=LOCAL))
    )
    assert [document.error.code if document.error else None for document in documents] == ["fetch.bad_url", None]


class _Trickle(BaseHTTPRequestHandler):
    """Serves /trickle a byte every 0.1 s, and /gzip a text compressed though nobody asked."""

    def do_GET(self) -> None:
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "200")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            return
        body = gzip.compress(ARTICLE.encode())
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


ARTICLE = "Tram line opens\n\nThe council said the tram line would open in Larsford in 2027.\n" * 3


@pytest.fixture
def slow_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_url_timeout_bounds_the_whole_fetch_not_each_read(slow_site: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{slow_site}/trickle", settings=FetchSettings(allow_private=True, timeout=1))
    assert caught.value.code == "fetch.timeout"
    assert time.monotonic() - started < 3


def test_an_unrequested_gzip_response_is_read_as_its_text(slow_site: str) -> None:
    document = read_url(f"{slow_site}/gzip", settings=Settings(fetch=LOCAL))
    assert document.error is None
    assert "tram line would open" in document.text


def test_a_gzip_response_is_capped_after_decompression(slow_site: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{slow_site}/gzip", settings=FetchSettings(allow_private=True, max_bytes=100))
    assert caught.value.code == "fetch.too_large"


def test_fetch_connects_to_the_address_it_checked(local_site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the name resolves to a public address for the check, then to loopback."""
    port = int(local_site.rsplit(":", 1)[1])
    answers = ["8.8.8.8", "127.0.0.1"]
    lookups: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host: str, *args: object, **kwargs: object) -> list:
        if host != "rebind.example":
            return real(host, *args, **kwargs)
        address = answers[min(len(lookups), 1)]
        lookups.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(FetchError) as caught:
        fetch_url(f"http://rebind.example:{port}/article.html", settings=FetchSettings(timeout=1))
    assert caught.value.code in ("fetch.unreachable", "fetch.timeout")
    assert lookups == ["8.8.8.8"]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_a_pinned_https_fetch_keeps_the_host_for_tls_and_the_host_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )
    seen: dict[str, str] = {}

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen["host"] = self.headers["Host"]
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    context.sni_callback = lambda _socket, name, _context: seen.__setitem__("sni", name)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))  # trust the test's certificate only
    try:
        port = server.server_address[1]
        page = fetch_url(f"https://localhost:{port}/", settings=FetchSettings(allow_private=True, timeout=5))
    finally:
        server.shutdown()
        server.server_close()
    assert page.body == b"hello"
    assert seen == {"sni": "localhost", "host": f"localhost:{port}"}
