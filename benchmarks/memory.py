"""Peak memory of one ``spinscope analyze`` as the article grows: the figures behind
`IngestSettings.max_chars`.

For each length, the example article (``examples/victory-day.txt``) is repeated, its body
only after the first copy, and cut to that many characters; ``spinscope analyze FILE -f json
-o /dev/null --max-chars N`` then runs in its own process under ``/usr/bin/time -v``, and the
script prints its peak RSS (max resident set size) and wall-clock seconds, and the memory per
character between the shortest and longest text.

Run it from the repository root (each length is one full analysis; 300,000 characters take
about two minutes on two cores):

    python benchmarks/memory.py --chars 20000 50000 150000 300000 330000
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "victory-day.txt"


def article_of(length: int) -> str:
    """The example article repeated (its body only after the first copy) and cut to `length`."""
    first = EXAMPLE.read_text(encoding="utf-8")
    body = first.split("\n\n", 1)[1]
    text = first
    while len(text) < length:
        text += "\n\n" + body
    return text[:length]


def measure(path: Path, length: int) -> tuple[float, float]:
    """Peak RSS in GB and wall-clock seconds of one analysis of `path`."""
    command = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        "-m",
        "spinscope",
        "analyze",
        str(path),
        "-f",
        "json",
        "-o",
        "/dev/null",
        "--max-chars",
        str(length),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"spinscope analyze failed on {length:,} characters:\n{result.stderr}")
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    hours, minutes, seconds = (float(part or 0) for part in clock.groups())
    return peak_kb / 1e6, hours * 3600 + minutes * 60 + seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, nargs="+", default=[20_000, 50_000, 150_000, 300_000])
    args = parser.parse_args()
    print(f"{'characters':>10} {'words':>8} {'peak RSS GB':>12} {'seconds':>8}")
    peaks = {}
    with tempfile.TemporaryDirectory() as folder:
        for length in sorted(args.chars):
            path = Path(folder) / f"article-{length}.txt"
            text = article_of(length)
            path.write_text(text, encoding="utf-8")
            peak, seconds = measure(path, length)
            peaks[length] = peak
            print(f"{length:>10,} {len(text.split()):>8,} {peak:>12.2f} {seconds:>8.1f}", flush=True)
    if len(peaks) > 1:
        low, high = min(peaks), max(peaks)
        print(f"memory per character: {(peaks[high] - peaks[low]) * 1e6 / (high - low):.1f} KB")


if __name__ == "__main__":
    main()
