"""Benchmark the techniques model: honest SI and TC, per-technique F1, precision shown, calibration, speed.

Accuracy: k-fold cross-validation over the PTC training articles, exactly as
``spinscope train techniques`` runs it: folds split by story (articles whose TF-IDF cosine
reaches 0.5 stay together), and in each fold the decoding, the calibrations and the operating
point are chosen on a selection part of the training folds, never on the fold reported. SI is
scored on every span the model reports (detected and pattern spans), TC on the gold spans.
Beside each figure it prints the task's trivial floors on the same articles (every sentence a
span; every span Loaded_Language), the precision of the spans shown at the operating point,
and the reliability of the score (mean score against the share of spans that lie mostly inside
a gold span of their technique, by score tenth).

Speed: the techniques stage alone, on the same articles after spaCy has parsed them, in a
fresh subprocess so that its import and model load times and peak memory (max RSS) are its own.
Articles per second are also given normalised to 700-word articles (the issue's yardstick).

Run it from the repository root (about 20 minutes on 2 cores):

    python benchmarks/techniques.py

``--only speed`` or ``--only accuracy`` runs one half; ``--limit 40 --folds 2`` is a quick check;
``--only speed --techniques-model mpnet`` times the larger shipped model (its accuracy comes from
``benchmarks/techniques_encoder.py``, which cross-validates the same heads over its encoder);
``--cache FILE`` keeps the encoded articles in FILE and reuses them on the next run.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

from speed_worker import peak_memory_mb, reset_peak_memory, run_speed_worker

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020-task11"
TARGETS = {
    "SI F1": 0.46,
    "TC micro-F1": 0.62,
    "articles/s (700 words)": 2.0,
    "model load s": 3.0,
    "precision shown": 0.5,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the PTC folder")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", choices=("accuracy", "speed"), help="run one half of the benchmark")
    parser.add_argument("--cache", type=Path, help="keep the encoded articles in this file and reuse them")
    parser.add_argument(
        "--techniques-model",
        choices=("minilm", "mpnet"),
        default="minilm",
        help="the shipped model whose speed is measured (accuracy: see --help of techniques_encoder.py for mpnet)",
    )
    parser.add_argument("--speed-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speed_worker:
        _speed_worker(args.speed_worker)
        return

    from spinscope.eval.ptc import load_ptc

    articles = load_ptc(args.corpus / "train-articles", args.corpus / "train-task2-TC.labels")[: args.limit]
    if args.only != "accuracy":
        _speed(articles, args.techniques_model)
    if args.only != "speed":
        _accuracy(articles, args.folds, args.cache)


def _accuracy(articles, folds: int, cache: Path | None) -> None:
    from spinscope.training.techniques import TrainSettings, cross_validate, prepare_articles

    words = sum(len(article.text.split()) for article in articles)
    print(
        f"corpus: {len(articles)} PTC training articles, {words:,} words, "
        f"{sum(len(a.spans) for a in articles):,} labelled spans; {folds}-fold cross-validation by story"
    )
    started = time.perf_counter()
    if cache and cache.exists():
        prepared = pickle.loads(cache.read_bytes())
        if [item.article.id for item in prepared] != [article.id for article in articles]:
            raise SystemExit(f"{cache} holds other articles: delete it or pass another --cache")
    else:
        prepared = prepare_articles(articles)
        if cache:
            cache.write_bytes(pickle.dumps(prepared, protocol=5))
    validation = cross_validate(prepared, settings=TrainSettings(folds=folds))
    print(f"(prepared and cross-validated in {time.perf_counter() - started:.0f} s; {validation.stories} stories)\n")
    print_accuracy(validation, len(articles))


def print_accuracy(validation, articles: int) -> None:
    """The accuracy tables of a `CrossValidation` over `articles` articles, in Markdown."""
    shown = validation.shown
    print("| measure | spinscope (by story, settings chosen inside the training folds) | trivial floor | target |")
    print("|---|---:|---:|---:|")
    print(f"| SI precision | {validation.si.precision:.4f} | | |")
    print(f"| SI recall | {validation.si.recall:.4f} | | |")
    print(
        f"| SI F1 | {validation.si.f1:.4f} | {validation.floors['si_every_sentence']:.4f} (every sentence) "
        f"| ≥ {TARGETS['SI F1']:.2f} |"
    )
    print(
        f"| TC micro-F1 | {validation.tc.micro_f1:.4f} | "
        f"{validation.floors['tc_always_loaded_language']:.4f} (always Loaded_Language) "
        f"| ≥ {TARGETS['TC micro-F1']:.2f} |"
    )
    print(
        f"| precision of the spans shown (score ≥ operating point) | {shown.precision:.4f} | | "
        f"≥ {TARGETS['precision shown']:.1f} |"
    )
    print(f"| gold spans found by a shown span of their technique | {shown.recall:.4f} | | |")
    print(
        f"| spans reported / shown per article | {validation.si.predicted / articles:.1f} / "
        f"{shown.predicted / articles:.1f} | | |"
    )
    print("\noperating points chosen per fold: " + ", ".join(f"{point:.3f}" for point in validation.operating_points))
    print(
        "decoding chosen per fold: "
        + "; ".join(
            f"threshold {d.piece_threshold}, gap {d.gap_threshold:.3f}, min {d.min_chars} chars"
            for d in validation.decode
        )
    )

    print("\n| technique | spans | TC F1 |")
    print("|---|---:|---:|")
    by_support = sorted(validation.tc.per_technique.items(), key=lambda pair: -validation.tc.support.get(pair[0], 0))
    for technique, f1 in by_support:
        print(f"| {technique} | {validation.tc.support.get(technique, 0)} | {f1:.3f} |")

    print("\nscore reliability (every reported span, out of fold):")
    print("| mean score | share right (mostly inside a gold span of its technique) | spans |")
    print("|---:|---:|---:|")
    for mean, right, count in validation.reliability:
        print(f"| {mean:.3f} | {right:.3f} | {count} |")


def _speed(articles, model: str) -> None:
    from spinscope import Settings
    from spinscope.document import Document, Metadata, Source
    from spinscope.pipeline import build_pipeline
    from spinscope.stages.techniques import names_of

    pipeline = build_pipeline(Settings(stages=("entities",)))
    documents = (Document(a.text, source=Source("text", a.id), metadata=Metadata()) for a in articles)
    parsed = [
        (doc.text, [(s.start, s.end) for s in doc.layers["sentences"]], names_of(doc.layers["entities"]))
        for doc in pipeline.run(documents)
    ]
    result = run_speed_worker(__file__, (model, parsed))
    words = sum(len(text.split()) for text, _, _ in parsed)
    per_second = len(parsed) / result["seconds"]
    normalised = words / result["seconds"] / 700
    print(f"techniques stage alone, model {model} (spaCy parse done beforehand), one process, 2 cores:")
    print("| measure | spinscope | target |")
    print("|---|---:|---:|")
    print(
        f"| import spinscope s (spaCy's thinc also imports torch where it is installed) "
        f"| {result['import_seconds']:.2f} | |"
    )
    print(f"| model load s | {result['load_seconds']:.2f} | < {TARGETS['model load s']:.0f} |")
    print(f"| articles/s (as they come, {words / len(parsed):.0f} words mean) | {per_second:.2f} | |")
    print(f"| articles/s (700 words) | {normalised:.2f} | ≥ {TARGETS['articles/s (700 words)']:.0f} |")
    print(f"| words/s | {words / result['seconds']:,.0f} | |")
    print(f"| spans found | {result['spans']:,} | |")
    print(f"| peak RSS MB | {result['max_rss_mb']:.0f} | |\n")


def _speed_worker(path: Path) -> None:
    reset_peak_memory()
    choice, parsed = pickle.loads(path.read_bytes())
    started = time.perf_counter()
    from spinscope.models.techniques import MODEL_DIR, MPNET_MODEL_DIR, encode_text, load_technique_model
    from spinscope.stages.techniques import find_techniques

    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    model = load_technique_model(MPNET_MODEL_DIR if choice == "mpnet" else MODEL_DIR)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    spans = 0
    for text, sentences, names in parsed:
        # The stage's cost includes encoding the sentences (the `encodings` stage), which the
        # claims stage then reads for free.
        found = find_techniques(model, text, encode_text(model.encoder, text, sentences, names))
        spans += len(found)
    seconds = time.perf_counter() - started
    result = {"import_seconds": import_seconds, "load_seconds": load_seconds, "seconds": seconds, "spans": spans}
    print(json.dumps(result | {"max_rss_mb": peak_memory_mb()}))


if __name__ == "__main__":
    main()
