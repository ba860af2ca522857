"""Claim alignment built by hand: units with chosen cosines, the looser second pass, and the
weight of where two units stand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from spinscope.compare.align import align, share_evidence
from spinscope.compare.lexicon import load_lexicon
from spinscope.compare.units import Number, Unit
from spinscope.document import Span, Timex

LEXICON = load_lexicon()


def _unit(source: int, index: int, text: str, *, numbers: tuple[float, ...] = (), names: tuple[str, ...] = ()) -> Unit:
    return Unit(
        source=source,
        index=index,
        span=Span(0, len(text), text),
        entities={name.casefold(): "GPE" for name in names},
        names={name.casefold(): name for name in names},
        timexes=(),
        numbers=tuple(Number(f"{n:g}", n) for n in numbers),
        uses=tuple(LEXICON.find(text)),
    )


def _vectors(cosines: dict[tuple[int, int], float], size: int) -> dict[tuple[int, int], np.ndarray]:
    """Unit vectors where unit ``(0, i)`` and ``(1, i)`` have the cosine given for ``i`` and
    every other pair is orthogonal."""
    vectors = {}
    for (_, index), cosine in cosines.items():
        left, right = np.zeros(2 * size), np.zeros(2 * size)
        left[2 * index] = 1.0
        right[2 * index], right[2 * index + 1] = cosine, np.sqrt(1 - cosine**2)
        vectors[(0, index)], vectors[(1, index)] = left, right
    return vectors


# the second claim's two versions: their numbers and names, their cosine, the loose threshold,
# whether they are aligned
CASES = [
    ("numbers-of-one-kind", ((2,), (3,)), 0.83, 0.82, True),
    ("no-second-pass", ((2,), (3,)), 0.83, None, False),
    ("nothing-shared", ((), ()), 0.83, 0.82, False),
    ("under-the-loose-threshold", ((2,), (3,)), 0.80, 0.82, False),
]


@pytest.mark.parametrize(
    ("numbers", "cosine", "loose", "aligned"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_the_looser_pass_joins_leftover_pairs_that_share_evidence(numbers, cosine, loose, aligned: bool) -> None:
    units = [
        [_unit(0, 0, "The school reopened on Monday."), _unit(0, 1, "Residents were injured.", numbers=numbers[0])],
        [_unit(1, 0, "Школа открылась в понедельник."), _unit(1, 1, "Пострадали жители города.", numbers=numbers[1])],
    ]
    alignment = align(units, _vectors({(0, 0): 0.95, (0, 1): cosine}, 2), threshold=0.85, loose_threshold=loose)
    assert {0: 0, 1: 0} in alignment.groups
    assert ({0: 1, 1: 1} in alignment.groups) is aligned


# two units' texts and names, whether they share evidence
EVIDENCE = [
    ("a-place-in-two-scripts", ("Tremors were felt in Kapan.", ()), ("Толчки ощущались в Кафане.", ()), True),
    ("a-rare-name", ("Two died in Tavush.", ("Tavush",)), ("В Тавушской области погибли.", ("Тавушской",)), True),
    ("a-capital-is-no-evidence", ("Officials in Baku spoke.", ("Baku",)), ("В Баку заявили.", ("Баку",)), False),
]


@pytest.mark.parametrize(
    ("one", "other", "shared"), [case[1:] for case in EVIDENCE], ids=[case[0] for case in EVIDENCE]
)
def test_share_evidence_counts_places_and_rare_names(one, other, shared: bool) -> None:
    assert share_evidence(_unit(0, 0, one[0], names=one[1]), _unit(1, 0, other[0], names=other[1])) is shared


def _scored(scores: list[list[float]]) -> dict[tuple[int, int], np.ndarray]:
    """Vectors whose dot products are `scores`: row ``r`` of source 0 with column ``c`` of source 1."""
    matrix = np.array(scores)
    vectors = {(0, row): np.eye(len(matrix))[row] for row in range(len(matrix))}
    vectors.update({(1, column): matrix[:, column] for column in range(matrix.shape[1])})
    return vectors


# four sentences a side: the first of each side tell one claim (0.868), and so do the last
# (0.871), but the first of one side scores 0.877 with the last of the other
AT_BOTH_ENDS = [
    [0.868, 0.5, 0.5, 0.877],
    [0.5, 0.95, 0.5, 0.5],
    [0.5, 0.5, 0.95, 0.5],
    [0.844, 0.5, 0.5, 0.871],
]


@pytest.mark.parametrize(
    ("weight", "groups"),
    [(0.0, [{0: 0, 1: 3}, {0: 3}, {1: 0}]), (0.08, [{0: 0, 1: 0}, {0: 3, 1: 3}])],
    ids=["score-alone", "nearer-place-wins"],
)
def test_position_weight_prefers_the_candidate_at_the_nearer_place(weight: float, groups) -> None:
    units = [[_unit(source, index, f"s{source}u{index}") for index in range(4)] for source in range(2)]
    alignment = align(units, _scored(AT_BOTH_ENDS), threshold=0.85, position_weight=weight)
    assert all(group in alignment.groups for group in groups)


def test_position_weight_never_lets_a_pair_under_the_threshold_join() -> None:
    units = [[_unit(source, 0, f"s{source}")] for source in range(2)]
    alignment = align(units, _scored([[0.84]]), threshold=0.85, position_weight=0.5)
    assert {0: 0, 1: 0} not in alignment.groups


# three sentences a side: the first and the last of each tell one claim; the middle ones score
# 0.83 with each other and share no evidence (whether they tell a place or a count differently
# is the test's `differ`)
BETWEEN = [[0.95, 0.5, 0.5], [0.5, 0.83, 0.5], [0.5, 0.5, 0.95]]
# the middle sentence of one side against the last of the other, which stands after the
# second claim both tell
ACROSS = [[0.95, 0.5, 0.5], [0.5, 0.5, 0.84], [0.5, 0.95, 0.5]]


@pytest.mark.parametrize(
    ("scores", "pair", "differ", "loose", "aligned"),
    [
        (BETWEEN, {0: 1, 1: 1}, True, 0.82, True),
        (BETWEEN, {0: 1, 1: 1}, False, 0.82, False),
        (BETWEEN, {0: 1, 1: 1}, True, 0.84, False),
        (ACROSS, {0: 1, 1: 2}, True, 0.82, False),
    ],
    ids=["a-fact-differs-between-two-claims", "facts-alike", "under-the-loose-threshold", "in-another-stretch"],
)
def test_the_last_pass_joins_a_pair_between_two_claims_that_tells_a_fact_differently(
    scores, pair, differ: bool, loose: float, aligned: bool
) -> None:
    units = [[_unit(source, index, f"s{source}u{index}") for index in range(3)] for source in range(2)]
    alignment = align(units, _scored(scores), threshold=0.85, loose_threshold=loose, apart=lambda a, b: differ)
    assert (pair in alignment.groups) is aligned


def _dated(source: int, text: str, value: str) -> Unit:
    unit = _unit(source, 0, text)
    return replace(unit, timexes=(Timex(0, len(text), text, type="DATE", value=value),))


# two units' dates, whether they share evidence
DAYS = [
    ("a-weekday-and-a-date", "2025-09-15", "2025-09-14", True),
    ("an-unanchored-weekday-and-a-date", "XXXX-WXX-1", "2025-09-14", True),
    ("a-time-of-day-on-a-day", "2022-11-06T19:00", "2022-11-05TEV", True),
    ("months-say-no-day", "2025-03", "2025-04", False),
    ("a-day-and-a-year", "2025-09-14", "2025", False),
]


@pytest.mark.parametrize(("one", "other", "shared"), [c[1:] for c in DAYS], ids=[c[0] for c in DAYS])
def test_share_evidence_counts_a_day_each(one: str, other: str, shared: bool) -> None:
    assert share_evidence(_dated(0, "on that day", one), _dated(1, "в тот день", other)) is shared


def test_two_sources_of_one_language_do_not_carry_a_unit_away_from_its_stronger_pair() -> None:
    # English "fought the fire for 14 hours" (0, 0) and "Two firefighters suffered burns" (0, 1);
    # Russian «Пожар потушили за пять часов» (1, 0) and, in a third source, «Трое пожарных
    # получили ожоги» (2, 0). The two Russian sentences score high with each other only for
    # sharing a topic; «Трое пожарных» is "Two firefighters"' mutual best, above "14 hours".
    names = ["fought 14 hours", "two firefighters", "пять часов", "трое пожарных"]
    gram = np.array(
        [
            [1.0, 0.85, 0.90, 0.871],
            [0.85, 1.0, 0.80, 0.894],
            [0.90, 0.80, 1.0, 0.896],
            [0.871, 0.894, 0.896, 1.0],
        ]
    )
    rows = np.linalg.cholesky(gram)
    keys = [(0, 0), (0, 1), (1, 0), (2, 0)]
    vectors = dict(zip(keys, rows, strict=True))
    units = [
        [_unit(0, 0, names[0]), _unit(0, 1, names[1])],
        [_unit(1, 0, names[2])],
        [_unit(2, 0, names[3])],
    ]
    alignment = align(units, vectors, threshold=0.85, anchors=False, pair_thresholds={(1, 2): 0.89})
    assert {0: 0, 1: 0} in alignment.groups
    assert {0: 1, 2: 0} in alignment.groups
