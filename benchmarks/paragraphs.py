r"""Paragraph techniques (SemEval-2023 subtask 3): cross-validated micro-F1 for Russian and English.

Command (from the repository root):

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/paragraphs.py --data ../shared/data \
        --output /tmp/subtask3

Prints, per language, the model's micro-F1 (P/R) over (paragraph, technique) pairs, cross-
validated by story (folds of articles; near-duplicate articles stay together), beside the
"three most frequent techniques for every paragraph" baseline on the same folds, the F1 of each
technique, the choices each fold made on its own training part, the precision of the pairs
shown; then the shipped Russian model's load time and speed (paragraphs per second, one
process). With --output, writes the out-of-fold
predictions in the task's format (``<article_id>\t<paragraph_no>\t<technique,...>``), one
file per language.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from spinscope.eval.semeval2023 import TECHNIQUES_2023, write_subtask3
from spinscope.training.paragraphs import CrossValidation, TrainSettings, load_corpora, train_paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--targets", default="ru,en")
    parser.add_argument("--helpers", default="", help="other languages that may join training, e.g. fr,de,it,pl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--output", type=Path, default=None, help="folder for the out-of-fold subtask-3 files")
    parser.add_argument(
        "--speed-articles", type=int, default=10, help="Russian articles timed through the shipped model"
    )
    arguments = parser.parse_args()
    targets = [code for code in arguments.targets.split(",") if code]
    helpers = [code for code in arguments.helpers.split(",") if code]
    results = train_paragraphs(
        arguments.data,
        None,
        targets=targets,
        helpers=helpers,
        settings=TrainSettings(folds=arguments.folds),
        progress=_progress,
    )
    for language, result in results.items():
        _print(result)
        if arguments.output is not None:
            arguments.output.mkdir(parents=True, exist_ok=True)
            rows = [
                (article, number, techniques)
                for (article, number), techniques in sorted(
                    result.predictions.items(), key=lambda item: (item[0][0], item[0][1])
                )
            ]
            write_subtask3(arguments.output / f"{language}-out-of-fold.txt", rows)
            print(f"wrote {arguments.output / f'{language}-out-of-fold.txt'}")
    if arguments.speed_articles:
        _speed(arguments.data, arguments.speed_articles)


def _progress(step: str, done: int, total: int) -> None:
    if done == total or done % 25 == 0:
        print(f"  {step}: {done}/{total}", file=sys.stderr, flush=True)


def _print(result: CrossValidation) -> None:
    model, baseline = result.model, result.baseline
    print(
        f"\n== {result.language}: {result.articles} articles, {result.paragraphs} paragraphs, {model.gold} gold pairs"
    )
    print(f"{'':38}{'P':>8}{'R':>8}{'F1':>8}{'pairs':>8}")
    for label, scores in (("model (cross-validated)", model), ("three most frequent, every paragraph", baseline)):
        print(f"{label:38}{scores.precision:8.4f}{scores.recall:8.4f}{scores.f1:8.4f}{scores.predicted:8d}")
    if result.shown_precision is not None:
        print(
            f"precision of the pairs shown (score >= operating point): {result.shown_precision:.4f} of {result.shown}"
        )
    print("per technique: F1 model / F1 baseline (gold pairs)")
    for name in TECHNIQUES_2023:
        support = model.support.get(name, 0)
        if support or name in model.per_technique:
            mine, theirs = model.per_technique.get(name, 0.0), baseline.per_technique.get(name, 0.0)
            print(f"  {name:36}{mine:8.4f}{theirs:8.4f}{support:6d}")
    print("choices per fold (made on its training part):")
    for number, choice in enumerate(result.choices, 1):
        print(f"  fold {number}: " + ", ".join(f"{key} {value}" for key, value in choice.items()))


def _speed(data: Path, count: int) -> None:
    from spinscope.models.paragraphs import find_paragraph_techniques, load_paragraph_model, word_vectors

    articles = load_corpora(data, ["ru"])["ru"][:count]
    started = time.perf_counter()
    model = load_paragraph_model("ru")
    word_vectors(["прогрев"], language="ru")  # loads navec
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    for article in articles:
        find_paragraph_techniques(model, article.text, [], language="ru")
    elapsed = time.perf_counter() - started
    paragraphs = sum(len(article.paragraphs) for article in articles)
    print(
        f"\nshipped Russian model: load {loaded:.2f} s (heads + navec); "
        f"{paragraphs} paragraphs of {len(articles)} articles in {elapsed:.1f} s "
        f"= {paragraphs / elapsed:.1f} paragraphs/s"
    )


if __name__ == "__main__":
    main()
