"""The result of a comparison and its renderings: JSON-ready dict, Markdown, side-by-side HTML.

Invariants: every source is reported by the same rules (one column each, in input order);
every string from a document reaches the HTML page only through `html.escape`, and the page
loads nothing and runs no script (its Content-Security-Policy allows only inline style).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from spinscope.compare.differences import Difference

__all__ = ["Comparison", "Entry", "Group", "SourceInfo", "TermRow", "WordChoice"]

Status = Literal["asserts", "differs", "omits"]
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One compared article: its label in the report (A, B, ...), id, title and origin."""

    label: str
    id: str
    title: str | None
    name: str | None

    def to_dict(self) -> dict[str, Any]:
        """Convert to JSON-ready form."""
        return {"label": self.label, "id": self.id, "title": self.title, "name": self.name}


@dataclass(frozen=True, slots=True)
class Entry:
    """What one source does with one claim: asserts it, differs on it, or omits it."""

    status: Status
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """One claim as the sources tell it: an entry per source and what differs."""

    entries: tuple[Entry, ...]
    differences: tuple[Difference, ...]
    score: float | None

    def to_dict(self, labels: Sequence[str]) -> dict[str, Any]:
        """Convert to JSON-ready form, sources named by their labels."""
        return {
            "score": None if self.score is None else round(self.score, 4),
            "sources": {
                label: {
                    "status": entry.status, "text": entry.text, "start": entry.start, "end": entry.end,
                    "differs": [d.kind for d in self.differences if labels.index(label) in d.sources],
                }
                for label, entry in zip(labels, self.entries, strict=True)
            },
            "differences": [
                {"kind": d.kind, "referent": d.referent,
                 "values": {labels[source]: value for source, value in d.values},
                 "sources": [labels[source] for source in sorted(d.sources)]}
                for d in self.differences
            ],
        }


@dataclass(frozen=True, slots=True)
class TermRow:
    """One lexicon referent: the words each source uses for it, with counts."""

    referent: str
    name: str
    kind: str
    uses: tuple[tuple[tuple[str, int], ...], ...]  # per source: (term, count), most used first

    @property
    def differs(self) -> bool:
        """Whether the sources that name the referent do not all use the same words."""
        named = [frozenset(term for term, _ in terms) for terms in self.uses if terms]
        return len(set(named)) > 1


@dataclass(frozen=True, slots=True)
class WordChoice:
    """Words that differ inside one aligned claim, found automatically (not from the lexicon)."""

    group: int
    phrases: tuple[str | None, ...]  # per source; None where the source has no such words


@dataclass(frozen=True)
class Comparison:
    """Articles compared claim by claim: the aligned claims, the lexicon's word choices per
    referent, and differing phrases found inside aligned claims."""

    sources: tuple[SourceInfo, ...]
    groups: tuple[Group, ...]
    terminology: tuple[TermRow, ...]
    word_choices: tuple[WordChoice, ...]
    threshold: float

    @property
    def labels(self) -> list[str]:
        """The sources' labels, in input order."""
        return [source.label for source in self.sources]

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data."""
        labels = self.labels
        return {
            "threshold": self.threshold,
            "sources": [source.to_dict() for source in self.sources],
            "groups": [group.to_dict(labels) for group in self.groups],
            "terminology": [
                {"referent": row.referent, "name": row.name, "kind": row.kind, "differs": row.differs,
                 "uses": {label: [{"term": t, "count": c} for t, c in terms] for label, terms in zip(labels, row.uses, strict=True)}}
                for row in self.terminology
            ],
            "word_choices": [
                {"group": choice.group, "phrases": dict(zip(labels, choice.phrases, strict=True))}
                for choice in self.word_choices
            ],
        }

    def to_markdown(self) -> str:
        """The comparison as a Markdown report."""
        labels = self.labels
        lines = ["# Comparison", ""]
        lines += [f"- **{s.label}**: {_md(s.title or s.name or s.id)} (`{s.id}`)" for s in self.sources]
        lines += ["", "## Claims", "", "| # | " + " | ".join(labels) + " | differences |", "|---" * (len(labels) + 2) + "|"]
        for number, group in enumerate(self.groups, 1):
            cells = [_md(_cell(entry)) for entry in group.entries]
            lines.append(f"| {number} | " + " | ".join(cells) + f" | {_md(_differences_text(group, labels))} |")
        lines += ["", "## Word choices", ""]
        if self.terminology:
            lines += ["| referent | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
            for row in self.terminology:
                cells = [_md(_terms(terms)) for terms in row.uses]
                lines.append(f"| {_md(row.name)}{' (differs)' if row.differs else ''} | " + " | ".join(cells) + " |")
        else:
            lines.append("No lexicon name or framing found in any source.")
        if self.word_choices:
            lines += ["", "Differing words inside aligned claims (found automatically):", "",
                      "| claim | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
            for choice in self.word_choices:
                lines.append(f"| {choice.group + 1} | " + " | ".join(_md(p or "-") for p in choice.phrases) + " |")
        return "\n".join(lines) + "\n"

    def to_html(self) -> str:
        """The comparison as one self-contained side-by-side HTML page."""
        labels = self.labels
        esc = html.escape
        head = "".join(f"<th>{esc(s.label)}: {esc(s.title or s.name or s.id)}</th>" for s in self.sources)
        rows = []
        for number, group in enumerate(self.groups, 1):
            cells = []
            for source, entry in enumerate(group.entries):
                kinds = [d.kind for d in group.differences if source in d.sources]
                note = f'<div class=kinds>differs: {esc(", ".join(kinds))}</div>' if kinds else ""
                text = esc(entry.text) if entry.text is not None else "<em>omits this claim</em>"
                cells.append(f'<td class="{entry.status}" data-status="{entry.status}">{text}{note}</td>')
            diffs = esc(_differences_text(group, labels))
            rows.append(f'<tr id="claim-{number}"><th>{number}</th>{"".join(cells)}<td class=diff>{diffs}</td></tr>')
        terms = "".join(
            f'<tr class="{"differs" if row.differs else "same"}"><th>{esc(row.name)}</th>'
            + "".join(f"<td>{esc(_terms(t))}</td>" for t in row.uses) + "</tr>"
            for row in self.terminology
        ) or f'<tr><td colspan="{len(labels) + 1}">No lexicon name or framing found in any source.</td></tr>'
        choices = "".join(
            f"<tr><th>{choice.group + 1}</th>" + "".join(f"<td>{esc(p or '-')}</td>" for p in choice.phrases) + "</tr>"
            for choice in self.word_choices
        )
        label_head = "".join(f"<th>{esc(label)}</th>" for label in labels)
        return (
            "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name=viewport content="width=device-width, initial-scale=1">'
            f"<title>Comparison · spinscope</title><style>{_STYLE}</style></head><body><main>"
            "<h1>Comparison of sources</h1>"
            f'<table class=claims><thead><tr><th>#</th>{head}<th>differences</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"<h2>Word choices</h2><table class=terms><thead><tr><th>referent</th>{label_head}</tr></thead><tbody>{terms}</tbody></table>"
            + (f"<h2>Differing words inside aligned claims</h2><table class=terms><thead><tr><th>claim</th>{label_head}</tr></thead>"
               f"<tbody>{choices}</tbody></table>" if choices else "")
            + "</main></body></html>"
        )


_STYLE = """
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
main { margin: 1.5rem; } table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 1.5rem; }
th, td { border: 1px solid #d9dde5; padding: .4rem .6rem; vertical-align: top; text-align: left; }
td.differs { background: #fff4d6; } td.omits { background: #f0f0f0; color: #5b6475; }
td.diff { font-size: .9rem; color: #5b6475; } .kinds { font-size: .8rem; font-weight: 600; color: #8a5a00; }
tr.differs th { color: #8a5a00; }
"""


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
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")
