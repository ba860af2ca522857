"""Say why an HTML page gave no article text when the cause is markup nested too deeply.

The HTML parser (libxml2, through lxml) stops following elements deeper than `MAX_DEPTH`
levels, so the text of a page built of thousands of nested ``<div>`` elements never reaches
the extractor, which then finds "0 words". `read_html_checked` is `read_html` with that
cause named in the error; every other outcome is `read_html`'s own.
"""

from __future__ import annotations

from spinscope.document import Document, Source
from spinscope.errors import InputError
from spinscope.ingest.html import read_html

__all__ = ["MAX_DEPTH", "read_html_checked"]

MAX_DEPTH = 255


def read_html_checked(html: str, *, source: Source, url: str | None = None) -> Document:
    """Build a document as `read_html` does; when it finds no text, say whether deep nesting is why.

    Raises:
        InputError: As `read_html`; ``input.html`` names the nesting when it hid the text.
    """
    try:
        return read_html(html, source=source, url=url)
    except InputError as error:
        if error.code != "input.html" or not _nested_too_deeply(html):
            raise
        name = source.name or "the HTML input"
        raise InputError(
            f"{name} nests its elements more than {MAX_DEPTH} levels deep, and the HTML parser "
            "drops everything below that level, so no article text was left to extract; "
            "save the article's text as a .txt file",
            code="input.html",
        ) from error


def _nested_too_deeply(html: str) -> bool:
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser()
    try:
        lxml_html.fromstring(html, parser=parser)
    except (ValueError, etree.ParserError):
        return False
    return any("Excessive depth" in entry.message for entry in parser.error_log)
