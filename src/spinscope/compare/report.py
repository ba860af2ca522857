"""The result of a comparison, as data: the sources, the aligned claims, the word choices, and
their JSON-ready form (`Comparison.to_dict`).

Invariant: every source is reported by the same rules (one entry per source in every group and
every row, in input order). `spinscope.render.compare` renders a comparison as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from spinscope.compare.differences import Difference

__all__ = ["Comparison", "Entry", "Group", "SourceInfo", "TermRow", "WordChoice"]

Status = Literal["asserts", "differs", "omits"]


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
                    "status": entry.status,
                    "text": entry.text,
                    "start": entry.start,
                    "end": entry.end,
                    "differs": [d.kind for d in self.differences if labels.index(label) in d.sources],
                }
                for label, entry in zip(labels, self.entries, strict=True)
            },
            "differences": [
                {
                    "kind": d.kind,
                    "referent": d.referent,
                    "values": {labels[source]: value for source, value in d.values},
                    "sources": [labels[source] for source in sorted(d.sources)],
                }
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
                {
                    "referent": row.referent,
                    "name": row.name,
                    "kind": row.kind,
                    "differs": row.differs,
                    "uses": {
                        label: [{"term": t, "count": c} for t, c in terms]
                        for label, terms in zip(labels, row.uses, strict=True)
                    },
                }
                for row in self.terminology
            ],
            "word_choices": [
                {"group": choice.group, "phrases": dict(zip(labels, choice.phrases, strict=True))}
                for choice in self.word_choices
            ],
        }
