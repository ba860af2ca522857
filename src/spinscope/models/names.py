"""Names replaced by neutral placeholders, so that a model sees no side's names.

The techniques model reads a masked copy of the text: every mention of a person, group,
place or organisation becomes the one word `PLACEHOLDER`. An article and the same article
with its two sides' names swapped then give the model the same input, and so the same spans,
techniques and scores. One word serves every kind of name because the tagger's labels are
not stable under a swap (the small English model calls "Armenia" a place in one sentence and
a person in the same sentence with "Azerbaijan"). `NameMask` maps spans between the original
and the masked text in both directions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

__all__ = ["MASKED_LABELS", "PLACEHOLDER", "NameMask", "mask_names"]

# The kinds of names that mark a side.
MASKED_LABELS = frozenset({"PERSON", "NORP", "GPE", "LOC", "FAC", "ORG"})
PLACEHOLDER = "Name"


@dataclass(frozen=True)
class NameMask:
    """A text with its names replaced, and the maps between its offsets and the original's."""

    text: str
    _masked_start: np.ndarray  # original offset -> masked offset, for span starts
    _masked_end: np.ndarray  # original offset -> masked offset, for span ends
    _original_start: np.ndarray  # masked offset -> original offset, for span starts
    _original_end: np.ndarray  # masked offset -> original offset, for span ends

    def to_masked(self, start: int, end: int) -> tuple[int, int]:
        """The masked span of original `[start, end)`; a cut name takes its whole placeholder."""
        return int(self._masked_start[start]), int(self._masked_end[end])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of masked `[start, end)`; a cut placeholder takes its whole name."""
        return int(self._original_start[start]), int(self._original_end[end])


def mask_names(text: str, names: Iterable[tuple[int, int, str]]) -> NameMask:
    """Replace each `(start, end, label)` name of `text` whose label is in `MASKED_LABELS`.

    Overlapping names keep the first; names with other labels are left as they are.
    """
    pieces: list[str] = []
    masked_start = np.zeros(len(text) + 1, np.int64)
    masked_end = np.zeros(len(text) + 1, np.int64)
    original_start: list[int] = []
    original_end: list[int] = []
    position = 0
    for start, end, label in sorted(names):
        if label not in MASKED_LABELS or start < position:
            continue
        _copy(text, position, start, pieces, masked_start, masked_end, original_start, original_end)
        placeholder = PLACEHOLDER
        here = len(original_start)
        masked_start[start:end] = here
        masked_end[start + 1 : end + 1] = here + len(placeholder)
        original_start.extend([start] * len(placeholder))
        original_end.extend([end] * len(placeholder))
        pieces.append(placeholder)
        position = end
    _copy(text, position, len(text), pieces, masked_start, masked_end, original_start, original_end)
    masked_start[len(text)] = len(original_start)
    original_start.append(len(text))
    original_end = [0, *original_end]
    return NameMask("".join(pieces), masked_start, masked_end, np.array(original_start), np.array(original_end))


def _copy(
    text: str,
    start: int,
    end: int,
    pieces: list[str],
    masked_start: np.ndarray,
    masked_end: np.ndarray,
    original_start: list[int],
    original_end: list[int],
) -> None:
    """Copy `text[start:end]` unchanged, extending the offset maps one to one."""
    if end <= start:
        return
    here = len(original_start)
    masked_start[start:end] = np.arange(here, here + end - start)
    masked_end[start + 1 : end + 1] = np.arange(here + 1, here + end - start + 1)
    original_start.extend(range(start, end))
    original_end.extend(range(start + 1, end + 1))
    pieces.append(text[start:end])
