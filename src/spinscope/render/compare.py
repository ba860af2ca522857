"""Renderings of a `Comparison`: a Markdown report, and a self-contained side-by-side HTML page.

Invariants: every source is reported by the same rules (one column each, in input order).
The HTML page is built on `spinscope.render.page`'s skeleton: every string from a document
reaches it through `esc`, and it loads nothing and runs no script. In Markdown, every string
from a document goes through `_md`, so that it stays inside its table cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.compare.report import Comparison, Entry, Group
from spinscope.render.page import esc, page, template

__all__ = ["comparison_to_html", "comparison_to_markdown"]

_NO_TERMS = "No lexicon name or framing found in any source."


def comparison_to_markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown report: the sources, the claims table and the word choices."""
    labels = comparison.labels
    lines = ["# Comparison", ""]
    lines += [f"- **{s.label}**: {_md(s.title or s.name or s.id)} (`{s.id}`)" for s in comparison.sources]
    lines += ["", "## Claims", "", "| # | " + " | ".join(labels) + " | differences |", "|---" * (len(labels) + 2) + "|"]
    for number, group in enumerate(comparison.groups, 1):
        cells = [_md(_cell(entry)) for entry in group.entries]
        lines.append(f"| {number} | " + " | ".join(cells) + f" | {_md(_differences_text(group, labels))} |")
    lines += ["", "## Word choices", ""]
    if comparison.terminology:
        lines += ["| referent | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
        for row in comparison.terminology:
            cells = [_md(_terms(terms)) for terms in row.uses]
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
            lines.append(f"| {choice.group + 1} | " + " | ".join(_md(p or "-") for p in choice.phrases) + " |")
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


def _cell(entry: Entry) -> str:
    return f"({entry.status}) {entry.text}" if entry.text is not None else "(omits)"


def _terms(terms: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{term} ×{count}" for term, count in terms) or "-"


def _differences_text(group: Group, labels: Sequence[str]) -> str:
    parts = []
    for d in group.differences:
        said = "; ".join(f"{labels[source]}: {value if value is not None else 'none'}" for source, value in d.values)
        parts.append(f"{d.kind} ({said})")
    return " / ".join(parts)


def _md(text: str) -> str:
    """`text` for a Markdown table cell: no cell break, line break or HTML tag can come through."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")
