"""The FastAPI app: its service object, its error handling and its request size cap.

Invariants:
- Every failure, on every route, answers with one error shape: ``{"error": {"code", "message"}}``
  as JSON under ``/api``, and an HTML page showing the same code and message elsewhere, with
  the same HTTP status either way.
- A request body over `WebSettings.max_request_bytes` is refused (413) before it is read whole.
- A body that cannot be parsed (not JSON, broken form data, nested too deeply) is 400
  ``request.unparsable``, however it is broken; a parsed body with wrong fields is 422
  ``request.invalid``.
- Every response forbids framing (``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'``),
  sniffing and referrers; every page sends its Content-Security-Policy as a header.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from spinscope import __version__
from spinscope.errors import SpinscopeError
from spinscope.pipeline import Pipeline
from spinscope.settings import Settings
from spinscope.web.errors import error_response, error_status
from spinscope.web.routes import api, site
from spinscope.web.service import Service

__all__ = ["build_app"]


def build_app(settings: Settings | None = None, *, pipeline: Pipeline | None = None) -> FastAPI:
    """Build the app; `spinscope.web.create_app` is the public way in."""
    settings = settings or Settings()
    service = Service(settings, pipeline=pipeline)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.start()
        try:
            yield
        finally:
            service.close()

    app = FastAPI(
        title="spinscope",
        version=__version__,
        description="Analyse news articles: techniques, quotes, entities, dates and claims, "
        'anchored to character offsets. Every error answers `{"error": {"code", "message"}}`.',
        lifespan=lifespan,
    )
    app.state.service = service
    app.include_router(api.router)
    app.include_router(site.router)
    _add_error_handlers(app)
    app.add_middleware(_BodySizeCap, limit=settings.web.max_request_bytes)
    app.add_middleware(_SecurityHeaders)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    async def spinscope_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, SpinscopeError)
        return error_response(request, error_status(error), error.code, error.message)

    async def validation_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        broken = [problem for problem in error.errors() if problem.get("type") == "json_invalid"]
        if broken:
            detail = broken[0].get("ctx", {}).get("error") or "JSON decode error"
            return error_response(request, 400, "request.unparsable", _UNPARSABLE.format(detail=detail))
        return error_response(request, 422, "request.invalid", _validation_message(error))

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code == 400 and error.detail == _STARLETTE_UNPARSABLE:
            detail = "nested too deeply, or broken form data"
            return error_response(request, 400, "request.unparsable", _UNPARSABLE.format(detail=detail))
        if error.status_code in _HTTP_ERRORS:
            code, template = _HTTP_ERRORS[error.status_code]
            message = template.format(path=request.url.path)
        else:
            code, message = "request.failed", str(error.detail)
        return error_response(request, error.status_code, code, message)

    async def unexpected_error(request: Request, error: Exception) -> Response:
        message = f"spinscope failed unexpectedly ({type(error).__name__}); please report it with the input"
        return error_response(request, 500, "internal", message)

    app.add_exception_handler(SpinscopeError, spinscope_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)


_STARLETTE_UNPARSABLE = "There was an error parsing the body"  # what FastAPI raises, at any depth
_UNPARSABLE = (
    "the request body cannot be parsed ({detail}); send one JSON object such as "
    '{{"text": "..."}} to /api/analyze, or the form\'s fields to /analyze'
)
_FRAMING = "frame-ancestors 'none'"
_HTTP_ERRORS = {
    404: ("request.not_found", "nothing at {path}; the pages are /, /search and /corpus, the API is under /api"),
    405: ("request.method", "{path} does not take this method; see /docs for the API"),
    413: ("request.too_large", "the request is too large; send a shorter text or a smaller file"),
}


def _validation_message(error: RequestValidationError) -> str:
    problems = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem.get("loc", ()) if part not in ("body", "query", "path"))
        problems.append(f"{where or 'the request'}: {problem.get('msg', 'is invalid')}")
    return "; ".join(problems) or "the request is invalid"


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class _SecurityHeaders:
    """Add to every response what keeps it out of frames, unsniffed and unreferred: framing is
    forbidden even where a page's policy says nothing of it."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers, policies = [], []
                for name, value in message.get("headers", ()):
                    if name.lower() == b"content-security-policy":
                        policies.append(value.decode("latin-1"))
                    else:
                        headers.append((name, value))
                policy = "; ".join([*policies, _FRAMING])
                headers += [
                    (b"content-security-policy", policy.encode("latin-1")),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, secured)


class _BodySizeCap:
    """Refuse request bodies over `limit` bytes: at once when Content-Length says so, and as
    they stream in otherwise, so that a large upload is never read into memory whole."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise HTTPException(413)
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        message = f"the request is over {self.limit:,} bytes; send a shorter text or a smaller file"
        response = error_response(request, 413, "request.too_large", message)
        await response(scope, receive, send)
