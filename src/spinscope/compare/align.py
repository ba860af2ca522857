"""Claim alignment: which sentences of different sources tell the same claim.

The score of two units of different sources is ``max(cosine, 0.8 * cosine + 0.2 * jaccard)``:
the cosine of their MiniLM embeddings (the shipped int8 all-MiniLM-L6-v2 encoder, mean-pooled,
unit length) and the Jaccard overlap of their anchors (entity names folded through the
lexicon, so "Kiev" and "Kyiv" are one; date values; number values). Shared anchors raise the
score; anchors that differ never lower it below the cosine, since a changed number, date or
actor is what the comparison is there to find. Candidate pairs are mutual best matches of each pair of
sources at or above the threshold; they are joined into groups strongest first, never
putting two units of one source into one group. The rules are the same for every source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.compare.units import Unit

__all__ = ["ANCHOR_WEIGHT", "Alignment", "align", "pair_scores"]

ANCHOR_WEIGHT = 0.2


@dataclass(frozen=True)
class Alignment:
    """Groups of unit keys ``(source, index)``, at most one per source, with each group's
    weakest joining score (None for a unit standing alone)."""

    groups: list[dict[int, int]]
    scores: list[float | None]


def pair_scores(
    left: Sequence[Unit], right: Sequence[Unit], vectors: dict[tuple[int, int], np.ndarray], *, anchors: bool = True
) -> np.ndarray:
    """The alignment score of every unit of `left` with every unit of `right`."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    a = np.stack([vectors[(unit.source, unit.index)] for unit in left])
    b = np.stack([vectors[(unit.source, unit.index)] for unit in right])
    cosine = a @ b.T
    if not anchors:
        return cosine
    scores = cosine.copy()
    for row, one in enumerate(left):
        for column, other in enumerate(right):
            union = one.anchors | other.anchors
            if union:
                overlap = len(one.anchors & other.anchors) / len(union)
                blended = (1 - ANCHOR_WEIGHT) * cosine[row, column] + ANCHOR_WEIGHT * overlap
                scores[row, column] = max(cosine[row, column], blended)
    return scores


def align(
    units: Sequence[Sequence[Unit]],
    vectors: dict[tuple[int, int], np.ndarray],
    *,
    threshold: float,
    anchors: bool = True,
    pair_thresholds: Mapping[tuple[int, int], float] | None = None,
) -> Alignment:
    """Group the units of all sources (`units[source]`) into aligned claims.

    Args:
        units: Each source's units, in text order.
        vectors: The unit embeddings by ``(source, index)``.
        threshold: The least score of a pair that may join.
        anchors: Add the anchor overlap to the cosine (False: cosine alone, the baseline).
        pair_thresholds: For a pair of sources ``(i, j)``, ``i < j``, a threshold that
            replaces `threshold` (across languages, same-language pairs need more).
    """
    edges: list[tuple[float, tuple[int, int], tuple[int, int]]] = []
    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            scores = pair_scores(units[i], units[j], vectors, anchors=anchors)
            if scores.size == 0:
                continue
            best_right, best_left = scores.argmax(axis=1), scores.argmax(axis=0)
            least = (pair_thresholds or {}).get((i, j), threshold)
            for row, column in enumerate(best_right):
                if best_left[column] == row and scores[row, column] >= least:
                    edges.append((float(scores[row, column]), (i, row), (j, int(column))))
    edges.sort(key=lambda edge: (-edge[0], edge[1], edge[2]))
    group_of: dict[tuple[int, int], int] = {}
    groups: list[dict[int, int]] = []
    weakest: list[float | None] = []
    for source, these in enumerate(units):
        for unit in these:
            group_of[(source, unit.index)] = len(groups)
            groups.append({source: unit.index})
            weakest.append(None)
    for score, one, other in edges:
        first, second = group_of[one], group_of[other]
        if first == second or groups[first].keys() & groups[second].keys():
            continue
        for source, index in groups[second].items():
            groups[first][source] = index
            group_of[(source, index)] = first
        groups[second] = {}
        weakest[first] = min([score, *(s for s in (weakest[first], weakest[second]) if s is not None)])
    kept = [(group, score) for group, score in zip(groups, weakest, strict=True) if group]
    sizes = [max(len(these), 1) for these in units]
    kept.sort(key=lambda item: min(index / sizes[source] for source, index in item[0].items()))
    return Alignment([group for group, _ in kept], [score for _, score in kept])
