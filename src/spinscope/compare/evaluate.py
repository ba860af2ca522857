"""Score a comparison against a gold group of articles (the evaluation set's ``gold.json``).

A gold group names its articles by file name and each claim by a fragment of its sentence in
each source that tells it; a fragment matches the unit whose text contains it. Scores:
alignment precision and recall over pairs of units, difference detection per kind (a gold
difference is found when the group holding its sentences reports that kind), omission recall
(the source is ``omits`` in the group of the claim), terminology recall (each source's
variant appears in its row of the terminology table). A predicted difference whose kind no gold
claim of its group has is a false difference: counted as not "predicted right", and described in
`CompareCounts.false` so that a benchmark can show what was wrongly reported.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spinscope.compare.report import Comparison
from spinscope.errors import InputError
from spinscope.eval import Scores

__all__ = ["CompareCounts", "GoldGroup", "counts_report", "load_gold", "score_comparison"]


@dataclass(frozen=True)
class GoldGroup:
    """One group of the evaluation set: its folder, split, article files and gold."""

    name: str
    split: str
    files: tuple[Path, ...]
    claims: list[dict[str, Any]]
    terms: list[dict[str, Any]]


@dataclass
class CompareCounts:
    """Counts for one or more groups; add them with `+=`. `alignment` gives their `Scores`."""

    pairs_gold: int = 0
    pairs_predicted: int = 0
    pairs_right: int = 0
    differences_gold: Counter[str] = field(default_factory=Counter)
    differences_found: Counter[str] = field(default_factory=Counter)
    differences_predicted: Counter[str] = field(default_factory=Counter)
    differences_predicted_right: Counter[str] = field(default_factory=Counter)
    omissions_gold: int = 0
    omissions_found: int = 0
    terms_gold: int = 0
    terms_found: int = 0
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def alignment(self) -> Scores:
        """Alignment precision, recall and F1 over pairs of units telling the same claim."""
        return Scores.of(self.pairs_right, self.pairs_predicted, self.pairs_gold)

    def __iadd__(self, other: CompareCounts) -> CompareCounts:
        for name in (
            "pairs_gold",
            "pairs_predicted",
            "pairs_right",
            "omissions_gold",
            "omissions_found",
            "terms_gold",
            "terms_found",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("differences_gold", "differences_found", "differences_predicted", "differences_predicted_right"):
            getattr(self, name).update(getattr(other, name))
        self.missed.extend(other.missed)
        self.false.extend(other.false)
        return self

    @property
    def false_differences(self) -> int:
        """How many predicted differences are of a kind no gold claim of their group has."""
        return sum(self.differences_predicted.values()) - sum(self.differences_predicted_right.values())


def counts_report(totals: dict[str, CompareCounts]) -> str:
    """What the compare benchmarks print for one system: a Markdown table with one row per split
    (``all`` last: alignment P/R/F1, omission and terminology recall, differences found/gold per
    kind with (predicted right/predicted), false differences), then every gold item missed and
    every false difference over all groups, one a line."""
    lines = [
        "| split | alignment P | R | F1 | omission recall | terminology recall "
        "| differences found/gold (predicted right/predicted) | false differences |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for split in [*sorted(split for split in totals if split != "all"), "all"]:
        if split not in totals:
            continue
        s = totals[split]
        kinds = ", ".join(
            f"{kind} {s.differences_found[kind]}/{s.differences_gold[kind]}"
            f" ({s.differences_predicted_right[kind]}/{s.differences_predicted[kind]})"
            for kind in sorted(s.differences_gold | s.differences_predicted)
        )
        found, gold = sum(s.differences_found.values()), sum(s.differences_gold.values())
        lines.append(
            f"| {split} | {s.alignment.precision:.3f} | {s.alignment.recall:.3f} | {s.alignment.f1:.3f} "
            f"| {s.omissions_found}/{s.omissions_gold} | {s.terms_found}/{s.terms_gold} "
            f"| {found}/{gold}: {kinds} | {s.false_differences} |"
        )
    everything = totals.get("all", CompareCounts())
    lines += [f"missed: {line}" for line in everything.missed]
    lines += [f"false: {line}" for line in everything.false]
    return "\n".join(lines)


def load_gold(folder: Path) -> list[GoldGroup]:
    """Every group (a sub-folder with ``gold.json``) of the evaluation set in `folder`."""
    groups = []
    for gold in sorted(folder.glob("*/gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        files = tuple(sorted(gold.parent.glob("*.txt")))
        groups.append(GoldGroup(gold.parent.name, data["split"], files, data["claims"], data["terms"]))
    if not groups:
        raise InputError(f"{folder} holds no <group>/gold.json", code="input.compare_gold")
    return groups


def score_comparison(group: GoldGroup, comparison: Comparison) -> CompareCounts:
    """Compare one group's gold with what `comparison` reports (sources in `group.files` order)."""
    names = [path.name for path in group.files]
    scores = CompareCounts()
    locate: dict[tuple[int, str], int] = {}  # (source, fragment) -> group index
    for number, predicted in enumerate(comparison.groups):
        for source, entry in enumerate(predicted.entries):
            for claim in group.claims:
                fragment = claim["texts"].get(names[source])
                if entry.text and fragment and fragment in entry.text:
                    locate[(source, fragment)] = number
    gold_pairs = set()
    for claim in group.claims:
        members = [(names.index(name), text) for name, text in claim["texts"].items()]
        where = {source: locate.get((source, text)) for source, text in members}
        for n, (one, _) in enumerate(members):
            for other, _ in members[n + 1 :]:
                gold_pairs.add(frozenset({(one, claim["texts"][names[one]]), (other, claim["texts"][names[other]])}))
        found_group = _common(where)
        for difference in claim["differences"]:
            kind = difference["kind"]
            scores.differences_gold[kind] += 1
            if found_group is not None and any(d.kind == kind for d in comparison.groups[found_group].differences):
                scores.differences_found[kind] += 1
            else:
                scores.missed.append(f"{group.name}: {kind} difference in {claim['texts']}")
        for name in claim["omitted_by"]:
            scores.omissions_gold += 1
            homes = {g for g in where.values() if g is not None}
            if homes and all(comparison.groups[g].entries[names.index(name)].status == "omits" for g in homes):
                scores.omissions_found += 1
            else:
                scores.missed.append(f"{group.name}: omission by {name} of {claim['texts']}")
    scores.pairs_gold = len(gold_pairs)
    for number, predicted in enumerate(comparison.groups):
        present = [s for s, entry in enumerate(predicted.entries) if entry.text is not None]
        for n, one in enumerate(present):
            for other in present[n + 1 :]:
                scores.pairs_predicted += 1
                keys = {key for key, g in locate.items() if g == number and key[0] in (one, other)}
                if len(keys) >= 2 and any(frozenset(pair) in gold_pairs for pair in _pairs_of(keys, one, other)):
                    scores.pairs_right += 1
        gold_kinds = _gold_kinds(group, names, locate, number)
        for difference in predicted.differences:
            scores.differences_predicted[difference.kind] += 1
            if difference.kind in gold_kinds:
                scores.differences_predicted_right[difference.kind] += 1
            else:
                said = "; ".join(f"{names[source]}: {value}" for source, value in difference.values)
                scores.false.append(f"{group.name}: {difference.kind} ({said})")
    for row in group.terms:
        found = next((r for r in comparison.terminology if r.referent == row["referent"]), None)
        for name, term in row["variants"].items():
            scores.terms_gold += 1
            if found is not None and any(t.casefold() == term.casefold() for t, _ in found.uses[names.index(name)]):
                scores.terms_found += 1
            else:
                scores.missed.append(f"{group.name}: term {term!r} of {name}")
    return scores


def _common(where: dict[int, int | None]) -> int | None:
    values = set(where.values())
    return values.pop() if len(values) == 1 and None not in values else None


def _pairs_of(keys: set[tuple[int, str]], one: int, other: int) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    return [(a, b) for a in keys if a[0] == one for b in keys if b[0] == other]


def _gold_kinds(group: GoldGroup, names: list[str], locate: dict[tuple[int, str], int], number: int) -> set[str]:
    kinds: set[str] = set()
    for claim in group.claims:
        if any(locate.get((names.index(name), text)) == number for name, text in claim["texts"].items()):
            kinds.update(d["kind"] for d in claim["differences"])
    return kinds
