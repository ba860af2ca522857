"""The check-worthiness model: how much a sentence deserves fact-checking, from 0 to 1.

One logistic regression over three blocks of features of a sentence, all computed here with
numpy from the sentence and its vector:

1. the TF-IDF of its words and word pairs (numbers folded into one token, ``<n>``);
2. its MiniLM embedding (mean of the shared encoder's piece vectors over the sentence with its
   names masked, unit length: `spinscope.models.techniques.EncodedText.pool`, the vectors the
   pipeline's `encodings` stage makes once for claims and techniques alike) and the mean
   embedding of its neighbours, up to `ClaimModel.context` sentences either side (the
   shipped model uses none: neighbours lowered the cross-validated figures, so that block
   is zeros and its weights are 0);
3. `CUE_FEATURES`: numbers, percentages, money, years, comparatives, first and second person,
   opinion words, future, causal words, capitalised words, question and exclamation marks, length.

The regression was trained with a feature saying which corpus a sentence came from (CLEF
CheckThat! debates, where few sentences were fact-checked, or ClaimBuster, where a quarter are
check-worthy); at analysis time that feature is 0, the ClaimBuster prior. The logit is then
passed through a logistic calibration fitted on cross-validated ClaimBuster predictions, so
`score` estimates how often ClaimBuster's annotators would call such a sentence a check-worthy
factual claim, and `threshold` is the score of best cross-validated F1 for that class.
The weights are plain arrays (``weights.npz``, ``vocabulary.txt``, ``model.json``).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from spinscope.errors import ModelNotFoundError
from spinscope.models.encoder import Encoder, load_encoder
from spinscope.models.folders import META_FILE, load_model_folder, save_model_folder
from spinscope.models.tfidf import Tfidf

__all__ = [
    "CUE_FEATURES",
    "MODEL_DIR",
    "ClaimModel",
    "cue_features",
    "embed_sentences",
    "load_claim_model",
    "neighbour_means",
    "terms",
]

MODEL_DIR = Path(__file__).parent / "weights" / "claims"
WEIGHTS_FILE = "weights.npz"

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*|[%$€£?!]")
_DIGIT = re.compile(r"\d")
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_MONEY = re.compile(r"[$€£]|\b(?:dollars?|euros?|pounds|million|billion|trillion|thousand|hundred)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|half|double|doubled"
    r"|tripled|twice)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|most|least|than|highest|lowest|largest|biggest|smallest|best|worst|record"
    r"|increase[sd]?|decrease[sd]?|rose|fell|grew|cut|raised?)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'll|me|my|we|we're|we've|we'll|us|our)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're)\b", re.IGNORECASE)
_OPINION = re.compile(
    r"\b(?:think|believe|feel|hope|should|must|great|wonderful|terrible|horrible|amazing|beautiful|bad|good|love"
    r"|thank|thanks|proud|honou?red|disaster|incredible|tremendous)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|going to|gonna|would|plan to)\b", re.IGNORECASE)
_CAUSAL = re.compile(r"\b(?:because|due to|led to|caused?|result(?:ed)? in|as a result)\b", re.IGNORECASE)
_STATED = re.compile(r"\b(?:voted|passed|signed|said|has|have|had|was|were|did)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"(?<=\w[ ,;:])[A-Z][a-z]+")

CUE_FEATURES = (
    "has a digit",
    "log digit runs",
    "percentage",
    "money or large number",
    "year",
    "number word",
    "log comparison words",
    "log first-person words",
    "log second-person words",
    "log opinion words",
    "future",
    "causal word",
    "log stated-fact verbs",
    "log capitalised words inside",
    "question mark",
    "exclamation mark",
    "log words",
    "under six words",
    "over 25 words",
)


def terms(text: str) -> list[str]:
    """The TF-IDF terms of a sentence: lower-cased words (a number is ``<n>``) and word pairs."""
    words = ["<n>" if word[0].isdigit() else word for word in _TOKEN.findall(text.lower())]
    return words + [f"{first} {second}" for first, second in zip(words, words[1:], strict=False)]


def cue_features(text: str) -> list[float]:
    """The `CUE_FEATURES` of a sentence, in that order."""
    words = len(text.split())
    return [
        float(bool(_DIGIT.search(text))),
        float(np.log1p(len(re.findall(r"\d+", text)))),
        float(bool(_PERCENT.search(text))),
        float(bool(_MONEY.search(text))),
        float(bool(_YEAR.search(text))),
        float(bool(_NUMBER_WORD.search(text))),
        float(np.log1p(len(_COMPARISON.findall(text)))),
        float(np.log1p(len(_FIRST_PERSON.findall(text)))),
        float(np.log1p(len(_SECOND_PERSON.findall(text)))),
        float(np.log1p(len(_OPINION.findall(text)))),
        float(bool(_FUTURE.search(text))),
        float(bool(_CAUSAL.search(text))),
        float(np.log1p(len(_STATED.findall(text)))),
        float(np.log1p(len(_CAPITALISED.findall(text)))),
        float("?" in text),
        float("!" in text),
        float(np.log1p(words)),
        float(words < 6),
        float(words > 25),
    ]


def embed_sentences(
    texts: Sequence[str],
    *,
    encoder: Encoder | None = None,
    names: Sequence[Sequence[tuple[int, int, str]]] | None = None,
    batch: int = 256,
) -> np.ndarray:
    """Unit vectors of stand-alone sentences as the model reads them: names masked, then encoded.

    For training and evaluation, where sentences come without an article around them. In the
    pipeline the `encodings` stage makes the same vectors from the entities stage's names.

    Args:
        texts: The sentences.
        encoder: The encoder (the shared one by default).
        names: Each sentence's names as ``(start, end, label)``; None tags them with the spaCy
            model's named-entity recogniser (the pipeline's entities stage starts from it).
        batch: Sentences encoded together.
    """
    from spinscope.models.techniques import encode_text

    encoder = encoder or load_encoder()
    if names is None:
        names = _tag_names(texts)
    rows = []
    for first in range(0, len(texts), batch):
        chunk = texts[first : first + batch]
        starts = list(itertools.accumulate((len(text) + 1 for text in chunk), initial=0))[:-1]
        joined = "\n".join(chunk)
        spans = [(start, start + len(text)) for start, text in zip(starts, chunk, strict=True)]
        shifted = [
            (start + name_start, start + name_end, label)
            for start, sentence_names in zip(starts, names[first : first + batch], strict=True)
            for name_start, name_end, label in sentence_names
        ]
        rows.append(encode_text(encoder, joined, spans, shifted).pool(spans))
    return np.vstack(rows) if rows else np.zeros((0, encoder.dim), np.float32)


def _tag_names(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """Each text's named-entity mentions, as the spaCy model tags them."""
    from spinscope.models.spacy import load_spacy
    from spinscope.settings import NlpSettings

    nlp = load_spacy(NlpSettings())
    keep = {"tok2vec", "ner"}
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in keep]):
        return [
            [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents] for doc in nlp.pipe(texts, batch_size=256)
        ]


def neighbour_means(vectors: np.ndarray, width: int) -> np.ndarray:
    """For each row, the mean of the rows up to `width` before and after it (itself left out)."""
    count = len(vectors)
    sums = np.vstack([np.zeros((1, vectors.shape[1]), np.float64), np.cumsum(vectors, axis=0, dtype=np.float64)])
    index = np.arange(count)
    first, last = np.maximum(0, index - width), np.minimum(count, index + width + 1)
    totals = sums[last] - sums[first] - vectors
    sizes = (last - first - 1)[:, None]
    return (totals / np.maximum(sizes, 1)).astype(np.float32)


class ClaimModel:
    """The check-worthiness regression, its calibration and threshold."""

    def __init__(
        self,
        *,
        vocabulary: Tfidf,
        term_weights: np.ndarray,
        dense_mean: np.ndarray,
        dense_weights: np.ndarray,
        bias: float,
        calibration: tuple[float, float],
        threshold: float,
        context: int,
        meta: dict,
    ) -> None:
        self.vocabulary = vocabulary  # the TF-IDF of `terms`
        self.term_weights = term_weights  # the regression's weight of each TF-IDF column
        self.dense_mean = dense_mean
        self.dense_weights = dense_weights  # already divided by the features' scale
        self.bias = bias
        self.calibration = calibration
        self.threshold = threshold
        self.context = context
        self.meta = meta

    def score(
        self,
        sentences: Sequence[str],
        vectors: np.ndarray,
        *,
        passages: Sequence[tuple[str, int]] = (),
        passage_vectors: np.ndarray | None = None,
    ) -> np.ndarray:
        """Check-worthiness from 0 to 1 of each sentence of one text, in order, then of each passage.

        Args:
            sentences: The text's sentences in reading order (their neighbours are context).
            vectors: Their unit embeddings, one row per sentence (names masked, see the module).
            passages: Further stretches to score, such as quotes: (text, index of the sentence
                whose neighbours are its context; with no sentences, a passage has none).
            passage_vectors: The passages' unit embeddings, one row per passage.

        Returns:
            ``len(sentences) + len(passages)`` scores, sentences first.
        """
        texts = [*sentences, *(text for text, _ in passages)]
        if not texts:
            return np.zeros(0, np.float64)
        dim = (len(self.dense_mean) - len(CUE_FEATURES)) // 2  # the sentence's and its context's vectors
        if passage_vectors is None:
            passage_vectors = np.zeros((len(passages), dim), np.float32)
        vectors = np.vstack([vectors.reshape(-1, dim), passage_vectors.reshape(-1, dim)]).astype(np.float32)
        around = neighbour_means(vectors[: len(sentences)], self.context)
        if passages and sentences:
            contexts = np.vstack([around, around[[index for _, index in passages]]])
        else:
            contexts = np.vstack([around, np.zeros((len(passages), vectors.shape[1]), np.float32)])
        cues = np.array([cue_features(text) for text in texts], np.float32)
        dense = np.hstack([vectors, contexts, cues]).astype(np.float64)
        dense_logits = (dense - self.dense_mean) @ self.dense_weights
        logits = dense_logits + self.vocabulary.dot(texts, self.term_weights) + self.bias
        slope, intercept = self.calibration
        return 1.0 / (1.0 + np.exp(-(slope * logits + intercept)))

    def save(self, folder: Path) -> None:
        """Write ``weights.npz``, ``vocabulary.txt`` and ``model.json`` into `folder`."""
        arrays = {
            "dense_mean": self.dense_mean,
            "dense_weights": self.dense_weights,
            "idf": self.vocabulary.idf,
            "term_weights": self.term_weights,
        }
        meta = {
            **self.meta,
            "bias": self.bias,
            "calibration": list(self.calibration),
            "threshold": self.threshold,
            "context": self.context,
            "cue_features": list(CUE_FEATURES),
        }
        save_model_folder(folder, arrays_file=WEIGHTS_FILE, arrays=arrays, meta=meta, vocabulary=self.vocabulary.terms)

    @classmethod
    def load(cls, folder: Path) -> ClaimModel:
        """Read a model folder written by `save`.

        Raises:
            ModelNotFoundError: A model file is missing or was written for other cue features.
        """
        stored = load_model_folder(folder, arrays_file=WEIGHTS_FILE, rebuild="spinscope train claims", vocabulary=True)
        meta = stored.meta
        if tuple(meta.get("cue_features", ())) != CUE_FEATURES:
            raise ModelNotFoundError(
                f"{folder / META_FILE} lists other cue features than this spinscope computes: retrain it"
            )
        arrays = {name: array.astype(np.float64) for name, array in stored.arrays.items()}
        return cls(
            vocabulary=Tfidf(stored.vocabulary or {}, arrays["idf"], terms),
            term_weights=arrays["term_weights"],
            dense_mean=arrays["dense_mean"],
            dense_weights=arrays["dense_weights"],
            bias=float(meta["bias"]),
            calibration=(float(meta["calibration"][0]), float(meta["calibration"][1])),
            threshold=float(meta["threshold"]),
            context=int(meta["context"]),
            meta=meta,
        )


@functools.lru_cache(maxsize=2)
def load_claim_model(folder: Path = MODEL_DIR) -> ClaimModel:
    """The claims model in `folder` (the shipped one by default), loaded once per process."""
    return ClaimModel.load(folder)
