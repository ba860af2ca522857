"""The `techniques` layer: spans that use a persuasion technique, named, scored and explained.

The model reads the text with its names masked (`spinscope.models.names`), so the same rules
apply to every side: swapping two sides' names leaves spans, techniques and scores unchanged.
Every technique span carries its evidence: the cue words the detector scored highest and a
`why` sentence naming them and the lexical patterns behind the technique.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.document import Document, Entity, Span, Technique
from spinscope.language import DEFAULT_LANGUAGE, language_of
from spinscope.models.encoder import ENCODER_DIR
from spinscope.models.names import PLACEHOLDER
from spinscope.models.paragraphs import find_paragraph_techniques, load_paragraph_model
from spinscope.models.patterns import Match
from spinscope.models.techniques import (
    LEXICAL_FEATURES,
    MODEL_DIR,
    MPNET_MODEL_DIR,
    TECHNIQUES,
    Candidate,
    Detection,
    EncodedText,
    TechniqueModel,
    WordCounts,
    as_whole_words,
    choose_techniques,
    encode_masked,
    encode_text,
    lexical_features,
    load_technique_model,
)
from spinscope.settings import Settings
from spinscope.stages.base import Stage, StageResult

__all__ = ["TechniqueStage", "find_techniques", "label_spans", "load_model", "names_of"]

_CUES = 2
_MAX_EVIDENCE = 5


class TechniqueStage(Stage):
    """Finds persuasion-technique spans with the trained techniques model."""

    name = "techniques"
    requires = ("sentences", "entities", "encodings")
    produces = ("techniques",)
    languages = frozenset({"en", "ru"})  # Russian: the SemEval-2023 paragraph model (below)

    def __init__(self, settings: Settings) -> None:
        self.model = load_model(settings)
        self.min_score = settings.techniques.min_score
        self.operating_point = settings.techniques.operating_point
        self.version = (
            f"3 (model {self.model.meta.get('version', 'unversioned')}; "
            "the SemEval-2023 paragraph models for Russian and for the 2023 inventory)"
        )
        self.inventory = settings.techniques.inventory
        self.paragraph_model_dir = settings.techniques.paragraph_model_dir

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Find the technique spans of one document, from its sentences as `encodings` encoded them."""
        # --- The SemEval-2023 inventory (spinscope.models.paragraphs): one span per paragraph and
        # technique. Russian always; English when `TechniqueSettings.inventory` is "2023". ---
        language = language_of(document)
        if language != DEFAULT_LANGUAGE or self.inventory == "2023":
            folder = Path(self.paragraph_model_dir) if self.paragraph_model_dir else None
            found = find_paragraph_techniques(
                load_paragraph_model(language, folder),
                document.text,
                names_of(document.layers["entities"]),
                language=language,
                operating_point=self.operating_point,
            )
            return StageResult(layers={"techniques": [item for item in found if item.score >= self.min_score]})
        # --- The SemEval-2020 span model (English, by default). ---
        encoded = inputs["encodings"]
        if self.model.encoder.folder != ENCODER_DIR:  # a model with its own encoder reads its own vectors
            encoded = encode_masked(self.model.encoder, encoded.mask, encoded.sentences)
        found = find_techniques(self.model, document.text, encoded, operating_point=self.operating_point)
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
    model: TechniqueModel,
    text: str,
    encoded: EncodedText,
    *,
    operating_point: float | None = None,
) -> list[Technique]:
    """Detect technique spans in `text` and name each one's technique, in text order.

    Args:
        model: The techniques model.
        text: The document's text.
        encoded: Its sentences, names masked, as `encode_text` encodes them with the model's
            encoder (the `encodings` artifact).
        operating_point: `shown` marks the spans scoring at least this (the model's own
            when None), which readers see by default. Every span is returned.
    """
    point = model.scoring.operating_point if operating_point is None else operating_point
    lowered = encoded.text.lower()  # once per text: repeats are counted on it for every span
    counts = WordCounts.of(lowered)
    found = []
    for detection in model.detect(encoded):
        span = _span(text, *encoded.mask.to_original(detection.start, detection.end))
        if detection.match is not None:
            evidence = tuple(_span(text, *encoded.mask.to_original(*place)) for place in detection.match.evidence)
            cues: tuple[Span, ...] = ()
            why = _pattern_reason(detection, detection.match, evidence)
        else:
            # Not a pattern's span, so the detector's: it has a candidate and the classifier's probabilities.
            candidate, probabilities = detection.candidate, detection.probabilities
            assert candidate is not None and probabilities is not None
            evidence = _other_uses(text, encoded, lowered, detection.start, detection.end)
            cues = _cues(text, encoded, candidate)
            why = "; ".join(
                [
                    _cue_reason(cues, detection.span_probability),
                    _technique_reason(probabilities),
                    *_patterns(encoded, lowered, counts, detection.start, detection.end),
                ]
            )
        score = round(detection.score, 4)
        found.append(
            Technique(
                span.start,
                span.end,
                span.text,
                technique=detection.technique,
                score=score,
                why=why,
                cues=cues,
                evidence=evidence,
                shown=score >= point,
            )
        )
    return found


def _cues(text: str, encoded: EncodedText, candidate: Candidate) -> tuple[Span, ...]:
    """The detected span's content words that the detector scored highest, in text order."""
    words = sorted(
        (word for word in candidate.word_scores if _is_content(encoded.text[word[0] : word[1]])),
        key=lambda word: -word[2],
    )[:_CUES]
    return tuple(_span(text, *encoded.mask.to_original(start, end)) for start, end, _ in sorted(words))


def _other_uses(text: str, encoded: EncodedText, lowered: str, start: int, end: int) -> tuple[Span, ...]:
    """The other places where the article uses the words of a span as whole words (masked text, any
    case), five at most: "nut" is not found inside "peanut"."""
    key = lowered[start:end].strip()
    whole = as_whole_words(key)
    if len(key) < 3 or whole is None:
        return ()
    places: list[Span] = []
    for found in whole.finditer(lowered):
        if len(places) == _MAX_EVIDENCE:
            break
        if not start <= found.start() < end:
            places.append(_span(text, *encoded.mask.to_original(found.start(), found.end())))
    return tuple(places)


def _pattern_reason(detection: Detection, match: Match, evidence: Sequence[Span]) -> str:
    """Why a pattern span was reported: the move, the pattern's measured precision, the other places."""
    reason = (
        f"{detection.technique} by the pattern {match.pattern}: {match.reason}; "
        f"such matches were right {detection.score:.0%} of the time in training"
    )
    if evidence:
        places = ", ".join(f"characters {item.start}–{item.end}" for item in evidence)
        reason += f"; also at {places}"
    return reason


def load_model(settings: Settings) -> TechniqueModel:
    """The techniques model `settings` name: their `model_dir`, or the shipped one they choose."""
    folder = settings.techniques.model_dir
    shipped = MPNET_MODEL_DIR if settings.techniques.model == "mpnet" else MODEL_DIR
    return load_technique_model(Path(folder) if folder else shipped, settings.threads)


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
    from spacy.lang.en.stop_words import STOP_WORDS  # here: importing spaCy is slow, and the stage runs after it

    return word != PLACEHOLDER and any(character.isalnum() for character in word) and word.lower() not in STOP_WORDS


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _cue_reason(cues: Sequence[Span], p_span: float) -> str:
    words = ", ".join(f"“{cue.text}”" for cue in cues)
    return f"cue words {words} (span probability {p_span:.2f})" if cues else f"span probability {p_span:.2f}"


def _technique_reason(probabilities: np.ndarray) -> str:
    first, second = np.argsort(-probabilities)[:2]
    return f"{TECHNIQUES[first]} {probabilities[first]:.2f}, next {TECHNIQUES[second]} {probabilities[second]:.2f}"


def _patterns(encoded: EncodedText, lowered: str, counts: WordCounts, start: int, end: int) -> list[str]:
    """The lexical patterns of the span that the classifier reads, in words."""
    values = lexical_features(encoded.text, lowered, counts, start, end, encoded.sentences)
    feature = dict(zip(LEXICAL_FEATURES, values, strict=True))
    uses = int(round(np.expm1(feature["log uses as whole words"])))
    patterns = [
        (uses > 1, f"used {uses} times in the article"),
        (feature["in quotation marks"] > 0, "in quotation marks"),
        (feature["share of capitals"] > 0.6 and end - start > 3, "in capitals"),
        (feature["contains !"] > 0, "exclamation"),
        (feature["sentence has ?"] > 0, "in a question"),
        (feature["share of its sentence"] > 0.9, "the whole sentence"),
    ]
    return [words for present, words in patterns if present]
