"""The `claims` layer: every sentence and every quote's content, scored for check-worthiness.

Each claim carries the model's `score` (0 to 1, `spinscope.models.claims`, reading the
sentence vectors of the `encodings` stage, names masked), `checkworthy`
(the score reaches the model's threshold, chosen on cross-validated F1), a rule-based `kind`,
and links to what it states: the ids of the entities named in it, the numbers in it (spans,
leaving out those inside a date or time) and the indexes of the timexes in it.

`kind` is the first of these whose cues the claim has:

- ``causal``: because, due to, led to, caused, as a result, thanks to, so that;
- ``prediction``: will, won't, going to, expected to, is set to, forecast;
- ``quantity``: a number that is not a date, a percentage, money, a count word (million, half);
- ``comparison``: a comparative or superlative (more, fewer, than, largest, record, -est);
- ``attribution``: a sentence that reports what someone said (it holds a quote's cue);
- ``opinion``: first-person belief (I think, we believe), should/must, or evaluative words;
- ``event``: anything else, a statement of what happened or is.

A claim that is a quote's content is never ``attribution`` itself: its kind is what it says.

Russian texts (the `encodings` artifact is None for them) are scored by the multilingual model
(`spinscope.models.claims_multilingual`: multilingual-e5-small embeddings, a regression trained
on English, its own threshold), with Russian kind cues (`claim_kind_ru`, the same kinds in the
same order) and Russian numbers (`spinscope.numbers.find_numbers_ru`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from spinscope.document import Claim, Document, Entity, Quote, Span, Timex
from spinscope.models.claims import MODEL_DIR, ClaimModel, load_claim_model
from spinscope.models.claims_multilingual import MultilingualClaimModel, claim_kind_ru, load_multilingual_claim_model
from spinscope.models.techniques import EncodedText
from spinscope.numbers import find_numbers, find_numbers_ru
from spinscope.settings import Settings
from spinscope.stages.base import Stage, StageResult

__all__ = ["KINDS", "ClaimStage", "claim_kind", "find_claims"]

KINDS = ("causal", "prediction", "quantity", "comparison", "attribution", "opinion", "event")

_CAUSAL = re.compile(
    r"\b(?:because|due to|owing to|led to|leads? to|lead to|caused?|causes|causing|as a result|resulted in"
    r"|results in|thanks to|so that|therefore|consequently|blamed? (?:\w+ )?(?:for|on))\b",
    re.IGNORECASE,
)
_PREDICTION = re.compile(
    r"\b(?:will|won['’]t|shall|going to|gonna|(?:is|are) (?:set|expected|likely|poised|projected) to|forecasts?"
    r"|predicts?|next (?:year|month|week|decade))\b|\w['’]ll\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"%|[$€£¥]|\b(?:per ?cent|percent|percentage|million|billion|trillion|thousands?|hundreds?|dozens?|half|"
    r"quarter|twice|doubled?|tripled?|majority|minority)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|most|least|than|higher|lower|larger|smaller|bigger|greater|better|worse|highest|lowest"
    r"|largest|smallest|biggest|greatest|best|worst|record|compared|unprecedented|\w{3,}est)\b",
    re.IGNORECASE,
)
# Words ending in -est that are not superlatives.
_NOT_SUPERLATIVE = frozenset(
    "interest arrest protest request suggest forest honest modest west test invest rest".split()
)
_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:\w+\s+)?(?:think|believe|feel|hope|guess|suppose|doubt)\b|\bin my (?:view|opinion)\b"
    r"|\b(?:should|must|ought to)\b|\b(?:great|wonderful|terrible|horrible|awful|amazing|beautiful|disgraceful"
    r"|shameful|ridiculous|outrageous|disaster|disastrous|tremendous|incredible|fantastic|pathetic|wrong|unfair"
    r"|corrupt|stupid|brilliant|heroic|evil|crazy)\b",
    re.IGNORECASE,
)


class ClaimStage(Stage):
    """Scores every sentence and quote for check-worthiness and says what kind of claim it is."""

    name = "claims"
    requires = ("sentences", "entities", "quotes", "timexes", "encodings")
    produces = ("claims",)
    languages = frozenset({"en", "ru"})  # Russian: spinscope.models.claims_multilingual

    def __init__(self, settings: Settings) -> None:
        folder = settings.claims.model_dir
        self.model = load_claim_model(Path(folder) if folder else MODEL_DIR)
        self.multilingual = load_multilingual_claim_model()
        self.version = (
            f"3 (model {self.model.meta.get('version', 'unversioned')}; "
            f"other languages {self.multilingual.meta.get('version', 'unversioned')})"
        )

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Score the sentences and quotes of one document."""
        layers = document.layers
        claims = find_claims(
            self.model,
            document.text,
            layers["sentences"],
            layers["quotes"],
            layers["entities"],
            layers["timexes"],
            encoded=inputs["encodings"],
            multilingual=self.multilingual,
        )
        return StageResult(layers={"claims": claims})


def find_claims(
    model: ClaimModel,
    text: str,
    sentences: Sequence[Span],
    quotes: Sequence[Quote],
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    *,
    encoded: EncodedText | None,
    multilingual: MultilingualClaimModel | None = None,
) -> list[Claim]:
    """One claim per sentence, then one per quote content, in text order (a quote after its sentence).

    The model reads each sentence's and quote's vector from `encoded` (the `encodings`
    artifact: the text's sentences encoded once, names masked); a text with no `encoded`
    (Russian) is scored by `multilingual` instead, with Russian kinds and numbers.

    A statement is claimed once: a quote whose content is exactly a sentence is scored as that
    sentence; so is the content of "according to": its sentence states the content as its own
    main clause and only adds the source ("X, according to figures published by the
    ministry."); and a sentence or
    quote that says word for word what an earlier one said (a repeated slogan, a quote whose
    content is a whole sentence in its marks) is left out.
    """
    seen: set[str] = set()
    sentences = [sentence for sentence in sentences if _first_time(sentence.text, seen)]
    sentence_bounds = {(sentence.start, sentence.end) for sentence in sentences}
    passages = [
        quote
        for quote in quotes
        if (quote.start, quote.end) not in sentence_bounds
        and quote.text.strip()
        and not _restates(quote, sentences)
        and _first_time(quote.text, seen)
    ]
    starts = [sentence.start for sentence in sentences]
    homes = [max(0, bisect.bisect_right(starts, quote.start) - 1) for quote in passages]
    if encoded is None:
        multilingual = multilingual or load_multilingual_claim_model()
        scores = multilingual.score([span.text for span in (*sentences, *passages)])
        threshold, kind_of, numbers_of = multilingual.threshold, claim_kind_ru, find_numbers_ru
    else:
        scores = model.score(
            [sentence.text for sentence in sentences],
            encoded.pool([(sentence.start, sentence.end) for sentence in sentences]),
            passages=[(quote.text, home) for quote, home in zip(passages, homes, strict=True)],
            passage_vectors=encoded.pool([(quote.start, quote.end) for quote in passages]),
        )
        threshold, kind_of, numbers_of = model.threshold, claim_kind, find_numbers
    cues = [quote.cue for quote in quotes if quote.cue is not None]
    mentions = [(mention.start, mention.end, entity.id) for entity in entities for mention in entity.mentions]
    items: list[tuple[Span, bool]] = [
        *((sentence, False) for sentence in sentences),
        *((quote, True) for quote in passages),
    ]
    claims = []
    for (span, is_quote), score in zip(items, scores, strict=True):
        reports = not is_quote and any(span.start <= cue.start < span.end for cue in cues)
        inside_timexes = [
            index for index, timex in enumerate(timexes) if span.start <= timex.start and timex.end <= span.end
        ]
        claims.append(
            Claim(
                span.start,
                span.end,
                span.text,
                score=round(float(score), 4),
                checkworthy=bool(score >= threshold),
                kind=kind_of(span.text, reports_speech=reports),
                entities=tuple(
                    dict.fromkeys(
                        id_ for start, end, id_ in sorted(mentions) if span.start <= start and end <= span.end
                    )
                ),
                numbers=tuple(numbers_of(text, span.start, span.end, [timexes[i] for i in inside_timexes])),
                timexes=tuple(inside_timexes),
            )
        )
    claims.sort(key=lambda claim: (claim.start, -claim.end))
    return claims


def _restates(quote: Quote, sentences: Sequence[Span]) -> bool:
    """Whether `quote` is the main clause of an "according to" sentence, which already claims it
    (a quote with a verb of saying is claimed apart: "X said" is an attribution, its content is
    what X said)."""
    cue = quote.cue
    if cue is None or not cue.text.lower().startswith("according"):
        return False
    return any(
        sentence.start <= quote.start and quote.end <= sentence.end and sentence.start <= cue.start < sentence.end
        for sentence in sentences
    )


def _first_time(text: str, seen: set[str]) -> bool:
    """Whether `text` says what no text in `seen` said (ignoring case, spacing, quotation marks
    and end punctuation); it joins `seen` either way."""
    key = " ".join(re.sub(r"[“”\"«»‘’'.,;:!?…]+", " ", text).casefold().split())
    if not key or key in seen:
        return False
    seen.add(key)
    return True


def claim_kind(text: str, *, reports_speech: bool = False) -> str:
    """The kind of claim `text` makes, by the first matching cue of the module's list."""
    if _CAUSAL.search(text):
        return "causal"
    if _PREDICTION.search(text):
        return "prediction"
    if _QUANTITY.search(text) or _has_count(text):
        return "quantity"
    if any(match.group(0).lower() not in _NOT_SUPERLATIVE for match in _COMPARISON.finditer(text)):
        return "comparison"
    if reports_speech:
        return "attribution"
    if _OPINION.search(text):
        return "opinion"
    return "event"


def _has_count(text: str) -> bool:
    """Whether the text has a number that is not just a year (a year alone dates an event)."""
    return any(not re.fullmatch(r"(?:1[89]|20)\d\d", match.group(0)) for match in re.finditer(r"\d+(?:[.,]\d+)*", text))
