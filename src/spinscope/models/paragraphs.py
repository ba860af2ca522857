"""The paragraph techniques model: which SemEval-2023 techniques each paragraph uses.

One logistic regression per technique (one-vs-rest) over the paragraph's features: the TF-IDF
of its name-masked words, cut to five-letter stems (Russian inflects endings: "позор",
"позором", "позорный" share one), a few cheap lexical features (quotes, exclamations,
questions, capitals, words repeated from elsewhere in the article, position), and, for
Russian, the mean navec word vector of the paragraph and of its article (the article's
register). A language indicator keeps each language's base rates.

Invariants:
- The model reads only masked text (`mask_paragraph_names`): every name given (the entities
  layer) and every capitalised word not opening a sentence becomes `PLACEHOLDER`, so swapping
  two sides' names leaves the features, techniques and scores unchanged.
- A technique is predicted for a paragraph when its probability reaches the technique's
  threshold (chosen in training for micro-F1, the task's measure). Its `score` is the
  calibrated probability (one logistic map of the raw logit, fitted on articles the heads were
  not fitted on), and the operating point is the lowest score at which the pairs shown were
  right at least `SHOWN_PRECISION` of the time on such articles.
- Each language has its own model (folder ``<language>/``). Inference is numpy only (plus
  natasha's bundled navec vectors for Russian): the heads are plain arrays in ``heads.npz``,
  the TF-IDF terms in ``vocabulary.txt``, the rest in ``model.json``.
- A span's cue words are the paragraph's words whose stems pushed that technique's logit up
  the most (the head's own TF-IDF weights), so the `why` names what the model read.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.document import Span, Technique
from spinscope.errors import MissingDependencyError, ModelNotFoundError
from spinscope.eval.semeval2023 import TECHNIQUES_2023, paragraph_lines
from spinscope.models.names import PLACEHOLDER, NameMask, mask_names
from spinscope.models.tfidf import Tfidf

__all__ = [
    "LANGUAGES",
    "LEXICAL_FEATURES",
    "MODEL_DIR",
    "SHOWN_PRECISION",
    "ParagraphModel",
    "ParagraphPrediction",
    "cue_places",
    "dense_features",
    "find_paragraph_techniques",
    "guessed_names",
    "lexical_features",
    "load_paragraph_model",
    "mask_paragraph_names",
    "stems",
    "word_vectors",
]

MODEL_DIR = Path(__file__).parent / "weights" / "paragraphs"
HEADS_FILE = "heads.npz"
META_FILE = "model.json"
VOCABULARY_FILE = "vocabulary.txt"
TFIDF_WEIGHT = 8.0  # the TF-IDF block's scale against the standardised dense features
VECTOR_DIM = 300  # navec's
SHOWN_PRECISION = 0.5
# Languages with a base-rate indicator; any other language reads as the first of them
# that the model was trained on with its own rates (see `language_vector`).
LANGUAGES = ("ru", "en", "fr", "de", "it", "pl")
# Languages whose ordinary nouns start with a capital: capitalised words there are not names.
_NOUNS_CAPITALISED = frozenset({"de"})

LEXICAL_FEATURES = (
    "log characters",
    "log words",
    "is the title",
    "relative position",
    "quotation marks",
    "exclamations",
    "questions",
    "ellipses",
    "dashes",
    "share of capitals",
    "share of masked names",
    "share of words repeated in the article",
    "digits",
)

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_QUOTES = '"“”„«»‘’‚'
# What may stand between a sentence's end and its first word: spaces, quotes, dashes, brackets.
_OPENERS = set(" \t\r\n" + _QUOTES + "—–-([*•")


def guessed_names(text: str, *, language: str) -> list[tuple[int, int, str]]:
    """Capitalised words that do not open a sentence: names, in languages that capitalise only names.

    A one-letter word (English "I") is not a name. In German, where every noun is capitalised,
    nothing is guessed.
    """
    if language in _NOUNS_CAPITALISED:
        return []
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 2 or not word[0].isupper():
            continue
        at = match.start() - 1
        while at >= 0 and text[at] in _OPENERS:
            at -= 1
        if at < 0 or text[at] in ".!?…:;":
            continue  # opens the paragraph or a sentence: capitalised whatever it is
        found.append((match.start(), match.end(), "PERSON"))  # any label mask_names masks
    return found


def mask_paragraph_names(text: str, names: Sequence[tuple[int, int, str]], *, language: str) -> NameMask:
    """`text` with the given names and the guessed ones (`guessed_names`) replaced by `PLACEHOLDER`."""
    given = [(start, end, label) for start, end, label in names]
    return mask_names(text, [*given, *guessed_names(text, language=language)])


def lexical_features(paragraphs: Sequence[str], *, title: bool = True) -> np.ndarray:
    """The `LEXICAL_FEATURES` of each masked paragraph of one article, in order.

    Args:
        paragraphs: The article's masked paragraphs, in text order.
        title: Whether the first paragraph is the article's title.
    """
    words = [[word.lower() for word in _WORD.findall(text)] for text in paragraphs]
    counts = Counter(word for row in words for word in set(row) if len(word) > 3 and word != PLACEHOLDER.lower())
    rows = np.zeros((len(paragraphs), len(LEXICAL_FEATURES)), np.float32)
    for index, (text, row) in enumerate(zip(paragraphs, words, strict=True)):
        letters = [character for character in text if character.isalpha()]
        long_words = [word for word in set(row) if len(word) > 3 and word != PLACEHOLDER.lower()]
        rows[index] = (
            np.log1p(len(text)),
            np.log1p(len(row)),
            float(title and index == 0),
            index / max(len(paragraphs) - 1, 1),
            min(sum(text.count(mark) for mark in _QUOTES), 6) / 6,
            min(text.count("!"), 3) / 3,
            min(text.count("?"), 3) / 3,
            min(text.count("...") + text.count("…"), 3) / 3,
            min(text.count("—") + text.count("–") + text.count(" - "), 4) / 4,
            sum(character.isupper() for character in letters) / len(letters) if letters else 0.0,
            row.count(PLACEHOLDER.lower()) / len(row) if row else 0.0,
            sum(counts[word] > 1 for word in long_words) / len(long_words) if long_words else 0.0,
            min(sum(character.isdigit() for character in text), 10) / 10,
        )
    return rows


def stems(text: str) -> list[str]:
    """The TF-IDF terms of a masked text: its words' first five letters, lower-cased, digits left out."""
    return [_stem(word) for word in _WORD.findall(text) if not word.isdigit()]


def word_vectors(texts: Sequence[str], *, language: str) -> np.ndarray:
    """Each text's mean navec vector, unit length (Russian); zero rows for other languages, so
    that every language's rows have the same columns and can share one training set.

    Raises:
        MissingDependencyError: natasha (which bundles the navec vectors) is not installed.
    """
    rows = np.zeros((len(texts), VECTOR_DIM), np.float32)
    if language != "ru":
        return rows
    table = _navec()
    placeholder = PLACEHOLDER.lower()
    for row, text in enumerate(texts):
        found = [
            table[word] for word in (w.lower() for w in _WORD.findall(text)) if word != placeholder and word in table
        ]
        if found:
            mean = np.mean(found, axis=0)
            norm = float(np.linalg.norm(mean))
            rows[row] = mean / norm if norm else mean
    return rows


_NAVEC: list[Any] = []


def _navec() -> Any:
    if not _NAVEC:
        try:
            from natasha import NewsEmbedding
        except ImportError as error:
            raise MissingDependencyError(
                f"Russian techniques need natasha's navec vectors ({error.name} is missing): pip install natasha"
            ) from error
        _NAVEC.append(NewsEmbedding())
    return _NAVEC[0]


def dense_features(masked: Sequence[str], language: str) -> np.ndarray:
    """The dense feature rows of one article's masked paragraphs: word vectors (own and the
    article's mean), lexical features, the language indicator."""
    vectors = word_vectors(masked, language=language)
    mean = vectors.mean(axis=0, keepdims=True) if len(vectors) else np.zeros((1, vectors.shape[1]), np.float32)
    norm = float(np.linalg.norm(mean))
    mean = mean / norm if norm else mean
    languages = np.zeros((len(masked), len(LANGUAGES)), np.float32)
    if language in LANGUAGES:
        languages[:, LANGUAGES.index(language)] = 1.0
    return np.hstack([vectors, np.repeat(mean, len(masked), axis=0), lexical_features(masked), languages]).astype(
        np.float32
    )


@dataclass(frozen=True)
class ParagraphPrediction:
    """One technique the model finds in one paragraph."""

    paragraph: int  # index into the paragraphs given
    technique: str
    probability: float  # the heads' raw probability
    score: float  # calibrated: how often such a prediction is right
    shown: bool


@dataclass(frozen=True)
class ParagraphModel:
    """Trained heads, TF-IDF terms, thresholds, calibration and cue words of one language's model."""

    language: str
    mean: np.ndarray  # (dense features,)
    scale: np.ndarray  # (dense features,)
    weights: np.ndarray  # (dense features + terms, techniques)
    bias: np.ndarray  # (techniques,)
    tfidf: Tfidf
    thresholds: np.ndarray  # (techniques,) on the raw probability
    calibration: tuple[float, float]  # score = sigmoid(a * logit + b)
    operating_point: float
    meta: dict[str, Any] = field(default_factory=dict)
    techniques: tuple[str, ...] = TECHNIQUES_2023

    def logits(self, dense: np.ndarray, masked: Sequence[str]) -> np.ndarray:
        """Raw logits, one column per technique, of paragraphs given their dense rows and masked texts."""
        width = len(self.mean)
        terms = self.tfidf.transform(masked) * TFIDF_WEIGHT
        return ((dense - self.mean) / self.scale) @ self.weights[:width] + terms @ self.weights[width:] + self.bias

    def predict(
        self, dense: np.ndarray, masked: Sequence[str], *, operating_point: float | None = None
    ) -> list[ParagraphPrediction]:
        """Every (paragraph, technique) at or above its threshold, paragraph by paragraph."""
        point = self.operating_point if operating_point is None else operating_point
        logits = self.logits(dense, masked)
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        a, b = self.calibration
        scores = 1.0 / (1.0 + np.exp(-(a * logits + b)))
        return [
            ParagraphPrediction(
                int(row),
                self.techniques[column],
                float(probabilities[row, column]),
                float(scores[row, column]),
                float(scores[row, column]) >= point,
            )
            for row, column in zip(*np.nonzero(probabilities >= self.thresholds), strict=True)
        ]

    def save(self, folder: Path) -> None:
        """Write ``heads.npz``, ``vocabulary.txt`` and ``model.json`` into `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            folder / HEADS_FILE,
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            idf=self.tfidf.idf.astype(np.float32),
        )
        (folder / VOCABULARY_FILE).write_text(
            "".join(f"{term}\n" for term in self.tfidf.ordered_terms()), encoding="utf-8"
        )
        meta = {
            **self.meta,
            "language": self.language,
            "techniques": list(self.techniques),
            "thresholds": [round(float(value), 5) for value in self.thresholds],
            "calibration": [round(float(value), 5) for value in self.calibration],
            "operating_point": round(float(self.operating_point), 5),
            "lexical_features": list(LEXICAL_FEATURES),
            "languages": list(LANGUAGES),
        }
        (folder / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ParagraphModel:
        """Read a model written by `save`.

        Raises:
            ModelNotFoundError: A file is missing.
        """
        for name in (HEADS_FILE, VOCABULARY_FILE, META_FILE):
            if not (folder / name).is_file():
                raise ModelNotFoundError(
                    f"model file {folder / name} is missing: reinstall spinscope, or rebuild it with "
                    "`spinscope train paragraphs`"
                )
        arrays = np.load(folder / HEADS_FILE)
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        terms = (folder / VOCABULARY_FILE).read_text(encoding="utf-8").split("\n")[:-1]
        tfidf = Tfidf({term: index for index, term in enumerate(terms)}, arrays["idf"], stems)
        own = {
            "language",
            "techniques",
            "thresholds",
            "calibration",
            "operating_point",
            "lexical_features",
            "languages",
        }
        return cls(
            meta["language"],
            arrays["mean"],
            arrays["scale"],
            arrays["weights"],
            arrays["bias"],
            tfidf,
            np.array(meta["thresholds"], np.float32),
            tuple(meta["calibration"]),
            float(meta["operating_point"]),
            {key: value for key, value in meta.items() if key not in own},
            tuple(meta["techniques"]),
        )


@functools.lru_cache(maxsize=4)
def load_paragraph_model(language: str, folder: Path | None = None) -> ParagraphModel:
    """The paragraph model for `language`, read once per process.

    Args:
        language: "ru" or "en": each language has its own model, in a subfolder of that name.
        folder: A folder written by ``spinscope train paragraphs``; None reads the shipped one.

    Raises:
        ModelNotFoundError: There is no model for `language` there.
    """
    return ParagraphModel.load((folder or MODEL_DIR) / language)


def find_paragraph_techniques(
    model: ParagraphModel,
    text: str,
    names: Sequence[tuple[int, int, str]],
    *,
    language: str,
    operating_point: float | None = None,
) -> list[Technique]:
    """One technique span per (paragraph, technique) the model predicts, in text order.

    A paragraph is a non-blank line of `text` (its first is read as the title); the span is
    its trimmed extent. Names (`(start, end, label)` in `text`) are masked before the model
    reads the paragraph, as are the capitalised words `guessed_names` finds.

    Args:
        model: The paragraph model.
        text: The document's text.
        names: The name mentions of the entities layer (any labels `mask_names` masks).
        language: The text's ISO 639-1 code: its base rates, name rule and cue words.
        operating_point: Spans scoring at least this are `shown`; None takes the model's.
    """
    lines = paragraph_lines(text)
    if not lines:
        return []
    masks = [
        mask_paragraph_names(
            text[start:end],
            [
                (max(first, start) - start, min(last, end) - start, label)
                for first, last, label in names
                if first < end and last > start
            ],
            language=language,
        )
        for _, start, end in lines
    ]
    masked = [mask.text for mask in masks]
    found = []
    for prediction in model.predict(dense_features(masked, language), masked, operating_point=operating_point):
        _, start, end = lines[prediction.paragraph]
        mask = masks[prediction.paragraph]
        words = [
            Span(start + first, start + last, text[start + first : start + last])
            for first, last in (
                mask.to_original(*place) for place in cue_places(model, mask.text, prediction.technique)
            )
        ]
        score = round(prediction.score, 4)
        found.append(
            Technique(
                start,
                end,
                text[start:end],
                technique=prediction.technique,
                score=score,
                why=_reason(prediction, words),
                cues=tuple(words),
                shown=prediction.shown,
            )
        )
    return found


def cue_places(model: ParagraphModel, text: str, technique: str, *, most: int = 3) -> list[tuple[int, int]]:
    """Where masked `text` has the words whose stems raise `technique`'s logit most, `most` at
    most (one place per stem, the first), in text order."""
    column = model.techniques.index(technique)
    weights = model.weights[len(model.mean) :, column]
    placeholder = _stem(PLACEHOLDER)
    function_words = _function_words()
    found: dict[str, tuple[float, int, int]] = {}
    for match in _WORD.finditer(text):
        if match.group().lower() in function_words:
            continue  # "и", "что", "the": they weigh, but name no wording
        stem = _stem(match.group())
        index = model.tfidf.terms.get(stem)
        if index is not None and stem != placeholder and stem not in found and weights[index] > 0:
            found[stem] = (float(weights[index]), match.start(), match.end())
    strongest = sorted(found.values(), key=lambda item: -item[0])[:most]
    return sorted((start, end) for _, start, end in strongest)


def _function_words() -> frozenset[str]:
    """spaCy's Russian and English stop words, read on first use (the stage runs after spaCy loads)."""
    if not _FUNCTION_WORDS:
        from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
        from spacy.lang.ru.stop_words import STOP_WORDS as RUSSIAN

        _FUNCTION_WORDS.append(frozenset(ENGLISH | RUSSIAN))
    return _FUNCTION_WORDS[0]


_FUNCTION_WORDS: list[frozenset[str]] = []


def _stem(word: str) -> str:
    # Five letters stand in for a stem: Russian inflects the ending ("позор", "позором", "позорный").
    word = word.lower()
    return word[:5] if len(word) > 5 else word


def _reason(prediction: ParagraphPrediction, cues: Sequence[Span]) -> str:
    name = prediction.technique.replace("_", " ")
    if cues:
        words = ", ".join(f"“{cue.text}”" for cue in cues)
        return f"{name} in this paragraph (probability {prediction.probability:.2f}); its cue words here: {words}"
    return f"{name} in this paragraph (probability {prediction.probability:.2f}), from the paragraph as a whole"
