"""Batch runs: every input of a corpus analysed once, in parallel, resumably.

Invariants:
- Every document the inputs hold ends up with exactly one record in the output: analysed,
  or failed with its error code and message.
- A rerun over the same output analyses only the inputs that have no record yet (and, with
  `BatchSettings.retry_failed`, those whose record failed, replacing it). Each record carries
  ``input`` (the resolved input path or URL, and which record of a JSONL corpus), which keys
  it: see `record_key`.
- The output is never an input: named as one, it is refused; found in an input folder or by
  a pattern, it (and its journal) is left out.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from spinscope.batch.engines import WorkerStats, run_local, run_ray
from spinscope.batch.outputs import open_output, output_files, record_key, source_key
from spinscope.errors import ConfigError
from spinscope.ingest import Inputs, count_documents, expand_inputs, input_list, load_documents
from spinscope.progress import Progress
from spinscope.settings import BatchSettings, Settings

__all__ = ["BatchSummary", "run_batch"]


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
    inputs: Inputs,
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
        progress: Gets ("analysing", documents accounted for (skipped or written), documents in
            the inputs) as the run goes.

    Raises:
        ConfigError: `out` cannot be written, holds something other than records, or is one
            of `inputs`.
        MissingDependencyError: The Ray engine or Parquet output without their extra.
        SpinscopeError: The workers cannot build the pipeline (a missing model, a bad setting).
    """
    inputs = input_list(inputs)
    settings = settings or Settings()
    batch = batch or BatchSettings()
    if settings.threads is None:
        settings = replace(settings, threads=max(1, (os.cpu_count() or 1) // batch.worker_count))
    specs = _input_files(inputs, out)
    output = open_output(out)
    done = output.done()
    redo = {key for key, failed in done.items() if failed} if batch.retry_failed else set()
    summary = BatchSummary(documents=count_documents(specs), engine=batch.engine, workers=batch.worker_count)
    started = time.perf_counter()
    origins: deque[dict[str, str | None]] = deque()  # the `input` of each document sent, in order

    def report() -> None:
        if progress:
            progress("analysing", summary.skipped + summary.analysed, summary.documents)

    def skip(key: str) -> bool:
        return key in done and key not in redo

    def todo() -> Iterator[dict[str, Any]]:
        for spec in specs:
            path = _origin(spec)
            for document in load_documents([spec], settings=settings):
                record = document.to_dict()
                record["input"] = {"path": path, "item": _item(record, spec)}
                if skip(record_key(record)) or skip(source_key(record)):
                    summary.skipped += 1
                    report()
                else:
                    origins.append(record["input"])
                    yield record

    engine = run_ray if batch.engine == "ray" else run_local
    output.start(redo)
    report()
    try:
        for record, stats in engine(todo(), settings, batch):
            record = {**record, "input": origins.popleft()}  # workers give back what the contract holds
            output.write(record)
            summary.add(record, stats)
            report()
    finally:
        output.close()
        summary.seconds = time.perf_counter() - started
    return summary


_URL = re.compile(r"^https?://", re.IGNORECASE)


def _input_files(inputs: list[str], out: Path) -> list[str]:
    """`inputs` expanded to files, without the files the output is made of.

    Raises:
        ConfigError: An input names the output itself.
    """
    owned = output_files(out)
    for spec in inputs:
        if spec != "-" and not _URL.match(spec) and Path(spec).resolve() in owned:
            raise ConfigError(
                f"{spec} is both an input and the output; choose an output file that is not an input "
                "(a new one, or the results file of an earlier batch)",
                code="config.output",
            )
    return [
        spec for spec in expand_inputs(inputs) if spec == "-" or _URL.match(spec) or Path(spec).resolve() not in owned
    ]


def _origin(spec: str) -> str:
    """The input as its records name it: a file's resolved path, a URL or ``-`` as given."""
    return spec if spec == "-" or _URL.match(spec) else str(Path(spec).resolve())


def _item(record: dict[str, Any], spec: str) -> str | None:
    """Which record of a JSONL corpus `record` is: ``id <id>``, or ``line <n>`` when it has none."""
    source = record["source"]
    if source["kind"] != "jsonl":
        return None
    name = source.get("name") or ""
    line = re.fullmatch(re.escape(str(Path(spec))) + r":(\d+)", name)
    return f"line {line.group(1)}" if line else f"id {name}"
