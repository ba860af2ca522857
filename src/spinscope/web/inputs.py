"""Turn what a request gives (pasted text, an uploaded file or a URL) into one document.

Exactly one of the three must be given; a title or publication date given beside it replaces
what was read from the article. Nothing is analysed here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.ingest import read_bytes, read_url
from spinscope.ingest.dates import parse_date
from spinscope.settings import Settings

__all__ = ["read_request_input"]

PASTED = "pasted text"


def read_request_input(
    *,
    settings: Settings,
    text: str | None = None,
    url: str | None = None,
    upload: tuple[str, bytes] | None = None,
    title: str | None = None,
    published: str | None = None,
) -> Document:
    """Read the one input a request gives, with the request's title and date applied.

    Args:
        settings: The ingest and fetch limits (size cap, timeout, no private addresses).
        text: Pasted article text (HTML source is read as a page).
        url: An http(s) URL to fetch.
        upload: An uploaded file's name and bytes.
        title: A title that replaces the one found in the article.
        published: A publication date (YYYY-MM-DD, or a form such as "8 November 2024").

    Raises:
        InputError: None or several inputs were given, the date is not a date, or the input
            cannot be read.
    """
    text, url = (value if value and value.strip() else None for value in (text, url))
    given = [name for name, value in (("text", text), ("url", url), ("file", upload)) if value]
    if len(given) != 1:
        what = "nothing" if not given else " and ".join(given)
        raise InputError(
            f"got {what}; give exactly one of: the article's text, a URL, or a file",
            code="input.request",
        )
    if text:
        document = read_bytes(text.encode("utf-8"), name=PASTED, settings=settings)
    elif url:
        document = read_url(url.strip(), settings=settings)
    else:
        assert upload is not None
        name, data = upload
        document = read_bytes(data, name=name or "upload", settings=settings)
    return _with_metadata(document, title=title, published=published)


def _with_metadata(document: Document, *, title: str | None, published: str | None) -> Document:
    changes: dict[str, Any] = {}
    if title and title.strip():
        changes["title"] = title.strip()
    if published and published.strip():
        found = parse_date(published.strip())
        if found is None:
            raise InputError(
                f"the publication date {published.strip()!r} is not a date; use YYYY-MM-DD",
                code="input.request",
            )
        changes["published"] = found[0]
    if not changes:
        return document
    # A field the request gives was not read from the text, so it has no evidence there.
    evidence = {name: spans for name, spans in document.metadata.evidence.items() if name not in changes}
    metadata = replace(document.metadata, **changes, evidence=evidence)
    return Document(document.text, source=document.source, metadata=metadata)
