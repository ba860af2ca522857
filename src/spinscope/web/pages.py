"""The web app's HTML pages other than the report: the analyse form, search, corpus, errors.

Invariants: the pages are built on `spinscope.render.page`'s skeleton, so every string that
comes from a document, a request or the store goes through `esc` before it reaches the page;
the pages carry no script, and `html_response` sends each with its own Content-Security-Policy
as a header, which allows none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse

from spinscope.render.page import esc, page, policy_of, template
from spinscope.render.palette import swatch_css, technique_colour

__all__ = ["corpus_page", "error_page", "html_response", "index_page", "search_page"]

_NAV = (("/", "Analyse"), ("/search", "Search"), ("/corpus", "Corpus"), ("/docs", "API"))


def html_response(content: str, status: int = 200) -> HTMLResponse:
    """A page built on the skeleton, sent with its own Content-Security-Policy as a header too,
    where it also covers what comes before the page's meta tag."""
    return HTMLResponse(content, status_code=status, headers={"Content-Security-Policy": policy_of(content)})


def _page(title: str, body: str, *, active: str, extra_style: str = "") -> str:
    nav = "".join(f'<a href="{href}"{" class=active" if href == active else ""}>{label}</a>' for href, label in _NAV)
    body = f'<header><a class=brand href="/">spinscope</a>{nav}</header><main>{body}</main>'
    return page(title, body, style=template("pages.css") + extra_style)


def index_page(
    recent: Sequence[Any], *, error: tuple[str, str] | None = None, form: dict[str, str] | None = None
) -> str:
    """The analyse form (paste, upload or URL), an error from the last try, and recent documents.

    Args:
        recent: Summaries of the latest stored documents (with `id`, `title`, `source`, `published`).
        error: The code and message of a failed submission, shown above the form.
        form: The submitted fields, put back so that nothing typed is lost.
    """
    form = form or {}
    alert = ""
    if error is not None:
        code, message = error
        alert = f"<section class=error role=alert id=error><code>{esc(code)}</code> {esc(message)}</section>"
    body = f"""{alert}
<section><h1>Analyse an article</h1>
<form method=post action="/analyze" enctype="multipart/form-data">
<label for=text>Paste the article</label>
<textarea id=text name=text placeholder="Title on the first line, then the text">{esc(form.get("text", ""))}</textarea>
<div class=row>
<div><label for=url>… or give its URL</label>
<input type=url id=url name=url value="{esc(form.get("url", ""))}" placeholder="https://"></div>
<div><label for=file>… or upload a file</label>
<input type=file id=file name=file accept=".txt,.text,.md,.html,.htm,.xhtml"></div>
</div>
<div class=row>
<div><label for=title>Title <span class=hint>(optional; replaces the one found)</span></label>
<input type=text id=title name=title value="{esc(form.get("title", ""))}"></div>
<div><label for=published>Published <span class=hint>(optional)</span></label>
<input type=date id=published name=published value="{esc(form.get("published", ""))}"></div>
</div>
<button type=submit id=analyse>Analyse</button>
<p class=hint>The analysis is kept in the store, where Search finds it. Analysing takes a few seconds.</p>
</form></section>
{_recent_section(recent)}"""
    return _page("Analyse", body, active="/")


def _recent_section(recent: Sequence[Any]) -> str:
    if not recent:
        return "<section><h2>Stored documents</h2><p class=hint>None yet.</p></section>"
    rows = "".join(
        f'<tr><td><input type=checkbox name=ids value="{esc(item.id)}" '
        f'aria-label="compare {esc(item.title or item.id)}"></td>'
        f'<td><a href="/documents/{esc(item.id)}">{esc(item.title or item.id)}</a></td>'
        f"<td>{esc(item.source or '')}</td><td>{esc(item.published or '')}</td></tr>"
        for item in recent
    )
    return (
        '<section><h2>Latest stored documents</h2><form method=get action="/compare" id=compare>'
        "<table><thead><tr><th></th><th>Title</th><th>Source</th><th>Published</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        "<button type=submit>Compare the ticked articles</button>"
        "<p class=hint>Tick two or more articles about the same events to see them side by side.</p>"
        "</form></section>"
    )


def search_page(query: str, hits: Sequence[Any], *, total: int, limit: int, offset: int) -> str:
    """The search form and one page of hits, with the matching words marked in each snippet."""
    results = ""
    if query:
        items = "".join(
            f'<tr><td><a href="/documents/{esc(hit.id)}">{esc(hit.title or hit.id)}</a>'
            f"<div class=hint>{esc(hit.source or '')} {esc(hit.published or '')}</div></td>"
            f"<td>{_snippet(hit.snippet)}</td></tr>"
            for hit in hits
        )
        shown = f"{offset + 1}–{offset + len(hits)} of {total}" if hits else "no document matches"
        results = (
            f"<section id=results><h2>{esc(shown)}</h2><table><tbody>{items}</tbody></table>"
            f"{_pager(query, total=total, limit=limit, offset=offset)}</section>"
        )
    body = f"""<section><h1>Search the store</h1>
<form method=get action="/search"><label for=q>Words in the title or text</label>
<input type=search id=q name=q value="{esc(query)}" autofocus>
<button type=submit>Search</button></form></section>{results}"""
    return _page(f"Search: {query}" if query else "Search", body, active="/search")


def _snippet(parts: Iterable[tuple[str, bool]]) -> str:
    return "".join(f"<mark>{esc(text)}</mark>" if match else esc(text) for text, match in parts)


def _pager(query: str, *, total: int, limit: int, offset: int) -> str:
    links = []
    if offset > 0:
        links.append(f'<a href="/search?{urlencode({"q": query, "offset": max(0, offset - limit)})}">← Previous</a>')
    if offset + limit < total:
        links.append(f'<a href="/search?{urlencode({"q": query, "offset": offset + limit})}">Next →</a>')
    return f"<div class=pager>{''.join(links)}</div>" if links else ""


def corpus_page(
    by_source: Sequence[tuple[str, str, int]], by_month: Sequence[tuple[str, str, int]], *, documents: int
) -> str:
    """Technique counts per source and over time, as stacked bar charts with a shared legend."""
    if not by_source:
        body = (
            "<section><h1>Corpus</h1>"
            "<p class=hint>No technique spans stored yet: analyse some articles first.</p></section>"
        )
        return _page("Corpus", body, active="/corpus")
    techniques = sorted({technique for _, technique, _ in by_source})
    # Swatches are coloured by class: the page's policy forbids style attributes.
    legend = "".join(
        f'<span><span class="swatch tc-{i}"></span>{esc(t.replace("_", " "))}</span>' for i, t in enumerate(techniques)
    )
    per_source = bar_chart(by_source, horizontal=True, label="Technique spans per source")
    per_month = bar_chart(by_month, horizontal=False, label="Technique spans per month")
    body = f"""<section><h1>Corpus</h1><p class=hint>{documents:,} stored documents. Counts of technique spans.</p>
<div class=legend>{legend}</div></section>
<section><h2>Per source</h2>{per_source}</section>
<section><h2>Over time (by month published)</h2>{per_month}</section>"""
    return _page("Corpus", body, active="/corpus", extra_style=swatch_css(techniques))


def bar_chart(rows: Sequence[tuple[str, str, int]], *, horizontal: bool, label: str) -> str:
    """A stacked bar chart in inline SVG: one bar per group, one coloured part per technique."""
    stacks: dict[str, dict[str, int]] = defaultdict(dict)
    for group, technique, count in rows:
        stacks[group][technique] = stacks[group].get(technique, 0) + count
    groups = sorted(stacks) if not horizontal else sorted(stacks, key=lambda g: -sum(stacks[g].values()))
    peak = max(sum(parts.values()) for parts in stacks.values())
    return _horizontal(groups, stacks, peak, label) if horizontal else _vertical(groups, stacks, peak, label)


def _horizontal(groups: list[str], stacks: dict[str, dict[str, int]], peak: int, label: str) -> str:
    left, width, bar, gap = 180, 560, 18, 8
    height = len(groups) * (bar + gap) + gap
    parts = []
    for row, group in enumerate(groups):
        y = gap + row * (bar + gap)
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{esc(_short(group, 26))}</text>')
        x = float(left)
        for technique, count in sorted(stacks[group].items()):
            w = width * count / peak
            parts.append(_rect(x, y, w, bar, technique, f"{group}: {technique} {count}"))
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 13}">{sum(stacks[group].values())}</text>')
    return _svg(left + width + 60, height, label, parts)


def _vertical(groups: list[str], stacks: dict[str, dict[str, int]], peak: int, label: str) -> str:
    bottom, height, bar, gap, left = 30, 220, 28, 12, 40
    width = left + len(groups) * (bar + gap) + gap
    parts = [f'<text x="{left - 6}" y="14" text-anchor="end">{peak}</text>']
    for column, group in enumerate(groups):
        x = left + gap + column * (bar + gap)
        y = float(height)
        for technique, count in sorted(stacks[group].items()):
            h = (height - 20) * count / peak
            y -= h
            parts.append(_rect(x, y, bar, h, technique, f"{group}: {technique} {count}"))
        parts.append(f'<text x="{x + bar / 2}" y="{height + 16}" text-anchor="middle">{esc(group)}</text>')
    return _svg(max(width, 200), height + bottom, label, parts)


def _rect(x: float, y: float, w: float, h: float, technique: str, title: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{technique_colour(technique)}">'
        f"<title>{esc(title)}</title></rect>"
    )


def _svg(width: float, height: float, label: str, parts: list[str]) -> str:
    return (
        f'<svg role=img aria-label="{esc(label)}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}">{"".join(parts)}</svg>'
    )


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def error_page(status: int, code: str, message: str) -> str:
    """The page of a failed request: its status, stable code and message."""
    body = (
        f"<section class=error role=alert id=error><h1>{status}: it did not work</h1>"
        f"<p><code>{esc(code)}</code> {esc(message)}</p>"
        '<p><a href="/">Back to the analyse page</a></p></section>'
    )
    return _page(f"Error {status}", body, active="")
