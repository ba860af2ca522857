"""The `techniques` layer: spans that use a persuasion technique, named, scored and explained.

The model reads the text with its names masked (`spinscope.models.names`), so the same rules
apply to every side: swapping two sides' names leaves spans, techniques and scores unchanged.
Every technique span carries its evidence: the cue words the detector scored highest and a
`why` sentence naming them and the lexical patterns behind the technique.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from spinscope.document import Document, Entity, Span, Technique
from spinscope.models.names import PLACEHOLDER
from spinscope.models.techniques import (
    LEXICAL_FEATURES,
    MODEL_DIR,
    TECHNIQUES,
    EncodedText,
    TechniqueModel,
    choose_techniques,
    encode_text,
    lexical_features,
    load_technique_model,
)
from spinscope.settings import Settings
from spinscope.stages.base import Stage, StageResult

__all__ = ["TechniqueStage", "classify_spans", "find_techniques", "label_spans", "load_model", "names_of"]

_CUES = 2


class TechniqueStage(Stage):
    """Finds persuasion-technique spans with the trained techniques model."""

    name = "techniques"
    requires = ("sentences", "entities")
    produces = ("techniques",)

    def __init__(self, settings: Settings) -> None:
        self.model = load_model(settings)
        self.min_score = settings.techniques.min_score
        self.version = f"1 (model {self.model.meta.get('version', 'unversioned')})"

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Find the technique spans of one document."""
        sentences = document.layers["sentences"]
        names = names_of(document.layers["entities"])
        found = find_techniques(self.model, document.text, sentences, names)
        return StageResult(layers={"techniques": [item for item in found if item.score >= self.min_score]})


def names_of(entities: Iterable[Entity]) -> list[tuple[int, int, str]]:
    """`(start, end, label)` of every name mention (bare titles are not names)."""
    return [
        (mention.start, mention.end, entity.label)
        for entity in entities
        for mention in entity.mentions
        if mention.kind == "name"
    ]


def find_techniques(
    model: TechniqueModel, text: str, sentences: Sequence[Span], names: Sequence[tuple[int, int, str]]
) -> list[Technique]:
    """Detect technique spans in `text` and name each one's technique, in text order."""
    encoded = encode_text(model.encoder, text, [(s.start, s.end) for s in sentences], names)
    candidates = model.candidates(encoded, model.piece_scores(encoded))
    if not candidates:
        return []
    span_probability = model.span_probabilities(candidates)
    technique_probability = model.technique_probabilities(
        encoded, [(candidate.start, candidate.end) for candidate in candidates]
    )
    found = []
    for candidate, p_span, probabilities in zip(candidates, span_probability, technique_probability, strict=True):
        best = int(np.argmax(probabilities))
        cues = sorted(
            (word for word in candidate.word_scores if _is_content(encoded.text[word[0] : word[1]])),
            key=lambda word: -word[2],
        )[:_CUES]
        cue_spans = tuple(_span(text, *encoded.mask.to_original(start, end)) for start, end, _ in sorted(cues))
        span = _span(text, *encoded.mask.to_original(candidate.start, candidate.end))
        why = "; ".join(
            [
                _cue_reason(cue_spans, float(p_span)),
                _technique_reason(probabilities),
                *_patterns(encoded, candidate.start, candidate.end),
            ]
        )
        found.append(
            Technique(
                span.start,
                span.end,
                span.text,
                technique=TECHNIQUES[best],
                score=round(float(p_span * probabilities[best]), 4),
                why=why,
                cues=cue_spans,
            )
        )
    return found


def classify_spans(
    text: str, spans: Sequence[tuple[int, int]], *, settings: Settings | None = None
) -> list[Technique]:
    """Name the technique of each given span of `text` (the task's technique classification).

    The text is parsed (sentences and names) as `analyze` would. A span given more than once
    gets the most likely technique the first time, the next most likely the second, and so on,
    since the same stretch of text may use several techniques.

    Args:
        text: The article text.
        spans: `(start, end)` character offsets into `text`.
        settings: Pipeline settings (spaCy model, techniques model); defaults when None.

    Returns:
        One `Technique` per span, in the order given; `score` is P(technique | span).
    """
    from spinscope.analysis import analyze_text

    settings = settings or Settings()
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span ({start}, {end}) is not inside the text of {len(text)} characters")
    parsed = analyze_text(text, settings=replace(settings, stages=("entities",)))
    return label_spans(
        load_model(settings), text, parsed.layers["sentences"], names_of(parsed.layers["entities"]), spans
    )


def load_model(settings: Settings) -> TechniqueModel:
    """The techniques model `settings` name: their `model_dir`, or the shipped one."""
    folder = settings.techniques.model_dir
    return load_technique_model(Path(folder) if folder else MODEL_DIR, settings.threads)


def label_spans(
    model: TechniqueModel,
    text: str,
    sentences: Sequence[Span],
    names: Sequence[tuple[int, int, str]],
    spans: Sequence[tuple[int, int]],
) -> list[Technique]:
    """`classify_spans` for a text already parsed into sentences and names."""
    encoded = encode_text(model.encoder, text, [(s.start, s.end) for s in sentences], names)
    probabilities = model.technique_probabilities(encoded, [encoded.mask.to_masked(start, end) for start, end in spans])
    choices = choose_techniques(spans, probabilities)
    return [
        Technique(
            start,
            end,
            text[start:end],
            technique=TECHNIQUES[choice],
            score=round(float(row[choice]), 4),
            why=_technique_reason(row),
        )
        for (start, end), row, choice in zip(spans, probabilities, choices, strict=True)
    ]


def _is_content(word: str) -> bool:
    """Whether a word can be a cue: not punctuation, not a function word, not a masked name."""
    return word != PLACEHOLDER and any(character.isalnum() for character in word) and word.lower() not in STOP_WORDS


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _cue_reason(cues: Sequence[Span], p_span: float) -> str:
    words = ", ".join(f"“{cue.text}”" for cue in cues)
    return f"cue words {words} (span probability {p_span:.2f})" if cues else f"span probability {p_span:.2f}"


def _technique_reason(probabilities: np.ndarray) -> str:
    first, second = np.argsort(-probabilities)[:2]
    return (
        f"{TECHNIQUES[first]} {probabilities[first]:.2f}, "
        f"next {TECHNIQUES[second]} {probabilities[second]:.2f}"
    )


def _patterns(encoded: EncodedText, start: int, end: int) -> list[str]:
    """The lexical patterns of the span that the classifier reads, in words."""
    text = encoded.text
    feature = dict(zip(LEXICAL_FEATURES, lexical_features(text, text.lower(), start, end, encoded.sentences), strict=True))
    repeats = int(round(np.expm1(feature["log repeats in article"])))
    patterns = [
        (repeats > 1, f"repeated {repeats} times in the article"),
        (feature["in quotation marks"] > 0, "in quotation marks"),
        (feature["share of capitals"] > 0.6 and end - start > 3, "in capitals"),
        (feature["contains !"] > 0, "exclamation"),
        (feature["sentence has ?"] > 0, "in a question"),
        (feature["share of its sentence"] > 0.9, "the whole sentence"),
    ]
    return [words for present, words in patterns if present]
