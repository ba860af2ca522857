"""Claim alignment built by hand: units with chosen cosines, and the looser second pass."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.compare.align import align, share_evidence
from spinscope.compare.lexicon import load_lexicon
from spinscope.compare.units import Number, Unit
from spinscope.document import Span

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
