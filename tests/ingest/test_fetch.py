from __future__ import annotations

import pytest

from spinscope import FetchError, FetchSettings
from spinscope.ingest.fetch import check_url, fetch_url

LOCAL = FetchSettings(allow_private=True, timeout=5)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://localhost:8000/x", "http://10.1.2.3/", "http://192.168.0.1/",
     "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/"],
    ids=["loopback", "localhost", "private-10", "private-192", "link-local-metadata", "ipv6-loopback", "unspecified"],
)
def test_check_url_refuses_local_and_private_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="--allow-private") as caught:
        check_url(url, settings=FetchSettings())
    assert caught.value.code == "fetch.forbidden_address"


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "http:///nohost"], ids=["ftp", "file", "no-host"])
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
