"""Benchmark start-up: `import spinscope`, `spinscope --help` and a command's help, each in fresh processes.

Public names load on first use, and the CLI imports the library inside its commands: numpy,
spaCy, onnxruntime and the models load when a command needs them, so none of these should
take more than half a second. Each command runs `--runs` times; the median and the slowest
run are printed.

    python benchmarks/startup.py
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cli = shutil.which("spinscope") or str(Path(sys.executable).with_name("spinscope"))
    commands = {
        "import spinscope": [sys.executable, "-c", "import spinscope"],
        "spinscope --help": [cli, "--help"],
        "spinscope analyze --help": [cli, "analyze", "--help"],
    }
    print("| command | median s | slowest s | target | runs |\n|---|---:|---:|---:|---:|")
    for name, command in commands.items():
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache once
        seconds = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            seconds.append(time.perf_counter() - started)
        median = statistics.median(seconds)
        print(f"| `{name}` | {median:.2f} | {max(seconds):.2f} | < {TARGET_SECONDS} | {args.runs} |")


if __name__ == "__main__":
    main()
