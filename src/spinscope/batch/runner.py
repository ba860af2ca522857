"""Batch runs: every input of a corpus analysed once, in parallel, resumably.

Invariants:
- Every document the inputs hold ends up with exactly one record in the output: analysed,
  or failed with its error code and message.
- A rerun over the same output analyses only the inputs that have no record yet (and, with
  `BatchSettings.retry_failed`, those whose record failed, replacing it).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from spinscope.batch.engines import WorkerStats, run_local, run_ray
from spinscope.batch.outputs import open_output, record_key
from spinscope.ingest import count_documents, load_documents
from spinscope.settings import BatchSettings, Settings

__all__ = ["BatchSummary", "run_batch"]

Progress = Callable[[int, int], None]  # (documents accounted for, documents in the inputs)


@dataclass
class BatchSummary:
    """What a batch run did."""

    documents: int = 0  # documents the inputs hold
    analysed: int = 0  # records written by this run
    skipped: int = 0  # inputs that already had a record
    failed: Counter[str] = field(default_factory=Counter)  # failed inputs of this run, by error code
    stage_failures: Counter[str] = field(default_factory=Counter)  # failed stages of this run, by error code
    seconds: float = 0.0
    peak_mb: dict[str, float] = field(default_factory=dict)  # per worker
    engine: str = "local"
    workers: int = 1

    @property
    def articles_per_second(self) -> float:
        """Records written per second of the run."""
        return self.analysed / self.seconds if self.seconds else 0.0

    def add(self, record: dict[str, Any], stats: WorkerStats) -> None:
        """Count one written record and its worker's memory."""
        self.analysed += 1
        if "error" in record:
            self.failed[record["error"]["code"]] += 1
        for stage in record.get("stages", ()):
            if stage.get("status") == "failed" and stage.get("name") != "ingest":
                self.stage_failures[stage.get("code") or "stage.error"] += 1
        if stats.peak_mb:
            self.peak_mb[stats.worker] = max(stats.peak_mb, self.peak_mb.get(stats.worker, 0.0))


def run_batch(
    inputs: Iterable[str],
    out: Path,
    *,
    settings: Settings | None = None,
    batch: BatchSettings | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Analyse every document of `inputs` into the results file `out` (.jsonl or .parquet).

    The local engine starts its workers with the ``spawn`` method, which imports the calling
    script again in each worker: call this under ``if __name__ == "__main__":`` in a script.

    Args:
        inputs: Files, folders, glob patterns, JSONL corpora or URLs, as `load_documents` reads them.
        out: The results file; when it exists, inputs it already has a record of are skipped.
        settings: The analysis settings every worker builds its pipeline from. When
            `settings.threads` is None, each worker gets an equal share of the cores.
        batch: Workers, engine and retry policy; the defaults when None.
        progress: Called with (documents accounted for, documents in the inputs) as the run goes.

    Raises:
        ConfigError: `out` cannot be written or holds something other than records.
        MissingDependencyError: The Ray engine or Parquet output without their extra.
        SpinscopeError: The workers cannot build the pipeline (a missing model, a bad setting).
    """
    inputs = list(inputs)
    settings = settings or Settings()
    batch = batch or BatchSettings()
    if settings.threads is None:
        settings = replace(settings, threads=max(1, (os.cpu_count() or 1) // batch.worker_count))
    output = open_output(out)
    done = output.done()
    redo = {key for key, failed in done.items() if failed} if batch.retry_failed else set()
    summary = BatchSummary(documents=count_documents(inputs), engine=batch.engine, workers=batch.worker_count)
    started = time.perf_counter()

    def report() -> None:
        if progress:
            progress(summary.skipped + summary.analysed, summary.documents)

    def todo() -> Iterator[dict[str, Any]]:
        for document in load_documents(inputs, settings=settings):
            record = document.to_dict()
            key = record_key(record)
            if key in done and key not in redo:
                summary.skipped += 1
                report()
            else:
                yield record

    engine = run_ray if batch.engine == "ray" else run_local
    output.start(redo)
    report()
    try:
        for record, stats in engine(todo(), settings, batch):
            output.write(record)
            summary.add(record, stats)
            report()
    finally:
        output.close()
        summary.seconds = time.perf_counter() - started
    return summary

