from __future__ import annotations

import pytest

from spinscope import InputError, Source
from spinscope.ingest.html import clean_byline, clean_title, read_html

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
        "https://merrow-courier.example/images/flood.jpg",
        "Flood water on Mill Lane",
        "Tom Reyes",
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
    [
        "<html><body></body></html>",
        "<<<>>> not really </html",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
    ids=["empty-body", "garbage", "navigation-only"],
)
def test_read_html_refuses_pages_without_article_text(html: str) -> None:
    with pytest.raises(InputError, match="page.html") as caught:
        read_html(html, source=Source("html", "page.html"))
    assert caught.value.code == "input.html"


# The team's own short pages and metadata strings.
_GERMAN_PAGE = """<html lang="en"><head><title>Straßenbahn wird verlängert</title></head><body>
<article><h1>Straßenbahn wird verlängert</h1>
<p>Der Stadtrat hat am Dienstag beschlossen, die Straßenbahnlinie bis zum neuen Bahnhof zu verlängern.</p>
<p>Die Bauarbeiten sollen im Frühjahr beginnen und zwei Jahre dauern, teilte die Verwaltung mit.</p>
</article></body></html>"""
_ENGLISH_PAGE = """<html><head><title>Tram plan approved | The Larsford Herald</title></head><body>
<article><h1>Tram plan approved</h1>
<p>The council met on Monday and voted to fund the new tram line with a loan from the regional bank.</p>
<p>Work is expected to start in the spring and to take two years, according to the transport office.</p>
</article></body></html>"""


def test_read_html_reads_the_language_from_the_text_not_the_markup() -> None:
    metadata = read_html(_GERMAN_PAGE, source=Source("html", "de.html")).metadata
    assert (metadata.language, metadata.language_note) == ("de", None)


def test_read_html_cites_the_headline_opening_the_text_as_the_title() -> None:
    document = read_html(_ENGLISH_PAGE, source=Source("html", "en.html"))
    assert document.metadata.title == "Tram plan approved"
    assert [span.text for span in document.metadata.evidence["title"]] == ["Tram plan approved"]


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Apple opens a store in Baku – TechCrunch", "TechCrunch", None, "Apple opens a store in Baku"),
        ("Windows 12 leaks early | ZDNet", None, "https://www.zdnet.com/article/x", "Windows 12 leaks early"),
        ("Our view: the tram must wait | Editorial", None, None, "Our view: the tram must wait"),
        ("Larsford Herald - Tram plan approved", "Larsford Herald", None, "Tram plan approved"),
        ("Larsford Herald", "Larsford Herald", None, "Tram plan approved today"),
        ("Themen", None, None, "Tram plan approved today"),
        ("Biden wins - again", None, None, "Biden wins - again"),
        ("Armenia | Azerbaijan talks resume in Geneva", None, None, "Armenia | Azerbaijan talks resume in Geneva"),
    ],
    ids=[
        "dash-site",
        "bar-host",
        "bar-section",
        "site-first",
        "site-alone",
        "section-alone",
        "dash-not-a-site",
        "bar-inside-headline",
    ],
)
def test_clean_title_drops_site_decorations(title: str, site: str | None, url: str | None, expected: str) -> None:
    assert clean_title(title, site=site, url=url, headlines=["Tram plan approved today"]) == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Ap Auto Writer", ()),
        ("Malcolm Owen Monday", ("Malcolm Owen",)),
        ("Phil Helsel is a reporter", ("Phil Helsel",)),
        ("Staff writer", ()),
        ("Admin", ()),
        ("Anna Berg; Tomas Ruiz", ("Anna Berg", "Tomas Ruiz")),
        ("By Leyla Mammadova, Baku correspondent", ("Leyla Mammadova",)),
        ("Jean de la Fontaine and Max Müller 12.03.2020", ("Jean de la Fontaine", "Max Müller")),
        ("Larsford Herald", ()),
    ],
    ids=[
        "agency-role",
        "name-weekday",
        "name-sentence",
        "role-only",
        "admin",
        "two-names",
        "name-and-role",
        "particles-and-date",
        "the-site",
    ],
)
def test_clean_byline_keeps_names_only(author: str, expected: tuple[str, ...]) -> None:
    assert clean_byline(author, site="Larsford Herald") == expected


@pytest.mark.parametrize(
    "elements",
    [
        '["Home", "World"]',
        '[1, null, {"position": "x", "name": "Home"}]',
        '"Home"',
        '[{"item": "https://x.org/", "position": 1}]',
    ],
    ids=["strings", "mixed", "a-string", "item-is-a-url"],
)
def test_read_html_survives_json_ld_breadcrumbs_that_are_not_objects(elements: str) -> None:
    html = f"""<html><head><script type="application/ld+json">
    {{"@type": "BreadcrumbList", "itemListElement": {elements}}}
    </script></head><body><article><h1>Talks resume</h1>
    <p>Negotiators met again on Monday in a neutral capital after a pause of several weeks.</p>
    <p>Both delegations said the atmosphere was constructive, according to officials.</p></article></body></html>"""
    crumbs = read_html(html, source=Source("html")).metadata.breadcrumbs
    assert crumbs == (("Home",) if "name" in elements else ())
