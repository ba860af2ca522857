"""Batch runs over corpora: local worker processes or Ray, one record per input, resumable."""

from spinscope.batch.outputs import open_output, record_failed, record_key
from spinscope.batch.runner import BatchSummary, run_batch

__all__ = ["BatchSummary", "open_output", "record_failed", "record_key", "run_batch"]
