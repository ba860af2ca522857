"""A self-contained HTML report of one analysed document: the article with its layers
highlighted, toggles, details on click, and side panels.

The page is built on `spinscope.render.page`'s skeleton and loads nothing: its CSS and JS
(``templates/report.css``, ``templates/report.js``) and its data are inline, and its
Content-Security-Policy allows only those two inline blocks (by hash), so it opens offline from
a file and nothing injected into it can run. `LAYERS` says how each layer is highlighted and
`PANELS` which side panel shows it; a later stage adds its layer to both.

Invariants:
- Every string from the document is hostile: it reaches the page only through `esc` (text
  and attribute values), inside an SVG ``<title>`` the same way, or inside the JSON block
  (`json_script`), where ``<``, ``>`` and ``&`` are ``\\u`` escapes and the JS reads it with
  ``textContent``. Only http(s) URLs and the `links` rules below become ``href``s.
- ``#article`` holds the text and nothing else: its ``textContent`` equals ``document.text``
  (a U+0000, which HTML cannot carry, is the one exception).
- The text is cut at every boundary of every highlighted span; each piece covered by at least
  one item is a ``span.seg`` listing all those items, so overlapping and nested spans never
  nest elements. A layer that did not run has no toggle and no panel; an empty one says "none
  found".

Test hooks (tests rely on them):
- ``#article``: the text. Its highlighted pieces are the elements carrying ``data-items``, a
  space-separated list of item keys ``<layer>:<index into document.layers[layer]>`` (e.g.
  ``techniques:3 quotes:0``), in `LAYERS` order, with ``data-start``/``data-end`` (code points).
- ``input[data-toggle="layer:<layer>"]`` and ``input[data-toggle="technique:<name>"]`` switch a
  layer or a technique. A segment shows a layer's style exactly when it has the class
  ``on-<layer>`` (e.g. ``on-techniques``); the JS adds and removes these classes, so a test
  observes a toggle by the class disappearing from the segment.
- Clicking a segment fills ``#details`` with one ``.card`` per item shown there (and gives the
  segments of those items the class ``focus``); hovering shows the same items' titles as the
  segment's ``title``.
- Panel entries that point into the text are elements with ``data-jump="<start> <end>"`` (and
  ``data-item`` where they stand for one item); clicking one scrolls the segments of that range
  into view and gives them the class ``flash`` for two seconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from spinscope.document import (
    Claim,
    Document,
    DocumentError,
    Entity,
    Finding,
    Quote,
    Span,
    Technique,
    Term,
    TimelineEntry,
    Timex,
)
from spinscope.render.common import LABEL_NAMES, grouped
from spinscope.render.page import esc, json_script, page, template
from spinscope.render.palette import swatch_css, technique_colour

__all__ = ["LAYERS", "PANELS", "to_html"]

_SNIPPET_CHARS = 140
_CONTROLS = re.compile(r"[\x00-\x20\x7f-\x9f]")
_QUOTE_KINDS = {"direct": "quoted", "indirect": "reported", "mixed": "reported, partly quoted"}


@dataclass(frozen=True, slots=True)
class Item:
    """One highlightable thing of a layer as the page shows it: its spans and its details."""

    key: str
    layer: str
    spans: tuple[Span, ...]
    title: str
    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    group: str = ""
    variant: str = ""
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The item's entry in the page's JSON block (empty rows left out)."""
        return {
            "layer": self.layer,
            "title": self.title,
            "text": self.text,
            "group": self.group,
            "variant": self.variant,
            "score": self.score,
            "rows": [[label, value] for label, value in self.rows if value],
        }


@dataclass(frozen=True, slots=True)
class Layer:
    """How a layer is highlighted: its toggle's label, whether it starts on, and its items."""

    label: str
    on: bool
    describe: Callable[[str, Any], Item]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece ``[start, end)`` of the text and the keys of the items covering all of it."""

    start: int
    end: int
    keys: tuple[str, ...]


def to_html(document: Document, *, links: Sequence[tuple[str, str]] = ()) -> str:
    """Render `document` as one self-contained HTML page.

    Args:
        document: The analysed document; a failed one gives a short page saying why.
        links: ``(label, href)`` pairs for the navigation bar. Only hrefs starting with ``/``,
            ``?`` or ``#``, or http(s) URLs, are kept; the others are dropped.

    Returns:
        The page, a complete HTML5 document.
    """
    if document.error is not None:
        body = _nav(links) + _failed(document, document.error)
        return _page(document.source.name or document.id, body, {"layers": [], "colors": {}, "items": {}}, [])
    items, techniques = _items(document), _technique_names(document)
    article = _article(document.text, _segments(len(document.text), items.values()))
    body = "".join(
        [
            _nav(links),
            _header(document),
            _toolbar(document),
            '<main class="report">',
            article,
            _sidebar(document),
            "</main>",
        ]
    )
    data = {
        "layers": [name for name in LAYERS if name in document.layers],
        "colors": {name: technique_colour(name) for name in techniques},
        "items": {key: item.to_json() for key, item in items.items()},
    }
    return _page(document.metadata.title or document.source.name or "Untitled document", body, data, techniques)


# -- items and segments -------------------------------------------------------------------


def _technique(key: str, found: Technique) -> Item:
    rows = (("Score", f"{found.score:.2f}"), ("Why", found.why), ("Cue words", ", ".join(c.text for c in found.cues)))
    title = _pretty(found.technique)
    variant = "shown" if found.shown else "below"
    return Item(key, "techniques", (found,), title, found.text, rows, found.technique, variant, score=found.score)


def _quote(key: str, quote: Quote) -> Item:
    speaker = quote.speaker.name if quote.speaker else "speaker not found"
    rows = (("Speaker", speaker), ("Kind", _QUOTE_KINDS[quote.kind]), ("Cue", quote.cue.text if quote.cue else ""))
    return Item(key, "quotes", quote.parts or (quote,), f"Quote: {speaker}", quote.text, rows, variant=quote.kind)


def _term(key: str, term: Term) -> Item:
    rows = (("Kind", term.kind.replace("_", " ")), ("Why", term.reason))
    return Item(key, "terms", (term,), "Term in quotation marks", term.text, rows)


def _claim(key: str, claim: Claim) -> Item:
    checkworthy = "yes" if claim.checkworthy else "no"
    rows = (("Score", f"{claim.score:.2f}"), ("Check-worthy", checkworthy), ("Kind", claim.kind or ""))
    variant = "checkworthy" if claim.checkworthy else ""
    return Item(key, "claims", (claim,), "Claim", claim.text, rows, variant=variant, score=claim.score)


def _timex(key: str, timex: Timex) -> Item:
    rows = (("Type", timex.type), ("Value", timex.value), ("Anchor", timex.anchor or ""))
    return Item(key, "timexes", (timex,), f"Date: {timex.value}", timex.text, rows)


def _finding(key: str, finding: Finding) -> Item:
    cited = " / ".join(f"“{_snippet(span.text)}”" for span in finding.cited)
    rows = (("Message", finding.message), ("Cites", cited))
    return Item(key, "findings", finding.cited, f"Finding: {_pretty(finding.kind)}", "", rows)


def _event(key: str, entry: TimelineEntry) -> Item:
    rows = (("Date", entry.value),)
    return Item(key, "timeline", (entry.sentence,), f"Timeline: {entry.value}", entry.sentence.text, rows)


def _entity(key: str, entity: Entity) -> Item:
    kind = LABEL_NAMES.get(entity.label, entity.label)
    rows = (("Kind", kind), ("Mentions", str(len(entity.mentions))), ("Titles", ", ".join(entity.titles)))
    return Item(key, "entities", entity.mentions, entity.name, "", rows)


# Highlighted layers, in the order of their toggles and of the keys in `data-items`.
LAYERS: dict[str, Layer] = {
    "techniques": Layer("Techniques", True, _technique),
    "quotes": Layer("Quotes", True, _quote),
    "claims": Layer("Claims", True, _claim),
    "timexes": Layer("Dates", True, _timex),
    "terms": Layer("Quoted terms", True, _term),
    "findings": Layer("Findings", True, _finding),
    "timeline": Layer("Timeline", False, _event),
    "entities": Layer("Entities", False, _entity),
}


def _items(document: Document) -> dict[str, Item]:
    """Every item of every highlighted layer that ran, by key."""
    return {
        f"{name}:{index}": layer.describe(f"{name}:{index}", item)
        for name, layer in LAYERS.items()
        for index, item in enumerate(document.layers.get(name, ()))
    }


def _segments(length: int, items: Iterable[Item]) -> list[Segment]:
    """Cut ``[0, length)`` at every span boundary; each piece lists the items covering it."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    rank: dict[str, int] = {}
    for item in items:
        rank[item.key] = len(rank)
        for span in item.spans:
            if span.start < span.end:
                opens.setdefault(span.start, []).append(item.key)
                closes.setdefault(span.end, []).append(item.key)
    cuts = sorted({0, length, *opens, *closes})
    active: Counter[str] = Counter()  # key -> how many of its spans cover the current piece
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        for key in closes.get(start, ()):
            active[key] -= 1
            if not active[key]:
                del active[key]
        active.update(opens.get(start, ()))
        segments.append(Segment(start, end, tuple(sorted(active, key=rank.__getitem__))))
    return segments


def _article(text: str, segments: Iterable[Segment]) -> str:
    pieces = []
    for segment in segments:
        piece = esc(text[segment.start : segment.end])
        if segment.keys:
            where = f'data-items="{" ".join(segment.keys)}" data-start="{segment.start}" data-end="{segment.end}"'
            piece = f'<span class="seg" {where}>{piece}</span>'
        pieces.append(piece)
    # Nothing but the text inside #article, so that its textContent is the document's text.
    return f'<div id="article" class="article">{"".join(pieces)}</div>'


# -- page parts ---------------------------------------------------------------------------


def _nav(links: Sequence[tuple[str, str]]) -> str:
    kept = "".join(f'<a href="{esc(href)}">{esc(label)}</a>' for label, href in links if _safe_link(href))
    return f'<nav class="links"><span class="brand">spinscope</span>{kept}</nav>'


def _header(document: Document) -> str:
    meta, source = document.metadata, document.source
    facts = [
        ("Published", esc(meta.published or "")),
        ("By", esc(", ".join(meta.byline))),
        ("Site", esc(meta.site or "")),
        ("Section", esc(" › ".join(meta.breadcrumbs))),
        ("URL", _url(meta.url)),
        ("Source", esc(source.kind + (f": {source.name}" if source.name else ""))),
        ("Length", f"{len(document.text.split()):,} words"),
    ]
    rows = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts if value)
    title = esc(meta.title or source.name or "Untitled document")
    return f'<header class="meta"><h1>{title}</h1><dl class="facts">{rows}</dl>{_images(document)}</header>'


def _images(document: Document) -> str:
    images = document.metadata.images
    rows = "".join(
        f"<li>{esc(image.caption or 'Image')}{esc(f' — credit: {image.credit}' if image.credit else '')} "
        f"{_url(image.url, 'link')}</li>"
        for image in images
    )
    return f'<details class="images"><summary>Images ({len(images)})</summary><ul>{rows}</ul></details>' if rows else ""


def _toolbar(document: Document) -> str:
    toggles = "".join(
        _toggle(name, layer, len(document.layers[name])) for name, layer in LAYERS.items() if name in document.layers
    )
    return (
        f'<div class="toolbar" role="toolbar" aria-label="Layers"><span class="label">Show</span>{toggles}'
        '<span class="hint">Click a highlighted passage for details.</span></div>'
    )


def _toggle(name: str, layer: Layer, count: int) -> str:
    state = (" checked" if layer.on else "") + ("" if count else " disabled")
    return (
        f'<label class="toggle"><input type="checkbox" data-toggle="layer:{name}"{state}>'
        f'<span class="sample sample-{name}">{layer.label}</span>'
        f'<span class="count">{count or "none found"}</span></label>'
    )


def _sidebar(document: Document) -> str:
    details = (
        '<section class="panel" id="details-panel"><h2>Details</h2><div id="details" aria-live="polite">'
        '<p class="none">Click a highlighted passage, or an entry below, to see what was found there.</p></div>'
        "</section>"
    )
    panels = "".join(_panel(name, document) for name in PANELS if name in document.layers)
    return f'<aside class="panels">{details}{panels}{_stages(document)}</aside>'


def _panel(name: str, document: Document) -> str:
    title, render = PANELS[name]
    items = document.layers[name]
    body = render(document) if items else '<p class="none">None found.</p>'
    heading = f'<h2>{title} <span class="count">{len(items)}</span></h2>'
    return f'<section class="panel" id="panel-{name}">{heading}{body}</section>'


def _techniques_panel(document: Document) -> str:
    found = document.layers["techniques"]
    counts = Counter(item.technique for item in found if item.shown)
    under = Counter(item.technique for item in found if not item.shown)
    below = sum(under.values())
    swatches = {name: i for i, name in enumerate(_technique_names(document))}
    rows = "".join(
        f'<li><label><input type="checkbox" data-toggle="technique:{esc(name)}" checked>'
        f'<span class="swatch tc-{swatches[name]}"></span><span class="name">{esc(_pretty(name))}</span>'
        f'<span class="count">{counts.get(name, 0)}{f" (+{under[name]} below)" if under.get(name) else ""}</span>'
        "</label></li>"
        for name in sorted(swatches, key=lambda name: (-counts.get(name, 0), -under.get(name, 0), name))
    )
    switch = (
        f'<p class="hint"><label><input type="checkbox" data-toggle="scores:below"> also show the {below} '
        "spans scoring below the operating point chosen for precision</label></p>"
        if below
        else ""
    )
    return f'<ul class="legend">{rows}</ul>{switch}'


def _quotes_panel(document: Document) -> str:
    quoted = list(enumerate(document.layers["quotes"]))
    groups = grouped(quoted, lambda pair: pair[1].speaker.name if pair[1].speaker else "(speaker not found)")
    return "".join(
        f'<h3>{esc(speaker)} <span class="count">{len(pairs)}</span></h3><ul class="entries">'
        + "".join(
            f"<li>{_jump(q, f'quotes:{i}', _snippet(q.text))}<small>{_QUOTE_KINDS[q.kind]}</small></li>"
            for i, q in pairs
        )
        + "</ul>"
        for speaker, pairs in groups
    )


def _claims_panel(document: Document) -> str:
    ranked = sorted(enumerate(document.layers["claims"]), key=lambda pair: (-pair[1].score, pair[1].start))
    rows = "".join(
        f'<li><span class="score{" checkworthy" if claim.checkworthy else ""}">{claim.score:.2f}</span>'
        f"{_jump(claim, f'claims:{i}', _snippet(claim.text))}</li>"
        for i, claim in ranked
    )
    return f'<ol class="entries ranked">{rows}</ol>'


def _findings_panel(document: Document) -> str:
    return "".join(
        f'<div class="finding"><h3>{esc(_pretty(finding.kind))}</h3><p>{esc(finding.message)}</p><ul class="entries">'
        + "".join(f"<li>{_jump(span, f'findings:{i}', _snippet(span.text))}</li>" for span in finding.cited)
        + "</ul></div>"
        for i, finding in enumerate(document.layers["findings"])
    )


def _timeline_panel(document: Document) -> str:
    entries = list(enumerate(document.layers["timeline"]))
    ordered = sorted(entries, key=lambda pair: (_position(pair[1].value) is None, _position(pair[1].value) or 0))
    rows = "".join(
        f'<li><span class="value">{esc(entry.value)}</span>'
        f"{_jump(entry.sentence, f'timeline:{i}', _snippet(entry.sentence.text))}</li>"
        for i, entry in ordered
    )
    return _timeline_chart(entries) + f'<ol class="entries">{rows}</ol>'


def _timexes_panel(document: Document) -> str:
    return _span_list(document, "timexes", lambda timex: timex.value)


def _terms_panel(document: Document) -> str:
    return _span_list(document, "terms", lambda term: term.kind.replace("_", " "))


def _span_list(document: Document, layer: str, note: Callable[[Any], str]) -> str:
    """Each item of `layer` as a jump to it, with a short note."""
    rows = "".join(
        f"<li>{_jump(item, f'{layer}:{i}', item.text)}<small>{esc(note(item))}</small></li>"
        for i, item in enumerate(document.layers[layer])
    )
    return f'<ul class="entries compact">{rows}</ul>'


def _entities_panel(document: Document) -> str:
    ranked = sorted(enumerate(document.layers["entities"]), key=lambda pair: (-len(pair[1].mentions), pair[1].name))
    rows = "".join(
        f"<tr><td>{_jump(e.mentions[0], f'entities:{i}', e.name) if e.mentions else esc(e.name)}</td>"
        f'<td>{esc(LABEL_NAMES.get(e.label, e.label))}</td><td class="num">{len(e.mentions)}</td></tr>'
        for i, e in ranked
    )
    head = '<thead><tr><th>Name</th><th>Kind</th><th class="num">Mentions</th></tr></thead>'
    return f'<table class="entities">{head}<tbody>{rows}</tbody></table>'


# Layer name -> (panel title, panel body), in the order the panels appear in the sidebar.
PANELS: dict[str, tuple[str, Callable[[Document], str]]] = {
    "techniques": ("Techniques", _techniques_panel),
    "findings": ("Consistency findings", _findings_panel),
    "claims": ("Claims by score", _claims_panel),
    "quotes": ("Quotes by speaker", _quotes_panel),
    "timeline": ("Timeline", _timeline_panel),
    "timexes": ("Dates and times", _timexes_panel),
    "terms": ("Quoted terms", _terms_panel),
    "entities": ("Entities", _entities_panel),
}


def _stages(document: Document) -> str:
    rows = "".join(
        f'<li class="{esc(record.status)}"><b>{esc(record.name)}</b> {esc(record.status)}'
        f"{': ' + esc(record.error) if record.error else ''}</li>"
        for record in document.stages
    )
    if not rows:
        return ""
    return f'<section class="panel" id="panel-stages"><h2>Stages</h2><ul class="stages">{rows}</ul></section>'


def _failed(document: Document, error: DocumentError) -> str:
    return (
        f'<main class="failed"><h1>{esc(document.source.name or document.id)}</h1>'
        f'<p class="notice"><b>Not analysed</b> (<code>{esc(error.code)}</code>): '
        f"{esc(error.message)}</p>{_stages(document)}</main>"
    )


# -- timeline chart -----------------------------------------------------------------------

_TIMEX_DATE = re.compile(r"(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}))?(?:-(\d{2}))?")
_CHART_WIDTH, _MARGIN, _LANE, _MAX_LANES = 360, 14, 17, 8
_STEPS = (1 / 12, 0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000, 10_000)  # in years; years have 4 digits
_CHAR_WIDTH = 7.0  # of an 11px label, to keep labels apart without measuring them


def _position(value: str) -> float | None:
    """Where a TIMEX3 value lies on a year axis (``2020-07-01`` -> 2020.5), or None if it has no year."""
    match = _TIMEX_DATE.match(value)
    if not match:
        return None
    month, day = int(match.group(2) or 1), int(match.group(3) or 1)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return int(match.group(1).replace("X", "0")) + (month - 1) / 12 + (day - 1) / 365


def _ticks(low: float, high: float) -> list[tuple[float, str]]:
    """Round axis ticks between `low` and `high`, at most about six, with their labels."""
    step = next(step for step in _STEPS if (high - low) / step <= 6)
    ticks = [math.ceil(low / step - 1e-9) * step]
    while ticks[-1] + step <= high:
        ticks.append(ticks[-1] + step)
    if step >= 1:
        return [(tick, str(round(tick))) for tick in ticks]
    months = [round(tick * 12) for tick in ticks]
    return [(tick, f"{month // 12}-{month % 12 + 1:02d}") for tick, month in zip(ticks, months, strict=True)]


def _lanes(boxes: Sequence[tuple[float, float]]) -> list[int]:
    """Give each label box (left, right), taken left to right, the lowest lane where it fits."""
    ends: list[float] = []
    lanes = []
    for left, right in boxes:
        lane = next((i for i, end in enumerate(ends) if end + 6 <= left), None)
        if lane is None and len(ends) < _MAX_LANES:
            lane = len(ends)
            ends.append(right)
        elif lane is None:  # too crowded: share the lane that frees up first
            lane = min(range(len(ends)), key=ends.__getitem__)
        ends[lane] = right
        lanes.append(lane)
    return lanes


def _timeline_chart(entries: Sequence[tuple[int, TimelineEntry]]) -> str:
    """An inline SVG placing each dated entry on a date axis, labelled, its sentence on hover."""
    dated = sorted((position, i, e) for i, e in entries if (position := _position(e.value)) is not None)
    if not dated:
        return '<p class="none">No entry has a calendar date to place on an axis.</p>'
    low, high = dated[0][0], dated[-1][0]
    pad = max((high - low) * 0.04, 1 / 24)
    low, high = low - pad, high + pad
    width = _CHART_WIDTH - 2 * _MARGIN

    def x(position: float) -> float:
        return _MARGIN + (position - low) / (high - low) * width

    sizes = [len(entry.value) * _CHAR_WIDTH for _, _, entry in dated]
    lefts = [min(x(position), _CHART_WIDTH - _MARGIN - size) for (position, *_), size in zip(dated, sizes, strict=True)]
    lanes = _lanes([(left, left + size) for left, size in zip(lefts, sizes, strict=True)])
    axis = 18 + (max(lanes) + 1) * _LANE
    parts = [f'<line class="axis" x1="{_MARGIN}" y1="{axis}" x2="{_CHART_WIDTH - _MARGIN}" y2="{axis}"/>']
    parts += [
        f'<line class="tick" x1="{x(t):.1f}" y1="{axis}" x2="{x(t):.1f}" y2="{axis + 4}"/>'
        f'<text class="tick" x="{x(t):.1f}" y="{axis + 16}">{label}</text>'
        for t, label in _ticks(low, high)
    ]
    for (position, index, entry), left, size, lane in zip(dated, lefts, sizes, lanes, strict=True):
        top, at, sentence = axis - 12 - lane * _LANE, f"{x(position):.1f}", entry.sentence
        parts.append(
            f'<g class="event" tabindex="0" role="button" data-jump="{sentence.start} {sentence.end}" '
            f'data-item="timeline:{index}"><title>{esc(entry.value)}: {esc(sentence.text)}</title>'
            f'<rect class="hit" x="{left - 3:.1f}" y="{top - 12}" width="{size + 6:.1f}" height="{axis - top + 18}"/>'
            f'<line x1="{at}" y1="{top + 3}" x2="{at}" y2="{axis}"/><circle cx="{at}" cy="{axis}" r="4"/>'
            f'<text x="{left:.1f}" y="{top}">{esc(entry.value)}</text></g>'
        )
    label = f"Timeline: {len(dated)} dated events on a date axis"
    return (
        f'<svg class="timeline-chart" viewBox="0 0 {_CHART_WIDTH} {axis + 24}" role="group" aria-label="{label}">'
        f"{''.join(parts)}</svg>"
    )


# -- helpers ------------------------------------------------------------------------------


def _page(title: str, body: str, data: dict[str, Any], techniques: Sequence[str]) -> str:
    # A class per technique colour: the legend needs no style attributes, which the CSP forbids.
    style = template("report.css") + swatch_css(techniques)
    return page(title, body + json_script("report-data", data), style=style, script=template("report.js"))


def _technique_names(document: Document) -> list[str]:
    return sorted({item.technique for item in document.layers.get("techniques", ())})


def _jump(span: Span, key: str, label: str) -> str:
    """A button that scrolls the article to `span` and shows item `key` in the details."""
    jump = f"{span.start} {span.end}"
    return f'<button type="button" class="jump" data-jump="{jump}" data-item="{key}">{esc(label)}</button>'


def _url(url: str | None, label: str | None = None) -> str:
    """A link for an http(s) URL; any other URL as plain text."""
    if not url:
        return ""
    if not _is_web_url(url):
        return esc(url)
    return f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(label or url)}</a>'


def _safe_link(href: str) -> bool:
    """Whether a navigation href is relative (``/``, ``?``, ``#``) or http(s), with no space or control."""
    return href[:1] in ("/", "?", "#") and not _CONTROLS.search(href) or _is_web_url(href)


def _is_web_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) URL with a host, and no space or control (browsers drop them)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not _CONTROLS.search(url)


def _pretty(name: str) -> str:
    return name.replace("_", " ").replace(",", ", ")


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SNIPPET_CHARS else flat[:_SNIPPET_CHARS].rstrip() + " …"
