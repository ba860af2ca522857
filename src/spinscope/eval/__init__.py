"""Measures of spinscope's stages against labelled corpora."""

__all__ = ["f1_score"]


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
