"""The JSON API: analyse, fetch a stored document, search, list, and count techniques.

Every route answers the contract's JSON for documents and the app's one error shape for
failures; FastAPI publishes the OpenAPI description at /openapi.json and /docs.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field, field_validator

from spinscope.web.inputs import read_request_input
from spinscope.web.service import MAX_COMPARED, Service, get_service

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])


ServiceDep = Annotated[Service, Depends(get_service)]
_SURROGATE = re.compile("[\ud800-\udfff]")


class AnalyzeRequest(BaseModel):
    """One article to analyse: its text or its URL, and optionally its title and date."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("text", "url", "title", "published")
    @classmethod
    def _no_lone_surrogates(cls, value: str | None) -> str | None:
        # JSON can escape half of a UTF-16 pair ("\ud800"), which is no character at all.
        if value is not None and (found := _SURROGATE.search(value)):
            raise ValueError(
                f"holds a lone surrogate (\\u{ord(found.group()):04x}) at character {found.start()}, "
                "which is not text; send the text as UTF-8"
            )
        return value

    text: str | None = Field(None, description="The article's text (or its HTML source).")
    url: str | None = Field(None, description="An http(s) URL to fetch; private addresses are refused.")
    title: str | None = Field(None, description="Replaces the title found in the article.")
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    store: bool = Field(True, description="Keep the analysis in the store.")


class SnippetPart(BaseModel):
    """A piece of a search snippet; `match` marks the words that matched."""

    text: str
    match: bool


class SearchHitOut(BaseModel):
    """A stored document that matches a search."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    snippet: list[SnippetPart]


class SearchOut(BaseModel):
    """One page of search results."""

    query: str
    total: int
    limit: int
    offset: int
    hits: list[SearchHitOut]


class TechniqueCount(BaseModel):
    """How many spans of one technique a group of documents has."""

    group: str
    technique: str
    count: int


@router.post("/analyze", summary="Analyse an article", response_description="The analysed document (the JSON contract)")
def analyze(body: AnalyzeRequest, service: ServiceDep) -> dict[str, Any]:
    """Analyse the article given as text or URL and return the analysed document."""
    document = read_request_input(
        settings=service.settings, text=body.text, url=body.url, title=body.title, published=body.published
    )
    return service.analyze(document, keep=body.store).to_dict()


@router.get("/documents/{document_id}", summary="A stored document")
def get_document(document_id: str, service: ServiceDep) -> dict[str, Any]:
    """The stored analysis of one document (the JSON contract)."""
    return service.store.get(document_id).to_dict()


@router.get("/documents", summary="Stored documents, newest first")
def list_documents(
    service: ServiceDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    """Summaries of the stored documents."""
    return [summary.to_dict() for summary in service.store.list_documents(limit=limit, offset=offset)]


@router.get("/search", summary="Full-text search over the stored documents")
def search(
    service: ServiceDep,
    q: Annotated[str, Query(description="Words to find in titles and texts.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> SearchOut:
    """The stored documents whose title or text contains every word of `q`, best first."""
    hits = service.store.search(q, limit=limit, offset=offset)
    return SearchOut(
        query=q,
        total=service.store.count_matches(q),
        limit=limit,
        offset=offset,
        hits=[
            SearchHitOut(
                id=hit.id,
                title=hit.title,
                source=hit.source,
                published=hit.published,
                snippet=[SnippetPart(text=text, match=match) for text, match in hit.snippet],
            )
            for hit in hits
        ],
    )


@router.get("/corpus/techniques", summary="Technique counts per source or per month")
def technique_counts(service: ServiceDep, by: Literal["source", "month"] = "source") -> list[TechniqueCount]:
    """How many spans of each technique the stored documents have, grouped by site or month."""
    return [
        TechniqueCount(group=group, technique=technique, count=count)
        for group, technique, count in service.store.technique_counts(by=by)
    ]


@router.get("/compare", summary="Compare stored documents claim by claim")
def compare_documents(
    service: ServiceDep,
    ids: Annotated[list[str], Query(description=f"Two to {MAX_COMPARED} stored document ids.")],
) -> dict[str, Any]:
    """Aligned claims, differences, omissions and word choices of the stored documents `ids`."""
    return service.compare(ids).to_dict()
