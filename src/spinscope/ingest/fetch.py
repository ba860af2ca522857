"""Fetch a page over HTTP(S), safely: a timeout, a size cap, and no private addresses.

Every host the request reaches, the first and each redirect's, is resolved and refused when
any of its addresses is loopback, private, link-local, multicast, reserved or unspecified,
unless `FetchSettings.allow_private` is set. This keeps a URL given by someone else from
reaching services behind the machine spinscope runs on.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from spinscope.errors import FetchError
from spinscope.settings import FetchSettings

__all__ = ["FetchedPage", "check_url", "fetch_url"]

_CHUNK = 65536


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched response body, with where it finally came from and what it says it is."""

    url: str
    body: bytes
    content_type: str
    charset: str | None


def check_url(url: str, *, settings: FetchSettings) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a forbidden address."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(
            f"{url} is not an http:// or https:// URL with a host", code="fetch.bad_url"
        )
    if settings.allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, ValueError) as error:
        raise FetchError(
            f"{url}: the host {parts.hostname!r} could not be resolved ({error}); "
            "check the URL and the network",
            code="fetch.unreachable",
        ) from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        kind = _forbidden_kind(address)
        if kind is not None:
            raise FetchError(
                f"refusing to fetch {url}: {parts.hostname} resolves to {address}, a {kind} "
                "address; pass --allow-private to fetch from local or private networks",
                code="fetch.forbidden_address",
            )


def fetch_url(url: str, *, settings: FetchSettings) -> FetchedPage:
    """Fetch `url` and return its body, following redirects that pass the same checks."""
    check_url(url, settings=settings)
    opener = urllib.request.build_opener(_CheckedRedirects(settings))
    request = urllib.request.Request(url, headers={"User-Agent": settings.user_agent})
    try:
        with opener.open(request, timeout=settings.timeout) as response:
            body = _read_capped(response, url=url, settings=settings)
            headers: Message = response.headers
            final_url = response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        raise FetchError(
            f"{url} answered HTTP {error.code} {error.reason}; check the URL",
            code="fetch.http_status",
        ) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, FetchError):
            raise error.reason from error
        if isinstance(error.reason, TimeoutError):
            raise _timeout(url, settings) from error
        raise FetchError(
            f"{url} could not be reached ({error.reason}); check the URL and the network",
            code="fetch.unreachable",
        ) from error
    except TimeoutError as error:
        raise _timeout(url, settings) from error
    except OSError as error:
        raise FetchError(
            f"{url} could not be read ({error}); try again or save the page to a file",
            code="fetch.unreachable",
        ) from error
    return FetchedPage(
        url=final_url,
        body=body,
        content_type=headers.get_content_type(),
        charset=headers.get_content_charset(),
    )


def _read_capped(response: object, *, url: str, settings: FetchSettings) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):  # type: ignore[attr-defined]
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(
                f"{url} sent more than the {settings.max_bytes:,}-byte limit; "
                "raise it with --max-bytes or save the page to a file",
                code="fetch.too_large",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _timeout(url: str, settings: FetchSettings) -> FetchError:
    return FetchError(
        f"{url} did not answer within {settings.timeout:g} s; try again later or raise --timeout",
        code="fetch.timeout",
    )


def _forbidden_kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("private", address.is_private),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("unspecified", address.is_unspecified),
    )
    return next((kind for kind, hit in checks if hit), None)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a URL that passes `check_url`, and only so many times."""

    def __init__(self, settings: FetchSettings) -> None:
        super().__init__()
        self.settings = settings
        self.max_redirections = settings.max_redirects

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl, settings=self.settings)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
