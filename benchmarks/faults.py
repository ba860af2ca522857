"""Fault injection on `spinscope batch`: workers and the batch itself killed mid-run.

The corpus is the first ``--articles`` articles of the PTC training set, cut to their first
1,500 characters, as .txt files, plus a JSONL corpus of the same number of records whose ids
repeat those of a second JSONL corpus (two corpora sharing ids). Every run is the real
``spinscope batch`` command (``--workers 2 --stages nlp``, the cheapest stage, so the figures
are about the runner and not the models), in its own process:

1. Worker kills: while one batch runs, a worker is killed with SIGKILL ``--worker-kills``
   times, the first after 3 records and each next one 24 records later (after the inputs in
   flight at the last kill have been redone, so that no kill lands on an input's one retry).
   A kill survived is one after which the run still ends with
   every input's record, none of them failed with ``batch.worker`` (the only input the
   runner may blame is one that kills a worker twice by itself; none here does).
2. Batch kills: a fresh batch is killed with SIGKILL once some records are written, and run
   again over the same output, ``--batch-kills`` times, then run to the end. A kill resumed
   is one after which the next run carries on. After each kill, the processes the batch had
   started (its workers and multiprocessing's resource tracker) are counted again after 5 s:
   any still alive is an orphan.

At the end, for each output: records lost (inputs with no record; target 0) and duplicates
(records beyond one per input; target 0).

Run it from the repository root (a few minutes on 2 cores):

    python benchmarks/faults.py
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

DEFAULT_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020-task11" / "train-articles"
ORPHAN_GRACE = 5.0
KILL_SPACING = 24  # records: more than the (2 x workers + 1) chunks of 4 in flight at a kill


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="folder of article .txt files")
    parser.add_argument("--count", type=int, default=30, help="articles to use (and JSONL records per corpus)")
    parser.add_argument("--worker-kills", type=int, default=3)
    parser.add_argument("--batch-kills", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spinscope-faults-") as scratch:
        folder = Path(scratch) / "corpus"
        inputs = build_corpus(args.articles, folder, args.count)
        expected = 3 * args.count

        out = Path(scratch) / "worker-kills.jsonl"
        survived, blamed = worker_kills(folder, out, args.worker_kills)
        lost_a, duplicates_a = account(out, expected)

        out = Path(scratch) / "batch-kills.jsonl"
        resumed, orphans = batch_kills(folder, out, args.batch_kills)
        lost_b, duplicates_b = account(out, expected)

    print(f"inputs per run:                 {expected} ({inputs})")
    print(f"worker kills survived:          {survived}/{args.worker_kills} (inputs failed as batch.worker: {blamed})")
    print(f"batch kills resumed:            {resumed}/{args.batch_kills}")
    print(f"records lost:                   {lost_a + lost_b} (target 0)")
    print(f"duplicate records:              {duplicates_a + duplicates_b} (target 0)")
    print(f"orphan processes after a kill:  {orphans} (target 0, counted {ORPHAN_GRACE:g} s after each kill)")


def build_corpus(articles: Path, folder: Path, count: int) -> str:
    """Write `count` .txt articles and two JSONL corpora of `count` records sharing their ids."""
    folder.mkdir(parents=True)
    texts = [path.read_text(encoding="utf-8")[:1500] for path in sorted(articles.glob("*.txt"))[:count]]
    for number, text in enumerate(texts):
        (folder / f"article-{number:03}.txt").write_text(text, encoding="utf-8")
    for corpus, shift in (("wire-a", 1), ("wire-b", 2)):
        lines = [json.dumps({"id": f"story-{n}", "text": texts[(n + shift) % count]}) for n in range(count)]
        (folder / f"{corpus}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"{count} .txt files and two .jsonl corpora of {count} records with the same ids"


def batch(folder: Path, out: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "spinscope",
        "batch",
        str(folder),
        "--out",
        str(out),
        "--workers",
        "2",
        "--stages",
        "nlp",
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def worker_kills(folder: Path, out: Path, kills: int) -> tuple[int, int]:
    """Kill a worker `kills` times during one run; return the kills survived and inputs blamed."""
    run = batch(folder, out)
    done, at_least = 0, 3
    for _ in range(kills):
        workers = wait_for_workers(run.pid, lines_in=out, at_least=at_least)
        if not workers:
            break
        os.kill(workers[0], signal.SIGKILL)
        done += 1
        # The next kill waits until the inputs in flight at this one have been redone, so that
        # it cannot land on an input's one retry (which would rightly blame that input).
        at_least = records(out) + KILL_SPACING
    run.wait()
    blamed = sum(1 for record in read(out) if (record.get("error") or {}).get("code") == "batch.worker")
    survived = done if run.returncode == 0 and blamed == 0 else 0
    return survived, blamed


def batch_kills(folder: Path, out: Path, kills: int) -> tuple[int, int]:
    """Kill the batch `kills` times, rerunning it over the same output; return the kills
    resumed and the orphans counted."""
    resumed = orphans = 0
    for attempt in range(kills):
        run = batch(folder, out)
        wait_for_workers(run.pid, lines_in=out, at_least=records(out) + 5)
        started = descendants(run.pid)
        before = records(out)
        run.send_signal(signal.SIGKILL)
        run.wait()
        time.sleep(ORPHAN_GRACE)
        left = [pid for pid in started if alive(pid)]
        orphans += len(left)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        again = batch(folder, out)  # the resumed run: it must go on from what is written
        again.wait()
        resumed += again.returncode == 0 and records(out) > before
        if attempt < kills - 1:
            out.unlink()  # start afresh so that the next kill also lands mid-run
    return resumed, orphans


def wait_for_workers(pid: int, *, lines_in: Path, at_least: int, limit: float = 300) -> list[int]:
    """The batch's worker processes, once `lines_in` holds `at_least` records (or its end)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and alive(pid):
        workers = [child for child in descendants(pid) if "resource_tracker" not in cmdline(child)]
        if workers and records(lines_in) >= at_least:
            return workers
        time.sleep(0.05)
    return []


def records(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def account(out: Path, expected: int) -> tuple[int, int]:
    """Records lost (expected inputs without a record) and duplicates, by the batch's key."""
    keys = Counter((record["source"]["kind"], record["input"]["path"], record["input"]["item"]) for record in read(out))
    return max(0, expected - len(keys)), sum(count - 1 for count in keys.values())


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


if __name__ == "__main__":
    main()
