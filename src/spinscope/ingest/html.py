"""HTML input: the article's main text and metadata, through trafilatura and htmldate.

`Document.text` is the main text trafilatura extracts (boilerplate, menus and scripts
removed); offsets point into that text, not into the HTML. Metadata comes from the markup:
title, date, authors, site name and language from trafilatura (which uses htmldate for the
date, with htmldate itself as a fallback), breadcrumbs from breadcrumb navigation or
schema.org markup, images from ``<figure>`` elements or the page's preview image.
"""

from __future__ import annotations

import json
import re
from typing import Any

from spinscope.document import Document, Image, Metadata, Source
from spinscope.errors import InputError
from spinscope.ingest.text import split_credit

__all__ = ["MIN_ARTICLE_WORDS", "read_html"]

# Fewer words than this is navigation or an error page, not an article.
MIN_ARTICLE_WORDS = 10
_BREADCRUMB_XPATH = (
    "//*[contains(translate(@aria-label, 'BREADCUM', 'breadcum'), 'breadcrumb')"
    " or contains(translate(@class, 'BREADCUM', 'breadcum'), 'breadcrumb')"
    " or contains(translate(@id, 'BREADCUM', 'breadcum'), 'breadcrumb')]"
)


def read_html(html: str, *, source: Source, url: str | None = None) -> Document:
    """Build a document from an HTML page's main text and metadata."""
    import trafilatura
    from lxml import html as lxml_html

    name = source.name or "the HTML input"
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError) as error:
        raise InputError(
            f"{name} could not be parsed as HTML ({error}); check that the file is a web page",
            code="input.html",
        ) from error
    extracted = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(
            f"{name} has no article text that could be extracted ({len(text.split())} words found); "
            "check that it is an article page, or save the article's text as a .txt file",
            code="input.html",
        )
    metadata = Metadata(
        title=_clean(extracted.title),
        published=extracted.date or _htmldate(tree),
        byline=_authors(extracted.author),
        site=_clean(extracted.sitename),
        breadcrumbs=_breadcrumbs(tree),
        images=_images(tree, fallback=extracted.image),
        language=_clean(extracted.language) or _clean(tree.get("lang")),
        url=url or _clean(extracted.url),
    )
    return Document(text, source=source, metadata=metadata)


def _htmldate(tree: Any) -> str | None:
    from htmldate import find_date

    return find_date(tree, extensive_search=False, original_date=True)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _authors(author: str | None) -> tuple[str, ...]:
    if not author:
        return ()
    return tuple(part.strip() for part in re.split(r";|\s+and\s+", author) if part.strip())


def _breadcrumbs(tree: Any) -> tuple[str, ...]:
    for container in tree.xpath(_BREADCRUMB_XPATH):
        items = [_clean(item.text_content()) for item in container.xpath(".//li")]
        if not items:
            items = [_clean(link.text_content()) for link in container.xpath(".//a")]
        items = [item for item in items if item]
        if items:
            return tuple(items)
    for script in tree.xpath("//script[@type='application/ld+json']"):
        crumbs = _json_ld_breadcrumbs(script.text or "")
        if crumbs:
            return crumbs
    return ()


def _json_ld_breadcrumbs(payload: str) -> tuple[str, ...]:
    try:
        data = json.loads(payload)
    except json.JSONDecodeError:
        return ()
    nodes = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    for node in nodes:
        if isinstance(node, dict) and node.get("@type") == "BreadcrumbList":
            items = sorted(node.get("itemListElement", []), key=lambda item: item.get("position", 0))
            names = [item.get("name") or (item.get("item") or {}).get("name") for item in items]
            return tuple(name for name in names if isinstance(name, str) and name)
    return ()


def _images(tree: Any, *, fallback: str | None) -> tuple[Image, ...]:
    images: list[Image] = []
    for figure in tree.xpath("//figure"):
        sources = figure.xpath(".//img/@src | .//img/@data-src")
        captions = figure.xpath(".//figcaption")
        caption_text = _clean(captions[0].text_content()) if captions else None
        caption, credit = split_credit(caption_text) if caption_text else (None, None)
        if sources or caption:
            images.append(Image(url=sources[0] if sources else None, caption=caption, credit=credit))
    if not images and fallback:
        images.append(Image(url=fallback))
    return tuple(images)
