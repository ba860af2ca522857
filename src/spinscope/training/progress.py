"""Progress reporting shared by the training commands."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Progress", "StepProgress", "counter"]

Progress = Callable[[int], None]  # called with how many more items are done
StepProgress = Callable[[str, int, int], None]  # called with (step, done, total)


def counter(progress: StepProgress | None, step: str, total: int) -> Progress | None:
    """A `Progress` that reports `step`'s running count out of `total` to `progress`; None without one."""
    if progress is None:
        return None
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        progress(step, done, total)

    return advance
