"""The local engine's worker processes: a dying worker costs only its own input, and no
worker outlives the process that started it. Real processes, a stand-in for the analysis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spinscope.batch.engines import run_pool

from .workers import documents, faulty_work

ROOT = Path(__file__).resolve().parents[2]


def _run(texts: list[str], *, workers: int = 2, chunk_size: int = 4) -> list[dict]:
    return [record for record, _ in run_pool(documents(*texts), faulty_work, workers=workers, chunk_size=chunk_size)]


def test_a_dying_worker_costs_only_the_input_that_kills_it_again(tmp_path: Path) -> None:
    texts = [f"Article {number} is fine." for number in range(16)]
    texts[2] = f"KILL-ONCE {tmp_path / 'killed'} as a worker killed from outside"
    texts[9] = texts[10] = "KILL this worker every time"  # two in one chunk
    records = _run(texts, workers=2, chunk_size=4)
    assert [record["source"]["name"] for record in records] == [f"doc-{n}" for n in range(16)]  # input order
    failed = {record["source"]["name"]: record["error"]["code"] for record in records if "error" in record}
    assert failed == {"doc-9": "batch.worker", "doc-10": "batch.worker"}


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the batch's processes in /proc (Linux)")
def test_workers_exit_when_the_batch_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen([sys.executable, "-m", "tests.batch.workers", str(tmp_path)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while len([p for p in tmp_path.iterdir()]) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # both workers are busy sleeping
        helpers = _descendants(parent.pid)  # the two workers and the resource tracker
        assert len(helpers) >= 2
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, helpers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in helpers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # clean up after a failure
    assert not left
