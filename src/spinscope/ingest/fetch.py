"""Fetch a page over HTTP(S), safely: one deadline, a size cap, and no private addresses.

Invariants:
- Every connection, the first and each redirect's, goes to an address that was checked: the
  host is resolved once, when the connection opens, every address it resolves to must be
  global (`ipaddress`' ``is_global``, and so must any IPv4 address embedded in an IPv6 one:
  IPv4-mapped, IPv4-compatible, 6to4, Teredo, NAT64), and the socket connects to one of
  those very addresses. A name that resolves to a public address for the check and to a
  private one for the connection (DNS rebinding) cannot get through. The Host header and the
  TLS server name stay the URL's host. `FetchSettings.allow_private` lifts the check.
- Proxies from the environment are not used: a proxy would resolve the host itself.
- `FetchSettings.timeout` bounds the whole fetch, connecting, redirects and every read
  together, not each read: a server that trickles bytes is cut off at the deadline.
- No more than `FetchSettings.max_bytes` of body are read, after decompression when the
  server compressed it (gzip or deflate, asked for or not).
- Every failure is a `FetchError` with a stable code; a malformed URL is ``fetch.bad_url``.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import Any

from spinscope.errors import FetchError
from spinscope.settings import FetchSettings

__all__ = ["FetchedPage", "check_url", "fetch_url"]

_CHUNK = 65536
_UNSAFE_CHARACTER = re.compile(r"[\x00-\x20\x7f]")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_SHARED = ipaddress.ip_network("100.64.0.0/10")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched response body, with where it finally came from and what it says it is."""

    url: str
    body: bytes
    content_type: str
    charset: str | None


def check_url(url: str, *, settings: FetchSettings) -> None:
    """Refuse a URL that is malformed, not http(s), or whose host resolves to a forbidden address.

    `fetch_url` checks again as it connects, and connects to the addresses it checked.

    Raises:
        FetchError: ``fetch.bad_url``, ``fetch.unreachable`` (the host does not resolve) or
            ``fetch.forbidden_address``.
    """
    host, port = _host_and_port(url)
    if not settings.allow_private:
        _checked_addresses(host, port, url=url)


def fetch_url(url: str, *, settings: FetchSettings) -> FetchedPage:
    """Fetch `url` and return its body, following redirects that pass the same checks.

    Raises:
        FetchError: The URL is refused, cannot be reached, answers an HTTP error, is too
            large, or does not finish within `settings.timeout` seconds.
    """
    _host_and_port(url)
    deadline = _Deadline(settings.timeout)
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler({}),  # never a proxy: it would resolve the host unchecked
        urllib.request.UnknownHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        _CheckedRedirects(settings),
        _PinnedHTTPHandler(settings, deadline),
        _PinnedHTTPSHandler(settings, deadline),
    ):
        opener.add_handler(handler)
    request = urllib.request.Request(url, headers={"User-Agent": settings.user_agent})
    try:
        with deadline, opener.open(request, timeout=settings.timeout) as response:
            headers: Message = response.headers
            encoding = headers.get("Content-Encoding")
            body = _read_capped(response, encoding, url=url, settings=settings, deadline=deadline)
            final_url = response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        raise FetchError(
            f"{url} answered HTTP {error.code} {error.reason}; check the URL",
            code="fetch.http_status",
        ) from error
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, FetchError):
            raise reason from error
        if deadline.passed or isinstance(reason, TimeoutError):
            raise _timeout(url, settings) from error
        raise FetchError(
            f"{url} could not be reached or read ({reason}); check the URL and the network, or save the page to a file",
            code="fetch.unreachable",
        ) from error
    return FetchedPage(
        url=final_url,
        body=body,
        content_type=headers.get_content_type(),
        charset=headers.get_content_charset(),
    )


def _host_and_port(url: str) -> tuple[str, int]:
    """The URL's host and port, or a one-line `FetchError` saying what is wrong with the URL."""
    if not isinstance(url, str) or (found := _UNSAFE_CHARACTER.search(url)):
        what = "is not text" if not isinstance(url, str) else f"holds {found.group()!r} at {found.start()}"
        raise FetchError(
            f"the URL {url!r} {what}; a URL has no spaces or control characters (write a space as %20)",
            code="fetch.bad_url",
        )
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError(
            f"{url!r} is not a valid URL ({error}); check the host and port", code="fetch.bad_url"
        ) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url} is not an http:// or https:// URL with a host", code="fetch.bad_url")
    return parts.hostname, port or (443 if parts.scheme.lower() == "https" else 80)


def _resolve(host: str, port: int, *, url: str) -> list[tuple[Any, ...]]:
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FetchError(
            f"{url}: the host {host!r} could not be resolved ({error}); check the URL and the network",
            code="fetch.unreachable",
        ) from error


def _checked_addresses(host: str, port: int, *, url: str) -> list[tuple[Any, ...]]:
    """Resolve `host` once and return its addresses, refusing it when any is not global."""
    infos = _resolve(host, port, url=url)
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        kind = _forbidden_kind(address)
        if kind is not None:
            raise FetchError(
                f"refusing to fetch {url}: {host} resolves to {address}, {kind}; "
                "fetching from local or private networks needs FetchSettings.allow_private",
                code="fetch.forbidden_address",
            )
    return infos


def _forbidden_kind(address: Address) -> str | None:
    """Why `address` may not be fetched from (``"a loopback address"``, ...), or None when it
    and every IPv4 address embedded in it are global."""
    if isinstance(address, ipaddress.IPv6Address):
        for embedded in _embedded_ipv4(address):
            kind = _forbidden_kind(embedded)
            if kind is not None:
                return f"an IPv6 address that carries {embedded}, {kind}"
    checks = (
        ("a loopback address", address.is_loopback),
        ("a link-local address", address.is_link_local),
        ("a private address", address.is_private),
        ("a multicast address", address.is_multicast),
        ("an unspecified address", address.is_unspecified),
        ("a shared (carrier-grade NAT) address", isinstance(address, ipaddress.IPv4Address) and address in _SHARED),
        ("a reserved address", address.is_reserved),
        ("a non-global address", not address.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: mapped, compatible, 6to4, Teredo, NAT64."""
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if address in _IPV4_COMPATIBLE or any(address in network for network in _NAT64):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


class _Deadline:
    """The fetch's one deadline: sockets opened under it are shut down when it passes, so
    that no read, however slow the server, outlasts it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    @property
    def remaining(self) -> float:
        return self.end - time.monotonic()

    @property
    def passed(self) -> bool:
        return self.remaining <= 0

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
        if self.passed:
            self._expire()

    def _expire(self) -> None:
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


def _open_socket(host: str, port: int, *, settings: FetchSettings, deadline: _Deadline) -> socket.socket:
    """A socket connected to one of `host`'s checked addresses, watched by the deadline."""
    url = f"{host}:{port}"  # a redirect's URL is not known here; the host and port say enough
    infos = _resolve(host, port, url=url) if settings.allow_private else _checked_addresses(host, port, url=url)
    error: OSError | None = None
    for family, kind, proto, _, address in infos:
        if deadline.passed:
            raise TimeoutError("the deadline passed while connecting")
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(max(deadline.remaining, 0.001))
            sock.connect(address)
        except OSError as failure:
            sock.close()
            error = failure
            continue
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        deadline.watch(sock)
        return sock
    raise error or OSError(f"{host} has no address to connect to")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address checked as it connects (the Host header stays the host)."""

    def __init__(self, host: str, *, fetch: FetchSettings, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._fetch, self._deadline = fetch, deadline

    def connect(self) -> None:
        self.sock = _open_socket(self.host, self.port, settings=self._fetch, deadline=self._deadline)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to an address checked as it connects; TLS checks the URL's host name."""

    def __init__(self, host: str, *, fetch: FetchSettings, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._fetch, self._deadline = fetch, deadline

    def connect(self) -> None:
        sock = _open_socket(self.host, self.port, settings=self._fetch, deadline=self._deadline)
        # `_context` is set by HTTPSConnection itself; typeshed does not list it.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _pinned(
    connection: type[http.client.HTTPConnection], settings: FetchSettings, deadline: _Deadline
) -> Callable[..., Any]:
    def build(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        return connection(host, fetch=settings, deadline=deadline, **kwargs)  # type: ignore[call-arg]

    return build


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, settings: FetchSettings, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _pinned(_PinnedHTTPConnection, settings, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, settings: FetchSettings, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _pinned(_PinnedHTTPSConnection, settings, deadline)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._context)  # type: ignore[attr-defined]


def _read_capped(
    response: Any, encoding: str | None, *, url: str, settings: FetchSettings, deadline: _Deadline
) -> bytes:
    """The body, decompressed if the server compressed it, refused past `settings.max_bytes`."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        # wbits 47: a gzip or a zlib header, whichever the body has.
        inflater: Any = zlib.decompressobj(47)
    elif encoding == "identity":
        inflater = None
    else:
        raise FetchError(
            f"{url} sent its body encoded as {encoding!r}, which spinscope cannot decode; save the page to a file",
            code="fetch.content_encoding",
        )
    chunks: list[bytes] = []
    size = 0
    # read1 returns what one receive brings, so the deadline is checked between every receive.
    while not deadline.passed and (raw := response.read1(_CHUNK)):
        if inflater is None:
            chunk = raw
        else:
            try:
                chunk = inflater.decompress(raw, settings.max_bytes + 1 - size)
            except zlib.error as error:
                raise FetchError(
                    f"{url} sent a body marked {encoding} that does not decompress ({error}); save the page to a file",
                    code="fetch.content_encoding",
                ) from error
        size += len(chunk)
        if size > settings.max_bytes or (inflater is not None and inflater.unconsumed_tail):
            raise FetchError(
                f"{url} sent more than the {settings.max_bytes:,}-byte limit; "
                "raise it with FetchSettings.max_bytes or save the page to a file",
                code="fetch.too_large",
            )
        chunks.append(chunk)
    if deadline.passed:
        raise _timeout(url, settings)
    return b"".join(chunks)


def _timeout(url: str, settings: FetchSettings) -> FetchError:
    return FetchError(
        f"{url} did not finish within {settings.timeout:g} s; try again later or raise FetchSettings.timeout",
        code="fetch.timeout",
    )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a well-formed http(s) URL, and only so many times; the new
    host's addresses are checked when its connection opens."""

    def __init__(self, settings: FetchSettings) -> None:
        super().__init__()
        self.settings = settings
        # urllib reads the limit from the instance; typeshed calls it a class variable.
        self.max_redirections = settings.max_redirects  # type: ignore[misc]

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        _host_and_port(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
