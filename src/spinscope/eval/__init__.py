"""Measures of spinscope's stages against labelled corpora.

`Scores` is the one record of a precision/recall/F1 measure that every corpus module returns;
its `f1` is always `f1_score` of its precision and recall.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Scores", "f1_score"]


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one measure, with the counts behind them.

    `correct` is the number of right predictions, None where credit is partial (PTC's span
    identification gives a fraction of a span for a part of it); `threshold` is the score a
    prediction needed, where the measure was taken at one.
    """

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    correct: int | None = None
    threshold: float | None = None

    @classmethod
    def of(cls, correct: int, predicted: int, gold: int, *, threshold: float | None = None) -> Scores:
        """The scores of `correct` hits among `predicted` predictions and `gold` gold items."""
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold if gold else 0.0
        return cls(precision, recall, f1_score(precision, recall), predicted, gold, correct, threshold)
