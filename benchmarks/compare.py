"""Benchmark `spinscope compare` on its evaluation set (tests/fixtures/compare): six groups of
two or three short invented articles with planted differences, omissions and word choices.

Prints, per split (dev: dam, talks, sarvan, where the thresholds were chosen; test: convoy,
derry, quake) and overall: alignment P/R/F1 over claim pairs, difference detection P/R per
kind, the false differences (reported with a kind no gold claim of the group has, each listed),
omission recall, terminology recall, and ms per comparison; beside it, in the same run,
the baseline that aligns by embedding cosine alone at the same threshold.

    python benchmarks/compare.py
    python benchmarks/compare.py --groups benchmarks/data/compare-heldout   # the held-out set
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--groups",
        type=Path,
        default=ROOT / "tests" / "fixtures" / "compare",
        help="a folder of <group>/gold.json evaluation groups (default: the set the tests use)",
    )
    args = parser.parse_args()
    from spinscope.analysis import analyze
    from spinscope.compare import align as align_module
    from spinscope.compare import compare_documents
    from spinscope.compare.evaluate import CompareCounts, counts_report, load_gold, score_comparison
    from spinscope.settings import Settings

    groups = load_gold(args.groups)
    settings = Settings()
    analysed = {group.name: list(analyze([str(path) for path in group.files], settings=settings)) for group in groups}
    compare_documents(analysed[groups[0].name])  # load the encoder before timing
    for system in ("spinscope", "cosine only"):
        original = align_module.align
        if system == "cosine only":

            def cosine_only(units, vectors, *, threshold, anchors=True, _align=original, **options):
                return _align(units, vectors, threshold=threshold, anchors=False, **options)

            import spinscope.compare.comparison as comparison_module

            comparison_module.align = cosine_only
        totals: dict[str, CompareCounts] = {}
        seconds = []
        for group in groups:
            start = time.perf_counter()
            comparison = compare_documents(analysed[group.name], settings=replace(settings))
            seconds.append(time.perf_counter() - start)
            scores = score_comparison(group, comparison)
            for split in (group.split, "all"):
                totals.setdefault(split, CompareCounts())
                totals[split] += scores
        if system == "cosine only":
            import spinscope.compare.comparison as comparison_module

            comparison_module.align = original
        per_comparison = 1000 * sum(seconds) / len(seconds)
        print(f"\n## {system} (threshold {settings.compare.threshold}), {per_comparison:.0f} ms per comparison")
        print(counts_report(totals))


if __name__ == "__main__":
    main()
