"""Renderers: turn an analysed document into something a person reads."""

from spinscope.render.markdown import to_markdown

__all__ = ["to_markdown"]
