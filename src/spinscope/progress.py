"""How long library work reports its progress: one callable type with one meaning.

Every function that reports progress takes ``progress: Progress | None = None`` and calls it
as ``progress(step, done, total)``:

- `step` names the work being counted (``"scoring"``, ``"analysing"``, ``"encoding articles"``,
  ``"cross-validating"``); a function may report several steps, one after another;
- `done` is how many of the step's items are finished so far: a running count, never an
  increment;
- `total` is how many items the step has, the same in every call of that step.

Invariants: within a step `done` never decreases, and the step's last call has
``done == total`` when the work runs to its end.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Progress"]

Progress = Callable[[str, int, int], None]
"""Called with ``(step, done, total)``; see the module's documentation."""
