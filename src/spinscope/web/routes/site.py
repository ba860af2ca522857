"""The HTML pages: analyse (paste, upload, URL), a document's report, search, corpus.

A failed submission shows the form again with the error and everything typed, so nothing is
lost; every other failure gets the app's error page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from spinscope.errors import SpinscopeError
from spinscope.render import comparison_to_html, to_html
from spinscope.web import pages
from spinscope.web.errors import error_status
from spinscope.web.inputs import read_request_input
from spinscope.web.service import Service, get_service

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
ServiceDep = Annotated[Service, Depends(get_service)]
_RECENT = 20
_PAGE_SIZE = 20


@router.get("/")
def index(service: ServiceDep) -> HTMLResponse:
    """The analyse form and the latest stored documents."""
    return pages.html_response(pages.index_page(service.store.list_documents(limit=_RECENT, offset=0)))


@router.post("/analyze")
def analyze(
    service: ServiceDep,
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Analyse what the form gives, store it, and show its report."""
    upload = (file.filename or "upload", file.file.read()) if file is not None and file.filename else None
    # Browsers send a textarea's line breaks as CRLF whatever was pasted; the text had LF.
    text = text.replace("\r\n", "\n")
    try:
        document = read_request_input(
            settings=service.settings,
            text=text,
            url=url,
            upload=upload,
            title=title,
            published=published,
        )
        analysed = service.analyze(document)
    except SpinscopeError as error:
        form = {"text": text, "url": url, "title": title, "published": published}
        page = pages.index_page(
            service.store.list_documents(limit=_RECENT, offset=0), error=(error.code, error.message), form=form
        )
        return pages.html_response(page, error_status(error))
    return RedirectResponse(f"/documents/{analysed.id}", status_code=303)


@router.get("/documents/{document_id}")
def report(document_id: str, service: ServiceDep) -> HTMLResponse:
    """The report of a stored document."""
    document = service.store.get(document_id)
    links = [("Analyse", "/"), ("Search", "/search"), ("Corpus", "/corpus"), ("JSON", f"/api/documents/{document.id}")]
    return pages.html_response(to_html(document, links=links))


@router.get("/search")
def search(
    service: ServiceDep,
    q: Annotated[str, Query()] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """Full-text search over the store."""
    query = q.strip()
    if not query:
        return pages.html_response(pages.search_page("", [], total=0, limit=_PAGE_SIZE, offset=0))
    hits = service.store.search(query, limit=_PAGE_SIZE, offset=offset)
    total = service.store.count_matches(query)
    return pages.html_response(pages.search_page(query, hits, total=total, limit=_PAGE_SIZE, offset=offset))


@router.get("/corpus")
def corpus(service: ServiceDep) -> HTMLResponse:
    """Technique counts per source and over time."""
    store = service.store
    page = pages.corpus_page(
        store.technique_counts(by="source"), store.technique_counts(by="month"), documents=len(store)
    )
    return pages.html_response(page)


@router.get("/compare")
def compare_page(service: ServiceDep, ids: Annotated[list[str], Query()]) -> HTMLResponse:
    """The side-by-side comparison of the stored documents `ids`."""
    return pages.html_response(comparison_to_html(service.compare(ids)))
