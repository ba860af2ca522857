"""Renderings of a `Comparison`: a Markdown report, and a self-contained side-by-side HTML page.

Invariants: every source is reported by the same rules (one column each, in input order).
The HTML page is built on `spinscope.render.page`'s skeleton: every string from a document
reaches it through `esc`, and it loads nothing and runs no script. In Markdown, every string
from a document goes through `_md` (Markdown's punctuation backslash-escaped, ``<``, ``>`` and
``&`` as entities, line breaks as spaces, a leading ``#`` escaped), so that it stays inside its
table cell or list item and is shown as written; a document id is a code span that nothing in
it can close.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spinscope.compare.report import Comparison, Entry, Group
from spinscope.render.page import esc, page, template

__all__ = ["comparison_to_html", "comparison_to_markdown"]

_NO_TERMS = "No lexicon name or framing found in any source."
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def comparison_to_markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown report: the sources, the claims table and the word choices."""
    labels = comparison.labels
    lines = ["# Comparison", ""]
    lines += [f"- **{_md(s.label)}**: {_md(s.title or s.name or s.id)} ({_code(s.id)})" for s in comparison.sources]
    lines += ["", "## Claims", "", "| # | " + " | ".join(labels) + " | differences |", "|---" * (len(labels) + 2) + "|"]
    for number, group in enumerate(comparison.groups, 1):
        cells = [_md_cell(entry) for entry in group.entries]
        lines.append(f"| {number} | " + " | ".join(cells) + f" | {_md(_differences_text(group, labels))} |")
    lines += ["", "## Word choices", ""]
    if comparison.terminology:
        lines += ["| referent | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
        for row in comparison.terminology:
            cells = [_terms(terms, _md) for terms in row.uses]
            lines.append(f"| {_md(row.name)}{' (differs)' if row.differs else ''} | " + " | ".join(cells) + " |")
    else:
        lines.append(_NO_TERMS)
    if comparison.word_choices:
        lines += [
            "",
            "Differing words inside aligned claims (found automatically):",
            "",
            "| claim | " + " | ".join(labels) + " |",
            "|---" * (len(labels) + 1) + "|",
        ]
        for choice in comparison.word_choices:
            lines.append(f"| {choice.group + 1} | " + " | ".join(_md(p) if p else "-" for p in choice.phrases) + " |")
    return "\n".join(lines) + "\n"


def comparison_to_html(comparison: Comparison) -> str:
    """The comparison as one self-contained side-by-side HTML page.

    Test hooks: each claim is a row ``tr#claim-<number>`` (from 1) with one ``td`` per source,
    whose ``data-status`` is ``asserts``, ``differs`` or ``omits``.
    """
    labels = comparison.labels
    head = "".join(f"<th>{esc(s.label)}: {esc(s.title or s.name or s.id)}</th>" for s in comparison.sources)
    rows = "".join(_claim_row(number, group, labels) for number, group in enumerate(comparison.groups, 1))
    terms = (
        "".join(
            f'<tr class="{"differs" if row.differs else "same"}"><th>{esc(row.name)}</th>'
            + "".join(f"<td>{esc(_terms(t))}</td>" for t in row.uses)
            + "</tr>"
            for row in comparison.terminology
        )
        or f'<tr><td colspan="{len(labels) + 1}">{_NO_TERMS}</td></tr>'
    )
    choices = "".join(
        f"<tr><th>{choice.group + 1}</th>" + "".join(f"<td>{esc(p or '-')}</td>" for p in choice.phrases) + "</tr>"
        for choice in comparison.word_choices
    )
    label_head = "".join(f"<th>{esc(label)}</th>" for label in labels)
    body = (
        "<main><h1>Comparison of sources</h1>"
        f"<table class=claims><thead><tr><th>#</th>{head}<th>differences</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<h2>Word choices</h2><table class=terms><thead><tr><th>referent</th>{label_head}</tr></thead>"
        f"<tbody>{terms}</tbody></table>"
        + (
            f"<h2>Differing words inside aligned claims</h2><table class=terms><thead><tr><th>claim</th>{label_head}"
            f"</tr></thead><tbody>{choices}</tbody></table>"
            if choices
            else ""
        )
        + "</main>"
    )
    return page("Comparison", body, style=template("compare.css"))


def _claim_row(number: int, group: Group, labels: Sequence[str]) -> str:
    cells = []
    for source, entry in enumerate(group.entries):
        kinds = [d.kind for d in group.differences if source in d.sources]
        note = f"<div class=kinds>differs: {esc(', '.join(kinds))}</div>" if kinds else ""
        text = esc(entry.text) if entry.text is not None else "<em>omits this claim</em>"
        cells.append(f'<td class="{entry.status}" data-status="{entry.status}">{text}{note}</td>')
    diffs = esc(_differences_text(group, labels))
    return f'<tr id="claim-{number}"><th>{number}</th>{"".join(cells)}<td class=diff>{diffs}</td></tr>'


def _md_cell(entry: Entry) -> str:
    return f"({entry.status}) {_md(entry.text)}" if entry.text is not None else "(omits)"


def _terms(terms: Sequence[tuple[str, int]], quote: Callable[[str], str] = str) -> str:
    return ", ".join(f"{quote(term)} ×{count}" for term, count in terms) or "-"


def _differences_text(group: Group, labels: Sequence[str]) -> str:
    parts = []
    for d in group.differences:
        said = "; ".join(f"{labels[source]}: {value if value is not None else 'none'}" for source, value in d.values)
        parts.append(f"{d.kind} ({said})")
    return " / ".join(parts)


def _md(text: str) -> str:
    """`text` inline in a Markdown table cell or list item, shown as written: on one line, with
    no cell break, emphasis, code span, link, image, heading, HTML tag or entity coming through."""
    text = _LINE_BREAK.sub(" ", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return "\\" + text if text.startswith(("#", "+", "-", "=")) else text


def _code(text: str) -> str:
    """`text` as an inline code span that nothing in it can close or break."""
    text = _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"
