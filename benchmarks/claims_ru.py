"""Benchmark Russian check-worthiness and claim kinds on the team's Russian set (report-only).

benchmarks/data/claims-ru/claims.jsonl holds Russian sentences labelled by the team
(``checkworthy``, ``kind``). Nothing was trained or tuned on it: the multilingual model's
weights, calibration and threshold come from English ClaimBuster sentences
(`spinscope.training.claims_multilingual`), and the Russian kind cues were written before the
set was read. Prints, in one run, precision/recall/F1 of the check-worthy class at the shipped
threshold and average precision (threshold-free) for:

- spinscope: the multilingual model (multilingual-e5-small + a regression trained on English);
- English model, untranslated: the shipped English claims model run on the Russian text as it
  is (what spinscope would do with no Russian path);
- all check-worthy: the majority class of the set (recall 1).

and the accuracy of the claim kinds: Russian cue lists (`claim_kind_ru`) beside the English
cue lists run on the Russian text and beside the most common kind.

    python benchmarks/claims_ru.py
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "claims-ru" / "claims.jsonl"


def main() -> None:
    from spinscope.models.claims import embed_sentences, load_claim_model
    from spinscope.models.claims_multilingual import claim_kind_ru, load_multilingual_claim_model
    from spinscope.stages.claims import claim_kind

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [row["text"] for row in rows]
    gold = np.array([bool(row["checkworthy"]) for row in rows])
    print(f"{len(rows)} Russian sentences, {int(gold.sum())} check-worthy ({gold.mean():.0%})")

    multilingual = load_multilingual_claim_model()
    english = load_claim_model()
    systems = {
        "spinscope (multilingual, trained on English)": (multilingual.score(texts), multilingual.threshold),
        "English model, untranslated": (english.score(texts, embed_sentences(texts)), english.threshold),
        "all check-worthy (majority)": (np.ones(len(texts)), 0.5),
    }
    print("\n| system | threshold | precision | recall | F1 | average precision |")
    print("|---|---|---|---|---|---|")
    for name, (scores, threshold) in systems.items():
        p, r, f1 = _prf(gold, scores >= threshold)
        print(f"| {name} | {threshold:.4f} | {p:.3f} | {r:.3f} | {f1:.3f} | {_average_precision(gold, scores):.3f} |")

    kinds = [row["kind"] for row in rows]
    common = Counter(kinds).most_common(1)[0][0]
    guesses = {
        "Russian cues (claim_kind_ru)": [claim_kind_ru(text) for text in texts],
        "English cues on the Russian text": [claim_kind(text) for text in texts],
        f"most common kind ({common})": [common] * len(texts),
    }
    print("\n| kinds | accuracy |")
    print("|---|---|")
    for name, predicted in guesses.items():
        print(f"| {name} | {np.mean([p == k for p, k in zip(predicted, kinds, strict=True)]):.3f} |")
    russian = guesses["Russian cues (claim_kind_ru)"]
    right = Counter(kind for kind, guess in zip(kinds, russian, strict=True) if kind == guess)
    print(
        "\nRussian cues by gold kind (right/gold):",
        ", ".join(f"{kind} {right[kind]}/{count}" for kind, count in sorted(Counter(kinds).items())),
    )


def _prf(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    right = int((gold & predicted).sum())
    p = right / int(predicted.sum()) if predicted.any() else 0.0
    r = right / int(gold.sum()) if gold.any() else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _average_precision(gold: np.ndarray, scores: np.ndarray) -> float:
    """Mean precision at each check-worthy sentence, sentences ranked by score (ties in file order)."""
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(gold[order])
    return float(np.sum((hits / np.arange(1, len(order) + 1))[gold[order]]) / max(int(gold.sum()), 1))


if __name__ == "__main__":
    main()
