"""Claim alignment: which sentences of different sources tell the same claim.

The score of two units of different sources is ``max(cosine, 0.8 * cosine + 0.2 * jaccard)``:
the cosine of their MiniLM embeddings (the shipped int8 all-MiniLM-L6-v2 encoder, mean-pooled,
unit length) and the Jaccard overlap of their anchors (entity names folded through the
lexicon, so "Kiev" and "Kyiv" are one; date values; number values). Shared anchors raise the
score; anchors that differ never lower it below the cosine, since a changed number, date or
actor is what the comparison is there to find. Candidate pairs are mutual best matches of each pair of
sources at or above the threshold; they are joined into groups strongest first, never
putting two units of one source into one group. The rules are the same for every source.

A second, looser pass (`align`'s ``loose_threshold``, used across languages) gives the units
that the first left apart another chance: a changed number, date or cause lowers the cosine of
two versions of one claim, which is exactly what the comparison is there to find. Among the
units of two sources that are not yet in a group with the other source, a pair scoring at
least ``loose_threshold`` but under the pair's threshold (a pair above it lost to a stronger
one in the first pass) joins when the two are each other's best such pair and share evidence
(`share_evidence`): a place of the lexicon, a name, numbers with one unit, or a day each.

A last pass (`align`'s ``apart``, used across languages) joins two units that stand at the
same point of both stories and differ in the place or the numbers they give: among the units of
two sources that lie between the same two aligned claims of theirs (in both sources' order)
and are still apart, a pair scoring at least ``loose_threshold`` joins when the two are each
other's best there and ``apart`` says they tell a place or a count differently («Лодку
остановили у Ивангорода» against "The boat was stopped near the town of Narva-Jõesuu";
"Fourteen lorries were caught" against «оказались шесть грузовиков»). A changed place or count
lowers the cosine, and with nothing else to share, two short sentences of one claim fall under
the threshold, or lose their mutual best to a look-alike.

Who is whose best may also weigh where the two sentences stand (`align`'s ``position_weight``,
used across languages): two reports of one event tell its main facts in much the same order,
so of two candidates that score alike, the one at the nearer relative place in its article is
taken. The weight only ranks candidates; whether a pair may join at all is the score's alone.

Across languages, two sources written in one language (`align`'s ``pair_thresholds``) may not
join two groups where that would put a unit with a sentence of a third source while its own
mutual best there, scoring higher, stays out (`_Partners`): sentences of one language that
only share a topic score high with each other, and would otherwise carry a unit away from its pair.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.compare.actors import is_state
from spinscope.compare.translit import same_name
from spinscope.compare.units import Unit

__all__ = ["ANCHOR_WEIGHT", "Alignment", "align", "pair_scores", "share_evidence"]

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


def share_evidence(one: Unit, other: Unit) -> bool:
    """Whether two units share a fact of one kind, as the looser pass asks of a pair: a lexicon
    place or a name (not a group's, nor a state's or its capital's, which every article of a
    conflict names), numbers with one unit (counts, percentages, periods), or a day each (a
    date or a weekday, whichever day: "on Monday" and «14 сентября» both say when)."""
    places = [
        {use.referent for use in unit.uses if use.kind == "place" and not is_state(use.text)} for unit in (one, other)
    ]
    if places[0] & places[1]:
        return True
    names = [_named(unit) for unit in (one, other)]
    if any(same_name(a, b) for a in names[0] for b in names[1]):
        return True
    kinds = [{number.unit for number in unit.numbers if number.value is not None} for unit in (one, other)]
    return bool(kinds[0] & kinds[1]) or (_names_a_day(one) and _names_a_day(other))


# A TIMEX3 value that names one day: a date (``2025-09-14``) or a weekday (``XXXX-WXX-1``),
# with or without a time of day.
_DAY = re.compile(r"(?:\d{4}|XXXX)-(?:\d{2}-\d{2}|WXX-[1-7])(?:T.*)?")


def _names_a_day(unit: Unit) -> bool:
    return any(timex.type in ("DATE", "TIME") and _DAY.fullmatch(timex.value or "") for timex in unit.timexes)


def _named(unit: Unit) -> list[str]:
    return [
        key
        for key, label in unit.entities.items()
        if label != "NORP"
        and not key.startswith(("@", "state:"))
        and key not in unit.asides
        and not is_state(unit.names.get(key, key))
    ]


def align(
    units: Sequence[Sequence[Unit]],
    vectors: dict[tuple[int, int], np.ndarray],
    *,
    threshold: float,
    anchors: bool = True,
    pair_thresholds: Mapping[tuple[int, int], float] | None = None,
    loose_threshold: float | None = None,
    position_weight: float = 0.0,
    apart: Callable[[Unit, Unit], bool] | None = None,
) -> Alignment:
    """Group the units of all sources (`units[source]`) into aligned claims.

    Args:
        units: Each source's units, in text order.
        vectors: The unit embeddings by ``(source, index)``.
        threshold: The least score of a pair that may join.
        anchors: Add the anchor overlap to the cosine (False: cosine alone, the baseline).
        pair_thresholds: For a pair of sources ``(i, j)``, ``i < j``, a threshold that
            replaces `threshold` (across languages, same-language pairs need more).
        loose_threshold: The least score of the looser second pass (see the module), for the
            pairs of sources without their own `pair_thresholds`; None: no second pass.
        position_weight: How much a unit's best candidate pays per unit of distance between
            the two units' relative places in their sources (0: the score alone ranks).
        apart: Whether two units tell a place or a number differently, for the last pass (see
            the module), which runs with `loose_threshold`; None: no last pass.
    """
    thresholds = pair_thresholds or {}
    scores = {
        (i, j): pair_scores(units[i], units[j], vectors, anchors=anchors)
        for i in range(len(units))
        for j in range(i + 1, len(units))
    }
    ranks = {
        (i, j): matrix - position_weight * _position_gaps(len(units[i]), len(units[j]))
        for (i, j), matrix in scores.items()
    }
    edges: list[tuple[float, tuple[int, int], tuple[int, int]]] = []
    for (i, j), matrix in scores.items():
        least = thresholds.get((i, j), threshold)
        edges += _mutual_best(matrix, ranks[(i, j)], i, j, _at_least(least))
    group_of, groups, weakest = _singletons(units)
    partners = _Partners(scores, frozenset(thresholds))
    _join(edges, group_of, groups, weakest, partners)
    if loose_threshold is not None:
        loose: list[tuple[float, tuple[int, int], tuple[int, int]]] = []
        for (i, j), matrix in scores.items():
            if (i, j) in thresholds:
                continue

            def allowed(row: int, column: int, score: float, i: int = i, j: int = j) -> bool:
                return (
                    loose_threshold <= score < threshold
                    and j not in groups[group_of[(i, row)]]
                    and i not in groups[group_of[(j, column)]]
                    and share_evidence(units[i][row], units[j][column])
                )

            loose += _mutual_best(matrix, ranks[(i, j)], i, j, allowed)
        _join(loose, group_of, groups, weakest, partners)
        if apart is not None:
            between: list[tuple[float, tuple[int, int], tuple[int, int]]] = []
            for (i, j), matrix in scores.items():
                if (i, j) not in thresholds:
                    between += _between_anchors(
                        matrix, ranks[(i, j)], i, j, groups, group_of, units, loose_threshold, apart
                    )
            _join(between, group_of, groups, weakest, partners)
    kept = [(group, score) for group, score in zip(groups, weakest, strict=True) if group]
    sizes = [max(len(these), 1) for these in units]
    kept.sort(key=lambda item: min(index / sizes[source] for source, index in item[0].items()))
    return Alignment([group for group, _ in kept], [score for _, score in kept])


def _between_anchors(
    matrix: np.ndarray,
    ranks: np.ndarray,
    i: int,
    j: int,
    groups: list[dict[int, int]],
    group_of: dict[tuple[int, int], int],
    units: Sequence[Sequence[Unit]],
    least: float,
    apart: Callable[[Unit, Unit], bool],
) -> list[tuple[float, tuple[int, int], tuple[int, int]]]:
    """The last pass's pairs of sources `i` and `j` (see the module): in each stretch between two
    claims both sources tell (in order in both), the pairs of units still apart that are each
    other's best there, score at least `least`, and that `apart` says tell a place or a
    number differently."""
    anchors = sorted((group[i], group[j]) for group in groups if i in group and j in group)
    bounds = [(-1, -1), *anchors, (matrix.shape[0], matrix.shape[1])]
    found = []
    for (top, left), (bottom, right) in itertools.pairwise(bounds):
        rows = [row for row in range(top + 1, bottom) if j not in groups[group_of[(i, row)]]]
        columns = [column for column in range(left + 1, right) if i not in groups[group_of[(j, column)]]]
        if not rows or not columns:
            continue
        inside = np.ix_(rows, columns)
        found += [
            (score, (i, rows[row]), (j, columns[column]))
            for score, (_, row), (_, column) in _mutual_best(matrix[inside], ranks[inside], i, j, _at_least(least))
            if apart(units[i][rows[row]], units[j][columns[column]])
        ]
    return found


def _at_least(least: float) -> Callable[[int, int, float], bool]:
    def allowed(row: int, column: int, score: float) -> bool:
        return score >= least

    return allowed


def _position_gaps(rows: int, columns: int) -> np.ndarray:
    """How far apart each pair of units stands: the difference of their relative places (the
    middle of each unit's share of its source, 0 to 1)."""
    left, right = (np.arange(rows) + 0.5) / max(rows, 1), (np.arange(columns) + 0.5) / max(columns, 1)
    return np.abs(left[:, None] - right[None, :])


def _mutual_best(
    matrix: np.ndarray, ranks: np.ndarray, i: int, j: int, allowed: Callable[[int, int, float], bool]
) -> list[tuple[float, tuple[int, int], tuple[int, int]]]:
    """The pairs of units of sources `i` and `j` that are each other's best by `ranks` among the
    ones `allowed` by their score in `matrix`."""
    if matrix.size == 0:
        return []
    masked = np.full(matrix.shape, -np.inf)
    for row, column in np.ndindex(*matrix.shape):
        if allowed(row, column, float(matrix[row, column])):
            masked[row, column] = ranks[row, column]
    best_right, best_left = masked.argmax(axis=1), masked.argmax(axis=0)
    return [
        (float(matrix[row, column]), (i, row), (j, int(column)))
        for row, column in enumerate(best_right)
        if best_left[column] == row and np.isfinite(masked[row, column])
    ]


def _singletons(units: Sequence[Sequence[Unit]]):
    group_of: dict[tuple[int, int], int] = {}
    groups: list[dict[int, int]] = []
    weakest: list[float | None] = []
    for source, these in enumerate(units):
        for unit in these:
            group_of[(source, unit.index)] = len(groups)
            groups.append({source: unit.index})
            weakest.append(None)
    return group_of, groups, weakest


def _join(
    edges: list[tuple[float, tuple[int, int], tuple[int, int]]],
    group_of: dict[tuple[int, int], int],
    groups: list[dict[int, int]],
    weakest: list[float | None],
    partners: _Partners,
) -> None:
    """Join the groups of each edge's units, strongest edge first, unless that would put two
    units of one source into one group, or an edge of two sources of one language would join
    what `partners` says belongs elsewhere (`_Partners.contradict`)."""
    partners.add(edges)
    for score, one, other in sorted(edges, key=lambda edge: (-edge[0], edge[1], edge[2])):
        first, second = group_of[one], group_of[other]
        if first == second or groups[first].keys() & groups[second].keys():
            continue
        if (one[0], other[0]) in partners.same_language and partners.contradict(groups[first], groups[second]):
            continue
        for source, index in groups[second].items():
            groups[first][source] = index
            group_of[(source, index)] = first
        groups[second] = {}
        weakest[first] = min([score, *(s for s in (weakest[first], weakest[second]) if s is not None)])


class _Partners:
    """Each unit's mutual best partner in each other source, with its score, from the edges of
    every pass so far (the first a pass finds stays), and the pairs of sources in one language.

    e5 scores two sentences of one language high when they only share a topic («Пожар удалось
    потушить за пять часов», «Трое пожарных получили ожоги»: 0.90), so an edge between two
    such sources could carry a unit into the group of a sentence that is not its pair in a
    third source ("The firefighters fought the fire for 14 hours") and away from the one that
    is ("Two firefighters suffered burns", its mutual best at 0.89). Such an edge does not join
    groups that it would set against a stronger pair this way.
    """

    def __init__(self, scores: dict[tuple[int, int], np.ndarray], same_language: frozenset[tuple[int, int]]) -> None:
        self.scores = scores
        self.same_language = same_language
        self.best: dict[tuple[tuple[int, int], int], tuple[tuple[int, int], float]] = {}

    def add(self, edges: list[tuple[float, tuple[int, int], tuple[int, int]]]) -> None:
        """Take each edge's two units as each other's partners where they have none yet."""
        for score, one, other in edges:
            self.best.setdefault((one, other[0]), (other, score))
            self.best.setdefault((other, one[0]), (one, score))

    def contradict(self, first: dict[int, int], second: dict[int, int]) -> bool:
        """Whether joining two groups (``{source: index}``) puts together two units of which one
        has a partner in the other's source that is not the other and scores higher than they do."""
        for source, index in first.items():
            for other_source, other_index in second.items():
                here, there = (source, index), (other_source, other_index)
                (i, row), (j, column) = sorted((here, there))
                direct = float(self.scores[(i, j)][row, column])
                for unit, side, own in ((here, other_source, there), (there, source, here)):
                    partner = self.best.get((unit, side))
                    if partner is not None and partner[0] != own and partner[1] > direct:
                        return True
        return False
