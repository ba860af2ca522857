from __future__ import annotations

import pytest

from spinscope.eval import Scores, f1_score


@pytest.mark.parametrize(
    ("counts", "precision", "recall"),
    [((2, 4, 8), 0.5, 0.25), ((0, 0, 3), 0.0, 0.0), ((0, 2, 0), 0.0, 0.0), ((3, 3, 3), 1.0, 1.0)],
    ids=["some-right", "nothing-predicted", "no-gold", "all-right"],
)
def test_scores_of_counts(counts: tuple[int, int, int], precision: float, recall: float) -> None:
    scores = Scores.of(*counts, threshold=0.5)
    assert (scores.precision, scores.recall) == (pytest.approx(precision), pytest.approx(recall))
    assert scores.f1 == pytest.approx(f1_score(precision, recall))
    assert (scores.correct, scores.predicted, scores.gold, scores.threshold) == (*counts, 0.5)
