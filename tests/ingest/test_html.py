from __future__ import annotations

import pytest

from spinscope import InputError, Source
from spinscope.ingest.html import read_html

from ..conftest import FIXTURES


@pytest.fixture(scope="module")
def page():
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8")
    return read_html(html, source=Source("html", "news_page.html"))


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "River Merrow bursts its banks, flooding dozens of homes"),
        ("published", "2025-03-04"),
        ("byline", ("Priya Nair",)),
        ("site", "The Merrow Courier"),
        ("breadcrumbs", ("Home", "News", "Environment")),
        ("language", "en"),
    ],
    ids=["title", "date", "byline", "site", "breadcrumbs", "language"],
)
def test_read_html_reads_metadata(page, field: str, expected: object) -> None:
    assert getattr(page.metadata, field) == expected


def test_read_html_reads_figure_caption_and_credit(page) -> None:
    [image] = page.metadata.images
    assert (image.url, image.caption, image.credit) == (
        "https://merrow-courier.example/images/flood.jpg", "Flood water on Mill Lane", "Tom Reyes",
    )


def test_read_html_keeps_the_article_and_drops_the_furniture(page) -> None:
    assert "The river rose faster than any of our models predicted" in page.text
    assert "courierConfig" not in page.text
    assert "What's On" not in page.text


def test_read_html_reads_json_ld_breadcrumbs() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
      {"@type": "ListItem", "position": 2, "name": "World"},
      {"@type": "ListItem", "position": 1, "name": "Home"}]}
    </script></head><body><article><h1>Talks resume</h1>
    <p>Negotiators met again on Monday in a neutral capital after a pause of several weeks.</p>
    <p>Both delegations said the atmosphere was constructive, according to officials.</p></article></body></html>"""
    assert read_html(html, source=Source("html")).metadata.breadcrumbs == ("Home", "World")


@pytest.mark.parametrize(
    "html",
    ["<html><body></body></html>", "<<<>>> not really </html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"],
    ids=["empty-body", "garbage", "navigation-only"],
)
def test_read_html_refuses_pages_without_article_text(html: str) -> None:
    with pytest.raises(InputError, match="page.html") as caught:
        read_html(html, source=Source("html", "page.html"))
    assert caught.value.code == "input.html"
