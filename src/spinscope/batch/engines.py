"""Engines that run the analysis pipeline over documents in parallel.

Documents travel to workers and back as plain dicts in the JSON contract's form. Each worker
builds its pipeline once, from the `Settings` it is given, and reports its peak memory with
every chunk. Both engines yield the records in the order the documents came in.
"""

from __future__ import annotations

import json
import logging
import math
import multiprocessing
import multiprocessing.connection
import os
import resource
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Any

from spinscope.document import Document
from spinscope.errors import MissingDependencyError, SpinscopeError
from spinscope.pipeline import build_pipeline
from spinscope.settings import BatchSettings, Settings

__all__ = ["Analyzer", "RayWorker", "WorkerStats", "run_local", "run_pool", "run_ray"]

Record = dict[str, Any]
# Read by numpy's BLAS and OpenMP when a worker starts. Unset, their idle threads spin and take
# cycles from the other workers: 2 workers on 2 cores took 51 s instead of 39 s for 100 articles.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class WorkerStats:
    """Which worker analysed a chunk, and the most memory it has held so far."""

    worker: str
    peak_mb: float


class Analyzer:
    """A pipeline built once, analysing chunks of documents given as contract dicts."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = build_pipeline(settings)

    def __call__(self, documents: Sequence[Record]) -> list[Record]:
        """Analyse `documents` (ingested, not yet analysed) and return their records."""
        return [document.to_dict() for document in self.pipeline.run(map(Document.from_dict, documents))]


def worker_stats(engine: str) -> WorkerStats:
    """This process's name and peak resident memory."""
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return WorkerStats(f"{engine}-{os.getpid()}", round(peak_kb / 1024, 1))


def failed_records(documents: Sequence[Record], message: str) -> list[Record]:
    """Records for documents a worker could not return: their source and why, to retry later."""
    error = SpinscopeError(message, code="batch.worker")
    return [Document.failed(Document.from_dict(document).source, error).to_dict() for document in documents]


# Local engine: worker processes on this machine.

_analyzer: Analyzer | None = None
Work = Callable[[list[Record]], tuple[list[Record], WorkerStats]]


def _analyse_chunk(settings: Settings, documents: list[Record]) -> tuple[list[Record], WorkerStats]:
    global _analyzer
    if _analyzer is None:
        _analyzer = Analyzer(settings)  # once per worker process
    return _analyzer(documents), worker_stats("local")


def run_local(
    documents: Iterable[Record], settings: Settings, batch: BatchSettings
) -> Iterator[tuple[Record, WorkerStats]]:
    """Analyse `documents` in `batch.worker_count` processes, yielding records in input order.

    A worker that dies (killed, out of memory) takes the chunks in flight with it; see
    `run_pool` for how they are redone and which input is blamed.

    Raises:
        SpinscopeError: A worker could not build the pipeline (a missing model, a bad setting).
    """
    with _worker_threads(settings.threads):
        yield from run_pool(
            documents, partial(_analyse_chunk, settings), workers=batch.worker_count, chunk_size=batch.chunk_size
        )


def run_pool(
    documents: Iterable[Record], work: Work, *, workers: int, chunk_size: int
) -> Iterator[tuple[Record, WorkerStats]]:
    """Run `work` over `documents` in chunks, in `workers` processes, yielding in input order.

    Workers are started with ``spawn`` (no forked copies of loaded models or threads) and
    exit as soon as the process that started them dies, even by ``kill -9``.

    When a worker dies, every chunk in flight fails with it. The pool is restarted, and the
    documents of those chunks are redone one at a time, each in a pool of its own making: the
    healthy ones get their records, and only a document that kills a worker again is recorded
    as failed, with code ``batch.worker``.

    Raises:
        SpinscopeError: `work` raised one (the pipeline cannot be built).
    """
    pool = _Pool(work, workers)
    pending: deque[tuple[list[Record], Future]] = deque()
    try:
        for chunk in _chunks(documents, chunk_size):
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) > 2 * workers:
                yield from _collect(pending, pool)
        while pending:
            yield from _collect(pending, pool)
    finally:
        pool.shutdown()


class _Pool:
    """A process pool that can be started afresh when a worker dies."""

    def __init__(self, work: Work, workers: int) -> None:
        self.work, self.workers = work, workers
        self.context = multiprocessing.get_context("spawn")
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=self.context, initializer=_exit_with_parent)

    def submit(self, chunk: list[Record]) -> Future:
        """The future of `chunk`'s records; a pool already broken gives a future failed with it."""
        try:
            return self.executor.submit(self.work, chunk)
        except BrokenProcessPool as error:
            failed: Future = Future()
            failed.set_exception(error)
            return failed

    def restart(self) -> None:
        """Replace a broken pool with a fresh one (the dead pool's processes are reaped first)."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _exit_with_parent() -> None:
    """In a worker: exit when the process that started it dies, so that no worker outlives a
    killed batch (and the resource tracker, which waits for the workers, exits too)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="spinscope-exit-with-parent", daemon=True).start()


def _collect(pending: deque[tuple[list[Record], Future]], pool: _Pool) -> Iterator[tuple[Record, WorkerStats]]:
    """The records of the first pending chunk; after a worker died, those of every chunk in flight."""
    chunk, future = pending.popleft()
    if not _broken(future):
        yield from _records(chunk, future)
        return
    lost = [(chunk, future), *pending]
    pending.clear()
    pool.restart()
    for chunk, future in lost:
        if _broken(future):
            for document in chunk:
                yield from _isolated(document, pool)
        else:  # finished before the worker died
            yield from _records(chunk, future)


def _isolated(document: Record, pool: _Pool) -> Iterator[tuple[Record, WorkerStats]]:
    """Redo one document alone; if it kills a worker again, it is the one to blame."""
    future = pool.submit([document])
    if not _broken(future):
        yield from _records([document], future)
        return
    pool.restart()
    message = (
        "a worker process died twice while analysing this input alone (out of memory, or killed); "
        "rerun with BatchSettings.retry_failed"
    )
    for record in failed_records([document], message):
        yield record, WorkerStats("local-lost", 0.0)


def _broken(future: Future) -> bool:
    """Wait for `future`; whether its worker died under it."""
    try:
        future.result()
    except (BrokenProcessPool, CancelledError):  # cancelled: dropped with its broken pool
        return True
    except Exception:  # noqa: BLE001 - other failures are `_records`' to report
        return False
    return False


def _records(chunk: list[Record], future: Future) -> Iterator[tuple[Record, WorkerStats]]:
    try:
        records, stats = future.result()
    except SpinscopeError:
        raise  # the pipeline cannot be built: every document would fail the same way
    except Exception as error:  # a bug in a stage that escaped the pipeline: keep the inputs as records
        message = f"analysis failed ({type(error).__name__}: {error}); rerun with BatchSettings.retry_failed"
        records = failed_records(chunk, message)
        stats = WorkerStats("local-lost", 0.0)
    for record in records:
        yield record, stats


@contextmanager
def _worker_threads(threads: int | None) -> Iterator[None]:
    """Start worker processes with BLAS and OpenMP capped at `threads`, unless the user set them."""
    added = [name for name in _THREAD_VARIABLES if name not in os.environ] if threads else []
    os.environ.update({name: str(threads) for name in added})
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def _chunks(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# Ray engine: Ray Data over a local Ray or a cluster.


class RayWorker:
    """A Ray Data actor: builds the pipeline once, then analyses batches of JSON documents."""

    def __init__(self, settings: Settings) -> None:
        self.analyzer = Analyzer(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        documents = [json.loads(text) for text in batch["document"]]
        records = self.analyzer(documents)
        stats = worker_stats("ray")
        return {
            "record": [json.dumps(record, ensure_ascii=False) for record in records],
            "worker": [stats.worker] * len(records),
            "peak_mb": [stats.peak_mb] * len(records),
        }


def _check_pipeline(settings: Settings) -> None:
    build_pipeline(settings)


def run_ray(
    documents: Iterable[Record], settings: Settings, batch: BatchSettings
) -> Iterator[tuple[Record, WorkerStats]]:
    """Analyse `documents` on Ray Data with `batch.worker_count` actors, yielding records in
    input order. Without `batch.address`, a local Ray is started for the run and stopped after.

    Raises:
        MissingDependencyError: Ray is not installed.
    """
    try:
        import ray
        import ray.data
    except ImportError as error:
        raise MissingDependencyError(
            "the Ray engine needs Ray: `pip install '.[ray]'` in the spinscope checkout"
        ) from error
    started_here = not ray.is_initialized()
    if started_here:
        local: dict[str, Any] = {"num_cpus": batch.worker_count} if batch.address is None else {}
        ray.init(
            address=batch.address, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR, **local
        )
        logging.getLogger("ray.data").setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    try:
        # Build the pipeline once on the cluster first, so that a missing model or a bad setting
        # stops the run with its own one-line error (Ray re-raises a task's error as an instance
        # of its class) instead of failing every actor in turn.
        ray.get(ray.remote(num_cpus=1, max_retries=0)(_check_pipeline).remote(settings))
        for window in _chunks(documents, batch.window):
            dataset = ray.data.from_items(
                [{"document": json.dumps(document, ensure_ascii=False)} for document in window],
                override_num_blocks=math.ceil(len(window) / batch.chunk_size),
            ).map_batches(
                RayWorker,
                fn_constructor_kwargs={"settings": settings},
                batch_size=batch.chunk_size,
                compute=ray.data.ActorPoolStrategy(size=batch.worker_count),
                num_cpus=1,
                runtime_env={"env_vars": {name: str(settings.threads or 1) for name in _THREAD_VARIABLES}},
            )
            for row in dataset.iter_rows():
                yield json.loads(row["record"]), WorkerStats(str(row["worker"]), float(row["peak_mb"]))
    finally:
        if started_here:
            ray.shutdown()
