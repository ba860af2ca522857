"""Benchmark batch runs: articles/s and peak memory per worker, local engine and Ray, 1 and 2 workers.

Every run analyses the same articles with the whole pipeline (nlp, entities, techniques) into a
fresh results file, through `spinscope.batch.run_batch`, exactly as ``spinscope batch`` does.
Its time runs from the call to the last record written, so it includes starting the workers
(and, for Ray, starting and stopping a local Ray) and loading the models in each.

By default every worker is pinned to one inference thread (``--threads 1``), so that a worker
is one core and the figures show how throughput grows with workers. ``--threads 0`` keeps
spinscope's own default, where a lone worker takes every core for its encoder.

The engines alternate run by run (local 1, Ray 1, local 2, Ray 2), so drift in the machine's
speed touches both alike. Targets: two local workers reach at least 1.7 times the articles/s
of one; Ray's overhead over the local engine at the same worker count stays under 20%.

Run it from the repository root (about 15 minutes on 2 cores for the 371 articles):

    python benchmarks/batch.py

``--limit 40`` is a quick check.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

DEFAULT_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020-task11" / "train-articles"
TARGET_SPEEDUP = 1.7
TARGET_RAY_OVERHEAD = 0.20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="folder of article .txt files")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--engines", default="local,ray", help="comma-separated engines")
    parser.add_argument("--threads", type=int, default=1, help="inference threads per worker; 0 for the default")
    args = parser.parse_args()

    from spinscope.batch import run_batch
    from spinscope.settings import BatchSettings, Settings

    files = sorted(args.articles.glob("*.txt"))[: args.limit]
    if not files:
        sys.exit(f"no .txt articles in {args.articles}; pass --articles")
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in files)
    settings = Settings(threads=args.threads or None)
    print(
        f"{len(files)} articles, {words:,} words ({words / len(files):.0f} per article); "
        f"inference threads per worker: {args.threads or 'default'}",
        flush=True,
    )

    results: dict[tuple[str, int], object] = {}
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "articles"
        corpus.mkdir()
        for path in files:
            shutil.copy(path, corpus / path.name)
        for workers in map(int, args.workers.split(",")):
            for engine in args.engines.split(","):
                out = Path(scratch) / f"{engine}-{workers}.jsonl"
                summary = run_batch(
                    [str(corpus)], out, settings=settings, batch=BatchSettings(workers=workers, engine=engine)
                )
                failed = sum(summary.failed.values()) + sum(summary.stage_failures.values())
                assert summary.analysed == len(files) and not failed, f"{engine} x{workers}: {summary}"
                results[engine, workers] = summary
                print(f"  {engine} x{workers}: {summary.seconds:.1f} s", flush=True)

    one = {engine: results.get((engine, 1)) for engine in args.engines.split(",")}
    header = ("engine", "workers", "seconds", "articles/s", "words/s", "vs 1 worker", "vs local", "peak MB/worker")
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for (engine, workers), summary in results.items():
        rate = summary.articles_per_second
        base = one.get(engine)
        speedup = f"{rate / base.articles_per_second:.2f}x" if base else "-"
        local = results.get(("local", workers))
        overhead = f"{local.articles_per_second / rate - 1:+.1%}" if local and engine != "local" else "-"
        peak = statistics.mean(summary.peak_mb.values())
        print(
            f"| {engine} | {workers} | {summary.seconds:.1f} | {rate:.2f} | {rate * words / len(files):,.0f} "
            f"| {speedup} | {overhead} | {peak:,.0f} |"
        )

    print()
    if ("local", 1) in results and ("local", 2) in results:
        speedup = results["local", 2].articles_per_second / results["local", 1].articles_per_second
        print(
            f"local speed-up, 2 workers over 1: {speedup:.2f}x (target >= {TARGET_SPEEDUP}x): "
            f"{'met' if speedup >= TARGET_SPEEDUP else 'MISSED'}"
        )
    for workers in sorted({workers for _, workers in results}):
        if ("local", workers) in results and ("ray", workers) in results:
            overhead = results["local", workers].articles_per_second / results["ray", workers].articles_per_second - 1
            print(
                f"Ray overhead at {workers} worker(s): {overhead:+.1%} (target < {TARGET_RAY_OVERHEAD:.0%}): "
                f"{'met' if overhead < TARGET_RAY_OVERHEAD else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
