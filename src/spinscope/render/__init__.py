"""Renderers: turn an analysed document into something a person reads."""

from spinscope.render.html import to_html
from spinscope.render.markdown import to_markdown

__all__ = ["to_html", "to_markdown"]
