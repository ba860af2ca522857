"""Benchmark `spinscope compare` on English/Russian article groups (cross-language alignment).

Each group is two or three invented articles about one event, in English and Russian, with
gold claims and planted differences (the format of `spinscope.compare.evaluate`). Prints, per
split and overall: alignment P/R/F1 over claim pairs, difference detection per kind (found/gold,
and right/predicted), omission and terminology recall; for three systems in the same run:

- spinscope: multilingual-e5-small embeddings with the anchor overlap (names through
  transliteration, dates, numbers read in both languages) at `multilingual_threshold`;
- cosine only: the same embeddings without anchors, at the same threshold (the baseline);
- English encoder: what spinscope did before it knew the languages differ (MiniLM, the English
  threshold and cause rule).

Each sentence is embedded once per run (the systems share the vectors), so the ms per
comparison of the first system include the encoding and the others' do not.

The default groups (tests/fixtures/compare-crosslang) are the development set the thresholds
were first chosen on. benchmarks/data/compare-crosslang and benchmarks/data/compare-crosslang-2
were held out in turn; each became development data once it had been run and its misses read
(the rules, lexicon entries and second alignment pass of later releases were written with them
open). benchmarks/data/compare-crosslang-3 is the held-out set now (written by someone who had
not read the compare code): only ever scored, never tuned on.

    python benchmarks/compare_crosslang.py                                              # dev
    python benchmarks/compare_crosslang.py --sweep        # alignment F1 by threshold (dev only)
    python benchmarks/compare_crosslang.py --groups benchmarks/data/compare-crosslang      # dev (first held-out)
    python benchmarks/compare_crosslang.py --groups benchmarks/data/compare-crosslang-2    # dev (second held-out)
    python benchmarks/compare_crosslang.py --groups benchmarks/data/compare-crosslang-3    # held out
"""

from __future__ import annotations

import argparse
import copy
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--groups",
        type=Path,
        default=ROOT / "tests" / "fixtures" / "compare-crosslang",
        help="a folder of <group>/gold.json evaluation groups (default: the development groups)",
    )
    parser.add_argument("--sweep", action="store_true", help="also print alignment F1 for thresholds 0.80 to 0.92")
    args = parser.parse_args()
    from spinscope.analysis import analyze
    from spinscope.compare.evaluate import load_gold
    from spinscope.settings import Settings

    groups = load_gold(args.groups)
    settings = Settings()
    _remember_embeddings()
    start = time.perf_counter()
    analysed = {group.name: list(analyze([str(path) for path in group.files], settings=settings)) for group in groups}
    articles = sum(len(group.files) for group in groups)
    print(f"{len(groups)} groups, {articles} articles analysed in {time.perf_counter() - start:.0f} s")
    for system in ("spinscope", "cosine only", "English encoder"):
        run(system, groups, analysed, settings)
    if args.sweep:
        print("\n## alignment F1 by multilingual_threshold (spinscope | cosine only)")
        for step in range(80, 93):
            threshold = step / 100
            swept = replace(settings, compare=replace(settings.compare, multilingual_threshold=threshold))
            f1s = [_f1(totals_of(system, groups, analysed, swept)["all"]) for system in ("spinscope", "cosine only")]
            print(f"{threshold:.2f}: {f1s[0]:.3f} | {f1s[1]:.3f}")


def _remember_embeddings() -> None:
    """Embed each text once per run: the three systems and the sweep read the same sentences."""
    import numpy as np

    from spinscope.models.multilingual import MultilingualEncoder

    embed, memory = MultilingualEncoder.embed, {}

    def remembered(self, texts, *, kind="query"):
        missing = [text for text in dict.fromkeys(texts) if (kind, text) not in memory]
        if missing:
            memory.update(zip([(kind, text) for text in missing], embed(self, missing, kind=kind), strict=True))
        return np.stack([memory[(kind, text)] for text in texts]) if texts else embed(self, [], kind=kind)

    MultilingualEncoder.embed = remembered


def totals_of(system: str, groups, analysed, settings) -> dict:
    """The summed evaluation counts per split (and "all") of one system over the groups."""
    import spinscope.compare.comparison as comparison_module
    from spinscope.compare import compare_documents
    from spinscope.compare.evaluate import score_comparison

    saved = comparison_module.align, comparison_module.mixed_languages
    if system == "cosine only":

        def cosine_only(units, vectors, *, threshold, anchors=True, _align=saved[0], **options):
            return _align(units, vectors, threshold=threshold, anchors=False, **options)

        comparison_module.align = cosine_only
    elif system == "English encoder":
        comparison_module.mixed_languages = lambda documents: False
    totals: dict = {}
    try:
        for group in groups:
            scores = score_comparison(group, compare_documents(analysed[group.name], settings=settings))
            for split in (group.split, "all"):
                if split in totals:
                    totals[split] += scores
                else:
                    totals[split] = copy.deepcopy(scores)
    finally:
        comparison_module.align, comparison_module.mixed_languages = saved
    return totals


def run(system: str, groups, analysed, settings) -> None:
    """Print one system's table, what it missed and what it reported wrongly."""
    from spinscope.compare.evaluate import counts_report

    start = time.perf_counter()
    totals = totals_of(system, groups, analysed, settings)
    milliseconds = 1000 * (time.perf_counter() - start) / len(groups)
    threshold = settings.compare.threshold if system == "English encoder" else settings.compare.multilingual_threshold
    print(f"\n## {system} (threshold {threshold}), {milliseconds:.0f} ms per comparison")
    print(counts_report(totals))


def _f1(s) -> float:
    return s.alignment.f1


if __name__ == "__main__":
    main()
