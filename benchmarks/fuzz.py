"""A long fuzz run of the ingest paths: inputs tried and failures, per path.

Runs the properties of ``tests/ingest/test_fuzz.py`` (one record per input, no traceback)
with many more generated inputs than the test suite does, and prints, for each path, how many
inputs were tried and how many broke a property, with the first failure of each.

    python benchmarks/fuzz.py --examples 2000
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ingest.test_fuzz import (  # noqa: E402 (the repository root is put on the path first)
    HTML_PAGES,
    JSONL_CORPORA,
    SUFFIXES,
    TEXTS,
    check_bytes,
    check_files,
    check_jsonl,
)

PATHS: dict[str, tuple[Any, Callable[[Any], None]]] = {
    "plain text bytes": (TEXTS, lambda data: check_bytes(data, name="input.txt")),
    "HTML bytes": (HTML_PAGES, lambda data: check_bytes(data, name="page.html")),
    "JSONL corpora": (JSONL_CORPORA, check_jsonl),
    "files (any suffix)": (st.lists(st.tuples(SUFFIXES, TEXTS | HTML_PAGES | JSONL_CORPORA), max_size=4), check_files),
}


def run(strategy: Any, check: Callable[[Any], None], *, examples: int) -> tuple[int, list[str]]:
    """Try `check` on `examples` generated inputs; count them and keep each failure's summary."""
    tried, failures = 0, []

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def trial(value: Any) -> None:
        nonlocal tried
        tried += 1
        try:
            check(value)
        except Exception as error:  # noqa: BLE001 (every failure is counted, not raised)
            frame = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            failures.append(f"{type(error).__name__} at {where}: {repr(value)[:120]}")

    trial()
    return tried, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs generated per path")
    args = parser.parse_args()
    total_tried = total_failed = 0
    print(f"{'path':<20} {'tried':>7} {'failed':>7} {'seconds':>8}")
    for name, (strategy, check) in PATHS.items():
        start = time.perf_counter()
        tried, failures = run(strategy, check, examples=args.examples)
        print(f"{name:<20} {tried:>7} {len(failures):>7} {time.perf_counter() - start:>8.1f}")
        for failure in failures[:3]:
            print(f"    {failure}")
        total_tried, total_failed = total_tried + tried, total_failed + len(failures)
    print(f"{'all':<20} {total_tried:>7} {total_failed:>7}")


if __name__ == "__main__":
    main()
