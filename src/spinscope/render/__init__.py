"""Renderers: turn an analysed document, or a comparison of documents, into something a person reads."""

from spinscope.render.compare import comparison_to_html, comparison_to_markdown
from spinscope.render.html import to_html
from spinscope.render.markdown import to_markdown

__all__ = ["comparison_to_html", "comparison_to_markdown", "to_html", "to_markdown"]
