"""TF-IDF as spinscope's models compute it at run time, with numpy alone, and the TF-IDF baseline
that the claims figures are set beside.

Invariants:
- The weighting is scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` with its defaults
  (smooth IDF, L2 norm), so that a vocabulary fitted by either scores alike: a term counted
  ``c`` times in a text weighs ``(1 + ln c) * idf``, where ``idf = ln((1 + n) / (1 + df)) + 1``
  over the ``n`` fitted texts, ``df`` of which hold the term; each text's row has unit length,
  and a text with no known term is a row of zeros.
- Column ``i`` is the term ``terms[t] == i``; `ordered_terms` lists them in column order (the
  order of a model folder's vocabulary file). Rows are computed in the dtype of `idf`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from spinscope.errors import MissingDependencyError

__all__ = ["Tfidf", "fit_tfidf_baseline"]


@dataclass(frozen=True)
class Tfidf:
    """A TF-IDF vocabulary: the terms a text is cut into (`analyzer`), their columns and IDF weights."""

    terms: dict[str, int]
    idf: np.ndarray
    analyzer: Callable[[str], list[str]]

    @classmethod
    def fit(cls, texts: Sequence[str], *, analyzer: Callable[[str], list[str]], min_count: int = 2) -> Tfidf:
        """The terms found in at least `min_count` of `texts`, in sorted order, with smoothed IDF weights (float32)."""
        counts: dict[str, int] = {}
        for text in texts:
            for term in set(analyzer(text)):
                counts[term] = counts.get(term, 0) + 1
        kept = sorted(term for term, count in counts.items() if count >= min_count)
        idf = np.array([np.log((1 + len(texts)) / (1 + counts[term])) + 1 for term in kept], np.float32)
        return cls({term: index for index, term in enumerate(kept)}, idf, analyzer)

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised TF-IDF row per text, as a dense ``len(texts) x len(terms)`` array."""
        rows = np.zeros((len(texts), len(self.terms)), self.idf.dtype)
        for row, text in enumerate(texts):
            for term in self.analyzer(text):
                column = self.terms.get(term)
                if column is not None:
                    rows[row, column] += 1
        present = rows > 0
        rows[present] = (1 + np.log(rows[present])) * np.broadcast_to(self.idf, rows.shape)[present]
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms > 0, norms, 1)

    def dot(self, texts: Sequence[str], weights: np.ndarray) -> np.ndarray:
        """Each text's TF-IDF row times `weights` (one per column), without building the rows.

        This is a linear model's TF-IDF share of each text's logit, in float64.
        """
        result = np.zeros(len(texts), np.float64)
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for term in self.analyzer(text):
                column = self.terms.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            columns = np.fromiter(counts, np.int64, len(counts))
            values = (1 + np.log(np.fromiter(counts.values(), np.float64, len(counts)))) * self.idf[columns]
            result[row] = float(values @ weights[columns]) / float(np.linalg.norm(values))
        return result

    def ordered_terms(self) -> list[str]:
        """The terms in column order."""
        return sorted(self.terms, key=self.terms.__getitem__)


def fit_tfidf_baseline(texts: Sequence[str], labels: Sequence[bool] | np.ndarray) -> Any:
    """The baseline the claims figures are set beside: TF-IDF of word 1-2 grams (sublinear,
    terms in at least two texts) and a logistic regression with balanced classes, fitted on
    `texts` and `labels`; a scikit-learn pipeline (``predict_proba`` gives scores).

    Raises:
        MissingDependencyError: scikit-learn is not installed.
    """
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
    except ImportError as error:
        raise MissingDependencyError("the TF-IDF baseline needs scikit-learn: `pip install -e '.[train]'`") from error
    pipeline = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced"),
    )
    return pipeline.fit(list(texts), labels)
