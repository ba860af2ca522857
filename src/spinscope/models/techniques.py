"""The persuasion-techniques model: where a technique is used, and which one.

Two heads over frozen all-MiniLM-L6-v2 vectors (`spinscope.models.encoder`) and a few
lexical features, all read from the name-masked text (`spinscope.models.names`):

1. the *detector*, a bidirectional LSTM over each sentence's word pieces, scores each piece:
   inside a technique span or not. Runs of likely words within a sentence become spans;
2. the *classifier*, a multinomial logistic regression, names the technique of a span (a
   detected one, or a given one in `classify_spans`) from its pieces' vectors, its sentence's,
   lexical cues (length, repetition in the article, quoting, capitals, punctuation) and the
   TF-IDF of its words and word pairs. It reads the sentence encoding only: no span is
   encoded again.

Beside them, `spinscope.models.patterns` finds a few classic moves the detector misses.

A span's `score` estimates how often such a span lies mostly inside a labelled span of the
technique it is given: a logistic function of the detector's mean word score and the
classifier's probability (`final_scores`), fitted on articles the heads were not fitted on; a
pattern span scores its pattern's measured precision. The operating point (`Scoring`) is the
lowest score at which the spans shown are right half of the time on such articles.
The heads are plain arrays (``heads.npz``) run in numpy; inference needs numpy and onnxruntime
only, no torch.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.errors import ModelNotFoundError
from spinscope.models.encoder import ENCODER_DIR, ENCODER_FILE, Encoder, load_encoder
from spinscope.models.folders import META_FILE, load_model_folder, save_model_folder
from spinscope.models.names import NameMask, mask_names
from spinscope.models.patterns import Match, find_matches
from spinscope.models.tfidf import Tfidf

__all__ = [
    "MODEL_DIR",
    "MPNET_MODEL_DIR",
    "TECHNIQUES",
    "Candidate",
    "DecodeSettings",
    "Detection",
    "EncodedText",
    "LinearHead",
    "Scoring",
    "SequenceHead",
    "TechniqueModel",
    "WordCounts",
    "as_whole_words",
    "calibrate",
    "choose_techniques",
    "classifier_features",
    "encode_masked",
    "encode_text",
    "final_scores",
    "find_candidates",
    "load_technique_model",
    "mean_score_logit",
    "overlapping",
    "piece_features",
    "score_features",
    "span_terms",
]

MODEL_DIR = Path(__file__).parent / "weights" / "techniques"
# The larger, slower model: the same heads over all-mpnet-base-v2 (its own encoder in its folder).
MPNET_MODEL_DIR = Path(__file__).parent / "weights" / "techniques-mpnet"
HEADS_FILE = "heads.npz"
TFIDF_WEIGHT = 20.0  # the TF-IDF block's scale against the standardised dense features
_PIECES_AT_ONCE = 4096  # pieces the detector scores together: bounds its memory on long texts

# The 14 technique names of SemEval-2020 Task 11, spelled exactly as in its techniques.txt.
TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_TERM = re.compile(r"\b\w\w+\b")
_QUOTES = "\"“”'‘’«»"
_COUNTED = re.compile(r"\w+")
# Words too common to say what a span is about; with words of one or two letters, they are not counted
# as a span's content words.
_FUNCTION_WORDS = frozenset(
    "the a an of to in and or for on at by with from is are was were be been it its this that as not".split()
)


@dataclass(frozen=True)
class EncodedText:
    """A text as the heads see it: masked, split into sentences, encoded piece by piece.

    All offsets here are into `mask.text`, the masked text.
    """

    mask: NameMask
    sentences: list[tuple[int, int]]
    vectors: np.ndarray  # (pieces, encoder.dim)
    offsets: np.ndarray  # (pieces, 2)
    sentence_of: np.ndarray  # (pieces,) index into `sentences`
    pooled: np.ndarray  # (sentences, encoder.dim)
    words: list[tuple[int, int]] = field(default_factory=list)  # word spans, in text order

    @property
    def text(self) -> str:
        """The masked text."""
        return self.mask.text

    def pool(self, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Unit-length mean of the piece vectors inside each span of the ORIGINAL text.

        A sentence's row equals the encoder's pooled vector of that masked sentence; a span
        inside a sentence (a quote) pools its own pieces, read in their sentence's context. A
        span with no encoded piece (outside every sentence) gets a row of zeros.
        """
        rows = np.zeros((len(spans), self.vectors.shape[1]), np.float32)
        # Pieces follow the text, so both their starts and their ends rise: the pieces inside a
        # span are one run, found by binary search (a scan per span would cost pieces x spans).
        starts, ends = self.offsets[:, 0], self.offsets[:, 1]
        for row, (start, end) in enumerate(spans):
            first, last = self.mask.to_masked(start, end)
            low, high = int(np.searchsorted(starts, first, "left")), int(np.searchsorted(ends, last, "right"))
            if high > low:
                mean = self.vectors[low:high].mean(axis=0)
                norm = float(np.linalg.norm(mean))
                rows[row] = mean / norm if norm else mean
        return rows


def encode_text(
    encoder: Encoder,
    text: str,
    sentences: Sequence[tuple[int, int]],
    names: Sequence[tuple[int, int, str]],
) -> EncodedText:
    """Mask the names of `text` and encode its sentences (original offsets in, masked out)."""
    mask = mask_names(text, names)
    masked_sentences = [mask.to_masked(start, end) for start, end in sentences]
    return encode_masked(encoder, mask, [(start, end) for start, end in masked_sentences if end > start])


def encode_masked(encoder: Encoder, mask: NameMask, masked_sentences: Sequence[tuple[int, int]]) -> EncodedText:
    """Encode the sentences of a text already masked (`masked_sentences`: non-empty, in `mask.text`)."""
    masked_sentences = list(masked_sentences)
    encoded = encoder.encode([mask.text[start:end] for start, end in masked_sentences])
    vectors = [item.vectors for item in encoded]
    offsets = [item.offsets + start for item, (start, _) in zip(encoded, masked_sentences, strict=True)]
    sentence_of = [np.full(len(item.vectors), index) for index, item in enumerate(encoded)]
    words = [
        (match.start(), match.end())
        for start, end in masked_sentences
        for match in _WORD.finditer(mask.text, start, end)
    ]
    return EncodedText(
        mask=mask,
        sentences=masked_sentences,
        vectors=np.concatenate(vectors) if vectors else np.zeros((0, encoder.dim), np.float32),
        offsets=np.concatenate(offsets) if offsets else np.zeros((0, 2), np.int64),
        sentence_of=np.concatenate(sentence_of) if sentence_of else np.zeros(0, np.int64),
        pooled=np.stack([item.pooled for item in encoded]) if encoded else np.zeros((0, encoder.dim), np.float32),
        words=words,
    )


@dataclass(frozen=True)
class LinearHead:
    """A standardised linear model: logistic for one output column, softmax for several."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (features, outputs)
    bias: np.ndarray  # (outputs,)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(positive) per row for a binary head, else a row of class probabilities."""
        logits = ((features - self.mean) / self.scale) @ self.weights + self.bias
        if logits.shape[1] == 1:
            return 1.0 / (1.0 + np.exp(-logits[:, 0]))
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The head as named arrays, for ``np.savez``."""
        return {f"{prefix}.{name}": getattr(self, name) for name in ("mean", "scale", "weights", "bias")}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> LinearHead:
        """Read a head written by `to_arrays`."""
        return cls(*(arrays[f"{prefix}.{name}"].astype(np.float32) for name in ("mean", "scale", "weights", "bias")))


@dataclass(frozen=True)
class SequenceHead:
    """A bidirectional LSTM that scores each word piece of a sentence, in numpy.

    Its layout is the one `spinscope.training.sequence` trains in torch: layer norm of the
    piece features, a ReLU projection, one bidirectional LSTM layer (gates in torch's order:
    input, forget, cell, output) and a logistic output over both directions' states. Each
    sentence is one sequence.
    """

    norm_weight: np.ndarray  # (features,)
    norm_bias: np.ndarray  # (features,)
    projection: np.ndarray  # (features, width)
    projection_bias: np.ndarray  # (width,)
    forward_input: np.ndarray  # (width, 4 * hidden)
    forward_hidden: np.ndarray  # (hidden, 4 * hidden)
    forward_bias: np.ndarray  # (4 * hidden,)
    backward_input: np.ndarray
    backward_hidden: np.ndarray
    backward_bias: np.ndarray
    output: np.ndarray  # (2 * hidden, 1)
    output_bias: np.ndarray  # (1,)

    _ARRAYS = (
        "norm_weight",
        "norm_bias",
        "projection",
        "projection_bias",
        "forward_input",
        "forward_hidden",
        "forward_bias",
        "backward_input",
        "backward_hidden",
        "backward_bias",
        "output",
        "output_bias",
    )
    _CHUNK = 64  # sentences run side by side, grouped by length so that little is padding

    def probabilities(self, features: np.ndarray, sentence_of: np.ndarray) -> np.ndarray:
        """P(inside a technique span) per piece; `sentence_of` gives each piece's sentence."""
        sentences = int(sentence_of.max()) + 1 if len(sentence_of) else 0
        none = np.zeros((len(features), 0), np.float32)
        return self.probabilities_of_parts(features, np.zeros((sentences, 0), np.float32), sentence_of, none)

    def probabilities_of_parts(
        self, pieces: np.ndarray, shared: np.ndarray, sentence_of: np.ndarray, rest: np.ndarray
    ) -> np.ndarray:
        """`probabilities` of the features ``[pieces | shared[sentence_of] | rest]``.

        A sentence's `shared` row (its pooled vector) is multiplied by the projection once for
        the sentence rather than once for each of its pieces; the layer norm's mean and
        variance come from the parts' sums. The algebra is exact, so the result equals
        `probabilities` of the stacked features up to float rounding.
        """
        if not len(pieces):
            return np.zeros(0, np.float32)
        first, second = pieces.shape[1], pieces.shape[1] + shared.shape[1]
        width = second + rest.shape[1]
        sums = pieces.sum(axis=1, dtype=np.float64) + shared.sum(axis=1, dtype=np.float64)[sentence_of]
        squares = np.einsum("ij,ij->i", pieces, pieces) + np.einsum("ij,ij->i", shared, shared)[sentence_of]
        sums += rest.sum(axis=1, dtype=np.float64)
        squares += np.einsum("ij,ij->i", rest, rest)
        mean = sums / width
        deviation = np.sqrt(np.maximum(squares / width - mean**2, 0.0) + 1e-5)
        weighted, column_sums, offset = self._folded_projection
        product = pieces @ weighted[:first] + (shared @ weighted[first:second])[sentence_of] + rest @ weighted[second:]
        product -= (mean[:, None] * column_sums).astype(np.float32)
        product /= deviation[:, None].astype(np.float32)
        return self.run(np.maximum(product + offset, 0.0), sentence_of)

    @functools.cached_property
    def _folded_projection(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The layer norm's weight and bias folded into the projection.

        ``normed @ P + p`` equals ``((x @ W) - mean * c) / deviation + o`` with
        ``W = diag(norm_weight) @ P``, ``c = norm_weight @ P`` and ``o = norm_bias @ P + p``.
        """
        weighted = (self.norm_weight[:, None] * self.projection).astype(np.float32)
        column_sums = (self.norm_weight @ self.projection).astype(np.float32)
        offset = (self.norm_bias @ self.projection + self.projection_bias).astype(np.float32)
        return weighted, column_sums, offset

    def run(self, projected: np.ndarray, sentence_of: np.ndarray) -> np.ndarray:
        """P(inside a span) per piece from the projected features: the LSTM and the output.

        Sentences run side by side, `_CHUNK` at a time, grouped by length so that little is
        padding. Each sentence's pieces are gathered into rows of a padded batch, forward in
        one and reversed in the other direction, so padding always follows a sentence's real
        pieces and never reaches their states.
        """
        hidden_size = self.forward_hidden.shape[0]
        gates_in = projected @ self._input_weights + self._input_bias  # (pieces, both directions' gates)
        starts = np.flatnonzero(np.r_[True, sentence_of[1:] != sentence_of[:-1]])
        lengths = np.r_[starts[1:], len(sentence_of)] - starts
        logits = np.full(len(projected), self.output_bias[0], np.float32)
        by_length = np.argsort(lengths, kind="stable")
        for first in range(0, len(by_length), self._CHUNK):
            rows = by_length[first : first + self._CHUNK][::-1]  # longest first
            step = np.arange(int(lengths[rows[0]]))[:, None]  # (steps, 1)
            real = step < lengths[rows]  # (steps, rows)
            ahead = np.where(real, starts[rows] + step, 0)  # the piece each step reads, per direction
            behind = np.where(real, starts[rows] + lengths[rows] - 1 - step, 0)
            states = self._steps(
                gates_in[:, : 4 * hidden_size][ahead], gates_in[:, 4 * hidden_size :][behind], real.sum(axis=1)
            )
            logits[ahead[real]] += (states[:, 0] @ self.output[:hidden_size, 0])[real]
            logits[behind[real]] += (states[:, 1] @ self.output[hidden_size:, 0])[real]
        return _sigmoid(logits)

    @functools.cached_property
    def _input_weights(self) -> np.ndarray:
        return np.hstack([self.forward_input, self.backward_input])

    @functools.cached_property
    def _input_bias(self) -> np.ndarray:
        return np.concatenate([self.forward_bias, self.backward_bias])

    @functools.cached_property
    def _hidden_weights(self) -> np.ndarray:
        return np.stack([self.forward_hidden, self.backward_hidden])

    def _steps(self, forward: np.ndarray, backward: np.ndarray, active: np.ndarray) -> np.ndarray:
        """The LSTM's hidden states, (steps, direction, rows, hidden), from each step's input
        gates (steps, rows, 4 * hidden) per direction; the two directions step side by side.

        Rows are sentences, longest first, and `active` counts those still running at each
        step: a finished sentence leaves the batch (its states past its end stay zero).
        """
        hidden_size = self.forward_hidden.shape[0]
        gates_in = np.stack([forward, backward], axis=1)  # (steps, 2, rows, 4 * hidden)
        hidden = np.zeros((2, forward.shape[1], hidden_size), np.float32)
        cell = np.zeros_like(hidden)
        states = np.zeros((len(gates_in), *hidden.shape), np.float32)
        for step, (given, running) in enumerate(zip(gates_in, active, strict=True)):
            hidden, cell = hidden[:, :running], cell[:, :running]
            gates = given[:, :running] + np.matmul(hidden, self._hidden_weights)
            squashed = _sigmoid(gates)  # the input, forget and output gates (torch's order: i, f, g, o)
            candidate = np.tanh(gates[..., 2 * hidden_size : 3 * hidden_size])
            cell = squashed[..., hidden_size : 2 * hidden_size] * cell + squashed[..., :hidden_size] * candidate
            hidden = squashed[..., 3 * hidden_size :] * np.tanh(cell)
            states[step, :, :running] = hidden
        return states

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The head as named arrays, for ``np.savez``."""
        return {f"{prefix}.{name}": getattr(self, name) for name in self._ARRAYS}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> SequenceHead:
        """Read a head written by `to_arrays`."""
        return cls(*(arrays[f"{prefix}.{name}"].astype(np.float32) for name in cls._ARRAYS))


def _sigmoid(values: np.ndarray) -> np.ndarray:
    """The logistic function, written with tanh so that large inputs do not overflow."""
    return 0.5 * (1.0 + np.tanh(0.5 * values))


@dataclass(frozen=True, kw_only=True)
class DecodeSettings:
    """How piece scores become candidate spans, and which candidates are kept."""

    piece_threshold: float = 0.2  # a word whose mean piece score reaches this starts or extends a span
    gap_threshold: float = 0.1  # a word scoring this much may sit inside a span without ending it
    min_chars: int = 3  # shorter spans are dropped


@dataclass(frozen=True)
class Candidate:
    """A candidate technique span in masked offsets, with the detector's piece scores."""

    start: int
    end: int
    sentence: int
    piece_scores: np.ndarray
    word_scores: tuple[tuple[int, int, float], ...]  # (start, end, score) of its words


@dataclass(frozen=True, kw_only=True)
class Scoring:
    """How a reported span's score is made, and which spans are shown by default.

    Attributes:
        span_calibration: (slope, intercept) of P(span) against the log-odds of a candidate's
            mean piece score: how often such a candidate lies mostly inside a labelled span.
        score_calibration: (weight of those log-odds, weight of log P(technique), intercept):
            the final score, how often such a span lies mostly inside a labelled span of the
            technique it is given.
        operating_point: Spans scoring at least this are shown by default.
        operating_precision: How often the spans at or above the operating point were right on
            the articles that chose it.
        patterns: Each pattern's score: its precision measured on the training corpus.
    """

    span_calibration: tuple[float, float] = (1.0, 0.0)
    score_calibration: tuple[float, float, float] = (1.0, 1.0, 0.0)
    operating_point: float = 0.5
    operating_precision: float | None = None
    patterns: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The settings as JSON values, for ``model.json``."""
        return {
            "span_calibration": list(self.span_calibration),
            "score_calibration": list(self.score_calibration),
            "operating_point": self.operating_point,
            "operating_precision": self.operating_precision,
            "patterns": dict(self.patterns),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Scoring:
        """Read settings written by `to_dict`."""
        return cls(
            span_calibration=tuple(data["span_calibration"]),
            score_calibration=tuple(data["score_calibration"]),
            operating_point=float(data["operating_point"]),
            operating_precision=data.get("operating_precision"),
            patterns={name: float(score) for name, score in data["patterns"].items()},
        )


@dataclass(frozen=True)
class Detection:
    """One technique span the model reports, in masked offsets.

    A span comes either from the detector (`candidate`, with the classifier's `probabilities`)
    or from a pattern (`match`).
    """

    start: int
    end: int
    technique: str
    score: float
    span_probability: float
    candidate: Candidate | None = None
    probabilities: np.ndarray | None = None
    match: Match | None = None


class TechniqueModel:
    """The detector and classifier heads with their decoding and scoring settings."""

    def __init__(
        self,
        *,
        encoder: Encoder,
        detector: SequenceHead,
        classifier: LinearHead,
        vocabulary: Tfidf,
        scoring: Scoring,
        decode: DecodeSettings,
        meta: dict,
    ) -> None:
        self.encoder = encoder
        self.detector = detector
        self.classifier = classifier
        self.vocabulary = vocabulary
        self.scoring = scoring
        self.decode = decode
        self.meta = meta

    def detect(self, encoded: EncodedText) -> list[Detection]:
        """Every technique span of an encoded text: the detector's, then the patterns', in text order.

        A pattern match is dropped where a detected span of the same technique overlaps it.
        """
        candidates = self.candidates(encoded, self.piece_scores(encoded))
        found: list[Detection] = []
        if candidates:
            mean = np.array([float(candidate.piece_scores.mean()) for candidate in candidates], np.float64)
            span_probability = calibrate(mean, self.scoring.span_calibration)
            probabilities = self.technique_probabilities(encoded, [(c.start, c.end) for c in candidates])
            best = probabilities.argmax(axis=1)
            scores = final_scores(mean, probabilities[np.arange(len(best)), best], self.scoring.score_calibration)
            found = [
                Detection(c.start, c.end, TECHNIQUES[b], float(score), float(p), c, row)
                for c, b, score, p, row in zip(candidates, best, scores, span_probability, probabilities, strict=True)
            ]
        for match in find_matches(encoded.text, encoded.sentences):
            if match.pattern not in self.scoring.patterns or any(
                item.technique == match.technique and item.start < match.end and match.start < item.end
                for item in found
            ):
                continue
            score = self.scoring.patterns[match.pattern]
            found.append(Detection(match.start, match.end, match.technique, score, score, match=match))
        return sorted(found, key=lambda item: (item.start, item.end))

    # --- where -------------------------------------------------------------------------
    def piece_scores(self, encoded: EncodedText) -> np.ndarray:
        """The detector's probability, per word piece, of lying inside a technique span.

        The detector reads each sentence on its own, so whole sentences are scored a few
        thousand pieces at a time: its features never fill memory, however long the text.
        """
        scores = np.zeros(len(encoded.vectors), np.float32)
        for first, last in _sentence_chunks(encoded.sentence_of, _PIECES_AT_ONCE):
            # The features of `piece_features`, in parts: each sentence vector is projected once.
            sentence_of = encoded.sentence_of[first:last]
            low, high = int(sentence_of[0]), int(sentence_of[-1]) + 1
            cues = _piece_cues(encoded, first, last)
            scores[first:last] = self.detector.probabilities_of_parts(
                encoded.vectors[first:last], encoded.pooled[low:high], sentence_of - low, cues
            )
        return scores

    def candidates(self, encoded: EncodedText, scores: np.ndarray) -> list[Candidate]:
        """The spans the piece `scores` make, under this model's decoding settings."""
        return find_candidates(encoded, scores, self.decode)

    # --- which -------------------------------------------------------------------------
    def technique_probabilities(self, encoded: EncodedText, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Probabilities of the 14 techniques for each masked span (rows follow `spans`)."""
        if not spans:
            return np.zeros((0, len(TECHNIQUES)), np.float32)
        return self.classifier.probabilities(classifier_features(encoded, spans, self.vocabulary))

    # --- files -------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write ``heads.npz`` and ``model.json`` into `folder` (the encoder is written apart)."""
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {
            **self.detector.to_arrays("detector"),
            **self.classifier.to_arrays("classifier"),
        }
        arrays["vocabulary.idf"] = self.vocabulary.idf
        meta = {
            **self.meta,
            "techniques": list(TECHNIQUES),
            "scoring": self.scoring.to_dict(),
            "decode": self.decode.__dict__,
        }
        save_model_folder(folder, arrays_file=HEADS_FILE, arrays=arrays, meta=meta, vocabulary=self.vocabulary.terms)

    @classmethod
    def load(cls, folder: Path, *, threads: int | None = None) -> TechniqueModel:
        """Read a model folder written by `save`, and the encoder: the folder's own (written by
        ``train techniques --export-encoder``) or else the shared one in `ENCODER_DIR`.

        `threads` caps the encoder's inference threads; None lets it use up to 4 cores.

        Raises:
            ModelNotFoundError: A model file is missing, or was written for other techniques or
                by a spinscope whose heads differ.
        """
        stored = load_model_folder(
            folder, arrays_file=HEADS_FILE, rebuild="spinscope train techniques", vocabulary=True
        )
        meta, arrays = stored.meta, stored.arrays
        if tuple(meta.get("techniques", ())) != TECHNIQUES:
            raise ModelNotFoundError(
                f"{folder / META_FILE} lists other techniques than this spinscope knows: retrain it"
            )
        try:
            detector = SequenceHead.from_arrays(arrays, "detector")
            classifier = LinearHead.from_arrays(arrays, "classifier")
            scoring = Scoring.from_dict(meta["scoring"])
        except KeyError as error:
            raise ModelNotFoundError(
                f"{folder} lacks {error}: it was written by another spinscope version; "
                "rebuild it with `spinscope train techniques`"
            ) from error
        encoder = load_encoder(folder if (folder / ENCODER_FILE).is_file() else ENCODER_DIR, threads)
        vocabulary = Tfidf(stored.vocabulary or {}, arrays["vocabulary.idf"], span_terms)
        if classifier.weights.shape[0] != 2 * encoder.dim + len(LEXICAL_FEATURES) + len(vocabulary.terms):
            raise ModelNotFoundError(
                f"{folder / HEADS_FILE} has a classifier for other span features than this spinscope computes: "
                "rebuild it with `spinscope train techniques`"
            )
        return cls(
            encoder=encoder,
            detector=detector,
            classifier=classifier,
            vocabulary=vocabulary,
            scoring=scoring,
            decode=DecodeSettings(**meta["decode"]),
            meta=meta,
        )


@functools.lru_cache(maxsize=2)
def load_technique_model(folder: Path = MODEL_DIR, threads: int | None = None) -> TechniqueModel:
    """The techniques model in `folder` (the shipped one by default), loaded once per process.

    `threads` caps the encoder's inference threads; None lets it use up to 4 cores.
    """
    return TechniqueModel.load(folder, threads=threads)


# --- features -------------------------------------------------------------------------
def piece_features(encoded: EncodedText, first: int = 0, last: int | None = None) -> np.ndarray:
    """Detector features of pieces ``[first, last)``: vector, sentence vector, position, lexical cues.

    The detector reads each sentence as a sequence, so a piece's context comes from the LSTM.
    """
    rest = _piece_cues(encoded, first, last)
    sentence_of = encoded.sentence_of[first:last]
    return np.hstack([encoded.vectors[first:last], encoded.pooled[sentence_of], rest]).astype(np.float32)


def _piece_cues(encoded: EncodedText, first: int, last: int | None) -> np.ndarray:
    """The last columns of `piece_features`: position in the sentence, its length, lexical cues."""
    sentence_of = encoded.sentence_of[first:last]
    offsets = encoded.offsets[first:last]
    bounds = np.array(encoded.sentences, dtype=np.int64)[sentence_of].reshape(-1, 2)
    length = np.maximum(bounds[:, 1] - bounds[:, 0], 1)
    text = encoded.text
    lexical = np.array(
        [
            [
                piece[:1].isupper(),
                not piece[:1].isalnum(),
                piece in _QUOTES,
            ]
            for piece in (text[start:end] for start, end in offsets)
        ],
        dtype=np.float32,
    ).reshape(-1, 3)
    position = ((offsets[:, 0] - bounds[:, 0]) / length)[:, None]
    return np.hstack([position, np.log1p(length)[:, None], lexical]).astype(np.float32)


def _sentence_chunks(sentence_of: np.ndarray, size: int) -> list[tuple[int, int]]:
    """Consecutive piece ranges of whole sentences, each cut at the first sentence start past
    `size` pieces (so a range exceeds `size` by one sentence at most)."""
    chunks: list[tuple[int, int]] = []
    first = 0
    for start in np.flatnonzero(sentence_of[1:] != sentence_of[:-1]) + 1:
        if start - first >= size:
            chunks.append((first, int(start)))
            first = int(start)
    if len(sentence_of) > first:
        chunks.append((first, len(sentence_of)))
    return chunks


def span_features(encoded: EncodedText, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Span features, all read from the article's encoding: the mean of the span's piece vectors,
    the mean of its sentences' vectors, and lexical cues (`LEXICAL_FEATURES`).

    No span is encoded again: a span is seen through its pieces in their sentence's context.
    """
    text = encoded.text
    dim = encoded.vectors.shape[1]
    lowered = text.lower()
    counts = WordCounts.of(lowered)
    bounds = np.array(encoded.sentences, dtype=np.int64).reshape(-1, 2)
    rows = np.zeros((len(spans), 2 * dim + len(LEXICAL_FEATURES)), np.float32)
    for row, (start, end) in enumerate(spans):
        low, high = overlapping(encoded.offsets, start, end)
        if high > low:
            rows[row, :dim] = encoded.vectors[low:high].mean(axis=0)
        first, last = overlapping(bounds, start, end)
        if last > first:
            rows[row, dim : 2 * dim] = encoded.pooled[first:last].mean(axis=0)
        rows[row, 2 * dim :] = lexical_features(text, lowered, counts, start, end, encoded.sentences)
    return rows


def overlapping(bounds: np.ndarray, start: int | np.ndarray, end: int | np.ndarray) -> tuple[Any, Any]:
    """The run ``[low, high)`` of the rows of `bounds` (``(start, end)`` pairs whose starts and
    ends both rise, as pieces and sentences do along a text) that overlap ``[start, end)``,
    found by binary search; `start` and `end` may be arrays, for several spans at once, and an
    empty run has ``high == low``."""
    low = np.searchsorted(bounds[:, 1], start, "right")
    return low, np.maximum(low, np.searchsorted(bounds[:, 0], end, "left"))


def classifier_features(encoded: EncodedText, spans: Sequence[tuple[int, int]], vocabulary: Tfidf) -> np.ndarray:
    """`span_features` followed by the TF-IDF of each span's text."""
    terms = vocabulary.transform([encoded.text[start:end] for start, end in spans])
    return np.hstack([span_features(encoded, spans), terms])


LEXICAL_FEATURES = (
    "log characters",
    "log words",
    "log repeats in article",
    "repeated in article",
    "in quotation marks",
    "share of capitals",
    "contains !",
    "contains ?",
    "sentence has ?",
    "sentence has !",
    "share of its sentence",
    "starts its sentence",
    "ends its sentence",
    "at most two words",
    "six words or more",
    "log uses as whole words",
    "used again as whole words",
    "used before",
    "log uses before",
    "log uses of its commonest word",
    "log mean uses of its words",
    "log uses of its rarest word",
    "shares a word with the title",
    "share of content words",
)


@dataclass(frozen=True)
class WordCounts:
    """How often each word occurs in a lowercased text, and the words of its first line (the title).

    Counted once per text, for the repetition features of all its spans.
    """

    counts: Counter[str]
    title: frozenset[str]

    @classmethod
    def of(cls, lowered: str) -> WordCounts:
        """The counts of `lowered`, a text in lower case."""
        return cls(Counter(_COUNTED.findall(lowered)), frozenset(_COUNTED.findall(lowered.split("\n", 1)[0])))


def as_whole_words(key: str) -> re.Pattern[str] | None:
    """A pattern matching `key` only where no letter or digit runs on at either end; None for an empty key."""
    return re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)") if key else None


def lexical_features(
    text: str, lowered: str, counts: WordCounts, start: int, end: int, sentences: Sequence[tuple[int, int]]
) -> list[float]:
    """The `LEXICAL_FEATURES` of `text[start:end]`, in that order.

    `lowered` is `text` in lower case and `counts` its `WordCounts`. Repetition is read three
    ways: the span's text anywhere (inside longer words too), the span as whole words (all its
    uses, and those before it), and how often its content words occur in the article.
    """
    span = text[start:end]
    key = span.lower().strip()
    words = span.split()
    repeats = lowered.count(key) if key else 0
    whole = as_whole_words(key)
    uses = len(whole.findall(lowered)) if whole else 0
    before = len(whole.findall(lowered, 0, start)) if whole else 0
    span_words = _COUNTED.findall(key)
    content = [word for word in span_words if len(word) > 2 and word not in _FUNCTION_WORDS] or span_words
    frequencies = [counts.counts[word] for word in content] or [0]
    quoted = any(mark in text[max(0, start - 2) : start] for mark in _QUOTES) and any(
        mark in text[end : end + 2] for mark in _QUOTES
    )
    letters = sum(character.isalpha() for character in span)
    first, last = next(((a, b) for a, b in sentences if a <= start < b), (start, end))
    sentence = text[first:last]
    return [
        np.log1p(len(span)),
        np.log1p(len(words)),
        np.log1p(repeats),
        float(repeats > 1),
        float(quoted),
        sum(character.isupper() for character in span) / max(1, letters),
        float("!" in span),
        float("?" in span),
        float("?" in sentence),
        float("!" in sentence),
        (end - start) / max(1, last - first),
        float(start <= first),
        float(end >= last - 1),
        float(len(words) <= 2),
        float(len(words) >= 6),
        np.log1p(uses),
        float(uses > 1),
        float(before > 0),
        np.log1p(before),
        np.log1p(max(frequencies)),
        np.log1p(float(np.mean(frequencies))),
        np.log1p(min(frequencies)),
        float(any(word in counts.title for word in content)),
        len(content) / max(1, len(span_words)),
    ]


def find_candidates(encoded: EncodedText, scores: np.ndarray, settings: DecodeSettings) -> list[Candidate]:
    """Runs of likely words within a sentence, bridging words of middling score."""
    word_scores = _word_scores(encoded, scores)
    found: list[Candidate] = []
    run: list[tuple[int, int, float, int]] = []

    def close() -> None:
        while run and run[-1][2] < settings.piece_threshold:
            run.pop()
        if run and run[-1][1] - run[0][0] >= settings.min_chars:
            low, high = overlapping(encoded.offsets, run[0][0], run[-1][1])
            found.append(
                Candidate(
                    run[0][0],
                    run[-1][1],
                    run[0][3],
                    scores[low:high],
                    tuple((start, end, score) for start, end, score, _ in run),
                )
            )
        run.clear()

    for word in word_scores:
        if run and word[3] != run[-1][3]:
            close()
        if word[2] >= settings.piece_threshold or (run and word[2] >= settings.gap_threshold):
            run.append(word)
        else:
            close()
    close()
    return found


def mean_score_logit(mean: np.ndarray) -> np.ndarray:
    """The log-odds of mean piece scores, kept finite at 0 and 1."""
    mean = np.clip(mean, 1e-6, 1 - 1e-6)
    return np.log(mean / (1 - mean))


def calibrate(mean: np.ndarray, calibration: tuple[float, float]) -> np.ndarray:
    """P(span) from spans' mean piece scores: a logistic function of their log-odds."""
    slope, intercept = calibration
    return 1.0 / (1.0 + np.exp(-(slope * mean_score_logit(mean) + intercept)))


def score_features(mean: np.ndarray, technique: np.ndarray) -> np.ndarray:
    """What a detected span's score is a logistic function of: one row per span, two columns.

    The log-odds of its mean piece score, and the log of its technique's probability.
    """
    return np.column_stack([mean_score_logit(mean), np.log(np.clip(technique, 1e-6, 1.0))])


def final_scores(mean: np.ndarray, technique: np.ndarray, calibration: tuple[float, float, float]) -> np.ndarray:
    """A span's score: P(it lies mostly inside a labelled span of its technique), from `score_features`."""
    span_weight, technique_weight, intercept = calibration
    logit = score_features(mean, technique) @ np.array([span_weight, technique_weight]) + intercept
    return 1.0 / (1.0 + np.exp(-logit))


def choose_techniques(spans: Sequence[tuple[int, int]], probabilities: np.ndarray) -> list[int]:
    """The technique index for each span: the likeliest, then for a repeated span the next likeliest.

    The same stretch of text may use several techniques, and the task then lists it once per
    technique.
    """
    seen: dict[tuple[int, int], int] = {}
    choices = []
    for (start, end), row in zip(spans, probabilities, strict=True):
        rank = seen.get((start, end), 0)
        seen[(start, end)] = rank + 1
        choices.append(int(np.argsort(-row)[min(rank, len(row) - 1)]))
    return choices


def span_terms(text: str) -> list[str]:
    """Words of two or more characters, and each pair of neighbouring words."""
    words = _TERM.findall(text.lower())
    return words + [f"{first} {second}" for first, second in itertools.pairwise(words)]


def _word_scores(encoded: EncodedText, scores: np.ndarray) -> list[tuple[int, int, float, int]]:
    """(start, end, mean piece score, sentence) of each word that has pieces."""
    if not encoded.words:
        return []
    words = np.array(encoded.words, dtype=np.int64).reshape(-1, 2)
    first, last = overlapping(encoded.offsets, words[:, 0], words[:, 1])
    totals = np.r_[0.0, np.cumsum(scores, dtype=np.float64)]
    kept = np.flatnonzero(last > first)
    means = (totals[last[kept]] - totals[first[kept]]) / (last[kept] - first[kept])
    sentences = encoded.sentence_of[first[kept]]
    return [
        (int(words[row, 0]), int(words[row, 1]), float(mean), int(sentence))
        for row, mean, sentence in zip(kept, means, sentences, strict=True)
    ]
