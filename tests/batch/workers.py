"""Work functions for the batch engine's fault tests, run in real worker processes.

They stand in for the analysis only, so that the engine's own handling of dying workers is
tested in seconds: a document whose text says ``KILL`` kills its worker with SIGKILL every
time; ``KILL-ONCE <path>`` kills it only while the marker file `path` does not exist yet
(creating it first), as a worker killed from outside would be; ``SLEEP`` sleeps a minute.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any


def documents(*texts: str) -> list[dict[str, Any]]:
    """Contract records of ingested documents, one per text, named ``doc-<n>``."""
    from spinscope.document import Document, Source

    return [Document(text, source=Source("text", f"doc-{number}")).to_dict() for number, text in enumerate(texts)]


def faulty_work(chunk: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], Any]:
    """Return each document as its record, unless its text asks the worker to die.

    Nothing of spinscope is imported here, so that a worker starts in a fraction of a second.
    """
    for document in chunk:
        words = document["text"].split()
        if words[0] == "KILL":
            os.kill(os.getpid(), signal.SIGKILL)
        if words[0] == "KILL-ONCE" and not Path(words[1]).exists():
            Path(words[1]).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        if words[0] == "SLEEP":
            Path(words[1], str(os.getpid())).touch()  # tell the test this worker is busy
            time.sleep(60)
    return list(chunk), None


def main(folder: str) -> None:
    """Run a pool whose workers sleep, so that a test can kill this process under them."""
    from spinscope.batch.engines import run_pool

    for _ in run_pool(documents(f"SLEEP {folder}", f"SLEEP {folder}"), faulty_work, workers=2, chunk_size=1):
        pass


if __name__ == "__main__":
    import sys

    main(sys.argv[1])
