"""Check-worthiness in languages without training data (Russian first): a linear model over
multilingual sentence embeddings, trained on English.

No Russian check-worthiness data is shipped, so the model transfers across languages: one
logistic regression over the multilingual-e5-small embedding of a sentence
(`spinscope.models.multilingual`, e5's ``query:`` prefix) and a few `CUE_FEATURES` that read
the same in any script (digits, percent signs, question and exclamation marks, length),
fitted on English ClaimBuster sentences. e5 was trained to place translations close together,
so a Russian sentence lands near the English sentences that say the same thing, and the
regression's direction carries over. Language-specific cues (English opinion words, the
TF-IDF of English words) are left out: they would not fire on another language.

As in `spinscope.models.claims`, the logit goes through a logistic calibration fitted on
cross-validated ClaimBuster predictions, so `score` estimates how often ClaimBuster's annotators
would call such a sentence a check-worthy factual claim, and `threshold` is the score of best
cross-validated F1 on that English data (never on Russian data, which only reports).

Russian claim kinds come from Russian cue lists here (`claim_kind_ru`), in the order and with
the meanings of the English `spinscope.stages.claims.claim_kind`.

Invariants: `score` returns one value in (0, 1) per text, in order; the weights are plain
arrays (``weights.npz``, ``model.json``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.errors import ModelNotFoundError

__all__ = [
    "CUE_FEATURES",
    "MODEL_DIR",
    "MultilingualClaimModel",
    "claim_kind_ru",
    "cue_features",
    "load_multilingual_claim_model",
]

MODEL_DIR = Path(__file__).parent / "weights" / "claims_multilingual"
WEIGHTS_FILE = "weights.npz"
META_FILE = "model.json"

CUE_FEATURES = (
    "has a digit",
    "log digit runs",
    "percent sign",
    "currency sign",
    "question mark",
    "exclamation mark",
    "log words",
    "under six words",
    "over 25 words",
)


def cue_features(text: str) -> list[float]:
    """The script-neutral `CUE_FEATURES` of a sentence, in that order."""
    words = len(text.split())
    return [
        float(bool(re.search(r"\d", text))),
        float(np.log1p(len(re.findall(r"\d+", text)))),
        float("%" in text),
        float(bool(re.search(r"[$€£¥₽]", text))),
        float("?" in text),
        float("!" in text),
        float(np.log1p(words)),
        float(words < 6),
        float(words > 25),
    ]


@dataclass(frozen=True)
class MultilingualClaimModel:
    """The regression over embeddings and cues, its calibration and threshold."""

    mean: np.ndarray  # of the features, subtracted before the weights
    weights: np.ndarray  # already divided by the features' scale
    bias: float
    calibration: tuple[float, float]
    threshold: float
    meta: dict

    def features(self, texts: Sequence[str], *, threads: int | None = None) -> np.ndarray:
        """The embedding and cue features of each text (one row each)."""
        from spinscope.models.multilingual import load_multilingual

        vectors = load_multilingual(threads).embed(list(texts), kind="query")
        cues = np.array([cue_features(text) for text in texts], np.float32).reshape(len(texts), len(CUE_FEATURES))
        return np.hstack([vectors, cues]).astype(np.float64)

    def score_features(self, features: np.ndarray) -> np.ndarray:
        """Calibrated check-worthiness of rows of `features`."""
        logits = (features - self.mean) @ self.weights + self.bias
        slope, intercept = self.calibration
        return 1.0 / (1.0 + np.exp(-(slope * logits + intercept)))

    def score(self, texts: Sequence[str], *, threads: int | None = None) -> np.ndarray:
        """Check-worthiness from 0 to 1 of each text, in order."""
        if not texts:
            return np.zeros(0, np.float64)
        return self.score_features(self.features(texts, threads=threads))

    def save(self, folder: Path) -> None:
        """Write ``weights.npz`` and ``model.json`` into `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            folder / WEIGHTS_FILE, mean=self.mean.astype(np.float32), weights=self.weights.astype(np.float32)
        )
        meta = {
            **self.meta,
            "bias": self.bias,
            "calibration": list(self.calibration),
            "threshold": self.threshold,
            "cue_features": list(CUE_FEATURES),
        }
        (folder / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> MultilingualClaimModel:
        """Read a model folder written by `save`.

        Raises:
            ModelNotFoundError: A model file is missing or was written for other cue features.
        """
        paths = [folder / WEIGHTS_FILE, folder / META_FILE]
        for path in paths:
            if not path.is_file():
                raise ModelNotFoundError(
                    f"model file {path} is missing: reinstall spinscope, or rebuild it with "
                    "`spinscope train claims-multilingual`"
                )
        meta = json.loads(paths[1].read_text(encoding="utf-8"))
        if tuple(meta.get("cue_features", ())) != CUE_FEATURES:
            raise ModelNotFoundError(f"{paths[1]} lists other cue features than this spinscope computes: retrain it")
        with np.load(paths[0]) as stored:
            mean, weights = stored["mean"].astype(np.float64), stored["weights"].astype(np.float64)
        return cls(
            mean=mean,
            weights=weights,
            bias=float(meta["bias"]),
            calibration=(float(meta["calibration"][0]), float(meta["calibration"][1])),
            threshold=float(meta["threshold"]),
            meta=meta,
        )


@functools.lru_cache(maxsize=2)
def load_multilingual_claim_model(folder: Path = MODEL_DIR) -> MultilingualClaimModel:
    """The multilingual claims model in `folder` (the shipped one by default), loaded once per process."""
    return MultilingualClaimModel.load(folder)


# Russian cues for `claim_kind_ru`, one list per kind of the English stage. Stems end in \w*
# so that every case and gender form matches («привело», «привели», «приведёт»).
_CAUSAL_RU = re.compile(
    r"(?<!\w)(?:потому что|так как|поскольку|из-за|вследствие|в результате|по причине|благодаря|привел\w*|привёл"
    r"|приведет|приведёт|вызвал\w*|вызван\w*|стал\w* причиной|причиной|поэтому|следовательно)(?!\w)",
    re.IGNORECASE,
)
_PREDICTION_RU = re.compile(
    r"(?<!\w)(?:будет|будут|буд[уе]м|будешь|станет|станут|ожида\w*|прогноз\w*|планиру\w*|намерен\w*|собира\w*"
    r"|в следующем (?:году|месяце)|на следующей неделе|в ближайш\w+|вероятно|скорее всего)(?!\w)",
    re.IGNORECASE,
)
_QUANTITY_RU = re.compile(
    r"%|[$€£¥₽]|(?<!\w)(?:процент\w*|млн|млрд|трлн|тыс|миллион\w*|миллиард\w*|триллион\w*|тысяч\w*|сотн\w*|десятк\w*"
    r"|дюжин\w*|половин\w*|четверт\w*|вдвое|втрое|удвои\w*|утрои\w*|большинств\w*|меньшинств\w*)(?!\w)",
    re.IGNORECASE,
)
_COMPARISON_RU = re.compile(
    r"(?<!\w)(?:больше|меньше|более|менее|выше|ниже|лучше|хуже|чем|сильнее|слабее|дороже|дешевле|рекорд\w*"
    r"|по сравнению|наибол\w+|наимен\w+|сам(?:ый|ая|ое|ые|ого|ой|ом|ых|ым|ую)|крупнейш\w*|больш(?:ий|ая|ое|ие)"
    r"|\w{3,}(?:ейш|айш)(?:ий|ая|ее|ие|его|ей|ем|их|им|ую))(?!\w)",
    re.IGNORECASE,
)
_OPINION_RU = re.compile(
    r"(?<!\w)(?:(?:я|мы) (?:\w+ )?(?:думаю|думаем|считаю|считаем|верю|верим|полагаю|полагаем|надеюсь|надеемся)"
    r"|по-моему|на мой взгляд|по моему мнению|должн\w*|следует|необходимо|нужно|ужасн\w*|прекрасн\w*|позор\w*"
    r"|отвратительн\w*|замечательн\w*|чудовищн\w*|возмутительн\w*|нелеп\w*|катастроф\w*|преступн\w*|героич\w*"
    r"|несправедлив\w*|коррумпирован\w*|глуп\w*|блестящ\w*)(?!\w)",
    re.IGNORECASE,
)


def claim_kind_ru(text: str, *, reports_speech: bool = False) -> str:
    """The kind of claim a Russian `text` makes, by the first matching cue list (the English
    stage's order: causal, prediction, quantity, comparison, attribution, opinion, event)."""
    if _CAUSAL_RU.search(text):
        return "causal"
    if _PREDICTION_RU.search(text):
        return "prediction"
    if _QUANTITY_RU.search(text) or _has_count(text):
        return "quantity"
    if _COMPARISON_RU.search(text):
        return "comparison"
    if reports_speech:
        return "attribution"
    if _OPINION_RU.search(text):
        return "opinion"
    return "event"


def _has_count(text: str) -> bool:
    """Whether the text has a number that is not just a year (a year alone dates an event)."""
    return any(not re.fullmatch(r"(?:1[89]|20)\d\d", match.group(0)) for match in re.finditer(r"\d+(?:[.,]\d+)*", text))
