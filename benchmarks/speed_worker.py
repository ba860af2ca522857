"""A benchmark's speed worker: a fresh process, so that its model load time and peak memory
are its own, shared by the benchmark scripts.

The script re-runs itself with ``--speed-worker PATH``: `run_speed_worker` pickles the prepared
input to PATH, runs the worker and returns the JSON it prints. A child process can inherit its
parent's peak-RSS mark, so the worker resets the mark first (`reset_peak_memory`) and reads it
back at the end (`peak_memory_mb`).
"""

from __future__ import annotations

import contextlib
import json
import pickle
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["peak_memory_mb", "reset_peak_memory", "run_speed_worker"]


def run_speed_worker(script: str, payload: Any) -> dict[str, Any]:
    """Run ``script --speed-worker PATH`` on the pickled `payload`; return the JSON it prints."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "payload.pkl"
        path.write_bytes(pickle.dumps(payload))
        output = subprocess.run(
            [sys.executable, script, "--speed-worker", str(path)], check=True, capture_output=True, text=True
        ).stdout
    return json.loads(output)


def reset_peak_memory() -> None:
    """Start this process's peak-RSS count afresh, where Linux allows it."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_memory_mb() -> float:
    """This process's peak resident memory since the last reset, in MB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
