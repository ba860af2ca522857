"""The skeleton of every HTML page spinscope writes: the document report, the comparison and
the web app's pages share its head, its one Content-Security-Policy and its escaping.

Invariants:
- A page loads nothing and runs only what it carries: one inline ``<style>`` and at most one
  inline ``<script>``, each allowed by its hash in the page's policy (`policy`). The policy
  allows nothing else, not even a ``style`` attribute, so a page colours things with classes.
  The page states the policy in a meta tag, so that it holds when the page is opened from a
  file; `policy_of` reads it back for the web app's HTTP header.
- Every string from a document, a request or the store reaches a page through `esc` (text and
  quoted attribute values) or `json_script` (data for the page's script), never raw.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["esc", "json_script", "page", "policy", "policy_of", "template"]

_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def page(title: str, body: str, *, style: str, script: str = "") -> str:
    """A complete HTML5 page around `body`, with its policy, `style` and `script` inline.

    Args:
        title: The page's title, shown as ``<title> · spinscope``; escaped here.
        body: The inside of ``<body>``, already escaped markup.
        style: The page's whole CSS.
        script: The page's whole JavaScript, if it runs any; it goes last in the body.
    """
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy(style, script)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · spinscope</title><style>{style}</style></head><body>{body}"
        + (f"<script>{script}</script>" if script else "")
        + "</body></html>\n"
    )


def policy(style: str, script: str = "") -> str:
    """The Content-Security-Policy of a page whose only style is `style` and only script `script`.

    Nothing may load; forms may post only back to where the page came from; the one style and
    the one script run because their hashes are named.
    """
    rules = ["default-src 'none'", f"style-src '{_sha256(style)}'"]
    if script:
        rules.append(f"script-src '{_sha256(script)}'")
    rules += ["base-uri 'none'", "form-action 'self'"]
    return "; ".join(rules)


def policy_of(content: str) -> str:
    """The policy that a page built by `page` states in its meta tag.

    Raises:
        ValueError: `content` was not built by `page` (it has no policy meta tag).
    """
    found = _META_POLICY.search(content)
    if found is None:
        raise ValueError("the page has no Content-Security-Policy meta tag: build it with spinscope.render.page.page")
    return html.unescape(found.group(1))


def esc(text: str) -> str:
    """Escape for text and quoted attribute values; a CR becomes a reference, as parsers turn a raw one into LF."""
    return html.escape(text, quote=True).replace("\r", "&#13;")


def json_script(element_id: str, data: Mapping[str, Any]) -> str:
    """`data` in a ``<script type="application/json">`` block with id `element_id`, for a page's script.

    The JSON is ASCII with ``<``, ``>`` and ``&`` as ``\\u`` escapes, so it cannot end its block
    or open a comment; the script reads it with ``textContent``.
    """
    text = json.dumps(data, ensure_ascii=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


@cache
def template(name: str) -> str:
    """The text of ``render/templates/<name>`` (a page's CSS or JavaScript), read once."""
    return (resources.files("spinscope.render") / "templates" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
