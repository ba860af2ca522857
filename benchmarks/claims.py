"""Benchmark the claims model: CLEF-2019 Task 1 test and ClaimBuster groundtruth, beside a TF-IDF baseline; speed.

Accuracy: the shipped model scores the 7 CLEF-2019 CheckThat! Task 1 test debates (MAP and
P@5/10/20, per debate and their mean, as the lab's scorer computes them) and ClaimBuster's
groundtruth.csv (precision, recall and F1 of the check-worthy class, CFS, at the model's
threshold). Beside it, in the same run, the TF-IDF word 1-2 gram + logistic regression
baseline (balanced classes, threshold 0.5) is trained on the same training data as the model
(`spinscope.eval.claims.load_training`: the test debates, groundtruth and their repeats left
out) and scored on the same sets. Nothing else is trained here.

Speed: the claims stage alone on the PTC training articles, after the earlier stages ran
(the sentence encoding too: the `encodings` stage's cost is counted with the techniques stage,
`benchmarks/techniques.py`), in a fresh subprocess so that its model load time and peak memory
are its own.

Run it from the repository root (about 5 minutes on 2 cores):

    python benchmarks/claims.py

``--only speed`` or ``--only accuracy`` runs one half; ``--limit 40`` speeds up the speed half.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

from speed_worker import peak_memory_mb, reset_peak_memory, run_speed_worker

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TARGETS = {"CLEF MAP": 0.17, "sentences/s": 50.0}
LAB_BEST_MAP = 0.166  # the best primary run of CLEF-2019 CheckThat! Task 1 (Copenhagen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=None, help="time only the first N PTC articles")
    parser.add_argument("--only", choices=("accuracy", "speed"), help="run one half of the benchmark")
    parser.add_argument("--speed-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speed_worker:
        _speed_worker(args.speed_worker)
        return
    if args.only != "speed":
        _accuracy(args.data)
    if args.only != "accuracy":
        _speed(args.data, args.limit)


def _accuracy(data: Path) -> None:
    from spinscope.eval.claims import evaluate_claims, load_test_sets, load_training, score_class, score_rankings
    from spinscope.models.tfidf import fit_tfidf_baseline

    started = time.perf_counter()
    result = evaluate_claims(data)
    print(f"(shipped model scored in {time.perf_counter() - started:.0f} s)")

    training = load_training(data)
    texts = [s.text for debate in training for s in debate.sentences]
    labels = [s.checkworthy for debate in training for s in debate.sentences]
    baseline = fit_tfidf_baseline(texts, labels)
    clef, groundtruth = load_test_sets(data)
    base_ranking = score_rankings(
        clef, [list(baseline.predict_proba([s.text for s in debate.sentences])[:, 1]) for debate in clef]
    )
    gold = [s.checkworthy for debate in groundtruth for s in debate.sentences]
    base_scores = baseline.predict_proba([s.text for d in groundtruth for s in d.sentences])[:, 1]
    base_class = score_class(gold, list(base_scores), 0.5)
    print(f"training data: {len(training)} debates, {len(texts):,} sentences, {sum(labels):,} check-worthy\n")

    print(f"CLEF-2019 CheckThat! Task 1 test: {result.debates} debates, {result.sentences:,} sentences")
    print("| debate | spinscope AP | P@5 | P@10 | P@20 | TF-IDF+LR AP | P@5 | P@10 | P@20 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (ap, precision) in result.clef.per_debate.items():
        base_ap, base_precision = base_ranking.per_debate[name]
        print(
            f"| {name} | {ap:.4f} | "
            + " | ".join(f"{v:.2f}" for v in precision.values())
            + f" | {base_ap:.4f} | "
            + " | ".join(f"{v:.2f}" for v in base_precision.values())
            + " |"
        )
    print(
        f"| **mean** | **{result.clef.map:.4f}** | "
        + " | ".join(f"{v:.3f}" for v in result.clef.precision_at.values())
        + f" | **{base_ranking.map:.4f}** | "
        + " | ".join(f"{v:.3f}" for v in base_ranking.precision_at.values())
        + " |"
    )
    print(f"\ntarget MAP ≥ {TARGETS['CLEF MAP']:.2f}; the lab's best primary run: {LAB_BEST_MAP:.3f}\n")

    spin = result.claimbuster
    print(f"ClaimBuster groundtruth: {spin.gold} check-worthy (CFS) of {len(gold):,} sentences")
    print("| measure | spinscope | TF-IDF+LR |")
    print("|---|---:|---:|")
    print(f"| threshold | {spin.threshold:.4f} | 0.5 |")
    print(f"| precision | {spin.precision:.4f} | {base_class.precision:.4f} |")
    print(f"| recall | {spin.recall:.4f} | {base_class.recall:.4f} |")
    print(f"| F1 | {spin.f1:.4f} | {base_class.f1:.4f} |\n")


def _speed(data: Path, limit: int | None) -> None:
    from spinscope import Settings
    from spinscope.document import Document, Metadata, Source
    from spinscope.eval.ptc import load_ptc
    from spinscope.pipeline import build_pipeline

    corpus = data / "ptc-semeval2020-task11"
    articles = load_ptc(corpus / "train-articles", corpus / "train-task2-TC.labels")[:limit]
    pipeline = build_pipeline(Settings(stages=("quotes", "timexes")))
    documents = (Document(a.text, source=Source("text", a.id), metadata=Metadata()) for a in articles)
    parsed = [
        {name: document.layers[name] for name in ("sentences", "quotes", "entities", "timexes")}
        | {"text": document.text}
        for document in pipeline.run(documents)
    ]
    result = run_speed_worker(__file__, parsed)
    words = sum(len(item["text"].split()) for item in parsed)
    print(f"claims stage alone (earlier stages done beforehand), one process, {len(parsed)} PTC training articles:")
    print("| measure | spinscope | target |")
    print("|---|---:|---:|")
    print(f"| model load s | {result['load_seconds']:.2f} | |")
    print(f"| articles/s ({words / len(parsed):.0f} words mean) | {len(parsed) / result['seconds']:.2f} | |")
    print(
        f"| sentences and quotes scored /s | {result['claims'] / result['seconds']:.0f} "
        f"| ≥ {TARGETS['sentences/s']:.0f} |"
    )
    print(f"| claims (check-worthy) | {result['claims']:,} ({result['checkworthy']:,}) | |")
    print(f"| peak RSS MB | {result['max_rss_mb']:.0f} | |")


def _speed_worker(path: Path) -> None:
    reset_peak_memory()
    parsed = pickle.loads(path.read_bytes())
    started = time.perf_counter()
    from spinscope.models.claims import load_claim_model
    from spinscope.models.encoder import load_encoder
    from spinscope.models.techniques import encode_text
    from spinscope.stages.claims import find_claims
    from spinscope.stages.techniques import names_of

    model = load_claim_model()
    load_seconds = time.perf_counter() - started
    # The `encodings` stage's work, shared with the techniques stage, is done before the clock.
    encoder = load_encoder()
    encodings = [
        encode_text(encoder, item["text"], [(s.start, s.end) for s in item["sentences"]], names_of(item["entities"]))
        for item in parsed
    ]
    started = time.perf_counter()
    claims = checkworthy = 0
    for item, encoded in zip(parsed, encodings, strict=True):
        found = find_claims(
            model, item["text"], item["sentences"], item["quotes"], item["entities"], item["timexes"], encoded=encoded
        )
        claims += len(found)
        checkworthy += sum(claim.checkworthy for claim in found)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "load_seconds": load_seconds,
                "seconds": seconds,
                "claims": claims,
                "checkworthy": checkworthy,
                "max_rss_mb": peak_memory_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
