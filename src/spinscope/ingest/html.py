"""HTML input: the article's main text and metadata, through trafilatura and htmldate.

`Document.text` is the main text trafilatura extracts (boilerplate, menus and scripts
removed); offsets point into that text, not into the HTML. Metadata comes from the markup:
title, date, authors and site name from trafilatura (which uses htmldate for the date, with
htmldate itself as a fallback), breadcrumbs from breadcrumb navigation or schema.org markup,
images from ``<figure>`` elements or the page's preview image. The language is detected from
the extracted text, never taken from the markup's ``lang`` attribute.

Metadata is cleaned for a reader:
- a title loses the site's name or section the page appends (``... – TechCrunch``,
  ``... | ZDNet``, ``... | Editorial``) or the site's name it starts with; a title that is the
  site's name or a section alone gives way to the page's first headline (``<h1>``);
- the extracted text's opening lines that repeat the title are cited as its evidence
  (`Metadata.evidence`), so that they count as page furniture, not body;
- a byline keeps names only: roles, agencies, dates and sentence fragments are dropped
  (``Phil Helsel is a reporter`` -> ``Phil Helsel``, ``Staff writer`` -> nothing).

Extraction runs with trafilatura's default settings (chosen on benchmarks/pages.py: on 884
real pages they find more of the article for little more boilerplate than ``favor_precision``,
which also took a paywall notice for the article and cut paragraphs at inline links).
"""

from __future__ import annotations

import json
import re
from typing import Any

from spinscope.document import Document, Image, Metadata, Source
from spinscope.errors import InputError
from spinscope.ingest.text import find_title_lines, split_credit
from spinscope.language import detect_language
from spinscope.months import MONTH_NAMES, WEEKDAYS

__all__ = ["MIN_ARTICLE_WORDS", "clean_byline", "clean_title", "read_html"]

# Fewer words than this is navigation or an error page, not an article.
MIN_ARTICLE_WORDS = 10
_BREADCRUMB_XPATH = (
    "//*[contains(translate(@aria-label, 'BREADCUM', 'breadcum'), 'breadcrumb')"
    " or contains(translate(@class, 'BREADCUM', 'breadcum'), 'breadcrumb')"
    " or contains(translate(@id, 'BREADCUM', 'breadcum'), 'breadcrumb')]"
)
# Separators between a headline and the site's name or section.
_TITLE_PARTS = re.compile(r"\s+(?:[|–—·•»«:]{1,2}|-{1,2})\s+")
_STRONG_SEPARATOR = re.compile(r"^\s*(?:\||::|·|•|«|»)\s*$")
_MAX_SECTION_WORDS = 4
# A title this short that the page's headline does not repeat is a site or section name.
_SECTION_TITLE_WORDS = 2
# Words that make a byline part a role or an agency rather than a name.
_NOT_NAME_WORDS = frozenset(
    """staff writer writers reporter reporters editor editors correspondent correspondents
    columnist contributor contributors contributing admin administrator team desk newsroom
    press news service services agency wire wires associated ap afp dpa reuters ansa
    auto senior chief political business sports science health digital deputy managing
    photographer photos photo video producer author guest by published updated posted""".split()
)
# Words that end the name in a byline part: a date follows it.
_DATE_WORDS = frozenset((*WEEKDAYS, *MONTH_NAMES))
_NAME_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "du", "dos", "di"}
)
# A sentence about the author after the name: "Phil Helsel is a reporter".
_VERB_BREAK = re.compile(r"\s+(?:is|was|has|writes|covers|reports|joined)\s+.*$", re.IGNORECASE)


def read_html(html: str, *, source: Source, url: str | None = None) -> Document:
    """Build a document from an HTML page's main text and metadata."""
    import trafilatura
    from lxml import html as lxml_html
    from trafilatura.settings import Document as Extracted

    name = source.name or "the HTML input"
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError) as error:
        raise InputError(
            f"{name} could not be parsed as HTML ({error}); check that the file is a web page",
            code="input.html",
        ) from error
    extracted = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    # trafilatura returns None when it finds nothing (and a dict only when asked to).
    text = (extracted.text or "").strip() if isinstance(extracted, Extracted) else ""
    if not isinstance(extracted, Extracted) or len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(
            f"{name} has no article text that could be extracted ({len(text.split())} words found); "
            "check that it is an article page, or save the article's text as a .txt file",
            code="input.html",
        )
    site = _clean(extracted.sitename)
    page_url = url or _clean(extracted.url)
    language = detect_language(text)
    title = clean_title(_clean(extracted.title), site=site, url=page_url, headlines=_headlines(tree))
    # The headline often opens the extracted text too: it is the title's evidence, not body.
    title_lines = find_title_lines(text, title) if title else ()
    metadata = Metadata(
        title=title,
        published=extracted.date or _htmldate(tree),
        byline=clean_byline(extracted.author, site=site, url=page_url),
        site=site,
        breadcrumbs=_breadcrumbs(tree),
        images=_images(tree, fallback=extracted.image),
        language=language.code,
        language_note=language.note,
        url=page_url,
        evidence={"title": title_lines} if title_lines else {},
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


def clean_title(title: str | None, *, site: str | None, url: str | None, headlines: list[str]) -> str | None:
    """A page's title without the site name or section it carries (``... | ZDNet``).

    A trailing part set off by ``|``, ``::``, ``·`` or guillemets is dropped when it is short
    (a site or a section); one set off by a dash or a colon only when it names the site (its
    name or its host); a leading part only when it is the site's name. A title that is the
    site's name alone, or one or two words no headline repeats (a section: ``Themen``), gives
    way to the page's first headline of three words or more.
    """
    if title is None:
        return None
    names = _site_names(site, url)
    if _key(title) in names or (len(title.split()) <= _SECTION_TITLE_WORDS and _key(title) not in map(_key, headlines)):
        return next((line for line in headlines if _key(line) not in names and len(line.split()) > 2), title)
    parts = _TITLE_PARTS.split(title)
    separators = _TITLE_PARTS.findall(title)
    while len(parts) > 1 and _key(parts[0]) in names:
        parts, separators = parts[1:], separators[1:]
    while len(parts) > 1 and _decoration(parts[-1], separators[-1], names):
        parts, separators = parts[:-1], separators[:-1]
    return "".join(part + separator for part, separator in zip(parts, [*separators, ""], strict=True))


def _decoration(part: str, separator: str, names: set[str]) -> bool:
    if _key(part) in names or any(name and name in _key(part) and len(part.split()) <= 3 for name in names):
        return True
    return bool(_STRONG_SEPARATOR.match(separator)) and len(part.split()) <= _MAX_SECTION_WORDS


def _site_names(site: str | None, url: str | None) -> set[str]:
    names = {_key(site)} if site else set()
    if url and (match := re.match(r"^[a-z]+://(?:www\d?\.)?([^/:?#]+)", url, re.IGNORECASE)):
        host = match.group(1).casefold()
        names.add(_key(host))
        names.add(_key(host.rsplit(".", 1)[0]))
    return {name for name in names if name}


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold())


def _headlines(tree: Any) -> list[str]:
    return [line for h1 in tree.xpath("//h1") if (line := _clean(h1.text_content()))]


def clean_byline(author: str | None, *, site: str | None = None, url: str | None = None) -> tuple[str, ...]:
    """The people's names of a byline, without roles, agencies, dates or sentence fragments.

    A part that is a role (``Staff writer``, ``Baku correspondent``), an agency (``AP``,
    ``dpa``) or the site itself is dropped; a name followed by a date or a sentence keeps the
    name (``Malcolm Owen Monday``, ``Phil Helsel is a reporter``).
    """
    if not author:
        return ()
    sites = _site_names(site, url)
    names: list[str] = []
    for part in re.split(r";|,|\s+and\s+|\s+&\s+|\s+und\s+|\|", author):
        name = _name_of(part)
        if name and name not in names and _key(name) not in sites:
            names.append(name)
    return tuple(names)


def _name_of(part: str) -> str | None:
    """The name a byline part starts with (``Malcolm Owen Monday`` -> ``Malcolm Owen``), or None."""
    part = _VERB_BREAK.sub("", part.strip())
    part = re.sub(r"^(?:by|von|par|por|di)\s+", "", part, flags=re.IGNORECASE).strip(" .:-–")
    words: list[str] = []
    for word in part.split():
        bare = word.strip(".,;:()[]")
        folded = bare.casefold()
        if folded in _DATE_WORDS or any(character.isdigit() for character in bare):
            break  # a date after the name: keep the name
        if folded in _NOT_NAME_WORDS or "@" in bare:
            return None  # a role or an agency: the part is no name
        if not (bare[:1].isupper() or (words and folded in _NAME_PARTICLES)):
            break  # a sentence goes on after the name
        words.append(bare)
    if not 1 <= len(words) <= 4:
        return None
    return " ".join(words)


def _breadcrumbs(tree: Any) -> tuple[str, ...]:
    for container in tree.xpath(_BREADCRUMB_XPATH):
        items = [_clean(item.text_content()) for item in container.xpath(".//li")]
        if not items:
            items = [_clean(link.text_content()) for link in container.xpath(".//a")]
        named = [item for item in items if item]
        if named:
            return tuple(named)
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
    if not isinstance(nodes, list):
        nodes = [nodes]
    for node in nodes:
        if isinstance(node, dict) and node.get("@type") == "BreadcrumbList":
            elements = node.get("itemListElement")
            # Pages write anything here: strings, numbers, nested lists; only objects are crumbs.
            items = [item for item in elements if isinstance(item, dict)] if isinstance(elements, list) else []
            items.sort(key=_position)
            names = [_crumb_name(item) for item in items]
            return tuple(name.strip() for name in names if isinstance(name, str) and name.strip())
    return ()


def _position(item: dict[str, Any]) -> float:
    try:
        return float(item.get("position", 0))
    except (TypeError, ValueError):
        return 0.0


def _crumb_name(item: dict[str, Any]) -> Any:
    inner = item.get("item")
    return item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)


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
