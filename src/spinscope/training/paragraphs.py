"""Training the paragraph techniques model (`spinscope.models.paragraphs`) on SemEval-2023 subtask 3.

Invariants:
- Folds are split by story (articles whose mean paragraph embeddings are near-duplicates stay
  together, which for articles without a twin is by article); every choice (C, which other
  languages to add and their weight, thresholds, calibration, operating point) is made on the
  training part of a fold only, by an inner split by story, never on the fold that reports.
- Embeddings are of the name-masked paragraph text; the optional cache stores them by a hash of
  that text and the encoder's prefix, so a cached row is the row the encoder would give.
- Cue words come from the gold *spans* of the training articles only.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.eval.semeval2023 import TECHNIQUES_2023, Article, PairScores, load_semeval2023, score_pairs
from spinscope.models.paragraphs import (
    SHOWN_PRECISION,
    TFIDF_WEIGHT,
    ParagraphModel,
    dense_features,
    mask_paragraph_names,
    stems,
)
from spinscope.models.tfidf import Tfidf

__all__ = [
    "CORPORA",
    "CrossValidation",
    "PreparedArticle",
    "TrainSettings",
    "choose_thresholds",
    "cross_validate",
    "fit_model",
    "load_corpora",
    "prepare_articles",
    "top_frequent_baseline",
    "train_paragraphs",
]

# Where each language's training folder lies under the shared data folder.
CORPORA = {
    "ru": "semeval2023-task3-multilingual/ru",
    "en": "semeval2023-task3-en",
    "fr": "semeval2023-task3-multilingual/fr",
    "de": "semeval2023-task3-multilingual/ge",
    "it": "semeval2023-task3-multilingual/it",
    "pl": "semeval2023-task3-multilingual/po",
}
_T = len(TECHNIQUES_2023)
_INDEX = {name: index for index, name in enumerate(TECHNIQUES_2023)}


@dataclass(frozen=True)
class TrainSettings:
    """How the paragraph model is trained and validated.

    Attributes:
        folds: Outer cross-validation folds, split by article.
        inner_share: Share of a training part's articles held out to choose settings on.
        c_values: Inverse L2 strengths tried for the heads.
        other_weights: Sample weights tried for the other languages' paragraphs (0 = target only).
        max_terms: TF-IDF terms kept (the most frequent in the training part, in 3 paragraphs or more).
        story_similarity: Articles whose stem TF-IDF cosine reaches this are one story, kept in
            one fold; None splits by article alone.
        seed: Seed of the fold split.
    """

    folds: int = 5
    inner_share: float = 0.25
    c_values: tuple[float, ...] = (0.003, 0.01)
    other_weights: tuple[float, ...] = (0.0, 0.5)
    max_terms: int = 5000
    story_similarity: float | None = 0.8
    seed: int = 13


@dataclass(frozen=True)
class PreparedArticle:
    """One article as the heads see it: masked paragraphs, dense feature rows, gold label rows."""

    article: Article
    dense: np.ndarray  # (paragraphs, dense features)
    labels: np.ndarray  # (paragraphs, techniques) bool
    masked: tuple[str, ...]

    @property
    def language(self) -> str:
        """The article's language."""
        return self.article.language


def load_corpora(data: Path, languages: Sequence[str]) -> dict[str, list[Article]]:
    """Read the subtask-3 training folders of `languages` under the shared data folder `data`."""
    return {language: load_semeval2023(data / CORPORA[language], language=language) for language in languages}


def prepare_articles(
    articles: Sequence[Article], *, progress: Callable[[int], None] | None = None
) -> list[PreparedArticle]:
    """Mask and featurise every paragraph of `articles` (the training text has no entities layer:
    it is masked by the capitalisation rule alone)."""
    prepared = []
    for done, article in enumerate(articles, 1):
        masked = tuple(mask_paragraph_names(p.text, [], language=article.language).text for p in article.paragraphs)
        labels = np.zeros((len(masked), _T), bool)
        for row, paragraph in enumerate(article.paragraphs):
            for name in paragraph.techniques:
                labels[row, _INDEX[name]] = True
        prepared.append(PreparedArticle(article, dense_features(masked, article.language), labels, masked))
        if progress is not None:
            progress(done)
    return prepared


def fit_tfidf(texts: Sequence[str], max_terms: int) -> Tfidf:
    """The TF-IDF of `texts`' stems, keeping the `max_terms` found in most texts (3 at least)."""
    full = Tfidf.fit(texts, analyzer=stems, min_count=3)
    if len(full.terms) <= max_terms:
        return full
    counts = Counter(term for text in texts for term in set(stems(text)) if term in full.terms)
    kept = sorted(sorted(counts, key=lambda term: (-counts[term], term))[:max_terms])
    return Tfidf({term: index for index, term in enumerate(kept)}, full.idf[[full.terms[term] for term in kept]], stems)


@dataclass
class CrossValidation:
    """Cross-validated figures of the paragraph model and of the frequency baseline, on one language."""

    language: str
    model: PairScores
    baseline: PairScores
    articles: int
    paragraphs: int
    choices: list[dict[str, float]] = field(default_factory=list)  # per fold: C, other weight, ...
    predictions: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # out-of-fold, per paragraph
    shown_precision: float | None = None
    shown: int = 0


@dataclass(frozen=True)
class _Heads:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (dense + terms, techniques)
    bias: np.ndarray

    def logits(self, dense: np.ndarray, terms: np.ndarray) -> np.ndarray:
        width = len(self.mean)
        return ((dense - self.mean) / self.scale) @ self.weights[:width] + terms @ self.weights[width:] + self.bias


@dataclass(frozen=True)
class _Rows:
    """Training rows: dense features, scaled TF-IDF rows (sparse), labels, sample weights."""

    dense: np.ndarray
    terms: Any  # scipy.sparse.csr_matrix (scipy ships no types here)
    labels: np.ndarray
    weights: np.ndarray


def _rows(prepared: Sequence[PreparedArticle], tfidf: Tfidf, weight: float = 1.0) -> _Rows:
    from scipy.sparse import csr_matrix

    texts = [text for item in prepared for text in item.masked]
    dense = np.vstack([item.dense for item in prepared])
    labels = np.vstack([item.labels for item in prepared])
    return _Rows(
        dense, csr_matrix(tfidf.transform(texts) * TFIDF_WEIGHT), labels, np.full(len(texts), weight, np.float32)
    )


def _join(parts: Sequence[_Rows]) -> _Rows:
    from scipy.sparse import vstack

    return _Rows(
        np.vstack([part.dense for part in parts]),
        vstack([part.terms for part in parts]).tocsr(),
        np.vstack([part.labels for part in parts]),
        np.concatenate([part.weights for part in parts]),
    )


def _fit_heads(rows: _Rows, c: float) -> _Heads:
    """One L2 logistic regression per technique, all fitted at once.

    The dense features are standardised, the TF-IDF block is not (it is scaled by
    `TFIDF_WEIGHT`). Minimises sum_i w_i * BCE_i + ||W||^2 / (2c) (scikit-learn's convention for
    C) with scipy's L-BFGS over every head together: one matrix product per step serves all
    23. A technique with under two positives gets no weights and a bias that never predicts it.
    """
    from scipy.optimize import minimize

    mean = rows.dense.mean(axis=0)
    scale = rows.dense.std(axis=0)
    scale[scale < 1e-6] = 1.0
    dense = ((rows.dense - mean) / scale).astype(np.float32)
    terms = rows.terms
    target = rows.labels.astype(np.float32)
    sample = rows.weights.astype(np.float32)[:, None]
    width = dense.shape[1] + terms.shape[1]
    active = (sample * target).sum(axis=0) >= 2

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        coefficients = flat[: width * _T].reshape(width, _T).astype(np.float32)
        bias = flat[width * _T :].astype(np.float32)
        logits = dense @ coefficients[: dense.shape[1]] + terms @ coefficients[dense.shape[1] :] + bias
        value = float((sample * (np.logaddexp(0.0, logits) - target * logits)).sum())
        residual = sample * (1.0 / (1.0 + np.exp(-logits)) - target)
        gradient = np.vstack([dense.T @ residual, terms.T @ residual]) + coefficients / c
        value += float((coefficients.astype(np.float64) ** 2).sum()) / (2 * c)
        return value, np.concatenate([gradient.ravel(), residual.sum(axis=0)]).astype(np.float64)

    start = np.zeros(width * _T + _T)
    prior = np.clip(target.mean(axis=0), 1e-4, 1 - 1e-4)
    start[width * _T :] = np.log(prior / (1 - prior))
    with _one_blas_thread():
        result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 200})
    coefficients = result.x[: width * _T].reshape(width, _T).astype(np.float32)
    bias = result.x[width * _T :].astype(np.float32)
    coefficients[:, ~active] = 0.0
    bias[~active] = -8.0
    return _Heads(mean.astype(np.float32), scale.astype(np.float32), coefficients, bias)


def _one_blas_thread() -> Any:
    """One BLAS thread: these products are small, and on a busy machine more threads only wait
    for each other (several times slower on two shared cores)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _micro_f1(predicted: np.ndarray, labels: np.ndarray) -> float:
    right = float((predicted & labels).sum())
    guessed, gold = float(predicted.sum()), float(labels.sum())
    return 2 * right / (guessed + gold) if guessed + gold else 0.0


def choose_thresholds(probabilities: np.ndarray, labels: np.ndarray, *, minimum_positives: int = 15) -> np.ndarray:
    """Per-technique thresholds for micro-F1: the best global one, then each technique's own where
    it has at least `minimum_positives` positives (fewer give a threshold fitted to noise)."""
    grid = np.round(np.arange(0.05, 0.9, 0.025), 3)
    best = max(grid, key=lambda value: _micro_f1(probabilities >= value, labels))
    thresholds = np.full(probabilities.shape[1], best, np.float32)
    for _ in range(2):  # two passes of coordinate ascent: each technique given the others
        for column in range(probabilities.shape[1]):
            if labels[:, column].sum() < minimum_positives:
                continue
            scores = []
            for value in grid:
                trial = thresholds.copy()
                trial[column] = value
                scores.append(_micro_f1(probabilities >= trial, labels))
            thresholds[column] = grid[int(np.argmax(scores))]
    return thresholds


def _fit_calibration(logits: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """score = sigmoid(a * logit + b), fitted on held-out pairs."""
    from sklearn.linear_model import LogisticRegression

    head = LogisticRegression(C=100.0, max_iter=200)
    head.fit(logits.reshape(-1, 1), labels.reshape(-1))
    return float(head.coef_[0, 0]), float(head.intercept_[0])


def _operating_point(
    scores: np.ndarray, right: np.ndarray, target: float = SHOWN_PRECISION, minimum: int = 20
) -> float:
    """The lowest score at which the pairs at or above it are right at least `target` of the time."""
    order = np.argsort(-scores)
    precision = np.cumsum(right[order]) / np.arange(1, len(order) + 1)
    good = [index for index in range(minimum - 1, len(order)) if precision[index] >= target]
    return float(scores[order][good[-1]]) if good else 1.0


def story_groups(prepared: Sequence[PreparedArticle], similarity: float | None = 0.8) -> np.ndarray:
    """A story number per article: articles whose stem TF-IDF vectors are this similar share one
    (the English corpus holds near-copies of some stories; a fold must not split them).
    None gives every article its own."""
    from scipy.sparse.csgraph import connected_components

    if similarity is None:
        return np.arange(len(prepared))

    texts = [" ".join(item.masked) for item in prepared]
    rows = Tfidf.fit(texts, analyzer=stems, min_count=2).transform(texts)
    _, stories = connected_components(rows @ rows.T >= similarity, directed=False)
    return stories


def _split(indices: Sequence[int], stories: np.ndarray, parts: int, seed: int) -> list[list[int]]:
    """`indices` dealt into `parts` groups, whole stories at a time, by a seeded shuffle."""
    unique = sorted({int(stories[index]) for index in indices})
    order = np.random.default_rng(seed).permutation(unique)
    if len(unique) < parts:
        raise ValueError(f"{len(unique)} stories cannot fill {parts} parts: use fewer folds or more articles")
    part_of = {int(story): position % parts for position, story in enumerate(order)}
    return [[index for index in indices if part_of[int(stories[index])] == part] for part in range(parts)]


@dataclass(frozen=True)
class _Choice:
    c: float
    other_weight: float
    thresholds: np.ndarray
    calibration: tuple[float, float]
    operating_point: float
    inner_f1: float


def _choose(
    target: Sequence[PreparedArticle],
    others: Sequence[PreparedArticle],
    tfidf: Tfidf,
    stories: np.ndarray,
    settings: TrainSettings,
    seed: int,
) -> _Choice:
    """Settings chosen on an inner split of `target` by story: C and the other languages' weight for
    micro-F1 at tuned thresholds, then thresholds, calibration and operating point on that split."""
    parts = _split(range(len(target)), stories, max(2, round(1 / settings.inner_share)), seed)
    fit = _rows([target[index] for part in parts[1:] for index in part], tfidf)
    val = _rows([target[index] for index in parts[0]], tfidf)
    extra = _rows(others, tfidf) if others else None
    best: tuple[float, float, float, np.ndarray] | None = None
    for other_weight in settings.other_weights if extra is not None else (0.0,):
        rows = (
            fit
            if other_weight == 0 or extra is None
            else _join([fit, _Rows(extra.dense, extra.terms, extra.labels, extra.weights * other_weight)])
        )
        for c in settings.c_values:
            logits = _fit_heads(rows, c).logits(val.dense, val.terms.toarray())
            probabilities = 1 / (1 + np.exp(-logits))
            score = _micro_f1(probabilities >= choose_thresholds(probabilities, val.labels), val.labels)
            if best is None or score > best[0]:
                best = (score, c, other_weight, logits)
    assert best is not None
    score, c, other_weight, logits = best
    probabilities = 1 / (1 + np.exp(-logits))
    thresholds = choose_thresholds(probabilities, val.labels)
    a, b = _fit_calibration(logits, val.labels)
    calibrated = 1 / (1 + np.exp(-(a * logits + b)))
    predicted = probabilities >= thresholds
    point = _operating_point(calibrated[predicted], val.labels[predicted])
    return _Choice(c, other_weight, thresholds, (a, b), point, score)


def fit_model(
    target: Sequence[PreparedArticle],
    others: Sequence[PreparedArticle],
    settings: TrainSettings,
    *,
    seed: int,
    stories: np.ndarray | None = None,
) -> tuple[ParagraphModel, _Choice]:
    """Choose settings inside `target` (inner split by story), then fit the heads on all of it
    (and on `others` at the chosen weight). The TF-IDF terms are `target`'s."""
    tfidf = fit_tfidf([text for item in target for text in item.masked], settings.max_terms)
    stories = story_groups(target, settings.story_similarity) if stories is None else stories
    choice = _choose(target, others, tfidf, stories, settings, seed)
    rows = _rows(target, tfidf)
    if choice.other_weight > 0 and others:
        rows = _join([rows, _rows(others, tfidf, choice.other_weight)])
    heads = _fit_heads(rows, choice.c)
    model = ParagraphModel(
        target[0].language,
        heads.mean,
        heads.scale,
        heads.weights,
        heads.bias,
        tfidf,
        choice.thresholds,
        choice.calibration,
        choice.operating_point,
        meta={"c": choice.c, "other_weight": choice.other_weight, "inner_micro_f1": round(choice.inner_f1, 4)},
    )
    return model, choice


def top_frequent_baseline(training: Sequence[PreparedArticle], count: int = 3) -> list[str]:
    """The `count` techniques most often in the training paragraphs: the baseline predicts them everywhere."""
    totals = np.vstack([item.labels for item in training]).sum(axis=0)
    return [TECHNIQUES_2023[index] for index in np.argsort(-totals, kind="stable")[:count]]


def _gold(prepared: Sequence[PreparedArticle]) -> dict[tuple[str, int], list[str]]:
    return {
        (item.article.id, paragraph.number): sorted(paragraph.techniques)
        for item in prepared
        for paragraph in item.article.paragraphs
    }


def cross_validate(
    target: Sequence[PreparedArticle],
    others: Sequence[PreparedArticle],
    settings: TrainSettings,
    *,
    progress: Callable[[int], None] | None = None,
) -> CrossValidation:
    """Out-of-fold predictions of the model and of the top-3 baseline over `target`'s articles."""
    stories = story_groups(target, settings.story_similarity)
    folds = _split(range(len(target)), stories, settings.folds, settings.seed)
    predicted: dict[tuple[str, int], list[str]] = {}
    baseline: dict[tuple[str, int], list[str]] = {}
    choices = []
    shown_right: list[bool] = []
    for number, test in enumerate(folds):
        held = set(test)
        kept = [index for index in range(len(target)) if index not in held]
        training = [target[index] for index in kept]
        model, choice = fit_model(training, others, settings, seed=settings.seed + number + 1, stories=stories[kept])
        choices.append(
            {"c": choice.c, "other_weight": choice.other_weight, "inner_micro_f1": round(choice.inner_f1, 4)}
        )
        frequent = top_frequent_baseline(training)
        for index in test:
            item = target[index]
            found: dict[int, list[str]] = {}
            for prediction in model.predict(item.dense, item.masked):
                found.setdefault(prediction.paragraph, []).append(prediction.technique)
                if prediction.shown:
                    shown_right.append(bool(item.labels[prediction.paragraph, _INDEX[prediction.technique]]))
            for row, paragraph in enumerate(item.article.paragraphs):
                predicted[(item.article.id, paragraph.number)] = found.get(row, [])
                baseline[(item.article.id, paragraph.number)] = frequent
        if progress is not None:
            progress(number + 1)
    gold = _gold(target)
    return CrossValidation(
        target[0].language if target else "",
        score_pairs(predicted, gold),
        score_pairs(baseline, gold),
        len(target),
        len(gold),
        choices,
        predicted,
        float(np.mean(shown_right)) if shown_right else None,
        len(shown_right),
    )


def train_paragraphs(
    data: Path,
    out: Path | None,
    *,
    targets: Sequence[str] = ("ru", "en"),
    helpers: Sequence[str] = ("fr", "de", "it", "pl"),
    settings: TrainSettings | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, CrossValidation]:
    """Cross-validate and train one paragraph model per target language; write them to `out/<language>/`.

    Every target's model may also learn from the other languages' paragraphs (the targets and
    `helpers`), at a weight chosen inside each fold. The model written is fitted on all of the
    target's articles, its settings chosen on an inner split of them.

    Args:
        data: The shared data folder (holding the `CORPORA` folders).
        out: Where to write the models; None only cross-validates.
        targets: The languages to validate and train a model for.
        helpers: Further languages whose paragraphs may join the training data.
        settings: Folds, the grid of choices, the seed.
        progress: Called with (step, done, total).

    Returns:
        The cross-validated figures per target language.
    """
    with _one_blas_thread():
        return _train(data, out, targets, helpers, settings or TrainSettings(), progress)


def _step(progress: Callable[[str, int, int], None] | None, step: str, total: int) -> Callable[[int], None] | None:
    """`progress` bound to one step and its total."""
    if progress is None:
        return None
    return lambda done: progress(step, done, total)


def _train(
    data: Path,
    out: Path | None,
    targets: Sequence[str],
    helpers: Sequence[str],
    settings: TrainSettings,
    progress: Callable[[str, int, int], None] | None,
) -> dict[str, CrossValidation]:
    languages = list(dict.fromkeys([*targets, *helpers]))
    corpora = load_corpora(data, languages)
    prepared: dict[str, list[PreparedArticle]] = {}
    for language in languages:
        prepared[language] = prepare_articles(
            corpora[language], progress=_step(progress, f"reading {language}", len(corpora[language]))
        )
    results = {}
    for language in targets:
        others = [item for other in languages if other != language for item in prepared[other]]
        report = _step(progress, f"folds {language}", settings.folds)
        results[language] = cross_validate(prepared[language], others, settings, progress=report)
        if out is not None:
            model, _ = fit_model(prepared[language], others, settings, seed=settings.seed)
            meta = {
                **model.meta,
                "version": f"semeval2023-{language}-{'stems-navec' if language == 'ru' else 'stems'}-ovr-1",
                "language": language,
                "trained_on": {other: len(prepared[other]) for other in languages},
                "cross_validated_micro_f1": round(results[language].model.f1, 4),
            }
            replace(model, meta=meta).save(out / language)
    return results
