"""Peak memory of a benchmark's worker process, shared by the benchmark scripts.

A child process can inherit its parent's peak-RSS mark, so a worker resets the mark first
(`reset_peak_memory`) and reads it back at the end (`peak_memory_mb`).
"""

from __future__ import annotations

import resource
from pathlib import Path

__all__ = ["peak_memory_mb", "reset_peak_memory"]


def reset_peak_memory() -> None:
    """Start this process's peak-RSS count afresh, where Linux allows it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_memory_mb() -> float:
    """This process's peak resident memory since the last reset, in MB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
