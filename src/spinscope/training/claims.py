"""Train the check-worthiness model on CLEF CheckThat! debates and ClaimBuster, with cross-validation.

`prepare_corpus` encodes every training sentence once, names masked as the pipeline masks
them (`spinscope.models.claims.embed_sentences`; the encoder is frozen), so the
cross-validation and the final fit only refit two logistic regressions: one over the TF-IDF
of a sentence's terms, one over its dense features (embedding, neighbours' embedding, cue
features). Their logits are mixed with a fixed weight into one linear model, which is what
`spinscope.models.claims` runs. Both regressions see which corpus a sentence came from and
weigh each corpus's two classes equally, so CLEF's rare positives (3%) and ClaimBuster's
common ones (24%) count alike.

Folds split by debate (a debate in both corpora is one group). The out-of-fold logits of the
ClaimBuster sentences fit the score's calibration and choose the threshold of best F1, so the
cross-validated F1 reported includes that one choice. The test sets (CLEF-2019 test debates,
ClaimBuster groundtruth) are never read here: `spinscope.eval.claims.load_training` leaves
them and their repeats out. scikit-learn is needed here only (the ``[train]`` extra).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spinscope.errors import ConfigError, MissingDependencyError
from spinscope.eval import Scores
from spinscope.eval.claims import Debate, RankingScores, load_training, score_class, score_rankings
from spinscope.models.claims import (
    ClaimModel,
    cue_features,
    embed_sentences,
    load_claim_model,
    neighbour_means,
    terms,
)
from spinscope.models.encoder import Encoder, load_encoder
from spinscope.models.tfidf import Tfidf, fit_tfidf_baseline
from spinscope.progress import Progress

__all__ = [
    "CrossValidation",
    "PreparedCorpus",
    "TrainSettings",
    "cross_validate",
    "prepare_corpus",
    "train_claims",
    "train_from_data",
]

_BATCH = 256


@dataclass(frozen=True, kw_only=True)
class TrainSettings:
    """How the model is fitted.

    Attributes:
        folds: Cross-validation folds, split by debate.
        context: Neighbouring sentences on each side whose mean embedding is a feature; 0
            (the block is all zeros) did best in cross-validation, ahead of 1 and 2.
        terms_c: Inverse L2 strength of the TF-IDF regression.
        dense_c: Inverse L2 strength of the dense-feature regression.
        mix: Weight of the TF-IDF regression's logit; the dense one's is ``1 - mix``.
        min_count: Sentences a term must appear in to enter the vocabulary.
        max_iter: Iterations allowed to each fit.
    """

    folds: int = 5
    context: int = 0
    terms_c: float = 1.0
    dense_c: float = 0.003
    mix: float = 0.5
    min_count: int = 3
    max_iter: int = 3000

    def __post_init__(self) -> None:
        if self.folds < 2:
            raise ConfigError(f"folds must be at least 2 to cross-validate, got {self.folds}")
        if not 0 <= self.mix <= 1:
            raise ConfigError(f"mix must be from 0 to 1, got {self.mix}")


@dataclass
class PreparedCorpus:
    """The training sentences with their labels, corpus, debate group and dense features."""

    debates: list[Debate]
    texts: list[str]
    labels: np.ndarray  # 1 = check-worthy
    clef: np.ndarray  # True for a CLEF sentence, False for a ClaimBuster one
    groups: np.ndarray  # cross-validation group per sentence
    debate_of: np.ndarray  # index into `debates` per sentence
    dense: np.ndarray  # embedding, neighbours' embedding, cue features


@dataclass
class CrossValidation:
    """Out-of-fold figures: CLEF ranking (MAP, P@k) and ClaimBuster's check-worthy class."""

    clef: RankingScores
    claimbuster: Scores
    calibration: tuple[float, float]
    threshold: float
    baseline: dict[str, float] = field(default_factory=dict)  # TF-IDF 1-2 grams + LR, same folds


def prepare_corpus(
    debates: Sequence[Debate], *, encoder: Encoder | None = None, context: int = 0, progress: Progress | None = None
) -> PreparedCorpus:
    """Encode every sentence and build its dense features.

    `progress` gets ("encoding sentences", sentences done, sentences in all).
    """
    total = sum(len(debate.sentences) for debate in debates)
    done = 0
    encoder = encoder or load_encoder()
    blocks = []
    for debate in debates:
        texts = [sentence.text for sentence in debate.sentences]
        vectors = embed_sentences(texts, encoder=encoder, batch=_BATCH)
        cues = np.array([cue_features(text) for text in texts], np.float32)
        blocks.append(np.hstack([vectors, neighbour_means(vectors, context), cues]))
        done += len(texts)
        if progress:
            progress("encoding sentences", done, total)
    return PreparedCorpus(
        debates=list(debates),
        texts=[sentence.text for debate in debates for sentence in debate.sentences],
        labels=np.array([s.checkworthy for debate in debates for s in debate.sentences], np.int8),
        clef=np.array([debate.corpus == "clef" for debate in debates for _ in debate.sentences]),
        groups=np.array([debate.group for debate in debates for _ in debate.sentences]),
        debate_of=np.array([index for index, debate in enumerate(debates) for _ in debate.sentences]),
        dense=np.vstack(blocks).astype(np.float32),
    )


def cross_validate(
    corpus: PreparedCorpus, *, settings: TrainSettings | None = None, progress: Progress | None = None
) -> CrossValidation:
    """Grouped k-fold figures of the model and of the TF-IDF baseline; calibration and threshold."""
    settings = settings or TrainSettings()
    logits = np.zeros(len(corpus.texts))
    baseline = np.zeros(len(corpus.texts))
    folds = list(_folds(corpus, settings.folds))
    for done, (train, held) in enumerate(folds, start=1):
        model = _fit(corpus, train, settings)
        logits[held] = model.logits(corpus.texts, corpus.dense, held)
        baseline[held] = fit_tfidf_baseline([corpus.texts[i] for i in train], corpus.labels[train]).decision_function(
            [corpus.texts[i] for i in held]
        )
        if progress:
            progress("cross-validating", done, len(folds))
    claimbuster = ~corpus.clef
    calibration = _platt(logits[claimbuster], corpus.labels[claimbuster])
    scores = _calibrated(logits, calibration)
    threshold, best = _best_threshold(corpus.labels[claimbuster].astype(bool), scores[claimbuster])
    base_threshold, base_best = _best_threshold(corpus.labels[claimbuster].astype(bool), baseline[claimbuster])
    base_ranking = _clef_ranking(corpus, baseline)
    return CrossValidation(
        clef=_clef_ranking(corpus, scores),
        claimbuster=best,
        calibration=calibration,
        threshold=threshold,
        baseline={"clef_map": base_ranking.map, "claimbuster_f1": base_best.f1},
    )


def train_claims(
    corpus: PreparedCorpus,
    out_dir: Path,
    *,
    validation: CrossValidation,
    settings: TrainSettings | None = None,
) -> ClaimModel:
    """Fit on every training sentence, with the cross-validated calibration and threshold, and save."""
    settings = settings or TrainSettings()
    fitted = _fit(corpus, np.arange(len(corpus.texts)), settings)
    meta = {
        "version": "checkthat-claimbuster-minilm-masked-linear-2",
        "trained_on": (
            f"{len(corpus.debates)} debates, {len(corpus.texts)} sentences "
            f"({int(corpus.labels.sum())} check-worthy): CLEF-2019 T1 train, CLEF-2020 T5 train less repeats, "
            "ClaimBuster crowdsourced less groundtruth repeats"
        ),
        "settings": settings.__dict__,
        "cross_validation": {
            "folds": settings.folds,
            "clef_map": validation.clef.map,
            "clef_precision_at": validation.clef.precision_at,
            "claimbuster_precision": validation.claimbuster.precision,
            "claimbuster_recall": validation.claimbuster.recall,
            "claimbuster_f1": validation.claimbuster.f1,
            "baseline": validation.baseline,
        },
    }
    model = ClaimModel(
        vocabulary=fitted.vocabulary,
        term_weights=fitted.term_weights,
        dense_mean=fitted.dense_mean,
        dense_weights=fitted.dense_weights,
        bias=fitted.bias,
        calibration=validation.calibration,
        threshold=validation.threshold,
        context=settings.context,
        meta=meta,
    )
    model.save(out_dir)
    return model


def train_from_data(
    data: Path,
    out_dir: Path,
    *,
    settings: TrainSettings | None = None,
    progress: Progress | None = None,
) -> CrossValidation:
    """Reproduce the claims model from the shared data folder into `out_dir`; return its CV figures.

    Args:
        data: The shared data folder (with claimbuster/, clef2019-checkthat-task1-en/, ...).
        out_dir: Where the model files go (created if missing).
        settings: How the model is fitted.
        progress: Gets (step, done, total) as sentences are encoded and folds complete.
    """
    settings = settings or TrainSettings()
    debates = load_training(data)

    corpus = prepare_corpus(debates, context=settings.context, progress=progress)
    validation = cross_validate(corpus, settings=settings, progress=progress)
    train_claims(corpus, out_dir, validation=validation, settings=settings)
    load_claim_model.cache_clear()
    return validation


@dataclass
class _Fitted:
    """The two regressions folded into one linear model."""

    vocabulary: Tfidf
    term_weights: np.ndarray
    dense_mean: np.ndarray
    dense_weights: np.ndarray
    bias: float

    def logits(self, texts: Sequence[str], dense: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The model's logit for the given rows (corpus feature 0: the ClaimBuster prior)."""
        chosen = [texts[i] for i in rows]
        dense_logits = (dense[rows] - self.dense_mean) @ self.dense_weights
        return dense_logits + self.vocabulary.dot(chosen, self.term_weights) + self.bias


def _fit(corpus: PreparedCorpus, rows: np.ndarray, settings: TrainSettings) -> _Fitted:
    LogisticRegression, TfidfVectorizer = _sklearn()
    from scipy import sparse

    labels, clef = corpus.labels[rows], corpus.clef[rows].astype(np.float64)[:, None]
    weights = _balanced(labels, corpus.clef[rows])
    vectorizer = TfidfVectorizer(analyzer=terms, min_df=settings.min_count, sublinear_tf=True)
    tfidf = vectorizer.fit_transform([corpus.texts[i] for i in rows])
    by_terms = LogisticRegression(C=settings.terms_c, max_iter=settings.max_iter)
    by_terms.fit(sparse.hstack([tfidf, sparse.csr_matrix(clef)]).tocsr(), labels, sample_weight=weights)
    dense = corpus.dense[rows].astype(np.float64)
    mean, scale = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    by_dense = LogisticRegression(C=settings.dense_c, max_iter=settings.max_iter)
    by_dense.fit(np.hstack([(dense - mean) / scale, clef]), labels, sample_weight=weights)
    mix = settings.mix
    vocabulary = vectorizer.vocabulary_
    columns = np.array([vocabulary[term] for term in sorted(vocabulary, key=vocabulary.__getitem__)])
    return _Fitted(
        vocabulary=Tfidf({term: int(index) for term, index in vocabulary.items()}, vectorizer.idf_[columns], terms),
        term_weights=mix * by_terms.coef_[0, :-1][columns],
        dense_mean=mean,
        dense_weights=(1 - mix) * by_dense.coef_[0, :-1] / scale,
        bias=float(mix * by_terms.intercept_[0] + (1 - mix) * by_dense.intercept_[0]),
    )


def _sklearn():
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:
        raise MissingDependencyError("training needs scikit-learn: `pip install -e '.[train]'`") from error
    return LogisticRegression, TfidfVectorizer


def _balanced(labels: np.ndarray, clef: np.ndarray) -> np.ndarray:
    """Sample weights giving each corpus's two classes half of that corpus's weight."""
    weights = np.ones(len(labels))
    for part in (clef, ~clef):
        count = int(part.sum())
        positives = int(labels[part].sum())
        if positives and positives < count:
            weights[part & (labels == 1)] = 0.5 * count / positives
            weights[part & (labels == 0)] = 0.5 * count / (count - positives)
    return weights


def _folds(corpus: PreparedCorpus, folds: int):
    from sklearn.model_selection import GroupKFold

    return GroupKFold(folds).split(corpus.texts, corpus.labels, corpus.groups)


def _platt(logits: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of a logistic calibration of `logits` against `labels`."""
    LogisticRegression, _ = _sklearn()
    fitted = LogisticRegression(C=1e4, max_iter=1000).fit(logits[:, None], labels)
    return float(fitted.coef_[0, 0]), float(fitted.intercept_[0])


def _calibrated(logits: np.ndarray, calibration: tuple[float, float]) -> np.ndarray:
    slope, intercept = calibration
    return 1.0 / (1.0 + np.exp(-(slope * logits + intercept)))


def _best_threshold(labels: np.ndarray, scores: np.ndarray) -> tuple[float, Scores]:
    """The threshold of best F1 among the scores' percentiles, and its figures."""
    candidates = np.unique(np.round(np.quantile(scores, np.linspace(0.2, 0.98, 157)), 4))
    threshold, best = max(
        ((float(t), score_class(list(labels), list(scores), float(t))) for t in candidates), key=lambda pair: pair[1].f1
    )
    return threshold, best


def _clef_ranking(corpus: PreparedCorpus, scores: np.ndarray) -> RankingScores:
    clef = [index for index, debate in enumerate(corpus.debates) if debate.corpus == "clef"]
    return score_rankings(
        [corpus.debates[index] for index in clef], [list(scores[corpus.debate_of == index]) for index in clef]
    )
