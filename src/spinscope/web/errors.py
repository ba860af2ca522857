"""How failures become responses: one error shape, as JSON or as a page.

Under ``/api`` (and for clients that do not ask for HTML) a failure is
``{"error": {"code": ..., "message": ...}}``; a browser gets the error page with the same
code and message. The status depends on the error, never on the route.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from spinscope.errors import FetchError, SpinscopeError
from spinscope.web import pages

__all__ = ["error_response", "error_status"]

# Fetch failures that are the remote server's fault rather than the request's.
_UPSTREAM_CODES = frozenset({"fetch.unreachable", "fetch.timeout", "fetch.http_status"})
_STATUS_BY_PREFIX = (("store.not_found", 404), ("input.too_large", 413), ("fetch.too_large", 413))


def error_status(error: SpinscopeError) -> int:
    """The HTTP status of a spinscope error: 404 for what is not there, 413 for what is too
    large, 502 for a remote server that failed, 400 for any other bad input."""
    for prefix, status in _STATUS_BY_PREFIX:
        if error.code.startswith(prefix):
            return status
    if isinstance(error, FetchError) and error.code in _UPSTREAM_CODES:
        return 502
    return 400 if isinstance(error, ValueError | LookupError) else 500


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    """The response of a failure: the JSON error shape, or the error page for a browser."""
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return pages.html_response(pages.error_page(status, code, message), status)
