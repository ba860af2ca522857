"""Train the multilingual check-worthiness model on English ClaimBuster sentences.

The features are the multilingual-e5-small embedding of a sentence and the script-neutral cues
of `spinscope.models.claims_multilingual`; the model is one logistic regression, balanced
between the two classes. Everything is chosen on English data: folds split by debate choose
the regression's strength (`TrainSettings.strengths`, best out-of-fold F1), the out-of-fold
logits of the chosen strength fit the logistic calibration and the threshold of best F1, as
for the English model (`spinscope.training.claims`). No Russian sentence is read here.

Only a seeded sample of ClaimBuster's crowdsourced sentences is encoded (`TrainSettings.sample`):
the e5 engine embeds about 10 to 30 sentences a second on two shared CPU cores, so the 65,000
sentences of the English model's training data would take most of an hour. ClaimBuster is the
corpus whose labels the English score is calibrated to; its groundtruth test file and repeats
are left out by `spinscope.eval.claims.load_training`. scikit-learn is needed here only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.errors import ConfigError, MissingDependencyError
from spinscope.eval import Scores
from spinscope.eval.claims import load_training, score_class
from spinscope.models.claims_multilingual import (
    MultilingualClaimModel,
    cue_features,
    load_multilingual_claim_model,
)
from spinscope.progress import Progress

__all__ = ["CrossValidation", "TrainSettings", "cross_validate", "sample_sentences", "train_from_data"]

_BATCH = 128


@dataclass(frozen=True, kw_only=True)
class TrainSettings:
    """How the model is fitted.

    Attributes:
        sample: ClaimBuster sentences drawn (seeded) for training and validation.
        seed: The sampling seed.
        folds: Cross-validation folds, split by debate.
        strengths: Inverse L2 strengths tried; the one of best out-of-fold F1 is kept.
        max_iter: Iterations allowed to each fit.
    """

    sample: int = 5000
    seed: int = 0
    folds: int = 5
    strengths: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 1.0)
    max_iter: int = 3000

    def __post_init__(self) -> None:
        if self.folds < 2:
            raise ConfigError(f"folds must be at least 2 to cross-validate, got {self.folds}")
        if self.sample < 10 * self.folds:
            raise ConfigError(
                f"sample must be at least {10 * self.folds} sentences for {self.folds} folds, got {self.sample}"
            )


@dataclass
class CrossValidation:
    """Out-of-fold figures on the English sample for the chosen strength, and the baseline."""

    strength: float
    scores: Scores  # the check-worthy class at the chosen threshold
    calibration: tuple[float, float]
    threshold: float
    by_strength: dict[float, float]  # out-of-fold F1 of each strength tried
    majority_f1: float  # predicting every sentence check-worthy


def sample_sentences(data: Path, settings: TrainSettings) -> tuple[list[str], np.ndarray, np.ndarray]:
    """A seeded sample of ClaimBuster training sentences: texts, labels (1 = check-worthy), debate groups."""
    rows = [
        (sentence.text, int(sentence.checkworthy), debate.group or debate.name)
        for debate in load_training(data)
        if debate.corpus == "claimbuster"
        for sentence in debate.sentences
    ]
    chosen = np.sort(np.random.default_rng(settings.seed).permutation(len(rows))[: settings.sample])
    return (
        [rows[i][0] for i in chosen],
        np.array([rows[i][1] for i in chosen], np.int8),
        np.array([rows[i][2] for i in chosen]),
    )


def encode(texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
    """The model's features of each text (embedding and cues), in batches that report progress."""
    from spinscope.models.multilingual import load_multilingual

    encoder = load_multilingual()
    blocks = []
    for first in range(0, len(texts), _BATCH):
        batch = list(texts[first : first + _BATCH])
        cues = np.array([cue_features(text) for text in batch], np.float32)
        blocks.append(np.hstack([encoder.embed(batch, kind="query"), cues]))
        if progress:
            progress("encoding sentences", first + len(batch), len(texts))
    return np.vstack(blocks).astype(np.float64)


def cross_validate(
    features: np.ndarray,
    labels: np.ndarray,
    groups: np.ndarray,
    *,
    settings: TrainSettings | None = None,
    progress: Progress | None = None,
) -> CrossValidation:
    """Grouped k-fold choice of strength, then the calibration and threshold from its out-of-fold logits."""
    settings = settings or TrainSettings()
    from sklearn.model_selection import GroupKFold

    folds = list(GroupKFold(settings.folds).split(features, labels, groups))
    logits_by: dict[float, np.ndarray] = {}
    f1_by: dict[float, float] = {}
    for done, strength in enumerate(settings.strengths, 1):
        logits = np.zeros(len(labels))
        for train, held in folds:
            mean, weights, bias = _fit(features[train], labels[train], strength, settings.max_iter)
            logits[held] = (features[held] - mean) @ weights + bias
        logits_by[strength] = logits
        f1_by[strength] = _best_threshold(labels.astype(bool), logits)[1].f1
        if progress:
            progress("cross-validating", done, len(settings.strengths))
    strength = max(settings.strengths, key=lambda c: (f1_by[c], -c))
    calibration = _platt(logits_by[strength], labels)
    scores = _calibrated(logits_by[strength], calibration)
    threshold, best = _best_threshold(labels.astype(bool), scores)
    majority = score_class(list(labels.astype(bool)), [1.0] * len(labels), 0.5).f1
    return CrossValidation(strength, best, calibration, threshold, f1_by, majority)


def train_from_data(
    data: Path, out_dir: Path, *, settings: TrainSettings | None = None, progress: Progress | None = None
) -> CrossValidation:
    """Reproduce the multilingual claims model from the shared data folder into `out_dir`.

    Args:
        data: The shared data folder (with claimbuster/).
        out_dir: Where ``weights.npz`` and ``model.json`` go (created if missing).
        settings: The sample and the fitting.
        progress: Called with (step, done, total) as sentences and strengths complete.
    """
    settings = settings or TrainSettings()
    texts, labels, groups = sample_sentences(data, settings)
    features = encode(texts, progress=progress)
    validation = cross_validate(features, labels, groups, settings=settings, progress=progress)
    mean, weights, bias = _fit(features, labels, validation.strength, settings.max_iter)
    meta = {
        "version": "claimbuster-e5small-linear-1",
        "trained_on": (
            f"{len(texts)} English ClaimBuster crowdsourced sentences ({int(labels.sum())} check-worthy), a seeded "
            "sample, groundtruth repeats left out; applied to other languages through multilingual-e5-small"
        ),
        "settings": {**settings.__dict__, "strengths": list(settings.strengths)},
        "cross_validation": {
            "strength": validation.strength,
            "precision": validation.scores.precision,
            "recall": validation.scores.recall,
            "f1": validation.scores.f1,
            "f1_by_strength": {str(key): value for key, value in validation.by_strength.items()},
            "majority_f1": validation.majority_f1,
        },
    }
    model = MultilingualClaimModel(
        mean=mean,
        weights=weights,
        bias=bias,
        calibration=validation.calibration,
        threshold=validation.threshold,
        meta=meta,
    )
    model.save(out_dir)
    load_multilingual_claim_model.cache_clear()
    return validation


def _fit(
    features: np.ndarray, labels: np.ndarray, strength: float, max_iter: int
) -> tuple[np.ndarray, np.ndarray, float]:
    """Mean, weights (scaled back to raw features) and bias of a balanced logistic regression."""
    LogisticRegression = _sklearn()
    mean, scale = features.mean(axis=0), features.std(axis=0) + 1e-6
    fitted = LogisticRegression(C=strength, max_iter=max_iter, class_weight="balanced")
    fitted.fit((features - mean) / scale, labels)
    return mean, fitted.coef_[0] / scale, float(fitted.intercept_[0])


def _sklearn():
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:
        raise MissingDependencyError("training needs scikit-learn: `pip install -e '.[train]'`") from error
    return LogisticRegression


def _platt(logits: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of a logistic calibration of `logits` against `labels`."""
    fitted = _sklearn()(C=1e4, max_iter=1000).fit(logits[:, None], labels)
    return float(fitted.coef_[0, 0]), float(fitted.intercept_[0])


def _calibrated(logits: np.ndarray, calibration: tuple[float, float]) -> np.ndarray:
    slope, intercept = calibration
    return 1.0 / (1.0 + np.exp(-(slope * logits + intercept)))


def _best_threshold(labels: np.ndarray, scores: np.ndarray) -> tuple[float, Scores]:
    """The threshold of best F1 among the scores' percentiles, and its figures (as the English model)."""
    candidates = np.unique(np.round(np.quantile(scores, np.linspace(0.2, 0.98, 157)), 4))
    best = max((score_class(list(labels), list(scores), float(t)) for t in candidates), key=lambda s: s.f1)
    return float(best.threshold if best.threshold is not None else candidates[0]), best
