"""The numpy TF-IDF the models run with: it weighs as scikit-learn's TfidfVectorizer does."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.models.tfidf import Tfidf, fit_tfidf_baseline

TEXTS = [
    "The minister said the budget will rise.",
    "The budget fell, the minister said, and fell again.",
    "Nobody said anything.",
    "Budget, budget, budget: the minister again.",
]


def _words(text: str) -> list[str]:
    return [word.strip(".,:").lower() for word in text.split()]


def test_fit_and_transform_match_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=_words, min_df=2, sublinear_tf=True)
    expected = vectorizer.fit_transform(TEXTS).toarray()
    tfidf = Tfidf.fit(TEXTS, analyzer=_words, min_count=2)
    assert tfidf.terms == {term: int(index) for term, index in vectorizer.vocabulary_.items()}
    np.testing.assert_allclose(tfidf.idf, vectorizer.idf_, rtol=1e-6)
    np.testing.assert_allclose(tfidf.transform(TEXTS), expected, rtol=1e-5, atol=1e-7)


def test_dot_is_the_rows_times_the_weights() -> None:
    tfidf = Tfidf.fit(TEXTS, analyzer=_words)
    weights = np.linspace(-1, 1, len(tfidf.terms))
    np.testing.assert_allclose(tfidf.dot(TEXTS, weights), tfidf.transform(TEXTS) @ weights, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("text", ["", "words nobody fitted"], ids=["empty", "unknown-terms"])
def test_a_text_without_known_terms_is_zeros(text: str) -> None:
    tfidf = Tfidf.fit(TEXTS, analyzer=_words)
    assert not tfidf.transform([text]).any()
    assert tfidf.dot([text], np.ones(len(tfidf.terms))).tolist() == [0.0]


def test_ordered_terms_follow_the_columns() -> None:
    tfidf = Tfidf({"b": 1, "c": 2, "a": 0}, np.ones(3, np.float32), _words)
    assert tfidf.ordered_terms() == ["a", "b", "c"]


def test_baseline_ranks_the_texts_it_was_fitted_on() -> None:
    texts = [
        "unemployment fell to 3 percent",
        "taxes rose by 2 percent",
        "thank you all so much",
        "thank you, you are great",
    ]
    model = fit_tfidf_baseline(texts * 3, [True, True, False, False] * 3)
    scores = model.predict_proba(texts)[:, 1]
    assert min(scores[:2]) > max(scores[2:])
