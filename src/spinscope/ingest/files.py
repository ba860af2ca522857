"""Open and read input files without hanging and without reading more than the cap allows.

Invariants: only regular files are opened (a FIFO, a device or a socket is refused before it
is opened, so opening never blocks and ``/dev/zero`` is never read), and no read takes more
than the cap plus one byte, which is how a file over the cap is told apart.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from spinscope.errors import InputError

__all__ = ["open_regular", "read_capped"]

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def open_regular(path: Path) -> BinaryIO:
    """Open `path` for reading bytes, refusing anything that is not a regular file.

    Raises:
        InputError: ``input.special_file`` for a FIFO, device or socket; ``input.unreadable``
            when the file cannot be opened.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise _unreadable(path, error) from error
    if not stat.S_ISREG(mode):
        what = next((kind for test, kind in _KINDS if test(mode)), "not a regular file")
        raise InputError(
            f"{path} is {what}, not a regular file; spinscope reads files, folders and URLs, "
            "so save its content to a file, or pipe it to standard input (-)",
            code="input.special_file",
        )
    try:
        return path.open("rb")
    except OSError as error:
        raise _unreadable(path, error) from error


def read_capped(stream: BinaryIO, *, limit: int) -> bytes:
    """Read `stream` to its end or to `limit` + 1 bytes, whichever comes first.

    A result longer than `limit` means the input is over it; nothing past that is read.
    """
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _unreadable(path: Path, error: OSError) -> InputError:
    return InputError(
        f"{path} could not be read ({error.strerror or error}); check its permissions",
        code="input.unreadable",
    )
